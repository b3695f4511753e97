"""`studio preflight` and `studio provision` against the protocol-level OBS server, and the
director's once-a-second timer text for the return feed."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path

import pytest

from studio.agenda import load_agenda
from studio.cli import main
from studio.clock import SimClock
from studio.director import Director
from studio.obs.link import ObsLink
from studio.obs.live import LiveObs
from studio.preflight import scenes_needed
from studio.show import Show
from tests.obsws_server import FakeObs

ROOT = Path(__file__).resolve().parents[1]
AGENDA = str(ROOT / "config" / "agenda.yaml")
PASSWORD = "preflight-пароль"


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def obs_args(srv: FakeObs) -> list[str]:
    return ["--host", "127.0.0.1", "--port", str(srv.port), "--settings", "/nonexistent.yaml"]


def test_preflight_passes_when_obs_has_everything(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    agenda = load_agenda(AGENDA)
    monkeypatch.setenv("OBS_WEBSOCKET_PASSWORD", PASSWORD)
    with FakeObs(password=PASSWORD) as srv:  # its defaults are the shipped scene map's names
        code, out, err = run_cli(["preflight", AGENDA, *obs_args(srv)], capsys)
    assert code == 0, err
    assert "OBS 30.2.3, obs-websocket 5.5.4" in out
    assert "MISSING" not in out
    assert "streaming: idle" in out and "recording: idle" in out
    for need in scenes_needed(agenda):
        assert f"«{need.obs_name}»  ok" in out
    assert PASSWORD not in out + err


def test_preflight_names_what_is_missing_and_fails(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OBS_WEBSOCKET_PASSWORD", PASSWORD)
    with FakeObs(password=PASSWORD, scenes=["Заставка", "Студія"], inputs={}) as srv:
        srv.stream_bitrate_kbps = 3000
        code, out, err = run_cli(["preflight", AGENDA, *obs_args(srv)], capsys)
    assert code == 1
    assert "«Панель»  MISSING" in out
    assert "«Студія»  ok" in out
    assert "«Таймер спікера»  MISSING" in out
    assert "scene(s) missing" in err


def test_preflight_reports_a_running_stream(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OBS_WEBSOCKET_PASSWORD", PASSWORD)
    with FakeObs(password=PASSWORD) as srv:
        import obsws_python

        tech = obsws_python.ReqClient(host="127.0.0.1", port=srv.port, password=PASSWORD)
        tech.start_stream()
        srv.wait_for(lambda: srv.streaming)
        tech.disconnect()
        code, out, _ = run_cli(["preflight", AGENDA, *obs_args(srv)], capsys)
    assert "streaming: ACTIVE" in out
    assert code == 0  # worth knowing before air, but it does not block the show


def test_provision_creates_what_is_missing_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OBS_WEBSOCKET_PASSWORD", PASSWORD)
    with FakeObs(password=PASSWORD, scenes=["Scene"], inputs={}) as srv:
        code, out, err = run_cli(["provision", AGENDA, *obs_args(srv)], capsys)
        assert code == 0, err
        assert "created scene «Панель»" in out
        assert "created text input «Титр — ім'я»" in out
        assert "Preflight passed." in out
        created = len(srv.requests_of("CreateScene")) + len(srv.requests_of("CreateInput"))
        code, out, _ = run_cli(["provision", AGENDA, *obs_args(srv)], capsys)
        assert code == 0
        assert "already has every scene and text input" in out
        again = len(srv.requests_of("CreateScene")) + len(srv.requests_of("CreateInput"))
        assert again == created  # idempotent: nothing created the second time
        assert "Студія" in srv.scenes and "Титр — посада" in srv.inputs


def test_provision_places_the_texts_as_the_shipped_collection_does(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lower thirds in every scene a speaker can be on, bottom left; the speaker timer there too
    but hidden (it is for the return feed, never for the audience); the break timer in the
    break scene; positions scaled to OBS's canvas."""
    monkeypatch.setenv("OBS_WEBSOCKET_PASSWORD", PASSWORD)
    agenda = load_agenda(AGENDA)
    m = agenda.scene_map
    with FakeObs(password=PASSWORD, scenes=["Scene"], inputs={}) as srv:
        srv.canvas = (1280, 720)
        code, _out, err = run_cli(["provision", AGENDA, *obs_args(srv)], capsys)
        assert code == 0, err
        name, role, timer, pause = (
            m.inputs[k]
            for k in ("lower_third_name", "lower_third_role", "speaker_timer", "break_timer")
        )
        speaker_scenes = [
            m.scenes[k] for k in ("studio", "remote", "split", "panel", "slides", "closing")
        ]
        made = [scene for scene in speaker_scenes if scene in srv.scenes]  # what the agenda uses
        assert {m.scenes["studio"], m.scenes["remote"], m.scenes["panel"]} <= set(made)
        for scene in made:
            shown = srv.scene_item(scene, name)
            assert shown is not None, scene
            enabled, transform = shown
            assert enabled
            # 80 px from the left and 190 px from the bottom of 1920x1080, scaled to 1280x720.
            assert (transform["positionX"], transform["positionY"]) == pytest.approx(
                (53.3, 593.3), abs=0.1
            )
            assert srv.scene_item(scene, role) is not None
            hidden = srv.scene_item(scene, timer)
            assert hidden is not None and hidden[0] is False, scene
            assert srv.scene_item(scene, pause) is None
        # Font sizes follow the canvas too, so the name and role lines do not overlap.
        assert srv.input_settings(name)["font"]["size"] == 43  # 64 px at 1080 -> 720
        assert srv.input_settings(role)["font"]["size"] == 27
        enabled, transform = srv.scene_item(m.scenes["break"], pause)  # type: ignore[misc]
        assert enabled and (transform["positionX"], transform["positionY"]) == (640, 360)
        for source in (name, role, timer):
            assert srv.scene_item(m.scenes["break"], source) is None
            assert srv.scene_item(m.scenes["holding"], source) is None


def test_provision_leaves_existing_texts_alone_and_dresses_only_new_scenes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OBS_WEBSOCKET_PASSWORD", PASSWORD)
    agenda = load_agenda(AGENDA)
    m = agenda.scene_map
    have = [v for k, v in m.scenes.items() if k != "panel"]
    inputs = {v: m.text_input_kind for v in m.inputs.values()}
    with FakeObs(password=PASSWORD, scenes=have, inputs=inputs) as srv:
        code, out, err = run_cli(["provision", AGENDA, *obs_args(srv)], capsys)
        assert code == 0, err
        assert "created scene «Панель»" in out and "created text input" not in out
        assert srv.scene_item(m.scenes["panel"], m.inputs["lower_third_name"]) is not None
        assert srv.scene_item(m.scenes["panel"], m.inputs["speaker_timer"])[0] is False  # type: ignore[index]
        # The technician's own scenes are not touched.
        assert srv.requests_of("CreateSceneItem") and all(
            r["sceneName"] == m.scenes["panel"] for r in srv.requests_of("CreateSceneItem")
        )


def test_preflight_with_obs_down_is_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    with FakeObs() as srv:
        port = srv.port
    code, out, err = run_cli(
        [
            "preflight",
            AGENDA,
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--settings",
            "/nonexistent.yaml",
        ],
        capsys,
    )
    assert code == 1
    assert err.strip().count("\n") == 0 and "refused" in err
    assert "Traceback" not in out + err


def test_director_refreshes_the_speaker_timer_text(tmp_path: Path) -> None:
    agenda = load_agenda(AGENDA)
    clock = SimClock(agenda.planned_start)
    show = Show(agenda, clock)

    with FakeObs(password=PASSWORD) as srv:

        async def go() -> None:
            link = ObsLink(LiveObs("127.0.0.1", srv.port, PASSWORD))
            director = Director(show, link, agenda.scene_map)
            link.start()
            while not link.online:
                await asyncio.sleep(0.01)
            await director.on_cues(show.start())
            assert srv.input_settings("Таймер спікера")["text"] == "5:00"
            clock.advance(61.5)
            await director.tick()
            assert srv.input_settings("Таймер спікера")["text"] == "3:59"
            sets = len(srv.requests_of("SetInputSettings"))
            await director.tick()  # same text: nothing is sent again
            assert len(srv.requests_of("SetInputSettings")) == sets
            clock.advance(250)
            await director.tick()
            assert srv.input_settings("Таймер спікера")["text"] == "+0:11"
            await link.stop()
            link.transport.shutdown()  # type: ignore[attr-defined]

        asyncio.run(go())


def test_the_return_feed_countdown_turns_every_second_without_skipping() -> None:
    """On a paced clock (5x, so the test is short) the speaker-timer text OBS receives steps down
    one second at a time: no second skipped, none shown twice, none sent late."""
    from studio.clock import PacedClock
    from studio.obs.simulated import SimulatedObs

    agenda = load_agenda(AGENDA)
    clock = PacedClock(agenda.planned_start, speed=5.0)
    show = Show(agenda, clock)
    m = agenda.scene_map
    sim = SimulatedObs(list(m.scenes.values()), {v: m.text_input_kind for v in m.inputs.values()})
    timer = m.inputs["speaker_timer"]

    async def go() -> list[tuple[str, float]]:
        link = ObsLink(sim)
        director = Director(show, link, agenda.scene_map)
        link.start()
        while not link.online:
            await asyncio.sleep(0.01)
        await director.on_cues(show.start())
        sent_before = len(sim.requests)
        director.start_ticking()
        await asyncio.sleep(3.1)  # ~15 show seconds
        director.stop_ticking()
        await link.stop()
        texts = []
        for request_type, data in sim.requests[sent_before:]:
            if request_type == "SetInputSettings" and data["inputName"] == timer:
                texts.append(data["inputSettings"]["text"])
        return texts

    texts = asyncio.run(go())
    seconds = [int(t.split(":")[0]) * 60 + int(t.split(":")[1]) for t in texts]
    assert len(seconds) >= 12
    assert all(a - b == 1 for a, b in itertools.pairwise(seconds)), texts


def test_a_password_on_the_command_line_works_with_a_note_and_is_never_echoed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OBS_WEBSOCKET_PASSWORD", raising=False)
    agenda = load_agenda(AGENDA)
    m = agenda.scene_map
    scenes = list(dict.fromkeys(m.scenes.values()))
    inputs = {v: m.text_input_kind for v in m.inputs.values()}
    with FakeObs(password=PASSWORD, scenes=scenes, inputs=inputs) as srv:
        code, out, err = run_cli(
            ["preflight", AGENDA, *obs_args(srv), "--password", PASSWORD], capsys
        )
    assert code == 0, err
    assert "visible to other users" in err and "OBS_WEBSOCKET_PASSWORD" in err
    assert PASSWORD not in out + err
