"""The agenda read from a rundown, as a tree whose every value knows the cell it came from, and
its writing as YAML: one value a line, so a problem `studio check` finds on a line of the YAML
is a problem in a known cell of the sheet; a comment names each item's and speaker's row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

At = tuple[int, int] | str
"""Where a value came from: a 0-based (row, column) of the grid, or an option like '--date'."""

NOWHERE: At = (-1, -1)
INVALID = "?"
"""The value written for a cell that could not be read: `studio check` refuses it as the
spreadsheet's reader did (and the reader's message is the one shown), so an item with a bad
duration is left off the schedule instead of being timed without it."""


@dataclass
class Leaf:
    value: Any
    at: At


@dataclass
class Map:
    at: At
    fields: dict[str, Leaf | Map | Seq] = field(default_factory=dict)
    comment: str | None = None


@dataclass
class Seq:
    at: At
    entries: list[Map] = field(default_factory=list)


_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def scalar(value: Any) -> str:
    """A value as one line of YAML that reads back as the same value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(scalar(x) for x in value) + "]"
    text = str(value)
    if _PLAIN.fullmatch(text) and yaml.safe_load(text) == text:
        return text
    dumped: str = yaml.safe_dump(text, allow_unicode=True, default_style='"', width=float("inf"))
    return dumped.rstrip("\n")


def emit(root: Map, comments: list[str]) -> tuple[str, list[At]]:
    """The YAML text and, for each of its lines, where its value came from."""
    lines: list[tuple[str, At]] = [(f"# {c}" if c else "#", NOWHERE) for c in comments]
    lines += _map(root, 0)
    text = "\n".join(line for line, _ in lines) + "\n"
    return text, [at for _, at in lines]


def _map(node: Map, indent: int) -> list[tuple[str, At]]:
    pad = " " * indent
    out: list[tuple[str, At]] = []
    for key, child in node.fields.items():
        if isinstance(child, Leaf):
            out.append((f"{pad}{key}: {scalar(child.value)}", child.at))
        elif isinstance(child, Map):
            out.append((f"{pad}{key}:", child.at))
            out += _map(child, indent + 2)
        else:
            out.append((f"{pad}{key}:", child.at))
            for entry in child.entries:
                if entry.comment:
                    out.append((f"{pad}  # {entry.comment}", entry.at))
                body = _map(entry, indent + 4) or [(" " * (indent + 4) + "{}", entry.at)]
                first, at = body[0]
                out.append((f"{pad}  - {first[indent + 4 :]}", at))
                out += body[1:]
    return out


__all__ = ["INVALID", "NOWHERE", "At", "Leaf", "Map", "Seq", "emit", "scalar"]
