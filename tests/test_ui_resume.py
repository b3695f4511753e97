"""Crash and resume: a new console over the same journal lands on the same item with the same
elapsed time; "start a new show" moves the old journal aside. And OBS dropping out and coming
back while a speaker is timed: the panel shows it, the countdown never stops."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from studio.clock import SimClock
from studio.obs.link import LinkState
from studio.show import Phase

pytestmark = pytest.mark.asyncio


async def test_resume_after_a_crash(open_console, agenda, tmp_path, wait_until) -> None:
    journal = tmp_path / "show.jsonl"
    clock = SimClock(agenda.planned_start)
    first = await open_console(clock=clock, journal=journal)
    w = first.window
    QTest.keyClick(w.table, Qt.Key.Key_F5)
    for _ in range(4):  # into the Kyiv report, second speaker
        clock.advance(200)
        QTest.keyClick(w.table, Qt.Key.Key_Space)
    QTest.keyClick(w.table, Qt.Key.Key_Plus)
    clock.advance(75)
    before = first.bridge.refresh()
    shown = w.countdown.text()
    assert before.item.id == "region-kyiv" and before.speaker_index == 1
    w.message_edit.setText("Ще дві хвилини")
    QTest.keyClick(w.message_edit, Qt.Key.Key_Return)
    assert first.monitor.message.text() == "Ще дві хвилини"
    # The crash: the window goes away without the close question, the show still running.
    await first.shutdown()

    second = await open_console(clock=clock, journal=journal, resume=None, start=False)
    starting = asyncio.ensure_future(second.start())
    await wait_until(lambda: second.pending_dialog is not None, what="the resume question")
    box = second.pending_dialog
    assert "Kyiv: short overview of results" in box.text()
    assert "1:15 of 7:00 used" in box.text()  # 6 min + the minute given before the crash
    box.accept_button.click()
    await starting
    after = second.bridge.refresh()
    assert (after.item_index, after.speaker_index, after.segment) == (
        before.item_index,
        before.speaker_index,
        before.segment,
    )
    assert after.elapsed == before.elapsed
    assert after.remaining == before.remaining
    assert second.window.countdown.text() == shown == "5:45"
    # The speaker monitor shows the moderator's message again.
    assert second.monitor.message.text() == "Ще дві хвилини"
    assert second.window.model.current_row() == agenda.item_index("region-kyiv")
    # ... and it goes on from there.
    QTest.keyClick(second.window.table, Qt.Key.Key_Space)
    assert second.bridge.refresh().item.id == "region-kharkiv"


async def test_start_a_new_show_archives_the_journal(
    open_console, agenda, tmp_path, wait_until
) -> None:
    journal = tmp_path / "show.jsonl"
    clock = SimClock(agenda.planned_start)
    first = await open_console(clock=clock, journal=journal)
    first.bridge.act("start")
    first.bridge.act("next")
    await first.shutdown()

    second = await open_console(clock=clock, journal=journal, resume=None, start=False)
    starting = asyncio.ensure_future(second.start())
    await wait_until(lambda: second.pending_dialog is not None, what="the resume question")
    second.pending_dialog.reject_button.click()  # "Start a new show"
    await starting
    assert second.rt.show.state.status == "pre"
    assert second.monitor.message.text() == ""  # a new show starts with a clean monitor
    archived = [p for p in tmp_path.glob("show.*.jsonl")]
    assert len(archived) == 1
    assert '"name":"next"' in archived[0].read_text()


async def test_obs_drops_and_returns_while_a_speaker_is_timed(
    open_console, agenda, wait_until, switch_confirmed
) -> None:
    clock = SimClock(agenda.planned_start)
    c = await open_console(clock=clock)
    sim, panel, w = c.rt.transport, c.window.panel, c.window
    await wait_until(lambda: panel.link_state is LinkState.ONLINE, what="online")
    assert panel.state_label.text() == "● Online"
    QTest.keyClick(w.table, Qt.Key.Key_F5)
    studio = agenda.scene_map.scene("studio")
    # Not "OBS shows the studio": the console must have seen OBS confirm it before OBS dies,
    # or the confirmation is lost with the session and the panel never knew the studio was on.
    await wait_until(lambda: switch_confirmed(c, studio), what="the studio switch confirmed")
    assert panel.program_label.text() == studio
    clock.advance(30)

    sim.kill()
    await wait_until(lambda: panel.link_state is not LinkState.ONLINE, what="offline")
    assert panel.state_label.text().startswith("● Offline")
    assert "Lost OBS" in panel.log_text()
    # What the panel knew of OBS is shown as the last known, not as if it were on air now.
    assert panel.program_label.text() == f"{studio} (last known)"
    assert panel.stream_label.text().endswith("(last known)")
    assert panel._scene_buttons[studio].styleSheet() == ""
    assert not panel._scene_buttons[studio].isEnabled()
    # The countdown is derived from the show clock, not from OBS: it keeps going.
    for advance, text in ((10, "4:20"), (60, "3:20")):
        clock.advance(advance)
        c.bridge.refresh()
        assert w.countdown.text() == text
        assert c.monitor.countdown.text() == text
    # Next while OBS is away: the show moves on, the cue waits for OBS.
    QTest.keyClick(w.table, Qt.Key.Key_Space)
    assert c.bridge.refresh().speaker_index == 1
    assert w.countdown.phase is Phase.NORMAL
    remote = agenda.scene_map.scene("remote")
    assert sim.program == studio

    sim.revive()
    panel.reconnect_button.click()  # no need to wait for the backoff
    await wait_until(lambda: panel.link_state is LinkState.ONLINE, what="back online")
    assert panel.state_label.text() == "● Online"
    await wait_until(lambda: sim.program == remote, what="the cue re-applied")
    await wait_until(lambda: panel.program_label.text() == remote, what="the program shown")
    assert "last known" not in panel.stream_label.text()
    assert "OBS is back" in panel.log_text()
    assert w.countdown.text() == "5:00"
