"""The operator's actions, one small class each: what it needs, when it makes sense, what it does.

A console key, a menu item, the control API and a rehearsal all build the same typed action and
hand it to `Runtime.act` with their `Origin`; the show checks it (`ActionError` when it makes no
sense now, with nothing recorded), journals it with its origin, and folds it into the state with
`apply`. Replaying the journal parses each entry back into its action (`parse_action`) and applies
it again, so a live show and its replay can never take different paths.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from studio.action_base import (
    Action,
    ActionError,
    Origin,
    item_index_of,
    not_running,
    opt_str,
    running_seg,
    seconds_arg,
    segment_of,
    unchanged,
)
from studio.agenda import MAX_DURATION, Agenda
from studio.order_edits import Insert, Move, Remove
from studio.replan_model import Plan, apply_plan
from studio.state import (
    ELSEWHERE,
    ShowState,
    ShowStatus,
    enter,
    finish,
    finished,
    first_open,
    go,
    neighbour,
    pinned,
    relabelled,
    speaker_at,
    used_by,
    visit_end,
)
from studio.timefmt import clock_text

MAX_LABEL = 200
"""The longest name or role a fix on air may set (a lower third holds far less)."""


@dataclass(frozen=True)
class Start(Action):
    name: ClassVar[str] = "start"

    def apply(self, agenda: Agenda, s: ShowState, at: float, to: Any = None) -> None:
        if s.status is not ShowStatus.PRE:
            raise ActionError("the show has already started", key="show.already_started")
        first = first_open(agenda, s)
        if first is None:
            raise ActionError("every item is skipped", key="show.all_skipped")
        s.started_at = at
        target = pinned(agenda, to, first)
        enter(agenda, s, first if target is None or target < 0 else target, at)
        if target == ELSEWHERE:
            go(agenda, s, target, at)


@dataclass(frozen=True)
class Next(Action):
    name: ClassVar[str] = "next"

    def apply(self, agenda: Agenda, s: ShowState, at: float, to: Any = None) -> None:
        seg = running_seg(s)
        go(agenda, s, pinned(agenda, to, neighbour(agenda, s, seg, 1)), at)


@dataclass(frozen=True)
class Back(Action):
    name: ClassVar[str] = "back"

    def apply(self, agenda: Agenda, s: ShowState, at: float, to: Any = None) -> None:
        seg = running_seg(s)
        target = neighbour(agenda, s, seg, -1)
        if target is None:
            raise ActionError("already at the first item", key="show.first_item")
        go(agenda, s, pinned(agenda, to, target), at)


@dataclass(frozen=True)
class Goto(Action):
    """Jump to an item (before the start it starts the show; after the end it reopens it)."""

    name: ClassVar[str] = "goto"
    item: str = ""

    def args(self) -> dict[str, Any]:
        return {"item": self.item}

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Action:
        return cls(str(args.get("item", "")))

    def apply(self, agenda: Agenda, s: ShowState, at: float, to: Any = None) -> None:
        index = item_index_of(agenda, self.item)
        if s.status is ShowStatus.PRE:
            s.started_at = at
        s.skipped.discard(index)
        if s.status is ShowStatus.ENDED:
            s.ended_at = None
        first = agenda.first_segment(index)
        target = pinned(agenda, to, first)
        enter(agenda, s, first if target is None or target < 0 else target, at)


@dataclass(frozen=True)
class Hold(Action):
    name: ClassVar[str] = "hold"

    def apply(self, agenda: Agenda, s: ShowState, at: float, to: Any = None) -> None:
        seg = running_seg(s)
        if s.held_since is not None:
            raise ActionError("already on hold", key="show.on_hold")
        visit_end(s, seg, at)
        s.held_since = at


@dataclass(frozen=True)
class Resume(Action):
    name: ClassVar[str] = "resume"

    def apply(self, agenda: Agenda, s: ShowState, at: float, to: Any = None) -> None:
        if s.held_since is None:
            raise ActionError("not on hold", key="show.not_on_hold")
        s.held_total += at - s.held_since
        s.held_since = None
        s.visit_start = at


@dataclass(frozen=True)
class Extend(Action):
    """Give the current speaker more time (or less, with negative seconds)."""

    name: ClassVar[str] = "extend"
    seconds: float = 0.0

    def args(self) -> dict[str, Any]:
        return {"seconds": self.seconds}

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Action:
        try:
            return cls(float(args.get("seconds", 0)))
        except (TypeError, ValueError):
            raise ActionError(
                f"not a number of seconds: {args.get('seconds')!r}", key="show.bad_seconds"
            ) from None

    def apply(self, agenda: Agenda, s: ShowState, at: float, to: Any = None) -> None:
        seg = running_seg(s)
        if agenda.segments[seg].allotted + s.extra[seg] + self.seconds < 0:
            raise ActionError("the speaker's time cannot go below zero", key="show.below_zero")
        s.extra[seg] += self.seconds


@dataclass(frozen=True)
class Skip(Action):
    """Skip an item that has not run (or the rest of the current one, with no item)."""

    name: ClassVar[str] = "skip"
    item: str | None = None

    def args(self) -> dict[str, Any]:
        return {} if self.item is None else {"item": self.item}

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Action:
        item = args.get("item")
        return cls(None if item is None else str(item))

    def apply(self, agenda: Agenda, s: ShowState, at: float, to: Any = None) -> None:
        running = s.status is ShowStatus.RUNNING
        index = agenda.segments[running_seg(s)].item_index if self.item is None else None
        if index is None:
            index = item_index_of(agenda, str(self.item))
        current = agenda.segments[s.seg].item_index if s.seg is not None and running else None
        if index != current and s.item_start[index] is not None:
            raise ActionError("that item has already run", key="show.already_ran")
        s.skipped.add(index)
        if index == current and s.seg is not None:
            go(agenda, s, pinned(agenda, to, neighbour(agenda, s, s.seg, 1)), at)


@dataclass(frozen=True)
class End(Action):
    name: ClassVar[str] = "end"

    def apply(self, agenda: Agenda, s: ShowState, at: float, to: Any = None) -> None:
        if s.status is not ShowStatus.RUNNING:
            raise not_running()
        finish(agenda, s, at)


@dataclass(frozen=True)
class AcceptPlan(Action):
    """Take a plan to end on time (studio/replan.py proposes it): the allotments it names by
    id and the optional items it drops. One action, replayed like any other."""

    name: ClassVar[str] = "plan"
    plan: Mapping[str, Any] = field(default_factory=dict)

    def args(self) -> dict[str, Any]:
        return dict(self.plan)

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Action:
        plan = {k: v for k, v in args.items() if k not in ("to", "origin", "client")}
        return cls(plan)

    def apply(self, agenda: Agenda, s: ShowState, at: float, to: Any = None) -> None:
        if s.status is ShowStatus.ENDED:
            raise ActionError("the show has ended: there is nothing to re-plan", key="show.ended")
        try:
            plan = Plan.from_args(agenda, self.plan)
        except ValueError as exc:
            raise ActionError(
                f"not a plan: {exc}", key="show.bad_plan", params={"reason": str(exc)}
            ) from None
        apply_plan(agenda, s, plan)


@dataclass(frozen=True)
class Retime(Action):
    """Change a remaining allotment, live: an item's speaker (or the item's time with no
    speaker) gets `seconds` in all, what they used included. Never below what they have used;
    never for a segment the show has finished."""

    name: ClassVar[str] = "retime"
    item: str = ""
    speaker: str | None = None
    seconds: float = 0.0

    def args(self) -> dict[str, Any]:
        return {"item": self.item, "speaker": self.speaker, "seconds": self.seconds}

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Action:
        seconds = seconds_arg(args)
        if not math.isfinite(seconds) or seconds > MAX_DURATION:
            raise ActionError(
                f"not a number of seconds: {args.get('seconds')!r}", key="show.bad_seconds"
            )
        return cls(str(args.get("item", "")), opt_str(args.get("speaker")), seconds)

    def apply(self, agenda: Agenda, s: ShowState, at: float, to: Any = None) -> None:
        seg = segment_of(agenda, self.item, self.speaker)
        if s.status is ShowStatus.ENDED:
            raise ActionError("the show has ended", key="show.over")
        if self.seconds < 0:
            raise ActionError("the speaker's time cannot go below zero", key="show.below_zero")
        if finished(s, seg):
            raise ActionError("that part of the show is over", key="show.finished")
        used = used_by(s, seg, at)
        if self.seconds < used:
            shown = clock_text(math.ceil(used))
            raise ActionError(
                f"below the {shown} already used", key="show.below_used", params={"used": shown}
            )
        extra = self.seconds - agenda.segments[seg].allotted
        if extra == s.extra[seg]:
            raise unchanged()
        s.extra[seg] = extra


@dataclass(frozen=True)
class Relabel(Action):
    """Fix a speaker's name and/or role on air (a typo in the lower third), as the broadcast
    language shows it (studio.state.relabelled); if they are on air, the corrected lower third
    goes to OBS at once. A fix of the name and one of the role later both hold."""

    name: ClassVar[str] = "relabel"
    item: str = ""
    speaker: str = ""
    new_name: str | None = None
    new_role: str | None = None

    def args(self) -> dict[str, Any]:
        out: dict[str, Any] = {"item": self.item, "speaker": self.speaker}
        if self.new_name is not None:
            out["name"] = self.new_name
        if self.new_role is not None:
            out["role"] = self.new_role
        return out

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Action:
        return cls(
            str(args.get("item", "")),
            str(args.get("speaker") or ""),
            opt_str(args.get("name")),
            opt_str(args.get("role")),
        )

    def apply(self, agenda: Agenda, s: ShowState, at: float, to: Any = None) -> None:
        if not self.speaker:
            raise ActionError(
                f"item '{self.item}' has no speaker ''",
                key="show.no_speaker",
                params={"item": self.item, "speaker": ""},
            )
        seg = segment_of(agenda, self.item, self.speaker)
        fixes = (self.new_name, self.new_role)
        if all(f is None for f in fixes) or any(
            f is not None and not 0 < len(f.strip()) <= MAX_LABEL for f in fixes
        ):
            raise ActionError(
                "a name or role must be 1 to 200 characters",
                key="show.bad_label",
                params={"max": MAX_LABEL},
            )
        old_name, old_role = s.labels.get(seg, (None, None))
        label = (
            old_name if self.new_name is None else self.new_name.strip(),
            old_role if self.new_role is None else self.new_role.strip(),
        )
        place = agenda.segments[seg]
        assert place.speaker_index is not None  # a speaker id names a speaker's segment
        original = agenda.items[place.item_index].speakers[place.speaker_index]
        fixed = relabelled(original, *label, agenda.event.broadcast_language)
        if fixed == speaker_at(agenda, s, seg):
            raise unchanged()
        s.labels[seg] = label

    def recues(self, agenda: Agenda, s: ShowState) -> bool:
        # The speaker on air: their corrected lower third goes to OBS now.
        seg = agenda.segment_for(self.item, self.speaker) if self.speaker else None
        return s.status is ShowStatus.RUNNING and seg is not None and s.seg == seg


ACTION_TYPES: dict[str, type[Action]] = {
    cls.name: cls
    for cls in (
        *(Start, Next, Back, Goto, Hold, Resume, Extend, Skip, End, AcceptPlan),
        *(Retime, Relabel, Move, Insert, Remove),  # the running order edited live
    )
}
ACTIONS = tuple(ACTION_TYPES)


def parse_action(name: str, args: Mapping[str, Any] | None = None) -> Action:
    """The typed action a name and its arguments stand for (from a journal line or an API)."""
    cls = ACTION_TYPES.get(name)
    if cls is None:
        raise ActionError(
            f"unknown action '{name}'", key="show.unknown_action", params={"name": name}
        )
    return cls.from_args(args or {})


__all__ = [
    "ACTIONS",
    "ACTION_TYPES",
    "AcceptPlan",
    "Action",
    "ActionError",
    "Back",
    "End",
    "Extend",
    "Goto",
    "Hold",
    "Insert",
    "Move",
    "Next",
    "Origin",
    "Relabel",
    "Remove",
    "Resume",
    "Retime",
    "Skip",
    "Start",
    "parse_action",
]
