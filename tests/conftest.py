"""Shared test set-up: Qt offscreen, a qasync loop for the console's tests, isolated settings.

- QT_QPA_PLATFORM=offscreen is set before anything imports Qt, with two screens (1920x1080 for
  the console, 1280x720 for the speaker monitor).
- Tests in `test_ui_*.py` run on a qasync QEventLoop (the `pytest_asyncio_loop_factories` hook),
  so Qt events and asyncio tasks run together as in the app; other async tests keep the default
  asyncio loop.
- QSettings write into a temporary folder, never into the user's real settings.
- Consoles a test opened are shut down at the end of the test call, still on the test's loop:
  pytest-qt processes Qt events between the call and the teardown, and qasync callbacks run
  then would find no running loop. A shutdown still waiting after 10 s fails the test and names
  the tasks it waits on (an idle Qt loop would otherwise hang the run past any test timeout).
- `wait_until` waits for the very state a test asserts next, never a neighbouring one;
  `switch_confirmed` is the console having heard OBS confirm a scene, not OBS showing it.
- An autouse fixture runs gc.collect() after each test, so a dead loop's Qt timers are not
  collected later on a worker thread ("Timers cannot be stopped from another thread").
"""

from __future__ import annotations

import asyncio
import atexit
import gc
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

# Offscreen, with two screens like a studio desk: the console's and the speaker monitor's.
_SCREENS_DIR = tempfile.mkdtemp(prefix="studio-screens-")
atexit.register(shutil.rmtree, _SCREENS_DIR, True)
_SCREENS = Path(_SCREENS_DIR) / "screens.json"
_SCREENS.write_text(
    json.dumps(
        {
            "screens": [
                {"name": "console", "x": 0, "y": 0, "width": 1920, "height": 1080},
                {"name": "stage", "x": 1920, "y": 0, "width": 1280, "height": 720},
            ]
        }
    ),
    encoding="utf-8",
)
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREENS}"
os.environ.setdefault("QT_API", "pyside6")

import pytest  # noqa: E402
import pytest_asyncio  # noqa: E402
from PySide6.QtCore import QSettings, QStandardPaths  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_AGENDA = ROOT / "config" / "agenda.yaml"

# The offscreen platform has no window system to pass size hints to or to raise a window in;
# Qt says so, harmlessly (qt_log_ignore takes regular expressions).
QT_LOG_IGNORE = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
)


def pytest_configure(config: pytest.Config) -> None:
    for text in QT_LOG_IGNORE:
        config.addinivalue_line("qt_log_ignore", re.escape(text))


_loops: list[asyncio.AbstractEventLoop] = []  # the qasync loop of the running test
_consoles: list[Any] = []  # consoles the running test opened


def _qasync_loop() -> asyncio.AbstractEventLoop:
    import qasync  # after PySide6

    class TestLoop(qasync.QEventLoop):
        """qasync's loop, less the processEvents() its run_until_complete() makes after the
        loop has stopped: a task still pending when a test returns (a cue being applied) would
        take a step there with no running loop and fail in asyncio. Pending tasks run instead
        when the consoles are shut down after the test, on this loop, running."""

        def run_until_complete(self, future: Any) -> Any:
            future = asyncio.ensure_future(future, loop=self)
            future.add_done_callback(lambda _f: self.stop())
            self.run_forever()
            if not future.done():
                raise RuntimeError("Event loop stopped before Future completed.")
            return future.result()

    app = QApplication.instance() or QApplication([])
    loop = TestLoop(app)
    _loops[:] = [loop]
    return loop


SHUTDOWN_S = 10.0  # a console shuts down in milliseconds; a stuck one fails its test


def _where(tasks: list[asyncio.Task[Any]]) -> list[str]:
    """Each task's name and the line it waits at."""
    out = []
    for t in tasks:
        stack = t.get_stack(limit=1)
        at = f" at {Path(stack[0].f_code.co_filename).name}:{stack[0].f_lineno}" if stack else ""
        out.append(t.get_name() + at)
    return out


async def _shutdown_consoles() -> None:
    me = asyncio.current_task()

    def others() -> list[asyncio.Task[Any]]:
        return [t for t in asyncio.all_tasks() if t is not me and not t.done()]

    while _consoles:
        # Bounded: a shutdown waiting on a task that never ends would otherwise leave the Qt loop
        # idle for good, where no test timeout can fire. It fails the test, naming what hung.
        shutdown = asyncio.ensure_future(_consoles.pop().shutdown())
        await asyncio.wait({shutdown}, timeout=SHUTDOWN_S)
        if not shutdown.done():
            stuck = _where(others())
            shutdown.cancel()
            await asyncio.wait({shutdown}, timeout=SHUTDOWN_S)
            raise AssertionError(
                f"a console did not shut down within {SHUTDOWN_S:.0f} s; waiting: {stuck}"
            )
        shutdown.result()
    # What the consoles cancelled must end on this loop while it still runs: wait for exactly
    # that (usually already true), and name what never ends.
    await _wait_until(
        lambda: not others(),
        timeout=5.0,
        what="the consoles' tasks to end",
        show=lambda: _where(others()),
    )


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    try:
        return (yield)
    finally:
        if _consoles and _loops and not _loops[0].is_closed():
            _loops[0].run_until_complete(_shutdown_consoles())


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> dict[str, Callable[[], asyncio.AbstractEventLoop]]:
    if Path(str(item.path)).name.startswith("test_ui_"):
        return {"qasync": _qasync_loop}
    return {"asyncio": asyncio.new_event_loop}


@pytest.fixture(scope="session", autouse=True)
def _isolated_qt_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("qsettings")
    QStandardPaths.setTestModeEnabled(True)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture(autouse=True)
def _collect_garbage() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture
def agenda() -> Any:
    from studio.agenda import load_agenda

    return load_agenda(DEFAULT_AGENDA)


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "console.ini"), QSettings.Format.IniFormat)


WaitUntil = Callable[..., Awaitable[None]]


async def _wait_until(
    predicate: Callable[[], Any],
    timeout: float = 10.0,
    what: str = "",
    show: Callable[[], Any] | None = None,
) -> None:
    """Let the loop run until `predicate()` holds; fail after `timeout` seconds, saying what was
    awaited (and what `show()` returns then, if given).

    Wait for the very state the test asserts next (the console's view of OBS, say), never for a
    neighbouring one (OBS's own state): the loop may run the test before the console's callback
    for the same change."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            seen = f"; it is {show()!r}" if show is not None else ""
            raise AssertionError(
                f"timed out after {timeout} s waiting for {what or predicate}{seen}"
            )
        await asyncio.sleep(0.01)


@pytest.fixture
def wait_until() -> WaitUntil:
    return _wait_until


def _switch_confirmed(console: Any, scene: str) -> bool:
    """Whether OBS's confirmation of a switch to `scene` has reached the console's link: the
    journal's switch fact, written when the link has the confirmation, before any view hears."""
    return any(
        e.kind == "obs" and e.name == "switch" and e.args["scene"] == scene and e.args["confirmed"]
        for e in console.rt.journal.entries
    )


@pytest.fixture
def switch_confirmed() -> Callable[[Any, str], bool]:
    """`switch_confirmed(console, scene)`: wait on this, not on the simulated OBS's program,
    before taking OBS away or acting on the scene being on air."""
    return _switch_confirmed


@pytest_asyncio.fixture
async def open_console(
    qapp: QApplication, agenda: Any, qsettings: QSettings, tmp_path: Path
) -> AsyncIterator[Callable[..., Awaitable[Any]]]:
    """A factory for consoles on the default agenda (dry-run, English, a journal in tmp_path);
    every console it made is shut down after the test."""
    from studio.modes import Mode
    from studio.runtime import RuntimeOptions
    from ui.app import Console
    from ui.style import apply_theme

    apply_theme(qapp)
    made: list[Console] = []

    async def factory(
        *,
        mode: Mode = Mode.DRY_RUN,
        clock: Any = None,
        transport: Any = None,
        journal: Path | None = None,
        language: str = "en",
        resume: bool | None = True,
        start: bool = True,
        settings: QSettings | None = None,
        serve: Any = None,
        out: Any = None,
        early: Any = None,
        cards: Path | None = None,
        **options: Any,
    ) -> Console:
        opts = RuntimeOptions(mode=mode, journal=journal or tmp_path / "journal.jsonl", **options)
        console = Console(
            agenda,
            opts,
            settings=settings or qsettings,
            language=language,
            transport=transport,
            clock=clock,
            resume=resume,
            serve=serve,
            out=out,
            early=early,
            cards=cards,
        )
        made.append(console)
        _consoles.append(console)
        if start:
            await console.start()
            await _wait_until(
                lambda: QApplication.activeWindow() is console.window, what="an active window"
            )
        return console

    yield factory
    for console in made:  # already done after the call, unless the test failed in set-up
        await console.shutdown()
    _consoles.clear()
