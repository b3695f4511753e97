"""The supervised OBS link and the director, end to end over a real socket.

Real obsws-python talks to the protocol-level obs-websocket v5 server; the show runs on a simulated
clock. What is asserted is what the technician and the audience would see: which scenes went on
program in which order, lower thirds, OBS vanishing and coming back, a hand on OBS respected.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from studio.agenda import Agenda, load_agenda
from studio.clock import SimClock
from studio.modes import Mode
from studio.obs.link import LinkMessage, LinkState
from studio.runtime import Runtime, RuntimeOptions
from studio.show import Show, cue_for, replay
from tests.obsws_server import FakeObs

PASSWORD = "test-пароль-42"
AGENDA = Path(__file__).resolve().parents[1] / "config" / "agenda.yaml"


@pytest.fixture(scope="module")
def agenda() -> Agenda:
    return load_agenda(AGENDA)


@pytest.fixture
def server(agenda: Agenda) -> Iterator[FakeObs]:
    m = agenda.scene_map
    srv = FakeObs(
        password=PASSWORD,
        scenes=list(dict.fromkeys(m.scenes.values())),
        inputs={name: m.text_input_kind for name in m.inputs.values()},
    )
    srv.start()
    yield srv
    srv.close()


def make_runtime(agenda: Agenda, srv: FakeObs, tmp_path: Path) -> Runtime:
    opts = RuntimeOptions(
        mode=Mode.REHEARSAL,
        host="127.0.0.1",
        port=srv.port,
        password=PASSWORD,
        journal=tmp_path / "journal.jsonl",
    )
    return Runtime.create(agenda, opts, clock=SimClock(agenda.planned_start - 60))


async def until(predicate: Callable[[], Any], timeout: float = 5.0) -> float:
    """Wait for predicate; return how long it took (loop time)."""
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    while not predicate():
        if loop.time() - t0 > timeout:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.01)
    return loop.time() - t0


async def settled(rt: Runtime, timeout: float = 5.0) -> None:
    """Wait for a heartbeat the link has answered after now. The link polls OBS's health only
    once a session is connected and what the cue wants re-applied (connect, re-apply, then
    watch), so after it any switch the link meant to make on (re)connecting has been made."""
    beats: list[object] = []

    def heard(kind: str, _payload: object) -> None:
        if kind == "health":
            beats.append(kind)

    rt.link.subscribe(heard)
    try:
        await until(lambda: bool(beats), timeout)
    finally:
        rt.link.unsubscribe(heard)


def expected_scenes(agenda: Agenda) -> list[str]:
    """Program scenes the agenda implies: pre-show, every cue of the show, end; repeats collapse
    because a scene already on program is not switched again."""
    show = Show(agenda, SimClock(agenda.planned_start))
    names = [agenda.scene_map.scene(show.current_cue().scene)]
    for cue in show.start():
        names.append(agenda.scene_map.scene(cue.scene))
    while show.state.status == "running":
        for cue in show.next():
            names.append(agenda.scene_map.scene(cue.scene))
    collapsed = [n for i, n in enumerate(names) if i == 0 or n != names[i - 1]]
    return collapsed


def test_whole_show_switches_exactly_what_the_agenda_implies(
    agenda: Agenda, server: FakeObs, tmp_path: Path
) -> None:
    server.switch_scene_by_hand("Перерва")  # OBS starts on some other scene

    async def go() -> None:
        rt = make_runtime(agenda, server, tmp_path)
        await rt.start()
        await until(lambda: rt.link.online)
        await until(lambda: server.program_scene == agenda.scene_map.scene("holding"))
        await settled(rt)  # nothing more comes from connecting: what follows is the show's
        server.clear_requests()
        rt.act("start")
        lower_thirds = []
        while rt.show.state.status == "running":
            await rt.idle()
            await until(
                lambda: server.program_scene == rt.director.desired_for(rt.show.current_cue()).scene
            )
            st = rt.show.status()
            if st.speaker is not None:
                name = server.input_settings("Титр — ім'я").get("text")
                lower_thirds.append((name, st.speaker.lower_third_lines("uk")[0]))
            # Every text the cue implies is in OBS with its scene: lower-third name and role
            # (cleared for a break), the speaker timer and the break countdown.
            want = rt.director.desired_for(rt.show.current_cue())
            assert len(want.texts) == 4
            for input_name, text in want.texts.items():
                assert server.input_settings(input_name).get("text", "") == text, input_name
            rt.clock.advance(st.allotted)  # type: ignore[attr-defined]
            rt.act("next")
        await rt.idle()
        await until(lambda: server.program_scene == agenda.scene_map.scene("holding"))
        await rt.stop()
        switched = [r["sceneName"] for r in server.requests_of("SetCurrentProgramScene")]
        assert switched == expected_scenes(agenda)[1:]
        assert lower_thirds and all(got == want for got, want in lower_thirds)
        assert "StartStream" not in server.request_types()

    asyncio.run(go())


def test_obs_dies_mid_show_and_the_intended_scene_comes_back(
    agenda: Agenda, server: FakeObs, tmp_path: Path
) -> None:
    async def go() -> None:
        rt = make_runtime(agenda, server, tmp_path)
        logged: list[LinkMessage] = []
        rt.link.subscribe(lambda kind, p: logged.append(p) if kind == "log" else None)
        await rt.start()
        await until(lambda: rt.link.online)
        rt.act("start")
        await rt.idle()
        await until(lambda: server.program_scene == agenda.scene_map.scene("studio"))
        t_running = rt.show.status().elapsed

        server.stop()  # OBS quits (ExitStarted, close 1001)
        noticed = await until(lambda: rt.link.snap.state is LinkState.RECONNECTING, 3.0)
        assert noticed < 2.0
        assert rt.link.snap.last_error
        problem = rt.link.snap.last_error_message  # the same sentence, keyed for translation
        assert problem is not None and problem.text == rt.link.snap.last_error
        assert problem.key.startswith("obs.")
        (lost,) = [m for m in logged if m.key == "link.lost"]
        assert lost.text.startswith("Lost OBS: ") and isinstance(lost.args["why"], LinkMessage)

        # The show goes on without OBS: next speaker (remote scene) while it is down.
        rt.clock.advance(300)  # type: ignore[attr-defined]
        rt.act("next")
        await rt.idle()
        assert rt.show.status().elapsed == 0.0 and t_running == 0.0
        assert server.program_scene == agenda.scene_map.scene("studio")

        server.start()
        back = await until(lambda: rt.link.online, 5.0)
        assert back <= 2.0  # backoff is capped at 1.5 s, and the handshake is quick
        await until(lambda: server.program_scene == agenda.scene_map.scene("remote"))
        await rt.stop()
        kinds = [e.name for e in rt.journal.entries if e.kind == "obs"]
        assert "obs_lost" in kinds and "obs_back" in kinds
        (back_msg,) = [m for m in logged if m.key == "link.back"]
        assert back_msg.text.startswith("OBS is back after ")

    asyncio.run(go())


def test_manual_switch_is_respected_across_reconnect_until_the_next_cue(
    agenda: Agenda, server: FakeObs, tmp_path: Path
) -> None:
    async def go() -> None:
        rt = make_runtime(agenda, server, tmp_path)
        await rt.start()
        await until(lambda: rt.link.online)
        rt.act("start")
        await rt.idle()
        await until(lambda: server.program_scene == agenda.scene_map.scene("studio"))

        server.switch_scene_by_hand("Панель")  # the technician takes over in OBS
        await until(lambda: rt.link.snap.manual_scene == "Панель")

        server.drop_sessions()
        await until(lambda: rt.link.snap.outages == 1, 3.0)
        await until(lambda: rt.link.online, 5.0)
        await settled(rt)  # the re-apply on reconnect is over
        assert server.program_scene == "Панель"  # not fought over on reconnect

        rt.clock.advance(300)  # type: ignore[attr-defined]
        rt.act("next")  # the next cue takes the scene back
        await rt.idle()
        await until(lambda: server.program_scene == agenda.scene_map.scene("remote"))
        assert rt.link.snap.manual_scene is None
        await rt.stop()
        overrides = [e.args for e in rt.journal.entries if e.name == "manual_override"]
        assert overrides == [{"scene": "Панель", "source": "obs"}]

    asyncio.run(go())


async def hand_set_break_then_crash(agenda: Agenda, server: FakeObs, tmp_path: Path) -> None:
    """Start the show; the technician cuts to the break scene by hand; the console goes away
    (the journal is all a restart has, as after a crash)."""
    studio, pause = agenda.scene_map.scene("studio"), agenda.scene_map.scene("break")
    rt = make_runtime(agenda, server, tmp_path)
    await rt.start()
    await until(lambda: rt.link.online)
    rt.act("start")
    await rt.idle()
    await until(lambda: server.program_scene == studio)
    server.switch_scene_by_hand(pause)
    await until(lambda: rt.link.snap.manual_scene == pause)
    await rt.stop()


async def restarted(agenda: Agenda, server: FakeObs, tmp_path: Path) -> Runtime:
    """The console started again on the same journal, online and settled."""
    rt = make_runtime(agenda, server, tmp_path)
    await rt.start()
    await until(lambda: rt.link.online)
    await rt.idle()
    await settled(rt)
    return rt


def test_manual_switch_outlives_a_console_restart_until_the_next_cue(
    agenda: Agenda, server: FakeObs, tmp_path: Path
) -> None:
    """The technician cuts to the break scene by hand, then the console crashes and is started
    again on its journal: the hand-set scene stays on air until the moderator's next cue."""
    studio, pause = agenda.scene_map.scene("studio"), agenda.scene_map.scene("break")
    remote = agenda.scene_map.scene("remote")

    async def second_run() -> None:
        rt = await restarted(agenda, server, tmp_path)
        assert rt.link.snap.manual_scene == pause
        assert server.program_scene == pause
        rt.act("next")
        await rt.idle()
        await until(lambda: server.program_scene == remote)
        assert rt.link.snap.manual_scene is None
        await rt.stop()

    async def third_run() -> None:
        rt = await restarted(agenda, server, tmp_path)
        await until(lambda: server.program_scene == remote)
        assert rt.link.snap.manual_scene is None
        await rt.stop()

    asyncio.run(hand_set_break_then_crash(agenda, server, tmp_path))
    asyncio.run(second_run())
    # After a next cue, a restart has no hand-set scene to keep.
    server.switch_scene_by_hand(studio)
    asyncio.run(third_run())


def test_a_scene_changed_while_the_console_was_down_is_what_stays_on_air(
    agenda: Agenda, server: FakeObs, tmp_path: Path
) -> None:
    """The technician cuts to the break by hand, the console crashes, and while it is down the
    technician cuts to the panel: the restarted console holds what OBS shows now (the panel),
    not the break from its journal, and switches nothing until the next cue."""
    panel = agenda.scene_map.scene("panel")

    async def second_run() -> None:
        rt = await restarted(agenda, server, tmp_path)
        assert server.program_scene == panel
        assert rt.link.snap.manual_scene == panel
        assert server.requests_of("SetCurrentProgramScene") == []
        await rt.stop()

    asyncio.run(hand_set_break_then_crash(agenda, server, tmp_path))
    server.switch_scene_by_hand(panel)  # while the console is down
    server.clear_requests()
    asyncio.run(second_run())


def test_unconfirmed_switch_is_reported(agenda: Agenda, server: FakeObs, tmp_path: Path) -> None:
    async def go() -> None:
        rt = make_runtime(agenda, server, tmp_path)
        switches: list[Any] = []
        rt.link.subscribe(lambda kind, p: switches.append(p) if kind == "switch" else None)
        await rt.start()
        await until(lambda: rt.link.online)
        await rt.idle()
        await settled(rt)  # the switch on connecting is over: only the show's goes unconfirmed
        server.suppress_events.add("CurrentProgramSceneChanged")
        rt.act("start")
        await rt.idle()
        await until(lambda: rt.link.snap.unconfirmed is not None, 3.0)
        assert rt.link.snap.unconfirmed.scene == agenda.scene_map.scene("studio")
        assert switches[-1].confirmed is False
        server.suppress_events.clear()
        rt.clock.advance(300)  # type: ignore[attr-defined]
        rt.act("next")
        await rt.idle()
        await until(lambda: switches[-1].confirmed and switches[-1].latency_ms is not None)
        assert rt.link.snap.unconfirmed is None
        await rt.stop()

    asyncio.run(go())


def test_a_cue_reaches_obs_in_one_batch_with_its_texts_ahead_of_the_scene(
    agenda: Agenda, server: FakeObs, tmp_path: Path
) -> None:
    async def go() -> None:
        rt = make_runtime(agenda, server, tmp_path)
        await rt.start()
        await until(lambda: rt.link.online)
        await rt.idle()
        # The texts the link re-sends on connecting must be in before the clear, or they read as
        # part of the cue's batch below.
        await settled(rt)
        server.clear_requests()
        rt.act("start")
        await rt.idle()
        want = rt.director.desired_for(rt.show.current_cue())
        await until(lambda: server.program_scene == want.scene)
        await rt.stop()
        reqs = server.requests
        at = next(i for i, r in enumerate(reqs) if r.type == "SetCurrentProgramScene")
        assert reqs[at].data == {"sceneName": want.scene}
        assert reqs[at].batch == 0  # SerialRealtime: texts land before the scene, in order
        dressed = {}
        i = at - 1
        while i >= 0 and reqs[i].batch == 0 and reqs[i].type == "SetInputSettings":
            dressed[reqs[i].data["inputName"]] = reqs[i].data["inputSettings"]["text"]
            i -= 1
        name_input = agenda.scene_map.inputs["lower_third_name"]
        speaker = rt.show.status().speaker
        assert speaker is not None
        assert dressed.get(name_input) == speaker.lower_third_lines("uk")[0]
        assert all(want.texts.get(name) == text for name, text in dressed.items())

    asyncio.run(go())


def test_health_incidents_reach_the_journal_and_the_as_run_report(
    agenda: Agenda, server: FakeObs, tmp_path: Path
) -> None:
    """OBS's CPU runs hot for a while mid-show, wavering at its threshold: the report lists one
    incident for it, with the worst value, and the figures that stayed in range not at all."""
    from studio.report import build_report, render_html

    async def go() -> None:
        rt = make_runtime(agenda, server, tmp_path)
        rt.link.incidents.settle_s = 0.6
        await rt.start()
        await until(lambda: rt.link.online)
        rt.act("start")
        await rt.idle()
        for cpu in (93.0, 85.0, 97.0, 95.0):  # bad, warning, bad: still one incident
            server.set_stats(cpuUsage=cpu)
            await until(lambda c=cpu: rt.link.snap.health.cpu == c)
        rt.clock.advance(30)  # type: ignore[attr-defined]
        server.set_stats(cpuUsage=4.0)
        await until(lambda: rt.link.snap.health.cpu == 4.0)
        rt.clock.advance(1)  # type: ignore[attr-defined]  # back in range longer than settle_s
        await until(lambda: not rt.link.incidents.open_figures, 5.0)
        await rt.stop()

    asyncio.run(go())
    asrun = build_report(tmp_path / "journal.jsonl")
    assert [(h.figure, h.level, h.value) for h in asrun.health] == [("cpu", "bad", 97.0)]
    incident = asrun.health[0]
    # On the show clock: from the first hot poll to the first cool one, 30 s later.
    assert incident.ended_at is not None
    assert incident.ended_at - incident.started_at == pytest.approx(30.0)
    page = render_html(asrun, "en")
    assert "Stream health incidents" in page and "OBS CPU" in page and "97.0 %" in page


def test_keys_faster_than_obs_put_only_the_newest_cue_on_air(
    agenda: Agenda, server: FakeObs, tmp_path: Path
) -> None:
    """Next, Next, Back, goto the break in one breath: the audience sees the break, not the
    three scenes in between; the journal keeps every cue and the report calls none missing."""
    from studio.report import build_report

    async def go() -> None:
        rt = make_runtime(agenda, server, tmp_path)
        await rt.start()
        await until(lambda: rt.link.online)
        await rt.idle()
        rt.act("start")
        await rt.idle()
        studio = agenda.scene_map.scene("studio")
        await until(lambda: server.program_scene == studio)
        server.clear_requests()
        for action, args in (
            ("next", {}),
            ("next", {}),
            ("back", {}),
            ("goto", {"item": "break-1"}),
        ):
            rt.clock.advance(5)  # type: ignore[attr-defined]
            rt.act(action, **args)
        await rt.idle()
        pause = agenda.scene_map.scene("break")
        await until(lambda: server.program_scene == pause)
        await rt.stop()
        assert [r["sceneName"] for r in server.requests_of("SetCurrentProgramScene")] == [pause]

    asyncio.run(go())
    asrun = build_report(tmp_path / "journal.jsonl")
    assert len(asrun.cues) == 6  # pre-show, start, and the four quick ones, all journalled
    assert asrun.unswitched == ()


def test_a_hung_obs_is_noticed_within_two_seconds(
    agenda: Agenda, server: FakeObs, tmp_path: Path
) -> None:
    async def go() -> None:
        rt = make_runtime(agenda, server, tmp_path)
        await rt.start()
        await until(lambda: rt.link.online)
        server.request_delays["GetStats"] = 30.0  # OBS frozen: the socket is open, no answers
        # Counted, not polled: the fake still accepts new sessions, so the link may be back
        # online before a poll of its state would see it away.
        took = await until(lambda: rt.link.snap.outages >= 1, 4.0)
        assert took < 2.0
        server.request_delays.clear()
        server.drop_sessions()
        await until(lambda: rt.link.online, 6.0)
        await rt.stop()

    asyncio.run(go())


def test_bitrate_and_health_while_streaming(agenda: Agenda, tmp_path: Path) -> None:
    m = agenda.scene_map
    with FakeObs(password=PASSWORD, scenes=list(m.scenes.values())) as srv:
        srv.stream_bitrate_kbps = 4000.0

        async def go() -> None:
            opts = RuntimeOptions(
                mode=Mode.LIVE, port=srv.port, password=PASSWORD, journal=tmp_path / "j.jsonl"
            )
            rt = Runtime.create(agenda, opts, clock=SimClock(agenda.planned_start))
            await rt.start()
            await until(lambda: rt.link.online)
            await rt.link.output("start_stream")
            await until(lambda: rt.link.snap.stream.active, 3.0)
            await until(lambda: (rt.link.snap.health.bitrate_kbps or 0) > 0, 4.0)
            assert 2000 < (rt.link.snap.health.bitrate_kbps or 0) < 8000
            assert rt.link.snap.health.active_fps > 0
            await rt.link.output("stop_stream")
            await until(lambda: not rt.link.snap.stream.active, 3.0)
            await rt.stop()

        asyncio.run(go())


def test_crash_and_restart_resumes_from_the_journal(
    agenda: Agenda, server: FakeObs, tmp_path: Path
) -> None:
    async def go() -> None:
        rt = make_runtime(agenda, server, tmp_path)
        await rt.start()
        await until(lambda: rt.link.online)
        rt.act("start")
        for _ in range(4):
            rt.clock.advance(200)  # type: ignore[attr-defined]
            rt.act("next")
        rt.clock.advance(95)  # type: ignore[attr-defined]
        before = rt.show.status()
        await rt.idle()
        # A crash: nothing is closed cleanly; a new process replays the same journal file.
        entries = list(rt.journal.entries)
        await rt.stop()
        state = replay(agenda, entries)
        assert state.seg == rt.show.state.seg
        rt2 = Runtime.create(
            agenda,
            RuntimeOptions(
                mode=Mode.REHEARSAL,
                port=server.port,
                password=PASSWORD,
                journal=tmp_path / "journal.jsonl",
            ),
            clock=SimClock(before.now),
        )
        after = rt2.show.status()
        assert (after.item_index, after.speaker_index, after.elapsed) == (
            before.item_index,
            before.speaker_index,
            before.elapsed,
        )
        await rt2.start()
        await until(lambda: rt2.link.online)
        want = agenda.scene_map.scene(cue_for(agenda, rt2.show.state, "x").scene)
        await until(lambda: server.program_scene == want)
        await rt2.stop()

    asyncio.run(go())


def test_no_password_in_logs_or_journal(
    agenda: Agenda,
    server: FakeObs,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)

    async def go() -> None:
        rt = make_runtime(agenda, server, tmp_path)
        await rt.start()
        await until(lambda: rt.link.online)
        rt.act("start")
        await rt.idle()
        server.stop()
        await until(lambda: not rt.link.online)
        server.start()
        await until(lambda: rt.link.online)
        await rt.stop()
        assert PASSWORD not in repr(rt.transport)

    asyncio.run(go())
    out, err = capfd.readouterr()
    assert PASSWORD not in caplog.text + out + err
    assert PASSWORD not in (tmp_path / "journal.jsonl").read_text(encoding="utf-8")


def test_held_manual_scene_reads_the_journal_facts() -> None:
    from studio.journal import Entry
    from studio.runtime import held_manual_scene

    def obs(line: int, name: str, **args: Any) -> Entry:
        return Entry(line, float(line), "obs", name, args)

    cue3, cue4 = obs(1, "cue", seq=3), obs(5, "cue", seq=4)
    hand = obs(2, "manual_override", scene="Перерва", source="obs")
    assert held_manual_scene([cue3, hand], 3) == "Перерва"
    assert held_manual_scene([cue3, hand, obs(3, "cue", seq=3)], 3) == "Перерва"  # a restart
    assert held_manual_scene([cue3, hand, obs(4, "manual_released")], 3) is None
    assert held_manual_scene([cue3, hand, cue4], 4) is None  # a newer cue took over
    assert held_manual_scene([cue3, hand], 4) is None  # the show moved on since
