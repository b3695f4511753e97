"""A plan to end on time, through the runtime (issue 12 §3): proposed when the show runs late, never
for seconds, not again after a dismissal unless the show drifts further; accepted as one journalled
action that a restart replays; the speaker's countdown and OBS's timer text follow it; and
`studio rehearse --overrun 60 --replan` prints the plans it took."""

from __future__ import annotations

import asyncio
from pathlib import Path

from studio.actions import Origin
from studio.agenda import Agenda, load_agenda
from studio.asrun import build_report
from studio.cli import main as studio
from studio.clock import SimClock
from studio.journal import read_journal
from studio.modes import Mode
from studio.runtime import Runtime, RuntimeOptions
from studio.timefmt import countdown_text
from studio.view import Change, Update

REPO = Path(__file__).resolve().parents[1]


def _agenda() -> Agenda:
    return load_agenda(REPO / "config/agenda.yaml")


def _late_runtime(tmp_path: Path, late: float) -> tuple[Runtime, SimClock]:
    """The default show, its first speaker `late` seconds over her time."""
    agenda = _agenda()
    clock = SimClock(agenda.planned_start)
    rt = Runtime.create(
        agenda, RuntimeOptions(mode=Mode.DRY_RUN, journal=tmp_path / "j.jsonl"), clock=clock
    )
    rt.act("start")
    clock.advance(rt.show.status().allotted + late)
    return rt, clock


def test_a_late_show_gets_a_plan_and_seconds_never_do(tmp_path: Path) -> None:
    rt, clock = _late_runtime(tmp_path, 30)
    assert rt.check_plan() is None  # half a minute: no nagging
    clock.advance(600)
    plan = rt.check_plan()
    assert plan is not None and plan.reaches_target
    assert rt.view().proposal == plan
    rt.close_journal()


def test_a_dismissed_plan_comes_back_only_when_the_show_drifts_further(tmp_path: Path) -> None:
    rt, clock = _late_runtime(tmp_path, 600)
    pushed: list[Update] = []
    rt.watch(pushed.append)
    assert rt.check_plan() is not None
    rt.dismiss_plan()
    assert rt.view().proposal is None
    assert [u.change for u in pushed] == [Change.PLAN, Change.PLAN]
    clock.advance(30)
    assert rt.check_plan() is None  # 30 s more: the moderator already said no
    clock.advance(60)
    assert rt.check_plan() is not None  # a minute and a half more: asked again
    rt.close_journal()


def test_an_accepted_plan_is_journalled_replayed_and_followed(tmp_path: Path) -> None:
    rt, clock = _late_runtime(tmp_path, 900)
    rt.act("next")
    assert rt.check_plan() is not None
    before = rt.show.status()
    plan = rt.accept_plan(origin=Origin.KEY)
    assert plan is not None and plan.reaches_target
    after = rt.show.status()
    assert after.projected_end == plan.new_end <= rt.agenda.planned_end
    assert after.projected_end < before.projected_end
    (entry,) = [e for e in read_journal(rt.journal_path).entries if e.name == "plan"]
    assert entry.args["origin"] == "key" and entry.args["changes"]
    # Every slot the plan names gets its new time; the monitor's countdown and OBS's timer
    # text read it when that slot comes on.
    for c in plan.changes:
        seg = rt.agenda.segment_for(c.item, c.speaker)
        assert seg is not None and rt.show.allotted(seg) == c.new
    cut = rt.agenda.segment_for(plan.changes[0].item, plan.changes[0].speaker)
    assert cut is not None
    rt.act("goto", item=plan.changes[0].item)
    while rt.show.state.seg != cut:
        rt.act("next")
    st = rt.show.status()
    assert st.allotted == plan.changes[0].new and rt.view().status.remaining == st.remaining
    timer = rt.agenda.scene_map.input("speaker_timer") or rt.agenda.scene_map.input("break_timer")
    texts = rt.director.timer_texts(st.now)
    assert timer in texts and texts[timer] in (countdown_text(st.remaining), "")
    assert rt.view().proposal is None
    seg_allotments = [rt.show.allotted(i) for i in range(len(rt.agenda.segments))]
    final = rt.show.status(clock.now())
    path = rt.journal_path
    rt.close_journal()
    again = Runtime.create(
        rt.agenda, RuntimeOptions(mode=Mode.DRY_RUN, journal=path), clock=SimClock(clock.now())
    )
    assert [again.show.allotted(i) for i in range(len(rt.agenda.segments))] == seg_allotments
    assert again.show.status(clock.now()).projected_end == final.projected_end
    again.close_journal()


def test_rehearse_replan_prints_the_plans_it_took(tmp_path: Path, capsys) -> None:
    journal = tmp_path / "r.jsonl"
    code = studio(["rehearse", "--overrun", "60", "--replan", "--journal", str(journal)])
    out = capsys.readouterr().out
    assert code == 0
    plans = [line for line in out.splitlines() if "  PLAN " in line]
    assert plans and all("ends 15:00:00" in line for line in plans)
    # Every speaker runs a minute over to the very end: the last ones after the last plan.
    assert "Ended 2:00 late: after the last plan" in out
    assert len([e for e in read_journal(journal).entries if e.name == "plan"]) == len(plans)
    # The as-run report lists each accepted plan, with the time it cut.
    taken = [iv for iv in build_report(journal).interventions if iv.action == "plan"]
    assert len(taken) == len(plans) and all(iv.seconds and iv.seconds > 0 for iv in taken)


def test_the_keeper_looks_for_a_plan_by_itself(tmp_path: Path) -> None:
    async def body() -> None:
        rt, _clock = _late_runtime(tmp_path, 900)
        await rt.start()
        try:
            for _ in range(200):
                if rt.view().proposal is not None:
                    break
                await asyncio.sleep(0.05)
            assert rt.view().proposal is not None
        finally:
            await rt.stop()

    asyncio.run(body())
