"""The journal's typed facts (studio/facts.py): old journals read as they always did, every line
today's writers make is a fact the readers know (and written with the same args), and a line of a
kind or name nobody knows is reported in the as-run report, not dropped."""

# ruff: noqa: E501  (journal lines are written out literally, as they stand on disk)

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from studio import facts
from studio.agenda import load_agenda
from studio.journal import Entry, read_entries
from studio.rehearse import RehearsalPlan, rehearse
from studio.report import build_report, csv_rows, render_html

REPO = Path(__file__).resolve().parent.parent
SMALL = REPO / "tests" / "agendas" / "valid-small.yaml"

# A journal as the console wrote it before the facts were typed: the literal lines of that format
# (only the agenda's path and fingerprint are filled in). A rehearsal of tests/agendas/
# valid-small.yaml with every OBS fact: outputs (a stream start the rehearsal guard refused),
# a health incident, an outage with a re-applied switch, a hand-set scene and its release, a
# failed switch, an overtaken cue, a message, and hold / resume / extend / skip / end.
OLD_JOURNAL = """\
{"v":2,"j":"e5e4a213ffea","seq":1,"at":1615276740.0,"kind":"meta","name":"journal","args":{"agenda":"@AGENDA@","fingerprint":"@FP@","event":"corpus","mode":"rehearsal","outline":[["opening","moderator"],["talk","олена-петренко"],["closing"]],"jid":"e5e4a213ffea","format":2}}
{"v":2,"j":"e5e4a213ffea","seq":2,"at":1615276740.0,"kind":"obs","name":"cue","args":{"seq":0,"scene":"holding","item":null,"speaker":null,"speaker_id":null,"reason":"restore"}}
{"v":2,"j":"e5e4a213ffea","seq":3,"at":1615276740.0,"kind":"obs","name":"switch","args":{"scene":"Заставка","cue":0,"latency_ms":0.0,"confirmed":true,"superseded":false,"already":true}}
{"v":2,"j":"e5e4a213ffea","seq":4,"at":1615276740.0,"kind":"obs","name":"output","args":{"action":"start_record"}}
{"v":2,"j":"e5e4a213ffea","seq":5,"at":1615276740.0,"kind":"obs","name":"output","args":{"action":"start_stream"}}
{"v":2,"j":"e5e4a213ffea","seq":6,"at":1615276740.0,"kind":"obs","name":"record_state","args":{"state":"starting"}}
{"v":2,"j":"e5e4a213ffea","seq":7,"at":1615276740.0,"kind":"obs","name":"record_state","args":{"state":"started"}}
{"v":2,"j":"e5e4a213ffea","seq":8,"at":1615276800.0,"kind":"action","name":"start","args":{"to":{"status":"running","item":"opening","speaker":"moderator"}}}
{"v":2,"j":"e5e4a213ffea","seq":9,"at":1615276800.0,"kind":"obs","name":"cue","args":{"seq":1,"scene":"studio","item":"opening","speaker":0,"speaker_id":"moderator","reason":"start"}}
{"v":2,"j":"e5e4a213ffea","seq":10,"at":1615276800.0,"kind":"obs","name":"switch","args":{"scene":"Студія","cue":1,"latency_ms":0.2144790000784269,"confirmed":true,"superseded":false,"already":false}}
{"v":2,"j":"e5e4a213ffea","seq":11,"at":1615276850.0,"kind":"obs","name":"health","args":{"event":"start","figure":"cpu","level":"warn","value":75.5,"since":1615276850.0}}
{"v":2,"j":"e5e4a213ffea","seq":12,"at":1615277000.0,"kind":"action","name":"hold","args":{"to":{"status":"running","item":"opening","speaker":"moderator"}}}
{"v":2,"j":"e5e4a213ffea","seq":13,"at":1615277060.0,"kind":"action","name":"resume","args":{"to":{"status":"running","item":"opening","speaker":"moderator"}}}
{"v":2,"j":"e5e4a213ffea","seq":14,"at":1615277090.0,"kind":"action","name":"extend","args":{"seconds":60,"to":{"status":"running","item":"opening","speaker":"moderator"}}}
{"v":2,"j":"e5e4a213ffea","seq":15,"at":1615277090.0,"kind":"console","name":"message","args":{"text":"Ще дві хвилини"}}
{"v":2,"j":"e5e4a213ffea","seq":16,"at":1615277190.0,"kind":"action","name":"next","args":{"to":{"status":"running","item":"talk","speaker":"олена-петренко"}}}
{"v":2,"j":"e5e4a213ffea","seq":17,"at":1615277190.0,"kind":"obs","name":"cue","args":{"seq":2,"scene":"slides","item":"talk","speaker":0,"speaker_id":"олена-петренко","reason":"next"}}
{"v":2,"j":"e5e4a213ffea","seq":18,"at":1615277190.0,"kind":"obs","name":"switch","args":{"scene":"Презентація","cue":2,"latency_ms":0.23965700029293657,"confirmed":true,"superseded":false,"already":false}}
{"v":2,"j":"e5e4a213ffea","seq":19,"at":1615277300.0,"kind":"obs","name":"health","args":{"event":"end","figure":"cpu","level":"bad","value":93.0,"since":1615276850.0,"until":1615277300.0,"lasted_s":450.0}}
{"v":2,"j":"e5e4a213ffea","seq":20,"at":1615277300.0,"kind":"obs","name":"obs_lost","args":{"why":"OBS stopped answering (heartbeat timed out)"}}
{"v":2,"j":"e5e4a213ffea","seq":21,"at":1615277312.0,"kind":"obs","name":"obs_back","args":{"down_s":11.873}}
{"v":2,"j":"e5e4a213ffea","seq":22,"at":1615277312.0,"kind":"obs","name":"switch","args":{"scene":"Презентація","cue":2,"latency_ms":31.5,"confirmed":true,"superseded":false,"already":false}}
{"v":2,"j":"e5e4a213ffea","seq":23,"at":1615277400.0,"kind":"obs","name":"manual_override","args":{"scene":"Студія","source":"obs"}}
{"v":2,"j":"e5e4a213ffea","seq":24,"at":1615277500.0,"kind":"obs","name":"manual_released","args":{}}
{"v":2,"j":"e5e4a213ffea","seq":25,"at":1615278390.0,"kind":"action","name":"next","args":{"to":{"status":"running","item":"talk","speaker":null}}}
{"v":2,"j":"e5e4a213ffea","seq":26,"at":1615278390.0,"kind":"obs","name":"cue","args":{"seq":3,"scene":"slides","item":"talk","speaker":null,"speaker_id":null,"reason":"next","overtaken":true}}
{"v":2,"j":"e5e4a213ffea","seq":27,"at":1615278390.0,"kind":"obs","name":"switch_failed","args":{"scene":"Нема","cue":3,"error":"No scene «Нема»"}}
{"v":2,"j":"e5e4a213ffea","seq":28,"at":1615278400.0,"kind":"action","name":"skip","args":{"item":"closing","to":{"status":"running","item":"talk","speaker":null}}}
{"v":2,"j":"e5e4a213ffea","seq":29,"at":1615278500.0,"kind":"obs","name":"manual_override","args":{"scene":"Заставка","source":"console"}}
{"v":2,"j":"e5e4a213ffea","seq":30,"at":1615279500.0,"kind":"action","name":"end","args":{"to":{"status":"ended"}}}
{"v":2,"j":"e5e4a213ffea","seq":31,"at":1615279500.0,"kind":"obs","name":"cue","args":{"seq":4,"scene":"closing","item":null,"speaker":null,"speaker_id":null,"reason":"end"}}
{"v":2,"j":"e5e4a213ffea","seq":32,"at":1615279500.0,"kind":"obs","name":"switch","args":{"scene":"Фінал","cue":4,"latency_ms":0.25,"confirmed":false,"superseded":false,"already":false}}
{"v":2,"j":"e5e4a213ffea","seq":33,"at":1615279510.0,"kind":"obs","name":"record_state","args":{"state":"stopping"}}
{"v":2,"j":"e5e4a213ffea","seq":34,"at":1615279511.0,"kind":"obs","name":"record_state","args":{"state":"stopped"}}
"""
T0 = 1615276800.0  # 9 March 2021, 10:00 Kyiv: the event's planned start


def _agenda(tmp_path: Path) -> Path:
    scenes = (REPO / "scenes" / "default.yaml").as_posix()
    agenda = tmp_path / "agenda.yaml"
    agenda.write_text(
        SMALL.read_text(encoding="utf-8").replace(
            "scenes: ../../scenes/default.yaml", f'scenes: "{scenes}"'
        ),
        encoding="utf-8",
    )
    return agenda


def _old_journal(tmp_path: Path, extra: str = "") -> Path:
    agenda = _agenda(tmp_path)
    text = OLD_JOURNAL.replace("@AGENDA@", agenda.as_posix())
    text = text.replace("@FP@", load_agenda(agenda).fingerprint)
    path = tmp_path / "old.jsonl"
    path.write_text(text + extra, encoding="utf-8")
    return path


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# ---- old journals read as they did --------------------------------------------------------------


def test_an_old_journal_reports_as_it_did(tmp_path: Path) -> None:
    """The figures the report gave for this journal before the facts were typed."""
    r = build_report(_old_journal(tmp_path))
    assert r.notices == ()
    assert r.status == "ended" and r.entries == 34
    assert (r.started_at, r.ended_at) == (T0, T0 + 2700)
    assert [(c.seq, c.cue, c.scene, c.item_id, c.speaker, c.reason) for c in r.cues] == [
        (2, 0, "holding", None, None, "restore"),
        (9, 1, "studio", "opening", 0, "start"),
        (17, 2, "slides", "talk", 0, "next"),
        (26, 3, "slides", "talk", None, "next"),
        (31, 4, "closing", None, None, "end"),
    ]
    sw = [
        (
            s.seq,
            s.cue,
            s.scene,
            s.logical,
            s.item_id,
            s.confirmed,
            s.already,
            s.failed,
            s.reapplied,
            s.flagged,
            s.error,
        )
        for s in r.switches
    ]
    assert sw == [
        (3, 0, "Заставка", "holding", None, True, True, False, False, False, None),
        (10, 1, "Студія", "studio", "opening", True, False, False, False, False, None),
        (18, 2, "Презентація", "slides", "talk", True, False, False, False, False, None),
        (22, 2, "Презентація", "slides", "talk", True, False, False, True, False, None),
        (27, 3, "Нема", "slides", "talk", False, False, True, False, True, "No scene «Нема»"),
        (32, 4, "Фінал", "closing", None, False, False, False, False, True, None),
    ]
    assert [s.latency_ms for s in r.switches][:3] == [0.0, 0.2144790000784269, 0.23965700029293657]
    assert r.unswitched == ()  # cue 3 was overtaken; every other cue was switched
    assert [(o.lost_at, o.back_at, o.why, o.measured_s) for o in r.outages] == [
        (T0 + 500, T0 + 512, "OBS stopped answering (heartbeat timed out)", 11.873)
    ]
    assert [(h.figure, h.started_at, h.ended_at, h.level, h.value) for h in r.health] == [
        ("cpu", T0 + 50, T0 + 500, "bad", 93.0)
    ]
    assert [(o.at - T0, o.output, o.state, o.refused) for o in r.outputs] == [
        (-60.0, "request", "start_record", False),
        (-60.0, "request", "start_stream", True),  # refused by the rehearsal guard
        (-60.0, "record", "starting", False),
        (-60.0, "record", "started", False),
        (2710.0, "record", "stopping", False),
        (2711.0, "record", "stopped", False),
    ]
    assert [
        (iv.at - T0, iv.action, iv.item_id, iv.speaker, iv.seconds, iv.scene, iv.source)
        for iv in r.interventions
    ] == [
        (200.0, "hold", None, None, None, None, None),
        (260.0, "resume", None, None, 60.0, None, None),
        (290.0, "extend", "opening", 0, 60.0, None, None),
        (600.0, "manual", None, None, None, "Студія", "obs"),
        (1600.0, "skip", "closing", None, None, None, None),
        (1700.0, "manual", None, None, None, "Заставка", "console"),
        (2700.0, "end", None, None, None, None, None),
    ]
    assert [(p.action, p.before, p.after) for p in r.offsets] == [
        ("start", None, 0.0),
        ("hold", 0.0, 0.0),
        ("resume", 60.0, 60.0),
        ("extend", 60.0, 120.0),
        ("next", 120.0, 90.0),
        ("next", 90.0, 90.0),
        # The offset is the projection's (issue 12): skipping the closing shows at once that
        # the show will end 15 minutes earlier, not only when it ends.
        ("skip", 90.0, -810.0),
        ("end", -810.0, -900.0),
    ]
    assert r.final_offset == -900.0
    assert [(it.id, it.visits, it.state.value, it.overrun) for it in r.items] == [
        ("opening", ((T0, T0 + 390),), "done", 90.0),
        ("talk", ((T0 + 390, T0 + 2700),), "done", -90.0),
        ("closing", (), "skipped", None),
    ]
    assert [(s.key, s.used, s.extended, s.overrun) for s in r.speakers] == [
        ("opening#1", 330.0, 60.0, 30.0),
        ("talk#1", 1200.0, 0.0, 0.0),
    ]
    html = render_html(r, "en")
    assert "Ще дві хвилини" not in html  # a message is not part of the report
    assert "refused by the on-air guard" in html and "No scene «Нема»" in html
    assert [row["state"] for row in csv_rows(r, "en")] == [
        "done",
        "done",
        "done",
        "done",
        "skipped",
        "refused",
    ]


def test_every_old_line_is_a_known_fact_written_the_same(tmp_path: Path) -> None:
    """Reading a line into its fact and writing the fact again gives the line's args, key for
    key: the writers that now build facts put on disk what they always did."""
    seen: set[type] = set()
    for line in _lines(_old_journal(tmp_path)):
        entry = Entry(line["seq"], line["at"], line["kind"], line["name"], line["args"])
        fact = facts.read(entry)
        assert not isinstance(fact, facts.Unknown), line
        seen.add(type(fact))
        if isinstance(fact, facts.ActionTaken):
            to = fact.to
            assert to is not None and to.to_args() == line["args"]["to"]
            continue
        assert fact.to_args() == line["args"]
        assert list(fact.to_args()) == list(line["args"])  # the same order of keys, too
        assert (fact.kind, fact.name) == (line["kind"], line["name"])
        assert type(fact).from_entry(entry) == fact
    # the journal above has every fact but a stream's state: a rehearsal never streams
    assert seen == {*facts.FACT_TYPES, facts.ActionTaken} - {facts.StreamState}


# ---- unknown lines are reported -----------------------------------------------------------------

UNKNOWN = """\
{"v":2,"j":"e5e4a213ffea","seq":35,"at":1615279520.0,"kind":"obs","name":"scene_renamed","args":{"from":"A","to":"B"}}
{"v":2,"j":"e5e4a213ffea","seq":36,"at":1615279521.0,"kind":"obs","name":"scene_renamed","args":{"from":"B","to":"C"}}
{"v":2,"j":"e5e4a213ffea","seq":37,"at":1615279522.0,"kind":"camera","name":"tally","args":{}}
"""


def test_unknown_kinds_and_names_are_reported(tmp_path: Path) -> None:
    r = build_report(_old_journal(tmp_path, UNKNOWN))
    (notice,) = r.notices
    assert notice.code == "unknown"
    assert notice.args["n"] == 3
    assert notice.args["what"] == "obs/scene_renamed (2), camera/tally"
    en, uk = render_html(r, "en"), render_html(r, "uk")
    assert "3 journal line(s) of a kind this version does not know" in en
    assert "obs/scene_renamed (2), camera/tally" in en
    assert "невідомого виду" in uk
    # the rest reads as before
    assert len(r.switches) == 6 and len(r.outages) == 1 and r.status == "ended"


def test_read_gives_unknown_for_lines_nobody_knows() -> None:
    odd = facts.read(Entry(1, 0.0, "obs", "teleport", {"x": 1}))
    assert odd == facts.Unknown("obs", "teleport", {"x": 1})
    assert isinstance(odd, facts.Unknown) and odd.label == "obs/teleport"
    assert isinstance(facts.read(Entry(2, 0.0, "console", "shout", {})), facts.Unknown)
    assert facts.fact_type("obs", "switch") is facts.Switch
    assert facts.fact_type("action", "next") is None


# ---- the types ----------------------------------------------------------------------------------


def test_each_fact_is_defined_once_with_a_version() -> None:
    keys = [(cls.kind, cls.name) for cls in facts.FACT_TYPES]
    assert len(keys) == len(set(keys))
    assert all(cls.version >= 1 for cls in facts.FACT_TYPES)
    assert {"meta", "action", "obs", "console"} == facts.KINDS


def test_from_entry_refuses_another_fact() -> None:
    entry = Entry(1, 0.0, "obs", "obs_lost", {"why": "gone"})
    assert facts.ObsLost.from_entry(entry) == facts.ObsLost("gone")
    with pytest.raises(facts.FactMismatch):
        facts.ObsBack.from_entry(entry)
    with pytest.raises(facts.FactMismatch):
        facts.ActionTaken.from_entry(entry)


def test_damaged_args_read_as_defaults() -> None:
    cue = facts.Cue.from_entry(Entry(1, 0.0, "obs", "cue", {"seq": "x", "speaker": [1]}))
    assert cue == facts.Cue(seq=None, scene="", speaker=None)
    sw = facts.Switch.from_args({"cue": "7", "latency_ms": "fast"})
    assert (sw.cue, sw.latency_ms, sw.confirmed) == (7, None, False)
    action = facts.ActionTaken("goto", {"item": 3, "to": "nowhere"})
    assert action.item is None and action.to is None


def test_obs_fact_by_name_refuses_a_name_nobody_reads() -> None:
    assert facts.obs_fact("obs_back", {"down_s": 2}) == facts.ObsBack(2.0)
    with pytest.raises(ValueError, match="no OBS fact named 'swtich'"):
        facts.obs_fact("swtich", {})


def test_output_state_by_output() -> None:
    assert facts.OutputState.of("stream", "started") == facts.StreamState("started")
    assert facts.OutputState.of("record", "stopped").to_args() == {"state": "stopped"}
    with pytest.raises(ValueError):
        facts.OutputState.of("tape", "started")


def test_header_keeps_what_it_was_given() -> None:
    args = {"event": "e", "mode": "live", "jid": "abc", "format": 2}
    assert facts.JournalHeader.from_args(args).to_args() == args


# ---- today's writers ----------------------------------------------------------------------------


def test_a_rehearsal_writes_only_facts_the_readers_know(tmp_path: Path) -> None:
    agenda = load_agenda(_agenda(tmp_path))
    path = tmp_path / "rehearsal.jsonl"
    asyncio.run(rehearse(agenda, path, RehearsalPlan(outage_at=1), lambda _st: None))
    entries = read_entries(path)
    kinds = set()
    for e in entries:
        fact = facts.read(e)
        assert not isinstance(fact, facts.Unknown), e
        kinds.add(type(fact))
        if not isinstance(fact, facts.ActionTaken):
            assert fact.to_args() == e.args
    assert {facts.JournalHeader, facts.ActionTaken, facts.Cue, facts.Switch} <= kinds
    assert facts.ObsLost in kinds and facts.ObsBack in kinds
    assert build_report(path).notices == ()
