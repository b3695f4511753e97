"""The running order edited live from its context menu: an item or a speaker moved ("Move…"),
a speaker added to a discussion ("Add a speaker…"), one who did not come taken out ("Remove a
speaker…").

Each opens the same kind of small non-modal dialog as the other live edits (ui/edit_dialog.py):
the clicker keeps driving the show while it is open. What it asks for goes to the show as one
typed action (studio.actions.Move / Insert / Remove, origin: menu) through the bridge; a refusal
(the engine says what is allowed: only what never went on air, only to a place after the one on
air) lands in the status bar and leaves the dialog open to correct. The running order re-renders
from the next update.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMenu

from studio.actions import Insert, Move, Origin, Remove
from studio.timefmt import clock_text
from studio.view import ShowStatus
from ui.edit_dialog import EditDialog, parse_minutes_seconds

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class MoveDialog(EditDialog):
    """What moves (the whole item, or one of its speakers who has not been on air) and what it
    goes after (another item, or another speaker of the item; or first)."""

    def __init__(self, console: MainWindow, row: int) -> None:
        super().__init__(console, row)
        self.what, self.after = QComboBox(self), QComboBox(self)
        self.captions = [QLabel(self), QLabel(self)]
        self.form.addRow(self.captions[0], self.what)
        self.form.addRow(self.captions[1], self.after)
        self.speakers = self._movable_speakers()
        self.retranslate()
        self.what.currentIndexChanged.connect(lambda _i: self._fill_after())
        self.keep_keys()

    def _movable_speakers(self) -> list[str]:
        a, s = self.console.rt.agenda, self.view.state
        out = []
        for seg in a.item_segments(self.row):
            sid = a.segment_ids(seg)[1]
            if sid is not None and s.seg_first_start[seg] is None:
                out.append(sid)
        return out

    @property
    def speaker(self) -> str | None:
        """The speaker who moves (None: the whole item)."""
        at = self.what.currentIndex()
        return None if at <= 0 else self.speakers[at - 1]

    def _places(self) -> list[tuple[str | None, str]]:
        """(what it goes after: an id, or None for first; how the list shows it)."""
        a, lang = self.console.rt.agenda, self.console.lang.current
        if self.speaker is None:
            items = [(x.id, x.title.get(lang)) for x in a.items if x.id != self.item_id]
            return [(None, self.tr("First"))] + [
                (i, self.tr("After: {what}").format(what=t)) for i, t in items
            ]
        ids = a.speaker_ids[self.row]
        out: list[tuple[str | None, str]] = [(None, self.tr("First"))]
        for i, sid in enumerate(ids):
            if sid != self.speaker:
                who = self.view.speaker(self.row, i).label(lang)
                out.append((sid, self.tr("After: {what}").format(what=who)))
        return out

    def _fill_after(self) -> None:
        self.places = self._places()
        self.after.clear()
        for _id, text in self.places:
            self.after.addItem(text)
        self.after.setCurrentIndex(self._default_place())

    def _default_place(self) -> int:
        """One place later than now: after what follows it."""
        a = self.console.rt.agenda
        if self.speaker is None:
            later = self.row + 1
            nxt = a.items[later].id if later < len(a.items) else None
        else:
            ids = a.speaker_ids[self.row]
            k = ids.index(self.speaker) + 1
            nxt = ids[k] if k < len(ids) else None
        keys = [i for i, _t in self.places]
        return keys.index(nxt) if nxt in keys else len(keys) - 1

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Move in the running order"))
        self.heading.setText(self.item_title())
        self.captions[0].setText(self.tr("What:"))
        self.captions[1].setText(self.tr("Goes:"))
        self.note.setText(
            self.tr(
                "Only what has not been on air moves, and only to a place after the one on "
                "air. Planned times follow; a fixed start stays."
            )
        )
        self.apply_button.setText(self.tr("Move"))
        self.close_button.setText(self.tr("Close"))
        at = self.what.currentIndex()
        self.what.clear()
        self.what.addItem(self.tr("The whole item"))
        lang = self.console.lang.current
        ids = self.console.rt.agenda.speaker_ids[self.row]
        for sid in self.speakers:
            self.what.addItem(self.view.speaker(self.row, ids.index(sid)).label(lang))
        self.what.setCurrentIndex(max(0, at))
        self._fill_after()

    def send(self) -> bool:
        after, text = self.places[max(0, self.after.currentIndex())]
        action = Move(self.item_id, self.speaker, after)
        what = self.item_title() if self.speaker is None else self.what.currentText()
        if not self.console.bridge.act(action, origin=Origin.MENU):
            return False
        self.console.show_notice(self.tr("Moved: {what}, {where}.").format(what=what, where=text))
        return True


class InsertDialog(EditDialog):
    """A speaker added to a discussion: name, role, time, where from, and after whom."""

    def __init__(self, console: MainWindow, row: int) -> None:
        super().__init__(console, row)
        self.name_edit, self.role_edit, self.time_edit = (QLineEdit(self) for _ in range(3))
        for edit in (self.name_edit, self.role_edit):
            edit.setMaxLength(200)
        self.time_edit.setMaxLength(9)
        self.where, self.after = QComboBox(self), QComboBox(self)
        self.captions = [QLabel(self) for _ in range(5)]
        for caption, field in zip(
            self.captions,
            (self.name_edit, self.role_edit, self.time_edit, self.where, self.after),
            strict=True,
        ):
            self.form.addRow(caption, field)
        self.time_edit.setText("5:00")
        self.retranslate()
        self.after.setCurrentIndex(self.after.count() - 1)  # after the last speaker
        self.name_edit.setFocus()
        self.keep_keys()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add a speaker"))
        self.heading.setText(self.item_title())
        for caption, text in zip(
            self.captions,
            (
                self.tr("Name:"),
                self.tr("Role:"),
                self.tr("Time (min:sec):"),
                self.tr("Speaks from:"),
                self.tr("Goes:"),
            ),
            strict=True,
        ):
            caption.setText(text)
        self.role_edit.setPlaceholderText(self.tr("optional"))
        self.note.setText(
            self.tr("The item grows by their time; what follows moves later, a fixed start stays.")
        )
        self.apply_button.setText(self.tr("Add"))
        self.close_button.setText(self.tr("Close"))
        at = self.where.currentIndex()
        self.where.clear()
        for text in (self.tr("as the item"), self.tr("the studio"), self.tr("remote")):
            self.where.addItem(text)
        self.where.setCurrentIndex(max(0, at))
        at = self.after.currentIndex()
        self.after.clear()
        self.after.addItem(self.tr("First"))
        lang = self.console.lang.current
        for i in range(len(self.console.rt.agenda.items[self.row].speakers)):
            who = self.view.speaker(self.row, i).label(lang)
            self.after.addItem(self.tr("After: {what}").format(what=who))
        self.after.setCurrentIndex(max(0, at))

    def send(self) -> bool:
        seconds = parse_minutes_seconds(self.time_edit.text())
        if seconds is None:
            self.console.show_notice(self.tr("Write the time as minutes:seconds, like 4:30."))
            return False
        at = self.after.currentIndex()
        ids = self.console.rt.agenda.speaker_ids[self.row]
        after = ids[at - 1] if at > 0 else None
        where = (None, "studio", "remote")[max(0, self.where.currentIndex())]
        role = self.role_edit.text().strip() or None
        name = self.name_edit.text().strip()
        action = Insert(self.item_id, "", name, role, float(seconds), where, after)
        if not self.console.bridge.act(action, origin=Origin.MENU):
            return False
        self.console.show_notice(
            self.tr("{who} added with {time}.").format(who=name, time=clock_text(seconds))
        )
        return True


class RemoveDialog(EditDialog):
    """A speaker who did not come, taken out of the item (one who has not been on air)."""

    def __init__(self, console: MainWindow, row: int, speakers: list[str]) -> None:
        super().__init__(console, row)
        self.speakers = speakers
        self.who, self.caption = QComboBox(self), QLabel(self)
        self.form.addRow(self.caption, self.who)
        self.retranslate()
        self.keep_keys()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Remove a speaker"))
        self.heading.setText(self.item_title())
        self.caption.setText(self.tr("Who did not come:"))
        self.note.setText(self.tr("The item is shorter by their time; what follows moves earlier."))
        self.apply_button.setText(self.tr("Remove"))
        self.close_button.setText(self.tr("Close"))
        at = self.who.currentIndex()
        self.who.clear()
        ids = self.console.rt.agenda.speaker_ids[self.row]
        lang = self.console.lang.current
        for sid in self.speakers:
            sp = self.view.speaker(self.row, ids.index(sid))
            self.who.addItem(f"{sp.label(lang)} — {clock_text(sp.time)}")
        self.who.setCurrentIndex(max(0, at))

    def send(self) -> bool:
        who = self.who.currentText()
        sid = self.speakers[max(0, self.who.currentIndex())]
        if not self.console.bridge.act(Remove(self.item_id, sid), origin=Origin.MENU):
            return False
        self.console.show_notice(self.tr("Removed from the running order: {who}.").format(who=who))
        return True


class OrderEdits(QObject):
    """The running order's own edits in its context menu: greyed where nothing can change."""

    def __init__(self, console: MainWindow, open_dialog: Callable[[EditDialog], None]) -> None:
        super().__init__(console)
        self.console = console
        self.open_dialog = open_dialog

    def add_to(self, menu: QMenu, row: int) -> None:
        view = self.console.bridge.view
        open_show = view.show_status is not ShowStatus.ENDED
        item = view.agenda.items[row]
        move = menu.addAction(self.tr("Move…"))
        move.setEnabled(open_show and (item.start is None or bool(self.removable(row))))
        move.triggered.connect(lambda: self.move(row))
        if item.is_discussion:
            add = menu.addAction(self.tr("Add a speaker…"))
            add.setEnabled(open_show)
            add.triggered.connect(lambda: self.insert(row))
        if len(item.speakers) > 1:
            remove = menu.addAction(self.tr("Remove a speaker…"))
            remove.setEnabled(open_show and bool(self.removable(row)))
            remove.triggered.connect(lambda: self.remove(row))

    def removable(self, row: int) -> list[str]:
        """The item's speakers who have never been on air."""
        view = self.console.bridge.view
        a, s = view.agenda, view.state
        return [
            sid
            for seg in a.item_segments(row)
            if (sid := a.segment_ids(seg)[1]) is not None and s.seg_first_start[seg] is None
        ]

    def move(self, row: int) -> MoveDialog:
        dialog = MoveDialog(self.console, row)
        self.open_dialog(dialog)
        return dialog

    def insert(self, row: int) -> InsertDialog:
        dialog = InsertDialog(self.console, row)
        self.open_dialog(dialog)
        return dialog

    def remove(self, row: int) -> RemoveDialog | None:
        speakers = self.removable(row)
        if not speakers:
            return None
        dialog = RemoveDialog(self.console, row, speakers)
        self.open_dialog(dialog)
        return dialog


__all__ = ["InsertDialog", "MoveDialog", "OrderEdits", "RemoveDialog"]
