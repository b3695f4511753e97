"""Reading a rundown sheet into the agenda tree: the header block (event fields), the table header
(which column is which) and the rows (items, each followed by its speakers).

Every problem is collected with its cell; a cell that cannot be read leaves a marker in the tree
(see tree.INVALID), so the rest of the rundown is still checked.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from studio.rundown import values as v
from studio.rundown.cells import Grid
from studio.rundown.layout import (
    COLUMN_BY_KEY,
    COLUMN_NAMES,
    COLUMNS,
    DEFAULT_SCENE,
    DEFAULT_SCENES,
    FIELD_BY_KEY,
    FIELD_NAMES,
    FIELDS,
    IGNORE,
    fold,
)
from studio.rundown.tree import INVALID, NOWHERE, At, Leaf, Map, Seq

MIN_HEADER_NAMES = 3  # a row naming this many columns is the table header

ITEM_ORDER = ("id", "kind", "title", "start", "duration", "scene", "region", "notes", "timers")
SPEAKER_ORDER = ("id", "name", "role", "organisation", "region", "time", "lower_third", "scene")
TEXT_KEYS = ("title", "name", "role", "organisation", "notes")


@dataclass
class Found:
    """What a sheet holds: the agenda tree and every problem, by where it is."""

    grid: Grid
    root: Map
    problems: list[tuple[At, str]] = field(default_factory=list)
    header_row: int | None = None
    columns: dict[str, int] = field(default_factory=dict)  # column key -> index
    label: str = ""  # the header-block field being read, for its messages

    def add(self, at: At, message: str) -> None:
        self.problems.append((at, message))


def header_row(grid: Grid, mapping: dict[str, str]) -> int | None:
    """The first row naming at least three columns of the layout (or of --columns)."""
    for r, cells in enumerate(grid.rows):
        names = [fold(c) for c in cells if isinstance(c, str)]
        known = sum(1 for n in names if n in mapping or n in COLUMN_NAMES)
        if known >= MIN_HEADER_NAMES:
            return r
    return None


def _suggest(name: str, names: list[str]) -> str:
    close = difflib.get_close_matches(fold(name), [fold(n) for n in names], n=1, cutoff=0.7)
    if not close:
        return "; expected"
    original = next(n for n in names if fold(n) == close[0])
    return f"; did you mean '{original}'? Expected"


def table_columns(found: Found, row: int, mapping: dict[str, str]) -> dict[int, str]:
    """Column index -> column key, from the header row; unknown and repeated names reported."""
    grid = found.grid
    cols: dict[int, str] = {}
    seen: dict[str, int] = {}
    for c, cell in enumerate(grid.rows[row]):
        if cell is None:
            continue
        name = v.text(cell) if not isinstance(cell, str) else cell
        key = mapping.get(fold(name)) or COLUMN_NAMES.get(fold(name))
        if key == IGNORE:
            continue
        if key is None:
            names = [col.en for col in COLUMNS] + [col.uk for col in COLUMNS]
            found.add(
                (row, c),
                f"unknown column '{name}'{_suggest(name, names)} one of: "
                + ", ".join(f"{col.uk} ({col.en})" for col in COLUMNS)
                + f"; or --columns '{name}=-' to skip it",
            )
            continue
        if key in seen:
            found.add(
                (row, c),
                f"a second {_col(key)} column; the first is {grid.column_name(seen[key])}; "
                "expected each column once",
            )
            continue
        seen[key] = c
        cols[c] = key
    found.columns = dict(seen)
    if "title" not in seen:
        found.add(
            (row, 0), "the table has no 'Назва' (Title) column; expected the items' titles in one"
        )
    return cols


# ---- the header block ------------------------------------------------------------------------
def _convert(found: Found, at: At, raw: Any, kind: str) -> Any:
    """A header-block value in the agenda's notation, INVALID (and a problem) if it is not one."""
    try:
        if kind == "date":
            return v.day(raw)
        if kind == "clock":
            return v.clock_text(v.clock(raw))
        if kind == "duration":
            return v.duration_text(v.seconds(raw))
        if kind == "bool":
            return v.yes_no(raw)
        if kind == "id":
            return v.ident(raw)
        if kind == "lang":
            return v.language(raw)
        return v.text(raw)
    except ValueError as exc:
        found.add(at, found.label + str(exc))
        return INVALID


def event_block(found: Found, end: int, options: dict[str, str]) -> Map:
    """The event from the rows above the table (and the options, which win)."""
    grid = found.grid
    event = Map(NOWHERE)
    given: dict[str, int] = {}
    for r in range(end):
        cells = grid.rows[r]
        if all(c is None for c in cells):
            continue
        if cells[0] is None:
            found.add(
                (r, 0),
                "a header-block row without a field name; expected the name of an event field "
                f"in {grid.column_name(0)}",
            )
            continue
        name = v.text(cells[0])
        key = FIELD_NAMES.get(fold(name))
        if key is None:
            names = [f.en for f in FIELDS] + [f.uk for f in FIELDS]
            found.add(
                (r, 0),
                f"unknown event field '{name}'{_suggest(name, names)} one of: "
                + ", ".join(f"{f.uk} ({f.en})" for f in FIELDS),
            )
            continue
        spec = FIELD_BY_KEY[key]
        if key in given and not spec.repeated:
            found.add((r, 0), f"'{name}' again; {grid.row_label(given[key])} already gives it")
            continue
        given[key] = r
        _event_value(found, event, r, key, grid.value(r, 1), grid.value(r, 2))
    for key, raw in options.items():
        spec = FIELD_BY_KEY[key]
        at = "--" + key.replace("_", "-") if key != "id" else "--event-id"
        found.label = ""
        event.fields.pop(key, None)
        if spec.kind == "text":
            event.fields[key] = Map(at, {"uk": Leaf(raw, at)})
        else:
            event.fields[key] = Leaf(_convert(found, at, raw, spec.kind), at)
    return event


def _event_value(found: Found, event: Map, r: int, key: str, raw: Any, raw_en: Any) -> None:
    spec = FIELD_BY_KEY[key]
    if raw is None:
        found.add(
            (r, 1),
            f"'{spec.uk}' ({spec.en}) is empty; expected a value in {found.grid.column_name(1)}",
        )
        return
    found.label = f"'{spec.uk}' ({spec.en}): "
    if spec.kind == "text":
        text = Map((r, 1), {"uk": Leaf(_convert(found, (r, 1), raw, "text"), (r, 1))})
        if raw_en is not None:
            text.fields["en"] = Leaf(_convert(found, (r, 2), raw_en, "text"), (r, 2))
        if spec.repeated:
            seq = event.fields.setdefault(key, Seq((r, 0)))
            assert isinstance(seq, Seq)
            seq.entries.append(text)
        else:
            event.fields[key] = text
        return
    if key.startswith("timer_"):
        timers = event.fields.setdefault("timers", Map((r, 0)))
        assert isinstance(timers, Map)
        value = _convert(found, (r, 1), raw, "duration")
        timers.fields[key.removeprefix("timer_")] = Leaf(value, (r, 1))
        return
    event.fields[key] = Leaf(_convert(found, (r, 1), raw, spec.kind), (r, 1))


# ---- the rows ------------------------------------------------------------------------------
@dataclass
class Row:
    """One table row's filled cells by column key."""

    index: int
    cells: dict[str, tuple[int, Any]]

    def at(self, key: str) -> tuple[int, int]:
        return (self.index, self.cells[key][0])

    def has(self, *keys: str) -> bool:
        return any(k in self.cells for k in keys)


def _scope_keys(scope: str) -> set[str]:
    return {c.key for c in COLUMNS if c.scope == scope}


ITEM_ONLY = _scope_keys("item")
SPEAKER_ONLY = _scope_keys("speaker")


def rows_below(grid: Grid, start: int, cols: dict[int, str]) -> list[Row]:
    out = []
    for r in range(start, len(grid.rows)):
        cells = {
            key: (c, grid.rows[r][c])
            for c, key in cols.items()
            if c < len(grid.rows[r]) and grid.rows[r][c] is not None
        }
        if cells and set(cells) != {"planned"}:  # the planned time alone is computed, not read
            out.append(Row(r, cells))
    return out


def items_table(found: Found, rows: list[Row], first_col: int) -> Seq:
    """Items and their speakers from the rows under the table header."""
    items = Seq(NOWHERE)
    current: Map | None = None
    for row in rows:
        item_keys = sorted(ITEM_ONLY & set(row.cells))
        speaker_keys = sorted(SPEAKER_ONLY & set(row.cells))
        if item_keys and speaker_keys:
            found.add(
                row.at(speaker_keys[0]),
                f"a row is an item or a speaker, this one has both ({_col(item_keys[0])} and "
                f"{_col(speaker_keys[0])}); expected the speaker on a row of its own under "
                "the item",
            )
            continue
        if item_keys:
            current = _item(found, row, first_col)
            items.entries.append(current)
        elif current is None:
            found.add(
                (row.index, first_col),
                "a speaker before any item; expected an item row first (one with a 'Назва', Title)",
            )
        else:
            seq = current.fields.setdefault("speakers", Seq((row.index, first_col)))
            assert isinstance(seq, Seq)
            seq.entries.append(_speaker(found, row, first_col))
    return items


def _col(key: str) -> str:
    col = COLUMN_BY_KEY[key]
    return f"'{col.uk}'" if key.endswith("_en") else f"'{col.uk}' ({col.en})"


def _read(found: Found, row: Row, key: str, convert: Callable[[Any], Any]) -> Leaf | None:
    if key not in row.cells:
        return None
    try:
        value = convert(row.cells[key][1])
    except ValueError as exc:
        found.add(row.at(key), f"{_col(key)}: {exc}")
        value = INVALID
    return Leaf(value, row.at(key))


def _text(found: Found, row: Row, key: str) -> Map | None:
    uk = _read(found, row, key, v.text)
    en = _read(found, row, f"{key}_en", v.text)
    if uk is None and en is None:
        return None
    if uk is None:
        assert en is not None
        found.add(
            en.at,
            f"{_col(key + '_en')} without {_col(key)}; expected the Ukrainian text in "
            f"{_col(key)} (or the same text in both)",
        )
        return None
    out = Map(uk.at, {"uk": uk})
    if en is not None:
        out.fields["en"] = en
    return out


def _item(found: Found, row: Row, first_col: int) -> Map:
    item = Map((row.index, first_col), comment=found.grid.row_name(row.index))
    parts: dict[str, Leaf | Map | Seq | None] = {
        "id": _read(found, row, "id", v.ident),
        "kind": _read(found, row, "kind", v.kind),
        "start": _read(found, row, "start", lambda x: v.clock_text(v.clock(x))),
        "duration": _read(found, row, "duration", lambda x: v.duration_text(v.seconds(x))),
        "scene": _read(found, row, "scene", v.text),
        "region": _read(found, row, "region", v.text),
        "title": _text(found, row, "title"),
        "notes": _text(found, row, "notes"),
    }
    if parts["title"] is None and "title_en" not in row.cells:
        found.add(
            (row.index, row.cells[min(row.cells, key=lambda k: row.cells[k][0])][0]),
            "an item without a title; expected its title in 'Назва' (Title)",
        )
    timers = Map((row.index, first_col))
    for key in ("warning", "final"):
        leaf = _read(found, row, f"timer_{key}", lambda x: v.duration_text(v.seconds(x)))
        if leaf is not None:
            timers.fields[key] = leaf
    if timers.fields:
        parts["timers"] = timers
    for key in ITEM_ORDER:
        if (part := parts.get(key)) is not None:
            item.fields[key] = part
    return item


def _speaker(found: Found, row: Row, first_col: int) -> Map:
    speaker = Map((row.index, first_col), comment=found.grid.row_name(row.index))
    parts: dict[str, Leaf | Map | None] = {
        "id": _read(found, row, "id", lambda x: v.ident(x, v.SPEAKER_ID)),
        "time": _read(found, row, "duration", lambda x: v.duration_text(v.seconds(x))),
        "scene": _read(found, row, "scene", v.text),
        "region": _read(found, row, "region", v.text),
        "name": _text(found, row, "name"),
        "role": _text(found, row, "role"),
        "organisation": _text(found, row, "organisation"),
    }
    if parts["time"] is None:
        where = (row.index, found.columns.get("duration", first_col))
        found.add(
            where,
            "a speaker without a time; expected a duration like 8m or 0:08:00 in "
            "'Тривалість' (Duration)",
        )
        parts["time"] = Leaf(INVALID, where)
    first = _read(found, row, "lower_third_1", v.text)
    second = _read(found, row, "lower_third_2", v.text)
    if second is not None:
        lines = [first.value if first else "", second.value]
        parts["lower_third"] = Leaf(lines, (first or second).at)
    elif first is not None:
        parts["lower_third"] = Leaf([first.value], first.at)
    for key in SPEAKER_ORDER:
        if (part := parts.get(key)) is not None:
            speaker.fields[key] = part
    return speaker


def fill_defaults(items: Seq, file_stem: str, event: Map) -> None:
    """Ids and scenes the sheet leaves out: an item's id from its kind (break-1, break-2), its
    scene from its kind; the event's id from the file's name."""
    kinds = [_value(m, "kind") or "other" for m in items.entries]
    used = {str(_value(m, "id")) for m in items.entries if _value(m, "id")}
    seen: dict[str, int] = {}
    for item, kind in zip(items.entries, kinds, strict=True):
        seen[kind] = seen.get(kind, 0) + 1
        if "kind" not in item.fields:
            item.fields = {"kind": Leaf("other", item.at), **item.fields}
        if "id" not in item.fields:
            base = kind if kinds.count(kind) == 1 else f"{kind}-{seen[kind]}"
            candidate, n = base, 1
            while candidate in used:
                n += 1
                candidate = f"{base}-{n}"
            used.add(candidate)
            item.fields = {"id": Leaf(candidate, item.at), **item.fields}
        if "scene" not in item.fields:
            scene = DEFAULT_SCENES.get(kind if kind != INVALID else "", DEFAULT_SCENE)
            item.fields = _ordered({**item.fields, "scene": Leaf(scene, item.at)}, ITEM_ORDER)
    if "id" not in event.fields:
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", file_stem).strip("-.") or "event"
        event.fields = {"id": Leaf(slug, NOWHERE), **event.fields}


def check_ids(found: Found, items: Seq) -> None:
    """Each item id given in the sheet once."""
    first: dict[str, At] = {}
    for item in items.entries:
        leaf = item.fields.get("id")
        if not isinstance(leaf, Leaf) or leaf.value == INVALID or isinstance(leaf.at, str):
            continue
        if leaf.value in first:
            then = first[leaf.value]
            row = found.grid.row_label(then[0]) if isinstance(then, tuple) else then
            found.add(
                leaf.at,
                f"duplicate item id '{leaf.value}': {row} already uses it; expected each "
                "item to have its own id",
            )
        else:
            first[leaf.value] = leaf.at


def _value(node: Map, key: str) -> Any:
    leaf = node.fields.get(key)
    return leaf.value if isinstance(leaf, Leaf) else None


def _ordered(fields: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    return {k: fields[k] for k in order if k in fields} | {
        k: f for k, f in fields.items() if k not in order
    }
