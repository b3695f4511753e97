"""Running late, honestly (issue 12 §1 and §2): an item with a fixed start never starts early on
its own, a planned hole absorbs lateness, the offset and the projected end say the same thing,
and items a jump ahead went past stay to be done."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import yaml

from studio.agenda import Agenda, load_agenda
from studio.clock import SimClock
from studio.journal import read_journal
from studio.rehearse import RehearsalPlan, rehearse
from studio.show import ItemState, Show, Status

REPO = Path(__file__).resolve().parents[1]


def holed_agenda(tmp_path: Path) -> Agenda:
    """The default agenda with its first break 5 minutes shorter and the discussion after it
    fixed at its published 11:30: a planned 5-minute hole before a fixed start."""
    doc: dict[str, Any] = yaml.safe_load((REPO / "config/agenda.yaml").read_text("utf-8"))
    doc["event"]["scenes"] = str(REPO / "scenes/default.yaml")
    items = {it["id"]: it for it in doc["items"]}
    items["break-1"]["duration"] = "10m"
    items["discussion-1"]["start"] = "11:30"
    path = tmp_path / "holed.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_agenda(path)


def _rehearsed(agenda: Agenda, path: Path, plan: RehearsalPlan) -> list[Status]:
    seen: list[Status] = []
    asyncio.run(rehearse(agenda, path, plan, seen.append))
    return seen


def _starts(agenda: Agenda, path: Path) -> dict[str, float]:
    """When each item first went on, from the journal's actions (by the ids they name)."""
    starts: dict[str, float] = {}
    for e in read_journal(path).entries:
        to = e.args.get("to") if e.kind == "action" else None
        if isinstance(to, dict) and isinstance(to.get("item"), str):
            starts.setdefault(to["item"], e.at)
    return starts


def test_an_on_time_rehearsal_waits_for_the_fixed_start_and_is_never_ahead(
    tmp_path: Path,
) -> None:
    agenda = holed_agenda(tmp_path)
    fixed = agenda.item_starts[agenda.item_index("discussion-1")]
    seen = _rehearsed(agenda, tmp_path / "j.jsonl", RehearsalPlan())
    assert _starts(agenda, tmp_path / "j.jsonl")["discussion-1"] == fixed
    # The hole is planned: on time is on time, before it, in it and after it.
    assert [round(st.offset) for st in seen] == [0] * len(seen)
    assert all(st.projected_end == agenda.planned_end for st in seen)


@pytest.mark.parametrize("seed", [1, 3, 7])
def test_a_spread_rehearsal_never_starts_a_fixed_item_early(tmp_path: Path, seed: int) -> None:
    agenda = holed_agenda(tmp_path)
    fixed = agenda.item_starts[agenda.item_index("discussion-1")]
    path = tmp_path / f"j{seed}.jsonl"
    seen = _rehearsed(agenda, path, RehearsalPlan(spread=60, seed=seed))
    assert _starts(agenda, path)["discussion-1"] >= fixed
    for st in seen:  # one measure of late: the projection's
        assert st.offset == pytest.approx(st.projected_end - agenda.planned_end)


def test_lateness_within_the_hole_is_absorbed_and_beyond_it_carried(tmp_path: Path) -> None:
    agenda = holed_agenda(tmp_path)
    clock = SimClock(agenda.planned_start)
    show = Show(agenda, clock)
    show.start()
    brk = agenda.first_segment(agenda.item_index("break-1"))
    while show.state.seg != brk:  # every speaker on time up to the break
        clock.advance(show.status().allotted)
        show.next()
    clock.advance(agenda.segments[brk].allotted + 180)  # the break runs 3 minutes over
    st = show.status()
    # 3 minutes into the 5-minute hole: the fixed start still holds, and nobody is "late".
    assert (st.projected_end, st.offset) == (agenda.planned_end, 0)
    clock.advance(180)  # 6 minutes over: one minute past the hole
    st = show.status()
    assert (st.projected_end, st.offset) == (agenda.planned_end + 60, 60)


def test_items_jumped_over_are_passed_and_still_to_be_done(tmp_path: Path) -> None:
    agenda = holed_agenda(tmp_path)
    clock = SimClock(agenda.planned_start)
    show = Show(agenda, clock)
    show.start()
    clock.advance(60)
    show.goto("break-1")  # from the opening's first minute to the first break
    jumped = range(1, agenda.item_index("break-1"))
    assert all(show.item_state(i) is ItemState.PASSED for i in jumped)
    st = show.status()
    # Nothing got done faster: what was jumped over is still to do, after the rest (the break
    # ends long before the fixed start, which waits). Not "1:14:00 ahead".
    left = sum(s.allotted for s in agenda.segments[1 : agenda.first_segment(6)])
    assert st.projected_end == agenda.planned_end + left
    assert st.offset == left > 0
    show.goto(agenda.items[2].id)  # the moderator goes back to one of them
    assert show.item_state(2) is ItemState.CURRENT
    assert show.item_state(1) is ItemState.PASSED
    assert show.status().projected_end > agenda.planned_end
