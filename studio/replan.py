"""The re-planner: when the show runs late, a plan to end on time (`propose`), and whether it is
worth showing the moderator (`worth_proposing`).

The plan shortens what is left in a clear order: breaks first (down to `break_floor` of their
planned length), then the other remaining segments (speakers, open floors, the closing) in
proportion to their allotment (never below `floor` of it), then it drops items the agenda marks
`optional: true`, latest first, as whole items. Only what is still to come is shortened: the
segments after the current one and the rest of the current one, never below what a speaker has
already used. Fixed starts never move: a fixed-start item is never dropped, and the show is cut
into stretches between fixed starts, each of which must reach the next fixed start (the last one
the end target). Lateness in one stretch can only be won back inside it: cutting before a fixed
start the show already reaches in time would only lengthen the wait for it. A planned hole (time
before a fixed start no item fills) is slack that absorbs lateness before anything is cut.

The arithmetic is the show's projection (studio/show.py's `_Projection`), walked once: a segment
that begins at instant c ends at max(c, its fixed start) + what is left of its allotment, so the
new end a plan states is the projected end the console shows once it is accepted. The plan as
data and applying it are studio/replan_model.py's (importable from here too).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from studio.agenda import Agenda
from studio.replan_model import Change, Plan, applied, apply_plan
from studio.show import elapsed
from studio.state import ShowState, ShowStatus

DEFAULT_FLOOR = 0.7
DEFAULT_BREAK_FLOOR = 0.5
DEFAULT_THRESHOLD = 60.0

# Sums of float seconds differ in the last bits by the order they are added in: lateness within
# a microsecond is on time.
_EPS = 1e-6


@dataclass
class _Slot:
    """One segment still to come: its allotment now, the time used of it, and the lowest the
    plan may shorten it to (its floor, never below what is used)."""

    seg: int
    item: int
    allot: float
    used: float
    lowest: float
    is_break: bool
    new: float = field(init=False)

    def __post_init__(self) -> None:
        self.new = self.allot

    @property
    def left(self) -> float:
        return max(0.0, self.new - self.used)

    @property
    def room(self) -> float:
        """Seconds the plan may take from it."""
        return max(0.0, self.allot - max(self.used, self.lowest))


@dataclass
class _Stretch:
    """Segments from one fixed start (or from now) to the next fixed start (or the end): its
    slots, the fixed start it waits for (None: it runs on from the one before), and the deadline
    it must reach, the next stretch's fixed start or the end target."""

    fixed: float | None
    slots: list[_Slot]
    deadline: float = 0.0
    deadline_item: int | None = None
    dropped: list[int] = field(default_factory=list)

    def running(self) -> Iterable[_Slot]:
        return (s for s in self.slots if s.item not in self.dropped)

    def arrival(self, cursor: float) -> float:
        """When the stretch ends if the show reaches its start at `cursor`."""
        begin = cursor if self.fixed is None else max(cursor, self.fixed)
        return begin + sum(s.left for s in self.running())


def propose(
    agenda: Agenda,
    state: ShowState,
    now: float,
    *,
    target: float | None = None,
    floor: float = DEFAULT_FLOOR,
    break_floor: float = DEFAULT_BREAK_FLOOR,
) -> Plan | None:
    """A plan to reach `target` (epoch seconds; default the event's end) and every fixed start
    ahead in time, or None when the show is projected to reach them all (or has ended).

    `floor` and `break_floor` are the shares of a segment's planned allotment it keeps at least
    (0..1); an item's own `floor` overrides both for its segments. Floors are rounded up to a
    whole second, and shortened allotments to whole seconds (the plan ends less than a second
    before it must). When the floors and the optional items cannot make up the lateness, the
    plan still takes all they allow and says by how much it will miss (`miss_by`).
    """
    for name, share in (("floor", floor), ("break_floor", break_floor)):
        if not 0.0 <= share <= 1.0:
            raise ValueError(f"expected {name} to be a share from 0 to 1, got {share!r}")
    begun = _beginning(agenda, state, now)
    if begun is None:
        return None
    cursor, first = begun
    end_target = agenda.planned_end if target is None else float(target)
    stretches = _stretches(agenda, state, now, first, end_target, (floor, break_floor))
    before = _lateness(stretches, cursor)
    overrun = max((late for late, _ in before), default=0.0)
    if overrun <= _EPS:
        return None
    point = next(st for (late, _), st in zip(before, stretches, strict=True) if late > _EPS)
    before_end = before[-1][1]
    at = cursor
    for stretch in stretches:
        need = stretch.arrival(at) - stretch.deadline
        if need > _EPS:
            _shorten(agenda, state, stretch, need)
        at = stretch.arrival(at)
    after = _lateness(stretches, cursor)
    miss_by = max(0.0, max(late for late, _ in after))
    miss_by = 0.0 if miss_by <= _EPS else miss_by
    return Plan(
        at=now,
        target=point.deadline,
        target_item=None if point.deadline_item is None else agenda.items[point.deadline_item].id,
        before_end=before_end,
        new_end=after[-1][1],
        overrun=overrun,
        changes=_changes(agenda, stretches),
        dropped=tuple(agenda.items[i].id for st in stretches for i in sorted(st.dropped)),
        reaches_target=miss_by == 0.0,
        miss_by=miss_by,
    )


def worth_proposing(
    plan: Plan | None,
    last_plan: Plan | None,
    threshold: float = DEFAULT_THRESHOLD,
    *,
    accepted: bool = False,
) -> bool:
    """Whether to show `plan` to the moderator, given the last plan they dismissed (or
    accepted, with `accepted`): only when the show is late by more than `threshold` seconds and
    has drifted later by more than `threshold` since then. A plan aiming at another point (the
    fixed start it aimed at has passed) is new. Seconds of difference never bring a plan back:
    the moderator already said what they think of it.
    """
    if plan is None or plan.overrun <= threshold:
        return False
    if last_plan is None or (plan.target_item, plan.target) != (
        last_plan.target_item,
        last_plan.target,
    ):
        return True
    # What the moderator already knows: an accepted plan left the show `miss_by` late, a
    # dismissed one left it `overrun` late.
    known = last_plan.miss_by if accepted else last_plan.overrun
    return plan.overrun - known > threshold


def _beginning(agenda: Agenda, state: ShowState, now: float) -> tuple[float, int] | None:
    """Where the projection starts: the instant and the first segment still to come (the
    current one while the show runs), as studio/show.py's `Show.status` does; None once the
    show has ended."""
    if state.status is ShowStatus.RUNNING and state.seg is not None:
        return now, state.seg
    if state.status is ShowStatus.PRE:
        first = next(
            (s for s in agenda.segments if s.item_index not in state.skipped),
            None,
        )
        return (max(now, first.planned_start), 0) if first is not None else (now, 0)
    return None


def _stretches(
    agenda: Agenda,
    state: ShowState,
    now: float,
    first: int,
    end_target: float,
    floors: tuple[float, float],
) -> list[_Stretch]:
    """The segments still to come, cut at each fixed start into stretches with deadlines."""
    running = state.status is ShowStatus.RUNNING
    stretches = [_Stretch(None, [])]
    for seg in agenda.segments[first:]:
        i = seg.item_index
        if i in state.skipped:
            continue
        item = agenda.items[i]
        current = running and seg.index == first
        if item.start is not None and seg.index == agenda.first_segment(i) and not current:
            stretches[-1].deadline, stretches[-1].deadline_item = seg.planned_start, i
            stretches.append(_Stretch(seg.planned_start, []))
        stretches[-1].slots.append(_slot(agenda, state, now, seg.index, floors))
    # Segments a jump ahead went past are still to be done, after everything else (as the show's
    # projection counts them). `passed` is a newer ShowState field: read with getattr.
    for k in sorted(getattr(state, "passed", ())):
        if k < first and agenda.segments[k].item_index not in state.skipped:
            stretches[-1].slots.append(_slot(agenda, state, now, k, floors))
    stretches[-1].deadline = end_target
    return stretches


def _slot(
    agenda: Agenda, state: ShowState, now: float, k: int, floors: tuple[float, float]
) -> _Slot:
    seg = agenda.segments[k]
    used = elapsed(state, k, now)
    share = _floor_of(agenda, seg.item_index, floors)
    lowest = max(used, math.ceil(share * seg.allotted - _EPS))
    is_break = agenda.items[seg.item_index].kind == "break"
    return _Slot(k, seg.item_index, seg.allotted + state.extra[k], used, lowest, is_break)


def _floor_of(agenda: Agenda, item_index: int, floors: tuple[float, float]) -> float:
    """The share of its planned allotment a segment of the item keeps: the item's own `floor`
    (an agenda field that may not exist yet: read with getattr), else the default for its kind."""
    item = agenda.items[item_index]
    own = getattr(item, "floor", None)
    if isinstance(own, int | float) and not isinstance(own, bool):
        return min(1.0, max(0.0, float(own)))
    floor, break_floor = floors
    return break_floor if item.kind == "break" else floor


def _lateness(stretches: list[_Stretch], cursor: float) -> list[tuple[float, float]]:
    """Each stretch's lateness at its deadline and the instant it ends, as things stand."""
    out = []
    for stretch in stretches:
        cursor = stretch.arrival(cursor)
        out.append((cursor - stretch.deadline, cursor))
    return out


def _droppable(agenda: Agenda, state: ShowState, stretch: _Stretch) -> list[int]:
    """Items of the stretch the plan may drop, latest first: marked optional, not begun, and
    with no fixed start (a fixed start is a hard point: an external feed waits for it)."""
    items = dict.fromkeys(s.item for s in stretch.slots)
    return [
        i
        for i in reversed(items)
        if getattr(agenda.items[i], "optional", False) is True
        and agenda.items[i].start is None
        and state.item_start[i] is None
    ]


def _shorten(agenda: Agenda, state: ShowState, stretch: _Stretch, need: float) -> None:
    """Win back `need` seconds in the stretch, or all its floors and optional items allow."""
    candidates = _droppable(agenda, state, stretch)
    # Drop only when shortening everything to its floor is not enough; the cuts are then made
    # again for what is left, so speakers keep what the dropped items gave back.
    while candidates and need > sum(s.room for s in stretch.running()) + _EPS:
        item = candidates.pop(0)
        need -= sum(s.left for s in stretch.running() if s.item == item)
        stretch.dropped.append(item)
    need = max(0.0, need)
    for breaks in (True, False):
        tier = [s for s in stretch.running() if s.is_break is breaks]
        take = min(need, sum(s.room for s in tier))
        if take > _EPS:
            _cut_in_proportion(tier, take)
            need -= take


def _cut_in_proportion(slots: list[_Slot], take: float) -> None:
    """Take `take` seconds from `slots` in proportion to their allotments, none beyond its
    room (water-filling: those whose room runs out keep their floor, the rest share what is
    left at one rate). `take` is at most the sum of their rooms."""
    open_ = sorted((s for s in slots if s.room > 0), key=lambda s: s.room / s.allot)
    weight = sum(s.allot for s in open_)
    rest = take
    exact: dict[int, float] = {}
    for k, slot in enumerate(open_):
        rate = rest / weight if weight > 0 else 0.0
        cut = min(slot.room, rate * slot.allot)
        if k == len(open_) - 1:
            cut = min(slot.room, rest)  # the last one takes what the sums left over
        rest -= cut
        weight -= slot.allot
        if cut > _EPS:
            exact[slot.seg] = slot.allot - cut
    _whole_seconds([s for s in open_ if s.seg in exact], exact)


def _whole_seconds(slots: list[_Slot], exact: dict[int, float]) -> None:
    """Round the new allotments to whole seconds, for the console and the timer texts: each
    down (never below its floor), then a second back to those that lost most by it while the
    sum stays within the exact one, so the plan ends less than a second before it must."""
    for slot in slots:
        slot.new = max(float(math.floor(exact[slot.seg] + _EPS)), slot.lowest)
    spare = sum(exact[s.seg] - s.new for s in slots)
    for slot in sorted(slots, key=lambda s: exact[s.seg] - s.new, reverse=True):
        if spare < 1.0 - _EPS:
            break
        if slot.new + 1.0 <= slot.allot:
            slot.new += 1.0
            spare -= 1.0


def _changes(agenda: Agenda, stretches: list[_Stretch]) -> tuple[Change, ...]:
    out = []
    for stretch in stretches:
        for s in stretch.running():
            if s.new < s.allot:
                item, speaker = agenda.segment_ids(s.seg)
                out.append(Change(item, speaker, s.allot, s.new))
    return tuple(out)


__all__ = [
    "DEFAULT_BREAK_FLOOR",
    "DEFAULT_FLOOR",
    "DEFAULT_THRESHOLD",
    "Change",
    "Plan",
    "applied",
    "apply_plan",
    "propose",
    "worth_proposing",
]
