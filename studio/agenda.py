"""The event agenda: its models, loading from YAML and validation with file:line:column messages.

An agenda file holds `event` (titles, date, time zone, start and end, timer thresholds, the scene
map to use) and `items` (opening, region reports, discussions, breaks, closing), each with speakers
and their allotted time. `load_agenda` reports every problem at once; the planned schedule is
derived here so the show and the report agree on it.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from studio.problems import AgendaError, Problem
from studio.scenemap import SceneMap, load_scene_map
from studio.yamlpos import Located, Pos, YamlSyntaxError, gc_paused, read_located

ItemKind = Literal[
    "opening", "region", "discussion", "break", "closing", "keynote", "presentation", "other"
]
Lang = Literal["uk", "en"]

# No item or speaker can be longer than the event, whose start and end are times of one day.
MAX_DURATION = 24 * 3600
# Live events happen now: a date far off would put the plan's times past what datetimes hold.
FIRST_YEAR, LAST_YEAR = 2000, 2999
# Problems worded per load; beyond them one line counts the rest.
MAX_PROBLEMS = 100

_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def parse_duration(value: Any) -> int:
    """'1h30m', '8m', '90s', '7m30s' -> seconds. Plain numbers are refused: minutes or seconds?"""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(
            f"expected a duration with a unit like 8m, 1h30m or 90s, got the plain number {value!r}"
        )
    if not isinstance(value, str):
        raise ValueError(f"expected a duration like 8m, 1h30m or 90s, got {value!r}")
    text = value.strip()
    if text.startswith("-"):
        raise ValueError(f"expected a duration of more than zero, like 8m, got '{_clipped(text)}'")
    m = _DURATION.match(text)
    if not text or not m or not any(m.groups()):
        raise ValueError(f"expected a duration like 8m, 1h30m or 90s, got '{_clipped(text)}'")
    too_long = f"expected a duration of at most {MAX_DURATION // 3600}h, got '{_clipped(text)}'"
    # Seven digits are more than 24h in any unit; int() of thousands of digits is refused.
    if any(g and len(g.lstrip("0")) > 6 for g in m.groups()):
        raise ValueError(too_long)
    h, mi, s = (int(g) if g else 0 for g in m.groups())
    seconds = h * 3600 + mi * 60 + s
    if seconds <= 0:
        raise ValueError(f"expected a duration of more than zero, like 8m, got '{_clipped(text)}'")
    if seconds > MAX_DURATION:
        raise ValueError(too_long)
    return seconds


def _clipped(text: str, limit: int = 40) -> str:
    """`text` shortened for a message: a mutated file can hold a megabyte on one line."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_clock(value: Any) -> time:
    """'10:00' or '10:00:30' -> time of day."""
    if isinstance(value, time):
        return value
    m = _CLOCK.match(str(value).strip()) if isinstance(value, str) else None
    if not m:
        raise ValueError(f"expected a time of day like 10:00, got {value!r}")
    h, mi, s = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    if h > 23 or mi > 59 or s > 59:
        raise ValueError(f"expected a time of day like 10:00, got {value!r}")
    return time(h, mi, s)


def _event_date(value: date) -> date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(
            f"expected a date in the years {FIRST_YEAR} to {LAST_YEAR}, like 2021-03-09, "
            f"got {value.isoformat()}"
        )
    return value


def _text_from_str(value: Any) -> Any:
    return {"uk": value, "en": value} if isinstance(value, str) else value


Duration = Annotated[int, BeforeValidator(parse_duration)]
ClockTime = Annotated[time, BeforeValidator(parse_clock)]
EventDate = Annotated[date, AfterValidator(_event_date)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class TextModel(_Model):
    """A text in Ukrainian with an optional English version."""

    uk: str = Field(min_length=1)
    en: str | None = None

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.uk


Text = Annotated[TextModel, BeforeValidator(_text_from_str)]


class Timers(_Model):
    """Countdown thresholds: amber at `warning` left, red at `final` left."""

    warning: Duration = 60
    final: Duration = 15


class Speaker(_Model):
    # Journals name a speaker by id; without one it is derived from the name (see speaker_ids).
    id: str | None = Field(default=None, min_length=1, max_length=80, pattern=r"^[\w.-]+$")
    name: Text | None = None
    role: Text | None = None
    organisation: Text | None = None
    region: str | None = None
    time: Duration
    lower_third: tuple[str, ...] | None = Field(default=None, max_length=2)
    scene: str | None = None

    def label(self, lang: str) -> str:
        """Who this is, for the console: name, else role, plus organisation."""
        who = (self.name or self.role).get(lang) if (self.name or self.role) else ""
        org = self.organisation.get(lang) if self.organisation else ""
        return " — ".join(p for p in (who, org) if p)

    def lower_third_lines(self, lang: str) -> tuple[str, str]:
        if self.lower_third:
            lines = (*self.lower_third, "")
            return lines[0], lines[1]
        first = (self.name or self.role).get(lang) if (self.name or self.role) else ""
        second = self.organisation.get(lang) if self.organisation else ""
        if self.name and self.role:
            second = ", ".join(p for p in (self.role.get(lang), second) if p)
        return first, second


class Item(_Model):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    kind: ItemKind
    title: Text
    start: ClockTime | None = None
    duration: Duration | None = None
    scene: str
    region: str | None = None
    notes: Text | None = None
    speakers: tuple[Speaker, ...] = ()
    timers: Timers | None = None


class Event(_Model):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    title: Text
    date: EventDate
    timezone: str = "Europe/Kyiv"
    start: ClockTime
    end: ClockTime
    venue: Text | None = None
    online: bool = True
    organisers: tuple[Text, ...] = ()
    part_of: Text | None = None
    timers: Timers = Timers()
    scenes: str = "../scenes/default.yaml"
    pre_show_scene: str = "holding"
    end_scene: str = "holding"
    broadcast_language: Lang = "uk"


class AgendaFile(_Model):
    event: Event
    items: tuple[Item, ...] = Field(min_length=1)


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

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.event.timezone)

    @property
    def planned_start(self) -> float:
        return _at(self.event, self.event.start)

    @property
    def planned_end(self) -> float:
        return _at(self.event, self.event.end)

    def item_duration(self, i: int) -> int:
        return round(self.item_ends[i] - self.item_starts[i])

    def thresholds(self, item_index: int) -> Timers:
        """The item's timer thresholds: what the item sets, the rest from the event."""
        return merge_timers(self.event.timers, self.items[item_index].timers)

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
    raw = text.get("en") or text.get("uk")
    return re.sub(r"[^\w]+", "-", raw.casefold()).strip("-_")[:60]


def merge_timers(base: Timers, override: Timers | None) -> Timers:
    """`override`'s explicitly set thresholds on top of `base` (an item inherits the event's)."""
    if override is None:
        return base
    return base.model_copy(update={k: getattr(override, k) for k in override.model_fields_set})


def _at(event: Event, t: time) -> float:
    return datetime.combine(event.date, t, ZoneInfo(event.timezone)).timestamp()


def _dur(seconds: float) -> str:
    """Seconds in the agenda's own notation: 1h30m, 8m, 90s -> 1m30s."""
    seconds = round(seconds)
    h, m, sec = seconds // 3600, seconds % 3600 // 60, seconds % 60
    text = "".join(f"{v}{u}" for v, u in ((h, "h"), (m, "m"), (sec, "s")) if v)
    return text or "0s"


_TEXT = "a text, or {uk: ..., en: ...}"
_DURATION_HINT = "a duration like 8m, 1h30m or 90s"
_CLOCK_HINT = "a time of day like 10:00"
_SCENE_HINT = "a logical scene name from the scene map"
_HINTS: dict[str, str] = {
    "id": "a name of letters, digits, '-', '_' or '.'",
    "title": _TEXT,
    "name": _TEXT,
    "role": _TEXT,
    "organisation": _TEXT,
    "venue": _TEXT,
    "notes": _TEXT,
    "part_of": _TEXT,
    "uk": "a non-empty text",
    "en": "a text",
    "date": "a date like 2021-03-09",
    "start": _CLOCK_HINT,
    "end": _CLOCK_HINT,
    "duration": _DURATION_HINT,
    "time": _DURATION_HINT,
    "warning": _DURATION_HINT,
    "final": _DURATION_HINT,
    "scene": _SCENE_HINT,
    "pre_show_scene": _SCENE_HINT,
    "end_scene": _SCENE_HINT,
    "scenes": "the path of a scene map file",
    "timezone": "a time zone name like Europe/Kyiv",
    "region": "a region name like kyiv",
    "online": "true or false",
    "event": "a mapping with id, title, date, start and end",
    "items": "a list of items",
    "speakers": "a list of speakers",
    "organisers": "a list of texts",
    "lower_third": "a list of one or two lines",
    "timers": "a mapping like {warning: 2m, final: 30s}",
    "kind": "one of: " + ", ".join(get_args(ItemKind)),
    "broadcast_language": "one of: " + ", ".join(get_args(Lang)),
}
# What one entry of a list must be, by the list's key.
_ENTRY_HINTS: dict[str, str] = {
    "items": "an item: a mapping with id, kind, title and scene",
    "speakers": "a speaker: a mapping with name or role, and time",
    "organisers": _TEXT,
    "lower_third": "a line of text",
}


def _one_of(got: str, allowed: Any) -> str:
    """'; expected one of: ...', with a guess first when `got` looks like a typo of one of them."""
    names = [str(a) for a in allowed]
    if not names:
        return ""
    close = difflib.get_close_matches(got, names, n=1, cutoff=0.75)
    listed = ", ".join(names)
    if close:
        return f"; did you mean '{close[0]}'? Expected one of: {listed}"
    return f"; expected one of: {listed}"


def _shown(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return repr(value)


def _owner(loc: tuple[Any, ...], data: Any) -> tuple[str, tuple[Any, ...]]:
    """Describe the item, speaker or event a location is in; return the rest of the path."""
    if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
        raw = data.get("items") if isinstance(data, dict) else None
        entry = raw[loc[1]] if isinstance(raw, list) and loc[1] < len(raw) else None
        item_id = entry.get("id") if isinstance(entry, dict) else None
        item = f"item '{item_id}'" if isinstance(item_id, str) else f"item {loc[1] + 1}"
        if len(loc) >= 4 and loc[2] == "speakers" and isinstance(loc[3], int):
            return f"speaker {loc[3] + 1} of {item}", loc[4:]
        return item, loc[2:]
    if len(loc) >= 2 and loc[0] == "event":
        return "the event", loc[1:]
    return "the agenda", loc


def _hint(rest: tuple[Any, ...], owner: str) -> str | None:
    if not rest:
        return _ENTRY_HINTS["speakers" if owner.startswith("speaker") else "items"]
    last = rest[-1]
    if isinstance(last, int):
        return _ENTRY_HINTS.get(str(rest[-2])) if len(rest) > 1 else None
    return _HINTS.get(str(last))


def _pydantic_message(err: dict[str, Any], data: Any) -> str:
    """One pydantic error as a sentence: what is wrong, where, and what was expected."""
    kind = err["type"]
    loc = tuple(err["loc"])
    owner, rest = _owner(loc, data)
    label = ".".join(str(p) for p in rest)
    field = str(rest[-1]) if rest else ""
    hint = _hint(rest, owner)
    expect = f"; expected {hint}" if hint else ""
    inside = f"'{'.'.join(str(p) for p in rest[:-1])}' of {owner}" if len(rest) > 1 else owner
    if kind == "missing":
        return f"{inside} has no '{field}'{expect}"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(AgendaFile, loc[:-1])
        return f"unknown key '{field}' in {inside}{_one_of(field, allowed)}"
    if kind == "value_error":
        return f"'{label}': {err['ctx']['error']}"
    if kind == "string_pattern_mismatch":
        return f"'{label}' is {err['input']!r}; expected {_HINTS['id']}"
    if kind == "too_short" and field == "items":
        return "the agenda has no items; expected at least one"
    if kind == "string_too_short":
        return f"'{label}' is empty; expected {hint or 'a non-empty text'}"
    if kind == "too_long":
        return (
            f"'{label}' has {err['ctx']['actual_length']} entries; expected at most "
            f"{err['ctx']['max_length']}"
        )
    what = f"'{label}'" if rest else owner
    got = _shown(err.get("input"))
    if kind.startswith(("date_", "time_")) and ", " in err["msg"]:
        got = f"{got} ({err['msg'].split(', ', 1)[1]})"
    if hint:
        return f"{what} is {got}; expected {hint}"
    return f"{what}: {err['msg'].lower()}, got {got}"


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Walk the model along a pydantic location to list the keys allowed there."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        current = _inner_model(info.annotation) if info else None
    if current is None or not hasattr(current, "model_fields"):
        return []
    return list(current.model_fields)


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or getattr(annotation, "__metadata__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    return _inner_model(origin) if origin not in (None, annotation) else None


def _clock(t: float, tz: ZoneInfo) -> str:
    return datetime.fromtimestamp(t, tz).strftime("%H:%M:%S").removesuffix(":00")


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
        return _validate(path, located, scene_map)


def _validate(path: Path, located: Located, scene_map: SceneMap | None) -> Agenda:
    name = str(path)
    problems: list[Problem] = []

    def add(pos: Pos, message: str) -> None:
        problems.append(Problem(name, pos.line, pos.column, message))

    unlisted = 0  # problems beyond MAX_PROBLEMS, counted but not worded
    data = located.data
    if not isinstance(data, dict):
        got = "the file is empty" if data is None else f"the file holds {_shown(data)}"
        add(located.where(()), f"{got}; expected a mapping with 'event' and 'items'")
        raise AgendaError(problems)

    try:
        parsed: AgendaFile | None = AgendaFile.model_validate(data)
    except ValidationError as exc:
        parsed = None
        errors = []
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if not str(p).startswith("function-"))
            loc = _strip_validator_parts(loc)
            if err["type"] == "too_short" and loc == ("items",) and err.get("input"):
                continue  # pydantic's echo of failed items, not an empty list
            errors.append({**err, "loc": loc})
        # One past the limit is worded too: where the unlisted ones start.
        unlisted += max(len(errors) - MAX_PROBLEMS - 1, 0)
        for err in errors[: MAX_PROBLEMS + 1]:
            loc = err["loc"]
            pos = (
                located.where_key(loc)
                if err["type"] == "extra_forbidden"
                else (located.where(loc) if loc in located.values else located.where(loc[:-1]))
            )
            add(pos, _pydantic_message(err, data))

    # Validate what is valid piece by piece, so semantic problems show beside structural ones:
    # a part with a bad field is checked without that field (its problem is already reported).
    event, event_dropped = (parsed.event, set()) if parsed else _salvage(Event, data.get("event"))
    raw_items = data.get("items") if isinstance(data.get("items"), list) else []
    salvaged = (
        [(it, set()) for it in parsed.items] if parsed else [_salvage(Item, r) for r in raw_items]
    )
    items: list[Item | None] = [it for it, _ in salvaged]
    # Items whose timing fields failed cannot be placed on the schedule.
    untimed = {i for i, (_, dropped) in enumerate(salvaged) if dropped & _TIMING_FIELDS}
    timed = event is not None and not event_dropped & {"date", "timezone", "start", "end"}

    if scene_map is None and event is not None and "scenes" not in event_dropped:
        map_path = (path.parent / event.scenes).resolve()
        try:
            scene_map = load_scene_map(map_path)
        except AgendaError as exc:
            problems.extend(exc.problems)
        except OSError:
            add(located.where(("event", "scenes")), f"scene map not found: {map_path}")

    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        if item is None:
            continue
        if item.id in seen:
            add(
                located.where(("items", i, "id")),
                f"duplicate item id '{item.id}': line "
                f"{located.where(('items', seen[item.id], 'id')).line} already uses it; "
                "expected each item to have its own id",
            )
        else:
            seen[item.id] = i
        if scene_map is not None:
            if item.scene not in scene_map.scenes:
                add(
                    located.where(("items", i, "scene")),
                    f"unknown scene '{item.scene}'{_one_of(item.scene, scene_map.scenes)}",
                )
            for j, sp in enumerate(item.speakers):
                if sp.scene is not None and sp.scene not in scene_map.scenes:
                    add(
                        located.where(("items", i, "speakers", j, "scene")),
                        f"unknown scene '{sp.scene}'{_one_of(sp.scene, scene_map.scenes)}",
                    )
        if item.timers is not None:
            _check_timers(
                merge_timers(event.timers if event else Timers(), item.timers),
                item.timers.model_fields_set,
                "the event's",
                ("items", i, "timers"),
                located,
                add,
            )

    if event is not None:
        if scene_map is not None:
            for key in ("pre_show_scene", "end_scene"):
                value = getattr(event, key)
                if key not in event_dropped and value not in scene_map.scenes:
                    add(
                        located.where(("event", key)),
                        f"unknown scene '{value}'{_one_of(value, scene_map.scenes)}",
                    )
        try:
            ZoneInfo(event.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            add(
                located.where(("event", "timezone")),
                f"unknown time zone '{event.timezone}'; expected a name like Europe/Kyiv",
            )
            timed = False
        _check_timers(
            event.timers,
            event.timers.model_fields_set,
            "the default",
            ("event", "timers"),
            located,
            add,
        )
        if timed and event.end <= event.start:
            add(
                located.where(("event", "end")),
                f"event end {event.end:%H:%M} is not after its start {event.start:%H:%M}; "
                f"expected an end later than {event.start:%H:%M}",
            )

    starts: list[float] = []
    ends: list[float] = []
    if event is not None and timed:
        tz = ZoneInfo(event.timezone)
        cursor = _at(event, event.start)
        event_end = _at(event, event.end)
        # With the event's end before its start, that one problem is reported, not every item.
        check_end = event.end > event.start
        prev_id: str | None = None
        prev_start: float | None = None
        for i, item in enumerate(items):
            if item is None or i in untimed:
                cursor = float("nan")
                continue
            spoken = sum(s.time for s in item.speakers)
            duration = item.duration
            if duration is None:
                if not item.speakers:
                    add(
                        located.where(("items", i)),
                        f"item '{item.id}' has no duration; expected 'duration' (like 10m) "
                        "or speakers with time",
                    )
                    cursor = float("nan")
                    continue
                duration = spoken
            elif spoken > duration:
                add(
                    located.where(("items", i, "duration")),
                    f"speakers' time {_dur(spoken)} is more than the item's duration "
                    f"{_dur(duration)}; expected a duration of {_dur(spoken)} or more",
                )
            if item.start is not None:
                start = _at(event, item.start)
                here = located.where(("items", i, "start"))
                if start < _at(event, event.start):
                    add(
                        here,
                        f"item '{item.id}' starts at {item.start:%H:%M}, "
                        f"before the event start {event.start:%H:%M}; expected "
                        f"{event.start:%H:%M} or later",
                    )
                elif prev_start is not None and start < prev_start:
                    later = f"; expected {_clock(cursor, tz)} or later" if cursor == cursor else ""
                    add(
                        here,
                        f"planned times out of order: '{item.id}' at {item.start:%H:%M} comes "
                        f"after '{prev_id}' at {_clock(prev_start, tz)}{later}",
                    )
                elif cursor == cursor and start < cursor:
                    add(
                        here,
                        f"'{item.id}' at {item.start:%H:%M} overlaps '{prev_id}', which runs "
                        f"until {_clock(cursor, tz)}; expected a start at {_clock(cursor, tz)} "
                        "or later",
                    )
            else:
                start = cursor
            end = start + duration
            if check_end and start == start and end > event_end:
                add(
                    located.where(("items", i)),
                    f"item '{item.id}' ends at {_clock(end, tz)}, {_dur(end - event_end)} after "
                    f"the event end {event.end:%H:%M}; expected the plan to end by "
                    f"{event.end:%H:%M}",
                )
            starts.append(start)
            ends.append(end)
            prev_id, prev_start, cursor = item.id, start, end

    if problems or parsed is None or scene_map is None:
        if not problems:
            add(Pos(1, 1), "the agenda could not be read")
        problems.sort(key=lambda p: (p.file != name, p.file, p.line, p.column))
        raise AgendaError(_listed(problems, unlisted))

    segments: list[Segment] = []
    for i, item in enumerate(parsed.items):
        t = starts[i]
        for j, sp in enumerate(item.speakers):
            segments.append(Segment(len(segments), i, j, sp.time, t, t + sp.time))
            t += sp.time
        rest = ends[i] - t
        if rest > 0 or not item.speakers:
            segments.append(Segment(len(segments), i, None, round(rest), t, ends[i]))
    fingerprint = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return Agenda(
        path=path,
        event=parsed.event,
        items=parsed.items,
        scene_map=scene_map,
        item_starts=tuple(starts),
        item_ends=tuple(ends),
        segments=tuple(segments),
        fingerprint=fingerprint,
    )


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


def _check_timers(
    timers: Timers,
    explicit: set[str],
    inherited: str,
    path: tuple[Any, ...],
    located: Located,
    add: Any,
) -> None:
    """Report a `final` threshold not shorter than `warning`, naming where each came from."""
    if timers.final < timers.warning:
        return

    def shown(key: str) -> str:
        value = _dur(getattr(timers, key))
        return value if key in explicit else f"{value} ({inherited})"

    at = next((k for k in ("final", "warning") if k in explicit), None)
    add(
        located.where((*path, at) if at else path),
        f"timer 'final' {shown('final')} is not shorter than 'warning' {shown('warning')}; "
        "expected 'final' below 'warning', like {warning: 2m, final: 30s}",
    )


def _strip_validator_parts(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # pydantic inserts union/validator tags such as 'function-before[...]' into locations.
    return tuple(p for p in loc if not (isinstance(p, str) and "[" in p))


_TIMING_FIELDS = {"start", "duration", "speakers"}


def _salvage(model: type[_Model], raw: Any) -> tuple[Any, set[str]]:
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
    "load_agenda",
    "merge_timers",
    "parse_clock",
    "parse_duration",
    "planned_gaps",
    "planned_holes",
]
