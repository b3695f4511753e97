"""The console's look that needs nothing of the engine: the font, the dark theme, and the colours
the first window after a restart paints (ui/early_window.py) before the engine has loaded.
ui/style.py holds the rest, keyed by the engine's types, and takes these from here.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

FONT_FAMILY = "DejaVu Sans"

# Text that stays in the background: captions, idle figures, rows that are done, "last known".
MUTED_FG = "#8a8f98"

# Countdown foreground per phase (by `studio.view.Phase` value), on the dark background.
PHASE_FG: dict[str, str] = {
    "idle": MUTED_FG,
    "normal": "#4cd964",
    "warning": "#ffb300",
    "final": "#ff3b30",
    "overtime": "#ff3b30",
}
COUNTDOWN_BG = "#101214"
HELD_FG = "#5ac8fa"

MODE_BANNER: dict[str, tuple[str, str]] = {  # by `studio.modes.Mode` value: background, fg
    "dry-run": ("#1565c0", "#ffffff"),
    "rehearsal": ("#ef6c00", "#ffffff"),
    "live": ("#30343a", "#c8ccd2"),
}
ON_AIR = ("#d50000", "#ffffff")


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
