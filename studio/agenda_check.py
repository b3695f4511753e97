"""Checking an agenda file as a whole, every problem at its file:line:column.

pydantic checks each field (the models are studio/agenda_schema.py's, its errors worded by
studio/agenda_errors.py); the checks here need more than one field, or the scene map: item ids
unique, scenes known, timer thresholds in order, the event's time zone and hours, and the items'
planned times, which they work out on the way (the schedule studio/agenda.py's Agenda is built
on). One part is checked even when another is broken, so that one run lists every problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ValidationError

from studio.agenda_errors import MAX_PROBLEMS, one_of, schema_problems, shown
from studio.agenda_schema import AgendaFile, Event, Item, Timers, event_time, merge_timers
from studio.problems import AgendaError, Problem
from studio.scenemap import SceneMap, load_scene_map
from studio.yamlpos import Located, Pos

# An item whose timing fields failed cannot be placed on the schedule; nor can an event's.
_TIMING_FIELDS = {"start", "duration", "speakers"}
_EVENT_TIMING = {"date", "timezone", "start", "end"}

_Parsed = TypeVar("_Parsed", bound=BaseModel)


@dataclass(frozen=True)
class Checked:
    """A file that passed every check: its models, its scene map, and each item's planned start
    and end (epoch seconds)."""

    file: AgendaFile
    scene_map: SceneMap
    starts: tuple[float, ...]
    ends: tuple[float, ...]


class _Problems:
    """The problems of one file, in the order they were found (a sort by position keeps that
    order for problems at one place)."""

    def __init__(self, name: str, located: Located) -> None:
        self.name = name
        self.located = located
        self.problems: list[Problem] = []
        self.unlisted = 0  # problems beyond MAX_PROBLEMS, counted but not worded

    def add(self, pos: Pos, message: str) -> None:
        self.problems.append(Problem(self.name, pos.line, pos.column, message))

    def at(self, path: tuple[Any, ...], message: str) -> None:
        self.add(self.located.where(path), message)

    def error(self) -> AgendaError:
        """Everything found, in file order (the scene map's problems after this file's)."""
        if not self.problems:
            self.add(Pos(1, 1), "the agenda could not be read")
        self.problems.sort(key=lambda p: (p.file != self.name, p.file, p.line, p.column))
        return AgendaError(_listed(self.problems, self.unlisted))


@dataclass(frozen=True)
class _Parts:
    """What of the file can be checked: the event and items as validated, or each salvaged
    without its bad fields (whose problems are already reported), None where that fails."""

    event: Event | None
    event_dropped: set[str]
    items: list[Item | None]
    untimed: set[int]


def check_agenda(path: Path, located: Located, scene_map: SceneMap | None) -> Checked:
    """Check the data of an agenda file; `scene_map` None loads the one the event names.
    Raises AgendaError listing every problem."""
    found = _Problems(str(path), located)
    data = located.data
    if not isinstance(data, dict):
        got = "the file is empty" if data is None else f"the file holds {shown(data)}"
        found.at((), f"{got}; expected a mapping with 'event' and 'items'")
        raise AgendaError(found.problems)
    parsed = _check_fields(data, found)
    parts = _parts(parsed, data)
    event = parts.event
    if scene_map is None and event is not None and "scenes" not in parts.event_dropped:
        scene_map = _scene_map(path, event, found)
    seen: dict[str, int] = {}
    for i, item in enumerate(parts.items):
        if item is not None:
            _check_item(i, item, seen, event, scene_map, found)
    timed = event is not None and _check_event(event, parts.event_dropped, scene_map, found)
    starts, ends = _schedule(event, parts, found) if event is not None and timed else ([], [])
    if found.problems or parsed is None or scene_map is None:
        raise found.error()
    return Checked(parsed, scene_map, tuple(starts), tuple(ends))


def _check_fields(data: dict[Any, Any], found: _Problems) -> AgendaFile | None:
    """The file validated field by field; None when a field is wrong, each such one reported."""
    try:
        return AgendaFile.model_validate(data)
    except ValidationError as exc:
        worded, found.unlisted = schema_problems(exc, data, found.located)
        for pos, message in worded:
            found.add(pos, message)
        return None


def _parts(parsed: AgendaFile | None, data: dict[Any, Any]) -> _Parts:
    # Validate what is valid piece by piece, so semantic problems show beside structural ones.
    if parsed is not None:
        return _Parts(parsed.event, set(), list(parsed.items), set())
    event, event_dropped = _salvage(Event, data.get("event"))
    raw_items = data.get("items")
    salvaged = [_salvage(Item, r) for r in raw_items] if isinstance(raw_items, list) else []
    return _Parts(
        event,
        event_dropped,
        [item for item, _ in salvaged],
        {i for i, (_, dropped) in enumerate(salvaged) if dropped & _TIMING_FIELDS},
    )


def _scene_map(path: Path, event: Event, found: _Problems) -> SceneMap | None:
    """The scene map the event names, relative to the agenda file; None if it fails to load."""
    map_path = (path.parent / event.scenes).resolve()
    try:
        return load_scene_map(map_path)
    except AgendaError as exc:
        found.problems.extend(exc.problems)
    except OSError:
        if "scenes" in event.model_fields_set:
            found.at(("event", "scenes"), f"scene map not found: {map_path}")
        else:
            found.add(
                found.located.where_key(("event",)),
                f"scene map not found: {map_path} (the default, {event.scenes} from the "
                "agenda's folder); expected a scene map there, or a 'scenes' key in the event "
                "naming another one, like scenes: ../scenes/default.yaml",
            )
    return None


def _check_item(
    i: int,
    item: Item,
    seen: dict[str, int],
    event: Event | None,
    scene_map: SceneMap | None,
    found: _Problems,
) -> None:
    """An item's id is its own (`seen`: the items before it, by id), its and its speakers' scenes
    are in the scene map, and its and its speakers' timer thresholds, on top of the event's, are
    in order."""
    if item.id in seen:
        found.at(
            ("items", i, "id"),
            f"duplicate item id '{item.id}': line "
            f"{found.located.where(('items', seen[item.id], 'id')).line} already uses it; "
            "expected each item to have its own id",
        )
    else:
        seen[item.id] = i
    if scene_map is not None:
        _check_scenes(i, item, scene_map, found)
    base = event.timers if event else Timers()
    if item.timers is not None:
        _check_timers(
            merge_timers(base, item.timers),
            item.timers.model_fields_set,
            "the event's",
            ("items", i, "timers"),
            found,
        )
    item_sets = item.timers.model_fields_set if item.timers is not None else set()
    for j, sp in enumerate(item.speakers):
        if sp.timers is not None:
            _check_timers(
                merge_timers(merge_timers(base, item.timers), sp.timers),
                sp.timers.model_fields_set,
                {k: "the item's" if k in item_sets else "the event's" for k in Timers.model_fields},
                ("items", i, "speakers", j, "timers"),
                found,
            )


def _check_scenes(i: int, item: Item, scene_map: SceneMap, found: _Problems) -> None:
    """The item's scene and each speaker's (their own, or their place's) are in the scene map."""
    if item.scene not in scene_map.scenes:
        found.at(
            ("items", i, "scene"),
            f"unknown scene '{item.scene}'{one_of(item.scene, scene_map.scenes)}",
        )
    for j, sp in enumerate(item.speakers):
        if sp.scene is not None:
            if sp.scene not in scene_map.scenes:
                found.at(
                    ("items", i, "speakers", j, "scene"),
                    f"unknown scene '{sp.scene}'{one_of(sp.scene, scene_map.scenes)}",
                )
        elif sp.where is not None and scene_map.place_scene(sp.where) not in scene_map.scenes:
            scene = scene_map.place_scene(sp.where)
            found.at(
                ("items", i, "speakers", j, "where"),
                f"a {sp.where} speaker is on the scene '{scene}', which the scene map "
                f"{scene_map.path} does not have; expected a 'scene' for this speaker, a scene "
                f"'{scene}' in the scene map, or its 'places: {{{sp.where}: SCENE}}'",
            )


def _check_event(
    event: Event, dropped: set[str], scene_map: SceneMap | None, found: _Problems
) -> bool:
    """The event's scenes, time zone, timer thresholds and hours (`dropped`: its fields left out
    as invalid). Returns whether its date, time zone, start and end can place the items."""
    timed = not dropped & _EVENT_TIMING
    if scene_map is not None:
        for key in ("pre_show_scene", "end_scene"):
            value = getattr(event, key)
            if key not in dropped and value not in scene_map.scenes:
                found.at(
                    ("event", key), f"unknown scene '{value}'{one_of(value, scene_map.scenes)}"
                )
    try:
        ZoneInfo(event.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        found.at(
            ("event", "timezone"),
            f"unknown time zone '{event.timezone}'; expected a name like Europe/Kyiv",
        )
        timed = False
    _check_timers(
        event.timers, event.timers.model_fields_set, "the default", ("event", "timers"), found
    )
    if timed and event.end <= event.start:
        found.at(
            ("event", "end"),
            f"event end {event.end:%H:%M} is not after its start {event.start:%H:%M}; "
            f"expected an end later than {event.start:%H:%M}",
        )
    return timed


def _check_timers(
    timers: Timers,
    explicit: set[str],
    inherited: str | dict[str, str],
    path: tuple[Any, ...],
    found: _Problems,
) -> None:
    """Report a `final` threshold not shorter than `warning`, naming where each came from
    (`inherited`: whose a threshold not set here is, or whose each one is, by name)."""
    if timers.final < timers.warning:
        return

    def given(key: str) -> str:
        value = _dur(getattr(timers, key))
        whose = inherited if isinstance(inherited, str) else inherited[key]
        return value if key in explicit else f"{value} ({whose})"

    at = next((k for k in ("final", "warning") if k in explicit), None)
    found.at(
        (*path, at) if at else path,
        f"timer 'final' {given('final')} is not shorter than 'warning' {given('warning')}; "
        "expected 'final' below 'warning', like {warning: 2m, final: 30s}",
    )


def _schedule(event: Event, parts: _Parts, found: _Problems) -> tuple[list[float], list[float]]:
    """Each placed item's planned start and end (epoch seconds), checked against the event's hours
    and the item before it. An item without a start time follows the one before it."""
    tz = ZoneInfo(event.timezone)
    event_end = event_time(event, event.end)
    # NaN: the item before could not be placed, so neither can one that follows it.
    cursor = event_time(event, event.start)
    # With the event's end before its start, that one problem is reported, not every item.
    check_end = event.end > event.start
    prev_id: str | None = None
    prev_start: float | None = None
    starts: list[float] = []
    ends: list[float] = []
    for i, item in enumerate(parts.items):
        if item is None or i in parts.untimed:
            cursor = float("nan")
            continue
        duration = _duration(i, item, found)
        if duration is None:
            cursor = float("nan")
            continue
        start = _start(i, item, event, cursor, prev_id, prev_start, found)
        end = start + duration
        if check_end and start == start and end > event_end:
            found.at(
                ("items", i),
                f"item '{item.id}' ends at {_clock(end, tz)}, {_dur(end - event_end)} after "
                f"the event end {event.end:%H:%M}; expected the plan to end by "
                f"{event.end:%H:%M}",
            )
        starts.append(start)
        ends.append(end)
        prev_id, prev_start, cursor = item.id, start, end
    return starts, ends


def _duration(i: int, item: Item, found: _Problems) -> int | None:
    """An item's planned length: its duration, else its speakers' time; None when it has neither.
    Speakers' time over the duration is reported."""
    spoken = sum(s.time for s in item.speakers)
    if item.duration is None:
        if not item.speakers:
            found.at(
                ("items", i),
                f"item '{item.id}' has no duration; expected 'duration' (like 10m) "
                "or speakers with time",
            )
            return None
        return spoken
    if spoken > item.duration:
        found.at(
            ("items", i, "duration"),
            f"speakers' time {_dur(spoken)} is more than the item's duration "
            f"{_dur(item.duration)}; expected a duration of {_dur(spoken)} or more",
        )
    return item.duration


def _start(
    i: int,
    item: Item,
    event: Event,
    cursor: float,
    prev_id: str | None,
    prev_start: float | None,
    found: _Problems,
) -> float:
    """Where an item starts: at `cursor`, where the one before it ends, or at its own start time,
    which must not be before the event's start, the start of the item before it (`prev_id` at
    `prev_start`) or the end of that one."""
    if item.start is None:
        return cursor
    start = event_time(event, item.start)
    here = found.located.where(("items", i, "start"))
    tz = ZoneInfo(event.timezone)
    if start < event_time(event, event.start):
        found.add(
            here,
            f"item '{item.id}' starts at {item.start:%H:%M}, "
            f"before the event start {event.start:%H:%M}; expected "
            f"{event.start:%H:%M} or later",
        )
    elif prev_start is not None and start < prev_start:
        later = f"; expected {_clock(cursor, tz)} or later" if cursor == cursor else ""
        found.add(
            here,
            f"planned times out of order: '{item.id}' at {item.start:%H:%M} comes "
            f"after '{prev_id}' at {_clock(prev_start, tz)}{later}",
        )
    elif cursor == cursor and start < cursor:
        found.add(
            here,
            f"'{item.id}' at {item.start:%H:%M} overlaps '{prev_id}', which runs "
            f"until {_clock(cursor, tz)}; expected a start at {_clock(cursor, tz)} "
            "or later",
        )
    return start


def _listed(problems: list[Problem], unlisted: int) -> list[Problem]:
    """The first MAX_PROBLEMS problems, and one line for the rest: a file of 90,000 wrong values
    is fixed from the top, not read to the end."""
    more = len(problems) - MAX_PROBLEMS + unlisted
    if more <= 0:
        return problems
    at = problems[min(MAX_PROBLEMS, len(problems) - 1)]
    rest = Problem(
        at.file,
        at.line,
        at.column,
        f"{more:,} more problem{'s' if more != 1 else ''} not listed; "
        f"expected at most {MAX_PROBLEMS} listed at once: fix these first",
    )
    return [*problems[:MAX_PROBLEMS], rest]


def _salvage(model: type[_Parsed], raw: Any) -> tuple[_Parsed | None, set[str]]:
    """Validate `raw`, or failing that validate it without its bad top-level keys.

    Returns the model (None if a required field is bad) and the set of keys left out.
    """
    if not isinstance(raw, dict):
        return None, set()
    try:
        return model.model_validate(raw), set()
    except ValidationError as exc:
        bad = {str(err["loc"][0]) for err in exc.errors() if err["loc"]}
    if any(f.is_required() for name, f in model.model_fields.items() if name in bad):
        return None, bad
    try:
        return model.model_validate({k: v for k, v in raw.items() if k not in bad}), bad
    except ValidationError:
        return None, bad


def _dur(seconds: float) -> str:
    """Seconds in the agenda's own notation: 1h30m, 8m, 90s -> 1m30s."""
    seconds = round(seconds)
    h, m, sec = seconds // 3600, seconds % 3600 // 60, seconds % 60
    text = "".join(f"{v}{u}" for v, u in ((h, "h"), (m, "m"), (sec, "s")) if v)
    return text or "0s"


def _clock(t: float, tz: ZoneInfo) -> str:
    return datetime.fromtimestamp(t, tz).strftime("%H:%M:%S").removesuffix(":00")
