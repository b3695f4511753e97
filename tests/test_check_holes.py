"""`studio check` names every hole in the plan: time of the event window no item fills.

A fixed-start item after a shorter one leaves a hole before it; `check` used to say the plan
"fills the event exactly" whenever the last item ended with the event, holes or not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from studio import cli
from studio.agenda import load_agenda, planned_gaps, planned_holes

REPO = Path(__file__).resolve().parent.parent
SCENES = REPO / "scenes" / "default.yaml"

AGENDA = """
event:
  id: holes
  title: Holes
  date: 2021-03-09
  start: "@START@"
  end: "14:00"
  scenes: "@SCENES@"
items:
  - id: talk
    kind: presentation
    title: Talk
    scene: slides
    start: "@TALK@"
    duration: 55m
  - id: lunch
    kind: break
    title: Lunch
    scene: break
    start: "13:00"
    duration: "@LUNCH@"
"""


def agenda_file(
    tmp_path: Path, start: str = "12:00", talk: str = "12:00", lunch: str = "1h"
) -> Path:
    text = (
        AGENDA.replace("@SCENES@", str(SCENES))
        .replace("@START@", start)
        .replace("@TALK@", talk)
        .replace("@LUNCH@", lunch)
    )
    path = tmp_path / "agenda.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def check(capsys: pytest.CaptureFixture[str], path: Path) -> list[str]:
    assert cli.main(["check", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out.splitlines()


def test_a_hole_before_a_fixed_start_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = check(capsys, agenda_file(tmp_path))
    assert lines[-2:] == [
        "Hole: 5:00 unplanned before 'lunch' at 13:00 (from 12:55).",
        "Plan ends at 14:00: with the event end, but 5:00 of the event is unplanned (1 hole).",
    ]


def test_every_hole_is_named_the_first_item_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = check(capsys, agenda_file(tmp_path, start="11:50", talk="12:00:30"))
    assert lines[-3:] == [
        "Hole: 10:30 unplanned before 'talk' at 12:00:30 (from 11:50).",
        "Hole: 4:30 unplanned before 'lunch' at 13:00 (from 12:55:30).",
        "Plan ends at 14:00: with the event end, but 15:00 of the event is unplanned (2 holes).",
    ]


def test_a_hole_and_an_early_end_are_both_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = check(capsys, agenda_file(tmp_path, lunch="50m"))
    assert lines[-2:] == [
        "Hole: 5:00 unplanned before 'lunch' at 13:00 (from 12:55).",
        "Plan ends at 13:50: 10 min 00 s before the event end.",
    ]


def test_a_plan_without_holes_fills_the_event_exactly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = check(capsys, agenda_file(tmp_path, start="12:05", talk="12:05"))
    assert not any(line.startswith("Hole:") for line in lines)
    assert lines[-1] == "Plan ends at 14:00: fills the event exactly."


def test_planned_holes_are_where_no_item_is(tmp_path: Path) -> None:
    agenda = load_agenda(agenda_file(tmp_path, start="11:50", lunch="50m"))
    t0 = agenda.planned_start
    holes = planned_holes(agenda)
    assert [(h.start - t0, h.end - t0, h.before) for h in holes] == [
        (0, 600, 0),  # before 'talk' at 12:00
        (3900, 4200, 1),  # 12:55 to 13:00, before 'lunch'
        (7200, 7800, None),  # 13:50 to the event end at 14:00
    ]
    assert [h.length for h in holes] == [600, 300, 600]
    assert sum(h.length for h in holes) == planned_gaps(agenda)
