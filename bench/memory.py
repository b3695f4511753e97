"""Memory over a long show: what the engine keeps as the hours pass, at real speed (×1).

Five hours of a ×1 show cannot be waited out, so the engine runs them in virtual time: an asyncio
loop whose clock jumps to its next timer whenever nothing is ready (`VirtualLoop`), a show clock
read from that loop (`LoopClock`, rate 1), and `time.monotonic` reading the same virtual time (the
link stamps health samples and outages with it, the simulated OBS its frame counts). Everything
that sleeps on the loop keeps its real pace per show second: the director's timer texts (each turn
of a second), the OBS link's heartbeat and health poll, the journal keeper, and a console-like
refresh that calls `Show.status()` four times a second. What runs is `Runtime.create` in dry-run
with the simulated OBS, the default agenda (`config/agenda.yaml`, 10:00-15:00), and a moderator
who presses Next exactly when each speaker's time is up (after the agenda, the show stays ended
with the timers ticking until `hours` have passed).

Figures, each after `gc.collect()`: Python's traced heap (tracemalloc, started once the show is
under way) and the process RSS (psutil) at every simulated hour; growth per show hour is the
least-squares slope over those points. The allocation sites that grew most between the first
and the last hour are listed (file:line of the innermost frame) with their growth. A second run
without tracemalloc gives RSS without its overhead. Qt is not in this process: the console's
widgets, models and Qt's own heap are not measured here (see bench/RESULTS.md).
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import selectors
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import DEFAULT_AGENDA, ROOT, Row, child_env, verdict

HOURS = 5.0
TARGET_MB = 10.0  # over a five-hour show at ×1
REFRESH_S = 0.25  # the console refreshes a few times a second
WARMUP_S = 600.0  # show seconds before the first sample (the show is under way, caches warm)


class _VirtualSelector(selectors.DefaultSelector):
    """A selector that never waits for a timer: it tells the loop to move its clock instead."""

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0.0

    def select(self, timeout: float | None = None) -> list[Any]:
        ready = super().select(0)
        if ready or timeout is None or timeout <= 0:
            return ready if ready or timeout is not None else super().select(None)
        self.skip += timeout
        return []


class VirtualLoop(asyncio.SelectorEventLoop):
    """An event loop whose time() runs only by jumping to the next timer when nothing is ready:
    hours of sleeps pass in the CPU time their callbacks take."""

    def __init__(self) -> None:
        self._virtual = _VirtualSelector()
        super().__init__(self._virtual)

    def time(self) -> float:
        return self._virtual.skip


class LoopClock:
    """The show's clock read from the loop's (virtual) time, at real speed."""

    rate = 1.0

    def __init__(self, loop: asyncio.AbstractEventLoop, start: float) -> None:
        self.loop = loop
        self.start = start - loop.time()

    def now(self) -> float:
        return self.start + self.loop.time()


@dataclass
class MemoryResult:
    hours: float = 0.0
    agenda_hours: float = 0.0
    traced: bool = True
    wall_s: float = 0.0
    at_hours: list[float] = field(default_factory=list)
    heap_mb: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    ticks: int = 0
    refreshes: int = 0
    journal_entries: int = 0
    top_growth: list[tuple[str, float, int]] = field(default_factory=list)  # site, KB, blocks
    error: str | None = None


def _slope(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    if n < 2:
        return float("nan")
    mx, my = sum(xs) / n, sum(ys) / n
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else 0.0


def _rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 1e6


async def _show(workdir: Path, hours: float, traced: bool, res: MemoryResult) -> None:
    from studio.agenda import load_agenda
    from studio.modes import Mode
    from studio.runtime import Runtime, RuntimeOptions

    agenda = load_agenda(DEFAULT_AGENDA)
    res.agenda_hours = (agenda.item_ends[-1] - agenda.planned_start) / 3600
    loop = asyncio.get_running_loop()
    clock = LoopClock(loop, agenda.planned_start - 60)
    journal = workdir / "memory.jsonl"
    journal.unlink(missing_ok=True)
    rt = Runtime.create(agenda, RuntimeOptions(mode=Mode.DRY_RUN, journal=journal), clock=clock)
    director_tick = rt.director.tick

    async def counted_tick() -> None:
        res.ticks += 1
        await director_tick()

    rt.director.tick = counted_tick  # type: ignore[method-assign]
    await rt.start()
    stop = asyncio.Event()

    async def refresh() -> None:  # what the console's refresh asks of the engine
        while not stop.is_set():
            rt.show.status()
            _ = rt.link.snap
            res.refreshes += 1
            await asyncio.sleep(REFRESH_S)

    async def moderator() -> None:
        await asyncio.sleep(agenda.planned_start - clock.now())
        rt.act("start")
        while rt.show.state.status == "running":
            await asyncio.sleep(max(0.0, rt.show.status().remaining))
            rt.act("next")

    tasks = [loop.create_task(refresh()), loop.create_task(moderator())]
    t0 = clock.now()
    try:
        await asyncio.sleep(WARMUP_S)
        if traced:
            tracemalloc.start(1)
        first: tracemalloc.Snapshot | None = None
        last: tracemalloc.Snapshot | None = None
        mark, end = 0.0, hours * 3600 - WARMUP_S
        while True:
            gc.collect()
            res.at_hours.append((clock.now() - t0) / 3600)
            res.rss_mb.append(_rss_mb())
            if traced:
                res.heap_mb.append(tracemalloc.get_traced_memory()[0] / 1e6)
                last = tracemalloc.take_snapshot()
                first = first or last
            if mark >= end:
                break
            step = min(3600.0, end - mark)
            await asyncio.sleep(step)
            mark += step
        if first is not None and last is not None:
            grew = [x for x in last.compare_to(first, "lineno") if x.size_diff > 0]
            for stat in grew[:8]:
                frame = stat.traceback[0]
                site = f"{Path(frame.filename).name}:{frame.lineno}"
                res.top_growth.append((site, stat.size_diff / 1e3, stat.count_diff))
    finally:
        stop.set()
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        res.journal_entries = len(rt.journal.entries)
        await rt.stop()
        if traced:
            tracemalloc.stop()


def measure_here(workdir: Path, hours: float = HOURS, traced: bool = True) -> MemoryResult:
    res = MemoryResult(hours=hours, traced=traced)
    workdir.mkdir(parents=True, exist_ok=True)
    loop = VirtualLoop()
    t0 = time.perf_counter()
    real_monotonic = time.monotonic
    time.monotonic = loop.time  # the link and the simulated OBS stamp samples with it
    try:
        loop.run_until_complete(_show(workdir, hours, traced, res))
    finally:
        time.monotonic = real_monotonic
        loop.close()
    res.wall_s = time.perf_counter() - t0
    return res


def measure(workdir: Path, hours: float = HOURS) -> tuple[MemoryResult, MemoryResult]:
    """(traced, untraced), each in a fresh interpreter."""
    out = []
    workdir.mkdir(parents=True, exist_ok=True)
    for traced in (True, False):
        path = workdir / f"memory-{'traced' if traced else 'rss'}.json"
        path.unlink(missing_ok=True)
        argv = [sys.executable, "-m", "bench.memory", str(workdir), str(path), str(hours)]
        argv += ["traced" if traced else "untraced"]
        code = subprocess.run(argv, cwd=ROOT, env=child_env(workdir), check=False).returncode
        if code != 0 or not path.exists():
            out.append(MemoryResult(hours=hours, traced=traced, error=f"exit code {code}"))
        else:
            out.append(MemoryResult(**json.loads(path.read_text(encoding="utf-8"))))
    return out[0], out[1]


def rows(traced: MemoryResult, untraced: MemoryResult) -> list[Row]:
    name = f"memory ({traced.hours:g} h show at ×1, engine in virtual time)"
    if traced.error or untraced.error:
        return [Row(name, "failed", traced.error or untraced.error or "", "", "MISSED")]
    hrs, rss = untraced.at_hours, untraced.rss_mb
    grown = rss[-1] - rss[0]
    later = _slope(hrs[1:], rss[1:])  # once the first hour has filled what is bounded
    heap_h, heap = traced.at_hours, traced.heap_mb
    top = ", ".join(f"{site} {kb:+.0f} KB" for site, kb, _n in traced.top_growth[:3])
    return [
        Row(
            name,
            "RSS first → last sample (growth; per hour after the first)",
            f"{rss[0]:.1f} → {rss[-1]:.1f} MB ({grown:+.1f} MB over {hrs[-1] - hrs[0]:.1f} h; "
            f"{later:+.2f} MB/h)",
            f"≤ {TARGET_MB:.0f} MB over {traced.hours:g} h",
            verdict(grown <= TARGET_MB and rss[0] + later * traced.hours <= rss[0] + TARGET_MB),
            note=f"{untraced.ticks} timer ticks, {untraced.refreshes} status() refreshes, "
            f"{untraced.journal_entries} journal entries; ran in {untraced.wall_s:.0f} s",
        ),
        Row(
            name,
            "Python heap (tracemalloc) first → last sample (per hour, least squares)",
            f"{heap[0]:.1f} → {heap[-1]:.1f} MB ({_slope(heap_h, heap) * 1000:+.0f} KB/h)",
            note=f"grew most: {top}" if top else "",
        ),
    ]


# ---- the Qt console, in real time (a one-off look; not part of `python -m bench`) -------------


def console_child(journal: Path, speed: float, minutes: float, log_limit: int | None) -> int:
    """The console as `studio --dry-run --speed N` starts it (offscreen); F5 once OBS is online,
    Next whenever the speaker's time is up; every 30 s of real time, after gc.collect(), one
    sample of (real s, show s, RSS MB) as a "BENCH " JSON line; the last after `minutes`."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    if log_limit is not None:
        from studio.obs import simulated

        simulated.REQUEST_LOG = log_limit  # to see what grows besides the simulated OBS's log

    QApplication([sys.argv[0]])
    from studio.cli import main as studio_main

    t0 = time.perf_counter()
    state: dict[str, Any] = {}

    def window() -> Any:
        for w in QApplication.topLevelWidgets():
            if type(w).__name__ == "MainWindow" and w.isVisible():
                return w
        return None

    def sample(w: Any) -> None:
        gc.collect()
        row = {
            "real_s": time.perf_counter() - state["t_start"],
            "show_s": w.rt.clock.now() - state["show0"],
            "rss_mb": _rss_mb(),
        }
        print("BENCH " + json.dumps(row), flush=True)

    def beat() -> None:
        w = window()
        if w is None or str(getattr(w.panel, "link_state", "")) != "online":
            QTimer.singleShot(200, beat)
            return
        if "t_start" not in state:
            w.start_action.trigger()
            state["t_start"], state["show0"], state["next_sample"] = time.perf_counter(), 0.0, 0.0
            state["show0"] = w.rt.clock.now()
        st = w.rt.show.status()
        if st.status == "running" and st.remaining <= 0:
            w.next_action.trigger()
        real = time.perf_counter() - state["t_start"]
        if real >= state["next_sample"]:
            sample(w)
            state["next_sample"] += 30.0
        if real >= minutes * 60:
            print("BENCH " + json.dumps({"done": True, "wall_s": time.perf_counter() - t0}))
            sys.stdout.flush()
            os._exit(0)  # the parent has what it needs; closing would ask about the show
        QTimer.singleShot(200, beat)

    QTimer.singleShot(0, beat)
    argv = ["--dry-run", "--speed", str(speed), "--lang", "en", "--journal", str(journal)]
    return int(studio_main([*argv, str(DEFAULT_AGENDA)]) or 0)


def console(
    workdir: Path, speed: float, minutes: float, log_limit: int | None = None
) -> list[dict[str, float]]:
    """Run `console_child` in a fresh interpreter; its samples."""
    workdir.mkdir(parents=True, exist_ok=True)
    journal = workdir / f"console-{speed:g}.jsonl"
    journal.unlink(missing_ok=True)
    argv = [sys.executable, "-m", "bench.memory", "console", str(journal), str(speed)]
    argv += [str(minutes), str(log_limit or 0)]
    proc = subprocess.run(
        argv, cwd=ROOT, env=child_env(workdir), capture_output=True, text=True, check=False
    )
    rows = [json.loads(x[6:]) for x in proc.stdout.splitlines() if x.startswith("BENCH ")]
    return [r for r in rows if "rss_mb" in r]


def main(argv: list[str]) -> int:
    if argv[0] == "console":
        journal, speed, minutes, limit = Path(argv[1]), float(argv[2]), float(argv[3]), argv[4]
        return console_child(journal, speed, minutes, int(limit) or None)
    workdir, out, hours, mode = Path(argv[0]), Path(argv[1]), float(argv[2]), argv[3]
    res = measure_here(workdir, hours, traced=mode == "traced")
    out.write_text(json.dumps(res.__dict__), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if len(sys.argv) == 1:  # a quick look: python -m bench.memory
        with tempfile.TemporaryDirectory() as d:
            r = measure_here(Path(d), 1.5)
        print(json.dumps(r.__dict__, indent=1))
        sys.exit(0)
    if sys.argv[1] == "console-look":  # python -m bench.memory console-look SPEED MINUTES [LOG]
        with tempfile.TemporaryDirectory() as d:
            limit = int(sys.argv[4]) if len(sys.argv) > 4 else None
            for r in console(Path(d), float(sys.argv[2]), float(sys.argv[3]), limit):
                print(json.dumps(r))
        sys.exit(0)
    sys.exit(main(sys.argv[1:]))
