"""The show server: HTTP JSON, a WebSocket and the browser views, on the show's own asyncio loop.

`ShowServer` binds to a `Runtime`: it reads the engine's read model (`Runtime.view()`), pushes
it after every `Runtime.watch` update (coalesced: a burst of updates is one push) and once a
`tick` so slowly moving figures stay right, and applies control requests through the same
`Runtime.act` as a console key, with origin http or ws and the client's address journalled.

aiohttp, because it is one well-kept library that has an asyncio HTTP server, WebSockets and a
client for the tests, and runs on whatever loop is running: qasync's in the console, plain
asyncio in a headless rehearsal.

Secure by default (see tokens.py, throttle.py, commands.py): loopback, a read-only view token
and a control token sent only as `Authorization: Bearer`, JSON-only control requests, a small
body limit, the WebSocket's Origin checked, only the shipped view files served, at most
`max_clients` WebSocket clients. No request can start or stop the stream or the recording.
Tokens are never logged (aiohttp's access log, which prints query strings, is off).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, WSMsgType, web

from studio.actions import ActionError, Origin
from studio.runtime import Runtime
from studio.serve.clients import Client, Kind
from studio.serve.commands import BadRequest, Command, parse_command
from studio.serve.config import ServeSettings
from studio.serve.model import state_document
from studio.serve.throttle import Throttle
from studio.serve.tokens import Access, TokenFileError, Tokens, load_tokens
from studio.view import LinkState, ObsError, Update

log = logging.getLogger("studio.serve")

STATIC_DIR = Path(__file__).resolve().parent / "static"
PAGES = {"": "index.html", "speaker": "speaker.html", "rundown": "rundown.html"}
PAGES |= {"clock": "clock.html", "remote": "remote.html"}
CONTENT_TYPES = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
}
# A page may load only what this server ships and talk only to it; no other site may frame it,
# and the view token in its URL is never sent on as a referrer.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
}
WS_MAX_MESSAGE = 4096
WS_WRITE_LIMIT = 64 * 1024  # bytes buffered for one client before its send waits


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


class _Refused(Exception):
    """A request answered with an error; nothing was changed."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.extra = extra

    def response(self) -> web.Response:
        body = {"ok": False, "error": str(self), **self.extra}
        headers = {"WWW-Authenticate": 'Bearer realm="studio"'} if self.status == 401 else None
        return _json(body, status=self.status, headers=headers)


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(
        text=json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        status=status,
        content_type="application/json",
        headers={"Cache-Control": "no-store", **(headers or {})},
    )


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _load_static(folder: Path) -> dict[str, tuple[bytes, str]]:
    """Every shipped view file, read once: nothing outside this set is ever served."""
    files = {}
    for path in sorted(folder.iterdir()):
        kind = CONTENT_TYPES.get(path.suffix)
        if kind and path.is_file():
            files[path.name] = (path.read_bytes(), kind)
    return files


class ShowServer:
    """The show's HTTP/WebSocket server, bound to one runtime. `start()`, then `stop()`."""

    def __init__(
        self, runtime: Runtime, settings: ServeSettings | None = None, tokens: Tokens | None = None
    ) -> None:
        self.rt = runtime
        self.settings = settings or ServeSettings()
        self._tokens = tokens
        self.throttle = Throttle(self.settings.max_failures, self.settings.failure_window)
        self.static = _load_static(STATIC_DIR)
        self.clients: set[Client] = set()
        self._state = ServerState(host=self.settings.host, port=self.settings.port)
        self._listeners: list[Callable[[ServerState], None]] = []
        self._runner: web.AppRunner | None = None
        self._push_pending = False
        self._ticker: asyncio.TimerHandle | None = None
        self._message: tuple[int, str] = (-1, "")

    @property
    def tokens(self) -> Tokens:
        if self._tokens is None:
            self._tokens = load_tokens(self.settings.token_file)
        return self._tokens

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

    def _count_clients(self) -> None:
        views = sum(1 for c in self.clients if c.kind is Kind.VIEW)
        self._set_state(views=views, api_clients=len(self.clients) - views)

    # ---- lifecycle ----------------------------------------------------------------------------
    async def start(self) -> ServerState:
        """Listen; a port in use (or any bind error) is logged and kept in `state.error`, and
        the show goes on without the server."""
        s = self.settings
        if not s.enabled:
            self._set_state(running=False, error=None)
            return self._state
        try:
            self.tokens  # noqa: B018  (made or read now: a broken file is a state, not a crash)
        except TokenFileError as exc:
            log.error("The show server cannot start: %s. The show runs without it.", exc)
            self._set_state(running=False, error=f"The show server cannot start: {exc}.")
            return self._state
        app = web.Application(client_max_size=s.max_body, middlewares=[self._headers])
        app.router.add_get("/api/v1/state", self._get_state)
        app.router.add_post("/api/v1/actions/{name}", self._post_action)
        app.router.add_get("/api/v1/ws", self._websocket)
        app.router.add_get("/static/{name}", self._get_static)
        app.router.add_get("/{page:[a-z]*}", self._get_page)
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
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
            return self._state
        self._runner = runner
        port = s.port
        for address in runner.addresses:
            if isinstance(address, tuple) and len(address) >= 2:
                port = int(address[1])
                break
        self.rt.watch(self._on_update)
        self._ticker = asyncio.get_running_loop().call_later(s.tick, self._tick)
        self._set_state(running=True, port=port, error=None)
        log.info("show server listening on %s", self._state.url)
        return self._state

    async def stop(self) -> None:
        """Close every client and stop listening; the show is not touched."""
        self.rt.unwatch(self._on_update)
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None
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
        self._set_state(running=False, views=0, api_clients=0)

    # ---- pushing state ------------------------------------------------------------------------
    def _on_update(self, _update: Update) -> None:
        self._schedule_push()

    def _tick(self) -> None:
        self._schedule_push()
        self._ticker = asyncio.get_running_loop().call_later(self.settings.tick, self._tick)

    def _schedule_push(self) -> None:
        if self._push_pending or not self.clients:
            return
        self._push_pending = True
        asyncio.get_running_loop().call_soon(self._push)

    def _push(self) -> None:
        self._push_pending = False
        if not self.clients:
            return
        text = self._state_message()
        for client in list(self.clients):
            client.push_state(text)

    def _message_text(self) -> str:
        """The moderator's message, from the journal (the console writes it there too); read
        again only when the journal grew."""
        n = len(self.rt.journal.entries)
        if self._message[0] != n:
            self._message = (n, self.rt.last_message())
        return self._message[1]

    def document(self) -> dict[str, Any]:
        """The state document as of now."""
        return state_document(self.rt.view(), self._message_text())

    def _state_message(self) -> str:
        return json.dumps(
            {"type": "state", "state": self.document()},
            ensure_ascii=False,
            separators=(",", ":"),
        )

    # ---- who is asking ------------------------------------------------------------------------
    @staticmethod
    def _address(request: web.Request) -> str:
        return request.remote or "?"

    def _client_name(self, request: web.Request) -> str:
        """The client for the journal: its address, and who a local proxy forwarded for."""
        address = self._address(request)
        forwarded = request.headers.get("X-Forwarded-For", "").split(",")[0].strip()[:64]
        if forwarded and address in ("127.0.0.1", "::1"):
            return f"{forwarded} via {address}"
        return address

    def _origin_allowed(self, request: web.Request) -> bool:
        """A browser's WebSocket says which page opened it: only our own pages (directly or
        through a reverse proxy) and configured origins may. Non-browser clients send none."""
        origin = request.headers.get("Origin")
        if origin is None:
            return True
        if origin in self.settings.allowed_origins:
            return True
        netloc = urlsplit(origin).netloc.lower()
        hosts = {request.headers.get("Host", "").lower()}
        hosts |= {h.strip().lower() for h in request.headers.get("X-Forwarded-Host", "").split(",")}
        return bool(netloc) and netloc in hosts

    async def _authorize(self, request: web.Request, need: Access, *, query: bool) -> Access:
        """What the request's token allows, or _Refused (401/403/429) after a log line.

        The control token is taken only from the Authorization header; the view token also
        from `?token=` where `query` (view URLs), never on control endpoints."""
        header = request.headers.get("Authorization", "")
        scheme, _, bearer = header.partition(" ")
        bearer = bearer.strip() if scheme.lower() == "bearer" else ""
        in_url = request.query.get("token")
        reason = ""
        access = Access.NONE
        if in_url is not None and (not query or self.tokens.access(in_url) is Access.CONTROL):
            reason = "a token in the URL (control takes it only as Authorization: Bearer)"
        elif bearer:
            access = self.tokens.access(bearer)
            reason = "" if access is not Access.NONE else "wrong token"
        elif in_url:
            access = self.tokens.access(in_url)
            reason = "" if access is not Access.NONE else "wrong token"
        else:
            reason = "no token" if not header else "not a Bearer token"
        if access is not Access.NONE and access.value >= need.value:
            return access
        address = self._address(request)
        if access is Access.VIEW:  # a right token for the wrong door: no guessing involved
            log.warning(
                "show server: refused %s %s from %s: the view token is read-only",
                request.method,
                request.path,
                address,
            )
            raise _Refused(403, "the view token is read-only; actions need the control token")
        log.warning(
            "show server: refused %s %s from %s: %s", request.method, request.path, address, reason
        )
        delay = self.throttle.failed(address)
        if delay is None:
            raise _Refused(429, "too many failed attempts from this address; try again later")
        if delay > 0:
            self.throttle.waiting(address, +1)
            try:
                await asyncio.sleep(delay)
            finally:
                self.throttle.waiting(address, -1)
        if reason.startswith("a token in the URL"):
            raise _Refused(
                401,
                "tokens are not accepted in the URL here: send the control token as "
                "'Authorization: Bearer <token>'",
            )
        raise _Refused(401, "a valid token is needed (Authorization: Bearer <token>)")

    # ---- HTTP ---------------------------------------------------------------------------------
    @web.middleware
    async def _headers(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        try:
            response = await handler(request)
        except _Refused as refused:
            response = refused.response()
        except web.HTTPException as exc:
            if not request.path.startswith("/api/"):
                raise
            response = _json({"ok": False, "error": exc.reason}, status=exc.status)
        if not response.prepared:
            for key, value in SECURITY_HEADERS.items():
                response.headers.setdefault(key, value)
        return response

    async def _get_state(self, request: web.Request) -> web.Response:
        await self._authorize(request, Access.VIEW, query=True)
        return _json(self.document())

    async def _get_page(self, request: web.Request) -> web.Response:
        name = PAGES.get(request.match_info["page"])
        if name is None or name not in self.static:
            raise web.HTTPNotFound()
        return self._file(name)

    async def _get_static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in self.static:  # a fixed set: '..', '/', '%2f' can never name a file
            raise web.HTTPNotFound()
        return self._file(name)

    def _file(self, name: str) -> web.Response:
        body, kind = self.static[name]
        charset = "utf-8" if kind.startswith("text/") or kind.endswith("+xml") else None
        return web.Response(
            body=body, content_type=kind, charset=charset, headers={"Cache-Control": "no-cache"}
        )

    async def _post_action(self, request: web.Request) -> web.Response:
        await self._authorize(request, Access.CONTROL, query=False)
        name = request.match_info["name"]
        limit = self.settings.max_body
        if request.content_length is not None and request.content_length > limit:
            raise _Refused(413, f"the body is over {limit} bytes")
        try:
            raw = await request.read()
        except web.HTTPRequestEntityTooLarge:
            raise _Refused(413, f"the body is over {limit} bytes") from None
        body: Any = None
        if raw.strip():
            if request.content_type != "application/json":
                raise _Refused(
                    415, f"send JSON (Content-Type: application/json), not {request.content_type}"
                )
            body = self._parse_json(raw)
        try:
            command = parse_command(name, body)
        except BadRequest as exc:
            raise _Refused(exc.status, str(exc)) from None
        await self._execute(command, Origin.HTTP, self._client_name(request))
        return _json({"ok": True, "action": command.name, "state": self.document()})

    @staticmethod
    def _parse_json(raw: bytes | str) -> Any:
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            return json.loads(text, parse_constant=_no_constants)
        except (UnicodeDecodeError, ValueError) as exc:
            raise _Refused(400, f"the body is not valid JSON: {exc}") from None

    # ---- applying a command -------------------------------------------------------------------
    def _obs_scene(self, scene: str) -> str:
        """A logical scene name (`studio`) or an OBS scene name, as the OBS name."""
        mapped = self.rt.agenda.scene_map.scenes.get(scene)
        if mapped is not None:
            return mapped
        known = set(self.rt.agenda.scene_map.scenes.values()) | set(self.rt.view().link.scenes)
        if scene not in known:
            raise _Refused(400, f"no scene '{scene[:80]}' (neither a logical nor an OBS name)")
        return scene

    async def _execute(self, command: Command, origin: Origin, client: str) -> None:
        if command.action is not None:
            try:
                self.rt.act(command.action, origin=origin, client=client)
            except ActionError as exc:
                raise _Refused(409, str(exc), key=exc.key, params=exc.params) from None
            log.info("show server: %s from %s (%s)", command.name, client, origin.value)
        elif command.text is not None:
            if command.text != self._message_text():
                self.rt.remember_message(command.text)
                log.info(
                    "show server: message %s from %s", "set" if command.text else "cleared", client
                )
        elif command.scene is not None:
            scene = self._obs_scene(command.scene)
            if self.rt.view().link.state is not LinkState.ONLINE:
                raise _Refused(409, "OBS is not connected: no scene can be put on air")
            try:
                await self.rt.manual_switch(scene)
            except ObsError as exc:
                raise _Refused(502, str(exc), key=exc.key) from None
            log.info("show server: scene %s by hand from %s", scene, client)
        elif command.name == "release":
            try:
                await self.rt.release_manual()
            except ObsError as exc:
                raise _Refused(502, str(exc), key=exc.key) from None
            log.info("show server: scene handed back to the cues by %s", client)
        self._schedule_push()

    # ---- WebSocket ----------------------------------------------------------------------------
    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        if not self._origin_allowed(request):
            log.warning(
                "show server: refused a WebSocket from %s: origin %s not allowed",
                self._address(request),
                request.headers.get("Origin", "")[:100],
            )
            raise _Refused(403, "this page's origin may not open the show's WebSocket")
        access = await self._authorize(request, Access.VIEW, query=True)
        ws = web.WebSocketResponse(
            heartbeat=self.settings.heartbeat,
            max_msg_size=WS_MAX_MESSAGE,
            compress=False,  # the same small text to many clients: deflating it costs more
            writer_limit=WS_WRITE_LIMIT,
        )
        await ws.prepare(request)
        kind = Kind.VIEW if request.query.get("view") else Kind.API
        address = self._address(request)
        if len(self.clients) >= self.settings.max_clients:
            n = self.settings.max_clients
            log.warning("show server: refused a client at %s: %d clients already", address, n)
            with contextlib.suppress(Exception):
                async with asyncio.timeout(1.0):
                    await ws.send_json(
                        {"type": "error", "error": f"too many clients: at most {n}; try later"}
                    )
                    await ws.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"too many clients")
            return ws
        client = Client(
            ws,
            request,
            kind=kind,
            access=access,
            address=address,
            send_timeout=self.settings.send_timeout,
        )
        self.clients.add(client)
        self._count_clients()
        client.start()
        client.push_state(self._state_message())
        try:
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    await self._on_ws_message(client, request, msg.data)
                elif msg.type is WSMsgType.BINARY:
                    client.reply(_error_text("send JSON text, not binary"))
        finally:
            self.clients.discard(client)
            self._count_clients()
            await client.close(WSCloseCode.OK, "")
        return ws

    async def _on_ws_message(self, client: Client, request: web.Request, data: str) -> None:
        try:
            msg = self._parse_json(data)
        except _Refused as exc:
            client.reply(_error_text(str(exc)))
            return
        if not isinstance(msg, dict):
            client.reply(_error_text("send a JSON object with a 'type'"))
            return
        kind, ident = msg.get("type"), msg.get("id")
        if kind == "ping":
            client.reply(lambda: self._pong(ident))
        elif kind == "auth":
            await self._ws_auth(client, request, msg.get("token"), ident)
        elif kind == "action":
            client.reply(await self._ws_action(client, request, msg, ident))
        else:
            client.reply(_error_text("unknown message type; expected ping, auth or action"))

    def _pong(self, ident: Any) -> str:
        return json.dumps(
            {
                "type": "pong",
                "id": ident,
                "now": self.rt.now(),
                "rate": self.rt.clock.rate,
                "server_time": time.time(),
            }
        )

    async def _ws_auth(self, client: Client, request: web.Request, token: Any, ident: Any) -> None:
        access = self.tokens.access(token if isinstance(token, str) else None)
        if access is Access.CONTROL:
            client.access = Access.CONTROL
            client.reply(json.dumps({"type": "auth", "id": ident, "ok": True}))
            return
        log.warning(
            "show server: refused control over the WebSocket from %s: %s",
            client.address,
            "the view token is read-only" if access is Access.VIEW else "wrong token",
        )
        delay = self.throttle.failed(client.address) if access is Access.NONE else 0.0
        if delay is None:
            client.cut("too many failed attempts")
            return
        await asyncio.sleep(delay)
        client.reply(json.dumps({"type": "auth", "id": ident, "ok": False, "status": 401}))

    async def _ws_action(
        self, client: Client, request: web.Request, msg: dict[str, Any], ident: Any
    ) -> str:
        def result(status: int, error: str = "", **extra: Any) -> str:
            body = {"type": "result", "id": ident, "ok": status == 200, "status": status}
            if error:
                body["error"] = error
            return json.dumps({**body, **extra}, ensure_ascii=False)

        if client.access is not Access.CONTROL:
            log.warning(
                "show server: refused a WebSocket action from %s: no control token", client.address
            )
            return result(401, "actions need the control token: send {type: auth} first")
        name = msg.get("action")
        if not isinstance(name, str):
            return result(400, "'action' must be the action's name")
        try:
            command = parse_command(name, msg.get("args"))
            await self._execute(command, Origin.WS, self._client_name(request))
        except BadRequest as exc:
            return result(exc.status, str(exc))
        except _Refused as exc:
            return result(exc.status, str(exc), **exc.extra)
        return result(200, action=command.name)


def _error_text(message: str) -> str:
    return json.dumps({"type": "error", "error": message}, ensure_ascii=False)
