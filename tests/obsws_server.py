"""A protocol-level fake of OBS Studio's obs-websocket v5 server, for tests and benchmarks.

:class:`FakeObs` speaks the real wire protocol (JSON text frames, RPC version 1) as documented in
obsproject/obs-websocket ``docs/generated/protocol.md`` and implemented in its
``src/websocketserver`` and ``src/requesthandler``: Hello / Identify with the SHA-256 challenge,
Reidentify, requests and request batches, events filtered by the session's subscription bitmask,
and the obs-websocket close codes. So the real ``obsws-python`` clients, or the application's own
connection code, can be exercised over a real socket.

It keeps a small model of OBS (scenes in UI order, program and preview scene, studio mode, inputs
with kind and settings, stream and record outputs, stats) and has hooks to inject request delays,
request failures, suppressed events, dropped sessions and refused connections.

The ``websockets`` server runs on 127.0.0.1 in a thread of its own with its own asyncio loop, so
the fake can be driven from plain synchronous tests, Qt tests and benchmark scripts alike. Every
public method and property is thread-safe. This module must not import pytest.

Behaviour copied from obs-websocket that may be surprising:

* ``GetSceneList`` lists scenes bottom-first: ``sceneIndex`` 0 is the *last* scene of the OBS scene
  list. :attr:`FakeObs.scenes` is in OBS UI order (top first).
* Scene and input names share one namespace (``CreateScene`` with an input's name gives 601).
* A ``null`` request field counts as missing (obsws-python sends ``{"inputKind": null}``).
* Auth is checked before ``rpcVersion``; an unsupported ``rpcVersion`` closes with 4010.
* ``StreamStateChanged``/``RecordStateChanged`` say ``outputActive: true`` only in the STARTED
  state; ``StopStream`` while the stream is still STARTING answers 501 (not active yet).
* OBS shutting down = an ``ExitStarted`` event, then every session is closed with 1001.

Simplifications: one session processes its messages one at a time (real OBS uses a thread pool);
events caused by a request are sent after its response; a program/preview change to the scene that
is already current sends no event; StartStream/StartRecord while STARTING or STOPPING answer 500;
no MessagePack, groups, filters or transitions. The default scenes and text inputs are those of
``scenes/default.yaml``; the inputs given to the constructor are items of the first scene.

Typical use::

    with FakeObs(password="secret") as obs:
        client = obsws_python.ReqClient(
            host="127.0.0.1", port=obs.port, password="secret", timeout=3
        )
        client.set_current_program_scene("Студія")
        assert obs.program_scene == "Студія"
"""

from __future__ import annotations

import asyncio
import base64
import copy
import hashlib
import json
import logging
import re
import secrets
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum, IntFlag
from typing import Any, NamedTuple, TypeVar

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

__all__ = [
    "DEFAULT_INPUTS",
    "DEFAULT_SCENES",
    "EVENT_INTENTS",
    "EventIntent",
    "FakeObs",
    "ObsCloseCode",
    "OutputState",
    "RecordedRequest",
    "RequestStatus",
]

log = logging.getLogger(__name__)

_T = TypeVar("_T")

#: The scene names of ``scenes/default.yaml``, in OBS UI order (top first).
DEFAULT_SCENES: tuple[str, ...] = (
    "Заставка",
    "Студія",
    "Віддалений спікер",
    "Студія + віддалений",
    "Панель",
    "Презентація",
    "Перерва",
    "Завершення",
)

#: The text inputs of ``scenes/default.yaml``: input name -> inputKind.
DEFAULT_INPUTS: Mapping[str, str] = {
    "Титр — ім'я": "text_ft2_source_v2",
    "Титр — посада": "text_ft2_source_v2",
    "Таймер спікера": "text_ft2_source_v2",
    "Таймер перерви": "text_ft2_source_v2",
}

GOING_AWAY = 1001
"""The close code OBS uses when it shuts down its WebSocket server ("Server stopping.")."""


class EventIntent(IntFlag):
    """``EventSubscription`` bits: a session gets an event if ``subscriptions & intent``."""

    NONE = 0
    GENERAL = 1 << 0
    CONFIG = 1 << 1
    SCENES = 1 << 2
    INPUTS = 1 << 3
    TRANSITIONS = 1 << 4
    FILTERS = 1 << 5
    OUTPUTS = 1 << 6
    SCENE_ITEMS = 1 << 7
    MEDIA_INPUTS = 1 << 8
    VENDORS = 1 << 9
    UI = 1 << 10
    ALL = (1 << 11) - 1  # every non-high-volume category, the default of Identify
    INPUT_VOLUME_METERS = 1 << 16
    INPUT_ACTIVE_STATE_CHANGED = 1 << 17
    INPUT_SHOW_STATE_CHANGED = 1 << 18
    SCENE_ITEM_TRANSFORM_CHANGED = 1 << 19


class ObsCloseCode(IntEnum):
    """``WebSocketCloseCode`` values of obs-websocket."""

    UNKNOWN_REASON = 4000
    MESSAGE_DECODE_ERROR = 4002
    MISSING_DATA_FIELD = 4003
    INVALID_DATA_FIELD_TYPE = 4004
    INVALID_DATA_FIELD_VALUE = 4005
    UNKNOWN_OP_CODE = 4006
    NOT_IDENTIFIED = 4007
    ALREADY_IDENTIFIED = 4008
    AUTHENTICATION_FAILED = 4009
    UNSUPPORTED_RPC_VERSION = 4010
    SESSION_INVALIDATED = 4011
    UNSUPPORTED_FEATURE = 4012


class RequestStatus(IntEnum):
    """``RequestStatus`` codes of obs-websocket (``requestStatus.code``)."""

    SUCCESS = 100
    MISSING_REQUEST_TYPE = 203
    UNKNOWN_REQUEST_TYPE = 204
    GENERIC_ERROR = 205
    UNSUPPORTED_REQUEST_BATCH_EXECUTION_TYPE = 206
    NOT_READY = 207
    MISSING_REQUEST_FIELD = 300
    MISSING_REQUEST_DATA = 301
    INVALID_REQUEST_FIELD = 400
    INVALID_REQUEST_FIELD_TYPE = 401
    REQUEST_FIELD_OUT_OF_RANGE = 402
    REQUEST_FIELD_EMPTY = 403
    TOO_MANY_REQUEST_FIELDS = 404
    OUTPUT_RUNNING = 500
    OUTPUT_NOT_RUNNING = 501
    OUTPUT_PAUSED = 502
    OUTPUT_NOT_PAUSED = 503
    OUTPUT_DISABLED = 504
    STUDIO_MODE_ACTIVE = 505
    STUDIO_MODE_NOT_ACTIVE = 506
    RESOURCE_NOT_FOUND = 600
    RESOURCE_ALREADY_EXISTS = 601
    INVALID_RESOURCE_TYPE = 602
    NOT_ENOUGH_RESOURCES = 603
    INVALID_RESOURCE_STATE = 604
    INVALID_INPUT_KIND = 605
    RESOURCE_NOT_CONFIGURABLE = 606
    INVALID_FILTER_KIND = 607
    RESOURCE_CREATION_FAILED = 700
    RESOURCE_ACTION_FAILED = 701
    REQUEST_PROCESSING_FAILED = 702
    CANNOT_ACT = 703


class OutputState:
    """``ObsOutputState`` strings used by the stream and record outputs."""

    STARTING = "OBS_WEBSOCKET_OUTPUT_STARTING"
    STARTED = "OBS_WEBSOCKET_OUTPUT_STARTED"
    STOPPING = "OBS_WEBSOCKET_OUTPUT_STOPPING"
    STOPPED = "OBS_WEBSOCKET_OUTPUT_STOPPED"


#: The subscription intent of the events this fake knows (others default to GENERAL).
EVENT_INTENTS: Mapping[str, EventIntent] = {
    "ExitStarted": EventIntent.GENERAL,
    "CustomEvent": EventIntent.GENERAL,
    "VendorEvent": EventIntent.VENDORS,
    "CurrentSceneCollectionChanging": EventIntent.CONFIG,
    "CurrentSceneCollectionChanged": EventIntent.CONFIG,
    "CurrentProfileChanging": EventIntent.CONFIG,
    "CurrentProfileChanged": EventIntent.CONFIG,
    "SceneCreated": EventIntent.SCENES,
    "SceneRemoved": EventIntent.SCENES,
    "SceneNameChanged": EventIntent.SCENES,
    "CurrentProgramSceneChanged": EventIntent.SCENES,
    "CurrentPreviewSceneChanged": EventIntent.SCENES,
    "SceneListChanged": EventIntent.SCENES,
    "InputCreated": EventIntent.INPUTS,
    "InputRemoved": EventIntent.INPUTS,
    "InputNameChanged": EventIntent.INPUTS,
    "InputSettingsChanged": EventIntent.INPUTS,
    "InputMuteStateChanged": EventIntent.INPUTS,
    "SceneTransitionStarted": EventIntent.TRANSITIONS,
    "SceneTransitionEnded": EventIntent.TRANSITIONS,
    "SceneItemCreated": EventIntent.SCENE_ITEMS,
    "SceneItemRemoved": EventIntent.SCENE_ITEMS,
    "SceneItemEnableStateChanged": EventIntent.SCENE_ITEMS,
    "StreamStateChanged": EventIntent.OUTPUTS,
    "RecordStateChanged": EventIntent.OUTPUTS,
    "MediaInputPlaybackStarted": EventIntent.MEDIA_INPUTS,
    "MediaInputPlaybackEnded": EventIntent.MEDIA_INPUTS,
    "StudioModeStateChanged": EventIntent.UI,
    "InputVolumeMeters": EventIntent.INPUT_VOLUME_METERS,
}


class RecordedRequest(NamedTuple):
    """One request received by the fake: ``(requestType, requestData)`` (``{}`` when absent),
    when it arrived (``time.perf_counter()``, for latency benchmarks), and the executionType of
    the RequestBatch it came in (``None`` when it came alone)."""

    type: str
    data: dict[str, Any]
    at: float = 0.0
    batch: int | None = None


# Input kinds of OBS 30 on Linux with approximate output-capability flags (inputKindCaps).
_INPUT_KIND_CAPS: dict[str, int] = {
    "image_source": 32769,
    "color_source_v3": 32777,
    "slideshow_v2": 8265,
    "browser_source": 32939,
    "ffmpeg_source": 8327,
    "text_ft2_source_v2": 32777,
    "vlc_source": 8327,
    "v4l2_input": 133,
    "pulse_input_capture": 130,
    "pulse_output_capture": 642,
    "alsa_input_capture": 130,
    "xshm_input_v2": 137,
    "pipewire-screen-capture-source": 133,
}

_DEFAULT_INPUT_SETTINGS: dict[str, dict[str, Any]] = {
    "text_ft2_source_v2": {
        "color1": 4294967295,
        "color2": 4294967295,
        "font": {"face": "Sans Serif", "flags": 0, "size": 32, "style": ""},
        "log_lines": 6,
        "text": "",
    },
    "color_source_v3": {"color": 4294967295, "height": 1080, "width": 1920},
    "image_source": {"linear_alpha": False, "unload": False},
}

_SUPPORTED_IMAGE_FORMATS = [
    "bmp", "cur", "icns", "ico", "jpeg", "jpg", "pbm", "pgm", "png", "ppm",
    "svg", "svgz", "tif", "tiff", "wbmp", "webp", "xbm", "xpm",
]  # fmt: skip

_DEFAULT_STATS: dict[str, float] = {
    "cpuUsage": 3.2,
    "memoryUsage": 412.5,
    "availableDiskSpace": 183_420.0,
    "activeFps": 30.0,
    "averageFrameRenderTime": 1.4,
    "renderSkippedFrames": 0,
    "outputSkippedFrames": 0,
}

_STREAM_FPS = 30


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _sha256_b64(text: str) -> str:
    return _b64(hashlib.sha256(text.encode("utf-8")).digest())


def _is_unsigned(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _timecode(ms: int) -> str:
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _unversioned(kind: str) -> str:
    return re.sub(r"_v\d+$", "", kind)


def _close_reason(text: str) -> str:
    """A close reason must fit in 123 bytes of UTF-8."""
    raw = text.encode("utf-8")
    return raw[:120].decode("utf-8", "ignore") if len(raw) > 123 else text


class _ProtocolError(Exception):
    """Closes the session with an obs-websocket close code."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class _RequestError(Exception):
    """Answers the request with ``requestStatus.result = false``."""

    def __init__(self, code: int, comment: str | None = None) -> None:
        super().__init__(comment or str(code))
        self.code = code
        self.comment = comment


@dataclass(eq=False)
class _Session:
    ws: ServerConnection
    challenge: str
    identified: bool = False
    rpc_version: int = 0
    event_subscriptions: int = 0
    incoming: int = 0
    outgoing: int = 0
    task: asyncio.Task[None] | None = None
    done: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass
class _SceneItem:
    item_id: int
    source_name: str
    enabled: bool = True
    locked: bool = False
    transform: dict[str, Any] = field(default_factory=lambda: _default_transform())


@dataclass
class _Scene:
    name: str
    uuid: str
    items: list[_SceneItem] = field(default_factory=list)
    next_item_id: int = 1


@dataclass
class _Input:
    name: str
    uuid: str
    kind: str
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Output:
    state: str = OutputState.STOPPED
    active_since: float | None = None  # time.monotonic() of STARTED
    path: str | None = None  # record output only


_Event = tuple[str, "dict[str, Any] | None", int]


class _Call:
    """One request being processed: its data, field validators and the events it causes."""

    def __init__(
        self,
        request_type: str,
        request_data: object,
        session: _Session,
        execution_type: int | None = None,
    ) -> None:
        self.type = request_type
        self.has_data = isinstance(request_data, dict)
        self.data: dict[str, Any] = request_data if isinstance(request_data, dict) else {}
        self.session = session
        self.execution_type = execution_type  # None outside of a RequestBatch
        self.events: list[_Event] = []
        self.after: list[Callable[[], None]] = []
        self.sleep = 0.0
        self.status: dict[str, Any] = {}
        self.response: dict[str, Any] | None = None

    def emit(self, event_type: str, data: dict[str, Any] | None = None) -> None:
        self.events.append((event_type, data, EVENT_INTENTS.get(event_type, EventIntent.GENERAL)))

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def _require(self, key: str) -> Any:
        if not self.has_data:
            raise _RequestError(
                RequestStatus.MISSING_REQUEST_DATA,
                "Your request data is missing or invalid (non-object)",
            )
        if not self.has(key):
            raise _RequestError(
                RequestStatus.MISSING_REQUEST_FIELD, f"Your request is missing the `{key}` field."
            )
        return self.data[key]

    def _check_string(self, key: str, allow_empty: bool) -> str:
        value = self.data[key]
        if not isinstance(value, str):
            raise _RequestError(
                RequestStatus.INVALID_REQUEST_FIELD_TYPE,
                f"The field value of `{key}` must be a string.",
            )
        if not value and not allow_empty:
            raise _RequestError(
                RequestStatus.REQUEST_FIELD_EMPTY, f"The field value of `{key}` must not be empty."
            )
        return value

    def string(self, key: str, allow_empty: bool = False) -> str:
        self._require(key)
        return self._check_string(key, allow_empty)

    def opt_string(self, key: str) -> str | None:
        return self._check_string(key, False) if self.has(key) else None

    def _check_bool(self, key: str) -> bool:
        value = self.data[key]
        if not isinstance(value, bool):
            raise _RequestError(
                RequestStatus.INVALID_REQUEST_FIELD_TYPE,
                f"The field value of `{key}` must be boolean.",
            )
        return value

    def boolean(self, key: str) -> bool:
        self._require(key)
        return self._check_bool(key)

    def opt_bool(self, key: str, default: bool) -> bool:
        return self._check_bool(key) if self.has(key) else default

    def _check_object(self, key: str, allow_empty: bool) -> dict[str, Any]:
        value = self.data[key]
        if not isinstance(value, dict):
            raise _RequestError(
                RequestStatus.INVALID_REQUEST_FIELD_TYPE,
                f"The field value of `{key}` must be an object.",
            )
        if not value and not allow_empty:
            raise _RequestError(
                RequestStatus.REQUEST_FIELD_EMPTY, f"The field value of `{key}` must not be empty."
            )
        return value

    def obj(self, key: str, allow_empty: bool = False) -> dict[str, Any]:
        self._require(key)
        return self._check_object(key, allow_empty)

    def opt_obj(self, key: str) -> dict[str, Any] | None:
        return self._check_object(key, True) if self.has(key) else None

    def number(self, key: str, minimum: float, maximum: float) -> float:
        value = self._require(key)
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise _RequestError(
                RequestStatus.INVALID_REQUEST_FIELD_TYPE,
                f"The field value of `{key}` must be a number.",
            )
        if value < minimum:
            raise _RequestError(
                RequestStatus.REQUEST_FIELD_OUT_OF_RANGE,
                f"The field value of `{key}` is below the minimum of `{minimum:f}`",
            )
        if value > maximum:
            raise _RequestError(
                RequestStatus.REQUEST_FIELD_OUT_OF_RANGE,
                f"The field value of `{key}` is above the maximum of `{maximum:f}`",
            )
        return float(value)


_Handler = Callable[["FakeObs", _Call], "dict[str, Any] | None"]
_HANDLERS: dict[str, _Handler] = {}


def _handles(request_type: str) -> Callable[[_Handler], _Handler]:
    """Register a request handler; it runs on the server loop with the state lock held."""

    def register(handler: _Handler) -> _Handler:
        _HANDLERS[request_type] = handler
        return handler

    return register


class FakeObs:
    """A fake OBS Studio with its obs-websocket v5 server; see the module docstring.

    Test hooks (plain attributes, change them at any time from any thread):

    * ``identify_delay`` — seconds to wait before answering Identify with Identified.
    * ``request_delays`` — requestType -> seconds to wait before handling that request.
    * ``fail_requests`` — requestType -> code: answer with ``result: false`` and that code.
    * ``suppress_events`` — event types that are never sent.
    * ``output_start_delay`` / ``output_stop_delay`` — STARTING->STARTED / STOPPING->STOPPED.
    * ``stream_bitrate_kbps``, ``stream_congestion``, ``stream_skipped_frames``,
      ``stream_reconnecting`` — what ``GetStreamStatus`` reports while streaming.
    * ``refuse_connections`` (property) — while True the listener is closed, so connecting fails
      with ``ConnectionRefusedError``; open sessions stay open.
    """

    def __init__(
        self,
        *,
        password: str | None = None,
        port: int = 0,
        obs_version: str = "30.2.3",
        ws_version: str = "5.5.4",
        rpc_version: int = 1,
        scenes: Sequence[str] | None = None,
        inputs: Mapping[str, str] | None = None,
        close_timeout: float = 0.2,
    ) -> None:
        self.password = password
        self.obs_version = obs_version
        self.ws_version = ws_version
        self.rpc_version = rpc_version
        self.close_timeout = close_timeout

        self.identify_delay: float = 0.0
        self.request_delays: dict[str, float] = {}
        self.fail_requests: dict[str, int] = {}
        self.suppress_events: set[str] = set()
        self.output_start_delay: float = 0.05
        self.output_stop_delay: float = 0.05
        self.stream_bitrate_kbps: float = 6000.0
        self.stream_congestion: float = 0.0
        self.canvas: tuple[int, int] = (1920, 1080)  # GetVideoSettings base resolution
        self.stream_skipped_frames: int = 0
        self.stream_reconnecting: bool = False

        self.record_directory = "/home/studio/Відео"
        self.profiles: list[str] = ["Untitled", "Трансляція"]
        self.current_profile = "Трансляція"
        self.scene_collections: list[str] = ["Untitled", "Інтеграція 4.0"]
        self.current_scene_collection = "Інтеграція 4.0"

        self._port = port
        self._salt = _b64(secrets.token_bytes(32))
        self._cond = threading.Condition(threading.RLock())
        self._t0 = time.monotonic()

        scene_names = list(DEFAULT_SCENES if scenes is None else scenes)
        if not scene_names:
            raise ValueError("OBS always has at least one scene")
        input_kinds = dict(DEFAULT_INPUTS if inputs is None else inputs)
        if len(set(scene_names)) != len(scene_names) or set(scene_names) & set(input_kinds):
            raise ValueError("scene and input names must be unique (one namespace in OBS)")
        self._input_kinds: dict[str, int] = dict(_INPUT_KIND_CAPS)
        for kind in input_kinds.values():
            self._input_kinds.setdefault(kind, 1)
        self._scenes: dict[str, _Scene] = {
            name: _Scene(name, str(uuid.uuid4())) for name in scene_names
        }
        self._inputs: dict[str, _Input] = {}
        first = self._scenes[scene_names[0]]
        for name, kind in input_kinds.items():
            self._inputs[name] = _Input(name, str(uuid.uuid4()), kind)
            first.items.append(_SceneItem(first.next_item_id, name))
            first.next_item_id += 1
        self._program: str = scene_names[0]
        self._preview: str | None = None
        self._studio_mode = False
        self._outputs = {"stream": _Output(), "record": _Output()}
        self._last_record_path: str | None = None
        self._stats: dict[str, float] = dict(_DEFAULT_STATS)

        self._requests: list[RecordedRequest] = []
        self._emitted: list[tuple[str, dict[str, Any] | None]] = []
        self._sessions: set[_Session] = set()

        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._listener: Server | None = None
        self._running = False  # start() called and not stop()ped
        self._refuse = False
        self._closed = False
        self._tasks: set[asyncio.Task[Any]] = set()

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeObs:
        """Start listening (binds the port; :attr:`port` is known afterwards). Idempotent."""
        if self._closed:
            raise RuntimeError("FakeObs is closed")
        if self._thread is None:
            self._loop = asyncio.new_event_loop()
            ready = threading.Event()
            self._thread = threading.Thread(
                target=self._run_loop, args=(ready,), name="FakeObs", daemon=True
            )
            self._thread.start()
            ready.wait()
        self._run(self._start_async())
        return self

    def stop(self, code: int = GOING_AWAY) -> None:
        """Do what OBS does when it quits: send ExitStarted, close every session with ``code``
        (1001 by default) and stop listening. State (scenes, outputs...) is kept for
        :meth:`restart`."""
        if self._loop is not None and not self._closed:
            self._run(self._stop_async(code))

    def restart(self) -> None:
        """Stop if running, then listen again on the same port."""
        self.stop()
        self.start()

    def drop_sessions(self, code: int = GOING_AWAY, reason: str = "") -> None:
        """Close every session with ``code`` (e.g. 4011 SessionInvalidated = the Kick button)
        and keep listening."""
        if self._loop is not None and not self._closed:
            self._run(self._close_sessions(code, reason))

    def close(self) -> None:
        """Tear everything down: sessions, listener, loop and thread. Idempotent."""
        if self._closed:
            return
        self._closed = True
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        try:
            self._run(self._shutdown_async(), timeout=5.0)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=5.0)

    def __enter__(self) -> FakeObs:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        auth = "auth" if self.password is not None else "no auth"
        return f"<FakeObs {self.url} {auth} sessions={self.sessions}>"

    @property
    def port(self) -> int:
        """The TCP port (0 before the first :meth:`start` when constructed with ``port=0``)."""
        return self._port

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self._port}"

    @property
    def is_listening(self) -> bool:
        return self._listener is not None

    @property
    def refuse_connections(self) -> bool:
        return self._refuse

    @refuse_connections.setter
    def refuse_connections(self, value: bool) -> None:
        self._refuse = bool(value)
        if self._loop is not None and not self._closed:
            self._run(self._sync_listener())

    @property
    def sessions(self) -> int:
        """Number of open WebSocket connections (identified or not)."""
        with self._cond:
            return len(self._sessions)

    @property
    def identified_sessions(self) -> int:
        with self._cond:
            return sum(1 for s in self._sessions if s.identified)

    # ------------------------------------------------------------------ test-side helpers

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far (batch members included), oldest first."""
        with self._cond:
            return list(self._requests)

    def requests_of(self, request_type: str) -> list[dict[str, Any]]:
        """The ``requestData`` of every request of that type, oldest first."""
        with self._cond:
            return [copy.deepcopy(r.data) for r in self._requests if r.type == request_type]

    def request_types(self) -> list[str]:
        with self._cond:
            return [r.type for r in self._requests]

    def clear_requests(self) -> None:
        with self._cond:
            self._requests.clear()

    @property
    def emitted_events(self) -> list[tuple[str, dict[str, Any] | None]]:
        """Every event broadcast so far as ``(eventType, eventData)`` (suppressed ones excluded),
        whether or not any session was subscribed to it."""
        with self._cond:
            return list(self._emitted)

    def wait_for(self, predicate: Callable[[], object], timeout: float = 2.0) -> bool:
        """Wait until ``predicate()`` is true; False on timeout. Wakes up on every server-side
        change and polls every 10 ms for changes made elsewhere (e.g. client callbacks)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return bool(predicate())
                self._cond.wait(min(remaining, 0.01))
            return True

    def switch_scene_by_hand(self, name: str) -> None:
        """What a technician clicking a scene in OBS does: set the program scene and send
        CurrentProgramSceneChanged (nothing happens if it already is the program scene)."""
        with self._cond:
            scene = self._scenes.get(name)
            if scene is None:
                raise KeyError(name)
            if self._program == name:
                return
            self._program = name
            self._cond.notify_all()
        self.emit_event("CurrentProgramSceneChanged", {"sceneName": name, "sceneUuid": scene.uuid})

    def emit_event(
        self, event_type: str, data: dict[str, Any] | None = None, intent: int | None = None
    ) -> None:
        """Broadcast an event to the identified sessions subscribed to ``intent`` (by default
        the intent obs-websocket uses for that event type, else GENERAL). Returns once the
        frames are written (when called from outside the server loop)."""
        if intent is None:
            intent = EVENT_INTENTS.get(event_type, EventIntent.GENERAL)
        coro = self._broadcast(event_type, data, int(intent))
        if self._loop is None or self._closed:
            coro.close()
            return
        if self._on_loop():
            self._spawn(coro)
        else:
            self._run(coro)

    # ------------------------------------------------------------------ state (thread-safe)

    @property
    def scenes(self) -> list[str]:
        """Scene names in OBS UI order (top first); GetSceneList reports them reversed."""
        with self._cond:
            return list(self._scenes)

    @property
    def program_scene(self) -> str:
        with self._cond:
            return self._program

    @property
    def preview_scene(self) -> str | None:
        """The preview scene, None unless studio mode is on."""
        with self._cond:
            return self._preview if self._studio_mode else None

    @property
    def studio_mode(self) -> bool:
        with self._cond:
            return self._studio_mode

    @property
    def inputs(self) -> dict[str, str]:
        """Input name -> inputKind, in creation order."""
        with self._cond:
            return {name: inp.kind for name, inp in self._inputs.items()}

    def input_settings(self, name: str) -> dict[str, Any]:
        with self._cond:
            return copy.deepcopy(self._inputs[name].settings)

    def scene_item(self, scene: str, source: str) -> tuple[bool, dict[str, Any]] | None:
        """(enabled, transform) of the scene's first item showing `source`, or None."""
        with self._cond:
            for item in self._scenes[scene].items:
                if item.source_name == source:
                    return item.enabled, copy.deepcopy(item.transform)
            return None

    def scene_items(self, scene: str) -> list[str]:
        """Source names of the scene's items, bottom first (sceneItemIndex order)."""
        with self._cond:
            return [item.source_name for item in self._scenes[scene].items]

    def scene_uuid(self, name: str) -> str:
        with self._cond:
            return self._scenes[name].uuid

    def input_uuid(self, name: str) -> str:
        with self._cond:
            return self._inputs[name].uuid

    @property
    def stream_state(self) -> str:
        with self._cond:
            return self._outputs["stream"].state

    @property
    def record_state(self) -> str:
        with self._cond:
            return self._outputs["record"].state

    @property
    def streaming(self) -> bool:
        """True while the stream output is active (STARTED or STOPPING)."""
        with self._cond:
            return self._outputs["stream"].active_since is not None

    @property
    def recording(self) -> bool:
        with self._cond:
            return self._outputs["record"].active_since is not None

    @property
    def last_record_path(self) -> str | None:
        with self._cond:
            return self._last_record_path

    @property
    def stats(self) -> dict[str, float]:
        """The values GetStats reports (frame counters grow with time)."""
        with self._cond:
            return self._current_stats()

    def set_stats(self, **values: float) -> None:
        """Override GetStats fields, e.g. ``set_stats(cpuUsage=97.0, renderSkippedFrames=120)``."""
        with self._cond:
            self._stats.update(values)
            self._cond.notify_all()

    # ------------------------------------------------------------------ loop plumbing

    def _run_loop(self, ready: threading.Event) -> None:
        loop = self._loop
        assert loop is not None
        asyncio.set_event_loop(loop)
        loop.call_soon(ready.set)
        try:
            loop.run_forever()
        finally:
            pending = asyncio.all_tasks(loop)
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    def _on_loop(self) -> bool:
        return self._thread is not None and threading.current_thread() is self._thread

    def _run(self, coro: Coroutine[Any, Any, _T], timeout: float = 10.0) -> _T:
        """Run a coroutine on the server loop and wait for its result."""
        if self._loop is None:
            coro.close()
            raise RuntimeError("FakeObs is not started")
        if self._on_loop():
            coro.close()
            raise RuntimeError("this FakeObs method cannot be called from the server loop")
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    def _spawn(self, coro: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _notify(self) -> None:
        with self._cond:
            self._cond.notify_all()

    # ------------------------------------------------------------------ listener and sessions

    async def _start_async(self) -> None:
        self._running = True
        await self._sync_listener()

    async def _stop_async(self, code: int) -> None:
        if not self._running:
            return
        self._running = False
        await self._broadcast("ExitStarted", None, EventIntent.GENERAL)
        await self._sync_listener()
        await self._close_sessions(code, "Server stopping.")

    async def _shutdown_async(self) -> None:
        self._running = False
        await self._sync_listener()
        await self._close_sessions(GOING_AWAY, "Server stopping.")
        for task in list(self._tasks):
            task.cancel()

    async def _sync_listener(self) -> None:
        """Open or close the listening socket so that it is open iff running and not refusing."""
        want = self._running and not self._refuse
        if want and self._listener is None:
            self._listener = await serve(
                self._handle,
                "127.0.0.1",
                self._port,
                select_subprotocol=_select_subprotocol,
                compression=None,
                ping_interval=None,
                close_timeout=self.close_timeout,
                max_size=None,
            )
            self._port = self._listener.sockets[0].getsockname()[1]
            log.debug("FakeObs listening on %s", self.url)
        elif not want and self._listener is not None:
            listener, self._listener = self._listener, None
            listener.server.close()  # unbinds now; open sessions are closed separately
            listener.close(close_connections=False)
        self._notify()

    async def _close_sessions(self, code: int, reason: str) -> None:
        with self._cond:
            sessions = list(self._sessions)
        if not sessions:
            return
        await asyncio.gather(
            *(s.ws.close(code, _close_reason(reason)) for s in sessions), return_exceptions=True
        )
        waiters = [asyncio.ensure_future(s.done.wait()) for s in sessions]
        _, pending = await asyncio.wait(waiters, timeout=self.close_timeout + 1.0)
        for waiter in pending:
            waiter.cancel()
        for session in sessions:  # a handler stuck in a request delay
            if not session.done.is_set() and session.task is not None:
                session.task.cancel()

    async def _handle(self, ws: ServerConnection) -> None:
        session = _Session(ws=ws, challenge=_b64(secrets.token_bytes(32)))
        session.task = asyncio.current_task()
        with self._cond:
            self._sessions.add(session)
            self._cond.notify_all()
        try:
            hello: dict[str, Any] = {
                "obsStudioVersion": self.obs_version,
                "obsWebSocketVersion": self.ws_version,
                "rpcVersion": self.rpc_version,
            }
            if self.password is not None:
                hello["authentication"] = {"challenge": session.challenge, "salt": self._salt}
            await self._send(session, {"op": 0, "d": hello})
            async for message in ws:
                session.incoming += 1
                try:
                    await self._process(session, message)
                except _ProtocolError as exc:
                    log.debug("FakeObs closing a session: %s %s", exc.code, exc.reason)
                    await ws.close(exc.code, _close_reason(exc.reason))
                    break
        except ConnectionClosed:
            pass
        finally:
            with self._cond:
                self._sessions.discard(session)
                self._cond.notify_all()
            session.done.set()

    async def _send(self, session: _Session, message: dict[str, Any]) -> None:
        await self._send_text(session, json.dumps(message, ensure_ascii=False))

    async def _send_text(self, session: _Session, text: str) -> None:
        try:
            await session.ws.send(text)
        except ConnectionClosed:
            return
        session.outgoing += 1

    async def _broadcast(self, event_type: str, data: dict[str, Any] | None, intent: int) -> None:
        if event_type in self.suppress_events:
            return
        payload: dict[str, Any] = {"eventType": event_type, "eventIntent": int(intent)}
        if data is not None:
            payload["eventData"] = data
        with self._cond:
            self._emitted.append((event_type, copy.deepcopy(data)))
            targets = [s for s in self._sessions if s.identified and s.event_subscriptions & intent]
            self._cond.notify_all()
        text = json.dumps({"op": 5, "d": payload}, ensure_ascii=False)
        for session in targets:
            await self._send_text(session, text)

    # ------------------------------------------------------------------ protocol

    async def _process(self, session: _Session, raw: str | bytes) -> None:
        if isinstance(raw, bytes):
            raise _ProtocolError(
                ObsCloseCode.MESSAGE_DECODE_ERROR,
                "Your session encoding is set to Json, but a binary message was received.",
            )
        try:
            message = json.loads(raw)
        except ValueError as exc:
            raise _ProtocolError(
                ObsCloseCode.MESSAGE_DECODE_ERROR, f"Unable to decode Json: {exc}"
            ) from None
        if not isinstance(message, dict):
            raise _ProtocolError(
                ObsCloseCode.MESSAGE_DECODE_ERROR, "You sent a non-object payload."
            )
        if not session.identified and "request-type" in message:
            raise _ProtocolError(
                ObsCloseCode.UNSUPPORTED_RPC_VERSION,
                "You appear to be attempting to connect with the pre-5.0.0 plugin protocol.",
            )
        if "op" not in message:
            raise _ProtocolError(ObsCloseCode.UNKNOWN_OP_CODE, "Your request is missing an `op`.")
        op, data = message["op"], message.get("d")
        if not isinstance(data, dict):
            if data is None:
                raise _ProtocolError(
                    ObsCloseCode.MISSING_DATA_FIELD, "Your payload is missing data (`d`)."
                )
            raise _ProtocolError(
                ObsCloseCode.INVALID_DATA_FIELD_TYPE, "Your payload's data (`d`) is not an object."
            )
        if not session.identified and op != 1:
            raise _ProtocolError(
                ObsCloseCode.NOT_IDENTIFIED,
                "You attempted to send a non-Identify message while not identified.",
            )
        if op == 1:
            await self._identify(session, data)
        elif op == 3:
            self._set_subscriptions(session, data)
            await self._send(session, {"op": 2, "d": {"negotiatedRpcVersion": session.rpc_version}})
        elif op == 6:
            await self._request(session, data)
        elif op == 8:
            await self._request_batch(session, data)
        else:
            raise _ProtocolError(ObsCloseCode.UNKNOWN_OP_CODE, f"Unknown OpCode: {op}")

    async def _identify(self, session: _Session, data: dict[str, Any]) -> None:
        if session.identified:
            raise _ProtocolError(
                ObsCloseCode.ALREADY_IDENTIFIED,
                "You are already Identified with the obs-websocket server.",
            )
        if self.password is not None:
            auth = data.get("authentication")
            if "authentication" not in data:
                raise _ProtocolError(
                    ObsCloseCode.AUTHENTICATION_FAILED,
                    "Your payload's data is missing an `authentication` string, however "
                    "authentication is required.",
                )
            if not isinstance(auth, str):
                raise _ProtocolError(
                    ObsCloseCode.AUTHENTICATION_FAILED,
                    "Your `authentication` field is not a string.",
                )
            secret = _sha256_b64(self.password + self._salt)
            if not secrets.compare_digest(auth, _sha256_b64(secret + session.challenge)):
                raise _ProtocolError(ObsCloseCode.AUTHENTICATION_FAILED, "Authentication failed.")
        if "rpcVersion" not in data:
            raise _ProtocolError(
                ObsCloseCode.MISSING_DATA_FIELD, "Your payload's data is missing an `rpcVersion`."
            )
        rpc_version = data["rpcVersion"]
        if not _is_unsigned(rpc_version):
            raise _ProtocolError(
                ObsCloseCode.INVALID_DATA_FIELD_TYPE, "Your `rpcVersion` is not an unsigned number."
            )
        if rpc_version != self.rpc_version:
            raise _ProtocolError(
                ObsCloseCode.UNSUPPORTED_RPC_VERSION,
                "Your requested RPC version is not supported by this server.",
            )
        session.rpc_version = rpc_version
        session.event_subscriptions = EventIntent.ALL
        self._set_subscriptions(session, data)
        if self.identify_delay > 0:
            await asyncio.sleep(self.identify_delay)
        with self._cond:
            session.identified = True
            self._cond.notify_all()
        await self._send(session, {"op": 2, "d": {"negotiatedRpcVersion": rpc_version}})

    @staticmethod
    def _set_subscriptions(session: _Session, data: dict[str, Any]) -> None:
        if "eventSubscriptions" in data:
            subscriptions = data["eventSubscriptions"]
            if not _is_unsigned(subscriptions):
                raise _ProtocolError(
                    ObsCloseCode.INVALID_DATA_FIELD_TYPE,
                    "Your `eventSubscriptions` is not an unsigned number.",
                )
            session.event_subscriptions = subscriptions

    async def _request(self, session: _Session, data: dict[str, Any]) -> None:
        if "requestId" not in data:
            raise _ProtocolError(
                ObsCloseCode.MISSING_DATA_FIELD, "Your payload data is missing a `requestId`."
            )
        if "requestType" not in data:
            raise _ProtocolError(
                ObsCloseCode.MISSING_DATA_FIELD, "Your payload's data is missing an `requestType`."
            )
        request_type = data["requestType"]
        if not isinstance(request_type, str):
            raise _ProtocolError(
                ObsCloseCode.INVALID_DATA_FIELD_TYPE, "Your `requestType` is not a string."
            )
        call = _Call(request_type, data.get("requestData"), session)
        await self._execute(call)
        response = {"requestType": request_type, "requestId": data["requestId"]}
        await self._send(session, {"op": 7, "d": response | self._result(call)})
        await self._finish(call)

    async def _request_batch(self, session: _Session, data: dict[str, Any]) -> None:
        if "requestId" not in data:
            raise _ProtocolError(
                ObsCloseCode.MISSING_DATA_FIELD, "Your payload data is missing a `requestId`."
            )
        execution_type = data.get("executionType")
        if execution_type is None:
            execution_type = 0  # SerialRealtime
        elif not _is_unsigned(execution_type):
            raise _ProtocolError(
                ObsCloseCode.INVALID_DATA_FIELD_TYPE, "Your `executionType` is not a number."
            )
        elif execution_type > 2:
            raise _ProtocolError(
                ObsCloseCode.INVALID_DATA_FIELD_VALUE, "Your `executionType` has an invalid value."
            )
        halt = data.get("haltOnFailure")
        if halt is not None and not isinstance(halt, bool):
            raise _ProtocolError(
                ObsCloseCode.INVALID_DATA_FIELD_TYPE, "Your `haltOnFailure` is not a boolean."
            )
        if "requests" not in data:
            raise _ProtocolError(
                ObsCloseCode.MISSING_DATA_FIELD, "Your payload data is missing a `requests`."
            )
        requests = data["requests"]
        if not isinstance(requests, list):
            raise _ProtocolError(
                ObsCloseCode.INVALID_DATA_FIELD_TYPE, "Your `requests` is not an array."
            )
        calls: list[_Call] = []
        results: list[dict[str, Any]] = []
        for item in requests:
            item = item if isinstance(item, dict) else {}
            request_type = item.get("requestType")
            request_type = request_type if isinstance(request_type, str) else ""
            call = _Call(request_type, item.get("requestData"), session, execution_type)
            await self._execute(call)
            calls.append(call)
            result: dict[str, Any] = {"requestType": request_type}
            if item.get("requestId") is not None:
                result["requestId"] = item["requestId"]
            results.append(result | self._result(call))
            if halt and not call.status["result"]:
                break
        response = {"requestId": data["requestId"], "results": results}
        await self._send(session, {"op": 9, "d": response})
        for call in calls:
            await self._finish(call)

    async def _execute(self, call: _Call) -> None:
        with self._cond:
            self._requests.append(
                RecordedRequest(
                    call.type, copy.deepcopy(call.data), time.perf_counter(), call.execution_type
                )
            )
            self._cond.notify_all()
        delay = self.request_delays.get(call.type, 0.0)
        if delay > 0:
            await asyncio.sleep(delay)
        try:
            forced = self.fail_requests.get(call.type)
            if forced is not None:
                raise _RequestError(forced, "Failure injected by FakeObs.")
            if not call.type:
                raise _RequestError(
                    RequestStatus.MISSING_REQUEST_TYPE, "Your request is missing a `requestType`"
                )
            handler = _HANDLERS.get(call.type)
            if handler is None:
                raise _RequestError(
                    RequestStatus.UNKNOWN_REQUEST_TYPE, "Your request type is not valid."
                )
            with self._cond:
                call.response = handler(self, call)
                self._cond.notify_all()
            call.status = {"result": True, "code": int(RequestStatus.SUCCESS)}
        except _RequestError as exc:
            call.events.clear()
            call.after.clear()
            call.sleep = 0.0
            call.status = {"result": False, "code": int(exc.code)}
            if exc.comment:
                call.status["comment"] = exc.comment
        if call.sleep > 0:
            await asyncio.sleep(call.sleep)

    @staticmethod
    def _result(call: _Call) -> dict[str, Any]:
        result: dict[str, Any] = {"requestStatus": call.status}
        if call.response is not None:
            result["responseData"] = call.response
        return result

    async def _finish(self, call: _Call) -> None:
        """Send the events a request caused, then start what it scheduled."""
        for event_type, data, intent in call.events:
            await self._broadcast(event_type, data, intent)
        for action in call.after:
            action()

    # ------------------------------------------------------------------ model helpers

    def _find_scene_by_uuid(self, value: str) -> _Scene | None:
        return next((s for s in self._scenes.values() if s.uuid == value), None)

    def _find_input_by_uuid(self, value: str) -> _Input | None:
        return next((i for i in self._inputs.values() if i.uuid == value), None)

    def _acquire_scene(self, call: _Call) -> _Scene:
        """``sceneUuid`` wins over ``sceneName``, like obs-websocket's AcquireScene."""
        scene_uuid, name = call.data.get("sceneUuid"), call.data.get("sceneName")
        if isinstance(scene_uuid, str) and scene_uuid:
            scene = self._find_scene_by_uuid(scene_uuid)
            if scene is None and self._find_input_by_uuid(scene_uuid) is not None:
                raise _RequestError(
                    RequestStatus.INVALID_RESOURCE_TYPE, "The specified source is not a scene."
                )
            if scene is None:
                raise _RequestError(
                    RequestStatus.RESOURCE_NOT_FOUND,
                    f"No source was found by the UUID of `{scene_uuid}`.",
                )
            return scene
        if isinstance(name, str) and name:
            if name in self._scenes:
                return self._scenes[name]
            if name in self._inputs:
                raise _RequestError(
                    RequestStatus.INVALID_RESOURCE_TYPE, "The specified source is not a scene."
                )
            raise _RequestError(
                RequestStatus.RESOURCE_NOT_FOUND, f"No source was found by the name of `{name}`."
            )
        raise _RequestError(
            RequestStatus.MISSING_REQUEST_FIELD,
            "Your request must contain at least one of the following fields: `sceneName` or "
            "`sceneUuid`.",
        )

    def _acquire_input(self, call: _Call) -> _Input:
        input_uuid, name = call.data.get("inputUuid"), call.data.get("inputName")
        if isinstance(input_uuid, str) and input_uuid:
            found = self._find_input_by_uuid(input_uuid)
            if found is None and self._find_scene_by_uuid(input_uuid) is not None:
                raise _RequestError(
                    RequestStatus.INVALID_RESOURCE_TYPE, "The specified source is not an input."
                )
            if found is None:
                raise _RequestError(
                    RequestStatus.RESOURCE_NOT_FOUND,
                    f"No source was found by the UUID of `{input_uuid}`.",
                )
            return found
        if isinstance(name, str) and name:
            if name in self._inputs:
                return self._inputs[name]
            if name in self._scenes:
                raise _RequestError(
                    RequestStatus.INVALID_RESOURCE_TYPE, "The specified source is not an input."
                )
            raise _RequestError(
                RequestStatus.RESOURCE_NOT_FOUND, f"No source was found by the name of `{name}`."
            )
        raise _RequestError(
            RequestStatus.MISSING_REQUEST_FIELD,
            "Your request must contain at least one of the following fields: `inputName` or "
            "`inputUuid`.",
        )

    def _scene_list(self) -> list[dict[str, Any]]:
        ordered = list(self._scenes.values())
        return [
            {"sceneIndex": index, "sceneName": scene.name, "sceneUuid": scene.uuid}
            for index, scene in enumerate(reversed(ordered))
        ]

    def _current_stats(self) -> dict[str, float]:
        elapsed = time.monotonic() - self._t0
        frames = int(elapsed * float(self._stats.get("activeFps", 30.0)))
        return {"renderTotalFrames": frames, "outputTotalFrames": frames} | self._stats

    def _output_status(self, kind: str) -> tuple[bool, int, int]:
        """(active, duration ms, bytes) of an output; bytes grow at ``stream_bitrate_kbps``."""
        output = self._outputs[kind]
        if output.active_since is None:
            return False, 0, 0
        elapsed = time.monotonic() - output.active_since
        return True, int(elapsed * 1000), int(elapsed * self.stream_bitrate_kbps * 125)

    def _output_event(self, kind: str) -> _Event:
        output = self._outputs[kind]
        data: dict[str, Any] = {
            "outputActive": output.state == OutputState.STARTED,
            "outputState": output.state,
        }
        if kind == "stream":
            return "StreamStateChanged", data, EventIntent.OUTPUTS
        data["outputPath"] = output.path if output.state == OutputState.STOPPED else None
        return "RecordStateChanged", data, EventIntent.OUTPUTS

    def _start_output(self, call: _Call, kind: str) -> None:
        output = self._outputs[kind]
        if output.state != OutputState.STOPPED:
            raise _RequestError(RequestStatus.OUTPUT_RUNNING)
        output.state = OutputState.STARTING
        if kind == "record":
            stamp = time.strftime("%Y-%m-%d %H-%M-%S")
            output.path = f"{self.record_directory}/{stamp}.mkv"
        call.events.append(self._output_event(kind))
        call.after.append(
            lambda: self._spawn(
                self._complete_output(kind, OutputState.STARTED, self.output_start_delay)
            )
        )

    def _stop_output(self, call: _Call, kind: str) -> None:
        output = self._outputs[kind]
        if output.state != OutputState.STARTED:
            raise _RequestError(RequestStatus.OUTPUT_NOT_RUNNING)
        output.state = OutputState.STOPPING
        if kind == "record":
            self._last_record_path = output.path
        call.events.append(self._output_event(kind))
        call.after.append(
            lambda: self._spawn(
                self._complete_output(kind, OutputState.STOPPED, self.output_stop_delay)
            )
        )

    async def _complete_output(self, kind: str, state: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        with self._cond:
            output = self._outputs[kind]
            output.state = state
            output.active_since = time.monotonic() if state == OutputState.STARTED else None
            event = self._output_event(kind)
            self._cond.notify_all()
        await self._broadcast(*event)

    # ------------------------------------------------------------------ requests: general

    @_handles("GetVersion")
    def _get_version(self, call: _Call) -> dict[str, Any]:
        return {
            "obsVersion": self.obs_version,
            "obsWebSocketVersion": self.ws_version,
            "rpcVersion": self.rpc_version,
            "availableRequests": sorted(_HANDLERS),
            "supportedImageFormats": list(_SUPPORTED_IMAGE_FORMATS),
            "platform": "ubuntu",
            "platformDescription": "Ubuntu 24.04.1 LTS",
        }

    @_handles("GetStats")
    def _get_stats(self, call: _Call) -> dict[str, Any]:
        return self._current_stats() | {
            "webSocketSessionIncomingMessages": call.session.incoming,
            "webSocketSessionOutgoingMessages": call.session.outgoing,
        }

    @_handles("BroadcastCustomEvent")
    def _broadcast_custom_event(self, call: _Call) -> None:
        call.emit("CustomEvent", copy.deepcopy(call.obj("eventData")))

    @_handles("Sleep")
    def _sleep(self, call: _Call) -> None:
        if call.execution_type == 0:
            call.sleep = call.number("sleepMillis", 0, 50000) / 1000
        elif call.execution_type == 1:
            call.sleep = call.number("sleepFrames", 0, 10000) / 60
        else:
            raise _RequestError(RequestStatus.UNSUPPORTED_REQUEST_BATCH_EXECUTION_TYPE)

    # ------------------------------------------------------------------ requests: config

    @_handles("GetSceneCollectionList")
    def _get_scene_collection_list(self, call: _Call) -> dict[str, Any]:
        return {
            "currentSceneCollectionName": self.current_scene_collection,
            "sceneCollections": list(self.scene_collections),
        }

    @_handles("GetProfileList")
    def _get_profile_list(self, call: _Call) -> dict[str, Any]:
        return {"currentProfileName": self.current_profile, "profiles": list(self.profiles)}

    @_handles("GetRecordDirectory")
    def _get_record_directory(self, call: _Call) -> dict[str, Any]:
        return {"recordDirectory": self.record_directory}

    # ------------------------------------------------------------------ requests: scenes

    @_handles("GetSceneList")
    def _get_scene_list(self, call: _Call) -> dict[str, Any]:
        program = self._scenes[self._program]
        preview = self._scenes[self._preview] if self._studio_mode and self._preview else None
        return {
            "currentProgramSceneName": program.name,
            "currentProgramSceneUuid": program.uuid,
            "currentPreviewSceneName": preview.name if preview else None,
            "currentPreviewSceneUuid": preview.uuid if preview else None,
            "scenes": self._scene_list(),
        }

    @_handles("GetCurrentProgramScene")
    def _get_current_program_scene(self, call: _Call) -> dict[str, Any]:
        scene = self._scenes[self._program]
        return {
            "sceneName": scene.name,
            "sceneUuid": scene.uuid,
            "currentProgramSceneName": scene.name,
            "currentProgramSceneUuid": scene.uuid,
        }

    @_handles("SetCurrentProgramScene")
    def _set_current_program_scene(self, call: _Call) -> None:
        scene = self._acquire_scene(call)
        if scene.name != self._program:
            self._program = scene.name
            call.emit(
                "CurrentProgramSceneChanged", {"sceneName": scene.name, "sceneUuid": scene.uuid}
            )

    @_handles("GetCurrentPreviewScene")
    def _get_current_preview_scene(self, call: _Call) -> dict[str, Any]:
        if not self._studio_mode or self._preview is None:
            raise _RequestError(RequestStatus.STUDIO_MODE_NOT_ACTIVE)
        scene = self._scenes[self._preview]
        return {
            "sceneName": scene.name,
            "sceneUuid": scene.uuid,
            "currentPreviewSceneName": scene.name,
            "currentPreviewSceneUuid": scene.uuid,
        }

    @_handles("SetCurrentPreviewScene")
    def _set_current_preview_scene(self, call: _Call) -> None:
        if not self._studio_mode:
            raise _RequestError(RequestStatus.STUDIO_MODE_NOT_ACTIVE)
        scene = self._acquire_scene(call)
        if scene.name != self._preview:
            self._preview = scene.name
            call.emit(
                "CurrentPreviewSceneChanged", {"sceneName": scene.name, "sceneUuid": scene.uuid}
            )

    @_handles("CreateScene")
    def _create_scene(self, call: _Call) -> dict[str, Any]:
        name = call.string("sceneName")
        if name in self._scenes or name in self._inputs:
            raise _RequestError(
                RequestStatus.RESOURCE_ALREADY_EXISTS, "A source already exists by that scene name."
            )
        scene = _Scene(name, str(uuid.uuid4()))
        self._scenes[name] = scene
        call.emit("SceneCreated", {"sceneName": name, "sceneUuid": scene.uuid, "isGroup": False})
        call.emit("SceneListChanged", {"scenes": self._scene_list()})
        return {"sceneUuid": scene.uuid}

    # ------------------------------------------------------------------ requests: inputs

    @_handles("GetInputList")
    def _get_input_list(self, call: _Call) -> dict[str, Any]:
        kind = call.opt_string("inputKind")
        return {
            "inputs": [
                {
                    "inputName": inp.name,
                    "inputUuid": inp.uuid,
                    "inputKind": inp.kind,
                    "unversionedInputKind": _unversioned(inp.kind),
                    "inputKindCaps": self._input_kinds.get(inp.kind, 1),
                }
                for inp in self._inputs.values()
                if kind is None or inp.kind == kind
            ]
        }

    @_handles("GetInputKindList")
    def _get_input_kind_list(self, call: _Call) -> dict[str, Any]:
        unversioned = call.opt_bool("unversioned", False)
        kinds = list(self._input_kinds)
        return {"inputKinds": [_unversioned(k) for k in kinds] if unversioned else kinds}

    @_handles("GetInputSettings")
    def _get_input_settings(self, call: _Call) -> dict[str, Any]:
        inp = self._acquire_input(call)
        return {"inputSettings": copy.deepcopy(inp.settings), "inputKind": inp.kind}

    @_handles("SetInputSettings")
    def _set_input_settings(self, call: _Call) -> None:
        inp = self._acquire_input(call)
        settings = copy.deepcopy(call.obj("inputSettings", allow_empty=True))
        if call.opt_bool("overlay", True):
            inp.settings.update(settings)
        else:
            inp.settings = settings
        call.emit(
            "InputSettingsChanged",
            {
                "inputName": inp.name,
                "inputUuid": inp.uuid,
                "inputSettings": copy.deepcopy(inp.settings),
            },
        )

    @_handles("CreateInput")
    def _create_input(self, call: _Call) -> dict[str, Any]:
        scene = self._acquire_scene(call)
        name = call.string("inputName")
        kind = call.string("inputKind")
        if name in self._inputs or name in self._scenes:
            raise _RequestError(
                RequestStatus.RESOURCE_ALREADY_EXISTS, "A source already exists by that input name."
            )
        if kind not in self._input_kinds:
            raise _RequestError(
                RequestStatus.INVALID_INPUT_KIND,
                "Your specified input kind is not supported by OBS. Check that your specified kind "
                "is properly versioned and that any necessary plugins are loaded.",
            )
        settings = copy.deepcopy(call.opt_obj("inputSettings") or {})
        enabled = call.opt_bool("sceneItemEnabled", True)
        inp = _Input(name, str(uuid.uuid4()), kind, settings)
        self._inputs[name] = inp
        item = _SceneItem(scene.next_item_id, name, enabled=enabled)
        scene.next_item_id += 1
        scene.items.append(item)
        call.emit(
            "InputCreated",
            {
                "inputName": name,
                "inputUuid": inp.uuid,
                "inputKind": kind,
                "unversionedInputKind": _unversioned(kind),
                "inputKindCaps": self._input_kinds[kind],
                "inputSettings": copy.deepcopy(settings),
                "defaultInputSettings": copy.deepcopy(_DEFAULT_INPUT_SETTINGS.get(kind, {})),
            },
        )
        call.emit(
            "SceneItemCreated",
            {
                "sceneName": scene.name,
                "sceneUuid": scene.uuid,
                "sourceName": name,
                "sourceUuid": inp.uuid,
                "sceneItemId": item.item_id,
                "sceneItemIndex": len(scene.items) - 1,
            },
        )
        return {"inputUuid": inp.uuid, "sceneItemId": item.item_id}

    # ------------------------------------------------------------------ requests: scene items

    @_handles("GetSceneItemList")
    def _get_scene_item_list(self, call: _Call) -> dict[str, Any]:
        scene = self._acquire_scene(call)
        items = []
        for index, item in enumerate(scene.items):
            source = self._inputs.get(item.source_name)
            items.append(
                {
                    "sceneItemId": item.item_id,
                    "sceneItemIndex": index,
                    "sceneItemEnabled": item.enabled,
                    "sceneItemLocked": item.locked,
                    "sceneItemTransform": copy.deepcopy(item.transform),
                    "sceneItemBlendMode": "OBS_BLEND_NORMAL",
                    "sourceName": item.source_name,
                    "sourceUuid": source.uuid if source else None,
                    "sourceType": "OBS_SOURCE_TYPE_INPUT",
                    "inputKind": source.kind if source else None,
                    "isGroup": None,
                }
            )
        return {"sceneItems": items}

    @_handles("CreateSceneItem")
    def _create_scene_item(self, call: _Call) -> dict[str, Any]:
        scene = self._acquire_scene(call)
        name = call.string("sourceName")
        if name not in self._inputs and name not in self._scenes:
            raise _RequestError(
                RequestStatus.RESOURCE_NOT_FOUND, f"No source was found by the name of `{name}`."
            )
        if name == scene.name:
            raise _RequestError(
                RequestStatus.CANNOT_ACT, "You cannot create scene item of a scene within itself."
            )
        item = _SceneItem(scene.next_item_id, name, enabled=call.opt_bool("sceneItemEnabled", True))
        scene.next_item_id += 1
        scene.items.append(item)
        source_uuid = (self._inputs.get(name) or self._scenes[name]).uuid
        call.emit(
            "SceneItemCreated",
            {
                "sceneName": scene.name,
                "sceneUuid": scene.uuid,
                "sourceName": name,
                "sourceUuid": source_uuid,
                "sceneItemId": item.item_id,
                "sceneItemIndex": len(scene.items) - 1,
            },
        )
        return {"sceneItemId": item.item_id}

    def _acquire_item(self, call: _Call) -> tuple[_Scene, _SceneItem]:
        scene = self._acquire_scene(call)
        item_id = int(call.number("sceneItemId", 0, 2**31))
        for item in scene.items:
            if item.item_id == item_id:
                return scene, item
        raise _RequestError(
            RequestStatus.RESOURCE_NOT_FOUND,
            f"No scene items were found in the specified scene by that ID `{item_id}`.",
        )

    @_handles("SetSceneItemEnabled")
    def _set_scene_item_enabled(self, call: _Call) -> None:
        scene, item = self._acquire_item(call)
        item.enabled = call.boolean("sceneItemEnabled")
        call.emit(
            "SceneItemEnableStateChanged",
            {
                "sceneName": scene.name,
                "sceneUuid": scene.uuid,
                "sceneItemId": item.item_id,
                "sceneItemEnabled": item.enabled,
            },
        )

    @_handles("SetSceneItemTransform")
    def _set_scene_item_transform(self, call: _Call) -> None:
        _scene, item = self._acquire_item(call)
        change = call.obj("sceneItemTransform")
        unknown = [k for k in change if k not in item.transform]
        if unknown:
            raise _RequestError(
                RequestStatus.INVALID_REQUEST_FIELD, f"Unknown transform field `{unknown[0]}`."
            )
        item.transform.update(change)

    @_handles("GetVideoSettings")
    def _get_video_settings(self, _call: _Call) -> dict[str, Any]:
        w, h = self.canvas
        return {
            "fpsNumerator": 30,
            "fpsDenominator": 1,
            "baseWidth": w,
            "baseHeight": h,
            "outputWidth": w,
            "outputHeight": h,
        }

    # ------------------------------------------------------------------ requests: outputs

    @_handles("GetStreamStatus")
    def _get_stream_status(self, call: _Call) -> dict[str, Any]:
        active, duration, sent = self._output_status("stream")
        return {
            "outputActive": active,
            "outputReconnecting": active and self.stream_reconnecting,
            "outputTimecode": _timecode(duration),
            "outputDuration": duration,
            "outputCongestion": self.stream_congestion if active else 0.0,
            "outputBytes": sent,
            "outputSkippedFrames": self.stream_skipped_frames if active else 0,
            "outputTotalFrames": duration * _STREAM_FPS // 1000,
        }

    @_handles("StartStream")
    def _start_stream(self, call: _Call) -> None:
        self._start_output(call, "stream")

    @_handles("StopStream")
    def _stop_stream(self, call: _Call) -> None:
        self._stop_output(call, "stream")

    @_handles("ToggleStream")
    def _toggle_stream(self, call: _Call) -> dict[str, Any]:
        return {"outputActive": self._toggle_output(call, "stream")}

    @_handles("GetRecordStatus")
    def _get_record_status(self, call: _Call) -> dict[str, Any]:
        active, duration, written = self._output_status("record")
        return {
            "outputActive": active,
            "outputPaused": False,
            "outputTimecode": _timecode(duration),
            "outputDuration": duration,
            "outputBytes": written,
        }

    @_handles("StartRecord")
    def _start_record(self, call: _Call) -> None:
        self._start_output(call, "record")

    @_handles("StopRecord")
    def _stop_record(self, call: _Call) -> dict[str, Any]:
        self._stop_output(call, "record")
        return {"outputPath": self._last_record_path}

    @_handles("ToggleRecord")
    def _toggle_record(self, call: _Call) -> dict[str, Any]:
        return {"outputActive": self._toggle_output(call, "record")}

    def _toggle_output(self, call: _Call, kind: str) -> bool:
        state = self._outputs[kind].state
        if state == OutputState.STARTED:
            self._stop_output(call, kind)
            return False
        if state == OutputState.STOPPED:
            self._start_output(call, kind)
            return True
        return state == OutputState.STARTING  # in transition: nothing to do

    # ------------------------------------------------------------------ requests: ui, studio mode

    @_handles("GetStudioModeEnabled")
    def _get_studio_mode_enabled(self, call: _Call) -> dict[str, Any]:
        return {"studioModeEnabled": self._studio_mode}

    @_handles("SetStudioModeEnabled")
    def _set_studio_mode_enabled(self, call: _Call) -> None:
        enabled = call.boolean("studioModeEnabled")
        if enabled != self._studio_mode:
            self._studio_mode = enabled
            self._preview = self._program if enabled else None
            call.emit("StudioModeStateChanged", {"studioModeEnabled": enabled})

    @_handles("TriggerStudioModeTransition")
    def _trigger_studio_mode_transition(self, call: _Call) -> None:
        if not self._studio_mode or self._preview is None:
            raise _RequestError(RequestStatus.STUDIO_MODE_NOT_ACTIVE)
        if self._preview == self._program:
            return
        # OBS's default "swap preview and program after transition".
        self._program, self._preview = self._preview, self._program
        program, preview = self._scenes[self._program], self._scenes[self._preview]
        call.emit(
            "CurrentProgramSceneChanged", {"sceneName": program.name, "sceneUuid": program.uuid}
        )
        call.emit(
            "CurrentPreviewSceneChanged", {"sceneName": preview.name, "sceneUuid": preview.uuid}
        )


def _select_subprotocol(
    connection: ServerConnection, subprotocols: Sequence[Subprotocol]
) -> Subprotocol | None:
    """Accept clients that ask for no subprotocol (obsws-python) or for ``obswebsocket.json``."""
    json_protocol = Subprotocol("obswebsocket.json")
    return json_protocol if json_protocol in subprotocols else None


def _default_transform() -> dict[str, Any]:
    return {
        "alignment": 5,
        "boundsAlignment": 0,
        "boundsHeight": 0.0,
        "boundsType": "OBS_BOUNDS_NONE",
        "boundsWidth": 0.0,
        "cropBottom": 0,
        "cropLeft": 0,
        "cropRight": 0,
        "cropToBounds": False,
        "cropTop": 0,
        "height": 1080.0,
        "positionX": 0.0,
        "positionY": 0.0,
        "rotation": 0.0,
        "scaleX": 1.0,
        "scaleY": 1.0,
        "sourceHeight": 1080.0,
        "sourceWidth": 1920.0,
        "width": 1920.0,
    }
