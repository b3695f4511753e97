"""ObsClient: typed obs-websocket calls over any transport (live, simulated, guarded)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from studio.obs.base import (
    BatchRequest,
    Health,
    ObsRequestFailed,
    ObsUnavailable,
    OutputStatus,
    Transport,
    Versions,
)
from studio.obs.health import FrameWindow

_STATES = {
    "OBS_WEBSOCKET_OUTPUT_STARTING": "starting",
    "OBS_WEBSOCKET_OUTPUT_STARTED": "started",
    "OBS_WEBSOCKET_OUTPUT_STOPPING": "stopping",
    "OBS_WEBSOCKET_OUTPUT_STOPPED": "stopped",
    "OBS_WEBSOCKET_OUTPUT_RECONNECTING": "reconnecting",
    "OBS_WEBSOCKET_OUTPUT_RECONNECTED": "started",
    "OBS_WEBSOCKET_OUTPUT_PAUSED": "paused",
    "OBS_WEBSOCKET_OUTPUT_RESUMED": "started",
}


def output_state_name(raw: str) -> str:
    return _STATES.get(raw, raw.lower())


def _major(version: str) -> int:
    try:
        return int(version.split(".")[0])
    except ValueError:
        return 0


class ObsClient:
    """The requests the console uses, with OBS's answers turned into small dataclasses."""

    def __init__(self, transport: Transport) -> None:
        self.t = transport

    async def version(self) -> Versions:
        d = await self.t.request("GetVersion")
        v = Versions(
            obs=str(d.get("obsVersion", "?")),
            websocket=str(d.get("obsWebSocketVersion", "?")),
            rpc=int(d.get("rpcVersion", 0)),
            platform=str(d.get("platformDescription") or d.get("platform") or ""),
        )
        if _major(v.websocket) < 5 or v.rpc < 1:
            raise ObsUnavailable(
                f"OBS WebSocket {v.websocket} is too old: version 5 or newer is needed "
                "(OBS 28 or newer).",
                key="obs.too_old",
                params={"version": v.websocket},
            )
        return v

    async def scenes(self) -> list[str]:
        d = await self.t.request("GetSceneList")
        # OBS lists scenes bottom-up (sceneIndex 0 is the last); show them as OBS's dock does.
        items = sorted(d.get("scenes", []), key=lambda s: -int(s.get("sceneIndex", 0)))
        return [str(s["sceneName"]) for s in items]

    async def program_scene(self) -> str:
        d = await self.t.request("GetCurrentProgramScene")
        return str(d.get("sceneName") or d.get("currentProgramSceneName") or "")

    async def set_program_scene(self, name: str) -> None:
        await self.t.request(*scene_request(name))

    async def studio_mode(self) -> bool:
        d = await self.t.request("GetStudioModeEnabled")
        return bool(d.get("studioModeEnabled"))

    async def set_studio_mode(self, enabled: bool) -> None:
        await self.t.request("SetStudioModeEnabled", {"studioModeEnabled": enabled})

    async def preview_scene(self) -> str:
        d = await self.t.request("GetCurrentPreviewScene")
        return str(d.get("sceneName") or d.get("currentPreviewSceneName") or "")

    async def set_preview_scene(self, name: str) -> None:
        await self.t.request("SetCurrentPreviewScene", {"sceneName": name})

    async def take(self) -> None:
        await self.t.request("TriggerStudioModeTransition")

    async def inputs(self) -> dict[str, str]:
        d = await self.t.request("GetInputList")
        return {str(i["inputName"]): str(i.get("inputKind", "")) for i in d.get("inputs", [])}

    async def set_text(self, input_name: str, text: str) -> None:
        await self.t.request(*text_request(input_name, text))

    async def batch(
        self, requests: Sequence[BatchRequest]
    ) -> list[dict[str, Any] | ObsRequestFailed]:
        """Requests in one round trip, in order; a failure does not stop the rest."""
        return await self.t.request_batch(requests)

    async def get_text(self, input_name: str) -> str:
        d = await self.t.request("GetInputSettings", {"inputName": input_name})
        return str((d.get("inputSettings") or {}).get("text", ""))

    async def create_scene(self, name: str) -> None:
        await self.t.request("CreateScene", {"sceneName": name})

    async def create_text_input(
        self,
        scene: str,
        name: str,
        kind: str,
        text: str = "",
        *,
        size: int | None = None,
        visible: bool = True,
    ) -> int:
        """Create a text input with its first scene item in `scene`; returns the item's id."""
        settings: dict[str, Any] = {"text": text}
        if size is not None:
            # The same font object for FreeType 2 (Linux, macOS) and GDI+ (Windows) text.
            settings |= {
                "font": {"face": "Arial", "flags": 0, "size": size, "style": "Regular"},
                "outline": True,
                "drop_shadow": True,
            }
        d = await self.t.request(
            "CreateInput",
            {
                "sceneName": scene,
                "inputName": name,
                "inputKind": kind,
                "inputSettings": settings,
                "sceneItemEnabled": visible,
            },
        )
        return int(d.get("sceneItemId") or 0)

    async def add_to_scene(self, scene: str, source: str, *, visible: bool = True) -> int:
        """Show an existing source in one more scene; returns the new scene item's id."""
        d = await self.t.request(
            "CreateSceneItem",
            {"sceneName": scene, "sourceName": source, "sceneItemEnabled": visible},
        )
        return int(d.get("sceneItemId") or 0)

    async def place_item(
        self, scene: str, item_id: int, position: tuple[float, float], alignment: int
    ) -> None:
        await self.t.request(
            "SetSceneItemTransform",
            {
                "sceneName": scene,
                "sceneItemId": item_id,
                "sceneItemTransform": {
                    "positionX": position[0],
                    "positionY": position[1],
                    "alignment": alignment,
                },
            },
        )

    async def canvas(self) -> tuple[int, int]:
        d = await self.t.request("GetVideoSettings")
        return int(d.get("baseWidth") or 0), int(d.get("baseHeight") or 0)

    async def start_stream(self) -> None:
        await self.t.request("StartStream")

    async def stop_stream(self) -> None:
        await self.t.request("StopStream")

    async def start_record(self) -> None:
        await self.t.request("StartRecord")

    async def stop_record(self) -> None:
        await self.t.request("StopRecord")

    async def stream_status(self) -> OutputStatus:
        return _output(await self.t.request("GetStreamStatus"))

    async def record_status(self) -> OutputStatus:
        return _output(await self.t.request("GetRecordStatus"))

    async def stats(self) -> dict[str, Any]:
        return await self.t.request("GetStats")


def text_request(input_name: str, text: str) -> BatchRequest:
    """The request that sets a text input's text, keeping its other settings."""
    return (
        "SetInputSettings",
        {"inputName": input_name, "inputSettings": {"text": text}, "overlay": True},
    )


def scene_request(name: str) -> BatchRequest:
    """The request that puts a scene on program."""
    return ("SetCurrentProgramScene", {"sceneName": name})


def _output(d: dict[str, Any]) -> OutputStatus:
    active = bool(d.get("outputActive"))
    state = "reconnecting" if d.get("outputReconnecting") else ("started" if active else "stopped")
    return OutputStatus(
        active=active,
        state=state,
        duration_ms=int(d.get("outputDuration") or 0),
        congestion=float(d.get("outputCongestion") or 0.0),
        bytes=int(d.get("outputBytes") or 0),
        skipped_frames=int(d.get("outputSkippedFrames") or 0),
        total_frames=int(d.get("outputTotalFrames") or 0),
        timecode=str(d.get("outputTimecode") or ""),
    )


def health_from(
    stats: dict[str, Any],
    stream: OutputStatus,
    prev: tuple[float, int] | None,
    now: float,
    frames: FrameWindow,
) -> tuple[Health, tuple[float, int]]:
    """Health from GetStats and GetStreamStatus: bitrate from the byte delta since `prev` (the
    last poll), skipped frames over `frames`' window."""
    bitrate = None
    if prev is not None and stream.active and now > prev[0] and stream.bytes >= prev[1] > 0:
        bitrate = (stream.bytes - prev[1]) * 8 / 1000 / (now - prev[0])
    render_pct, output_pct = frames.add(
        now,
        int(stats.get("renderSkippedFrames") or 0),
        int(stats.get("renderTotalFrames") or 0),
        int(stats.get("outputSkippedFrames") or 0),
        int(stats.get("outputTotalFrames") or 0),
    )
    health = Health(
        active_fps=float(stats.get("activeFps") or 0.0),
        cpu=float(stats.get("cpuUsage") or 0.0),
        render_skipped_pct=render_pct,
        output_skipped_pct=output_pct,
        congestion=stream.congestion,
        bitrate_kbps=bitrate,
        stream_duration_s=stream.duration_ms / 1000,
        memory_mb=float(stats.get("memoryUsage") or 0.0),
    )
    return health, (now, stream.bytes if stream.active else 0)
