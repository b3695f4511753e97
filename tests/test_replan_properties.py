"""Properties of the re-planner on generated agendas and shows.

An agenda has 1-5 items: speakers, open floors, breaks, fixed starts after a gap, items marked
optional, items with their own floor. A show runs on it for a while (next, back, goto, skip,
extend, hold, time passing, a late or early start); then a plan is proposed with random floors
and target. Whatever happened:
- nobody is shortened below their floor or below what they have used, and nothing grows;
- only what is still to come changes; a fixed-start item is never dropped, and no cut brings the
  show to a fixed start earlier than its planned time (stretches on time are left alone);
- the plan reaches every fixed start and the target exactly when the floors and optional items
  allow it (the least lateness they allow is computed here, independently), and otherwise says by
  how much it misses;
- accepted (applied to the state), the show's own projection (Show.status) says the plan's new
  end, and proposing again finds nothing more to do;
- the plan survives JSON, by ids.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.agenda import Agenda, load_agenda
from studio.clock import SimClock
from studio.replan import Plan, applied, propose
from studio.show import ActionError, Show, elapsed
from studio.state import ShowState, ShowStatus
from tests.test_replan import FlaggedItem

REPO = Path(__file__).resolve().parent.parent
SCENES = REPO / "scenes" / "default.yaml"
EPS = 1e-6

_DIR: list[Path] = []
_COUNT = count()


@pytest.fixture(scope="module", autouse=True)
def _generated_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    _DIR[:] = [tmp_path_factory.mktemp("replan-agendas")]


def _clock_text(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


@st.composite
def agendas(draw: st.DrawFn) -> Agenda:
    """1-5 items of 0-3 speakers, open floors and breaks, some with a fixed start after a gap,
    some optional, some with their own floor."""
    begin = 10 * 3600
    cursor = 0
    items = []
    for i in range(draw(st.integers(1, 5))):
        speakers = draw(st.lists(st.integers(1, 900), max_size=3))
        item: dict[str, Any] = {
            "id": f"i{i}",
            "kind": draw(st.sampled_from(["break", "other"])) if not speakers else "other",
            "title": f"Item {i}",
            "scene": "studio",
            "speakers": [{"role": f"S{j}", "time": f"{t}s"} for j, t in enumerate(speakers)],
        }
        duration = sum(speakers)
        if not speakers or draw(st.booleans()):
            duration += draw(st.integers(0 if speakers else 1, 1200))
            item["duration"] = f"{duration}s"
        if i > 0 and draw(st.booleans()):
            cursor += draw(st.sampled_from([0, 60, 300, 900]))
            item["start"] = _clock_text(begin + cursor)
        cursor += duration
        items.append(item)
    doc = {
        "event": {
            "id": "gen",
            "title": "Generated",
            "date": "2021-03-09",
            "start": _clock_text(begin),
            "end": _clock_text(begin + cursor + draw(st.sampled_from([0, 0, 300]))),
            "scenes": str(SCENES),
        },
        "items": items,
    }
    path = _DIR[0] / f"a{next(_COUNT)}.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    agenda = load_agenda(path)
    flags = [
        draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "optional": st.booleans(),
                    "floor": st.none() | st.sampled_from([0.5, 0.75, 0.9, 1.0]),
                },
            )
        )
        for _ in agenda.items
    ]
    new_items = tuple(
        FlaggedItem.model_construct(**{**dict(item), **f}) if f else item
        for item, f in zip(agenda.items, flags, strict=True)
    )
    return dataclasses.replace(agenda, items=new_items)


# Quarter seconds, exact in floating point; mostly a little, sometimes a lot.
ADVANCE = st.tuples(
    st.just("advance"),
    st.one_of(st.integers(0, 4 * 120), st.integers(0, 4 * 1200)).map(lambda q: q / 4),
)


def steps_for(agenda: Agenda) -> st.SearchStrategy[list[tuple[str, Any]]]:
    ids = [item.id for item in agenda.items]
    action = st.one_of(
        st.sampled_from([("next", None)] * 4 + [("back", None), ("hold", None), ("resume", None)]),
        st.sampled_from([("extend", s) for s in (60, -60, 30)]),
        st.sampled_from([(name, i) for i in ids for name in ("goto", "skip")]),
        st.sampled_from([("end", None)]),
    )
    return st.lists(st.tuples(action, ADVANCE), max_size=12).map(
        lambda ps: [x for pair in ps for x in pair]
    )


@dataclass
class Situation:
    agenda: Agenda
    show: Show
    now: float
    floor: float
    break_floor: float
    target: float | None
    steps: list[tuple[str, Any]]  # what the show went through (named when a property fails)

    @property
    def state(self) -> ShowState:
        return self.show.state

    def propose(self) -> Plan | None:
        return propose(
            self.agenda,
            self.state,
            self.now,
            target=self.target,
            floor=self.floor,
            break_floor=self.break_floor,
        )


@st.composite
def situations(draw: st.DrawFn) -> Situation:
    agenda = draw(agendas())
    clock = SimClock(agenda.planned_start + draw(st.integers(-300, 1800)))
    show = Show(agenda, clock)
    if draw(st.integers(0, 9)) > 0:
        show.start()
    steps = draw(steps_for(agenda))
    for name, arg in steps:
        if name == "advance":
            clock.advance(arg)
            continue
        args = {} if arg is None else {"seconds": arg} if name == "extend" else {"item": arg}
        with contextlib.suppress(ActionError):  # refused actions leave the show as it was
            show.apply(name, **args)
    target = draw(st.none() | st.integers(-1800, 600).map(lambda d: agenda.planned_end + d))
    return Situation(
        agenda=agenda,
        show=show,
        now=clock.now(),
        floor=draw(st.sampled_from([0.0, 0.5, 0.7, 0.9, 1.0])),
        break_floor=draw(st.sampled_from([0.0, 0.5, 1.0])),
        target=None if target is None else float(target),
        steps=steps,
    )


PROPS = settings(
    max_examples=int(os.environ.get("REPLAN_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# ---- an independent model of what is still to come --------------------------------------------


def share(sit: Situation, seg: int) -> float:
    item = sit.agenda.items[sit.agenda.segments[seg].item_index]
    own = getattr(item, "floor", None)
    if own is not None:
        return float(own)
    return sit.break_floor if item.kind == "break" else sit.floor


def lowest(sit: Situation, state: ShowState, seg: int) -> float:
    """The least a segment may be given: its floor (rounded up to a whole second, as promised),
    never less than it has used; never more than it has (a plan never lengthens)."""
    allot = sit.agenda.segments[seg].allotted + state.extra[seg]
    used = elapsed(state, seg, sit.now)
    floor = math.ceil(share(sit, seg) * sit.agenda.segments[seg].allotted - EPS)
    return min(allot, max(used, floor))


def to_come(sit: Situation, state: ShowState) -> tuple[float, list[int]]:
    """When the projection starts and the segments it walks, in the order they will run."""
    segs = sit.agenda.segments
    live = [s.index for s in segs if s.item_index not in state.skipped]
    if state.status is ShowStatus.RUNNING and state.seg is not None:
        passed = sorted(k for k in getattr(state, "passed", ()) if k < state.seg and k in live)
        return sit.now, [state.seg, *(k for k in live if k > state.seg), *passed]
    cursor = max(sit.now, segs[live[0]].planned_start) if live else sit.now
    return cursor, live


def droppable(sit: Situation, state: ShowState, item: int) -> bool:
    it = sit.agenda.items[item]
    current = (
        sit.agenda.segments[state.seg].item_index
        if state.status is ShowStatus.RUNNING and state.seg is not None
        else None
    )
    return (
        getattr(it, "optional", False) is True
        and it.start is None
        and state.item_start[item] is None
        and item != current
    )


@dataclass
class Point:
    """A hard point the walk reaches: a fixed start (item index) or the end (None)."""

    item: int | None
    deadline: float
    arrival: float
    segs: list[int]  # the segments run since the point before


def walk(sit: Situation, state: ShowState, length: Callable[[int], float]) -> list[Point]:
    cursor, segs = to_come(sit, state)
    running = state.status is ShowStatus.RUNNING
    points: list[Point] = []
    since: list[int] = []
    for j in segs:
        seg = sit.agenda.segments[j]
        item = sit.agenda.items[seg.item_index]
        fixed = item.start is not None and j == sit.agenda.first_segment(seg.item_index)
        if fixed and not (running and j == state.seg) and j >= (state.seg or 0):
            points.append(Point(seg.item_index, seg.planned_start, cursor, since))
            cursor, since = max(cursor, seg.planned_start), []
        cursor += length(j)
        since.append(j)
    target = sit.agenda.planned_end if sit.target is None else sit.target
    points.append(Point(None, target, cursor, since))
    return points


def as_is(sit: Situation, state: ShowState) -> Callable[[int], float]:
    def left(j: int) -> float:
        allot = sit.agenda.segments[j].allotted + state.extra[j]
        return max(0.0, allot - elapsed(state, j, sit.now))

    return left


def at_the_floors(sit: Situation) -> Callable[[int], float]:
    state = sit.state

    def least(j: int) -> float:
        if droppable(sit, state, sit.agenda.segments[j].item_index):
            return 0.0
        return max(0.0, lowest(sit, state, j) - elapsed(state, j, sit.now))

    return least


def lateness(points: list[Point]) -> float:
    return max(0.0, *(p.arrival - p.deadline for p in points))


def changed_segments(sit: Situation, plan: Plan) -> dict[int, tuple[float, float]]:
    out = {}
    for c in plan.changes:
        seg = sit.agenda.segment_for(c.item, c.speaker)
        assert seg is not None
        out[seg] = (c.old, c.new)
    return out


# ---- the properties ----------------------------------------------------------------------------


@PROPS
@given(sit=situations())
def test_a_plan_is_proposed_exactly_when_the_show_is_late(sit: Situation) -> None:
    plan = sit.propose()
    if sit.state.status is ShowStatus.ENDED:
        assert plan is None
        return
    late = lateness(walk(sit, sit.state, as_is(sit, sit.state)))
    assert (plan is not None) == (late > EPS)
    if plan is not None:
        assert plan.overrun == pytest.approx(late, abs=EPS)
        assert plan.before_end == pytest.approx(sit.show.status(sit.now).projected_end, abs=EPS)


@PROPS
@given(sit=situations())
def test_nobody_is_shortened_below_their_floor(sit: Situation) -> None:
    plan = sit.propose()
    if plan is None:
        return
    state = sit.state
    for seg, (old, new) in changed_segments(sit, plan).items():
        planned = sit.agenda.segments[seg].allotted
        assert old == planned + state.extra[seg]
        assert new < old
        assert new >= share(sit, seg) * planned - EPS
        assert new >= elapsed(state, seg, sit.now) - EPS
        assert new == lowest(sit, state, seg) or new == int(new)  # whole seconds off the floor


@PROPS
@given(sit=situations())
def test_fixed_starts_never_move_and_are_never_reached_early_by_a_cut(sit: Situation) -> None:
    plan = sit.propose()
    if plan is None:
        return
    _, still = to_come(sit, sit.state)
    changed = changed_segments(sit, plan)
    assert set(changed) <= set(still)
    for item_id in plan.dropped:
        index = sit.agenda.item_index(item_id)
        assert droppable(sit, sit.state, index)
        assert set(sit.agenda.item_segments(index)) & set(still)
    before = walk(sit, sit.state, as_is(sit, sit.state))
    accepted = applied(sit.agenda, sit.state, plan)
    after = walk(sit, accepted, as_is(sit, accepted))
    for b, a in zip(before, after, strict=True):
        assert (a.item, a.deadline) == (b.item, b.deadline)
        cut_here = set(changed) & set(b.segs)
        if b.arrival <= b.deadline + EPS:
            assert not cut_here  # on time: left alone
        if cut_here:
            assert a.arrival > a.deadline - 1.0  # cut to reach it, not to be early for it


@PROPS
@given(sit=situations())
def test_the_target_is_reached_whenever_the_floors_allow_and_the_miss_is_said(
    sit: Situation,
) -> None:
    plan = sit.propose()
    if plan is None:
        return
    least = lateness(walk(sit, sit.state, at_the_floors(sit)))
    assert plan.miss_by == pytest.approx(least, abs=EPS)
    assert plan.reaches_target == (least <= EPS)
    after_state = applied(sit.agenda, sit.state, plan)
    after = walk(sit, after_state, as_is(sit, after_state))
    assert lateness(after) == pytest.approx(plan.miss_by, abs=EPS)
    if plan.reaches_target:
        assert all(p.arrival <= p.deadline + EPS for p in after)
        assert plan.new_end <= after[-1].deadline + EPS


@PROPS
@given(sit=situations())
def test_accepted_the_show_projects_the_plans_end_and_has_nothing_more_to_do(
    sit: Situation,
) -> None:
    plan = sit.propose()
    if plan is None:
        return
    sit.show.state = applied(sit.agenda, sit.state, plan)

    assert sit.show.status(sit.now).projected_end == pytest.approx(plan.new_end, abs=1.0)
    again = sit.propose()
    assert again is None or (again.empty and again.miss_by == pytest.approx(plan.miss_by))


@PROPS
@given(sit=situations())
def test_the_plan_survives_json_by_ids(sit: Situation) -> None:
    plan = sit.propose()
    if plan is None:
        return
    assert Plan.from_args(sit.agenda, json.loads(json.dumps(plan.as_args()))) == plan
