"""What every OBS transport offers, the errors an operator can read, and OBS data shapes.

A transport speaks obs-websocket requests and events (live over obsws-python, or simulated in
process). Everything above it (guard, client, link) is shared, so both pass the same contract.

Every sentence meant for the operator comes in two forms: the English text (logs, CLI, journal)
and a stable key with its arguments (`obs.refused` {where}, ...), so the console can say it in its
own language without the engine knowing about Qt. `LinkMessage` carries both; `ObsError` has
`.message` plus `.key` and `.params`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, Self

EventHandler = Callable[[str, dict[str, Any]], None]
LostHandler = Callable[[str], None]
# One request of a batch, as (requestType, requestData).
BatchRequest = tuple[str, dict[str, Any]]

# obs-websocket v5 request status codes the link explains to the operator.
RESOURCE_NOT_FOUND = 600
RESOURCE_ALREADY_EXISTS = 601
OUTPUT_RUNNING = 500
OUTPUT_NOT_RUNNING = 501
STUDIO_MODE_NOT_ACTIVE = 506

# Why a transport reports its session lost (the LostHandler's argument); the link says "OBS {why}".
LOST_CLOSED = "connection closed"
LOST_CONNECTION = "connection lost"
LOST_TIMEOUT = "did not answer in time"
LOST_EXITING = "is shutting down"
LOST_KEYS = {
    LOST_CLOSED: "obs.lost_closed",
    LOST_CONNECTION: "obs.lost_connection",
    LOST_TIMEOUT: "obs.lost_timeout",
    LOST_EXITING: "obs.lost_exiting",
}


@dataclass(frozen=True)
class LinkMessage:
    """One sentence for the operator: `text` in English, `key` and `args` to translate it.

    An argument may itself be a LinkMessage (e.g. the reason in "Lost OBS: {why}"). An empty key
    means "no translation known": show `text`.
    """

    key: str
    args: Mapping[str, Any] = field(default_factory=dict)
    text: str = ""

    def __str__(self) -> str:
        return self.text


class ObsError(Exception):
    """A failure explained in one sentence the operator can act on.

    `message` is the English sentence; `key` and `params` name it for translation (`params`, not
    `args`: `Exception.args` is the constructor's argument tuple).
    """

    def __init__(
        self,
        message: str,
        code: int | None = None,
        *,
        key: str = "",
        params: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.key = key
        self.params: dict[str, Any] = dict(params or {})

    def __str__(self) -> str:
        return self.message

    @classmethod
    def from_message(cls, m: LinkMessage, code: int | None = None) -> Self:
        return cls(m.text, code, key=m.key, params=m.args)

    def as_message(self) -> LinkMessage:
        return LinkMessage(self.key, self.params, self.message)


class ObsUnavailable(ObsError):
    """OBS cannot be reached, or the connection was lost."""


class ObsRequestFailed(ObsError):
    """OBS answered a request with a failure status."""


class ObsRefused(ObsError):
    """The guard refused a request before it reached OBS."""


def lost_message(why: str) -> LinkMessage:
    """The link's sentence for a lost session ("OBS connection closed"), from a LostHandler's
    `why`."""
    return LinkMessage(LOST_KEYS.get(why, "obs.lost"), {"why": why}, f"OBS {why}")


class Transport(Protocol):
    """One obs-websocket session: requests in, events out."""

    # Read-only properties, not plain attributes: the link and the client only read them, and a
    # wrapper (the guard) answers them from the transport it wraps.
    @property
    def simulated(self) -> bool: ...

    @property
    def describe(self) -> str:
        """Where the session goes, for the log ("127.0.0.1:4455"); never the password."""
        ...

    async def connect(self) -> None: ...

    async def close(self) -> None: ...

    async def request(
        self, request_type: str, data: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Send a request; return responseData. Raises ObsError subclasses only."""
        ...

    async def request_batch(
        self, requests: Sequence[BatchRequest]
    ) -> list[dict[str, Any] | ObsRequestFailed]:
        """Send requests as one obs-websocket RequestBatch, run in order (SerialRealtime) and
        not halted by a failure; one round trip instead of one per request. Returns, per
        request, its responseData or the failure. Raises ObsUnavailable if the session fails."""
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
    """OBS health figures for the technician. Skipped frames are the share of the last few
    seconds (not since OBS started); bitrate comes from byte deltas, None until two samples of
    one running stream have been seen."""

    active_fps: float = 0.0
    cpu: float = 0.0
    render_skipped_pct: float = 0.0
    output_skipped_pct: float = 0.0
    congestion: float = 0.0
    bitrate_kbps: float | None = None
    stream_duration_s: float = 0.0
    memory_mb: float = 0.0


@dataclass
class Desired:
    """What the current cue wants on air, in OBS names."""

    cue_seq: int = -1
    scene: str | None = None
    texts: dict[str, str] = field(default_factory=dict)


def status_message(
    request_type: str, code: int, comment: str | None, data: dict[str, Any]
) -> LinkMessage:
    """One sentence for a failed request, with its translation key."""
    if code == RESOURCE_NOT_FOUND:
        name = data.get("sceneName") or data.get("inputName") or ""
        what = "scene" if "sceneName" in data else "input" if "inputName" in data else "resource"
        key = {"scene": "obs.no_scene", "input": "obs.no_input"}.get(what, "obs.no_resource")
        return LinkMessage(
            key,
            {"name": name, "request": request_type},
            f"OBS has no {what} named «{name}» ({request_type}).",
        )
    if code == RESOURCE_ALREADY_EXISTS:
        name = data.get("sceneName") or data.get("inputName")
        return LinkMessage("obs.already_exists", {"name": name}, f"OBS already has «{name}».")
    if code == OUTPUT_RUNNING:
        return LinkMessage("obs.output_running", {}, "That output is already running.")
    if code == OUTPUT_NOT_RUNNING:
        return LinkMessage("obs.output_not_running", {}, "That output is not running.")
    if code == STUDIO_MODE_NOT_ACTIVE:
        return LinkMessage("obs.studio_mode_off", {}, "Studio mode is off in OBS.")
    if comment:
        return LinkMessage(
            "obs.request_failed_comment",
            {"request": request_type, "code": code, "comment": comment},
            f"OBS refused {request_type} (code {code}: {comment}).",
        )
    return LinkMessage(
        "obs.request_failed",
        {"request": request_type, "code": code},
        f"OBS refused {request_type} (code {code}).",
    )


def explain_status(request_type: str, code: int, comment: str | None, data: dict[str, Any]) -> str:
    """One sentence for a failed request (English)."""
    return status_message(request_type, code, comment, data).text


def request_failed(
    request_type: str, code: int, comment: str | None, data: dict[str, Any]
) -> ObsRequestFailed:
    """The error for a request OBS answered with a failure status."""
    m = status_message(request_type, code, comment, data)
    return ObsRequestFailed(m.text, code, key=m.key, params=m.args)
