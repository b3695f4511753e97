"""Growth: what the headless commands cost as the agenda grows (1,000 / 5,000 / 20,000 items).

For each size, `growth_agenda` writes one day's agenda with big_agenda's mix of kinds, speakers,
notes and scenes (items shortened so that 20,000 of them still fit into the day), and the bench
times, in one fresh interpreter per size:

- check: `studio check AGENDA` (load, validate, print the timed table);
- rehearse: `studio rehearse AGENDA --journal J` (the whole show on a simulated clock through the
  director to a simulated OBS: every action journalled and fsynced, every cue confirmed);
- report: `studio report J --out DIR` (replay the rehearsal's journal, write HTML and CSV);
- replay: `Show(agenda, clock, journal)` on that journal, what a console does when it resumes
  (the agenda is loaded first, outside the figure);

each through `studio.cli.main` (output to a string) with wall time from `time.perf_counter()`.
Also timed: `load_agenda` alone (a second load, after the check's), the floor of check and report;
and the rehearsal's fsyncs (`os.fsync` wrapped and summed), one per action by the journal's
promise. Linear growth means the per-1,000-items figure stays flat from 1,000 to 20,000 items; a
quadratic step multiplies it by 20 from the first size to the last. (`studio.yamlpos` refuses
files over MAX_FILE_BYTES; if a size's agenda is bigger, the limit is raised for it and said.)
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.agendas import _KINDS, _REGIONS, _SCENES, _event, _q
from bench.common import ROOT, Row, child_env, verdict

SIZES = (1000, 5000, 20000)
QUICK_SIZES = (1000, 5000)
TARGET_S = 5.0  # per step at 20,000 items
STEPS = ("check", "rehearse", "report", "replay")
DAY_S = 86_000  # 00:00 to 23:53:20, inside the event's 00:00-23:59


def growth_agenda(path: Path, items: int) -> Path:
    """`items` items from 00:00 that fill at most one day: big_agenda's mix (kinds, 0-2 speakers,
    notes, timers, scenes), each item 40 s long (big_agenda's) or shorter, a multiple of 4 s, so
    that they fit (4 s at 20,000): one speaker takes 3/4 of it, two take half each (so every size
    has 1.5 segments per item)."""
    d = max(4, min(40, DAY_S // items // 4 * 4))
    lines = _event("bench-growth", "Великий порядок денний", "A big agenda", "00:00", "23:59")
    for i in range(items):
        kind = _KINDS[i % len(_KINDS)]
        n = i + 1
        lines += [
            f"  - id: item-{n:05d}",
            f"    kind: {kind}",
            "    title:",
            f"      uk: {_q(f'Пункт {n}: огляд результатів і обговорення')}",
            f"      en: {_q(f'Item {n}: results overview and discussion')}",
            f"    duration: {d}s",
        ]
        if kind == "break":
            lines.append("    scene: break")
            continue
        lines.append(f"    scene: {_SCENES[i % len(_SCENES)]}")
        if i % 3 == 0:
            lines += [
                "    notes:",
                "      uk: " + _q("Нагадати про питання з чату; перевірити звук спікера"),
                "      en: " + _q("Remind about chat questions; check the speaker audio"),
            ]
        if i % 4 == 0:
            lines.append("    timers: {warning: 10s}")
        speakers = i % 3  # 0, 1 or 2 speakers
        if speakers == 0:
            continue
        lines.append("    speakers:")
        for j in range(speakers):
            lines += [
                "      - role: {uk: Доповідач, en: Speaker}",
                f"        organisation: {_q(f'Організація {(n * 7 + j) % 97 + 1}')}",
                f"        region: {_REGIONS[(i + j) % len(_REGIONS)]}",
                f"        time: {d // 2 if speakers == 2 else d * 3 // 4}s",
            ]
            if j == 1:
                lines.append("        scene: remote")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass
class SizeResult:
    items: int = 0
    segments: int = 0
    actions: int = 0
    fsyncs: int = 0
    agenda_bytes: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    limit_raised: int | None = None  # studio.yamlpos.MAX_FILE_BYTES, raised for this size
    error: str | None = None


def _cli(*argv: str) -> float:
    from studio.cli import main

    sink = io.StringIO()
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        code = main(list(argv))
    took = time.perf_counter() - t0
    if code != 0:
        raise RuntimeError(f"studio {argv[0]} ended with {code}: {sink.getvalue()[-500:]}")
    return took


def measure_size(workdir: Path, items: int) -> SizeResult:
    """One size, in this interpreter (`python -m bench.growth N WORKDIR` runs it in a fresh one)."""
    from studio import yamlpos
    from studio.agenda import load_agenda
    from studio.clock import SimClock
    from studio.journal import Journal
    from studio.show import Show

    workdir.mkdir(parents=True, exist_ok=True)
    agenda_path = growth_agenda(workdir / f"agenda-{items}.yaml", items)
    journal = workdir / f"rehearse-{items}.jsonl"
    journal.unlink(missing_ok=True)
    res = SizeResult(items=items, agenda_bytes=agenda_path.stat().st_size)
    limit = getattr(yamlpos, "MAX_FILE_BYTES", None)
    if limit is not None and res.agenda_bytes > limit:
        yamlpos.MAX_FILE_BYTES = res.agenda_bytes  # measure the steps, not the size guard
        res.limit_raised = limit
    res.seconds["check"] = _cli("check", str(agenda_path), "--lang", "en")
    t0 = time.perf_counter()
    agenda = load_agenda(agenda_path)
    res.seconds["load"] = time.perf_counter() - t0
    real_fsync, synced = os.fsync, [0.0, 0.0]

    def fsync(fd: int) -> None:  # the journal's fsync of each action, timed
        t0 = time.perf_counter()
        try:
            real_fsync(fd)
        finally:
            synced[0] += time.perf_counter() - t0
            synced[1] += 1

    os.fsync = fsync
    try:
        res.seconds["rehearse"] = _cli("rehearse", str(agenda_path), "--journal", str(journal))
    finally:
        os.fsync = real_fsync
    res.seconds["rehearse_fsync"], res.fsyncs = synced[0], int(synced[1])
    res.seconds["report"] = _cli("report", str(journal), "--out", str(workdir / f"report-{items}"))
    res.segments = len(agenda.segments)
    with Journal(journal) as j:
        res.actions = sum(1 for e in j.entries if e.kind == "action")
        t0 = time.perf_counter()
        show = Show(agenda, SimClock(j.entries[-1].at), j)
        res.seconds["replay"] = time.perf_counter() - t0
        assert show.state.status == "ended"
    return res


def measure(workdir: Path, sizes: tuple[int, ...] = SIZES) -> list[SizeResult]:
    """Each size in a fresh interpreter, so none inherits another's garbage or caches."""
    out = []
    for n in sizes:
        res_path = workdir / f"growth-{n}.json"
        res_path.unlink(missing_ok=True)
        argv = [sys.executable, "-m", "bench.growth", str(n), str(workdir), str(res_path)]
        proc = subprocess.run(argv, cwd=ROOT, env=child_env(workdir), check=False)
        if proc.returncode != 0 or not res_path.exists():
            out.append(SizeResult(items=n, error=f"exit code {proc.returncode}"))
            continue
        out.append(SizeResult(**json.loads(res_path.read_text(encoding="utf-8"))))
    return out


def rows(results: list[SizeResult]) -> list[Row]:
    out = []
    for r in results:
        name = f"growth ({r.items} items, {r.segments} segments)"
        if r.error:
            out.append(Row(name, "failed", r.error, "", "MISSED"))
            continue
        big = r.items >= SIZES[-1]
        for step in STEPS:
            s = r.seconds[step]
            note = ""
            if step == "check":
                load = r.seconds["load"]
                note = f"{r.agenda_bytes / 1e6:.1f} MB agenda; loading it alone {load:.2f} s"
                if r.limit_raised:
                    note += f" (file limit {r.limit_raised:,} bytes raised for the bench)"
            elif step == "rehearse":
                note = (
                    f"{r.actions} actions; of which fsync {r.seconds['rehearse_fsync']:.2f} s "
                    f"({r.fsyncs} calls)"
                )
            elif step == "replay":
                note = "Show() over the rehearsal's journal, as a console resuming it"
            out.append(
                Row(
                    name,
                    f"{step}: wall time (per 1,000 items)",
                    f"{s:.2f} s ({s / (r.items / 1000):.2f} s)",
                    "< 5 s" if big else "",
                    verdict(s < TARGET_S) if big else "",
                    note=note,
                )
            )
    return out


def main(argv: list[str]) -> int:
    items, workdir, out = int(argv[0]), Path(argv[1]), Path(argv[2])
    res = measure_size(workdir, items)
    out.write_text(json.dumps(res.__dict__), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
