"""The on-air guard: the one gate every OBS request passes through.

It lets through only what is known to be safe: the requests the console itself sends (ObsClient),
each judged on its own, and the stream start only where the mode allows it. Everything else is
refused before a byte reaches OBS, in every mode, alone or inside a batch: a hotkey
(`TriggerHotkeyByName` "OBSBasic.StartStreaming" starts the stream), a vendor request,
`StartOutput` naming the stream output, and any request type obs-websocket adds tomorrow, until
someone decides about it. A list of what is forbidden always misses something; this list can only
be too short, and then the console says which request it refused.

In dry-run only a simulated transport is accepted at all, so nothing leaves the process.
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

# What the console reads: versions, scenes, inputs and their text, canvas size, output status and
# stats. Named one by one rather than "Get*": GetStreamServiceSettings hands out the stream key,
# and a read obs-websocket adds later is judged before it is let through.
READS = frozenset(
    {
        "GetVersion",
        "GetStats",
        "GetSceneList",
        "GetCurrentProgramScene",
        "GetCurrentPreviewScene",
        "GetStudioModeEnabled",
        "GetInputList",
        "GetInputSettings",
        "GetVideoSettings",
        "GetStreamStatus",
        "GetRecordStatus",
    }
)
# What the console changes: the scene on program (directly, or preview then take in studio mode),
# the text of its text inputs, and, when provisioning, the scenes and text inputs the agenda needs
# and where they sit. None of them touches an output.
SCENES_AND_TEXTS = frozenset(
    {
        "SetCurrentProgramScene",
        "SetCurrentPreviewScene",
        "SetStudioModeEnabled",
        "TriggerStudioModeTransition",
        "SetInputSettings",
        "CreateScene",
        "CreateInput",
        "CreateSceneItem",
        "SetSceneItemTransform",
    }
)
# Outputs allowed in every mode: recording (allowed in rehearsal, DESIGN), and stopping the stream,
# which never puts anything on air. Not StartOutput/ToggleOutput/StopOutput: they take any output's
# name, the stream's included; not ToggleStream/ToggleRecord: what they do depends on a state the
# console may not have seen yet.
OUTPUTS = frozenset({"StartRecord", "StopRecord", "StopStream"})

ALLOWED = READS | SCENES_AND_TEXTS | OUTPUTS
"""Requests let through in every mode."""

STREAM_START = "StartStream"
# Live: the console asks for confirmation first. Dry-run: OBS is simulated (checked when the guard
# is built). Rehearsal: never.
STREAM_START_MODES = frozenset({Mode.LIVE, Mode.DRY_RUN})


def allows(request_type: str, mode: Mode) -> bool:
    """Whether the guard lets `request_type` through in `mode`."""
    return request_type in ALLOWED or (request_type == STREAM_START and mode in STREAM_START_MODES)


class Guard:
    """Wraps a transport and lets through only what the mode allows."""

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
        if request_type == "RequestBatch":
            # A batch goes through request_batch, where each of its requests is checked.
            raise ObsRefused(
                "Batched requests are not allowed through the guard.", key="guard.no_batch"
            )
        if allows(request_type, self.mode):
            return
        self.refused.append(request_type)
        log.warning("guard refused %s in %s mode", request_type, self.mode.value)
        if request_type == STREAM_START:
            raise ObsRefused(
                "Rehearsal mode: the stream cannot be started. Nothing was sent to OBS.",
                key="guard.rehearsal_stream",
                params={"request": request_type},
            )
        raise ObsRefused(
            f"The on-air guard does not let {request_type} through: it is not on the list of "
            "requests known to be safe. Nothing was sent to OBS.",
            key="guard.not_allowed",
            params={"request": request_type},
        )

    async def request(
        self, request_type: str, data: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        self._check(request_type)
        return await self.inner.request(request_type, data)

    async def request_batch(
        self, requests: Sequence[BatchRequest]
    ) -> list[dict[str, Any] | ObsRequestFailed]:
        # All or nothing: a batch with one refused request sends none of them.
        for request_type, _data in requests:
            self._check(request_type)
        return await self.inner.request_batch(requests)
