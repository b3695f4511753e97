"""The re-planner on readable examples: the default agenda running late at its first break, an
agenda with a fixed-start item after a hole, optional items, floors, and the plan as a journal
entry's arguments. The properties are tests/test_replan_properties.py's.

The default agenda (config/agenda.yaml) runs 10:00-15:00; its first break, break-1, is planned
for 11:15-11:30 (15 min), the lunch break, break-2, for 13:00-13:30 (30 min); between and after
them four discussions (panelists of 8 or 7 min and an open floor) and a 15-min closing.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from studio.agenda import Agenda, Item, load_agenda
from studio.clock import SimClock
from studio.replan import Plan, applied, apply_plan, propose, worth_proposing
from studio.show import Show

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO / "config" / "agenda.yaml"
SCENES = REPO / "scenes" / "default.yaml"
MIN = 60.0


class FlaggedItem(Item):
    """An item with the fields the re-planner reads (`optional`, `floor`), whether or not the
    agenda schema has them yet."""

    optional: bool = False
    floor: float | None = None


def flagged(agenda: Agenda, flags: dict[str, dict[str, Any]]) -> Agenda:
    """The agenda with some items given `optional` or `floor` (by item id)."""
    items = tuple(
        FlaggedItem.model_construct(**{**dict(item), **flags[item.id]})
        if item.id in flags
        else item
        for item in agenda.items
    )
    return dataclasses.replace(agenda, items=items)


def clock_at(agenda: Agenda, hhmm: str) -> float:
    h, m = hhmm.split(":")
    return agenda.planned_start + (int(h) - 10) * 3600 + int(m) * 60


def late_at(agenda: Agenda, item_id: str, late: float) -> tuple[Show, SimClock]:
    """A show that kept to the plan (never early) until the segment before `item_id`, which
    ran `late` seconds over, and has just entered `item_id`."""
    clock = SimClock(agenda.planned_start)
    show = Show(agenda, clock)
    show.start()
    target = agenda.first_segment(agenda.item_index(item_id))
    while (seg := show.state.seg) is not None and seg < target:
        clock.set(agenda.segments[seg].planned_end + (late if seg == target - 1 else 0))
        show.next()
    return show, clock


@pytest.fixture(scope="module")
def default() -> Agenda:
    return load_agenda(DEFAULT)


def by_item(plan: Plan) -> dict[tuple[str, str | None], tuple[float, float]]:
    return {(c.item, c.speaker): (c.old, c.new) for c in plan.changes}


def projected_after(show: Show, plan: Plan) -> float:
    show.state = applied(show.agenda, show.state, plan)
    return show.status().projected_end


# ---- the default event -------------------------------------------------------------------------


def test_ten_minutes_late_at_the_first_break_the_breaks_give_them_back(default: Agenda) -> None:
    show, clock = late_at(default, "break-1", 10 * MIN)
    assert clock.now() == clock_at(default, "11:25")
    assert show.status().projected_end == clock_at(default, "15:10")

    plan = propose(default, show.state, clock.now())

    assert plan is not None
    assert (plan.target, plan.target_item) == (clock_at(default, "15:00"), None)
    assert plan.before_end == clock_at(default, "15:10")
    assert plan.new_end == clock_at(default, "15:00")
    assert (plan.overrun, plan.reaches_target, plan.miss_by) == (10 * MIN, True, 0.0)
    # Both breaks lose the same share (10 of their 45 minutes): 15:00 -> 11:40, 30:00 -> 23:20.
    assert by_item(plan) == {
        ("break-1", None): (900.0, 700.0),
        ("break-2", None): (1800.0, 1400.0),
    }
    assert plan.dropped == ()
    assert projected_after(show, plan) == clock_at(default, "15:00")


def test_half_an_hour_late_the_speakers_share_the_rest_in_proportion(default: Agenda) -> None:
    show, clock = late_at(default, "break-1", 30 * MIN)

    plan = propose(default, show.state, clock.now())

    assert plan is not None and plan.reaches_target
    changes = by_item(plan)
    # Breaks first, down to half: 22:30 of the 30 minutes; the other 7:30 from everyone else.
    assert changes[("break-1", None)] == (900.0, 450.0)
    assert changes[("break-2", None)] == (1800.0, 900.0)
    speakers = {k: v for k, v in changes.items() if not k[0].startswith("break")}
    assert sum(old - new for old, new in speakers.values()) == pytest.approx(450, abs=1)
    for old, new in speakers.values():
        assert new >= 0.7 * old
        assert (old - new) / old == pytest.approx(450 / 10800, abs=1 / old)
    assert changes[("discussion-1", "panelist")] == (480.0, 460.0)
    assert changes[("closing", "moderator")] == (900.0, 862.0)
    assert clock_at(default, "15:00") - 1 < plan.new_end <= clock_at(default, "15:00")
    assert projected_after(show, plan) == plan.new_end


def test_two_hours_late_the_plan_says_by_how_much_it_will_miss(default: Agenda) -> None:
    show, clock = late_at(default, "break-1", 120 * MIN)

    plan = propose(default, show.state, clock.now())

    assert plan is not None
    # From 13:15 at the floors: breaks 22:30 of 45:00, the rest 70 % of 3h: 2h28:30 -> 15:43:30.
    assert plan.new_end == clock_at(default, "15:43") + 30
    assert (plan.reaches_target, plan.miss_by) == (False, 43 * MIN + 30)
    for (item, _), (old, new) in by_item(plan).items():
        assert new == (0.5 if item.startswith("break") else 0.7) * old
    assert projected_after(show, plan) == plan.new_end


def test_optional_items_go_last_and_latest_first(default: Agenda) -> None:
    agenda = flagged(
        default, {"discussion-3": {"optional": True}, "discussion-4": {"optional": True}}
    )
    an_hour, _ = late_at(agenda, "break-1", 60 * MIN)
    plan = propose(agenda, an_hour.state, an_hour.clock.now())
    assert plan is not None and plan.reaches_target and plan.dropped == ()  # the floors do it

    show, clock = late_at(agenda, "break-1", 90 * MIN)
    plan = propose(agenda, show.state, clock.now())

    assert plan is not None and plan.reaches_target
    assert plan.dropped == ("discussion-4",)  # 30 min back; discussion-3 stays
    changes = by_item(plan)
    assert not any(item == "discussion-4" for item, _ in changes)
    # With discussion-4 gone, 60 min are left to win: the breaks' 22:30, then the speakers',
    # who keep more than their floor.
    assert changes[("break-2", None)] == (1800.0, 900.0)
    assert 0.7 * 480 < changes[("discussion-3", "panelist")][1] < 480
    assert clock_at(agenda, "15:00") - 1 < plan.new_end <= clock_at(agenda, "15:00")
    assert projected_after(show, plan) == plan.new_end
    assert show.item_state(agenda.item_index("discussion-4")) == "skipped"


def test_an_items_own_floor_overrides_the_default(default: Agenda) -> None:
    agenda = flagged(default, {"closing": {"floor": 1.0}, "break-2": {"floor": 0.9}})
    show, clock = late_at(agenda, "break-1", 30 * MIN)

    plan = propose(agenda, show.state, clock.now())

    assert plan is not None and plan.reaches_target
    changes = by_item(plan)
    assert ("closing", "moderator") not in changes
    assert changes[("break-2", None)] == (1800.0, 1620.0)


def test_the_speaker_on_air_keeps_what_they_used(default: Agenda) -> None:
    show, clock = late_at(default, "discussion-1", 60 * MIN)
    clock.advance(7 * MIN)  # the first panelist: 7 of 8 minutes used

    plan = propose(default, show.state, clock.now(), floor=0.5)

    assert plan is not None
    assert by_item(plan)[("discussion-1", "panelist")] == (480.0, 420.0)
    assert projected_after(show, plan) == plan.new_end


def test_a_late_start_is_planned_for_before_the_show_starts(default: Agenda) -> None:
    show = Show(default, SimClock(clock_at(default, "10:20")))

    plan = propose(default, show.state, show.clock.now())

    assert plan is not None and plan.reaches_target
    assert plan.before_end == show.status().projected_end == clock_at(default, "15:20")
    # 20 of the breaks' 45 minutes: 4/9 of each.
    assert by_item(plan) == {("break-1", None): (900.0, 500.0), ("break-2", None): (1800.0, 1000.0)}
    assert projected_after(show, plan) == clock_at(default, "15:00")


def test_no_plan_on_time_or_after_the_end(default: Agenda) -> None:
    show, clock = late_at(default, "break-1", 0)
    assert propose(default, show.state, clock.now()) is None
    show.end()
    assert propose(default, show.state, clock.now() + 3600) is None


def test_a_target_of_ones_own(default: Agenda) -> None:
    show, clock = late_at(default, "break-1", 0)

    plan = propose(default, show.state, clock.now(), target=clock_at(default, "14:50"))

    assert plan is not None and plan.reaches_target
    assert (plan.target, plan.overrun) == (clock_at(default, "14:50"), 10 * MIN)


def test_floors_out_of_range_are_refused(default: Agenda) -> None:
    show, clock = late_at(default, "break-1", 0)
    with pytest.raises(ValueError, match="floor"):
        propose(default, show.state, clock.now(), floor=1.5)
    with pytest.raises(ValueError, match="break_floor"):
        propose(default, show.state, clock.now(), break_floor=-0.1)


# ---- fixed starts and holes --------------------------------------------------------------------

FIXED = {
    "event": {
        "id": "fixed",
        "title": "Fixed start",
        "date": "2021-03-09",
        "start": "10:00",
        "end": "12:00",
        "scenes": str(SCENES),
    },
    "items": [  # 10:00-10:30, a hole to 10:40, the feed 10:40-11:00, then 11:00-12:00
        {
            "id": "talks-1",
            "kind": "other",
            "title": "Talks 1",
            "scene": "studio",
            "speakers": [
                {"id": "ann", "role": "A", "time": "10m"},
                {"id": "bo", "role": "B", "time": "20m"},
            ],
        },
        {
            "id": "feed",
            "kind": "other",
            "title": "Feed",
            "scene": "remote",
            "start": "10:40",
            "duration": "20m",
        },
        {
            "id": "talks-2",
            "kind": "other",
            "title": "Talks 2",
            "scene": "studio",
            "speakers": [
                {"id": "cy", "role": "C", "time": "15m"},
                {"id": "di", "role": "D", "time": "15m"},
            ],
        },
        {"id": "coffee", "kind": "break", "title": "Coffee", "scene": "break", "duration": "10m"},
        {
            "id": "closing",
            "kind": "closing",
            "title": "Closing",
            "scene": "closing",
            "speakers": [{"id": "mo", "role": "M", "time": "20m"}],
        },
    ],
}


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> Agenda:
    path = tmp_path_factory.mktemp("replan") / "fixed.yaml"
    path.write_text(yaml.safe_dump(FIXED, sort_keys=False), encoding="utf-8")
    return load_agenda(path)


def test_the_hole_before_a_fixed_start_absorbs_lateness(fixed: Agenda) -> None:
    show, clock = late_at(fixed, "talks-1", 0)
    clock.advance(18 * MIN)  # ann talks 18 of her 10 minutes: bo ends at 10:38
    show.next()

    assert propose(fixed, show.state, clock.now()) is None
    assert show.status().projected_end == clock_at(fixed, "12:00")


def test_lateness_before_a_fixed_start_is_won_back_before_it(fixed: Agenda) -> None:
    show, clock = late_at(fixed, "talks-1", 0)
    clock.advance(25 * MIN)  # ann: 25 of 10 minutes; bo would end at 10:45, the feed waits
    show.next()

    plan = propose(fixed, show.state, clock.now())

    assert plan is not None and plan.reaches_target
    assert (plan.target, plan.target_item) == (clock_at(fixed, "10:40"), "feed")
    assert plan.before_end == show.status().projected_end == clock_at(fixed, "12:05")
    # Only bo, before the feed: cutting after it would not bring the feed back to 10:40.
    assert by_item(plan) == {("talks-1", "bo"): (1200.0, 900.0)}
    assert plan.new_end == clock_at(fixed, "12:00")
    assert projected_after(show, plan) == clock_at(fixed, "12:00")


def test_lateness_after_a_fixed_start_never_cuts_before_it(fixed: Agenda) -> None:
    show, clock = late_at(fixed, "talks-2", 0)
    clock.advance(25 * MIN)  # cy: 25 of 15 minutes
    show.next()

    plan = propose(fixed, show.state, clock.now())

    assert plan is not None and plan.reaches_target and plan.target_item is None
    changes = by_item(plan)
    assert changes[("coffee", None)] == (600.0, 300.0)  # the break first, to half
    assert set(changes) == {("coffee", None), ("talks-2", "di"), ("closing", "mo")}
    assert projected_after(show, plan) == clock_at(fixed, "12:00")


def test_a_fixed_start_item_is_never_dropped_and_the_miss_is_named(fixed: Agenda) -> None:
    agenda = flagged(fixed, {"feed": {"optional": True}, "coffee": {"optional": True}})
    show, clock = late_at(agenda, "talks-1", 0)
    clock.advance(40 * MIN)  # ann: 40 of 10 minutes; bo at 90 % ends at 10:58
    show.next()

    # The feed starts 18 minutes late whatever happens; after it, at 90 % the feed, talks-2 and
    # the closing give 7 minutes and the coffee 5: not enough, so the coffee goes (10) and the
    # others give their 7; the end is still a minute late. The plan names the worst miss.
    plan = propose(agenda, show.state, clock.now(), floor=0.9)

    assert plan is not None and not plan.reaches_target
    assert (plan.target_item, plan.miss_by) == ("feed", 18 * MIN)
    assert plan.dropped == ("coffee",)
    assert plan.new_end == clock_at(agenda, "12:01")
    assert by_item(plan)[("talks-1", "bo")] == (1200.0, 1080.0)
    assert by_item(plan)[("feed", None)] == (1200.0, 1080.0)
    assert projected_after(show, plan) == plan.new_end


# ---- proposing again, and the plan in the journal ----------------------------------------------


def _plan(overrun: float, *, miss_by: float = 0.0, target_item: str | None = None) -> Plan:
    return Plan(
        at=0.0,
        target=1000.0,
        target_item=target_item,
        before_end=1000.0 + overrun,
        new_end=1000.0 + miss_by,
        overrun=overrun,
        changes=(),
        dropped=(),
        reaches_target=miss_by == 0,
        miss_by=miss_by,
    )


def test_worth_proposing_never_nags_for_seconds() -> None:
    assert not worth_proposing(None, None)
    assert not worth_proposing(_plan(59), None)
    assert worth_proposing(_plan(61), None)
    dismissed = _plan(120)
    assert not worth_proposing(_plan(170), dismissed)
    assert worth_proposing(_plan(181), dismissed)
    assert not worth_proposing(_plan(30), dismissed)
    # Accepted: the show was left on time, so a minute and more late again is news.
    assert worth_proposing(_plan(61), dismissed, accepted=True)
    assert not worth_proposing(_plan(100), _plan(300, miss_by=60), accepted=True)
    # Another point aimed at (the fixed start passed): a new plan.
    assert worth_proposing(_plan(121, target_item="feed"), dismissed)
    assert not worth_proposing(_plan(100), dismissed, threshold=120)


def test_the_plan_goes_through_json_by_ids(default: Agenda) -> None:
    agenda = flagged(default, {"discussion-4": {"optional": True}})
    show, clock = late_at(agenda, "break-1", 90 * MIN)
    plan = propose(agenda, show.state, clock.now())
    assert plan is not None and plan.dropped

    args = json.loads(json.dumps(plan.as_args()))

    assert not {"to", "origin", "client"} & set(args)
    assert Plan.from_args(agenda, args) == plan
    state = show.state.copy()
    apply_plan(agenda, state, Plan.from_args(agenda, args))
    assert state == applied(agenda, show.state, plan)


def test_from_args_leaves_out_what_the_agenda_no_longer_has(default: Agenda) -> None:
    show, clock = late_at(default, "break-1", 10 * MIN)
    plan = propose(default, show.state, clock.now())
    assert plan is not None
    args = plan.as_args()
    args["changes"].append({"item": "gone", "speaker": None, "old": 60, "new": 30})
    args["dropped"] = ["gone"]

    again = Plan.from_args(default, args)

    assert again.changes == plan.changes and again.dropped == ()


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("new_end", "15:00"),
        ("miss_by", float("nan")),
        ("changes", {"item": "break-1"}),
        ("changes", [{"item": "break-1", "speaker": 3, "old": 1, "new": 1}]),
        ("changes", [{"item": "break-1", "speaker": None, "old": 1, "new": -1}]),
        ("dropped", [7]),
        ("reaches_target", "yes"),
    ],
)
def test_from_args_refuses_what_is_not_a_plan(default: Agenda, key: str, value: Any) -> None:
    show, clock = late_at(default, "break-1", 10 * MIN)
    plan = propose(default, show.state, clock.now())
    assert plan is not None
    with pytest.raises(ValueError, match="expected"):
        Plan.from_args(default, {**plan.as_args(), key: value})


def test_a_dropped_item_is_passed_over_like_a_skipped_one(default: Agenda) -> None:
    agenda = flagged(default, {"discussion-2": {"optional": True}})
    show, clock = late_at(agenda, "discussion-1", 110 * MIN)
    plan = propose(agenda, show.state, clock.now())
    assert plan is not None and plan.dropped == ("discussion-2",)
    show.state = applied(agenda, show.state, plan)

    for _ in agenda.item_segments(agenda.item_index("discussion-1")):
        show.next()

    assert show.status().item is not None and show.status().item.id == "break-2"
