"""Agenda loading: the broken-agenda corpus, the default agenda, durations and the planned schedule.

Every file under `tests/agendas/bad/` has a `.expected` file beside it with the exact
`file:line:column: message` lines that `load_agenda` and `studio check` must report.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest
import yaml

from studio import cli, yamlpos
from studio.agenda import (
    AgendaError,
    load_agenda,
    parse_clock,
    parse_duration,
    planned_gaps,
)

REPO = Path(__file__).resolve().parent.parent
BAD_DIR = Path("tests/agendas/bad")  # relative: messages name the file as the user passed it
BAD = sorted(p.stem for p in (REPO / BAD_DIR).glob("*.yaml"))
DEFAULT = REPO / "config" / "agenda.yaml"
SCENES = REPO / "scenes" / "default.yaml"

# The problem kinds the corpus must cover (one file each, at least).
REQUIRED_KINDS = {
    "yaml_syntax",
    "unknown_key_top",
    "unknown_key_event",
    "unknown_key_item",
    "unknown_key_speaker",
    "wrong_type_bool",
    "missing_field",
    "zero_duration",
    "negative_duration",
    "times_out_of_order",
    "overlapping_times",
    "past_event_end",
    "unknown_scene_item",
    "unknown_scene_speaker",
    "duplicate_ids",
    "speaker_no_time",
    "several_problems",
    "timers_final_not_shorter",
    "unknown_time_zone",
    "empty",
    # Limits: no file crashes or hangs the loader.
    "yaml_control_char",
    "yaml_deep_flow",
    "yaml_deep_indent",
    "yaml_alias_bomb",
    "huge_duration",
    "date_out_of_range",
}

# For each file, the text that the reported line:column must point at (the offending key or value).
POINTS_AT = {
    "bad_id": ["main talk"],
    "before_event_start": ['"09:55"'],
    "duplicate_ids": ["talk"],
    "empty_title": ['""'],
    "event_end_before_start": ['"09:00"'],
    "missing_field": ["id: talk"],
    "missing_field_event": ["id: corpus"],
    "negative_duration": ["-15m"],
    "no_duration": ["id: closing"],
    "no_items": ["[]"],
    "not_utf8": ["\ufffd"],
    "overlapping_times": ['"10:03"'],
    "past_event_end": ["id: closing"],
    "plain_number_duration": ["15"],
    "several_problems": ["colour", "1m}", "role:", "slide", "talk", "0m"],
    "speaker_no_time": ["name:"],
    "speakers_over_duration": ["40m"],
    "timers_final_not_shorter": ["30s}"],
    "timers_item_override": ["10s}"],
    "times_out_of_order": ['"10:10"'],
    "top_level_list": ["- opening"],
    "unknown_key_event": ["timezon:"],
    "unknown_key_item": ["colour:"],
    "unknown_key_speaker": ["organization:"],
    "unknown_key_title": ["de:"],
    "unknown_key_top": ["sponsors:"],
    "unknown_kind": ["lecture"],
    "unknown_scene_event": ["countdown"],
    "unknown_scene_item": ["slide"],
    "unknown_scene_speaker": ["remote-1"],
    "unknown_time_zone": ["Kyiv"],
    "wrong_type_bool": ["sometimes"],
    "wrong_type_clock": ['"11:75"'],
    "wrong_type_date": ["09.03.2021"],
    "wrong_type_item": ["closing"],
    "wrong_type_list": ['"Олена'],
    "yaml_alias_cycle": ["&all"],
    "yaml_duplicate_key": ["scene: holding"],
    "yaml_indentation": ["scene: slides"],
    "yaml_syntax": ["scene: slides"],
    "yaml_tab": ["\tscene"],
    "yaml_unknown_tag": ["!translate"],
    "zero_duration": ["0m"],
    "zero_speaker_time": ["0s"],
    "empty": [""],
    "yaml_control_char": ["\x00"],
    "yaml_deep_flow": ["[[["],
    "yaml_deep_indent": ["k98:"],
    "yaml_alias_bomb": ["*a2"],
    "huge_duration": ["99999999999999999999h", "999999999h"],
    "date_out_of_range": ["9999-12-31"],
    # What an organiser could not write before: a re-plan's fields, places, speakers' timers,
    # titles in one language.
    "replan_fields": ["0.3", "maybe", "70"],
    "unknown_place": ["stage"],
    "timers_speaker_override": ["4m}", "10s}"],
    "title_no_text": ['{de: "Vortrag"}', "de:", "{}"],
}


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(REPO)
    return REPO


def expected_lines(name: str) -> list[str]:
    return (REPO / BAD_DIR / f"{name}.expected").read_text(encoding="utf-8").splitlines()


def problem_lines(path: Path | str) -> list[str]:
    with pytest.raises(AgendaError) as info:
        load_agenda(path)
    return [str(p) for p in info.value.problems]


def write(tmp_path: Path, text: str, name: str = "agenda.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text.replace("@SCENES@", str(SCENES)), encoding="utf-8")
    return path


# ---- the corpus of broken agendas ---------------------------------------------------------------


def test_corpus_covers_every_required_problem_kind() -> None:
    assert set(BAD) >= REQUIRED_KINDS
    for name in BAD:
        assert (REPO / BAD_DIR / f"{name}.expected").is_file(), name
    assert set(POINTS_AT) == set(BAD)


@pytest.mark.parametrize("name", BAD)
def test_load_agenda_reports_exactly_the_expected_problems(name: str, in_repo: Path) -> None:
    assert problem_lines(BAD_DIR / f"{name}.yaml") == expected_lines(name)


@pytest.mark.parametrize("name", BAD)
def test_studio_check_prints_the_problems_and_exits_2(
    name: str, in_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["check", str(BAD_DIR / f"{name}.yaml")])
    out, err = capsys.readouterr()
    lines = err.splitlines()
    expected = expected_lines(name)
    assert code == 2
    assert out == ""
    assert lines[: len(expected)] == expected
    n = len(expected)
    assert lines[len(expected) :] == [f"{n} problem{'s' if n != 1 else ''} found."]
    assert "Traceback" not in err


@pytest.mark.parametrize("name", ["several_problems", "yaml_syntax", "not_utf8", "empty"])
def test_python_m_studio_check_in_a_subprocess(name: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "studio", "check", str(BAD_DIR / f"{name}.yaml")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[:-1] == expected_lines(name)


@pytest.mark.parametrize("name", BAD)
def test_positions_point_at_the_offending_key_or_value(name: str) -> None:
    raw = (REPO / BAD_DIR / f"{name}.yaml").read_bytes()
    text_lines = raw.decode("utf-8", errors="replace").split("\n")
    lines = expected_lines(name)
    assert len(lines) == len(POINTS_AT[name])
    for line, token in zip(lines, POINTS_AT[name], strict=True):
        _, lineno, column, _ = line.split(":", 3)
        # Columns count characters; every offending line in the corpus is ASCII up to the column.
        at = text_lines[int(lineno) - 1][int(column) - 1 :]
        assert at.startswith(token), (line, at)


@pytest.mark.parametrize("name", BAD)
def test_messages_say_what_was_expected(name: str) -> None:
    for line in expected_lines(name):
        message = line.split(": ", 1)[1]
        assert (
            "expected" in message.lower()
            or "indent with spaces" in message
            or ("save it as UTF-8" in message)
        ), line
        # No Python or pydantic jargon leaks into what the user reads.
        for jargon in ("tuple", "dictionary", "instance of", "NoneType", "Field required"):
            assert jargon not in message, line


def test_several_problems_are_all_reported_in_one_run(in_repo: Path) -> None:
    messages = [line.split(": ", 1)[1] for line in expected_lines("several_problems")]
    assert len(messages) == 6
    kinds = [
        "unknown key 'colour'",
        "timer 'final' 1m is not shorter than 'warning' 15s",
        "has no 'time'",
        "unknown scene 'slide'",
        "duplicate item id 'talk'",
        "expected a duration of more than zero",
    ]
    for kind in kinds:
        assert any(kind in m for m in messages), kind


def test_a_typo_gets_a_suggestion() -> None:
    (line,) = expected_lines("unknown_key_speaker")
    assert "did you mean 'organisation'?" in line
    (line,) = expected_lines("unknown_scene_item")
    assert "did you mean 'slides'?" in line


# ---- other ways a file can be wrong -------------------------------------------------------------


def test_a_missing_file_is_one_problem(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    assert problem_lines(missing) == [
        f"{missing}:1:1: cannot read the file: No such file or directory"
    ]


def test_a_missing_scene_map_points_at_the_scenes_key(tmp_path: Path) -> None:
    text = (REPO / "tests/agendas/valid-small.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, text.replace("../../scenes/default.yaml", "nowhere.yaml"))
    (line,) = problem_lines(path)
    assert line == f"{path}:9:11: scene map not found: {tmp_path / 'nowhere.yaml'}"


def test_problems_in_the_scene_map_name_the_scene_map_file(tmp_path: Path) -> None:
    scenes = tmp_path / "scenes.yaml"
    scenes.write_text(
        "scenes:\n  studio: Studio\ninputs:\n  clock: Clock\n  timer: Timer\n", encoding="utf-8"
    )
    text = (REPO / "tests/agendas/valid-small.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, text.replace("../../scenes/default.yaml", "scenes.yaml"))
    first, second = problem_lines(path)  # both unknown inputs, in one run
    assert first.startswith(f"{scenes}:4:3: unknown text input 'clock'; expected one of: ")
    assert second.startswith(f"{scenes}:5:3: unknown text input 'timer'; expected one of: ")


def test_an_agenda_scene_not_in_a_small_map_is_reported(tmp_path: Path) -> None:
    scenes = tmp_path / "scenes.yaml"
    scenes.write_text("scenes:\n  studio: Studio\n  holding: Wait\n", encoding="utf-8")
    text = (REPO / "tests/agendas/valid-small.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, text.replace("../../scenes/default.yaml", "scenes.yaml"))
    lines = problem_lines(path)
    assert [line.split(": ", 1)[1] for line in lines] == [
        "unknown scene 'slides'; expected one of: studio, holding",
        "unknown scene 'closing'; expected one of: studio, holding",
    ]


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("event: [", "YAML syntax error"),
        ("a: !!int abc\n", "'abc' is not a valid !!int value"),
        ("a: !!bool maybe\n", ":1:4: 'maybe' is not a valid !!bool value"),
        ("a: " + "9" * 5000 + "\n", ":1:4: '" + "9" * 39 + "…' is not a valid !!int value"),
        ("a: &x [*x]\n", "alias to itself"),
        ("a: 1\n---\nb: 2\n", "more than one YAML document"),
        ("? [a, b]\n: 1\n", "a key must be a plain name"),
        ("a: &x 1\nb: &x 2\n", ":2:4: duplicate anchor '&x': line 1 already defines it"),
        ("a: *nope\n", ":1:4: undefined alias '*nope'; expected an anchor '&nope' defined above"),
    ],
)
def test_unusual_yaml_is_a_problem_not_a_crash(
    tmp_path: Path, yaml_text: str, message: str
) -> None:
    (line,) = problem_lines(write(tmp_path, yaml_text))
    assert message in line


def test_yaml_11_booleans_as_keys_are_reported_as_written(tmp_path: Path) -> None:
    text = (REPO / "tests/agendas/valid-small.yaml").read_text(encoding="utf-8")
    text = text.replace("../../scenes/default.yaml", "@SCENES@")
    path = write(tmp_path, text.replace("    scene: closing\n", "    scene: closing\n    on: 1\n"))
    (line,) = problem_lines(path)
    assert "unknown key 'on' in item 'closing'" in line


def test_yaml_merge_keys_and_anchors_work(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
event:
  id: merge
  title: Merge
  date: 2021-03-09
  start: "10:00"
  end: "10:20"
  scenes: "@SCENES@"
items:
  - id: panel
    kind: discussion
    title: Panel
    scene: panel
    speakers:
      - &panelist {role: Panelist, organisation: APPAU, time: 5m, scene: split}
      - {<<: *panelist, organisation: ClusteRISE}
      - {<<: *panelist, time: 10m}
""",
    )
    agenda = load_agenda(path)
    speakers = agenda.items[0].speakers
    assert [s.organisation.uk for s in speakers] == ["APPAU", "ClusteRISE", "APPAU"]
    assert [s.time for s in speakers] == [300, 300, 600]
    assert {s.scene for s in speakers} == {"split"}


def test_an_unknown_key_inside_a_merged_mapping_points_at_the_anchor(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """event:
  id: merge
  title: Merge
  date: 2021-03-09
  start: "10:00"
  end: "10:20"
  scenes: "@SCENES@"
items:
  - id: panel
    kind: discussion
    title: Panel
    scene: panel
    speakers:
      - &p {role: Panelist, tiem: 5m}
      - {<<: *p, time: 5m}
""",
    )
    lines = problem_lines(path)
    assert all(":14:" in line for line in lines), lines
    assert any("unknown key 'tiem' in speaker 2 of item 'panel'" in line for line in lines)


# ---- limits: no file crashes the loader or keeps it busy ----------------------------------------


def default_text() -> str:
    return DEFAULT.read_text(encoding="utf-8").replace("../scenes/default.yaml", str(SCENES))


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


DEEP = "values nested more than 100 levels deep; expected at most 100 levels of lists and mappings"


def test_a_nul_on_a_late_line_is_reported_there_in_one_line(tmp_path: Path) -> None:
    lines = default_text().split("\n")
    assert lines[169].startswith("      en: ")
    lines[169] = lines[169][:10] + "\x00" + lines[169][10:]
    path = write(tmp_path, "\n".join(lines))
    assert problem_lines(path) == [
        f"{path}:170:11: YAML syntax error: a non-printable character U+0000; "
        "expected printable text only"
    ]


@pytest.mark.parametrize("depth", [101, 500, 5000])
def test_lists_nested_too_deep_are_refused_where_they_pass_the_limit(
    tmp_path: Path, depth: int
) -> None:
    # 'online' is at depth 2 (event -> online): the 100th '[' opens the list at depth 101.
    text = default_text().replace("  online: true\n", f"  online: {'[' * depth}{']' * depth}\n")
    path = write(tmp_path, text)
    assert problem_lines(path) == [f"{path}:{line_of(text, '  online:')}:110: {DEEP}"]


def test_lists_nested_to_the_limit_are_data(tmp_path: Path) -> None:
    text = default_text().replace("  online: true\n", f"  online: {'[' * 99}{']' * 99}\n")
    (line,) = problem_lines(write(tmp_path, text))
    assert "'online' is a list; expected true or false" in line


@pytest.mark.parametrize("depth", [150, 1000])
def test_mappings_nested_too_deep_by_indentation_are_refused(tmp_path: Path, depth: int) -> None:
    nested = "".join(f"{' ' * (3 + i)}k{i}:\n" for i in range(depth))
    text = default_text().replace("  online: true\n", "  online:\n" + nested)
    path = write(tmp_path, text)
    # The mapping that holds k99 is at depth 101.
    assert problem_lines(path) == [f"{path}:{line_of(text, '  online:') + 100}:103: {DEEP}"]


def test_block_lists_nested_too_deep_on_one_line_are_refused(tmp_path: Path) -> None:
    text = default_text().replace("  online: true\n", "  online:\n    " + "- " * 1500 + "x\n")
    path = write(tmp_path, text)
    assert problem_lines(path) == [f"{path}:{line_of(text, '  online:') + 1}:203: {DEEP}"]


def test_a_file_over_10_mb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * 10_000_000 + b"\n")
    assert problem_lines(path) == [
        f"{path}:1:1: the file is too big (10,000,003 bytes); "
        "expected at most 10,000,000 bytes (10 MB)"
    ]


def test_a_file_of_exactly_10_mb_is_read(tmp_path: Path) -> None:
    text = default_text()
    pad = 10_000_000 - len(text.encode("utf-8")) - 3
    path = tmp_path / "padded.yaml"
    path.write_bytes(text.encode("utf-8") + b"# " + b"x" * pad + b"\n")
    assert path.stat().st_size == 10_000_000
    assert len(load_agenda(path).items) == 13


ALIASES = (
    "aliases repeat more than 10,000 values; "
    "expected aliases that repeat a few small parts of the file"
)


def test_aliases_may_repeat_10000_values_but_not_more(tmp_path: Path) -> None:
    # An anchored list of 99 texts (100 values with the list) repeated 100 times is 10,000 values.
    words = ", ".join(["w"] * 99)
    refs = ", ".join(["*w"] * 100)
    ok = default_text().replace("  online: true\n", f"  online: [&w [{words}], [{refs}]]\n")
    (line,) = problem_lines(write(tmp_path, ok))
    assert "'online' is a list; expected true or false" in line
    over = ok.replace("*w]]", "*w, *w]]")
    path = write(tmp_path, over)
    # The 101st alias is the one that passes the limit: 'online: [&w [' then 100 of '*w, '.
    column = len("  online: [&w [") + len(words) + len("], [") + 100 * 4 + 1
    assert problem_lines(path) == [f"{path}:{line_of(over, '  online:')}:{column}: {ALIASES}"]


def merge_chain(levels: int) -> str:
    """Mappings each merging the one before twice over: 2^levels merged pairs unless shared."""
    lines = ["m0: &m0 {a: 1, b: 2}"]
    lines += [f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}], k{i}: {i}}}" for i in range(1, levels)]
    return "  online:\n" + "".join(f"    {line}\n" for line in lines)


def test_merges_are_shared_not_repeated(tmp_path: Path) -> None:
    text = default_text().replace("  online: true\n", merge_chain(40))
    path = write(tmp_path, text)
    assert problem_lines(path) == [
        f"{path}:{line_of(text, '  online:') + 1}:5: 'online' is a mapping; expected true or false"
    ]


def test_merges_that_repeat_too_much_are_refused(tmp_path: Path) -> None:
    text = default_text().replace("  online: true\n", merge_chain(200))
    path = write(tmp_path, text)
    (line,) = problem_lines(path)
    first = line_of(text, "  online:") + 1
    assert line.endswith(f": {ALIASES}")
    assert first < int(line.split(":")[1]) < first + 200


def test_a_mapping_that_merges_itself_is_a_loop_not_a_crash(tmp_path: Path) -> None:
    (line,) = problem_lines(write(tmp_path, "a: &x {<<: *x, b: 1}\n"))
    assert line.endswith(
        ":1:4: this value holds an alias to itself; expected aliases that do not loop"
    )


MANY = (
    "the file holds more than 500,000 values; "
    "expected at most 500,000 (a 20,000-item agenda has about 320,000)"
)


def test_a_file_of_more_values_than_allowed_is_refused_at_the_next_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The limit is 500,000 (MANY says so); a smaller one here keeps the test quick.
    assert yamlpos.MAX_VALUES == 500_000
    monkeypatch.setattr(yamlpos, "MAX_VALUES", 1_000)
    # The file's mapping is value 1 and the list value 2: 998 entries make 1,000 values.
    lines = problem_lines(write(tmp_path, "a: [" + "1, " * 997 + "1]\n"))
    assert any("unknown key 'a' in the agenda" in line for line in lines)
    assert not any(MANY in line for line in lines)
    path = write(tmp_path, "a: [" + "1, " * 998 + "1]\n")
    column = len("a: [") + 998 * len("1, ") + 1
    assert problem_lines(path) == [f"{path}:1:{column}: {MANY}"]


def test_a_syntax_error_far_into_a_big_file_is_located_without_the_slow_composer(
    tmp_path: Path,
) -> None:
    # Past 20,000 values the pure-Python composer does not reproduce libyaml's error: its words
    # are libyaml's, at libyaml's position.
    lines = ["a:"] + ["  - 1"] * 30_000 + ["b: }"]
    path = write(tmp_path, "\n".join(lines) + "\n")
    (line,) = problem_lines(path)
    assert line.startswith(f"{path}:30002:4: YAML syntax error: ")


def test_at_most_100_problems_are_worded_and_one_line_counts_the_rest(tmp_path: Path) -> None:
    head = default_text().split("\nitems:\n")[0]
    item = "  - {{id: i{n}, kind: other, title: t, scene: studio, duration: 1m, colour: red}}\n"
    text = head + "\nitems:\n" + "".join(item.format(n=n) for n in range(150))
    path = write(tmp_path, text)
    lines = problem_lines(path)
    assert len(lines) == 101
    assert all("unknown key 'colour' in item" in line for line in lines[:100])
    row = line_of(text, "{id: i100,")
    column = text.split("\n")[row - 1].index("colour") + 1
    assert lines[100] == (
        f"{path}:{row}:{column}: 50 more problems not listed; "
        "expected at most 100 listed at once: fix these first"
    )


@pytest.mark.parametrize("name", ["yaml_alias_bomb", "yaml_deep_flow", "huge_duration"])
def test_the_console_refuses_the_file_with_the_same_lines(name: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "studio", "--dry-run", str(BAD_DIR / f"{name}.yaml")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[:-1] == expected_lines(name)


# ---- the default agenda -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def default_agenda():
    return load_agenda(DEFAULT)


def test_default_agenda_fills_10_to_15_kyiv_time_exactly(default_agenda) -> None:
    a = default_agenda
    assert a.event.date == date(2021, 3, 9)
    assert a.event.timezone == "Europe/Kyiv"
    assert a.local(a.planned_start) == datetime(2021, 3, 9, 10, 0, tzinfo=a.tz)
    assert a.local(a.planned_end) == datetime(2021, 3, 9, 15, 0, tzinfo=a.tz)
    assert a.local(a.planned_start).utcoffset().total_seconds() == 2 * 3600  # EET in March
    assert a.item_starts[0] == a.planned_start
    assert a.item_ends[-1] == a.planned_end
    assert planned_gaps(a) == 0
    for end, start in zip(a.item_ends, a.item_starts[1:], strict=False):
        assert start == end  # back to back
    assert sum(s.allotted for s in a.segments) == 5 * 3600
    for seg, nxt in zip(a.segments, a.segments[1:], strict=False):
        assert seg.planned_end == nxt.planned_start
        assert seg.planned_end - seg.planned_start == seg.allotted


def test_default_agenda_running_order(default_agenda) -> None:
    kinds = [item.kind for item in default_agenda.items]
    assert kinds[0] == "opening"
    assert kinds[-1] == "closing"
    regions = [item for item in default_agenda.items if item.kind == "region"]
    assert [r.title.en.split(":")[0] for r in regions] == [
        "Kyiv",
        "Kharkiv",
        "Zaporizhzhia",
        "Vinnytsia",
        "Mykolaiv",
    ]
    assert [r.region for r in regions] == [
        "kyiv",
        "kharkiv",
        "zaporizhzhia",
        "vinnytsia",
        "mykolaiv",
    ]
    assert kinds.index("discussion") > max(i for i, k in enumerate(kinds) if k == "region")
    assert kinds.count("discussion") == 4
    assert kinds.count("break") >= 1
    for item in default_agenda.items:
        assert item.title.uk and item.title.en and item.title.uk != item.title.en
        assert any("\u0400" <= ch <= "\u04ff" for ch in item.title.uk), item.id


def test_default_agenda_speaker_count_matches_the_file(default_agenda) -> None:
    raw = yaml.safe_load(DEFAULT.read_text(encoding="utf-8"))
    in_file = sum(len(item.get("speakers", [])) for item in raw["items"])
    slots = [s for s in default_agenda.segments if s.speaker_index is not None]
    assert len(slots) == in_file == 26


def test_default_agenda_discussions_end_with_open_floor(default_agenda) -> None:
    a = default_agenda
    for i, item in enumerate(a.items):
        if item.kind != "discussion":
            continue
        segs = [s for s in a.segments if s.item_index == i]
        assert segs[-1].speaker_index is None
        assert segs[-1].allotted == item.duration - sum(sp.time for sp in item.speakers)
        assert segs[-1].planned_end == a.item_ends[i]


# ---- durations, clock times, segments -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1h30m", 5400),
        ("90s", 90),
        ("7m30s", 450),
        ("8m", 480),
        ("8min", 480),
        ("2h", 7200),
        ("1h5s", 3605),
        (" 15m ", 900),
        ("1h 30m", 5400),
        ("24h", 86400),
        ("1439m60s", 86400),
    ],
)
def test_durations_parse(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "expected a duration"),
        ("abc", "expected a duration"),
        ("1.5h", "expected a duration"),
        ("m", "expected a duration"),
        ("0m", "more than zero"),
        ("0h0m0s", "more than zero"),
        ("-5m", "more than zero"),
        (10, "plain number 10"),
        (True, "expected a duration"),
        (None, "expected a duration"),
        ("24h1s", "at most 24h, got '24h1s'"),
        ("1441m", "at most 24h"),
        ("99999999999999999999h", "at most 24h"),
        ("9" * 5000 + "s", "at most 24h"),
        ("1" + "0" * 400 + "h", "at most 24h"),
    ],
)
def test_bad_durations_are_refused_with_a_reason(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_duration(value)


def test_clock_times_parse() -> None:
    assert parse_clock("10:00") == time(10, 0)
    assert parse_clock("9:05") == time(9, 5)
    assert parse_clock("23:59:30") == time(23, 59, 30)
    for bad in ("24:00", "10:60", "10", "10:00:60", 600, "ten"):
        with pytest.raises(ValueError, match="time of day like 10:00"):
            parse_clock(bad)


AGENDA = """
event:
  id: t
  title: {uk: Тест, en: Test}
  date: 2021-03-09
  start: "10:00"
  end: "12:00"
  timers: {warning: 2m, final: 30s}
  scenes: "@SCENES@"
items:
  - id: panel
    kind: discussion
    title: Панель
    scene: panel
    duration: 30m
    speakers:
      - {name: Anna, role: Chair, organisation: APPAU, time: 8m}
      - {role: Panelist, time: 8m, lower_third: [Custom line]}
  - id: full
    kind: presentation
    title: Доповідь
    scene: slides
    duration: 10m
    timers: {warning: 5m}
    speakers:
      - {name: Bob, time: 10m}
  - id: lunch
    kind: break
    title: Обід
    scene: break
    start: "11:00"
    duration: 1h
"""


def test_segments_open_floor_and_fixed_start(tmp_path: Path) -> None:
    a = load_agenda(write(tmp_path, AGENDA))
    t0 = a.planned_start
    assert [(s.item_index, s.speaker_index, s.allotted) for s in a.segments] == [
        (0, 0, 480),
        (0, 1, 480),
        (0, None, 840),  # open floor: the item's time no speaker uses
        (1, 0, 600),  # speakers fill the item: no open floor
        (2, None, 3600),  # no speakers: one segment for the whole item
    ]
    assert [s.planned_start - t0 for s in a.segments] == [0, 480, 960, 1800, 3600]
    assert a.item_starts[2] - a.item_ends[1] == 20 * 60  # gap before the fixed 11:00 start
    assert planned_gaps(a) == 20 * 60
    assert a.item_duration(0) == 1800


def test_item_timers_inherit_what_they_do_not_set(tmp_path: Path) -> None:
    a = load_agenda(write(tmp_path, AGENDA))
    assert (a.thresholds(0).warning, a.thresholds(0).final) == (120, 30)
    # 'full' sets only warning: final still comes from the event (30s), not a built-in default.
    assert (a.thresholds(1).warning, a.thresholds(1).final) == (300, 30)


def test_titles_and_lower_thirds(tmp_path: Path) -> None:
    a = load_agenda(write(tmp_path, AGENDA))
    anna, panelist = a.items[0].speakers
    assert a.items[0].title.get("en") == "Панель"  # a plain string is both languages
    assert a.event.title.get("en") == "Test"
    assert anna.label("uk") == "Anna — APPAU"
    assert anna.lower_third_lines("uk") == ("Anna", "Chair, APPAU")
    assert panelist.lower_third_lines("uk") == ("Custom line", "")
    assert panelist.label("uk") == "Panelist"


def test_fingerprint_follows_the_file_contents(tmp_path: Path) -> None:
    path = write(tmp_path, AGENDA)
    first = load_agenda(path).fingerprint
    assert load_agenda(path).fingerprint == first
    path.write_text(path.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    assert load_agenda(path).fingerprint != first
