"""Tests of the fake obs-websocket server (tests/obsws_server.py).

They drive :class:`FakeObs` with the real ``obsws-python`` clients over a real socket, and with a
raw ``websockets`` client for protocol edge cases (close codes), so the fake is known to behave
like obs-websocket 5.x where the application will rely on it.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import obsws_python
import pytest
from obsws_python.error import OBSSDKError, OBSSDKRequestError, OBSSDKTimeoutError
from obsws_python.subs import Subs
from obsws_python.util import to_snake_case
from websocket import WebSocketException
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from tests.obsws_server import (
    DEFAULT_INPUTS,
    DEFAULT_SCENES,
    EventIntent,
    FakeObs,
    ObsCloseCode,
    OutputState,
    RequestStatus,
)

pytestmark = pytest.mark.timeout(10)

PASSWORD = "пароль-студії"
STUDIO = "Студія"
HOLDING = "Заставка"


@pytest.fixture(autouse=True)
def _quiet_obsws() -> Iterator[None]:
    """obsws-python logs the password at INFO."""
    logger = logging.getLogger("obsws_python")
    level = logger.level
    logger.setLevel(logging.WARNING)
    yield
    logger.setLevel(level)


@pytest.fixture
def srv() -> Iterator[FakeObs]:
    server = FakeObs(password=PASSWORD)
    server.output_start_delay = server.output_stop_delay = 0.02
    with server:
        yield server
    assert not any(t.name == "FakeObs" and t.is_alive() for t in threading.enumerate())


def _req_client(server: FakeObs, password: str = PASSWORD, timeout: float = 3) -> Any:
    return obsws_python.ReqClient(
        host="127.0.0.1", port=server.port, password=password, timeout=timeout
    )


@pytest.fixture
def client(srv: FakeObs) -> Iterator[Any]:
    req = _req_client(srv)
    yield req
    _quietly(req.disconnect)


def _quietly(action: Callable[[], object]) -> None:
    with contextlib.suppress(OSError, WebSocketException):
        action()


class Events:
    """An obsws-python EventClient recording the events it is called back for."""

    def __init__(self, server: FakeObs, subs: int, *event_types: str) -> None:
        self.received: list[tuple[str, dict[str, Any]]] = []
        self.client = obsws_python.EventClient(
            host="127.0.0.1", port=server.port, password=server.password or "", subs=subs
        )
        # Callbacks are matched by __name__ (on_<snake_case_event>); lambdas are never called.
        self.client.callback.register([self._recorder(name) for name in event_types])

    def _recorder(self, event_type: str) -> Callable[[Any], None]:
        def record(data: Any) -> None:
            values = {name: getattr(data, name) for name in data.attrs()}
            self.received.append((event_type, values))

        record.__name__ = f"on_{to_snake_case(event_type)}"
        return record

    def of(self, event_type: str) -> list[dict[str, Any]]:
        return [data for name, data in self.received if name == event_type]

    def close(self) -> None:
        _quietly(self.client.disconnect)


@pytest.fixture
def listen(srv: FakeObs) -> Iterator[Callable[..., Events]]:
    opened: list[Events] = []

    def open_events(*event_types: str, subs: int = Subs.LOW_VOLUME) -> Events:
        before = srv.identified_sessions
        events = Events(srv, subs, *event_types)
        opened.append(events)
        assert srv.wait_for(lambda: srv.identified_sessions > before)
        return events

    yield open_events
    for events in opened:
        events.close()


def _auth(password: str, hello: dict[str, Any]) -> str:
    auth = hello["d"]["authentication"]
    secret = base64.b64encode(hashlib.sha256((password + auth["salt"]).encode()).digest())
    return base64.b64encode(hashlib.sha256(secret + auth["challenge"].encode()).digest()).decode()


def _raw(server: FakeObs) -> ClientConnection:
    return connect(server.url, open_timeout=2, close_timeout=0.2)


@contextlib.contextmanager
def _raw_identified(server: FakeObs, subs: int = EventIntent.ALL) -> Iterator[ClientConnection]:
    with _raw(server) as ws:
        hello = json.loads(ws.recv(timeout=2))
        identify: dict[str, Any] = {"rpcVersion": 1, "eventSubscriptions": int(subs)}
        if server.password is not None:
            identify["authentication"] = _auth(server.password, hello)
        ws.send(json.dumps({"op": 1, "d": identify}))
        assert json.loads(ws.recv(timeout=2)) == {"op": 2, "d": {"negotiatedRpcVersion": 1}}
        yield ws


def _close_code(ws: ClientConnection) -> int | None:
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            ws.recv(timeout=2)
    return closed.value.rcvd.code if closed.value.rcvd else None


def _request_code(req: Any, request_type: str, data: dict[str, Any] | None = None) -> int:
    with pytest.raises(OBSSDKRequestError) as failed:
        req.send(request_type, data)
    return failed.value.code


# ---------------------------------------------------------------- connecting and authentication


def test_hello_carries_versions_and_auth_challenge(srv: FakeObs) -> None:
    with _raw(srv) as ws:
        hello = json.loads(ws.recv(timeout=2))
    assert hello["op"] == 0
    assert hello["d"]["obsStudioVersion"] == "30.2.3"
    assert hello["d"]["obsWebSocketVersion"] == "5.5.4"
    assert hello["d"]["rpcVersion"] == 1
    assert set(hello["d"]["authentication"]) == {"challenge", "salt"}


def test_password_authentication_succeeds(srv: FakeObs, client: Any) -> None:
    version = client.get_version()
    assert version.obs_version == "30.2.3"
    assert srv.identified_sessions == 1


def test_wrong_password_is_rejected_with_4009(srv: FakeObs) -> None:
    with pytest.raises(OBSSDKError):
        _req_client(srv, password="не той")
    with _raw(srv) as ws:
        hello = json.loads(ws.recv(timeout=2))
        identify = {"rpcVersion": 1, "authentication": _auth("не той", hello)}
        ws.send(json.dumps({"op": 1, "d": identify}))
        assert _close_code(ws) == ObsCloseCode.AUTHENTICATION_FAILED
    assert srv.wait_for(lambda: srv.sessions == 0)


def test_missing_password_fails_in_the_client(srv: FakeObs) -> None:
    with pytest.raises(OBSSDKError, match="no password"):
        _req_client(srv, password="")


def test_server_without_auth() -> None:
    with FakeObs(password=None, scenes=["Scene", HOLDING], inputs={}) as server:
        with _raw(server) as ws:
            assert "authentication" not in json.loads(ws.recv(timeout=2))["d"]
        req = _req_client(server, password="")
        assert req.get_current_program_scene().scene_name == "Scene"
        req.disconnect()


def test_identify_delay(srv: FakeObs) -> None:
    srv.identify_delay = 0.2
    started = time.monotonic()
    req = _req_client(srv)
    assert time.monotonic() - started >= 0.2
    req.disconnect()


# ---------------------------------------------------------------- raw protocol edge cases


def test_request_before_identify_closes_with_4007(srv: FakeObs) -> None:
    with _raw(srv) as ws:
        ws.recv(timeout=2)
        request = {"requestType": "GetVersion", "requestId": "1"}
        ws.send(json.dumps({"op": 6, "d": request}))
        assert _close_code(ws) == ObsCloseCode.NOT_IDENTIFIED
    assert srv.requests == []


def test_unsupported_rpc_version_closes_with_4010(srv: FakeObs) -> None:
    with _raw(srv) as ws:
        hello = json.loads(ws.recv(timeout=2))
        identify = {"rpcVersion": 2, "authentication": _auth(PASSWORD, hello)}
        ws.send(json.dumps({"op": 1, "d": identify}))
        assert _close_code(ws) == ObsCloseCode.UNSUPPORTED_RPC_VERSION


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("{not json", ObsCloseCode.MESSAGE_DECODE_ERROR),
        (b'{"op": 6}', ObsCloseCode.MESSAGE_DECODE_ERROR),
        ("[1, 2]", ObsCloseCode.MESSAGE_DECODE_ERROR),
        ('{"d": {}}', ObsCloseCode.UNKNOWN_OP_CODE),
        ('{"op": 42, "d": {}}', ObsCloseCode.UNKNOWN_OP_CODE),
        ('{"op": 6}', ObsCloseCode.MISSING_DATA_FIELD),
        ('{"op": 6, "d": {"requestType": "GetVersion"}}', ObsCloseCode.MISSING_DATA_FIELD),
        ('{"op": 1, "d": {"rpcVersion": 1}}', ObsCloseCode.ALREADY_IDENTIFIED),
    ],
)
def test_malformed_messages_close_the_session(srv: FakeObs, frame: str | bytes, code: int) -> None:
    with _raw_identified(srv) as ws:
        ws.send(frame)
        assert _close_code(ws) == code


def test_reidentify_changes_subscriptions(srv: FakeObs) -> None:
    with _raw_identified(srv, subs=EventIntent.NONE) as ws:
        ws.send(json.dumps({"op": 3, "d": {"eventSubscriptions": int(EventIntent.SCENES)}}))
        assert json.loads(ws.recv(timeout=2)) == {"op": 2, "d": {"negotiatedRpcVersion": 1}}
        srv.switch_scene_by_hand(STUDIO)
        event = json.loads(ws.recv(timeout=2))
    assert event["op"] == 5
    assert event["d"]["eventType"] == "CurrentProgramSceneChanged"
    assert event["d"]["eventIntent"] == EventIntent.SCENES
    assert event["d"]["eventData"] == {"sceneName": STUDIO, "sceneUuid": srv.scene_uuid(STUDIO)}


def test_request_batch(srv: FakeObs) -> None:
    batch = {
        "requestId": "batch-1",
        "haltOnFailure": True,
        "requests": [
            {"requestType": "SetCurrentProgramScene", "requestData": {"sceneName": STUDIO}},
            {"requestType": "Sleep", "requestId": "nap", "requestData": {"sleepMillis": 10}},
            {"requestType": "SetCurrentProgramScene", "requestData": {"sceneName": "Немає"}},
            {"requestType": "GetVersion"},
        ],
    }
    with _raw_identified(srv, subs=EventIntent.NONE) as ws:
        ws.send(json.dumps({"op": 8, "d": batch}, ensure_ascii=False))
        response = json.loads(ws.recv(timeout=2))
    assert response["op"] == 9
    assert response["d"]["requestId"] == "batch-1"
    results = response["d"]["results"]
    assert [r["requestStatus"]["code"] for r in results] == [100, 100, 600]  # halted
    assert results[1]["requestId"] == "nap"
    assert srv.program_scene == STUDIO
    assert srv.request_types() == ["SetCurrentProgramScene", "Sleep", "SetCurrentProgramScene"]


# ---------------------------------------------------------------- general and config requests


def test_get_version_and_stats(client: Any) -> None:
    version = client.send("GetVersion", raw=True)
    assert version["obsWebSocketVersion"] == "5.5.4"
    assert version["rpcVersion"] == 1
    assert "SetCurrentProgramScene" in version["availableRequests"]
    assert "png" in version["supportedImageFormats"]
    assert version["platform"]
    stats = client.send("GetStats", raw=True)
    for name in (
        "cpuUsage",
        "memoryUsage",
        "availableDiskSpace",
        "activeFps",
        "averageFrameRenderTime",
        "renderSkippedFrames",
        "renderTotalFrames",
        "outputSkippedFrames",
        "outputTotalFrames",
    ):
        assert isinstance(stats[name], int | float), name
    assert stats["webSocketSessionIncomingMessages"] == 3  # Identify, GetVersion, GetStats
    assert stats["webSocketSessionOutgoingMessages"] == 3  # Hello, Identified, GetVersion


def test_set_stats_overrides_get_stats(srv: FakeObs, client: Any) -> None:
    srv.set_stats(cpuUsage=97.5, renderSkippedFrames=120)
    stats = client.get_stats()
    assert (stats.cpu_usage, stats.render_skipped_frames) == (97.5, 120)


def test_profiles_and_scene_collections(client: Any) -> None:
    profiles = client.get_profile_list()
    assert profiles.current_profile_name in profiles.profiles
    collections = client.get_scene_collection_list()
    assert collections.current_scene_collection_name in collections.scene_collections


def test_unknown_request_type_is_204(client: Any) -> None:
    assert _request_code(client, "GetNothing") == RequestStatus.UNKNOWN_REQUEST_TYPE


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (None, RequestStatus.MISSING_REQUEST_DATA),
        ({"sceneName": 5}, RequestStatus.INVALID_REQUEST_FIELD_TYPE),
        ({"sceneName": ""}, RequestStatus.REQUEST_FIELD_EMPTY),
        ({"sceneName": None, "x": 1}, RequestStatus.MISSING_REQUEST_FIELD),
    ],
)
def test_request_field_validation(client: Any, data: dict[str, Any] | None, code: int) -> None:
    assert _request_code(client, "CreateScene", data) == code


# ---------------------------------------------------------------- scenes and studio mode


def test_scene_list_is_bottom_first_like_obs(srv: FakeObs, client: Any) -> None:
    scene_list = client.send("GetSceneList", raw=True)
    assert [s["sceneName"] for s in scene_list["scenes"]] == list(reversed(DEFAULT_SCENES))
    assert [s["sceneIndex"] for s in scene_list["scenes"]] == list(range(len(DEFAULT_SCENES)))
    assert scene_list["currentProgramSceneName"] == HOLDING
    assert scene_list["currentProgramSceneUuid"] == srv.scene_uuid(HOLDING)
    assert scene_list["currentPreviewSceneName"] is None
    assert srv.scenes == list(DEFAULT_SCENES)


def test_switch_program_scene(srv: FakeObs, client: Any) -> None:
    client.set_current_program_scene(STUDIO)
    assert srv.program_scene == STUDIO
    current = client.get_current_program_scene()
    assert (current.scene_name, current.current_program_scene_name) == (STUDIO, STUDIO)
    assert current.scene_uuid == srv.scene_uuid(STUDIO)
    client.send("SetCurrentProgramScene", {"sceneUuid": srv.scene_uuid(HOLDING)})
    assert srv.program_scene == HOLDING


def test_unknown_scene_is_600(srv: FakeObs, client: Any) -> None:
    with pytest.raises(OBSSDKRequestError) as failed:
        client.set_current_program_scene("Немає такої")
    assert failed.value.code == RequestStatus.RESOURCE_NOT_FOUND == 600
    assert srv.program_scene == HOLDING
    input_name = next(iter(DEFAULT_INPUTS))
    assert _request_code(client, "SetCurrentProgramScene", {"sceneName": input_name}) == 602


def test_studio_mode(srv: FakeObs, client: Any) -> None:
    assert client.get_studio_mode_enabled().studio_mode_enabled is False
    for request_type in ("GetCurrentPreviewScene", "TriggerStudioModeTransition"):
        assert _request_code(client, request_type) == RequestStatus.STUDIO_MODE_NOT_ACTIVE
    code = _request_code(client, "SetCurrentPreviewScene", {"sceneName": STUDIO})
    assert code == RequestStatus.STUDIO_MODE_NOT_ACTIVE

    client.set_studio_mode_enabled(True)
    assert srv.studio_mode and srv.preview_scene == HOLDING
    client.set_current_preview_scene(STUDIO)
    assert client.get_current_preview_scene().scene_name == STUDIO
    assert client.send("GetSceneList", raw=True)["currentPreviewSceneName"] == STUDIO
    client.trigger_studio_mode_transition()
    assert (srv.program_scene, srv.preview_scene) == (STUDIO, HOLDING)

    client.set_studio_mode_enabled(False)
    assert not srv.studio_mode and srv.preview_scene is None


def test_create_scene(srv: FakeObs, client: Any) -> None:
    created = client.send("CreateScene", {"sceneName": "Нова сцена"}, raw=True)
    assert created["sceneUuid"] == srv.scene_uuid("Нова сцена")
    assert srv.scenes[-1] == "Нова сцена"
    assert _request_code(client, "CreateScene", {"sceneName": "Нова сцена"}) == 601
    input_name = next(iter(DEFAULT_INPUTS))
    assert _request_code(client, "CreateScene", {"sceneName": input_name}) == 601


# ---------------------------------------------------------------- inputs and scene items


def test_input_list_and_kinds(srv: FakeObs, client: Any) -> None:
    inputs = client.get_input_list().inputs  # obsws-python sends {"inputKind": null}
    assert [i["inputName"] for i in inputs] == list(DEFAULT_INPUTS)
    assert inputs[0]["inputUuid"] == srv.input_uuid(inputs[0]["inputName"])
    assert inputs[0]["unversionedInputKind"] == "text_ft2_source"
    assert client.get_input_list("v4l2_input").inputs == []
    assert len(client.get_input_list("text_ft2_source_v2").inputs) == len(DEFAULT_INPUTS)
    assert "text_ft2_source_v2" in client.get_input_kind_list(False).input_kinds
    assert "text_ft2_source" in client.get_input_kind_list(True).input_kinds


def test_input_settings(srv: FakeObs, client: Any) -> None:
    name = next(iter(DEFAULT_INPUTS))
    client.set_input_settings(name, {"text": "Ольга Петренко", "log_lines": 2}, True)
    client.set_input_settings(name, {"text": "Голова правління"}, True)
    settings = client.get_input_settings(name)
    assert settings.input_settings == {"text": "Голова правління", "log_lines": 2}
    assert settings.input_kind == "text_ft2_source_v2"
    client.set_input_settings(name, {"text": "Лише це"}, False)
    assert srv.input_settings(name) == {"text": "Лише це"}
    assert _request_code(client, "GetInputSettings", {"inputName": "Немає"}) == 600
    assert _request_code(client, "GetInputSettings", {"inputName": STUDIO}) == 602


def test_create_input_and_scene_items(srv: FakeObs, client: Any) -> None:
    created = client.create_input(STUDIO, "Годинник", "text_ft2_source_v2", {"text": "10:00"}, True)
    assert created.input_uuid == srv.input_uuid("Годинник")
    assert srv.inputs["Годинник"] == "text_ft2_source_v2"
    items = client.get_scene_item_list(STUDIO).scene_items
    assert [(i["sceneItemId"], i["sourceName"]) for i in items] == [
        (created.scene_item_id, "Годинник")
    ]
    assert items[0]["inputKind"] == "text_ft2_source_v2" and items[0]["sceneItemEnabled"]
    assert srv.input_settings("Годинник") == {"text": "10:00"}
    args = (STUDIO, "Годинник", "text_ft2_source_v2", {}, True)
    with pytest.raises(OBSSDKRequestError, match="601"):
        client.create_input(*args)
    with pytest.raises(OBSSDKRequestError, match="605"):
        client.create_input(STUDIO, "Щось", "no_such_kind", {}, True)
    with pytest.raises(OBSSDKRequestError, match="600"):
        client.create_input("Немає", "Щось", "text_ft2_source_v2", {}, True)
    holding_items = client.get_scene_item_list(HOLDING).scene_items
    assert [i["sourceName"] for i in holding_items] == list(DEFAULT_INPUTS)


# ---------------------------------------------------------------- stream and record outputs


def test_stream_lifecycle(srv: FakeObs, client: Any, listen: Callable[..., Events]) -> None:
    events = listen("StreamStateChanged", subs=Subs.OUTPUTS)
    status = client.get_stream_status()
    assert (status.output_active, status.output_bytes, status.output_timecode) == (
        False,
        0,
        "00:00:00.000",
    )
    client.start_stream()
    assert srv.wait_for(lambda: len(events.of("StreamStateChanged")) == 2)
    assert [(e["output_state"], e["output_active"]) for e in events.of("StreamStateChanged")] == [
        (OutputState.STARTING, False),
        (OutputState.STARTED, True),
    ]
    assert _request_code(client, "StartStream") == RequestStatus.OUTPUT_RUNNING
    first = client.get_stream_status()
    time.sleep(0.05)
    second = client.get_stream_status()
    assert second.output_active and not second.output_reconnecting
    assert second.output_bytes > first.output_bytes > 0
    assert second.output_duration > first.output_duration
    assert {"output_congestion", "output_skipped_frames", "output_total_frames"} <= set(
        second.attrs()
    )

    client.stop_stream()
    assert srv.wait_for(lambda: len(events.of("StreamStateChanged")) == 4)
    assert srv.stream_state == OutputState.STOPPED
    assert [e["output_state"] for e in events.of("StreamStateChanged")][2:] == [
        OutputState.STOPPING,
        OutputState.STOPPED,
    ]
    assert _request_code(client, "StopStream") == RequestStatus.OUTPUT_NOT_RUNNING
    assert client.toggle_stream().output_active is True
    assert srv.wait_for(lambda: srv.streaming)


def test_record_lifecycle(srv: FakeObs, client: Any, listen: Callable[..., Events]) -> None:
    events = listen("RecordStateChanged", subs=Subs.OUTPUTS)
    assert client.get_record_status().output_active is False
    assert _request_code(client, "StopRecord") == RequestStatus.OUTPUT_NOT_RUNNING
    client.start_record()
    assert srv.wait_for(lambda: srv.recording)
    assert client.get_record_status().output_active is True
    stopped = client.stop_record()
    assert stopped.output_path.endswith(".mkv")
    assert srv.wait_for(lambda: len(events.of("RecordStateChanged")) == 4)
    last = events.of("RecordStateChanged")[-1]
    assert (last["output_state"], last["output_path"]) == (
        OutputState.STOPPED,
        stopped.output_path,
    )
    assert srv.last_record_path == stopped.output_path


# ---------------------------------------------------------------- events


def test_events_reach_named_callbacks(srv: FakeObs, client: Any) -> None:
    seen: list[str] = []

    def on_current_program_scene_changed(data: Any) -> None:
        seen.append(data.scene_name)

    events = obsws_python.EventClient(host="127.0.0.1", port=srv.port, password=PASSWORD)
    try:
        events.callback.register(on_current_program_scene_changed)
        assert srv.wait_for(lambda: srv.identified_sessions == 2)
        client.set_current_program_scene(STUDIO)
        srv.switch_scene_by_hand(HOLDING)
        assert srv.wait_for(lambda: len(seen) == 2)
        assert seen == [STUDIO, HOLDING]
    finally:
        events.disconnect()


def test_events_for_studio_mode_scenes_and_inputs(
    srv: FakeObs, client: Any, listen: Callable[..., Events]
) -> None:
    names = (
        "StudioModeStateChanged",
        "CurrentPreviewSceneChanged",
        "CurrentProgramSceneChanged",
        "SceneCreated",
        "InputCreated",
        "InputSettingsChanged",
    )
    events = listen(*names)
    client.set_studio_mode_enabled(True)
    client.set_current_preview_scene(STUDIO)
    client.trigger_studio_mode_transition()
    client.create_scene("Нова")
    client.create_input("Нова", "Титр", "text_ft2_source_v2", {"text": "a"}, True)
    client.set_input_settings("Титр", {"text": "b"}, True)
    assert srv.wait_for(lambda: len(events.received) == 7)
    assert [name for name, _ in events.received] == [
        "StudioModeStateChanged",
        "CurrentPreviewSceneChanged",
        "CurrentProgramSceneChanged",
        "CurrentPreviewSceneChanged",
        "SceneCreated",
        "InputCreated",
        "InputSettingsChanged",
    ]
    assert events.of("StudioModeStateChanged") == [{"studio_mode_enabled": True}]
    assert events.of("CurrentProgramSceneChanged")[0]["scene_name"] == STUDIO
    assert events.of("InputSettingsChanged")[0]["input_settings"] == {"text": "b"}


def test_subscription_filtering(srv: FakeObs, listen: Callable[..., Events]) -> None:
    names = ("CurrentProgramSceneChanged", "StreamStateChanged")
    everything = listen(*names)
    outputs_only = listen(*names, subs=Subs.OUTPUTS)
    srv.switch_scene_by_hand(STUDIO)
    srv.emit_event("StreamStateChanged", {"outputActive": False, "outputState": "x"})
    # One connection keeps its order: once the later event is there, the earlier one is not coming.
    assert srv.wait_for(lambda: outputs_only.of("StreamStateChanged"))
    assert srv.wait_for(lambda: len(everything.received) == 2)
    assert outputs_only.of("CurrentProgramSceneChanged") == []
    assert everything.of("CurrentProgramSceneChanged") == [
        {"scene_name": STUDIO, "scene_uuid": srv.scene_uuid(STUDIO)}
    ]


def test_emit_event_and_suppress_events(srv: FakeObs) -> None:
    srv.suppress_events.add("CurrentProgramSceneChanged")
    with _raw_identified(srv) as ws:
        srv.switch_scene_by_hand(STUDIO)
        srv.emit_event("CustomEvent", {"hello": "світ"})
        event = json.loads(ws.recv(timeout=2))
    assert event["d"] == {
        "eventType": "CustomEvent",
        "eventIntent": EventIntent.GENERAL,
        "eventData": {"hello": "світ"},
    }
    assert srv.program_scene == STUDIO
    assert srv.emitted_events == [("CustomEvent", {"hello": "світ"})]


# ---------------------------------------------------------------- hooks


def test_recorded_requests(srv: FakeObs, client: Any) -> None:
    client.set_current_program_scene(STUDIO)
    client.get_version()
    assert srv.requests[0][:2] == ("SetCurrentProgramScene", {"sceneName": STUDIO})
    assert srv.requests[0].at > 0
    assert srv.requests_of("SetCurrentProgramScene") == [{"sceneName": STUDIO}]
    assert srv.request_types() == ["SetCurrentProgramScene", "GetVersion"]
    srv.clear_requests()
    assert srv.requests == []


def test_fail_requests(srv: FakeObs, client: Any) -> None:
    srv.fail_requests["SetCurrentProgramScene"] = RequestStatus.NOT_READY
    assert _request_code(client, "SetCurrentProgramScene", {"sceneName": STUDIO}) == 207
    assert srv.program_scene == HOLDING
    del srv.fail_requests["SetCurrentProgramScene"]
    client.set_current_program_scene(STUDIO)
    assert srv.program_scene == STUDIO


def test_request_delays(srv: FakeObs, client: Any) -> None:
    srv.request_delays["GetVersion"] = 0.15
    started = time.monotonic()
    client.get_version()
    assert time.monotonic() - started >= 0.15
    srv.request_delays["GetVersion"] = 0.5
    short = _req_client(srv, timeout=0.1)
    try:
        with pytest.raises(OBSSDKTimeoutError):
            short.get_version()
    finally:
        _quietly(short.disconnect)


def test_wait_for_times_out(srv: FakeObs) -> None:
    started = time.monotonic()
    assert srv.wait_for(lambda: False, timeout=0.05) is False
    assert time.monotonic() - started < 0.5


# ---------------------------------------------------------------- outages


def test_drop_sessions_then_reconnect(srv: FakeObs, client: Any) -> None:
    srv.drop_sessions()
    assert srv.sessions == 0
    assert srv.is_listening
    with pytest.raises((OSError, ValueError, WebSocketException)):
        client.get_version()  # BrokenPipeError, or JSONDecodeError if it was reading
    again = _req_client(srv)
    assert again.get_version().obs_version == "30.2.3"
    again.disconnect()


def test_drop_sessions_with_kick_code(srv: FakeObs) -> None:
    with _raw_identified(srv) as ws:
        srv.drop_sessions(ObsCloseCode.SESSION_INVALIDATED)
        assert _close_code(ws) == ObsCloseCode.SESSION_INVALIDATED


def test_stop_sends_exit_started_and_1001_then_restart_on_same_port(
    srv: FakeObs, client: Any
) -> None:
    port = srv.port
    client.set_current_program_scene(STUDIO)
    with _raw_identified(srv, subs=EventIntent.GENERAL) as ws:
        srv.stop()
        assert json.loads(ws.recv(timeout=2))["d"]["eventType"] == "ExitStarted"
        assert _close_code(ws) == 1001
    assert srv.sessions == 0 and not srv.is_listening
    with pytest.raises(ConnectionRefusedError):
        _req_client(srv)
    srv.restart()
    assert srv.port == port
    again = _req_client(srv)
    assert again.get_current_program_scene().scene_name == STUDIO  # OBS state survives
    again.disconnect()


def test_exit_started_reaches_event_client(srv: FakeObs, listen: Callable[..., Events]) -> None:
    events = listen("ExitStarted")
    srv.stop()
    assert srv.wait_for(lambda: events.of("ExitStarted") == [{}])
    assert srv.wait_for(lambda: not events.client.worker.is_alive())


def test_refuse_connections(srv: FakeObs, client: Any) -> None:
    srv.refuse_connections = True
    with pytest.raises(ConnectionRefusedError):
        _req_client(srv)
    assert client.get_version()  # sessions already open are kept
    srv.refuse_connections = False
    again = _req_client(srv)
    assert again.get_version()
    again.disconnect()


def test_close_is_idempotent_and_leaves_no_thread() -> None:
    server = FakeObs().start()
    server.stop()
    server.close()
    server.close()
    assert not any(t.name == "FakeObs" and t.is_alive() for t in threading.enumerate())
    with pytest.raises(RuntimeError):
        server.start()
