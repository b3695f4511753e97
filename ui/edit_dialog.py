"""What the running order's edit dialogs share (ui/live_edit.py, ui/order_edit.py): a small
non-modal dialog whose keys stay in it (but the clicker's Page Up / Page Down and the function
keys, which keep driving the show), a heading, a form, a note, an apply and a close button; and
reading a time written as minutes:seconds.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.view import ShowView
from ui import style

if TYPE_CHECKING:
    from ui.main_window import MainWindow

CLICKER_KEYS = frozenset({Qt.Key.Key_PageUp, Qt.Key.Key_PageDown})
"""Keys that drive the show even from inside an edit: a presentation clicker's."""

_CHORD = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
_WHOLE = re.compile(r"[0-9]{1,4}")


def parse_minutes_seconds(text: str) -> int | None:
    """Seconds in "4:30" (minutes:seconds), "12" (minutes) or "1:05:00" (hours too); None if
    the text is no such time."""
    parts = [p.strip() for p in text.strip().split(":")]
    if not 1 <= len(parts) <= 3 or not all(_WHOLE.fullmatch(p) for p in parts):
        return None
    nums = [int(p) for p in parts]
    if any(n >= 60 for n in nums[1:]):
        return None
    if len(nums) == 1:
        return nums[0] * 60
    if len(nums) == 2:
        return nums[0] * 60 + nums[1]
    return nums[0] * 3600 + nums[1] * 60 + nums[2]


class _KeysStayHere(QObject):
    """Keys typed in an edit are the edit's, not the show's (whose keys work in every window):
    all but the clicker's, the function keys and chords."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            key = event.key()
            function_key = Qt.Key.Key_F1 <= key <= Qt.Key.Key_F35
            chord = bool(event.modifiers() & _CHORD)
            if key not in CLICKER_KEYS and not function_key and not chord:
                event.accept()  # delivered to the widget as a key press, not as a shortcut
                return True
        return super().eventFilter(watched, event)


class EditDialog(QDialog):
    """What both edits share: a heading (the item), a form, a note, an apply and a close
    button; non-modal; keys kept in; the console's table gets the keyboard back at the end."""

    def __init__(self, console: MainWindow, row: int) -> None:
        super().__init__(console)
        self.console = console
        self.row = row
        self.opened_on = console.rt.agenda.outline()
        """The running order (ids) the dialog's rows and places were read from."""
        self.setModal(False)
        self.heading = QLabel(self)
        self.heading.setFont(style.font(13, bold=True))
        self.heading.setWordWrap(True)
        self.form = QFormLayout()
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(style.fg(style.NOTES_FG))
        self.buttons = QDialogButtonBox(self)
        self.apply_button: QPushButton = self.buttons.addButton(
            "", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button: QPushButton = self.buttons.addButton(
            "", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.apply_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self._keys = _KeysStayHere(self)

    def keep_keys(self) -> None:
        """Once the form is built: its widgets keep their keys."""
        for widget in [self, *self.findChildren(QWidget)]:
            widget.installEventFilter(self._keys)

    @property
    def view(self) -> ShowView:
        return self.console.bridge.view

    @property
    def item_id(self) -> str:
        return self.console.rt.agenda.items[self.row].id

    def item_title(self) -> str:
        return self.console.rt.agenda.items[self.row].title.get(self.console.lang.current)

    def submit(self) -> None:
        # The dialog names rows and places by position in the running order it opened on;
        # once that order has changed (an edit from the control API, say), sending would act
        # on whoever stands there now: nothing is sent, and the moderator opens it again.
        if self.console.rt.agenda.outline() != self.opened_on:
            self.console.show_notice(
                self.tr(
                    "The running order changed while this was open: nothing was changed. "
                    "Open it again."
                )
            )
            self.reject()
            return
        if self.send():
            self.accept()

    def send(self) -> bool:
        """Send the edit to the show; True if it took it."""
        raise NotImplementedError

    def done(self, result: int) -> None:
        super().done(result)
        self.console.activateWindow()
        self.console.table.setFocus()  # the show's keys are the table's again

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        raise NotImplementedError


__all__ = ["CLICKER_KEYS", "EditDialog", "parse_minutes_seconds"]
