"""The technician panel's widgets and how they sit, built onto a TechPanel (like a Designer form's
`setupUi`): one builder per group box, then the scrolling column that holds them.

Nothing here reads the engine, connects a signal or sets a text: TechPanel wires the widgets and
its `retranslate` fills in every word, so the strings keep the TechPanel translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import style
from ui.server_box import ServerBox

if TYPE_CHECKING:
    from ui.tech_panel import TechPanel

LOG_LINES = 500
HEALTH_KEYS = (
    "fps",
    "cpu",
    "render_skipped",
    "output_skipped",
    "congestion",
    "bitrate",
    "duration",
)


class TechWidgets:
    """The widgets `setup` builds, declared for readers and tools; TechPanel inherits the
    declarations (Qt Designer's multiple-inheritance approach, without the form)."""

    connection_box: QGroupBox
    state_label: QLabel
    target_label: QLabel
    versions_label: QLabel
    error_label: QLabel
    reconnect_button: QPushButton
    scenes_box: QGroupBox
    program_caption: QLabel
    program_label: QLabel
    preview_caption: QLabel
    preview_label: QLabel
    unconfirmed_label: QLabel
    manual_label: QLabel
    release_button: QPushButton
    manual_widgets: tuple[QLabel, QPushButton]
    scene_grid: QGridLayout
    scenes_hint: QLabel
    outputs_box: QGroupBox
    stream_label: QLabel
    record_label: QLabel
    stream_button: QPushButton
    record_button: QPushButton
    health_box: QGroupBox
    health_form: QFormLayout
    health_keys: tuple[str, ...]
    health_captions: dict[str, QLabel]
    health_values: dict[str, QLabel]
    preflight_box: QGroupBox
    preflight_button: QPushButton
    preflight_label: QLabel
    log_box: QGroupBox
    log_view: QPlainTextEdit
    server_box: ServerBox


def setup(panel: TechPanel) -> None:
    """Every widget of the panel, as attributes of `panel`, laid out in one scrolling column."""
    boxes = (
        _connection(panel),
        _scenes(panel),
        _outputs(panel),
        _health(panel),
        _preflight(panel),
        _server(panel),
    )
    _column(panel, boxes, _log(panel))


def _connection(p: TechPanel) -> QGroupBox:
    p.connection_box = QGroupBox(p)
    p.state_label = QLabel(p)
    p.state_label.setFont(style.font(13, bold=True))
    p.state_label.setWordWrap(True)
    p.target_label = QLabel(p)
    p.target_label.setWordWrap(True)
    p.versions_label = QLabel(p)
    p.versions_label.setWordWrap(True)
    p.error_label = QLabel(p)
    p.error_label.setWordWrap(True)
    p.error_label.setStyleSheet(style.fg(style.ERROR_FG))
    p.reconnect_button = QPushButton(p)
    top = QHBoxLayout()
    top.addWidget(p.state_label, 1)
    top.addWidget(p.reconnect_button)
    form = QVBoxLayout(p.connection_box)
    form.addLayout(top)
    form.addWidget(p.target_label)
    form.addWidget(p.versions_label)
    form.addWidget(p.error_label)
    return p.connection_box


def _scenes(p: TechPanel) -> QGroupBox:
    p.scenes_box = QGroupBox(p)
    p.program_caption, p.program_label = QLabel(p), QLabel(p)
    p.preview_caption, p.preview_label = QLabel(p), QLabel(p)
    p.program_label.setFont(style.font(11, bold=True))
    for label in (p.program_label, p.preview_label):
        label.setWordWrap(True)
    p.unconfirmed_label = QLabel(p)
    p.unconfirmed_label.setWordWrap(True)
    p.unconfirmed_label.setStyleSheet(style.UNCONFIRMED_SHEET)
    p.unconfirmed_label.hide()
    p.manual_label = QLabel(p)
    p.manual_label.setWordWrap(True)
    p.manual_label.setStyleSheet(style.MANUAL_SHEET)
    p.release_button = QPushButton(p)
    manual_row = QHBoxLayout()
    manual_row.addWidget(p.manual_label, 1)
    manual_row.addWidget(p.release_button)
    p.manual_widgets = (p.manual_label, p.release_button)
    p.scene_grid = QGridLayout()
    scene_form = QFormLayout()
    scene_form.addRow(p.program_caption, p.program_label)
    scene_form.addRow(p.preview_caption, p.preview_label)
    scenes_layout = QVBoxLayout(p.scenes_box)
    scenes_layout.addLayout(scene_form)
    scenes_layout.addWidget(p.unconfirmed_label)
    scenes_layout.addLayout(manual_row)
    scenes_layout.addLayout(p.scene_grid)
    p.scenes_hint = QLabel(p)
    p.scenes_hint.setStyleSheet(style.fg(style.MUTED_FG))
    p.scenes_hint.setWordWrap(True)
    scenes_layout.addWidget(p.scenes_hint)
    return p.scenes_box


def _outputs(p: TechPanel) -> QGroupBox:
    p.outputs_box = QGroupBox(p)
    p.stream_label, p.record_label = QLabel(p), QLabel(p)
    for label in (p.stream_label, p.record_label):
        label.setWordWrap(True)
    p.stream_button, p.record_button = QPushButton(p), QPushButton(p)
    outputs = QGridLayout(p.outputs_box)
    outputs.addWidget(p.stream_label, 0, 0)
    outputs.addWidget(p.stream_button, 0, 1)
    outputs.addWidget(p.record_label, 1, 0)
    outputs.addWidget(p.record_button, 1, 1)
    outputs.setColumnStretch(0, 1)
    return p.outputs_box


def _health(p: TechPanel) -> QGroupBox:
    p.health_box = QGroupBox(p)
    p.health_form = QFormLayout(p.health_box)
    p.health_keys = HEALTH_KEYS
    p.health_captions = {k: QLabel(p) for k in HEALTH_KEYS}
    p.health_values = {k: QLabel(p) for k in HEALTH_KEYS}
    for key in HEALTH_KEYS:
        p.health_values[key].setFont(style.font(10, bold=True))
        p.health_form.addRow(p.health_captions[key], p.health_values[key])
    return p.health_box


def _preflight(p: TechPanel) -> QGroupBox:
    p.preflight_box = QGroupBox(p)
    p.preflight_button = QPushButton(p)
    p.preflight_label = QLabel(p)
    p.preflight_label.setWordWrap(True)
    p.preflight_label.setTextFormat(Qt.TextFormat.RichText)
    pf = QVBoxLayout(p.preflight_box)
    pf.addWidget(p.preflight_button)
    pf.addWidget(p.preflight_label)
    return p.preflight_box


def _server(p: TechPanel) -> QGroupBox:
    p.server_box = ServerBox(p)
    return p.server_box


def _log(p: TechPanel) -> QGroupBox:
    p.log_box = QGroupBox(p)
    p.log_view = QPlainTextEdit(p)
    p.log_view.setReadOnly(True)
    p.log_view.setMaximumBlockCount(LOG_LINES)
    p.log_view.setMinimumHeight(120)
    p.log_view.setFont(style.font(9))
    lg = QVBoxLayout(p.log_box)
    lg.addWidget(p.log_view)
    return p.log_box


def _column(p: TechPanel, boxes: tuple[QGroupBox, ...], log_box: QGroupBox) -> None:
    """The boxes one under another, the log taking what height is left, in a scroll area."""
    inner = QWidget(p)
    col = QVBoxLayout(inner)
    for box in boxes:
        col.addWidget(box)
    col.addWidget(log_box, 1)
    scroll = QScrollArea(p)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(inner)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    outer = QVBoxLayout(p)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    p.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
