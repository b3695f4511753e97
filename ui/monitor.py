"""SpeakerMonitor: the second window, for a screen the speaker can read from five metres.

It shows the countdown in phase colours, the moderator's message and who is speaking, in fonts
that scale with the window; F11 toggles full screen, Esc leaves it, and the context menu (or the
console's View menu) puts it on another screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QHideEvent,
    QKeySequence,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import QMenu, QVBoxLayout, QWidget

from studio.view import ShowStatus, Status
from ui import style
from ui.bridge import EngineBridge
from ui.i18n import LanguageManager
from ui.widgets import CountdownDisplay, FitLabel, ModeBanner

MESSAGE_FG = "#ffd54f"


def screen_label(screen: QScreen, index: int) -> str:
    g = screen.geometry()
    name = screen.name() or f"#{index + 1}"
    return f"{name} ({g.width()}×{g.height()})"


class SpeakerMonitor(QWidget):
    """Countdown and message for the speaker; a top-level window of its own."""

    visibilityChanged = Signal(bool)
    """Shown (True) or hidden (False), for the console's menu check mark."""

    def __init__(
        self,
        bridge: EngineBridge,
        lang: LanguageManager,
        banner: ModeBanner,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("speakerMonitor")
        self.bridge = bridge
        self.lang = lang
        self.settings = settings
        self.setAutoFillBackground(True)
        self.setStyleSheet(f"SpeakerMonitor {{ background: {style.COUNTDOWN_BG}; }}")
        self.resize(960, 540)

        self.banner = banner
        banner.setFont(style.font(18, bold=True))
        self.speaker = FitLabel(self, bold=False, wrap=True, fill=0.94)
        self.speaker.set_colors("#c8ccd2", style.COUNTDOWN_BG)
        self.countdown = CountdownDisplay(self)
        self.hold = FitLabel(self, fill=0.8)
        self.hold.set_colors(style.HELD_FG, style.COUNTDOWN_BG)
        self.message = FitLabel(self, wrap=True, fill=0.94)
        self.message.set_colors(MESSAGE_FG, style.COUNTDOWN_BG)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.speaker, 12)
        layout.addWidget(self.countdown, 55)
        layout.addWidget(self.hold, 8)
        layout.addWidget(self.message, 25)

        self.fullscreen_action = QAction(self)
        self.fullscreen_action.setCheckable(True)
        self.fullscreen_action.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.fullscreen_action.triggered.connect(self.set_fullscreen)
        self.addAction(self.fullscreen_action)
        self.leave_action = QAction(self)
        self.leave_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave_action.triggered.connect(lambda: self.set_fullscreen(False))
        self.addAction(self.leave_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)

        bridge.tick.connect(self.show_status)
        bridge.messageChanged.connect(self.show_message)
        self.retranslate()
        self.show_status(bridge.status)

    # ---- content ------------------------------------------------------------------------------
    def show_status(self, st: Status) -> None:
        before = self.bridge.view.until_start()
        self.countdown.show_status(st, flash=self.bridge.flash_phase(), until_start=before)
        lang = self.lang.current
        if st.status is ShowStatus.RUNNING and st.speaker is not None:
            who = st.speaker.label(lang)
        elif st.status is ShowStatus.RUNNING and st.item is not None:
            who = st.item.title.get(lang)
        else:
            who = ""
        self.speaker.setText(who)
        if st.status is ShowStatus.RUNNING and st.held:
            self.hold.setText(self.tr("ON HOLD"))
        else:
            self.hold.setText(self.tr("until the start") if before is not None else "")

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Speaker monitor — Studio Console"))
        self.fullscreen_action.setText(self.tr("Full screen"))
        self.leave_action.setText(self.tr("Leave full screen"))
        self.show_status(self.bridge.status)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- screens and full screen ------------------------------------------------------------
    def set_fullscreen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        elif self.isFullScreen():
            self.showNormal()
        self.fullscreen_action.setChecked(self.isFullScreen())
        self.settings.setValue("monitor/fullscreen", self.isFullScreen())

    def place_on(self, screen: QScreen) -> None:
        """Move the monitor to `screen` (keeping full screen if it was)."""
        full = self.isFullScreen()
        if full:
            self.showNormal()
        handle = self.windowHandle()
        if handle is not None:
            handle.setScreen(screen)
        area = screen.availableGeometry()
        self.move(area.topLeft())
        if full:
            self.showFullScreen()
        self.settings.setValue("monitor/screen", screen.name())

    def chosen_screen(self) -> QScreen | None:
        """The screen saved in the settings, if it is still connected."""
        name = self.settings.value("monitor/screen", "", type=str)
        return next((s for s in QGuiApplication.screens() if s.name() == name), None)

    def fill_screen_menu(self, menu: QMenu) -> None:
        """A radio list of the connected screens; choosing one moves the monitor there."""
        menu.clear()
        group = QActionGroup(menu)
        current = self.screen()
        for i, screen in enumerate(QGuiApplication.screens()):
            action = menu.addAction(screen_label(screen, i))
            action.setCheckable(True)
            action.setChecked(screen is current)
            group.addAction(action)
            action.triggered.connect(lambda _=False, s=screen: self.place_on(s))

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.fullscreen_action)
        screens = menu.addMenu(self.tr("Screen"))
        self.fill_screen_menu(screens)
        menu.popup(self.mapToGlobal(pos))

    # ---- window -------------------------------------------------------------------------------
    def restore(self, avoid: QScreen | None = None) -> None:
        """Saved geometry, on the saved screen; with no screen saved, any screen but `avoid`
        (the console's own), so a second screen gets the monitor by itself."""
        geometry = self.settings.value("monitor/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        screen = self.chosen_screen()
        if screen is None and avoid is not None:
            screen = next((s for s in QGuiApplication.screens() if s is not avoid), None)
        if screen is not None and not screen.geometry().contains(self.geometry().center()):
            self.setScreen(screen)
            self.move(screen.availableGeometry().topLeft())

    def save(self) -> None:
        self.settings.setValue("monitor/geometry", self.saveGeometry())
        self.settings.setValue("monitor/visible", self.isVisible())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.visibilityChanged.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibilityChanged.emit(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the monitor only hides it; the console's View menu brings it back.
        self.save()
        self.settings.setValue("monitor/visible", False)
        event.accept()
