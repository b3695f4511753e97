"""Positioned YAML: the fast (libyaml) and the pure-Python composer agree on data, positions and
messages, so that a user sees the same `file:line:column` on every machine.

The fast path replaces parts of PyYAML's resolver on the assumption that the safe loader registers
no path resolvers and no wildcard implicit resolvers; these tests catch a PyYAML that changes that.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from studio import yamlpos
from studio.yamlpos import Located, Pos, YamlSyntaxError, load_located

REPO = Path(__file__).resolve().parent.parent
FILES = sorted(
    p.relative_to(REPO)
    for pattern in ("config/*.yaml", "scenes/*.yaml", "tests/agendas/**/*.yaml")
    for p in REPO.glob(pattern)
)

pytestmark = pytest.mark.skipif(
    yamlpos._LibyamlComposer is None, reason="this PyYAML is built without libyaml"
)


def _outcome(text: str) -> tuple[str, Any]:
    try:
        located = load_located(text)
    except YamlSyntaxError as exc:
        return ("error", (exc.pos, exc.message))
    return ("ok", _described(located))


def _described(located: Located) -> tuple[Any, dict[Any, Pos], dict[Any, Pos]]:
    values = {path: located.where(path) for path in located.values}
    keys = {path: located.where_key(path) for path in located.keys}
    return (located.data, values, keys)


def _both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """The outcome with libyaml composing, and with the pure-Python composer only."""
    fast = _outcome(text)
    with monkeypatch.context() as m:
        m.setattr(yamlpos, "_LibyamlComposer", None)
        pure = _outcome(text)
    return fast, pure


def test_safe_loader_has_only_the_resolvers_the_fast_path_keeps() -> None:
    assert not yaml.SafeLoader.yaml_path_resolvers
    assert None not in yaml.SafeLoader.yaml_implicit_resolvers


@pytest.mark.parametrize("name", [str(p) for p in FILES])
def test_every_shipped_and_test_file_loads_the_same_both_ways(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (REPO / name).read_bytes().decode("utf-8", errors="replace")
    fast, pure = _both(text, monkeypatch)
    assert fast == pure


def test_positions_are_one_based_line_and_column() -> None:
    located = load_located("event:\n  title: Фінал\n  start: '10:00'\nitems:\n  - id: a\n")
    assert located.where(("event", "title")) == Pos(2, 10)
    assert located.where_key(("event", "start")) == Pos(3, 3)
    assert located.where(("items", 0, "id")) == Pos(5, 9)
    # A path that does not exist points at its nearest existing ancestor.
    assert located.where(("items", 0, "speakers", 3)) == Pos(5, 5)
    assert located.data["event"]["start"] == "10:00"


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["10:00", "1:30:00", "2021-03-09", "yes", "No", "~", "0x1f", ".inf", "5m"]),
)
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(min_size=1, max_size=8), children, max_size=4),
    ),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(tree=TREES, flow=st.booleans())
def test_any_document_loads_the_same_both_ways(tree: Any, flow: bool) -> None:
    text = yaml.safe_dump({"root": tree}, allow_unicode=True, default_flow_style=flow)
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, pure = _both(text, monkeypatch)
    assert fast == pure


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab:- \n'\"[]{}#&*!|>,?\t%@`1.~Ї")), max_size=60))
def test_any_text_gives_data_or_one_positioned_message(text: str) -> None:
    # libyaml and the pure-Python parser disagree on a few corners (a trailing tab, a bare '!');
    # what must hold is that no text escapes as anything but a message inside the file.
    try:
        located = load_located(text)
    except YamlSyntaxError as exc:
        lines = text.split("\n")
        assert 1 <= exc.pos.line <= len(lines) + 1
        assert exc.pos.column >= 1
        assert exc.message and "Traceback" not in exc.message
    else:
        # An empty value at the very end sits at the end-of-stream mark, one line past the
        # last one (where an editor puts the cursor after the final newline).
        for path in located.values:
            assert located.where(path).line <= text.count("\n") + 2


# ---- limits: the same refusal, at the same place, both ways ------------------------------------


def _bomb(levels: int, fanout: int) -> str:
    lines = [f"a0: &a0 [{', '.join(['x'] * fanout)}]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * fanout)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def _merges(levels: int) -> str:
    lines = ["m0: &m0 {a: 1, b: 2}"]
    lines += [f"m{n}: &m{n} {{<<: [*m{n - 1}, *m{n - 1}], k{n}: {n}}}" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


LIMITS = {
    "flow 101": "a: " + "[" * 101 + "]" * 101 + "\n",
    "flow 1001": "a: " + "[" * 1001 + "]" * 1001 + "\n",
    "mappings 150": "a:\n" + "".join(f"{' ' * (i + 1)}k{i}:\n" for i in range(150)),
    "block lists 1500": "a:\n  " + "- " * 1500 + "x\n",
    "key beside a deep value": "a: " + "{b: " * 99 + "{k: v}" + "}" * 99 + "\n",
    "bomb in flow": _bomb(9, 10),
    "bomb in blocks": "x:\n" + "".join(f"  - {line}\n" for line in _bomb(6, 8).splitlines()),
    "bomb of mappings": "a: &a {k: [x, x, x, x, x, x, x, x, x, x]}\n"
    + "".join(f"b{n}: {{x: *a, y: *a, z: *a}}\n" for n in range(400)),
    "merge chain": _merges(40),
    "merge chain too long": _merges(200),
    "merge loop": "a: &x {<<: *x, b: 1}\n",
    "NUL late": "a: 1\nb: 2\nc: [x, y\x00]\n",
    "unicode before a control char": "a: Її\nb: 'Є\x07'\n",
}


@pytest.mark.parametrize("name", list(LIMITS))
def test_limits_are_refused_the_same_both_ways(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, pure = _both(LIMITS[name], monkeypatch)
    assert fast == pure


def test_limits_put_the_message_where_the_limit_is_passed() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        load_located(LIMITS["flow 101"])
    assert info.value.pos == Pos(1, 4 + 100)  # the list at depth 101 (the first is at depth 1)
    with pytest.raises(YamlSyntaxError) as info:
        load_located(LIMITS["NUL late"])
    assert (info.value.pos, info.value.message) == (
        Pos(3, 9),
        "YAML syntax error: a non-printable character U+0000; expected printable text only",
    )
    with pytest.raises(YamlSyntaxError) as info:
        load_located(LIMITS["unicode before a control char"])
    assert info.value.pos == Pos(2, 6)


def test_the_value_limit_is_the_same_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlpos, "MAX_VALUES", 50)
    text = (
        "a: ["
        + ", ".join(["1"] * 30)
        + "]\nb: {"
        + ", ".join(f"k{n}: 1" for n in range(30))
        + "}\n"
    )
    fast, pure = _both(text, monkeypatch)
    assert fast == pure
    assert fast[0] == "error"
    # 1 the file, 2 the list, 3..32 its entries, 33 the mapping, 34.. its values: k17 is the 51st.
    assert fast[1][0] == Pos(2, text.split("\n")[1].index("k17: 1") + 6)


def test_reproducing_a_libyaml_error_stops_after_a_bounded_number_of_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    composed = 0
    original = yamlpos._Limits.compose_node

    def counting(self: Any, parent: Any, index: Any) -> Any:
        nonlocal composed
        composed += 1
        return original(self, parent, index)

    monkeypatch.setattr(yamlpos._Limits, "compose_node", counting)
    text = "a:\n" + "  - 1\n" * 30_000 + "b: }\n"
    with pytest.raises(YamlSyntaxError) as info:
        load_located(text)
    assert info.value.pos == Pos(30_002, 4)
    assert info.value.message.startswith("YAML syntax error: ")
    assert composed <= yamlpos._REPRODUCE_VALUES + 10


def _counting(monkeypatch: pytest.MonkeyPatch, cls: Any, name: str) -> list[int]:
    """Count the calls of `cls.name` (a list of one number, read after the call under test)."""
    calls = [0]
    original = getattr(cls, name)

    def counted(self: Any, *args: Any) -> Any:
        calls[0] += 1
        return original(self, *args)

    monkeypatch.setattr(cls, name, counted)
    return calls


def test_an_alias_bomb_costs_the_limit_not_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    built = _counting(monkeypatch, yamlpos._Builder, "build")
    text = (REPO / "tests/agendas/bad/yaml_alias_bomb.yaml").read_text(encoding="utf-8")
    with pytest.raises(YamlSyntaxError, match="aliases repeat more than 10,000 values"):
        load_located(text)
    # 10^9 values expanded; the builder stops after the file's own values and 10,000 repeated.
    assert built[0] <= yamlpos.MAX_REPEATED + text.count(",") + text.count("\n") + 1


def test_a_file_of_tiny_values_stops_at_the_limit_without_libyaml_composing_it_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Refused:
        def __init__(self, text: str) -> None:
            raise AssertionError("libyaml's composer would compose every value first")

    monkeypatch.setattr(yamlpos, "MAX_VALUES", 1_000)
    monkeypatch.setattr(yamlpos, "_LibyamlComposer", Refused)
    composed = _counting(monkeypatch, yamlpos._Limits, "compose_node")
    text = "a: [" + "1, " * 50_000 + "1]\n"
    with pytest.raises(YamlSyntaxError) as info:
        load_located(text)
    assert info.value.pos == Pos(1, len("a: [") + 998 * len("1, ") + 1)  # the 1,001st value
    assert info.value.message.startswith("the file holds more than 500,000 values")
    assert composed[0] <= 1_000 + 5


def test_many_aliases_in_a_dense_file_are_refused_the_same_both_ways(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Dense enough for the events composer, which hands over to libyaml's composer past 10,000
    # aliases; the builder then finds the alias that passes the limit.
    monkeypatch.setattr(yamlpos, "MAX_VALUES", 1_000)
    text = "x: &a 1\nb: [" + "*a, " * 20_000 + "*a]\n"
    fast, pure = _both(text, monkeypatch)
    assert fast == pure
    assert fast == ("error", (Pos(2, len("b: [") + 10_000 * len("*a, ") + 1), yamlpos._REPEATED))
