"""The as-run report by ids: two people with the same label are two rows, one person named by the
same speaker id in two items is one row, and another event's journal is refused (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from studio import cli
from studio.agenda import load_agenda
from studio.clock import SimClock
from studio.journal import Journal
from studio.modes import Mode
from studio.report import build_report
from studio.runtime import journal_info
from studio.show import Show

REPO = Path(__file__).resolve().parent.parent
SCENES = str(REPO / "scenes" / "default.yaml")


def _agenda(tmp_path: Path, event_id: str = "ids-test") -> Path:
    deputy = {"role": "Deputy mayor", "time": "5m"}
    data = {
        "event": {
            "id": event_id,
            "title": "Ids",
            "date": "2021-03-09",
            "start": "10:00",
            "end": "10:25",
            "scenes": SCENES,
        },
        "items": [
            {
                "id": "welcome",
                "kind": "opening",
                "title": "Welcome",
                "scene": "studio",
                "speakers": [
                    {"id": "host", "name": "Olena", "time": "5m"},
                    {**deputy, "region": "kyiv"},
                    {**deputy, "region": "kharkiv"},
                ],
            },
            {
                "id": "bye",
                "kind": "closing",
                "title": "Bye",
                "scene": "studio",
                "speakers": [
                    {"id": "host", "name": "Olena", "time": "5m"},
                    {"role": "Guest", "time": "5m"},
                ],
            },
        ],
    }
    path = tmp_path / f"{event_id}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _run_show(agenda_path: Path, journal_path: Path, minutes: list[float]) -> None:
    agenda = load_agenda(agenda_path)
    clock = SimClock(agenda.planned_start)
    with Journal(journal_path) as journal:
        journal.ensure_header(clock.now(), journal_info(agenda, Mode.DRY_RUN))
        show = Show(agenda, clock, journal)
        show.start()
        for m in minutes:
            clock.advance(m * 60)
            show.next()


def test_two_deputy_mayors_are_two_rows_and_the_host_is_one(tmp_path: Path) -> None:
    agenda = _agenda(tmp_path)
    journal = tmp_path / "j.jsonl"
    _run_show(agenda, journal, [5, 6, 7, 4, 5])
    rows = build_report(journal, agenda).people_rows("en")
    by_label: dict[str, list[float]] = {}
    for r in rows:
        by_label.setdefault(r.label, []).append(r.used)
    assert sorted(by_label["Deputy mayor"]) == [6 * 60, 7 * 60]  # not one row of 13 minutes
    assert by_label["Olena"] == [9 * 60]  # the same person (id 'host') in two items
    assert [r.slots for r in rows if r.label == "Olena"] == [2]


def test_a_report_of_another_events_journal_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = tmp_path / "j.jsonl"
    _run_show(_agenda(tmp_path, "first-event"), journal, [5, 5])
    other = _agenda(tmp_path, "second-event")
    code = cli.main(["report", str(journal), "--agenda", str(other)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "first-event" in err and "second-event" in err
    assert "Traceback" not in err
    assert out == ""
