"""The show server under load: views, an HTTP action to OBS, and the cost of 100 views.

`.venv/bin/python -m bench.serve` (options: `--views 100 --presses 200 --cpu-seconds 30
--loop qasync|asyncio --markdown`). Figures are printed, never asserted.

This process is the console's side: the engine (`Runtime`) and the show server (`ShowServer`)
on one loop, qasync on an offscreen QApplication like the console's (or plain asyncio, as in
`studio rehearse --serve`). The clients are in child processes (this module with `--child`),
so their work is not counted as the server's; on this 2-core machine they still share the CPU.
Instants are `time.perf_counter()` in both processes (CLOCK_MONOTONIC on Linux: one clock for
the whole machine).

1. Key press -> state at each view. A dry-run show on the default agenda (the real event's
   state document), the real clock. A "press" is `Runtime.act(Next | Back)` from the loop, as
   the console's key handler calls it. First with no client (the press alone), then with
   `--views` WebSocket view clients in one child process: before each press the child is told
   the segment the show is on, and stamps, per client, the first state whose segment differs
   (stamped on receipt, before parsing; its 100 sockets are read by one loop, so the last
   client's figure includes the child reading the 99 before it). Also: how long the press
   keeps the loop (act returns), and the push itself (the document built once, dropped into
   100 mailboxes), so the console window is never held up by the fan-out.
2. HTTP action -> SetCurrentProgramScene. Rehearsal mode against the protocol-level OBS server
   (tests/obsws_server.FakeObs, which stamps each request on arrival) on a generated agenda whose
   consecutive speakers alternate two scenes (bench.agendas.cue_agenda), so each press switches.
   `POST /api/v1/actions/next|back` with the control token from a child process (t0 stamped just
   before the request is written; a kept-alive connection, then a new connection each time)
   against the same press made by `Runtime.act` in this process. A random 0-60 ms pause between
   presses, and each waits until OBS confirmed the previous cue.
3. CPU and memory. With the show running (the countdown on, the server pushing the state once a
   second and the engine updating OBS's timer text), this process's CPU time (user + system,
   getrusage) over `--cpu-seconds`, with no client and with the views connected; RSS (VmRSS).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `tests` (the protocol-level OBS server) lives beside `bench`

from bench.common import DEFAULT_AGENDA, apply_qt_env, median, ms, percentile  # noqa: E402

TARGET_VIEWS_P99_S = 0.050
TARGET_HTTP_RATIO = 1.5
TARGET_CPU_PERCENT = 2.0
PASSWORD = "bench-password"
GAP_MAX_S = 0.060
SEGMENT = re.compile(r'"current":\{"item":"[^"]*","segment":(\d+)')


# ---- the child processes: view clients, an HTTP client ------------------------------------------
def _stdin_lines(loop: asyncio.AbstractEventLoop) -> asyncio.Queue[str]:
    queue: asyncio.Queue[str] = asyncio.Queue()

    def read() -> None:
        for line in sys.stdin:
            loop.call_soon_threadsafe(queue.put_nowait, line.strip())
        loop.call_soon_threadsafe(queue.put_nowait, "quit")

    threading.Thread(target=read, daemon=True).start()
    return queue


def _say(**msg: Any) -> None:
    sys.stdout.write(json.dumps(msg) + "\n")
    sys.stdout.flush()


async def _child_views(url: str, token: str, n: int) -> None:
    """n view clients; `arm ID SEGMENT` -> `got`: when each first saw another segment."""
    import aiohttp

    commands = _stdin_lines(asyncio.get_running_loop())
    armed: dict[str, Any] = {"id": None, "from": None}
    times: list[float | None] = [None] * n
    first = [asyncio.Event() for _ in range(n)]
    all_seen = asyncio.Event()

    async def client(i: int, ws: aiohttp.ClientWebSocketResponse) -> None:
        async for msg in ws:
            t = time.perf_counter()
            first[i].set()
            if armed["id"] is None or times[i] is not None:
                continue
            m = SEGMENT.search(msg.data)
            if m and int(m.group(1)) != armed["from"]:
                times[i] = t
                if all(x is not None for x in times):
                    all_seen.set()

    async def pings(i: int, ws: aiohttp.ClientWebSocketResponse) -> None:
        """Like a browser's view (app.js): a time ping every second for the first 8, then every
        3 s, each client at its own phase."""
        await asyncio.sleep(i / n)
        k = 0
        while not ws.closed:
            k += 1
            await ws.send_str(json.dumps({"type": "ping", "id": k}))
            await asyncio.sleep(1.0 if k < 8 else 3.0)

    async with aiohttp.ClientSession() as http:
        sockets = []
        for _ in range(n):
            sockets.append(await http.ws_connect(url, params={"token": token, "view": "1"}))
        tasks = [asyncio.create_task(client(i, ws)) for i, ws in enumerate(sockets)]
        tasks += [asyncio.create_task(pings(i, ws)) for i, ws in enumerate(sockets)]
        await asyncio.gather(*(e.wait() for e in first))
        _say(ready=n)
        while (line := await commands.get()) != "quit":
            _cmd, ident, segment = line.split()
            times[:] = [None] * n
            all_seen.clear()
            armed.update(id=ident, **{"from": int(segment)})
            _say(armed=ident)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(all_seen.wait(), 5.0)
            armed["id"] = None
            _say(got=ident, at=times)
        for ws in sockets:
            await ws.close()
        for task in tasks:
            task.cancel()


async def _child_http(base: str, token: str, fresh: bool) -> None:
    """`post ID ACTION` -> `done`: t0 (just before the request), the answer's status and time."""
    import aiohttp

    commands = _stdin_lines(asyncio.get_running_loop())
    headers = {"Authorization": f"Bearer {token}"}
    connector = aiohttp.TCPConnector(force_close=fresh)
    async with aiohttp.ClientSession(connector=connector) as http:
        while (line := await commands.get()) != "quit":
            _cmd, ident, action = line.split()
            t0 = time.perf_counter()
            async with http.post(f"{base}api/v1/actions/{action}", headers=headers) as r:
                await r.read()
                _say(done=ident, t0=t0, status=r.status, answered=time.perf_counter())


class Child:
    """A child process of this module, spoken to in lines of JSON."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.serve", "--child", *args],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        loop = asyncio.get_running_loop()
        self.lines: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

        def read() -> None:
            assert self.proc.stdout is not None
            for line in self.proc.stdout:
                loop.call_soon_threadsafe(self.lines.put_nowait, json.loads(line))

        threading.Thread(target=read, daemon=True).start()

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    async def reply(self, timeout: float = 30.0) -> dict[str, Any]:
        return await asyncio.wait_for(self.lines.get(), timeout)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.send("quit")
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# ---- measuring ----------------------------------------------------------------------------------
@dataclass
class Figures:
    act_alone: list[float] = field(default_factory=list)
    act_with_views: list[float] = field(default_factory=list)
    push: list[float] = field(default_factory=list)
    at_views: list[float] = field(default_factory=list)
    slowest_view: list[float] = field(default_factory=list)
    missed_views: int = 0
    doc_bytes: int = 0
    direct: list[float] = field(default_factory=list)
    http: dict[str, list[float]] = field(default_factory=dict)
    http_answer: dict[str, list[float]] = field(default_factory=dict)
    http_missing: int = 0
    cpu: dict[str, float] = field(default_factory=dict)
    rss: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


async def _served(agenda: Any, options: Any, workdir: Path, views: int) -> tuple[Any, Any]:
    from studio.runtime import Runtime
    from studio.serve import ServeSettings
    from studio.serve.server import ShowServer

    rt = Runtime.create(agenda, options)
    await rt.start()
    settings = ServeSettings(
        port=0,
        token_file=workdir / "tokens.json",
        max_clients=max(views + 10, 50),
        tick=float(os.environ.get("BENCH_SERVE_TICK", "1.0")),
    )
    server = ShowServer(rt, settings)
    state = await server.start()
    assert state.running, state.error
    return rt, server


async def _presses(rt: Any, n: int, out: list[float], gap: float = 0.02) -> None:
    from studio.actions import Back, Next, Origin

    for i in range(n):
        t0 = time.perf_counter()
        rt.act(Next() if i % 2 == 0 else Back(), origin=Origin.KEY)
        out.append(time.perf_counter() - t0)
        await asyncio.sleep(gap)


async def _cpu_window(label: str, seconds: float, fig: Figures) -> None:
    c0, t0 = _cpu(), time.perf_counter()
    await asyncio.sleep(seconds)
    fig.cpu[label] = (_cpu() - c0) / (time.perf_counter() - t0) * 100
    fig.rss[label] = _rss_mb()


async def views_and_cpu(
    workdir: Path, views: int, presses: int, cpu_s: float, fig: Figures
) -> None:
    """Parts 1 and 3, on the default agenda in dry-run."""
    from studio.actions import Back, Next, Origin, Start
    from studio.agenda import load_agenda
    from studio.modes import Mode
    from studio.runtime import RuntimeOptions

    agenda = load_agenda(DEFAULT_AGENDA)
    options = RuntimeOptions(mode=Mode.DRY_RUN, journal=workdir / "views.jsonl")
    rt, server = await _served(agenda, options, workdir, views)
    try:
        await asyncio.sleep(1.0)
        rt.act(Start(), origin=Origin.KEY)
        await rt.idle()
        await _cpu_window("no client", cpu_s, fig)
        await _presses(rt, presses, fig.act_alone)
        fig.doc_bytes = len(server.state_message().encode())

        real_push = server._push

        def timed_push() -> None:
            t = time.perf_counter()
            real_push()
            fig.push.append(time.perf_counter() - t)

        server._push = timed_push
        url = (server.state.url or "") + "api/v1/ws"
        child = Child("views", url, server.tokens.view, str(views))
        try:
            ready = await child.reply(60)
            ready_at = time.perf_counter()
            assert ready.get("ready") == views, ready
            rng = random.Random(7)
            for i in range(presses):
                before = rt.show.status().segment
                child.send(f"arm {i} {before}")
                assert (await child.reply())["armed"] == str(i)
                t0 = time.perf_counter()
                rt.act(Next() if i % 2 == 0 else Back(), origin=Origin.KEY)
                fig.act_with_views.append(time.perf_counter() - t0)
                got = await child.reply()
                seen = [t - t0 for t in got["at"] if t is not None]
                fig.missed_views += len(got["at"]) - len(seen)
                fig.at_views += seen
                if seen:
                    fig.slowest_view.append(max(seen))
                await asyncio.sleep(rng.uniform(0.02, 0.1))
            fig.notes.append(f"views connected: {server.state.views}")
            # The views' first pings come once a second while they learn the clock, then every
            # 3 s: measure the steady state.
            await asyncio.sleep(max(0.0, ready_at + 10.0 - time.perf_counter()))
            await _cpu_window(f"{views} views", cpu_s, fig)
        finally:
            child.close()
    finally:
        await server.stop()
        await rt.stop()


async def http_to_obs(workdir: Path, presses: int, fig: Figures) -> None:
    """Part 2: HTTP action and direct act, each to SetCurrentProgramScene at FakeObs."""
    from bench.agendas import cue_agenda
    from studio.actions import Back, Next, Origin, Start
    from studio.agenda import load_agenda
    from studio.modes import Mode
    from studio.runtime import RuntimeOptions
    from tests.obsws_server import FakeObs

    agenda = load_agenda(cue_agenda(workdir / "cues.yaml", speakers=60, seconds=600))
    m = agenda.scene_map
    with FakeObs(
        password=PASSWORD,
        scenes=list(dict.fromkeys(m.scenes.values())),
        inputs={name: m.text_input_kind for name in m.inputs.values()},
    ) as obs:
        options = RuntimeOptions(
            mode=Mode.REHEARSAL,
            host="127.0.0.1",
            port=obs.port,
            password=PASSWORD,
            journal=workdir / "http.jsonl",
        )
        rt, server = await _served(agenda, options, workdir, 0)
        try:
            deadline = time.monotonic() + 20
            while not rt.link.online:
                assert time.monotonic() < deadline, "the runtime never came online"
                await asyncio.sleep(0.02)
            rt.act(Start(), origin=Origin.KEY)
            await rt.idle()
            rng = random.Random(11)

            def arrival(expected: str, t0: float) -> float | None:
                sent = [
                    r.at
                    for r in obs.requests
                    if r.type == "SetCurrentProgramScene" and r.data.get("sceneName") == expected
                ]
                return sent[0] - t0 if sent and sent[0] >= t0 else None

            async def press(
                i: int, do: Callable[[str], Coroutine[Any, Any, float]]
            ) -> float | None:
                obs.clear_requests()
                t0 = await do("next" if i % 2 == 0 else "back")
                expected = m.scene(rt.show.current_cue().scene)
                await asyncio.wait_for(rt.idle(), 5)
                await asyncio.sleep(0.005)
                late = arrival(expected, t0)
                await asyncio.sleep(rng.uniform(0, GAP_MAX_S))
                return late

            async def direct(action: str) -> float:
                t0 = time.perf_counter()
                rt.act(Next() if action == "next" else Back(), origin=Origin.KEY)
                return t0

            for i in range(presses):
                late = await press(i, direct)
                if late is None:
                    fig.http_missing += 1
                else:
                    fig.direct.append(late)
            for label, fresh in (("kept-alive connection", False), ("new connection", True)):
                child = Child("http", server.state.url or "", server.tokens.control, str(fresh))
                fig.http[label], fig.http_answer[label] = [], []
                try:

                    async def over_http(
                        action: str,
                        child: Child = child,
                        answers: list[float] = fig.http_answer[label],
                    ) -> float:
                        child.send(f"post x {action}")
                        done = await child.reply()
                        assert done["status"] == 200, done
                        answers.append(done["answered"] - done["t0"])
                        return float(done["t0"])

                    for i in range(presses):
                        late = await press(i, over_http)
                        if late is None:
                            fig.http_missing += 1
                        else:
                            fig.http[label].append(late)
                finally:
                    child.close()
        finally:
            await server.stop()
            await rt.stop()


# ---- the report ---------------------------------------------------------------------------------
def _p(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"{ms(median(values), 2)} / {ms(percentile(values, 99), 2)}"


def report(fig: Figures, args: argparse.Namespace, load: str, loop_name: str) -> list[list[str]]:
    v = args.views
    p99 = percentile(fig.at_views, 99) if fig.at_views else float("nan")
    rows = [
        ["press (Runtime.act) returns, no client", _p(fig.act_alone), "", ""],
        [f"press (Runtime.act) returns, {v} views", _p(fig.act_with_views), "", ""],
        [
            f"press -> state received, each of {v} views (n={len(fig.at_views)})",
            _p(fig.at_views),
            f"p99 <= {ms(TARGET_VIEWS_P99_S, 0)}",
            "met" if p99 <= TARGET_VIEWS_P99_S else "MISSED",
        ],
        [f"press -> the slowest of the {v} views has it", _p(fig.slowest_view), "", ""],
        [f"push on the loop (document once, {v} mailboxes)", _p(fig.push), "", ""],
    ]
    d99 = percentile(fig.direct, 99) if fig.direct else float("nan")
    rows.append(["Runtime.act -> SetCurrentProgramScene at OBS", _p(fig.direct), "", ""])
    for label, values in fig.http.items():
        h99 = percentile(values, 99) if values else float("nan")
        ratio = h99 / d99 if d99 else float("nan")
        rows.append(
            [
                f"HTTP POST ({label}) -> SetCurrentProgramScene",
                _p(values),
                f"p99 <= {TARGET_HTTP_RATIO}x direct",
                f"{'met' if ratio <= TARGET_HTTP_RATIO else 'MISSED'} ({ratio:.2f}x)",
            ]
        )
        rows.append([f"HTTP POST ({label}) -> answer", _p(fig.http_answer[label]), "", ""])
    for label, cpu in fig.cpu.items():
        ok = cpu <= TARGET_CPU_PERCENT or not label.endswith("views")
        rows.append(
            [
                f"process CPU, countdown running, {label} ({args.cpu_seconds:g} s)",
                f"{cpu:.2f} % of a core",
                f"<= {TARGET_CPU_PERCENT:g} %" if label.endswith("views") else "",
                ("met" if ok else "MISSED") if label.endswith("views") else "",
            ]
        )
        rows.append([f"RSS, {label}", f"{fig.rss[label]:.1f} MB", "", ""])
    print(f"bench.serve: {loop_name} loop, load {load}, state document {fig.doc_bytes} bytes")
    if fig.missed_views or fig.http_missing:
        print(f"missed: {fig.missed_views} view states, {fig.http_missing} scene switches")
    for note in fig.notes:
        print(note)
    width = max(len(r[0]) for r in rows)
    for r in rows:
        print(f"{r[0]:<{width}}  {r[1]:>22}  {r[2]:<22} {r[3]}")
    if args.markdown:
        print("\n| figure | p50 / p99 or value | target | verdict |\n|---|---|---|---|")
        for r in rows:
            print("| " + " | ".join(r) + " |")
    return rows


def _loop(kind: str, workdir: Path) -> tuple[asyncio.AbstractEventLoop, str]:
    if kind == "asyncio":
        return asyncio.new_event_loop(), "asyncio"
    apply_qt_env(workdir)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["studio-bench-serve"])
    import qasync  # after PySide6 (STACK-NOTES)

    return qasync.QEventLoop(app), "qasync (offscreen QApplication)"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.serve", description=__doc__)
    p.add_argument("--views", type=int, default=100)
    p.add_argument("--presses", type=int, default=200)
    p.add_argument("--cpu-seconds", type=float, default=30.0)
    p.add_argument("--loop", choices=("qasync", "asyncio"), default="qasync")
    p.add_argument("--only", default="views,http", help="views (parts 1, 3), http (part 2)")
    p.add_argument("--markdown", action="store_true")
    p.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        if kind == "views":
            asyncio.run(_child_views(rest[0], rest[1], int(rest[2])))
        else:
            asyncio.run(_child_http(rest[0], rest[1], rest[2] == "True"))
        return 0
    import logging

    logging.basicConfig(level=logging.ERROR)
    load = Path("/proc/loadavg").read_text().split(" ")[:3]
    fig = Figures()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        workdir = Path(tmp)
        os.environ["XDG_DATA_HOME"] = str(workdir / "data")
        loop, loop_name = _loop(args.loop, workdir)
        asyncio.set_event_loop(loop)
        parts = set(args.only.split(","))
        if "views" in parts:
            loop.run_until_complete(
                views_and_cpu(workdir, args.views, args.presses, args.cpu_seconds, fig)
            )
        if "http" in parts:
            loop.run_until_complete(http_to_obs(workdir, args.presses, fig))
        loop.close()
    end = Path("/proc/loadavg").read_text().split(" ")[:3]
    report(replace(fig), args, f"{' '.join(load)} at start, {' '.join(end)} at the end", loop_name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
