"""The console's entry point (`studio [agenda] [--dry-run|--rehearsal]`) and the Console that wires
one show's runtime to its windows.

`main` parses the options, loads the agenda (problems are printed as file:line:col and the exit code
is 2, never a traceback), builds the QApplication and runs everything on the qasync loop; widgets
and tasks are created inside the coroutine. The window opens whether OBS is up or not. If the
journal holds an unfinished show, the console offers to resume it (a non-modal question; "start a
new show" moves the old journal aside).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    QSettings,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from studio.agenda import Agenda, load_agenda
from studio.logsetup import setup_logging
from studio.modes import Mode
from studio.problems import AgendaError
from studio.resume_card import CardKeeper, card_path
from studio.runtime import (
    Clock,
    ForeignJournal,
    Runtime,
    RuntimeOptions,
    Transport,
    archive_journal,
)
from studio.serve import (
    AddressError,
    ServeSettings,
    TokenFileError,
    links_lines,
    start_server,
)
from studio.serve.cli import settings_for
from studio.settings import ObsEndpoint, Settings, load_settings, obs_endpoint, obs_password
from studio.timefmt import clock_text
from studio.view import AgendaDrift
from ui import agenda_file
from ui.boot import card_folder
from ui.bridge import EngineBridge
from ui.early_window import EarlyWindow
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, LanguageManager, ensure_compiled
from ui.identity import APPLICATION, ORGANISATION
from ui.journal_alarm import drift_lines
from ui.main_window import MainWindow
from ui.monitor import SpeakerMonitor
from ui.options import build_parser
from ui.style import apply_theme
from ui.widgets import Confirm, ModeBanner

if TYPE_CHECKING:
    from studio.serve.server import ShowServer

log = logging.getLogger("ui.app")

EXIT_OK, EXIT_BAD_INPUT = 0, 2
# The show server (aiohttp and segno load with it: ~140 ms on this kind of machine) starts this
# long after the window is shown, so a restart paints the speaker that much sooner (issue 14).
SERVE_AFTER_MS = 100


def app_settings() -> QSettings:
    return QSettings(ORGANISATION, APPLICATION)


class Console(QObject):
    """One show on screen: runtime, bridge, the moderator's window and the speaker monitor."""

    def __init__(
        self,
        agenda: Agenda,
        options: RuntimeOptions,
        *,
        settings: QSettings | None = None,
        lang: LanguageManager | None = None,
        language: str = DEFAULT_LANGUAGE,
        transport: Transport | None = None,
        clock: Clock | None = None,
        resume: bool | None = None,
        serve: ServeSettings | None = None,
        out: TextIO | None = None,
        early: EarlyWindow | None = None,
        cards: Path | None = None,
    ) -> None:
        super().__init__()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(False)  # the console's coroutine decides when it ends
        self.agenda = agenda
        self.options = options
        self.settings = settings if settings is not None else app_settings()
        self._own_lang = lang is None
        self.lang = lang if lang is not None else LanguageManager(self)
        if not self.lang.current:
            self.lang.set_language(language)
        self.transport = transport
        self.clock = clock
        self.resume = resume
        self.serve = serve
        """The show server's settings (None: this console serves nothing, as in tests)."""
        self.out = out
        """Where the views' addresses are printed at start (the terminal), if anywhere."""
        self.early = early
        """The window a restart painted from the resume card, until this console's is up."""
        self.cards = cards
        """Where this console keeps its show's resume card (None: it keeps none, as in tests)."""
        self.card: CardKeeper | None = None
        self.server: ShowServer | None = None
        self._serving: asyncio.Task[None] | None = None
        self.pending_dialog: Confirm | None = None
        self.rt: Runtime | None = None
        self.bridge: EngineBridge | None = None
        self.window: MainWindow | None = None
        self.monitor: SpeakerMonitor | None = None
        self._closed: asyncio.Future[None] | None = None
        self._stopped = False

    # ---- start-up -----------------------------------------------------------------------------
    def _create_runtime(self) -> Runtime:
        return Runtime.create(self.agenda, self.options, transport=self.transport, clock=self.clock)

    async def _ask(
        self, title: str, text: str, yes: str, no: str, *, escape_accepts: bool = False
    ) -> bool:
        box = Confirm(self.early, title, text, yes, no, escape_accepts=escape_accepts)
        self.pending_dialog = box
        try:
            return await box.ask()
        finally:
            self.pending_dialog = None

    def _drift_text(self, drift: AgendaDrift) -> str:
        """What changed in the agenda since the journal began, for the resume question."""
        parts = drift_lines(drift)
        if drift.fingerprint_changed and not parts:
            parts.append(self.tr("times, titles or speakers' details"))
        if not parts:
            return ""
        return (
            "\n\n"
            + self.tr("The agenda changed since the journal began:")
            + "\n"
            + "\n".join("• " + p for p in parts)
        )

    async def _open_runtime(self) -> Runtime:
        """The runtime on the journal; a journal of another event is moved aside, if the
        moderator agrees, and never replayed onto this one."""
        try:
            return self._create_runtime()
        except ForeignJournal as exc:
            log.error("%s", exc)
            fresh = await self._ask(
                self.tr("This journal is of another event"),
                self.tr(
                    "The journal {path} belongs to the event '{event}', not to '{expected}'. "
                    "It cannot be resumed.\n\nMove it aside (it is kept) and start a new show?"
                ).format(path=exc.path, event=exc.event, expected=exc.expected),
                self.tr("Start a new show"),
                self.tr("Close the console"),
            )
            if not fresh:
                raise
            moved = archive_journal(exc.path)
            log.info("journal %s of event %s moved to %s", exc.path, exc.event, moved)
            return self._create_runtime()

    async def _choose_runtime(self) -> Runtime:
        """Resume the journal's show, or move the journal aside and start a new one."""
        rt = await self._open_runtime()
        view = rt.view()
        if not view.acted:
            return rt
        if view.running:
            st = view.status
            lang = self.lang.current
            where = st.item.title.get(lang) if st.item else ""
            if st.speaker is not None:
                where += " — " + st.speaker.label(lang)
            keep = self.resume
            if keep is None:
                keep = await self._ask(
                    self.tr("Resume the show?"),
                    self.tr(
                        "The journal holds a show that is under way:\n{where}\n"
                        "{elapsed} of {allotted} used.\n\nResume it where it stopped?"
                    ).format(
                        where=where,
                        elapsed=clock_text(st.elapsed),
                        allotted=clock_text(st.allotted),
                    )
                    + self._drift_text(rt.drift),
                    self.tr("Resume the show"),
                    self.tr("Start a new show"),
                    escape_accepts=True,  # closing the question must never drop a running show
                )
        else:
            keep = self.resume
            if keep is None:
                keep = not await self._ask(
                    self.tr("Start a new show?"),
                    self.tr(
                        "The journal holds a show that has ended. Start a new show? "
                        "The old journal is kept beside the new one."
                    ),
                    self.tr("Start a new show"),
                    self.tr("Open the ended show"),
                )
        if keep:
            return rt
        path = rt.journal_path
        rt.close_journal()
        moved = archive_journal(path)
        log.info("journal %s moved to %s", path, moved)
        return self._create_runtime()

    async def start(self) -> None:
        """Create the runtime (offering to resume), the windows, and start talking to OBS."""
        loop = asyncio.get_running_loop()
        self._closed = loop.create_future()
        rt = await self._choose_runtime()
        self.rt = rt
        if self.cards is not None:
            where = card_path(self.cards, self.agenda.path, self.options.mode.value)
            explicit = self.options.journal is not None
            self.card = CardKeeper(rt, where, explicit_journal=explicit)
        self.bridge = EngineBridge(rt, self)
        monitor_banner = ModeBanner(rt.mode, self.options.speed)
        self.bridge.linkNews.connect(monitor_banner.on_news)
        self.monitor = SpeakerMonitor(self.bridge, self.lang, monitor_banner, self.settings)
        self.window = MainWindow(
            rt, self.bridge, self.lang, self.settings, self.monitor, self.options.speed
        )
        self.window.closed.connect(self._window_closed)
        self.agenda_file = agenda_file.install(self)  # File → Open agenda, the file's watch
        self.bridge.restore_message()
        self.window.restore()
        self.window.show()
        self.monitor.restore(avoid=self.window.screen())
        several = len(QGuiApplication.screens()) > 1
        if self.settings.value("monitor/visible", several, type=bool):
            self.monitor.show()
            if self.settings.value("monitor/fullscreen", False, type=bool):
                self.monitor.set_fullscreen(True)
        self.window.activateWindow()  # the moderator's keys go to the console
        self._drop_early()
        await rt.start()
        self.bridge.start()
        if self.serve is not None and self.serve.enabled:
            self.window.panel.server_box.starting()
            QTimer.singleShot(SERVE_AFTER_MS, self, lambda: self._serve_later(rt))

    def _drop_early(self) -> None:
        if self.early is not None:
            early, self.early = self.early, None
            early.hand_over()

    def _serve_later(self, rt: Runtime) -> None:
        if not self._stopped:
            loop = asyncio.get_running_loop()
            self._serving = loop.create_task(self._serve(rt), name="show-server")

    async def _serve(self, rt: Runtime) -> None:
        """Start the show server beside the show; if it cannot run, the panel says why and the
        show goes on without it."""
        box = self.window.panel.server_box if self.window is not None else None
        if self.serve is None or not self.serve.enabled:
            return
        self.server = server = await start_server(rt, self.serve)
        token: str | None = None
        try:
            token = server.tokens.view
        except TokenFileError as exc:
            log.error("show server tokens: %s", exc)
        if box is not None:
            box.set_server(server.state, token)
            server.on_state(box.on_state)
        if server.state.running and self.out is not None and token is not None:
            # Secrets: printed on the terminal that started the console, never logged.
            lines = links_lines(self.serve, server.tokens, server.state.port)
            self.out.write("\n".join(lines) + "\n")
            self.out.flush()

    def _window_closed(self) -> None:
        if self._closed is not None and not self._closed.done():
            self._closed.set_result(None)

    async def wait_closed(self) -> None:
        assert self._closed is not None
        await self._closed

    async def shutdown(self) -> None:
        """Stop the show's runtime and drop the windows (the journal keeps the show)."""
        if self._stopped:
            return
        self._stopped = True
        if self.pending_dialog is not None:
            self.pending_dialog.answer(False)
        self._drop_early()
        if self.card is not None:
            self.card.close()  # the last word on the show, before the runtime stops
        if self.bridge is not None:
            self.bridge.detach()
        if self.window is not None:
            if self.window.pending_dialog is not None:
                self.window.pending_dialog.answer(False)
            if self.window.panel.pending_dialog is not None:
                self.window.panel.pending_dialog.answer(False)
            if self.window.report_dialog is not None:
                self.window.report_dialog.answer(False)
            if self.window.isVisible():
                self.window.confirm_close()
        if self.monitor is not None:
            self.monitor.save()
            self.monitor.blockSignals(True)  # hiding it now is not the user's choice: keep it so
            self.monitor.hide()
        if self._serving is not None:
            # Let a server that is starting finish (a few ms), then stop it: cancelling it
            # half-way would leave its socket open.
            with contextlib.suppress(Exception):
                await self._serving
        if self.server is not None:
            await self.server.stop()
        if self.rt is not None:
            await self.rt.stop()
        for w in (self.monitor, self.window):
            if w is not None:
                w.deleteLater()
        if self._own_lang:
            self.lang.uninstall()
        await asyncio.sleep(0)

    def request_close(self) -> None:
        """Close as the window's close button does (asking first during a show)."""
        if self.window is not None and self.window.isVisible():
            self.window.close()
        elif self._closed is not None and not self._closed.done():
            self._closed.set_result(None)

    async def run(self) -> int:
        try:
            await self.start()
            await self.wait_closed()
        finally:
            await self.shutdown()
        return EXIT_OK


# ---- command line ------------------------------------------------------------------------------
def _route_qt_messages() -> object:
    """Qt's own warnings into logging, under the "qt" logger; returns the previous handler."""
    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, _ctx: QMessageLogContext, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    return qInstallMessageHandler(handler)


def _refuse(problems: list[str], err: TextIO) -> int:
    for problem in problems:
        print(problem, file=err)
    return EXIT_BAD_INPUT


def _read_inputs(args: argparse.Namespace, err: TextIO) -> tuple[Agenda, Settings] | None:
    """The agenda and the settings file, or None once what is wrong with them is printed."""
    try:
        return load_agenda(args.agenda), load_settings(Path(args.settings))
    except AgendaError as exc:
        n = len(exc.problems)
        _refuse([str(p) for p in exc.problems], err)
        print(f"{n} problem{'s' if n != 1 else ''} found; the console was not opened.", file=err)
        return None


def _start_qt() -> tuple[QApplication, object]:
    """The application object, themed, with Qt's own warnings routed into the log."""
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "studio"])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setQuitOnLastWindowClosed(False)  # the coroutine decides when the console ends
    previous_handler = _route_qt_messages()
    apply_theme(app)
    ensure_compiled()
    return app, previous_handler


def _options(args: argparse.Namespace, settings: QSettings, yaml: Settings) -> RuntimeOptions:
    """The runtime's options: OBS's address as every front end resolves it (the console also
    remembers the last one given on its command line)."""
    remembered = ObsEndpoint(
        settings.value("obs/host", "", type=str), settings.value("obs/port", 0, type=int)
    )
    where = obs_endpoint(args.host, args.port, yaml, remembered)
    if args.host:
        settings.setValue("obs/host", args.host)
    if args.port:
        settings.setValue("obs/port", args.port)
    live = args.mode is not Mode.DRY_RUN
    return RuntimeOptions(
        mode=args.mode,
        speed=args.speed,
        host=where.host,
        port=where.port,
        password=obs_password(where.host, where.port, yaml).password if live else None,
        journal=Path(args.journal) if args.journal else None,
    )


def _language(args: argparse.Namespace, settings: QSettings, yaml: Settings) -> str:
    language = args.lang or settings.value("language", "", type=str) or yaml.language
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    settings.setValue("language", language)
    return str(language)


def _serve_settings(args: argparse.Namespace) -> ServeSettings:
    """On by default, on this machine only; `--serve HOST:PORT` opens it, `--no-serve` ends it."""
    if args.no_serve:
        if args.osc is not None:
            raise AddressError("--osc needs the server: leave out --no-serve")
        return ServeSettings(enabled=False)
    return settings_for(args.serve or "", args.osc, args.osc_allow)


async def _run(
    agenda: Agenda,
    options: RuntimeOptions,
    settings: QSettings,
    language: str,
    serve: ServeSettings,
    early: EarlyWindow | None = None,
) -> int:
    lang = LanguageManager()
    lang.set_language(language)
    cards = card_folder()

    def console_for(a: Agenda) -> Console:
        return Console(
            a, options, settings=settings, lang=lang, serve=serve, out=sys.stdout, cards=cards
        )

    console = console_for(agenda)
    console.early = early
    # Another agenda opened before the start replaces the console by one on that agenda.
    session = agenda_file.ConsoleSession(console, console_for)
    # Ctrl+C in the terminal asks the console to close (with the question during a show).
    signal.signal(signal.SIGINT, lambda *_: QTimer.singleShot(0, session.request_close))
    try:
        return await session.run()
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        lang.uninstall()


def main(
    argv: list[str] | None = None,
    *,
    early: EarlyWindow | None = None,
    early_failed: str | None = None,
) -> int:
    """Run the console; returns the exit code (2 for a bad agenda or bad options). `early`: the
    window ui/boot.py painted from the resume card, replaced by the console's own;
    `early_failed`: why it could not paint one (for the log file)."""
    try:
        return _main(list(sys.argv[1:] if argv is None else argv), early, early_failed)
    finally:
        if early is not None:
            early.hand_over()  # a console that did not open leaves no stale show on screen


def _main(argv: list[str], early: EarlyWindow | None, early_failed: str | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error argparse already printed
        return int(exc.code or 0)
    err = sys.stderr
    if args.speed <= 0 or (args.speed != 1.0 and args.mode is not Mode.DRY_RUN):
        return _refuse(["--speed must be more than zero and works only with --dry-run."], err)
    try:
        serve = _serve_settings(args)
    except AddressError as exc:
        return _refuse([f"{exc}; the console was not opened."], err)
    inputs = _read_inputs(args, err)
    if inputs is None:
        return EXIT_BAD_INPUT
    agenda, yaml_settings = inputs

    # A log file for the technician; obsws-python's own logger (it logs the password at INFO)
    # is silenced where the OBS link is defined.
    log_path = setup_logging()
    if log_path:
        log.info("console starting: %s, log %s", args.mode.value, log_path)
    if early_failed:  # the restart was only slower: the technician reads why in the log
        log.error("the early window from the resume card was not shown:\n%s", early_failed)

    _app, previous_handler = _start_qt()
    settings = app_settings()
    options = _options(args, settings, yaml_settings)
    language = _language(args, settings, yaml_settings)

    os.environ.setdefault("QT_API", "pyside6")
    import qasync  # only now: after PySide6, so qasync binds to it (STACK-NOTES)

    try:
        return int(qasync.run(_run(agenda, options, settings, language, serve, early)))
    except KeyboardInterrupt:
        return 130
    except ForeignJournal as exc:
        return _refuse([f"{exc}; the console was not opened."], err)
    except OSError as exc:  # e.g. the journal cannot be written
        print(f"{getattr(exc, 'filename', '') or 'error'}: {exc.strerror or exc}", file=err)
        return 1
    finally:
        qInstallMessageHandler(previous_handler)  # type: ignore[arg-type]
        with contextlib.suppress(Exception):
            settings.sync()


if __name__ == "__main__":
    sys.exit(main())
