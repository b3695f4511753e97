"""Idle CPU of the console while a speaker's countdown runs.

`python -m bench.child idle` starts the console as `studio --dry-run` does (offscreen, simulated
OBS in the process), starts the show (F5) and waits 2 s; the parent then reads the child's CPU
time (user + system, all threads, psutil) over a 60 s window of wall time, and its voluntary
context switches (a proxy for wake-ups). Nothing is injected into the child while it is measured.
The figure is the percentage of one core.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import ROOT, Row, child_env, verdict

TARGET_PCT = 1.0


@dataclass
class IdleResult:
    seconds: float = 0.0
    cpu_pct: float = float("nan")
    user_s: float = 0.0
    system_s: float = 0.0
    wakeups_per_s: float = 0.0
    threads: int = 0
    per_thread: list[tuple[int, float]] = field(default_factory=list)  # (tid, cpu seconds)
    main_thread_pct: float = float("nan")
    rss: int = 0
    error: str | None = None


def measure(workdir: Path, seconds: float = 60.0) -> IdleResult:
    import psutil

    res = IdleResult(seconds=seconds)
    workdir.mkdir(parents=True, exist_ok=True)
    journal = workdir / "idle.jsonl"
    journal.unlink(missing_ok=True)
    env = child_env(workdir)
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.child", "idle", str(workdir), str(journal)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        ready = None
        deadline = time.monotonic() + 60
        while ready is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("BENCH "):
                msg = json.loads(line[6:])
                if msg.get("ready"):
                    ready = msg
        if ready is None:
            res.error = f"the console did not get ready (exit {proc.poll()})"
            return res
        p = psutil.Process(proc.pid)
        threads0 = {t.id: t.user_time + t.system_time for t in p.threads()}
        cpu0, ctx0 = p.cpu_times(), p.num_ctx_switches()
        t0 = time.perf_counter()
        time.sleep(seconds)
        cpu1, ctx1 = p.cpu_times(), p.num_ctx_switches()
        wall = time.perf_counter() - t0
        threads1 = {t.id: t.user_time + t.system_time for t in p.threads()}
        res.rss = p.memory_info().rss
        res.user_s = cpu1.user - cpu0.user
        res.system_s = cpu1.system - cpu0.system
        res.cpu_pct = (res.user_s + res.system_s) / wall * 100
        res.wakeups_per_s = (ctx1.voluntary - ctx0.voluntary) / wall
        res.threads = len(threads1)
        res.per_thread = sorted(
            ((tid, threads1[tid] - threads0.get(tid, 0.0)) for tid in threads1),
            key=lambda x: -x[1],
        )
        main = threads1.get(proc.pid, 0.0) - threads0.get(proc.pid, 0.0)
        res.main_thread_pct = main / wall * 100
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return res


def rows(res: IdleResult) -> list[Row]:
    name = f"idle CPU ({res.seconds:.0f} s, countdown running)"
    if res.error:
        return [Row(name, "console process CPU", "–", "≤ 1 %", "MISSED", res.error)]
    return [
        Row(
            name,
            "console process CPU, % of one core (user + system)",
            f"{res.cpu_pct:.2f} %",
            "≤ 1 %",
            verdict(res.cpu_pct <= TARGET_PCT),
            f"main thread {res.main_thread_pct:.2f} %; {res.threads} threads; "
            f"{res.wakeups_per_s:.0f} voluntary context switches/s",
        )
    ]
