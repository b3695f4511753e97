"""The on-air guard: the one gate every OBS request passes through.

In rehearsal, anything that could start the stream is refused before a byte reaches OBS. In dry-run
only a simulated transport is accepted at all, so nothing leaves the process.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from studio.modes import Mode
from studio.obs.base import (
    BatchRequest,
    EventHandler,
    LostHandler,
    ObsRefused,
    ObsRequestFailed,
    Transport,
)

log = logging.getLogger("studio.obs.guard")

# Everything that can put the programme on air; StartOutput could name the stream output too.
STREAM_STARTERS = frozenset({"StartStream", "ToggleStream", "StartOutput", "ToggleOutput"})


class Guard:
    """Wraps a transport and refuses what the mode forbids."""

    def __init__(self, inner: Transport, mode: Mode) -> None:
        if mode is Mode.DRY_RUN and not inner.simulated:
            raise ObsRefused(
                "Dry-run talks only to simulated OBS; nothing leaves this machine.",
                key="guard.dry_run_real_obs",
            )
        self.inner = inner
        self.mode = mode
        self.refused: list[str] = []

    @property
    def simulated(self) -> bool:
        return self.inner.simulated

    @property
    def describe(self) -> str:
        return self.inner.describe

    @property
    def connected(self) -> bool:
        return self.inner.connected

    def set_handlers(self, on_event: EventHandler, on_lost: LostHandler) -> None:
        self.inner.set_handlers(on_event, on_lost)

    async def connect(self) -> None:
        await self.inner.connect()

    async def close(self) -> None:
        await self.inner.close()

    def _check(self, request_type: str) -> None:
        if self.mode is Mode.REHEARSAL and request_type in STREAM_STARTERS:
            self.refused.append(request_type)
            log.warning("guard refused %s in rehearsal", request_type)
            raise ObsRefused(
                "Rehearsal mode: the stream cannot be started. Nothing was sent to OBS.",
                key="guard.rehearsal_stream",
            )
        if request_type == "RequestBatch":
            # A batch goes through request_batch, where each of its requests is checked.
            raise ObsRefused(
                "Batched requests are not allowed through the guard.", key="guard.no_batch"
            )

    async def request(
        self, request_type: str, data: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        self._check(request_type)
        return await self.inner.request(request_type, data)

    async def request_batch(
        self, requests: Sequence[BatchRequest]
    ) -> list[dict[str, Any] | ObsRequestFailed]:
        # All or nothing: a batch with one forbidden request sends none of them.
        for request_type, _data in requests:
            self._check(request_type)
        return await self.inner.request_batch(requests)
