"""The same contract for both OBS transports: SimulatedObs in-process, and LiveObs (real
obsws-python over a real socket) against the protocol-level obs-websocket v5 server.

Each test runs once per backend; what a technician would notice (scenes, texts, outputs, errors
in one sentence) must not depend on which OBS is behind the link.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import pytest

from studio.modes import Mode
from studio.obs.base import ObsRefused, ObsRequestFailed, ObsUnavailable
from studio.obs.client import ObsClient, scene_request, text_request
from studio.obs.guard import Guard
from studio.obs.live import LiveObs
from studio.obs.simulated import SimulatedObs
from tests.obsws_server import FakeObs

PASSWORD = "s3cret-пароль"
SCENES = ["Заставка", "Студія", "Віддалений спікер", "Перерва"]
INPUTS = {"Титр — ім'я": "text_ft2_source_v2", "Таймер спікера": "text_ft2_source_v2"}


def run(coro: Any) -> Any:
    return asyncio.run(coro)


@dataclass
class Backend:
    name: str
    make: Callable[[], Any]
    server: FakeObs | None = None

    def requests(self, transport: Any) -> list[str]:
        if self.server is not None:
            return [r.type for r in self.server.requests]
        return [t for t, _ in transport.requests]


@pytest.fixture(params=["simulated", "protocol-server"])
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    if request.param == "simulated":
        yield Backend("simulated", lambda: SimulatedObs(SCENES, INPUTS))
        return
    srv = FakeObs(password=PASSWORD, scenes=SCENES, inputs=INPUTS)
    srv.start()
    try:
        yield Backend("live", lambda: LiveObs("127.0.0.1", srv.port, PASSWORD), srv)
    finally:
        srv.close()


@asynccontextmanager
async def connected(backend: Backend, mode: Mode = Mode.LIVE) -> AsyncIterator[ObsClient]:
    transport = backend.make()
    guarded = Guard(transport, mode) if mode is not Mode.DRY_RUN or transport.simulated else None
    await transport.connect()
    try:
        yield ObsClient(guarded or transport)
    finally:
        await transport.close()
        if isinstance(transport, LiveObs):
            transport.shutdown()


def test_versions_and_lists(backend: Backend) -> None:
    async def go() -> None:
        async with connected(backend) as obs:
            v = await obs.version()
            assert int(v.websocket.split(".")[0]) >= 5
            assert set(await obs.scenes()) == set(SCENES)
            inputs = await obs.inputs()
            assert set(INPUTS) <= set(inputs)

    run(go())


def test_program_scene_with_cyrillic_names(backend: Backend) -> None:
    async def go() -> None:
        async with connected(backend) as obs:
            await obs.set_program_scene("Віддалений спікер")
            assert await obs.program_scene() == "Віддалений спікер"

    run(go())


def test_missing_scene_is_one_clear_sentence(backend: Backend) -> None:
    async def go() -> None:
        async with connected(backend) as obs:
            with pytest.raises(ObsRequestFailed) as err:
                await obs.set_program_scene("Нема такої")
            assert err.value.code == 600
            assert "Нема такої" in err.value.message
            # The session survives a failed request.
            assert await obs.program_scene() in SCENES

    run(go())


def test_text_input_round_trip(backend: Backend) -> None:
    async def go() -> None:
        async with connected(backend) as obs:
            await obs.set_text("Титр — ім'я", "Представник — АППАУ")
            assert await obs.get_text("Титр — ім'я") == "Представник — АППАУ"

    run(go())


def test_a_batch_runs_in_order_and_a_failure_does_not_stop_it(backend: Backend) -> None:
    async def go() -> None:
        async with connected(backend) as obs:
            results = await obs.batch(
                [
                    text_request("Титр — ім'я", "Модератор — Морський кластер"),
                    scene_request("Нема такої"),
                    scene_request("Перерва"),
                    ("GetCurrentProgramScene", {}),
                ]
            )
            assert len(results) == 4
            ok_text, missing, ok_scene, program = results
            assert isinstance(missing, ObsRequestFailed)
            assert missing.code == 600 and "Нема такої" in missing.message
            assert ok_text == {} and ok_scene == {}
            # SerialRealtime: the switch took effect before the next request of the batch ran.
            assert isinstance(program, dict)
            assert (program.get("sceneName") or program.get("currentProgramSceneName")) == "Перерва"
            assert await obs.get_text("Титр — ім'я") == "Модератор — Морський кластер"
            # The session goes on after the batch.
            assert await obs.program_scene() == "Перерва"

    run(go())


def test_rehearsal_guard_refuses_a_batch_holding_a_stream_start_whole(backend: Backend) -> None:
    async def go() -> None:
        async with connected(backend, Mode.REHEARSAL) as obs:
            inner = obs.t.inner  # type: ignore[attr-defined]
            before = len(backend.requests(inner))
            with pytest.raises(ObsRefused):
                await obs.batch([scene_request("Перерва"), ("StartStream", {})])
            # Not even the harmless first request reached OBS.
            assert backend.requests(inner)[before:] == []
            assert await obs.program_scene() != "Перерва"
            assert not (await obs.stream_status()).active

    run(go())


def test_studio_mode_preview_and_take(backend: Backend) -> None:
    async def go() -> None:
        async with connected(backend) as obs:
            await obs.set_studio_mode(True)
            assert await obs.studio_mode()
            await obs.set_preview_scene("Перерва")
            assert await obs.preview_scene() == "Перерва"
            await obs.take()
            for _ in range(100):
                if await obs.program_scene() == "Перерва":
                    break
                await asyncio.sleep(0.01)
            assert await obs.program_scene() == "Перерва"
            await obs.set_studio_mode(False)

    run(go())


def test_stream_and_record_go_through_their_states(backend: Backend) -> None:
    async def wait_active(get: Any, active: bool) -> None:
        for _ in range(200):
            if (await get()).active == active:
                return
            await asyncio.sleep(0.01)
        raise AssertionError(f"output never became active={active}")

    async def go() -> None:
        async with connected(backend) as obs:
            assert not (await obs.stream_status()).active
            await obs.start_stream()
            await wait_active(obs.stream_status, True)
            with pytest.raises(ObsRequestFailed):
                await obs.start_stream()
            await obs.stop_stream()
            await wait_active(obs.stream_status, False)
            await obs.start_record()
            await wait_active(obs.record_status, True)
            await obs.stop_record()
            await wait_active(obs.record_status, False)

    run(go())


def test_rehearsal_guard_refuses_stream_start_before_obs_hears_it(backend: Backend) -> None:
    async def go() -> None:
        transport = backend.make()
        async with connected(backend, Mode.REHEARSAL) as obs:
            before = len(backend.requests(obs.t.inner))  # type: ignore[attr-defined]
            with pytest.raises(ObsRefused) as err:
                await obs.start_stream()
            assert "Rehearsal" in err.value.message
            assert err.value.key == "guard.rehearsal_stream"
            after = backend.requests(obs.t.inner)  # type: ignore[attr-defined]
            assert "StartStream" not in after[before:]
            assert not (await obs.stream_status()).active
            # Recording stays allowed in rehearsal.
            await obs.start_record()
            await obs.stop_record() if (await obs.record_status()).active else None
        del transport

    run(go())


def test_dry_run_refuses_a_real_obs() -> None:
    with pytest.raises(ObsRefused):
        Guard(LiveObs("127.0.0.1", 1, None), Mode.DRY_RUN)


def test_wrong_password_is_one_sentence_and_never_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with FakeObs(password=PASSWORD, scenes=SCENES) as srv:

        async def go() -> None:
            t = LiveObs("127.0.0.1", srv.port, "wrong-password-xyz")
            with pytest.raises(ObsUnavailable) as err:
                await t.connect()
            t.shutdown()
            assert "password" in err.value.message
            assert "\n" not in err.value.message

        run(go())
    assert "wrong-password-xyz" not in caplog.text
    assert PASSWORD not in caplog.text


def test_refused_port_is_one_sentence() -> None:
    with FakeObs(scenes=SCENES) as srv:
        port = srv.port
    # The server is closed now: nothing listens on that port.

    async def go() -> None:
        t = LiveObs("127.0.0.1", port, None)
        with pytest.raises(ObsUnavailable) as err:
            await t.connect()
        t.shutdown()
        assert f"127.0.0.1:{port}" in err.value.message
        assert "refused" in err.value.message
        assert (err.value.key, err.value.params) == ("obs.refused", {"where": f"127.0.0.1:{port}"})

    run(go())


def test_too_old_obs_websocket_is_refused_with_a_reason() -> None:
    with FakeObs(scenes=SCENES, ws_version="4.9.1") as srv:

        async def go() -> None:
            t = LiveObs("127.0.0.1", srv.port, None)
            await t.connect()
            with pytest.raises(ObsUnavailable) as err:
                await ObsClient(t).version()
            await t.close()
            t.shutdown()
            assert "too old" in err.value.message

        run(go())
