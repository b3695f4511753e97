"""Typed actions: one class each, parsed back from the journal the way they were written, refused
for the same reasons whoever asks, and journalled with who asked (their origin)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from studio.actions import (
    ACTION_TYPES,
    AcceptPlan,
    ActionError,
    Back,
    End,
    Extend,
    Goto,
    Hold,
    Insert,
    Move,
    Next,
    Origin,
    Relabel,
    Remove,
    Resume,
    Retime,
    Skip,
    Start,
    parse_action,
)
from studio.agenda import Agenda, load_agenda
from studio.clock import SimClock
from studio.journal import Journal
from studio.modes import Mode
from studio.rehearse import RehearsalPlan, rehearse
from studio.runtime import Runtime, RuntimeOptions
from studio.show import Show, replay
from studio.state import ShowStatus

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def agenda() -> Agenda:
    return load_agenda(REPO / "config" / "agenda.yaml")


EXAMPLES = [
    Start(),
    Next(),
    Back(),
    Goto("break-1"),
    Hold(),
    Resume(),
    Extend(60.0),
    Extend(-30.0),
    Skip(),
    Skip("closing"),
    End(),
    AcceptPlan(
        {
            "at": 1000.0,
            "target": 2000.0,
            "target_item": None,
            "before_end": 2600.0,
            "new_end": 2000.0,
            "overrun": 600.0,
            "changes": [{"item": "break-1", "speaker": None, "old": 900.0, "new": 450.0}],
            "dropped": [],
            "reaches_target": True,
            "miss_by": 0.0,
        }
    ),
    Retime("region-kyiv", "representative", 240.0),
    Retime("break-1", None, 600.0),
    Relabel("opening", "moderator", "Ivan Petrenko", None),
    Relabel("opening", "moderator", None, "Moderator and host"),
    Move("region-kharkiv", None, "region-zaporizhzhia"),
    Move("discussion-3", "panelist-3", None),
    Insert("discussion-1", "olena-petrenko", "Olena Petrenko", "Mayor", 300.0, "remote", None),
    Insert("discussion-1", "ivan", "Ivan", None, 240.0, None, "panelist-2"),
    Remove("discussion-1", "panelist-4"),
]


def test_every_action_has_a_class_and_parses_back_from_what_it_records() -> None:
    assert {type(a) for a in EXAMPLES} == set(ACTION_TYPES.values())
    for action in EXAMPLES:
        # through JSON, as a journal line carries it
        args = json.loads(json.dumps(action.args()))
        assert parse_action(action.name, args) == action


def test_unknown_or_malformed_actions_are_refused_with_a_key() -> None:
    with pytest.raises(ActionError) as caught:
        parse_action("launch", {})
    assert caught.value.key == "show.unknown_action"
    with pytest.raises(ActionError) as caught:
        parse_action("extend", {"seconds": "a minute"})
    assert caught.value.key == "show.bad_seconds"


def test_a_typed_action_and_its_name_are_the_same_action(agenda: Agenda, tmp_path: Path) -> None:
    clocks = [SimClock(agenda.planned_start) for _ in range(2)]
    shows = [
        Show(agenda, clocks[0], Journal(tmp_path / "a.jsonl")),
        Show(agenda, clocks[1], Journal(tmp_path / "b.jsonl")),
    ]
    steps: list[tuple[object, str, dict]] = [
        (Start(), "start", {}),
        (Extend(90.0), "extend", {"seconds": 90}),
        (Next(), "next", {}),
        (Hold(), "hold", {}),
        (Resume(), "resume", {}),
        (Skip("break-1"), "skip", {"item": "break-1"}),
        (Goto("discussion-1"), "goto", {"item": "discussion-1"}),
        (Back(), "back", {}),
        (End(), "end", {}),
    ]
    for typed, name, args in steps:
        for c in clocks:
            c.advance(40)
        shows[0].apply(typed)
        shows[1].apply(name, **args)
        assert shows[0].state == shows[1].state
    for show in shows:
        assert show.journal is not None
        assert replay(agenda, show.journal.entries) == show.state
        show.journal.close()


def test_refusals_are_the_same_whoever_asks(agenda: Agenda) -> None:
    show = Show(agenda, SimClock(agenda.planned_start))
    for origin in Origin:
        with pytest.raises(ActionError) as caught:
            show.apply(Next(), origin=origin)
        assert caught.value.key == "show.not_running"
    assert show.state.status is ShowStatus.PRE


def test_the_journal_records_who_asked(agenda: Agenda, tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    rt = Runtime.create(
        agenda,
        RuntimeOptions(mode=Mode.DRY_RUN, journal=path),
        clock=SimClock(agenda.planned_start),
    )
    rt.act(Start(), origin=Origin.KEY)
    rt.act(Extend(60.0), origin=Origin.HTTP)
    rt.act("next", origin=Origin.OSC)
    rt.journal.close()
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    actions = [(x["name"], x["args"]["origin"]) for x in lines if x["kind"] == "action"]
    assert actions == [("start", "key"), ("extend", "http"), ("next", "osc")]


def test_a_rehearsal_journals_its_actions_as_rehearsal(agenda: Agenda, tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    asyncio.run(rehearse(agenda, path, RehearsalPlan(0.0, 0.0, 1, None), lambda _st: None))
    origins = {
        json.loads(x)["args"].get("origin")
        for x in path.read_text(encoding="utf-8").splitlines()
        if json.loads(x)["kind"] == "action"
    }
    assert origins == {"rehearsal"}
