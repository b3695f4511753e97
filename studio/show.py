"""The show: operator actions, the state they fold into, and every timing derived from it.

State is a fold over journal entries (`reduce`), so a restart that replays the journal lands on
the same item with the same elapsed time. Timers are never counted: a speaker's elapsed time is
the time used in earlier visits plus `now - visit_start`, so any refresh rate gives the same
answer. Each action returns the cues that the director turns into OBS actions.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from studio.agenda import Agenda, Item, Speaker
from studio.clock import Clock
from studio.journal import Entry, Journal

log = logging.getLogger("studio.show")

ACTIONS = ("start", "next", "back", "goto", "hold", "resume", "extend", "skip", "end")


class ActionError(Exception):
    """An action that makes no sense now (e.g. Next before Start); nothing was recorded.

    `str()` is the English reason (logs, CLI); `key` and `params` name it for the console to
    translate (`show.first_item`, `show.no_item` {item}, ...).
    """

    def __init__(
        self, message: str, *, key: str = "", params: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.key = key
        self.params: dict[str, Any] = dict(params or {})


class Phase(StrEnum):
    """Countdown phase of the current speaker."""

    IDLE = "idle"
    NORMAL = "normal"
    WARNING = "warning"
    FINAL = "final"
    OVERTIME = "overtime"


class ItemState(StrEnum):
    PENDING = "pending"
    CURRENT = "current"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Cue:
    """What should be on air now, in logical names; the director maps it to OBS."""

    seq: int
    reason: str
    scene: str
    item_id: str | None = None
    item_kind: str | None = None
    segment: int | None = None
    speaker_index: int | None = None
    lower_third: tuple[str, str] | None = None
    show_speaker_timer: bool = False
    break_until: float | None = None


@dataclass
class ShowState:
    """The folded state. Only `reduce` changes it."""

    status: str = "pre"  # pre, running, ended
    seg: int | None = None
    visit_start: float | None = None
    held_since: float | None = None
    used: list[float] = field(default_factory=list)
    extra: list[float] = field(default_factory=list)
    seg_first_start: list[float | None] = field(default_factory=list)
    seg_last_end: list[float | None] = field(default_factory=list)
    skipped: set[int] = field(default_factory=set)
    item_start: list[float | None] = field(default_factory=list)
    item_end: list[float | None] = field(default_factory=list)
    started_at: float | None = None
    ended_at: float | None = None
    held_total: float = 0.0
    cue_seq: int = 0

    @classmethod
    def initial(cls, agenda: Agenda) -> ShowState:
        n, m = len(agenda.segments), len(agenda.items)
        return cls(
            used=[0.0] * n,
            extra=[0.0] * n,
            seg_first_start=[None] * n,
            seg_last_end=[None] * n,
            item_start=[None] * m,
            item_end=[None] * m,
        )

    def copy(self) -> ShowState:
        return dataclasses.replace(
            self,
            used=list(self.used),
            extra=list(self.extra),
            seg_first_start=list(self.seg_first_start),
            seg_last_end=list(self.seg_last_end),
            skipped=set(self.skipped),
            item_start=list(self.item_start),
            item_end=list(self.item_end),
        )


@dataclass(frozen=True)
class TimeUse:
    """Speaking time used against allotment, for a speaker or a region."""

    key: str
    label: str
    used: float
    allotted: float


@dataclass(frozen=True)
class Status:
    """Everything the console shows, computed for one instant."""

    now: float
    status: str
    held: bool
    item_index: int | None
    item: Item | None
    speaker_index: int | None
    speaker: Speaker | None
    segment: int | None
    allotted: float
    elapsed: float
    remaining: float
    overtime: float
    phase: Phase
    item_elapsed: float
    item_remaining: float
    offset: float
    projected_end: float
    planned_end: float
    next_item_index: int | None
    next_speaker_index: int | None


def _visit_end(state: ShowState, seg: int, at: float) -> None:
    """Close the current visit of `seg` at `at`, adding its running time to `used`."""
    if state.visit_start is not None:
        state.used[seg] += max(0.0, at - state.visit_start)
    state.visit_start = None
    state.seg_last_end[seg] = at


def _enter(agenda: Agenda, state: ShowState, seg: int, at: float) -> None:
    old = state.seg
    if old is not None and state.status == "running":
        if state.held_since is None:
            _visit_end(state, old, at)
        else:
            state.seg_last_end[old] = at
        old_item = agenda.segments[old].item_index
        if agenda.segments[seg].item_index != old_item:
            state.item_end[old_item] = at
    if state.held_since is not None:
        state.held_total += at - state.held_since
    state.held_since = None
    state.seg = seg
    state.visit_start = at
    state.status = "running"
    if state.seg_first_start[seg] is None:
        state.seg_first_start[seg] = at
    item = agenda.segments[seg].item_index
    if state.item_start[item] is None:
        state.item_start[item] = at
    state.item_end[item] = None


def _neighbour(agenda: Agenda, state: ShowState, seg: int, step: int) -> int | None:
    i = seg + step
    while 0 <= i < len(agenda.segments):
        if agenda.segments[i].item_index not in state.skipped:
            return i
        i += step
    return None


def _first_open(agenda: Agenda, state: ShowState) -> int | None:
    return _neighbour(agenda, state, -1, 1)


def _finish(agenda: Agenda, state: ShowState, at: float) -> None:
    if state.seg is not None:
        if state.held_since is None:
            _visit_end(state, state.seg, at)
        else:
            state.held_total += at - state.held_since
            state.seg_last_end[state.seg] = at
        state.item_end[agenda.segments[state.seg].item_index] = at
    state.held_since = None
    state.visit_start = None
    state.status = "ended"
    state.ended_at = at


def reduce(agenda: Agenda, state: ShowState, entry: Entry) -> ShowState:
    """Apply one action entry to a copy of `state`. Raises ActionError if it makes no sense."""
    s = state.copy()
    at, name, args = entry.at, entry.name, entry.args
    running = s.status == "running"
    if name == "start":
        if s.status != "pre":
            raise ActionError("the show has already started", key="show.already_started")
        first = _first_open(agenda, s)
        if first is None:
            raise ActionError("every item is skipped", key="show.all_skipped")
        s.started_at = at
        _enter(agenda, s, first, at)
    elif name in ("next", "back"):
        if not running or s.seg is None:
            raise ActionError("the show is not running", key="show.not_running")
        target = _neighbour(agenda, s, s.seg, 1 if name == "next" else -1)
        if target is None:
            if name == "back":
                raise ActionError("already at the first item", key="show.first_item")
            _finish(agenda, s, at)
        else:
            _enter(agenda, s, target, at)
    elif name == "goto":
        item_id = str(args.get("item", ""))
        try:
            index = agenda.item_index(item_id)
        except KeyError:
            raise ActionError(
                f"no item '{item_id}'", key="show.no_item", params={"item": item_id}
            ) from None
        if s.status == "pre":
            s.started_at = at
        s.skipped.discard(index)
        if s.status == "ended":
            s.ended_at = None
        _enter(agenda, s, agenda.first_segment(index), at)
    elif name == "hold":
        if not running or s.seg is None:
            raise ActionError("the show is not running", key="show.not_running")
        if s.held_since is not None:
            raise ActionError("already on hold", key="show.on_hold")
        _visit_end(s, s.seg, at)
        s.held_since = at
    elif name == "resume":
        if s.held_since is None:
            raise ActionError("not on hold", key="show.not_on_hold")
        s.held_total += at - s.held_since
        s.held_since = None
        s.visit_start = at
    elif name == "extend":
        if not running or s.seg is None:
            raise ActionError("the show is not running", key="show.not_running")
        seconds = float(args.get("seconds", 0))
        seg = s.seg
        if agenda.segments[seg].allotted + s.extra[seg] + seconds < 0:
            raise ActionError("the speaker's time cannot go below zero", key="show.below_zero")
        s.extra[seg] += seconds
    elif name == "skip":
        item_id = args.get("item")
        if item_id is None:
            if not running or s.seg is None:
                raise ActionError("the show is not running", key="show.not_running")
            index = agenda.segments[s.seg].item_index
        else:
            try:
                index = agenda.item_index(str(item_id))
            except KeyError:
                raise ActionError(
                    f"no item '{item_id}'", key="show.no_item", params={"item": item_id}
                ) from None
        current = agenda.segments[s.seg].item_index if s.seg is not None and running else None
        if index != current and s.item_start[index] is not None:
            raise ActionError("that item has already run", key="show.already_ran")
        s.skipped.add(index)
        if index == current and s.seg is not None:
            target = _neighbour(agenda, s, s.seg, 1)
            if target is None:
                _finish(agenda, s, at)
            else:
                _enter(agenda, s, target, at)
    elif name == "end":
        if not running:
            raise ActionError("the show is not running", key="show.not_running")
        _finish(agenda, s, at)
    else:
        raise ActionError(
            f"unknown action '{name}'", key="show.unknown_action", params={"name": name}
        )
    return s


def cue_for(agenda: Agenda, state: ShowState, reason: str) -> Cue:
    """The cue that puts the current state on air."""
    seq = state.cue_seq
    if state.status != "running" or state.seg is None:
        scene = agenda.event.pre_show_scene if state.status == "pre" else agenda.event.end_scene
        return Cue(seq=seq, reason=reason, scene=scene)
    seg = agenda.segments[state.seg]
    item = agenda.items[seg.item_index]
    speaker = item.speakers[seg.speaker_index] if seg.speaker_index is not None else None
    lang = agenda.event.broadcast_language
    return Cue(
        seq=seq,
        reason=reason,
        scene=(speaker.scene if speaker and speaker.scene else item.scene),
        item_id=item.id,
        item_kind=item.kind,
        segment=seg.index,
        speaker_index=seg.speaker_index,
        lower_third=speaker.lower_third_lines(lang) if speaker else None,
        show_speaker_timer=speaker is not None,
        break_until=_break_until(agenda, state) if item.kind == "break" else None,
    )


def _break_until(agenda: Agenda, state: ShowState) -> float:
    """When the current break ends on its own timer: the same instant the console counts to.

    Counted from when the break actually began, not from the plan: a show running late would
    otherwise put a break end that has already passed on air.
    """
    assert state.seg is not None
    item_index = agenda.segments[state.seg].item_index
    since = state.visit_start if state.visit_start is not None else state.held_since
    left = sum(
        max(0.0, x.allotted + state.extra[x.index] - state.used[x.index])
        for x in agenda.segments[state.seg :]
        if x.item_index == item_index
    )
    return (since if since is not None else agenda.item_starts[item_index]) + left


def replay(agenda: Agenda, entries: Iterable[Entry]) -> ShowState:
    """Fold action entries into a state; actions that no longer apply are skipped with a log."""
    state = ShowState.initial(agenda)
    for entry in entries:
        if entry.kind != "action":
            continue
        try:
            new = reduce(agenda, state, entry)
        except ActionError as exc:
            log.warning("journal entry %d (%s) skipped: %s", entry.seq, entry.name, exc)
            continue
        if (new.seg, new.status) != (state.seg, state.status):
            new.cue_seq += 1
        state = new
    return state


class Show:
    """The live show: validates actions, journals them, folds them, and answers timing questions."""

    def __init__(self, agenda: Agenda, clock: Clock, journal: Journal | None = None) -> None:
        self.agenda = agenda
        self.clock = clock
        self.journal = journal
        entries = journal.entries if journal else []
        self.state = replay(agenda, entries)

    @property
    def resumable(self) -> bool:
        """True if the journal held a show that is under way."""
        return self.state.status == "running"

    def apply(self, name: str, **args: Any) -> list[Cue]:
        """Do one operator action now; raises ActionError, recording nothing, if it cannot apply."""
        at = self.clock.now()
        seq = self.journal.next_seq if self.journal else 0
        entry = Entry(seq, at, "action", name, args)
        new = reduce(self.agenda, self.state, entry)  # refuse before anything is written
        if self.journal:
            self.journal.append(at, "action", name, args)
        changed = (new.seg, new.status) != (self.state.seg, self.state.status)
        if changed:
            new.cue_seq += 1
        self.state = new
        return [cue_for(self.agenda, new, name)] if changed else []

    # Convenience wrappers: the names a moderator knows.
    def start(self) -> list[Cue]:
        return self.apply("start")

    def next(self) -> list[Cue]:
        return self.apply("next")

    def back(self) -> list[Cue]:
        return self.apply("back")

    def goto(self, item_id: str) -> list[Cue]:
        return self.apply("goto", item=item_id)

    def hold(self) -> list[Cue]:
        return self.apply("hold")

    def resume(self) -> list[Cue]:
        return self.apply("resume")

    def toggle_hold(self) -> list[Cue]:
        return self.resume() if self.state.held_since is not None else self.hold()

    def extend(self, seconds: float) -> list[Cue]:
        return self.apply("extend", seconds=seconds)

    def skip(self, item_id: str | None = None) -> list[Cue]:
        return self.apply("skip", item=item_id) if item_id else self.apply("skip")

    def end(self) -> list[Cue]:
        return self.apply("end")

    def current_cue(self) -> Cue:
        return cue_for(self.agenda, self.state, "restore")

    # ---- derived timing -------------------------------------------------------------------
    def elapsed(self, seg: int, now: float) -> float:
        """Time the segment's speaker has used, including the running visit."""
        s = self.state
        used = s.used[seg]
        if seg == s.seg and s.visit_start is not None and s.status == "running":
            used += max(0.0, now - s.visit_start)
        return used

    def allotted(self, seg: int) -> float:
        return self.agenda.segments[seg].allotted + self.state.extra[seg]

    def item_state(self, index: int) -> ItemState:
        s = self.state
        if index in s.skipped:
            return ItemState.SKIPPED
        if (
            s.status == "running"
            and s.seg is not None
            and self.agenda.segments[s.seg].item_index == index
        ):
            return ItemState.CURRENT
        return ItemState.DONE if s.item_end[index] is not None else ItemState.PENDING

    def phase(self, seg: int, remaining: float) -> Phase:
        t = self.agenda.thresholds(self.agenda.segments[seg].item_index)
        if remaining < 0:
            return Phase.OVERTIME
        if remaining <= t.final:
            return Phase.FINAL
        if remaining <= t.warning:
            return Phase.WARNING
        return Phase.NORMAL

    def status(self, now: float | None = None) -> Status:
        now = self.clock.now() if now is None else now
        a, s = self.agenda, self.state
        planned_end = a.item_ends[-1]
        if s.status == "running" and s.seg is not None:
            seg = a.segments[s.seg]
            elapsed = self.elapsed(s.seg, now)
            allotted = self.allotted(s.seg)
            remaining = allotted - elapsed
            seg_end = now + max(0.0, remaining)
            offset = seg_end - seg.planned_end
            future = [x for x in a.segments[s.seg + 1 :] if x.item_index not in s.skipped]
            own = a.item_segments(seg.item_index)
            same_item = [a.segments[i] for i in own if i > s.seg]
            item_elapsed = sum(self.elapsed(i, now) for i in own)
            item_remaining = max(0.0, remaining) + sum(
                max(0.0, self.allotted(x.index) - s.used[x.index]) for x in same_item
            )
            projected = self._project(seg_end, future)
            nxt = future[0] if future else None
            item = a.items[seg.item_index]
            return Status(
                now=now,
                status=s.status,
                held=s.held_since is not None,
                item_index=seg.item_index,
                item=item,
                speaker_index=seg.speaker_index,
                speaker=item.speakers[seg.speaker_index] if seg.speaker_index is not None else None,
                segment=s.seg,
                allotted=allotted,
                elapsed=elapsed,
                remaining=remaining,
                overtime=max(0.0, -remaining),
                phase=self.phase(s.seg, remaining),
                item_elapsed=item_elapsed,
                item_remaining=item_remaining,
                offset=offset,
                projected_end=projected,
                planned_end=planned_end,
                next_item_index=nxt.item_index if nxt else None,
                next_speaker_index=nxt.speaker_index if nxt else None,
            )
        if s.status == "pre":
            future = [x for x in a.segments if x.item_index not in s.skipped]
            first = future[0] if future else None
            begin = max(now, first.planned_start) if first else now
            offset = max(0.0, now - first.planned_start) if first else 0.0
            projected = self._project(begin, future)
            nxt = first
        else:
            offset = (s.ended_at or now) - planned_end
            projected = s.ended_at or now
            nxt = None
        return Status(
            now=now,
            status=s.status,
            held=False,
            item_index=None,
            item=None,
            speaker_index=None,
            speaker=None,
            segment=None,
            allotted=0.0,
            elapsed=0.0,
            remaining=0.0,
            overtime=0.0,
            phase=Phase.IDLE,
            item_elapsed=0.0,
            item_remaining=0.0,
            offset=offset,
            projected_end=projected,
            planned_end=planned_end,
            next_item_index=nxt.item_index if nxt else None,
            next_speaker_index=nxt.speaker_index if nxt else None,
        )

    def _project(self, cursor: float, future: list[Any]) -> float:
        """When the show ends if every later segment keeps to its time (fixed starts wait)."""
        a = self.agenda
        for x in future:
            item = a.items[x.item_index]
            if item.start is not None and x.index == a.first_segment(x.item_index):
                cursor = max(cursor, x.planned_start)
            cursor += max(0.0, self.allotted(x.index) - self.state.used[x.index])
        return cursor

    def speaker_times(self, now: float | None = None) -> list[TimeUse]:
        """Speaking time used by each speaker slot against its allotment."""
        now = self.clock.now() if now is None else now
        out = []
        lang = self.agenda.event.broadcast_language
        for seg in self.agenda.segments:
            if seg.speaker_index is None:
                continue
            item = self.agenda.items[seg.item_index]
            sp = item.speakers[seg.speaker_index]
            out.append(
                TimeUse(
                    key=f"{item.id}#{seg.speaker_index + 1}",
                    label=sp.label(lang),
                    used=self.elapsed(seg.index, now),
                    allotted=self.allotted(seg.index),
                )
            )
        return out

    def region_times(self, now: float | None = None) -> list[TimeUse]:
        """Speaking time per region (speaker's region, else the item's) against allotment."""
        now = self.clock.now() if now is None else now
        used: dict[str, float] = {}
        allotted: dict[str, float] = {}
        for seg in self.agenda.segments:
            item = self.agenda.items[seg.item_index]
            sp = item.speakers[seg.speaker_index] if seg.speaker_index is not None else None
            region = (sp.region if sp else None) or item.region
            # A skipped item still counts for the time it ran before it was skipped.
            ran = self.state.seg_first_start[seg.index] is not None
            if region is None or (seg.item_index in self.state.skipped and not ran):
                continue
            used[region] = used.get(region, 0.0) + self.elapsed(seg.index, now)
            allotted[region] = allotted.get(region, 0.0) + self.allotted(seg.index)
        return [TimeUse(r, r, used[r], allotted[r]) for r in used]
