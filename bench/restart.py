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
   The generator keeps the resume card as the console does (studio/resume_card.py's
   CardKeeper). The journal, its clock mark and the card are kept as the crash left them, and
   every restart starts from those very files.
2. The restart (bench/restart_child.py, a subprocess per run): `studio --dry-run --lang en
   --journal J config/agenda.yaml` through `ui.boot.main`, the function .venv/bin/studio runs.
   With the card (`card`), the launcher paints the early window from it; then the engine loads,
   replays the journal and asks "Resume the show?" over it; the child answers as soon as the
   question is painted, and waits for the console's window to show the noted speaker and a
   countdown within 3 s of the time left. Figures: spawn → the early window painted with the
   right speaker and countdown (the target), spawn → the question painted, the answer → the
   console's window painted right. Without the card (`no-card`, as before it existed): spawn →
   the console's window painted right, the question answered at once.
3. Floors in the same run: the bare PySide6 window (bench.child `bare`) and the console's own
   start-up on a new journal (bench.child `console`), alternating with the restarts, after one
   unmeasured warm-up of each.

Where the time goes: the child stamps each step (PySide6, the launcher, the card read, the early
window painted, the question, the console's window) with `time.perf_counter()` (the system-wide
monotonic clock, so spawn-relative); the figures are medians over the runs. `python -m
bench.restart [RUNS]` runs this benchmark alone.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import DEFAULT_AGENDA, ROOT, Row, child_env, median, ms, verdict

TARGET_RATIO = 1.5
SHOW_HOURS = 5.0
CRASH_AFTER_S = 4 * 3600 + 50 * 60  # show seconds after the planned start


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
    from studio.resume_card import CardKeeper, card_path
    from studio.runtime import Runtime, RuntimeOptions
    from ui.boot import card_folder

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
        # The card the console keeps beside the show (ui/app.py does the same).
        CardKeeper(rt, card_path(card_folder(), DEFAULT_AGENDA, rt.mode.value))
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
    # The crash state, kept as it is: every restart starts from these very files.
    pristine = workdir / "pristine"
    pristine.mkdir(exist_ok=True)
    shutil.copy2(journal, pristine / journal.name)
    clock = journal.with_name(journal.name + ".clock")
    if clock.exists():
        shutil.copy2(clock, pristine / clock.name)
    card = _card_file(Path(child_env(workdir)["XDG_DATA_HOME"]))
    if not card.exists():
        raise RuntimeError("the busy show left no resume card")
    shutil.copy2(card, pristine / "card.json")
    state.update(journal=str(journal), pristine=str(pristine))
    return journal, state


# ---- 2. the restart, in a child (bench/restart_child.py) -------------------------------------


def _card_file(data_home: Path) -> Path:
    from studio.resume_card import card_path

    return card_path(data_home / "studio-console" / "cards", DEFAULT_AGENDA, "dry-run")


def spawn_restart(
    workdir: Path, crash: dict[str, Any], expected: dict[str, Any], mode: str, timeout: float = 60
) -> dict[str, Any]:
    """One restart from the crash state (the journal, its clock mark and, for mode "card", the
    resume card, each put back as the crash left them); the child's report plus "t0"."""
    journal, pristine = Path(crash["journal"]), Path(crash["pristine"])
    shutil.copy2(pristine / journal.name, journal)
    clock = journal.with_name(journal.name + ".clock")
    if (pristine / clock.name).exists():
        shutil.copy2(pristine / clock.name, clock)
    env = child_env(workdir)  # one settings folder and bytecode cache for every run
    card = _card_file(Path(env["XDG_DATA_HOME"]))
    card.unlink(missing_ok=True)
    if mode == "card":
        card.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(pristine / "card.json", card)
    run = workdir / f"run-{time.monotonic_ns()}"
    run.mkdir(parents=True)
    (run / "expected.json").write_text(json.dumps(expected), encoding="utf-8")
    argv = [sys.executable, "-m", "bench.restart_child", str(run), str(journal)]
    argv += [str(run / "expected.json"), mode]
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
    early: list[float] = field(default_factory=list)  # spawn → the card's window painted, right
    question: list[float] = field(default_factory=list)  # spawn → question painted
    answer_to_window: list[float] = field(default_factory=list)  # answer → console right paint
    total: list[float] = field(default_factory=list)  # the two, no human in it
    no_card: list[float] = field(default_factory=list)  # the same without the card: total
    # per restart: step → ms after the spawn (medians in `profile`)
    steps: list[dict[str, float]] = field(default_factory=list)
    no_card_steps: list[dict[str, float]] = field(default_factory=list)
    texts: dict[str, list[str]] = field(default_factory=dict)
    question_title: str = ""
    rss: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _steps(r: dict[str, Any]) -> dict[str, float]:
    """A restart's stamps as ms after the spawn, in the order they came."""
    t0 = r["t0"]
    out = {"interpreter up": (r["enter"] - t0) * 1000}
    for name, t in sorted(r["stamps"].items(), key=lambda kv: kv[1]):
        out[name] = (t - t0) * 1000
    return out


def _spawned(workdir: Path, crash: dict[str, Any], expected: dict[str, Any], mode: str, i: int):
    from bench.startup import spawn

    if mode == "bare":
        r = spawn("bare", workdir / "startup")
        return r, r["painted"] - r["t0"]
    if mode == "fresh":
        r = spawn("console", workdir / "startup", workdir / "startup" / f"new-{i}.jsonl")
        return r, r["painted"] - r["t0"]
    r = spawn_restart(workdir / "restart", crash, expected, mode)
    return r, r["stamps"]["painted"] - r["t0"]


def measure(workdir: Path, runs: int = 5) -> RestartResult:
    res = RestartResult()
    workdir.mkdir(parents=True, exist_ok=True)
    journal, crash = generate(workdir / "show")
    res.show = crash
    expected = {k: crash[k] for k in ("speaker", "remaining", "item")}
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
    modes = ["bare", "fresh", "card", "no-card"]
    for i in range(runs + 1):
        # Each round in another order: what runs just before (a console's exit, say) weighs on
        # the next start, and it must not always be the same one.
        for mode in modes[i % 4 :] + modes[: i % 4]:
            try:
                r, took = _spawned(workdir, crash, expected, mode, i)
            except RuntimeError as exc:
                res.errors.append(f"{mode}: {exc}")
                continue
            if i == 0:
                continue  # warm-up: disk cache, bytecode, fonts
            if mode == "bare":
                res.bare.append(took)
            elif mode == "fresh":
                res.fresh.append(took)
            elif mode == "no-card":
                res.no_card.append(took)
                res.no_card_steps.append(_steps(r))
            else:
                s = r["stamps"]
                if "EarlyWindow right paint" not in s or "early window painted" not in s:
                    res.errors.append(f"card: the early window did not show the show: {r}")
                    continue
                res.early.append(s["early window painted"] - r["t0"])
                res.question.append(s["question painted"] - r["t0"])
                res.answer_to_window.append(s["painted"] - s["answered"])
                res.total.append(s["painted"] - r["t0"])
                res.steps.append(_steps(r))
                res.texts = r["texts"]
                res.question_title = r.get("question") or ""
                res.rss.append(r["rss"])
    return res


def _median_steps(steps: list[dict[str, float]]) -> dict[str, float]:
    keys: list[str] = []
    for one in steps:
        keys += [k for k in one if k not in keys]
    return {k: median([one[k] for one in steps if k in one]) for k in keys}


def rows(res: RestartResult) -> list[Row]:
    name = "restart after a crash (subprocess, offscreen)"
    if not res.early or not res.bare:
        return [Row(name, "restart to the right speaker", "–", "", "MISSED", "; ".join(res.errors))]
    b = median(res.bare)
    e = median(res.early)
    sh = res.show
    hours = sh["show_s"] / 3600
    journal = (
        f"journal of {sh['lines']:,} lines, {sh['bytes'] / 1e3:.0f} kB: a {hours:.2f} h show "
        f"killed with {sh['remaining']:.0f} s left for {sh['speaker']}"
    )
    early_texts = res.texts.get("EarlyWindow", ["?", "?"])
    console_texts = res.texts.get("MainWindow", ["?", "?"])
    out = [
        Row(
            name,
            f"`studio --dry-run --journal J`: spawn → the window painted with the speaker and "
            f"countdown (from the resume card), median of {len(res.early)}",
            ms(e, 0),
            f"≤ 1.5× bare = {ms(TARGET_RATIO * b, 0)}",
            verdict(e <= TARGET_RATIO * b),
            f"{e / b:.2f}× the bare window; shows {early_texts[0]!r} {early_texts[1]}; {journal}",
        ),
        Row(
            name,
            f'then: spawn → "{res.question_title}" painted over it, + answer → the console\'s '
            f"window painted with the speaker and countdown, median of {len(res.total)}",
            f"{ms(median(res.question), 0)} + {ms(median(res.answer_to_window), 0)}",
            "",
            "",
            f"the console shows {console_texts[0]!r} {console_texts[1]}; nothing goes to OBS "
            f"before the answer",
        ),
        Row(
            name,
            f"without a card (as before): spawn → the console's window painted right, question "
            f"answered at once, median of {len(res.no_card)}",
            ms(median(res.no_card), 0) if res.no_card else "n/a",
            "",
            "",
            f"{median(res.no_card) / b:.1f}× the bare window" if res.no_card else "",
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
    """Median timeline of a restart, with the card and without (ms after the spawn)."""
    runs = {"card": _median_steps(res.steps), "no card": _median_steps(res.no_card_steps)}
    lines = [f"{'step (median ms after the spawn)':<44}" + "".join(f"{k:>10}" for k in runs)]
    for step in dict.fromkeys(k for steps in runs.values() for k in steps):
        cells = [
            f"{steps[step]:>10.0f}" if step in steps else f"{'-':>10}" for steps in runs.values()
        ]
        lines.append(f"{step:<44}" + "".join(cells))
    return "\n".join(lines)


def run(argv: list[str]) -> int:
    if argv and argv[0] == "generate":
        return _generate(Path(argv[1]), Path(argv[2]))
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
