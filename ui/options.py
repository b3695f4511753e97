"""The console's command line (`studio [agenda] [--dry-run|--rehearsal] ...`).

Apart from ui/app.py so the launcher's quick reading of them (ui/boot.py) can be checked against
this parser option by option (tests/test_ui_boot.py).
"""

from __future__ import annotations

import argparse

from studio.modes import Mode
from studio.serve import DEFAULT_HOST, DEFAULT_PORT
from ui.i18n import LANGUAGES
from ui.identity import DEFAULT_AGENDA, DEFAULT_SETTINGS


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="studio", description="Studio Console: the moderator's console"
    )
    p.add_argument("agenda", nargs="?", default=DEFAULT_AGENDA, help="the event agenda (YAML)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--dry-run",
        dest="mode",
        action="store_const",
        const=Mode.DRY_RUN,
        help="simulated OBS in this process; nothing leaves the machine",
    )
    mode.add_argument(
        "--rehearsal",
        dest="mode",
        action="store_const",
        const=Mode.REHEARSAL,
        help="real OBS scenes switch, the stream can never start",
    )
    mode.add_argument(
        "--live", dest="mode", action="store_const", const=Mode.LIVE, help="the show (default)"
    )
    p.set_defaults(mode=Mode.LIVE)
    p.add_argument("--speed", type=float, default=1.0, help="dry-run only: clock runs N× faster")
    p.add_argument("--host", help="OBS WebSocket host (remembered)")
    p.add_argument("--port", type=int, help="OBS WebSocket port (remembered)")
    p.add_argument("--lang", choices=sorted(LANGUAGES), help="uk (default) or en")
    p.add_argument("--journal", help="the show's journal file (default: per event, per mode)")
    p.add_argument("--settings", default=DEFAULT_SETTINGS, help="app settings (YAML)")
    serve = p.add_mutually_exclusive_group()
    serve.add_argument(
        "--serve",
        metavar="HOST:PORT",
        help=f"serve the browser views and control API here "
        f"(default {DEFAULT_HOST}:{DEFAULT_PORT}, this machine only)",
    )
    serve.add_argument(
        "--no-serve", action="store_true", help="no browser views and no control API"
    )
    p.add_argument(
        "--osc",
        nargs="?",
        const="",
        default=None,
        metavar="HOST:PORT",
        help="also take OSC control over UDP (/studio/next, ...; this machine only by default)",
    )
    p.add_argument(
        "--osc-allow",
        action="append",
        default=None,
        metavar="ADDRESS",
        help="a sender address or network whose OSC messages are obeyed (repeat, or commas)",
    )
    return p
