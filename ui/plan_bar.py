"""PlanBar: a plan to end on time, proposed while the show runs late, across the console.

It says how late the show is, what the plan would change (breaks and speakers shortened, items
dropped) and when the show would end, or plainly that no plan within the floors reaches the end
and by how much it will miss. Accept (F9, one journalled action), Details (each change, in a
window that takes no keys) or Dismiss. Nothing here takes the keyboard: the clicker keeps
driving the show while the proposal stands.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from studio.agenda import Agenda
from studio.timefmt import clock_text
from studio.view import Plan, PlanChange
from ui import style
from ui.i18n import LanguageManager
from ui.widgets import set_text


class PlanBar(QWidget):
    """The proposal, while there is one; hidden otherwise."""

    accepted = Signal()
    dismissed = Signal()

    def __init__(
        self, agenda: Agenda, lang: LanguageManager, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("planBar")
        self.setStyleSheet(style.PLAN_BAR_SHEET)
        self.agenda = agenda
        self.lang = lang
        self.plan: Plan | None = None
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setStyleSheet("background: transparent;")
        self.accept_button = QPushButton(self)
        self.details_button = QPushButton(self)
        self.dismiss_button = QPushButton(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.text, 1)
        for b in (self.accept_button, self.details_button, self.dismiss_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the show's keys stay on the show
            row.addWidget(b)
        self.accept_button.clicked.connect(self.accepted)
        self.dismiss_button.clicked.connect(self.dismissed)
        self.details_button.clicked.connect(self.toggle_details)
        self.details = QLabel(None, Qt.WindowType.Tool)
        self.details.setWordWrap(True)
        self.details.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.details.setStyleSheet(style.PLAN_DETAILS_SHEET)
        self.retranslate()
        self.hide()

    def set_plan(self, plan: Plan | None) -> None:
        self.plan = plan
        self.retranslate()
        self.setVisible(plan is not None)
        if plan is None:
            self.details.hide()

    def toggle_details(self) -> None:
        if self.details.isVisible():
            self.details.hide()
        elif self.plan is not None:
            self.details.show()

    # ---- words ------------------------------------------------------------------------------
    def _when(self, at: float) -> str:
        return self.agenda.local(at).strftime("%H:%M")

    def _name(self, change: PlanChange) -> str:
        lang = self.lang.current
        index = self.agenda.item_index(change.item)
        item = self.agenda.items[index]
        title = item.title.get(lang)
        if change.speaker is None:
            return title
        for n, sp in enumerate(item.speakers):
            if self.agenda.speaker_id(index, n) == change.speaker:
                return f"{title} — {sp.label(lang)}"
        return title

    def summary(self, plan: Plan) -> str:
        late = self.tr("Running {late} late: the show would end at {end}.").format(
            late=clock_text(plan.overrun), end=self._when(plan.before_end)
        )
        parts = []
        breaks = [c for c in plan.changes if c.speaker is None]
        speakers = [c for c in plan.changes if c.speaker is not None]
        if speakers:
            most = max(c.old - c.new for c in speakers)
            parts.append(
                self.tr("%n speaker(s) shortened, by up to {most}", "", len(speakers)).format(
                    most=clock_text(most)
                )
            )
        if breaks:
            cut = sum(c.old - c.new for c in breaks)
            parts.append(
                self.tr("breaks and open floors {cut} shorter").format(cut=clock_text(cut))
            )
        if plan.dropped:
            titles = [
                self.agenda.items[self.agenda.item_index(i)].title.get(self.lang.current)
                for i in plan.dropped
            ]
            parts.append(self.tr("drop: {items}").format(items=", ".join(titles)))
        if plan.reaches_target:
            result = self.tr("Proposed: {changes}; the show ends at {end}.").format(
                changes="; ".join(parts), end=self._when(plan.new_end)
            )
        else:
            result = self.tr(
                "No plan within the floors reaches the end: with {changes}, still {miss} late."
            ).format(
                changes="; ".join(parts) or self.tr("nothing left to cut"),
                miss=clock_text(plan.miss_by),
            )
        return late + " " + result

    def detail_lines(self, plan: Plan) -> list[str]:
        lines = [
            self.tr("{name}: {old} → {new}").format(
                name=self._name(c), old=clock_text(c.old), new=clock_text(c.new)
            )
            for c in plan.changes
        ]
        lines += [
            self.tr("{name}: dropped").format(
                name=self.agenda.items[self.agenda.item_index(i)].title.get(self.lang.current)
            )
            for i in plan.dropped
        ]
        return lines

    def retranslate(self) -> None:
        self.accept_button.setText(self.tr("Accept (F9)"))
        self.details_button.setText(self.tr("Details"))
        self.dismiss_button.setText(self.tr("Dismiss"))
        self.details.setWindowTitle(self.tr("Plan to end on time"))
        plan = self.plan
        if plan is None:
            return
        set_text(self.text, self.summary(plan))
        set_text(self.details, "\n".join(self.detail_lines(plan)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
