"""The WebSocket `/api/v1/ws`: the state pushed to every client, time pings for the views'
clocks, and actions from a client that sent the control token (`{"type": "auth"}`).

Each client has its own sender and a one-state mailbox (clients.py), so the show and the other
clients never wait for a slow one; the origin of a browser's socket is checked, and at most
`max_clients` are served (the next one is told so and closed).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from typing import TYPE_CHECKING, Any

from aiohttp import WSCloseCode, WSMsgType, web

from studio.actions import Origin
from studio.serve import gate
from studio.serve.clients import Client, Kind
from studio.serve.commands import BadRequest, parse_command
from studio.serve.respond import Refused, error_text, parse_json
from studio.serve.tokens import Access

if TYPE_CHECKING:
    from studio.serve.server import ShowServer

log = logging.getLogger("studio.serve")

WS_MAX_MESSAGE = 4096
WS_WRITE_LIMIT = 64 * 1024  # bytes buffered for one client before its send waits


class WebSocketDoor:
    """Serves `/api/v1/ws` for one show server."""

    def __init__(self, server: ShowServer) -> None:
        self.server = server

    async def handle(self, request: web.Request) -> web.StreamResponse:
        srv = self.server
        if not gate.origin_allowed(request, srv.settings.allowed_origins):
            log.warning(
                "show server: refused a WebSocket from %s: origin %s not allowed",
                gate.address(request),
                request.headers.get("Origin", "")[:100],
            )
            raise Refused(403, "this page's origin may not open the show's WebSocket")
        access = await gate.authorize(request, srv.tokens, srv.throttle, Access.VIEW, query=True)
        ws = web.WebSocketResponse(
            heartbeat=srv.settings.heartbeat,
            max_msg_size=WS_MAX_MESSAGE,
            compress=False,  # the same small text to many clients: deflating it costs more
            writer_limit=WS_WRITE_LIMIT,
        )
        await ws.prepare(request)
        address = gate.address(request)
        if len(srv.clients) >= srv.settings.max_clients:
            await self._too_many(ws, address)
            return ws
        client = Client(
            ws,
            request,
            kind=Kind.VIEW if request.query.get("view") else Kind.API,
            access=access,
            address=address,
            send_timeout=srv.settings.send_timeout,
        )
        srv.clients.add(client)
        srv.count_clients()
        client.start()
        client.push_state(srv.state_message())
        try:
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    await self._on_message(client, request, msg.data)
                elif msg.type is WSMsgType.BINARY:
                    client.reply(error_text("send JSON text, not binary"))
        finally:
            srv.clients.discard(client)
            srv.count_clients()
            await client.close(WSCloseCode.OK, "")
        return ws

    async def _too_many(self, ws: web.WebSocketResponse, address: str) -> None:
        n = self.server.settings.max_clients
        log.warning("show server: refused a client at %s: %d clients already", address, n)
        with contextlib.suppress(Exception):
            async with asyncio.timeout(1.0):
                await ws.send_json(
                    {"type": "error", "error": f"too many clients: at most {n}; try later"}
                )
                await ws.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"too many clients")

    async def _on_message(self, client: Client, request: web.Request, data: str) -> None:
        try:
            msg = parse_json(data)
        except Refused as exc:
            client.reply(error_text(str(exc)))
            return
        if not isinstance(msg, dict):
            client.reply(error_text("send a JSON object with a 'type'"))
            return
        kind, ident = msg.get("type"), msg.get("id")
        if kind == "ping":
            client.reply(lambda: self._pong(ident))
        elif kind == "auth":
            await self._auth(client, msg.get("token"), ident)
        elif kind == "action":
            client.reply(await self._action(client, request, msg, ident))
        else:
            client.reply(error_text("unknown message type; expected ping, auth or action"))

    def _pong(self, ident: Any) -> str:
        rt = self.server.rt
        return json.dumps(
            {
                "type": "pong",
                "id": ident,
                "now": rt.now(),
                "rate": rt.clock.rate,
                "server_time": time.time(),
            }
        )

    async def _auth(self, client: Client, token: Any, ident: Any) -> None:
        access = self.server.tokens.access(token if isinstance(token, str) else None)
        if access is Access.CONTROL:
            client.access = Access.CONTROL
            client.reply(json.dumps({"type": "auth", "id": ident, "ok": True}))
            return
        log.warning(
            "show server: refused control over the WebSocket from %s: %s",
            client.address,
            "the view token is read-only" if access is Access.VIEW else "wrong token",
        )
        delay = self.server.throttle.failed(client.address) if access is Access.NONE else 0.0
        if delay is None:
            client.cut("too many failed attempts")
            return
        await asyncio.sleep(delay)
        client.reply(json.dumps({"type": "auth", "id": ident, "ok": False, "status": 401}))

    async def _action(
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
            await self.server.execute(command, Origin.WS, gate.client_name(request))
        except BadRequest as exc:
            return result(exc.status, str(exc))
        except Refused as exc:
            return result(exc.status, str(exc), **exc.extra)
        return result(200, action=command.name)
