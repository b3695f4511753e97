"""Show keys never reach the console's menus, and the language never changes mid-show by accident.

A menu opened with the mouse and closed with Esc used to leave the menu bar in keyboard mode:
Ctrl+Return then opened that menu and Ctrl+Shift+Return picked its first item, so a sweep over
the keyboard switched the console's language in the middle of the show. Keys here go where a
keyboard's would: to the open popup if there is one, else to the focus widget, after the
shortcut map.
"""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from studio.clock import SimClock

pytestmark = [
    pytest.mark.asyncio,
    # The offscreen platform has no keyboard to grab for a popup menu, and says so.
    pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard"),
]

K, M = Qt.Key, Qt.KeyboardModifier
CTRL, SHIFT, ALT = M.ControlModifier, M.ShiftModifier, M.AltModifier
NONE = M.NoModifier

# Keys that drive no show action but that a menu bar or a menu would act on, with and without
# modifiers: what a sweep over the keyboard (or a cat on it) sends.
SWEEP_KEYS = (K.Key_Return, K.Key_Enter, K.Key_Space, K.Key_Up, K.Key_Down, K.Key_Tab)
SWEEP_MODS = (NONE, CTRL, SHIFT, CTRL | SHIFT, ALT)
SWEEP = [
    (K.Key_Return, CTRL),  # the reported pair first: opens the menu...
    (K.Key_Return, CTRL | SHIFT),  # ...and picks its first item
    *itertools.product(SWEEP_KEYS, SWEEP_MODS),
    (K.Key_L, NONE),  # a menu title's mnemonic (&Language) in keyboard mode
    (K.Key_S, NONE),
    (K.Key_V, NONE),
    (K.Key_Menu, NONE),  # the agenda table's context menu: Go to / Skip this item
    (K.Key_Menu, SHIFT),
    (K.Key_Return, NONE),
    (K.Key_Escape, NONE),
]
SHOW_KEYS = {K.Key_Space, K.Key_Right, K.Key_Left, K.Key_PageDown, K.Key_PageUp}


def menus(w: Any) -> list[QMenu]:
    return [w.show_menu, w.view_menu, w.screen_menu, w.language_menu]


def watch_menus(w: Any) -> tuple[list[str], list[str]]:
    """Menus that opened, and language items picked (they have no shortcut: only a menu
    triggers them)."""
    shown: list[str] = []
    picked: list[str] = []
    for menu in menus(w):
        menu.aboutToShow.connect(lambda m=menu: shown.append(m.title()))
    for code, action in w.language_actions.items():
        action.triggered.connect(lambda _=False, c=code: picked.append(c))
    return shown, picked


def close_popups() -> None:
    while (popup := QApplication.activePopupWidget()) is not None:
        popup.close()


async def settle() -> None:
    """Let the loop deliver what the keys and clicks queued (never processEvents() inside a
    coroutine: qasync would run other tasks' steps re-entrantly and lose them)."""
    for _ in range(3):
        await asyncio.sleep(0.01)


def keyboard_target(w: Any) -> Any:
    """Where the window system would deliver a key: the open popup, else the focus widget."""
    popup = QApplication.activePopupWidget()
    if popup is not None:
        return popup.focusWidget() or popup
    return QApplication.focusWidget() or w


async def key(w: Any, k: Qt.Key, mods: Qt.KeyboardModifier = NONE) -> None:
    # The QWidget overload: it goes through the shortcut map as a keyboard would, and unlike
    # the QWindow one it calls no processEvents() inside this coroutine.
    QTest.keyClick(keyboard_target(w), k, mods)
    await settle()


async def open_with_mouse_and_escape(w: Any, menu: QMenu, wait_until: Any) -> None:
    bar = w.menuBar()
    at = bar.actionGeometry(menu.menuAction()).center()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, NONE, at)
    await wait_until(menu.isVisible, what=f"the {menu.title()} menu open")
    await settle()  # the window system has given the popup the keyboard
    await key(w, K.Key_Escape)
    await wait_until(lambda: not menu.isVisible(), what="the menu closed")


async def running_console(open_console: Any, agenda: Any, language: str = "en") -> Any:
    c = await open_console(clock=SimClock(agenda.planned_start), language=language)
    c.bridge.act("start")
    c.bridge.refresh()
    c.window.table.setFocus()
    await settle()
    return c


@pytest.mark.parametrize("which", ["language_menu", "show_menu", "view_menu"])
async def test_a_key_sweep_after_a_menu_closed_with_esc_reaches_no_menu(
    open_console: Any, agenda: Any, wait_until: Any, which: str
) -> None:
    c = await running_console(open_console, agenda)
    w = c.window
    seg = c.rt.show.state.seg
    await open_with_mouse_and_escape(w, getattr(w, which), wait_until)
    shown, picked = watch_menus(w)
    popups = []
    try:
        for k, mods in SWEEP:
            await key(w, k, mods)
            if QApplication.activePopupWidget() is not None:
                popups.append(k.name)
    finally:
        close_popups()
    assert popups == []
    assert shown == []
    assert picked == []
    assert c.lang.current == "en"
    assert w.language_actions["en"].isChecked()
    assert w.buttons["next"].text().startswith("Next")
    assert not w.menuBar().hasFocus()  # the menu bar did not keep the keyboard
    # Only Space is a show key in the sweep (Next, with no modifier): nothing else moved it.
    assert c.rt.show.state.seg == seg + 1
    assert c.rt.show.state.status == "running"


async def test_show_keys_still_drive_the_show_after_a_menu_closed_with_esc(
    open_console: Any, agenda: Any, wait_until: Any
) -> None:
    c = await running_console(open_console, agenda)
    w = c.window
    await open_with_mouse_and_escape(w, w.language_menu, wait_until)
    seg = c.rt.show.state.seg
    await key(w, K.Key_PageDown)
    await key(w, K.Key_Right)
    assert c.rt.show.state.seg == seg + 2
    await key(w, K.Key_Left)
    assert c.rt.show.state.seg == seg + 1
    assert QApplication.activePopupWidget() is None


async def test_a_menu_still_works_with_the_mouse(
    open_console: Any, agenda: Any, wait_until: Any
) -> None:
    c = await running_console(open_console, agenda)
    w = c.window
    shown_before = w.monitor_action.isChecked()
    bar = w.menuBar()
    QTest.mouseClick(
        bar, Qt.MouseButton.LeftButton, NONE, bar.actionGeometry(w.view_menu.menuAction()).center()
    )
    await wait_until(w.view_menu.isVisible, what="the View menu")
    await settle()
    at = w.view_menu.actionGeometry(w.monitor_action).center()
    QTest.mouseMove(w.view_menu, at)
    await settle()
    QTest.mouseClick(w.view_menu, Qt.MouseButton.LeftButton, NONE, at)
    await wait_until(lambda: c.monitor.isVisible() is not shown_before, what="the monitor toggled")
    assert w.monitor_action.isChecked() is not shown_before
    assert not w.view_menu.isVisible()


async def test_the_agenda_menu_opens_for_the_mouse_not_the_menu_key(
    open_console: Any, agenda: Any, wait_until: Any
) -> None:
    """The Menu key (a context menu by keyboard) then Return would go to an item mid-show."""
    c = await running_console(open_console, agenda)
    w = c.window
    row = agenda.item_index("break-1")
    w.table.setCurrentIndex(w.model.index(row, 0))
    rect = w.table.visualRect(w.model.index(row, 0))
    by_key = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard,
        rect.center(),
        w.table.mapToGlobal(rect.center()),
    )
    QApplication.sendEvent(w.table, by_key)
    await settle()
    popup = QApplication.activePopupWidget()
    close_popups()
    assert popup is None
    by_mouse = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse,
        rect.center(),
        w.table.viewport().mapToGlobal(rect.center()),
    )
    QApplication.sendEvent(w.table.viewport(), by_mouse)
    await settle()
    popup = QApplication.activePopupWidget()
    try:
        assert isinstance(popup, QMenu)
        # A break has no speakers: no "Fix name or role…" (tests/test_ui_live_edits.py), no
        # speaker to add or remove (tests/test_ui_order_edits.py); it can move.
        assert [a.text() for a in popup.actions()] == [
            "Go to this item",
            "Skip this item",
            "Change time…",
            "Move…",
        ]
    finally:
        close_popups()
    assert c.rt.show.status().item.id != "break-1"


def pick_language_with_mouse(w: Any, code: str) -> QAction:
    action = w.language_actions[code]
    action.trigger()  # what a click on the item in the Language menu does
    return action


async def test_switching_language_while_running_asks_first_and_no_keeps_it(
    open_console: Any, agenda: Any, wait_until: Any
) -> None:
    c = await running_console(open_console, agenda)
    w = c.window
    pick_language_with_mouse(w, "uk")
    await wait_until(lambda: w.language_dialog is not None, what="the question")
    box = w.language_dialog
    await wait_until(box.isVisible, what="the question shown")
    assert c.lang.current == "en"
    assert w.language_actions["en"].isChecked()  # the menu shows what is in use
    assert box.defaultButton() is box.reject_button
    assert "Українська" in box.text()
    box.grab().save(str(Path("/tmp/language-question.png")))

    # Keys do not answer it: Enter and a sweep leave it open; the show keys still drive the show.
    seg = c.rt.show.state.seg
    for k, mods in [(K.Key_Return, NONE), (K.Key_Return, CTRL), (K.Key_Enter, NONE)]:
        await key(w, k, mods)
    await key(w, K.Key_PageDown)
    assert c.rt.show.state.seg == seg + 1
    assert c.lang.current == "en"

    # A second pick while it is open asks nothing more.
    pick_language_with_mouse(w, "uk")
    await settle()
    assert w.language_dialog is box

    QTest.mouseClick(box.reject_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: w.language_dialog is None, what="the answer")
    await settle()
    assert c.lang.current == "en"
    assert w.language_actions["en"].isChecked() and not w.language_actions["uk"].isChecked()
    assert w.buttons["next"].text().startswith("Next")
    assert c.settings.value("language") in (None, "en")


async def test_yes_switches_the_language_mid_show(
    open_console: Any, agenda: Any, wait_until: Any
) -> None:
    c = await running_console(open_console, agenda)
    w = c.window
    pick_language_with_mouse(w, "uk")
    await wait_until(lambda: w.language_dialog is not None, what="the question")
    box = w.language_dialog
    QTest.mouseClick(box.accept_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: c.lang.current == "uk", what="Ukrainian")
    await wait_until(lambda: w.buttons["next"].text().startswith("Далі"), what="Ukrainian labels")
    assert w.language_actions["uk"].isChecked()
    assert c.settings.value("language") == "uk"
    assert c.rt.show.state.status == "running"


async def test_the_question_is_in_the_console_language(
    open_console: Any, agenda: Any, wait_until: Any
) -> None:
    c = await running_console(open_console, agenda, language="uk")
    w = c.window
    pick_language_with_mouse(w, "en")
    await wait_until(lambda: w.language_dialog is not None, what="the question")
    box = w.language_dialog
    await wait_until(box.isVisible, what="the question shown")
    assert "English" in box.text()
    assert box.windowTitle() != "Switch the language?"  # translated
    box.grab().save("/tmp/language-question-uk.png")
    box.answer(False)
    await wait_until(lambda: w.language_dialog is None, what="the answer")
    assert c.lang.current == "uk"


async def test_before_and_after_the_show_the_language_switches_at_once(
    open_console: Any, agenda: Any, wait_until: Any
) -> None:
    c = await open_console(clock=SimClock(agenda.planned_start), language="en")
    w = c.window
    pick_language_with_mouse(w, "uk")
    assert c.lang.current == "uk"
    assert w.language_dialog is None
    c.bridge.act("start")
    c.bridge.act("end")
    assert c.rt.show.state.status == "ended"
    pick_language_with_mouse(w, "en")
    assert c.lang.current == "en"
    assert w.language_dialog is None
