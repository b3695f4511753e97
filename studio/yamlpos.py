"""YAML loading that remembers where every value came from.

PyYAML's safe loader forgets positions once it builds Python objects; validation errors must name
`file:line:column`, so this module composes the node tree itself and records, for every path of
keys and indexes, the position of the value (and of the key, for "unknown key" messages).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
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
    """Plain Python data plus a map from key paths to source positions.

    The maps hold PyYAML marks as the composer made them; a Pos is made only when a message asks
    (a 2,000-item agenda has ~30,000 paths and a clean file asks for none).
    """

    data: Any
    values: dict[Path_, yaml.Mark | Pos] = field(default_factory=dict)
    keys: dict[Path_, yaml.Mark | Pos] = field(default_factory=dict)

    def where(self, path: Path_) -> Pos:
        """Position of the value at `path`, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.values:
                return _pos(self.values[p])
            p = p[:-1]
        return _pos(self.values.get((), Pos(1, 1)))

    def where_key(self, path: Path_) -> Pos:
        mark = self.keys.get(tuple(path))
        return _pos(mark) if mark is not None else self.where(path)


class YamlSyntaxError(Exception):
    """A file that is not well-formed YAML; carries the position of the problem."""

    def __init__(self, pos: Pos, message: str) -> None:
        super().__init__(message)
        self.pos = pos
        self.message = message


def _pos(mark: yaml.Mark | Pos) -> Pos:
    if isinstance(mark, Pos):
        return mark
    return Pos(mark.line + 1, mark.column + 1)


_STR = "tag:yaml.org,2002:str"


def _scalar(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    # Most of an agenda is text; the constructor's dispatch for it costs more than the text.
    if node.tag == _STR or node.tag in _KEEP_AS_TEXT:
        return node.value
    if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and _SEXAGESIMAL.match(
        node.value
    ):
        return node.value
    return loader.construct_object(node, deep=True)


_MERGE = "tag:yaml.org,2002:merge"


def _key(loader: yaml.SafeLoader, key_node: yaml.Node) -> str:
    # A key is a name as written: `on:` stays "on" (YAML 1.1 would read True), `1:` stays "1".
    if not isinstance(key_node, yaml.ScalarNode) or key_node.value in ("", "~", "null"):
        raise YamlSyntaxError(_pos(key_node.start_mark), "a key must be a plain name")
    return str(key_node.value)


def _merged_pairs(node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
    """The pairs a `<<: *anchor` merge brings in (explicit keys override them)."""
    out: list[tuple[yaml.Node, yaml.Node]] = []
    for key_node, value_node in node.value:
        if key_node.tag != _MERGE:
            continue
        sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        # The first source wins over later ones, as in YAML's merge-key rules.
        for src in reversed(sources):
            if not isinstance(src, yaml.MappingNode):
                raise YamlSyntaxError(
                    _pos(src.start_mark), "'<<' expects a mapping or a list of mappings"
                )
            out.extend(_merged_pairs(src))
            out.extend((k, v) for k, v in src.value if k.tag != _MERGE)
    return out


def _build(
    loader: yaml.SafeLoader,
    node: yaml.Node,
    path: Path_,
    out: Located,
    active: frozenset[int] = frozenset(),
) -> Any:
    if id(node) in active:
        raise YamlSyntaxError(
            _pos(node.start_mark),
            "this value holds an alias to itself; expected aliases that do not loop",
        )
    out.values[path] = node.start_mark
    if isinstance(node, yaml.MappingNode):
        inner = active | {id(node)}
        result: dict[Any, Any] = {}
        own = [(k, v) for k, v in node.value if k.tag != _MERGE]
        merged: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        if len(own) != len(node.value):
            own_keys = {_key(loader, k) for k, _ in own}
            for key_node, value_node in _merged_pairs(node):
                key = _key(loader, key_node)
                if key not in own_keys:
                    merged[key] = (key_node, value_node)
        for key, (key_node, value_node) in merged.items():
            out.keys[(*path, key)] = key_node.start_mark
            result[key] = _build(loader, value_node, (*path, key), out, inner)
        for key_node, value_node in own:
            key = _key(loader, key_node)
            if key in result and key not in merged:
                first = _pos(out.keys[(*path, key)]).line
                raise YamlSyntaxError(
                    _pos(key_node.start_mark),
                    f"duplicate key '{key}': line {first} already sets it; expected each key once",
                )
            out.keys[(*path, key)] = key_node.start_mark
            result[key] = _build(loader, value_node, (*path, key), out, inner)
        return result
    if isinstance(node, yaml.SequenceNode):
        inner = active | {id(node)}
        return [_build(loader, child, (*path, i), out, inner) for i, child in enumerate(node.value)]
    try:
        return _scalar(loader, node)
    except yaml.YAMLError:
        raise YamlSyntaxError(
            _pos(node.start_mark), f"unknown tag '{node.tag}'; expected a plain value without a tag"
        ) from None
    except (ValueError, TypeError, OverflowError):
        kind = node.tag.rsplit(":", 1)[-1]
        raise YamlSyntaxError(
            _pos(node.start_mark), f"{node.value!r} is not a valid !!{kind} value"
        ) from None


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "invalid YAML"
    if "found another document" in problem:
        return "the file holds more than one YAML document ('---'); expected one"
    if "'\\t'" in problem:
        return "YAML syntax error: a tab character; indent with spaces"
    what = problem
    ctx, pmark, cmark = exc.context, exc.problem_mark, exc.context_mark
    if ctx:
        if cmark and pmark and (cmark.line, cmark.column) != (pmark.line, pmark.column):
            ctx = f"{ctx} that starts at line {cmark.line + 1}, column {cmark.column + 1}"
        what = f"{what} ({ctx})"
    if "<block end>" in problem or "mapping values are not allowed" in problem:
        what = f"{what}; check the indentation"
    return f"YAML syntax error: {what}"


class _LeanResolver:
    """PyYAML's resolver, less what the safe loader never registers (path resolvers, wildcard
    implicit resolvers). Composing calls into it from C for every node; on a 2,000-item agenda
    the general version is a third of the composing time."""

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]]
    DEFAULT_SCALAR_TAG: str
    DEFAULT_SEQUENCE_TAG: str
    DEFAULT_MAPPING_TAG: str

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        if kind is yaml.SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG


_LibyamlComposer: type[Any] | None = (
    type("_LibyamlComposer", (_LeanResolver, yaml.CSafeLoader), {})
    if getattr(yaml, "__with_libyaml__", False)
    else None
)


def _compose(text: str) -> yaml.Node | None:
    """The node tree, by libyaml when this PyYAML has it (ten times faster on big agendas).

    Any error is reproduced with the pure-Python composer so that messages read the same on every
    machine, with or without libyaml.
    """
    if _LibyamlComposer is not None:
        loader = _LibyamlComposer(text)
        try:
            return loader.get_single_node()
        except yaml.YAMLError:
            pass
        finally:
            loader.dispose()
    loader = yaml.SafeLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic collector off for a bulk load: a big agenda makes ~10^5 fresh, acyclic objects
    (nodes, marks, dicts, then pydantic models) that it would otherwise rescan again and again."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def load_located(text: str) -> Located:
    """Parse YAML text into data with positions. Raises YamlSyntaxError."""
    with gc_paused():
        return _load_located(text)


def _load_located(text: str) -> Located:
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _pos(mark) if mark else Pos(1, 1)
        raise YamlSyntaxError(pos, _syntax_message(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(Pos(1, 1), f"YAML error: {exc}") from None
    out = Located(data=None)
    if node is None:
        out.data = None
        return out
    out.data = _build(yaml.SafeLoader(""), node, (), out)
    return out


def read_located(path: Path) -> Located:
    """Read and parse a YAML file. Raises OSError or YamlSyntaxError."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        pos = Pos(data.count(b"\n", 0, exc.start) + 1, exc.start - line_start + 1)
        raise YamlSyntaxError(
            pos, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        ) from None
    return load_located(text)
