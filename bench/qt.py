"""In-process Qt for the benchmarks: one offscreen QApplication, one qasync loop, and consoles
opened the way `ui.app.main` opens them (isolated settings, English, a journal in a temp dir).

Call `bench.common.apply_qt_env` before importing this module.
"""

from __future__ import annotations

import asyncio
import gc
import sys
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import (
    QMessageLogContext,
    QSettings,
    QStandardPaths,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from studio.agenda import Agenda
from studio.clock import Clock
from studio.runtime import RuntimeOptions
from ui.app import Console

T = TypeVar("T")

_loop: asyncio.AbstractEventLoop | None = None

# The offscreen platform has no window system to pass these to; Qt says so, harmlessly.
QUIET = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
)


def _qt_message(kind: QtMsgType, _ctx: QMessageLogContext, message: str) -> None:
    if message not in QUIET:
        print(f"qt: {message}", file=sys.stderr)


def app() -> QApplication:
    """The process's QApplication (offscreen), with QSettings in test mode."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QStandardPaths.setTestModeEnabled(True)
    qInstallMessageHandler(_qt_message)
    qapp = QApplication(["studio-bench"])
    from ui.i18n import ensure_compiled
    from ui.style import apply_theme

    apply_theme(qapp)
    ensure_compiled()
    return qapp


def loop() -> asyncio.AbstractEventLoop:
    """The qasync loop every in-process benchmark runs on (Qt events and asyncio together)."""
    global _loop
    if _loop is None or _loop.is_closed():
        import qasync  # after PySide6 (STACK-NOTES)

        _loop = qasync.QEventLoop(app())
        asyncio.set_event_loop(_loop)
    return _loop


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on the qasync loop and return its result."""
    return loop().run_until_complete(coro)


def close_loop() -> None:
    global _loop
    if _loop is not None and not _loop.is_closed():
        _loop.close()
    _loop = None
    gc.collect()


async def wait_until(predicate: Callable[[], object], timeout: float, what: str) -> float:
    """Let the loop run until `predicate()` holds; returns the seconds it took."""
    t0 = time.monotonic()
    while not predicate():
        if time.monotonic() - t0 > timeout:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        await asyncio.sleep(0.005)
    return time.monotonic() - t0


async def outside_tasks(fn: Callable[[], T]) -> T:
    """Run fn from a Qt timer, outside every asyncio task, and await its result.

    Code that must call `QApplication.processEvents()` (to time work Qt defers, such as a
    header's delayed resize) cannot do so inside a coroutine: qasync would try to step another
    task while this one runs ("Cannot enter into task").
    """
    from PySide6.QtCore import QTimer

    fut: asyncio.Future[T] = asyncio.get_running_loop().create_future()

    def call() -> None:
        try:
            fut.set_result(fn())
        except Exception as exc:
            fut.set_exception(exc)

    QTimer.singleShot(0, call)
    return await fut


def drain_events(rounds: int = 3) -> None:
    """Process pending Qt events (posted layouts, updates); only from `outside_tasks`."""
    for _ in range(rounds):
        QApplication.processEvents()


async def open_console(
    agenda: Agenda,
    options: RuntimeOptions,
    workdir: Path,
    *,
    clock: Clock | None = None,
    transport: Any = None,
    resume: bool = False,
) -> Console:
    """A started console with its window active, as `ui.app.main` would show it; `resume`:
    carry on with the show the journal holds (else it is moved aside for a new show)."""
    workdir.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(workdir / "console.ini"), QSettings.Format.IniFormat)
    console = Console(
        agenda,
        options,
        settings=settings,
        language="en",
        transport=transport,
        clock=clock,
        resume=resume,
        cards=workdir / "cards",  # the resume card, kept as ui.app.main's console keeps it
    )
    await console.start()
    await wait_until(
        lambda: QApplication.activeWindow() is console.window, 10, "the console window active"
    )
    return console


async def close_console(console: Console) -> None:
    await console.shutdown()
    await asyncio.sleep(0.05)
    gc.collect()
