"""The as-run report as CSV: one row per item, each followed by its speakers' rows, then any
operator request the on-air guard refused. Every cell is safe to open in a spreadsheet: text that
would start a formula gets a leading quote (OWASP, "CSV Injection"); plain numbers stay numbers.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path

from studio.asrun.model import AsRun, ItemRun, OutputChange, SpeakerRun
from studio.asrun.texts import Fmt, output_state

CSV_FIELDS = (
    "kind",
    "id",
    "title",
    "speaker",
    "planned_start",
    "actual_start",
    "planned_duration_s",
    "actual_duration_s",
    "overrun_s",
    "state",
)


def _iso(asrun: AsRun, at: float | None) -> str:
    if at is None:
        return ""
    return datetime.fromtimestamp(at, asrun.agenda.tz).isoformat(timespec="seconds")


def _secs(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def _cell(value: str) -> str:
    """A CSV cell a spreadsheet opens as data: text that would start a formula gets a leading
    single quote, as OWASP recommends; a plain number ("-12.5") stays a number."""
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_rows(asrun: AsRun, lang: str | None = None) -> list[dict[str, str]]:
    """One row per item, each followed by its speakers' rows, then any operator request the
    on-air guard refused; the CSV's content, every cell safe to open in a spreadsheet (see
    `_cell`)."""
    return [{k: _cell(v) for k, v in row.items()} for row in _csv_rows(asrun, lang)]


def _item_row(asrun: AsRun, it: ItemRun, title: str) -> dict[str, str]:
    return {
        "kind": "item",
        "id": it.id,
        "title": title,
        "speaker": "",
        "planned_start": _iso(asrun, it.planned_start),
        "actual_start": _iso(asrun, it.actual_start),
        "planned_duration_s": _secs(it.planned_duration),
        "actual_duration_s": _secs(it.actual_duration),
        "overrun_s": _secs(it.overrun),
        "state": it.state.value,
    }


def _speaker_row(asrun: AsRun, sp: SpeakerRun, title: str, lang: str) -> dict[str, str]:
    return {
        "kind": "speaker",
        "id": sp.key,
        "title": title,
        "speaker": sp.item.speakers[sp.slot - 1].label(lang),
        "planned_start": _iso(asrun, sp.planned_start),
        "actual_start": _iso(asrun, sp.actual_start),
        "planned_duration_s": _secs(sp.allotted),
        "actual_duration_s": _secs(sp.actual_duration),
        "overrun_s": _secs(sp.overrun),
        "state": sp.state.value,
    }


def _refused_row(asrun: AsRun, f: Fmt, o: OutputChange) -> dict[str, str]:
    """An operator's request that never reached OBS."""
    return dict.fromkeys(CSV_FIELDS, "") | {
        "kind": "operator_request",
        "id": o.state,
        "title": output_state(f, o),
        "actual_start": _iso(asrun, o.at),
        "state": "refused",
    }


def _csv_rows(asrun: AsRun, lang: str | None) -> list[dict[str, str]]:
    lang = lang or asrun.agenda.event.broadcast_language
    rows: list[dict[str, str]] = []
    speakers: dict[int, list[SpeakerRun]] = {}
    for sp in asrun.speakers:
        speakers.setdefault(sp.item_index, []).append(sp)
    for it in asrun.items:
        title = it.item.title.get(lang)
        rows.append(_item_row(asrun, it, title))
        rows += [_speaker_row(asrun, sp, title, lang) for sp in speakers.get(it.index, ())]
    f = Fmt(asrun, lang)
    rows += [_refused_row(asrun, f, o) for o in asrun.outputs if o.refused]
    return rows


def write_csv(asrun: AsRun, path: Path, lang: str | None = None) -> None:
    """Write the report's CSV file (UTF-8 with BOM, for Excel)."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
        writer.writeheader()
        writer.writerows(csv_rows(asrun, lang))


__all__ = ["CSV_FIELDS", "csv_rows", "write_csv"]
