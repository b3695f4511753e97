"""What every operator action is built on: `Action`, who asked (`Origin`), the refusal
(`ActionError`) and the look-ups by id every action checks with. The actions themselves live in
studio/actions.py (the show's moves, retime, relabel) and studio/order_edits.py (the running
order edited live); both import from here, and studio/actions.py names them all.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from studio.agenda import Agenda
from studio.state import ShowState, ShowStatus


class ActionError(Exception):
    """An action that makes no sense now (e.g. Next before Start); nothing was recorded.

    `str()` is the English reason (logs, CLI); `key` and `params` name it for the console to
    translate (`show.first_item`, `show.no_item` {item}, ...).
    """

    def __init__(
        self, message: str, *, key: str = "", params: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.key = key
        self.params: dict[str, Any] = dict(params or {})


class Origin(StrEnum):
    """Who asked for an action; journalled with it."""

    KEY = "key"  # a console key or button (a clicker sends keys too)
    MENU = "menu"  # a console menu or context menu
    HTTP = "http"
    WS = "ws"
    OSC = "osc"
    REHEARSAL = "rehearsal"  # a headless rehearsal driving the show
    ENGINE = "engine"  # tests, scripts, the engine itself


def not_running() -> ActionError:
    return ActionError("the show is not running", key="show.not_running")


def running_seg(s: ShowState) -> int:
    if s.status is not ShowStatus.RUNNING or s.seg is None:
        raise not_running()
    return s.seg


def item_index_of(agenda: Agenda, item_id: str) -> int:
    try:
        return agenda.item_index(item_id)
    except KeyError:
        raise ActionError(
            f"no item '{item_id}'", key="show.no_item", params={"item": item_id}
        ) from None


@dataclass(frozen=True)
class Action:
    """One operator action. `apply` changes a copy of the state the show made for it."""

    name: ClassVar[str]

    def args(self) -> dict[str, Any]:
        """What the journal records beside the name."""
        return {}

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Action:
        return cls()

    def apply(self, agenda: Agenda, s: ShowState, at: float, to: Any = None) -> None:
        """Change `s`; `to` is where the journal says the show went (by ids), when replaying."""
        raise NotImplementedError

    def resolved(self, agenda: Agenda) -> Action:
        """The action as the journal should record it, with what it leaves to the show made
        explicit (an inserted speaker's id): the same action for most."""
        return self

    def recues(self, agenda: Agenda, s: ShowState) -> bool:
        """Whether what is on air changed although the show stayed where it was (`s`, after
        the action): the cue goes to OBS again. Moving the show always cues."""
        return False


def segment_of(agenda: Agenda, item_id: str, speaker_id: str | None) -> int:
    """The segment an edit names by ids: an item's speaker, or its time with no speaker."""
    item_index_of(agenda, item_id)
    seg = agenda.segment_for(item_id, speaker_id)
    if seg is not None:
        return seg
    if speaker_id is None:
        raise ActionError(
            f"item '{item_id}' has no time outside its speakers'",
            key="show.no_item_time",
            params={"item": item_id},
        )
    raise ActionError(
        f"item '{item_id}' has no speaker '{speaker_id}'",
        key="show.no_speaker",
        params={"item": item_id, "speaker": speaker_id},
    )


def seconds_arg(args: Mapping[str, Any]) -> float:
    """An entry's `seconds` as a number; NaN for anything that is not one (the caller refuses
    it with its own sentence)."""
    try:
        return float(args.get("seconds", 0))
    except (TypeError, ValueError):
        return math.nan


def opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def unchanged() -> ActionError:
    return ActionError("nothing to change: it is so already", key="show.unchanged")
