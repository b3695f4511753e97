"""Cue latency: a key press in the real console window to SetCurrentProgramScene at OBS.

The console runs in this process, offscreen, in rehearsal mode (real obs-websocket transport over
obsws-python, the real clock), on a generated agenda whose consecutive speakers alternate two
scenes (bench.agendas.cue_agenda), so every Next really switches. F5 starts the show; then each
cue is `QTest.keyClick(table, Space | Right)` with `t0 = time.perf_counter()` just before it, and
its latency is the arrival time of the next SetCurrentProgramScene at the server minus t0:

- against the protocol-level fake (tests/obsws_server.FakeObs, which stamps every request with
  `time.perf_counter()` on arrival, in this process);
- against real OBS (tests/real_obs.RealObs under Xvfb) through bench.relay.ArrivalRelay, which
  stamps each request frame as it passes.

Between cues the bench waits until the console has handed the cue to OBS and OBS confirmed it
(`Runtime.idle()`), then a random 0-60 ms more, so cues land at every phase of the link's
heartbeat and of the director's once-a-second timer text. Also measured: key to the
CurrentProgramSceneChanged event back at the console ("on air"), and the floor: the raw
obsws-python round trip (ReqClient.send SetCurrentProgramScene -> response, alternating the same
two scenes) against the same server in the same run; and the console's own transport (LiveObs,
one obsws-python worker thread) driven from the qasync loop with no window, request to arrival:
the least a cue can cost with this architecture.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import OBS_COLLECTION, Row, median, ms, percentile, verdict
from studio.agenda import Agenda

TARGET_P99_S = 0.010
TARGET_RATIO = 2.0
GAP_MAX_S = 0.060
PASSWORD = "bench-password"


@dataclass
class CueResult:
    target: str
    raw_rtt: list[float] = field(default_factory=list)
    raw_direct: list[float] = field(default_factory=list)  # real OBS without the relay
    floor: list[float] = field(default_factory=list)  # LiveObs from the loop -> arrival
    cue: list[float] = field(default_factory=list)
    on_air: list[float] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # what happened to cues with no switch
    skipped: str | None = None
    note: str = ""


Arrivals = Callable[[], list[tuple[float, str, dict[str, Any]]]]


def raw_round_trips(
    host: str, port: int, password: str, scenes: tuple[str, str], n: int
) -> list[float]:
    """n round trips of obsws-python's ReqClient.send(SetCurrentProgramScene), alternating."""
    import obsws_python as obsws

    import studio.obs.live  # noqa: F401 - quiets obsws_python's logger (it logs the password)

    client = obsws.ReqClient(host=host, port=port, password=password, timeout=3)
    try:
        out = []
        for i in range(n + 20):
            t0 = time.perf_counter()
            client.send("SetCurrentProgramScene", {"sceneName": scenes[i % 2]}, raw=True)
            if i >= 20:  # the first ones warm up both ends
                out.append(time.perf_counter() - t0)
        return out
    finally:
        with contextlib.suppress(Exception):
            client.base_client.ws.close()


def settle_obs(host: str, port: int, password: str, timeout: float = 8.0) -> None:
    """Wait until real OBS has worked through the burst of switches the floor runs sent: it
    applies them frame by frame, and a late one landing during the console's run would look
    like the technician's hand (and the cue to that scene would then send nothing)."""
    import obsws_python as obsws

    client = obsws.ReqClient(host=host, port=port, password=password, timeout=3)
    try:
        deadline = time.monotonic() + timeout
        seen: list[str] = []
        while time.monotonic() < deadline:
            scene = client.send("GetCurrentProgramScene", raw=True)
            seen.append(str((scene or {}).get("sceneName") or scene))
            if len(seen) >= 4 and len(set(seen[-4:])) == 1:
                return
            time.sleep(0.25)
    finally:
        with contextlib.suppress(Exception):
            client.base_client.ws.close()


async def transport_floor(
    host: str,
    port: int,
    password: str,
    scenes: tuple[str, str],
    n: int,
    arrivals: Arrivals,
    clear: Callable[[], None],
) -> list[float]:
    """The console's own transport (studio.obs.live.LiveObs: one obsws-python worker thread)
    driven from the qasync loop with no window: request call to arrival at the server, n times.
    What a cue costs at the least with this architecture (loop -> worker thread -> socket)."""
    from studio.obs.live import LiveObs

    transport = LiveObs(host, port, password)
    await transport.connect()
    out: list[float] = []
    try:
        for i in range(n + 20):
            clear()
            t0 = time.perf_counter()
            await transport.request("SetCurrentProgramScene", {"sceneName": scenes[i % 2]})
            sent = [at for at, kind, _d in arrivals() if kind == "SetCurrentProgramScene"]
            if i >= 20 and sent:
                out.append(sent[0] - t0)
            await asyncio.sleep(0.002)
    finally:
        await transport.close()
        transport.shutdown()
    return out


async def console_cues(
    agenda: Agenda,
    host: str,
    port: int,
    password: str,
    workdir: Path,
    n: int,
    arrivals: Arrivals,
    clear: Callable[[], None],
    seed: int = 7,
) -> tuple[list[float], list[float], list[str]]:
    """Open the console against host:port and give n cues by key; (latencies, on-air, and what
    happened to each cue that sent no SetCurrentProgramScene)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from bench.qt import close_console, open_console, wait_until
    from studio.modes import Mode
    from studio.runtime import RuntimeOptions

    journal = workdir / "cues.jsonl"
    journal.unlink(missing_ok=True)
    options = RuntimeOptions(
        mode=Mode.REHEARSAL, host=host, port=port, password=password, journal=journal
    )
    c = await open_console(agenda, options, workdir)
    rng = random.Random(seed)
    latencies: list[float] = []
    on_air: list[float] = []
    missing: list[str] = []
    try:
        rt, w = c.rt, c.window
        assert rt is not None and w is not None
        programs: list[tuple[float, str | None]] = []
        switches: list[Any] = []

        def on_link(kind: str, payload: Any) -> None:
            if kind == "program":
                programs.append((time.perf_counter(), payload.program))
            elif kind == "switch":
                switches.append(payload)

        rt.link.subscribe(on_link)
        await wait_until(lambda: rt.link.online, 20, "the console online with OBS")
        await asyncio.wait_for(rt.idle(), 5)
        w.table.setFocus()
        QTest.keyClick(w.table, Qt.Key.Key_F5)
        await asyncio.wait_for(rt.idle(), 5)
        await asyncio.sleep(0.2)
        keys = (Qt.Key.Key_Space, Qt.Key.Key_Right)
        for i in range(n):
            clear()
            programs.clear()
            switches.clear()
            t0 = time.perf_counter()
            QTest.keyClick(w.table, keys[i % 2])
            expected = agenda.scene_map.scene(rt.show.current_cue().scene)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(rt.idle(), 5)
            sent = [
                at
                for at, kind, data in arrivals()
                if kind == "SetCurrentProgramScene" and data.get("sceneName") == expected
            ]
            if sent and sent[0] >= t0:
                latencies.append(sent[0] - t0)
            else:
                seen = [(kind, data) for _at, kind, data in arrivals()]
                missing.append(
                    f"cue {i + 1} to {expected!r}: link reported {switches!r}; requests {seen!r}"
                )
            shown = [at for at, scene in programs if scene == expected and at >= t0]
            if shown:
                on_air.append(shown[0] - t0)
            await asyncio.sleep(rng.uniform(0, GAP_MAX_S))
    finally:
        await close_console(c)
    return latencies, on_air, missing


def _scenes(agenda: Agenda) -> tuple[str, str]:
    m = agenda.scene_map
    return m.scene("studio"), m.scene("remote")


def against_fake(agenda: Agenda, workdir: Path, n: int) -> CueResult:
    from bench import qt
    from tests.obsws_server import FakeObs

    m = agenda.scene_map
    res = CueResult("protocol server (FakeObs)")
    with FakeObs(
        password=PASSWORD,
        scenes=list(dict.fromkeys(m.scenes.values())),
        inputs={name: m.text_input_kind for name in m.inputs.values()},
    ) as srv:
        res.raw_rtt = raw_round_trips("127.0.0.1", srv.port, PASSWORD, _scenes(agenda), n)

        def arrivals() -> list[tuple[float, str, dict[str, Any]]]:
            return [(r.at, r.type, r.data) for r in srv.requests]

        res.floor = qt.run(
            transport_floor(
                "127.0.0.1",
                srv.port,
                PASSWORD,
                _scenes(agenda),
                n,
                arrivals,
                srv.clear_requests,
            )
        )
        res.cue, res.on_air, res.missing = qt.run(
            console_cues(
                agenda,
                "127.0.0.1",
                srv.port,
                PASSWORD,
                workdir / "fake",
                n,
                arrivals,
                srv.clear_requests,
            )
        )
    return res


def against_real_obs(agenda: Agenda, workdir: Path, n: int) -> CueResult:
    from bench import qt
    from bench.env import obs_version
    from bench.relay import ArrivalRelay
    from tests.real_obs import ObsStartError, RealObs

    label = f"real OBS {obs_version() or ''}".strip()
    res = CueResult(label)
    obs = RealObs(workdir / "real-obs", json.loads(OBS_COLLECTION.read_text(encoding="utf-8")))
    try:
        try:
            started = obs.start()
        except ObsStartError as exc:
            res.skipped = f"real OBS did not start: {exc}"
            return res
        res.note = f"OBS answered {started:.2f} s after launch"
        res.raw_direct = raw_round_trips(obs.host, obs.port, obs.password, _scenes(agenda), n)
        relay = ArrivalRelay(obs.host, obs.port)
        try:
            res.raw_rtt = raw_round_trips("127.0.0.1", relay.port, obs.password, _scenes(agenda), n)

            def arrivals() -> list[tuple[float, str, dict[str, Any]]]:
                return [(a.at, a.type, a.data) for a in relay.arrivals()]

            res.floor = qt.run(
                transport_floor(
                    "127.0.0.1",
                    relay.port,
                    obs.password,
                    _scenes(agenda),
                    n,
                    arrivals,
                    relay.clear,
                )
            )
            settle_obs(obs.host, obs.port, obs.password)
            res.cue, res.on_air, res.missing = qt.run(
                console_cues(
                    agenda,
                    "127.0.0.1",
                    relay.port,
                    obs.password,
                    workdir / "real",
                    n,
                    arrivals,
                    relay.clear,
                )
            )
        finally:
            relay.close()
    except Exception as exc:  # a benchmark reports, it does not crash the run
        res.skipped = f"real OBS run failed: {type(exc).__name__}: {exc}"
    finally:
        obs.stop()
    return res


def measure(workdir: Path, n: int, real_obs: bool = True) -> list[CueResult]:
    from bench import qt
    from bench.agendas import cue_agenda
    from studio.agenda import load_agenda

    qt.app()
    workdir.mkdir(parents=True, exist_ok=True)
    agenda = load_agenda(cue_agenda(workdir / "agenda-cues.yaml", speakers=n + 20))
    results = [against_fake(agenda, workdir, n)]
    if real_obs:
        results.append(against_real_obs(agenda, workdir, n))
    else:
        results.append(CueResult("real OBS", skipped="skipped (--no-real-obs)"))
    return results


def rows(results: list[CueResult]) -> list[Row]:
    out: list[Row] = []
    for res in results:
        name = f"cue latency: {res.target}"
        if res.skipped:
            out.append(Row(name, "key → SetCurrentProgramScene", "–", "", "skipped", res.skipped))
            continue
        p50, p99 = median(res.cue), percentile(res.cue, 99)
        r50, r99 = median(res.raw_rtt), percentile(res.raw_rtt, 99)
        miss = f"; {len(res.missing)} cues sent no switch" if res.missing else ""
        out.append(
            Row(
                name,
                f"key → SetCurrentProgramScene p50 / p99 (n={len(res.cue)}{miss})",
                f"{ms(p50, 2)} / {ms(p99, 2)}",
                "p99 ≤ 10 ms",
                verdict(p99 <= TARGET_P99_S and not res.missing),
                "; ".join([res.note, *(m[:300] for m in res.missing[:2])]).strip("; "),
            )
        )
        via = " via relay" if res.raw_direct else ""
        out.append(
            Row(
                name,
                f"raw obsws-python round trip p50 / p99 (floor{via})",
                f"{ms(r50, 2)} / {ms(r99, 2)}",
            )
        )
        out.append(
            Row(
                name,
                "ratio cue / raw round trip at p99 (at p50)",
                f"{p99 / r99:.1f}× ({p50 / r50:.1f}×)",
                "≤ 2× at p99",
                verdict(p99 <= TARGET_RATIO * r99),
            )
        )
        if res.floor:
            out.append(
                Row(
                    name,
                    "console transport (LiveObs) from the loop, no window → arrival p50 / p99",
                    f"{ms(median(res.floor), 2)} / {ms(percentile(res.floor, 99), 2)}",
                    note="what a cue costs at least with one obsws-python worker thread",
                )
            )
        if res.raw_direct:
            out.append(
                Row(
                    name,
                    "raw round trip without the relay p50 / p99",
                    f"{ms(median(res.raw_direct), 2)} / {ms(percentile(res.raw_direct, 99), 2)}",
                )
            )
        if res.on_air:
            out.append(
                Row(
                    name,
                    "key → CurrentProgramSceneChanged back at the console p50 / p99",
                    f"{ms(median(res.on_air), 1)} / {ms(percentile(res.on_air, 99), 1)}",
                )
            )
    return out
