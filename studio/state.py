"""The show's folded state and the moves every action is made of.

`ShowState` is what the journal folds into; `enter`, `finish`, `go` and the rest are the only
ways it changes, so every action (studio/actions.py) moves the show the same way. Places in the
show are segments of the agenda, and a journal names them by item and speaker id (`place`,
`pinned`), never by position.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from studio.agenda import Agenda
from studio.cells import Cells
from studio.facts import ShowStatus as ShowStatus  # its home is the journal vocabulary


@dataclass
class ShowState:
    """The folded state. Only `reduce` changes it."""

    status: ShowStatus = ShowStatus.PRE
    seg: int | None = None
    visit_start: float | None = None
    held_since: float | None = None
    used: Cells[float] = field(default_factory=Cells)
    extra: Cells[float] = field(default_factory=Cells)
    seg_first_start: Cells[float | None] = field(default_factory=Cells)
    seg_last_end: Cells[float | None] = field(default_factory=Cells)
    skipped: set[int] = field(default_factory=set)
    passed: set[int] = field(default_factory=set)
    """Segments a jump ahead went past before they ever ran: still to be done, not done."""
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
            passed=set(self.passed),
            item_start=self.item_start.copy(),
            item_end=self.item_end.copy(),
        )


def visit_end(state: ShowState, seg: int, at: float) -> None:
    """Close the current visit of `seg` at `at`, adding its running time to `used`."""
    if state.visit_start is not None:
        state.used[seg] += max(0.0, at - state.visit_start)
    state.visit_start = None
    state.seg_last_end[seg] = at


def enter(agenda: Agenda, state: ShowState, seg: int, at: float) -> None:
    old = state.seg
    if old is not None and state.status is ShowStatus.RUNNING:
        if state.held_since is None:
            visit_end(state, old, at)
        else:
            state.seg_last_end[old] = at
        old_item = agenda.segments[old].item_index
        if agenda.segments[seg].item_index != old_item:
            state.item_end[old_item] = at
    if state.held_since is not None:
        state.held_total += at - state.held_since
    state.held_since = None
    item = agenda.segments[seg].item_index
    _pass_over(agenda, state, old, seg)
    state.seg = seg
    state.visit_start = at
    state.status = ShowStatus.RUNNING
    if state.seg_first_start[seg] is None:
        state.seg_first_start[seg] = at
    if state.item_start[item] is None:
        state.item_start[item] = at
    state.item_end[item] = None


def _pass_over(agenda: Agenda, state: ShowState, old: int | None, seg: int) -> None:
    """A jump ahead marks the segments it went past, never run and not skipped, as passed
    over: they stay to be done (the projection counts them) until the show goes back to one."""
    state.passed.discard(seg)
    forward = old is not None and state.status is ShowStatus.RUNNING and seg > old
    if not forward and state.passed:
        # Back (or reopening): what was passed over from here on lies ahead again.
        state.passed = {k for k in state.passed if k < seg}
    was = -1
    if old is not None and state.status is ShowStatus.RUNNING:
        was = old
    elif state.status is not ShowStatus.PRE:
        return  # reopening an ended show passes nothing over
    segments = agenda.segments
    for k in range(was + 1, seg):
        if segments[k].item_index not in state.skipped and state.seg_first_start[k] is None:
            state.passed.add(k)


def neighbour(agenda: Agenda, state: ShowState, seg: int, step: int) -> int | None:
    i = seg + step
    while 0 <= i < len(agenda.segments):
        if agenda.segments[i].item_index not in state.skipped:
            return i
        i += step
    return None


def first_open(agenda: Agenda, state: ShowState) -> int | None:
    return neighbour(agenda, state, -1, 1)


def place(agenda: Agenda, state: ShowState) -> dict[str, Any]:
    """Where the show is, by ids (never by position): what an action entry records as `to`."""
    if state.status is ShowStatus.RUNNING and state.seg is not None:
        item, speaker = agenda.segment_ids(state.seg)
        return {"status": ShowStatus.RUNNING.value, "item": item, "speaker": speaker}
    return {"status": state.status.value}


ENDED = -1
ELSEWHERE = -2


def pinned(agenda: Agenda, to: Any, computed: int | None) -> int | None:
    """The segment an entry says the show went to (`to`, by ids), else the computed one.

    A journal replayed against an agenda edited since (a speaker added or removed) lands where
    the show really was, not one position off. `ENDED` means the show ended there; a place the
    agenda no longer has is `ELSEWHERE` (never mapped onto another speaker); `studio.resume`
    reports it.
    """
    if not isinstance(to, dict):
        return computed
    if to.get("status") == "ended":
        return ENDED
    item, speaker = to.get("item"), to.get("speaker")
    if not isinstance(item, str) or not (speaker is None or isinstance(speaker, str)):
        return computed
    seg = agenda.segment_for(item, speaker)
    return ELSEWHERE if seg is None else seg


def go(agenda: Agenda, state: ShowState, target: int | None, at: float) -> None:
    """Move the show to `target`; None or `ENDED` ends it; `ELSEWHERE` (a place the agenda
    no longer has) stops crediting time to anyone until the show moves on."""
    if target is None or target == ENDED:
        finish(agenda, state, at)
    elif target == ELSEWHERE:
        if state.seg is not None and state.held_since is None:
            visit_end(state, state.seg, at)
    else:
        enter(agenda, state, target, at)


def finish(agenda: Agenda, state: ShowState, at: float) -> None:
    if state.seg is not None:
        if state.held_since is None:
            visit_end(state, state.seg, at)
        else:
            state.held_total += at - state.held_since
            state.seg_last_end[state.seg] = at
        state.item_end[agenda.segments[state.seg].item_index] = at
    state.held_since = None
    state.visit_start = None
    state.status = ShowStatus.ENDED
    state.ended_at = at
