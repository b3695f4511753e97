"""A re-plan as data: `Plan` and its `Change`s, the plan as a journal entry's arguments, and
applying an accepted plan to a show state.

The planner that proposes one is studio/replan.py's. This half imports only the agenda and the
state, so the journalled action that accepts a plan (studio/actions.py, a floor below the show)
can parse and apply it; the planner needs the show's timing and sits above it.

A plan names speakers and items by id, never by position, and carries each new allotment as an
absolute number of seconds: replayed against an agenda edited since, it gives the same speakers
the same times and never shifts a cut onto someone else; an id the agenda no longer has is left
out (studio/resume.py names what a journal refers to that is gone).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from studio.agenda import Agenda
from studio.state import ShowState, ShowStatus


@dataclass(frozen=True)
class Change:
    """One segment's allotment before and after the plan (seconds), named by item and speaker
    id (speaker None: the item's time with no speaker, such as a break or an open floor)."""

    item: str
    speaker: str | None
    old: float
    new: float

    def as_args(self) -> dict[str, Any]:
        return {"item": self.item, "speaker": self.speaker, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class Plan:
    """A proposal to end on time, computed for one instant (`at`).

    `target` is the point it aims at: the start of the next fixed-start item (`target_item`)
    when the show is projected to pass it, else the show's end target. `overrun` is how late the
    show is projected at its worst hard point (a fixed start or the end) without the plan, and
    `miss_by` how late it still is with it: 0 and `reaches_target` when every fixed start ahead
    and the end are reached. `before_end` and `new_end` are the projected ends of the show
    without and with the plan (what the console's projected end says). `changes` are the
    shortened segments in show order, `dropped` the ids of optional items left out.
    """

    at: float
    target: float
    target_item: str | None
    before_end: float
    new_end: float
    overrun: float
    changes: tuple[Change, ...]
    dropped: tuple[str, ...]
    reaches_target: bool
    miss_by: float

    @property
    def empty(self) -> bool:
        """True when there is nothing left to shorten or drop (every floor is reached)."""
        return not self.changes and not self.dropped

    def as_args(self) -> dict[str, Any]:
        """The plan as a journalled action's arguments: JSON-able, ids never positions. (Not
        `to`, `origin` or `client`: the journal adds those beside every action's arguments.)"""
        return {
            "at": self.at,
            "target": self.target,
            "target_item": self.target_item,
            "before_end": self.before_end,
            "new_end": self.new_end,
            "overrun": self.overrun,
            "changes": [c.as_args() for c in self.changes],
            "dropped": list(self.dropped),
            "reaches_target": self.reaches_target,
            "miss_by": self.miss_by,
        }

    @classmethod
    def from_args(cls, agenda: Agenda, args: Mapping[str, Any]) -> Plan:
        """The plan a journal entry's arguments hold. Changes and dropped items the agenda no
        longer has are left out. Raises ValueError when the arguments are not a plan."""
        changes = tuple(
            c
            for c in (_change(raw) for raw in _list(args, "changes"))
            if agenda.segment_for(c.item, c.speaker) is not None
        )
        known = {item.id for item in agenda.items}
        dropped = tuple(d for d in (_text(d, "dropped") for d in _list(args, "dropped")) if d)
        miss_by = _number(args, "miss_by")
        reaches = args.get("reaches_target", miss_by <= 0)
        target_item = args.get("target_item")
        if not isinstance(reaches, bool):
            raise ValueError(f"expected reaches_target to be true or false, got {reaches!r}")
        return cls(
            at=_number(args, "at"),
            target=_number(args, "target"),
            target_item=None if target_item is None else _text(target_item, "target_item"),
            before_end=_number(args, "before_end"),
            new_end=_number(args, "new_end"),
            overrun=_number(args, "overrun"),
            changes=changes,
            dropped=tuple(d for d in dropped if d in known),
            reaches_target=reaches,
            miss_by=miss_by,
        )


def apply_plan(agenda: Agenda, s: ShowState, plan: Plan) -> None:
    """Give `s` the plan's allotments and skip its dropped items, in place: call it on the copy
    of the state the show made for the action (as every action's `apply` does).

    An allotment is the agenda's plus `extra`, so `extra` becomes the difference: absolute, so
    a plan replayed twice, or after an extension, still gives the speaker the plan's time. A
    dropped item is skipped the way Skip skips an item that has not run; one that has run by
    now (the plan accepted late, or replayed on another show) stays as it is.
    """
    for change in plan.changes:
        seg = agenda.segment_for(change.item, change.speaker)
        if seg is not None:
            s.extra[seg] = max(0.0, change.new) - agenda.segments[seg].allotted
    running = s.status is ShowStatus.RUNNING and s.seg is not None
    current = agenda.segments[s.seg].item_index if running and s.seg is not None else None
    for item_id in plan.dropped:
        try:
            index = agenda.item_index(item_id)
        except KeyError:
            continue
        if index != current and s.item_start[index] is None:
            s.skipped.add(index)


def applied(agenda: Agenda, state: ShowState, plan: Plan) -> ShowState:
    """A copy of `state` with the plan applied; `state` is left as it is."""
    s = state.copy()
    apply_plan(agenda, s, plan)
    return s


def _list(args: Mapping[str, Any], key: str) -> list[Any]:
    value = args.get(key, [])
    if not isinstance(value, list | tuple):
        raise ValueError(f"expected {key} to be a list, got {value!r}")
    return list(value)


def _number(args: Mapping[str, Any], key: str) -> float:
    value = args.get(key)
    # A bool is an int to Python, never a time to a plan; NaN or infinity are no instants.
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"expected {key} to be a number of seconds, got {value!r}")
    return float(value)


def _text(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected {key} to name an item by id, got {value!r}")
    return value


def _change(raw: Any) -> Change:
    if not isinstance(raw, Mapping):
        raise ValueError(f"expected a change to be an object, got {raw!r}")
    speaker = raw.get("speaker")
    if speaker is not None and not isinstance(speaker, str):
        raise ValueError(f"expected a change's speaker to be an id or null, got {speaker!r}")
    new = _number(raw, "new")
    if new < 0:
        raise ValueError(f"expected a change's new allotment to be 0 or more, got {new!r}")
    return Change(_text(raw.get("item"), "item"), speaker, _number(raw, "old"), new)


__all__ = ["Change", "Plan", "applied", "apply_plan"]
