"""The as-run CSV opens in Excel or LibreOffice as data, never as formulas.

A title, a speaker's name or any other text cell starting with = + - @, a tab or a carriage return
is neutralised as OWASP recommends (a leading single quote); numbers, a signed offset like
"-12.5" included, stay numbers.
"""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path

import pytest

from studio.agenda import load_agenda
from studio.rehearse import RehearsalPlan, rehearse
from studio.report import CSV_FIELDS, build_report, csv_rows, write_report

ROOT = Path(__file__).resolve().parents[1]
TITLE = '=HYPERLINK("http://x","y")'
NAME = "@SUM(1)"
ORG = "+cmd|' /C calc'!A0"
ROLE = "-2+3"
EARLY = -12.5  # every speaker finishes 12.5 s early: negative offsets

AGENDA = f"""\
event:
  id: csv-injection
  title: {{uk: "Перевірка", en: "Check"}}
  date: 2021-03-09
  timezone: Europe/Kyiv
  start: "10:00"
  end: "11:05"
  timers: {{warning: 1m, final: 15s}}
  scenes: {ROOT / "scenes" / "default.yaml"}

items:
  - id: opening
    kind: opening
    title: {{uk: '{TITLE}', en: '{TITLE}'}}
    scene: studio
    speakers:
      - name: "{NAME}"
        organisation: "{ORG}"
        time: 5m
      - role: {{uk: "{ROLE}", en: "{ROLE}"}}
        time: 5m

  - id: talk
    kind: presentation
    title: {{uk: "\\tTab", en: "\\rReturn"}}
    scene: slides
    duration: 40m
    speakers:
      - name: "Олена Петренко"
        time: 20m

  - id: closing
    kind: closing
    title: {{uk: "Завершення", en: "Closing"}}
    scene: closing
    duration: 15m
"""


@pytest.fixture(scope="module")
def csv_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[str]]]:
    d = tmp_path_factory.mktemp("csv")
    agenda_path = d / "agenda.yaml"
    agenda_path.write_text(AGENDA, encoding="utf-8")
    agenda = load_agenda(agenda_path)
    journal = d / "show.jsonl"
    asyncio.run(rehearse(agenda, journal, RehearsalPlan(overrun=EARLY), lambda _st: None))
    _, path = write_report(build_report(journal, agenda_path), d, "uk")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        cells = list(csv.reader(fh))
    return path, cells


def column(cells: list[list[str]], name: str) -> list[str]:
    at = cells[0].index(name)
    return [row[at] for row in cells[1:]]


def test_formula_text_is_neutralised(csv_file: tuple[Path, list[list[str]]]) -> None:
    _, cells = csv_file
    assert tuple(cells[0]) == CSV_FIELDS
    titles = column(cells, "title")
    assert "'" + TITLE in titles and TITLE not in titles
    assert "'\tTab" in titles
    speakers = column(cells, "speaker")
    assert f"'{NAME} — {ORG}" in speakers  # name and organisation make one label
    assert f"'{ROLE}" in speakers


def test_no_cell_starts_a_formula(csv_file: tuple[Path, list[list[str]]]) -> None:
    _, cells = csv_file
    for row in cells:
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                float(cell)  # only a plain number may start with a sign


def test_numbers_stay_numbers(csv_file: tuple[Path, list[list[str]]]) -> None:
    _, cells = csv_file
    overruns = [float(v) for v in column(cells, "overrun_s") if v]
    assert EARLY in overruns  # a negative offset, written as a number, not as text
    for name in ("planned_duration_s", "actual_duration_s", "overrun_s"):
        for value in column(cells, name):
            assert value == "" or isinstance(float(value), float)
    assert all(v == "" or v[:4] == "2021" for v in column(cells, "actual_start"))


def test_the_english_csv_too(tmp_path: Path, csv_file: tuple[Path, list[list[str]]]) -> None:
    path, _ = csv_file
    asrun = build_report(path.parent / "show.jsonl", path.parent / "agenda.yaml")
    rows = csv_rows(asrun, "en")
    assert {r["title"] for r in rows} >= {"'" + TITLE, "'\rReturn"}
    _, en_path = write_report(asrun, tmp_path, "en")
    with en_path.open(encoding="utf-8-sig", newline="") as fh:
        assert list(csv.DictReader(fh)) == rows  # the CSV is what csv_rows says
