"""The show: operator actions, the state they fold into, and every timing derived from it.

State is a fold over journal entries (`reduce`), so a restart that replays the journal lands on
the same item with the same elapsed time. Timers are never counted: a speaker's elapsed time is
the time used in earlier visits plus `now - visit_start`, so any refresh rate gives the same
answer. Each action returns the cues that the director turns into OBS actions.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import math
import operator
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar, overload

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
    speaker_id: str | None = None
    lower_third: tuple[str, str] | None = None
    show_speaker_timer: bool = False
    break_until: float | None = None


T = TypeVar("T")


class Cells(Sequence[T], Generic[T]):
    """A list of fixed length whose copy costs O(√n), not O(n): copies share chunks of about
    √n values, and a chunk is copied on its first write after a copy (copy-on-write).

    `reduce` copies the state for every action; with plain lists, a journal of n actions over
    n segments cost O(n²) (six lists of 30,000 copied 30,000 times). Shared chunks also let the
    show tell cheaply where two states differ (`last_difference`).
    """

    __slots__ = ("_chunks", "_len", "_mask", "_own", "_shift")

    def __init__(self, values: Iterable[T] = ()) -> None:
        data = list(values)
        self._len = n = len(data)
        self._shift = max(6, math.isqrt(n).bit_length())  # chunks of 64 values or ~√n..2√n
        self._mask = (1 << self._shift) - 1
        size = self._mask + 1
        self._chunks = [data[i : i + size] for i in range(0, n, size)]
        self._own = set(range(len(self._chunks)))  # chunks only this one holds: written in place

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._len))]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("Cells index out of range")
        return self._chunks[index >> self._shift][index & self._mask]

    def __setitem__(self, index: int, value: T) -> None:
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("Cells assignment index out of range")
        c = index >> self._shift
        chunk = self._chunks[c]
        if c not in self._own:
            chunk = self._chunks[c] = chunk.copy()
            self._own.add(c)
        chunk[index & self._mask] = value

    def __iter__(self) -> Iterator[T]:
        return itertools.chain.from_iterable(self._chunks)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Cells):
            return self._len == other._len and list(self) == list(other)
        if isinstance(other, list):
            return list(self) == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"Cells({list(self)!r})"

    def copy(self) -> Cells[T]:
        new: Cells[T] = Cells.__new__(Cells)
        new._chunks = self._chunks.copy()
        new._len, new._shift, new._mask = self._len, self._shift, self._mask
        new._own = set()
        if self._own:
            self._own = set()  # every chunk is shared now: the next write copies it
        return new

    def last_difference(self, other: Cells[T]) -> int:
        """The highest index at which this holds another value than `other` (of the same
        length), -1 if none. Chunks this shares with `other` (it is a copy of it, or they are
        copies of one list) are equal without a look, so states a few actions apart compare in
        O(√n) at most; a NaN counts as a difference."""
        if self._len != other._len:
            raise ValueError("Cells of different lengths")
        mine, theirs = self._chunks, other._chunks
        if mine == theirs:  # at C speed: shared chunks are equal by identity
            return -1
        shared = list(map(operator.is_, reversed(mine), reversed(theirs)))  # from the top
        at = 0
        while True:
            at = shared.index(False, at)  # the next chunk not shared, from the top
            c = len(mine) - 1 - at
            if mine[c] != theirs[c]:
                equal = list(map(operator.eq, mine[c], theirs[c]))
                return (c << self._shift) + len(equal) - 1 - equal[::-1].index(False)
            at += 1


@dataclass
class ShowState:
    """The folded state. Only `reduce` changes it."""

    status: str = "pre"  # pre, running, ended
    seg: int | None = None
    visit_start: float | None = None
    held_since: float | None = None
    used: Cells[float] = field(default_factory=Cells)
    extra: Cells[float] = field(default_factory=Cells)
    seg_first_start: Cells[float | None] = field(default_factory=Cells)
    seg_last_end: Cells[float | None] = field(default_factory=Cells)
    skipped: set[int] = field(default_factory=set)
    item_start: Cells[float | None] = field(default_factory=Cells)
    item_end: Cells[float | None] = field(default_factory=Cells)
    started_at: float | None = None
    ended_at: float | None = None
    held_total: float = 0.0
    cue_seq: int = 0

    @classmethod
    def initial(cls, agenda: Agenda) -> ShowState:
        n, m = len(agenda.segments), len(agenda.items)
        return cls(
            used=Cells([0.0] * n),
            extra=Cells([0.0] * n),
            seg_first_start=Cells([None] * n),
            seg_last_end=Cells([None] * n),
            item_start=Cells([None] * m),
            item_end=Cells([None] * m),
        )

    def copy(self) -> ShowState:
        return dataclasses.replace(
            self,
            used=self.used.copy(),
            extra=self.extra.copy(),
            seg_first_start=self.seg_first_start.copy(),
            seg_last_end=self.seg_last_end.copy(),
            skipped=set(self.skipped),
            item_start=self.item_start.copy(),
            item_end=self.item_end.copy(),
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


def place(agenda: Agenda, state: ShowState) -> dict[str, Any]:
    """Where the show is, by ids (never by position): what an action entry records as `to`."""
    if state.status == "running" and state.seg is not None:
        item, speaker = agenda.segment_ids(state.seg)
        return {"status": "running", "item": item, "speaker": speaker}
    return {"status": state.status}


_ENDED = -1
_ELSEWHERE = -2


def _pinned(agenda: Agenda, args: dict[str, Any], computed: int | None) -> int | None:
    """The segment an entry says the show went to (`to`, by ids), else the computed one.

    A journal replayed against an agenda edited since (a speaker added or removed) lands where
    the show really was, not one position off. `_ENDED` means the show ended there; a place the
    agenda no longer has is `_ELSEWHERE` (never mapped onto another speaker); `studio.resume`
    reports it.
    """
    to = args.get("to")
    if not isinstance(to, dict):
        return computed
    if to.get("status") == "ended":
        return _ENDED
    item, speaker = to.get("item"), to.get("speaker")
    if not isinstance(item, str) or not (speaker is None or isinstance(speaker, str)):
        return computed
    seg = agenda.segment_for(item, speaker)
    return _ELSEWHERE if seg is None else seg


def _go(agenda: Agenda, state: ShowState, target: int | None, at: float) -> None:
    """Move the show to `target`; None or `_ENDED` ends it; `_ELSEWHERE` (a place the agenda
    no longer has) stops crediting time to anyone until the show moves on."""
    if target is None or target == _ENDED:
        _finish(agenda, state, at)
    elif target == _ELSEWHERE:
        if state.seg is not None and state.held_since is None:
            _visit_end(state, state.seg, at)
    else:
        _enter(agenda, state, target, at)


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
        target = _pinned(agenda, args, first)
        _enter(agenda, s, first if target is None or target < 0 else target, at)
        if target == _ELSEWHERE:
            _go(agenda, s, target, at)
    elif name in ("next", "back"):
        if not running or s.seg is None:
            raise ActionError("the show is not running", key="show.not_running")
        target = _neighbour(agenda, s, s.seg, 1 if name == "next" else -1)
        if target is None and name == "back":
            raise ActionError("already at the first item", key="show.first_item")
        _go(agenda, s, _pinned(agenda, args, target), at)
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
        target = _pinned(agenda, args, agenda.first_segment(index))
        _enter(agenda, s, agenda.first_segment(index) if target < 0 else target, at)
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
            _go(agenda, s, _pinned(agenda, args, _neighbour(agenda, s, s.seg, 1)), at)
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
            # Where it went, by ids: a replay against an edited agenda lands on the same speaker.
            self.journal.append(at, "action", name, {**args, "to": place(self.agenda, new)})
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
            own = a.item_segments(seg.item_index)
            same_item = [a.segments[i] for i in own if i > s.seg]
            item_elapsed = sum(self.elapsed(i, now) for i in own)
            item_remaining = max(0.0, remaining) + sum(
                max(0.0, self.allotted(x.index) - s.used[x.index]) for x in same_item
            )
            projected = self._projection().end(s, s.seg + 1, seg_end)
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
            at = _open_from(a, s.skipped, 0)
            first = a.segments[at] if at is not None else None
            begin = max(now, first.planned_start) if first else now
            offset = max(0.0, now - first.planned_start) if first else 0.0
            projected = self._projection().end(s, 0, begin)
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
