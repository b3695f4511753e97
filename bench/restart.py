"""Back after a crash: the console restarted on a busy five-hour show's journal, to the window
painted with the right speaker and countdown, against a bare PySide6 window's start-up.

1. The journal (`generate`, a subprocess): the engine as the console runs it — `Runtime.create`
   in dry-run on the default agenda (config/agenda.yaml, 10:00-15:00) — in virtual time
   (bench.memory's `VirtualLoop`: the link's heartbeat and health poll every half second, the
   director's timer texts, the journal keeper's clock marks all keep their pace per show
   second). A busy moderator: every speaker, Next when the time is up or a little after, a hold
   (5-40 s) about every 90 s, an extension about every 3 min, a moderator's message about every
   4 min; a simulated OBS with a CPU spike or a skipped-frame burst about every 2 min (health
   incidents), an outage (lost, back) about every 45 min, a scene set by hand in OBS and handed
   back about every 30 min, and the recording started. About 4 h 50 min into the show, with a
   speaker's countdown running, the generator notes that speaker and the time left and waits;
   the bench SIGKILLs it, as a crash would end the console.
2. The restart (`child`, a subprocess per run): `studio --dry-run --lang en --journal J
   config/agenda.yaml` exactly as bench.child starts the console (`studio.cli.main`), on a
   fresh copy of the killed journal. There is no command-line flag to resume without asking:
   the console asks "Resume the show?" first. The child answers it (the Resume button) as soon
   as its first paint pass has finished, then waits for the main window's first paint pass that
   shows the noted speaker and a countdown within 3 s of the time left. Figures: spawn → the
   question painted, the answer → the window painted, and their sum (no human in it). A second
   variant (`auto`) makes `Console(resume=True)`, what a `--resume` flag would do: no question.
3. Floors in the same run: the bare PySide6 window (bench.child `bare`) and the console's own
   start-up on a new journal (bench.child `console`), alternating with the restarts, after one
   unmeasured warm-up of each.

Where the time goes: the child wraps the steps of the start (imports, agenda, Qt set-up, the
journal read, the replay, the question, the window's construction, the first paint) and stamps
each with `time.perf_counter()` (the system-wide monotonic clock, so spawn-relative); the
figures are medians over the runs. `python -m bench.restart [RUNS]` runs this benchmark alone.
"""

from __future__ import annotations

import time

T_ENTER = time.perf_counter()  # a child's interpreter is up; nothing of ours imported yet

import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from bench.common import DEFAULT_AGENDA, ROOT, Row, child_env, median, ms, verdict  # noqa: E402

TARGET_RATIO = 1.5
SHOW_HOURS = 5.0
CRASH_AFTER_S = 4 * 3600 + 50 * 60  # show seconds after the planned start
COUNTDOWN_SLACK_S = 3.0


def report(**values: Any) -> None:
    print("BENCH " + json.dumps(values), flush=True)


# ---- 1. the journal of a busy show -------------------------------------------------------------


def _generate(workdir: Path, journal: Path, seed: int = 14) -> int:
    """Run the busy show in virtual time to CRASH_AFTER_S, report what is on, then wait."""
    import asyncio
    import random

    from bench.memory import LoopClock, VirtualLoop
    from studio.agenda import load_agenda
    from studio.modes import Mode
    from studio.obs.simulated import SimulatedObs
    from studio.runtime import Runtime, RuntimeOptions

    rng = random.Random(seed)
    loop = VirtualLoop()
    time.monotonic = loop.time  # the link and the simulated OBS stamp samples with it

    class BusyObs(SimulatedObs):
        """A simulated OBS whose health wavers: CPU spikes and skipped-frame bursts."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.skipped = 0
            self.spike_until = 0.0
            self.burst_until = 0.0
            self.next_trouble = 60.0

        def _r_GetStats(self, d: dict[str, Any]) -> dict[str, Any]:
            now = time.monotonic()
            if now >= self.next_trouble:
                if rng.random() < 0.5:
                    self.spike_until = now + rng.uniform(3, 20)
                else:
                    self.burst_until = now + rng.uniform(2, 8)
                self.next_trouble = now + rng.uniform(60, 180)
            stats = super()._r_GetStats(d)
            if now < self.burst_until:
                self.skipped += 2
            stats["renderSkippedFrames"] = self.skipped
            stats["outputSkippedFrames"] = self.skipped // 2
            if now < self.spike_until:
                stats["cpuUsage"] = rng.uniform(75, 98)
                stats["activeFps"] = rng.uniform(12, 29)
            return stats

    agenda = load_agenda(DEFAULT_AGENDA)
    m = agenda.scene_map
    obs = BusyObs(
        scenes=list(dict.fromkeys(m.scenes.values())),
        inputs={name: m.text_input_kind for name in m.inputs.values()},
    )
    journal.unlink(missing_ok=True)

    async def show() -> dict[str, Any]:
        clock = LoopClock(asyncio.get_running_loop(), agenda.planned_start - 60)
        rt = Runtime.create(
            agenda,
            RuntimeOptions(mode=Mode.DRY_RUN, journal=journal),
            clock=clock,
            transport=obs,
        )
        await rt.start()
        crash_at = agenda.planned_start + CRASH_AFTER_S

        async def trouble() -> None:  # outages and the technician's hand in OBS
            t_out, t_hand = 45 * 60.0, 30 * 60.0
            while True:
                await asyncio.sleep(60)
                t = clock.now() - agenda.planned_start
                if t >= t_out:
                    t_out += rng.uniform(35, 55) * 60
                    obs.kill()
                    await asyncio.sleep(rng.uniform(2, 6))
                    obs.revive()
                if t >= t_hand and rt.link.online:
                    t_hand += rng.uniform(25, 35) * 60
                    others = [s for s in obs.scenes if s != obs.program]
                    obs.switch_by_hand(rng.choice(others))
                    await asyncio.sleep(rng.uniform(10, 30))
                    await rt.release_manual()

        helper = asyncio.get_running_loop().create_task(trouble())
        await asyncio.sleep(agenda.planned_start - clock.now())
        rt.act("start")
        await rt.output("start_record")
        next_hold = clock.now() + rng.uniform(30, 150)
        next_extend = clock.now() + rng.uniform(60, 300)
        next_message = clock.now() + rng.uniform(120, 360)
        overrun: dict[int, float] = {}
        while True:
            st = rt.show.status()
            now = clock.now()
            if st.status != "running":
                break
            mid = st.speaker is not None and st.elapsed >= 30 and st.remaining > 60
            if now >= crash_at and mid and not st.held:
                break
            if st.held:
                await asyncio.sleep(rng.uniform(5, 40))
                rt.act("resume")
                continue
            seq = rt.show.state.cue_seq
            if st.remaining <= -overrun.setdefault(seq, rng.uniform(0, 20)):
                rt.act("next")
                continue
            if now >= next_hold and st.remaining > 20:
                next_hold = now + rng.uniform(30, 150)
                rt.act("hold")
                continue
            if now >= next_extend:
                next_extend = now + rng.uniform(60, 300)
                rt.act("extend", seconds=rng.choice((30.0, 60.0, -30.0)))
                continue
            if now >= next_message:
                next_message = now + rng.uniform(120, 360)
                rt.remember_message(rng.choice(("Wrap up, please", "One minute", "Questions")))
            await asyncio.sleep(min(1.0, max(0.05, st.remaining + 0.05)))
        helper.cancel()
        st = rt.show.status()
        if st.speaker is None or st.status != "running":
            raise RuntimeError(f"the show was not on a speaker at the crash: {st.status}")
        return {
            "ready": True,
            "at": clock.now(),
            "show_s": clock.now() - agenda.planned_start,
            "speaker": st.speaker.label("en"),
            "item": st.item.id if st.item is not None else None,
            "remaining": st.remaining,
            "entries": len(rt.journal.entries),
        }

    state = loop.run_until_complete(show())
    state["bytes"] = journal.stat().st_size
    print("BENCH " + json.dumps(state), flush=True)
    # Nothing is closed: the bench kills this process, as a crash would end the console.
    while True:
        time.sleep(3600)


def generate(workdir: Path) -> tuple[Path, dict[str, Any]]:
    """Write the busy show's journal (and its clock mark) under workdir, ending in a SIGKILL."""
    workdir.mkdir(parents=True, exist_ok=True)
    journal = workdir / "busy-show.jsonl"
    argv = [sys.executable, "-m", "bench.restart", "generate", str(workdir), str(journal)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=ROOT, env=child_env(workdir), stdout=subprocess.PIPE, text=True
    )
    state: dict[str, Any] = {}
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("BENCH "):
                state = json.loads(line[6:])
                break
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    if not state.get("ready"):
        raise RuntimeError(
            f"the busy show's generator ended without a journal (exit {proc.returncode})"
        )
    state["generated_s"] = time.perf_counter() - t0
    return journal, state


# ---- 2. the restart, in a child ----------------------------------------------------------------

INTERVALS: list[tuple[str, float, float]] = []
STAMPS: dict[str, float] = {}


def _stamp(name: str) -> None:
    STAMPS.setdefault(name, time.perf_counter())


def _timed(owner: Any, attr: str, label: str) -> None:
    """Wrap owner.attr (a function or coroutine function) to note each call's start and end."""
    import inspect

    fn = getattr(owner, attr)
    if inspect.iscoroutinefunction(fn):

        async def awrapper(*args: Any, **kwargs: Any) -> Any:
            _stamp(f"{label} (entered)")  # it may yield and end after the paint
            t0 = time.perf_counter()
            try:
                return await fn(*args, **kwargs)
            finally:
                INTERVALS.append((label, t0, time.perf_counter()))

        setattr(owner, attr, awrapper)
        return

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            INTERVALS.append((label, t0, time.perf_counter()))

    setattr(owner, attr, wrapper)


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


def _skeleton(expected: dict[str, Any]) -> int:
    """The prototype of "window first": only PySide6, a window with the mode, the item, the
    speaker and the countdown from a small snapshot the console would keep beside its journal
    (here the noted speaker and time left), painted; the engine would load behind it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget

    _stamp("import PySide6")
    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.setWindowTitle("Studio Console")
    window.resize(1440, 900)
    body = QWidget(window)
    column = QVBoxLayout(body)
    for text, size in (
        ("DRY-RUN", 12),
        (str(expected.get("item") or ""), 22),
        (str(expected["speaker"]), 17),
    ):
        label = QLabel(text, body)
        label.setFont(QFont("", size, QFont.Weight.Bold))
        column.addWidget(label)
    left = max(0, int(expected["remaining"]))
    countdown = QLabel(f"{left // 60}:{left % 60:02d}", body)
    countdown.setFont(QFont("", 120, QFont.Weight.Bold))
    column.addWidget(countdown, 1)
    window.setCentralWidget(body)
    window.speaker_label = column.itemAt(2).widget()  # type: ignore[attr-defined]
    window.countdown = countdown  # type: ignore[attr-defined]
    _stamp("window built")
    spy = _Spy(expected, window_class="QMainWindow")
    window.show()
    QTimer.singleShot(30000, app.quit)
    code = app.exec()
    del spy
    return code


def _child(workdir: Path, journal: Path, expected: dict[str, Any], mode: str) -> int:
    if mode == "skeleton":
        return _skeleton(expected)
    if mode in ("auto-gc", "auto-lean"):
        import gc

        gc.disable()  # the prototype: no collection until the first paint, then gc.freeze()
    from PySide6.QtWidgets import QApplication

    _stamp("import PySide6")
    QApplication([sys.argv[0]])  # ui.app.main uses the QApplication that exists
    _stamp("QApplication")
    import studio.cli

    _stamp("import studio.cli")
    import ui.app

    _stamp("import ui.app")
    os.environ.setdefault("QT_API", "pyside6")
    import qasync  # noqa: F401 - imported by ui.app.main at this point anyway

    _stamp("import qasync")
    import studio.journal
    import studio.runtime
    import studio.show
    import ui.bridge
    import ui.main_window
    import ui.monitor
    import ui.widgets

    for owner, attr, label in (
        (ui.app, "load_agenda", "agenda load"),
        (ui.app, "load_settings", "settings load"),
        (ui.app, "setup_logging", "logging set-up"),
        (ui.app, "_start_qt", "Qt set-up (theme, catalogues)"),
        (studio.runtime.Runtime, "create", "Runtime.create"),
        (studio.journal.Journal, "__init__", "  Runtime.create: journal read"),
        (studio.runtime, "agenda_drift", "  Runtime.create: agenda drift"),
        (studio.show.Show, "__init__", "  Runtime.create: replay (Show fold)"),
        (studio.runtime.Runtime, "view", "Runtime.view"),
        (ui.widgets.Confirm, "__init__", "question built"),
        (ui.app.Console, "_ask", "question open until answered"),
        (ui.bridge.EngineBridge, "__init__", "EngineBridge"),
        (ui.monitor.SpeakerMonitor, "__init__", "SpeakerMonitor"),
        (ui.main_window.MainWindow, "__init__", "MainWindow"),
        (ui.main_window.MainWindow, "restore", "window restore"),
        (studio.runtime.Runtime, "start", "Runtime.start"),
        (ui.bridge.EngineBridge, "start", "first refresh"),
    ):
        _timed(owner, attr, label)
    if hasattr(ui.app.Console, "_serve"):  # the show server, started beside the show
        _timed(ui.app.Console, "_serve", "show server start")
        if mode == "auto-lean":  # the prototype: the server starts after the first paint
            serve = ui.app.Console._serve

            async def serve_later(self: Any, rt: Any) -> None:
                import asyncio

                loop = asyncio.get_running_loop()
                loop.call_later(0.3, lambda: loop.create_task(serve(self, rt)))

            ui.app.Console._serve = serve_later  # type: ignore[method-assign]
    if mode == "auto-freeze":
        import gc

        gc.freeze()  # the prototype: what the imports made is never scanned again
    if mode in ("auto", "auto-gc", "auto-freeze", "auto-lean"):
        init = ui.app.Console.__init__

        def resume_init(self: Any, *args: Any, **kwargs: Any) -> None:
            kwargs["resume"] = True
            init(self, *args, **kwargs)

        ui.app.Console.__init__ = resume_init  # type: ignore[method-assign]
    main_entry = ui.app.main

    def entered(argv: Any = None) -> int:
        _stamp("ui.app.main")
        return int(main_entry(argv))

    ui.app.main = entered  # the entry point loads it by name
    spy = _Spy(expected)
    _stamp("patched")
    code = studio.cli.main(
        ["--dry-run", "--lang", "en", "--journal", str(journal), str(DEFAULT_AGENDA)]
    )
    del spy
    report(exit=code)
    return code


class _Spy:
    """Notes the question's first paint (and answers it), the main window's first paint and
    the first paint showing the expected speaker and countdown; reports, then waits to be
    killed."""

    def __init__(self, expected: dict[str, Any], window_class: str = "MainWindow") -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer
        from PySide6.QtWidgets import QApplication, QWidget

        self.expected = expected
        self.question_seen = False
        self.window_seen = False
        self.done = False
        spy = self

        class Filter(QObject):
            def eventFilter(self, obj: QObject, event: QEvent) -> bool:
                if event.type() != QEvent.Type.Paint or not isinstance(obj, QWidget):
                    return False
                w = obj.window()
                kind = type(w).__name__
                if kind == "Confirm" and not spy.question_seen:
                    spy.question_seen = True
                    _stamp("question first paint")
                    QTimer.singleShot(0, lambda: spy.answer(w))
                elif kind == window_class and not spy.done:
                    if not spy.window_seen:
                        spy.window_seen = True
                        _stamp("window first paint")
                    if spy.right(w):
                        spy.done = True
                        _stamp("right paint")
                        QTimer.singleShot(0, lambda: spy.finish(w))
                return False

        self.filter = Filter()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self.filter)

    def answer(self, box: Any) -> None:
        _stamp("question painted")
        self.title = box.windowTitle()
        _stamp("answered")
        box.answer(True)

    def right(self, w: Any) -> bool:
        speaker = w.speaker_label.text()
        shown = _seconds(w.countdown.text())
        self.texts = (speaker, w.countdown.text())
        want = float(self.expected["remaining"])
        return (
            speaker == self.expected["speaker"]
            and shown is not None
            and want - COUNTDOWN_SLACK_S <= shown <= want + 1
        )

    def finish(self, w: Any) -> None:
        _stamp("painted")
        import gc

        if not gc.isenabled():
            gc.enable()
            gc.freeze()
        import psutil

        report(
            enter=T_ENTER,
            stamps=STAMPS,
            intervals=INTERVALS,
            question=getattr(self, "title", None),
            texts=list(self.texts),
            rss=int(psutil.Process().memory_info().rss),
            done=True,
        )


def spawn_restart(
    workdir: Path, journal: Path, expected: dict[str, Any], mode: str, timeout: float = 60
) -> dict[str, Any]:
    """One restart on a fresh copy of the journal; the child's report plus "t0" (the spawn)."""
    run = workdir / f"run-{time.monotonic_ns()}"
    run.mkdir(parents=True)
    copy = run / journal.name
    shutil.copy2(journal, copy)
    clock = journal.with_name(journal.name + ".clock")
    if clock.exists():
        shutil.copy2(clock, copy.with_name(copy.name + ".clock"))
    (run / "expected.json").write_text(json.dumps(expected), encoding="utf-8")
    argv = [sys.executable, "-m", "bench.restart", "child", str(run), str(copy)]
    argv += [str(run / "expected.json"), mode]
    env = child_env(workdir)  # one settings folder and bytecode cache for every run
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    got: dict[str, Any] = {}
    err_tail: list[str] = []

    def drain_err() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            err_tail.append(line)
            del err_tail[:-20]

    threading.Thread(target=drain_err, daemon=True).start()
    timer = threading.Timer(timeout, lambda: proc.poll() is None and proc.kill())
    timer.start()
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("BENCH "):
                got.update(json.loads(line[6:]))
                if got.get("done") or "exit" in got:
                    break
    finally:
        timer.cancel()
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)  # the restarted console crashes in its turn
        proc.wait()
    if not got.get("done"):
        raise RuntimeError(
            f"the restart reported no right paint (exit {proc.returncode}): {got!r} "
            + "".join(err_tail)[-800:]
        )
    got["t0"] = t0
    shutil.rmtree(run, ignore_errors=True)
    return got


# ---- 3. the run ----------------------------------------------------------------------------------


@dataclass
class RestartResult:
    show: dict[str, Any] = field(default_factory=dict)  # what the generator left
    bare: list[float] = field(default_factory=list)
    fresh: list[float] = field(default_factory=list)  # the console on a new journal
    question: list[float] = field(default_factory=list)  # spawn → question painted
    answer_to_window: list[float] = field(default_factory=list)  # answer → right paint
    total: list[float] = field(default_factory=list)  # the two, no human in it
    auto: list[float] = field(default_factory=list)  # resume=True: spawn → right paint
    auto_gc: list[float] = field(default_factory=list)  # and no GC until the first paint
    auto_freeze: list[float] = field(default_factory=list)  # and gc.freeze() after the imports
    auto_lean: list[float] = field(default_factory=list)  # no GC, the server after the paint
    skeleton: list[float] = field(default_factory=list)  # window first, from a snapshot
    # per restart: step → (ms after the spawn it began, ms it took); see _steps
    steps: list[dict[str, tuple[float, float]]] = field(default_factory=list)
    auto_steps: list[dict[str, tuple[float, float]]] = field(default_factory=list)
    auto_gc_steps: list[dict[str, tuple[float, float]]] = field(default_factory=list)
    auto_freeze_steps: list[dict[str, tuple[float, float]]] = field(default_factory=list)
    auto_lean_steps: list[dict[str, tuple[float, float]]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    question_title: str = ""
    rss: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _steps(r: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """A restart's report as a timeline: step → (ms after the spawn it began, ms it took).

    The imports are consecutive stamps; the wrapped calls are (first start, summed duration)
    and may nest (Runtime.create holds the journal read, the replay and the drift)."""
    s, t0 = r["stamps"], r["t0"]

    def at(t: float) -> float:
        return (t - t0) * 1000

    out: dict[str, tuple[float, float]] = {"interpreter start": (0.0, at(r["enter"]))}
    prev = r["enter"]
    for name in ("import PySide6", "QApplication", "import studio.cli", "import ui.app"):
        out[name] = (at(prev), (s[name] - prev) * 1000)
        prev = s[name]
    out["import qasync"] = (at(prev), (s["import qasync"] - prev) * 1000)
    out["entry point lookup (studio.cli.main → ui.app.main)"] = (
        at(s["patched"]),
        (s["ui.app.main"] - s["patched"]) * 1000,
    )
    for label, a, b in r["intervals"]:
        start, took = out.get(label, (at(a), 0.0))
        out[label] = (start, took + (b - a) * 1000)
    if "question first paint" in s:
        out["question: first paint event → paint pass done"] = (
            at(s["question first paint"]),
            (s["question painted"] - s["question first paint"]) * 1000,
        )
        out["answer → window built and shown (loop turn)"] = (
            at(s["answered"]),
            (s["window first paint"] - s["answered"]) * 1000,
        )
    entered = s.get("show server start (entered)")
    if entered is not None and entered < s["window first paint"]:
        out["show server start → first paint event (its import and start before it yields)"] = (
            at(entered),
            (s["window first paint"] - entered) * 1000,
        )
    out["window: first paint event → paint pass done (with the speaker)"] = (
        at(s["window first paint"]),
        (s["painted"] - s["window first paint"]) * 1000,
    )
    out["total: spawn → painted with the speaker"] = (0.0, at(s["painted"]))
    return dict(sorted(out.items(), key=lambda kv: kv[1][0]))


def measure(workdir: Path, runs: int = 5) -> RestartResult:
    from bench.startup import spawn

    res = RestartResult()
    workdir.mkdir(parents=True, exist_ok=True)
    journal, res.show = generate(workdir / "show")
    expected = {k: res.show[k] for k in ("speaker", "remaining", "item")}
    lines = journal.read_text(encoding="utf-8").splitlines()
    res.show["lines"] = len(lines)
    kinds: dict[str, int] = {}
    for line in lines:
        try:
            e = json.loads(line)
        except ValueError:
            continue
        key = f"{e.get('kind')}:{e.get('name')}"
        kinds[key] = kinds.get(key, 0) + 1
    res.show["kinds"] = kinds
    for i in range(runs + 1):
        modes = ("bare", "fresh", "ask", "auto", "auto-gc", "auto-freeze", "auto-lean", "skeleton")
        for mode in modes:
            try:
                if mode == "bare":
                    r = spawn("bare", workdir / "startup")
                    took = r["painted"] - r["t0"]
                elif mode == "fresh":
                    r = spawn(
                        "console", workdir / "startup", workdir / "startup" / f"new-{i}.jsonl"
                    )
                    took = r["painted"] - r["t0"]
                else:
                    r = spawn_restart(workdir / "restart", journal, expected, mode)
                    took = r["stamps"]["painted"] - r["t0"]
            except RuntimeError as exc:
                res.errors.append(f"{mode}: {exc}")
                continue
            if i == 0:
                continue  # warm-up: disk cache, bytecode, fonts
            if mode == "bare":
                res.bare.append(took)
            elif mode == "fresh":
                res.fresh.append(took)
            elif mode == "auto":
                res.auto.append(took)
                res.auto_steps.append(_steps(r))
            elif mode == "auto-gc":
                res.auto_gc.append(took)
                res.auto_gc_steps.append(_steps(r))
            elif mode == "auto-freeze":
                res.auto_freeze.append(took)
                res.auto_freeze_steps.append(_steps(r))
            elif mode == "auto-lean":
                res.auto_lean.append(took)
                res.auto_lean_steps.append(_steps(r))
            elif mode == "skeleton":
                res.skeleton.append(took)
            else:
                s = r["stamps"]
                res.question.append(s["question painted"] - r["t0"])
                res.answer_to_window.append(s["painted"] - s["answered"])
                res.total.append(res.question[-1] + res.answer_to_window[-1])
                res.steps.append(_steps(r))
                res.texts = r["texts"]
                res.question_title = r.get("question") or ""
                res.rss.append(r["rss"])
    return res


def _median_steps(steps: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    keys: list[str] = []
    for one in steps:
        keys += [k for k in one if k not in keys]
    return {
        k: (
            median([one[k][0] for one in steps if k in one]),
            median([one[k][1] for one in steps if k in one]),
        )
        for k in keys
    }


def _would(ok: bool) -> str:
    """A prototype's verdict, in the notes: the table's verdicts are the code's own."""
    return "would be met" if ok else "would be missed"


def rows(res: RestartResult) -> list[Row]:
    name = "restart after a crash (subprocess, offscreen)"
    if not res.total or not res.bare:
        return [Row(name, "restart to the right speaker", "–", "", "MISSED", "; ".join(res.errors))]
    b = median(res.bare)
    t = median(res.total)
    sh = res.show
    hours = sh["show_s"] / 3600
    journal = (
        f"journal of {sh['lines']:,} lines, {sh['bytes'] / 1e3:.0f} kB: a {hours:.2f} h show "
        f"killed with {sh['remaining']:.0f} s left for {sh['speaker']}"
    )
    out = [
        Row(
            name,
            f'spawn → "{res.question_title}" painted, + answer → window painted with the '
            f"speaker and countdown, median of {len(res.total)}",
            f"{ms(median(res.question), 0)} + {ms(median(res.answer_to_window), 0)} = {ms(t, 0)}",
            f"≤ 1.5× bare = {ms(TARGET_RATIO * b, 0)}",
            verdict(t <= TARGET_RATIO * b),
            f"{t / b:.1f}× the bare window; shows {res.texts[0]!r} {res.texts[1]}; {journal}",
        ),
        Row(
            name,
            f"the same with resume=True (no question; what a --resume flag would do), median of "
            f"{len(res.auto)}",
            ms(median(res.auto), 0) if res.auto else "n/a",
            f"≤ 1.5× bare = {ms(TARGET_RATIO * b, 0)}",
            "",
            _would(bool(res.auto) and median(res.auto) <= TARGET_RATIO * b)
            + f"; {median(res.auto) / b:.1f}× the bare window"
            if res.auto
            else "",
        ),
        Row(
            name,
            f"prototype: resume=True and no GC until the first paint (then gc.freeze()), median "
            f"of {len(res.auto_gc)}",
            ms(median(res.auto_gc), 0) if res.auto_gc else "n/a",
            f"≤ 1.5× bare = {ms(TARGET_RATIO * b, 0)}",
            "",
            _would(bool(res.auto_gc) and median(res.auto_gc) <= TARGET_RATIO * b)
            + f"; {median(res.auto_gc) / b:.1f}× the bare window"
            if res.auto_gc
            else "",
        ),
        Row(
            name,
            f"prototype: resume=True and gc.freeze() once the modules are imported, median of "
            f"{len(res.auto_freeze)}",
            ms(median(res.auto_freeze), 0) if res.auto_freeze else "n/a",
            f"≤ 1.5× bare = {ms(TARGET_RATIO * b, 0)}",
            "",
            _would(bool(res.auto_freeze) and median(res.auto_freeze) <= TARGET_RATIO * b)
            + f"; {median(res.auto_freeze) / b:.1f}× the bare window"
            if res.auto_freeze
            else "",
        ),
        Row(
            name,
            f"prototype: resume=True, no GC until the first paint, the show server started after "
            f"it, median of {len(res.auto_lean)}",
            ms(median(res.auto_lean), 0) if res.auto_lean else "n/a",
            f"≤ 1.5× bare = {ms(TARGET_RATIO * b, 0)}",
            "",
            _would(bool(res.auto_lean) and median(res.auto_lean) <= TARGET_RATIO * b)
            + f"; {median(res.auto_lean) / b:.1f}× the bare window"
            if res.auto_lean
            else "",
        ),
        Row(
            name,
            f"prototype: window first — PySide6 only, speaker and countdown from a snapshot, "
            f"median of {len(res.skeleton)}",
            ms(median(res.skeleton), 0) if res.skeleton else "n/a",
            f"≤ 1.5× bare = {ms(TARGET_RATIO * b, 0)}",
            "",
            _would(bool(res.skeleton) and median(res.skeleton) <= TARGET_RATIO * b)
            + f"; {median(res.skeleton) / b:.1f}× the bare window; the engine would load behind it"
            if res.skeleton
            else "",
        ),
        Row(
            name,
            f"floor: bare PySide6 QMainWindow to first paint, median of {len(res.bare)}",
            ms(b, 0),
        ),
        Row(
            name,
            f"the console's start-up on a new journal (no replay, no question), median of "
            f"{len(res.fresh)}",
            ms(median(res.fresh), 0) if res.fresh else "n/a",
            note=f"{median(res.fresh) / b:.1f}× the bare window" if res.fresh else "",
        ),
    ]
    return out


def profile(res: RestartResult) -> str:
    """Median timeline of a restart: with the question, with resume=True, and with resume=True
    and no GC until the first paint (ms after the spawn a step began, and what it took)."""
    runs = {
        "ask": _median_steps(res.steps),
        "auto": _median_steps(res.auto_steps),
        "auto, no GC": _median_steps(res.auto_gc_steps),
        "auto, freeze": _median_steps(res.auto_freeze_steps),
        "auto, lean": _median_steps(res.auto_lean_steps),
    }
    lines = [f"{'step (median ms: began at / took)':<64}" + "".join(f"{k:>18}" for k in runs)]
    for step in dict.fromkeys(k for steps in runs.values() for k in steps):
        cells = [
            f"{steps[step][0]:>9.0f} {steps[step][1]:>7.1f}" if step in steps else f"{'-':>17}"
            for steps in runs.values()
        ]
        lines.append(f"{step:<64}" + "".join(f" {c}" for c in cells))
    return "\n".join(lines)


def run(argv: list[str]) -> int:
    if argv and argv[0] == "generate":
        return _generate(Path(argv[1]), Path(argv[2]))
    if argv and argv[0] == "child":
        expected = json.loads(Path(argv[3]).read_text(encoding="utf-8"))
        return _child(Path(argv[1]), Path(argv[2]), expected, argv[4])
    import tempfile

    from bench import report as table

    runs = int(argv[0]) if argv else 5
    workdir = Path(tempfile.mkdtemp(prefix="studio-bench-restart-"))
    try:
        res = measure(workdir, runs)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(table.text_table(rows(res)))
    print()
    print(profile(res))
    print()
    print(json.dumps({k: v for k, v in res.show.items()}, ensure_ascii=False))
    for e in res.errors:
        print("error:", e, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
