"""The as-run report: what actually happened on air, read back from the show's journal.

`build_report` replays the journal with the same fold the console uses (`studio.show.reduce`), so
the report and the console agree on every start, duration and offset. From the replay it takes,
per item and per speaker, the planned and actual start, duration and overrun; speaking time per
region and per speaker against allotment; the schedule offset at every operator action; and from
the OBS facts in the journal every scene switch with its confirmation latency, OBS outages,
stream/record state changes and the operator's interventions.

`write_report` renders it as one self-contained HTML file (inline CSS and SVG, no scripts, no
external assets, every text escaped) in Ukrainian or English, plus a CSV with one row per item and
per speaker. Nothing here touches the network or Qt.
"""

from __future__ import annotations

import csv
import html
import math
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from studio import facts
from studio.agenda import Agenda, AgendaError, Item, load_agenda
from studio.clock import SimClock
from studio.journal import Entry, is_header, read_entries
from studio.show import ActionError, ItemState, Show, ShowState, reduce
from studio.timefmt import clock_text, signed_text

CSV_FIELDS = (
    "kind",
    "id",
    "title",
    "speaker",
    "planned_start",
    "actual_start",
    "planned_duration_s",
    "actual_duration_s",
    "overrun_s",
    "state",
)
ROUTINE_ACTIONS = ("start", "next")


class ReportError(Exception):
    """The report cannot be made; the message is one sentence for the user."""


# ---- the model ----------------------------------------------------------------------------------


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
    status: str
    started_at: float | None
    ended_at: float | None
    end_instant: float
    final_offset: float | None

    @property
    def mode(self) -> str:
        return str(self.header.get("mode") or "")

    @property
    def planned_start(self) -> float:
        return self.agenda.item_starts[0]

    @property
    def planned_end(self) -> float:
        return self.agenda.item_ends[-1]

    def region_rows(self, lang: str) -> tuple[TimeRow, ...]:
        """Speaking time per region, named in `lang`."""
        return tuple(
            TimeRow(r.key, _region_label(self.agenda, r.key, lang), r.used, r.allotted)
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


# ---- building -----------------------------------------------------------------------------------


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


def _load(path: Path) -> Agenda:
    try:
        return load_agenda(path)
    except AgendaError as exc:
        more = len(exc.problems) - 1
        extra = f" (and {more} more problem{'s' if more != 1 else ''})" if more > 0 else ""
        raise ReportError(f"the agenda cannot be used: {exc.problems[0]}{extra}.") from None


def _current_item(agenda: Agenda, s: ShowState) -> int | None:
    if s.status != "running" or s.seg is None:
        return None
    return agenda.segments[s.seg].item_index


def build_report(journal_path: str | Path, agenda_path: str | Path | None = None) -> AsRun:
    """Replay a journal against its agenda (the one the header names unless given)."""
    journal_path = Path(journal_path)
    entries, dropped = _read(journal_path)
    notices: list[Notice] = []
    if dropped:
        notices.append(Notice("dropped", {"n": dropped}))
    header: dict[str, Any] = next((e.args for e in entries if is_header(e)), {})
    unknown = _unknown(entries)
    if unknown is not None:
        notices.append(unknown)
    if agenda_path is None:
        named = header.get("agenda")
        if not named:
            raise ReportError(
                f"{journal_path}: the journal does not name its agenda; give it with --agenda."
            )
        agenda_path = Path(str(named))
    agenda = _load(Path(agenda_path))
    if not header:
        notices.append(Notice("no_header"))
    else:
        fp = header.get("fingerprint")
        if fp and fp != agenda.fingerprint:
            notices.append(
                Notice("fingerprint", {"journal": str(fp), "agenda": agenda.fingerprint})
            )
        ev = header.get("event")
        if ev and ev != agenda.event.id:
            # Another event's journal replayed on this agenda is nonsense, never a report.
            raise ReportError(
                f"{journal_path}: the journal is of event '{ev}', but {agenda.path} is "
                f"event '{agenda.event.id}'; give the agenda the show ran with (--agenda)."
            )

    end_instant = max(e.at for e in entries)
    show = Show(agenda, SimClock(0.0))
    state = ShowState.initial(agenda)
    n_items = len(agenda.items)
    visits: list[list[tuple[float, float]]] = [[] for _ in range(n_items)]
    cur_item: int | None = None
    cur_since = 0.0
    offsets: list[OffsetPoint] = []
    curve: list[tuple[float, float]] = []
    interventions: list[Intervention] = []
    held_at: float | None = None
    refused: list[Entry] = []
    last: tuple[float, float, float] | None = None  # (at, offset, remaining) while counting down

    def knee_until(t: float) -> None:
        # Between actions the offset stays flat until the speaker's time runs out, then grows.
        if last is not None and last[2] > 0 and last[0] + last[2] < t:
            curve.append((last[0] + last[2], last[1]))

    for e in entries:
        fact = facts.read(e)
        if isinstance(fact, facts.ManualOverride):
            show.state = state
            interventions.append(
                Intervention(
                    e.seq,
                    e.at,
                    "manual",
                    scene=fact.scene,
                    source=fact.source,
                    offset=show.status(e.at).offset if state.status != "pre" else None,
                )
            )
        if not isinstance(fact, facts.ActionTaken):
            continue
        show.state = state
        before = show.status(e.at).offset if state.status != "pre" else None
        try:
            new = reduce(agenda, state, e)
        except ActionError as exc:
            interventions.append(Intervention(e.seq, e.at, e.name, refused=str(exc)))
            refused.append(e)
            continue
        if (new.seg, new.status) != (state.seg, state.status):
            new.cue_seq += 1
        knee_until(e.at)
        if before is not None:
            curve.append((e.at, before))
        item_now = _current_item(agenda, new)
        if item_now != cur_item or (new.status == "running" and state.status != "running"):
            if cur_item is not None:
                visits[cur_item].append((cur_since, e.at))
            cur_item, cur_since = item_now, e.at
        old, state = state, new
        show.state = state
        st = show.status(e.at)
        offsets.append(OffsetPoint(e.seq, e.at, e.name, before, st.offset))
        curve.append((e.at, st.offset))
        counting = state.status == "running" and not st.held
        last = (e.at, st.offset, st.remaining) if counting else None
        if e.name not in ROUTINE_ACTIONS:
            iv = Intervention(e.seq, e.at, e.name, offset=st.offset)
            seg = agenda.segments[state.seg] if state.seg is not None else None
            if e.name in ("back", "goto") and seg is not None:
                iv = Intervention(
                    e.seq,
                    e.at,
                    e.name,
                    agenda.items[seg.item_index].id,
                    seg.speaker_index,
                    offset=st.offset,
                )
            elif e.name == "skip":
                target = e.args.get("item")
                if target is None and old.seg is not None:
                    target = agenda.items[agenda.segments[old.seg].item_index].id
                iv = Intervention(e.seq, e.at, e.name, str(target), offset=st.offset)
            elif e.name == "extend" and seg is not None:
                iv = Intervention(
                    e.seq,
                    e.at,
                    e.name,
                    agenda.items[seg.item_index].id,
                    seg.speaker_index,
                    seconds=float(e.args.get("seconds", 0)),
                    offset=st.offset,
                )
            elif e.name == "hold":
                held_at = e.at
            elif e.name == "resume" and held_at is not None:
                iv = Intervention(e.seq, e.at, e.name, seconds=e.at - held_at, offset=st.offset)
                held_at = None
            interventions.append(iv)

    if refused:
        first = refused[0]
        why = next(iv.refused for iv in interventions if iv.seq == first.seq)
        notices.append(
            Notice(
                "refused", {"n": len(refused), "seq": first.seq, "action": first.name, "why": why}
            )
        )
    if state.status == "running":
        knee_until(end_instant)
        show.state = state
        curve.append((end_instant, show.status(end_instant).offset))
        notices.append(Notice("not_ended", {"at": end_instant}))
    elif state.status == "pre":
        notices.append(Notice("not_started"))
    if cur_item is not None:
        visits[cur_item].append((cur_since, end_instant))

    show.state = state
    items: list[ItemRun] = []
    for i, item in enumerate(agenda.items):
        segs = [agenda.segments[j] for j in agenda.item_segments(i)]
        starts = tuple(
            t
            for s in segs[1:]
            if (t := state.seg_first_start[s.index]) is not None
            and state.seg_first_start[segs[0].index] != t
        )
        items.append(
            ItemRun(
                index=i,
                item=item,
                planned_start=agenda.item_starts[i],
                planned_end=agenda.item_ends[i],
                visits=tuple((a, b) for a, b in visits[i] if b >= a),
                state=show.item_state(i),
                extended=sum(state.extra[s.index] for s in segs),
                speaker_starts=starts,
            )
        )

    lang = agenda.event.broadcast_language
    speakers: list[SpeakerRun] = []
    for seg in agenda.segments:
        if seg.speaker_index is None:
            continue
        item = agenda.items[seg.item_index]
        sp = item.speakers[seg.speaker_index]
        first = state.seg_first_start[seg.index]
        if first is None:
            sstate = ItemState.SKIPPED if seg.item_index in state.skipped else ItemState.PENDING
        elif state.status == "running" and state.seg == seg.index:
            sstate = ItemState.CURRENT
        else:
            sstate = ItemState.DONE
        speakers.append(
            SpeakerRun(
                key=f"{item.id}#{seg.speaker_index + 1}",
                item_index=seg.item_index,
                item=item,
                slot=seg.speaker_index + 1,
                label=sp.label(lang),
                region=sp.region or item.region,
                planned_start=seg.planned_start,
                allotted=float(seg.allotted),
                extended=state.extra[seg.index],
                actual_start=first,
                used=show.elapsed(seg.index, end_instant),
                state=sstate,
            )
        )

    regions = tuple(
        TimeRow(t.key, _region_label(agenda, t.key, lang), t.used, t.allotted)
        for t in show.region_times(end_instant)
    )

    obs = _obs_facts(agenda, entries, str(header.get("mode") or ""))
    interventions.sort(key=lambda x: (x.at, x.seq))

    final = offsets[-1].after if offsets else None
    if state.status == "running":
        final = curve[-1][1]
    return AsRun(
        agenda=agenda,
        journal_path=journal_path,
        header=dict(header),
        entries=len(entries),
        items=tuple(items),
        speakers=tuple(speakers),
        regions=regions,
        offsets=tuple(offsets),
        offset_curve=tuple(curve),
        cues=obs.cues,
        switches=obs.switches,
        unswitched=obs.unswitched,
        outages=obs.outages,
        health=obs.health,
        outputs=obs.outputs,
        interventions=tuple(interventions),
        notices=tuple(notices),
        status=state.status,
        started_at=state.started_at,
        ended_at=state.ended_at,
        end_instant=end_instant,
        final_offset=final,
    )


def _region_label(agenda: Agenda, key: str, lang: str) -> str:
    """A region's name: from its region item's title ("Київ: ..."), else the key itself."""
    for item in agenda.items:
        if item.kind == "region" and item.region == key:
            title = item.title.get(lang)
            if ":" in title:
                return title.split(":", 1)[0].strip()
    return key.replace("-", " ").replace("_", " ").title()


@dataclass
class _Obs:
    cues: tuple[CueRow, ...]
    switches: tuple[SwitchRow, ...]
    unswitched: tuple[CueRow, ...]
    outages: tuple[Outage, ...]
    health: tuple[HealthIncident, ...]
    outputs: tuple[OutputChange, ...]


def _unknown(entries: list[Entry]) -> Notice | None:
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


def _obs_facts(agenda: Agenda, entries: list[Entry], mode: str = "") -> _Obs:
    """Cues, switches, outages and outputs from the journal's OBS entries."""
    cues: list[CueRow] = []
    latest: dict[int, CueRow] = {}
    switched: dict[int, int] = {}  # cue number -> journal seq of its last switch entry
    switches: list[SwitchRow] = []
    outages: list[Outage] = []
    open_lost: tuple[float, facts.ObsLost] | None = None
    outputs: list[OutputChange] = []
    health: list[HealthIncident] = []
    open_health: dict[str, tuple[float, facts.HealthChange]] = {}
    overtaken: set[int] = set()  # cues a later one replaced before they were sent
    logical_of = {v: k for k, v in reversed(agenda.scene_map.scenes.items())}
    for e in entries:
        if e.kind != facts.OBS:
            continue
        fact = facts.read(e)
        if isinstance(fact, facts.Cue):
            if fact.seq is None:
                continue
            row = CueRow(e.seq, e.at, fact.seq, fact.scene, fact.item, fact.speaker, fact.reason)
            cues.append(row)
            latest[fact.seq] = row
            if fact.overtaken:
                overtaken.add(e.seq)
        elif isinstance(fact, facts.Switch | facts.SwitchFailed):
            n = fact.cue
            cue = latest.get(n) if n is not None else None
            failed = isinstance(fact, facts.SwitchFailed)
            ok = fact if isinstance(fact, facts.Switch) else facts.Switch(fact.scene, n)
            switches.append(
                SwitchRow(
                    seq=e.seq,
                    at=e.at,
                    cue=n,
                    scene=fact.scene,
                    logical=logical_of.get(fact.scene, cue.scene if cue else None),
                    item_id=cue.item_id if cue else None,
                    speaker=cue.speaker if cue else None,
                    confirmed=ok.confirmed and not failed,
                    latency_ms=ok.latency_ms,
                    already=ok.already,
                    superseded=ok.superseded,
                    failed=failed,
                    reapplied=n is not None and cue is not None and switched.get(n, -1) > cue.seq,
                    error=fact.error if isinstance(fact, facts.SwitchFailed) else None,
                )
            )
            if n is not None:
                switched[n] = e.seq
        elif isinstance(fact, facts.ObsLost):
            if open_lost is None:
                open_lost = (e.at, fact)
        elif isinstance(fact, facts.ObsBack):
            down = fact.down_s
            if open_lost is not None:
                outages.append(Outage(open_lost[0], e.at, open_lost[1].why, down))
                open_lost = None
            else:
                start = e.at - down if down is not None else None
                outages.append(Outage(start, e.at, "", down))
        elif isinstance(fact, facts.HealthChange):
            if fact.event == "start":
                open_health.setdefault(fact.figure, (e.at, fact))
            elif fact.event == "end":
                # An incident open when the console stopped, then opened again after a restart,
                # reads as one: from the first start to the end.
                started = open_health.pop(fact.figure, None)
                since = fact.since if fact.since is not None else e.at
                start_at = started[0] if started else since
                end_at = fact.until if fact.until is not None else e.at
                health.append(HealthIncident(fact.figure, start_at, end_at, fact.level, fact.value))
        elif isinstance(fact, facts.OutputState):
            outputs.append(OutputChange(e.at, fact.output, fact.state))
        elif isinstance(fact, facts.OutputRequest):
            # The link journals the request before sending it. In rehearsal the guard refuses
            # every stream start (studio/obs/guard.py), so that request never reached OBS.
            refused = mode == "rehearsal" and fact.action == "start_stream"
            outputs.append(OutputChange(e.at, "request", fact.action, refused))
    if open_lost is not None:
        outages.append(Outage(open_lost[0], None, open_lost[1].why, None))
    for figure, (at, opened) in open_health.items():
        health.append(HealthIncident(figure, at, None, opened.level, opened.value))
    health.sort(key=lambda h: h.started_at)
    unswitched = tuple(
        c for c in cues if switched.get(c.cue, -1) < c.seq and c.seq not in overtaken
    )
    return _Obs(
        tuple(cues), tuple(switches), unswitched, tuple(outages), tuple(health), tuple(outputs)
    )


# ---- words --------------------------------------------------------------------------------------

_T: dict[str, tuple[str, str]] = {
    "report": ("Звіт про хід ефіру", "As-run report"),
    "rehearsal": ("РЕПЕТИЦІЯ", "REHEARSAL"),
    "live": ("ЕФІР", "LIVE"),
    "planned": ("План", "Planned"),
    "actual": ("Факт", "Actual"),
    "overrun": ("Перевищення", "Overrun"),
    "skipped_legend": ("Пропущено", "Skipped"),
    "show_start": ("Початок", "Start"),
    "show_end": ("Завершення", "End"),
    "last": ("Останній запис", "Last entry"),
    "final_offset": ("Відхилення наприкінці", "Final offset"),
    "items_run": ("Пункти програми", "Agenda items"),
    "switches": ("Перемикання сцен", "Scene switches"),
    "outages": ("Втрати зв'язку з OBS", "OBS outages"),
    "outage": ("Без зв'язку з OBS", "OBS unreachable"),
    "health": ("Стан трансляції: інциденти", "Stream health incidents"),
    "health_hint": (
        "Показник OBS поза нормою (жовтий — попередження, червоний — погано), доки не "
        "повернувся до норми щонайменше на кілька секунд.",
        "An OBS figure out of its normal range (amber: warning, red: bad) until it was back "
        "in range for a few seconds.",
    ),
    "h_fps": ("Частота кадрів", "Frame rate"),
    "h_cpu": ("Процесор OBS", "OBS CPU"),
    "h_render_skipped": ("Пропущені кадри (рендер)", "Skipped frames (render)"),
    "h_output_skipped": ("Пропущені кадри (кодер)", "Skipped frames (encoder)"),
    "h_congestion": ("Перевантаження мережі", "Network congestion"),
    "h_bitrate": ("Бітрейт", "Bitrate"),
    "col_figure": ("Показник", "Figure"),
    "col_from": ("Від", "From"),
    "col_until": ("До", "Until"),
    "col_worst": ("Найгірше", "Worst"),
    "col_lasted": ("Тривалість", "Lasted"),
    "col_level": ("Рівень", "Level"),
    "lvl_warn": ("попередження", "warning"),
    "lvl_bad": ("погано", "bad"),
    "still_out": ("не повернувся до кінця журналу", "not back by the end of the journal"),
    "interventions": ("Втручання оператора", "Operator interventions"),
    "timeline": ("Хронологія: план і факт", "Timeline: planned and actual"),
    "offset_chart": ("Відхилення від графіка протягом дня", "Schedule offset over the day"),
    "offset_hint": (
        "Плюс — ефір відстає від графіка, мінус — випереджає.",
        "Plus means the show runs behind the schedule, minus ahead of it.",
    ),
    "items": ("Пункти програми", "Agenda items"),
    "speakers": ("Спікери", "Speakers"),
    "regions": ("Час виступів за регіонами", "Speaking time per region"),
    "people": ("Час виступів за спікерами", "Speaking time per speaker"),
    "outputs": ("Трансляція і запис", "Stream and recording"),
    "all_actions": ("Усі дії оператора", "All operator actions"),
    "col_item": ("Пункт", "Item"),
    "col_speaker": ("Спікер", "Speaker"),
    "col_region": ("Регіон", "Region"),
    "col_time": ("Час", "Time"),
    "col_pstart": ("Початок за планом", "Planned start"),
    "col_astart": ("Фактичний початок", "Actual start"),
    "col_pdur": ("Тривалість за планом", "Planned duration"),
    "col_adur": ("Фактична тривалість", "Actual duration"),
    "col_over": ("Перевищення", "Overrun"),
    "col_state": ("Стан", "State"),
    "col_allotted": ("Відведено", "Allotted"),
    "col_extended": ("Подовжено", "Extended"),
    "col_used": ("Використано", "Used"),
    "col_slots": ("Виступів", "Slots"),
    "col_cue": ("Сигнал", "Cue"),
    "col_scene": ("Сцена OBS", "OBS scene"),
    "col_latency": ("Підтвердження, мс", "Confirmed in, ms"),
    "col_result": ("Результат", "Result"),
    "col_lost": ("Зв'язок втрачено", "Lost"),
    "col_back": ("Відновлено", "Back"),
    "col_down": ("Тривалість (час шоу)", "Down (show clock)"),
    "col_measured": ("Виміряно OBS-з'єднанням", "Measured by the OBS link"),
    "col_why": ("Причина", "Why"),
    "col_output": ("Вихід", "Output"),
    "col_action": ("Дія", "Action"),
    "col_detail": ("Деталі", "Detail"),
    "col_offset": ("Відхилення після", "Offset after"),
    "col_before": ("Відхилення до", "Offset before"),
    "done": ("проведено", "done"),
    "skipped": ("пропущено", "skipped"),
    "pending": ("не відбулося", "not reached"),
    "current": ("триває", "in progress"),
    "skipped_after": ("пропущено після початку", "skipped after it began"),
    "confirmed": ("підтверджено", "confirmed"),
    "already": ("уже в ефірі", "already on air"),
    "superseded": ("перекрито наступним", "superseded"),
    "unconfirmed": ("НЕ підтверджено", "NOT confirmed"),
    "failed": ("ПОМИЛКА", "FAILED"),
    "reapplied": ("повторно після відновлення зв'язку", "re-applied after reconnect"),
    "still_down": ("не відновлено до кінця журналу", "not back by the end of the journal"),
    "none": ("Немає.", "None."),
    "stream": ("трансляція", "stream"),
    "record": ("запис", "recording"),
    "request": ("запит оператора", "operator request"),
    "on_stream": ("Трансляція в ефірі", "Stream on air"),
    "on_record": ("Запис", "Recording"),
    "still_on": ("до кінця журналу", "until the end of the journal"),
    "o_start_stream": ("запустити трансляцію", "start stream"),
    "o_stop_stream": ("зупинити трансляцію", "stop stream"),
    "o_start_record": ("запустити запис", "start recording"),
    "o_stop_record": ("зупинити запис", "stop recording"),
    "o_refused": (
        "відхилено захистом ефіру (репетиція): до OBS нічого не надіслано",
        "refused by the on-air guard (rehearsal): nothing was sent to OBS",
    ),
    "o_starting": ("запускається", "starting"),
    "o_started": ("працює", "started"),
    "o_stopping": ("зупиняється", "stopping"),
    "o_stopped": ("зупинено", "stopped"),
    "o_reconnecting": ("перепідключення", "reconnecting"),
    "o_paused": ("пауза", "paused"),
    "a_start": ("старт", "start"),
    "a_next": ("далі", "next"),
    "a_hold": ("пауза", "hold"),
    "a_resume": ("продовження після паузи", "resume after hold"),
    "a_extend": ("подовження часу", "time extended"),
    "a_back": ("назад", "back"),
    "a_goto": ("перехід до пункту", "go to item"),
    "a_skip": ("пропуск пункту", "item skipped"),
    "a_end": ("завершення ефіру", "show ended"),
    "a_manual": ("ручне перемикання сцени", "manual scene switch"),
    "refused": ("відхилено під час відтворення", "refused on replay"),
    "from_obs": ("в OBS", "in OBS"),
    "from_console": ("з пульта", "from the console"),
    "open_floor": ("відкрита дискусія", "open floor"),
    "sw_stats": (
        "Усього {n}: OBS підтвердив {k} перемикань (медіана {med} мс, максимум {max} мс); "
        "сцена вже була в ефірі: {a}; перекрито наступним: {s}; без підтвердження: {u}.",
        "{n} in all: OBS confirmed {k} switches (median {med} ms, max {max} ms); scene already "
        "on air: {a}; superseded: {s}; not confirmed: {u}.",
    ),
    "n_unconfirmed": ("без підтвердження", "unconfirmed"),
    "unswitched": (
        "Сигнали, що не дійшли до OBS (зв'язку не було, потім їх перекрив наступний):",
        "Cues that never reached OBS (it was offline, then a later cue took over):",
    ),
    "measured_note": (
        "У репетиції годинник шоу прискорений, тож тривалість за часом шоу і виміряна "
        "OBS-з'єднанням різняться.",
        "In a rehearsal the show clock runs simulated time, so the show-clock duration and the "
        "one the OBS link measured differ.",
    ),
    "total_down": ("разом без зв'язку", "down in total"),
    "mode": ("режим", "mode"),
    "journal": ("Журнал", "Journal"),
    "agenda": ("Програма", "Agenda"),
    "entries": ("записів", "entries"),
    "tz": ("Час: {tz}", "Times: {tz}"),
    "generated": (
        "Створено Studio Console з журналу ефіру.",
        "Made by Studio Console from the show journal.",
    ),
    "behind": ("відставання", "behind"),
    "ahead": ("випередження", "ahead"),
    "on_time": ("за графіком", "on time"),
    "n_skipped": ("пропущено", "skipped"),
    "of": ("з", "of"),
    "notes": ("Зауваження", "Notes"),
}

_NOTICES: dict[str, tuple[str, str]] = {
    "dropped": (
        "Журнал пошкоджено: {n} нечитабельних рядків пропущено (обірваний останній рядок?).",
        "The journal is damaged: {n} unreadable line(s) skipped (a torn last line?).",
    ),
    "no_header": (
        "Журнал не має заголовка; програму вказано вручну.",
        "The journal has no header; the agenda was given by hand.",
    ),
    "fingerprint": (
        "Програму змінено після ефіру: відбиток у журналі {journal}, у файлі {agenda}. "
        "Планові часи взято з поточного файлу.",
        "The agenda changed after the show: fingerprint {journal} in the journal, {agenda} in "
        "the file. Planned times come from the current file.",
    ),
    "event": (
        "Журнал належить заходу «{journal}», а програма — «{agenda}».",
        "The journal belongs to event '{journal}' but the agenda to '{agenda}'.",
    ),
    "refused": (
        "Дій, що не застосувалися під час відтворення: {n} (перша — №{seq}, {action}: {why}).",
        "{n} action(s) did not apply on replay (the first, #{seq} {action}: {why}).",
    ),
    "not_ended": (
        "Журнал закінчується посеред ефіру ({at}); час рахується до цього моменту.",
        "The journal ends while the show is running ({at}); times are counted up to then.",
    ),
    "not_started": (
        "Ефір не розпочато: у журналі немає команди старту.",
        "The show never started: the journal holds no start.",
    ),
    "unknown": (
        "Записів журналу невідомого виду: {n} ({what}); ця версія їх не читає, у звіті їх "
        "не враховано.",
        "{n} journal line(s) of a kind this version does not know ({what}): they are not in "
        "this report.",
    ),
}


class _Fmt:
    """Language- and time-zone-aware formatting for one report."""

    def __init__(self, asrun: AsRun, lang: str) -> None:
        self.lang = "en" if lang == "en" else "uk"
        self.a = asrun
        self.tz = asrun.agenda.tz

    def t(self, key: str) -> str:
        uk, en = _T[key]
        return en if self.lang == "en" else uk

    def e(self, key: str) -> str:
        return html.escape(self.t(key))

    def clock(self, at: float | None) -> str:
        if at is None:
            return "—"
        return datetime.fromtimestamp(round(at), self.tz).strftime("%H:%M:%S")

    @staticmethod
    def dur(seconds: float | None) -> str:
        return "—" if seconds is None else clock_text(round(max(0.0, seconds)))

    @staticmethod
    def signed(seconds: float | None) -> str:
        if seconds is None:
            return "—"
        if round(seconds) == 0:
            return "0:00"
        return signed_text(seconds).replace("-", "−")

    def state(self, st: ItemState, ran: bool = False) -> str:
        if st is ItemState.SKIPPED and ran:
            return self.t("skipped_after")
        return self.t(st.value)

    def notice(self, n: Notice) -> str:
        uk, en = _NOTICES[n.code]
        args = dict(n.args)
        if "at" in args:
            args["at"] = self.clock(float(args["at"]))
        return (en if self.lang == "en" else uk).format(**args)

    def _item(self, item_id: str) -> Item | None:
        try:  # by the agenda's index of ids: a report lists every switch, so no search
            return self.a.agenda.items[self.a.agenda.item_index(item_id)]
        except KeyError:
            return None

    def item_title(self, item_id: str | None) -> str:
        if item_id is None:
            return "—"
        item = self._item(item_id)
        return item_id if item is None else item.title.get(self.lang)

    def speaker(self, item_id: str | None, index: int | None) -> str:
        item = None if item_id is None else self._item(item_id)
        if item is None:
            return ""
        if index is None or index >= len(item.speakers):
            return self.t("open_floor") if item.speakers else ""
        return item.speakers[index].label(self.lang)


def _over_class(seconds: float | None) -> str:
    if seconds is None or abs(seconds) < 0.5:
        return "num"
    return "num over" if seconds > 0 else "num under"


# ---- SVG ----------------------------------------------------------------------------------------

_W = 1160
_LABEL_W = 350
_RIGHT = 64
_ROW_H = 30
_AXIS_H = 26
_C_PLANNED = "#c5cedb"
_C_ACTUAL = "#2f6fce"
_C_OVER = "#d93a35"
_C_GRID = "#e3e8ef"
_C_TEXT = "#1f2a37"
_C_OUTAGE = "#f5a524"
_C_MUTED = "#6b7785"


def _span(asrun: AsRun) -> tuple[float, float]:
    """The chart's time range: whole hours around everything planned and run."""
    ts = [asrun.planned_start, asrun.planned_end]
    for it in asrun.items:
        ts += [it.planned_start, it.planned_end]
        for a, b in it.visits:
            ts += [a, b]
    ts += [t for t, _ in asrun.offset_curve]
    tz = asrun.agenda.tz
    lo = datetime.fromtimestamp(min(ts), tz).replace(minute=0, second=0, microsecond=0)
    hi = datetime.fromtimestamp(max(ts), tz)
    top = hi.replace(minute=0, second=0, microsecond=0)
    if top < hi:
        top += timedelta(hours=1)
    return lo.timestamp(), max(top.timestamp(), lo.timestamp() + 3600)


def _hours(t0: float, t1: float, step: int = 1800) -> list[float]:
    out = []
    t = t0
    while t <= t1 + 0.5:
        out.append(t)
        t += step
    return out


def _a(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _b(value: float) -> str:
    """Bar geometry keeps two decimals: 0.01 px is well under a second on the time axis."""
    return f"{value:.2f}"


def _outage_bands(f: _Fmt, x: Callable[[float], float], y0: float, y1: float) -> list[str]:
    """Translucent bands where OBS was unreachable, across the whole chart."""
    out = []
    for o in f.a.outages:
        if o.lost_at is None:
            continue
        end = o.back_at if o.back_at is not None else f.a.end_instant
        xa, xb = x(o.lost_at), x(end)
        tip = f"{f.t('outage')}: {f.clock(o.lost_at)}–{f.clock(end)} ({f.dur(end - o.lost_at)})"
        out.append(
            f'<rect x="{_a(xa)}" y="{_a(y0)}" width="{_a(max(2.0, xb - xa))}" '
            f'height="{_a(y1 - y0)}" fill="{_C_OUTAGE}" opacity="0.28" class="outage">'
            f"<title>{html.escape(tip)}</title></rect>"
        )
    return out


def _timeline_svg(f: _Fmt) -> str:
    a = f.a
    t0, t1 = _span(a)
    x0, x1 = _LABEL_W, _W - _RIGHT

    def x(t: float) -> float:
        return x0 + (t - t0) / (t1 - t0) * (x1 - x0)

    rows = len(a.items)
    h = _AXIS_H + rows * _ROW_H + _AXIS_H
    out: list[str] = [
        f'<svg class="timeline" viewBox="0 0 {_W} {h}" width="100%" role="img" '
        f'aria-label="{f.e("timeline")}" data-t0="{t0:.0f}" data-t1="{t1:.0f}" '
        f'data-x0="{x0}" data-x1="{x1}">',
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#eef1f5"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{_C_PLANNED}" stroke-width="3"/></pattern>'
        "</defs>",
    ]
    bottom = _AXIS_H + rows * _ROW_H
    for i in range(rows):
        if i % 2 == 1:
            out.append(
                f'<rect x="0" y="{_AXIS_H + i * _ROW_H}" width="{_W}" height="{_ROW_H}" '
                'fill="#f7f9fb"/>'
            )
    out += _outage_bands(f, x, _AXIS_H - 4, bottom + 4)
    for t in _hours(t0, t1):
        full = round(t - t0) % 3600 == 0
        xt = _a(x(t))
        dash = "" if full else ' stroke-dasharray="3 3"'
        out.append(
            f'<line x1="{xt}" y1="{_AXIS_H - 4}" x2="{xt}" y2="{bottom + 4}" stroke="{_C_GRID}" '
            f'stroke-width="{1.2 if full else 0.6}"{dash}/>'
        )
        if full:
            label = html.escape(f.clock(t)[:5])
            for y in (_AXIS_H - 9, bottom + 18):
                out.append(
                    f'<text x="{xt}" y="{y}" text-anchor="middle" class="tick">{label}</text>'
                )
    # planned end of the show, and the actual end
    for t, cls in ((a.planned_end, "pend"), (a.ended_at, "aend")):
        if t is not None:
            xt = _a(x(t))
            out.append(
                f'<line x1="{xt}" y1="{_AXIS_H - 4}" x2="{xt}" y2="{bottom + 4}" class="{cls}"/>'
            )
    for i, it in enumerate(a.items):
        y = _AXIS_H + i * _ROW_H
        title = it.item.title.get(f.lang)
        short = title if len(title) <= 44 else title[:42].rstrip() + "…"
        when = f.clock(it.planned_start)[:5]
        out.append(
            f"<g><title>{html.escape(f'{when} {title} ({it.id})')}</title>"
            f'<text x="10" y="{y + 19}" class="lbl"><tspan class="lbltime">{when}</tspan>'
            f"  {html.escape(short)}</text></g>"
        )
        ref = f'data-item="{html.escape(it.id)}"'
        px, pw = x(it.planned_start), x(it.planned_end) - x(it.planned_start)
        fill = "url(#hatch)" if it.state is ItemState.SKIPPED else _C_PLANNED
        out.append(
            f'<rect class="planned" {ref} x="{_b(px)}" y="{y + 5}" width="{_b(pw)}" height="8" '
            f'rx="2" fill="{fill}"><title>{f.e("planned")}: {f.clock(it.planned_start)}–'
            f"{f.clock(it.planned_end)} ({f.dur(it.planned_duration)})</title></rect>"
        )
        used = 0.0
        for va, vb in it.visits:
            # One bar per stretch on air; the part beyond the planned duration drawn over in red.
            length = vb - va
            normal = max(0.0, min(length, it.planned_duration - used))
            used += length
            xa, xn, xb = x(va), x(va + normal), x(vb)
            tip = f"<title>{f.e('actual')}: {f.clock(va)}–{f.clock(vb)} ({f.dur(length)})</title>"
            out.append(
                f'<rect class="actual" {ref} x="{_b(xa)}" y="{y + 15}" width="{_b(xb - xa)}" '
                f'height="11" rx="2" fill="{_C_ACTUAL}">{tip}</rect>'
            )
            if xb > xn:
                out.append(
                    f'<rect class="over" {ref} x="{_b(xn)}" y="{y + 15}" width="{_b(xb - xn)}" '
                    f'height="11" fill="{_C_OVER}">{tip}</rect>'
                )
        for t in it.speaker_starts:
            xs = _a(x(t))
            out.append(
                f'<line x1="{xs}" y1="{y + 15}" x2="{xs}" y2="{y + 26}" stroke="#fff" '
                'stroke-width="1"/>'
            )
        right = max(x(it.planned_end), x(it.actual_end) if it.actual_end else 0.0) + 5
        over = it.overrun
        if it.state is ItemState.SKIPPED:
            text = f.state(it.state, bool(it.visits))
            out.append(
                f'<text x="{_a(right)}" y="{y + 13}" class="skip">{html.escape(text)}</text>'
            )
        elif over is not None and abs(over) >= 0.5:
            cls = "ov" if over > 0 else "un"
            out.append(f'<text x="{_a(right)}" y="{y + 25}" class="{cls}">{f.signed(over)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _nice_step(span: float) -> float:
    for step in (30, 60, 120, 300, 600, 900, 1800, 3600, 7200):
        if span / step <= 5:
            return float(step)
    return 7200.0 * math.ceil(span / 7200 / 5)


def _offset_svg(f: _Fmt) -> str:
    a = f.a
    t0, t1 = _span(a)
    x0, x1 = _LABEL_W, _W - _RIGHT
    h, top, bottom_pad = 210, 16, 26
    pts = list(a.offset_curve)
    values = [v for _, v in pts] + [0.0]
    lo, hi = min(values), max(values)
    step = _nice_step(max(hi - lo, 60.0))
    lo = math.floor(lo / step) * step
    hi = math.ceil(hi / step) * step
    if hi - lo < step:
        hi = lo + step

    def x(t: float) -> float:
        return x0 + (t - t0) / (t1 - t0) * (x1 - x0)

    def y(v: float) -> float:
        return top + (hi - v) / (hi - lo) * (h - top - bottom_pad)

    out = [
        f'<svg class="offset" viewBox="0 0 {_W} {h}" width="100%" role="img" '
        f'aria-label="{f.e("offset_chart")}">',
        f'<defs><clipPath id="above"><rect x="0" y="0" width="{_W}" height="{_a(y(0))}"/>'
        f'</clipPath><clipPath id="below"><rect x="0" y="{_a(y(0))}" width="{_W}" '
        f'height="{_a(h - y(0))}"/></clipPath></defs>',
    ]
    out += _outage_bands(f, x, top, h - bottom_pad)
    v = lo
    while v <= hi + 0.5:
        yv = _a(y(v))
        out.append(
            f'<line x1="{x0}" y1="{yv}" x2="{x1}" y2="{yv}" stroke="{_C_GRID}" '
            f'stroke-width="{1.4 if v == 0 else 0.8}"/>'
        )
        out.append(
            f'<text x="{x0 - 8}" y="{_a(y(v) + 4)}" text-anchor="end" class="tick">'
            f"{html.escape(f.signed(v))}</text>"
        )
        v += step
    for t in _hours(t0, t1, 3600):
        xt = _a(x(t))
        out.append(
            f'<line x1="{xt}" y1="{top}" x2="{xt}" y2="{h - bottom_pad}" stroke="{_C_GRID}" '
            'stroke-width="0.8"/>'
        )
        out.append(
            f'<text x="{xt}" y="{h - 8}" text-anchor="middle" class="tick">'
            f"{html.escape(f.clock(t)[:5])}</text>"
        )
    out.append(
        f'<text x="10" y="{_a(y(hi) + 10)}" class="axis">{f.e("behind")} ▲</text>'
        f'<text x="10" y="{_a(y(lo) - 2)}" class="axis">{f.e("ahead")} ▼</text>'
    )
    if pts:
        line = " ".join(f"{_a(x(t))},{_a(y(v))}" for t, v in pts)
        area = f"{_a(x(pts[0][0]))},{_a(y(0))} {line} {_a(x(pts[-1][0]))},{_a(y(0))}"
        out.append(
            f'<polygon points="{area}" fill="{_C_OVER}" opacity="0.16" clip-path="url(#above)"/>'
        )
        out.append(
            f'<polygon points="{area}" fill="#1f9d55" opacity="0.16" clip-path="url(#below)"/>'
        )
        out.append(
            f'<polyline points="{line}" fill="none" stroke="{_C_TEXT}" stroke-width="1.8" '
            'stroke-linejoin="round"/>'
        )
        for p in a.offsets:
            if p.action in ROUTINE_ACTIONS:
                continue
            out.append(
                f'<circle cx="{_a(x(p.at))}" cy="{_a(y(p.after))}" r="3.5" fill="#f5a524" '
                f'stroke="#fff"><title>{html.escape(f.clock(p.at))} '
                f"{html.escape(f.t('a_' + p.action) if 'a_' + p.action in _T else p.action)}"
                "</title></circle>"
            )
        te, ve = pts[-1]
        out.append(
            f'<circle cx="{_a(x(te))}" cy="{_a(y(ve))}" r="4" fill="{_C_TEXT}"/>'
            f'<text x="{_a(x(te) + 8)}" y="{_a(y(ve) + 4)}" class="endval">'
            f"{html.escape(f.signed(ve))}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)


# ---- HTML ---------------------------------------------------------------------------------------

_CSS = """
:root { --ink:#1f2a37; --muted:#6b7785; --line:#e3e8ef; --band:#f7f9fb; --blue:#2f6fce;
  --red:#d93a35; --green:#1f8a4c; --amber:#b7791f; }
* { box-sizing: border-box; }
body { margin:0; background:#eef1f5; color:var(--ink);
  font:14px/1.45 "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
main { max-width:1240px; margin:0 auto; padding:28px 32px 40px; background:#fff;
  min-height:100vh; }
header { border-bottom:3px solid var(--ink); padding-bottom:14px; margin-bottom:18px; }
.kicker { text-transform:uppercase; letter-spacing:.08em; font-size:12px; color:var(--muted);
  display:flex; gap:10px; align-items:center; }
.badge { display:inline-block; padding:2px 8px; border-radius:3px; font-weight:700;
  letter-spacing:.06em; font-size:11px; color:#fff; background:var(--amber); }
.badge.live { background:var(--red); }
h1 { font-size:25px; margin:6px 0 4px; line-height:1.2; }
.sub { color:var(--muted); margin:0; }
h2 { font-size:17px; margin:30px 0 10px; padding-bottom:5px; border-bottom:1px solid var(--line); }
.cards { display:grid; grid-template-columns:repeat(auto-fit, minmax(140px, 1fr)); gap:10px; }
.card { border:1px solid var(--line); border-radius:6px; padding:10px 14px;
  background:var(--band); }
.card .k { font-size:12px; color:var(--muted); text-transform:uppercase; letter-spacing:.05em; }
.card .v { font-size:21px; font-weight:650; font-variant-numeric:tabular-nums; }
.card .d { font-size:12px; color:var(--muted); }
.v.over, .over { color:var(--red); } .v.under, .under { color:var(--green); }
.notes { border-left:4px solid var(--amber); background:#fff8eb; padding:8px 14px;
  margin:16px 0 0; }
.notes p { margin:4px 0; }
.legend { display:flex; gap:18px; font-size:12px; color:var(--muted); margin:0 0 6px; }
.sw { display:inline-block; width:22px; height:9px; border-radius:2px; vertical-align:middle;
  margin-right:6px; }
svg { display:block; font-family:inherit; }
svg .tick { font-size:11px; fill:var(--muted); font-variant-numeric:tabular-nums; }
svg .lbl { font-size:12.5px; fill:var(--ink); }
svg .lbltime { fill:var(--muted); font-variant-numeric:tabular-nums; }
svg .ov { font-size:11px; fill:var(--red); font-weight:650; }
svg .un { font-size:11px; fill:var(--green); font-weight:650; }
svg .skip { font-size:11px; fill:var(--muted); font-style:italic; }
svg .axis { font-size:11px; fill:var(--muted); }
svg .endval { font-size:13px; font-weight:700; fill:var(--ink); }
svg .pend { stroke:var(--ink); stroke-width:1.2; stroke-dasharray:5 3; }
svg .aend { stroke:var(--red); stroke-width:1.2; }
.chart { border:1px solid var(--line); border-radius:6px; padding:8px 6px; }
.hint { color:var(--muted); font-size:12px; margin:4px 0 8px; }
table { border-collapse:collapse; width:100%; font-size:13px; }
th { text-align:left; font-weight:600; color:var(--muted); font-size:12px; background:var(--band);
  border-bottom:1px solid var(--line); padding:6px 8px; vertical-align:bottom; }
td { border-bottom:1px solid var(--line); padding:5px 8px; vertical-align:top; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
td.t { font-variant-numeric:tabular-nums; white-space:nowrap; }
td.id { color:var(--muted); font-size:12px; white-space:nowrap; }
tr.skipped td { color:var(--muted); }
tr.flag td { background:#fdecec; }
tr.quiet td { color:var(--muted); }
td.nw { white-space:nowrap; }
tr.sub td:first-child { padding-left:22px; }
.pill { display:inline-block; padding:1px 7px; border-radius:9px; font-size:11.5px;
  background:#e7f4ec; color:var(--green); white-space:nowrap; }
.pill.skipped, .pill.pending { background:#eef1f5; color:var(--muted); }
.pill.current { background:#e8f0fc; color:var(--blue); }
.pill.bad { background:#fdecec; color:var(--red); font-weight:650; }
.pill.warn { background:#fff3dc; color:var(--amber); }
.stats { color:var(--muted); margin:0 0 8px; }
.two { display:grid; grid-template-columns:2fr 3fr; gap:28px; }
details summary { cursor:pointer; color:var(--blue); margin:10px 0; }
footer { margin-top:34px; padding-top:10px; border-top:1px solid var(--line); color:var(--muted);
  font-size:12px; }
@media print {
  body { background:#fff; } main { padding:0; max-width:none; }
  h2 { break-after:avoid; } tr, .chart { break-inside:avoid; }
  details { display:block; } details > * { display:block; }
}
"""


def _table(head: list[tuple[str, bool]], rows: list[str], empty: str) -> str:
    if not rows:
        return f'<p class="stats">{html.escape(empty)}</p>'
    ths = "".join(
        f'<th class="num">{html.escape(h)}</th>' if num else f"<th>{html.escape(h)}</th>"
        for h, num in head
    )
    return f"<table><thead><tr>{ths}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _td(text: str, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<td{c}>{html.escape(text)}</td>"


def _pill(text: str, cls: str) -> str:
    return f'<td><span class="pill {cls}">{html.escape(text)}</span></td>'


def _items_table(f: _Fmt) -> str:
    rows = []
    for it in f.a.items:
        ran = bool(it.visits)
        cls = ' class="skipped"' if it.state is ItemState.SKIPPED else ""
        rows.append(
            f"<tr{cls}>"
            + _td(it.item.title.get(f.lang))
            + _td(it.id, "id")
            + _td(f.clock(it.planned_start), "t")
            + _td(f.clock(it.actual_start), "t")
            + _td(f.dur(it.planned_duration), "num")
            + _td(f.dur(it.actual_duration), "num")
            + _td(f.signed(it.overrun), _over_class(it.overrun))
            + _pill(f.state(it.state, ran), it.state.value)
            + "</tr>"
        )
    head = [
        (f.t("col_item"), False),
        ("id", False),
        (f.t("col_pstart"), False),
        (f.t("col_astart"), False),
        (f.t("col_pdur"), True),
        (f.t("col_adur"), True),
        (f.t("col_over"), True),
        (f.t("col_state"), False),
    ]
    return _table(head, rows, f.t("none"))


def _speakers_table(f: _Fmt) -> str:
    rows = []
    current = None
    for sp in f.a.speakers:
        if sp.item_index != current:
            current = sp.item_index
            rows.append(
                f'<tr><td colspan="9"><b>{html.escape(sp.item.title.get(f.lang))}</b></td></tr>'
            )
        cls = ' class="sub skipped"' if sp.state is ItemState.SKIPPED else ' class="sub"'
        label = sp.item.speakers[sp.slot - 1].label(f.lang)
        rows.append(
            f"<tr{cls}>"
            + _td(label)
            + _td(sp.key, "id")
            + _td(f.clock(sp.planned_start), "t")
            + _td(f.clock(sp.actual_start), "t")
            + _td(f.dur(sp.allotted), "num")
            + _td(f"+{f.dur(sp.extended)}" if sp.extended else "", "num")
            + _td(f.dur(sp.actual_duration), "num")
            + _td(f.signed(sp.overrun), _over_class(sp.overrun))
            + _pill(f.t(sp.state.value), sp.state.value)
            + "</tr>"
        )
    head = [
        (f.t("col_speaker"), False),
        ("id", False),
        (f.t("col_pstart"), False),
        (f.t("col_astart"), False),
        (f.t("col_allotted"), True),
        (f.t("col_extended"), True),
        (f.t("col_used"), True),
        (f.t("col_over"), True),
        (f.t("col_state"), False),
    ]
    return _table(head, rows, f.t("none"))


def _time_table(f: _Fmt, rows_in: tuple[TimeRow, ...], first: str, slots: bool) -> str:
    rows = []
    for r in rows_in:
        over = r.over if abs(r.over) >= 0.5 else 0.0
        rows.append(
            "<tr>"
            + _td(r.label)
            + (_td(str(r.slots), "num") if slots else "")
            + _td(f.dur(r.allotted), "num")
            + _td(f.dur(r.used), "num")
            + _td(f.signed(over), _over_class(over))
            + "</tr>"
        )
    head = [(first, False)]
    if slots:
        head.append((f.t("col_slots"), True))
    head += [(f.t("col_allotted"), True), (f.t("col_used"), True), (f.t("col_over"), True)]
    return _table(head, rows, f.t("none"))


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _ms(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def _switch_stats(f: _Fmt) -> str:
    sw = f.a.switches
    real = [x.latency_ms for x in sw if x.confirmed and not x.already and x.latency_ms is not None]
    stats = f.t("sw_stats").format(
        n=len(sw),
        k=len(real),
        med=_ms(statistics.median(real)) if real else "—",
        max=_ms(max(real)) if real else "—",
        a=sum(1 for x in sw if x.already),
        s=sum(1 for x in sw if x.superseded),
        u=sum(1 for x in sw if x.flagged),
    )
    return f'<p class="stats">{html.escape(stats)}</p>'


def _switches_table(f: _Fmt) -> str:
    rows = []
    for s in f.a.switches:
        if s.failed:
            result, cls = f"{f.t('failed')}: {s.error or ''}".rstrip(": "), "bad"
        elif s.superseded:
            result, cls = f.t("superseded"), "warn"
        elif not s.confirmed:
            result, cls = f.t("unconfirmed"), "bad"
        elif s.already:
            result, cls = f.t("already"), "pending"
        else:
            result, cls = f.t("confirmed"), "done"
        if s.reapplied:
            result += f" · {f.t('reapplied')}"
        scene = s.scene + (f" ({s.logical})" if s.logical else "")
        who = f.speaker(s.item_id, s.speaker)
        what = _short(f.item_title(s.item_id), 48) + (f" — {who}" if who else "")
        latency = "" if s.latency_ms is None or s.already else _ms(s.latency_ms)
        row_cls = ' class="flag"' if s.flagged else ' class="quiet"' if s.already else ""
        rows.append(
            f"<tr{row_cls}>"
            + _td(f.clock(s.at), "t")
            + _td("" if s.cue is None else str(s.cue), "num")
            + _td(what)
            + _td(scene, "nw")
            + _td(latency, "num")
            + _pill(result, cls)
            + "</tr>"
        )
    head = [
        (f.t("col_time"), False),
        (f.t("col_cue"), True),
        (f.t("col_item"), False),
        (f.t("col_scene"), False),
        (f.t("col_latency"), True),
        (f.t("col_result"), False),
    ]
    body = _switch_stats(f) + _table(head, rows, f.t("none"))
    if f.a.unswitched:
        items = "".join(
            f"<li>{html.escape(f.clock(c.at))} — #{c.cue} {html.escape(f.item_title(c.item_id))}"
            f" ({html.escape(c.scene)})</li>"
            for c in f.a.unswitched
        )
        body += f'<div class="notes"><p>{f.e("unswitched")}</p><ul>{items}</ul></div>'
    return body


def _outages_table(f: _Fmt) -> str:
    rows = []
    differs = False
    for o in f.a.outages:
        d = o.duration
        if o.measured_s is not None and d is not None and abs(o.measured_s - d) > 1:
            differs = True
        back = f.clock(o.back_at) if o.back_at is not None else f.t("still_down")
        if o.back_at is None and o.lost_at is not None:
            d = f.a.end_instant - o.lost_at
        rows.append(
            '<tr class="flag">'
            + _td(f.clock(o.lost_at), "t")
            + _td(back, "t")
            + _td(f.dur(d), "num")
            + _td("" if o.measured_s is None else f"{o.measured_s:.1f} s", "num")
            + _td(o.why)
            + "</tr>"
        )
    head = [
        (f.t("col_lost"), False),
        (f.t("col_back"), False),
        (f.t("col_down"), True),
        (f.t("col_measured"), True),
        (f.t("col_why"), False),
    ]
    body = _table(head, rows, f.t("none"))
    if differs:
        body += f'<p class="hint">{f.e("measured_note")}</p>'
    return body


def _on_air(a: AsRun, output: str) -> list[tuple[float, float | None]]:
    """Spans during which an output was started, from its state changes."""
    spans: list[tuple[float, float | None]] = []
    since: float | None = None
    for o in a.outputs:
        if o.output != output:
            continue
        if o.state == "started" and since is None:
            since = o.at
        elif o.state == "stopped" and since is not None:
            spans.append((since, o.at))
            since = None
    if since is not None:
        spans.append((since, None))
    return spans


def _health_value(figure: str, value: float | None) -> str:
    if value is None:
        return ""
    if figure == "fps":
        return f"{value:.1f} fps"
    if figure == "bitrate":
        return f"{value:.0f} kb/s"
    if figure == "congestion":
        return f"{value:.2f}"
    return f"{value:.1f} %"


def _health_table(f: _Fmt) -> str:
    rows = []
    for h in f.a.health:
        end = h.ended_at if h.ended_at is not None else f.a.end_instant
        until = f.clock(h.ended_at) if h.ended_at is not None else f.t("still_out")
        level = f.t(f"lvl_{h.level}") if f"lvl_{h.level}" in _T else h.level
        rows.append(
            '<tr class="flag">'
            + _td(f.t(f"h_{h.figure}") if f"h_{h.figure}" in _T else h.figure)
            + _td(f.clock(h.started_at), "t")
            + _td(until, "t")
            + _td(f.dur(max(0.0, end - h.started_at)), "num")
            + _td(_health_value(h.figure, h.value), "num")
            + _pill(level, "bad" if h.level == "bad" else "warn")
            + "</tr>"
        )
    head = [
        (f.t("col_figure"), False),
        (f.t("col_from"), False),
        (f.t("col_until"), False),
        (f.t("col_lasted"), True),
        (f.t("col_worst"), True),
        (f.t("col_level"), False),
    ]
    body = _table(head, rows, f.t("none"))
    if rows:
        body += f'<p class="hint">{f.e("health_hint")}</p>'
    return body


def _outputs_table(f: _Fmt) -> str:
    lines = []
    for output in ("stream", "record"):
        spans = _on_air(f.a, output)
        if not spans:
            continue
        text = ", ".join(
            f"{f.clock(a)}–{f.clock(b)} ({f.dur(b - a)})"
            if b is not None
            else f"{f.clock(a)}– ({f.t('still_on')})"
            for a, b in spans
        )
        lines.append(f"<b>{f.e('on_' + output)}</b>: {html.escape(text)}")
    rows = []
    for o in f.a.outputs:
        state = _output_state(f, o)
        cls = {"started": "bad" if o.output == "stream" else "done", "stopped": "pending"}.get(
            o.state, "warn" if o.output != "request" else "current"
        )
        if o.refused:
            cls = "warn"
        rows.append(
            "<tr>"
            + _td(f.clock(o.at), "t")
            + _td(f.t(o.output) if o.output in _T else o.output)
            + _pill(state, cls)
            + "</tr>"
        )
    head = [(f.t("col_time"), False), (f.t("col_output"), False), (f.t("col_state"), False)]
    intro = f'<p class="stats">{"<br>".join(lines)}</p>' if lines else ""
    return intro + _table(head, rows, f.t("none"))


def _output_state(f: _Fmt, o: OutputChange) -> str:
    """An output's state, or what the operator asked of it ("start stream — refused ...")."""
    key = f"o_{o.state}"
    state = f.t(key) if key in _T else o.state
    return f"{state} — {f.t('o_refused')}" if o.refused else state


def _intervention_detail(f: _Fmt, iv: Intervention) -> str:
    if iv.refused:
        return f"{f.t('refused')}: {iv.refused}"
    if iv.action == "manual":
        src = {"obs": f.t("from_obs"), "console": f.t("from_console")}.get(iv.source or "", "")
        return f"{iv.scene or ''} {src}".strip()
    if iv.action == "extend" and iv.seconds is not None:
        who = f.speaker(iv.item_id, iv.speaker)
        return f"{f.signed(iv.seconds)} — {f.item_title(iv.item_id)}" + (f", {who}" if who else "")
    if iv.action == "resume" and iv.seconds is not None:
        return f"{f.t('a_hold')} {f.dur(iv.seconds)}"
    if iv.action in ("back", "goto", "skip"):
        who = f.speaker(iv.item_id, iv.speaker) if iv.action != "skip" else ""
        return f.item_title(iv.item_id) + (f" — {who}" if who else "")
    return ""


def _interventions_table(f: _Fmt) -> str:
    rows = []
    for iv in f.a.interventions:
        key = f"a_{iv.action}"
        rows.append(
            ('<tr class="flag">' if iv.refused else "<tr>")
            + _td(f.clock(iv.at), "t")
            + _td(f.t(key) if key in _T else iv.action, "nw")
            + _td(_intervention_detail(f, iv))
            + _td(f.signed(iv.offset) if iv.offset is not None else "", "num")
            + "</tr>"
        )
    head = [
        (f.t("col_time"), False),
        (f.t("col_action"), False),
        (f.t("col_detail"), False),
        (f.t("col_offset"), True),
    ]
    return _table(head, rows, f.t("none"))


def _actions_table(f: _Fmt) -> str:
    rows = []
    for p in f.a.offsets:
        key = f"a_{p.action}"
        rows.append(
            "<tr>"
            + _td(f.clock(p.at), "t")
            + _td(f.t(key) if key in _T else p.action)
            + _td(f.signed(p.before), _over_class(p.before))
            + _td(f.signed(p.after), _over_class(p.after))
            + "</tr>"
        )
    head = [
        (f.t("col_time"), False),
        (f.t("col_action"), False),
        (f.t("col_before"), True),
        (f.t("col_offset"), True),
    ]
    return _table(head, rows, f.t("none"))


def _card(key: str, value: str, detail: str = "", cls: str = "") -> str:
    return (
        f'<div class="card"><div class="k">{html.escape(key)}</div>'
        f'<div class="v {cls}">{html.escape(value)}</div>'
        f'<div class="d">{html.escape(detail)}</div></div>'
    )


def _cards(f: _Fmt) -> str:
    a = f.a
    end = a.ended_at if a.ended_at is not None else a.end_instant
    off = a.final_offset
    word = (
        f.t("on_time")
        if off is None or round(off) == 0
        else f.t("behind")
        if off > 0
        else f.t("ahead")
    )
    run = sum(1 for it in a.items if it.visits)
    skipped = sum(1 for it in a.items if it.state is ItemState.SKIPPED)
    flagged = sum(1 for s in a.switches if s.flagged)
    down = sum(o.duration or 0.0 for o in a.outages)
    return (
        '<section class="cards">'
        + "".join(
            [
                _card(
                    f.t("show_start"),
                    f.clock(a.started_at)[:5] if a.started_at else "—",
                    f"{f.t('planned')} {f.clock(a.planned_start)[:5]}",
                ),
                _card(
                    f.t("last") if a.status == "running" else f.t("show_end"),
                    f.clock(end)[:5] if a.started_at else "—",
                    f"{f.t('planned')} {f.clock(a.planned_end)[:5]}",
                ),
                _card(
                    f.t("final_offset"), f.signed(off), word, _over_class(off).replace("num", "")
                ),
                _card(
                    f.t("items_run"),
                    f"{run} {f.t('of')} {len(a.items)}",
                    f"{f.t('n_skipped')}: {skipped}",
                ),
                _card(
                    f.t("switches"),
                    str(len(a.switches)),
                    f"{f.t('n_unconfirmed')}: {flagged}",
                    "over" if flagged else "",
                ),
                _card(
                    f.t("outages"),
                    str(len(a.outages)),
                    f"{f.t('total_down')}: {f.dur(down)}" if a.outages else "",
                    "over" if a.outages else "",
                ),
                _card(f.t("interventions"), str(len(a.interventions))),
            ]
        )
        + "</section>"
    )


def _legend(f: _Fmt) -> str:
    def sw(color: str, key: str) -> str:
        return f'<span><span class="sw" style="background:{color}"></span>{f.e(key)}</span>'

    hatch = "repeating-linear-gradient(45deg,#c5cedb 0 2px,#eef1f5 2px 5px)"  # the SVG's hatch
    return (
        '<div class="legend">'
        + sw(_C_PLANNED, "planned")
        + sw(_C_ACTUAL, "actual")
        + sw(_C_OVER, "overrun")
        + sw(hatch, "skipped_legend")
        + (sw(_C_OUTAGE + ";opacity:.45", "outage") if f.a.outages else "")
        + "</div>"
    )


def render_html(asrun: AsRun, lang: str | None = None) -> str:
    """The report as one self-contained HTML document."""
    f = _Fmt(asrun, lang or asrun.agenda.event.broadcast_language)
    a, ev = asrun, asrun.agenda.event
    mode = a.mode
    badge = (
        f'<span class="badge live">{f.e("live")}</span>'
        if mode == "live"
        else f'<span class="badge">{f.e("rehearsal")} · {html.escape(mode)}</span>'
        if mode
        else ""
    )
    sub = [f"{ev.date:%d.%m.%Y}", f"{ev.start:%H:%M}–{ev.end:%H:%M}"]
    if ev.venue:
        sub.append(ev.venue.get(f.lang))
    notes = "".join(f"<p>{html.escape(f.notice(n))}</p>" for n in a.notices)
    tz = f.t("tz").format(tz=ev.timezone)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{f.lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{f.e('report')} — {html.escape(ev.title.get(f.lang))}</title>",
        f"<style>{_CSS}</style></head><body><main>",
        f'<header><div class="kicker">{f.e("report")} {badge}</div>',
        f"<h1>{html.escape(ev.title.get(f.lang))}</h1>",
        f'<p class="sub">{html.escape(" · ".join(sub))} · {html.escape(tz)}</p></header>',
        _cards(f),
        f'<div class="notes"><p><b>{f.e("notes")}</b></p>{notes}</div>' if notes else "",
        f"<h2>{f.e('timeline')}</h2>",
        _legend(f),
        f'<div class="chart">{_timeline_svg(f)}</div>',
        f"<h2>{f.e('offset_chart')}</h2>",
        f'<p class="hint">{f.e("offset_hint")}</p>',
        f'<div class="chart">{_offset_svg(f)}</div>',
        f"<h2>{f.e('items')}</h2>",
        _items_table(f),
        f"<h2>{f.e('speakers')}</h2>",
        _speakers_table(f),
        '<div class="two"><div>',
        f"<h2>{f.e('regions')}</h2>",
        _time_table(f, a.region_rows(f.lang), f.t("col_region"), False),
        "</div><div>",
        f"<h2>{f.e('people')}</h2>",
        _time_table(f, a.people_rows(f.lang), f.t("col_speaker"), True),
        "</div></div>",
        f"<h2>{f.e('interventions')}</h2>",
        _interventions_table(f),
        f"<details><summary>{f.e('all_actions')} ({len(a.offsets)})</summary>",
        _actions_table(f),
        "</details>",
        f"<h2>{f.e('switches')}</h2>",
        _switches_table(f),
        f"<h2>{f.e('outages')}</h2>",
        _outages_table(f),
        f"<h2>{f.e('health')}</h2>",
        _health_table(f),
        f"<h2>{f.e('outputs')}</h2>",
        _outputs_table(f),
        "<footer>",
        f"<div>{f.e('generated')}</div>",
        f"<div>{f.e('journal')}: {html.escape(str(a.journal_path))} ({a.entries} "
        f"{f.e('entries')}; {f.e('mode')}: {html.escape(mode or '—')})</div>",
        f"<div>{f.e('agenda')}: {html.escape(str(a.agenda.path))} "
        f"({html.escape(a.agenda.fingerprint)})</div>",
        "</footer></main></body></html>",
    ]
    return "\n".join(p for p in parts if p)


# ---- CSV ----------------------------------------------------------------------------------------


def _iso(asrun: AsRun, at: float | None) -> str:
    if at is None:
        return ""
    return datetime.fromtimestamp(at, asrun.agenda.tz).isoformat(timespec="seconds")


def _secs(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def _cell(value: str) -> str:
    """A CSV cell a spreadsheet opens as data: text that would start a formula gets a leading
    single quote, as OWASP recommends; a plain number ("-12.5") stays a number."""
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_rows(asrun: AsRun, lang: str | None = None) -> list[dict[str, str]]:
    """One row per item, each followed by its speakers' rows, then any operator request the
    on-air guard refused; the CSV's content, every cell safe to open in a spreadsheet (see
    `_cell`)."""
    return [{k: _cell(v) for k, v in row.items()} for row in _csv_rows(asrun, lang)]


def _csv_rows(asrun: AsRun, lang: str | None) -> list[dict[str, str]]:
    lang = lang or asrun.agenda.event.broadcast_language
    rows: list[dict[str, str]] = []
    speakers: dict[int, list[SpeakerRun]] = {}
    for sp in asrun.speakers:
        speakers.setdefault(sp.item_index, []).append(sp)
    for it in asrun.items:
        title = it.item.title.get(lang)
        rows.append(
            {
                "kind": "item",
                "id": it.id,
                "title": title,
                "speaker": "",
                "planned_start": _iso(asrun, it.planned_start),
                "actual_start": _iso(asrun, it.actual_start),
                "planned_duration_s": _secs(it.planned_duration),
                "actual_duration_s": _secs(it.actual_duration),
                "overrun_s": _secs(it.overrun),
                "state": it.state.value,
            }
        )
        for sp in speakers.get(it.index, ()):
            rows.append(
                {
                    "kind": "speaker",
                    "id": sp.key,
                    "title": title,
                    "speaker": sp.item.speakers[sp.slot - 1].label(lang),
                    "planned_start": _iso(asrun, sp.planned_start),
                    "actual_start": _iso(asrun, sp.actual_start),
                    "planned_duration_s": _secs(sp.allotted),
                    "actual_duration_s": _secs(sp.actual_duration),
                    "overrun_s": _secs(sp.overrun),
                    "state": sp.state.value,
                }
            )
    f = _Fmt(asrun, lang)
    for o in asrun.outputs:
        if o.refused:  # an operator's request that never reached OBS
            rows.append(
                dict.fromkeys(CSV_FIELDS, "")
                | {
                    "kind": "operator_request",
                    "id": o.state,
                    "title": _output_state(f, o),
                    "actual_start": _iso(asrun, o.at),
                    "state": "refused",
                }
            )
    return rows


def write_report(asrun: AsRun, out_dir: str | Path, lang: str | None = None) -> tuple[Path, Path]:
    """Write `<journal>.asrun.html` and `<journal>.asrun.csv` (UTF-8 with BOM, for Excel)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = asrun.journal_path.stem
    html_path = out / f"{stem}.asrun.html"
    csv_path = out / f"{stem}.asrun.csv"
    html_path.write_text(render_html(asrun, lang), encoding="utf-8")
    with csv_path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
        writer.writeheader()
        writer.writerows(csv_rows(asrun, lang))
    return html_path, csv_path


__all__ = [
    "CSV_FIELDS",
    "AsRun",
    "Intervention",
    "ItemRun",
    "Notice",
    "OffsetPoint",
    "Outage",
    "OutputChange",
    "ReportError",
    "SpeakerRun",
    "SwitchRow",
    "TimeRow",
    "build_report",
    "csv_rows",
    "render_html",
    "write_report",
]
