"""YAML limits: how long the worst agenda files take to be refused, and 1,000 damaged copies.

The loader's limits (studio/yamlpos.py: file size, nesting depth, values, values repeated through
aliases; studio/agenda.py: durations, dates, problems listed) make its work bounded rather than
timed; this bench shows the figures behind them. Each file is loaded once through `load_agenda`
in this interpreter, wall time from `time.perf_counter()`:

- the corpus files for the limits (alias bomb, deep '[', deep indents, NUL late, huge durations);
- files at the size limit (10 MB) built to cost the most per byte: tiny numbers, aliases, deep
  '[' with a syntax error at the end (libyaml's error, not reproduced by the pure-Python composer);
- a 20,000-item agenda (bench/growth.py's), which must still load;
- 1,000 copies of config/agenda.yaml with 1-3 random mutations each (a seeded random: bytes
  flipped or inserted, lines duplicated, deleted or re-indented, alias bombs, deep nesting, NUL):
  the slowest and the median load, and how many ended in anything but AgendaError (the target: 0).

Run alone: `python -m bench.yamllimits` (`--quick`: 200 copies, no 10 MB files).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import ROOT, Row, median, verdict
from studio.agenda import AgendaError, load_agenda

TARGET_S = 1.0  # a damaged copy of the default agenda
BAD = ROOT / "tests" / "agendas" / "bad"
CORPUS = (
    "yaml_alias_bomb",
    "yaml_deep_flow",
    "yaml_deep_indent",
    "yaml_control_char",
    "huge_duration",
)


@dataclass
class Outcome:
    name: str
    seconds: float
    result: str  # "loaded", the first problem's message, or the exception's type


@dataclass
class LimitsResult:
    files: list[Outcome] = field(default_factory=list)
    mutated: list[float] = field(default_factory=list)
    escaped: list[str] = field(default_factory=list)


def _load(path: Path) -> tuple[float, str, bool]:
    """Seconds, what came of it, and whether anything but AgendaError escaped."""
    t0 = time.perf_counter()
    escaped = False
    try:
        load_agenda(path)
        result = "loaded"
    except AgendaError as exc:
        result = exc.problems[0].message if exc.problems else "AgendaError"
    except Exception as exc:  # what the loader must never do; counted, not raised
        result, escaped = f"{type(exc).__name__}: {exc}"[:120], True
    return time.perf_counter() - t0, result, escaped


def _default_lines() -> list[bytes]:
    text = (ROOT / "config" / "agenda.yaml").read_text(encoding="utf-8")
    text = text.replace("../scenes/default.yaml", str(ROOT / "scenes" / "default.yaml"))
    return text.encode("utf-8").split(b"\n")


def _mutate(rng: random.Random, lines: list[bytes]) -> bytes:
    lines = list(lines)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        kind = rng.randrange(8)
        if kind == 0 and lines[i]:
            j = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:j] + bytes([rng.randrange(256)]) + lines[i][j + 1 :]
        elif kind == 1:
            lines.insert(i, lines[i])
        elif kind == 2:
            del lines[i]
        elif kind == 3:
            lines[i] = b" " * rng.randint(1, 6) + lines[i]
        elif kind == 4:
            n, fan = rng.randint(5, 25), rng.randint(2, 10)
            bomb = [f"a0: &a0 [{', '.join(['lol'] * fan)}]"]
            bomb += [f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * fan)}]" for k in range(1, n)]
            lines.insert(i, ("x: {" + ", ".join(bomb) + "}").encode())
        elif kind == 5:
            depth = rng.choice([300, 500, 1000, 5000])
            lines.insert(i, b"x: " + b"[" * depth + b"]" * depth)
        elif kind == 6:
            lines.insert(
                i, b"".join(b" " * (k + 1) + b"k:\n" for k in range(rng.choice([500, 1000])))
            )
        else:
            lines[i] = lines[i] + b"\x00"
    return b"\n".join(lines)


def _big_files(workdir: Path) -> dict[str, Path]:
    out = {}
    files = {
        "10 MB of tiny numbers": "a: [" + "1, " * 3_333_000 + "1]\n",
        "10 MB of aliases": "x: &a 1\nb: [" + "*a, " * 2_499_000 + "*a]\n",
        "10 MB, syntax error at the end": "a:\n" + "  - 1\n" * 1_666_000 + "b: }\n",
    }
    for name, text in files.items():
        path = workdir / f"{name.replace(' ', '-').replace(',', '')}.yaml"
        path.write_text(text, encoding="utf-8")
        out[name] = path
    try:
        from bench.growth import growth_agenda
    except ImportError:  # bench/growth.py is newer than this bench
        return out
    out["20,000-item agenda (8.6 MB)"] = growth_agenda(workdir / "growth-20000.yaml", 20_000)
    return out


def measure(workdir: Path, copies: int = 1000, big: bool = True) -> LimitsResult:
    workdir.mkdir(parents=True, exist_ok=True)
    res = LimitsResult()
    for name in CORPUS:
        seconds, result, _ = _load(BAD / f"{name}.yaml")
        res.files.append(Outcome(name, seconds, result))
    if big:
        for name, path in _big_files(workdir).items():
            seconds, result, _ = _load(path)
            res.files.append(Outcome(name, seconds, result))
    rng = random.Random(20210309)
    base = _default_lines()
    path = workdir / "mutated.yaml"
    for _ in range(copies):
        path.write_bytes(_mutate(rng, base))
        seconds, result, escaped = _load(path)
        res.mutated.append(seconds)
        if escaped:
            res.escaped.append(result)
    return res


def rows(res: LimitsResult) -> list[Row]:
    out = [
        Row("yaml limits", f"{o.name}: load or refusal", f"{o.seconds:.2f} s", note=o.result[:90])
        for o in res.files
    ]
    if res.mutated:
        worst = max(res.mutated)
        out.append(
            Row(
                "yaml limits",
                f"{len(res.mutated):,} damaged copies of the default agenda: slowest / median",
                f"{worst:.2f} s / {median(res.mutated) * 1000:.0f} ms",
                f"< {TARGET_S:.0f} s each",
                verdict(worst < TARGET_S),
            )
        )
        out.append(
            Row(
                "yaml limits",
                "damaged copies ending in anything but AgendaError",
                str(len(res.escaped)),
                "0",
                verdict(not res.escaped),
                note="; ".join(sorted(set(res.escaped)))[:90],
            )
        )
    return out


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    with tempfile.TemporaryDirectory(prefix="bench-yaml-") as tmp:
        res = measure(Path(tmp), copies=200 if quick else 1000, big=not quick)
    for row in rows(res):
        print(f"{row.metric:<75} {row.value:>16}  {row.target:<10} {row.verdict:<6} {row.note}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
