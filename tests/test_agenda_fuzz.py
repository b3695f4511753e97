"""Mutated real agendas through the loader: no crash, every problem at `file:line:column`.

Each example is a shipped agenda with a few mutations: bytes flipped or inserted, lines duplicated,
deleted, swapped or re-indented, and YAML tricks (alias bombs, merge-key chains, deep nesting of
'[' and of indents, NUL and other control characters, huge numbers, tags like !!python/object).
`load_agenda` must either load the file or raise AgendaError; every problem names a file, a line
inside it and a column, on one line. A file that loads is printed by `studio check` too.

The loader's work is bounded by its limits (file size, nesting depth, values, values repeated
through aliases), not by a timeout: no test here measures wall-clock time (`python -m
bench.yamllimits` does). The run is derandomized, so CI sees the same examples every time.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio import cli
from studio.agenda import AgendaError, load_agenda

REPO = Path(__file__).resolve().parent.parent
SCENES = REPO / "scenes" / "default.yaml"
SEEDS = [
    (REPO / "config" / "agenda.yaml", "../scenes/default.yaml"),
    (REPO / "tests" / "agendas" / "valid-small.yaml", "../../scenes/default.yaml"),
    (REPO / "config" / "regional-forum.yaml", "../scenes/default.yaml"),
]
SEED_LINES = [
    path.read_text(encoding="utf-8").replace(scenes, str(SCENES)).encode("utf-8").split(b"\n")
    for path, scenes in SEEDS
]
PROBLEM = re.compile(r"^(?P<file>.+):(?P<line>[1-9][0-9]*):(?P<column>[1-9][0-9]*): \S")

Draw = Any
Lines = list[bytes]


def _line(draw: Draw, lines: Lines) -> int:
    return draw(st.integers(0, max(len(lines) - 1, 0)))


def _indent(line: bytes) -> bytes:
    return line[: len(line) - len(line.lstrip(b" "))]


def flip_byte(draw: Draw, lines: Lines) -> Lines:
    i = _line(draw, lines)
    if lines[i]:
        j = draw(st.integers(0, len(lines[i]) - 1))
        lines[i] = lines[i][:j] + bytes([draw(st.integers(0, 255))]) + lines[i][j + 1 :]
    return lines


def insert_bytes(draw: Draw, lines: Lines) -> Lines:
    i = _line(draw, lines)
    j = draw(st.integers(0, len(lines[i])))
    lines[i] = lines[i][:j] + draw(st.binary(min_size=1, max_size=6)) + lines[i][j:]
    return lines


def duplicate_line(draw: Draw, lines: Lines) -> Lines:
    i = _line(draw, lines)
    return lines[: i + 1] + [lines[i]] * draw(st.integers(1, 3)) + lines[i + 1 :]


def delete_lines(draw: Draw, lines: Lines) -> Lines:
    i = _line(draw, lines)
    return lines[:i] + lines[i + draw(st.integers(1, 4)) :]


def swap_lines(draw: Draw, lines: Lines) -> Lines:
    i, j = _line(draw, lines), _line(draw, lines)
    lines[i], lines[j] = lines[j], lines[i]
    return lines


def reindent(draw: Draw, lines: Lines) -> Lines:
    i = _line(draw, lines)
    shift = draw(st.integers(-6, 6))
    stripped = lines[i].lstrip(b" ")
    lines[i] = b" " * max(len(lines[i]) - len(stripped) + shift, 0) + stripped
    return lines


def _bomb(levels: int, fanout: int) -> str:
    parts = [f"a0: &a0 [{', '.join(['lol'] * fanout)}]"]
    parts += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * fanout)}]" for n in range(1, levels)]
    return "{" + ", ".join(parts) + "}"


def _merge_chain(levels: int) -> str:
    parts = ["m0: &m0 {a: 1, b: 2}"]
    parts += [f"m{n}: &m{n} {{<<: [*m{n - 1}, *m{n - 1}], k{n}: {n}}}" for n in range(1, levels)]
    return "{" + ", ".join(parts) + "}"


HUGE = st.sampled_from(["h", "m", "s", "min", "", "e999", ".5h", "-"])
TAGS = st.sampled_from(
    [
        "!!python/object:os.system {}",
        "!!python/object/apply:os.system [echo]",
        "!!python/name:os.system",
        "!!binary aGVsbG8=",
        "!!binary ???",
        "!!set {a, b}",
        "!!omap [a: 1, b: 2]",
        "!!timestamp 2021-13-99",
        "!!int abc",
        "!!float x",
        "!!bool maybe",
        "!!null x",
        "!!str",
        "!custom value",
        "!<tag:example.com,2000:x> y",
        "*undefined",
        "&same a",
        "&m {<<: *m}",
        "&s [*s]",
        "{<<: 5}",
        "{<<: [*undefined]}",
    ]
)
CONTROL = st.sampled_from(["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f"])
CONTROL = CONTROL | st.sampled_from(["\x85", "\x9f", "\ufeff", "\ufffe", "\uffff", "\u2028"])


@st.composite
def tricky_value(draw: Draw) -> str:
    kind = draw(st.sampled_from(["bomb", "merges", "brackets", "control", "huge", "tag"]))
    if kind == "bomb":
        return _bomb(draw(st.integers(3, 12)), draw(st.integers(2, 10)))
    if kind == "merges":
        return _merge_chain(draw(st.integers(2, 120)))
    if kind == "brackets":
        depth = draw(st.sampled_from([50, 99, 100, 101, 150, 500, 999, 1001, 3000]))
        opener, closer = draw(st.sampled_from([("[", "]"), ("{a: ", "}"), ("[{a: ", "}]")]))
        return opener * depth + "x" + closer * depth
    if kind == "control":
        return f'"a{draw(CONTROL)}b"' if draw(st.booleans()) else draw(CONTROL)
    if kind == "huge":
        digits = draw(st.sampled_from([7, 10, 20, 400, 4300, 5000]))
        return draw(st.sampled_from(["9", "1", "0"])) * digits + draw(HUGE)
    return draw(TAGS)


def yaml_trick(draw: Draw, lines: Lines) -> Lines:
    """A tricky value in place of one that is there, or on a new line beside one."""
    i = _line(draw, lines)
    value = draw(tricky_value()).encode("utf-8")
    line = lines[i]
    if b": " in line and draw(st.booleans()):
        lines[i] = line[: line.index(b": ") + 2] + value
        return lines
    key = draw(st.sampled_from([b"notes", b"title", b"time", b"duration", b"date", b"x"]))
    return [*lines[: i + 1], _indent(line) + key + b": " + value, *lines[i + 1 :]]


def deep_indent(draw: Draw, lines: Lines) -> Lines:
    """Mappings nested by indentation, one more space a level, under a key of the file."""
    i = _line(draw, lines)
    base = len(_indent(lines[i]))
    depth = draw(st.sampled_from([50, 101, 150, 400]))
    nested = [b" " * (base + 1 + n) + b"k%d:" % n for n in range(depth)]
    return lines[: i + 1] + nested + lines[i + 1 :]


def control_char(draw: Draw, lines: Lines) -> Lines:
    i = _line(draw, lines)
    j = draw(st.integers(0, len(lines[i])))
    lines[i] = lines[i][:j] + draw(CONTROL).encode("utf-8") + lines[i][j:]
    return lines


# Byte-level damage finds the reader's and scanner's corners; the YAML tricks (weighted up) find
# the composer's and the builder's, and need the file around them mostly intact to reach them.
MUTATIONS = [
    flip_byte,
    insert_bytes,
    duplicate_line,
    delete_lines,
    swap_lines,
    reindent,
    control_char,
    deep_indent,
    *[yaml_trick] * 6,
]


@st.composite
def mutated_agendas(draw: Draw) -> bytes:
    lines = list(draw(st.sampled_from(SEED_LINES)))
    for _ in range(draw(st.integers(1, 3))):
        lines = draw(st.sampled_from(MUTATIONS))(draw, lines)
    return b"\n".join(lines)


def assert_positioned(problems: list[Any], path: Path, data: bytes) -> None:
    assert problems
    n_lines = data.count(b"\n") + 1
    for problem in problems:
        text = str(problem)
        assert "\n" not in text and "\r" not in text, text
        assert PROBLEM.match(text), text
        assert problem.line >= 1 and problem.column >= 1, text
        if problem.file == str(path):
            # YAML also breaks lines at \r, \x85, \u2028 and \u2029: count those as lines too.
            loose = n_lines + len(re.findall(rb"\r|\xc2\x85|\xe2\x80[\xa8\xa9]", data))
            assert problem.line <= loose + 1, text


@settings(
    max_examples=1000,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=mutated_agendas())
def test_no_mutated_agenda_crashes_the_loader_or_loses_its_position(
    data: bytes, tmp_path_factory: Any
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "agenda.yaml"
    path.write_bytes(data)
    try:
        agenda = load_agenda(path)
    except AgendaError as exc:
        assert_positioned(exc.problems, path, data)
        return
    out = io.StringIO()
    cli.print_table(agenda, out)  # what `studio check` prints for a file that loads
    assert out.getvalue().rstrip().rsplit("\n", 1)[-1].startswith("Plan ends at ")
