"""The as-run report: what actually happened on air, read back from the show's journal.

One trade per module:
- `model`: the dataclasses (`AsRun`, its item, speaker, switch, outage ... rows, `Notice`).
- `replay`: `build_report` and `replay_journal`, the journal replayed into an `AsRun` with the
  console's own fold and the journal's typed facts (studio/facts.py); reusable by anything that
  needs "what happened".
- `texts`: the report's uk/en words and notices, and `Fmt` (times, durations, names).
- `charts`: the timeline and offset SVGs. `tables`: the HTML tables. `html`: the document and its
  CSS. `csv`: the CSV rows, safe to open in a spreadsheet.

`write_report` writes `<journal>.asrun.html` and `<journal>.asrun.csv`. Nothing here touches the
network or Qt.
"""

from __future__ import annotations

from pathlib import Path

from studio.asrun.csv import CSV_FIELDS, csv_rows, write_csv
from studio.asrun.html import render_html, write_html
from studio.asrun.model import (
    AsRun,
    CueRow,
    HealthIncident,
    Intervention,
    ItemRun,
    Notice,
    OffsetPoint,
    Outage,
    OutputChange,
    ReportError,
    SpeakerRun,
    SwitchRow,
    TimeRow,
)
from studio.asrun.replay import build_report, replay_journal


def write_report(asrun: AsRun, out_dir: str | Path, lang: str | None = None) -> tuple[Path, Path]:
    """Write `<journal>.asrun.html` and `<journal>.asrun.csv` (UTF-8 with BOM, for Excel)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = asrun.journal_path.stem
    html_path = out / f"{stem}.asrun.html"
    csv_path = out / f"{stem}.asrun.csv"
    write_html(asrun, html_path, lang)
    write_csv(asrun, csv_path, lang)
    return html_path, csv_path


__all__ = [
    "CSV_FIELDS",
    "AsRun",
    "CueRow",
    "HealthIncident",
    "Intervention",
    "ItemRun",
    "Notice",
    "OffsetPoint",
    "Outage",
    "OutputChange",
    "ReportError",
    "SpeakerRun",
    "SwitchRow",
    "TimeRow",
    "build_report",
    "csv_rows",
    "render_html",
    "replay_journal",
    "write_report",
]
