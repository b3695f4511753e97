"""OSC control over UDP, for Companion's Generic OSC module, TouchOSC or a script.

`/studio/next`, `/studio/back`, `/studio/start`, `/studio/hold`, `/studio/resume`,
`/studio/skip [item id]`, `/studio/extend <seconds>`, `/studio/goto <item id>`,
`/studio/message [text]` (none or "" clears it), `/studio/scene <name>`, `/studio/release`.
Each is the same checked command as `POST /api/v1/actions/<name>` (commands.py), applied
through `Runtime.act` with origin osc and the sender's address as the client. A button that
sends 1 on press and 0 on release (TouchOSC and friends) acts once: a 0 is a release.

Off unless asked for; bound to loopback unless opened; only senders on the allowlist are
obeyed (UDP has no tokens: anyone who can send to the port and is on the list drives the show).
There is no answer on the wire: a refusal (a sender not allowed, an unknown address, a wrong
argument, or the show's own reason) is logged, a few a minute per sender at most. Stream and
recording are not commands here either. python-osc's `AsyncIOOSCUDPServer` runs on the show's
loop; its dispatcher here never sleeps for a bundle's time tag and matches addresses exactly
(an OSC wildcard like `/studio/*` must not press every button at once).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import time
from collections.abc import Callable, Generator, Sequence
from typing import Any, cast

from pythonosc.dispatcher import Dispatcher, Handler
from pythonosc.osc_server import AsyncIOOSCUDPServer

from studio.actions import Origin
from studio.serve.commands import COMMANDS, BadRequest, Command, parse_command
from studio.serve.config import ServeSettings
from studio.serve.control import Control
from studio.serve.respond import Refused

log = logging.getLogger("studio.serve")

PREFIX = "/studio/"
# The one argument each command takes, as the HTTP body's field.
FIELD = {"extend": "seconds", "goto": "item", "skip": "item", "message": "text", "scene": "scene"}
LOG_WINDOW = 60.0  # seconds
LOG_PER_WINDOW = 5  # refusals logged per sender and window; the rest counted
MAX_SENDERS = 1000

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_allow(entries: Sequence[str]) -> list[Network]:
    """The allowlist as networks; ValueError naming a bad entry."""
    out: list[Network] = []
    for entry in entries:
        try:
            out.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ValueError(
                f"{entry!r} is not an address or network (e.g. 192.168.1.20, 192.168.1.0/24)"
            ) from None
    return out


def allowed(host: str, networks: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip in net for net in networks)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name, or "" (every address)


def _is_press(value: Any) -> bool:
    """A number: a button's press (non-zero) or release (zero)."""
    return isinstance(value, int | float)


def osc_command(path: str, args: Sequence[Any]) -> Command | None:
    """The command an OSC message asks for; None for a button's release. Raises BadRequest."""
    if not path.startswith(PREFIX):
        raise BadRequest(f"unknown address {path[:60]!r}; expected {PREFIX}<action>")
    name = path[len(PREFIX) :]
    if name not in COMMANDS:
        parse_command(name, None)  # says why: refused on purpose, or unknown
    if len(args) > 1:
        raise BadRequest(f"{path} takes at most one argument, not {len(args)}")
    field = FIELD.get(name)
    if args and _is_press(args[0]) and (field is None or name == "skip"):
        if args[0] == 0:
            return None
        args = ()
    if args and field is None:
        raise BadRequest(f"{path} takes no argument (or a button's 1 and 0), not {args[0]!r:.40}")
    body = {field: args[0]} if args and field else None
    if name == "message" and body is None:
        body = {"text": ""}
    return parse_command(name, body)


class _Dispatcher(Dispatcher):
    """python-osc's dispatcher, made safe for a show: senders checked before anything is
    parsed, no sleeping for a bundle's time tag, one handler that matches names exactly."""

    def __init__(self, door: OscServer) -> None:
        super().__init__(strict_timing=False)
        self._door = door
        self._handler = Handler(door.on_message, [], True)

    def handlers_for_address(self, address_pattern: str) -> Generator[Handler, None, None]:
        yield self._handler

    def call_handlers_for_packet(self, data: bytes, client_address: tuple[str, int]) -> list[Any]:
        if not self._door.sender_allowed(client_address[0]):
            return []
        super().call_handlers_for_packet(data, client_address)
        return []  # never an answer on the wire


class OscServer:
    """OSC over UDP for one show: `await start()` (None, or why it cannot listen), `stop()`."""

    def __init__(
        self, control: Control, settings: ServeSettings, *, after: Callable[[], None]
    ) -> None:
        self.control = control
        self.settings = settings
        self.after = after
        self.allow: list[Network] = []
        self.address: str | None = None
        self.port = 0
        self.handled = 0
        """Messages that acted on the show."""
        self.refused = 0
        """Messages refused (sender, address, argument, or the show's reason) or dropped."""
        self._transport: asyncio.DatagramTransport | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._logged: dict[str, tuple[float, int]] = {}

    async def start(self) -> str | None:
        s = self.settings
        try:
            self.allow = parse_allow(s.osc_allow)
        except ValueError as exc:
            message = f"OSC control cannot start: the allowlist has {exc}."
            log.error("%s", message)
            return message
        loop = asyncio.get_running_loop()
        server = AsyncIOOSCUDPServer(
            (s.osc_host, s.osc_port), _Dispatcher(self), cast(asyncio.BaseEventLoop, loop)
        )
        try:
            transport, _protocol = await server.create_serve_endpoint()
        except OSError as exc:
            message = (
                f"OSC control cannot listen on {s.osc_host}:{s.osc_port}: "
                f"{exc.strerror or exc}. The show runs without it; choose another with --osc."
            )
            log.error("%s", message)
            return message
        self._transport = cast(asyncio.DatagramTransport, transport)
        self.port = int(self._transport.get_extra_info("sockname")[1])
        host = f"[{s.osc_host}]" if ":" in s.osc_host else s.osc_host
        self.address = f"{host}:{self.port}"
        allow = ", ".join(str(n) for n in self.allow) or "nobody"
        log.info("OSC control listening on udp %s, obeying %s", self.address, allow)
        if all(n.is_loopback for n in self.allow) and not _loopback(s.osc_host):
            log.warning(
                "OSC control listens on %s but obeys only this machine; add --osc-allow "
                "ADDRESS for a Stream Deck or Companion elsewhere",
                self.address,
            )
        return None

    async def stop(self) -> None:
        if self._transport is not None:
            self._transport.close()
            self._transport = None
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        self.address = None

    # ---- one message --------------------------------------------------------------------------
    def sender_allowed(self, host: str) -> bool:
        if allowed(host, self.allow):
            return True
        self._refuse(host, "", "the sender is not on the OSC allowlist (--osc-allow)")
        return False

    def on_message(self, sender: tuple[str, int], path: str, *args: Any) -> None:
        host = sender[0]
        try:
            command = osc_command(path, args)
        except BadRequest as exc:
            self._refuse(host, path, str(exc))
            return
        if command is None:
            return  # a button's release
        if self.control.needs_obs(command):
            task = asyncio.get_running_loop().create_task(self._execute(command, host, path))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            return
        try:
            self.control.apply(command, Origin.OSC, host)
        except Refused as exc:
            self._refuse(host, path, str(exc))
            return
        self.handled += 1
        self.after()

    async def _execute(self, command: Command, host: str, path: str) -> None:
        try:
            await self.control.execute(command, Origin.OSC, host)
        except Refused as exc:
            self._refuse(host, path, str(exc))
            return
        self.handled += 1
        self.after()

    def _refuse(self, host: str, path: str, why: str) -> None:
        """Count a refusal and log it, at most LOG_PER_WINDOW a minute per sender."""
        self.refused += 1
        now = time.monotonic()
        start, count = self._logged.get(host, (now, 0))
        if now - start > LOG_WINDOW:
            if count > LOG_PER_WINDOW:
                log.warning(
                    "OSC: %d more refusals from %s were not logged", count - LOG_PER_WINDOW, host
                )
            start, count = now, 0
        if len(self._logged) >= MAX_SENDERS and host not in self._logged:
            self._logged.pop(next(iter(self._logged)))
        self._logged[host] = (start, count + 1)
        if count < LOG_PER_WINDOW:
            what = f" {path[:60]}" if path else ""
            log.warning("OSC: refused%s from %s: %s", what, host, why)
