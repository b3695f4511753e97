"""ServerBox: the show server in the technician panel: where it listens, how many browser views
and API clients are connected, its alarm when it could not start, and each view's address as a
QR code for the crew's phones.

The server runs in the engine (`studio.serve`); this box only shows its state, which the server
reports through `on_state`. The view token in the QR code is read-only; the control token is
never shown here (`studio links` prints it on request).
"""

from __future__ import annotations

from typing import Protocol

import segno
from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import style
from ui.widgets import set_style, set_text

VIEWS = ("speaker", "rundown", "clock", "remote")
QR_PIXELS = 320


class ServerState(Protocol):
    running: bool
    views: int
    api_clients: int
    error: str | None
    osc: str | None
    osc_error: str | None

    @property
    def url(self) -> str | None: ...


def qr_pixmap(text: str, size: int = QR_PIXELS) -> QPixmap:
    """`text` as a QR code (segno makes the code; this only paints its modules), `size` wide."""
    code = segno.make(text, error="m")
    rows = [list(row) for row in code.matrix_iter(scale=1, border=4)]
    n = len(rows)
    image = QImage(n, n, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    black = QColor("black").rgb()
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                image.setPixel(x, y, black)
    pixmap = QPixmap(size, size)
    painter = QPainter(pixmap)
    # Whole pixels per module: a scanner reads sharp squares best.
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
    painter.drawImage(QRect(0, 0, size, size), image)
    painter.end()
    return pixmap


class ServerBox(QGroupBox):
    """The show server's state and the views' addresses (read-only view token only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverBox")
        self.state: ServerState | None = None
        self.view_token: str | None = None
        self.off = True
        """No server for this console (--no-serve, or a console made in a test)."""
        self.state_label = QLabel(self)
        self.state_label.setWordWrap(True)
        self.view_choice = QComboBox(self)
        for name in VIEWS:
            self.view_choice.addItem("/" + name, name)
        self.view_choice.currentIndexChanged.connect(lambda _i: self.refresh())
        self.copy_button = QPushButton(self)
        self.copy_button.clicked.connect(self.copy_address)
        self.address_label = QLabel(self)
        self.address_label.setWordWrap(True)
        self.address_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.qr_button = QPushButton(self)
        self.qr_button.clicked.connect(self.show_qr)
        # The code in a window of its own, big enough to scan from across the desk; a code
        # squeezed into the docked panel would not scan.
        self.qr_window = QLabel(self, Qt.WindowType.Tool)
        self.qr_window.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_window.setStyleSheet("background: white; padding: 12px;")
        row = QHBoxLayout()
        row.addWidget(self.view_choice, 1)
        row.addWidget(self.copy_button)
        row.addWidget(self.qr_button)
        col = QVBoxLayout(self)
        col.addWidget(self.state_label)
        col.addLayout(row)
        col.addWidget(self.address_label)
        self._qr_for: str | None = None
        self.retranslate()

    def set_server(self, state: ServerState | None, view_token: str | None) -> None:
        """Follow a server (None: this console serves nothing)."""
        self.off = state is None
        self.state = state
        self.view_token = view_token
        self.refresh()

    def starting(self) -> None:
        """The server is about to start (just after the window's first paint)."""
        self.off = False
        set_text(self.state_label, self.tr("Starting the browser views and the control API…"))

    def on_state(self, state: ServerState) -> None:
        self.state = state
        self.refresh()

    def address(self) -> str | None:
        """The chosen view's address with the read-only view token, while the server runs."""
        s = self.state
        if s is None or not s.running or s.url is None or not self.view_token:
            return None
        return f"{s.url}{self.view_choice.currentData()}?token={self.view_token}"

    def show_qr(self) -> None:
        """The chosen view's address as a QR code, for a phone's camera."""
        address = self.address()
        if address is None:
            return
        if address != self._qr_for:
            self.qr_window.setPixmap(qr_pixmap(address))
            self._qr_for = address
        self.qr_window.setWindowTitle(self.view_choice.currentText())
        self.qr_window.show()
        self.qr_window.raise_()

    def copy_address(self) -> None:
        address = self.address()
        if address:
            QGuiApplication.clipboard().setText(address)

    def refresh(self) -> None:
        s = self.state
        if self.off or s is None:
            text = self.tr("Browser views and the control API are off for this console.")
            sheet = ""
        elif s.running:
            text = self.tr("Serving at {url} · {views} view(s), {api} API client(s)").format(
                url=s.url, views=s.views, api=s.api_clients
            )
            if s.osc:
                text += " · " + self.tr("OSC control at {address}").format(address=s.osc)
            sheet = ""
        else:
            text = self.tr(
                "The show server is NOT running ({error}): no browser views, no control API. "
                "The show goes on."
            ).format(error=s.error or self.tr("stopped"))
            sheet = style.SERVER_DOWN_SHEET
        if s is not None and s.osc_error:
            text += " " + self.tr("OSC control is NOT listening: {error}").format(error=s.osc_error)
            sheet = style.SERVER_DOWN_SHEET
        set_text(self.state_label, text)
        set_style(self.state_label, sheet)
        address = self.address()
        for w in (self.view_choice, self.copy_button, self.qr_button, self.address_label):
            w.setVisible(address is not None)
        if address is None:
            self.qr_window.hide()
        else:
            # The token shortened on screen (Copy and the QR code carry it whole).
            set_text(self.address_label, address.split("?token=")[0] + "?token=…")
            if self.qr_window.isVisible():
                self.show_qr()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Browser views and control API"))
        self.copy_button.setText(self.tr("Copy address"))
        self.qr_button.setText(self.tr("QR code"))
        self.view_choice.setToolTip(
            self.tr("Which view the address and the QR code open (read-only view token)")
        )
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
