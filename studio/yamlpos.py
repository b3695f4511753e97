"""YAML loading that remembers where every value came from.

PyYAML's safe loader forgets positions once it builds Python objects; validation errors must name
`file:line:column`, so this module composes the node tree itself and records, for every path of
keys and indexes, the position of the value (and of the key, for "unknown key" messages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]

# Plain scalars that YAML 1.1 reads as base-60 numbers ("10:00" -> 600) or dates stay text here:
# the agenda means clock times and dates by them, and the models parse them explicitly.
_KEEP_AS_TEXT = {"tag:yaml.org,2002:timestamp"}
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")


@dataclass(frozen=True)
class Pos:
    """1-based line and column in a file."""

    line: int
    column: int


@dataclass
class Located:
    """Plain Python data plus a map from key paths to source positions."""

    data: Any
    values: dict[Path_, Pos] = field(default_factory=dict)
    keys: dict[Path_, Pos] = field(default_factory=dict)

    def where(self, path: Path_) -> Pos:
        """Position of the value at `path`, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), Pos(1, 1))

    def where_key(self, path: Path_) -> Pos:
        return self.keys.get(tuple(path)) or self.where(path)


class YamlSyntaxError(Exception):
    """A file that is not well-formed YAML; carries the position of the problem."""

    def __init__(self, pos: Pos, message: str) -> None:
        super().__init__(message)
        self.pos = pos
        self.message = message


def _pos(mark: yaml.Mark) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


def _scalar(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    if node.tag in _KEEP_AS_TEXT:
        return node.value
    if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and _SEXAGESIMAL.match(
        node.value
    ):
        return node.value
    return loader.construct_object(node, deep=True)


def _build(loader: yaml.SafeLoader, node: yaml.Node, path: Path_, out: Located) -> Any:
    out.values[path] = _pos(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str | int):
                raise YamlSyntaxError(_pos(key_node.start_mark), "a key must be a plain name")
            key = str(key)
            if key in result:
                raise YamlSyntaxError(_pos(key_node.start_mark), f"duplicate key '{key}'")
            out.keys[(*path, key)] = _pos(key_node.start_mark)
            result[key] = _build(loader, value_node, (*path, key), out)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, child, (*path, i), out) for i, child in enumerate(node.value)]
    return _scalar(loader, node)


def load_located(text: str) -> Located:
    """Parse YAML text into data with positions. Raises YamlSyntaxError."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _pos(mark) if mark else Pos(1, 1)
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{what} ({exc.context})"
        raise YamlSyntaxError(pos, f"YAML syntax error: {what}") from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(Pos(1, 1), f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    out = Located(data=None)
    if node is None:
        out.data = None
        return out
    out.data = _build(yaml.SafeLoader(""), node, (), out)
    return out


def read_located(path: Path) -> Located:
    """Read and parse a YAML file. Raises OSError or YamlSyntaxError."""
    return load_located(path.read_text(encoding="utf-8"))
