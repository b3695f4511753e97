"""The `studio` command, and the console's first moments.

A subcommand (`studio check`, `studio rehearse`, ...) goes straight to the engine's command line
(studio/cli.py). Anything else opens the console, and after a crash its first job is to show the
show again: if the resume card of this agenda and mode can be believed (studio/resume_card.py),
a window with the item, the speaker and the ticking countdown is painted from it with nothing
but PySide6 loaded, and only then do the engine, the journal's replay and the console's windows
load behind it (ui/app.py), which ask the resume question over it before any cue goes to OBS.

Everything here is imported lazily and in this order on purpose: what the first paint waits for
is PySide6 and a few hundred bytes of card. Even argparse waits: the options are read by
`quick_options`, which gives up on anything it is not sure of.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ui.identity import APPLICATION, DEFAULT_AGENDA, ORGANISATION

if TYPE_CHECKING:
    from studio.resume_card import Glance
    from ui.early_window import EarlyWindow

FIRST_PAINT_WAIT = 0.5
"""Seconds the launcher lets Qt show and paint the early window before loading the rest."""


def main(argv: list[str] | None = None) -> int:
    """The `studio` command: a subcommand runs headless; anything else opens the console."""
    args = list(sys.argv[1:] if argv is None else argv)
    from studio.commands import opens_console

    if not opens_console(args):
        from studio.cli import main as engine_cli

        return engine_cli(args)
    return console(args)


def console(argv: list[str] | None = None) -> int:
    """The console (the `studio.frontends` entry point): the show from its card first, if there
    is one to believe, then the console itself."""
    args = list(sys.argv[1:] if argv is None else argv)
    early, failed = _early(args)
    from ui.app import main as run_console  # the engine and the windows load here

    return run_console(args, early=early, early_failed=failed)


def card_folder() -> Path:
    """Where the console keeps its resume cards: in the user's data folder, beside the journals
    (on Linux $XDG_DATA_HOME/studio-console, as platformdirs has it for the journals). Qt says
    where, as PySide6 is loaded anyway and platformdirs is not yet."""
    from PySide6.QtCore import QStandardPaths

    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(data) / "studio-console" / "cards"


class Quick(NamedTuple):
    """What the early window needs of the command line, read without argparse."""

    agenda: str
    mode: str
    journal: str | None
    lang: str | None


# The console's options by what follows them (ui/options.py; a test holds the two together).
SWITCHES = {"--dry-run": "dry-run", "--rehearsal": "rehearsal", "--live": "live", "--no-serve": ""}
TAKES_VALUE = frozenset(
    {"--speed", "--host", "--port", "--lang", "--journal", "--settings", "--serve", "--osc-allow"}
)
MAY_TAKE_VALUE = frozenset({"--osc"})


def quick_options(args: list[str]) -> Quick | None:
    """The agenda, mode, journal and language as the console's parser would read them,
    or None for anything this reading is not sure of (an abbreviation, a short option, two
    modes, a bad value): then no early window, and the console's parser has the last word."""
    agenda: str | None = None
    modes: list[str] = []
    values: dict[str, str] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        name, eq, value = arg.partition("=")
        if name in SWITCHES and not eq:
            if SWITCHES[name]:
                modes.append(SWITCHES[name])
        elif name in TAKES_VALUE:
            if not eq:
                if i + 1 >= len(args):
                    return None
                i += 1
                value = args[i]
            values[name] = value
        elif name in MAY_TAKE_VALUE:
            if not eq and i + 1 < len(args) and not args[i + 1].startswith("-"):
                i += 1
        elif arg.startswith("-") or agenda is not None:
            return None
        else:
            agenda = arg
        i += 1
    lang = values.get("--lang")
    if len(modes) > 1 or lang not in (None, "uk", "en"):
        return None
    return Quick(
        agenda or DEFAULT_AGENDA,
        modes[0] if modes else "live",
        values.get("--journal"),
        lang,
    )


def early_window(args: list[str]) -> EarlyWindow | None:
    """The early window, shown and painted, if these options name a show whose card can be
    believed; None otherwise (the console then starts as it always did). Never raises: the
    console reads the options again and says what is wrong with them."""
    return _early(args)[0]


def _early(args: list[str]) -> tuple[EarlyWindow | None, str | None]:
    """The early window (or None), and what went wrong painting it, if something did: the
    console writes that into its log file once it has one (there is none yet here)."""
    try:
        opts = quick_options(args)
        if opts is None:
            return None, None
        from studio.resume_card import read_glance

        journal = Path(opts.journal) if opts.journal else None
        glance = read_glance(card_folder(), Path(opts.agenda), opts.mode, journal)
        if glance is None:
            return None, None
        return _paint(glance, opts.lang), None
    except Exception:
        import traceback

        return None, traceback.format_exc()


def _paint(glance: Glance, lang: str | None) -> EarlyWindow:
    from PySide6.QtCore import QEventLoop, QSettings, QTranslator
    from PySide6.QtWidgets import QApplication

    from ui.early_window import EarlyWindow
    from ui.identity import DEFAULT_LANGUAGE, LANGUAGES, qm_path
    from ui.theme import apply_theme

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "studio"])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setQuitOnLastWindowClosed(False)
    apply_theme(app)
    settings = QSettings(ORGANISATION, APPLICATION)
    language = lang or settings.value("language", "", type=str) or DEFAULT_LANGUAGE
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    translator = QTranslator(app)
    installed = translator.load(str(qm_path(language))) and app.installTranslator(translator)
    try:
        window = EarlyWindow(glance, language, settings, translator if installed else None)
    except BaseException:
        app.removeTranslator(translator)  # the console's own catalogues decide its words
        raise
    window.show()
    deadline = time.monotonic() + FIRST_PAINT_WAIT
    while not window.painted and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return window
