"""The running order edited live (issue 12 §4): a remaining allotment changed (`retime`) and a
lower third fixed on air (`relabel`). Each is one journalled action naming its item and speaker
by id, replayed on a restart into the same state, refused with a key (and nothing journalled)
when it makes no sense; a fix for the speaker on air goes to OBS at once; the as-run report lists
both, plan as published against as run."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from studio.actions import ActionError, Next, Relabel, Retime, Start, parse_action
from studio.agenda import Agenda, Speaker, load_agenda
from studio.asrun import build_report
from studio.asrun.html import render_html
from studio.clock import SimClock
from studio.journal import Journal, read_journal
from studio.modes import Mode
from studio.resume import agenda_drift
from studio.runtime import Runtime, RuntimeOptions, simulated_obs_for
from studio.show import Show, replay
from studio.state import relabelled

REPO = Path(__file__).resolve().parent.parent
SHOW = REPO / "tests" / "agendas" / "show.yaml"


@pytest.fixture(scope="module")
def show_agenda() -> Agenda:
    return load_agenda(SHOW)


def ids(agenda: Agenda, item: str, n: int) -> tuple[str, str]:
    """(item id, the id of its n-th speaker)."""
    sid = agenda.speaker_ids[agenda.item_index(item)][n]
    return item, sid


def started(agenda: Agenda, path: Path) -> tuple[Show, SimClock]:
    clock = SimClock(agenda.planned_start)
    show = Show(agenda, clock, Journal(path))
    show.start()
    return show, clock


def journalled(path: Path) -> list[dict]:
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    return [x for x in lines if x["kind"] == "action"]


# ---- retime ---------------------------------------------------------------------------------


def test_retime_is_journalled_by_ids_and_replays_to_the_same_state(
    show_agenda: Agenda, tmp_path: Path
) -> None:
    path = tmp_path / "j.jsonl"
    show, clock = started(show_agenda, path)
    clock.advance(60)
    item, anna = ids(show_agenda, "talks", 0)
    assert show.retime(item, anna, 8 * 60) == []  # nothing on air changes: no cue
    show.retime("coffee", None, 5 * 60)  # an item's time with no speaker
    entry = journalled(path)[-2]
    assert entry["name"] == "retime"
    assert {k: entry["args"][k] for k in ("item", "speaker", "seconds")} == {
        "item": "talks",
        "speaker": anna,
        "seconds": 480,
    }
    assert show.allotted(show_agenda.segment_for("talks", anna) or 0) == 480
    assert show.allotted(show_agenda.segment_for("coffee", None) or 0) == 300
    assert show.journal is not None
    show.journal.close()

    again = Show(show_agenda, SimClock(clock.now()), Journal(path))  # a restart
    assert again.state == show.state
    assert replay(show_agenda, read_journal(path).entries) == show.state
    assert again.journal is not None
    again.journal.close()


def test_retime_moves_the_projected_end_by_the_difference(show_agenda: Agenda) -> None:
    clock = SimClock(show_agenda.planned_start)
    show = Show(show_agenda, clock)
    show.start()
    clock.advance(100)
    before = show.status().projected_end
    item, bohdan = ids(show_agenda, "talks", 1)
    show.retime(item, bohdan, 13 * 60)  # 10:00 -> 13:00
    assert show.status().projected_end - before == pytest.approx(180)
    show.retime("opening", ids(show_agenda, "opening", 0)[1], 4 * 60)  # the speaker on air
    assert show.status().projected_end - before == pytest.approx(180 - 60)
    assert show.status().remaining == pytest.approx(240 - 100)


def test_retime_refusals_carry_a_key_and_journal_nothing(
    show_agenda: Agenda, tmp_path: Path
) -> None:
    path = tmp_path / "j.jsonl"
    show, clock = started(show_agenda, path)
    moderator = ids(show_agenda, "opening", 0)[1]
    clock.advance(150)
    cases = [
        (Retime("opening", moderator, 120), "show.below_used", {"used": "2:30"}),
        (Retime("opening", moderator, -1), "show.below_zero", {}),
        (Retime("opening", moderator, 300), "show.unchanged", {}),  # it is 5:00 already
        (Retime("nowhere", None, 60), "show.no_item", {"item": "nowhere"}),
        (Retime("opening", "nobody", 60), "show.no_speaker", {"item": "opening"}),
        (Retime("opening", None, 60), "show.no_item_time", {"item": "opening"}),
    ]
    count = len(journalled(path))
    for action, key, params in cases:
        with pytest.raises(ActionError) as caught:
            show.apply(action)
        assert caught.value.key == key, action
        assert params.items() <= caught.value.params.items()
    assert len(journalled(path)) == count
    show.next()  # the moderator has finished: their time can no longer change
    with pytest.raises(ActionError) as caught:
        show.retime("opening", moderator, 600)
    assert caught.value.key == "show.finished"
    assert len(journalled(path)) == count + 1  # the next, nothing else
    with pytest.raises(ActionError) as caught:
        parse_action("retime", {"item": "talks", "seconds": "soon"})
    assert caught.value.key == "show.bad_seconds"
    show.end()
    with pytest.raises(ActionError) as caught:
        show.retime("closing", moderator, 60)
    assert caught.value.key == "show.over"


def test_retime_after_back_counts_what_the_speaker_used(show_agenda: Agenda) -> None:
    clock = SimClock(show_agenda.planned_start)
    show = Show(show_agenda, clock)
    show.start()
    show.next()
    clock.advance(200)  # Anna speaks 3:20, then the moderator is called back
    show.back()
    item, anna = ids(show_agenda, "talks", 0)
    with pytest.raises(ActionError) as caught:
        show.retime(item, anna, 180)
    assert caught.value.key == "show.below_used"
    show.retime(item, anna, 200)  # ahead of the show again: it may change, not below 3:20


# ---- relabel --------------------------------------------------------------------------------


def test_relabel_of_the_speaker_on_air_cues_the_fixed_lower_third(
    show_agenda: Agenda, tmp_path: Path
) -> None:
    path = tmp_path / "j.jsonl"
    show, _clock = started(show_agenda, path)
    show.next()
    seq = show.state.cue_seq
    item, anna = ids(show_agenda, "talks", 0)
    cues = show.relabel(item, anna, name="Ганна Коваль")
    assert len(cues) == 1
    cue = cues[0]
    assert cue.reason == "relabel" and cue.speaker_id == anna
    assert cue.lower_third == ("Ганна Коваль", "Директорка, АППАУ")
    assert cue.seq == seq == show.state.cue_seq  # the same cue: a held scene stays held
    assert cue.scene == show.current_cue().scene
    st = show.status()
    assert st.speaker is not None and st.speaker.label("uk") == "Ганна Коваль — АППАУ"
    # A role fixed later keeps the name fixed before.
    cues = show.relabel(item, anna, role="Директорка з розвитку")
    assert cues[0].lower_third == ("Ганна Коваль", "Директорка з розвитку, АППАУ")
    entry = journalled(path)[-1]
    assert entry["name"] == "relabel"
    assert {k: entry["args"].get(k) for k in ("item", "speaker", "name", "role")} == {
        "item": "talks",
        "speaker": anna,
        "name": None,
        "role": "Директорка з розвитку",
    }
    assert replay(show_agenda, read_journal(path).entries) == show.state
    # What the running order and time tables show follows the fix.
    labels = [t.label for t in show.speaker_times()]
    assert "Ганна Коваль — АППАУ" in labels


def test_relabel_off_air_sends_nothing_until_the_speaker_is_on(show_agenda: Agenda) -> None:
    clock = SimClock(show_agenda.planned_start)
    show = Show(show_agenda, clock)
    show.start()
    item, bohdan = ids(show_agenda, "talks", 1)
    assert show.relabel(item, bohdan, name="Богдан Шевчюк") == []
    show.next()
    cues = show.next()
    # His lower third was written out in the agenda: the name is fixed inside it.
    assert cues[0].lower_third == ("Богдан Шевчюк", "Кластер IAM")


def test_relabel_refusals_carry_a_key_and_journal_nothing(
    show_agenda: Agenda, tmp_path: Path
) -> None:
    path = tmp_path / "j.jsonl"
    show, _clock = started(show_agenda, path)
    moderator = ids(show_agenda, "opening", 0)[1]
    count = len(journalled(path))
    cases = [
        (Relabel("opening", moderator), "show.bad_label"),
        (Relabel("opening", moderator, "  "), "show.bad_label"),
        (Relabel("opening", moderator, None, "x" * 201), "show.bad_label"),
        (Relabel("opening", moderator, None, "Модератор"), "show.unchanged"),
        (Relabel("opening", "nobody", "Х"), "show.no_speaker"),
        (Relabel("opening", "", "Х"), "show.no_speaker"),
        (Relabel("nowhere", moderator, "Х"), "show.no_item"),
    ]
    for action, key in cases:
        with pytest.raises(ActionError) as caught:
            show.apply(action)
        assert caught.value.key == key, action
    assert len(journalled(path)) == count


def test_a_fixed_name_replaces_the_old_one_inside_written_out_lines() -> None:
    sp = Speaker.model_validate(
        {"name": "Ivn Petrenko", "time": "1m", "lower_third": ["Dr Ivn Petrenko", "CEO"]}
    )
    fixed = relabelled(sp, "Ivan Petrenko", "Chief Executive", "en")
    assert fixed.lower_third_lines("en") == ("Dr Ivan Petrenko", "Chief Executive")
    assert fixed.label("uk") == fixed.label("en") == "Ivan Petrenko, Chief Executive"


def test_a_fix_is_made_in_the_broadcast_language_and_where_the_other_said_the_same() -> None:
    sp = Speaker.model_validate(
        {"name": "Анна Коваль", "role": {"uk": "Дирекорка", "en": "Director"}, "time": "1m"}
    )
    fixed = relabelled(sp, "Ганна Коваль", "Директорка", "uk")
    assert fixed.lower_third_lines("uk") == ("Ганна Коваль", "Директорка")
    # The name was the same in both languages: fixed in both; the English role was right.
    assert fixed.label("en") == "Ганна Коваль, Director"


# ---- through the runtime, to OBS ------------------------------------------------------------


def test_a_relabel_on_air_reaches_obs_text_inputs_at_once(
    show_agenda: Agenda, tmp_path: Path
) -> None:
    async def body() -> None:
        sim = simulated_obs_for(show_agenda)
        clock = SimClock(show_agenda.planned_start)
        rt = Runtime.create(
            show_agenda,
            RuntimeOptions(mode=Mode.DRY_RUN, journal=tmp_path / "j.jsonl"),
            transport=sim,
            clock=clock,
        )
        await rt.start()
        try:
            for _ in range(200):
                if rt.link.online:
                    break
                await asyncio.sleep(0.01)
            rt.act(Start())
            rt.act(Next())
            await rt.idle()
            m = show_agenda.scene_map
            name_input, role_input = m.input("lower_third_name"), m.input("lower_third_role")
            assert name_input and role_input
            assert sim.inputs[name_input]["settings"]["text"] == "Анна Коваль"
            # The technician holds a scene by hand: the fix goes out, the scene stays.
            slides = m.scene("slides")
            await rt.manual_switch(slides)
            item, anna = ids(show_agenda, "talks", 0)
            cues = rt.act(Relabel(item, anna, "Ганна Коваль", "Директорка з розвитку"))
            assert cues
            await rt.idle()
            assert sim.inputs[name_input]["settings"]["text"] == "Ганна Коваль"
            assert sim.inputs[role_input]["settings"]["text"] == "Директорка з розвитку, АППАУ"
            assert sim.program == slides
            view = rt.view()
            assert view.status.speaker is not None
            assert view.status.speaker.label("en") == "Ганна Коваль — АППАУ"
        finally:
            await rt.stop()

    asyncio.run(body())
    # The report: the fix re-sent the cue on air for its texts; it did not fail to reach OBS.
    report = build_report(tmp_path / "j.jsonl", SHOW)
    assert [c.reason for c in report.cues][-1] == "relabel"
    assert report.unswitched == ()


# ---- the as-run report and the journal's references ----------------------------------------


def test_the_report_lists_both_edits_plan_as_published_against_as_run(
    show_agenda: Agenda, tmp_path: Path
) -> None:
    path = tmp_path / "j.jsonl"
    show, clock = started(show_agenda, path)
    item, bohdan = ids(show_agenda, "talks", 1)
    clock.advance(60)
    show.retime(item, bohdan, 12 * 60)
    clock.advance(60)
    show.retime(item, bohdan, 8 * 60)
    moderator = ids(show_agenda, "opening", 0)[1]
    show.relabel("opening", moderator, name="Ігор Мельник")
    clock.advance(180)
    show.end()
    assert show.journal is not None
    show.journal.close()

    report = build_report(path, SHOW)
    edits = [iv for iv in report.interventions if iv.action in ("retime", "relabel")]
    assert [iv.action for iv in edits] == ["retime", "retime", "relabel"]
    first, second, fix = edits
    assert (first.planned, first.was, first.seconds) == (600, 600, 720)
    assert (second.planned, second.was, second.seconds) == (600, 720, 480)
    assert first.item_id == "talks" and first.speaker == 1
    assert fix.labels is not None
    assert [sp.label("en") for sp in fix.labels] == [
        "Moderator — Морський кластер України",
        "Ігор Мельник — Морський кластер України",
    ]
    html_en = render_html(report, "en")
    assert "allotment changed" in html_en and "lower third fixed" in html_en
    assert "10:00 → 12:00" in html_en
    assert "12:00 → 8:00 (as published 10:00)" in html_en
    assert "Opening: Moderator — Морський кластер України → Ігор Мельник" in html_en
    html_uk = render_html(report, "uk")
    assert "зміна часу виступу" in html_uk and "за опублікованим планом 10:00" in html_uk
    # The speakers' table names the moderator as they were on air.
    assert report.speakers[0].label == "Ігор Мельник — Морський кластер України"


def test_a_journal_naming_a_speaker_the_agenda_lost_says_so(
    show_agenda: Agenda, tmp_path: Path
) -> None:
    path = tmp_path / "j.jsonl"
    show, _clock = started(show_agenda, path)
    item, bohdan = ids(show_agenda, "talks", 1)
    show.retime(item, bohdan, 11 * 60)
    assert show.journal is not None
    show.journal.close()
    entries = read_journal(path).entries
    for e in entries:
        if e.name == "retime":
            e.args["speaker"] = "someone-gone"
    drift = agenda_drift(show_agenda, {}, entries)
    assert "talks/someone-gone" in drift.missing
