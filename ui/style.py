"""Colours, fonts and the dark theme of the console: one place for every visual constant.

A studio is dim and the console is read at a glance, so the theme is dark and the meaning of a
colour is the same in every window: green on time, amber warning, red final seconds and overtime,
blue dry run, orange rehearsal, red ON AIR.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from studio.modes import Mode
from studio.show import ItemState, Phase

FONT_FAMILY = "DejaVu Sans"

# Countdown foreground per phase, on the dark background.
PHASE_FG: dict[Phase, str] = {
    Phase.IDLE: "#8a8f98",
    Phase.NORMAL: "#4cd964",
    Phase.WARNING: "#ffb300",
    Phase.FINAL: "#ff3b30",
    Phase.OVERTIME: "#ff3b30",
}
COUNTDOWN_BG = "#101214"
OVERTIME_FLASH_BG = "#6b0000"
HELD_FG = "#5ac8fa"

MODE_BANNER: dict[Mode, tuple[str, str]] = {  # background, foreground
    Mode.DRY_RUN: ("#1565c0", "#ffffff"),
    Mode.REHEARSAL: ("#ef6c00", "#ffffff"),
    Mode.LIVE: ("#30343a", "#c8ccd2"),
}
ON_AIR = ("#d50000", "#ffffff")

ROW_BG: dict[ItemState, str | None] = {
    ItemState.PENDING: None,
    ItemState.CURRENT: "#1e5631",
    ItemState.DONE: "#24272b",
    ItemState.SKIPPED: "#2b2326",
}
ROW_FG: dict[ItemState, str | None] = {
    ItemState.PENDING: None,
    ItemState.CURRENT: "#ffffff",
    ItemState.DONE: "#8a8f98",
    ItemState.SKIPPED: "#7d6f74",
}

LEVEL_FG = {"ok": "#4cd964", "warn": "#ffb300", "bad": "#ff3b30", "none": "#8a8f98"}

OFFSET_BEHIND_WARN = 60.0  # seconds behind the plan before the offset turns amber
OFFSET_BEHIND_BAD = 300.0  # ... and red


def offset_level(offset: float) -> str:
    """How worrying a schedule offset is (+ = behind)."""
    if offset >= OFFSET_BEHIND_BAD:
        return "bad"
    if offset >= OFFSET_BEHIND_WARN:
        return "warn"
    return "ok"


def font(point_size: float, *, bold: bool = False, italic: bool = False) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPointSizeF(point_size)
    f.setBold(bold)
    f.setItalic(italic)
    return f


def apply_theme(app: QApplication) -> None:
    """Fusion with a dark palette; DejaVu Sans so Cyrillic renders everywhere, offscreen too."""
    app.setStyle("Fusion")
    app.setFont(font(10))
    p = QPalette()
    base, window, text = QColor("#1b1d20"), QColor("#24272b"), QColor("#e6e8eb")
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#202326"))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#30343a"))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor("#30343a"))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.BrightText, QColor("#ff5252"))
    p.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fbf"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#7d838c"))
    p.setColor(QPalette.ColorRole.Link, QColor("#5ac8fa"))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7079"))
    app.setPalette(p)
    app.setStyleSheet(
        "QPushButton { padding: 6px 12px; }"
        "QPushButton:checked { background: #2f6fbf; }"
        "QGroupBox { font-weight: bold; margin-top: 14px; }"
        "QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; }"
        "QToolTip { border: 1px solid #555; }"
    )
