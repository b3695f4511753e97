"""AsRunReport: the main window's "As-run report" action (Show menu, Ctrl+R, the button at the
end of the show).

It writes the as-run report of the show so far (HTML and CSV beside the journal) off the UI
thread, one at a time, says where it went in the status bar, then offers to open it in the browser
with a question that is neither modal nor takes the keys: mid-show the keys keep driving the show.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices

from studio.runtime import ReportFailed
from studio.view import ShowStatus
from ui.widgets import Confirm

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class AsRunReport(QObject):
    """Writes the as-run report for a MainWindow, its parent, and asks whether to open it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.dialog: Confirm | None = None
        """The open-it question, while it waits for an answer."""
        self.last: Path | None = None
        """The HTML report written last."""
        self._task: asyncio.Task[None] | None = None

    def _status(self) -> ShowStatus:
        """Where the show stands (the one place this file reads the engine's show state)."""
        return self._window.bridge.view.show_status

    def make(self) -> None:
        """Write the as-run report of the show so far (HTML and CSV beside the journal)."""
        if self._status() is ShowStatus.PRE:
            self._window.show_notice(
                self.tr("The show has not started: there is nothing to report yet.")
            )
            return
        if self.dialog is not None:
            self.dialog.raise_()
            return
        if self._task is not None and not self._task.done():
            return  # one report at a time; this one is being written
        self._task = self._window.bridge.spawn(self._write(), "as-run report")

    async def _write(self) -> None:
        w = self._window
        lang = w.lang.current

        def build() -> tuple[Path, Path]:
            return w.rt.write_report(lang)

        # Off the loop's thread: a long journal must not stall the countdown.
        loop = asyncio.get_running_loop()
        try:
            html, csv = await loop.run_in_executor(None, build)
        except ReportFailed as exc:
            w.show_notice(
                self.tr("The as-run report could not be written: {reason}").format(reason=exc)
            )
            return
        self.last = html
        w.show_notice(self.tr("As-run report written: {path}").format(path=html))
        box = Confirm(
            w,
            self.tr("As-run report"),
            self.tr(
                "The as-run report is written:\n{html}\n{csv}\n\nOpen it in the browser?"
            ).format(html=html, csv=csv),
            self.tr("Open"),
            self.tr("Not now"),
            default_accept=False,  # Enter must never throw a browser over the console mid-show
        )
        self.dialog = box
        try:
            # Not modal and not taking the keyboard: during a show the keys keep driving it.
            yes = await box.ask(block_parent=False, take_focus=False)
        finally:
            self.dialog = None
        if yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(html)))
