"""The show: actions journalled and folded into its state, and every timing derived from it.

The actions themselves live in studio/actions.py, the state and its moves in studio/state.py.
State is a fold over journal entries (`reduce`), so a restart that replays the journal lands on
the same item with the same elapsed time. Timers are never counted: a speaker's elapsed time is
the time used in earlier visits plus `now - visit_start`, so any refresh rate gives the same
answer. Each action returns the cues that the director turns into OBS actions.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from studio.actions import (
    ACTIONS,
    Action,
    ActionError,
    Back,
    End,
    Extend,
    Goto,
    Hold,
    Next,
    Origin,
    Relabel,
    Resume,
    Retime,
    Skip,
    Start,
    parse_action,
)
from studio.agenda import Agenda, Item, Speaker
from studio.cells import Cells
from studio.clock import Clock
from studio.journal import Entry, Journal
from studio.state import ShowState, ShowStatus, place, running, speaker_at, used_by

log = logging.getLogger("studio.show")


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
    PASSED = "passed"  # a jump ahead went past it before it ran: still to be done


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
    speaker_id: str | None = None
    lower_third: tuple[str, str] | None = None
    show_speaker_timer: bool = False
    break_until: float | None = None


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
    status: ShowStatus
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


def reduce(agenda: Agenda, state: ShowState, entry: Entry) -> ShowState:
    """Apply one action entry to a copy of `state` (`agenda`: as loaded; the action sees the
    running order as edited so far). Raises ActionError if it makes no sense."""
    action = parse_action(entry.name, entry.args)
    s = state.copy()
    action.apply(running(agenda, state), s, entry.at, entry.args.get("to"))
    return s


def cue_for(agenda: Agenda, state: ShowState, reason: str) -> Cue:
    """The cue that puts the current state on air."""
    seq = state.cue_seq
    if state.status is not ShowStatus.RUNNING or state.seg is None:
        pre = state.status is ShowStatus.PRE
        scene = agenda.event.pre_show_scene if pre else agenda.event.end_scene
        return Cue(seq=seq, reason=reason, scene=scene)
    seg = agenda.segments[state.seg]
    item = agenda.items[seg.item_index]
    speaker = speaker_at(agenda, state, seg.index)  # with a name or role fixed on air
    lang = agenda.event.broadcast_language
    return Cue(
        seq=seq,
        reason=reason,
        scene=(speaker.scene if speaker and speaker.scene else item.scene),
        item_id=item.id,
        item_kind=item.kind,
        segment=seg.index,
        speaker_index=seg.speaker_index,
        speaker_id=agenda.speaker_id(seg.item_index, seg.speaker_index),
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
    left = sum(  # the item's segments from the current one on (an item's are contiguous)
        max(0.0, x.allotted + state.extra[x.index] - state.used[x.index])
        for x in agenda.segments[state.seg : agenda.item_segments(item_index).stop]
    )
    return (since if since is not None else agenda.item_starts[item_index]) + left


def elapsed(s: ShowState, seg: int, now: float) -> float:
    """Time the segment's speaker has used by `now`, including the running visit."""
    return used_by(s, seg, now)


def item_state(agenda: Agenda, s: ShowState, index: int) -> ItemState:
    """Pending, on now, done or skipped: what the running order shows for item `index`."""
    if index in s.skipped:
        return ItemState.SKIPPED
    if (
        s.status is ShowStatus.RUNNING
        and s.seg is not None
        and agenda.segments[s.seg].item_index == index
    ):
        return ItemState.CURRENT
    if s.item_start[index] is None and agenda.first_segment(index) in s.passed:
        return ItemState.PASSED
    return ItemState.DONE if s.item_end[index] is not None else ItemState.PENDING


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
        if moved(running(agenda, state), state, running(agenda, new), new):
            new.cue_seq += 1
        state = new
    return state


def moved(before: Agenda, old: ShowState, after: Agenda, new: ShowState) -> bool:
    """Whether the show went somewhere else: by ids, never by position, so an edit of the
    running order behind the show (a speaker removed before the one on air) moves nothing and
    brings no new cue (a scene the technician holds by hand stays held)."""
    return place(before, old) != place(after, new)


_NEVER = -math.inf


def _open_from(agenda: Agenda, skipped: set[int], k: int) -> int | None:
    """The first segment from `k` on whose item is not skipped (a skipped item at a time)."""
    segments = agenda.segments
    while k < len(segments):
        item = segments[k].item_index
        if item not in skipped:
            return k
        k = agenda.item_segments(item).stop
    return None


class _Projection:
    """When the show ends if every segment from `k` on keeps to its time (an item with a fixed
    start waits for it), for any `k` and any instant the show reaches `k`, in O(1).

    Running segment i from instant c ends at max(c, fixed_i) + left_i, so running segments
    k..n-1 ends at F_k(c) = max(c + A[k], B[k]) with A[k] = left_k + A[k+1] and
    B[k] = max(fixed_k + left_k + A[k+1], B[k+1]); a skipped item's segments pass c on.
    A and B are kept for every k >= `lo`. A state that differs from the one they were made for
    at segment j (time used or added there, its item skipped or not) spoils only k <= j, so a
    show moving on keeps them and one going back refills what it passes again. (Walking every
    later segment at each status() cost O(n) per refresh, O(n²) over a rehearsal or a report.)
    The sums come in another order than a walk's: with whole-second allotments they are exact,
    otherwise they may differ from it in the last bit.
    """

    def __init__(self, agenda: Agenda) -> None:
        self.agenda = agenda
        segments = agenda.segments
        n = len(segments)
        self.fixed = [_NEVER] * n
        for i, item in enumerate(agenda.items):
            if item.start is not None:
                first = agenda.first_segment(i)
                self.fixed[first] = segments[first].planned_start
        self.A = [0.0] * (n + 1)
        self.B = [_NEVER] * (n + 1)
        self.lo = n
        self._seen: tuple[Cells[float], Cells[float], frozenset[int]] | None = None

    def _sync(self, s: ShowState) -> None:
        """Lower what the sums cover to what `s` has not changed since they were made."""
        used, extra = s.used, s.extra
        if not (isinstance(used, Cells) and isinstance(extra, Cells)):
            self.lo, self._seen = len(self.fixed), None  # plain lists: no telling what changed
            return
        seen = self._seen
        if seen is None:
            self.lo = len(self.fixed)
        else:
            changed = max(used.last_difference(seen[0]), extra.last_difference(seen[1]))
            if s.skipped != seen[2]:
                for item in s.skipped ^ seen[2]:
                    changed = max(changed, self.agenda.item_segments(item).stop - 1)
            elif changed < 0:
                return
            self.lo = max(self.lo, changed + 1)
        self._seen = (used.copy(), extra.copy(), frozenset(s.skipped))

    def end(self, s: ShowState, k: int, cursor: float) -> float:
        """When the show ends if it reaches segment `k` at `cursor` and keeps to time after."""
        self._sync(s)
        if k < self.lo:
            segments, skipped, used, extra = self.agenda.segments, s.skipped, s.used, s.extra
            A, B, fixed = self.A, self.B, self.fixed
            a, b = A[self.lo], B[self.lo]
            for i in range(self.lo - 1, k - 1, -1):
                seg = segments[i]
                if seg.item_index not in skipped:
                    left = max(0.0, seg.allotted + extra[i] - used[i])
                    if fixed[i] != _NEVER:
                        b = max(fixed[i] + left + a, b)
                    a = left + a
                A[i], B[i] = a, b
            self.lo = k
        return max(cursor + self.A[k], self.B[k])


class Show:
    """The live show: validates actions, journals them, folds them, and answers timing questions."""

    def __init__(self, agenda: Agenda, clock: Clock, journal: Journal | None = None) -> None:
        self.published = agenda
        """The agenda as loaded: the plan as published."""
        self.clock = clock
        self.journal = journal
        entries = journal.entries if journal else []
        self.state = replay(agenda, entries)

    @property
    def agenda(self) -> Agenda:
        """The running order the show has now: the agenda with its live edits (every position
        in `state` is one of its)."""
        return running(self.published, self.state)

    @property
    def resumable(self) -> bool:
        """True if the journal held a show that is under way."""
        return self.state.status is ShowStatus.RUNNING

    def apply(
        self,
        action: Action | str,
        *,
        origin: Origin = Origin.ENGINE,
        client: str | None = None,
        **args: Any,
    ) -> list[Cue]:
        """Do one operator action now; raises ActionError, recording nothing, if it cannot apply.

        `action` is a typed action, or an action's name with its arguments (parsed the way a
        journal line is). `client` names a remote caller (the control API's client address)
        for the journal."""
        if isinstance(action, str):
            action = parse_action(action, args)
        action = action.resolved(self.agenda)  # what it leaves to the show, made explicit
        at = self.clock.now()
        new = self.state.copy()
        action.apply(self.agenda, new, at)  # refuse before anything is written
        after = running(self.published, new)
        if self.journal:
            # Where it went, by ids: a replay against an edited agenda lands on the same speaker.
            record = {**action.args(), "to": place(after, new), "origin": origin.value}
            if client:
                record["client"] = client
            self.journal.append(at, "action", action.name, record)
        changed = moved(self.agenda, self.state, after, new)
        if changed:
            new.cue_seq += 1
        self.state = new
        # A cue when the show moved, or when what is on air changed in place (a lower third
        # fixed for the speaker on air): the same cue number, so a scene the technician holds
        # by hand stays held; only the texts go again.
        if changed or action.recues(after, new):
            return [cue_for(after, new, action.name)]
        return []

    # Convenience wrappers: the names a moderator knows.
    def start(self) -> list[Cue]:
        return self.apply(Start())

    def next(self) -> list[Cue]:
        return self.apply(Next())

    def back(self) -> list[Cue]:
        return self.apply(Back())

    def goto(self, item_id: str) -> list[Cue]:
        return self.apply(Goto(item_id))

    def hold(self) -> list[Cue]:
        return self.apply(Hold())

    def resume(self) -> list[Cue]:
        return self.apply(Resume())

    def toggle_hold(self) -> list[Cue]:
        return self.resume() if self.state.held_since is not None else self.hold()

    def extend(self, seconds: float) -> list[Cue]:
        return self.apply(Extend(float(seconds)))

    def skip(self, item_id: str | None = None) -> list[Cue]:
        return self.apply(Skip(item_id or None))

    def end(self) -> list[Cue]:
        return self.apply(End())

    def retime(self, item_id: str, speaker_id: str | None, seconds: float) -> list[Cue]:
        return self.apply(Retime(item_id, speaker_id, float(seconds)))

    def relabel(
        self, item_id: str, speaker_id: str, name: str | None = None, role: str | None = None
    ) -> list[Cue]:
        return self.apply(Relabel(item_id, speaker_id, name, role))

    def current_cue(self) -> Cue:
        return cue_for(self.agenda, self.state, "restore")

    # ---- derived timing -------------------------------------------------------------------
    def elapsed(self, seg: int, now: float) -> float:
        """Time the segment's speaker has used, including the running visit."""
        return elapsed(self.state, seg, now)

    def allotted(self, seg: int) -> float:
        return self.agenda.segments[seg].allotted + self.state.extra[seg]

    def item_state(self, index: int) -> ItemState:
        return item_state(self.agenda, self.state, index)

    def phase(self, seg: int, remaining: float) -> Phase:
        t = self.agenda.segment_thresholds(seg)  # the speaker's own, else the item's
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
        # Late or early against the plan as published: a speaker inserted live makes the
        # show later, it does not move the goal.
        planned_end = self.published.item_ends[-1]
        if s.status is ShowStatus.RUNNING and s.seg is not None:
            seg = a.segments[s.seg]
            elapsed = self.elapsed(s.seg, now)
            allotted = self.allotted(s.seg)
            remaining = allotted - elapsed
            seg_end = now + max(0.0, remaining)
            own = a.item_segments(seg.item_index)
            same_item = [a.segments[i] for i in own if i > s.seg]
            item_elapsed = sum(self.elapsed(i, now) for i in own)
            item_remaining = max(0.0, remaining) + sum(
                max(0.0, self.allotted(x.index) - s.used[x.index]) for x in same_item
            )
            # Items a jump went past are still to be done: they run after the rest.
            projected = self._projection().end(s, s.seg + 1, seg_end) + self._passed_left()
            offset = projected - planned_end
            after = _open_from(a, s.skipped, s.seg + 1)
            nxt = a.segments[after] if after is not None else None
            item = a.items[seg.item_index]
            return Status(
                now=now,
                status=s.status,
                held=s.held_since is not None,
                item_index=seg.item_index,
                item=item,
                speaker_index=seg.speaker_index,
                speaker=speaker_at(a, s, s.seg),
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
        if s.status is ShowStatus.PRE:
            at = _open_from(a, s.skipped, 0)
            first = a.segments[at] if at is not None else None
            begin = max(now, first.planned_start) if first else now
            projected = self._projection().end(s, 0, begin) + self._passed_left()
            nxt = first
        else:
            projected = s.ended_at or now
            nxt = None
        # One measure of late or early, the projection's: a planned hole before a fixed start
        # absorbs lateness, and waiting for a fixed start is not being ahead.
        offset = projected - planned_end
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

    def _passed_left(self) -> float:
        """Time still allotted to the segments a jump ahead went past (kept per state: they
        never run, so it changes only with an action, and a refresh pays nothing)."""
        s, segments = self.state, self.agenda.segments
        if not s.passed:
            return 0.0
        cached: tuple[ShowState, float] | None = getattr(self, "_passed_cache", None)
        if cached is not None and cached[0] is s:
            return cached[1]
        left = sum(
            max(0.0, self.allotted(i) - s.used[i])
            for i in s.passed
            if segments[i].item_index not in s.skipped
        )
        self._passed_cache = (s, left)
        return left

    def _projection(self) -> _Projection:
        """The projected end's running sums, kept from one status() to the next."""
        p: _Projection | None = getattr(self, "_projected", None)
        if p is None or p.agenda is not self.agenda:
            p = self._projected = _Projection(self.agenda)
        return p

    def speaker_times(self, now: float | None = None) -> list[TimeUse]:
        """Speaking time used by each speaker slot against its allotment."""
        now = self.clock.now() if now is None else now
        out = []
        lang = self.agenda.event.broadcast_language
        for seg in self.agenda.segments:
            if seg.speaker_index is None:
                continue
            item = self.agenda.items[seg.item_index]
            sp = speaker_at(self.agenda, self.state, seg.index)
            assert sp is not None
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


# Names other modules have always imported from here.
__all__ = [
    "ACTIONS",
    "ActionError",
    "Cue",
    "ItemState",
    "Origin",
    "Phase",
    "Show",
    "ShowState",
    "ShowStatus",
    "Status",
    "TimeUse",
    "cue_for",
    "elapsed",
    "item_state",
    "reduce",
    "replay",
]
