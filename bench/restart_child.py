"""The restart benchmark's child (bench/restart.py): `python -m bench.restart_child RUN JOURNAL
EXPECTED MODE` runs the `studio` command's own function on a crashed show's journal and reports
when the early window (from the resume card), the resume question and the console's window were
painted, and what they showed. As light as bench/child.py's bare window before PySide6 loads, so
the two start-ups compare fairly.
"""

from __future__ import annotations

import time

T_ENTER = time.perf_counter()  # the interpreter is up; nothing of ours imported yet

import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

AGENDA = Path(__file__).resolve().parent.parent / "config" / "agenda.yaml"
COUNTDOWN_SLACK_S = 3.0


def report(**values: Any) -> None:
    print("BENCH " + json.dumps(values), flush=True)


STAMPS: dict[str, float] = {}


def _stamp(name: str) -> None:
    STAMPS.setdefault(name, time.perf_counter())


def _seconds(text: str) -> float | None:
    """'4:59' / '1:02:03' as seconds; None for overtime or no time."""
    if not text or text.startswith("+"):
        return None
    try:
        parts = [int(p) for p in text.split(":")]
    except ValueError:
        return None
    total = 0
    for p in parts:
        total = total * 60 + p
    return float(total)


def _child(workdir: Path, journal: Path, expected: dict[str, Any], mode: str) -> int:
    """The `studio` command's own function (ui.boot.main, what .venv/bin/studio runs), with a
    spy on the paints. The QApplication is made first so the spy can watch from the start; the
    console makes none of its own when one exists, so it costs what it would anyway."""
    from PySide6.QtWidgets import QApplication

    _stamp("import PySide6")
    QApplication([sys.argv[0]])
    _stamp("QApplication")
    import ui.boot

    _stamp("import ui.boot")
    paint = ui.boot._paint

    def timed_paint(*args: Any, **kwargs: Any) -> Any:
        _stamp("early window: reading done, building")
        import ui.early_window  # what _paint imports first: stamped, not moved

        _stamp("early window: its modules imported")
        cls = ui.early_window.EarlyWindow
        init, show = cls.__init__, cls.show

        def timed_init(self: Any, *a: Any, **k: Any) -> None:
            _stamp("early window: theme, settings, translator")
            init(self, *a, **k)
            _stamp("early window: built")

        def timed_show(self: Any) -> None:
            show(self)
            _stamp("early window: shown")

        cls.__init__ = timed_init  # type: ignore[method-assign]
        cls.show = timed_show  # type: ignore[method-assign]
        window = paint(*args, **kwargs)
        _stamp("early window painted")  # _paint returns once its first paint pass is done
        if window.painted and spies[0].right("EarlyWindow", window):
            _stamp("EarlyWindow right paint")  # what that paint showed: its labels' texts
        spies[0].install()  # only now: see _Spy
        return window

    ui.boot._paint = timed_paint  # type: ignore[assignment]
    spies = [_Spy(expected)]
    if mode != "card":
        spies[0].install()
    _stamp("patched")
    code = ui.boot.main(["--dry-run", "--lang", "en", "--journal", str(journal), str(AGENDA)])
    report(exit=code)
    return code


class _Spy:
    """Notes the first paints of the question (and answers it) and of the console's window,
    and whether the window showed the expected speaker and countdown; reports once it has, then
    waits to be killed.

    An application-wide event filter in Python is not free: every event of every widget calls
    into it (~22 ms over the early window's show and first paint, measured with a filter that
    does nothing). So with a card it is installed only once the early window has painted, whose
    paint the launcher's own return marks; without one, from the start, as the bare window's
    (bench/child.py) is: a window of one widget, whose few events cost it next to nothing."""

    def __init__(self, expected: dict[str, Any]) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer
        from PySide6.QtWidgets import QWidget

        self.expected = expected
        self.seen: set[str] = set()
        self.texts: dict[str, tuple[str, str]] = {}
        self.done = False
        spy = self

        class Filter(QObject):
            def eventFilter(self, obj: QObject, event: QEvent) -> bool:
                if event.type() != QEvent.Type.Paint or not isinstance(obj, QWidget):
                    return False
                w = obj.window()
                kind = type(w).__name__
                if kind == "EarlyWindow":
                    return False  # its first paint is the launcher's, stamped where it returns
                if kind not in spy.seen:
                    spy.seen.add(kind)
                    _stamp(f"{kind} first paint")
                    if kind == "Confirm":
                        QTimer.singleShot(0, lambda: spy.answer(w))
                if kind == "MainWindow" and spy.right(kind, w):
                    _stamp(f"{kind} right paint")
                    if kind == "MainWindow" and not spy.done:
                        spy.done = True
                        QTimer.singleShot(0, spy.finish)
                return False

        self.filter = Filter()

    def install(self) -> None:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self.filter)

    def answer(self, box: Any) -> None:
        _stamp("question painted")
        self.title = box.windowTitle()
        _stamp("answered")
        box.answer(True)

    def right(self, kind: str, w: Any) -> bool:
        speaker = w.speaker_label.text()
        shown = _seconds(w.countdown.text())
        self.texts.setdefault(kind, (speaker, w.countdown.text()))
        want = float(self.expected["remaining"])
        return (
            speaker == self.expected["speaker"]
            and shown is not None
            and want - COUNTDOWN_SLACK_S <= shown <= want + 1
        )

    def finish(self) -> None:
        _stamp("painted")
        import psutil

        report(
            enter=T_ENTER,
            stamps=STAMPS,
            question=getattr(self, "title", None),
            texts={k: list(v) for k, v in self.texts.items()},
            rss=int(psutil.Process().memory_info().rss),
            done=True,
        )


if __name__ == "__main__":
    expected = json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))
    sys.exit(_child(Path(sys.argv[1]), Path(sys.argv[2]), expected, sys.argv[4]))
