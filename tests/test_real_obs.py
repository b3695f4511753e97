"""Real OBS Studio, headless under Xvfb, driven through LiveObs, ObsClient, ObsLink and Runtime.

One OBS serves the module (tests/real_obs.py; it starts in under a second here), loaded with the
shipped scene collection `scenes/studio-console-collection.json`; a second OBS with an empty
collection is started for provisioning. Everything is skipped, with the reason shown, when OBS or
Xvfb is missing or OBS cannot start here. The technician's hand on OBS is a plain obsws-python
client, and it is also the independent witness of what OBS shows.

Async code runs through `asyncio.run` inside each test, so these tests do not depend on which
event loop the rest of the suite configures for pytest-asyncio.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import obsws_python as obsws
import pytest
from obsws_python.subs import Subs

from studio.agenda import Agenda, load_agenda
from studio.clock import SimClock
from studio.modes import Mode
from studio.obs.base import ObsRefused, ObsRequestFailed, ObsUnavailable
from studio.obs.client import ObsClient, scene_request, text_request
from studio.obs.guard import Guard
from studio.obs.link import LinkMessage, LinkState, ObsLink, Switch
from studio.obs.live import LiveObs
from studio.preflight import inputs_needed, preflight, provision, scenes_needed
from studio.runtime import Runtime, RuntimeOptions
from studio.show import Cue

try:
    from tests.real_obs import ObsStartError, RealObs, empty_collection
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from real_obs import ObsStartError, RealObs, empty_collection  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
COLLECTION = ROOT / "scenes" / "studio-console-collection.json"
AGENDA = ROOT / "config" / "agenda.yaml"

pytestmark = [pytest.mark.real_obs, pytest.mark.timeout(120)]

log = logging.getLogger("tests.real_obs")
T = TypeVar("T")


# ---- helpers --------------------------------------------------------------------------------
def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


async def wait_until(pred: Callable[[], bool], timeout: float, what: str) -> float:
    """Poll `pred` until it holds; return how long that took."""
    t0 = time.monotonic()
    while not pred():
        if time.monotonic() - t0 > timeout:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.02)
    return time.monotonic() - t0


async def wait_until_value(
    get: Callable[[], Coroutine[Any, Any, T]], expected: T, timeout: float = 2.0
) -> None:
    """Poll an OBS getter: OBS applies some changes on its next frame (the preview scene,
    studio mode, a take), so an immediate read-back may still show the old value."""
    t0 = time.monotonic()
    while (value := await get()) != expected:
        assert time.monotonic() - t0 < timeout, f"{get.__name__} is {value!r}, not {expected!r}"
        await asyncio.sleep(0.02)


async def wait_until_program(client: ObsClient, name: str) -> None:
    await wait_until_value(client.program_scene, name)


async def settled_program(tech: obsws.ReqClient, expected: str, timeout: float = 2.0) -> str:
    """OBS's program scene once it is `expected`, or what it shows after `timeout` seconds (an
    asked-for switch lands on OBS's next frame, not with the answer to the request)."""
    t0 = time.monotonic()
    while (program := program_of(tech)) != expected and time.monotonic() - t0 < timeout:
        await asyncio.sleep(0.02)
    return program


class SentToObs(LiveObs):
    """LiveObs noting the type of every request that reaches it (batches: each one inside)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent: list[str] = []

    async def request(self, request_type: str, data: dict[str, Any] | None = None) -> Any:
        self.sent.append(request_type)
        return await super().request(request_type, data)

    async def request_batch(self, requests: Any) -> Any:
        self.sent.extend(request_type for request_type, _data in requests)
        return await super().request_batch(requests)


def start_or_skip(obs: RealObs) -> RealObs:
    try:
        obs.start()
    except ObsStartError as exc:
        obs.stop()
        pytest.skip(f"real OBS cannot run here: {exc}")
    return obs


@contextlib.asynccontextmanager
async def connected(obs: RealObs, password: str | None = None) -> AsyncIterator[ObsClient]:
    transport = LiveObs(obs.host, obs.port, obs.password if password is None else password)
    try:
        await transport.connect()
        yield ObsClient(transport)
    finally:
        await transport.close()
        transport.shutdown()


@contextlib.contextmanager
def technician(obs: RealObs) -> Iterator[obsws.ReqClient]:
    """A second, independent client: the technician's hand on OBS and the test's witness."""
    client = obs.client()
    try:
        yield client
    finally:
        with contextlib.suppress(Exception):
            client.base_client.ws.close()


def program_of(client: obsws.ReqClient) -> str:
    return str(client.get_current_program_scene().current_program_scene_name)


def text_of(client: obsws.ReqClient, input_name: str) -> str:
    return str(client.get_input_settings(input_name).input_settings.get("text", ""))


class ProgramEvents:
    """CurrentProgramSceneChanged as OBS sends it, seen from a separate obsws-python session."""

    def __init__(self, obs: RealObs) -> None:
        self.seen: list[str] = []
        self.client = obsws.EventClient(
            host=obs.host, port=obs.port, password=obs.password, timeout=3, subs=Subs.SCENES
        )

        def on_current_program_scene_changed(data: Any) -> None:
            self.seen.append(str(data.scene_name))

        self.client.callback.register(on_current_program_scene_changed)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.disconnect()


class LinkWatch:
    """What an ObsLink reports: its switches (by cue), its state changes (timed), the
    heartbeats OBS answered and the errors it told."""

    def __init__(self, link: ObsLink) -> None:
        self.switches: list[Switch] = []
        self.states: list[tuple[float, LinkState]] = []
        self.heartbeats = 0
        self.errors: list[LinkMessage] = []
        link.subscribe(self._on)

    def _on(self, kind: str, payload: Any) -> None:
        if kind == "switch":
            self.switches.append(payload)
        elif kind == "state":
            self.states.append((time.monotonic(), payload.state))
        elif kind == "health":
            self.heartbeats += 1
        elif kind == "error":
            self.errors.append(payload)

    async def heartbeats_answered(self, n: int = 1, timeout: float = 5.0) -> None:
        """Wait for `n` heartbeats answered after now. The link polls OBS's health only once a
        session is connected and what the cue wants is re-applied (connect, re-apply, then
        watch): after one, whatever the link meant to do on (re)connecting is done."""
        target = self.heartbeats + n
        await wait_until(lambda: self.heartbeats >= target, timeout, f"{n} heartbeat(s)")

    def for_cue(self, seq: int) -> Switch | None:
        return next((s for s in reversed(self.switches) if s.cue_seq == seq), None)

    async def switch(self, seq: int, timeout: float = 3.0) -> Switch:
        await wait_until(lambda: self.for_cue(seq) is not None, timeout, f"switch for cue {seq}")
        found = self.for_cue(seq)
        assert found is not None
        return found

    def online_since(self, t: float) -> float | None:
        return next((at for at, s in self.states if s is LinkState.ONLINE and at >= t), None)


def make_runtime(obs: RealObs, agenda: Agenda, journal: Path) -> tuple[Runtime, LinkWatch]:
    options = RuntimeOptions(
        mode=Mode.REHEARSAL,
        host=obs.host,
        port=obs.port,
        password=obs.password,
        journal=journal,
    )
    rt = Runtime.create(agenda, options, clock=SimClock(agenda.planned_start - 60))
    return rt, LinkWatch(rt.link)


async def start_show(rt: Runtime, watch: LinkWatch) -> None:
    """Start the runtime and wait until the pre-show cue is on air.

    An action given while the link is still re-applying on connect races it: see
    test_a_cue_given_as_the_link_connects_stays_on_air.
    """
    await rt.start()
    await wait_until(lambda: rt.link.online, 10, "link online")
    await watch.switch(rt.show.current_cue().seq)


def scene_per_cue(agenda: Agenda) -> list[str]:
    """The OBS scene of every cue a start-then-next show produces, from the agenda alone:
    the pre-show scene, each speaker's (or item's) scene in order, the end scene."""
    logical = [agenda.event.pre_show_scene]
    for seg in agenda.segments:
        item = agenda.items[seg.item_index]
        speaker = item.speakers[seg.speaker_index] if seg.speaker_index is not None else None
        logical.append(speaker.scene if speaker and speaker.scene else item.scene)
    logical.append(agenda.event.end_scene)
    return [agenda.scene_map.scene(n) for n in logical]


def collapse(names: list[str]) -> list[str]:
    """OBS sends no event when the scene does not change."""
    return [name for name, _ in itertools.groupby(names)]


def check_texts(tech: obsws.ReqClient, rt: Runtime, cue: Cue) -> None:
    """The lower third shows the current speaker; the timers what the director computes."""
    m = rt.agenda.scene_map
    name, role = cue.lower_third or ("", "")
    name_input, role_input = m.input("lower_third_name"), m.input("lower_third_role")
    assert name_input and role_input
    assert text_of(tech, name_input) == name, f"cue {cue.seq} ({cue.item_id})"
    assert text_of(tech, role_input) == role, f"cue {cue.seq} ({cue.item_id})"
    for input_name, text in rt.director.timer_texts().items():
        assert text_of(tech, input_name) == text, f"{input_name} at cue {cue.seq}"


# ---- fixtures -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def collection() -> dict[str, Any]:
    return json.loads(COLLECTION.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def agenda() -> Agenda:
    return load_agenda(AGENDA)


@pytest.fixture(scope="module")
def real_obs(
    tmp_path_factory: pytest.TempPathFactory, collection: dict[str, Any]
) -> Iterator[RealObs]:
    obs = start_or_skip(RealObs(tmp_path_factory.mktemp("real-obs"), collection))
    log.info(
        "OBS answered %.2f s after launch (port open after %.2f s); log: %s",
        obs.startup_s[0],
        obs.port_open_s[0],
        obs.log_path,
    )
    yield obs
    obs.stop()


@pytest.fixture
def obs(real_obs: RealObs) -> RealObs:
    """The module's OBS, running (a failed kill test may have left it down)."""
    if not real_obs.running:
        real_obs.restart()
    return real_obs


# ---- the transport and the typed client against real OBS -----------------------------------
def test_versions_and_startup(obs: RealObs, record_property: Callable[[str, Any], None]) -> None:
    async def body() -> Any:
        async with connected(obs) as client:
            return await client.version()

    v = run(body())
    record_property("obs_startup_s", round(obs.startup_s[0], 2))
    record_property("obs_port_open_s", round(obs.port_open_s[0], 2))
    record_property("obs_version", v.obs)
    assert int(v.websocket.split(".")[0]) >= 5
    assert v.rpc >= 1
    assert int(v.obs.split(".")[0]) >= 28
    assert obs.port_open_s[0] <= obs.startup_s[0] < 30


def test_scene_list_and_inputs_equal_the_collection(
    obs: RealObs, collection: dict[str, Any]
) -> None:
    async def body() -> tuple[list[str], dict[str, str]]:
        async with connected(obs) as client:
            return await client.scenes(), await client.inputs()

    scenes, inputs = run(body())
    assert scenes == [s["name"] for s in collection["scene_order"]]
    texts = {s["name"]: s["versioned_id"] for s in collection["sources"] if s["id"] != "scene"}
    assert inputs == texts


def test_program_scene_with_cyrillic_names(obs: RealObs, collection: dict[str, Any]) -> None:
    names = [s["name"] for s in collection["scene_order"]]

    async def body() -> list[str]:
        seen = []
        async with connected(obs) as client:
            for name in [*names, names[0]]:
                await client.set_program_scene(name)
                await wait_until_program(client, name)
                seen.append(await client.program_scene())
        return seen

    assert run(body()) == [*names, names[0]]


def test_text_input_round_trip(obs: RealObs, collection: dict[str, Any]) -> None:
    name = next(s["name"] for s in collection["sources"] if s["id"] != "scene")
    samples = ["Представник — АППАУ", "Ім'я «в лапках», ґ є ї і", "", "+1:05"]

    async def body() -> list[str]:
        out = []
        async with connected(obs) as client:
            for text in samples:
                await client.set_text(name, text)
                out.append(await client.get_text(name))
        return out

    assert run(body()) == samples


def test_a_cue_batch_dresses_the_scene_and_survives_a_missing_name(
    obs: RealObs, collection: dict[str, Any]
) -> None:
    """The link sends a cue's texts and scene as one RequestBatch: OBS runs it in order, and a
    wrong name in it fails alone, in one sentence, without stopping the rest."""
    names = [s["name"] for s in collection["scene_order"]]
    text_input = next(s["name"] for s in collection["sources"] if s["id"] != "scene")

    async def body() -> tuple[list[Any], str, str]:
        async with connected(obs) as client:
            await client.set_program_scene(names[0])
            await wait_until_program(client, names[0])
            results = await client.batch(
                [
                    text_request(text_input, "Модератор — Морський кластер України"),
                    text_request("Немає такого титру", "x"),
                    scene_request(names[1]),
                ]
            )
            await wait_until_program(client, names[1])
            return results, await client.get_text(text_input), await client.program_scene()

    results, text, program = run(body())
    assert results[0] == {} and results[2] == {}
    assert isinstance(results[1], ObsRequestFailed) and results[1].code == 600
    assert "no input named «Немає такого титру»" in results[1].message
    assert text == "Модератор — Морський кластер України"
    assert program == names[1]


def test_studio_mode_preview_and_take(obs: RealObs, collection: dict[str, Any]) -> None:
    a, b = (s["name"] for s in collection["scene_order"][:2])

    async def body() -> None:
        async with connected(obs) as client:
            await client.set_program_scene(a)
            await wait_until_program(client, a)
            await client.set_studio_mode(True)
            try:
                t0 = time.monotonic()
                while not await client.studio_mode():
                    assert time.monotonic() - t0 < 2, "studio mode never came on"
                    await asyncio.sleep(0.02)
                await client.set_preview_scene(b)
                await wait_until_value(client.preview_scene, b)
                assert await client.program_scene() == a
                await client.take()
                await wait_until_program(client, b)
            finally:
                await client.set_studio_mode(False)
            t0 = time.monotonic()
            while await client.studio_mode():
                assert time.monotonic() - t0 < 2, "studio mode never went off"
                await asyncio.sleep(0.02)
            with pytest.raises(ObsRequestFailed) as info:
                await client.set_preview_scene(a)
            assert info.value.code == 506
            assert info.value.message == "Studio mode is off in OBS."

    run(body())


def test_stream_and_record_status_and_a_recording(obs: RealObs) -> None:
    async def status_until(client: ObsClient, active: bool) -> None:
        t0 = time.monotonic()
        while (await client.record_status()).active != active:
            assert time.monotonic() - t0 < 5, f"recording never became active={active}"
            await asyncio.sleep(0.05)

    async def body() -> None:
        async with connected(obs) as client:
            stream = await client.stream_status()
            assert (stream.active, stream.state) == (False, "stopped")
            record = await client.record_status()
            assert (record.active, record.state) == (False, "stopped")
            await client.start_record()
            await status_until(client, True)
            t0 = time.monotonic()
            while (await client.record_status()).duration_ms < 1000:  # a second of recording
                assert time.monotonic() - t0 < 5, "the recording's duration never grew"
                await asyncio.sleep(0.05)
            await client.stop_record()
            await status_until(client, False)
            assert not (await client.stream_status()).active

    run(body())
    files = [p for p in obs.record_dir.iterdir() if p.is_file()]
    assert len(files) == 1 and files[0].stat().st_size > 0, files


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("not-the-password", "refused the connection: wrong WebSocket password?"),
        ("", "asks for a password and none is set (OBS_WEBSOCKET_PASSWORD)."),
    ],
    ids=["wrong", "none"],
)
def test_bad_password_gives_one_clear_sentence(
    obs: RealObs,
    password: str,
    expected: str,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    transport = LiveObs(obs.host, obs.port, password)
    try:
        with pytest.raises(ObsUnavailable) as info:
            run(transport.connect())
    finally:
        transport.shutdown()
    exc = info.value
    assert exc.message == f"OBS at {obs.host}:{obs.port} {expected}"
    assert str(exc) == exc.message and "\n" not in exc.message
    assert exc.__cause__ is None and exc.__suppress_context__  # raised `from None`
    out, err = capfd.readouterr()
    shown = exc.message + out + err + caplog.text + repr(transport)
    assert "Traceback" not in shown
    assert obs.password not in shown
    assert not password or password not in shown


def test_missing_scene_and_input_are_code_600(obs: RealObs) -> None:
    async def body() -> None:
        async with connected(obs) as client:
            with pytest.raises(ObsRequestFailed) as info:
                await client.set_program_scene("Немає такої сцени")
            assert info.value.code == 600
            assert info.value.message == (
                "OBS has no scene named «Немає такої сцени» (SetCurrentProgramScene)."
            )
            with pytest.raises(ObsRequestFailed) as info:
                await client.get_text("Немає такого титру")
            assert info.value.code == 600
            assert "no input named «Немає такого титру»" in info.value.message
            assert await client.program_scene()  # the session is still good

    run(body())


def test_guard_refuses_stream_start_in_rehearsal(obs: RealObs) -> None:
    events: list[str] = []
    watcher = obsws.EventClient(
        host=obs.host, port=obs.port, password=obs.password, timeout=3, subs=Subs.OUTPUTS
    )

    def on_stream_state_changed(data: Any) -> None:
        events.append(str(data.output_state))

    watcher.callback.register(on_stream_state_changed)

    async def body() -> list[str]:
        wire = SentToObs(obs.host, obs.port, obs.password)
        guard = Guard(wire, Mode.REHEARSAL)
        await guard.connect()
        try:
            client = ObsClient(guard)
            with pytest.raises(ObsRefused):
                await client.start_stream()
            for request in ("ToggleStream", "StartOutput"):
                with pytest.raises(ObsRefused):
                    await guard.request(request, {"outputName": "simple_stream"})
            # Checked where it is decided, not by waiting to see whether OBS starts streaming:
            # none of them reached the transport.
            assert wire.sent == []
            assert not (await client.stream_status()).active
            assert wire.sent == ["GetStreamStatus"]
            return list(guard.refused)
        finally:
            await guard.close()
            guard.inner.shutdown()  # type: ignore[attr-defined]

    try:
        refused = run(body())
    finally:
        watcher.disconnect()
    assert refused == ["StartStream", "ToggleStream", "StartOutput"]
    assert events == []


# ---- preflight and provisioning --------------------------------------------------------------
def test_preflight_passes_on_the_shipped_collection(obs: RealObs, agenda: Agenda) -> None:
    async def body() -> Any:
        async with connected(obs) as client:
            return await preflight(client, agenda)

    report = run(body())
    assert report.missing_scenes == []
    assert report.missing_inputs == []
    assert report.notes == []
    assert not report.blocking
    assert not report.streaming and not report.recording


def test_cli_preflight_against_real_obs(obs: RealObs) -> None:
    env = {**os.environ, "OBS_WEBSOCKET_PASSWORD": obs.password}
    where = ["--host", obs.host, "--port", str(obs.port)]
    done = subprocess.run(
        [sys.executable, "-m", "studio", "preflight", str(AGENDA), *where],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Preflight passed." in done.stdout
    assert "MISSING" not in done.stdout
    assert obs.password not in done.stdout + done.stderr


def test_provision_fills_an_empty_obs_and_is_idempotent(tmp_path: Path, agenda: Agenda) -> None:
    empty = start_or_skip(RealObs(tmp_path / "empty-obs", empty_collection("Empty")))
    scenes = [n.obs_name for n in scenes_needed(agenda)]
    inputs = [n.obs_name for n in inputs_needed(agenda)]

    async def body() -> None:
        async with connected(empty) as client:
            before = await preflight(client, agenda)
            assert before.blocking
            assert [n.obs_name for n in before.missing_scenes] == scenes
            assert [n.obs_name for n in before.missing_inputs] == inputs
            first = await provision(client, agenda)
            assert first.created_scenes == scenes
            assert first.created_inputs == inputs
            second = await provision(client, agenda)
            assert (second.created_scenes, second.created_inputs) == ([], [])
            after = await preflight(client, agenda)
            assert (after.missing_scenes, after.missing_inputs, after.notes) == ([], [], [])
            assert set(await client.scenes()) == {"Scene", *scenes}
            kinds = await client.inputs()
            assert kinds == dict.fromkeys(inputs, agenda.scene_map.text_input_kind)

    try:
        run(body())
        m = agenda.scene_map
        with technician(empty) as tech:
            break_items = tech.get_scene_item_list(m.scene("break")).scene_items
            studio_items = tech.get_scene_item_list(m.scene("studio")).scene_items
            remote_items = tech.get_scene_item_list(m.scene("remote")).scene_items
            canvas = tech.get_video_settings()
        assert [i["sourceName"] for i in break_items] == [m.input("break_timer")]
        for items in (studio_items, remote_items):
            shown = {i["sourceName"]: i for i in items}
            # Lower thirds on air in every speaker scene, bottom left; the speaker timer there
            # for the return feed, but hidden from the audience.
            name = shown[m.input("lower_third_name")]
            assert name["sceneItemEnabled"] is True
            t = name["sceneItemTransform"]
            assert t["positionX"] == pytest.approx(80 * canvas.base_width / 1920, abs=0.5)
            assert t["positionY"] == pytest.approx(890 * canvas.base_height / 1080, abs=0.5)
            assert shown[m.input("lower_third_role")]["sceneItemEnabled"] is True
            assert shown[m.input("speaker_timer")]["sceneItemEnabled"] is False
    finally:
        empty.stop()


# ---- the whole show through Runtime ------------------------------------------------------------
def test_whole_show_switches_exactly_the_agenda_scenes(
    obs: RealObs,
    agenda: Agenda,
    tmp_path: Path,
    record_property: Callable[[str, Any], None],
) -> None:
    per_cue = scene_per_cue(agenda)
    with technician(obs) as tech:
        events = ProgramEvents(obs)
        try:
            # The witness listens first, so the event of this switch is seen and set aside
            # rather than arriving among the show's.
            if program_of(tech) != per_cue[0]:
                tech.set_current_program_scene(per_cue[0])
                run(wait_until(lambda: events.seen[-1:] == per_cue[:1], 3, "the witness to see it"))
            assert program_of(tech) == per_cue[0]
            events.seen.clear()

            async def body() -> list[Switch]:
                rt, watch = make_runtime(obs, agenda, tmp_path / "show.jsonl")
                try:
                    await start_show(rt, watch)
                    cues = [rt.show.current_cue()]
                    cues += rt.act("start")
                    while True:
                        cue = cues[-1]
                        await rt.idle()
                        switch = await watch.switch(cue.seq)
                        expected = per_cue[len(cues) - 1]
                        assert (switch.scene, switch.confirmed) == (expected, True), cue
                        assert program_of(tech) == expected, cue
                        check_texts(tech, rt, cue)
                        if rt.show.state.status == "ended":
                            break
                        cues += rt.act("next")
                    assert len(cues) == len(per_cue)
                    return watch.switches
                finally:
                    await rt.stop()

            switches = run(body())
            # Every switch is confirmed to the link; the witness's own copies may still be on
            # their way: wait until it has as many as the show made.
            run(
                wait_until(
                    lambda: len(events.seen) >= len(collapse(per_cue)) - 1,
                    3,
                    f"the witness to see {len(collapse(per_cue)) - 1} switches",
                )
            )
        finally:
            events.close()
    assert [per_cue[0], *events.seen] == collapse(per_cue)
    latencies = [s.latency_ms for s in switches if s.latency_ms]
    record_property("switch_latency_ms_max", round(max(latencies), 1))
    log.info("switch latency: max %.1f ms over %d switches", max(latencies), len(latencies))
    assert all(s.confirmed for s in switches)


def test_obs_killed_mid_show_comes_back_with_the_intended_scene(
    obs: RealObs,
    agenda: Agenda,
    tmp_path: Path,
    record_property: Callable[[str, Any], None],
) -> None:
    async def body() -> None:
        rt, watch = make_runtime(obs, agenda, tmp_path / "kill.jsonl")
        try:
            await start_show(rt, watch)
            (before,) = rt.act("goto", item="region-mykolaiv")
            await rt.idle()
            assert (await watch.switch(before.seq)).confirmed

            obs.kill()
            noticed = await wait_until(lambda: not rt.link.online, 3, "the link to notice")
            (cue,) = rt.act("next")  # the moderator goes on while OBS is down
            await rt.idle()
            expected = agenda.scene_map.scene(cue.scene)
            assert expected != agenda.scene_map.scene(before.scene)

            await asyncio.to_thread(obs.restart)
            await wait_until(lambda: rt.link.online, 5, "the link back online")
            back = watch.online_since(obs.port_opened_at)
            assert back is not None
            record_property("link_noticed_loss_s", round(noticed, 2))
            record_property("link_back_after_port_open_s", round(back - obs.port_opened_at, 2))
            assert back - obs.port_opened_at < rt.link.backoff_cap + 1.5

            switch = await watch.switch(cue.seq)
            assert (switch.scene, switch.confirmed) == (expected, True)
            with technician(obs) as tech:
                assert program_of(tech) == expected
                check_texts(tech, rt, cue)
            assert rt.link.snap.outages == 1
        finally:
            await rt.stop()

    run(body())


def test_a_cue_given_as_the_link_connects_stays_on_air(
    obs: RealObs, agenda: Agenda, tmp_path: Path
) -> None:
    with technician(obs) as tech:
        on_air = agenda.scene_map.scene(agenda.items[0].scene)
        assert on_air != agenda.scene_map.scene(agenda.event.pre_show_scene)
        tech.set_current_program_scene(on_air)

        async def body() -> list[Cue]:
            rt, watch = make_runtime(obs, agenda, tmp_path / "race.jsonl")
            acted: list[Cue] = []

            def act_when_online(kind: str, payload: Any) -> None:
                # The moderator presses Start the moment OBS (re)connects.
                if kind == "state" and payload.state is LinkState.ONLINE and not acted:
                    acted.extend(rt.act("start"))

            rt.link.subscribe(act_when_online)
            try:
                await rt.start()
                await wait_until(lambda: bool(acted), 10, "the link online")
                await rt.idle()  # the cue's switch, confirmed (or timed out)
                await watch.heartbeats_answered()  # ... and the re-apply on connecting
                return acted
            finally:
                await rt.stop()

        (cue,) = run(body())
        assert program_of(tech) == agenda.scene_map.scene(cue.scene)


@contextlib.contextmanager
def frozen(obs: RealObs) -> Iterator[None]:
    """OBS hangs (SIGSTOP): its port still accepts connections, nothing answers."""
    assert obs.pid is not None
    os.kill(obs.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(obs.pid, signal.SIGCONT)


def test_frozen_obs_is_noticed_and_the_show_resumes(
    obs: RealObs,
    agenda: Agenda,
    tmp_path: Path,
    record_property: Callable[[str, Any], None],
) -> None:
    async def body() -> None:
        rt, watch = make_runtime(obs, agenda, tmp_path / "freeze.jsonl")
        try:
            await start_show(rt, watch)
            (before,) = rt.act("goto", item="break-1")
            await rt.idle()
            assert (await watch.switch(before.seq)).confirmed
            with frozen(obs):
                noticed = await wait_until(lambda: not rt.link.online, 3, "the link to notice")
                errors = len(watch.errors)
                (cue,) = rt.act("next")
                await rt.idle()
                # OBS stays frozen until a reconnect has failed on it (no answer in time).
                await wait_until(
                    lambda: len(watch.errors) > errors, 5, "a reconnect to fail on the frozen OBS"
                )
            record_property("link_noticed_freeze_s", round(noticed, 2))
            # The heartbeat: every 0.5 s, answered within 1 s, so a hung OBS shows within 1.5 s.
            assert noticed < 2.0
            await wait_until(lambda: rt.link.online, 5, "the link back online")
            switch = await watch.switch(cue.seq)
            expected = agenda.scene_map.scene(cue.scene)
            assert (switch.scene, switch.confirmed) == (expected, True)
            with technician(obs) as tech:
                assert program_of(tech) == expected
                check_texts(tech, rt, cue)
        finally:
            await rt.stop()

    run(body())


def test_connecting_to_a_hung_obs_says_it_did_not_answer(obs: RealObs) -> None:
    transport = LiveObs(obs.host, obs.port, obs.password, timeout=1.0)
    try:
        with frozen(obs), pytest.raises(ObsUnavailable) as info:
            run(transport.connect())
    finally:
        transport.shutdown()
    assert info.value.message == (
        f"OBS at {obs.host}:{obs.port} did not answer in time (is it frozen?)."
    )


async def _manual_switch_then_crash(
    obs: RealObs, agenda: Agenda, journal: Path
) -> tuple[Runtime, LinkWatch, str, str]:
    """Start a show on a discussion, let the technician switch by hand, crash and restart OBS.

    Returns the runtime (started), its watch, the manual scene and what OBS showed right after
    the link came back.
    """
    rt, watch = make_runtime(obs, agenda, journal)
    try:
        return await _manual_then_crash(rt, watch, obs, agenda)
    except BaseException:
        await rt.stop()
        raise


async def _manual_then_crash(
    rt: Runtime, watch: LinkWatch, obs: RealObs, agenda: Agenda
) -> tuple[Runtime, LinkWatch, str, str]:
    await start_show(rt, watch)
    (cue,) = rt.act("goto", item="discussion-1")
    await rt.idle()
    assert (await watch.switch(cue.seq)).confirmed
    manual = agenda.scene_map.scene("slides")  # no cue of the agenda uses it
    assert manual != agenda.scene_map.scene(cue.scene)
    with technician(obs) as tech:
        tech.set_current_program_scene(manual)
        await wait_until(lambda: rt.link.snap.manual_scene == manual, 2, "override noticed")
        switches = len(watch.switches)
        await watch.heartbeats_answered(2)  # heartbeats pass: the link must not fight back
        assert program_of(tech) == manual
        assert len(watch.switches) == switches
    obs.kill()
    await wait_until(lambda: not rt.link.online, 3, "the link to notice")
    await asyncio.to_thread(obs.restart)
    await wait_until(lambda: rt.link.online, 5, "the link back online")
    await watch.heartbeats_answered()  # the re-apply after the reconnect is over
    assert len(watch.switches) == switches  # no automated switch back to the cue
    with technician(obs) as tech:
        # The link puts the manual scene back with a plain request, which OBS shows on its
        # next frame: give OBS that long to show it, no longer.
        after = await settled_program(tech, manual)
    return rt, watch, manual, after


def test_manual_switch_is_respected_after_reconnect_until_the_next_cue(
    obs: RealObs, agenda: Agenda, tmp_path: Path
) -> None:
    async def body() -> None:
        rt, watch, manual, _after = await _manual_switch_then_crash(
            obs, agenda, tmp_path / "manual.jsonl"
        )
        try:
            assert rt.link.snap.manual_scene == manual
            (cue,) = rt.act("next")
            await rt.idle()
            switch = await watch.switch(cue.seq)
            expected = agenda.scene_map.scene(cue.scene)
            assert (switch.scene, switch.confirmed) == (expected, True)
            assert rt.link.snap.manual_scene is None
            with technician(obs) as tech:
                assert program_of(tech) == expected
        finally:
            await rt.stop()

    run(body())


def test_manual_scene_is_back_on_program_after_obs_restarts(
    obs: RealObs, agenda: Agenda, tmp_path: Path
) -> None:
    async def body() -> tuple[str, str]:
        rt, _watch, manual, after = await _manual_switch_then_crash(
            obs, agenda, tmp_path / "manual-crash.jsonl"
        )
        await rt.stop()
        return manual, after

    manual, after = run(body())
    assert after == manual


def test_password_never_logged_or_printed(
    obs: RealObs,
    agenda: Agenda,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    journal = tmp_path / "secret.jsonl"

    async def body() -> str:
        rt, watch = make_runtime(obs, agenda, journal)
        try:
            await start_show(rt, watch)
            (cue,) = rt.act("start")
            await rt.idle()
            await watch.switch(cue.seq)
            rt.act("next")
            await rt.idle()
            return repr(rt.transport) + repr(rt.link.snap) + repr(rt.link.transport)
        finally:
            await rt.stop()

    shown = run(body())
    bad = LiveObs(obs.host, obs.port, "wrong-" + obs.password)
    with pytest.raises(ObsUnavailable) as info:
        run(bad.connect())
    bad.shutdown()
    out, err = capfd.readouterr()
    everything = "".join(
        [shown, info.value.message, out, err, caplog.text, journal.read_text(encoding="utf-8")]
    )
    assert "studio.obs" in caplog.text  # the link did log, at DEBUG and up
    assert obs.password not in everything
