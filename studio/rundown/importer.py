"""`studio import`: a rundown (xlsx, ods, csv) to an agenda YAML file, or every problem at once.

The YAML is checked exactly as `studio check` will check it (it is loaded with load_agenda from a
temporary file beside the target), and the problems found there are named by the cells they came
from. The file is written only when nothing is wrong, in one rename.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from studio.agenda import Agenda, AgendaError, load_agenda
from studio.rundown.cells import Grid, GridError, path_from, read_grid
from studio.rundown.layout import COLUMN_NAMES, FIELD_BY_KEY, fold, parse_columns
from studio.rundown.reader import (
    Found,
    check_ids,
    event_block,
    fill_defaults,
    header_row,
    items_table,
    rows_below,
    table_columns,
)
from studio.rundown.tree import INVALID, NOWHERE, At, Leaf, Map, Seq, emit

# The scene map shipped beside the engine: what an agenda uses when its sheet names none.
DEFAULT_SCENE_MAP = Path(__file__).resolve().parents[2] / "scenes" / "default.yaml"


@dataclass(frozen=True)
class RundownProblem:
    """One thing wrong with a rundown: where (a cell, a line of a csv, an option) and what."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class RundownError(Exception):
    """Raised with every problem found in a rundown, in the sheet's order."""

    def __init__(self, problems: list[RundownProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Imported:
    text: str
    agenda: Agenda


def _scene_path(value: str, source_dir: Path, out_dir: Path) -> str:
    """A scene map path from the sheet (relative to the sheet) as the YAML beside `out_dir`
    names it."""
    target = Path(value).expanduser()
    return path_from(out_dir, target if target.is_absolute() else source_dir / target)


def _event_options(options: dict[str, str] | None) -> dict[str, str]:
    out = {}
    for key, value in (options or {}).items():
        if value is None:
            continue
        if key not in FIELD_BY_KEY:
            raise ValueError(f"unknown event option '{key}'")
        out[key] = value
    return out


def read_rundown(
    path: Path,
    *,
    sheet: str | None = None,
    columns: str | None = None,
    options: dict[str, str] | None = None,
    shown: str | None = None,
) -> Found:
    """The agenda tree of a rundown, with the problems its cells have."""
    grid = read_grid(path, sheet, shown)
    mapping = parse_columns(columns) if columns else {}
    found = Found(grid, Map(NOWHERE))
    hr = header_row(grid, mapping)
    found.header_row = hr
    if hr is None:
        names = sum(fold(c) in COLUMN_NAMES for r in grid.rows for c in r if isinstance(c, str))
        found.add(
            (0, 0),
            "no table header: expected a row naming the columns, like Тип | Назва | Тривалість "
            "(Kind | Title | Duration), under the event's fields"
            + (" (or --columns for other names)" if not names else ""),
        )
    if hr is None:
        return found  # the rows above a table are the event's; without a table, no telling
    event = event_block(found, hr, _event_options(options))
    root = found.root
    root.fields["event"] = event
    cols = table_columns(found, hr, mapping)
    first_col = min(cols) if cols else 0
    items = items_table(found, rows_below(grid, hr + 1, cols), first_col)
    items.at = (hr, first_col)
    check_ids(found, items)
    fill_defaults(items, path.stem, event)
    if not items.entries:
        found.add((hr, first_col), "the table has no items; expected a row per item under it")
    root.fields["items"] = items
    for key in ("title", "date", "start", "end"):
        if key not in event.fields:
            spec = FIELD_BY_KEY[key]
            found.add(
                (0, 0),
                f"no '{spec.uk}' ({spec.en}) above the table; expected a row "
                f"'{spec.uk} | …' in the header block, or --{key}",
            )
    return found


def _stand_ins(found: Found) -> None:
    """Stand-ins for what the sheet lacks or holds wrong (each already a problem), so that the
    check of the rest still runs: load_agenda drops an event without a date, and with it the
    check of every item's scene; the YAML with stand-ins is never written."""
    event = found.root.fields["event"]
    assert isinstance(event, Map)
    for key, value in (("date", date(2000, 1, 1)), ("start", "00:00"), ("end", "23:59:59")):
        leaf = event.fields.get(key)
        if leaf is None or (isinstance(leaf, Leaf) and leaf.value == INVALID):
            event.fields[key] = Leaf(value, leaf.at if leaf else (0, 0))
    if "title" not in event.fields:
        event.fields["title"] = Map((0, 0), {"uk": Leaf(INVALID, (0, 0))})
    items = found.root.fields.get("items")
    for item in items.entries if isinstance(items, Seq) else []:
        # An item is a row of the table: it sits at a (row, column), never at an option's name.
        assert isinstance(item.at, tuple)
        if "title" not in item.fields:
            item.fields["title"] = Map(item.at, {"uk": Leaf(INVALID, item.at)})
        for key, value in (("kind", "other"), ("id", f"row-{item.at[0] + 1}")):
            leaf = item.fields.get(key)
            if isinstance(leaf, Leaf) and leaf.value == INVALID:
                leaf.value = value


def _where(grid: Grid, at: At) -> str:
    if isinstance(at, str):
        return at
    if at == NOWHERE:
        return grid.where(0, 0)
    return grid.where(*at)


def _order(grid: Grid, at: At) -> tuple[int, int, int]:
    if isinstance(at, str):
        return (0, 0, 0)
    return (1, max(at[0], 0), max(at[1], 0))


def import_rundown(
    path: str | Path,
    out: str | Path | None = None,
    *,
    sheet: str | None = None,
    columns: str | None = None,
    options: dict[str, str] | None = None,
    shown: str | None = None,
) -> Imported:
    """Read a rundown, check the agenda it makes, and write it to `out` (if given) as YAML.

    Raises RundownError with every problem (nothing is written then)."""
    path = Path(path)
    name = shown or str(path)
    try:
        found = read_rundown(path, sheet=sheet, columns=columns, options=options, shown=name)
    except GridError as exc:
        raise RundownError([RundownProblem(exc.where, exc.message)]) from None
    except ValueError as exc:  # --columns
        raise RundownError([RundownProblem("--columns", str(exc))]) from None
    if found.header_row is None:
        raise RundownError([RundownProblem(_where(found.grid, at), m) for at, m in found.problems])
    target = Path(out) if out is not None else Path.cwd() / f"{path.stem}.yaml"
    event = found.root.fields["event"]
    assert isinstance(event, Map)
    scenes = event.fields.get("scenes")
    if isinstance(scenes, Leaf) and isinstance(scenes.value, str) and scenes.value != INVALID:
        scenes.value = _scene_path(scenes.value, path.parent, target.parent)
    elif scenes is None and DEFAULT_SCENE_MAP.exists():
        event.fields["scenes"] = Leaf(path_from(target.parent, DEFAULT_SCENE_MAP), NOWHERE)
    where = found.grid.sheet and f"sheet {found.grid.sheet}"
    comments = [
        f"Agenda imported from {path.name}{f' ({where})' if where else ''} by `studio import`.",
        "Each item and speaker names the row it came from: change the rundown and import it "
        "again, or edit this file.",
    ]
    if found.problems:
        _stand_ins(found)
    text, lines = emit(found.root, comments)
    agenda, problems = _check(text, lines, found, target)
    if problems:
        raise RundownError(problems)
    assert agenda is not None
    if out is not None:
        _replace(target, text)
        agenda = replace(agenda, path=target)  # checked from a temporary file of the same text
    return Imported(text, agenda)


def _check(
    text: str, lines: list[At], found: Found, target: Path
) -> tuple[Agenda | None, list[RundownProblem]]:
    """Load the YAML as `studio check` will (from beside the target, so relative paths hold);
    its problems named by cell, after the sheet's own (one problem a row is enough)."""
    grid = found.grid
    mine = [(at, msg) for at, msg in found.problems]
    rows_with_problems = {at[0] for at, _ in mine if isinstance(at, tuple)}
    option_problems = {at for at, _ in mine if isinstance(at, str)}
    agenda: Agenda | None = None
    folder = target.parent if target.parent.is_dir() else Path(tempfile.gettempdir())
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".yaml", dir=folder)
    other: list[RundownProblem] = []
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        agenda = load_agenda(tmp)
    except AgendaError as exc:
        for p in exc.problems:
            if Path(p.file) != Path(tmp):
                other.append(RundownProblem(f"{p.file}:{p.line}:{p.column}", p.message))
                continue
            at = lines[p.line - 1] if 0 < p.line <= len(lines) else NOWHERE
            if (isinstance(at, tuple) and at[0] in rows_with_problems) or at in option_problems:
                continue  # the cell's own problem is already named
            mine.append((at, p.message))
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    mine.sort(key=lambda p: _order(grid, p[0]))
    problems = [RundownProblem(_where(grid, at), msg) for at, msg in mine] + other
    if problems:
        return None, problems
    return agenda, []


def _replace(target: Path, text: str) -> None:
    """Write the whole file or nothing: a temporary file beside it, renamed over it."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


__all__ = ["Imported", "RundownError", "RundownProblem", "import_rundown", "read_rundown"]
