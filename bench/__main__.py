"""`python -m bench`: run every benchmark and print the table (see bench/__init__.py).

Options choose a subset (`--only cues,timer`), shorten the long ones for a quick look (`--quick`),
skip real OBS (`--no-real-obs`), print the table as Markdown too (`--markdown`), or write the raw
figures as JSON (`--json PATH`). Scratch files go to a temporary folder that is removed at the end
(`--keep` keeps it), and `--whatif` applies bench.whatif's prototype patches; `--air-variants`
picks bench.air's prototypes. The benchmarks that run the console in this interpreter (scale,
cues, air, timer) each get a fresh worker process
(`python -m bench --worker NAME`), so none inherits another's objects, garbage or Qt state.
The run takes about twelve minutes: four for the console's benchmarks (the 60 s idle-CPU window is
their long pole), about three for time to air and one for the restart, four for growth (20,000
items rehearsed with 30,000 fsyncs) and memory.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `tests` (the fake OBS server, RealObs) lives beside `bench`

from bench.common import Row, apply_qt_env  # noqa: E402

BENCHES = ("startup", "restart", "idle", "scale", "cues", "air", "timer", "growth", "memory")
IN_PROCESS = ("scale", "cues", "air", "timer")  # each runs in a fresh worker: no state carried over


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--only", help="comma-separated subset of: " + ", ".join(BENCHES))
    p.add_argument("--quick", action="store_true", help="fewer cues, shorter idle and runs")
    p.add_argument("--cues", type=int, default=None, help="cues per target (default 500)")
    p.add_argument("--idle-seconds", type=float, default=None, help="default 60")
    p.add_argument("--startup-runs", type=int, default=None, help="default 5 (restart too)")
    p.add_argument(
        "--air-variants",
        default=None,
        help="bench.air prototypes measured after the console (default: "
        "send-before-refresh,direct-hop; 'none' for none)",
    )
    p.add_argument("--no-real-obs", action="store_true", help="do not start real OBS")
    p.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    p.add_argument("--json", type=Path, help="write the raw figures here")
    p.add_argument("--keep", action="store_true", help="keep the scratch folder")
    p.add_argument("--worker", choices=IN_PROCESS, help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    p.add_argument("--workdir", help=argparse.SUPPRESS)
    p.add_argument(
        "--whatif",
        metavar="PATCHES",
        help="apply bench.whatif prototype patches first (comma-separated, or 'all')",
    )
    return p.parse_args(argv)


def _progress(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def run_in_process(name: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Run one in-process benchmark here (the worker side); returns its rows and raw figures."""
    cues_n = args.cues or (100 if args.quick else 500)
    applied: list[str] = []
    if args.whatif:
        from bench import whatif

        applied = whatif.apply(args.whatif)
    raw: Any
    if name == "scale":
        from bench import scale

        res = scale.measure(workdir / "scale")
        raw, rows = dataclasses.asdict(res), scale.rows(res)
    elif name == "cues":
        from bench import cues

        results = cues.measure(workdir / "cues", cues_n, real_obs=not args.no_real_obs)
        raw, rows = [dataclasses.asdict(r) for r in results], cues.rows(results)
    elif name == "air":
        from bench import air

        asked = args.air_variants or air.DEFAULT_VARIANTS
        variants = tuple(v for v in asked.split(",") if v and v != "none")
        if args.no_real_obs:
            res = air.AirResult(skipped="skipped (--no-real-obs)")
        else:
            res = air.measure(
                workdir / "air", args.cues or (60 if args.quick else 500), variants, rounds=5
            )
        raw, rows = dataclasses.asdict(res), air.rows(res)
    elif name == "timer":
        from bench import timer

        sim, real = timer.measure(workdir / "timer", 6.0 if args.quick else 12.0)
        raw = {"simulated": dataclasses.asdict(sim), "real": dataclasses.asdict(real)}
        rows = timer.rows(sim, real)
    else:
        raise ValueError(name)
    from bench import qt

    qt.close_loop()
    return {"rows": [dataclasses.asdict(r) for r in rows], "raw": raw, "whatif_applied": applied}


def spawn_worker(name: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Run an in-process benchmark in a fresh interpreter (`python -m bench --worker NAME`)."""
    out = workdir / f"{name}.json"
    argv = [sys.executable, "-m", "bench", "--worker", name, "--out", str(out)]
    argv += ["--workdir", str(workdir)]
    if args.quick:
        argv.append("--quick")
    if args.cues:
        argv += ["--cues", str(args.cues)]
    if args.no_real_obs:
        argv.append("--no-real-obs")
    if args.whatif:
        argv += ["--whatif", args.whatif]
    if args.air_variants:
        argv += ["--air-variants", args.air_variants]
    code = subprocess.run(argv, cwd=ROOT, check=False).returncode
    if code != 0 or not out.exists():
        raise RuntimeError(f"the {name} worker ended with exit code {code}")
    return dict(json.loads(out.read_text(encoding="utf-8")))


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    if args.worker:  # one in-process benchmark, for the orchestrator below
        workdir = Path(args.workdir or tempfile.mkdtemp(prefix="studio-bench-"))
        apply_qt_env(workdir)
        result = run_in_process(args.worker, args, workdir)
        Path(args.out).write_text(json.dumps(result, default=str), encoding="utf-8")
        return 0

    chosen = [b.strip() for b in args.only.split(",")] if args.only else list(BENCHES)
    unknown = [b for b in chosen if b not in BENCHES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    cues_n = args.cues or (100 if args.quick else 500)
    idle_s = args.idle_seconds or (10.0 if args.quick else 60.0)
    startup_runs = args.startup_runs or (2 if args.quick else 5)

    workdir = Path(tempfile.mkdtemp(prefix="studio-bench-"))
    apply_qt_env(workdir)  # inherited by every child
    whatif: list[str] = []
    if args.whatif:
        from bench import whatif as whatif_module

        try:
            whatif = whatif_module.parse(args.whatif)
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 2
        os.environ[whatif_module.ENV] = ",".join(whatif)  # the idle-CPU child applies them too
    t_start = time.perf_counter()
    load_start = os.getloadavg()  # a 2-core VM shared with test suites: say how busy it was
    when = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    rows: list[Row] = []
    raw: dict[str, Any] = {}
    applied: set[str] = set()

    def step(name: str, what: str, fn: Callable[[], list[Row]]) -> None:
        if name not in chosen:
            return
        _progress(what)
        t0 = time.perf_counter()
        try:
            rows.extend(fn())
        except Exception as exc:  # report and carry on with the other benchmarks
            traceback.print_exc()
            rows.append(Row(name, "failed", f"{type(exc).__name__}: {exc}", "", "MISSED"))
        _progress(f"{name} done in {time.perf_counter() - t0:.0f} s")

    def run_startup() -> list[Row]:
        from bench import startup

        res = startup.measure(workdir / "startup", startup_runs)
        raw["startup"] = dataclasses.asdict(res)
        return startup.rows(res)

    def run_idle() -> list[Row]:
        from bench import idle

        res = idle.measure(workdir / "idle", idle_s)
        raw["idle"] = dataclasses.asdict(res)
        return idle.rows(res)

    def run_restart() -> list[Row]:
        from bench import restart

        res = restart.measure(workdir / "restart", startup_runs)
        raw["restart"] = dataclasses.asdict(res)
        print(restart.profile(res), file=sys.stderr)
        return restart.rows(res)

    def run_growth() -> list[Row]:
        from bench import growth

        sizes = growth.QUICK_SIZES if args.quick else growth.SIZES
        results = growth.measure(workdir / "growth", sizes)
        raw["growth"] = [dataclasses.asdict(r) for r in results]
        return growth.rows(results)

    def run_memory() -> list[Row]:
        from bench import memory

        hours = 1.5 if args.quick else memory.HOURS
        traced, untraced = memory.measure(workdir / "memory", hours)
        raw["memory"] = {"traced": dataclasses.asdict(traced), "rss": dataclasses.asdict(untraced)}
        return memory.rows(traced, untraced)

    def worker(name: str) -> Callable[[], list[Row]]:
        def run() -> list[Row]:
            result = spawn_worker(name, args, workdir)
            raw[name] = result["raw"]
            applied.update(result.get("whatif_applied") or [])
            return [Row(**r) for r in result["rows"]]

        return run

    try:
        step("startup", "start-up: bare window and console, in subprocesses", run_startup)
        step("restart", "restart after a crash on a busy 5 h journal", run_restart)
        step("idle", f"idle CPU: {idle_s:.0f} s of a running countdown", run_idle)
        step("scale", "scale: 2,000-item agenda", worker("scale"))
        step("cues", f"cue latency: {cues_n} cues per OBS", worker("cues"))
        step("air", "time to air: real OBS, an observer, the console", worker("air"))
        step("timer", "timer accuracy: 5 h simulated, then the real clock", worker("timer"))
        step("growth", "growth: check, rehearse, report, replay at 1k/5k/20k items", run_growth)
        step("memory", "memory: a 5 h show at ×1 in virtual time", run_memory)
        from bench import env

        info = env.describe()  # before the clean-up: `obs --version` writes under XDG_CONFIG_HOME
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    from bench import report

    total = time.perf_counter() - t_start
    load_end = os.getloadavg()
    print()
    print(report.header(info, when, total))
    print(
        "Load average (1/5/15 min): "
        + " / ".join(f"{x:.2f}" for x in load_start)
        + " at the start, "
        + " / ".join(f"{x:.2f}" for x in load_end)
        + " at the end"
    )
    if whatif:
        present = [w for w in whatif if w not in applied]
        print(
            "WHAT-IF RUN with bench.whatif patches: "
            + (", ".join(w for w in whatif if w in applied) or "none applied")
            + (f" (already in the code: {', '.join(present)})" if present else "")
            + "; prototypes of suggested changes applied at run time, start-up measured without"
        )
    print()
    print(report.text_table(rows))
    print()
    print(report.summary(rows))
    if args.markdown:
        print()
        print(report.markdown_table(rows))
    if args.json:
        payload = {"when": when, "machine": info, "rows": [dataclasses.asdict(r) for r in rows]}
        payload["load"] = {"start": load_start, "end": load_end}
        payload["raw"] = raw
        payload["whatif"] = {"asked": whatif, "applied": sorted(applied)}
        args.json.write_text(json.dumps(payload, indent=1, default=str), encoding="utf-8")
    if args.keep:
        print(f"\nscratch files kept in {workdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
