"""The journal's alarms across the console window.

Red while the journal cannot be written: the show goes on, but a crash now would lose what the
moderator did since; it clears itself when the disk takes the waiting entries. Amber, until the
moderator dismisses it, when the journal was resumed with lines it refused (torn, unreadable,
from another journal, out of order) or against an agenda that changed since it began.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from studio.view import AgendaDrift, JournalHealth, JournalProblem
from ui import style
from ui.widgets import set_text

RED = "background: #b3261e; color: #ffffff; padding: 6px 10px;"
AMBER = "background: #8a5a00; color: #ffffff; padding: 6px 10px;"


def drift_lines(d: AgendaDrift) -> list[str]:
    """The ids added to or removed from the agenda since the journal began, a line each, in the
    console's language: the resume question and the warning bar say it in the same words."""
    out = []
    for text, ids in (
        (QCoreApplication.translate("Console", "items added: {ids}"), d.added_items),
        (QCoreApplication.translate("Console", "items removed: {ids}"), d.removed_items),
        (QCoreApplication.translate("Console", "speakers added: {ids}"), d.added_speakers),
        (QCoreApplication.translate("Console", "speakers removed: {ids}"), d.removed_speakers),
        (
            QCoreApplication.translate("Console", "named in the journal, not in the agenda: {ids}"),
            d.missing,
        ),
    ):
        if ids:
            out.append(text.format(ids=", ".join(ids)))
    return out


class JournalAlarm(QWidget):
    """Two bars: journal health (red, self-clearing) and what the resume refused (amber)."""

    def __init__(
        self,
        health: JournalHealth,
        problems: list[JournalProblem],
        drift: AgendaDrift,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.health = health
        self.problems = list(problems)
        self.drift = drift
        self.dismissed = False
        self.red = QLabel(self)
        self.red.setObjectName("journalHealthAlarm")
        self.red.setWordWrap(True)
        self.red.setFont(style.font(12, bold=True))
        self.red.setStyleSheet(RED)
        self.amber = QWidget(self)
        self.amber.setObjectName("journalProblems")
        self.amber.setStyleSheet(AMBER)
        self.amber_text = QLabel(self.amber)
        self.amber_text.setWordWrap(True)
        self.amber_text.setStyleSheet("background: transparent;")
        self.dismiss = QPushButton(self.amber)
        self.dismiss.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the show's keys stay on the show
        self.dismiss.clicked.connect(self._dismiss)
        row = QHBoxLayout(self.amber)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.amber_text, 1)
        row.addWidget(self.dismiss)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self.red)
        col.addWidget(self.amber)
        self.retranslate()

    def set_health(self, health: object) -> None:
        if isinstance(health, JournalHealth) and health != self.health:
            self.health = health
            self.retranslate()

    def _dismiss(self) -> None:
        self.dismissed = True
        self.retranslate()

    def _problem_text(self, p: JournalProblem) -> str:
        what = {
            "torn": self.tr("line {line}: torn last line (power lost while writing?), dropped"),
            "unreadable": self.tr("line {line}: unreadable, skipped"),
            "foreign": self.tr("line {line}: from another journal, skipped"),
            "foreign_header": self.tr(
                "line {line}: header of another journal ({detail}), it and its lines skipped"
            ),
            "out_of_order": self.tr("line {line}: out of order ({detail}), skipped"),
        }.get(p.what, "line {line}: {detail}")
        return what.format(line=p.line, detail=p.detail)

    def retranslate(self) -> None:
        h = self.health
        if h.ok:
            self.red.hide()
        else:
            set_text(
                self.red,
                self.tr(
                    "JOURNAL CANNOT BE WRITTEN ({error}): crash-restore is OFF. The show goes on; "
                    "{n} entries wait in memory and are written as soon as the disk takes them."
                ).format(error=h.error, n=h.pending),
            )
            self.red.show()
        lines = [self._problem_text(p) for p in self.problems[:6]]
        if len(self.problems) > 6:
            lines.append(self.tr("… and {n} more").format(n=len(self.problems) - 6))
        lines += drift_lines(self.drift)
        if self.drift.fingerprint_changed and not drift_lines(self.drift):
            lines.append(self.tr("the agenda file changed since the journal began"))
        if lines and not self.dismissed:
            head = self.tr("The journal was resumed with warnings:")
            set_text(self.amber_text, head + "\n" + "\n".join("• " + x for x in lines))
            self.dismiss.setText(self.tr("Dismiss"))
            self.amber.show()
        else:
            self.amber.hide()
        self.setVisible(self.red.isVisibleTo(self) or self.amber.isVisibleTo(self))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
