"""MainWindow: the moderator's console.

What is on now (item, speaker, the countdown largest of all), how the show stands against the plan
(item time left, schedule offset, projected end against planned end, the event's wall clock), what
comes next, the buttons and hotkeys that drive the show, the message line for the speaker monitor,
and the agenda table. The technician panel is docked at the side.

Hotkeys are window-wide actions, so a presentation clicker (Page Down / Page Up, or the arrow keys
and Space) drives the show even when the agenda table has the focus. Closing the window during a
running show asks first, with a non-modal dialog.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QObject,
    QPoint,
    QSettings,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QContextMenuEvent,
    QDesktopServices,
    QFontMetrics,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QProxyStyle,
    QPushButton,
    QSplitter,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.actions import Origin
from studio.runtime import Runtime
from studio.show import ItemState, Status
from studio.timefmt import clock_text
from ui import style
from ui.agenda_model import AgendaModel
from ui.bridge import EngineBridge
from ui.checks import until_start
from ui.i18n import LANGUAGES, LanguageManager
from ui.journal_alarm import JournalAlarm
from ui.monitor import SpeakerMonitor
from ui.tech_panel import TechPanel
from ui.widgets import Confirm, CountdownDisplay, ModeBanner, set_style, set_text

Key = Qt.Key


class _MouseMenuBarStyle(QProxyStyle):
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


class MainWindow(QMainWindow):
    """The moderator's window with the technician's dock."""

    closed = Signal()
    """The window accepted its close: the console shuts the show's runtime down."""

    def __init__(
        self,
        rt: Runtime,
        bridge: EngineBridge,
        lang: LanguageManager,
        settings: QSettings,
        monitor: SpeakerMonitor,
        speed: float = 1.0,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.rt = rt
        self.bridge = bridge
        self.lang = lang
        self.settings = settings
        self.monitor = monitor
        self.pending_dialog: Confirm | None = None
        self._close_ok = False
        self._scrolled_row: int | None = None

        self.banner = ModeBanner(rt.mode, speed, self)
        bridge.linkEvent.connect(self.banner.on_link)
        self.journal_alarm = JournalAlarm(rt.journal_health, rt.journal_problems, rt.drift, self)
        bridge.journalHealth.connect(self.journal_alarm.set_health)

        # -- now: item, speaker, countdown, figures, next
        self.item_label = QLabel(self)
        self.item_label.setFont(style.font(20, bold=True))
        self.item_label.setWordWrap(True)
        self.clock_label = QLabel(self)
        self.clock_label.setFont(style.font(26, bold=True))
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.clock_caption = QLabel(self)
        self.clock_caption.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.clock_caption.setStyleSheet("color: #8a8f98;")
        self.notes_label = QLabel(self)
        self.notes_label.setFont(style.font(11, italic=True))
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet("color: #b0b6bf;")
        self.speaker_label = QLabel(self)
        self.speaker_label.setFont(style.font(17, bold=True))
        self.speaker_label.setWordWrap(True)
        self.position_label = QLabel(self)
        self.position_label.setFont(style.font(12))
        self.position_label.setStyleSheet("color: #b0b6bf;")
        self.countdown = CountdownDisplay(self)
        self.countdown.setMinimumHeight(150)
        self.hold_label = QLabel(self)
        self.hold_label.setFont(style.font(16, bold=True))
        self.hold_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hold_label.setStyleSheet(f"color: {style.HELD_FG};")

        self.fig_captions = [QLabel(self) for _ in range(3)]
        self.item_left_label, self.offset_label, self.end_label = (QLabel(self) for _ in range(3))
        figures = QGridLayout()
        for col, (cap, val) in enumerate(
            zip(
                self.fig_captions,
                (self.item_left_label, self.offset_label, self.end_label),
                strict=True,
            )
        ):
            cap.setStyleSheet("color: #8a8f98;")
            val.setFont(style.font(17, bold=True))
            figures.addWidget(cap, 0, col)
            figures.addWidget(val, 1, col)
            figures.setColumnStretch(col, 1)
        self.next_label = QLabel(self)
        self.next_label.setFont(style.font(13))
        self.next_label.setWordWrap(True)

        head = QGridLayout()
        head.addWidget(self.item_label, 0, 0)
        head.addWidget(self.clock_label, 0, 1)
        head.addWidget(self.notes_label, 1, 0)
        head.addWidget(self.clock_caption, 1, 1)
        head.setColumnStretch(0, 1)
        who = QHBoxLayout()
        who.addWidget(self.speaker_label, 1)
        who.addWidget(self.position_label, 0, Qt.AlignmentFlag.AlignBottom)

        # -- actions, buttons, hotkeys
        self.actions_by_name: dict[str, QAction] = {}
        self.start_action = self._action(
            "start", [Key.Key_F5], lambda: self._act("start"), everywhere=True
        )
        self.next_action = self._action(
            "next", [Key.Key_Space, Key.Key_Right, Key.Key_PageDown], self.next, everywhere=True
        )
        self.back_action = self._action(
            "back", [Key.Key_Left, Key.Key_PageUp], lambda: self._act("back"), everywhere=True
        )
        self.hold_action = self._action(
            "hold", [Key.Key_H, Key.Key_Pause], self.toggle_hold, everywhere=True
        )
        self.plus_action = self._action(
            "plus",
            [Key.Key_Plus, Key.Key_Equal],
            lambda: self._act("extend", seconds=60),
            everywhere=True,
        )
        self.minus_action = self._action(
            "minus", [Key.Key_Minus], lambda: self._act("extend", seconds=-60), everywhere=True
        )
        # A chord, not a single key: skipping the rest of an item is never a clicker's slip.
        self.skip_action = self._action(
            "skip", [QKeySequence("Ctrl+Shift+S")], lambda: self._act("skip")
        )
        self.goto_action = self._action("goto", [QKeySequence("Ctrl+G")], self.goto_selected)
        self.message_action = self._action(
            "message", [QKeySequence("Ctrl+L")], lambda: self.message_edit.setFocus()
        )
        self.report_action = self._action("report", [QKeySequence("Ctrl+R")], self.make_report)
        self.quit_action = self._action("quit", [QKeySequence("Ctrl+Q")], self.close)
        self.report_dialog: Confirm | None = None
        self.language_dialog: Confirm | None = None
        self._report_task: asyncio.Task[None] | None = None
        self.last_report: Path | None = None
        self._last_status = rt.show.state.status
        self.buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        for name in ("start", "back", "next", "hold", "minus", "plus", "skip", "goto"):
            button = QPushButton(self)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space must never "click" a button
            button.setMinimumHeight(44)
            button.setFont(style.font(11, bold=name == "next"))
            button.clicked.connect(self.actions_by_name[name].trigger)
            buttons.addWidget(button, 2 if name == "next" else 1)
            self.buttons[name] = button
        # The show's last button: shown once it has ended, in place of the ones that drive it.
        self.report_button = QPushButton(self)
        self.report_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.report_button.setMinimumHeight(44)
        self.report_button.setFont(style.font(11, bold=True))
        self.report_button.clicked.connect(self.report_action.trigger)
        buttons.addWidget(self.report_button, 2)

        # -- message for the speaker monitor
        self.message_edit = QLineEdit(self)
        self.message_edit.setFont(style.font(12))
        self.message_edit.returnPressed.connect(self.send_message)
        self.send_button = QPushButton(self)
        self.send_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.send_button.clicked.connect(self.send_message)
        self.clear_button = QPushButton(self)
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.clicked.connect(self.clear_message)
        self.message_caption = QLabel(self)
        self.message_shown = QLabel(self)
        self.message_shown.setStyleSheet("color: #ffd54f;")
        self.message_shown.setWordWrap(True)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message_caption)
        message_row.addWidget(self.message_edit, 1)
        message_row.addWidget(self.send_button)
        message_row.addWidget(self.clear_button)
        bridge.messageChanged.connect(self._message_changed)

        # -- agenda table
        self.model = AgendaModel(rt, bridge, lang, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.table.installEventFilter(self)  # its context menu opens for the mouse only
        header = self.table.horizontalHeader()
        # Fixed widths, set from the font in retranslate(): ResizeToContents would re-measure up
        # to 1,000 rows on every dataChanged, synchronously, inside the moderator's key press.
        for col in range(AgendaModel.COLUMNS):
            mode = QHeaderView.ResizeMode.Fixed
            if col in (AgendaModel.ITEM, AgendaModel.SPEAKER):
                mode = QHeaderView.ResizeMode.Stretch
            header.setSectionResizeMode(col, mode)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        now = QWidget(self)
        now_layout = QVBoxLayout(now)
        now_layout.addLayout(head)
        now_layout.addLayout(who)
        now_layout.addWidget(self.countdown, 1)
        now_layout.addWidget(self.hold_label)
        now_layout.addLayout(figures)
        now_layout.addWidget(self.next_label)
        now_layout.addLayout(buttons)
        now_layout.addLayout(message_row)
        now_layout.addWidget(self.message_shown)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(now)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.banner)
        outer.addWidget(self.journal_alarm)
        outer.addWidget(splitter, 1)
        self.setCentralWidget(central)

        # -- technician dock
        self.panel = TechPanel(rt, bridge, self)
        self.dock = QDockWidget(self)
        self.dock.setObjectName("technicianDock")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.dock.setMinimumWidth(360)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.resizeDocks([self.dock], [430], Qt.Orientation.Horizontal)

        self._build_menus()
        self.statusBar().setSizeGripEnabled(True)
        bridge.notice.connect(self.show_notice)
        bridge.tick.connect(self.show_status)
        bridge.showChanged.connect(self._show_changed)
        self.resize(1440, 900)
        self.retranslate()

    # ---- construction helpers ---------------------------------------------------------------
    def _action(
        self,
        name: str,
        keys: list[Qt.Key | QKeySequence],
        slot: Callable[[], object],
        *,
        everywhere: bool = False,
    ) -> QAction:
        """A menu action with hotkeys. `everywhere`: the keys work in every console window
        (the speaker monitor, a pending stream question), for the presentation clicker."""
        action = QAction(self)
        action.setShortcuts([k if isinstance(k, QKeySequence) else QKeySequence(k) for k in keys])
        action.setShortcutContext(
            Qt.ShortcutContext.ApplicationShortcut
            if everywhere
            else Qt.ShortcutContext.WindowShortcut
        )
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self._menu_bar_style = _MouseMenuBarStyle()  # kept: the widget does not own it
        bar.setStyle(self._menu_bar_style)
        self.show_menu = bar.addMenu("")
        for name in ("start", "next", "back", "hold", "plus", "minus", "skip", "goto"):
            self.show_menu.addAction(self.actions_by_name[name])
        self.show_menu.addSeparator()
        self.show_menu.addAction(self.message_action)
        self.show_menu.addAction(self.report_action)
        self.show_menu.addSeparator()
        self.show_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu("")
        self.monitor_action = QAction(self)
        self.monitor_action.setCheckable(True)
        self.monitor_action.setShortcut(QKeySequence("Ctrl+M"))
        self.monitor_action.toggled.connect(self.set_monitor_visible)
        self.monitor.visibilityChanged.connect(self.monitor_action.setChecked)
        self.view_menu.addAction(self.monitor_action)
        self.monitor_full_action = QAction(self)
        self.monitor_full_action.setShortcut(QKeySequence("Ctrl+F11"))
        self.monitor_full_action.triggered.connect(self._toggle_monitor_fullscreen)
        self.view_menu.addAction(self.monitor_full_action)
        self.screen_menu = self.view_menu.addMenu("")
        self.screen_menu.aboutToShow.connect(
            lambda: self.monitor.fill_screen_menu(self.screen_menu)
        )
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.dock.toggleViewAction())

        self.language_menu = bar.addMenu("")
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, native in LANGUAGES.items():
            action = self.language_menu.addAction(native)
            action.setCheckable(True)
            action.setChecked(code == self.lang.current)
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.lang.languageChanged.connect(lambda code: self.language_actions[code].setChecked(True))

    # ---- operator actions ---------------------------------------------------------------------
    def _act(self, name: str, origin: Origin = Origin.KEY, **args: object) -> bool:
        return self.bridge.act(name, origin=origin, **args)

    def next(self) -> None:
        if self.rt.show.state.status == "pre":
            self.show_notice(self.tr("The show has not started: press Start (F5)."))
            return
        self._act("next")

    def toggle_hold(self) -> None:
        self._act("resume" if self.rt.show.state.held_since is not None else "hold")

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectionModel().select(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def goto_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            self.show_notice(self.tr("Select an item in the agenda first."))
            return
        if self._act("goto", item=self.model.item_id(row)):
            self.table.clearSelection()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.ContextMenu
            and isinstance(event, QContextMenuEvent)
            and event.reason() != QContextMenuEvent.Reason.Mouse
        ):
            return True  # the Menu key is no way into "Go to" / "Skip" mid-show
        return super().eventFilter(watched, event)

    def _table_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        item_id = self.model.item_id(index.row())
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        go = menu.addAction(self.tr("Go to this item"))
        go.triggered.connect(lambda: self._act("goto", Origin.MENU, item=item_id))
        skip = menu.addAction(self.tr("Skip this item"))
        skip.triggered.connect(lambda: self._act("skip", Origin.MENU, item=item_id))
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def send_message(self) -> None:
        self.bridge.set_message(self.message_edit.text())
        # Back to the agenda, so the next Space or arrow drives the show again.
        self.table.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.message_edit.hasFocus() or not self.message_edit.text():
            # The message line is the first focusable widget; a Space pressed before anyone
            # clicked anything must reach the show, not type into it.
            self.table.setFocus()

    def clear_message(self) -> None:
        self.message_edit.clear()
        self.bridge.set_message("")

    def _message_changed(self, text: str) -> None:
        set_text(
            self.message_shown,
            self.tr("On the speaker monitor: {text}").format(text=text) if text else "",
        )

    def show_notice(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # ---- as-run report ------------------------------------------------------------------------
    def make_report(self) -> None:
        """Write the as-run report of the show so far (HTML and CSV beside the journal)."""
        if self.rt.show.state.status == "pre":
            self.show_notice(self.tr("The show has not started: there is nothing to report yet."))
            return
        if self.report_dialog is not None:
            self.report_dialog.raise_()
            return
        if self._report_task is not None and not self._report_task.done():
            return  # one report at a time; this one is being written
        self._report_task = self.bridge.spawn(self._write_report(), "as-run report")

    async def _write_report(self) -> None:
        # Imported here: the console does not pay for the report module at start-up.
        from studio.report import ReportError, build_report, write_report

        journal = self.rt.journal.path
        lang = self.lang.current

        def build() -> tuple[Path, Path]:
            return write_report(build_report(journal), journal.parent, lang)

        # Off the loop's thread: a long journal must not stall the countdown.
        loop = asyncio.get_running_loop()
        try:
            html, csv = await loop.run_in_executor(None, build)
        except (ReportError, OSError) as exc:
            self.show_notice(
                self.tr("The as-run report could not be written: {reason}").format(reason=exc)
            )
            return
        self.last_report = html
        self.show_notice(self.tr("As-run report written: {path}").format(path=html))
        box = Confirm(
            self,
            self.tr("As-run report"),
            self.tr(
                "The as-run report is written:\n{html}\n{csv}\n\nOpen it in the browser?"
            ).format(html=html, csv=csv),
            self.tr("Open"),
            self.tr("Not now"),
            default_accept=False,  # Enter must never throw a browser over the console mid-show
        )
        self.report_dialog = box
        try:
            # Not modal and not taking the keyboard: during a show the keys keep driving it.
            yes = await box.ask(block_parent=False, take_focus=False)
        finally:
            self.report_dialog = None
        if yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(html)))

    # ---- monitor and language -----------------------------------------------------------------
    def set_monitor_visible(self, visible: bool) -> None:
        if visible and not self.monitor.isVisible():
            self.monitor.show()
        elif not visible and self.monitor.isVisible():
            self.monitor.hide()
        self.settings.setValue("monitor/visible", visible)

    def _toggle_monitor_fullscreen(self) -> None:
        if not self.monitor.isVisible():
            self.monitor.show()
        self.monitor.set_fullscreen(not self.monitor.isFullScreen())

    def set_language(self, code: str) -> None:
        """Switch the console's language; during a running show, only once the moderator
        agrees (the question defaults to No and takes no keys, so no key sweep can say yes)."""
        if code == self.lang.current:
            return
        if self.rt.show.state.status != "running":
            self._switch_language(code)
            return
        # The menu ticked the new language already: it shows the one in use until answered.
        self.language_actions[self.lang.current].setChecked(True)
        if self.language_dialog is not None:
            self.language_dialog.raise_()
            return
        self.bridge.spawn(self._ask_language(code), "language question")

    def _switch_language(self, code: str) -> None:
        if self.lang.set_language(code):
            self.settings.setValue("language", code)

    async def _ask_language(self, code: str) -> None:
        box = Confirm(
            self,
            self.tr("Switch the language?"),
            self.tr(
                "The show is running. Switch the console and the speaker monitor to {language} "
                "now? Every label changes at once."
            ).format(language=LANGUAGES[code]),
            self.tr("Switch to {language}").format(language=LANGUAGES[code]),
            self.tr("Keep the language"),
            default_accept=False,
        )
        self.language_dialog = box
        try:
            # Not modal and not taking the keyboard: the keys keep driving the show, and only a
            # click switches the language.
            yes = await box.ask(block_parent=False, take_focus=False)
        finally:
            self.language_dialog = None
        if yes:
            self._switch_language(code)

    # ---- refresh ------------------------------------------------------------------------------
    def _show_changed(self) -> None:
        row = self.model.current_row()
        if row is not None and row != self._scrolled_row:
            self.table.scrollTo(
                self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter
            )
        self._scrolled_row = row
        status = self.rt.show.state.status
        if status == "ended" and self._last_status != "ended":
            self.show_notice(
                self.tr("The show has ended. The as-run report: Show → As-run report (Ctrl+R).")
            )
        self._last_status = status
        self._update_buttons()

    def _update_buttons(self) -> None:
        st = self.rt.show.state
        running = st.status == "running"
        enabled = {
            "start": st.status == "pre",
            "next": running,
            "back": running,
            "hold": running,
            "plus": running,
            "minus": running,
            "skip": running,
            "goto": self.selected_row() is not None,
        }
        for name, button in self.buttons.items():
            button.setEnabled(enabled[name])
        ended = st.status == "ended"
        self.report_action.setEnabled(st.status != "pre")
        self.report_button.setVisible(ended)
        for name in ("back", "hold", "minus", "plus", "skip"):
            self.buttons[name].setVisible(not ended)
        held = st.held_since is not None
        hold_text = self.tr("Resume (H)") if held else self.tr("Hold (H)")
        set_text(self.buttons["hold"], hold_text)
        self.hold_action.setText(self.tr("Resume") if held else self.tr("Hold"))

    def show_status(self, st: Status) -> None:
        """Render one status: only labels whose text changed are touched."""
        a = self.rt.agenda
        lang = self.lang.current
        running = st.status == "running"
        set_text(self.clock_label, a.local(st.now).strftime("%H:%M:%S"))
        before = until_start(a, st)
        self.countdown.show_status(st, flash=self.bridge.flash_phase(), until_start=before)
        if running and st.held:
            hold = self.tr("ON HOLD — the speaker's time is stopped")
        elif before is not None:
            hold = (
                self.tr("until the planned start")
                if before >= 0
                else self.tr("late for the planned start")
            )
        else:
            hold = ""
        set_text(self.hold_label, hold)

        if running and st.item is not None:
            title = st.item.title.get(lang)
            notes = st.item.notes.get(lang) if st.item.notes else ""
            speaker = self._speaker_text(st)
            n = len(st.item.speakers)
            position = (
                self.tr("speaker {i} of {n}").format(i=st.speaker_index + 1, n=n)
                if st.speaker_index is not None
                else ""
            )
        elif st.status == "pre":
            title = self.tr("Not started yet — press Start (F5)")
            notes = self.tr("Planned start {time}").format(
                time=a.local(a.planned_start).strftime("%H:%M")
            )
            speaker, position = "", ""
        else:
            title = self.tr("The show has ended")
            notes = self.tr("Ended at {time}").format(
                time=a.local(st.projected_end).strftime("%H:%M:%S")
            )
            speaker, position = "", ""
        set_text(self.item_label, title)
        set_text(self.notes_label, notes)
        self.notes_label.setVisible(bool(notes))
        set_text(self.speaker_label, speaker)
        set_text(self.position_label, position)

        set_text(self.item_left_label, clock_text(st.item_remaining) if running else "–")
        offset = round(st.offset)
        if offset >= 1:
            offset_text = self.tr("+{t} behind").format(t=clock_text(offset))
        elif offset <= -1:
            offset_text = self.tr("{t} ahead").format(t=clock_text(-offset))
        else:
            offset_text = self.tr("on time")
        set_text(self.offset_label, offset_text)
        set_style(self.offset_label, f"color: {style.LEVEL_FG[style.offset_level(st.offset)]};")
        end_text = self.tr("{end} (plan {planned})").format(
            end=a.local(st.projected_end).strftime("%H:%M"),
            planned=a.local(st.planned_end).strftime("%H:%M"),
        )
        set_text(self.end_label, end_text)
        late = st.projected_end - st.planned_end
        set_style(self.end_label, f"color: {style.LEVEL_FG[style.offset_level(late)]};")
        set_text(self.next_label, self._next_text(st))

    def _speaker_text(self, st: Status) -> str:
        if st.speaker is not None:
            return st.speaker.label(self.lang.current)
        if st.item is not None and st.item.kind == "break":
            return self.tr("Break")
        return self.tr("Open discussion")

    def _next_text(self, st: Status) -> str:
        a = self.rt.agenda
        lang = self.lang.current
        if st.status == "ended":
            return ""
        if st.next_item_index is None:
            return self.tr("Next: the end of the show")
        item = a.items[st.next_item_index]
        if st.next_speaker_index is not None:
            who = item.speakers[st.next_speaker_index].label(lang)
        elif item.kind == "break":
            who = ""
        else:
            who = self.tr("open discussion")
        if st.status == "running" and st.next_item_index == st.item_index:
            return self.tr("Next: {who}").format(who=who)
        title = item.title.get(lang)
        return (
            self.tr("Next: {title} — {who}").format(title=title, who=who)
            if who
            else (self.tr("Next: {title}").format(title=title))
        )

    # ---- language -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        title = self.rt.agenda.event.title.get(self.lang.current)
        self.setWindowTitle(self.tr("Studio Console — {title}").format(title=title))
        texts = {
            "start": (self.tr("Start"), self.tr("Start (F5)")),
            "next": (self.tr("Next"), self.tr("Next ▶ (Space)")),
            "back": (self.tr("Back"), self.tr("◀ Back")),
            "plus": (self.tr("+1 minute"), self.tr("+1 min")),
            "minus": (self.tr("−1 minute"), self.tr("−1 min")),
            "skip": (self.tr("Skip the current item"), self.tr("Skip item")),  # Ctrl+Shift+S
            "goto": (self.tr("Go to the selected item"), self.tr("Go to selected")),
        }
        for name, (action_text, button_text) in texts.items():
            self.actions_by_name[name].setText(action_text)
            self.buttons[name].setText(button_text)
        tips = {
            "start": self.tr("Start the show at the first item (F5)"),
            "next": self.tr("Next speaker or item (Space, →, Page Down)"),
            "back": self.tr("Back to the previous speaker or item (←, Page Up)"),
            "hold": self.tr("Stop or restart the speaker's clock (H)"),
            "plus": self.tr("Give the speaker one more minute (+)"),
            "minus": self.tr("Take one minute from the speaker (−)"),
            "skip": self.tr("Skip the rest of the current item (Ctrl+Shift+S)"),
            "goto": self.tr("Jump to the item selected in the agenda (Ctrl+G)"),
        }
        for name, tip in tips.items():
            self.buttons[name].setToolTip(tip)
        self.message_action.setText(self.tr("Write a message to the speaker"))
        self.quit_action.setText(self.tr("Quit"))
        self.report_action.setText(self.tr("As-run report…"))
        self.report_button.setText(self.tr("As-run report (Ctrl+R)"))
        self.report_button.setToolTip(
            self.tr("Write the as-run report of this show (HTML and CSV) beside its journal")
        )
        self.message_caption.setText(self.tr("Message:"))
        self.message_edit.setPlaceholderText(
            self.tr("Text for the speaker monitor; Enter shows it (Ctrl+L to type here)")
        )
        self.send_button.setText(self.tr("Show"))
        self.clear_button.setText(self.tr("Clear"))
        self.fig_captions[0].setText(self.tr("Item time left"))
        self.fig_captions[1].setText(self.tr("Schedule"))
        self.fig_captions[2].setText(self.tr("Projected end"))
        zone = self.rt.agenda.event.timezone
        if zone == "Europe/Kyiv":
            self.clock_caption.setText(self.tr("Kyiv time"))
        else:
            self.clock_caption.setText(self.tr("Event time ({zone})").format(zone=zone))
        self.show_menu.setTitle(self.tr("&Show"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.monitor_action.setText(self.tr("Speaker monitor"))
        self.monitor_full_action.setText(self.tr("Speaker monitor full screen"))
        self.screen_menu.setTitle(self.tr("Speaker monitor screen"))
        self.dock.setWindowTitle(self.tr("Technician"))
        fm = self.table.fontMetrics()
        bold = self.table.font()
        bold.setBold(True)
        widest = max(
            [fm.horizontalAdvance(self.model.state_name(s)) for s in ItemState]
            + [QFontMetrics(bold).horizontalAdvance(self.model.state_name(ItemState.CURRENT))]
            + [
                fm.horizontalAdvance(
                    self.model.headerData(AgendaModel.STATE, Qt.Orientation.Horizontal)
                )
            ]
        )
        header = self.table.horizontalHeader()
        header.resizeSection(AgendaModel.STATE, widest + 24)
        bold_fm = QFontMetrics(bold)
        for col, sample in (
            (AgendaModel.PLANNED, "00:00"),
            (AgendaModel.PLANNED_DUR, "0:00:00"),
            (AgendaModel.ACTUAL_DUR, "0:00:00"),
        ):
            title = self.model.headerData(col, Qt.Orientation.Horizontal)
            width = max(bold_fm.horizontalAdvance(sample), fm.horizontalAdvance(str(title)))
            header.resizeSection(col, width + 24)
        self._update_buttons()
        self._message_changed(self.bridge.message)
        self.show_status(self.bridge.status)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- settings and closing -----------------------------------------------------------------
    def restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def save(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())

    def confirm_close(self) -> None:
        """Close without asking (the console's own shutdown)."""
        self._close_ok = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.rt.show.state.status == "running" and not self._close_ok:
            event.ignore()
            if self.pending_dialog is None:
                self.bridge.spawn(self._ask_close(), "ask-close")
            else:
                self.pending_dialog.raise_()
            return
        if self.language_dialog is not None:
            self.language_dialog.answer(False)  # its task ends; the language stays
        self.save()
        event.accept()
        self.closed.emit()

    async def _ask_close(self) -> None:
        box = Confirm(
            self,
            self.tr("Close the console?"),
            self.tr(
                "The show is running. If you close the console, the show stays in the journal "
                "and continues from the same item when you open it again."
            ),
            self.tr("Close"),
            self.tr("Keep running"),
            danger=True,
        )
        self.pending_dialog = box
        try:
            yes = await box.ask()
        finally:
            self.pending_dialog = None
        if yes:
            self._close_ok = True
            # Never close from inside the task that awaited the dialog: let the loop do it.
            asyncio.get_running_loop().call_soon(self.close)


__all__ = ["MainWindow"]
