"""LiveObs: a transport to real OBS over obsws-python.

obsws-python is blocking and its ReqClient matches answers to requests by order, not by id, so
every call, connect included, runs on one dedicated worker thread. After a timeout the client is
thrown away: a late answer would otherwise be read as the answer to the next request. The
EventClient runs its own thread and says nothing when the socket drops; a watcher thread joins it
and reports the loss onto the asyncio loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

# obsws-python ships no type information (no py.typed, no stubs package): its names are Any here.
import obsws_python as obsws  # type: ignore[import-untyped]
from obsws_python.error import (  # type: ignore[import-untyped]
    OBSSDKError,
    OBSSDKRequestError,
    OBSSDKTimeoutError,
)
from websocket import WebSocketException, WebSocketTimeoutException

from studio.obs.base import (
    LOST_CLOSED,
    LOST_CONNECTION,
    LOST_TIMEOUT,
    BatchRequest,
    EventHandler,
    LinkMessage,
    LostHandler,
    ObsRequestFailed,
    ObsUnavailable,
    request_failed,
)

log = logging.getLogger("studio.obs.live")

# obsws-python logs connection parameters, password included, at INFO, and request failures
# with tracebacks at ERROR: the link reports both in its own words instead.
logging.getLogger("obsws_python").setLevel(logging.CRITICAL)
# websocket-client logs a peer's normal close (1001, OBS quitting) at ERROR; the link reports it.
logging.getLogger("websocket").setLevel(logging.CRITICAL)

EVENTS = (
    "CurrentProgramSceneChanged",
    "CurrentPreviewSceneChanged",
    "StudioModeStateChanged",
    "SceneCreated",
    "SceneRemoved",
    "SceneNameChanged",
    "InputCreated",
    "InputRemoved",
    "InputNameChanged",
    "StreamStateChanged",
    "RecordStateChanged",
    "ExitStarted",
)
# General | Config | Scenes | Inputs | Outputs | Ui
SUBSCRIPTIONS = 1 | 2 | 4 | 8 | 64 | 1024


def _snake(name: str) -> str:
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i:
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


class LiveObs:
    """Transport to OBS at host:port. The password is held, never logged or repr'd."""

    simulated = False

    def __init__(self, host: str, port: int, password: str | None, timeout: float = 1.5) -> None:
        self.host = host
        self.port = port
        self._password = password or ""
        self.timeout = timeout
        self.describe = f"{host}:{port}"
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="obs-requests")
        self._req: obsws.ReqClient | None = None
        self._events: obsws.EventClient | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._on_event: EventHandler = lambda _t, _d: None
        self._on_lost: LostHandler = lambda _why: None
        self._generation = 0

    def __repr__(self) -> str:
        return f"LiveObs({self.host!r}, {self.port})"

    @property
    def connected(self) -> bool:
        return self._req is not None

    def set_handlers(self, on_event: EventHandler, on_lost: LostHandler) -> None:
        self._on_event, self._on_lost = on_event, on_lost

    async def connect(self) -> None:
        self._loop = asyncio.get_running_loop()
        await self._loop.run_in_executor(self._pool, self._connect_sync)

    async def close(self) -> None:
        # Close the sockets from here, not through the worker: the worker may be stuck in a
        # recv() on a hung OBS, and closing the socket is what unblocks it.
        self._drop_sync()
        await asyncio.sleep(0)

    async def request(
        self, request_type: str, data: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._request_sync, request_type, data)

    async def request_batch(
        self, requests: Sequence[BatchRequest]
    ) -> list[dict[str, Any] | ObsRequestFailed]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._batch_sync, list(requests))

    def shutdown(self) -> None:
        """Release the worker thread (after close)."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    # ---- worker thread --------------------------------------------------------------------
    def _connect_sync(self) -> None:
        self._drop_sync()
        where = f"{self.host}:{self.port}"
        try:
            req = obsws.ReqClient(
                host=self.host, port=self.port, password=self._password, timeout=self.timeout
            )
        except Exception as exc:
            raise ObsUnavailable.from_message(self._explain_connect(exc, where)) from None
        try:
            events = obsws.EventClient(
                host=self.host,
                port=self.port,
                password=self._password,
                timeout=self.timeout,
                subs=SUBSCRIPTIONS,
            )
        except Exception as exc:
            _quiet_close(req)
            raise ObsUnavailable.from_message(self._explain_connect(exc, where)) from None
        self._generation += 1
        generation = self._generation
        events.callback.register(self._callbacks())
        self._req, self._events = req, events
        threading.Thread(
            target=self._watch, args=(events, generation), name="obs-event-watch", daemon=True
        ).start()
        log.info("connected to OBS at %s", where)

    def _explain_connect(self, exc: BaseException, where: str) -> LinkMessage:
        at = {"where": where}
        if isinstance(exc, ConnectionRefusedError):
            return LinkMessage(
                "obs.refused",
                at,
                f"OBS is not reachable at {where}: connection refused "
                "(is OBS running with its WebSocket server on?).",
            )
        if isinstance(exc, OBSSDKTimeoutError | TimeoutError | WebSocketTimeoutException):
            return LinkMessage(
                "obs.timeout", at, f"OBS at {where} did not answer in time (is it frozen?)."
            )
        if isinstance(exc, OBSSDKError):
            text = str(exc)
            if "no password" in text:
                return LinkMessage(
                    "obs.no_password",
                    at,
                    f"OBS at {where} asks for a password and none is set (OBS_WEBSOCKET_PASSWORD).",
                )
            return LinkMessage(
                "obs.bad_password",
                at,
                f"OBS at {where} refused the connection: wrong WebSocket password?",
            )
        if isinstance(exc, WebSocketException):
            return LinkMessage(
                "obs.closed_on_connect",
                at,
                f"OBS at {where} closed the connection: wrong WebSocket password?",
            )
        if isinstance(exc, json.JSONDecodeError | KeyError | ValueError):
            return LinkMessage(
                "obs.not_v5",
                at,
                f"The server at {where} does not speak obs-websocket 5 (OBS 28 or newer needed).",
            )
        if isinstance(exc, OSError):
            why = exc.strerror or str(exc)
            return LinkMessage(
                "obs.unreachable",
                {"where": where, "why": why},
                f"OBS is not reachable at {where}: {why}.",
            )
        name = type(exc).__name__
        return LinkMessage(
            "obs.connect_failed",
            {"where": where, "error": name},
            f"Could not connect to OBS at {where}: {name}.",
        )

    def _request_sync(self, request_type: str, data: dict[str, Any] | None) -> dict[str, Any]:
        req = self._session()
        try:
            result = req.send(request_type, data or None, raw=True)
        except OBSSDKRequestError as exc:
            raise request_failed(request_type, exc.code, None, data or {}) from None
        except Exception as exc:
            raise self._lost_during(exc) from None
        return dict(result or {})

    def _batch_sync(
        self, requests: Sequence[BatchRequest]
    ) -> list[dict[str, Any] | ObsRequestFailed]:
        # obsws-python has no batch call; its socket is ours on this thread, and the request
        # client subscribes to no events, so the next frame on it is this batch's answer.
        ws = self._session().base_client.ws
        batch_id = uuid.uuid4().hex
        payload = {
            "op": 8,
            "d": {
                "requestId": batch_id,
                "haltOnFailure": False,
                "executionType": 0,  # SerialRealtime: in order, as separate requests would be
                "requests": [
                    {"requestType": t, "requestId": str(i), "requestData": d}
                    for i, (t, d) in enumerate(requests)
                ],
            },
        }
        try:
            ws.send(json.dumps(payload))
            answer = json.loads(ws.recv())
            if answer.get("op") != 9 or answer["d"].get("requestId") != batch_id:
                raise ValueError("not this batch's response")
            results = list(answer["d"].get("results") or [])
            if len(results) != len(requests):  # not halted on failure: one result each
                raise ValueError("a result missing from the batch's response")
        except Exception as exc:
            raise self._lost_during(exc) from None
        out: list[dict[str, Any] | ObsRequestFailed] = []
        for i, (request_type, data) in enumerate(requests):
            r = results[i]
            status = r.get("requestStatus") or {}
            if status.get("result"):
                out.append(dict(r.get("responseData") or {}))
            else:
                code = int(status.get("code") or 0)
                out.append(request_failed(request_type, code, status.get("comment"), data))
        return out

    def _session(self) -> obsws.ReqClient:
        req = self._req
        if req is None:
            where = f"{self.host}:{self.port}"
            raise ObsUnavailable(
                f"Not connected to OBS at {where}.",
                key="obs.not_connected",
                params={"where": where},
            )
        return req

    def _lost_during(self, exc: BaseException) -> ObsUnavailable:
        """A request that failed on the socket: the session is dropped and reported lost (a
        late answer must never be read as the next request's)."""
        where = f"{self.host}:{self.port}"
        timed_out = isinstance(exc, OBSSDKTimeoutError | TimeoutError | WebSocketTimeoutException)
        why = LOST_TIMEOUT if timed_out else LOST_CONNECTION
        self._drop_sync()
        self._report_lost(why)
        return ObsUnavailable(
            f"OBS at {where}: {why}.",
            key="obs.request_timeout" if timed_out else "obs.request_lost",
            params={"where": where},
        )

    def _drop_sync(self) -> None:
        req, events = self._req, self._events
        self._req = self._events = None
        self._generation += 1
        if req is not None:
            _quiet_close(req)
        if events is not None:
            _abort(events.base_client.ws)

    def _watch(self, events: obsws.EventClient, generation: int) -> None:
        events.worker.join()
        if generation == self._generation:
            self._report_lost(LOST_CLOSED)

    def _report_lost(self, why: str) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._on_lost, why)

    def _callbacks(self) -> list[Any]:
        def make(event_type: str) -> Any:
            def handler(data: Any) -> None:
                payload = {_camel(k): getattr(data, k) for k in data.attrs()}
                loop = self._loop
                if loop is not None and not loop.is_closed():
                    loop.call_soon_threadsafe(self._on_event, event_type, payload)

            # obsws-python dispatches on the function's name, not on a registration key.
            handler.__name__ = f"on_{_snake(event_type)}"
            return handler

        return [make(e) for e in EVENTS]


def _camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(p.title() for p in rest)


def _quiet_close(req: obsws.ReqClient) -> None:
    _abort(req.base_client.ws)


def _abort(ws: Any) -> None:
    """Drop a websocket at once. ws.close() would wait up to 3 s for the peer's close frame,
    which a hung OBS never sends; abort() also wakes a thread blocked in recv()."""
    with contextlib.suppress(Exception):
        ws.abort()
    with contextlib.suppress(Exception):
        ws.shutdown()
