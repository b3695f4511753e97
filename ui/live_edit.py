"""Live edits of the running order, from its context menu: a remaining allotment changed ("Change
time…") and a lower-third name or role fixed on air ("Fix name or role…"); the order itself
(move, add or remove a speaker) is ui/order_edit.py's, in the same menu.

Each opens a small non-modal dialog: the show keeps running, and the clicker's Page Up / Page
Down (and the function keys) keep driving it while one is open; every other key typed in it stays
in it, so a Space or an arrow never moves the show while the moderator writes. What it asks for
goes to the show as one typed action (studio.actions.Retime / Relabel, origin: menu) through the
bridge, which shows a refusal in the status bar; a refused edit leaves the dialog open to correct.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
)

from studio.actions import Origin, Relabel, Retime
from studio.timefmt import clock_text
from studio.view import ActionError, ShowStatus
from ui.edit_dialog import CLICKER_KEYS, EditDialog, parse_minutes_seconds
from ui.i18n import LANGUAGES
from ui.order_edit import OrderEdits

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class RetimeDialog(EditDialog):
    """A remaining allotment: which part of the item (a speaker, or its time with no speaker,
    any the show has not finished) and its new time in all, minutes:seconds."""

    def __init__(self, console: MainWindow, row: int, segments: list[int]) -> None:
        super().__init__(console, row)
        self.segments = segments
        self.who = QComboBox(self)
        self.time_edit = QLineEdit(self)
        self.time_edit.setMaxLength(9)
        self.who_caption, self.time_caption = QLabel(self), QLabel(self)
        self.form.addRow(self.who_caption, self.who)
        self.form.addRow(self.time_caption, self.time_edit)
        current = self.view.state.seg
        self.retranslate()
        self.who.setCurrentIndex(segments.index(current) if current in segments else 0)
        self.who.currentIndexChanged.connect(lambda _i: self._fill())
        self._fill()
        self.keep_keys()

    @property
    def segment(self) -> int:
        return self.segments[max(0, self.who.currentIndex())]

    def _part_name(self, seg: int) -> str:
        a = self.console.rt.agenda
        index = a.segments[seg].speaker_index
        if index is not None:
            return self.view.speaker(self.row, index).label(self.console.lang.current)
        if a.items[self.row].speakers:
            return self.tr("After the speakers (open floor)")
        return self.tr("The whole item")

    def _fill(self) -> None:
        seg, view = self.segment, self.view
        self.time_edit.setText(clock_text(view.allotted(seg)))
        self.time_edit.selectAll()
        note = self.tr(
            "As published: {planned}. Used so far: {used}. The new time is in all, what was "
            "used included."
        )
        planned = self.console.rt.agenda.segments[seg].allotted
        self.note.setText(note.format(planned=clock_text(planned), used=clock_text(view.used(seg))))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change time"))
        self.heading.setText(self.item_title())
        self.who_caption.setText(self.tr("Who:"))
        self.time_caption.setText(self.tr("Time in all (min:sec):"))
        self.time_edit.setPlaceholderText(self.tr("m:ss"))
        self.apply_button.setText(self.tr("Change"))
        self.close_button.setText(self.tr("Close"))
        at = self.who.currentIndex()
        self.who.clear()
        for seg in self.segments:
            self.who.addItem(f"{self._part_name(seg)} — {clock_text(self.view.allotted(seg))}")
        self.who.setCurrentIndex(max(0, at))

    def send(self) -> bool:
        seconds = parse_minutes_seconds(self.time_edit.text())
        if seconds is None:
            self.console.show_notice(self.tr("Write the time as minutes:seconds, like 4:30."))
            return False
        seg = self.segment
        speaker = self.console.rt.agenda.segment_ids(seg)[1]
        name = self._part_name(seg)
        if not self.console.bridge.act(
            Retime(self.item_id, speaker, float(seconds)), origin=Origin.MENU
        ):
            return False
        self.console.show_notice(
            self.tr("{who} now has {time} in all.").format(who=name, time=clock_text(seconds))
        )
        return True


class RelabelDialog(EditDialog):
    """A lower third's name and role, as the broadcast language shows them: which speaker of
    the item (the one on air, if it is on air), and their name and role fixed."""

    def __init__(self, console: MainWindow, row: int) -> None:
        super().__init__(console, row)
        self.lang_code = console.rt.agenda.event.broadcast_language
        self.who = QComboBox(self)
        self.name_edit, self.role_edit = QLineEdit(self), QLineEdit(self)
        for edit in (self.name_edit, self.role_edit):
            edit.setMaxLength(200)
        self.captions = [QLabel(self) for _ in range(3)]
        self.form.addRow(self.captions[0], self.who)
        self.form.addRow(self.captions[1], self.name_edit)
        self.form.addRow(self.captions[2], self.role_edit)
        self.shown: tuple[str, str] = ("", "")
        st = self.view.status
        on_air = st.speaker_index if st.item_index == row else None
        self.retranslate()
        self.who.setCurrentIndex(on_air or 0)
        self.who.currentIndexChanged.connect(lambda _i: self._fill())
        self._fill()
        self.keep_keys()

    @property
    def speaker_index(self) -> int:
        return max(0, self.who.currentIndex())

    def _fill(self) -> None:
        sp = self.view.speaker(self.row, self.speaker_index)
        lang = self.lang_code
        self.shown = (sp.name.get(lang) if sp.name else "", sp.role.get(lang) if sp.role else "")
        self.name_edit.setText(self.shown[0])
        self.role_edit.setText(self.shown[1])
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Fix name or role"))
        self.heading.setText(self.item_title())
        self.captions[0].setText(self.tr("Speaker:"))
        self.captions[1].setText(self.tr("Name:"))
        self.captions[2].setText(self.tr("Role:"))
        self.note.setText(
            self.tr(
                "As the lower third shows it. Its language: {language}. If this speaker is on "
                "air, the fix goes to OBS at once."
            ).format(language=LANGUAGES.get(self.lang_code, self.lang_code))
        )
        self.apply_button.setText(self.tr("Fix"))
        self.close_button.setText(self.tr("Close"))
        at = self.who.currentIndex()
        self.who.clear()
        lang = self.console.lang.current
        for i in range(len(self.console.rt.agenda.items[self.row].speakers)):
            self.who.addItem(self.view.speaker(self.row, i).label(lang))
        self.who.setCurrentIndex(max(0, at))

    def send(self) -> bool:
        name, role = self.name_edit.text().strip(), self.role_edit.text().strip()
        new_name = name if name != self.shown[0] else None
        new_role = role if role != self.shown[1] else None
        if new_name is None and new_role is None:
            unchanged = ActionError("nothing to change", key="show.unchanged")
            self.console.show_notice(self.console.bridge.messages.say(unchanged))
            return False
        agenda = self.console.rt.agenda
        speaker = agenda.speaker_id(self.row, self.speaker_index)
        assert speaker is not None
        action = Relabel(self.item_id, speaker, new_name, new_role)
        if not self.console.bridge.act(action, origin=Origin.MENU):
            return False
        label = self.view.speaker(self.row, self.speaker_index).label(self.console.lang.current)
        self.console.show_notice(self.tr("Lower third fixed: {label}.").format(label=label))
        return True


class LiveEdits(QObject):
    """The running order's live edits: their entries in its context menu, and the one edit
    dialog open at a time."""

    def __init__(self, console: MainWindow) -> None:
        super().__init__(console)
        self.console = console
        self.dialog: EditDialog | None = None
        self.order = OrderEdits(console, self._open)  # move, add or remove a speaker

    def add_to(self, menu: QMenu, row: int) -> None:
        """ "Change time…" (greyed when nothing of the item can change any more) and, for an
        item with speakers, "Fix name or role…"."""
        retime = menu.addAction(self.tr("Change time…"))
        retime.setEnabled(bool(self.open_segments(row)))
        retime.triggered.connect(lambda: self.retime(row))
        if self.console.rt.agenda.items[row].speakers:
            fix = menu.addAction(self.tr("Fix name or role…"))
            fix.triggered.connect(lambda: self.relabel(row))
        self.order.add_to(menu, row)

    def open_segments(self, row: int) -> list[int]:
        """The item's parts whose time can still change: none once the show has ended."""
        view = self.console.bridge.view
        if view.show_status is ShowStatus.ENDED:
            return []
        segments = view.agenda.item_segments(row)
        return [seg for seg in segments if not view.segment_finished(seg)]

    def retime(self, row: int) -> RetimeDialog | None:
        segments = self.open_segments(row)
        if not segments:
            return None
        dialog = RetimeDialog(self.console, row, segments)
        self._open(dialog)
        return dialog

    def relabel(self, row: int) -> RelabelDialog:
        dialog = RelabelDialog(self.console, row)
        self._open(dialog)
        return dialog

    def _open(self, dialog: EditDialog) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()


__all__ = ["CLICKER_KEYS", "LiveEdits", "RelabelDialog", "RetimeDialog", "parse_minutes_seconds"]
