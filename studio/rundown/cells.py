"""Reading a rundown file into a grid of cell values, each addressable for messages.

xlsx is read with openpyxl (values as the file stores them: real time and date cells, numbers,
text), ods with python-calamine, csv with the standard library (UTF-8, with or without a BOM, or
Windows-1251 as Excel writes it on a Ukrainian system; comma, semicolon or tab). A cell is
addressed as `file.xlsx:Sheet!C12` or `file.csv:12:3` (line and column).
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUFFIXES = (".xlsx", ".xlsm", ".ods", ".csv")
MAX_BYTES = 20 * 1024 * 1024  # a rundown is a page or two; a larger file is not one
MAX_ROWS = 5000
MAX_COLS = 200


class GridError(Exception):
    """The file cannot be read as a rundown at all; `where` names the file (and sheet)."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@dataclass(frozen=True)
class CellError:
    """A cell holding a spreadsheet error (#NAME?, #REF!): what the program showed."""

    text: str


@dataclass
class Grid:
    """A sheet's values by row (0-based lists; addresses are 1-based like the spreadsheet's)."""

    file: str
    sheet: str | None  # None for csv
    rows: list[list[Any]]
    lines: list[int] = field(default_factory=list)  # csv: the file line each row starts on

    def value(self, row: int, col: int) -> Any:
        cells = self.rows[row] if row < len(self.rows) else []
        return cells[col] if col < len(cells) else None

    def where(self, row: int, col: int) -> str:
        """The address of the cell at 0-based (row, col)."""
        if self.sheet is None:
            line = self.lines[row] if row < len(self.lines) else row + 1
            return f"{self.file}:{line}:{col + 1}"
        return f"{self.file}:{sheet_ref(self.sheet)}!{column_letter(col)}{row + 1}"

    def column_name(self, col: int) -> str:
        return f"column {col + 1}" if self.sheet is None else f"column {column_letter(col)}"

    def row_label(self, row: int) -> str:
        """'line 14' of a csv, 'row 14' of a sheet."""
        if self.sheet is None:
            return f"line {self.lines[row] if row < len(self.lines) else row + 1}"
        return f"row {row + 1}"

    def row_name(self, row: int) -> str:
        """How a YAML comment names a row: 'Sheet, row 14' or 'line 14'."""
        if self.sheet is None:
            return f"line {self.lines[row] if row < len(self.lines) else row + 1}"
        return f"{self.sheet}, row {row + 1}"


def column_letter(col: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def sheet_ref(name: str) -> str:
    """A sheet name as a formula writes it: quoted when it holds spaces or punctuation."""
    if re.fullmatch(r"[^\W\d]\w*", name):
        return name
    return "'" + name.replace("'", "''") + "'"


def path_from(folder: Path, target: Path) -> str:
    """`target` as a file in `folder` names it: relative when they share more than the root
    (a scene map beside the agenda moves with it), else absolute."""
    target, folder = target.resolve(), folder.resolve()
    try:
        common = Path(os.path.commonpath([target, folder]))
    except ValueError:  # another drive
        return target.as_posix()
    if common == Path(common.anchor):
        return target.as_posix()
    return Path(os.path.relpath(target, folder)).as_posix()


def read_grid(path: Path, sheet: str | None = None, shown: str | None = None) -> Grid:
    """The sheet (the first one unless named) of an xlsx, ods or csv file as a Grid."""
    name = shown or str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise GridError(name, f"not a rundown file; expected one of: {', '.join(SUFFIXES)}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise GridError(name, f"cannot read the file: {exc.strerror or exc}") from None
    if size > MAX_BYTES:
        raise GridError(name, f"the file is {size:,} bytes; expected at most {MAX_BYTES:,}")
    try:
        if suffix == ".csv":
            if sheet is not None:
                raise GridError(name, "a csv file has no sheets; expected no --sheet")
            return _read_csv(path, name)
        if suffix == ".ods":
            return _read_ods(path, name, sheet)
        return _read_xlsx(path, name, sheet)
    except GridError:
        raise
    except OSError as exc:
        raise GridError(name, f"cannot read the file: {exc.strerror or exc}") from None
    except Exception as exc:  # a damaged file: each reader raises its own kinds
        kind = "an xlsx" if suffix != ".ods" else "an ods"
        raise GridError(name, f"cannot be read as {kind} spreadsheet ({_reason(exc)})") from None


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= 120 else text[:119] + "…"


def _pick(name: str, names: list[str], sheet: str | None) -> str:
    if not names:
        raise GridError(name, "the file has no sheets")
    if sheet is None:
        return names[0]
    if sheet not in names:
        raise GridError(
            name, f"no sheet '{sheet}'; expected one of: {', '.join(repr(n) for n in names)}"
        )
    return sheet


def _checked(name: str, rows: list[list[Any]]) -> list[list[Any]]:
    if len(rows) > MAX_ROWS:
        raise GridError(name, f"the sheet has {len(rows):,} rows; expected at most {MAX_ROWS:,}")
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows


def _read_xlsx(path: Path, name: str, sheet: str | None) -> Grid:
    # Imported on use: the console starts without it. No stubs: types-openpyxl is not a dependency.
    import openpyxl  # type: ignore[import-untyped]

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        chosen = _pick(name, list(book.sheetnames), sheet)
        ws = book[chosen]
        rows: list[list[Any]] = []
        for cells in ws.iter_rows(max_col=MAX_COLS):
            if len(rows) >= MAX_ROWS + 1:
                break
            rows.append([_xlsx_value(c) for c in cells])
    finally:
        book.close()
    return Grid(name, chosen, _checked(name, rows))


def _xlsx_value(cell: Any) -> Any:
    value = cell.value
    if getattr(cell, "data_type", None) == "e" and value is not None:
        return CellError(str(value))
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _read_ods(path: Path, name: str, sheet: str | None) -> Grid:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        chosen = _pick(name, list(book.sheet_names), sheet)
        data = book.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    finally:
        book.close()
    rows = [
        [None if (isinstance(v, str) and not v.strip()) else v for v in r[:MAX_COLS]]
        for r in data[: MAX_ROWS + 1]
    ]
    return Grid(name, chosen, _checked(name, rows))


def _read_csv(path: Path, name: str) -> Grid:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1251", errors="replace")  # Excel's csv on a Ukrainian Windows
    if "\x00" in text:
        raise GridError(name, "holds NUL bytes: not a text csv file; expected UTF-8 text")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[list[Any]] = []
    lines: list[int] = []
    start = 1
    try:
        for record in reader:
            rows.append([_csv_value(v) for v in record[:MAX_COLS]])
            lines.append(start)
            start = reader.line_num + 1
            if len(rows) > MAX_ROWS:
                break
    except csv.Error as exc:
        where = f"{name}:{reader.line_num}"
        raise GridError(where, f"not a well-formed csv line ({exc})") from None
    return Grid(name, None, _checked(name, rows), lines)


def _delimiter(text: str) -> str:
    """Comma, semicolon (Excel in a Ukrainian locale) or tab: the one the header lines use most.
    Quotes are always double quotes, as every spreadsheet program writes them."""
    head = [line for line in text[:8192].splitlines()[:30] if line.strip()]
    counts = {d: sum(line.count(d) for line in head) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def _csv_value(text: str) -> str | None:
    """A csv field; a leading apostrophe (which keeps a spreadsheet from reading text as a
    formula, as `studio export` writes it) is dropped."""
    if not text.strip():
        return None
    return text[1:] if text.startswith("'") else text


__all__ = [
    "SUFFIXES",
    "CellError",
    "Grid",
    "GridError",
    "column_letter",
    "path_from",
    "read_grid",
    "sheet_ref",
]
