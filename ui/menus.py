"""The main window's actions, hotkeys and menu bar.

`build_actions` makes one QAction per thing the moderator does, with its keys: window-wide for
the presentation clicker (Page Down / Page Up, the arrows, Space), so the show moves even when the
agenda table has the focus. `build_menus` puts them in the Show, View and Language menus.

Nothing here sets a text: MainWindow.retranslate names every action and menu, so the strings keep
the MainWindow translation context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QMenu,
    QProxyStyle,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)

from ui.i18n import LANGUAGES

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Key = Qt.Key
Act = Callable[..., bool]
"""The window's way to send a show action: act(name, **args), True if the show took it."""

SHOW_ACTIONS = ("start", "next", "back", "hold", "plus", "minus", "skip", "goto")
"""The actions that drive the show, in the order of the Show menu."""


class MenuActions:
    """The actions and menus `build_actions` and `build_menus` make, declared for readers and
    tools; MainWindow inherits the declarations."""

    actions_by_name: dict[str, QAction]
    start_action: QAction
    next_action: QAction
    back_action: QAction
    hold_action: QAction
    plus_action: QAction
    minus_action: QAction
    skip_action: QAction
    goto_action: QAction
    message_action: QAction
    report_action: QAction
    plan_action: QAction
    quit_action: QAction
    menu_bar_style: MouseMenuBarStyle
    show_menu: QMenu
    view_menu: QMenu
    screen_menu: QMenu
    language_menu: QMenu
    monitor_action: QAction
    monitor_full_action: QAction
    language_group: QActionGroup
    language_actions: dict[str, QAction]


class MouseMenuBarStyle(QProxyStyle):
    """The menu bar's style, less its keyboard mode.

    By default a menu opened with the mouse and closed with Esc leaves the menu bar holding the
    keyboard: Return, Space or an arrow (with any modifier) then opens that menu and the next
    one picks its first item. A key sweep mid-show switched the language that way. Without
    keyboard mode the keys stay with the console; Alt+letter still opens a menu on purpose."""

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_MenuBar_AltKeyNavigation:
            return 0
        return super().styleHint(hint, option, widget, returnData)


def make_action(
    window: MainWindow,
    name: str,
    keys: list[Qt.Key | QKeySequence],
    slot: Callable[[], object],
    *,
    everywhere: bool = False,
) -> QAction:
    """A menu action with hotkeys, kept in `window.actions_by_name`. `everywhere`: the keys work
    in every console window (the speaker monitor, a pending stream question), for the clicker."""
    action = QAction(window)
    action.setShortcuts([k if isinstance(k, QKeySequence) else QKeySequence(k) for k in keys])
    action.setShortcutContext(
        Qt.ShortcutContext.ApplicationShortcut if everywhere else Qt.ShortcutContext.WindowShortcut
    )
    action.triggered.connect(lambda _=False: slot())
    window.addAction(action)
    window.actions_by_name[name] = action
    return action


def build_actions(w: MainWindow, act: Act) -> None:
    """The moderator's actions and their hotkeys, as attributes of the window."""
    w.actions_by_name = {}
    w.start_action = make_action(w, "start", [Key.Key_F5], lambda: act("start"), everywhere=True)
    w.next_action = make_action(
        w, "next", [Key.Key_Space, Key.Key_Right, Key.Key_PageDown], w.next, everywhere=True
    )
    w.back_action = make_action(
        w, "back", [Key.Key_Left, Key.Key_PageUp], lambda: act("back"), everywhere=True
    )
    w.hold_action = make_action(
        w, "hold", [Key.Key_H, Key.Key_Pause], w.toggle_hold, everywhere=True
    )
    w.plus_action = make_action(
        w,
        "plus",
        [Key.Key_Plus, Key.Key_Equal],
        lambda: act("extend", seconds=60),
        everywhere=True,
    )
    w.minus_action = make_action(
        w, "minus", [Key.Key_Minus], lambda: act("extend", seconds=-60), everywhere=True
    )
    # A chord, not a single key: skipping the rest of an item is never a clicker's slip.
    w.skip_action = make_action(w, "skip", [QKeySequence("Ctrl+Shift+S")], lambda: act("skip"))
    w.goto_action = make_action(w, "goto", [QKeySequence("Ctrl+G")], w.goto_selected)
    w.message_action = make_action(
        w, "message", [QKeySequence("Ctrl+L")], lambda: w.message_edit.setFocus()
    )
    w.report_action = make_action(w, "report", [QKeySequence("Ctrl+R")], w.make_report)
    # One key takes a proposed plan to end on time; it does nothing while none is proposed.
    w.plan_action = make_action(w, "plan", [Key.Key_F9], w.accept_plan, everywhere=True)
    w.plan_action.setEnabled(False)
    w.quit_action = make_action(w, "quit", [QKeySequence("Ctrl+Q")], w.close)


def build_menus(w: MainWindow) -> None:
    """The Show, View and Language menus (their titles come from retranslate)."""
    bar = w.menuBar()
    w.menu_bar_style = MouseMenuBarStyle()  # kept: the widget does not own it
    bar.setStyle(w.menu_bar_style)
    w.show_menu = bar.addMenu("")
    for name in SHOW_ACTIONS:
        w.show_menu.addAction(w.actions_by_name[name])
    w.show_menu.addSeparator()
    w.show_menu.addAction(w.message_action)
    w.show_menu.addAction(w.plan_action)
    w.show_menu.addAction(w.report_action)
    w.show_menu.addSeparator()
    w.show_menu.addAction(w.quit_action)
    w.view_menu = bar.addMenu("")
    _monitor_menu(w)
    w.view_menu.addSeparator()
    w.view_menu.addAction(w.dock.toggleViewAction())
    w.language_menu = bar.addMenu("")
    _language_menu(w)


def _monitor_menu(w: MainWindow) -> None:
    """The speaker monitor's entries in the View menu: shown, full screen, on which screen."""
    w.monitor_action = QAction(w)
    w.monitor_action.setCheckable(True)
    w.monitor_action.setShortcut(QKeySequence("Ctrl+M"))
    w.monitor_action.toggled.connect(w.set_monitor_visible)
    w.monitor.visibilityChanged.connect(w.monitor_action.setChecked)
    w.view_menu.addAction(w.monitor_action)
    w.monitor_full_action = QAction(w)
    w.monitor_full_action.setShortcut(QKeySequence("Ctrl+F11"))
    w.monitor_full_action.triggered.connect(w.toggle_monitor_fullscreen)
    w.view_menu.addAction(w.monitor_full_action)
    w.screen_menu = w.view_menu.addMenu("")
    w.screen_menu.aboutToShow.connect(lambda: w.monitor.fill_screen_menu(w.screen_menu))


def _language_menu(w: MainWindow) -> None:
    """One checkable entry per language, each named in its own language."""
    w.language_group = QActionGroup(w)
    w.language_actions = {}
    for code, native in LANGUAGES.items():
        action = w.language_menu.addAction(native)
        action.setCheckable(True)
        action.setChecked(code == w.lang.current)
        action.triggered.connect(lambda _=False, c=code: w.set_language(c))
        w.language_group.addAction(action)
        w.language_actions[code] = action
    w.lang.languageChanged.connect(lambda code: w.language_actions[code].setChecked(True))
