"""The running order edited live (issue 12 §4): an item or a speaker moved later and back, a
speaker inserted into a discussion, one who did not come removed. Each is one journalled action
naming things by id, replayed on a restart into the same show; the show walks the new order
(next, the projection, the cues); what cannot be done is refused with a key and nothing written;
the as-run report lists each edit, plan as published against as run; the control API takes
them too."""

from __future__ import annotations

import json
from pathlib import Path

import aiohttp
import pytest

from studio.actions import ActionError, Insert, Move, Next, Origin, Remove
from studio.agenda import Agenda, load_agenda
from studio.asrun import build_report
from studio.asrun.html import render_html
from studio.clock import SimClock
from studio.journal import Journal
from studio.modes import Mode
from studio.runtime import Runtime, RuntimeOptions, simulated_obs_for
from studio.show import Show
from tests.serve_util import changes, served

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO / "config" / "agenda.yaml"
FORUM = REPO / "config" / "regional-forum.yaml"
MENU = Origin.MENU


@pytest.fixture(scope="module")
def agenda() -> Agenda:
    return load_agenda(DEFAULT)


def started(agenda: Agenda, path: Path) -> tuple[Show, SimClock]:
    clock = SimClock(agenda.planned_start)
    show = Show(agenda, clock, Journal(path))
    show.start()
    return show, clock


def order(a: Agenda) -> list[str]:
    return [item.id for item in a.items]


def refused(show: Show, action: object, key: str) -> None:
    """The action is refused with `key`, and nothing changes or is written."""
    before, entries = show.state.copy(), len(show.journal.entries) if show.journal else 0
    with pytest.raises(ActionError) as caught:
        show.apply(action)  # type: ignore[arg-type]
    assert caught.value.key == key, caught.value
    assert show.state == before
    assert (len(show.journal.entries) if show.journal else 0) == entries


def test_kharkiv_goes_after_zaporizhzhia_and_back(agenda: Agenda, tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    show, clock = started(agenda, path)
    clock.advance(60)
    offset = show.status().offset
    show.apply(Move("region-kharkiv", None, "region-zaporizhzhia"))
    a = show.agenda
    assert order(a)[1:5] == [
        "region-kyiv",
        "region-zaporizhzhia",
        "region-kharkiv",
        "region-vinnytsia",
    ]
    k, z = a.item_index("region-kharkiv"), a.item_index("region-zaporizhzhia")
    assert a.item_starts[k] == a.item_ends[z]  # planned times follow the new order
    assert a.item_ends[k] == agenda.item_ends[agenda.item_index("region-zaporizhzhia")]
    assert show.status().offset == offset  # the same time in all: no later, no earlier
    assert show.published is agenda  # the plan as published stays
    (entry,) = [e for e in Journal(path).entries if e.name == "move"]
    assert entry.args["item"] == "region-kharkiv" and entry.args["after"] == "region-zaporizhzhia"
    assert entry.args["to"] == {"status": "running", "item": "opening", "speaker": "moderator"}
    # The show walks the new order: after the opening's three and Kyiv's two, Zaporizhzhia.
    for _ in range(3):
        show.next()
    assert show.current_cue().item_id == "region-kyiv"
    show.next()
    assert show.current_cue().item_id == "region-kyiv"
    show.next()
    assert show.current_cue().item_id == "region-zaporizhzhia"
    # And back, while Kharkiv is still ahead of the show: after Zaporizhzhia's own place.
    refused(show, Move("region-kharkiv", None, "region-kyiv"), "show.before_now")
    show.apply(Move("region-kharkiv", None, "region-vinnytsia"))
    show.apply(Move("region-kharkiv", None, "region-zaporizhzhia"))
    restarted = Show(agenda, clock, Journal(path))
    assert restarted.state == show.state and restarted.agenda == show.agenda
    assert restarted.status() == show.status()


def test_moved_back_before_the_start_the_plan_is_the_published_one(
    agenda: Agenda, tmp_path: Path
) -> None:
    show = Show(agenda, SimClock(agenda.planned_start - 600), Journal(tmp_path / "j.jsonl"))
    show.apply(Move("region-kharkiv", None, "region-zaporizhzhia"))
    assert order(show.agenda) != order(agenda)
    show.apply(Move("region-kharkiv", None, "region-kyiv"))
    assert show.agenda.items == agenda.items
    assert show.agenda.item_starts == agenda.item_starts
    assert show.agenda.segments == agenda.segments
    refused(show, Move("region-kharkiv", None, "region-kyiv"), "show.unchanged")
    refused(show, Move("region-kharkiv", None, "region-kharkiv"), "show.unchanged")
    refused(show, Move("region-kharkiv", None, "nowhere"), "show.no_item")


def test_a_speaker_moves_within_the_item_and_keeps_their_time(
    agenda: Agenda, tmp_path: Path
) -> None:
    show, clock = started(agenda, tmp_path / "j.jsonl")
    show.goto("discussion-3")
    clock.advance(100)
    show.apply(Move("discussion-3", "panelist-2", "panelist-3"))  # Zaporizhzhia after Kharkiv
    i = show.agenda.item_index("discussion-3")
    assert show.agenda.speaker_ids[i] == ("panelist", "panelist-3", "panelist-2", "panelist-4")
    moved = show.agenda.items[i].speakers[2]
    assert moved.region == "zaporizhzhia"
    assert show.status().elapsed == 100  # the speaker on air keeps their time
    show.next()
    st = show.status()
    assert st.speaker is not None and st.speaker.region == "kharkiv"
    assert show.current_cue().speaker_id == "panelist-3"
    refused(show, Move("discussion-3", "panelist-3", None), "show.on_air")
    refused(show, Move("discussion-3", "panelist", "panelist-4"), "show.ran")
    refused(show, Move("discussion-3", "panelist-4", None), "show.before_now")
    refused(show, Move("discussion-3", "panelist-4", "ghost"), "show.no_speaker")


def test_a_speaker_is_inserted_into_a_discussion_and_goes_on_air(
    agenda: Agenda, tmp_path: Path
) -> None:
    path = tmp_path / "j.jsonl"
    show, clock = started(agenda, path)
    late = show.status().offset
    show.apply(Insert("discussion-1", "", "Олена Петренко", "Мерка", 300.0, "remote", "panelist-4"))
    (entry,) = [e for e in Journal(path).entries if e.name == "insert"]
    assert entry.args["speaker"] == "олена-петренко"  # made from the name, and journalled
    a = show.agenda
    i = a.item_index("discussion-1")
    assert a.speaker_ids[i][-1] == "олена-петренко"
    assert a.item_duration(i) == agenda.item_duration(i) + 300  # the item grows by their time
    assert a.item_starts[i + 1] == agenda.item_starts[i + 1] + 300
    assert show.status().offset == late + 300  # five minutes later than published
    show.goto("discussion-1")
    for _ in range(4):
        show.next()
    cue = show.current_cue()
    assert cue.speaker_id == "олена-петренко"
    assert cue.scene == agenda.scene_map.place_scene("remote")
    assert cue.lower_third == ("Олена Петренко", "Мерка")
    clock.advance(42)
    restarted = Show(agenda, clock, Journal(path))
    assert restarted.state == show.state and restarted.status() == show.status()
    dup = Insert("discussion-1", "олена-петренко", "Olena", None, 60.0, None, None)
    refused(show, dup, "show.duplicate_id")
    refused(show, Insert("region-kyiv", "", "X", None, 60.0, None, None), "show.not_discussion")
    refused(show, Insert("discussion-2", "", "X", None, 60.0, "moon", None), "show.bad_place")
    refused(show, Insert("discussion-2", "", "  ", None, 60.0, None, None), "show.bad_label")
    refused(show, Insert("discussion-2", "", "X", None, 0.0, None, None), "show.bad_seconds")
    refused(show, Insert("discussion-1", "", "X", None, 60.0, None, None), "show.before_now")


def test_a_speaker_who_did_not_come_is_removed(agenda: Agenda, tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    show, clock = started(agenda, path)
    show.apply(Remove("discussion-1", "panelist-4"))
    i = show.agenda.item_index("discussion-1")
    assert show.agenda.speaker_ids[i] == ("panelist", "panelist-2", "panelist-3")
    assert show.agenda.item_duration(i) == agenda.item_duration(i) - 8 * 60
    refused(show, Remove("opening", "moderator"), "show.on_air")
    refused(show, Remove("region-kharkiv", "representative"), "show.last_speaker")
    refused(show, Remove("discussion-1", "panelist-4"), "show.no_speaker")
    show.next()
    refused(show, Remove("opening", "moderator"), "show.ran")
    show.apply(Remove("opening", "representative-2"))  # passed over before it ran: may go
    assert Show(agenda, clock, Journal(path)).state == show.state
    show.end()
    refused(show, Remove("discussion-1", "panelist-3"), "show.order_over")
    refused(show, Move("discussion-2", None, None), "show.order_over")


def test_an_item_with_a_fixed_start_stays_and_others_keep_to_it(tmp_path: Path) -> None:
    forum = load_agenda(FORUM)
    show = Show(forum, SimClock(forum.planned_start - 60), Journal(tmp_path / "j.jsonl"))
    refused(show, Move("qa", None, "closing"), "show.fixed_start")
    # Partners (15 min) after the Q&A (ends 16:30) would run 5 min into the closing at 16:40.
    refused(show, Move("partners", None, "qa"), "show.past_fixed_start")
    with pytest.raises(ActionError) as caught:
        show.apply(Move("partners", None, "qa"))
    assert caught.value.params == {"item": "closing", "at": "16:40", "over": "5:00"}
    show.apply(Move("break", None, "qa"))  # 10 min: it fits before the closing
    a = show.agenda
    assert a.item_starts[a.item_index("qa")] == forum.item_starts[forum.item_index("qa")]
    assert a.item_starts[a.item_index("closing")] == forum.item_starts[forum.item_index("closing")]
    assert a.item_starts[a.item_index("break")] == a.item_ends[a.item_index("qa")]
    assert a.item_ends[a.item_index("break")] == a.item_starts[a.item_index("closing")]


def test_a_restart_resumes_on_an_inserted_speaker_and_names_nothing_missing(
    agenda: Agenda, tmp_path: Path
) -> None:
    path = tmp_path / "j.jsonl"
    options = RuntimeOptions(mode=Mode.DRY_RUN, journal=path)
    clock = SimClock(agenda.planned_start)
    rt = Runtime.create(agenda, options, transport=simulated_obs_for(agenda), clock=clock)
    rt.act("start")
    rt.act(Insert("discussion-1", "guest", "Guest", None, 120.0, "studio", "panelist"), origin=MENU)
    rt.act("goto", item="discussion-1")
    rt.act(Next(), origin=MENU)
    assert rt.view().status.speaker is not None
    assert rt.view().status.speaker.label("en") == "Guest"
    assert "guest" in rt.view().agenda.speaker_ids[rt.view().agenda.item_index("discussion-1")]
    clock.advance(30)
    rt.journal.close()
    again = Runtime.create(agenda, options, transport=simulated_obs_for(agenda), clock=clock)
    assert again.drift.missing == ()
    assert again.show.resumable
    st = again.view().status
    assert st.speaker is not None and st.speaker.label("en") == "Guest" and st.elapsed == 30
    again.journal.close()


def test_the_report_lists_each_edit_plan_as_published_against_as_run(
    agenda: Agenda, tmp_path: Path
) -> None:
    path = tmp_path / "j.jsonl"
    options = RuntimeOptions(mode=Mode.DRY_RUN, journal=path)
    clock = SimClock(agenda.planned_start)
    rt = Runtime.create(agenda, options, transport=simulated_obs_for(agenda), clock=clock)
    rt.act("start")
    clock.advance(90)
    rt.act(Move("region-kharkiv", None, "region-zaporizhzhia"), origin=MENU)
    clock.advance(30)
    rt.act(Insert("discussion-1", "", "Olena Petrenko", None, 300.0, "remote", None), origin=MENU)
    rt.act(Remove("discussion-2", "panelist-3"), origin=MENU)
    rt.journal.close()
    report = build_report(path)
    edits = [iv for iv in report.interventions if iv.order is not None]
    assert [iv.action for iv in edits] == ["move", "insert", "remove"]
    move, insert, _remove = edits
    assert move.at == agenda.planned_start + 90
    assert move.order is not None and move.order.was_after is not None
    assert move.order.was_after.id == "region-kyiv"  # type: ignore[union-attr]
    assert move.order.now_after.id == "region-zaporizhzhia"  # type: ignore[union-attr]
    assert insert.seconds == 300 and insert.order is not None and not insert.order.published
    # The running order as run, each item planned as published.
    kharkiv = next(it for it in report.items if it.item.id == "region-kharkiv")
    k = agenda.item_index("region-kharkiv")
    assert kharkiv.planned_start == agenda.item_starts[k]
    assert [it.item.id for it in report.items][1:4] == [
        "region-kyiv",
        "region-zaporizhzhia",
        "region-kharkiv",
    ]
    assert report.planned_end == agenda.item_ends[-1]
    html_en = render_html(report, "en")
    assert "moved in the running order" in html_en
    assert "after Kyiv" in html_en or "after Київ" in html_en
    assert "Olena Petrenko (5:00): first" in html_en
    assert "speaker removed" in html_en
    html_uk = render_html(report, "uk")
    assert "переставлено в порядку" in html_uk and "додано спікера" in html_uk


@pytest.mark.asyncio
async def test_the_control_api_moves_inserts_and_removes(agenda: Agenda, tmp_path: Path) -> None:
    clock = SimClock(agenda.planned_start)
    async with served(tmp_path, agenda=agenda, clock=clock) as s, aiohttp.ClientSession() as http:
        s.rt.act("start")
        url = s.url("api/v1/actions/move")
        body = {"item": "region-kharkiv", "after": "region-zaporizhzhia"}
        async with http.post(url, headers=s.control, json=body) as r:
            assert r.status == 200, await r.text()
        assert order(s.rt.view().agenda)[3] == "region-kharkiv"
        (entry,) = [e for e in s.rt.journal.entries if e.name == "move"]
        assert (entry.args["origin"], entry.args["client"]) == ("http", "127.0.0.1")
        body = {"item": "discussion-1", "name": "Olena", "seconds": 300, "after": "panelist-4"}
        async with http.post(s.url("api/v1/actions/insert"), headers=s.control, json=body) as r:
            assert r.status == 200, await r.text()
            rundown = (await r.json())["state"]
        assert "Olena" in json.dumps(rundown, ensure_ascii=False)
        before = changes(s.rt)
        bad = {"item": "discussion-1", "name": "X", "seconds": "5m"}
        async with http.post(s.url("api/v1/actions/insert"), headers=s.control, json=bad) as r:
            assert r.status == 400 and "seconds" in (await r.json())["error"]
        extra = {"item": "discussion-1", "speaker": "panelist", "colour": "red"}
        async with http.post(s.url("api/v1/actions/remove"), headers=s.control, json=extra) as r:
            assert r.status == 400 and "colour" in (await r.json())["error"]
        last = {"item": "region-kharkiv", "speaker": "representative"}
        async with http.post(s.url("api/v1/actions/remove"), headers=s.control, json=last) as r:
            assert r.status == 409
            assert (await r.json())["key"] == "show.last_speaker"
        async with http.post(s.url("api/v1/actions/move"), json=body) as r:  # no token
            assert r.status == 401
        assert changes(s.rt) == before


def test_an_edit_behind_the_speaker_on_air_brings_no_new_cue(
    agenda: Agenda, tmp_path: Path
) -> None:
    """A speaker passed over, removed while another is on air: the show did not move, so no
    cue goes out (a scene the technician holds by hand stays held)."""
    show, _clock = started(agenda, tmp_path / "j.jsonl")
    show.goto("region-vinnytsia")
    seq, on_air = show.state.cue_seq, show.status().speaker
    assert show.apply(Remove("region-kyiv", "researcher")) == []
    assert show.apply(Move("region-kharkiv", None, "region-mykolaiv")) == []
    assert show.state.cue_seq == seq
    assert show.status().speaker == on_air
    replayed = Show(agenda, SimClock(agenda.planned_start), Journal(tmp_path / "j.jsonl"))
    assert replayed.state.cue_seq == seq
