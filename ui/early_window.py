"""The first window after a restart: the show as the resume card left it (the mode, the item, the
speaker and their countdown, ticking), painted before the engine has loaded.

It needs PySide6 and nothing of the engine but the card (studio/resume_card.py). The console
opens its own window over it once the journal is replayed and the moderator has answered the
resume question, and closes this one (ui/app.py). It takes no keys: nothing is sent to OBS and
nothing is journalled until the console is up.

Light on purpose: plain labels, colours from ui/theme.py, and not even PySide6's `Qt` namespace
(its enums cost as much as the rest of this window): alignment comes from the style sheets.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from studio.resume_card import Glance
from studio.timefmt import countdown_text
from ui import theme

TEMPLATE = "+00:00"
"""The widest countdown: its size holds when 10:00 becomes 9:59 (as the console's does)."""
FILL = 0.92


class EarlyWindow(QMainWindow):
    """The moderator's window as it will be, from the card, until the console replaces it."""

    def __init__(
        self,
        glance: Glance,
        language: str,
        settings: QSettings,
        translator: QTranslator | None = None,
    ) -> None:
        super().__init__()
        self.glance = glance
        self.language = language
        self.translator = translator
        """Installed for this window's words until the console's own catalogues take over."""
        self.painted = False
        self._handed = False
        self.setObjectName("earlyWindow")
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 8)
        bg, fg = theme.MODE_BANNER.get(glance.mode, theme.MODE_BANNER["live"])
        self.banner = self._line(body, 13, f"background: {bg}; color: {fg};", centred=True)
        self.banner.setMinimumHeight(34)
        self.item_label = self._line(body, 22)
        self.speaker_label = self._line(body, 17)
        self.countdown = self._line(body, 100, "", centred=True)
        self.countdown.setWordWrap(False)
        self.countdown.setMinimumHeight(150)
        self.countdown.installEventFilter(self)
        self.note = self._line(body, 10, f"color: {theme.MUTED_FG};", bold=False)
        for w in (self.banner, self.item_label, self.speaker_label):
            column.addWidget(w)
        column.addWidget(self.countdown, 1)
        column.addWidget(self.note)
        self.setCentralWidget(body)
        self.resize(1440, 900)
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)  # where the console's window will open
        self._unit = QFontMetricsF(self.countdown.font())  # at 100 px: scaled, never searched
        self._colour = ""
        self.retranslate()
        self.tick()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.tick)
        self._timer.start(200)  # the whole second shows within a fifth of a second

    def _line(
        self,
        parent: QWidget,
        size: int,
        sheet: str = "",
        *,
        centred: bool = False,
        bold: bool = True,
    ) -> QLabel:
        label = QLabel(parent)
        font = QFont(theme.FONT_FAMILY)
        font.setBold(bold)
        if size >= 100:
            font.setPixelSize(size)
        else:
            font.setPointSize(size)
        label.setFont(font)
        label.setWordWrap(True)
        align = "qproperty-alignment: AlignCenter;" if centred else "padding: 0 8px;"
        label.setStyleSheet(sheet + align)
        return label

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.countdown:
            if event.type() == QEvent.Type.Paint:
                self.painted = True  # the launcher waits for this before it loads the engine
            elif event.type() == QEvent.Type.Resize:
                self._fit()
        return super().eventFilter(watched, event)

    def _fit(self) -> None:
        """The countdown's font as large as its box allows (text extents scale with the size)."""
        box = self.countdown.size()
        scale = min(
            box.width() * FILL / max(1.0, self._unit.horizontalAdvance(TEMPLATE)),
            box.height() * FILL / max(1.0, self._unit.height()),
        )
        font = self.countdown.font()
        px = max(8, int(100 * scale))
        if font.pixelSize() != px:
            font.setPixelSize(px)
            self.countdown.setFont(font)

    def hand_over(self) -> None:
        """The console's window is up (or will not be): go, and take this window's translator
        along. Once only; the console and its entry point may both ask."""
        if self._handed:
            return
        self._handed = True
        self._timer.stop()
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
        self.close()
        self.deleteLater()

    def retranslate(self) -> None:
        g, lang = self.glance, self.language
        self.setWindowTitle(self.tr("Studio Console — resuming the show"))
        banners = {
            "dry-run": self.tr("DRY RUN — simulated OBS, nothing goes on air"),
            "rehearsal": self.tr("REHEARSAL — real OBS, the stream cannot start"),
            "live": self.tr("LIVE — the console is reconnecting to OBS"),
        }
        self.banner.setText(banners.get(g.mode, g.mode))
        self.item_label.setText(g.item.get(lang) or g.item.get("uk") or "")
        if g.speaker is not None:
            speaker = g.speaker.get(lang) or g.speaker.get("uk") or ""
        elif g.slot == "break":
            speaker = self.tr("Break")
        else:
            speaker = self.tr("Open discussion")
        self.speaker_label.setText(speaker)
        held = self.tr("Held.") + " " if g.held else ""
        self.note.setText(
            held
            + self.tr(
                "Resuming the show from its journal: the console opens in a moment and asks "
                "before anything goes to OBS."
            )
        )

    def tick(self) -> None:
        remaining = self.glance.remaining_at(time.monotonic())
        self.countdown.setText(countdown_text(remaining))
        fg = theme.HELD_FG if self.glance.held else theme.PHASE_FG[self.glance.phase(remaining)]
        if fg != self._colour:
            self._colour = fg
            sheet = f"color: {fg}; background: {theme.COUNTDOWN_BG};"
            self.countdown.setStyleSheet(sheet + "qproperty-alignment: AlignCenter;")
