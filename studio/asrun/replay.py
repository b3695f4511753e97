"""What happened on air, replayed from a journal into the as-run model (studio/asrun/model.py).

`build_report` reads a journal file, finds its agenda (the one its header names unless given) and
replays it; `replay_journal` does the same from entries already read, for anything else that
needs "what happened" (the browser views will). Actions are folded with the console's own fold
(`studio.show.reduce`), so the report and the console agree on every start, duration and offset;
the OBS facts (studio/facts.py) give the cues, switches, outages, health incidents and outputs.
Nothing here touches the network or Qt.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from studio import facts
from studio.agenda import Agenda, AgendaError, load_agenda
from studio.asrun.model import (
    ROUTINE_ACTIONS,
    AsRun,
    Intervention,
    ItemRun,
    Notice,
    OffsetPoint,
    ReportError,
    SpeakerRun,
    TimeRow,
    region_label,
)
from studio.asrun.obs_fold import ObsFold
from studio.asrun.order import ORDER_EDITS, order_intervention
from studio.clock import SimClock
from studio.journal import Entry, is_header, read_entries
from studio.show import ActionError, ItemState, Show, ShowState, ShowStatus, Status, reduce
from studio.state import running, speaker_at

AgendaLoader = Callable[[Path], Agenda]


# ---- the journal and its agenda -----------------------------------------------------------------


def _read(path: Path) -> tuple[list[Entry], int]:
    """Entries and how many non-empty lines could not be read."""
    if not path.exists():
        raise ReportError(f"{path}: no such journal.")
    try:
        data = path.read_bytes()
        entries = read_entries(path)
    except OSError as exc:
        raise ReportError(f"{path}: cannot read the journal ({exc.strerror or exc}).") from None
    if not entries:
        raise ReportError(f"{path}: holds no readable journal entries.")
    lines = sum(1 for raw in data.split(b"\n") if raw.strip())
    return entries, lines - len(entries)


def load_report_agenda(path: Path) -> Agenda:
    """The agenda a report is made against; its first problem as a ReportError."""
    try:
        return load_agenda(path)
    except AgendaError as exc:
        more = len(exc.problems) - 1
        extra = f" (and {more} more problem{'s' if more != 1 else ''})" if more > 0 else ""
        raise ReportError(f"the agenda cannot be used: {exc.problems[0]}{extra}.") from None


def journal_header(entries: Iterable[Entry]) -> dict[str, Any]:
    """The args of the journal's header line ({} for a journal without one)."""
    return next((dict(e.args) for e in entries if is_header(e)), {})


def _agenda_path(journal_path: Path, header: dict[str, Any], given: str | Path | None) -> Path:
    if given is not None:
        return Path(given)
    named = facts.JournalHeader.from_args(header).agenda
    if not named:
        raise ReportError(
            f"{journal_path}: the journal does not name its agenda; give it with --agenda."
        )
    return Path(named)


def build_report(
    journal_path: str | Path,
    agenda_path: str | Path | None = None,
    *,
    load: AgendaLoader = load_report_agenda,
) -> AsRun:
    """Replay a journal against its agenda (the one the header names unless given)."""
    journal_path = Path(journal_path)
    entries, dropped = _read(journal_path)
    header = journal_header(entries)
    agenda = load(_agenda_path(journal_path, header, agenda_path))
    read = [Notice("dropped", {"n": dropped})] if dropped else []
    return replay_journal(agenda, entries, journal_path=journal_path, header=header, notices=read)


def _unknown(entries: Iterable[Entry]) -> Notice | None:
    """Lines of a kind or name this version does not know: counted and named, never dropped
    silently (a newer console's journal, or a fact since retired)."""
    counts: dict[str, int] = {}
    for e in entries:
        if facts.fact_type(e.kind, e.name) is None and e.kind != facts.ACTION:
            label = f"{e.kind}/{e.name}"
            counts[label] = counts.get(label, 0) + 1
    if not counts:
        return None
    what = ", ".join(f"{k} ({n})" if n > 1 else k for k, n in counts.items())
    return Notice("unknown", {"n": sum(counts.values()), "what": what})


def _header_notices(journal_path: Path, header: dict[str, Any], agenda: Agenda) -> list[Notice]:
    """What the header says about the agenda; another event's journal is refused outright."""
    if not header:
        return [Notice("no_header")]
    h = facts.JournalHeader.from_args(header)
    notices: list[Notice] = []
    if h.fingerprint and h.fingerprint != agenda.fingerprint:
        notices.append(
            Notice("fingerprint", {"journal": h.fingerprint, "agenda": agenda.fingerprint})
        )
    if h.event and h.event != agenda.event.id:
        # Another event's journal replayed on this agenda is nonsense, never a report.
        raise ReportError(
            f"{journal_path}: the journal is of event '{h.event}', but {agenda.path} is "
            f"event '{agenda.event.id}'; give the agenda the show ran with (--agenda)."
        )
    return notices


# ---- the show, action by action -----------------------------------------------------------------


EDITS = ("retime", "relabel", *ORDER_EDITS)


def _plan(e: Entry, offset: float) -> Intervention:
    """A plan to end on time taken: how much it cut in all, and what it dropped."""
    changes = e.args.get("changes")
    cut = 0.0
    for c in changes if isinstance(changes, list) else []:
        if isinstance(c, dict):
            cut += float(c.get("old", 0)) - float(c.get("new", 0))
    dropped = e.args.get("dropped")
    what = ", ".join(str(d) for d in dropped) if isinstance(dropped, list) else None
    return Intervention(e.seq, e.at, e.name, what or None, seconds=cut, offset=offset)


def _current_item(agenda: Agenda, s: ShowState) -> str | None:
    if s.status is not ShowStatus.RUNNING or s.seg is None:
        return None
    return agenda.items[agenda.segments[s.seg].item_index].id


class _ShowFold:
    """The show replayed action by action, noting what the report shows: each item's stretches
    on air, the schedule offset before and after every action (and its curve over the day), the
    operator's interventions and the actions that no longer apply."""

    def __init__(self, agenda: Agenda) -> None:
        self.published = agenda
        self.show = Show(agenda, SimClock(0.0))
        self.state = ShowState.initial(agenda)
        # By item id: an item moved live keeps its stretches on air.
        self.visits: dict[str, list[tuple[float, float]]] = {item.id: [] for item in agenda.items}
        self.cur_item: str | None = None
        self.cur_since = 0.0
        self.offsets: list[OffsetPoint] = []
        self.curve: list[tuple[float, float]] = []
        self.interventions: list[Intervention] = []
        self.refused: list[Entry] = []
        self.held_at: float | None = None
        self.last: tuple[float, float, float] | None = None  # (at, offset, remaining) counting

    @property
    def agenda(self) -> Agenda:
        """The running order as the show has it now (with its live edits)."""
        return running(self.published, self.state)

    def _status(self, at: float) -> Status:
        self.show.state = self.state
        return self.show.status(at)

    def _offset(self, at: float) -> float | None:
        return self._status(at).offset if self.state.status is not ShowStatus.PRE else None

    def _knee_until(self, t: float) -> None:
        # Between actions the offset stays flat until the speaker's time runs out, then grows.
        last = self.last
        if last is not None and last[2] > 0 and last[0] + last[2] < t:
            self.curve.append((last[0] + last[2], last[1]))

    def manual(self, e: Entry, fact: facts.ManualOverride) -> None:
        self.interventions.append(
            Intervention(
                e.seq,
                e.at,
                "manual",
                scene=fact.scene,
                source=fact.source,
                offset=self._offset(e.at),
            )
        )

    def action(self, e: Entry) -> None:
        before = self._offset(e.at)
        try:
            new = reduce(self.published, self.state, e)
        except ActionError as exc:
            self.interventions.append(Intervention(e.seq, e.at, e.name, refused=str(exc)))
            self.refused.append(e)
            return
        if (new.seg, new.status) != (self.state.seg, self.state.status):
            new.cue_seq += 1
        self._knee_until(e.at)
        if before is not None:
            self.curve.append((e.at, before))
        self._visit(e.at, new)
        old, self.state = self.state, new
        st = self._status(e.at)
        self.offsets.append(OffsetPoint(e.seq, e.at, e.name, before, st.offset))
        self.curve.append((e.at, st.offset))
        counting = new.status is ShowStatus.RUNNING and not st.held
        self.last = (e.at, st.offset, st.remaining) if counting else None
        if e.name not in ROUTINE_ACTIONS:
            self.interventions.append(self._intervention(e, old, st.offset))

    def _visit(self, at: float, new: ShowState) -> None:  # items by id: an edit moves them
        """A stretch on air ends when the show leaves its item, or starts again."""
        item_now = _current_item(running(self.published, new), new)
        if item_now != self.cur_item or (
            new.status is ShowStatus.RUNNING and self.state.status is not ShowStatus.RUNNING
        ):
            if self.cur_item is not None:
                self.visits.setdefault(self.cur_item, []).append((self.cur_since, at))
            self.cur_item, self.cur_since = item_now, at

    def _intervention(self, e: Entry, old: ShowState, offset: float) -> Intervention:
        """An action beyond start/next, with what it was about (after it applied)."""
        agenda, name = self.agenda, e.name
        seg = agenda.segments[self.state.seg] if self.state.seg is not None else None
        who = speaker_at(agenda, self.state, seg.index) if seg is not None else None
        if name in ("back", "goto") and seg is not None:
            item_id = agenda.items[seg.item_index].id
            return Intervention(
                e.seq, e.at, name, item_id, seg.speaker_index, offset=offset, who=who
            )
        if name == "skip":
            target = e.args.get("item")
            if target is None and old.seg is not None:
                target = agenda.items[agenda.segments[old.seg].item_index].id
            return Intervention(e.seq, e.at, name, str(target), offset=offset)
        if name == "extend" and seg is not None:
            seconds = float(e.args.get("seconds", 0))
            item_id = agenda.items[seg.item_index].id
            return Intervention(
                e.seq,
                e.at,
                name,
                item_id,
                seg.speaker_index,
                seconds=seconds,
                offset=offset,
                who=who,
            )
        if name in EDITS:
            return (
                self._order(e, old, offset) if name in ORDER_EDITS else self._edit(e, old, offset)
            )
        if name == "plan":
            return _plan(e, offset)
        if name == "hold":
            self.held_at = e.at
        elif name == "resume" and self.held_at is not None:
            held, self.held_at = e.at - self.held_at, None
            return Intervention(e.seq, e.at, name, seconds=held, offset=offset)
        return Intervention(e.seq, e.at, name, offset=offset)

    def _edit(self, e: Entry, old: ShowState, offset: float) -> Intervention:
        """A live edit of the running order, plan as published against as run: an allotment
        changed (old -> new), a lower third fixed (the speaker before and after)."""
        agenda, new = self.agenda, self.state
        item_id, speaker = str(e.args.get("item", "")), e.args.get("speaker")
        seg = agenda.segment_for(item_id, None if speaker is None else str(speaker))
        if seg is None:  # it applied, so the agenda has it; a guard for the type checker
            return Intervention(e.seq, e.at, e.name, item_id, offset=offset)
        where = agenda.segments[seg]
        who = speaker_at(agenda, new, seg)
        common = Intervention(
            e.seq, e.at, e.name, item_id, where.speaker_index, offset=offset, who=who
        )
        if e.name == "retime":
            planned = float(where.allotted)
            return dataclasses.replace(
                common,
                seconds=planned + new.extra[seg],
                was=planned + old.extra[seg],
                planned=planned,
            )
        before, after = speaker_at(agenda, old, seg), speaker_at(agenda, new, seg)
        labels = (before, after) if before is not None and after is not None else None
        return dataclasses.replace(common, labels=labels)

    def _order(self, e: Entry, old: ShowState, offset: float) -> Intervention:
        """A change of the running order: what moved (or came, or went), and from where."""
        before = running(self.published, old)
        return order_intervention(e, self.published, before, self.agenda, offset)

    def finish(self, end_instant: float) -> list[Notice]:
        """Close what is still open at the journal's last entry; the notices that makes."""
        notices: list[Notice] = []
        if self.refused:
            first = self.refused[0]
            why = next(iv.refused for iv in self.interventions if iv.seq == first.seq)
            args = {"n": len(self.refused), "seq": first.seq, "action": first.name, "why": why}
            notices.append(Notice("refused", args))
        if self.state.status is ShowStatus.RUNNING:
            self._knee_until(end_instant)
            self.curve.append((end_instant, self._status(end_instant).offset))
            notices.append(Notice("not_ended", {"at": end_instant}))
        elif self.state.status is ShowStatus.PRE:
            notices.append(Notice("not_started"))
        if self.cur_item is not None:
            self.visits.setdefault(self.cur_item, []).append((self.cur_since, end_instant))
        self.show.state = self.state
        return notices

    @property
    def final_offset(self) -> float | None:
        if self.state.status is ShowStatus.RUNNING:
            return self.curve[-1][1]
        return self.offsets[-1].after if self.offsets else None


def _published_ids(fold: _ShowFold) -> dict[str, int]:
    return {item.id: i for i, item in enumerate(fold.published.items)}


def _items(fold: _ShowFold) -> tuple[ItemRun, ...]:
    """Each item in the running order as run, planned as published against its stretches on
    air."""
    agenda, state, show, plan = fold.agenda, fold.state, fold.show, fold.published
    published = _published_ids(fold)
    items: list[ItemRun] = []
    for i, item in enumerate(agenda.items):
        segs = [agenda.segments[j] for j in agenda.item_segments(i)]
        starts = tuple(
            t
            for s in segs[1:]
            if (t := state.seg_first_start[s.index]) is not None
            and state.seg_first_start[segs[0].index] != t
        )
        p = published.get(item.id)
        items.append(
            ItemRun(
                index=i,
                item=item,
                planned_start=agenda.item_starts[i] if p is None else plan.item_starts[p],
                planned_end=agenda.item_ends[i] if p is None else plan.item_ends[p],
                visits=tuple((a, b) for a, b in fold.visits.get(item.id, []) if b >= a),
                state=show.item_state(i),
                extended=sum(state.extra[s.index] for s in segs),
                speaker_starts=starts,
            )
        )
    return tuple(items)


def _speakers(fold: _ShowFold, end_instant: float) -> tuple[SpeakerRun, ...]:
    """Each speaker slot, allotted against the speaking time used."""
    agenda, state, show = fold.agenda, fold.state, fold.show
    lang = agenda.event.broadcast_language
    speakers: list[SpeakerRun] = []
    for seg in agenda.segments:
        if seg.speaker_index is None:
            continue
        item = agenda.items[seg.item_index]
        first = state.seg_first_start[seg.index]
        if first is None:
            sstate = ItemState.SKIPPED if seg.item_index in state.skipped else ItemState.PENDING
        elif state.status is ShowStatus.RUNNING and state.seg == seg.index:
            sstate = ItemState.CURRENT
        else:
            sstate = ItemState.DONE
        sp = speaker_at(agenda, state, seg.index) or item.speakers[seg.speaker_index]
        was = fold.published.segment_for(*agenda.segment_ids(seg.index))  # as published
        planned = seg.planned_start if was is None else fold.published.segments[was].planned_start
        speakers.append(
            SpeakerRun(
                key=f"{item.id}#{seg.speaker_index + 1}",
                item_index=seg.item_index,
                item=item,
                slot=seg.speaker_index + 1,
                label=sp.label(lang),
                region=sp.region or item.region,
                planned_start=planned,
                allotted=float(seg.allotted),
                extended=state.extra[seg.index],
                actual_start=first,
                used=show.elapsed(seg.index, end_instant),
                state=sstate,
            )
        )
    return tuple(speakers)


def _regions(fold: _ShowFold, end_instant: float) -> tuple[TimeRow, ...]:
    agenda = fold.agenda
    lang = agenda.event.broadcast_language
    return tuple(
        TimeRow(t.key, region_label(agenda, t.key, lang), t.used, t.allotted)
        for t in fold.show.region_times(end_instant)
    )


# ---- what OBS did -------------------------------------------------------------------------------


def replay_journal(
    agenda: Agenda,
    entries: Sequence[Entry],
    *,
    journal_path: Path = Path(),
    header: dict[str, Any] | None = None,
    notices: Iterable[Notice] = (),
) -> AsRun:
    """What happened, from a journal's entries replayed against `agenda`.

    `header` is the journal header's args (read from `entries` unless given); `notices` are
    what reading the journal found (damaged lines) and come first."""
    if not entries:
        raise ReportError(f"{journal_path}: holds no readable journal entries.")
    header = journal_header(entries) if header is None else dict(header)
    found = list(notices)
    unknown = _unknown(entries)
    if unknown is not None:
        found.append(unknown)
    found += _header_notices(journal_path, header, agenda)
    end_instant = max(e.at for e in entries)
    show = _ShowFold(agenda)
    obs = ObsFold(agenda, str(header.get("mode") or ""), show)
    for e in entries:
        fact = facts.read(e)
        if isinstance(fact, facts.ManualOverride):
            show.manual(e, fact)
        elif isinstance(fact, facts.ActionTaken):
            show.action(e)
        if e.kind == facts.OBS:
            obs.feed(e, fact)
    found += show.finish(end_instant)
    obs.finish()
    return AsRun(
        agenda=show.agenda,
        published=agenda,
        journal_path=journal_path,
        header=header,
        entries=len(entries),
        items=_items(show),
        speakers=_speakers(show, end_instant),
        regions=_regions(show, end_instant),
        offsets=tuple(show.offsets),
        offset_curve=tuple(show.curve),
        cues=tuple(obs.cues),
        switches=tuple(obs.switches),
        unswitched=obs.unswitched,
        outages=tuple(obs.outages),
        health=tuple(obs.health),
        outputs=tuple(obs.outputs),
        interventions=tuple(sorted(show.interventions, key=lambda x: (x.at, x.seq))),
        notices=tuple(found),
        status=show.state.status,
        started_at=show.state.started_at,
        ended_at=show.state.ended_at,
        end_instant=end_instant,
        final_offset=show.final_offset,
    )


__all__ = ["AgendaLoader", "build_report", "journal_header", "load_report_agenda", "replay_journal"]
