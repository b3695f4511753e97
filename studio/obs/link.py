"""ObsLink: the supervised connection the console and the director use.

It connects, watches the session (events plus a heartbeat request every half second, so a dead
OBS is noticed within 2 s), reconnects with backoff capped at 1.5 s (so the link is back within
2 s of OBS reopening its port: one wait plus the handshake), and on every reconnect re-reads
OBS and re-applies what the current cue wants, unless the technician switched the scene by hand
since that cue. Automated scene switches are confirmed by OBS's CurrentProgramSceneChanged event
within 500 ms or reported unconfirmed. The show never waits for any of it.

What it tells the operator ("log" and "error" notifications, `Snapshot.last_error_message`) is a
`LinkMessage`: the English text plus a key and arguments the console translates.

This module holds the supervision (connect, heartbeat, reconnect, OBS's events) and the cue's
way to OBS (texts, confirmed scene switches). The rest of the link lives beside it: what it
knows (studio/obs/snapshot.py), what its parts share (studio/obs/linkcore.py), stream and record
(studio/obs/outputs.py), and the technician's manual override (studio/obs/override.py). Their
public names are importable from here, where the console and the director look for them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import Any

from studio import facts
from studio.obs.base import (
    LOST_CONNECTION,
    LOST_EXITING,
    Desired,
    LinkMessage,
    ObsError,
    ObsRequestFailed,
    ObsUnavailable,
    Transport,
    lost_message,
)
from studio.obs.client import health_from, scene_request, text_request
from studio.obs.health import FrameWindow, IncidentTracker, health_levels
from studio.obs.linkcore import Listener, Recorder
from studio.obs.outputs import OutputControl
from studio.obs.override import ManualControl
from studio.obs.snapshot import LinkState, Snapshot, Switch

# The same logger as the link's other parts (studio/obs/linkcore.py): one subsystem in the log.
log = logging.getLogger("studio.obs.link")

__all__ = [
    "Desired",
    "LinkMessage",
    "LinkState",
    "Listener",
    "ObsLink",
    "Recorder",
    "Snapshot",
    "Switch",
]


class ObsLink(ManualControl, OutputControl):
    """Supervises one transport. Call `start()` on a running asyncio loop."""

    def __init__(
        self,
        transport: Transport,
        *,
        heartbeat: float = 0.5,
        heartbeat_timeout: float = 1.0,
        backoff_start: float = 0.25,
        backoff_cap: float = 1.5,
        confirm_timeout: float = 0.5,
        health_settle: float = 5.0,
        record: Recorder | None = None,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(transport, record)
        self.heartbeat = heartbeat
        self.heartbeat_timeout = heartbeat_timeout
        self.backoff_start = backoff_start
        self.backoff_cap = backoff_cap
        self.confirm_timeout = confirm_timeout
        self._task: asyncio.Task[None] | None = None
        self._lost = asyncio.Event()
        self._wake = asyncio.Event()
        self._pending: dict[str, tuple[float, asyncio.Future[float]]] = {}
        self._bytes_prev: tuple[float, int] | None = None
        self.incidents = IncidentTracker(health_settle)
        self._now = now  # the show clock, for the times of health incidents
        self._frames = FrameWindow()
        self._down_since: float | None = None
        self._stopping = False
        self._last_texts: dict[str, str] = {}
        self._apply_lock = asyncio.Lock()
        self._logged_state: tuple[LinkState, str | None] | None = None  # see _log_state
        transport.set_handlers(self._on_event, self._on_lost)

    # ---- state --------------------------------------------------------------------------------
    def _set_state(self, state: LinkState, error: LinkMessage | None = None) -> None:
        changed = state != self.snap.state or (
            error is not None and error.text != self.snap.last_error
        )
        self.snap.state = state
        if error is not None:
            self.snap.last_error_message = error
        self._log_state()
        if changed:
            self._emit("state", self.snap)

    def _log_state(self) -> None:
        """One line in the log file per change of the link's state, naming the reason; a retry
        that fails the same way again writes nothing (the screen still shows every attempt).

        ONLINE and a lost session are not written here: the "Connected to OBS" / "OBS is back"
        and "Lost OBS" lines already say so. The reasons are the operator's sentences, which
        never hold the password."""
        state, why = self.snap.state, self.snap.last_error
        if state is LinkState.CONNECTING and why is not None:
            state = LinkState.OFFLINE  # another try after a failed first connect
        if state in (LinkState.ONLINE, LinkState.STOPPED):
            why = None
        if (state, why) == self._logged_state:
            return
        self._logged_state = (state, why)
        if state is LinkState.CONNECTING:
            log.info("OBS link connecting to %s", self.transport.describe)
        elif state is LinkState.STOPPED:
            log.info("OBS link stopped")
        elif state is not LinkState.ONLINE:
            log.warning("OBS link %s: %s", state.value, why or "-")

    # ---- lifecycle ----------------------------------------------------------------------------
    def start(self) -> None:
        if self._task is None or self._task.done():
            self._stopping = False
            self._task = asyncio.get_running_loop().create_task(self._supervise(), name="obs-link")

    async def stop(self) -> None:
        self._record_health(self.incidents.close_all(self._now()))
        self._stopping = True
        self._wake.set()
        self._lost.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        with contextlib.suppress(ObsError):
            await self.transport.close()
        self._set_state(LinkState.STOPPED)

    def reconnect_now(self) -> None:
        """Operator asked to retry: skip the remaining backoff, or restart a stopped link."""
        if self._task is None or self._task.done():
            self.start()
        self._wake.set()

    async def _supervise(self) -> None:
        backoff = self.backoff_start
        first = True
        while not self._stopping:
            self._set_state(LinkState.CONNECTING if first else LinkState.RECONNECTING)
            try:
                await self.transport.connect()
                await self._on_connected()
            except ObsError as exc:
                with contextlib.suppress(ObsError):
                    await self.transport.close()
                self._set_state(
                    LinkState.OFFLINE if first else LinkState.RECONNECTING, exc.as_message()
                )
                self._error(exc)
                await self._sleep(backoff)
                backoff = min(backoff * 2, self.backoff_cap)
                continue
            first = False
            backoff = self.backoff_start
            await self._watch()
            if self._stopping:
                break
            self._went_down(
                self.snap.last_error_message
                or LinkMessage("link.connection_lost", {}, LOST_CONNECTION)
            )
            with contextlib.suppress(ObsError):
                await self.transport.close()
        self._set_state(LinkState.STOPPED)

    async def _sleep(self, seconds: float) -> None:
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), seconds)

    async def _on_connected(self) -> None:
        self._lost.clear()
        # A new session (maybe a restarted OBS): no byte or frame counts to compare with yet.
        self._bytes_prev = None
        self._frames.reset()
        versions = await self.client.version()
        self.snap.versions = versions
        await self._refresh_lists()
        self.snap.program = await self.client.program_scene()
        self.snap.studio_mode = await self.client.studio_mode()
        self.snap.preview = await self.client.preview_scene() if self.snap.studio_mode else None
        self.snap.stream = await self.client.stream_status()
        self.snap.record = await self.client.record_status()
        self.snap.last_error_message = None
        if self._down_since is not None:
            down = time.monotonic() - self._down_since
            self._record(facts.ObsBack(round(down, 3)))
            self._log("link.back", {"seconds": down}, f"OBS is back after {down:.1f} s")
            self._down_since = None
        else:
            self._log(
                "link.connected",
                {"obs": versions.obs, "websocket": versions.websocket},
                f"Connected to OBS {versions.obs} (obs-websocket {versions.websocket})",
            )
        self._set_state(LinkState.ONLINE)
        for kind in ("program", "preview", "stream", "record"):
            self._emit(kind, self.snap)
        self._last_texts.clear()
        await self._reapply()

    async def _refresh_lists(self) -> None:
        self.snap.scenes = await self.client.scenes()
        self.snap.inputs = await self.client.inputs()
        self._emit("scenes", self.snap)

    async def _watch(self) -> None:
        """Heartbeat until the session dies."""
        while not self._stopping:
            lost = asyncio.ensure_future(self._lost.wait())
            try:
                await asyncio.wait({lost}, timeout=self.heartbeat)
            finally:
                lost.cancel()
            if self._lost.is_set():
                return
            try:
                await asyncio.wait_for(self._poll_health(), self.heartbeat_timeout)
            except TimeoutError:
                self.snap.last_error_message = LinkMessage(
                    "link.heartbeat_timeout", {}, "OBS stopped answering (heartbeat timed out)"
                )
                return
            except ObsUnavailable as exc:
                self.snap.last_error_message = exc.as_message()
                return
            except ObsError as exc:
                log.debug("health poll failed: %s", exc)

    async def _poll_health(self) -> None:
        stats = await self.client.stats()
        stream = await self.client.stream_status()
        record = await self.client.record_status()
        now = time.monotonic()
        health, self._bytes_prev = health_from(stats, stream, self._bytes_prev, now, self._frames)
        old_stream, old_record = self._take_polled_outputs(stream, record)
        self.snap.health = health
        levels = health_levels(health, self.snap.stream.active, online=True)
        self._record_health(self.incidents.update(levels, health, self._now()))
        self._emit_output_changes(old_stream, old_record)
        self._emit("health", self.snap)

    def _record_health(self, changes: list[dict[str, Any]]) -> None:
        """Journal the incident starts and ends the tracker made (studio/obs/health.py)."""
        for change in changes:
            self._record(facts.HealthChange.from_args(change))

    def _on_lost(self, why: str) -> None:
        if not self._lost.is_set():
            self.snap.last_error_message = lost_message(why)
            self._lost.set()

    def _went_down(self, why: LinkMessage) -> None:
        self.snap.outages += 1
        self._record_health(self.incidents.close_all(self._now()))
        self._down_since = time.monotonic()
        self._record(facts.ObsLost(why.text))
        self._log("link.lost", {"why": why}, f"Lost OBS: {why.text}", logging.WARNING)
        self._logged_state = (LinkState.RECONNECTING, why.text)  # that line says it
        for _t0, fut in self._pending.values():
            if not fut.done():
                fut.cancel()
        self._pending.clear()
        self._set_state(LinkState.RECONNECTING, why)

    # ---- events -------------------------------------------------------------------------------
    def _on_event(self, event_type: str, data: dict[str, Any]) -> None:
        if event_type == "CurrentProgramSceneChanged":
            self._program_changed(str(data.get("sceneName", "")))
        elif event_type == "CurrentPreviewSceneChanged":
            self.snap.preview = str(data.get("sceneName", ""))
            self._emit("preview", self.snap)
        elif event_type == "StudioModeStateChanged":
            self.snap.studio_mode = bool(data.get("studioModeEnabled"))
            self._emit("preview", self.snap)
        elif event_type in ("StreamStateChanged", "RecordStateChanged"):
            self._output_changed(event_type, data)
        elif event_type in (
            "SceneCreated",
            "SceneRemoved",
            "SceneNameChanged",
            "InputCreated",
            "InputRemoved",
            "InputNameChanged",
        ):
            asyncio.get_running_loop().create_task(self._refresh_quietly())
        elif event_type == "ExitStarted":
            self._log("link.obs_exiting", {}, "OBS is shutting down")
            self._on_lost(LOST_EXITING)

    async def _refresh_quietly(self) -> None:
        with contextlib.suppress(ObsError):
            await self._refresh_lists()

    def _program_changed(self, scene: str) -> None:
        self.snap.program = scene
        pending = self._pending.pop(scene, None)
        if pending is not None:
            self._ours.pop(scene, None)
            t0, fut = pending
            if not fut.done():
                fut.set_result((time.monotonic() - t0) * 1000)
            # OBS coalesces back-to-back switches: earlier ones this event overtook are superseded.
            for name, (t_other, other) in list(self._pending.items()):
                if t_other <= t0:
                    self._pending.pop(name)
                    if not other.done():
                        other.cancel()
        else:
            self._program_not_awaited(scene)
        self._emit("program", self.snap)

    # ---- the cue, on its way to OBS ---------------------------------------------------------
    async def apply(self, desired: Desired) -> Switch | None:
        """A new cue: texts first (so the scene arrives dressed), then the scene, confirmed."""
        new_cue = desired.cue_seq != self.desired.cue_seq
        self.desired = desired
        if new_cue:
            self._new_cue()
        if not self.online:
            return None
        return await self._reapply()

    async def _reapply(self) -> Switch | None:
        # One re-apply at a time, and a newer cue always wins: a reconnect re-apply still busy
        # must not switch to its (older) scene after the new cue has switched.
        async with self._apply_lock:
            d = self.desired
            texts = [(n, t) for n, t in d.texts.items() if self._text_due(n, t)]
            manual = self.snap.manual_scene
            if d.scene is None or manual is not None:
                await self._send_texts(texts)
                if d.scene is not None and manual is not None:
                    await self._keep_manual(d.scene, manual)
                return None
            return await self.switch(d.scene, d.cue_seq, texts)

    def _text_due(self, input_name: str, text: str) -> bool:
        """Whether a text must be sent now: online, changed since OBS last took it, and an input
        OBS has (preflight reports a missing one; asking every second would flood the log)."""
        if not self.online or self._last_texts.get(input_name) == text:
            return False
        return not self.snap.inputs or input_name in self.snap.inputs

    async def set_text(self, input_name: str, text: str) -> bool:
        """Set a text input if it changed. Offline or failing, it waits for the reconnect."""
        self.desired.texts[input_name] = text
        if not self._text_due(input_name, text):
            return False
        try:
            await self.client.set_text(input_name, text)
        except ObsError as exc:
            self._error(exc)
            return False
        self._last_texts[input_name] = text
        return True

    async def _send_texts(self, texts: list[tuple[str, str]]) -> None:
        if not texts:
            return
        try:
            results = await self.client.batch([text_request(n, t) for n, t in texts])
        except ObsError as exc:
            self._error(exc)
            return
        self._took_texts(texts, results)

    def _took_texts(
        self, texts: list[tuple[str, str]], results: list[dict[str, Any] | ObsRequestFailed]
    ) -> None:
        for (name, text), result in zip(texts, results, strict=False):
            if isinstance(result, ObsRequestFailed):
                self._error(result)
            else:
                self._last_texts[name] = text

    async def switch(
        self, scene: str, cue_seq: int, texts: list[tuple[str, str]] | None = None
    ) -> Switch | None:
        """Automated switch to `scene`, confirmed through OBS's event within confirm_timeout.

        `texts` (input, text) go in the same RequestBatch, ahead of the scene: one round trip
        for the whole cue, and the scene arrives dressed."""
        if not self.online:
            return None
        texts = texts or []
        if self.snap.program == scene and scene not in self._pending:
            await self._send_texts(texts)
            result = Switch(scene, cue_seq, True, 0.0, already=True)
            self._record(facts.Switch(scene, cue_seq, 0.0, confirmed=True, already=True))
            self._emit("switch", result)
            return result
        loop = asyncio.get_running_loop()
        t0 = time.monotonic()
        fut: asyncio.Future[float] = loop.create_future()
        self._pending[scene] = (t0, fut)
        self._ours[scene] = t0
        try:
            results = await self.client.batch(
                [*(text_request(n, t) for n, t in texts), scene_request(scene)]
            )
            self._took_texts(texts, results)
            if isinstance(results[-1], ObsRequestFailed):
                raise results[-1]
        except ObsError as exc:
            self._pending.pop(scene, None)
            self._error(exc)
            self._record(facts.SwitchFailed(scene, cue_seq, exc.message))
            result = Switch(scene, cue_seq, False, None)
            self.snap.unconfirmed = result
            self._emit("switch", result)
            return result
        try:
            # Not wait_for: on Python 3.11 it can swallow a cancel that arrives in the same turn
            # as OBS's confirmation, and a runtime stopping mid-switch then never stops.
            async with asyncio.timeout(self.confirm_timeout):
                latency = await asyncio.shield(fut)
            result = Switch(scene, cue_seq, True, latency)
            self.snap.unconfirmed = None
        except asyncio.CancelledError:
            if not fut.cancelled():
                raise
            result = Switch(scene, cue_seq, False, None, superseded=True)
        except TimeoutError:
            self._pending.pop(scene, None)
            result = Switch(scene, cue_seq, False, None)
            self.snap.unconfirmed = result
            ms = round(self.confirm_timeout * 1000)
            self._log(
                "link.not_confirmed",
                {"scene": scene, "ms": ms},
                f"Scene switch to {scene} NOT confirmed by OBS within "
                f"{self.confirm_timeout * 1000:.0f} ms",
            )
        log.info(
            "switch to %s: confirmed=%s latency_ms=%s",
            scene,
            result.confirmed,
            f"{result.latency_ms:.1f}" if result.latency_ms is not None else "-",
        )
        self._record(
            facts.Switch(
                scene,
                cue_seq,
                result.latency_ms,
                confirmed=result.confirmed,
                superseded=result.superseded,
            )
        )
        self._emit("switch", result)
        return result
