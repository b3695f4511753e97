"""The event agenda: a validated agenda with its planned schedule, and loading one from YAML.

An agenda file holds `event` (titles, date, time zone, start and end, timer thresholds, the scene
map to use) and `items` (opening, region reports, discussions, breaks, closing), each with speakers
and their allotted time. `load_agenda` reports every problem at once; the planned schedule is
derived in one place (the items' times while the file is checked, their speakers' segments here)
so the show and the report agree on it.

What a file may hold is studio/agenda_schema.py's, how it is checked studio/agenda_check.py's and
how pydantic's errors are worded studio/agenda_errors.py's; their public names are importable
from here too, where the rest of the engine and the console import them from.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

# What moved to the agenda_* modules stays importable from here: `name as name` re-exports what
# __all__ does not list.
from studio.agenda_check import Checked, check_agenda
from studio.agenda_errors import MAX_PROBLEMS as MAX_PROBLEMS
from studio.agenda_schema import DISCUSSION_KINDS as DISCUSSION_KINDS
from studio.agenda_schema import FIRST_YEAR as FIRST_YEAR
from studio.agenda_schema import LAST_YEAR as LAST_YEAR
from studio.agenda_schema import MAX_DURATION as MAX_DURATION
from studio.agenda_schema import MAX_FLOOR as MAX_FLOOR
from studio.agenda_schema import MIN_FLOOR as MIN_FLOOR
from studio.agenda_schema import AgendaFile as AgendaFile
from studio.agenda_schema import ClockTime as ClockTime
from studio.agenda_schema import Duration as Duration
from studio.agenda_schema import (
    Event,
    Item,
    Speaker,
    TextModel,
    Timers,
    event_time,
    merge_timers,
    parse_clock,
    parse_duration,
    parse_floor,
)
from studio.agenda_schema import EventDate as EventDate
from studio.agenda_schema import ItemKind as ItemKind
from studio.agenda_schema import Lang as Lang
from studio.agenda_schema import Place as Place
from studio.agenda_schema import Text as Text
from studio.problems import AgendaError, Problem
from studio.scenemap import SceneMap
from studio.scenemap import load_scene_map as load_scene_map
from studio.yamlpos import Located as Located
from studio.yamlpos import Pos as Pos
from studio.yamlpos import YamlSyntaxError, gc_paused, read_located


@dataclass(frozen=True)
class Segment:
    """One timed stretch of the plan: a speaker's slot, or an item's time with no speaker left."""

    index: int
    item_index: int
    speaker_index: int | None
    allotted: int
    planned_start: float
    planned_end: float


@dataclass(frozen=True)
class Agenda:
    """A validated agenda with its planned schedule (epoch seconds) flattened into segments."""

    path: Path
    event: Event
    items: tuple[Item, ...]
    scene_map: SceneMap
    item_starts: tuple[float, ...]
    item_ends: tuple[float, ...]
    segments: tuple[Segment, ...]
    fingerprint: str
    given_ids: tuple[tuple[str, ...], ...] | None = None
    """Each item's speaker ids as the running order edited live keeps them (studio/order.py):
    a speaker moved or inserted never renames another. None: made from the speakers."""

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.event.timezone)

    @property
    def planned_start(self) -> float:
        return event_time(self.event, self.event.start)

    @property
    def planned_end(self) -> float:
        return event_time(self.event, self.event.end)

    def item_duration(self, i: int) -> int:
        return round(self.item_ends[i] - self.item_starts[i])

    def thresholds(self, item_index: int, speaker_index: int | None = None) -> Timers:
        """The timer thresholds of an item, or of one of its speakers: what the speaker sets, the
        rest from the item, and what the item does not set from the event."""
        item = self.items[item_index]
        timers = merge_timers(self.event.timers, item.timers)
        if speaker_index is None:
            return timers
        return merge_timers(timers, item.speakers[speaker_index].timers)

    def segment_thresholds(self, seg: int) -> Timers:
        """The thresholds of a segment: its speaker's, or its item's for time with no speaker."""
        s = self.segments[seg]
        return self.thresholds(s.item_index, s.speaker_index)

    @cached_property
    def _item_segments(self) -> tuple[range, ...]:
        bounds: dict[int, list[int]] = {}
        for seg in self.segments:
            bounds.setdefault(seg.item_index, []).append(seg.index)
        return tuple(range(bounds[i][0], bounds[i][-1] + 1) for i in range(len(self.items)))

    @cached_property
    def _ids(self) -> dict[str, int]:
        return {item.id: i for i, item in enumerate(self.items)}

    def item_segments(self, item_index: int) -> range:
        """Indexes of the item's segments (they are contiguous)."""
        return self._item_segments[item_index]

    def first_segment(self, item_index: int) -> int:
        return self._item_segments[item_index][0]

    def item_index(self, item_id: str) -> int:
        return self._ids[item_id]

    @cached_property
    def speaker_ids(self) -> tuple[tuple[str, ...], ...]:
        """Each item's speaker ids: the speaker's own `id`, else one made from the name or role
        (so inserting or reordering speakers never renames the others), unique in the item."""
        if self.given_ids is not None:
            return self.given_ids
        out = []
        for item in self.items:
            seen: set[str] = set()
            ids = []
            for n, sp in enumerate(item.speakers, 1):
                base = sp.id or _slug(sp.name or sp.role) or f"speaker-{n}"
                sid, k = base, 1
                while sid in seen:
                    k += 1
                    sid = f"{base}-{k}"
                seen.add(sid)
                ids.append(sid)
            out.append(tuple(ids))
        return tuple(out)

    def speaker_id(self, item_index: int, speaker_index: int | None) -> str | None:
        """The id of a speaker of an item (None for an item's time with no speaker)."""
        if speaker_index is None:
            return None
        return self.speaker_ids[item_index][speaker_index]

    @cached_property
    def _segment_ids(self) -> dict[tuple[str, str | None], int]:
        return {
            (self.items[s.item_index].id, self.speaker_id(s.item_index, s.speaker_index)): s.index
            for s in self.segments
        }

    def segment_for(self, item_id: str, speaker_id: str | None) -> int | None:
        """The segment of an item's speaker (or of its speaker-less time), by ids; None if the
        agenda has no such item or speaker."""
        return self._segment_ids.get((item_id, speaker_id))

    def segment_ids(self, seg: int) -> tuple[str, str | None]:
        """(item id, speaker id) of a segment: how journals name a place in the show."""
        s = self.segments[seg]
        return self.items[s.item_index].id, self.speaker_id(s.item_index, s.speaker_index)

    def outline(self) -> list[list[str]]:
        """Item ids each followed by its speaker ids: what a journal remembers of its agenda."""
        return [[item.id, *ids] for item, ids in zip(self.items, self.speaker_ids, strict=True)]

    def local(self, epoch: float) -> datetime:
        return datetime.fromtimestamp(epoch, self.tz)


def _slug(text: TextModel | None) -> str:
    if text is None:
        return ""
    return slug(text.get("en") or text.get("uk"))


def slug(raw: str) -> str:
    """A speaker id made from a name: lower case, words joined by '-'."""
    return re.sub(r"[^\w]+", "-", raw.casefold()).strip("-_")[:60]


def load_agenda(path: str | Path, scene_map: SceneMap | None = None) -> Agenda:
    """Load and validate an agenda file. Raises AgendaError listing every problem."""
    path = Path(path)
    name = str(path)
    with gc_paused():
        try:
            located = read_located(path)
        except OSError as exc:
            problem = Problem(name, 1, 1, f"cannot read the file: {exc.strerror}")
            raise AgendaError([problem]) from None
        except YamlSyntaxError as exc:
            raise AgendaError([Problem(name, exc.pos.line, exc.pos.column, exc.message)]) from None
        return _planned(path, check_agenda(path, located, scene_map))


def _planned(path: Path, checked: Checked) -> Agenda:
    """The checked file as an Agenda: each item's time cut into its speakers' slots, and each
    speaker's scene resolved from their place."""
    items = _placed(checked.file.items, checked.scene_map)
    segments = cut_segments(items, checked.starts, checked.ends)
    fingerprint = file_fingerprint(path)
    return Agenda(
        path=path,
        event=checked.file.event,
        items=items,
        scene_map=checked.scene_map,
        item_starts=checked.starts,
        item_ends=checked.ends,
        segments=tuple(segments),
        fingerprint=fingerprint,
    )


def cut_segments(
    items: Sequence[Item], starts: Sequence[float], ends: Sequence[float]
) -> tuple[Segment, ...]:
    """Each item's time cut into its speakers' slots, then the rest of it (the open floor, or
    the whole item when it has no speaker)."""
    segments: list[Segment] = []
    for i, item in enumerate(items):
        t = starts[i]
        for j, sp in enumerate(item.speakers):
            segments.append(Segment(len(segments), i, j, sp.time, t, t + sp.time))
            t += sp.time
        rest = ends[i] - t
        if rest > 0 or not item.speakers:
            segments.append(Segment(len(segments), i, None, round(rest), t, ends[i]))
    return tuple(segments)


def file_fingerprint(path: Path) -> str:
    """What the agenda file held when it was read: journals and resume cards compare it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _placed(items: tuple[Item, ...], scene_map: SceneMap) -> tuple[Item, ...]:
    """The items with a scene for each speaker who gives a place (`where`) and no scene: the scene
    map's scene for that place. Speakers with neither keep None: the item's scene is theirs."""

    def placed(sp: Speaker) -> Speaker:
        if sp.scene is not None or sp.where is None:
            return sp
        return sp.model_copy(update={"scene": scene_map.place_scene(sp.where)})

    return tuple(
        item.model_copy(update={"speakers": tuple(placed(sp) for sp in item.speakers)})
        if any(sp.where is not None and sp.scene is None for sp in item.speakers)
        else item
        for item in items
    )


def planned_gaps(agenda: Agenda) -> float:
    """Seconds of the event window that no item fills."""
    used = sum(e - s for s, e in zip(agenda.item_starts, agenda.item_ends, strict=True))
    return agenda.planned_end - agenda.planned_start - used


@dataclass(frozen=True)
class Hole:
    """A stretch of the event window no item fills (epoch seconds), before item `before`, or at
    the end of the event when `before` is None."""

    start: float
    end: float
    before: int | None

    @property
    def length(self) -> float:
        return self.end - self.start


def planned_holes(agenda: Agenda) -> tuple[Hole, ...]:
    """The plan's holes in order: before a fixed-start item that the one before it does not reach
    (or the first item, after the event start), and between the last item and the event end."""
    holes: list[Hole] = []
    reached = agenda.planned_start
    for i, (start, end) in enumerate(zip(agenda.item_starts, agenda.item_ends, strict=True)):
        if start > reached:
            holes.append(Hole(reached, start, i))
        reached = max(reached, end)
    if agenda.planned_end > reached:
        holes.append(Hole(reached, agenda.planned_end, None))
    return tuple(holes)


__all__ = [
    "Agenda",
    "AgendaError",
    "Event",
    "Hole",
    "Item",
    "Problem",
    "Segment",
    "Speaker",
    "TextModel",
    "Timers",
    "cut_segments",
    "event_time",
    "load_agenda",
    "merge_timers",
    "parse_clock",
    "parse_duration",
    "parse_floor",
    "planned_gaps",
    "planned_holes",
    "slug",
]
