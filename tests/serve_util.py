"""Shared set-up for the show server's tests: a dry-run runtime with the simulated OBS, a real
server on 127.0.0.1 (port 0, tokens in tmp_path), aiohttp's client, and what the journal holds.

`changes(rt)` is everything a request could have changed (the actions with their records, the
moderator's messages, the manual scene facts): a refused request must leave it equal.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import aiohttp

from studio.agenda import Agenda, load_agenda
from studio.clock import Clock, SimClock
from studio.modes import Mode
from studio.runtime import Runtime, RuntimeOptions
from studio.serve import ServeSettings, Tokens
from studio.serve.server import ShowServer

AGENDA = Path(__file__).resolve().parents[1] / "config" / "agenda.yaml"


def default_agenda() -> Agenda:
    return load_agenda(AGENDA)


@dataclass
class Served:
    rt: Runtime
    server: ShowServer
    tokens: Tokens
    base: str  # http://127.0.0.1:PORT/

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    @property
    def control(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens.control}"}

    @property
    def view(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens.view}"}


@asynccontextmanager
async def served(
    tmp_path: Path,
    *,
    agenda: Agenda | None = None,
    clock: Clock | None = None,
    settings: ServeSettings | None = None,
) -> AsyncIterator[Served]:
    """A started runtime (dry-run, simulated OBS online) and a started server for it."""
    agenda = agenda or default_agenda()
    rt = Runtime.create(
        agenda,
        RuntimeOptions(mode=Mode.DRY_RUN, journal=tmp_path / "journal.jsonl"),
        clock=clock or SimClock(agenda.planned_start - 60),
    )
    await rt.start()
    base = settings or ServeSettings()
    settings = replace(base, port=0, token_file=tmp_path / "tokens.json")
    server = ShowServer(rt, settings)
    try:
        await until(lambda: rt.link.online, what="the simulated OBS online")
        state = await server.start()
        assert state.running, state.error
        yield Served(rt, server, server.tokens, state.url or "")
    finally:
        await server.stop()
        await rt.stop()


async def until(
    predicate: Callable[[], Any], timeout: float = 10.0, what: str = "", show: Any = None
) -> None:
    """Let the loop run until `predicate()` holds (the very state asserted next)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            seen = f"; it is {show()!r}" if show is not None else ""
            raise AssertionError(f"timed out waiting for {what or predicate}{seen}")
        await asyncio.sleep(0.005)


def changes(rt: Runtime) -> list[tuple[str, str, str]]:
    """What a control request can change, from the journal: actions, messages, manual scenes."""
    out = []
    for e in rt.journal.entries:
        if e.kind == "action" or e.name in ("message", "manual_override", "manual_released"):
            out.append((e.kind, e.name, json.dumps(e.args, sort_keys=True)))
    return out


async def state_of(
    ws: aiohttp.ClientWebSocketResponse,
    predicate: Callable[[dict[str, Any]], bool],
    timeout: float = 10.0,
) -> dict[str, Any]:
    """Read the WebSocket until a state message for which `predicate` holds; return its state."""
    async with asyncio.timeout(timeout):
        while True:
            msg = await ws.receive()
            if msg.type is not aiohttp.WSMsgType.TEXT:
                raise AssertionError(f"the socket ended: {msg.type} {msg.data!r} {msg.extra!r}")
            data = json.loads(msg.data)
            if data.get("type") == "state" and predicate(data["state"]):
                return dict(data["state"])


async def message_of(
    ws: aiohttp.ClientWebSocketResponse, kind: str, timeout: float = 10.0
) -> dict[str, Any]:
    """Read the WebSocket until a message of `kind` (skipping states)."""
    async with asyncio.timeout(timeout):
        while True:
            msg = await ws.receive()
            if msg.type is not aiohttp.WSMsgType.TEXT:
                raise AssertionError(f"the socket ended: {msg.type} {msg.data!r} {msg.extra!r}")
            data = json.loads(msg.data)
            if data.get("type") == kind:
                return dict(data)
