"""The show server's part of the `studio` command: `studio links [--new]`, and
`studio rehearse --serve [HOST:PORT] --speed N`.

studio/cli.py only adds these parsers and calls in here, so the server's options live with the
server. The tokens are printed on request to the terminal, never logged.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from studio.serve.config import (
    DEFAULT_OSC_PORT,
    LOOPBACK,
    AddressError,
    ServeSettings,
    parse_address,
)
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
    parser.add_argument(
        "--osc",
        nargs="?",
        const="",
        default=None,
        action=_OscAction,
        metavar="HOST:PORT",
        help=f"take OSC control over UDP (/studio/next, ...; default address "
        f"127.0.0.1:{DEFAULT_OSC_PORT}); implies --serve",
    )
    parser.add_argument(
        "--osc-allow",
        action="append",
        default=None,
        metavar="ADDRESS",
        help="a sender address or network (192.168.1.20, 192.168.1.0/24) whose OSC messages "
        "are obeyed; repeat or separate with commas (default: this machine only)",
    )


class _OscAction(argparse.Action):
    """`--osc`: a served rehearsal (`--serve` with its default address unless given)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        setattr(namespace, self.dest, values)
        if getattr(namespace, "serve", None) is None:
            namespace.serve = ""


def settings_for(
    address: str, osc: str | None = None, osc_allow: list[str] | None = None
) -> ServeSettings:
    """Server settings for a `--serve` value ("" for the defaults) and the OSC options (None:
    OSC off); AddressError, naming the option, if one is bad."""
    base = ServeSettings()
    host, port = _address("--serve", address, base.host, base.port)
    settings = ServeSettings(host=host, port=port)
    if osc is None:
        if osc_allow:
            raise AddressError("--osc-allow: OSC is off; turn it on with --osc [HOST:PORT]")
        return settings
    osc_host, osc_port = _address("--osc", osc, base.osc_host, base.osc_port)
    allow = _allowlist(osc_allow) if osc_allow else LOOPBACK
    return replace(settings, osc=True, osc_host=osc_host, osc_port=osc_port, osc_allow=allow)


def _address(option: str, text: str, host: str, port: int) -> tuple[str, int]:
    if not text:
        return host, port
    try:
        return parse_address(text, ServeSettings(host=host, port=port))
    except AddressError as exc:
        raise AddressError(f"{option}: {exc}") from None


def _allowlist(values: list[str]) -> tuple[str, ...]:
    from studio.serve.osc import parse_allow

    entries = tuple(e.strip() for v in values for e in v.split(",") if e.strip())
    try:
        parse_allow(entries)
    except ValueError as exc:
        raise AddressError(f"--osc-allow: {exc}") from None
    return entries


def run_links(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        settings = settings_for(args.serve)
    except AddressError as exc:
        print(exc, file=err)
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
        settings = settings_for(args.serve, args.osc, args.osc_allow)
    except AddressError as exc:
        print(exc, file=err)
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
        if state.osc is not None:
            allow = ", ".join(settings.osc_allow)
            print(f"OSC control: udp {state.osc} (/studio/next, ...), from {allow}", file=out)
        elif state.osc_error is not None:
            print(state.osc_error, file=err)
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
