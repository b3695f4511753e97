"""The machine and the versions a benchmark run used, for the head of the table."""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or platform.machine()
    for line in text.splitlines():
        if line.lower().startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _os_name() -> str:
    try:
        text = Path("/etc/os-release").read_text(encoding="utf-8")
    except OSError:
        return f"{platform.system()} {platform.release()}"
    m = re.search(r'^PRETTY_NAME="?([^"\n]*)"?', text, re.MULTILINE)
    name = m.group(1) if m else platform.system()
    return f"{name}, kernel {platform.release()}"


def _ram_gib() -> float:
    try:
        import psutil

        return psutil.virtual_memory().total / 2**30
    except ImportError:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        return pages / 2**30


def _physical_cores() -> int | None:
    try:
        import psutil

        return psutil.cpu_count(logical=False)
    except ImportError:
        return None


def _dist(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def obs_version() -> str | None:
    """`obs --version` of the OBS Studio the real-OBS benchmark would start, or None."""
    obs = shutil.which(os.environ.get("STUDIO_TEST_OBS", "obs"))
    if obs is None:
        return None
    try:
        out = subprocess.run(
            [obs, "--version"], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r"(\d+\.\d+[\w.+~-]*)", out)
    return m.group(1) if m else (out.strip() or None)


def describe() -> dict[str, str]:
    """Machine and versions, as label -> text."""
    from PySide6 import QtCore
    from PySide6 import __version__ as pyside_version

    cores = os.cpu_count() or 0
    physical = _physical_cores()
    core_text = f"{cores} logical" + (f" ({physical} physical)" if physical else "")
    return {
        "CPU": _cpu_model(),
        "Cores": core_text,
        "RAM": f"{_ram_gib():.1f} GiB",
        "OS": _os_name(),
        "Python": platform.python_version(),
        "PySide6": pyside_version,
        "Qt": QtCore.qVersion(),
        "obsws-python": _dist("obsws-python"),
        "qasync": _dist("qasync"),
        "websockets (fake server)": _dist("websockets"),
        "OBS": obs_version() or "not installed",
    }
