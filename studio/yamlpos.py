"""YAML loading that remembers where every value came from.

PyYAML's safe loader forgets positions once it builds Python objects; validation errors must name
`file:line:column`, so this module composes the node tree itself and records, for every path of
keys and indexes, the position of the value (and of the key, for "unknown key" messages).

No file crashes the loader or keeps it busy: the work is bounded by limits, each refused with a
positioned message — the file's size (MAX_FILE_BYTES), how deep values nest (MAX_DEPTH: PyYAML's
composer and the builder here recurse per level), and how many values aliases and merge keys
repeat (MAX_REPEATED: nine levels of ten aliases each in ten lines would be 10^9 values), and
how many values it holds (MAX_VALUES).
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

# Where types-PyYAML is not installed yaml is untyped, its names Any: the ignores are for that.
import yaml  # type: ignore[import-untyped, unused-ignore]

from studio.loader_syntax import one_line, reader_message, syntax_message

Path_ = tuple[str | int, ...]

# A 20,000-item agenda (bench/growth.py) is 8.6 MB and loads in ~3 s; the worst 10 MB files (all
# tiny values, or aliases) are refused in under 3 s (python -m bench.yamllimits).
MAX_FILE_BYTES = 10_000_000
# An agenda nests ~7 levels (items -> item -> speakers -> speaker -> name -> uk).
MAX_DEPTH = 100
# Values written in the file (a 20,000-item agenda has ~320,000): each costs Python work to build
# and validate, so this bounds a file of tiny values ("[1, 1, 1, ...") better than its size does.
MAX_VALUES = 500_000
# Values built again through aliases (and pairs copied by merge keys), over the whole file.
MAX_REPEATED = 10_000
# libyaml's errors are reproduced with the pure-Python composer (~40 us a value) for the same
# words on every machine, unless that composer gets this far without meeting the error.
_REPRODUCE_VALUES = 20_000

_DEEP = (
    f"values nested more than {MAX_DEPTH} levels deep; "
    f"expected at most {MAX_DEPTH} levels of lists and mappings"
)
_REPEATED = (
    f"aliases repeat more than {MAX_REPEATED:,} values; "
    "expected aliases that repeat a few small parts of the file"
)
_LOOP = "this value holds an alias to itself; expected aliases that do not loop"
_MANY = (
    f"the file holds more than {MAX_VALUES:,} values; "
    f"expected at most {MAX_VALUES:,} (a 20,000-item agenda has about 320,000)"
)

# Plain scalars that YAML 1.1 reads as base-60 numbers ("10:00" -> 600) or dates stay text here:
# the agenda means clock times and dates by them, and the models parse them explicitly.
_KEEP_AS_TEXT = {"tag:yaml.org,2002:timestamp"}
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")


class SourceMark(Protocol):
    """Where PyYAML saw a value (0-based): a mark of its own class, or of libyaml's."""

    line: int
    column: int


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
    values: dict[Path_, SourceMark | Pos] = field(default_factory=dict)
    keys: dict[Path_, SourceMark | Pos] = field(default_factory=dict)

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


def _pos(mark: SourceMark | Pos) -> Pos:
    if isinstance(mark, Pos):
        return mark
    return Pos(mark.line + 1, mark.column + 1)


_STR = "tag:yaml.org,2002:str"


def _scalar(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
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


Slot = tuple[int, int]  # (id of a collection node, index or id of the key node) of a value


def _slot(parent: yaml.Node | None, index: Any) -> Slot:
    return (id(parent), index if isinstance(index, int) else id(index))


class _Builder:
    """Plain data and positions from a node tree, within MAX_DEPTH, MAX_VALUES and MAX_REPEATED.

    A node reached a second time is an alias (or a merge) repeating it: every value built again
    counts, so an alias bomb stops after MAX_REPEATED values, not after 10^9. Merged pairs are
    worked out once per mapping, so chains of merges cost their size, not 2^length.
    """

    def __init__(
        self, out: Located, text: str, root: yaml.Node, alias_marks: dict[Slot, SourceMark] | None
    ) -> None:
        self.loader = yaml.SafeLoader("")
        self.out = out
        self.text = text
        self.root = root
        self.alias_marks = alias_marks
        self.seen: set[int] = set()
        self.values = 0
        self.repeated = 0
        # Where the outermost repetition being built was asked for: a slot (an alias) or a mark.
        self.blame: Slot | SourceMark | None = None
        self.merges: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}
        self.merging: set[int] = set()

    def repeat(self, n: int, blame: Slot | SourceMark) -> None:
        self.repeated += n
        if self.repeated <= MAX_REPEATED:
            return
        if not isinstance(blame, tuple):  # a mark (PyYAML's, or libyaml's own class)
            raise YamlSyntaxError(_pos(blame), _REPEATED)
        if self.alias_marks is not None:
            mark = self.alias_marks.get(blame)
        else:
            mark = _alias_mark(self.text, self.root, blame)
        raise YamlSyntaxError(_pos(mark) if mark is not None else Pos(1, 1), _REPEATED)

    def merged(
        self, node: yaml.MappingNode, chain: int = 0
    ) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """The pairs `<<` merges bring into `node`, by key: a source's own keys win over what it
        merges, an earlier source over a later one (YAML's merge-key rules)."""
        done = self.merges.get(id(node))
        if done is not None:
            return done
        if id(node) in self.merging:
            raise YamlSyntaxError(_pos(node.start_mark), _LOOP)
        if chain > MAX_DEPTH:
            raise YamlSyntaxError(_pos(node.start_mark), _DEEP)
        self.merging.add(id(node))
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if key_node.tag != _MERGE:
                continue
            sources = (
                value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            )
            for src in reversed(sources):
                if not isinstance(src, yaml.MappingNode):
                    raise YamlSyntaxError(
                        _pos(src.start_mark), "'<<' expects a mapping or a list of mappings"
                    )
                inherited = self.merged(src, chain + 1)
                self.repeat(len(inherited) + len(src.value), key_node.start_mark)
                out.update(inherited)
                for k, v in src.value:
                    if k.tag != _MERGE:
                        out[_key(self.loader, k)] = (k, v)
        self.merging.discard(id(node))
        self.merges[id(node)] = out
        return out

    def build(
        self,
        node: yaml.Node,
        path: Path_,
        active: frozenset[int] = frozenset(),
        via: Slot | SourceMark | None = None,
    ) -> Any:
        out = self.out
        if id(node) in active:
            raise YamlSyntaxError(_pos(node.start_mark), _LOOP)
        if len(path) > MAX_DEPTH:
            raise YamlSyntaxError(_pos(node.start_mark), _DEEP)
        outermost = False
        if id(node) in self.seen:
            if self.blame is None:
                self.blame = via
                outermost = True
            assert self.blame is not None
            self.repeat(1, self.blame)
        else:
            self.seen.add(id(node))
            self.values += 1
            if self.values > MAX_VALUES:
                raise YamlSyntaxError(_pos(node.start_mark), _MANY)
        out.values[path] = node.start_mark
        result: Any
        if isinstance(node, yaml.MappingNode):
            result = self._mapping(node, path, active | {id(node)})
        elif isinstance(node, yaml.SequenceNode):
            inner = active | {id(node)}
            result = [
                self.build(child, (*path, i), inner, (id(node), i))
                for i, child in enumerate(node.value)
            ]
        else:
            result = _constructed(self.loader, node)
        if outermost:
            self.blame = None
        return result

    def _mapping(
        self, node: yaml.MappingNode, path: Path_, inner: frozenset[int]
    ) -> dict[str, Any]:
        """A mapping's pairs, those `<<` merges in first (unless the mapping sets the key itself),
        each value built with `inner`, the nodes being built around it."""
        out = self.out
        result: dict[str, Any] = {}
        own = [(k, v) for k, v in node.value if k.tag != _MERGE]
        merged: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        if len(own) != len(node.value):
            own_keys = {_key(self.loader, k) for k, _ in own}
            merged = {k: kv for k, kv in self.merged(node).items() if k not in own_keys}
            at = next(k for k, _ in node.value if k.tag == _MERGE).start_mark
            for key, (key_node, value_node) in merged.items():
                out.keys[(*path, key)] = key_node.start_mark
                result[key] = self.build(value_node, (*path, key), inner, at)
        for key_node, value_node in own:
            key = _key(self.loader, key_node)
            if key in result and key not in merged:
                first = _pos(out.keys[(*path, key)]).line
                raise YamlSyntaxError(
                    _pos(key_node.start_mark),
                    f"duplicate key '{key}': line {first} already sets it; expected each key once",
                )
            out.keys[(*path, key)] = key_node.start_mark
            result[key] = self.build(value_node, (*path, key), inner, (id(node), id(key_node)))
        return result


def _alias_mark(text: str, root: yaml.Node, target: Slot) -> SourceMark | None:
    """Where the alias in slot `target` of libyaml's tree was written (the tree does not say): the
    aliases before it in the text, counted in the tree, then the same one among libyaml's events.
    Both stop at the alias, so an alias bomb early in a big file is found early."""
    seen: set[int] = set()
    aliases = 0
    stack: list[tuple[yaml.Node | None, Any, yaml.Node]] = [(None, None, root)]
    while stack:  # the tree in the text's order; a node met again is an alias
        parent, index, node = stack.pop()
        if id(node) in seen:
            aliases += 1
            if _slot(parent, index) == target:
                break
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack += [(node, key, value), (node, None, key)]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(node, i, child) for i, child in reversed(list(enumerate(node.value)))]
    else:
        return None
    assert _LibyamlComposer is not None
    events = yaml.CSafeLoader(text)
    try:
        while not events.check_event(yaml.StreamEndEvent):
            event = events.get_event()
            if isinstance(event, yaml.AliasEvent):
                aliases -= 1
                if aliases == 0:
                    mark: SourceMark | None = event.start_mark
                    return mark
    finally:
        events.dispose()
    return None


def _constructed(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return _scalar(loader, node)
    except yaml.YAMLError:
        raise YamlSyntaxError(
            _pos(node.start_mark), f"unknown tag '{node.tag}'; expected a plain value without a tag"
        ) from None
    except (ValueError, TypeError, OverflowError, KeyError):  # KeyError: `!!bool maybe`
        kind = node.tag.rsplit(":", 1)[-1]
        value = node.value if len(node.value) <= 40 else node.value[:39] + "…"
        raise YamlSyntaxError(
            _pos(node.start_mark), f"{value!r} is not a valid !!{kind} value"
        ) from None


# Where PyYAML's marks break lines (a lone '\r' too); a position from an index counts the same way.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _pos_at(text: str, index: int) -> Pos:
    line, start = 1, 0
    for m in _LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, m.end()
    return Pos(line, index - start + 1)


# PyYAML's default tags, which its loaders never change (its stubs declare them final there).
_SCALAR_TAG: str = yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG
_SEQUENCE_TAG: str = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG
_MAPPING_TAG: str = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG


class _LeanResolver:
    """PyYAML's resolver, less what the safe loader never registers (path resolvers, wildcard
    implicit resolvers). Composing calls into it from C for every node; on a 2,000-item agenda
    the general version is a third of the composing time."""

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]]

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
            return _SCALAR_TAG
        if kind is yaml.SequenceNode:
            return _SEQUENCE_TAG
        return _MAPPING_TAG


_LibyamlComposer: type[Any] | None = (
    type("_LibyamlComposer", (_LeanResolver, yaml.CSafeLoader), {})
    if getattr(yaml, "__with_libyaml__", False)
    else None
)


# PyYAML's own step of composing a node, which the limits wrap: called with the loader they are
# mixed into (a Composer, which the mixin itself is not).
_compose_node: Callable[[Any, yaml.Node | None, Any], yaml.Node | None] = (
    yaml.composer.Composer.compose_node
)


class _Limits:
    """PyYAML's Python composer with the limits, mixed into a loader: it refuses values nested
    deeper than MAX_DEPTH (it recurses per level) and more than MAX_VALUES values, and remembers
    where each alias was written (a node tree keeps only its target)."""

    depth: int
    values: int
    budget: int | None
    aliases: int
    alias_limit: int | None
    alias_marks: dict[Slot, SourceMark]
    peek_event: Any

    def start_limits(self, budget: int | None = None, alias_limit: int | None = None) -> None:
        self.depth = 0
        self.values = 0
        self.budget = budget
        self.aliases = 0
        self.alias_limit = alias_limit
        self.alias_marks = {}

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.aliases += 1
            if self.alias_limit is not None and self.aliases > self.alias_limit:
                raise _ManyAliases
            mark = event.start_mark
            if mark is not None:  # a parser's event has one; a missing one is blamed on 1:1
                self.alias_marks[_slot(parent, index)] = mark
            return _compose_node(self, parent, index)
        depth = self.depth
        is_key = index is None and parent is not None
        # The builder counts values and their depth; a plain key sits beside its value, not in it.
        if depth > MAX_DEPTH and not (is_key and isinstance(event, yaml.ScalarEvent)):
            raise YamlSyntaxError(_pos(event.start_mark), _DEEP)
        if not is_key:
            self.values += 1
            if self.budget is not None and self.values > self.budget:
                raise _OutOfBudget
            if self.values > MAX_VALUES:
                raise YamlSyntaxError(_pos(event.start_mark), _MANY)
        self.depth = depth + 1
        try:
            return _compose_node(self, parent, index)
        finally:
            self.depth = depth


class _OutOfBudget(Exception):
    """The pure-Python composer went as far as it may to reproduce a libyaml error."""


class _ManyAliases(Exception):
    """More aliases than values they may repeat: libyaml's own composer makes them fast."""


class _Composer(_Limits, yaml.SafeLoader):  # type: ignore[misc, unused-ignore]  # see `import yaml`
    """The pure-Python reader, scanner, parser and composer, with the limits."""

    def __init__(self, text: str, budget: int | None = None) -> None:
        yaml.SafeLoader.__init__(self, text)
        self.start_limits(budget)


_EventComposer: type[Any] | None = None
if getattr(yaml, "__with_libyaml__", False):
    # Without types-PyYAML two of the bases are Any, which --strict refuses (see `import yaml`).
    class _LibyamlEventComposer(
        _Limits,
        yaml.composer.Composer,  # type: ignore[misc, unused-ignore]
        _LeanResolver,
        yaml.CSafeLoader,  # type: ignore[misc, unused-ignore]
    ):
        """libyaml's parser (C) under the Python composer: slower than libyaml's own composer,
        ~5x faster than the pure-Python one, and it stops at the limits."""

        def __init__(self, text: str) -> None:
            yaml.CSafeLoader.__init__(self, text)
            yaml.composer.Composer.__init__(self)
            # Each alias repeats a value at least: past MAX_REPEATED of them, libyaml's composer
            # and the builder refuse the file sooner than composing them here would.
            self.start_limits(alias_limit=MAX_REPEATED)

    _EventComposer = _LibyamlEventComposer


def _may_hold_too_many(text: str) -> bool:
    """Whether `text` might hold more than MAX_VALUES values: each value but the first follows one
    of these characters (a mapping value ':', a block entry '-', a flow entry '[' or ',', an
    implicit value '{' or '?'), so fewer of them than the limit means fewer values."""
    return sum(map(text.count, ":-[,{?")) >= MAX_VALUES


def _compose(text: str) -> tuple[yaml.Node | None, dict[Slot, SourceMark] | None]:
    """The node tree, by libyaml when this PyYAML has it (ten times faster on big agendas), and
    where its aliases were written (None: libyaml's composer does not say).

    A file that may hold more than MAX_VALUES values is composed in Python from libyaml's events,
    which stops at the limit (libyaml's composer would first compose all ~3 million values of a
    10 MB file of tiny ones). An error is reproduced with the pure-Python composer so that messages
    read the same on every machine, with or without libyaml; past _REPRODUCE_VALUES values into the
    file, libyaml's own words are kept instead (that composer would take seconds).
    Raises YamlSyntaxError.
    """
    try:
        if _LibyamlComposer is not None:
            try:
                if _EventComposer is not None and _may_hold_too_many(text):
                    events = _EventComposer(text)
                    try:
                        return events.get_single_node(), events.alias_marks
                    except _ManyAliases:
                        pass
                    finally:
                        events.dispose()
                loader = _LibyamlComposer(text)
                try:
                    return loader.get_single_node(), None
                finally:
                    loader.dispose()
            except yaml.YAMLError as exc:
                failed = exc
            composer = _Composer(text, _REPRODUCE_VALUES)
            try:
                return composer.get_single_node(), composer.alias_marks
            except _OutOfBudget:
                raise failed from None
            finally:
                composer.dispose()
        composer = _Composer(text)
        try:
            return composer.get_single_node(), composer.alias_marks
        finally:
            composer.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _pos(mark) if mark else Pos(1, 1)
        raise YamlSyntaxError(pos, syntax_message(exc)) from None
    except yaml.reader.ReaderError as exc:
        raise YamlSyntaxError(_pos_at(text, exc.position), reader_message(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(Pos(1, 1), one_line(f"YAML error: {exc}")) from None


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
    node, alias_marks = _compose(text)
    out = Located(data=None)
    if node is not None:
        out.data = _Builder(out, text, node, alias_marks).build(node, ())
    return out


def read_located(path: Path) -> Located:
    """Read and parse a YAML file of at most MAX_FILE_BYTES. Raises OSError or YamlSyntaxError."""
    with path.open("rb") as f:
        data = f.read(MAX_FILE_BYTES + 1)
        size = os.fstat(f.fileno()).st_size
    if len(data) > MAX_FILE_BYTES:
        shown = f"{size:,} bytes" if size >= len(data) else f"over {MAX_FILE_BYTES:,} bytes"
        raise YamlSyntaxError(
            Pos(1, 1),
            f"the file is too big ({shown}); expected at most {MAX_FILE_BYTES:,} bytes "
            f"({MAX_FILE_BYTES // 1_000_000} MB)",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        pos = Pos(data.count(b"\n", 0, exc.start) + 1, exc.start - line_start + 1)
        raise YamlSyntaxError(
            pos, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        ) from None
    return load_located(text)
