"""The on-air guard lets through only what is known to be safe.

Every request type of the obs-websocket v5 protocol is walked in every mode: each one is either on
the allowlist decided here, or refused before it reaches OBS (alone and inside a batch), so a
request type obs-websocket adds later is refused until someone decides about it. The guard is
tested through the real LiveObs transport against the protocol-level server, in the CLI's OBS
commands, and in the as-run report, which says that an operator's stream start was refused.
"""

from __future__ import annotations

import asyncio
import csv
import inspect
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

import studio.obs.guard as guard_module
from studio.agenda import Agenda, load_agenda
from studio.cli import main
from studio.clock import SimClock
from studio.modes import Mode
from studio.obs.base import ObsRefused, ObsRequestFailed
from studio.obs.client import ObsClient, scene_request, text_request
from studio.obs.guard import Guard
from studio.obs.live import LiveObs
from studio.report import build_report, csv_rows, render_html, write_report
from studio.runtime import Runtime, RuntimeOptions, simulated_obs_for
from tests.obsws_server import FakeObs

ROOT = Path(__file__).resolve().parents[1]
AGENDA = str(ROOT / "config" / "agenda.yaml")
PASSWORD = "guard-пароль"

# Every request type of obs-websocket v5, from the handler map its server dispatches on
# (obsproject/obs-websocket src/requesthandler/RequestHandler.cpp; docs/generated/protocol.md
# documents the same requests, all but the four undocumented *PrivateSettings ones). Grouped as
# the protocol groups them.
V5_REQUESTS: tuple[str, ...] = (
    # General
    "GetVersion",
    "GetStats",
    "BroadcastCustomEvent",
    "CallVendorRequest",
    "GetHotkeyList",
    "TriggerHotkeyByName",
    "TriggerHotkeyByKeySequence",
    "Sleep",
    # Config
    "GetPersistentData",
    "SetPersistentData",
    "GetSceneCollectionList",
    "SetCurrentSceneCollection",
    "CreateSceneCollection",
    "GetProfileList",
    "SetCurrentProfile",
    "CreateProfile",
    "RemoveProfile",
    "GetProfileParameter",
    "SetProfileParameter",
    "GetVideoSettings",
    "SetVideoSettings",
    "GetStreamServiceSettings",
    "SetStreamServiceSettings",
    "GetRecordDirectory",
    "SetRecordDirectory",
    # Canvases
    "GetCanvasList",
    # Sources
    "GetSourceActive",
    "GetSourceScreenshot",
    "SaveSourceScreenshot",
    "GetSourcePrivateSettings",
    "SetSourcePrivateSettings",
    # Scenes
    "GetSceneList",
    "GetGroupList",
    "GetCurrentProgramScene",
    "SetCurrentProgramScene",
    "GetCurrentPreviewScene",
    "SetCurrentPreviewScene",
    "CreateScene",
    "RemoveScene",
    "SetSceneName",
    "GetSceneSceneTransitionOverride",
    "SetSceneSceneTransitionOverride",
    # Inputs
    "GetInputList",
    "GetInputKindList",
    "GetSpecialInputs",
    "CreateInput",
    "RemoveInput",
    "SetInputName",
    "GetInputDefaultSettings",
    "GetInputSettings",
    "SetInputSettings",
    "GetInputMute",
    "SetInputMute",
    "ToggleInputMute",
    "GetInputVolume",
    "SetInputVolume",
    "GetInputAudioBalance",
    "SetInputAudioBalance",
    "GetInputAudioSyncOffset",
    "SetInputAudioSyncOffset",
    "GetInputAudioMonitorType",
    "SetInputAudioMonitorType",
    "GetInputAudioTracks",
    "SetInputAudioTracks",
    "GetInputDeinterlaceMode",
    "SetInputDeinterlaceMode",
    "GetInputDeinterlaceFieldOrder",
    "SetInputDeinterlaceFieldOrder",
    "GetInputPropertiesListPropertyItems",
    "PressInputPropertiesButton",
    # Transitions
    "GetTransitionKindList",
    "GetSceneTransitionList",
    "GetCurrentSceneTransition",
    "SetCurrentSceneTransition",
    "SetCurrentSceneTransitionDuration",
    "SetCurrentSceneTransitionSettings",
    "GetCurrentSceneTransitionCursor",
    "TriggerStudioModeTransition",
    "SetTBarPosition",
    # Filters
    "GetSourceFilterKindList",
    "GetSourceFilterList",
    "GetSourceFilterDefaultSettings",
    "CreateSourceFilter",
    "RemoveSourceFilter",
    "SetSourceFilterName",
    "GetSourceFilter",
    "SetSourceFilterIndex",
    "SetSourceFilterSettings",
    "SetSourceFilterEnabled",
    # Scene items
    "GetSceneItemList",
    "GetGroupSceneItemList",
    "GetSceneItemId",
    "GetSceneItemSource",
    "CreateSceneItem",
    "RemoveSceneItem",
    "DuplicateSceneItem",
    "GetSceneItemTransform",
    "SetSceneItemTransform",
    "GetSceneItemEnabled",
    "SetSceneItemEnabled",
    "GetSceneItemLocked",
    "SetSceneItemLocked",
    "GetSceneItemIndex",
    "SetSceneItemIndex",
    "GetSceneItemBlendMode",
    "SetSceneItemBlendMode",
    "GetSceneItemPrivateSettings",
    "SetSceneItemPrivateSettings",
    # Outputs
    "GetVirtualCamStatus",
    "ToggleVirtualCam",
    "StartVirtualCam",
    "StopVirtualCam",
    "GetReplayBufferStatus",
    "ToggleReplayBuffer",
    "StartReplayBuffer",
    "StopReplayBuffer",
    "SaveReplayBuffer",
    "GetLastReplayBufferReplay",
    "GetOutputList",
    "GetOutputStatus",
    "ToggleOutput",
    "StartOutput",
    "StopOutput",
    "GetOutputSettings",
    "SetOutputSettings",
    # Stream
    "GetStreamStatus",
    "ToggleStream",
    "StartStream",
    "StopStream",
    "SendStreamCaption",
    # Record
    "GetRecordStatus",
    "ToggleRecord",
    "StartRecord",
    "StopRecord",
    "ToggleRecordPause",
    "PauseRecord",
    "ResumeRecord",
    "SplitRecordFile",
    "CreateRecordChapter",
    # Media inputs
    "GetMediaInputStatus",
    "SetMediaInputCursor",
    "OffsetMediaInputCursor",
    "TriggerMediaInputAction",
    # UI
    "GetStudioModeEnabled",
    "SetStudioModeEnabled",
    "OpenInputPropertiesDialog",
    "OpenInputFiltersDialog",
    "OpenInputInteractDialog",
    "GetMonitorList",
    "OpenVideoMixProjector",
    "OpenSourceProjector",
)

# The decision, written out here on purpose: changing what the guard lets through means changing
# this test too. In every mode: what ObsClient sends, minus the stream start.
ALLOWED_EVERYWHERE = frozenset(
    {
        # reads
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
        # scenes and texts
        "SetCurrentProgramScene",
        "SetCurrentPreviewScene",
        "SetStudioModeEnabled",
        "TriggerStudioModeTransition",
        "SetInputSettings",
        "CreateScene",
        "CreateInput",
        "CreateSceneItem",
        "SetSceneItemTransform",
        # outputs that cannot put anything on air
        "StartRecord",
        "StopRecord",
        "StopStream",
    }
)
EXPECTED_ALLOWED: dict[Mode, frozenset[str]] = {
    Mode.LIVE: ALLOWED_EVERYWHERE | {"StartStream"},  # the console asks first
    Mode.DRY_RUN: ALLOWED_EVERYWHERE | {"StartStream"},  # simulated OBS only
    Mode.REHEARSAL: ALLOWED_EVERYWHERE,
}

MADE_UP = (
    "",
    "StartStreaming",  # the v4 name
    "StartStopStreaming",
    "startstream",
    "STARTSTREAM",
    " StartStream",
    "StartStream ",
    "StartStream\x00",
    "GetVersion2",
    "GetEverything",
    "SetStreamKey",
    "TriggerHotkeyByNameV2",
    "StartCanvasStream",
    "Get",
)

# Through the real transport, a refused request must not reach OBS: requests with the data a
# caller would plausibly send.
DANGEROUS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("TriggerHotkeyByName", {"hotkeyName": "OBSBasic.StartStreaming"}),
    ("TriggerHotkeyByKeySequence", {"keyId": "OBS_KEY_F12"}),
    ("StartOutput", {"outputName": "simple_stream"}),
    ("ToggleOutput", {"outputName": "adv_stream"}),
    ("ToggleStream", {}),
    ("CallVendorRequest", {"vendorName": "x", "requestType": "StartStream"}),
    ("SetStreamServiceSettings", {"streamServiceType": "rtmp_custom", "streamServiceSettings": {}}),
    ("Sleep", {"sleepMillis": 1000}),
    ("BroadcastCustomEvent", {"eventData": {"start": "stream"}}),
)


def run(coro: Awaitable[Any]) -> Any:
    return asyncio.run(coro)  # type: ignore[arg-type]


class Recorder:
    """A transport that answers every request with an empty success and remembers it."""

    simulated = True
    describe = "recorder"
    connected = True

    def __init__(self) -> None:
        self.sent: list[str] = []

    def set_handlers(self, on_event: Any, on_lost: Any) -> None:
        pass

    async def connect(self) -> None:
        pass

    async def close(self) -> None:
        pass

    async def request(self, request_type: str, data: dict[str, Any] | None = None) -> Any:
        self.sent.append(request_type)
        if request_type == "GetVersion":
            return {"obsVersion": "30.2.3", "obsWebSocketVersion": "5.5.4", "rpcVersion": 1}
        return {}

    async def request_batch(
        self, requests: Sequence[tuple[str, dict[str, Any] | None]]
    ) -> list[dict[str, Any] | ObsRequestFailed]:
        self.sent.extend(t for t, _ in requests)
        return [{} for _ in requests]


# ---- the decision, request by request -----------------------------------------------------------


def test_the_protocol_list_has_no_duplicates_and_holds_the_allowlist() -> None:
    assert len(V5_REQUESTS) == len(set(V5_REQUESTS)) == 151
    # The guard's list names only real requests (a typo would let nothing through, silently).
    assert guard_module.ALLOWED | {guard_module.STREAM_START} <= set(V5_REQUESTS)
    for allowed in EXPECTED_ALLOWED.values():
        assert allowed <= set(V5_REQUESTS)


@pytest.mark.parametrize("mode", list(Mode), ids=lambda m: m.value)
def test_every_v5_request_is_allowed_or_refused_before_it_is_sent(mode: Mode) -> None:
    async def go() -> tuple[list[str], list[str]]:
        inner = Recorder()
        guard = Guard(inner, mode)
        refused: list[str] = []
        for request_type in V5_REQUESTS:
            if request_type in EXPECTED_ALLOWED[mode]:
                await guard.request(request_type, {})
                assert inner.sent[-1] == request_type
                continue
            before = len(inner.sent)
            with pytest.raises(ObsRefused) as err:
                await guard.request(request_type, {})
            assert inner.sent[before:] == [], f"{request_type} reached OBS"
            assert err.value.key in ("guard.not_allowed", "guard.rehearsal_stream")
            assert err.value.params.get("request") == request_type
            if err.value.key == "guard.not_allowed":
                assert request_type in err.value.message  # the refusal names the request
            assert "Nothing was sent to OBS" in err.value.message
            refused.append(request_type)
        assert guard.refused == refused
        return inner.sent, refused

    sent, refused = run(go())
    assert set(sent) == EXPECTED_ALLOWED[mode]
    assert set(sent) | set(refused) == set(V5_REQUESTS)
    assert guard_module.allows("StartStream", mode) is (mode is not Mode.REHEARSAL)


@pytest.mark.parametrize("mode", list(Mode), ids=lambda m: m.value)
def test_every_refused_request_spoils_a_whole_batch(mode: Mode) -> None:
    async def go() -> None:
        inner = Recorder()
        guard = Guard(inner, mode)
        for request_type in V5_REQUESTS:
            batch = [scene_request("Студія"), (request_type, {}), text_request("Титр", "x")]
            if request_type in EXPECTED_ALLOWED[mode]:
                assert len(await guard.request_batch(batch)) == 3
                continue
            before = len(inner.sent)
            with pytest.raises(ObsRefused):
                await guard.request_batch(batch)
            assert inner.sent[before:] == [], f"a batch holding {request_type} reached OBS"

    run(go())


@pytest.mark.parametrize("name", MADE_UP)
@pytest.mark.parametrize("mode", list(Mode), ids=lambda m: m.value)
def test_made_up_request_names_are_refused(mode: Mode, name: str) -> None:
    async def go() -> None:
        inner = Recorder()
        guard = Guard(inner, mode)
        with pytest.raises(ObsRefused) as err:
            await guard.request(name, {})
        assert err.value.key == "guard.not_allowed"
        with pytest.raises(ObsRefused):
            await guard.request_batch([("GetVersion", {}), (name, {})])
        assert inner.sent == []
        assert guard.refused == [name, name]

    run(go())


def test_a_batch_inside_a_request_is_refused() -> None:
    async def go() -> None:
        inner = Recorder()
        guard = Guard(inner, Mode.LIVE)
        with pytest.raises(ObsRefused) as err:
            await guard.request("RequestBatch", {"requests": [{"requestType": "StartStream"}]})
        assert err.value.key == "guard.no_batch"
        assert inner.sent == []

    run(go())


# ---- the allowlist is what the console sends ---------------------------------------------------

CLIENT_CALLS: dict[str, Callable[[ObsClient], Awaitable[Any]]] = {
    "version": lambda c: c.version(),
    "scenes": lambda c: c.scenes(),
    "program_scene": lambda c: c.program_scene(),
    "set_program_scene": lambda c: c.set_program_scene("Студія"),
    "studio_mode": lambda c: c.studio_mode(),
    "set_studio_mode": lambda c: c.set_studio_mode(True),
    "preview_scene": lambda c: c.preview_scene(),
    "set_preview_scene": lambda c: c.set_preview_scene("Студія"),
    "take": lambda c: c.take(),
    "inputs": lambda c: c.inputs(),
    "set_text": lambda c: c.set_text("Титр", "x"),
    "batch": lambda c: c.batch([text_request("Титр", "x"), scene_request("Студія")]),
    "get_text": lambda c: c.get_text("Титр"),
    "create_scene": lambda c: c.create_scene("Нова"),
    "create_text_input": lambda c: c.create_text_input("Нова", "Титр", "text_ft2_source_v2"),
    "add_to_scene": lambda c: c.add_to_scene("Нова", "Титр"),
    "place_item": lambda c: c.place_item("Нова", 1, (0.0, 0.0), 5),
    "canvas": lambda c: c.canvas(),
    "start_stream": lambda c: c.start_stream(),
    "stop_stream": lambda c: c.stop_stream(),
    "start_record": lambda c: c.start_record(),
    "stop_record": lambda c: c.stop_record(),
    "stream_status": lambda c: c.stream_status(),
    "record_status": lambda c: c.record_status(),
    "stats": lambda c: c.stats(),
}


def test_live_lets_through_exactly_what_the_console_sends() -> None:
    methods = {
        name
        for name, fn in inspect.getmembers(ObsClient, inspect.iscoroutinefunction)
        if not name.startswith("_")
    }
    assert set(CLIENT_CALLS) == methods, "a new ObsClient call: decide what the guard does"

    async def go() -> list[str]:
        inner = Recorder()
        client = ObsClient(Guard(inner, Mode.LIVE))
        for call in CLIENT_CALLS.values():
            await call(client)
        return inner.sent

    sent = run(go())
    assert set(sent) == EXPECTED_ALLOWED[Mode.LIVE]
    assert guard_module.ALLOWED | {guard_module.STREAM_START} == set(sent)


def test_rehearsal_refuses_only_the_stream_start_of_what_the_console_sends() -> None:
    async def go() -> list[str]:
        guard = Guard(Recorder(), Mode.REHEARSAL)
        client = ObsClient(guard)
        for name, call in CLIENT_CALLS.items():
            if name == "start_stream":
                with pytest.raises(ObsRefused) as err:
                    await call(client)
                assert err.value.key == "guard.rehearsal_stream"
                assert err.value.message == (
                    "Rehearsal mode: the stream cannot be started. Nothing was sent to OBS."
                )
            else:
                await call(client)
        return guard.refused

    assert run(go()) == ["StartStream"]


# ---- through the real transport, against the protocol-level server -----------------------------


async def _live(srv: FakeObs, mode: Mode) -> tuple[Guard, LiveObs]:
    live = LiveObs("127.0.0.1", srv.port, PASSWORD, timeout=3)
    guard = Guard(live, mode)
    await guard.connect()
    return guard, live


async def _done(guard: Guard, live: LiveObs) -> None:
    await guard.close()
    live.shutdown()


@pytest.mark.parametrize("mode", [Mode.REHEARSAL, Mode.LIVE], ids=lambda m: m.value)
def test_a_start_streaming_hotkey_never_reaches_obs(mode: Mode) -> None:
    with FakeObs(password=PASSWORD) as srv:

        async def go() -> None:
            guard, live = await _live(srv, mode)
            try:
                client = ObsClient(guard)
                await client.version()
                for request_type, data in DANGEROUS:
                    with pytest.raises(ObsRefused) as err:
                        await guard.request(request_type, data)
                    assert request_type in err.value.message
                # The session is fine afterwards, and the stream never started.
                assert not (await client.stream_status()).active
            finally:
                await _done(guard, live)

        run(go())
        heard = srv.request_types()
    assert heard == ["GetVersion", "GetStreamStatus"]
    assert not srv.streaming


def test_refused_requests_of_the_whole_protocol_never_reach_the_server() -> None:
    with FakeObs(password=PASSWORD) as srv:
        program = srv.program_scene
        other = next(s for s in srv.scenes if s != program)

        async def go() -> list[str]:
            guard, live = await _live(srv, Mode.REHEARSAL)
            try:
                for request_type in V5_REQUESTS:
                    if request_type in EXPECTED_ALLOWED[Mode.REHEARSAL]:
                        continue
                    with pytest.raises(ObsRefused):
                        await guard.request(request_type, {})
                    with pytest.raises(ObsRefused):
                        await guard.request_batch(
                            [scene_request(other), (request_type, {"outputName": "simple_stream"})]
                        )
                # What is allowed does reach OBS: recording, a scene switch.
                await guard.request("StartRecord")
                await guard.request(*scene_request(other))
                return guard.refused
            finally:
                await _done(guard, live)

        refused = run(go())
        heard = srv.request_types()
        assert srv.wait_for(lambda: srv.recording)
        assert srv.program_scene == other
    assert heard == ["StartRecord", "SetCurrentProgramScene"]
    assert not srv.streaming
    assert "StartStream" in refused and "TriggerHotkeyByName" in refused


def test_live_mode_does_start_the_stream() -> None:
    with FakeObs(password=PASSWORD) as srv:

        async def go() -> None:
            guard, live = await _live(srv, Mode.LIVE)
            try:
                await ObsClient(guard).start_stream()
            finally:
                await _done(guard, live)

        run(go())
        assert srv.wait_for(lambda: srv.streaming)


# ---- the CLI's OBS commands go through the guard -----------------------------------------------


def _obs_args(srv: FakeObs) -> list[str]:
    return ["--host", "127.0.0.1", "--port", str(srv.port), "--settings", "/nonexistent.yaml"]


@pytest.fixture
def guard_spy(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(mode, request type) of every request the guard checks."""
    seen: list[tuple[str, str]] = []
    check = Guard._check

    def spy(self: Guard, request_type: str) -> None:
        seen.append((self.mode.value, request_type))
        check(self, request_type)

    monkeypatch.setattr(Guard, "_check", spy)
    return seen


def test_provision_works_through_the_guard(
    guard_spy: list[tuple[str, str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OBS_WEBSOCKET_PASSWORD", PASSWORD)
    with FakeObs(password=PASSWORD, scenes=["Заставка", "Студія"], inputs={}) as srv:
        code = main(["provision", AGENDA, *_obs_args(srv)])
        heard = srv.request_types()
        scenes = srv.scenes
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "created scene «Панель»" in out and "Preflight passed." in out
    assert "Панель" in scenes
    # Every request OBS heard passed the guard first, in rehearsal mode: never the stream.
    assert [t for _m, t in guard_spy] == heard
    assert {m for m, _t in guard_spy} == {"rehearsal"}
    assert {"CreateScene", "CreateInput", "SetSceneItemTransform"} <= set(heard)


def test_the_cli_stops_at_what_the_guard_refuses(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OBS_WEBSOCKET_PASSWORD", PASSWORD)
    monkeypatch.setattr(guard_module, "ALLOWED", guard_module.ALLOWED - {"CreateScene"})
    with FakeObs(password=PASSWORD, scenes=["Заставка", "Студія"], inputs={}) as srv:
        code = main(["provision", AGENDA, *_obs_args(srv)])
        heard = srv.request_types()
    _out, err = capsys.readouterr()
    assert code == 1
    assert "CreateScene" in err and "Nothing was sent to OBS" in err
    assert "CreateScene" not in heard


def test_preflight_goes_through_the_guard(
    guard_spy: list[tuple[str, str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OBS_WEBSOCKET_PASSWORD", PASSWORD)
    with FakeObs(password=PASSWORD) as srv:
        code = main(["preflight", AGENDA, *_obs_args(srv)])
        heard = srv.request_types()
    assert code == 0, capsys.readouterr().err
    assert heard and [t for _m, t in guard_spy] == heard


# ---- the as-run report says the stream start was refused ----------------------------------------


@pytest.fixture(scope="module")
def agenda() -> Agenda:
    return load_agenda(AGENDA)


async def _show_with_a_stream_start(agenda: Agenda, path: Path, mode: Mode) -> None:
    """A short show through the real runtime in which the operator asks to start the stream."""
    clock = SimClock(agenda.planned_start - 60)
    rt = Runtime.create(
        agenda,
        RuntimeOptions(mode=mode, journal=path),
        transport=simulated_obs_for(agenda),
        clock=clock,
    )
    await rt.start()
    try:
        for _ in range(200):
            if rt.link.online:
                break
            await asyncio.sleep(0.01)
        assert rt.link.online
        await rt.link.output("start_record")
        if mode is Mode.REHEARSAL:
            with pytest.raises(ObsRefused):
                await rt.link.output("start_stream")
        else:
            await rt.link.output("start_stream")
        clock.advance(60)
        rt.act("start")
        clock.advance(120)
        rt.act("end")
        await rt.idle()
    finally:
        await rt.stop()


def _outputs_section(page: str, heading: str) -> str:
    return page.split(f"<h2>{heading}</h2>", 1)[1].split("<h2>", 1)[0]


REFUSED_WORDS = {
    "en": "start stream — refused by the on-air guard (rehearsal): nothing was sent to OBS",
    "uk": "запустити трансляцію — відхилено захистом ефіру (репетиція): до OBS нічого не надіслано",
}
HEADINGS = {"en": "Stream and recording", "uk": "Трансляція і запис"}


def test_the_report_says_a_refused_stream_start_was_refused(agenda: Agenda, tmp_path: Path) -> None:
    journal = tmp_path / "rehearsal.jsonl"
    run(_show_with_a_stream_start(agenda, journal, Mode.REHEARSAL))
    asrun = build_report(journal)
    assert asrun.mode == "rehearsal"
    requests = [o for o in asrun.outputs if o.output == "request"]
    assert [(o.state, o.refused) for o in requests] == [
        ("start_record", False),
        ("start_stream", True),
    ]
    for lang in ("en", "uk"):
        section = _outputs_section(render_html(asrun, lang), HEADINGS[lang])
        assert REFUSED_WORDS[lang] in section
        html_path, csv_path = write_report(asrun, tmp_path / lang, lang)
        with csv_path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert rows == csv_rows(asrun, lang)
        refused = [r for r in rows if r["kind"] == "operator_request"]
        assert len(refused) == 1
        assert refused[0]["id"] == "start_stream"
        assert refused[0]["state"] == "refused"
        assert refused[0]["title"] == REFUSED_WORDS[lang]
        assert refused[0]["actual_start"]
        assert REFUSED_WORDS[lang] in html_path.read_text(encoding="utf-8")


def test_an_allowed_stream_start_is_not_called_refused(agenda: Agenda, tmp_path: Path) -> None:
    journal = tmp_path / "dry.jsonl"
    run(_show_with_a_stream_start(agenda, journal, Mode.DRY_RUN))
    asrun = build_report(journal)
    requests = [o for o in asrun.outputs if o.output == "request"]
    assert [(o.state, o.refused) for o in requests] == [
        ("start_record", False),
        ("start_stream", False),
    ]
    for lang in ("en", "uk"):
        page = render_html(asrun, lang)
        assert "refused by the on-air guard" not in page
        assert "відхилено захистом ефіру" not in page
        assert not [r for r in csv_rows(asrun, lang) if r["kind"] == "operator_request"]
