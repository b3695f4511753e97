"""The headless `studio` commands: `check` prints the timed plan, `rehearse` runs the whole show.

They run in-process through `studio.cli.main` with stdout and stderr captured; the rehearsal runs
on a simulated clock, so a five-hour show takes well under a second.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from studio import cli
from studio.agenda import load_agenda
from studio.journal import read_entries
from studio.show import replay

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO / "config" / "agenda.yaml"
LINE = re.compile(r"^(\d\d:\d\d:\d\d)\s+([+-]\d+:\d\d)\s+(\S+)")


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def speakers_in_file(path: Path) -> int:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return sum(len(item.get("speakers") or []) for item in raw["items"])


# ---- check --------------------------------------------------------------------------------------


def test_check_prints_the_timed_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = run(capsys, "check", "config/agenda.yaml")
    assert code == 0
    assert err == ""
    assert lines[0] == "Фінальний захід проєкту «Інтеграція 4.0»"
    assert lines[1] == "2021-03-09  10:00–15:00 Europe/Kyiv  13 items, 26 speaker slots"
    assert "10:00  10:15    15:00  [opening] Відкриття" in lines
    assert "11:15  11:30    15:00  [break] Перерва" in lines
    assert "14:45  15:00    15:00  [closing] " + load_agenda(DEFAULT).items[-1].title.uk in lines
    assert lines[-1] == "Plan ends at 15:00: fills the event exactly."
    rows = [line for line in lines if "    · " in line]
    assert sum("open floor" in row for row in rows) == 4  # the four discussions
    assert len(rows) - 4 == speakers_in_file(DEFAULT)


def test_check_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = run(capsys, "check", "config/agenda.yaml", "--lang", "en")
    assert code == 0
    assert lines[0] == "Final event of the «Integration 4.0» project"
    assert "10:00  10:15    15:00  [opening] Opening" in lines
    assert "10:00            5:00    · Moderator — Maritime Cluster of Ukraine" in lines


def test_check_says_when_the_plan_ends_before_the_event(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (REPO / "tests/agendas/valid-small.yaml").read_text(encoding="utf-8")
    text = text.replace("../../scenes/default.yaml", str(REPO / "scenes/default.yaml"))
    path = tmp_path / "short.yaml"
    path.write_text(text.replace("duration: 15m", "duration: 5m"), encoding="utf-8")
    code, lines, _ = run(capsys, "check", str(path))
    assert code == 0
    assert lines[-1].startswith("Plan ends at 10:50: ")
    assert lines[-1].endswith(" before the event end.")


def test_check_shows_the_events_header_facts(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = run(capsys, "check", "config/agenda.yaml", "--lang", "en")
    assert code == 0
    assert lines[2:6] == [
        "Online; venue: Online; moderated from the studio in Mykolaiv",
        "Organisers: Maritime Cluster of Ukraine; APPAU; Industry4Ukraine platform",
        "Part of: EU Industry Days",
        "Scene map: scenes/default.yaml; timers: warning 2:00, final 0:30",
    ]


def test_check_shows_scenes_regions_and_what_is_a_speakers_own(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, lines, _ = run(capsys, "check", "config/agenda.yaml", "--lang", "en")
    assert code == 0
    at = lines.index("10:00  10:15    15:00  [opening] Opening")
    assert lines[at : at + 5] == [
        "10:00  10:15    15:00  [opening] Opening",
        "                       scene studio",
        "10:00            5:00    · Moderator — Maritime Cluster of Ukraine",
        "                           region mykolaiv",
        "10:05            5:00    · Representative — APPAU",
    ]
    assert lines[at + 5] == "                           scene remote; region kyiv"
    at = lines.index("10:15  10:27    12:00  [region] Kyiv: short overview of results")
    assert lines[at + 1] == "                       scene remote; region kyiv"
    # A speaker whose region and scene are the item's has no line of their own.
    assert lines[at + 2].endswith("· Representative — APPAU")
    assert lines[at + 3].startswith("10:21 ")


def test_check_shows_places_thresholds_replan_fields_and_gaps(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, lines, err = run(capsys, "check", "config/regional-forum.yaml", "--lang", "en")
    assert code == 0, err
    assert lines[0] == "Регіональний промисловий форум"  # written in Ukrainian only
    assert "14:05            5:00    · Ihor Melnyk, Mayor of Odesa" in lines
    at = lines.index("14:05            5:00    · Ihor Melnyk, Mayor of Odesa")
    assert (
        lines[at + 1] == "                           remote; scene remote; warning 1:00, final 0:15"
    )
    assert "                       scene slides; floor 80%" in lines
    assert "                       scene slides; optional" in lines
    assert "                       scene panel; floor 90%" in lines
    assert "15:45  16:30    45:00  [qa] Questions and answers" in lines
    assert "                           remote; scene split; region zaporizhzhia" in lines
    # Gaps in their place in the table, and named again at the end.
    gaps = [line for line in lines if line.endswith("(gap: nothing planned)")]
    assert gaps == [
        "15:40  15:45     5:00  (gap: nothing planned)",
        "16:30  16:40    10:00  (gap: nothing planned)",
    ]
    assert lines.index(gaps[0]) + 1 == lines.index(
        "15:45  16:30    45:00  [qa] Questions and answers"
    )
    assert lines[-3:] == [
        "Hole: 5:00 unplanned before 'qa' at 15:45 (from 15:40).",
        "Hole: 10:00 unplanned before 'closing' at 16:40 (from 16:30).",
        "Plan ends at 17:00: with the event end, but 15:00 of the event is unplanned (2 holes).",
    ]


def test_check_shows_a_gap_at_the_end(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (REPO / "tests/agendas/valid-small.yaml").read_text(encoding="utf-8")
    text = text.replace("../../scenes/default.yaml", str(REPO / "scenes/default.yaml"))
    path = tmp_path / "short.yaml"
    path.write_text(text.replace("duration: 15m", "duration: 5m"), encoding="utf-8")
    code, lines, _ = run(capsys, "check", str(path))
    assert code == 0
    assert lines[-2] == "10:50  11:00    10:00  (gap: nothing planned)"


def test_check_of_a_missing_file_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = run(capsys, "check", "no/such/agenda.yaml")
    assert code == 2
    assert lines == []
    assert err.splitlines() == [
        "no/such/agenda.yaml:1:1: cannot read the file: No such file or directory",
        "1 problem found.",
    ]


# ---- rehearse -----------------------------------------------------------------------------------


def test_rehearse_on_time_ends_at_15_00_with_no_offset(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    journal = tmp_path / "r.jsonl"
    code, lines, err = run(capsys, "rehearse", "--journal", str(journal))
    assert code == 0, err
    assert lines[-2] == "Ended 15:00:00, planned 15:00:00: offset +0:00 (on time)."
    assert lines[-1] == f"Journal: {journal}"
    agenda = load_agenda(DEFAULT)
    segments = [m for m in map(LINE.match, lines) if m]
    assert len(segments) == len(agenda.segments)
    assert {m.group(2) for m in segments} == {"+0:00"}
    assert segments[0].group(1) == "10:00:00"
    assert [m.group(1) for m in segments] == [
        agenda.local(s.planned_start).strftime("%H:%M:%S") for s in agenda.segments
    ]


def test_the_rehearsal_journal_replays_to_the_ended_show(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    journal = tmp_path / "r.jsonl"
    assert run(capsys, "rehearse", "--journal", str(journal))[0] == 0
    agenda = load_agenda(DEFAULT)
    state = replay(agenda, read_entries(journal))
    assert state.status == "ended"
    assert state.started_at == agenda.planned_start
    assert state.ended_at == agenda.planned_end
    assert state.used == [float(s.allotted) for s in agenda.segments]


def test_rehearse_with_every_speaker_a_minute_over(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    n = speakers_in_file(DEFAULT)
    assert n == 26
    code, lines, _ = run(capsys, "rehearse", "--overrun", "60", "--journal", str(tmp_path / "r"))
    assert code == 0
    assert lines[-2] == f"Ended 15:{n:02d}:00, planned 15:00:00: offset +{n}:00 (behind)."
    offsets = [m.group(2) for m in map(LINE.match, lines) if m]
    assert offsets[0] == "+0:00"
    assert offsets[-1] == f"+{n - 1}:00"  # the closing speaker starts 25 minutes late


def test_rehearse_with_a_seeded_spread_is_reproducible(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def rehearsal(seed: str, name: str) -> list[str]:
        code, lines, _ = run(
            capsys,
            "rehearse",
            "--spread",
            "90",
            "--seed",
            seed,
            "--journal",
            str(tmp_path / name),
        )
        assert code == 0
        assert lines[-1] == f"Journal: {tmp_path / name}"
        return lines[:-1]

    first = rehearsal("7", "a.jsonl")
    assert first == rehearsal("7", "b.jsonl")
    other = rehearsal("8", "c.jsonl")
    assert other != first
    assert len({m.group(2) for m in map(LINE.match, first) if m}) > 3  # the offset really moves


def test_rehearse_refuses_a_journal_that_already_holds_a_show(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    journal = tmp_path / "used.jsonl"
    journal.write_text('{"v":1,"seq":1,"at":1.0,"kind":"action","name":"start","args":{}}\n')
    before = journal.read_bytes()
    code, lines, err = run(capsys, "rehearse", "--journal", str(journal))
    assert code == 2
    assert lines == []
    assert err == f"{journal}: the journal already holds a show; choose another --journal.\n"
    assert journal.read_bytes() == before


def test_rehearse_accepts_an_existing_empty_journal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    journal = tmp_path / "empty.jsonl"
    journal.touch()
    code, lines, _ = run(capsys, "rehearse", "--journal", str(journal))
    assert code == 0
    assert lines[-2].startswith("Ended 15:00:00")


def test_rehearse_of_a_broken_agenda_starts_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    journal = tmp_path / "r.jsonl"
    bad = "tests/agendas/bad/unknown_time_zone.yaml"
    code, lines, err = run(capsys, "rehearse", bad, "--journal", str(journal))
    assert code == 2
    assert lines == []
    assert err.splitlines()[-1] == "1 problem found."
    assert not journal.exists()
