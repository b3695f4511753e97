"""The as-run report's model: what happened on air, per item, speaker, switch, outage and action.

Plain frozen dataclasses, built by `studio.asrun.replay` from a journal and read by the HTML, CSV
and chart writers (and anything else that needs "what happened"). Times are epoch seconds on the
show clock, durations seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio.agenda import Agenda, Item, Speaker
from studio.show import ItemState, ShowStatus

ROUTINE_ACTIONS = ("start", "next")
"""Actions that only move the show along: not interventions."""


class ReportError(Exception):
    """The report cannot be made; the message is one sentence for the user."""


@dataclass(frozen=True)
class Notice:
    """Something the reader of the report must know (agenda changed, torn journal, ...)."""

    code: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemRun:
    """One agenda item: plan against what ran. `visits` are the on-air spans (holds included)."""

    index: int
    item: Item
    planned_start: float
    planned_end: float
    visits: tuple[tuple[float, float], ...]
    state: ItemState
    extended: float
    speaker_starts: tuple[float, ...]  # actual starts of the 2nd, 3rd, ... segment, for the chart

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def planned_duration(self) -> float:
        return self.planned_end - self.planned_start

    @property
    def actual_start(self) -> float | None:
        return self.visits[0][0] if self.visits else None

    @property
    def actual_end(self) -> float | None:
        return self.visits[-1][1] if self.visits else None

    @property
    def actual_duration(self) -> float | None:
        return sum(b - a for a, b in self.visits) if self.visits else None

    @property
    def overrun(self) -> float | None:
        """Actual minus planned; for an item cut short or still running, only time over."""
        d = self.actual_duration
        if d is None:
            return None
        over = d - self.planned_duration
        return over if self.state is ItemState.DONE or over > 0 else None


@dataclass(frozen=True)
class SpeakerRun:
    """One speaker slot: allotted against the speaking time used (holds excluded)."""

    key: str
    item_index: int
    item: Item
    slot: int  # 1-based
    label: str
    region: str | None
    planned_start: float
    allotted: float
    extended: float
    actual_start: float | None
    used: float
    state: ItemState

    @property
    def actual_duration(self) -> float | None:
        return None if self.actual_start is None else self.used

    @property
    def overrun(self) -> float | None:
        """Used minus allotted (extensions count as over); while still speaking, only time over."""
        if self.actual_start is None:
            return None
        over = self.used - self.allotted
        return over if self.state is not ItemState.CURRENT or over > 0 else None


@dataclass(frozen=True)
class TimeRow:
    """Speaking time against allotment (allotment includes extensions granted on air)."""

    key: str
    label: str
    used: float
    allotted: float
    slots: int = 1

    @property
    def over(self) -> float:
        return self.used - self.allotted


@dataclass(frozen=True)
class OffsetPoint:
    """The schedule offset just before and just after one operator action (+ = behind)."""

    seq: int
    at: float
    action: str
    before: float | None
    after: float


@dataclass(frozen=True)
class SwitchRow:
    """One automated scene switch as the OBS link journaled it."""

    seq: int
    at: float
    cue: int | None
    scene: str
    logical: str | None
    item_id: str | None
    speaker: int | None
    confirmed: bool
    latency_ms: float | None
    already: bool = False
    superseded: bool = False
    failed: bool = False
    reapplied: bool = False
    error: str | None = None
    who: Speaker | None = None
    """The speaker of the cue it put on air, as the running order had them then."""

    @property
    def flagged(self) -> bool:
        """Not confirmed by OBS and not overtaken by a later switch: the technician must know."""
        return self.failed or (not self.confirmed and not self.superseded)


@dataclass(frozen=True)
class CueRow:
    seq: int
    at: float
    cue: int
    scene: str
    item_id: str | None
    speaker: int | None
    reason: str
    who: Speaker | None = None
    """The speaker cued, by id in the running order of that moment (as on air then)."""


@dataclass(frozen=True)
class Outage:
    """OBS lost until it came back; `measured_s` is what the link's own monotonic clock saw."""

    lost_at: float | None
    back_at: float | None
    why: str
    measured_s: float | None

    @property
    def duration(self) -> float | None:
        if self.lost_at is not None and self.back_at is not None:
            return self.back_at - self.lost_at
        return self.measured_s


@dataclass(frozen=True)
class HealthIncident:
    """An OBS health figure out of its "ok" range: from when, until when (None: still out at the
    end of the journal), and how bad it got (level and the worst value seen)."""

    figure: str
    started_at: float
    ended_at: float | None
    level: str
    value: float | None


@dataclass(frozen=True)
class OutputChange:
    at: float
    output: str  # stream, record, or "request" for an operator's start/stop request
    state: str
    refused: bool = False  # a request the on-air guard refused: nothing reached OBS


@dataclass(frozen=True)
class OrderChange:
    """A change of the running order (move, insert, remove): the speaker it was about (None:
    the whole item moved) and what stood before it, before the edit, after it and in the plan
    as published (None: it was first, or was not there)."""

    speaker: Speaker | None
    was_after: Item | Speaker | None
    now_after: Item | Speaker | None
    published_after: Item | Speaker | None
    published: bool
    """Whether the plan as published had it (a speaker inserted live was not in it)."""


@dataclass(frozen=True)
class Intervention:
    """An operator action beyond start/next, a manual scene switch, or a refused action."""

    seq: int
    at: float
    action: str
    item_id: str | None = None
    speaker: int | None = None
    seconds: float | None = None
    scene: str | None = None
    source: str | None = None
    refused: str | None = None
    offset: float | None = None
    was: float | None = None
    """A change of allotment (retime): the allotment before it (`seconds` is the new one)."""
    planned: float | None = None
    """A change of allotment: the allotment as the agenda published it."""
    labels: tuple[Speaker, Speaker] | None = None
    """A lower third fixed on air (relabel): the speaker before and after the fix."""
    order: OrderChange | None = None
    """The running order edited (move, insert, remove): what, from where, to where."""
    who: Speaker | None = None
    """The speaker it was about, as the running order had them then: `speaker` is a position
    in that order, which a later move may give to someone else."""


@dataclass(frozen=True)
class AsRun:
    """Everything the report shows; times are epoch seconds, durations seconds."""

    agenda: Agenda
    journal_path: Path
    header: dict[str, Any]
    entries: int
    items: tuple[ItemRun, ...]
    speakers: tuple[SpeakerRun, ...]
    regions: tuple[TimeRow, ...]
    offsets: tuple[OffsetPoint, ...]
    offset_curve: tuple[tuple[float, float], ...]
    cues: tuple[CueRow, ...]
    switches: tuple[SwitchRow, ...]
    unswitched: tuple[CueRow, ...]
    outages: tuple[Outage, ...]
    health: tuple[HealthIncident, ...]
    outputs: tuple[OutputChange, ...]
    interventions: tuple[Intervention, ...]
    notices: tuple[Notice, ...]
    status: ShowStatus
    started_at: float | None
    ended_at: float | None
    end_instant: float
    final_offset: float | None
    published: Agenda | None = None
    """The plan as published (the agenda as loaded); `agenda` is the running order as run, with
    the live edits. None: the same."""

    @property
    def mode(self) -> str:
        return str(self.header.get("mode") or "")

    @property
    def planned_start(self) -> float:
        return (self.published or self.agenda).item_starts[0]

    @property
    def planned_end(self) -> float:
        return (self.published or self.agenda).item_ends[-1]

    def region_rows(self, lang: str) -> tuple[TimeRow, ...]:
        """Speaking time per region, named in `lang`."""
        return tuple(
            TimeRow(r.key, region_label(self.agenda, r.key, lang), r.used, r.allotted)
            for r in self.regions
        )

    def people_rows(self, lang: str) -> tuple[TimeRow, ...]:
        """Speaking time per speaker (slots summed by who spoke), in order of first appearance;
        the allotment includes extensions granted on air."""
        rows: dict[str, TimeRow] = {}
        for sp in self.speakers:
            person = sp.item.speakers[sp.slot - 1]
            label = person.label(lang)
            # By id, never by label: two "Deputy mayor"s are two people. A speaker's own `id`
            # names one person across items; without one, each slot is its own person.
            key = person.id or f"{sp.item.id}/{self.agenda.speaker_ids[sp.item_index][sp.slot - 1]}"
            allotted = sp.allotted + sp.extended
            r = rows.get(key)
            rows[key] = (
                TimeRow(key, label, sp.used, allotted)
                if r is None
                else TimeRow(key, label, r.used + sp.used, r.allotted + allotted, r.slots + 1)
            )
        return tuple(rows.values())


def region_label(agenda: Agenda, key: str, lang: str) -> str:
    """A region's name: from its region item's title ("Київ: ..."), else the key itself."""
    for item in agenda.items:
        if item.kind == "region" and item.region == key:
            title = item.title.get(lang)
            if ":" in title:
                return title.split(":", 1)[0].strip()
    return key.replace("-", " ").replace("_", " ").title()
