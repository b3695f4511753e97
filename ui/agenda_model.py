"""AgendaModel: the agenda as a table, read straight from the runtime; it stores nothing.

Every cell is computed on request from the bridge's read model, `studio.view.ShowView` (planned
time, item, speaker, planned and actual duration, state). The model only forwards notifications:
an operator action repaints the rows it changed, a refresh tick repaints the running row's
changing cells, a language switch repaints headers and texts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from studio.runtime import Runtime
from studio.timefmt import clock_text
from studio.view import ItemState, ShowStatus, Status
from ui import style
from ui.bridge import EngineBridge
from ui.i18n import LanguageManager

Index = QModelIndex | QPersistentModelIndex


class AgendaModel(QAbstractTableModel):
    """One row per agenda item."""

    PLANNED, ITEM, SPEAKER, PLANNED_DUR, ACTUAL_DUR, STATE = range(6)
    COLUMNS = 6

    def __init__(
        self,
        rt: Runtime,
        bridge: EngineBridge,
        lang: LanguageManager,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.rt = rt
        self.bridge = bridge
        self.lang = lang
        self._last_running: tuple[int, str, str] | None = None  # what the running row last showed
        self._signatures: list[tuple[object, ...]] | None = None
        bridge.showChanged.connect(self._show_changed)
        bridge.tick.connect(self._on_tick)
        lang.languageChanged.connect(self._language_changed)

    # ---- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rt.agenda.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Planned"),
            self.tr("Item"),
            self.tr("Speaker"),
            self.tr("Plan"),
            self.tr("Actual"),
            self.tr("State"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        state = self.bridge.view.item_state(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col, state)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            bg = style.ROW_BG[state]
            return QBrush(QColor(bg)) if bg else None
        if role == Qt.ItemDataRole.ForegroundRole:
            fg = style.ROW_FG[state]
            return QBrush(QColor(fg)) if fg else None
        if role == Qt.ItemDataRole.FontRole and state in (ItemState.CURRENT, ItemState.SKIPPED):
            f = QFont()
            f.setBold(state is ItemState.CURRENT)
            f.setStrikeOut(state is ItemState.SKIPPED)
            return f
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            self.PLANNED,
            self.PLANNED_DUR,
            self.ACTUAL_DUR,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # ---- cells ------------------------------------------------------------------------------
    def _text(self, row: int, col: int, state: ItemState) -> str:
        a = self.rt.agenda
        item = a.items[row]
        if col == self.PLANNED:
            return a.local(a.item_starts[row]).strftime("%H:%M")
        if col == self.ITEM:
            return item.title.get(self.lang.current)
        if col == self.SPEAKER:
            return self._speaker_text(row, state)
        if col == self.PLANNED_DUR:
            return clock_text(a.item_duration(row))
        if col == self.ACTUAL_DUR:
            return self._actual_text(row, state)
        if col == self.STATE:
            return self.state_name(state)
        return ""

    def state_name(self, state: ItemState) -> str:
        return {
            ItemState.PENDING: self.tr("pending"),
            ItemState.CURRENT: self.tr("on now"),
            ItemState.DONE: self.tr("done"),
            ItemState.SKIPPED: self.tr("skipped"),
            ItemState.PASSED: self.tr("passed over"),
        }[state]

    def _speaker_text(self, row: int, state: ItemState) -> str:
        item = self.rt.agenda.items[row]
        lang = self.lang.current
        if not item.speakers:
            return ""
        if state is ItemState.CURRENT:
            st = self.bridge.view.status
            if st.speaker is not None and st.speaker_index is not None:
                return f"{st.speaker_index + 1}/{len(item.speakers)} {st.speaker.label(lang)}"
            return self.tr("open discussion")
        first = self.bridge.view.speaker(row, 0).label(lang)  # as on air: with a fix
        more = len(item.speakers) - 1
        return first if more == 0 else self.tr("{first} (+{more})").format(first=first, more=more)

    def _actual_text(self, row: int, state: ItemState) -> str:
        view = self.bridge.view
        if view.item_started(row) is None:
            return ""
        return clock_text(view.item_used(row))

    def _tooltip(self, row: int, col: int) -> str | None:
        a = self.rt.agenda
        item = a.items[row]
        lang = self.lang.current
        if col == self.SPEAKER and item.speakers:
            lines = [self.tr("%n speaker(s):", "", len(item.speakers))]
            view = self.bridge.view
            lines += [
                f"{clock_text(sp.time)}  {view.speaker(row, i).label(lang)}"
                for i, sp in enumerate(item.speakers)
            ]
            return "\n".join(lines)
        if col == self.ITEM:
            parts = [item.title.get(lang)]
            if item.notes:
                parts.append(item.notes.get(lang))
            return "\n".join(parts)
        started = self.bridge.view.item_started(row)
        if col == self.PLANNED and started is not None:
            return self.tr("Started at {time}").format(time=a.local(started).strftime("%H:%M:%S"))
        return None

    # ---- helpers for the window -------------------------------------------------------------
    def current_row(self) -> int | None:
        return self.bridge.view.current_row()

    def item_id(self, row: int) -> str:
        return self.rt.agenda.items[row].id

    # ---- notifications ----------------------------------------------------------------------
    def _all_changed(self) -> None:
        self._last_running = None
        self._signatures = None
        rows = self.rowCount()
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, self.COLUMNS - 1))

    def _row_signatures(self) -> list[tuple[object, ...]]:
        view = self.bridge.view
        return [view.row_signature(row) for row in range(self.rowCount())]

    def _show_changed(self) -> None:
        """Only the rows an action changed: a Next repaints two rows, not the whole agenda."""
        self._last_running = None
        new = self._row_signatures()
        old, self._signatures = self._signatures, new
        if old is None or len(old) != len(new):
            self._all_changed()
            self._signatures = new
            return
        changed = [row for row, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
        for row in changed:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))

    def _on_tick(self, st: Status) -> None:
        row = st.item_index
        if row is None or st.status is not ShowStatus.RUNNING:
            return
        state = ItemState.CURRENT
        shown = (row, self._actual_text(row, state), self._speaker_text(row, state))
        if shown != self._last_running:
            self._last_running = shown
            self.dataChanged.emit(self.index(row, self.SPEAKER), self.index(row, self.ACTUAL_DUR))

    def _language_changed(self, _lang: str) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        self._all_changed()
