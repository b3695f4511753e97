"""The show server's part of the `studio` command: `studio links [--new]`, and
`studio rehearse --serve [HOST:PORT] --speed N`.

studio/cli.py only adds these parsers and calls in here, so the server's options live with the
server. The tokens are printed on request to the terminal, never logged.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from studio.serve.config import AddressError, ServeSettings, parse_address
from studio.serve.links import links_lines
from studio.serve.tokens import TokenFileError, load_tokens, rotate

if TYPE_CHECKING:
    from studio.agenda import Agenda
    from studio.view import Status

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    links = sub.add_parser(
        "links", help="print the show server's view links and tokens (for Companion, a chat)"
    )
    links.add_argument(
        "--serve",
        metavar="HOST:PORT",
        default="",
        help="the address the server listens on (default 127.0.0.1:4480)",
    )
    links.add_argument(
        "--new",
        action="store_true",
        help="make new tokens first: every link and token given out before stops working",
    )


def add_rehearse_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--serve",
        nargs="?",
        const="",
        default=None,
        metavar="HOST:PORT",
        help="pace the rehearsal in real time (see --speed) and serve it to the views and the "
        "control API (default address 127.0.0.1:4480)",
    )
    parser.add_argument(
        "--speed",
        type=float,
        default=1.0,
        help="with --serve: show seconds per real second (e.g. 10)",
    )


def settings_for(address: str) -> ServeSettings:
    """Server settings for a `--serve` value ("" for the defaults); AddressError if bad."""
    base = ServeSettings()
    if not address:
        return base
    host, port = parse_address(address, base)
    return ServeSettings(host=host, port=port)


def run_links(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        settings = settings_for(args.serve)
    except AddressError as exc:
        print(f"--serve: {exc}", file=err)
        return EXIT_BAD_INPUT
    try:
        tokens = rotate(settings.token_file) if args.new else load_tokens(settings.token_file)
    except TokenFileError as exc:
        print(exc, file=err)
        return EXIT_FAILED
    if args.new:
        print("New tokens made: links given out before no longer work.", file=out)
    for line in links_lines(settings, tokens):
        print(line, file=out)
    return EXIT_OK


def rehearse_served(
    args: argparse.Namespace,
    agenda: Agenda,
    journal: Path,
    on_segment: Callable[[Status], None],
    out: TextIO,
    err: TextIO,
) -> Status | None:
    """`studio rehearse --serve`: None (after saying why) when the options are wrong."""
    from studio.serve.rehearsal import serve_rehearsal
    from studio.serve.server import ShowServer

    try:
        settings = settings_for(args.serve)
    except AddressError as exc:
        print(f"--serve: {exc}", file=err)
        return None
    if not args.speed > 0:
        print("--speed: must be more than zero (e.g. 1 or 10)", file=err)
        return None

    def serving(server: ShowServer) -> None:
        state = server.state
        if state.running:
            for line in links_lines(settings, server.tokens, state.port):
                print(line, file=out)
        else:
            print(state.error, file=err)
        out.flush()

    status, _state = asyncio.run(
        serve_rehearsal(
            agenda,
            journal,
            speed=args.speed,
            settings=settings,
            overrun=args.overrun,
            on_serving=serving,
            on_segment=on_segment,
        )
    )
    return status
