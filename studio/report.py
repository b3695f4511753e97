"""The as-run report's old address, kept so existing imports work: the report lives in the
`studio.asrun` package now (model, replay, texts, charts, tables, html, csv).

`build_report` here loads the agenda through this module's `_load`, as it always did, so a caller
that replaces `_load` (a test counting agenda reads) still sees every load.
"""

from __future__ import annotations

from pathlib import Path

from studio.agenda import Agenda
from studio.asrun import (
    CSV_FIELDS,
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
    csv_rows,
    render_html,
    replay_journal,
    write_report,
)
from studio.asrun import replay as _replay
from studio.asrun.model import ROUTINE_ACTIONS


def _load(path: Path) -> Agenda:
    return _replay.load_report_agenda(path)


def build_report(journal_path: str | Path, agenda_path: str | Path | None = None) -> AsRun:
    """Replay a journal against its agenda (the one the header names unless given)."""
    return _replay.build_report(journal_path, agenda_path, load=_load)


__all__ = [
    "CSV_FIELDS",
    "ROUTINE_ACTIONS",
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
