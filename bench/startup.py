"""Start-up to the first painted window, the console against a bare PySide6 window.

Each run spawns a fresh interpreter (`python -m bench.child bare|console`, see bench.child) with
`t0 = time.perf_counter()` taken just before the spawn; start-up is the instant the window's first
paint pass has completed minus t0, so interpreter start, imports, agenda loading and the window's
construction all count. The console is `studio --dry-run` on the default agenda (the simulated OBS
does not delay the window). Runs alternate bare / console after one unmeasured warm-up of each;
the figure is the median. RSS of the console is read in the child when start-up has settled
(simulated OBS online, then 1 s).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import ROOT, Row, child_env, median, ms, verdict

TARGET_RATIO = 1.5
TARGET_RSS = 150e6


@dataclass
class StartupResult:
    bare: list[float] = field(default_factory=list)
    console: list[float] = field(default_factory=list)
    bare_import: list[float] = field(default_factory=list)  # spawn -> PySide6 imported
    console_rss_first: list[int] = field(default_factory=list)
    console_rss: list[int] = field(default_factory=list)
    bare_rss: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def spawn(mode: str, workdir: Path, journal: Path | None = None, timeout: float = 60) -> dict:
    """Run one child to its end; returns its reports merged, plus "t0" (the spawn instant)."""
    argv = [sys.executable, "-m", "bench.child", mode, str(workdir)]
    if journal is not None:
        argv.append(str(journal))
    env = child_env(workdir)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise RuntimeError(f"{mode} child timed out; stderr: {err[-500:]}") from None
    merged: dict[str, Any] = {"t0": t0, "returncode": proc.returncode}
    for line in out.splitlines():
        if line.startswith("BENCH "):
            merged.update(json.loads(line[6:]))
    if "painted" not in merged:
        raise RuntimeError(f"{mode} child reported no paint (exit {proc.returncode}): {err[-500:]}")
    return merged


def measure(workdir: Path, runs: int = 5) -> StartupResult:
    res = StartupResult()
    workdir.mkdir(parents=True, exist_ok=True)
    for i in range(runs + 1):
        for mode in ("bare", "console"):
            journal = workdir / f"startup-{i}.jsonl" if mode == "console" else None
            try:
                r = spawn(mode, workdir, journal)
            except RuntimeError as exc:
                res.errors.append(str(exc))
                continue
            if i == 0:
                continue  # warm-up: disk cache, .pyc files, font cache
            took = r["painted"] - r["t0"]
            if mode == "bare":
                res.bare.append(took)
                res.bare_import.append(r["imported"] - r["t0"])
                res.bare_rss.append(r["rss_first"])
            else:
                res.console.append(took)
                res.console_rss_first.append(r["rss_first"])
                if "rss_settled" in r:
                    res.console_rss.append(r["rss_settled"])
    return res


def rows(res: StartupResult) -> list[Row]:
    name = "start-up (subprocess, offscreen)"
    if not res.console or not res.bare:
        return [Row(name, "first painted window", "–", "", "MISSED", "; ".join(res.errors))]
    c, b = median(res.console), median(res.bare)
    rss = median([float(x) for x in res.console_rss]) if res.console_rss else float("nan")
    rss_first = median([float(x) for x in res.console_rss_first])
    bare_rss = median([float(x) for x in res.bare_rss])
    return [
        Row(
            name,
            f"`studio --dry-run` to first painted window, median of {len(res.console)}",
            ms(c, 0),
            f"≤ 1.5× bare = {ms(TARGET_RATIO * b, 0)}",
            verdict(c <= TARGET_RATIO * b),
            f"{c / b:.1f}× the bare window",
        ),
        Row(
            name,
            f"bare PySide6 QMainWindow to first paint, median of {len(res.bare)}",
            ms(b, 0),
            note=f"of which interpreter + PySide6 import {ms(median(res.bare_import), 0)}",
        ),
        Row(
            name,
            "console RSS after start-up settled (at first paint)",
            f"{rss / 1e6:.0f} MB ({rss_first / 1e6:.0f} MB)",
            "≤ 150 MB",
            verdict(rss <= TARGET_RSS),
            f"bare window {bare_rss / 1e6:.0f} MB",
        ),
    ]
