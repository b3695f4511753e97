"""Slow clients over real sockets: headers trickled in, a body that never ends, a connection
that sends nothing. Each is closed (or answered 408) after `request_timeout`, while the show's
other clients, and a WebSocket that stays open for longer than that, are served as usual.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import pytest

from studio.serve import ServeSettings
from tests.serve_util import Served, changes, served, state_of

pytestmark = pytest.mark.asyncio

QUICK = ServeSettings(request_timeout=1.0)


async def raw(s: Served) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    url = urlsplit(s.base)
    return await asyncio.open_connection(url.hostname, url.port)


async def closed_after(reader: asyncio.StreamReader, trickle: asyncio.Task[None]) -> float:
    """Seconds until the server closes the connection (reading whatever it answers)."""
    t0 = time.monotonic()
    try:
        async with asyncio.timeout(10):
            while await reader.read(4096):
                pass
    finally:
        trickle.cancel()
    return time.monotonic() - t0


async def test_headers_trickled_in_are_cut_off_and_others_are_served(tmp_path: Path) -> None:
    async with served(tmp_path, settings=QUICK) as s, aiohttp.ClientSession() as http:
        reader, writer = await raw(s)
        writer.write(b"GET /api/v1/state HTTP/1.1\r\nHost: x\r\n")

        async def trickle() -> None:
            while True:  # one more header line every 0.2 s: never a whole request
                await asyncio.sleep(0.2)
                writer.write(b"X-Slow: 1\r\n")

        task = asyncio.get_running_loop().create_task(trickle())
        # Meanwhile the server answers everyone else at once.
        async with http.get(s.url("api/v1/state"), headers=s.view) as r:
            assert r.status == 200
        assert 0.5 < await closed_after(reader, task) < 3.0
        writer.close()


async def test_a_connection_that_sends_nothing_is_closed(tmp_path: Path) -> None:
    async with served(tmp_path, settings=QUICK) as s:
        reader, writer = await raw(s)
        idle = asyncio.get_running_loop().create_task(asyncio.sleep(3600))
        assert await closed_after(reader, idle) < 3.0
        writer.close()


async def test_a_body_that_never_ends_gets_408_and_changes_nothing(tmp_path: Path) -> None:
    async with served(tmp_path, settings=QUICK) as s:
        before = changes(s.rt)
        reader, writer = await raw(s)
        writer.write(
            b"POST /api/v1/actions/extend HTTP/1.1\r\nHost: x\r\n"
            b"Authorization: Bearer " + s.tokens.control.encode() + b"\r\n"
            b'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"seconds"'
        )
        async with asyncio.timeout(5):
            status = await reader.readline()
        assert status.startswith(b"HTTP/1.1 408"), status
        writer.close()
        assert changes(s.rt) == before


async def test_a_websocket_outlives_the_request_timeout(tmp_path: Path) -> None:
    async with (
        served(tmp_path, settings=QUICK) as s,
        aiohttp.ClientSession() as http,
        http.ws_connect(s.url("api/v1/ws"), params={"token": s.tokens.view}) as ws,
    ):
        await state_of(ws, lambda st: True)
        await asyncio.sleep(2.5)
        s.rt.act("start")
        assert (await state_of(ws, lambda st: st["status"] == "running"))["current"]
