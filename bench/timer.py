"""Timer accuracy of the speaker countdown in the real console window (offscreen, dry-run).

Simulated: the default agenda's whole five-hour show. The console gets a clock that moves only
when the bench sets it but says it runs at real speed (`SteppedClock`, rate 1), so the console
arms its refresh timer exactly as on the real clock; the bench takes every armed interval over
(stops the timer), sets the clock that far ahead and runs `EngineBridge.refresh()` — the steps
are the console's own refresh period, whatever it is (a fixed beat, or aimed at the next change).
Next is pressed (Space) exactly when each speaker's allotted time is up. After every refresh the
countdown's text is compared with clock truth, computed here in integer microseconds from the
agenda's allotments and the instants the bench pressed the keys. A countdown showing `d` whole
seconds is right while the true remaining time is in (d-1, d] (it counts up as `+m:ss` in
overtime; see studio.timefmt.countdown_text); the error is how far truth lies outside that
interval. The event clock label (HH:MM:SS) is checked the same way. Between refreshes the screen
stands still, so a second that began between two refreshes turned over late by the time to the
next refresh: the "turn-over lag" (timer precision aside, which the real-clock part measures).
"Drift" is the countdown error at the last refresh, five hours in.

Real time: the console on the real clock (SystemClock) for ~10 s; F5, then Next at random moments
1.25-1.75 s apart, so each speaker's countdown starts at another phase of the refresh timer (the
phase decides how late every later second turns over). Paint events of the countdown widget and
of the event clock label are recorded with `time.perf_counter()` and their text; for every change
the timer made (not the key), the lag is the paint time minus the instant the shown second should
have begun (from the clock, the speaker's start instant and the allotment). The lag of the text
change itself (setText, before any paint) is recorded too. The event clock label turns over at
one fixed phase per run, so its figure is one sample of a 0-200 ms spread.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bench.common import DEFAULT_AGENDA, Row, median, ms, percentile, verdict

TARGET_ERROR_S = 0.050
_COUNT = re.compile(r"^(\+?)(?:(\d+):)?(\d+):(\d\d)$")


def shown_seconds(text: str) -> int:
    """The countdown's text as whole seconds of remaining time (negative in overtime)."""
    m = _COUNT.match(text)
    if not m:
        raise ValueError(f"not a countdown: {text!r}")
    sign, h, mi, s = m.groups()
    value = int(h or 0) * 3600 + int(mi) * 60 + int(s)
    return -value if sign else value


def countdown_error(text: str, remaining: float) -> float:
    """Seconds by which the true remaining time lies outside what `text` stands for."""
    d = shown_seconds(text)
    r = round(remaining, 6)  # epoch seconds as floats resolve ~0.2 µs: compare at 1 µs
    if d - 1 < r <= d:
        return 0.0
    return r - d if r > d else (d - 1) - r


def clock_error(text: str, now: float, agenda_tz: object) -> float:
    """Seconds by which the true time lies outside the whole second HH:MM:SS stands for."""
    local = datetime.fromtimestamp(now, agenda_tz)  # type: ignore[arg-type]
    h, mi, s = (int(x) for x in text.split(":"))
    shown = local.replace(hour=h, minute=mi, second=s, microsecond=0).timestamp()
    r = round(now, 6)
    if shown <= r < shown + 1:
        return 0.0
    return r - (shown + 1) if r >= shown + 1 else shown - r


@dataclass
class SimResult:
    refreshes: int = 0
    step_min: float = 0.0  # the refresh intervals the console armed, seconds
    step_max: float = 0.0
    max_lag: float = 0.0  # how long after a whole second the display turned over, at most
    show_seconds: float = 0.0
    max_error: float = 0.0
    wrong: int = 0
    clock_max_error: float = 0.0
    drift: float = 0.0
    final_text: str = ""
    offset_text: str = ""
    wall: float = 0.0


@dataclass
class RealResult:
    seconds: float = 0.0
    paint_lags: list[float] = field(default_factory=list)  # countdown
    set_lags: list[float] = field(default_factory=list)  # countdown text set (before paint)
    clock_lags: list[float] = field(default_factory=list)  # event clock label, painted
    armed_min: float = 0.0  # refresh intervals the console armed while measured, ms
    armed_max: float = 0.0
    speakers: int = 0


class SteppedClock:
    """Show time that moves only when the bench sets it, but that tells the console it runs at
    real speed (`rate` 1), so the console aims its refresh timer as it would on the real clock."""

    rate = 1.0

    def __init__(self, start: float) -> None:
        self._now = float(start)

    def now(self) -> float:
        return self._now

    def set(self, epoch: float) -> None:
        self._now = float(epoch)


async def simulated(workdir: Path) -> SimResult:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from bench.qt import close_console, open_console
    from studio.agenda import load_agenda
    from studio.modes import Mode
    from studio.runtime import RuntimeOptions
    from ui import bridge as bridge_module

    refresh_ms = int(getattr(bridge_module, "REFRESH_MS", 200))  # when no timer is armed
    agenda = load_agenda(DEFAULT_AGENDA)
    start = agenda.planned_start
    clock = SteppedClock(start)
    journal = workdir / "timer-sim.jsonl"
    journal.unlink(missing_ok=True)
    c = await open_console(
        agenda, RuntimeOptions(mode=Mode.DRY_RUN, journal=journal), workdir, clock=clock
    )
    res = SimResult()
    t_wall = time.perf_counter()
    try:
        assert c.window is not None and c.bridge is not None
        w, bridge = c.window, c.bridge
        tz = agenda.tz
        segments = agenda.segments
        second = 1_000_000  # the truth is kept in integer microseconds since the start
        total = sum(s.allotted for s in segments) * second
        steps: list[int] = []

        def armed_us() -> int:
            """The refresh the console just armed (it would fire then), taken over by the bench."""
            ms_ = bridge.timer.interval() if bridge.timer.isActive() else refresh_ms
            bridge.timer.stop()
            return ms_ * 1000

        w.table.setFocus()
        QTest.keyClick(w.table, Qt.Key.Key_F5)  # at the planned start: the first speaker
        seg, seg_start, seg_end = 0, 0, segments[0].allotted * second
        t, step = 0, armed_us()
        error = 0.0
        while t < total:
            t_next = t + step
            pressed = t_next >= seg_end and seg + 1 < len(segments)
            if pressed:
                t_next = seg_end  # the speaker's time is up: Next, exactly then
            # Every whole second in (t, t_next] turned over on screen only at t_next: both the
            # countdown's and the clock's seconds fall on whole seconds from the start.
            first_boundary = (t // second + 1) * second
            if first_boundary <= t_next:
                res.max_lag = max(res.max_lag, (t_next - first_boundary) / second)
            t = t_next
            clock.set(start + t / second)
            if pressed:
                QTest.keyClick(w.table, Qt.Key.Key_Space)  # refreshes the window itself
                seg, seg_start = seg + 1, t
                seg_end = t + segments[seg].allotted * second
            else:
                bridge.refresh()
            step = armed_us()
            steps.append(step)
            remaining = segments[seg].allotted - (t - seg_start) / second
            error = countdown_error(w.countdown.text(), remaining)
            if error > 0:
                res.wrong += 1
            res.max_error = max(res.max_error, error)
            res.clock_max_error = max(
                res.clock_max_error, clock_error(w.clock_label.text(), clock.now(), tz)
            )
            res.refreshes += 1
            if res.refreshes % 50 == 0:
                await asyncio.sleep(0)  # let Qt paint now and then, as the real loop would
        res.show_seconds = t / second
        res.drift = error
        res.final_text = w.countdown.text()
        res.offset_text = w.offset_label.text()
        res.step_min = min(steps) / 1000 / 1000
        res.step_max = max(steps) / 1000 / 1000
    finally:
        res.wall = time.perf_counter() - t_wall
        await close_console(c)
    return res


async def real_time(workdir: Path, seconds: float = 12.0, seed: int = 11) -> RealResult:
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest

    from bench.qt import close_console, open_console
    from studio.agenda import load_agenda
    from studio.clock import SystemClock
    from studio.modes import Mode
    from studio.runtime import RuntimeOptions

    agenda = load_agenda(DEFAULT_AGENDA)
    clock = SystemClock()
    journal = workdir / "timer-real.jsonl"
    journal.unlink(missing_ok=True)
    c = await open_console(
        agenda, RuntimeOptions(mode=Mode.DRY_RUN, journal=journal), workdir, clock=clock
    )
    res = RealResult(seconds=seconds)
    armed: list[int] = []
    painted: list[tuple[float, str, str]] = []  # (perf_counter, which, text)
    sets: list[tuple[float, str]] = []
    # (perf_counter of the key, the speaker's start on the show clock, allotment, first text)
    speakers: list[tuple[float, float, float, str]] = []
    rng = random.Random(seed)

    class PaintSpy(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                if c.bridge is not None and c.bridge.timer.isActive():
                    armed.append(c.bridge.timer.interval())
                which = "countdown" if obj is w.countdown else "clock"
                text = w.countdown.text() if which == "countdown" else w.clock_label.text()
                painted.append((time.perf_counter(), which, text))
            return False

    try:
        assert c.window is not None and c.rt is not None
        w, rt = c.window, c.rt
        spy = PaintSpy()
        w.countdown.installEventFilter(spy)
        w.clock_label.installEventFilter(spy)
        original_set = w.countdown.setText

        def spied_set(text: str) -> bool:
            changed = original_set(text)
            if changed:
                sets.append((time.perf_counter(), text))
            return changed

        w.countdown.setText = spied_set  # type: ignore[method-assign]
        w.table.setFocus()
        await asyncio.sleep(0.3)
        painted.clear()
        t_end = time.perf_counter() + seconds
        key = Qt.Key.Key_F5
        # A new speaker at a random moment every 1.25-1.75 s: each starts at another phase of
        # the refresh timer, which decides how late its display turns over; each speaker's
        # first second (due 1 s after the key) is seen before the next key, however late.
        while time.perf_counter() < t_end:
            at = time.perf_counter()
            QTest.keyClick(w.table, key)
            key = Qt.Key.Key_Space
            state = rt.show.state
            assert state.visit_start is not None and state.seg is not None
            allotted = rt.show.allotted(state.seg)
            speakers.append((at, state.visit_start, allotted, w.countdown.text()))
            await asyncio.sleep(rng.uniform(1.25, 1.75))
        # perf_counter and the clock's now() advance together (both monotonic): one offset.
        offsets = []
        for _ in range(5):
            a = time.perf_counter()
            b = clock.now()
            offsets.append(b - (a + time.perf_counter()) / 2)
        offset = median(offsets)
        w.countdown.removeEventFilter(spy)
        w.clock_label.removeEventFilter(spy)

        def lag(at: float, text: str) -> float | None:
            """How late `text` showed at `at`; None if it is the value a key press put there."""
            current = [sp for sp in speakers if sp[0] <= at]
            if not current:
                return None
            _key_at, visit_start, allotted, first_text = current[-1]
            if text == first_text:
                return None
            due = visit_start + allotted - shown_seconds(text) - offset
            return at - due

        last = {"countdown": "", "clock": ""}
        for at, which, text in painted:
            if text == last[which]:
                continue
            first = not last[which]
            last[which] = text
            if which == "countdown":
                value = lag(at, text)
                if value is not None:
                    res.paint_lags.append(value)
            elif not first:  # the first paint shows where the clock was, not a change
                epoch = at + offset
                h, mi, s = (int(x) for x in text.split(":"))
                local = datetime.fromtimestamp(epoch, agenda.tz)
                due = local.replace(hour=h, minute=mi, second=s, microsecond=0).timestamp()
                res.clock_lags.append(epoch - due)
        for at, text in sets:
            value = lag(at, text)
            if value is not None:
                res.set_lags.append(value)
        res.speakers = len(speakers)
        if armed:
            res.armed_min, res.armed_max = float(min(armed)), float(max(armed))
    finally:
        await close_console(c)
    return res


def measure(workdir: Path, real_seconds: float = 12.0) -> tuple[SimResult, RealResult]:
    from bench import qt

    qt.app()
    workdir.mkdir(parents=True, exist_ok=True)
    sim = qt.run(simulated(workdir))
    real = qt.run(real_time(workdir, real_seconds))
    return sim, real


def rows(sim: SimResult, real: RealResult) -> list[Row]:
    name_sim = f"timer, simulated {sim.show_seconds / 3600:.1f} h show"
    name_real = f"timer, real clock {real.seconds:.0f} s"
    worst = max(sim.max_error, sim.max_lag)
    out = [
        Row(
            name_sim,
            f"max display error over {sim.refreshes} refreshes: at a refresh / turn-over lag",
            f"{sim.max_error * 1000:.3f} ms / {sim.max_lag * 1000:.0f} ms",
            "≤ 50 ms",
            verdict(worst <= TARGET_ERROR_S and sim.wrong == 0),
            f"console refresh every {sim.step_min * 1000:.0f}-{sim.step_max * 1000:.0f} ms; "
            f"{sim.wrong} wrong texts; event clock label max error "
            f"{sim.clock_max_error * 1000:.3f} ms; schedule at the end: {sim.offset_text!r}; "
            f"ran in {sim.wall:.0f} s",
        ),
        Row(
            name_sim,
            "drift at the end (countdown error at the last refresh)",
            f"{sim.drift * 1000:.3f} ms (shows {sim.final_text})",
            "0",
            verdict(sim.drift == 0),
        ),
    ]
    lags = real.paint_lags
    if lags:
        out.append(
            Row(
                name_real,
                f"painted countdown lag behind its second p50 / p99 / max "
                f"(n={len(lags)}, {real.speakers} speakers)",
                f"{ms(median(lags), 0)} / {ms(percentile(lags, 99), 0)} / {ms(max(lags), 0)}",
                "≤ 50 ms",
                verdict(max(lags) <= TARGET_ERROR_S),
                f"console refresh timer armed {real.armed_min:.0f}-{real.armed_max:.0f} ms",
            )
        )
    else:
        out.append(Row(name_real, "painted countdown lag", "no paints seen", "≤ 50 ms", "MISSED"))
    if real.set_lags:
        s = real.set_lags
        out.append(
            Row(
                name_real,
                "countdown text set (before paint) lag p50 / max",
                f"{ms(median(s), 0)} / {ms(max(s), 0)}",
            )
        )
    if real.clock_lags:
        cl = real.clock_lags
        out.append(
            Row(
                name_real,
                f"painted event clock (HH:MM:SS) lag p50 / max (n={len(cl)})",
                f"{ms(median(cl), 0)} / {ms(max(cl), 0)}",
            )
        )
    return out
