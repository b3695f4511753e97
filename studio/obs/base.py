"""What every OBS transport offers, the errors an operator can read, and OBS data shapes.

A transport speaks obs-websocket requests and events (live over obsws-python, or simulated in
process). Everything above it (guard, client, link) is shared, so both pass the same contract.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

EventHandler = Callable[[str, dict[str, Any]], None]
LostHandler = Callable[[str], None]

# obs-websocket v5 request status codes the link explains to the operator.
RESOURCE_NOT_FOUND = 600
RESOURCE_ALREADY_EXISTS = 601
OUTPUT_RUNNING = 500
OUTPUT_NOT_RUNNING = 501
STUDIO_MODE_NOT_ACTIVE = 506


class ObsError(Exception):
    """A failure explained in one sentence the operator can act on."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message


class ObsUnavailable(ObsError):
    """OBS cannot be reached, or the connection was lost."""


class ObsRequestFailed(ObsError):
    """OBS answered a request with a failure status."""


class ObsRefused(ObsError):
    """The guard refused a request before it reached OBS."""


class Transport(Protocol):
    """One obs-websocket session: requests in, events out."""

    simulated: bool
    describe: str

    async def connect(self) -> None: ...

    async def close(self) -> None: ...

    async def request(
        self, request_type: str, data: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Send a request; return responseData. Raises ObsError subclasses only."""
        ...

    @property
    def connected(self) -> bool: ...

    def set_handlers(self, on_event: EventHandler, on_lost: LostHandler) -> None: ...


@dataclass(frozen=True)
class Versions:
    obs: str
    websocket: str
    rpc: int
    platform: str = ""


@dataclass(frozen=True)
class OutputStatus:
    """Stream or record output, as obs-websocket reports it."""

    active: bool = False
    state: str = "stopped"  # starting, started, stopping, stopped, reconnecting
    duration_ms: int = 0
    congestion: float = 0.0
    bytes: int = 0
    skipped_frames: int = 0
    total_frames: int = 0
    timecode: str = ""


@dataclass(frozen=True)
class Health:
    """OBS health figures for the technician; bitrate comes from byte deltas."""

    active_fps: float = 0.0
    cpu: float = 0.0
    render_skipped_pct: float = 0.0
    output_skipped_pct: float = 0.0
    congestion: float = 0.0
    bitrate_kbps: float = 0.0
    stream_duration_s: float = 0.0
    memory_mb: float = 0.0


@dataclass
class Desired:
    """What the current cue wants on air, in OBS names."""

    cue_seq: int = -1
    scene: str | None = None
    texts: dict[str, str] = field(default_factory=dict)


def explain_status(request_type: str, code: int, comment: str | None, data: dict[str, Any]) -> str:
    """One sentence for a failed request."""
    if code == RESOURCE_NOT_FOUND:
        name = data.get("sceneName") or data.get("inputName") or ""
        what = "scene" if "sceneName" in data else "input" if "inputName" in data else "resource"
        return f"OBS has no {what} named «{name}» ({request_type})."
    if code == RESOURCE_ALREADY_EXISTS:
        return f"OBS already has «{data.get('sceneName') or data.get('inputName')}»."
    if code == OUTPUT_RUNNING:
        return "That output is already running."
    if code == OUTPUT_NOT_RUNNING:
        return "That output is not running."
    if code == STUDIO_MODE_NOT_ACTIVE:
        return "Studio mode is off in OBS."
    return f"OBS refused {request_type} (code {code}{': ' + comment if comment else ''})."
