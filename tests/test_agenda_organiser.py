"""What an organiser could not write before (issue 12, section 5), and the re-plan's fields.

A second event, a regional forum (config/regional-forum.yaml), was written against the schema:
speakers' places with their scenes, a Q&A, a speaker's own timer thresholds, titles in one
language, labels with name and role, items a re-plan may drop (`optional`) or shorten only so far
(`floor`). Each is loaded here, and each way of writing it wrong is a problem at file:line:column.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.agenda import (
    MAX_FLOOR,
    MIN_FLOOR,
    AgendaError,
    Timers,
    load_agenda,
    parse_floor,
)
from studio.clock import SimClock
from studio.show import Show

REPO = Path(__file__).resolve().parent.parent
SCENES = REPO / "scenes" / "default.yaml"
FORUM = REPO / "config" / "regional-forum.yaml"

HEAD = """\
event:
  id: t
  title: {uk: Тест, en: Test}
  date: 2021-03-09
  start: "10:00"
  end: "12:00"
  timers: {warning: 2m, final: 30s}
  scenes: "@SCENES@"
items:
"""


def write(tmp_path: Path, items: str, head: str = HEAD, name: str = "agenda.yaml") -> Path:
    path = tmp_path / name
    path.write_text((head + items).replace("@SCENES@", str(SCENES)), encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(AgendaError) as info:
        load_agenda(path)
    return [str(p) for p in info.value.problems]


def line_col(path: Path, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the `nth` occurrence of `needle` in the file."""
    seen = 0
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        at = line.find(needle)
        while at >= 0:
            if seen == nth:
                return n, at + 1
            seen += 1
            at = line.find(needle, at + 1)
    raise AssertionError(f"{needle!r} not in {path}")


# ---- the example agenda -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def forum():
    return load_agenda(FORUM)


def test_the_regional_forum_loads_and_fills_14_to_17(forum) -> None:
    assert forum.local(forum.planned_start).strftime("%H:%M") == "14:00"
    assert forum.local(forum.item_ends[-1]).strftime("%H:%M") == "17:00"
    assert [item.kind for item in forum.items] == [
        "opening",
        "keynote",
        "discussion",
        "break",
        "presentation",
        "qa",
        "closing",
    ]


# ---- 1. optional items and floors ---------------------------------------------------------------


def test_optional_and_floor_are_read_and_default_to_none(forum) -> None:
    by_id = {item.id: item for item in forum.items}
    assert by_id["partners"].optional is True
    assert by_id["keynote"].floor == 0.8
    assert by_id["qa"].floor == pytest.approx(0.9)  # written 90%
    assert by_id["opening"].optional is False
    assert by_id["opening"].floor is None  # the planner's default


@pytest.mark.parametrize(
    ("value", "fraction"),
    [(0.7, 0.7), (0.5, 0.5), (1, 1.0), (1.0, 1.0), ("70%", 0.7), (" 100 % ", 1.0), ("50%", 0.5)],
)
def test_floors_parse(value: object, fraction: float) -> None:
    assert parse_floor(value) == pytest.approx(fraction)
    assert MIN_FLOOR <= parse_floor(value) <= MAX_FLOOR


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0.3, "got 0.3"),
        (1.2, "got 1.2"),
        (70, "a percentage is written with %, like 70%"),
        ("30%", "got 30%"),
        ("0.7", "got '0.7'"),
        (True, "got True"),
        (None, "got None"),
        (float("nan"), "got nan"),
    ],
)
def test_bad_floors_are_refused_with_what_was_expected(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=r"expected a fraction from 0\.5 to 1") as info:
        parse_floor(value)
    assert message in str(info.value)


def test_a_bad_floor_in_a_file_is_placed_at_its_value(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "  - {id: a, kind: break, title: A, scene: break, duration: 10m, floor: 40%}\n"
        "  - {id: b, kind: break, title: B, scene: break, duration: 10m, optional: yes}\n",
    )
    line, col = line_col(path, "40%")
    assert problems(path) == [
        f"{path}:{line}:{col}: 'floor': expected a fraction from 0.5 to 1 (or 50% to 100%), "
        "like 0.7 or 70%, got 40%"
    ]
    path = write(tmp_path, "  - {id: a, kind: break, title: A, scene: break, duration: 10m}\n")
    assert load_agenda(path).items[0].optional is False


# ---- 2. a speaker's place and its scene ---------------------------------------------------------


def test_a_speakers_scene_follows_their_place(forum) -> None:
    opening = forum.items[0]
    host, mayor = opening.speakers
    assert (host.where, host.scene) == ("studio", "studio")
    assert (mayor.where, mayor.scene, mayor.remote) == ("remote", "remote", True)
    panel = forum.items[2]
    assert [(sp.where, sp.scene) for sp in panel.speakers] == [
        ("remote", "remote"),
        ("studio", "studio"),
        ("remote", "split"),  # their own scene wins over their place's
    ]
    keynote = forum.items[1].speakers[0]
    assert (keynote.where, keynote.scene) == (None, None)  # neither: the item's scene


def test_the_show_cues_the_place_scene(forum) -> None:
    show = Show(forum, SimClock(forum.planned_start))
    (cue,) = show.start()
    assert cue.scene == "studio"
    (cue,) = show.next()
    assert cue.scene == "remote"  # the mayor, remote, in a studio item
    (cue,) = show.next()
    assert cue.scene == "slides"  # the keynote speaker has no place: the item's scene


def test_a_scene_map_names_the_scene_of_a_place(tmp_path: Path) -> None:
    scenes = tmp_path / "scenes.yaml"
    scenes.write_text(
        "scenes:\n  studio: Studio\n  zoom: Zoom call\nplaces:\n  remote: zoom\n",
        encoding="utf-8",
    )
    head = HEAD.replace('"@SCENES@"', str(scenes)).replace(
        "timers:", "pre_show_scene: studio\n  end_scene: studio\n  timers:"
    )
    path = write(
        tmp_path,
        "  - id: talk\n    kind: qa\n    title: Q&A\n    scene: studio\n    speakers:\n"
        "      - {name: Ihor, where: remote, time: 5m}\n"
        "      - {name: Olena, where: studio, time: 5m}\n",
        head=head,
    )
    agenda = load_agenda(path)
    assert [sp.scene for sp in agenda.items[0].speakers] == ["zoom", "studio"]
    assert agenda.scene_map.place_scene("remote") == "zoom"
    assert agenda.scene_map.place_scene("studio") == "studio"


def test_a_place_whose_scene_the_map_lacks_is_a_problem_at_where(tmp_path: Path) -> None:
    scenes = tmp_path / "scenes.yaml"
    scenes.write_text("scenes:\n  studio: Studio\n  holding: Hold\n", encoding="utf-8")
    path = write(
        tmp_path,
        "  - id: talk\n    kind: opening\n    title: Hi\n    scene: studio\n    speakers:\n"
        "      - name: Ihor\n        where: remote\n        time: 5m\n",
        head=HEAD.replace('"@SCENES@"', str(scenes)),
    )
    line, col = line_col(path, "remote")
    assert problems(path) == [
        f"{path}:{line}:{col}: a remote speaker is on the scene 'remote', which the scene map "
        f"{scenes} does not have; expected a 'scene' for this speaker, a scene 'remote' in the "
        "scene map, or its 'places: {remote: SCENE}'"
    ]


def test_a_place_that_is_neither_studio_nor_remote_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "  - id: talk\n    kind: opening\n    title: Hi\n    scene: studio\n    speakers:\n"
        "      - {name: Ihor, where: Odesa, time: 5m}\n",
    )
    line, col = line_col(path, "Odesa")
    assert problems(path) == [
        f"{path}:{line}:{col}: 'where' is 'Odesa'; expected one of: studio, remote"
    ]


def test_a_scene_maps_places_are_checked(tmp_path: Path) -> None:
    scenes = tmp_path / "scenes.yaml"
    scenes.write_text(
        "scenes:\n  studio: Studio\nplaces:\n  remote: zoom\n  stage: studio\n  studio: 5\n",
        encoding="utf-8",
    )
    path = write(
        tmp_path,
        "  - {id: a, kind: break, title: A, scene: studio, duration: 10m}\n",
        head=HEAD.replace('"@SCENES@"', str(scenes)),
    )
    assert problems(path) == [
        f"{scenes}:6:11: 'places.studio' is 5; expected a logical scene name, as text",
    ]
    scenes.write_text(
        "scenes:\n  studio: Studio\nplaces:\n  remote: zoom\n  stage: studio\n", encoding="utf-8"
    )
    assert problems(path) == [
        f"{scenes}:4:11: place 'remote' is the scene 'zoom', which the map does not have; "
        "expected one of: studio",
        f"{scenes}:5:3: unknown place 'stage'; expected one of: studio, remote",
    ]


# ---- 3. a Q&A ------------------------------------------------------------------------------------


def test_a_qa_is_run_like_a_discussion(forum) -> None:
    qa = forum.item_index("qa")
    assert forum.items[qa].kind == "qa"
    assert forum.items[qa].is_discussion
    assert forum.items[forum.item_index("panel")].is_discussion
    assert not forum.items[forum.item_index("keynote")].is_discussion
    # Speakers, then the open floor, as a discussion's.
    segs = [forum.segments[s] for s in forum.item_segments(qa)]
    assert [(s.speaker_index, s.allotted) for s in segs] == [(0, 900), (1, 900), (None, 900)]


# ---- 4. a speaker's own timer thresholds --------------------------------------------------------


def test_a_speaker_may_set_their_own_thresholds(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "  - id: talk\n    kind: discussion\n    title: Talk\n    scene: panel\n"
        "    duration: 30m\n    timers: {warning: 5m}\n    speakers:\n"
        "      - {name: A, time: 10m, timers: {final: 1m}}\n"
        "      - {name: B, time: 10m}\n"
        "      - {name: C, time: 5m, timers: {warning: 1m, final: 10s}}\n",
    )
    agenda = load_agenda(path)

    def pair(t: Timers) -> tuple[int, int]:
        return t.warning, t.final

    assert pair(agenda.thresholds(0)) == (300, 30)  # the old call: the item's
    assert pair(agenda.thresholds(0, 0)) == (300, 60)  # final its own
    assert pair(agenda.thresholds(0, 1)) == (300, 30)  # the item's
    assert pair(agenda.thresholds(0, 2)) == (60, 10)
    assert agenda.thresholds(0, None) == agenda.thresholds(0)
    assert [pair(agenda.segment_thresholds(s.index)) for s in agenda.segments] == [
        (300, 60),
        (300, 30),
        (60, 10),
        (300, 30),  # the open floor: the item's
    ]


# ---- 5. titles in one language, labels with name and role ---------------------------------------


def test_a_title_in_one_language_is_the_others_too(forum) -> None:
    assert forum.event.title.get("en") == forum.event.title.get("uk")
    keynote = forum.items[forum.item_index("keynote")]
    assert keynote.title.get("uk") == keynote.title.get("en") == "Industry 4.0 in the ports"


def test_a_title_in_no_language_is_a_problem(tmp_path: Path) -> None:
    path = write(
        tmp_path, "  - {id: a, kind: break, title: {en: ''}, scene: break, duration: 5m}\n"
    )
    line, col = line_col(path, "{en")
    assert problems(path) == [
        f"{path}:{line}:{col}: 'title' of item 'a' has no text; expected {{uk: ...}}, "
        "{en: ...} or both"
    ]


def test_labels_show_name_and_role(forum) -> None:
    mayor = forum.items[0].speakers[1]
    assert mayor.label("en") == "Ihor Melnyk, Mayor of Odesa"
    assert mayor.label("uk") == "Ігор Мельник, Міський голова Одеси"
    assert mayor.lower_third_lines("en") == ("Ihor Melnyk", "Mayor of Odesa")
    keynote = forum.items[1].speakers[0]  # with an organisation: name and where they come from
    assert keynote.label("en") == "Andrii Bondar — IAM cluster"
    qa_host = forum.items[forum.item_index("qa")].speakers[1]  # a role alone
    assert qa_host.label("en") == "Moderator"


# ---- 7. the scene map the agenda does not name --------------------------------------------------


def test_a_missing_default_scene_map_says_that_a_scenes_key_chooses_one(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "  - {id: a, kind: break, title: A, scene: break, duration: 5m}\n",
        head=HEAD.replace('  scenes: "@SCENES@"\n', ""),
    )
    default = (tmp_path / "../scenes/default.yaml").resolve()
    assert problems(path) == [
        f"{path}:1:1: scene map not found: {default} (the default, ../scenes/default.yaml "
        "from the agenda's folder); expected a scene map there, or a 'scenes' key in the "
        "event naming another one, like scenes: ../scenes/default.yaml"
    ]


# ---- 8. the event's header facts ----------------------------------------------------------------


def test_the_header_facts_are_on_the_model(forum) -> None:
    ev = forum.event
    assert ev.online is True
    assert [o.get("en") for o in ev.organisers] == ["Maritime Cluster of Ukraine", "APPAU"]
    assert ev.part_of is not None and ev.part_of.get("en") == "EU Industry Days"
    assert ev.venue is not None and ev.venue.get("uk") == "Онлайн; студія в Одесі"
