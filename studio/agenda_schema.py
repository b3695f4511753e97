"""What an agenda file may hold: the pydantic models of its event, items, speakers and timers,
and the parsers of its durations and times of day.

These are the file's schema, checked field by field by pydantic; what needs the whole agenda
(ids unique, scenes in the scene map, times in order) is studio/agenda_check.py's, and the
validated agenda with its planned schedule is studio/agenda.py's.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

ItemKind = Literal[
    "opening",
    "region",
    "discussion",
    "qa",
    "break",
    "closing",
    "keynote",
    "presentation",
    "other",
]
# Kinds run as a discussion: speakers, then the open floor (a Q&A is one).
DISCUSSION_KINDS: frozenset[str] = frozenset({"discussion", "qa"})
Lang = Literal["uk", "en"]
# Where a speaker speaks from; without a scene of their own, the scene map's scene for that place.
Place = Literal["studio", "remote"]

# No item or speaker can be longer than the event, whose start and end are times of one day.
MAX_DURATION = 24 * 3600
# How far a re-plan may shorten an item's speakers: a fraction of their allotment, from half to all.
MIN_FLOOR, MAX_FLOOR = 0.5, 1.0
# Live events happen now: a date far off would put the plan's times past what datetimes hold.
FIRST_YEAR, LAST_YEAR = 2000, 2999

_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_PERCENT = re.compile(r"^\s*(\d{1,3}(?:\.\d+)?)\s*%\s*$")


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


def parse_floor(value: Any) -> float:
    """0.7 or '70%' -> 0.7: how far a re-plan may shorten an item's speakers, from 0.5 to 1."""
    expected = (
        f"expected a fraction from {MIN_FLOOR:g} to {MAX_FLOOR:g} (or 50% to 100%), like 0.7 or 70%"
    )
    if isinstance(value, str) and (m := _PERCENT.match(value)):
        fraction = float(m.group(1)) / 100
    elif isinstance(value, int | float) and not isinstance(value, bool):
        fraction = float(value)
    else:
        raise ValueError(f"{expected}, got {value!r}")
    if not MIN_FLOOR <= fraction <= MAX_FLOOR:  # NaN too
        shown = _clipped(value.strip()) if isinstance(value, str) else repr(value)
        percent = "; a percentage is written with %, like 70%" if 1 < fraction <= 100 else ""
        raise ValueError(f"{expected}, got {shown}{percent}")
    return fraction


def _event_date(value: date) -> date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(
            f"expected a date in the years {FIRST_YEAR} to {LAST_YEAR}, like 2021-03-09, "
            f"got {value.isoformat()}"
        )
    return value


def _text_from_str(value: Any) -> Any:
    """A plain string is both languages; a text in English only is Ukrainian's fallback too."""
    if isinstance(value, str):
        return {"uk": value, "en": value}
    if isinstance(value, dict) and value.get("uk") is None:
        en = value.get("en")
        if isinstance(en, str) and en:
            return {**value, "uk": en}
    return value


Duration = Annotated[int, BeforeValidator(parse_duration)]
ClockTime = Annotated[time, BeforeValidator(parse_clock)]
EventDate = Annotated[date, AfterValidator(_event_date)]
Floor = Annotated[float, BeforeValidator(parse_floor)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class TextModel(_Model):
    """A text in Ukrainian with an optional English version. A file may give one language only:
    a plain string or `{uk: ...}` is English too, `{en: ...}` is Ukrainian too."""

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
    # The speaker's own scene; else, with `where`, the scene map's scene for that place (the loaded
    # Agenda's speakers carry it resolved); else the item's.
    scene: str | None = None
    where: Place | None = None
    timers: Timers | None = None

    @property
    def remote(self) -> bool:
        return self.where == "remote"

    def label(self, lang: str) -> str:
        """Who this is, for the console and the views, in one line: the name (else the role) and
        where they come from: the organisation, else the role ("Ihor Melnyk, Mayor of Odesa")."""
        named = self.name or self.role
        who = named.get(lang) if named else ""
        if self.organisation:
            return " — ".join(p for p in (who, self.organisation.get(lang)) if p)
        if self.name and self.role:
            return ", ".join(p for p in (who, self.role.get(lang)) if p)
        return who

    def lower_third_lines(self, lang: str) -> tuple[str, str]:
        if self.lower_third:
            lines = (*self.lower_third, "")
            return lines[0], lines[1]
        named = self.name or self.role
        first = named.get(lang) if named else ""
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
    # Running late: a re-plan may drop an optional item, and shortens its speakers no further
    # than `floor` of their time (None: the planner's default).
    optional: bool = False
    floor: Floor | None = None

    @property
    def is_discussion(self) -> bool:
        """A discussion or a Q&A: speakers, then the open floor."""
        return self.kind in DISCUSSION_KINDS


class Event(_Model):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    title: Text
    date: EventDate
    timezone: str = "Europe/Kyiv"
    start: ClockTime
    end: ClockTime
    # The header's facts (`studio check` prints them; for the as-run report and the views too):
    # where it happens, whether it is streamed, who organises it, what it is part of.
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


def merge_timers(base: Timers, override: Timers | None) -> Timers:
    """`override`'s explicitly set thresholds on top of `base` (an item inherits the event's, a
    speaker the item's)."""
    if override is None:
        return base
    return base.model_copy(update={k: getattr(override, k) for k in override.model_fields_set})


def event_time(event: Event, t: time) -> float:
    """The epoch seconds of time of day `t` on the event's date, in the event's time zone."""
    return datetime.combine(event.date, t, ZoneInfo(event.timezone)).timestamp()
