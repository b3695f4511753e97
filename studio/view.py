"""The read model: one immutable `ShowView` of everything a front end shows, pushed on change.

The Qt console and the browser views render the same object: the show's status (its
`ShowStatus` enum and every timing figure), the folded state for the running order, what the
link knows of OBS, and whether the journal keeps up. `Runtime.view()` builds one on request
(a refresh timer pulls one for each new second); `Runtime.watch` pushes an `Update` after every
action, OBS event and journal health change, saying what changed.

Front ends import the engine's types from here and from `studio.runtime`, nothing below them
(an import contract in pyproject.toml holds ui/ to that), so the layers underneath can move.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum

from studio.actions import ActionError, Origin
from studio.agenda import Agenda, Speaker
from studio.clock import until_next_whole
from studio.journal import JournalHealth, JournalProblem
from studio.modes import Mode
from studio.obs.base import LinkMessage, ObsError, OutputStatus
from studio.obs.health import Level, health_levels
from studio.obs.link import LinkState, Snapshot, Switch
from studio.preflight import Missing, PreflightReport, preflight_from_snapshot
from studio.replan_model import Change as PlanChange
from studio.replan_model import Plan
from studio.resume import AgendaDrift
from studio.show import Cue, ItemState, Phase, Status, elapsed, item_state
from studio.state import ShowState, ShowStatus, finished, speaker_at

REFRESH_MS = 200  # for clocks that only move when told (tests): no instant to aim at
MAX_WAIT_MS = 1000


def next_change_in(status: Status, rate: float, flashing: bool) -> float:
    """Real seconds until any figure on screen changes; how long a front end may sleep."""
    if rate <= 0:
        return REFRESH_MS / 1000
    show_s = until_next_whole(status.now, falling=False)  # the event-time clock
    running = status.status is ShowStatus.RUNNING
    if running and not status.held:
        show_s = min(show_s, until_next_whole(status.remaining, falling=True))
    # The offset (rounded to whole seconds, so it turns at the half) moves with time only in
    # overtime, on hold, or when the show starts late; within time it stands still.
    offset_moves = (running and (status.held or status.remaining < 0)) or (
        status.status is ShowStatus.PRE and status.offset > 0
    )
    if offset_moves:
        show_s = min(show_s, until_next_whole(status.offset + 0.5, falling=False))
    wait = show_s / rate
    if flashing:
        wait = min(wait, 0.5 - time.monotonic() % 0.5)
    return min(wait, MAX_WAIT_MS / 1000)


def until_start(agenda: Agenda, st: Status) -> float | None:
    """Before the show: seconds until the first open item's planned start (negative once it is
    late). None once the show has started."""
    if st.status is not ShowStatus.PRE or st.next_item_index is None:
        return None
    return agenda.item_starts[st.next_item_index] - st.now


class Change(StrEnum):
    """What an `Update` was pushed for."""

    SHOW = "show"  # an operator action moved the show
    LINK = "link"  # OBS or the link to it: see `Update.link`
    JOURNAL = "journal"  # the journal stopped, or started again, keeping up
    MESSAGE = "message"  # the moderator's message to the speakers changed
    PLAN = "plan"  # a plan to end on time was proposed, or the proposal went away


class LinkNews(StrEnum):
    """The kinds of news the OBS link gives (`ObsLink.subscribe`)."""

    STATE = "state"
    SCENES = "scenes"
    PROGRAM = "program"
    PREVIEW = "preview"
    STREAM = "stream"
    RECORD = "record"
    HEALTH = "health"
    OVERRIDE = "override"
    SWITCH = "switch"
    LOG = "log"
    ERROR = "error"
    OTHER = "other"

    @classmethod
    def of(cls, kind: str) -> LinkNews:
        try:
            return cls(kind)
        except ValueError:
            return cls.OTHER


@dataclass(frozen=True)
class LinkEvent:
    """One piece of link news: a switch's outcome or a log/error sentence rides along."""

    news: LinkNews
    switch: Switch | None = None
    message: LinkMessage | None = None


@dataclass(frozen=True)
class ShowView:
    """Everything a front end shows, at one instant. Never changes once made."""

    agenda: Agenda
    mode: Mode
    rate: float
    """Show seconds per real second (0: a clock that moves only when told, as in tests)."""
    status: Status
    state: ShowState
    link: Snapshot
    journal: JournalHealth
    problems: tuple[JournalProblem, ...]
    drift: AgendaDrift
    acted: bool
    """An operator action is in the journal: the show is under way or was."""
    message: str
    """The moderator's message to the speakers ('' = none)."""
    proposal: Plan | None
    """A plan to end on time, proposed because the show runs late (None: none to show)."""
    obs_address: str

    @property
    def show_status(self) -> ShowStatus:
        return self.status.status

    @property
    def running(self) -> bool:
        return self.status.status is ShowStatus.RUNNING

    @property
    def held(self) -> bool:
        return self.state.held_since is not None

    def item_state(self, row: int) -> ItemState:
        return item_state(self.agenda, self.state, row)

    def speaker(self, row: int, speaker_index: int) -> Speaker:
        """An item's speaker as the show has them: with a name or role fixed on air."""
        sp = speaker_at(self.agenda, self.state, self.agenda.first_segment(row) + speaker_index)
        assert sp is not None  # an item's speakers come first among its segments
        return sp

    def allotted(self, seg: int) -> float:
        """A segment's allotment now: the agenda's, with time given, taken or re-timed."""
        return self.agenda.segments[seg].allotted + self.state.extra[seg]

    def used(self, seg: int) -> float:
        """Time a segment's speaker has used, at this view's instant."""
        return elapsed(self.state, seg, self.status.now)

    def segment_finished(self, seg: int) -> bool:
        """The show is past the segment (it ran, and the show moved on or ended): its time can
        no longer change."""
        return finished(self.state, seg)

    def item_started(self, row: int) -> float | None:
        return self.state.item_start[row]

    def item_used(self, row: int) -> float:
        """Time the item's speakers have used, at this view's instant."""
        now = self.status.now
        return sum(elapsed(self.state, i, now) for i in self.agenda.item_segments(row))

    def row_signature(self, row: int) -> tuple[object, ...]:
        """Changes whenever the item's row in the running order would show something else."""
        st = self.state
        segments = self.agenda.item_segments(row)
        extra = sum(st.extra[i] for i in segments)
        labels = tuple(st.labels[i] for i in segments if i in st.labels) if st.labels else ()
        a = self.agenda  # the running order: an edit moves items, adds or removes speakers
        where = (a.items[row].id, a.speaker_ids[row], a.item_starts[row], a.item_ends[row])
        return (self.item_state(row), st.item_start[row], st.item_end[row], extra, labels, where)

    def current_row(self) -> int | None:
        st = self.state
        if st.status is not ShowStatus.RUNNING or st.seg is None:
            return None
        return self.agenda.segments[st.seg].item_index

    def next_change_in(self, flashing: bool) -> float:
        """Real seconds until any figure this view shows changes (`flashing`: the overtime
        flash turns every half second)."""
        return next_change_in(self.status, self.rate, flashing)

    def until_start(self) -> float | None:
        """Before the show: seconds until the first open item's planned start (negative once
        it is late). None once the show has started."""
        return until_start(self.agenda, self.status)


@dataclass(frozen=True)
class Update:
    """Pushed to every watcher: the fresh view, and why it was pushed."""

    view: ShowView
    change: Change
    link: LinkEvent | None = None
    cues: tuple[Cue, ...] = ()


__all__ = [
    "MAX_WAIT_MS",
    "REFRESH_MS",
    "ActionError",
    "AgendaDrift",
    "Change",
    "Cue",
    "ItemState",
    "JournalHealth",
    "JournalProblem",
    "Level",
    "LinkEvent",
    "LinkMessage",
    "LinkNews",
    "LinkState",
    "Missing",
    "ObsError",
    "Origin",
    "OutputStatus",
    "Phase",
    "Plan",
    "PlanChange",
    "PreflightReport",
    "ShowStatus",
    "ShowView",
    "Snapshot",
    "Status",
    "Switch",
    "Update",
    "health_levels",
    "next_change_in",
    "preflight_from_snapshot",
    "until_start",
]
