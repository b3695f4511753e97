"""SimulatedObs: an in-process OBS for dry-run. Nothing leaves the process.

It answers the same obs-websocket requests with the same shapes as real OBS: scenes, program and
preview, studio mode, text inputs, stream and record going through starting -> started ->
stopping -> stopped, and stats. `kill()` and `revive()` let rehearsals and tests lose OBS.
"""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid
from collections.abc import Sequence
from typing import Any

from studio.obs.base import (
    LOST_CLOSED,
    OUTPUT_NOT_RUNNING,
    OUTPUT_RUNNING,
    RESOURCE_ALREADY_EXISTS,
    RESOURCE_NOT_FOUND,
    STUDIO_MODE_NOT_ACTIVE,
    BatchRequest,
    EventHandler,
    LostHandler,
    ObsRequestFailed,
    ObsUnavailable,
    request_failed,
)

OUTPUT_DELAY = 0.05  # seconds spent in starting/stopping, as real outputs take a moment
# Requests kept in `requests` for tests and rehearsals to look at: the newest, between half of
# this and this many. A dry-run sends a few every second (the timer texts, the health poll), so
# keeping them all grew the console by megabytes per show hour.
REQUEST_LOG = 10_000
SIM_BITRATE_BPS = 6_000_000 / 8


class SimulatedObs:
    """A pretend OBS with the scenes and inputs it is given (by default, none missing)."""

    simulated = True
    describe = "simulated OBS"

    def __init__(
        self,
        scenes: list[str] | None = None,
        inputs: dict[str, str] | None = None,
        *,
        obs_version: str = "30.2.3",
        websocket_version: str = "5.5.4",
    ) -> None:
        self.scenes: list[str] = list(scenes or ["Scene"])
        self.inputs: dict[str, dict[str, Any]] = {
            name: {"kind": kind, "settings": {}} for name, kind in (inputs or {}).items()
        }
        self.program = self.scenes[0]
        self.preview = self.scenes[0]
        self.studio_mode = False
        self.versions = (obs_version, websocket_version)
        self.alive = True
        self.requests: list[tuple[str, dict[str, Any]]] = []  # the newest (see REQUEST_LOG)
        self._connected = False
        self._on_event: EventHandler = lambda _t, _d: None
        self._on_lost: LostHandler = lambda _why: None
        self._outputs: dict[str, dict[str, Any]] = {
            "stream": {"state": "OBS_WEBSOCKET_OUTPUT_STOPPED", "since": None},
            "record": {"state": "OBS_WEBSOCKET_OUTPUT_STOPPED", "since": None},
        }
        self._frames = itertools.count()
        self._t0 = time.monotonic()

    @property
    def connected(self) -> bool:
        return self._connected

    def set_handlers(self, on_event: EventHandler, on_lost: LostHandler) -> None:
        self._on_event, self._on_lost = on_event, on_lost

    async def connect(self) -> None:
        await asyncio.sleep(0)
        if not self.alive:
            raise ObsUnavailable("Simulated OBS is down.", key="obs.simulated_down")
        self._connected = True

    async def close(self) -> None:
        self._connected = False

    # ---- test and rehearsal controls ------------------------------------------------------
    def kill(self) -> None:
        """OBS crashes: the session drops and new connections fail until `revive()`."""
        self.alive = False
        if self._connected:
            self._connected = False
            asyncio.get_running_loop().call_soon(self._on_lost, LOST_CLOSED)

    def revive(self) -> None:
        self.alive = True

    def switch_by_hand(self, scene: str) -> None:
        """What a technician clicking a scene in OBS does."""
        self.program = scene
        self._emit("CurrentProgramSceneChanged", {"sceneName": scene, "sceneUuid": _uuid(scene)})

    # ---- requests ---------------------------------------------------------------------------
    async def request(
        self, request_type: str, data: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        data = dict(data or {})
        if not self._connected:
            raise ObsUnavailable(
                "Not connected to simulated OBS.", key="obs.simulated_not_connected"
            )
        self._log(request_type, data)
        await asyncio.sleep(0)
        handler = getattr(self, f"_r_{request_type}", None)
        if handler is None:
            raise ObsRequestFailed(
                f"OBS does not know the request {request_type}.",
                204,
                key="obs.unknown_request",
                params={"request": request_type},
            )
        return handler(data) or {}

    async def request_batch(
        self, requests: Sequence[BatchRequest]
    ) -> list[dict[str, Any] | ObsRequestFailed]:
        if not self._connected:
            raise ObsUnavailable(
                "Not connected to simulated OBS.", key="obs.simulated_not_connected"
            )
        await asyncio.sleep(0)
        results: list[dict[str, Any] | ObsRequestFailed] = []
        # One turn of the loop for the whole batch, as OBS runs a batch in one go.
        for request_type, data in requests:
            data = dict(data or {})
            self._log(request_type, data)
            handler = getattr(self, f"_r_{request_type}", None)
            if handler is None:
                results.append(
                    ObsRequestFailed(
                        f"OBS does not know the request {request_type}.",
                        204,
                        key="obs.unknown_request",
                        params={"request": request_type},
                    )
                )
                continue
            try:
                results.append(handler(data) or {})
            except ObsRequestFailed as exc:
                results.append(exc)
        return results

    def _log(self, request_type: str, data: dict[str, Any]) -> None:
        self.requests.append((request_type, data))
        if len(self.requests) > REQUEST_LOG:  # drop the older half: O(1) per request overall
            del self.requests[: len(self.requests) - REQUEST_LOG // 2]

    def _fail(self, request_type: str, code: int, data: dict[str, Any]) -> ObsRequestFailed:
        return request_failed(request_type, code, None, data)

    def _need_scene(self, request_type: str, data: dict[str, Any]) -> str:
        name = data.get("sceneName")
        if name not in self.scenes:
            raise self._fail(request_type, RESOURCE_NOT_FOUND, data)
        return str(name)

    def _emit(self, event_type: str, data: dict[str, Any]) -> None:
        asyncio.get_running_loop().call_soon(self._deliver, event_type, data)

    def _deliver(self, event_type: str, data: dict[str, Any]) -> None:
        if self._connected:
            self._on_event(event_type, data)

    def _r_GetVersion(self, _d: dict[str, Any]) -> dict[str, Any]:
        return {
            "obsVersion": self.versions[0],
            "obsWebSocketVersion": self.versions[1],
            "rpcVersion": 1,
            "platform": "simulated",
            "platformDescription": "Studio Console dry-run",
            "availableRequests": sorted(n[3:] for n in dir(self) if n.startswith("_r_")),
        }

    def _r_GetStats(self, _d: dict[str, Any]) -> dict[str, Any]:
        frames = int((time.monotonic() - self._t0) * 30)
        return {
            "cpuUsage": 3.5,
            "memoryUsage": 210.0,
            "activeFps": 30.0,
            "averageFrameRenderTime": 1.2,
            "renderSkippedFrames": 0,
            "renderTotalFrames": frames,
            "outputSkippedFrames": 0,
            "outputTotalFrames": frames,
        }

    def _r_GetSceneList(self, _d: dict[str, Any]) -> dict[str, Any]:
        return {
            "currentProgramSceneName": self.program,
            "currentPreviewSceneName": self.preview if self.studio_mode else None,
            "scenes": [
                {"sceneName": s, "sceneIndex": len(self.scenes) - 1 - i, "sceneUuid": _uuid(s)}
                for i, s in enumerate(self.scenes)
            ],
        }

    def _r_GetCurrentProgramScene(self, _d: dict[str, Any]) -> dict[str, Any]:
        return {"sceneName": self.program, "currentProgramSceneName": self.program}

    def _r_SetCurrentProgramScene(self, d: dict[str, Any]) -> None:
        name = self._need_scene("SetCurrentProgramScene", d)
        if name != self.program:
            self.program = name
            self._emit("CurrentProgramSceneChanged", {"sceneName": name, "sceneUuid": _uuid(name)})

    def _r_GetCurrentPreviewScene(self, _d: dict[str, Any]) -> dict[str, Any]:
        if not self.studio_mode:
            raise self._fail("GetCurrentPreviewScene", STUDIO_MODE_NOT_ACTIVE, {})
        return {"sceneName": self.preview, "currentPreviewSceneName": self.preview}

    def _r_SetCurrentPreviewScene(self, d: dict[str, Any]) -> None:
        if not self.studio_mode:
            raise self._fail("SetCurrentPreviewScene", STUDIO_MODE_NOT_ACTIVE, d)
        self.preview = self._need_scene("SetCurrentPreviewScene", d)
        self._emit("CurrentPreviewSceneChanged", {"sceneName": self.preview})

    def _r_GetStudioModeEnabled(self, _d: dict[str, Any]) -> dict[str, Any]:
        return {"studioModeEnabled": self.studio_mode}

    def _r_SetStudioModeEnabled(self, d: dict[str, Any]) -> None:
        self.studio_mode = bool(d.get("studioModeEnabled"))
        self._emit("StudioModeStateChanged", {"studioModeEnabled": self.studio_mode})

    def _r_TriggerStudioModeTransition(self, _d: dict[str, Any]) -> None:
        if not self.studio_mode:
            raise self._fail("TriggerStudioModeTransition", STUDIO_MODE_NOT_ACTIVE, {})
        self.program, self.preview = self.preview, self.program
        self._emit("CurrentProgramSceneChanged", {"sceneName": self.program})

    def _r_CreateScene(self, d: dict[str, Any]) -> dict[str, Any]:
        name = str(d.get("sceneName") or "")
        if name in self.scenes:
            raise self._fail("CreateScene", RESOURCE_ALREADY_EXISTS, d)
        self.scenes.append(name)
        self._emit("SceneCreated", {"sceneName": name, "isGroup": False})
        return {"sceneUuid": _uuid(name)}

    def _r_GetInputList(self, d: dict[str, Any]) -> dict[str, Any]:
        kind = d.get("inputKind")
        return {
            "inputs": [
                {"inputName": n, "inputKind": v["kind"], "unversionedInputKind": v["kind"]}
                for n, v in self.inputs.items()
                if kind is None or v["kind"] == kind
            ]
        }

    def _r_GetInputSettings(self, d: dict[str, Any]) -> dict[str, Any]:
        name = d.get("inputName")
        if name not in self.inputs:
            raise self._fail("GetInputSettings", RESOURCE_NOT_FOUND, d)
        spec = self.inputs[str(name)]
        return {"inputSettings": dict(spec["settings"]), "inputKind": spec["kind"]}

    def _r_SetInputSettings(self, d: dict[str, Any]) -> None:
        name = d.get("inputName")
        if name not in self.inputs:
            raise self._fail("SetInputSettings", RESOURCE_NOT_FOUND, d)
        settings = self.inputs[str(name)]["settings"]
        if d.get("overlay", True):
            settings.update(d.get("inputSettings") or {})
        else:
            self.inputs[str(name)]["settings"] = dict(d.get("inputSettings") or {})

    def _r_CreateInput(self, d: dict[str, Any]) -> dict[str, Any]:
        self._need_scene("CreateInput", d)
        name = str(d.get("inputName") or "")
        if name in self.inputs:
            raise self._fail("CreateInput", RESOURCE_ALREADY_EXISTS, d)
        self.inputs[name] = {
            "kind": d.get("inputKind"),
            "settings": dict(d.get("inputSettings") or {}),
        }
        self._emit("InputCreated", {"inputName": name, "inputKind": d.get("inputKind")})
        return {"inputUuid": _uuid(name), "sceneItemId": len(self.inputs)}

    def _output_status(self, key: str) -> dict[str, Any]:
        out = self._outputs[key]
        active = out["state"] in ("OBS_WEBSOCKET_OUTPUT_STARTED", "OBS_WEBSOCKET_OUTPUT_STOPPING")
        ms = int((time.monotonic() - out["since"]) * 1000) if active and out["since"] else 0
        return {
            "outputActive": active,
            "outputReconnecting": False,
            "outputTimecode": f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:"
            f"{ms // 1000 % 60:02d}.{ms % 1000:03d}",
            "outputDuration": ms,
            "outputCongestion": 0.0,
            "outputBytes": int(ms / 1000 * SIM_BITRATE_BPS),
            "outputSkippedFrames": 0,
            "outputTotalFrames": ms * 30 // 1000,
        }

    def _r_GetStreamStatus(self, _d: dict[str, Any]) -> dict[str, Any]:
        return self._output_status("stream")

    def _r_GetRecordStatus(self, _d: dict[str, Any]) -> dict[str, Any]:
        status = self._output_status("record")
        status["outputPaused"] = False
        return status

    def _start(self, key: str, event: str, request_type: str) -> None:
        out = self._outputs[key]
        if out["state"] != "OBS_WEBSOCKET_OUTPUT_STOPPED":
            raise self._fail(request_type, OUTPUT_RUNNING, {})
        self._set_output(key, event, "OBS_WEBSOCKET_OUTPUT_STARTING")
        asyncio.get_running_loop().call_later(
            OUTPUT_DELAY, self._set_output, key, event, "OBS_WEBSOCKET_OUTPUT_STARTED"
        )

    def _stop(self, key: str, event: str, request_type: str) -> None:
        out = self._outputs[key]
        if out["state"] != "OBS_WEBSOCKET_OUTPUT_STARTED":
            raise self._fail(request_type, OUTPUT_NOT_RUNNING, {})
        self._set_output(key, event, "OBS_WEBSOCKET_OUTPUT_STOPPING")
        asyncio.get_running_loop().call_later(
            OUTPUT_DELAY, self._set_output, key, event, "OBS_WEBSOCKET_OUTPUT_STOPPED"
        )

    def _set_output(self, key: str, event: str, state: str) -> None:
        out = self._outputs[key]
        out["state"] = state
        if state == "OBS_WEBSOCKET_OUTPUT_STARTED":
            out["since"] = time.monotonic()
        active = state in ("OBS_WEBSOCKET_OUTPUT_STARTED", "OBS_WEBSOCKET_OUTPUT_STOPPING")
        data: dict[str, Any] = {"outputActive": active, "outputState": state}
        if key == "record" and state == "OBS_WEBSOCKET_OUTPUT_STOPPED":
            data["outputPath"] = "/dev/null/simulated.mkv"
        self._emit(event, data)

    def _r_StartStream(self, _d: dict[str, Any]) -> None:
        self._start("stream", "StreamStateChanged", "StartStream")

    def _r_StopStream(self, _d: dict[str, Any]) -> None:
        self._stop("stream", "StreamStateChanged", "StopStream")

    def _r_StartRecord(self, _d: dict[str, Any]) -> None:
        self._start("record", "RecordStateChanged", "StartRecord")

    def _r_StopRecord(self, _d: dict[str, Any]) -> dict[str, Any]:
        self._stop("record", "RecordStateChanged", "StopRecord")
        return {"outputPath": "/dev/null/simulated.mkv"}

    def output_state(self, key: str) -> str:
        return str(self._outputs[key]["state"])


def _uuid(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"obs-scene:{name}"))
