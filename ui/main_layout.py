"""The main window's widgets and how they sit, built onto a MainWindow (like a Designer form's
`setupUi`).

Top to bottom: the mode banner and the journal alarm, then a splitter with "now" above (item and
wall clock, notes, speaker, the countdown, the hold line, three figures, what comes next, the
buttons, the message line) and the agenda table below; the technician panel in a dock at the side.

Nothing here reads the engine, connects a signal or sets a text: MainWindow wires the widgets and
its `retranslate` fills in every word, so the strings keep the MainWindow translation context.
Widgets are made in the order they take the focus chain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.view import ItemState
from ui import style
from ui.agenda_model import AgendaModel
from ui.widgets import CountdownDisplay

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.tech_panel import TechPanel

BUTTONS = ("start", "back", "next", "hold", "minus", "plus", "skip", "goto")
"""The buttons under the countdown, left to right; each triggers the action of its name."""


class MainWidgets:
    """The widgets `setup` and `setup_dock` build, declared for readers and tools; MainWindow
    inherits the declarations (Qt Designer's multiple-inheritance approach, without the form)."""

    item_label: QLabel
    clock_label: QLabel
    clock_caption: QLabel
    notes_label: QLabel
    speaker_label: QLabel
    position_label: QLabel
    countdown: CountdownDisplay
    hold_label: QLabel
    fig_captions: list[QLabel]
    item_left_label: QLabel
    offset_label: QLabel
    end_label: QLabel
    next_label: QLabel
    buttons: dict[str, QPushButton]
    report_button: QPushButton
    message_edit: QLineEdit
    send_button: QPushButton
    clear_button: QPushButton
    message_caption: QLabel
    message_shown: QLabel
    table: QTableView
    splitter: QSplitter
    dock: QDockWidget


def setup(w: MainWindow) -> None:
    """Every widget of the moderator's side, as attributes of `w`; `w.banner`,
    `w.journal_alarm` and `w.model` exist already."""
    head, who = _now(w)
    figures = _figures(w)
    buttons = _buttons(w)
    message_row = _message_row(w)
    _agenda_table(w)
    now = QWidget(w)
    now_layout = QVBoxLayout(now)
    now_layout.addLayout(head)
    now_layout.addLayout(who)
    now_layout.addWidget(w.countdown, 1)
    now_layout.addWidget(w.hold_label)
    now_layout.addLayout(figures)
    now_layout.addWidget(w.next_label)
    now_layout.addLayout(buttons)
    now_layout.addLayout(message_row)
    now_layout.addWidget(w.message_shown)
    w.splitter = QSplitter(Qt.Orientation.Vertical, w)
    w.splitter.setObjectName("mainSplitter")
    w.splitter.addWidget(now)
    w.splitter.addWidget(w.table)
    w.splitter.setStretchFactor(0, 3)
    w.splitter.setStretchFactor(1, 2)
    w.splitter.setChildrenCollapsible(False)
    central = QWidget(w)
    outer = QVBoxLayout(central)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSpacing(0)
    outer.addWidget(w.banner)
    outer.addWidget(w.journal_alarm)
    outer.addWidget(w.plan_bar)
    outer.addWidget(w.splitter, 1)
    w.setCentralWidget(central)


def _now(w: MainWindow) -> tuple[QLayout, QLayout]:
    """What is on now: item and wall clock, notes, speaker and place, countdown, hold line."""
    w.item_label = QLabel(w)
    w.item_label.setFont(style.font(20, bold=True))
    w.item_label.setWordWrap(True)
    w.clock_label = QLabel(w)
    w.clock_label.setFont(style.font(26, bold=True))
    w.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    w.clock_caption = QLabel(w)
    w.clock_caption.setAlignment(Qt.AlignmentFlag.AlignRight)
    w.clock_caption.setStyleSheet(style.fg(style.MUTED_FG))
    w.notes_label = QLabel(w)
    w.notes_label.setFont(style.font(11, italic=True))
    w.notes_label.setWordWrap(True)
    w.notes_label.setStyleSheet(style.fg(style.NOTES_FG))
    w.speaker_label = QLabel(w)
    w.speaker_label.setFont(style.font(17, bold=True))
    w.speaker_label.setWordWrap(True)
    w.position_label = QLabel(w)
    w.position_label.setFont(style.font(12))
    w.position_label.setStyleSheet(style.fg(style.NOTES_FG))
    w.countdown = CountdownDisplay(w)
    w.countdown.setMinimumHeight(150)
    w.hold_label = QLabel(w)
    w.hold_label.setFont(style.font(16, bold=True))
    w.hold_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    w.hold_label.setStyleSheet(style.fg(style.HELD_FG))
    head = QGridLayout()
    head.addWidget(w.item_label, 0, 0)
    head.addWidget(w.clock_label, 0, 1)
    head.addWidget(w.notes_label, 1, 0)
    head.addWidget(w.clock_caption, 1, 1)
    head.setColumnStretch(0, 1)
    who = QHBoxLayout()
    who.addWidget(w.speaker_label, 1)
    who.addWidget(w.position_label, 0, Qt.AlignmentFlag.AlignBottom)
    return head, who


def _figures(w: MainWindow) -> QLayout:
    """Item time left, schedule offset, projected end (captions above values); what is next."""
    w.fig_captions = [QLabel(w) for _ in range(3)]
    w.item_left_label, w.offset_label, w.end_label = (QLabel(w) for _ in range(3))
    figures = QGridLayout()
    values = (w.item_left_label, w.offset_label, w.end_label)
    for col, (cap, val) in enumerate(zip(w.fig_captions, values, strict=True)):
        cap.setStyleSheet(style.fg(style.MUTED_FG))
        val.setFont(style.font(17, bold=True))
        figures.addWidget(cap, 0, col)
        figures.addWidget(val, 1, col)
        figures.setColumnStretch(col, 1)
    w.next_label = QLabel(w)
    w.next_label.setFont(style.font(13))
    w.next_label.setWordWrap(True)
    return figures


def _buttons(w: MainWindow) -> QLayout:
    """The buttons that drive the show, and the as-run report's button in their place at the
    end of the show."""
    w.buttons = {}
    buttons = QHBoxLayout()
    for name in BUTTONS:
        button = QPushButton(w)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space must never "click" a button
        button.setMinimumHeight(44)
        button.setFont(style.font(11, bold=name == "next"))
        buttons.addWidget(button, 2 if name == "next" else 1)
        w.buttons[name] = button
    # The show's last button: shown once it has ended, in place of the ones that drive it.
    w.report_button = QPushButton(w)
    w.report_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    w.report_button.setMinimumHeight(44)
    w.report_button.setFont(style.font(11, bold=True))
    buttons.addWidget(w.report_button, 2)
    return buttons


def _message_row(w: MainWindow) -> QLayout:
    """The message for the speaker monitor: caption, line, Show and Clear; what is shown now."""
    w.message_edit = QLineEdit(w)
    w.message_edit.setFont(style.font(12))
    w.send_button = QPushButton(w)
    w.send_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    w.clear_button = QPushButton(w)
    w.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    w.message_caption = QLabel(w)
    w.message_shown = QLabel(w)
    w.message_shown.setStyleSheet(style.fg(style.MESSAGE_FG))
    w.message_shown.setWordWrap(True)
    row = QHBoxLayout()
    row.addWidget(w.message_caption)
    row.addWidget(w.message_edit, 1)
    row.addWidget(w.send_button)
    row.addWidget(w.clear_button)
    return row


def _agenda_table(w: MainWindow) -> None:
    """The agenda, one row per item, one row selectable, nothing editable."""
    w.table = QTableView(w)
    w.table.setModel(w.model)
    w.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    w.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    w.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    w.table.verticalHeader().hide()
    w.table.setWordWrap(False)
    w.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header = w.table.horizontalHeader()
    # Fixed widths, set from the font by fit_agenda_columns(): ResizeToContents would re-measure
    # up to 1,000 rows on every dataChanged, synchronously, inside the moderator's key press.
    for col in range(AgendaModel.COLUMNS):
        mode = QHeaderView.ResizeMode.Fixed
        if col in (AgendaModel.ITEM, AgendaModel.SPEAKER):
            mode = QHeaderView.ResizeMode.Stretch
        header.setSectionResizeMode(col, mode)


def fit_agenda_columns(table: QTableView, model: AgendaModel) -> None:
    """Size the fixed columns for the widest state name, time and header in this language."""
    fm = table.fontMetrics()
    bold = table.font()
    bold.setBold(True)
    bold_fm = QFontMetrics(bold)
    widest = max(
        [fm.horizontalAdvance(model.state_name(s)) for s in ItemState]
        + [bold_fm.horizontalAdvance(model.state_name(ItemState.CURRENT))]
        + [fm.horizontalAdvance(model.headerData(AgendaModel.STATE, Qt.Orientation.Horizontal))]
    )
    header = table.horizontalHeader()
    header.resizeSection(AgendaModel.STATE, widest + 24)
    for col, sample in (
        (AgendaModel.PLANNED, "00:00"),
        (AgendaModel.PLANNED_DUR, "0:00:00"),
        (AgendaModel.ACTUAL_DUR, "0:00:00"),
    ):
        title = model.headerData(col, Qt.Orientation.Horizontal)
        width = max(bold_fm.horizontalAdvance(sample), fm.horizontalAdvance(str(title)))
        header.resizeSection(col, width + 24)


def setup_dock(w: MainWindow, panel: TechPanel) -> None:
    """The technician panel in a movable, floatable, closable dock on the right."""
    w.dock = QDockWidget(w)
    w.dock.setObjectName("technicianDock")
    w.dock.setWidget(panel)
    w.dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
    )
    w.dock.setMinimumWidth(360)
    w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, w.dock)
    w.resizeDocks([w.dock], [430], Qt.Orientation.Horizontal)
