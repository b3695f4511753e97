"""`studio export`: an agenda as a rundown (xlsx or csv) in the layout `studio import` reads,
with the planned time of every item and speaker, for printing or sending around.

xlsx cells are typed as a spreadsheet program makes them (times, durations, a date); csv holds
the same as text (10:00, 0:08:00, 2021-03-09), and a text that a spreadsheet would read as a
formula gets a leading apostrophe, which the import drops again. ods is not written: every
spreadsheet program opens xlsx, and the ods writers on PyPI are not maintained.
"""

from __future__ import annotations

import csv
import os
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from studio.agenda import Agenda, Speaker, TextModel
from studio.rundown.cells import path_from
from studio.rundown.layout import COLUMN_BY_KEY, COLUMNS, FIELD_BY_KEY, KIND_NAMES
from studio.rundown.values import clock_text, hms

EXPORT_SUFFIXES = (".xlsx", ".csv")
ALWAYS = ("planned", "duration", "kind", "id", "title", "title_en", "scene")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


class ExportError(Exception):
    """The agenda cannot be written where asked; the message says why and what would work."""


Cells = list[Any]


def _text_pair(text: TextModel | None, key: str) -> dict[str, Any]:
    if text is None:
        return {}
    out: dict[str, Any] = {key: text.uk}
    if text.en is not None:
        out[f"{key}_en"] = text.en
    return out


def _event_rows(agenda: Agenda, lang: str, out_dir: Path) -> list[Cells]:
    ev = agenda.event
    yes, no = ("так", "ні") if lang == "uk" else ("yes", "no")

    def row(key: str, *values: Any) -> Cells:
        return [FIELD_BY_KEY[key].name(lang), *values]

    def text_row(key: str, text: TextModel) -> Cells:
        return row(key, text.uk, *([text.en] if text.en is not None else []))

    rows = [row("id", ev.id), text_row("title", ev.title), row("date", ev.date)]
    rows += [row("timezone", ev.timezone), row("start", ev.start), row("end", ev.end)]
    if ev.venue is not None:
        rows.append(text_row("venue", ev.venue))
    rows.append(row("online", yes if ev.online else no))
    rows += [text_row("organisers", org) for org in ev.organisers]
    if ev.part_of is not None:
        rows.append(text_row("part_of", ev.part_of))
    for key in ("warning", "final"):
        if key in ev.timers.model_fields_set:
            rows.append(row(f"timer_{key}", timedelta(seconds=getattr(ev.timers, key))))
    shown = path_from(out_dir, agenda.path.parent / ev.scenes)
    rows += [row("scenes", shown), row("pre_show_scene", ev.pre_show_scene)]
    rows += [row("end_scene", ev.end_scene), row("broadcast_language", ev.broadcast_language)]
    return rows


def _item_cells(agenda: Agenda, i: int, lang: str) -> dict[str, Any]:
    item = agenda.items[i]
    cells: dict[str, Any] = {
        "planned": agenda.local(agenda.item_starts[i]).time(),
        "kind": KIND_NAMES[item.kind] if lang == "uk" else item.kind,
        "id": item.id,
        "scene": item.scene,
        **_text_pair(item.title, "title"),
        **_text_pair(item.notes, "notes"),
    }
    if item.start is not None:
        cells["start"] = item.start
    if item.duration is not None:
        cells["duration"] = timedelta(seconds=item.duration)
    if item.region is not None:
        cells["region"] = item.region
    if item.timers is not None:
        for key in item.timers.model_fields_set:
            cells[f"timer_{key}"] = timedelta(seconds=getattr(item.timers, key))
    return cells


def _speaker_cells(sp: Speaker, planned: float, agenda: Agenda) -> dict[str, Any]:
    cells: dict[str, Any] = {
        "planned": agenda.local(planned).time(),
        "duration": timedelta(seconds=sp.time),
        **_text_pair(sp.name, "name"),
        **_text_pair(sp.role, "role"),
        **_text_pair(sp.organisation, "organisation"),
    }
    for key in ("id", "region", "scene"):
        if getattr(sp, key) is not None:
            cells[key] = getattr(sp, key)
    if sp.lower_third:
        cells["lower_third_1"] = sp.lower_third[0]
        if len(sp.lower_third) > 1:
            cells["lower_third_2"] = sp.lower_third[1]
    return cells


def rundown_rows(agenda: Agenda, lang: str, out_dir: Path) -> tuple[list[Cells], int, list[int]]:
    """The sheet as rows of typed values; the index of the table header row, and of item rows."""
    table: list[dict[str, Any]] = []
    item_rows: list[int] = []
    for i, item in enumerate(agenda.items):
        item_rows.append(len(table))
        table.append(_item_cells(agenda, i, lang))
        for seg in (agenda.segments[j] for j in agenda.item_segments(i)):
            if seg.speaker_index is not None:
                sp = item.speakers[seg.speaker_index]
                table.append(_speaker_cells(sp, seg.planned_start, agenda))
    used = {key for cells in table for key in cells}
    keys = [c.key for c in COLUMNS if c.key in used or c.key in ALWAYS]
    rows = _event_rows(agenda, lang, out_dir)
    rows.append([])
    header = len(rows)
    rows.append([COLUMN_BY_KEY[k].name(lang) for k in keys])
    rows += [[cells.get(k) for k in keys] for cells in table]
    return rows, header, [header + 1 + r for r in item_rows]


def export_rundown(agenda: Agenda, out: str | Path, lang: str = "uk") -> Path:
    """Write the agenda as a rundown (.xlsx or .csv, by the suffix of `out`)."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise ExportError(
            f"{out}: cannot write '{suffix or out.name}'; expected .xlsx (which LibreOffice and "
            "every spreadsheet program opens) or .csv"
        )
    rows, header, item_rows = rundown_rows(agenda, lang, out.parent)
    if suffix == ".csv":
        _write_csv(out, rows)
    else:
        _write_xlsx(out, rows, header, item_rows, "Програма" if lang == "uk" else "Rundown")
    return out


def csv_text(value: Any) -> str:
    """A cell as csv text that a spreadsheet program and `studio import` both read back."""
    if value is None:
        return ""
    if isinstance(value, timedelta):
        return hms(round(value.total_seconds()))
    if isinstance(value, time):
        return clock_text(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _write_csv(out: Path, rows: list[Cells]) -> None:
    tmp = out.with_name(f".{out.name}.tmp")
    # UTF-8 with a BOM: Excel reads Cyrillic right only so.
    with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        for row in rows:
            writer.writerow([csv_text(v) for v in row])
    os.replace(tmp, out)


def _write_xlsx(
    out: Path, rows: list[Cells], header: int, item_rows: list[int], title: str
) -> None:
    # No stubs: types-openpyxl is not among the dependencies.
    import openpyxl  # type: ignore[import-untyped]
    from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import IllegalCharacterError  # type: ignore[import-untyped]

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    bold = Font(bold=True)
    band = PatternFill("solid", fgColor="E8EEF7")
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value is None:
                continue
            cell = ws.cell(r, c)
            try:
                cell.value = value
            except IllegalCharacterError:
                raise ExportError(
                    f"{out}: the text {str(value)[:40]!r} holds control characters, which an xlsx "
                    "file cannot hold; expected plain text (or export to .csv)"
                ) from None
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula
            elif isinstance(value, timedelta):
                cell.number_format = "[h]:mm:ss"
            elif isinstance(value, time):
                cell.number_format = "hh:mm:ss" if value.second else "hh:mm"
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
    for cell in ws[header + 1]:
        cell.font = bold
    for r in item_rows:
        for cell in ws[r + 1]:
            cell.font = bold
            cell.fill = band
    widths: dict[int, int] = {}
    for row in rows[header:]:
        for c, value in enumerate(row, 1):
            widths[c] = max(widths.get(c, 8), min(60, len(csv_text(value)) + 2))
    for c, width in widths.items():
        ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = width
    ws.column_dimensions["A"].width = max(widths.get(1, 8), 22)
    ws.freeze_panes = ws.cell(header + 2, 1)
    tmp = out.with_name(f".{out.name}.tmp")
    book.save(tmp)
    os.replace(tmp, out)


__all__ = ["EXPORT_SUFFIXES", "ExportError", "csv_text", "export_rundown", "rundown_rows"]
