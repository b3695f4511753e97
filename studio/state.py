"""The show's folded state and the moves every action is made of.

`ShowState` is what the journal folds into; `enter`, `finish`, `go` and the rest are the only
ways it changes, so every action (studio/actions.py) moves the show the same way. Places in the
show are segments of the agenda, and a journal names them by item and speaker id (`place`,
`pinned`), never by position. A name or role fixed on air lives beside the agenda, in `labels`;
`speaker_at` gives a segment's speaker as the show has them. The running order edited live is
an agenda of its own, `order` (`running` gives the one the show runs now).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from studio.agenda import Agenda, Speaker, TextModel
from studio.cells import Cells
from studio.facts import ShowStatus as ShowStatus  # its home is the journal vocabulary

Label = tuple[str | None, str | None]
"""A speaker's name and role as fixed on air (None: as the agenda has it)."""


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
    labels: dict[int, Label] = field(default_factory=dict)
    """Per segment: the speaker's name and role fixed on air (a typo in the lower third)."""
    order: Agenda | None = None
    """The running order as edited live (items or speakers moved, a speaker inserted or
    removed: studio/running_order.py); None while it is the agenda as loaded. Every position
    above is one of this agenda's."""

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
            labels=dict(self.labels),
        )


def running(agenda: Agenda, state: ShowState) -> Agenda:
    """The agenda the show runs now: the loaded one (`agenda`) with the live edits of its
    running order, the one every position in `state` refers to."""
    return agenda if state.order is None else state.order


def relabelled(sp: Speaker, name: str | None, role: str | None, lang: str) -> Speaker:
    """The speaker with a name and/or role fixed on air, in `lang` (the broadcast language: what
    the lower third shows) and in the other language where it said the same (a person's name
    usually does); a translation that differed was not on air and stays. Lower-third lines the
    agenda wrote out get the same fix: the old text replaced where a line holds it, else the
    line itself (name first, role second)."""
    update: dict[str, Any] = {}
    lines = list(sp.lower_third) if sp.lower_third else None
    for attr, new, line in (("name", name, 0), ("role", role, 1)):
        if new is None:
            continue
        old: TextModel | None = getattr(sp, attr)
        update[attr] = _fixed_text(old, new, lang)
        if lines is not None:
            _fix_lines(lines, old.get(lang) if old else None, new, line)
    if lines is not None:
        update["lower_third"] = tuple(lines)
    return sp.model_copy(update=update)


def _fixed_text(old: TextModel | None, new: str, lang: str) -> TextModel:
    if old is None:
        return TextModel(uk=new, en=new)
    on_air = old.get(lang)
    texts = {"uk": old.uk, "en": old.en}
    for code, text in texts.items():
        if code == lang or text == on_air:
            texts[code] = new
    return TextModel(uk=texts["uk"] or new, en=texts["en"])


def _fix_lines(lines: list[str], old: str | None, new: str, line: int) -> None:
    """The lines with `old` replaced by `new` where one holds it, else line `line` set."""
    for i, text in enumerate(lines):
        if old and old in text:
            lines[i] = text.replace(old, new)
            return
    if line < len(lines):
        lines[line] = new
    else:
        lines.append(new)


def speaker_at(agenda: Agenda, state: ShowState, seg: int) -> Speaker | None:
    """The segment's speaker as the show has them: the agenda's, with a fix made on air; None
    for an item's time with no speaker."""
    s = agenda.segments[seg]
    if s.speaker_index is None:
        return None
    sp = agenda.items[s.item_index].speakers[s.speaker_index]
    fix = state.labels.get(seg)
    return sp if fix is None else relabelled(sp, *fix, agenda.event.broadcast_language)


def used_by(state: ShowState, seg: int, at: float) -> float:
    """Time the segment's speaker has used by `at`, including the running visit."""
    used = state.used[seg]
    if seg == state.seg and state.visit_start is not None and state.status is ShowStatus.RUNNING:
        used += max(0.0, at - state.visit_start)
    return used


def finished(state: ShowState, seg: int) -> bool:
    """Whether the segment is behind the show: it ran and the show has moved on past it (or
    ended). One the show went back before is ahead again; one a jump went past never ran."""
    if state.status is ShowStatus.ENDED:
        return True
    if state.seg_first_start[seg] is None or state.status is not ShowStatus.RUNNING:
        return False
    return state.seg is not None and seg < state.seg


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
