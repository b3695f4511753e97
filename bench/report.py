"""The printed result: machine and versions, then one row per figure with its target and verdict,
as plain text for the terminal or as Markdown for bench/RESULTS.md."""

from __future__ import annotations

from collections.abc import Sequence

from bench.common import Row


def _cells(row: Row) -> list[str]:
    return [row.bench, row.metric, row.value, row.target, row.verdict]


def text_table(rows: Sequence[Row]) -> str:
    head = ["benchmark", "figure", "value", "target", "verdict"]
    widths = [len(h) for h in head]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, _cells(row), strict=True)]
    widths[1] = min(widths[1], 72)

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(head), line(["-" * w for w in widths])]
    last_bench = ""
    for row in rows:
        cells = _cells(row)
        if row.bench == last_bench:
            cells[0] = ""
        last_bench = row.bench
        out.append(line(cells))
        if row.note:
            out.append(" " * (widths[0] + 2) + "  ↳ " + row.note)
    return "\n".join(out)


def markdown_table(rows: Sequence[Row]) -> str:
    out = [
        "| benchmark | figure | value | target | verdict | notes |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        cells = [*_cells(row), row.note]
        cells = [c.replace("|", "\\|") for c in cells]
        if cells[4] == "MISSED":
            cells[4] = "**MISSED**"
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def header(info: dict[str, str], when: str, total_s: float) -> str:
    machine = ", ".join(f"{k} {info[k]}" for k in ("CPU", "Cores", "RAM", "OS") if k in info)
    versions = ", ".join(
        f"{k} {v}" for k, v in info.items() if k not in ("CPU", "Cores", "RAM", "OS")
    )
    return (
        f"Studio Console benchmarks — {when} (whole run {total_s:.0f} s)\n"
        f"Machine:  {machine}\n"
        f"Versions: {versions}"
    )


def summary(rows: Sequence[Row]) -> str:
    judged = [r for r in rows if r.verdict in ("met", "MISSED")]
    missed = [r for r in judged if r.verdict == "MISSED"]
    skipped = [r for r in rows if r.verdict == "skipped"]
    text = f"{len(judged) - len(missed)} of {len(judged)} targets met"
    if skipped:
        text += f", {len(skipped)} skipped"
    if missed:
        text += "; missed: " + "; ".join(f"{r.bench} — {r.metric}" for r in missed)
    return text
