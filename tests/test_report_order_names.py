"""The as-run report names the person an action or a cue was about as the running order had them
at that moment: a speaker inserted later in front of them must not take their name in the report
(a row that held a position would name whoever stands there at the end)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from studio.actions import Insert
from studio.agenda import load_agenda
from studio.asrun import build_report
from studio.asrun.html import render_html
from studio.clock import SimClock
from studio.journal import Entry
from studio.modes import Mode
from studio.runtime import Runtime, RuntimeOptions

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.asyncio
async def test_rows_before_an_insert_keep_their_speaker(tmp_path: Path) -> None:
    agenda = load_agenda(REPO / "config" / "agenda.yaml")
    clock = SimClock(agenda.planned_start)
    journal = tmp_path / "j.jsonl"
    rt = Runtime.create(agenda, RuntimeOptions(mode=Mode.DRY_RUN, journal=journal), clock=clock)
    await rt.start()
    rt.act("start")
    rt.act("goto", item="discussion-3")
    clock.advance(60)
    rt.act("next")  # the second panelist
    second = rt.view().status.speaker
    assert second is not None
    clock.advance(30)
    rt.act("extend", seconds=60.0)
    rt.act("back")  # the first panelist again; a newcomer joins right after them
    rt.act(Insert("discussion-3", "", "Olena Petrenko", "Mayor", 300.0, "remote", "panelist"))
    i = rt.agenda.item_index("discussion-3")
    assert rt.agenda.items[i].speakers[1].label("en") == "Olena Petrenko, Mayor"
    await _journalled(rt, lambda e: e.name == "cue" and e.args.get("speaker_id") == "panelist-2")
    await rt.stop()
    rt.close_journal()

    report = build_report(journal)
    (extend,) = [iv for iv in report.interventions if iv.action == "extend"]
    assert extend.who is not None and extend.who.label("en") == second.label("en")
    cued = [c for c in report.cues if c.item_id == "discussion-3" and c.speaker == 1]
    assert cued and all(c.who is not None for c in cued)
    assert {c.who.label("en") for c in cued if c.who} == {second.label("en")}
    html = render_html(report, "en")
    assert f"+1:00 — {agenda.items[i].title.get('en')}, {second.label('en')}" in html


async def _journalled(rt: Runtime, match: Callable[[Entry], bool]) -> None:
    """Until the journal holds a line that matches (the cue queue runs on the loop)."""
    for _ in range(500):
        if any(match(e) for e in rt.journal.entries):
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the cue was never journalled")
