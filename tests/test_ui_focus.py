"""Where the keyboard focus is when nobody has clicked anything yet, and after a message is sent:
a moderator's first Space (or a clicker's Page Down) must drive the show, not type a space."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio.clock import SimClock

pytestmark = pytest.mark.asyncio


async def test_first_space_after_opening_goes_to_the_show(open_console, agenda) -> None:
    clock = SimClock(agenda.planned_start)
    c = await open_console(clock=clock)
    focused = QApplication.focusWidget()
    assert focused is not c.window.message_edit
    QTest.keyClick(c.window, Qt.Key.Key_F5)
    QTest.keyClick(focused or c.window, Qt.Key.Key_Space)
    assert c.rt.show.state.seg == 1
    assert c.window.message_edit.text() == ""


async def test_focus_returns_to_the_show_after_sending_a_message(open_console, agenda) -> None:
    clock = SimClock(agenda.planned_start)
    c = await open_console(clock=clock)
    w = c.window
    c.bridge.act("start")
    w.message_edit.setFocus()
    w.message_edit.setText("Ще хвилина")  # keyClicks of Cyrillic aborts offscreen Qt
    QTest.keyClick(w.message_edit, Qt.Key.Key_Return)
    assert c.monitor.message.text() == "Ще хвилина"
    focused = QApplication.focusWidget()
    assert focused is not w.message_edit
    QTest.keyClick(focused or w, Qt.Key.Key_Space)
    assert c.rt.show.state.seg == 1
