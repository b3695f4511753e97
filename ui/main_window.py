"""MainWindow: the moderator's console.

What is on now (item, speaker, the countdown largest of all), how the show stands against the plan
(item time left, schedule offset, projected end against planned end, the event's wall clock), what
comes next, the buttons and hotkeys that drive the show, the message line for the speaker monitor,
and the agenda table. The technician panel is docked at the side.

Hotkeys are window-wide actions, so a presentation clicker (Page Down / Page Up, or the arrow keys
and Space) drives the show even when the agenda table has the focus. Closing the window during a
running show asks first, with a non-modal dialog.

Around it: `ui.main_layout` builds its widgets, `ui.menus` its actions, hotkeys and menus,
`ui.report_action` writes the as-run report; this file wires them to the show, renders the
status, asks the questions (switch language, close) and holds every word of the window.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QContextMenuEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QMainWindow, QMenu

from studio.actions import Origin
from studio.runtime import Runtime
from studio.timefmt import clock_text
from studio.view import ShowStatus, ShowView, Status, until_start
from ui import main_layout, menus, style
from ui.agenda_model import AgendaModel
from ui.bridge import EngineBridge
from ui.i18n import LANGUAGES, LanguageManager
from ui.journal_alarm import JournalAlarm
from ui.live_edit import LiveEdits
from ui.monitor import SpeakerMonitor
from ui.plan_bar import PlanBar
from ui.report_action import AsRunReport
from ui.tech_panel import TechPanel
from ui.widgets import Confirm, ModeBanner, set_style, set_text


class MainWindow(QMainWindow, main_layout.MainWidgets, menus.MenuActions):
    """The moderator's window with the technician's dock.

    Its widgets are built (and declared) by ui.main_layout, its actions and menus by ui.menus;
    the window wires them to the show, and every word in them comes from retranslate()."""

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
        self.language_dialog: Confirm | None = None
        self._close_ok = False
        self._scrolled_row: int | None = None
        self._last_status = self._view().show_status

        self.banner = ModeBanner(rt.mode, speed, self)
        bridge.linkNews.connect(self.banner.on_news)
        self.journal_alarm = JournalAlarm(rt.journal_health, rt.journal_problems, rt.drift, self)
        self.plan_bar = PlanBar(rt.agenda, lang, self)
        self.plan_bar.accepted.connect(self.accept_plan)
        self.plan_bar.dismissed.connect(self.dismiss_plan)
        bridge.planChanged.connect(self._plan_changed)
        bridge.journalHealth.connect(self.journal_alarm.set_health)
        self.model = AgendaModel(rt, bridge, lang, self)
        self.report = AsRunReport(self)
        self.live_edits = LiveEdits(self)
        menus.build_actions(self, self._act)
        main_layout.setup(self)
        self.panel = TechPanel(rt, bridge, self)
        main_layout.setup_dock(self, self.panel)
        menus.build_menus(self)
        self.statusBar().setSizeGripEnabled(True)
        self._wire_signals()
        self.resize(1440, 900)
        self.retranslate()

    def _wire_signals(self) -> None:
        for name, button in self.buttons.items():
            button.clicked.connect(self.actions_by_name[name].trigger)
        self.report_button.clicked.connect(self.report_action.trigger)
        self.message_edit.returnPressed.connect(self.send_message)
        self.send_button.clicked.connect(self.send_message)
        self.clear_button.clicked.connect(self.clear_message)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.table.installEventFilter(self)  # its context menu opens for the mouse only
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.bridge.messageChanged.connect(self._message_changed)
        self.bridge.notice.connect(self.show_notice)
        self.bridge.tick.connect(self.show_status)
        self.bridge.showChanged.connect(self._show_changed)

    def _view(self) -> ShowView:
        """The read model the window renders (the one place it reads the show)."""
        return self.bridge.view

    # ---- a plan to end on time ----------------------------------------------------------------
    def _plan_changed(self, plan: object) -> None:
        proposal = self._view().proposal
        self.plan_bar.set_plan(proposal)
        self.plan_action.setEnabled(proposal is not None)

    def accept_plan(self) -> None:
        if self._view().proposal is not None:
            self.bridge.accept_plan()

    def dismiss_plan(self) -> None:
        self.rt.dismiss_plan()

    # ---- operator actions ---------------------------------------------------------------------
    def _act(self, name: str, origin: Origin = Origin.KEY, **args: object) -> bool:
        return self.bridge.act(name, origin=origin, **args)

    def next(self) -> None:
        if self._view().show_status is ShowStatus.PRE:
            self.show_notice(self.tr("The show has not started: press Start (F5)."))
            return
        self._act("next")

    def toggle_hold(self) -> None:
        self._act("resume" if self._view().held else "hold")

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
        self.live_edits.add_to(menu, index.row())  # change time, fix a name or role
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
        self.report.make()

    @property
    def report_dialog(self) -> Confirm | None:
        """The question whether to open the report just written, while it waits."""
        return self.report.dialog

    @property
    def last_report(self) -> Path | None:
        """The HTML as-run report written last."""
        return self.report.last

    # ---- monitor and language -----------------------------------------------------------------
    def set_monitor_visible(self, visible: bool) -> None:
        if visible and not self.monitor.isVisible():
            self.monitor.show()
        elif not visible and self.monitor.isVisible():
            self.monitor.hide()
        self.settings.setValue("monitor/visible", visible)

    def toggle_monitor_fullscreen(self) -> None:
        if not self.monitor.isVisible():
            self.monitor.show()
        self.monitor.set_fullscreen(not self.monitor.isFullScreen())

    def set_language(self, code: str) -> None:
        """Switch the console's language; during a running show, only once the moderator
        agrees (the question defaults to No and takes no keys, so no key sweep can say yes)."""
        if code == self.lang.current:
            return
        if not self._view().running:
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
        status = self._view().show_status
        if status is ShowStatus.ENDED and self._last_status is not ShowStatus.ENDED:
            self.show_notice(
                self.tr("The show has ended. The as-run report: Show → As-run report (Ctrl+R).")
            )
        self._last_status = status
        self._update_buttons()

    def _update_buttons(self) -> None:
        view = self._view()
        running = view.running
        enabled = {
            "start": view.show_status is ShowStatus.PRE,
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
        ended = view.show_status is ShowStatus.ENDED
        self.report_action.setEnabled(view.show_status is not ShowStatus.PRE)
        self.report_button.setVisible(ended)
        for name in ("back", "hold", "minus", "plus", "skip"):
            self.buttons[name].setVisible(not ended)
        held = view.held
        hold_text = self.tr("Resume (H)") if held else self.tr("Hold (H)")
        set_text(self.buttons["hold"], hold_text)
        self.hold_action.setText(self.tr("Resume") if held else self.tr("Hold"))

    def show_status(self, st: Status) -> None:
        """Render one status: only labels whose text changed are touched."""
        a = self.rt.agenda
        lang = self.lang.current
        running = st.status is ShowStatus.RUNNING
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
        elif st.status is ShowStatus.PRE:
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
        set_style(self.offset_label, style.fg(style.LEVEL_FG[style.offset_level(st.offset)]))
        end_text = self.tr("{end} (plan {planned})").format(
            end=a.local(st.projected_end).strftime("%H:%M"),
            planned=a.local(st.planned_end).strftime("%H:%M"),
        )
        set_text(self.end_label, end_text)
        late = st.projected_end - st.planned_end
        set_style(self.end_label, style.fg(style.LEVEL_FG[style.offset_level(late)]))
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
        if st.status is ShowStatus.ENDED:
            return ""
        if st.next_item_index is None:
            return self.tr("Next: the end of the show")
        item = a.items[st.next_item_index]
        if st.next_speaker_index is not None:
            who = self._view().speaker(st.next_item_index, st.next_speaker_index).label(lang)
        elif item.kind == "break":
            who = ""
        else:
            who = self.tr("open discussion")
        if st.status is ShowStatus.RUNNING and st.next_item_index == st.item_index:
            return self.tr("Next: {who}").format(who=who)
        title = item.title.get(lang)
        return (
            self.tr("Next: {title} — {who}").format(title=title, who=who)
            if who
            else (self.tr("Next: {title}").format(title=title))
        )

    # ---- language -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Every word of the window in the current language, then a refresh with them."""
        title = self.rt.agenda.event.title.get(self.lang.current)
        self.setWindowTitle(self.tr("Studio Console — {title}").format(title=title))
        self._retranslate_controls()
        self._retranslate_labels()
        self._retranslate_menus()
        main_layout.fit_agenda_columns(self.table, self.model)
        self._update_buttons()
        self._message_changed(self.bridge.message)
        self.show_status(self.bridge.status)

    def _retranslate_controls(self) -> None:
        """The show's actions and their buttons: names, button captions, tooltips."""
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
        self.plan_action.setText(self.tr("Accept the plan to end on time"))
        self.report_button.setText(self.tr("As-run report (Ctrl+R)"))
        self.report_button.setToolTip(
            self.tr("Write the as-run report of this show (HTML and CSV) beside its journal")
        )

    def _retranslate_labels(self) -> None:
        """The message line, the figures' captions and the wall clock's."""
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

    def _retranslate_menus(self) -> None:
        self.show_menu.setTitle(self.tr("&Show"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.monitor_action.setText(self.tr("Speaker monitor"))
        self.monitor_full_action.setText(self.tr("Speaker monitor full screen"))
        self.screen_menu.setTitle(self.tr("Speaker monitor screen"))
        self.dock.setWindowTitle(self.tr("Technician"))

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
        if self._view().running and not self._close_ok:
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
