"""Shared pieces of the benchmarks: paths, the offscreen Qt environment, statistics and result rows.

Nothing here imports Qt, so subprocess drivers can set their environment before Qt is loaded.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_AGENDA = ROOT / "config" / "agenda.yaml"
SCENE_MAP = ROOT / "scenes" / "default.yaml"
OBS_COLLECTION = ROOT / "scenes" / "studio-console-collection.json"

MET, MISSED, INFO, SKIPPED = "met", "MISSED", "", "skipped"

# One 1920x1080 screen, like the moderator's desk (the speaker monitor stays hidden on one screen).
SCREENS = {"screens": [{"name": "console", "x": 0, "y": 0, "width": 1920, "height": 1080}]}


def qt_env(workdir: Path) -> dict[str, str]:
    """Environment for a Qt process of the benchmarks: offscreen, one screen, and QSettings under
    `workdir` so nothing of the user's is read or written."""
    workdir.mkdir(parents=True, exist_ok=True)
    screens = workdir / "screens.json"
    if not screens.exists():
        screens.write_text(json.dumps(SCREENS), encoding="utf-8")
    return {
        "QT_QPA_PLATFORM": f"offscreen:configfile={screens}",
        "QT_API": "pyside6",
        "XDG_CONFIG_HOME": str(workdir / "config"),
        "XDG_DATA_HOME": str(workdir / "data"),
        "XDG_STATE_HOME": str(workdir / "state"),
    }


def child_env(workdir: Path) -> dict[str, str]:
    """The environment of a benchmark's child process: `qt_env`, and compiled bytecode cached
    as an installed application has it (under `workdir`, so nothing is written into the
    checkout) even where PYTHONDONTWRITEBYTECODE is set: otherwise every start would compile
    the project's sources again and start-up would measure the compiler."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(qt_env(workdir))
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    return env


def apply_qt_env(workdir: Path) -> None:
    """Set `qt_env` in this process (before PySide6 is imported)."""
    os.environ.update(qt_env(workdir))


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0..100) with linear interpolation between closest ranks."""
    if not values:
        return math.nan
    data = sorted(values)
    k = (len(data) - 1) * p / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


@dataclass(frozen=True)
class Row:
    """One line of the result table."""

    bench: str
    metric: str
    value: str
    target: str = ""
    verdict: str = INFO
    note: str = ""


def verdict(ok: bool) -> str:
    return MET if ok else MISSED


def ms(seconds: float, digits: int = 1) -> str:
    """Seconds as a millisecond figure."""
    if math.isnan(seconds):
        return "n/a"
    return f"{seconds * 1000:.{digits}f} ms"
