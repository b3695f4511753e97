"""Subprocess drivers for the start-up and idle-CPU benchmarks.

Run as `python -m bench.child MODE WORKDIR [JOURNAL]` with the environment of
`bench.common.qt_env` (offscreen, settings under WORKDIR); reports are JSON lines on stdout that
start with "BENCH ". Times are `time.perf_counter()` values, which on Linux read the system-wide
monotonic clock, so the parent can subtract the instant it spawned the process.

- `bare`: a bare PySide6 QMainWindow, 1440x900 like the console, shown; reports when its first
  paint has completed, then quits.
- `console`: the console exactly as `studio --dry-run` starts it (`ui.boot.main`, the function
  .venv/bin/studio runs); reports when the MainWindow's first paint has completed
  and the RSS then, and again once start-up has settled (simulated OBS online, then 1 s); then
  closes the window (before the show starts, so without a question) and exits.
- `idle`: the console as above; once online it starts the show (the F5 action), waits 2 s and
  reports "ready"; it then runs until the parent ends it.

First paint: an application-wide event filter sees the first Paint event of a widget in the
window and posts a zero-time timer; that timer fires once the whole paint pass has finished.
"""

from __future__ import annotations

import time

T_ENTER = time.perf_counter()  # interpreter up, before any import of ours

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


def report(**values: Any) -> None:
    print("BENCH " + json.dumps(values), flush=True)


def rss() -> int:
    import psutil

    return int(psutil.Process().memory_info().rss)


def _watch_first_paint(is_target: Callable[[Any], bool], then: Callable[[float], None]) -> Any:
    """Call then(t_first_paint) once the first paint pass of a target window has finished."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if (
                not self.seen
                and event.type() == QEvent.Type.Paint
                and isinstance(obj, QWidget)
                and is_target(obj.window())
            ):
                self.seen = True
                t_paint = time.perf_counter()
                QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
                QTimer.singleShot(0, lambda: then(t_paint))
            return False

    spy = FirstPaint()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(spy)
    return spy


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    t_import = time.perf_counter()
    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1440, 900)

    def done(t_paint: float) -> None:
        report(
            enter=T_ENTER,
            imported=t_import,
            first_paint=t_paint,
            painted=time.perf_counter(),
            rss_first=rss(),
        )
        app.quit()

    spy = _watch_first_paint(lambda w: w is window, done)
    window.show()
    code = app.exec()
    del spy
    return code


def _main_window() -> Any:
    from PySide6.QtWidgets import QApplication

    for w in QApplication.topLevelWidgets():
        if type(w).__name__ == "MainWindow" and w.isVisible():
            return w
    return None


def console(mode: str, journal: Path) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    t_qt = time.perf_counter()
    QApplication([sys.argv[0]])  # ui.app.main uses the QApplication that exists
    from ui.boot import main  # what .venv/bin/studio runs

    state: dict[str, Any] = {}

    def online(w: Any) -> bool:
        return str(getattr(w.panel, "link_state", "")) == "online"

    def settle() -> None:
        w = _main_window()
        if w is None or not online(w):
            QTimer.singleShot(50, settle)
            return
        if mode == "idle":
            if "started" not in state:
                state["started"] = True
                w.start_action.trigger()  # F5: the speaker's countdown runs
                QTimer.singleShot(2000, settle)
                return
            report(ready=True, pid=os.getpid(), rss=rss())
            return  # run until the parent ends the process
        if "settled" not in state:
            state["settled"] = True
            QTimer.singleShot(1000, settle)
            return
        report(rss_settled=rss())
        w.confirm_close()

    def done(t_paint: float) -> None:
        report(
            enter=T_ENTER,
            imported=t_qt,
            first_paint=t_paint,
            painted=time.perf_counter(),
            rss_first=rss(),
        )
        settle()

    spy = _watch_first_paint(lambda w: type(w).__name__ == "MainWindow", done)
    code = main(["--dry-run", "--lang", "en", "--journal", str(journal), "config/agenda.yaml"])
    del spy
    report(exit=code)
    return code


def run(argv: list[str]) -> int:
    mode, workdir = argv[0], Path(argv[1])
    if mode == "bare":
        return bare()
    if mode == "idle":
        from bench.whatif import apply_from_env

        apply_from_env()  # `python -m bench --whatif ...`; never in the start-up runs
    if mode in ("console", "idle"):
        journal = Path(argv[2]) if len(argv) > 2 else workdir / f"{mode}.jsonl"
        return console(mode, journal)
    print(f"unknown mode {mode!r}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
