"""Reusable widgets: text that scales with its box, the speaker countdown, the mode banner, and a
non-modal confirmation dialog that a coroutine can await.

Every widget here repaints only when what it shows changes: `set_text` and the `show_*` methods
compare before they touch Qt.
"""

from __future__ import annotations

import asyncio
import contextlib

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QSizePolicy, QWidget

from studio.modes import Mode
from studio.timefmt import countdown_text
from studio.view import Phase, ShowStatus, Status, Update
from ui import style

NO_TIME = "–:––"


def set_text(label: QLabel, text: str) -> bool:
    """setText only if the text differs (a QLabel repaints and may relayout on every setText)."""
    if label.text() == text:
        return False
    label.setText(text)
    return True


def set_style(widget: QWidget, sheet: str) -> bool:
    """setStyleSheet only if it differs (restyling is far dearer than a repaint)."""
    if widget.styleSheet() == sheet:
        return False
    widget.setStyleSheet(sheet)
    return True


class FitLabel(QWidget):
    """Text drawn as large as its box allows: the font scales with the window.

    `template` fixes the size for texts of varying width (a countdown keeps its size when
    "10:00" becomes "9:59"); `wrap` breaks long texts over lines before shrinking them.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        bold: bool = True,
        wrap: bool = False,
        template: str = "",
        fill: float = 0.9,
        max_px: int = 2000,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
    ) -> None:
        super().__init__(parent)
        self._text = ""
        self._fg = QColor("#e6e8eb")
        self._bg: QColor | None = None
        self._bold = bold
        self._wrap = wrap
        self._template = template
        self._fill = fill
        self._max_px = max_px
        self._align = align
        self._fit_cache: tuple[tuple[str, int, int], int] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # ---- content --------------------------------------------------------------------------
    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> bool:
        if text == self._text:
            return False
        self._text = text
        self.update()
        return True

    def foreground(self) -> QColor:
        return QColor(self._fg)

    def background(self) -> QColor | None:
        return QColor(self._bg) if self._bg is not None else None

    def set_colors(self, fg: str | QColor, bg: str | QColor | None = None) -> bool:
        new_fg = QColor(fg)
        new_bg = QColor(bg) if bg is not None else None
        if new_fg == self._fg and new_bg == self._bg:
            return False
        self._fg, self._bg = new_fg, new_bg
        self.update()
        return True

    # ---- geometry -------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(200, 60)

    def minimumSizeHint(self) -> QSize:
        return QSize(40, 20)

    def _font(self, px: int) -> QFont:
        f = QFont(style.FONT_FAMILY)
        f.setPixelSize(max(1, px))
        f.setBold(self._bold)
        return f

    def _fits(self, px: int, text: str, w: float, h: float) -> bool:
        fm = QFontMetricsF(self._font(px))
        if self._wrap:
            r = fm.boundingRect(QRectF(0, 0, w, 1e6), Qt.TextFlag.TextWordWrap, text)
            return r.width() <= w and r.height() <= h
        return fm.horizontalAdvance(text) <= w and fm.height() <= h

    def fitted_pixel_size(self) -> int:
        """The largest pixel size at which the text (or template) fits the box."""
        sample = self._text
        if self._template and len(self._template) >= len(sample):
            sample = self._template
        w, h = self.width() * self._fill, self.height() * self._fill
        key = (sample, int(w), int(h))
        if self._fit_cache is not None and self._fit_cache[0] == key:
            return self._fit_cache[1]
        lo, hi = 4, max(5, min(self._max_px, int(h) + 1))
        if not sample.strip():
            best = hi
        else:
            best = lo
            while lo <= hi:  # binary search: text extents grow with the font size
                mid = (lo + hi) // 2
                if self._fits(mid, sample, w, h):
                    best, lo = mid, mid + 1
                else:
                    hi = mid - 1
        self._fit_cache = (key, best)
        return best

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            if self._bg is not None:
                p.fillRect(self.rect(), self._bg)
            if not self._text:
                return
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            p.setFont(self._font(self.fitted_pixel_size()))
            p.setPen(self._fg)
            flags = int(self._align)
            if self._wrap:
                flags |= int(Qt.TextFlag.TextWordWrap)
            margin = self.width() * (1 - self._fill) / 2
            p.drawText(self.rect().adjusted(int(margin), 0, -int(margin), 0), flags, self._text)
        finally:
            p.end()


class CountdownDisplay(FitLabel):
    """The speaker countdown in phase colours: green, amber, red, then red counting up, flashing.

    It only formats what the engine derived (`Status.remaining`, `Status.phase`); it counts
    nothing itself.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, template="+00:00", fill=0.92)
        self.phase = Phase.IDLE
        self.held = False
        self.set_colors(style.PHASE_FG[Phase.IDLE], style.COUNTDOWN_BG)
        self.setText(NO_TIME)

    def show_status(
        self, st: Status, *, flash: bool = False, until_start: float | None = None
    ) -> None:
        """Show a status; before the show, `until_start` (if given) is counted down in grey."""
        running = st.status is ShowStatus.RUNNING
        self.phase = st.phase if running else Phase.IDLE
        self.held = running and st.held
        if running:
            text = countdown_text(st.remaining)
        elif st.status is ShowStatus.PRE and until_start is not None:
            text = countdown_text(until_start)
        else:
            text = NO_TIME
        self.setText(text)
        fg = style.HELD_FG if self.held else style.PHASE_FG[self.phase]
        bg = style.COUNTDOWN_BG
        if self.phase is Phase.OVERTIME and flash and not self.held:
            bg = style.OVERTIME_FLASH_BG
        self.set_colors(fg, bg)


class ModeBanner(QLabel):
    """DRY RUN (blue) or REHEARSAL (orange) across the window; in any mode with real OBS,
    ON AIR (red) while the stream runs."""

    def __init__(self, mode: Mode, speed: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.speed = speed
        self.on_air = False
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFont(style.font(13, bold=True))
        self.setMinimumHeight(34)
        self.retranslate()

    def on_news(self, update: Update) -> None:
        """Follow the stream output through the link's news."""
        self.set_on_air(update.view.link.stream.active)

    def set_on_air(self, on_air: bool) -> None:
        if on_air != self.on_air:
            self.on_air = on_air
            self.retranslate()

    def retranslate(self) -> None:
        if self.mode is Mode.DRY_RUN:
            text = self.tr("DRY RUN — simulated OBS, nothing goes on air")
            if self.speed != 1:
                text += " · " + self.tr("clock ×{speed:g}").format(speed=self.speed)
            if self.on_air:
                text += " · " + self.tr("simulated stream running")
            bg, fg = style.MODE_BANNER[Mode.DRY_RUN]
        elif self.on_air:
            text = self.tr("● ON AIR")
            if self.mode is Mode.REHEARSAL:
                text = self.tr("REHEARSAL — but the stream is ON AIR (started in OBS)")
            bg, fg = style.ON_AIR
        elif self.mode is Mode.REHEARSAL:
            text = self.tr("REHEARSAL — real OBS, the stream cannot start")
            bg, fg = style.MODE_BANNER[Mode.REHEARSAL]
        else:
            text = self.tr("LIVE — off air")
            bg, fg = style.MODE_BANNER[Mode.LIVE]
        set_text(self, text)
        set_style(self, f"QLabel {{ background: {bg}; color: {fg}; padding: 4px; }}")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class Confirm(QMessageBox):
    """A yes/no question opened with `open()` (never `exec()`), answered through a future.

    qasync cannot run a nested modal loop inside a coroutine; `await Confirm(...).ask()` can.
    """

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        accept: str,
        reject: str,
        *,
        danger: bool = False,
        escape_accepts: bool = False,
        default_accept: bool | None = None,
    ) -> None:
        """`escape_accepts`: Esc (or closing the box) answers yes, when yes is the safe answer.
        `default_accept`: which button Enter presses (default: "no" when `danger`)."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setText(text)
        self.setIcon(QMessageBox.Icon.Warning if danger else QMessageBox.Icon.Question)
        self.accept_button = self.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
        self.reject_button = self.addButton(reject, QMessageBox.ButtonRole.RejectRole)
        accept_default = not danger if default_accept is None else default_accept
        self.setDefaultButton(self.accept_button if accept_default else self.reject_button)
        self.setEscapeButton(self.accept_button if escape_accepts else self.reject_button)
        self._future: asyncio.Future[bool] | None = None
        self.finished.connect(self._on_finished)
        self._own_keys = True
        for button in (self.accept_button, self.reject_button):
            button.installEventFilter(self)

    # The keys a question is answered with. The show's own keys work everywhere in the console
    # (ApplicationShortcut), so a presentation clicker keeps driving the show while a question
    # waits; but arrows, Tab and Enter in a focused question belong to it: a technician moving
    # between "Start stream" and "Cancel" with → must not cut to the next scene on air.
    DIALOG_KEYS = frozenset(
        {
            Qt.Key.Key_Left,
            Qt.Key.Key_Right,
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Escape,
        }
    )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self._own_keys
            and event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in self.DIALOG_KEYS
        ):
            event.accept()  # delivered to the button as a key press, not as a shortcut
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # QMessageBox moves between its buttons with Tab only; arrows do it here too.
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.focusPreviousChild()
            return
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def ask(self, *, block_parent: bool = True, take_focus: bool = True) -> asyncio.Future[bool]:
        """Show the question and return the answer's future.

        `block_parent`: window-modal over the parent (`open()`); otherwise the parent stays
        usable, so the show can be driven while the technician makes up their mind.
        `take_focus=False` (non-modal only): the question shows without taking the keyboard, so
        every show key, arrows included, keeps driving the show until someone clicks it.
        """
        self._future = asyncio.get_running_loop().create_future()
        if block_parent:
            self.open()
        else:
            self.setWindowModality(Qt.WindowModality.NonModal)
            if not take_focus:
                self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
                self._own_keys = False
            self.show()
            self.raise_()
            if take_focus:
                self.activateWindow()
            elif self.parentWidget() is not None:
                # Some platforms activate a new window regardless: hand the keyboard back.
                self.parentWidget().window().activateWindow()
        return self._future

    def _on_finished(self, _result: int) -> None:
        answer = self.clickedButton() is self.accept_button
        if self._future is not None and not self._future.done():
            self._future.set_result(answer)
        self.deleteLater()

    def answer(self, yes: bool) -> None:
        """Click a button (for the console's own shutdown and for tests)."""
        with contextlib.suppress(RuntimeError):
            (self.accept_button if yes else self.reject_button).click()
