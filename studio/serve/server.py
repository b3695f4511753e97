"""The show server: HTTP JSON, a WebSocket, the browser views and OSC, on the show's own loop.

`ShowServer` binds to a `Runtime`: it reads the engine's read model (`Runtime.view()`), pushes
it after every `Runtime.watch` update (coalesced: a burst of updates is one push) and once a
`tick` so slowly moving figures stay right, and applies control requests through the same
`Runtime.act` as a console key, with origin http, ws or osc and the client's address journalled.

aiohttp, because it is one well-kept library that has an asyncio HTTP server, WebSockets and a
client for the tests, and runs on whatever loop is running: qasync's in the console, plain
asyncio in a headless rehearsal.

The parts, by purpose: this module (lifecycle, the state document and its pushes, the HTTP
API's two endpoints), websocket.py (`/api/v1/ws`), static.py (the view files), gate.py (tokens,
origins, who is asking), control.py (a command applied to the show), osc.py (OSC over UDP),
respond.py (JSON answers, refusals, security headers).

Secure by default (see tokens.py, throttle.py, commands.py): loopback, a read-only view token
and a control token sent only as `Authorization: Bearer`, JSON-only control requests, a small
body limit, the WebSocket's Origin checked, only the shipped view files served, at most
`max_clients` WebSocket clients, OSC off unless asked for and then only from allowed senders.
No request can start or stop the stream or the recording. Tokens are never logged (aiohttp's
access log, which prints query strings, is off).
"""

from __future__ import annotations

import asyncio
import errno
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from aiohttp import WSCloseCode, web

from studio.actions import Origin
from studio.runtime import Runtime
from studio.serve import gate
from studio.serve.clients import Client, Kind
from studio.serve.commands import BadRequest, Command, parse_command
from studio.serve.config import ServeSettings
from studio.serve.control import Control
from studio.serve.model import lasting_part, state_document
from studio.serve.osc import OscServer
from studio.serve.respond import Refused, answer, json_response, parse_json
from studio.serve.static import StaticFiles
from studio.serve.throttle import Throttle
from studio.serve.tokens import Access, TokenFileError, Tokens, load_tokens
from studio.serve.websocket import WebSocketDoor
from studio.view import Change, Update

log = logging.getLogger("studio.serve")


@dataclass(frozen=True)
class ServerState:
    """What the technician panel shows about the server."""

    running: bool = False
    host: str = ""
    port: int = 0
    views: int = 0
    """WebSocket clients that are shipped views (/speaker, /rundown, /clock, /remote)."""
    api_clients: int = 0
    """Other WebSocket clients (Companion, scripts)."""
    error: str | None = None
    """Why the server is not running, in one sentence (the show runs on without it)."""
    osc: str | None = None
    """`HOST:PORT` while OSC control listens (off unless asked for)."""
    osc_error: str | None = None
    """Why OSC control, asked for, is not listening."""

    @property
    def clients(self) -> int:
        return self.views + self.api_clients

    @property
    def url(self) -> str | None:
        """The base URL, ending in '/', while the server listens."""
        if not self.running:
            return None
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"


class ShowServer:
    """The show's HTTP/WebSocket/OSC server, bound to one runtime. `start()`, then `stop()`."""

    def __init__(
        self, runtime: Runtime, settings: ServeSettings | None = None, tokens: Tokens | None = None
    ) -> None:
        self.rt = runtime
        self.settings = settings or ServeSettings()
        self._tokens = tokens
        self.throttle = Throttle(self.settings.max_failures, self.settings.failure_window)
        self.views = StaticFiles()
        self.control = Control(runtime)
        self.clients: set[Client] = set()
        self.osc: OscServer | None = None
        self._ws = WebSocketDoor(self)
        self._state = ServerState(host=self.settings.host, port=self.settings.port)
        self._listeners: list[Callable[[ServerState], None]] = []
        self._runner: web.AppRunner | None = None
        self._push_pending = False
        self._push_forced = False
        self._lasting = ""
        self._sent_at = 0.0
        self._ticker: asyncio.TimerHandle | None = None

    @property
    def tokens(self) -> Tokens:
        if self._tokens is None:
            self._tokens = load_tokens(self.settings.token_file)
        return self._tokens

    @property
    def static(self) -> dict[str, tuple[bytes, str]]:
        """The shipped view files by name (what is served, and nothing else)."""
        return self.views.files

    # ---- state for the technician panel ------------------------------------------------------
    @property
    def state(self) -> ServerState:
        return self._state

    def on_state(self, fn: Callable[[ServerState], None]) -> None:
        """fn(state) when the server starts, stops, fails, or a client comes or goes."""
        self._listeners.append(fn)

    def _set_state(self, **changes: Any) -> None:
        new = replace(self._state, **changes)
        if new == self._state:
            return
        self._state = new
        for fn in list(self._listeners):
            try:
                fn(new)
            except Exception:
                log.exception("a server state listener failed")

    def count_clients(self) -> None:
        views = sum(1 for c in self.clients if c.kind is Kind.VIEW)
        self._set_state(views=views, api_clients=len(self.clients) - views)

    # ---- lifecycle ----------------------------------------------------------------------------
    async def start(self) -> ServerState:
        """Listen; a port in use (or any bind error) is logged and kept in `state.error` (or
        `state.osc_error`), and the show goes on without that part of the server."""
        if self.settings.osc:
            await self._start_osc()
        if not self.settings.enabled:
            self._set_state(running=False, error=None)
            return self._state
        try:
            self.tokens  # noqa: B018  (made or read now: a broken file is a state, not a crash)
        except TokenFileError as exc:
            log.error("The show server cannot start: %s. The show runs without it.", exc)
            self._set_state(running=False, error=f"The show server cannot start: {exc}.")
            return self._state
        port = await self._listen()
        if port is None:
            return self._state
        self.rt.watch(self._on_update)
        self._ticker = asyncio.get_running_loop().call_later(self.settings.tick, self._tick)
        self._set_state(running=True, port=port, error=None)
        log.info("show server listening on %s", self._state.url)
        return self._state

    def _app(self) -> web.Application:
        app = web.Application(client_max_size=self.settings.max_body, middlewares=[answer])
        app.router.add_get("/api/v1/state", self._get_state)
        app.router.add_post("/api/v1/actions/{name}", self._post_action)
        app.router.add_get("/api/v1/ws", self._ws.handle)
        self.views.add_routes(app.router)
        return app

    async def _listen(self) -> int | None:
        """Bind the HTTP side; the port it listens on, or None (the error kept in the state).

        Slow clients: aiohttp (3.14.4 on) arms `keepalive_timeout` when a connection opens and
        again after each answer, and closes the connection if no whole request has arrived by
        then: an idle connection, and one trickling its headers in, are both closed after
        `request_timeout`. Lines and headers are bounded too (then 400); a slow body is timed
        in `_post_action`. WebSockets are not affected (their handler runs)."""
        s = self.settings
        runner = web.AppRunner(
            self._app(),
            access_log=None,
            handle_signals=False,
            shutdown_timeout=1.0,
            keepalive_timeout=s.request_timeout,
            max_line_size=8190,
            max_field_size=8190,
            max_headers=64,
        )
        await runner.setup()
        site = web.TCPSite(runner, s.host, s.port)
        try:
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            if exc.errno == errno.EADDRINUSE:
                why = "the port is in use (another console, or another program)"
            else:
                why = exc.strerror or str(exc)
            message = (
                f"The show server cannot listen on {s.host}:{s.port}: {why}. The show runs "
                "without it; choose another address with --serve HOST:PORT."
            )
            log.error("%s", message)
            self._set_state(running=False, error=message)
            return None
        self._runner = runner
        for address in runner.addresses:
            if isinstance(address, tuple) and len(address) >= 2:
                return int(address[1])
        return s.port

    async def _start_osc(self) -> None:
        osc = OscServer(self.control, self.settings, after=self._schedule_push)
        error = await osc.start()
        if error is not None:
            self._set_state(osc=None, osc_error=error)
            return
        self.osc = osc
        self._set_state(osc=osc.address, osc_error=None)

    async def stop(self) -> None:
        """Close every client and stop listening; the show is not touched."""
        self.rt.unwatch(self._on_update)
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None
        if self.osc is not None:
            osc, self.osc = self.osc, None
            await osc.stop()
        clients = list(self.clients)
        if clients:
            await asyncio.gather(
                *(c.close(WSCloseCode.GOING_AWAY, "the show server stops") for c in clients),
                return_exceptions=True,
            )
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()
        self.clients.clear()
        self._set_state(running=False, views=0, api_clients=0, osc=None)

    # ---- pushing state ------------------------------------------------------------------------
    # Every client gets the state after an action or a message at once; after other news (OBS,
    # the journal) and on the tick only when it changed in more than the clock moves (see
    # model.lasting_part), and every `refresh` seconds regardless.
    def _on_update(self, update: Update) -> None:
        self._schedule_push(force=update.change in (Change.SHOW, Change.MESSAGE))

    def _tick(self) -> None:
        loop = asyncio.get_running_loop()
        self._schedule_push(force=loop.time() - self._sent_at >= self.settings.refresh)
        self._ticker = loop.call_later(self.settings.tick, self._tick)

    def _schedule_push(self, force: bool = True) -> None:
        if not self.clients:
            return
        self._push_forced |= force
        if self._push_pending:
            return
        self._push_pending = True
        asyncio.get_running_loop().call_soon(self._push)

    def _push(self) -> None:
        forced, self._push_forced, self._push_pending = self._push_forced, False, False
        if not self.clients:
            return
        doc = self.document()
        lasting = lasting_part(doc)
        if not forced and lasting == self._lasting:
            return
        self._lasting = lasting
        self._sent_at = asyncio.get_running_loop().time()
        text = self._message_for(doc)
        for client in list(self.clients):
            client.push_state(text)

    def document(self) -> dict[str, Any]:
        """The state document as of now."""
        return state_document(self.rt.view(), self.control.message())

    def state_message(self) -> str:
        return self._message_for(self.document())

    @staticmethod
    def _message_for(doc: dict[str, Any]) -> str:
        return json.dumps(
            {"type": "state", "state": doc}, ensure_ascii=False, separators=(",", ":")
        )

    async def execute(self, command: Command, origin: Origin, client: str) -> None:
        """Apply a checked command (Refused if it cannot apply), then push the new state."""
        await self.control.execute(command, origin, client)
        self._schedule_push()
        # The runtime's cue task was woken by the action: let it hand the cue to OBS before
        # the caller builds its answer (the whole state document, about a millisecond).
        await asyncio.sleep(0)

    # ---- HTTP ---------------------------------------------------------------------------------
    async def _get_state(self, request: web.Request) -> web.Response:
        await gate.authorize(request, self.tokens, self.throttle, Access.VIEW, query=True)
        return json_response(self.document())

    async def _post_action(self, request: web.Request) -> web.Response:
        await gate.authorize(request, self.tokens, self.throttle, Access.CONTROL, query=False)
        name = request.match_info["name"]
        limit = self.settings.max_body
        if request.content_length is not None and request.content_length > limit:
            raise Refused(413, f"the body is over {limit} bytes")
        try:
            async with asyncio.timeout(self.settings.request_timeout):
                raw = await request.read()
        except web.HTTPRequestEntityTooLarge:
            raise Refused(413, f"the body is over {limit} bytes") from None
        except TimeoutError:
            log.warning(
                "show server: a request body from %s came too slowly", gate.address(request)
            )
            raise Refused(408, "the body came too slowly") from None
        body: Any = None
        if raw.strip():
            if request.content_type != "application/json":
                raise Refused(
                    415, f"send JSON (Content-Type: application/json), not {request.content_type}"
                )
            body = parse_json(raw)
        try:
            command = parse_command(name, body)
        except BadRequest as exc:
            raise Refused(exc.status, str(exc)) from None
        await self.execute(command, Origin.HTTP, gate.client_name(request))
        return json_response({"ok": True, "action": command.name, "state": self.document()})
