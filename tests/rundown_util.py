"""Helpers of the rundown tests: comparing two agendas as the show sees them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studio.agenda import Agenda

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_XLSX = ROOT / "docs" / "rundown-template.xlsx"
TEMPLATE_CSV = ROOT / "docs" / "rundown-template.csv"
CORPUS = Path(__file__).resolve().parent / "rundowns"


def as_shown(agenda: Agenda) -> dict[str, Any]:
    """What must survive a trip through a spreadsheet: the event (its scene map by the file it
    names, wherever the agenda lies), items, speakers, thresholds and the planned times."""
    scenes = (agenda.path.parent / agenda.event.scenes).resolve()
    return {
        "event": agenda.event.model_copy(update={"scenes": str(scenes)}),
        "event timers set": agenda.event.timers.model_fields_set,
        "items": agenda.items,
        "thresholds": [agenda.thresholds(i) for i in range(len(agenda.items))],
        "item timers set": [
            it.timers.model_fields_set if it.timers else None for it in agenda.items
        ],
        "starts": agenda.item_starts,
        "ends": agenda.item_ends,
        "segments": agenda.segments,
        "speaker ids": agenda.speaker_ids,
    }


def assert_same(got: Agenda, expected: Agenda) -> None:
    a, b = as_shown(got), as_shown(expected)
    for key in b:
        assert a[key] == b[key], key
