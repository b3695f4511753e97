"""The show: operator actions, cues, timers, phases, offsets and time used, on a simulated clock.

Most tests run `tests/agendas/show.yaml` (10:00-11:00, six segments):
    seg 0  10:00-10:05  opening: moderator (mykolaiv), scene studio
    seg 1  10:05-10:15  talks: Anna (kyiv), own scene split
    seg 2  10:15-10:25  talks: Bohdan (kharkiv), custom lower third
    seg 3  10:25-10:35  talks: open floor (item region kyiv), scene remote
    seg 4  10:35-10:45  coffee break, scene break
    seg 5  10:45-11:00  closing: moderator (mykolaiv), own scene studio
The property tests at the end generate small agendas and random action sequences.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import count
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.agenda import Agenda, load_agenda
from studio.clock import SimClock
from studio.journal import Entry, Journal, read_entries
from studio.show import ActionError, ItemState, Phase, Show, replay

REPO = Path(__file__).resolve().parent.parent
SHOW = REPO / "tests" / "agendas" / "show.yaml"
DEFAULT = REPO / "config" / "agenda.yaml"
SCENES = REPO / "scenes" / "default.yaml"


@pytest.fixture(scope="module")
def agenda() -> Agenda:
    return load_agenda(SHOW)


@pytest.fixture
def t0(agenda: Agenda) -> float:
    return agenda.planned_start


@pytest.fixture
def clock(agenda: Agenda) -> SimClock:
    return SimClock(agenda.planned_start)


@pytest.fixture
def journal(tmp_path: Path):
    with Journal(tmp_path / "show.jsonl") as j:
        yield j


@pytest.fixture
def show(agenda: Agenda, clock: SimClock, journal: Journal) -> Show:
    return Show(agenda, clock, journal)


def action_names(journal: Journal) -> list[str]:
    return [e.name for e in read_entries(journal.path) if e.kind == "action"]


# ---- start, next, cues --------------------------------------------------------------------------


def test_before_the_start_the_pre_show_scene_is_cued(agenda: Agenda, t0: float) -> None:
    show = Show(agenda, SimClock(t0 - 600))
    st = show.status()
    assert (st.status, st.phase, st.item, st.next_item_index) == ("pre", Phase.IDLE, None, 0)
    assert st.offset == 0
    assert st.projected_end == show.agenda.planned_end
    assert show.current_cue().scene == "holding"
    assert show.resumable is False


def test_a_late_start_shows_in_the_offset_before_it_happens(
    show: Show, clock: SimClock, t0: float
) -> None:
    clock.set(t0 + 120)
    st = show.status()
    assert st.offset == 120
    assert st.projected_end == show.agenda.planned_end + 120


def test_start_cues_the_first_speaker(show: Show, clock: SimClock, journal: Journal) -> None:
    (cue,) = show.start()
    assert cue.scene == "studio"
    assert (cue.item_id, cue.item_kind, cue.segment, cue.speaker_index) == (
        "opening",
        "opening",
        0,
        0,
    )
    assert cue.lower_third == ("Модератор", "Морський кластер України")
    assert cue.show_speaker_timer is True
    assert cue.break_until is None
    assert (cue.reason, cue.seq) == ("start", 1)
    st = show.status()
    assert (st.status, st.elapsed, st.remaining, st.allotted) == ("running", 0, 300, 300)
    assert st.phase is Phase.NORMAL
    assert st.item is not None and st.item.id == "opening"
    assert (st.next_item_index, st.next_speaker_index) == (1, 0)
    assert action_names(journal) == ["start"]
    assert show.resumable is True


def test_next_walks_every_segment_with_its_scene_and_lower_third(show: Show, t0: float) -> None:
    cues = show.start()
    for _ in range(6):
        cues += show.next()
    assert [c.scene for c in cues] == [
        "studio",
        "split",
        "remote",
        "remote",
        "break",
        "studio",
        "closing",
    ]
    assert [c.item_id for c in cues] == [
        "opening",
        "talks",
        "talks",
        "talks",
        "coffee",
        "closing",
        None,
    ]
    assert [c.lower_third for c in cues] == [
        ("Модератор", "Морський кластер України"),
        ("Анна Коваль", "Директорка, АППАУ"),  # name, then role and organisation
        ("Богдан Шевчук", "Кластер IAM"),  # the speaker's own lower_third lines
        None,  # open floor: nobody to name
        None,
        ("Модератор", ""),
        None,  # ended: the end scene, no lower third
    ]
    assert [c.show_speaker_timer for c in cues] == [True, True, True, False, False, True, False]
    assert [c.seq for c in cues] == [1, 2, 3, 4, 5, 6, 7]
    assert cues[-1].reason == "next"
    assert show.state.status == "ended"
    assert show.current_cue().scene == "closing"  # the event's end_scene
    assert [show.item_state(i) for i in range(4)] == [ItemState.DONE] * 4


def test_a_break_cue_counts_to_the_planned_end_when_on_time(show: Show, clock: SimClock) -> None:
    show.start()
    for seg in show.agenda.segments[:4]:
        clock.advance(seg.allotted)
        (cue,) = show.next()
    assert cue.item_kind == "break"
    assert cue.break_until == show.agenda.item_ends[2]


def test_a_late_break_still_lasts_its_full_length(show: Show, clock: SimClock) -> None:
    show.start()
    clock.advance(300 + 180)  # the opening runs three minutes over
    show.next()
    for seg in show.agenda.segments[1:4]:
        clock.advance(seg.allotted)
        (cue,) = show.next()
    st = show.status()
    assert cue.break_until == clock.now() + 600
    assert cue.break_until == show.agenda.item_ends[2] + 180  # not the planned 10:45
    assert cue.break_until == clock.now() + st.item_remaining  # what the break timer counts to


# ---- back, goto, hold, extend, skip, end --------------------------------------------------------


def test_back_returns_to_the_previous_speaker_whose_clock_continues(
    show: Show, clock: SimClock
) -> None:
    show.start()
    clock.advance(100)
    show.next()
    clock.advance(50)
    (cue,) = show.back()
    assert (cue.segment, cue.scene, cue.reason) == (0, "studio", "back")
    clock.advance(20)
    st = show.status()
    assert (st.segment, st.elapsed, st.remaining) == (0, 120, 180)
    assert show.elapsed(1, clock.now()) == 50
    with pytest.raises(ActionError, match="already at the first item") as info:
        show.back()
    assert info.value.key == "show.first_item"  # the console translates by key


def test_goto_jumps_to_an_item_and_marks_what_came_before(show: Show, clock: SimClock) -> None:
    show.start()
    clock.advance(60)
    (cue,) = show.goto("coffee")
    assert (cue.item_id, cue.scene, cue.segment, cue.reason) == ("coffee", "break", 4, "goto")
    # The item jumped over never ran: passed over, still to be done (issue 12 §2).
    assert [show.item_state(i) for i in range(4)] == [
        ItemState.DONE,
        ItemState.PASSED,
        ItemState.CURRENT,
        ItemState.PENDING,
    ]
    assert show.status().next_item_index == 3
    (cue,) = show.goto("talks")
    assert (cue.segment, cue.scene) == (1, "split")  # an item starts at its first speaker
    assert show.item_state(1) is ItemState.CURRENT  # going back to it takes it up again
    with pytest.raises(ActionError, match="no item 'nope'") as info:
        show.goto("nope")
    assert (info.value.key, info.value.params) == ("show.no_item", {"item": "nope"})


def test_goto_before_the_start_starts_the_show(show: Show, clock: SimClock, t0: float) -> None:
    clock.set(t0 + 30)
    (cue,) = show.goto("talks")
    assert show.state.status == "running"
    assert show.state.started_at == t0 + 30
    assert cue.scene == "split"


def test_goto_after_the_end_reopens_the_show(show: Show, clock: SimClock) -> None:
    show.start()
    show.end()
    (cue,) = show.goto("closing")
    assert show.state.status == "running"
    assert show.state.ended_at is None
    assert cue.item_id == "closing"


def test_hold_freezes_the_speaker_clock_and_adds_to_the_offset(
    show: Show, clock: SimClock, journal: Journal
) -> None:
    show.start()
    clock.advance(100)
    assert show.hold() == []  # the same thing stays on air
    clock.advance(120)
    st = show.status()
    assert (st.held, st.elapsed, st.remaining) == (True, 100, 200)
    assert st.offset == 120
    assert st.projected_end == show.agenda.planned_end + 120
    show.resume()
    clock.advance(30)
    st = show.status()
    assert (st.held, st.elapsed, st.remaining, st.offset) == (False, 130, 170, 120)
    clock.advance(170)
    show.next()
    assert show.status().offset == 120  # the next speaker starts two minutes late
    show.toggle_hold()
    assert show.state.held_since == clock.now()
    show.toggle_hold()
    assert show.state.held_since is None
    assert action_names(journal) == ["start", "hold", "resume", "next", "hold", "resume"]


def test_next_while_held_starts_the_next_speaker_clock(show: Show, clock: SimClock) -> None:
    show.start()
    clock.advance(100)
    show.hold()
    clock.advance(50)
    show.next()
    clock.advance(10)
    st = show.status()
    assert (st.segment, st.held, st.elapsed) == (1, False, 10)
    assert show.elapsed(0, clock.now()) == 100


def test_extend_gives_and_takes_time(show: Show, clock: SimClock, journal: Journal) -> None:
    show.start()
    clock.advance(100)
    assert show.extend(60) == []
    st = show.status()
    assert (st.allotted, st.remaining, st.offset) == (360, 260, 60)
    assert st.projected_end == show.agenda.planned_end + 60
    show.extend(-60)
    show.extend(-60)
    st = show.status()
    assert (st.allotted, st.remaining, st.offset) == (240, 140, -60)
    with pytest.raises(ActionError, match="below zero"):
        show.extend(-241)
    assert show.status().allotted == 240
    assert action_names(journal) == ["start", "extend", "extend", "extend"]
    assert [e.args["seconds"] for e in read_entries(journal.path)[1:]] == [60, -60, -60]


def test_skipping_a_future_item_brings_the_projected_end_earlier(
    show: Show, clock: SimClock
) -> None:
    show.start()
    assert show.skip("coffee") == []  # nothing changes on air
    assert show.status().projected_end == show.agenda.planned_end - 600
    show.skip("talks")
    assert show.status().projected_end == show.agenda.planned_end - 600 - 1800
    assert show.item_state(1) is ItemState.SKIPPED
    assert show.status().next_item_index == 3
    clock.advance(300)
    (cue,) = show.next()
    assert cue.item_id == "closing"
    assert show.status().offset == 300 - 2700  # 45 minutes ahead of the plan


def test_skipping_the_current_item_moves_to_the_next_one(show: Show, clock: SimClock) -> None:
    show.start()
    clock.advance(300)
    show.next()
    clock.advance(100)
    (cue,) = show.skip()
    assert (cue.item_id, cue.scene, cue.reason) == ("coffee", "break", "skip")
    assert show.item_state(1) is ItemState.SKIPPED
    (cue,) = show.back()  # back passes over the skipped item
    assert cue.item_id == "opening"
    (cue,) = show.goto("talks")  # goto brings a skipped item back
    assert show.item_state(1) is ItemState.CURRENT


def test_skipping_the_last_item_ends_the_show(show: Show) -> None:
    show.goto("closing")
    (cue,) = show.skip()
    assert show.state.status == "ended"
    assert cue.scene == "closing"


def test_an_item_that_has_run_cannot_be_skipped(show: Show, journal: Journal) -> None:
    show.start()
    show.next()
    with pytest.raises(ActionError, match="already run"):
        show.skip("opening")
    with pytest.raises(ActionError, match="no item 'nope'"):
        show.skip("nope")
    assert action_names(journal) == ["start", "next"]


def test_end_stops_the_show_and_cues_the_end_scene(show: Show, clock: SimClock) -> None:
    show.start()
    clock.advance(100)
    (cue,) = show.end()
    assert (cue.scene, cue.item_id, cue.reason) == ("closing", None, "end")
    st = show.status()
    assert st.status == "ended"
    assert st.projected_end == clock.now()
    assert st.offset == clock.now() - show.agenda.planned_end
    clock.advance(1000)
    assert show.status().offset == 100 - 3600  # fixed at the moment it ended
    assert show.resumable is False


Act = Callable[[Show], Any]
NOT_RUNNING: list[tuple[str, Act, str]] = [
    ("next", lambda s: s.next(), "not running"),
    ("back", lambda s: s.back(), "not running"),
    ("hold", lambda s: s.hold(), "not running"),
    ("resume", lambda s: s.resume(), "not on hold"),
    ("extend", lambda s: s.extend(60), "not running"),
    ("skip", lambda s: s.skip(), "not running"),
    ("end", lambda s: s.end(), "not running"),
    ("goto", lambda s: s.goto("nope"), "no item 'nope'"),
]


@pytest.mark.parametrize(("name", "act", "message"), NOT_RUNNING, ids=[n[0] for n in NOT_RUNNING])
def test_actions_before_the_start_are_refused_and_not_journaled(
    show: Show, journal: Journal, name: str, act: Act, message: str
) -> None:
    before = show.state.copy()
    with pytest.raises(ActionError, match=message):
        act(show)
    assert show.state == before
    assert journal.entries == []
    assert read_entries(journal.path) == []


AFTER_START: list[tuple[str, list[str], Act, str]] = [
    ("start twice", [], lambda s: s.start(), "already started"),
    ("hold twice", ["hold"], lambda s: s.hold(), "already on hold"),
    ("resume unheld", [], lambda s: s.resume(), "not on hold"),
    ("back at first", [], lambda s: s.back(), "already at the first item"),
    ("next after end", ["end"], lambda s: s.next(), "not running"),
    ("back after end", ["end"], lambda s: s.back(), "not running"),
    ("hold after end", ["end"], lambda s: s.hold(), "not running"),
    ("extend after end", ["end"], lambda s: s.extend(5), "not running"),
    ("end twice", ["end"], lambda s: s.end(), "not running"),
    ("start after end", ["end"], lambda s: s.start(), "already started"),
]


@pytest.mark.parametrize(
    ("name", "setup", "act", "message"), AFTER_START, ids=[n[0] for n in AFTER_START]
)
def test_actions_that_make_no_sense_are_refused_and_not_journaled(
    show: Show, journal: Journal, name: str, setup: list[str], act: Act, message: str
) -> None:
    show.start()
    for step in setup:
        getattr(show, step)()
    before = show.state.copy()
    written = len(read_entries(journal.path))
    with pytest.raises(ActionError, match=message):
        act(show)
    assert show.state == before
    assert len(journal.entries) == written == len(read_entries(journal.path))


# ---- phases -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("remaining", "phase"),
    [
        (61, Phase.NORMAL),
        (60, Phase.WARNING),  # event timers: warning 1m
        (16, Phase.WARNING),
        (15, Phase.FINAL),  # final 15s
        (0, Phase.FINAL),
        (-0.25, Phase.OVERTIME),
    ],
)
def test_phase_follows_the_event_thresholds(
    show: Show, clock: SimClock, t0: float, remaining: float, phase: Phase
) -> None:
    show.start()
    clock.set(t0 + 300 - remaining)
    st = show.status()
    assert st.remaining == remaining
    assert st.phase is phase
    assert st.overtime == max(0, -remaining)


@pytest.mark.parametrize(
    ("remaining", "phase"),
    [
        (121, Phase.NORMAL),
        (120, Phase.WARNING),  # the item's own warning: 2m
        (90, Phase.WARNING),  # the event's 1m would still say normal here
        (16, Phase.WARNING),
        (15, Phase.FINAL),  # final inherited from the event
        (-1, Phase.OVERTIME),
    ],
)
def test_phase_follows_the_item_override(
    show: Show, clock: SimClock, remaining: float, phase: Phase
) -> None:
    show.goto("talks")
    clock.advance(600 - remaining)
    assert show.status().phase is phase


def test_phase_counts_extensions(show: Show, clock: SimClock) -> None:
    show.start()
    clock.advance(250)
    assert show.status().phase is Phase.WARNING
    show.extend(60)
    assert show.status().phase is Phase.NORMAL


# ---- offset and projected end -------------------------------------------------------------------


def test_keeping_time_keeps_the_offset_at_zero(show: Show, clock: SimClock) -> None:
    show.start()
    for seg in show.agenda.segments:
        st = show.status()
        assert (st.segment, st.offset, st.projected_end) == (seg.index, 0, show.agenda.planned_end)
        assert clock.now() == seg.planned_start
        clock.advance(seg.allotted)
        assert show.status().offset == 0
        show.next()
    st = show.status()
    assert (st.status, st.offset, st.projected_end) == ("ended", 0, show.agenda.planned_end)


def test_every_speaker_running_a_minute_over_adds_a_minute(show: Show, clock: SimClock) -> None:
    speakers = [s for s in show.agenda.segments if s.speaker_index is not None]
    assert len(speakers) == 4
    show.start()
    late = 0
    for seg in show.agenda.segments:
        st = show.status()
        assert st.offset == late
        assert st.projected_end == show.agenda.planned_end + late
        over = 60 if seg.speaker_index is not None else 0
        clock.advance(seg.allotted + over)
        assert show.status().offset == late + over  # it grows while the speaker runs over
        late += over
        show.next()
    st = show.status()
    assert st.offset == 60 * len(speakers)
    assert st.projected_end == show.agenda.planned_end + 60 * len(speakers)


def test_finishing_early_shows_as_ahead(show: Show, clock: SimClock) -> None:
    show.start()
    clock.advance(200)
    show.next()
    st = show.status()
    assert st.offset == -100
    assert st.projected_end == show.agenda.planned_end - 100


def test_projected_end_waits_for_an_item_with_a_fixed_start(tmp_path: Path) -> None:
    path = tmp_path / "fixed.yaml"
    path.write_text(
        f"""event:
  id: fixed
  title: Fixed
  date: 2021-03-09
  start: "10:00"
  end: "10:40"
  scenes: "{SCENES}"
items:
  - {{id: a, kind: other, title: A, scene: studio, duration: 10m}}
  - {{id: b, kind: other, title: B, scene: studio, duration: 10m, start: "10:30"}}
""",
        encoding="utf-8",
    )
    agenda = load_agenda(path)
    clock = SimClock(agenda.planned_start)
    show = Show(agenda, clock)
    show.start()
    clock.advance(120)
    assert show.status().projected_end == agenda.planned_end  # b still starts at 10:30
    clock.advance(60 * 35)  # a runs until 10:37: b can no longer start at 10:30
    assert show.status().projected_end == agenda.planned_end + 7 * 60


# ---- time used ----------------------------------------------------------------------------------


def uses(rows: list[Any]) -> dict[str, tuple[float, float]]:
    return {r.key: (r.used, r.allotted) for r in rows}


def test_speaker_and_region_time_used_against_allotted(show: Show, clock: SimClock) -> None:
    show.start()
    clock.advance(330)  # the moderator runs 30 s over
    show.next()
    show.extend(60)
    clock.advance(500)  # Anna, with a minute more
    show.next()
    clock.advance(600)  # Bohdan
    show.next()
    clock.advance(200)  # open floor, still running
    now = clock.now()
    assert uses(show.speaker_times(now)) == {
        "opening#1": (330, 300),
        "talks#1": (500, 660),
        "talks#2": (600, 600),
        "closing#1": (0, 900),
    }
    labels = [r.label for r in show.speaker_times(now)]
    assert labels[1] == "Анна Коваль — АППАУ"
    assert uses(show.region_times(now)) == {
        "mykolaiv": (330, 300 + 900),
        "kyiv": (500 + 200, 660 + 600),  # Anna and the talks' open floor
        "kharkiv": (600, 600),
    }


def test_a_skipped_item_counts_for_the_time_it_ran(show: Show, clock: SimClock) -> None:
    show.start()
    clock.advance(300)
    show.next()
    clock.advance(100)  # Anna speaks for 100 s, then the rest of the talks are skipped
    show.skip()
    regions = uses(show.region_times())
    assert regions["kyiv"] == (100, 600)
    assert "kharkiv" not in regions  # Bohdan never spoke and is not owed time


def test_a_skipped_future_item_is_not_owed_time(show: Show) -> None:
    show.start()
    show.skip("talks")
    assert set(uses(show.region_times())) == {"mykolaiv"}


def test_item_elapsed_and_remaining(show: Show, clock: SimClock) -> None:
    show.goto("talks")
    clock.advance(300)
    st = show.status()
    assert (st.item_elapsed, st.item_remaining) == (300, 300 + 600 + 600)
    assert (st.next_item_index, st.next_speaker_index) == (1, 1)
    show.next()
    clock.advance(700)  # Bohdan runs over: the item's remainder is the open floor only
    st = show.status()
    assert (st.item_elapsed, st.item_remaining) == (300 + 700, 600)


# ---- restart from the journal -------------------------------------------------------------------


def test_a_new_show_over_the_same_journal_resumes_where_it_was(
    agenda: Agenda, tmp_path: Path
) -> None:
    path = tmp_path / "j.jsonl"
    clock = SimClock(agenda.planned_start)
    with Journal(path) as journal:
        show = Show(agenda, clock, journal)
        show.start()
        clock.advance(300)
        show.next()
        clock.advance(45)
        show.extend(30)
        before = show.status()
    clock.advance(20)  # the console was down for 20 s
    with Journal(path) as journal:
        again = Show(agenda, clock, journal)
        st = again.status()
    assert again.resumable
    assert again.state == show.state
    assert (st.segment, st.elapsed, st.allotted) == (1, before.elapsed + 20, 630)
    assert again.current_cue().scene == "split"


# ---- properties ---------------------------------------------------------------------------------


class MemoryJournal:
    """Stands in for Journal in property tests: entries go through JSON as on disk, no fsync."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []

    @property
    def next_seq(self) -> int:
        return self.entries[-1].seq + 1 if self.entries else 1

    def append(self, at: float, kind: str, name: str, args: dict[str, Any] | None = None) -> Entry:
        line = Entry(self.next_seq, at, kind, name, dict(args or {})).to_json()
        obj = json.loads(line)
        entry = Entry(obj["seq"], obj["at"], obj["kind"], obj["name"], obj["args"])
        self.entries.append(entry)
        return entry


_GEN_DIR: list[Path] = []  # where generated agendas go: set once per module
_GEN_COUNT = count()


@pytest.fixture(scope="module", autouse=True)
def _generated_agendas_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    _GEN_DIR[:] = [tmp_path_factory.mktemp("generated-agendas")]


_DEFAULT_AGENDA: list[Agenda] = []


def _default_agenda() -> Agenda:
    if not _DEFAULT_AGENDA:
        _DEFAULT_AGENDA.append(load_agenda(DEFAULT))
    return _DEFAULT_AGENDA[0]


def _clock_text(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


@st.composite
def small_agendas(draw: st.DrawFn) -> Agenda:
    """1-4 items with 0-3 speakers, open floors, breaks, optional fixed starts after a gap."""
    begin = 10 * 3600
    cursor = 0
    items = []
    for i in range(draw(st.integers(1, 4))):
        speakers = draw(st.lists(st.integers(1, 600), max_size=3))
        item: dict[str, Any] = {
            "id": f"i{i}",
            "kind": "other" if speakers else draw(st.sampled_from(["break", "other"])),
            "title": f"Item {i}",
            "scene": "studio",
            "speakers": [{"role": f"S{j}", "time": f"{t}s"} for j, t in enumerate(speakers)],
        }
        if not speakers or draw(st.booleans()):
            duration = sum(speakers) + draw(st.integers(0 if speakers else 1, 900))
            item["duration"] = f"{duration}s"
        else:
            duration = sum(speakers)
        if draw(st.booleans()):
            cursor += draw(st.sampled_from([0, 60, 300]))
            item["start"] = _clock_text(begin + cursor)
        if draw(st.booleans()):
            item["timers"] = {"warning": "2m"}
        cursor += duration
        items.append(item)
    doc = {
        "event": {
            "id": "gen",
            "title": "Generated",
            "date": "2021-03-09",
            "start": _clock_text(begin),
            "end": _clock_text(begin + cursor),
            "scenes": str(SCENES),
        },
        "items": items,
    }
    path = _GEN_DIR[0] / f"a{next(_GEN_COUNT)}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_agenda(path)


def agendas() -> st.SearchStrategy[Agenda]:
    return st.one_of(small_agendas(), st.builds(_default_agenda))


# Clock advances are whole quarter seconds: exact in floating point, so timers must match exactly.
ADVANCE = st.tuples(st.just("advance"), st.integers(0, 4 * 900).map(lambda q: q / 4))


SIMPLE = [
    ("next", None),
    ("next", None),
    ("back", None),
    ("hold", None),
    ("resume", None),
    ("skip", None),
    ("end", None),
    ("start", None),
]


def steps_for(agenda: Agenda) -> st.SearchStrategy[list[tuple[str, Any]]]:
    """Start, then a mix of every action (some refused) and clock advances."""
    ids = [item.id for item in agenda.items] + ["missing"]
    simple = st.sampled_from(SIMPLE)
    action = st.one_of(
        simple.map(lambda a: [a]),
        simple.map(lambda a: [a]),
        st.sampled_from([("extend", s) for s in (60, -60, 30, -15, 0.25)]).map(lambda a: [a]),
        st.sampled_from([(name, i) for i in ids for name in ("goto", "skip_item")]).map(
            lambda a: [a]
        ),
        ADVANCE.map(lambda pause: [("hold", None), pause, ("resume", None)]),
        ADVANCE.map(lambda spent: [("next", None), spent, ("back", None)]),
    )
    # Each action is followed by some time passing (possibly none).
    pairs = st.lists(st.tuples(action, ADVANCE), min_size=5, max_size=30)
    return pairs.map(lambda ps: [("start", None), *(x for acts, adv in ps for x in (*acts, adv))])


def do(show: Show, clock: SimClock, step: tuple[str, Any]) -> bool | None:
    """Perform one step; None for a clock advance, else whether the action was accepted."""
    name, arg = step
    if name == "advance":
        clock.advance(arg)
        return None
    try:
        if name == "goto":
            show.goto(arg)
        elif name == "skip_item":
            show.skip(arg)
        elif name == "extend":
            show.extend(arg)
        else:
            getattr(show, name)()
    except ActionError:
        return False
    return True


PROPS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@PROPS
@given(data=st.data())
def test_replaying_any_prefix_of_the_journal_gives_the_live_state(data: st.DataObject) -> None:
    agenda = data.draw(agendas())
    steps = data.draw(steps_for(agenda))
    clock = SimClock(agenda.planned_start)
    journal = MemoryJournal()
    show = Show(agenda, clock, journal)  # type: ignore[arg-type]
    states = [show.state.copy()]
    for step in steps:
        before = show.state.copy()
        n = len(journal.entries)
        accepted = do(show, clock, step)
        if accepted:
            states.append(show.state.copy())
        else:
            assert show.state == before
            assert len(journal.entries) == n
    assert len(journal.entries) == len(states) - 1
    for k, state in enumerate(states):
        assert replay(agenda, journal.entries[:k]) == state
    restarted = Show(agenda, clock, journal)  # type: ignore[arg-type]
    assert restarted.state == show.state
    assert restarted.status() == show.status()


@PROPS
@given(data=st.data())
def test_timers_equal_clock_arithmetic(data: st.DataObject) -> None:
    agenda = data.draw(agendas())
    steps = data.draw(steps_for(agenda))
    clock = SimClock(agenda.planned_start)
    show = Show(agenda, clock)
    n = len(agenda.segments)
    used = [0.0] * n  # running time per segment, summed here from the clock advances
    extra = [0.0] * n
    held = False
    for step in steps:
        name, arg = step
        seg, status = show.state.seg, show.state.status
        if name == "advance" and status == "running" and not held:
            assert seg is not None
            used[seg] += arg
        accepted = do(show, clock, step)
        if accepted:
            current_item = (
                agenda.items[agenda.segments[seg].item_index].id if seg is not None else None
            )
            skips_current = status == "running" and (
                name == "skip" or (name == "skip_item" and arg == current_item)
            )
            if name == "hold":
                held = True
            elif name in ("resume", "start", "next", "back", "goto", "end") or skips_current:
                held = False
            elif name == "extend":
                assert seg is not None
                extra[seg] += arg
        now = clock.now()
        for i, segment in enumerate(agenda.segments):
            assert show.elapsed(i, now) == used[i]
            assert show.allotted(i) == segment.allotted + extra[i]
        st_ = show.status()
        assert st_.held == held
        if show.state.status == "running":
            cur = show.state.seg
            assert cur is not None
            assert st_.elapsed == used[cur]
            assert st_.remaining == agenda.segments[cur].allotted + extra[cur] - used[cur]
            assert st_.overtime == max(0.0, -st_.remaining)
        speakers = {r.key: r.used for r in show.speaker_times(now)}
        for segment in agenda.segments:
            if segment.speaker_index is not None:
                key = f"{agenda.items[segment.item_index].id}#{segment.speaker_index + 1}"
                assert speakers[key] == used[segment.index]


@PROPS
@given(data=st.data())
def test_offset_at_each_segment_start_is_actual_minus_planned_start(data: st.DataObject) -> None:
    agenda = data.draw(agendas())
    action = st.tuples(st.sampled_from(["next", "next", "hold", "resume"]), st.none())
    pairs = data.draw(st.lists(st.tuples(action, ADVANCE), min_size=3, max_size=30))
    steps = [x for pair in pairs for x in pair]
    lead = data.draw(st.integers(-600, 600))  # start early or late
    clock = SimClock(agenda.planned_start + lead)
    show = Show(agenda, clock)
    fixed = any(item.start is not None for item in agenda.items)
    for name, arg in [("start", None), *steps]:
        seg_before = show.state.seg
        accepted = do(show, clock, (name, arg))
        if not accepted or show.state.status != "running" or show.state.seg == seg_before:
            continue
        st_ = show.status()
        segment = agenda.segments[show.state.seg]
        assert st_.elapsed == 0
        # The offset is the projection's (issue 12 §1): with no fixed start it is how late this
        # segment starts; a fixed start ahead may absorb lateness or wait out earliness.
        assert st_.offset == st_.projected_end - agenda.item_ends[-1]
        if not fixed:
            assert st_.offset == clock.now() - segment.planned_start
