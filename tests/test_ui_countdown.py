"""The speaker countdown and the schedule figures on a simulated clock: text and colour in every
phase, on the moderator's window and on the speaker monitor alike."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from studio.clock import SimClock
from studio.show import Phase
from ui import style

pytestmark = pytest.mark.asyncio


def fg(phase: Phase) -> QColor:
    return QColor(style.PHASE_FG[phase])


async def test_countdown_phases(open_console, agenda, wait_until) -> None:
    # Opening, first speaker: 5 minutes; the event's thresholds are warning 2m, final 30s.
    clock = SimClock(agenda.planned_start)
    c = await open_console(clock=clock)
    w, mon = c.window, c.monitor
    st = c.bridge.refresh()
    assert st.status == "pre"
    assert w.countdown.phase is Phase.IDLE
    assert w.countdown.foreground() == fg(Phase.IDLE)

    QTest.keyClick(w.table, Qt.Key.Key_F5)
    assert c.rt.show.state.status == "running"
    steps = [
        (60, "4:00", Phase.NORMAL),
        (150, "1:30", Phase.WARNING),  # 2:00 left and less is amber
        (70, "0:20", Phase.FINAL),  # 0:30 left and less is red
        (32, "+0:12", Phase.OVERTIME),  # overtime counts up
    ]
    for advance, text, phase in steps:
        clock.advance(advance)
        c.bridge.refresh()
        for display in (w.countdown, mon.countdown):
            assert display.text() == text
            assert display.phase is phase
            assert display.foreground() == fg(phase)
    assert w.speaker_label.text() == "Moderator — Maritime Cluster of Ukraine"
    assert w.position_label.text() == "speaker 1 of 3"
    # 12 s over on the first speaker: the show is 12 s behind, and the plan's end moves with it.
    assert w.offset_label.text() == "+0:12 behind"
    assert w.item_left_label.text() == "10:00"
    assert w.end_label.text() == "15:00 (plan 15:00)"
    assert w.clock_label.text() == agenda.local(clock.now()).strftime("%H:%M:%S")
    assert w.next_label.text() == "Next: Representative — APPAU"


async def test_overtime_flashes_and_hold_turns_blue(open_console, agenda) -> None:
    clock = SimClock(agenda.planned_start)
    c = await open_console(clock=clock)
    w = c.window
    c.bridge.act("start")
    clock.advance(5 * 60 + 3)
    st = c.bridge.refresh()
    # The flash alternates the background; the figures stay red either way.
    w.countdown.show_status(st, flash=True)
    assert w.countdown.background() == QColor(style.OVERTIME_FLASH_BG)
    assert w.countdown.foreground() == fg(Phase.OVERTIME)
    w.countdown.show_status(st, flash=False)
    assert w.countdown.background() == QColor(style.COUNTDOWN_BG)
    assert w.countdown.foreground() == fg(Phase.OVERTIME)

    QTest.keyClick(w.table, Qt.Key.Key_H)  # hold: the speaker's clock stops
    clock.advance(30)
    c.bridge.refresh()
    assert w.countdown.text() == "+0:03"
    assert w.countdown.foreground() == QColor(style.HELD_FG)
    assert w.hold_label.text().startswith("ON HOLD")
    assert c.monitor.hold.text() == "ON HOLD"
    assert w.buttons["hold"].text() == "Resume (H)"
    QTest.keyClick(w.table, Qt.Key.Key_H)
    clock.advance(2)
    c.bridge.refresh()
    assert w.countdown.text() == "+0:05"


async def test_extend_and_messages(open_console, agenda) -> None:
    clock = SimClock(agenda.planned_start)
    c = await open_console(clock=clock)
    w = c.window
    w.table.setFocus()
    QTest.keyClick(w.table, Qt.Key.Key_F5)
    clock.advance(10)
    QTest.keyClick(w.table, Qt.Key.Key_Plus)
    c.bridge.refresh()
    assert w.countdown.text() == "5:50"
    QTest.keyClick(w.table, Qt.Key.Key_Minus)
    QTest.keyClick(w.table, Qt.Key.Key_Minus)
    c.bridge.refresh()
    assert w.countdown.text() == "3:50"
    # Taking away more than the speaker was given is refused, and explained in the status bar.
    for _ in range(4):
        QTest.keyClick(w.table, Qt.Key.Key_Minus)
    assert w.statusBar().currentMessage() == ""
    QTest.keyClick(w.table, Qt.Key.Key_Minus)
    assert w.statusBar().currentMessage() == "The speaker's time cannot go below zero."

    # The message line: typing Space and arrows there edits the text, it does not drive the show.
    w.message_edit.setFocus()
    QTest.keyClicks(w.message_edit, "Wrap up please")
    QTest.keyClick(w.message_edit, Qt.Key.Key_Left)
    QTest.keyClick(w.message_edit, Qt.Key.Key_Return)
    assert c.monitor.message.text() == "Wrap up please"
    assert c.rt.show.status().segment == 0
    # ... while Page Down, a clicker's "next", still works there.
    QTest.keyClick(w.message_edit, Qt.Key.Key_PageDown)
    assert c.rt.show.status().segment == 1
    w.clear_button.click()
    assert c.monitor.message.text() == ""


async def test_clicker_keys_work_wherever_the_focus_is(open_console, agenda, wait_until) -> None:
    """Page Down / Page Up drive the show from the table, the technician's log, the speaker
    monitor window, and while a stream question waits for the technician."""
    clock = SimClock(agenda.planned_start)
    c = await open_console(clock=clock)
    w, mon, panel = c.window, c.monitor, c.window.panel
    c.bridge.act("start")

    def seg() -> int:
        return c.rt.show.state.seg

    for widget in (w.table, panel.log_view):
        widget.setFocus()
        before = seg()
        QTest.keyClick(widget, Qt.Key.Key_PageDown)
        QTest.keyClick(widget, Qt.Key.Key_PageDown)
        QTest.keyClick(widget, Qt.Key.Key_PageUp)
        assert seg() == before + 1, widget

    mon.show()
    mon.activateWindow()
    await wait_until(lambda: mon.isActiveWindow(), what="the monitor active")
    before = seg()
    QTest.keyClick(mon, Qt.Key.Key_PageDown)
    assert seg() == before + 1
    QTest.keyClick(mon, Qt.Key.Key_F11)
    assert mon.isFullScreen()
    QTest.keyClick(mon, Qt.Key.Key_Escape)
    assert not mon.isFullScreen()

    await wait_until(lambda: panel.stream_button.isEnabled(), what="OBS online")
    panel.stream_button.click()
    await wait_until(lambda: panel.pending_dialog is not None, what="the stream question")
    box = panel.pending_dialog
    await wait_until(lambda: box.isActiveWindow(), what="the question active")
    before = seg()
    QTest.keyClick(box, Qt.Key.Key_Space)  # the clicker, not the dialog's buttons
    QTest.keyClick(box, Qt.Key.Key_PageDown)
    assert seg() == before + 2
    assert box.isVisible() and panel.pending_dialog is box
    # Arrows in the focused question move between its buttons; they never cut to the next
    # scene on air while the technician is choosing.
    focused = box.focusWidget()
    assert focused is box.reject_button  # "Cancel" first: starting the stream is the risk
    QTest.keyClick(focused, Qt.Key.Key_Left)
    QTest.keyClick(box.focusWidget(), Qt.Key.Key_Right)
    QTest.keyClick(box.focusWidget(), Qt.Key.Key_Right)
    assert seg() == before + 2
    assert box.focusWidget() is not focused
    assert box.isVisible() and not c.rt.link.snap.stream.active
    QTest.keyClick(box, Qt.Key.Key_Escape)
    await wait_until(lambda: panel.pending_dialog is None)
    assert [t for t, _ in c.rt.transport.requests if t == "StartStream"] == []
