"""The agenda file in the console: File → Open agenda (YAML or a rundown spreadsheet) before the
show starts, a notice when the agenda file changes on disk offering to reload it, and the
session that replaces one console by another on the new agenda.

Before the start (status "pre" and no action in the journal) another agenda replaces this one:
the console closes and a new one opens on the new agenda, in the same process; the old journal,
which holds no show, is moved aside (kept) when the new console would use the same file. After the
start the agenda is never swapped under a running show: the request is refused with the reason.
A spreadsheet is imported (studio import) into a YAML file under the user's data folder, and the
spreadsheet is what is watched.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_dir
from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMenu, QPushButton, QWidget

from studio.agenda import Agenda, AgendaError, load_agenda
from studio.runtime import archive_journal, default_journal_path
from studio.view import ShowStatus
from ui import style
from ui.widgets import set_text

if TYPE_CHECKING:
    from ui.app import Console

log = logging.getLogger("ui.agenda_file")

SPREADSHEETS = (".xlsx", ".xlsm", ".ods", ".csv")
SETTLE_MS = 300  # editors save in steps (write, rename): look once they are done
SHOWN_PROBLEMS = 6
INFO = "background: #3b4f6b; color: #ffffff;"
WARN = "background: #8a5a00; color: #ffffff;"

# Imported YAML file -> the spreadsheet it came from and that spreadsheet's digest then.
_imported_from: dict[Path, tuple[Path, str]] = {}


def imports_dir() -> Path:
    """Where spreadsheets opened in the console are imported to."""
    return Path(user_data_dir("studio-console", appauthor=False)) / "agendas"


def digest(path: Path) -> str | None:
    """The file's content digest (as Agenda.fingerprint has it), None if it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return None


class OpenFailed(Exception):
    """The chosen file is no agenda: its problems, one a line."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def load_any(path: Path) -> Agenda:
    """An agenda from a YAML file or a rundown spreadsheet (imported beside the user's data).
    Runs off the loop's thread; raises OpenFailed."""
    if path.suffix.lower() not in SPREADSHEETS:
        try:
            return load_agenda(path)
        except AgendaError as exc:
            raise OpenFailed([str(p) for p in exc.problems]) from None
    from studio.rundown import RundownError, import_rundown

    folder = imports_dir()
    tag = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:8]
    target = folder / f"{path.stem}-{tag}.yaml"
    before = digest(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        agenda = import_rundown(path, target).agenda
    except RundownError as exc:
        raise OpenFailed([str(p) for p in exc.problems]) from None
    except OSError as exc:
        raise OpenFailed([f"{target}: {exc.strerror or exc}"]) from None
    _imported_from[target.resolve()] = (path.resolve(), before or "")
    return agenda


def source_of(agenda: Agenda) -> tuple[Path, str]:
    """The file the agenda came from (a spreadsheet it was imported from, else its YAML) and
    that file's digest when it was read."""
    return _imported_from.get(agenda.path.resolve(), (agenda.path.resolve(), agenda.fingerprint))


def show_started(console: Console) -> bool:
    rt = console.rt
    if rt is None:
        return False
    view = rt.view()
    return view.show_status is not ShowStatus.PRE or view.acted


class AgendaNotice(QWidget):
    """A bar across the console: the agenda file changed (Reload / Dismiss), or what is wrong
    with an agenda the moderator tried to open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaNotice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setFont(style.font(12, bold=True))
        self.text.setStyleSheet("background: transparent;")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reload_button = QPushButton(self)
        self.dismiss_button = QPushButton(self)
        for button in (self.reload_button, self.dismiss_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the show's keys stay on the show
        self.dismiss_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.reload_button)
        row.addWidget(self.dismiss_button)
        self.hide()

    def say(self, text: str, *, reload: str | None, dismiss: str, warn: bool = False) -> None:
        set_text(self.text, text)
        self.setStyleSheet(f"#agendaNotice {{ {WARN if warn else INFO} }}")
        self.reload_button.setVisible(reload is not None)
        if reload is not None:
            self.reload_button.setText(reload)
        self.dismiss_button.setText(dismiss)
        self.show()


class AgendaFile(QObject):
    """File → Open agenda and the watch on the agenda file, for one console."""

    def __init__(self, console: Console) -> None:
        super().__init__(console)
        assert console.window is not None
        self.console = console
        self.window = window = console.window
        self.source, self.baseline = source_of(console.agenda)
        self._noticed: str | None = None  # the digest a notice was shown for
        self._said: Callable[[], None] | None = None  # the notice on show, to retranslate
        self.dialog: QFileDialog | None = None
        self.notice = AgendaNotice(window)
        self.notice.reload_button.clicked.connect(self.reload)
        self.notice.dismiss_button.clicked.connect(self._dismissed)
        layout = window.centralWidget().layout()
        alarm = getattr(window, "journal_alarm", None)
        layout.insertWidget(layout.indexOf(alarm) + 1 if alarm else 1, self.notice)  # type: ignore[attr-defined]

        self.menu = QMenu(window)
        self.menu.setObjectName("fileMenu")
        bar = window.menuBar()
        bar.insertMenu(bar.actions()[0] if bar.actions() else None, self.menu)  # type: ignore[arg-type]
        self.open_action = QAction(self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(lambda _=False: self.choose())
        self.reload_action = QAction(self)
        self.reload_action.triggered.connect(lambda _=False: self.reload())
        self.menu.addAction(self.open_action)
        self.menu.addAction(self.reload_action)
        window.addAction(self.open_action)

        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._touched)
        self.watcher.directoryChanged.connect(self._touched)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.check)
        self._watch()
        console.lang.languageChanged.connect(lambda _code: self.retranslate())
        window.closed.connect(self.stop)
        self.retranslate()

    # ---- watching -----------------------------------------------------------------------------
    def _watch(self) -> None:
        """Watch the file and its folder: an editor that saves by renaming a new file over the
        old one leaves a watch on the file alone watching nothing."""
        wanted = [str(self.source.parent)] + ([str(self.source)] if self.source.exists() else [])
        missing = [p for p in wanted if p not in self.watcher.files() + self.watcher.directories()]
        if missing:
            self.watcher.addPaths(missing)

    def _touched(self, _path: str) -> None:
        self._settle.start()

    def check(self) -> None:
        """Compare the file with what the console runs; a change is noticed once."""
        self._watch()
        now = digest(self.source)
        if now == self.baseline or now == self._noticed:
            return
        self._noticed = now
        log.info("agenda file changed on disk: %s", self.source)
        self._say(self._say_changed)

    def stop(self) -> None:
        self._settle.stop()
        paths = self.watcher.files() + self.watcher.directories()
        if paths:
            self.watcher.removePaths(paths)
        if self.dialog is not None:
            self.dialog.reject()

    # ---- opening and reloading ----------------------------------------------------------------
    def choose(self) -> None:
        """File → Open agenda: a file dialog (never modal-blocking the loop)."""
        if show_started(self.console):
            self.refuse()
            return
        if self.dialog is not None:
            self.dialog.raise_()
            return
        dialog = QFileDialog(self.window, self.tr("Open agenda"), str(self.source.parent))
        dialog.setNameFilters(
            [
                self.tr("Agendas and rundowns (*.yaml *.yml *.xlsx *.ods *.csv)"),
                self.tr("All files (*)"),
            ]
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda p: self.open_path(Path(p)))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def reload(self) -> None:
        self.open_path(self.source)

    def open_path(self, path: Path) -> asyncio.Task[None] | None:
        """Open `path` in place of the current agenda, if the show has not started."""
        if show_started(self.console):
            self.refuse()
            return None
        bridge = self.console.bridge
        assert bridge is not None
        return bridge.spawn(self._open(path), "open agenda")

    async def _open(self, path: Path) -> None:
        loop = asyncio.get_running_loop()
        try:
            agenda = await loop.run_in_executor(None, load_any, path)
        except OpenFailed as exc:
            log.warning("agenda %s refused:\n%s", path, exc)
            lines = exc.lines
            self._say(lambda: self._say_problems(path, lines))
            return
        if show_started(self.console):  # it started while the file was read
            self.refuse()
            return
        log.info("opening agenda %s (event %s)", path, agenda.event.id)
        self.console.replacement = agenda  # type: ignore[attr-defined]
        loop.call_soon(self.console.request_close)

    def refuse(self) -> None:
        log.info("agenda not replaced: the show has started")
        self._say(self._say_refused)
        self.window.show_notice(self.tr("The show has started: the agenda cannot be replaced."))

    # ---- the notice ---------------------------------------------------------------------------
    def _say(self, say: Callable[[], None]) -> None:
        self._said = say
        say()

    def _dismissed(self) -> None:
        self._said = None

    def _say_changed(self) -> None:
        name = self.source.name
        if show_started(self.console):
            text = self.tr(
                "The agenda file {name} changed on disk. It is not reloaded: the show has "
                "started, and a running show keeps its agenda. Its running order is edited from "
                "the table's context menu (move, add or remove a speaker, change a time)."
            ).format(name=name)
            self.notice.say(text, reload=None, dismiss=self.tr("Dismiss"), warn=True)
            return
        text = self.tr(
            "The agenda file {name} changed on disk. Reload it? The show has not started: the "
            "console opens again on the changed agenda."
        ).format(name=name)
        self.notice.say(text, reload=self.tr("Reload"), dismiss=self.tr("Dismiss"))

    def _say_refused(self) -> None:
        text = self.tr(
            "The agenda cannot be replaced or reloaded now: the show has started. A running show "
            "keeps its agenda; its running order is edited from the table's context menu (move, "
            "add or remove a speaker, change a time)."
        )
        self.notice.say(text, reload=None, dismiss=self.tr("Dismiss"), warn=True)

    def _say_problems(self, path: Path, lines: list[str]) -> None:
        shown = lines[:SHOWN_PROBLEMS]
        if len(lines) > SHOWN_PROBLEMS:
            shown.append(self.tr("… and {n} more").format(n=len(lines) - SHOWN_PROBLEMS))
        head = self.tr(
            "{name} cannot be opened ({n} problems); the console keeps the current agenda:"
        ).format(name=path.name, n=len(lines))
        text = head + "\n" + "\n".join("• " + line for line in shown)
        self.notice.say(text, reload=None, dismiss=self.tr("Dismiss"), warn=True)

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("&File"))
        self.open_action.setText(self.tr("Open agenda…"))
        self.reload_action.setText(self.tr("Reload the agenda"))
        if self._said is not None and self.notice.isVisibleTo(self.window):
            self._said()


class ConsoleSession:
    """Consoles one after another in one process: a console closed to open another agenda is
    followed by a console on that agenda."""

    def __init__(self, first: Console, make: Callable[[Agenda], Console]) -> None:
        self.current = first
        self.make = make

    def request_close(self) -> None:
        self.current.request_close()

    async def run(self) -> int:
        while True:
            console = self.current
            code = await console.run()
            agenda: Agenda | None = getattr(console, "replacement", None)
            if agenda is None:
                return code
            self._move_aside(console, agenda)
            self.current = self.make(agenda)

    @staticmethod
    def _move_aside(console: Console, agenda: Agenda) -> None:
        """The old journal holds no show (the swap happens only before the start); if the new
        console would write to the same file, move it aside (kept), so the new journal begins
        with the new agenda."""
        if console.rt is None:
            return
        old = console.rt.journal_path
        new = console.options.journal or default_journal_path(
            agenda.event.id, console.options.mode.value
        )
        if old.resolve() == Path(new).resolve():
            moved = archive_journal(old)
            log.info("journal %s (no show in it) moved to %s", old, moved)


def install(console: Console) -> AgendaFile:
    """The File menu, the watch and the notice for a console whose window is up."""
    return AgendaFile(console)


__all__ = ["AgendaFile", "AgendaNotice", "ConsoleSession", "OpenFailed", "install", "load_any"]
