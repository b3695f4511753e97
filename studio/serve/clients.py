"""One WebSocket client of the show server: its own sender task and a one-state mailbox.

A broadcast only drops the newest state into each client's mailbox (replacing one not yet
sent) and wakes its sender, so the show and the other clients never wait for anyone: a slow
client simply skips states it could not take, and one that takes nothing for `send_timeout`
seconds is cut off. Replies to the client's own requests (time pings, action results) queue in
a small bounded list; a client that floods requests without reading the answers is cut off too.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable
from enum import StrEnum

from aiohttp import web

from studio.serve.tokens import Access

log = logging.getLogger("studio.serve")

MAX_REPLIES = 32

Reply = str | Callable[[], str]  # a callable is written when sent (time pings stamp then)


class Kind(StrEnum):
    VIEW = "view"  # one of the shipped views
    API = "api"  # Companion, a script, anything else


class Client:
    """A connected WebSocket and what is waiting to be sent to it."""

    def __init__(
        self,
        ws: web.WebSocketResponse,
        request: web.Request,
        *,
        kind: Kind,
        access: Access,
        address: str,
        send_timeout: float,
    ) -> None:
        self.ws = ws
        self.kind = kind
        self.access = access
        self.address = address
        self.send_timeout = send_timeout
        self._transport = request.transport
        self._state: str | None = None
        self._replies: deque[Reply] = deque()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.sent = 0
        self.skipped = 0
        """States replaced in the mailbox before they could be sent."""
        self.cut_off = False

    @property
    def pending(self) -> int:
        """Messages waiting for this client (at most one of them a state)."""
        return len(self._replies) + (self._state is not None)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(
            self._run(), name=f"serve-client-{self.address}"
        )

    def push_state(self, text: str) -> None:
        if self._state is not None:
            self.skipped += 1
        self._state = text
        self._wake.set()

    def reply(self, message: Reply) -> bool:
        """Queue an answer; False (and the client is cut off) when too many are waiting."""
        if len(self._replies) >= MAX_REPLIES:
            self.cut(f"{MAX_REPLIES} answers waiting unread")
            return False
        self._replies.append(message)
        self._wake.set()
        return True

    async def _run(self) -> None:
        try:
            while True:
                await self._wake.wait()
                self._wake.clear()
                while self._replies or self._state is not None:
                    text: str
                    if self._replies:
                        item = self._replies.popleft()
                        text = item() if callable(item) else item
                    else:
                        text, self._state = self._state or "", None
                    async with asyncio.timeout(self.send_timeout):
                        await self.ws.send_str(text)
                    self.sent += 1
        except TimeoutError:
            self.cut(f"it took no message for {self.send_timeout:g} s")
        except (ConnectionError, RuntimeError) as exc:  # closed under us
            log.debug("client at %s gone: %s", self.address, exc)

    def cut(self, why: str) -> None:
        """Drop the connection at once, without a closing handshake (which a client that does
        not read would stall too)."""
        if self.cut_off:
            return
        self.cut_off = True
        log.warning("show server: cut off a %s client at %s: %s", self.kind, self.address, why)
        if self._transport is not None:
            self._transport.abort()

    async def close(self, code: int, message: str) -> None:
        """Close politely, but never wait long for it."""
        if self._task is not None and self._task is not asyncio.current_task():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self.ws.closed or self.cut_off:
            return
        try:
            async with asyncio.timeout(1.0):
                await self.ws.close(code=code, message=message.encode()[:120])
        except (TimeoutError, ConnectionError, RuntimeError):
            self.cut("it did not close in time")
