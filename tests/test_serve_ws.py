"""The show server's WebSocket over real sockets: state pushed to every client, time pings,
actions with the control token, and the clients that must never hurt the show: unauthorised,
from a foreign page, one too many, or one that never reads.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import pytest

from studio.clock import SimClock
from studio.serve import ServeSettings
from tests.serve_util import changes, default_agenda, message_of, served, state_of, until

pytestmark = pytest.mark.asyncio


def current_is(key: str, value: object) -> Callable[[dict[str, Any]], bool]:
    """A state whose current segment has `key` equal to `value`."""
    return lambda st: bool(st["current"]) and st["current"][key] == value


async def test_state_is_pushed_on_connect_and_after_every_action(tmp_path: Path) -> None:
    async with (
        served(tmp_path) as s,
        aiohttp.ClientSession() as http,
        http.ws_connect(s.url("api/v1/ws"), params={"token": s.tokens.view}) as ws,
    ):
        first = await state_of(ws, lambda st: True)
        assert first["status"] == "pre"
        async with http.post(s.url("api/v1/actions/start"), headers=s.control) as r:
            assert r.status == 200
        running = await state_of(ws, lambda st: st["status"] == "running")
        assert running["current"]["item"] == s.rt.agenda.items[0].id
        s.rt.act("next")  # a console key: the same push
        moved = await state_of(ws, lambda st: st["current"]["segment"] == 1)
        assert moved["current"]["speaker_id"] == s.rt.agenda.segment_ids(1)[1]
        await until(lambda: s.server.state.api_clients == 1, what="one API client counted")


async def test_a_ping_is_answered_with_the_show_clock(tmp_path: Path) -> None:
    async with (
        served(tmp_path) as s,
        aiohttp.ClientSession() as http,
        http.ws_connect(s.url("api/v1/ws"), params={"token": s.tokens.view, "view": "1"}) as ws,
    ):
        await ws.send_json({"type": "ping", "id": 7})
        pong = await message_of(ws, "pong")
        assert pong["id"] == 7
        assert pong["now"] == s.rt.now()  # a simulated clock: exactly the engine's
        assert pong["rate"] == 0
        await until(lambda: s.server.state.views == 1, what="one view counted")


async def test_actions_over_the_websocket_need_the_control_token(tmp_path: Path) -> None:
    async with served(tmp_path) as s, aiohttp.ClientSession() as http:
        async with http.ws_connect(s.url("api/v1/ws"), headers=s.view) as ws:
            before = changes(s.rt)
            await ws.send_json({"type": "action", "action": "start", "id": 1})
            result = await message_of(ws, "result")
            assert (result["id"], result["ok"], result["status"]) == (1, False, 401)
            await ws.send_json({"type": "auth", "token": "wrong", "id": 2})
            assert (await message_of(ws, "auth"))["ok"] is False
            await ws.send_str("{not json")
            assert "not valid JSON" in (await message_of(ws, "error"))["error"]
            assert changes(s.rt) == before
            await ws.send_json({"type": "auth", "token": s.tokens.control, "id": 4})
            assert (await message_of(ws, "auth"))["ok"] is True
            await ws.send_json({"type": "action", "action": "teleport", "id": 3})
            assert (await message_of(ws, "result"))["status"] == 400
            await ws.send_json({"type": "action", "action": "extend", "args": {"seconds": "x"}})
            assert "as a number" in (await message_of(ws, "result"))["error"]
            assert changes(s.rt) == before
            await ws.send_json({"type": "action", "action": "start", "id": 5})
            assert (await message_of(ws, "result"))["ok"] is True
            await ws.send_json({"type": "action", "action": "extend", "args": {"seconds": 30}})
            assert (await message_of(ws, "result"))["ok"] is True
            await ws.send_json({"type": "action", "action": "back", "id": 6})
            refused = await message_of(ws, "result")
            assert (refused["status"], refused["key"]) == (409, "show.first_item")
        actions = [e for e in s.rt.journal.entries if e.kind == "action"]
        assert [(e.name, e.args["origin"]) for e in actions] == [("start", "ws"), ("extend", "ws")]
        assert all(e.args["client"] == "127.0.0.1" for e in actions)


async def test_no_token_or_a_foreign_origin_gets_no_websocket(tmp_path: Path) -> None:
    async with served(tmp_path) as s, aiohttp.ClientSession() as http:
        before = changes(s.rt)
        cases = [
            ({}, {}, 401),
            ({"token": "wrong"}, {}, 401),
            ({"token": s.tokens.control}, {}, 401),  # the control token never rides in a URL
            ({"token": s.tokens.view}, {"Origin": "https://evil.example"}, 403),
        ]
        for params, headers, status in cases:
            with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
                await http.ws_connect(s.url("api/v1/ws"), params=params, headers=headers)
            assert caught.value.status == status
        host = urlsplit(s.base).netloc
        async with http.ws_connect(  # its own page, directly or through a proxy, may
            s.url("api/v1/ws"),
            params={"token": s.tokens.view},
            headers={"Origin": f"http://{host}"},
        ) as ws:
            await state_of(ws, lambda st: True)
        async with http.ws_connect(
            s.url("api/v1/ws"),
            params={"token": s.tokens.view},
            headers={"Origin": "https://show.example", "X-Forwarded-Host": "show.example"},
        ) as ws:
            await state_of(ws, lambda st: True)
        assert changes(s.rt) == before
        assert s.server.state.clients == 0 or await _none_left(s)


async def _none_left(s: object) -> bool:
    await until(lambda: s.server.state.clients == 0, what="no clients")  # type: ignore[attr-defined]
    return True


async def test_one_client_too_many_is_told_so(tmp_path: Path) -> None:
    async with (
        served(tmp_path, settings=ServeSettings(max_clients=2)) as s,
        aiohttp.ClientSession() as http,
    ):
        params = {"token": s.tokens.view}
        a = await http.ws_connect(s.url("api/v1/ws"), params=params)
        b = await http.ws_connect(s.url("api/v1/ws"), params=params)
        await until(lambda: s.server.state.clients == 2, what="two clients")
        c = await http.ws_connect(s.url("api/v1/ws"), params=params)
        told = await c.receive_json()
        assert told["type"] == "error" and "too many clients: at most 2" in told["error"]
        closing = await c.receive()
        assert closing.type is aiohttp.WSMsgType.CLOSE
        assert closing.data == aiohttp.WSCloseCode.TRY_AGAIN_LATER
        assert s.server.state.clients == 2
        await a.close()
        await until(lambda: s.server.state.clients == 1, what="a place free again")
        d = await http.ws_connect(s.url("api/v1/ws"), params=params)
        await state_of(d, lambda st: True)
        for ws in (b, c, d):
            await ws.close()


async def _silent_client(
    base: str, token: str
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A WebSocket client that completes the handshake and then never reads a byte."""
    u = urlsplit(base)
    reader, writer = await asyncio.open_connection(u.hostname, u.port, limit=1024)
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    key = base64.b64encode(os.urandom(16)).decode()
    writer.write(
        (
            f"GET /api/v1/ws?token={token} HTTP/1.1\r\nHost: {u.netloc}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 101"), head
    return reader, writer  # from here on nothing is read


async def test_a_client_that_never_reads_never_delays_the_show_or_the_others(
    tmp_path: Path,
) -> None:
    settings = ServeSettings(send_timeout=1.0)
    async with served(tmp_path, settings=settings) as s, aiohttp.ClientSession() as http:
        _reader, writer = await _silent_client(s.base, s.tokens.view)
        await until(lambda: s.server.state.clients == 1, what="the silent client counted")
        silent = next(iter(s.server.clients))
        async with http.ws_connect(s.url("api/v1/ws"), params={"token": s.tokens.view}) as good:
            s.rt.act("start")
            # Many states, each pushed while the silent client holds on to older ones: every act
            # returns at once, the silent client never holds more than one waiting state, and
            # the good client sees the last one.
            for i in range(400):
                s.rt.act("extend", seconds=1 if i % 2 == 0 else -1)
                s.rt.act("extend", seconds=0.5)
                assert silent.pending <= 1 + 32
                await asyncio.sleep(0)
            want = s.rt.view().status.allotted
            await state_of(
                good, lambda st: bool(st["current"]) and st["current"]["allotted"] == want
            )
            assert silent.pending <= 1
            await until(lambda: silent.cut_off or silent.skipped > 0, what="states skipped")
            # And once it has taken nothing for send_timeout, it is cut off; the good one stays.
            big = "м" * 400
            for _ in range(100):
                s.rt.remember_message(big)
                s.server._schedule_push()
                await asyncio.sleep(0.01)
                if silent.cut_off:
                    break
            await until(lambda: silent.cut_off, timeout=20, what="the silent client cut off")
            await until(lambda: s.server.state.clients == 1, what="only the good client left")
            s.rt.act("next")
            await state_of(good, current_is("segment", 1))
        writer.close()


async def test_stopping_the_server_closes_clients_and_the_show_goes_on(tmp_path: Path) -> None:
    async with served(tmp_path) as s, aiohttp.ClientSession() as http:
        ws = await http.ws_connect(s.url("api/v1/ws"), params={"token": s.tokens.view})
        await state_of(ws, lambda st: True)
        await s.server.stop()
        closing = await ws.receive()
        assert closing.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        assert not s.server.state.running and s.server.state.clients == 0
        s.rt.act("start")
        assert s.rt.view().running
        with pytest.raises(aiohttp.ClientConnectionError):
            async with http.get(s.url("api/v1/state"), headers=s.view):
                pass
        await ws.close()


async def test_states_are_sent_when_the_show_changed_not_when_only_the_clock_moved(
    tmp_path: Path,
) -> None:
    agenda = default_agenda()
    clock = SimClock(agenda.planned_start - 60)
    settings = ServeSettings(tick=0.05, refresh=1.0)
    async with (
        served(tmp_path, agenda=agenda, clock=clock, settings=settings) as s,
        aiohttp.ClientSession() as http,
        http.ws_connect(s.url("api/v1/ws"), params={"token": s.tokens.view}) as ws,
    ):
        await state_of(ws, lambda st: True)
        s.rt.act("start")
        await s.rt.idle()  # the cue's scene on air: the link's news sent too
        started = await state_of(ws, lambda st: st["link"]["program"] == "Студія")
        await asyncio.sleep(0.2)

        async def states_within(seconds: float) -> list[dict[str, Any]]:
            got = []
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(seconds):
                    while True:
                        got.append(await state_of(ws, lambda st: True))
            return got

        await states_within(0.1)
        # The countdown runs (and runs over: the views extrapolate that too): nothing is sent...
        clock.advance(started["current"]["remaining"] + 30)
        assert await states_within(0.4) == []
        # ... until the refresh, which sets every figure right.
        refreshed = await states_within(1.1)
        assert refreshed and refreshed[0]["current"]["remaining"] == pytest.approx(-30)
        # An action is sent at once.
        s.rt.act("next")
        assert (await state_of(ws, current_is("segment", 1), timeout=0.5))["status"] == "running"
