"""The as-run report's OBS side: cues, switches, outages, health incidents and outputs, folded
from the journal's OBS facts beside the show's own fold (studio/asrun/replay.py), which says
whom a cue named in the running order of its moment."""

from __future__ import annotations

from typing import Protocol

from studio import facts
from studio.agenda import Agenda
from studio.asrun.model import CueRow, HealthIncident, Outage, OutputChange, SwitchRow
from studio.journal import Entry
from studio.show import ShowState
from studio.state import speaker_at


class ShowFold(Protocol):
    """What the OBS fold reads of the show's fold: the running order and state so far."""

    @property
    def agenda(self) -> Agenda: ...

    state: ShowState


class ObsFold:
    """Cues, switches, outages, health incidents and outputs from the journal's OBS facts."""

    def __init__(self, agenda: Agenda, mode: str, show: ShowFold) -> None:
        self.mode = mode
        self.show = show
        """The actions folded so far: whom a cue named, in the running order of its moment."""
        self.cues: list[CueRow] = []
        self.latest: dict[int, CueRow] = {}
        self.switched: dict[int, int] = {}  # cue number -> journal seq of its last switch entry
        self.switches: list[SwitchRow] = []
        self.outages: list[Outage] = []
        self.open_lost: tuple[float, facts.ObsLost] | None = None
        self.outputs: list[OutputChange] = []
        self.health: list[HealthIncident] = []
        self.open_health: dict[str, tuple[float, facts.HealthChange]] = {}
        self.overtaken: set[int] = set()  # cues a later one replaced before they were sent
        self.logical_of = {v: k for k, v in reversed(agenda.scene_map.scenes.items())}

    def feed(self, e: Entry, fact: facts.AnyFact) -> None:
        if isinstance(fact, facts.Cue):
            self._cue(e, fact)
        elif isinstance(fact, facts.Switch | facts.SwitchFailed):
            self._switch(e, fact)
        elif isinstance(fact, facts.ObsLost):
            if self.open_lost is None:
                self.open_lost = (e.at, fact)
        elif isinstance(fact, facts.ObsBack):
            self._back(e, fact)
        elif isinstance(fact, facts.HealthChange):
            self._health(e, fact)
        elif isinstance(fact, facts.OutputState):
            self.outputs.append(OutputChange(e.at, fact.output, fact.state))
        elif isinstance(fact, facts.OutputRequest):
            # The link journals the request before sending it. In rehearsal the guard refuses
            # every stream start (studio/obs/guard.py), so that request never reached OBS.
            refused = self.mode == "rehearsal" and fact.action == "start_stream"
            self.outputs.append(OutputChange(e.at, "request", fact.action, refused))

    def _cue(self, e: Entry, fact: facts.Cue) -> None:
        if fact.seq is None:
            return
        who = None
        if fact.item is not None:  # by id where the cue names one (older journals: position)
            agenda = self.show.agenda
            seg = (
                agenda.segment_for(fact.item, fact.speaker_id)
                if fact.speaker_id is not None
                else None
            )
            if seg is not None:
                who = speaker_at(agenda, self.show.state, seg)
        row = CueRow(e.seq, e.at, fact.seq, fact.scene, fact.item, fact.speaker, fact.reason, who)
        self.cues.append(row)
        self.latest[fact.seq] = row
        if fact.overtaken:
            self.overtaken.add(e.seq)

    def _switch(self, e: Entry, fact: facts.Switch | facts.SwitchFailed) -> None:
        n = fact.cue
        cue = self.latest.get(n) if n is not None else None
        failed = isinstance(fact, facts.SwitchFailed)
        ok = fact if isinstance(fact, facts.Switch) else facts.Switch(fact.scene, n)
        self.switches.append(
            SwitchRow(
                seq=e.seq,
                at=e.at,
                cue=n,
                scene=fact.scene,
                logical=self.logical_of.get(fact.scene, cue.scene if cue else None),
                item_id=cue.item_id if cue else None,
                speaker=cue.speaker if cue else None,
                who=cue.who if cue else None,
                confirmed=ok.confirmed and not failed,
                latency_ms=ok.latency_ms,
                already=ok.already,
                superseded=ok.superseded,
                failed=failed,
                reapplied=n is not None and cue is not None and self.switched.get(n, -1) > cue.seq,
                error=fact.error if isinstance(fact, facts.SwitchFailed) else None,
            )
        )
        if n is not None:
            self.switched[n] = e.seq

    def _back(self, e: Entry, fact: facts.ObsBack) -> None:
        down = fact.down_s
        if self.open_lost is not None:
            self.outages.append(Outage(self.open_lost[0], e.at, self.open_lost[1].why, down))
            self.open_lost = None
        else:
            start = e.at - down if down is not None else None
            self.outages.append(Outage(start, e.at, "", down))

    def _health(self, e: Entry, fact: facts.HealthChange) -> None:
        if fact.event == "start":
            self.open_health.setdefault(fact.figure, (e.at, fact))
        elif fact.event == "end":
            # An incident open when the console stopped, then opened again after a restart,
            # reads as one: from the first start to the end.
            started = self.open_health.pop(fact.figure, None)
            since = fact.since if fact.since is not None else e.at
            start_at = started[0] if started else since
            end_at = fact.until if fact.until is not None else e.at
            self.health.append(
                HealthIncident(fact.figure, start_at, end_at, fact.level, fact.value)
            )

    def finish(self) -> None:
        """Close what is still open at the journal's end (OBS still lost, a figure still out)."""
        if self.open_lost is not None:
            self.outages.append(Outage(self.open_lost[0], None, self.open_lost[1].why, None))
        for figure, (at, opened) in self.open_health.items():
            self.health.append(HealthIncident(figure, at, None, opened.level, opened.value))
        self.health.sort(key=lambda h: h.started_at)

    @property
    def unswitched(self) -> tuple[CueRow, ...]:
        """Cues that never reached OBS, and no later cue of the same batch replaced. A lower
        third fixed on air re-sends the cue on air (its number, its scene) for its texts: it
        needs no switch of its own once its cue was switched (a scene held by hand stays)."""
        return tuple(
            c
            for c in self.cues
            if self.switched.get(c.cue, -1) < c.seq
            and c.seq not in self.overtaken
            and not (c.reason == "relabel" and c.cue in self.switched)
        )


# ---- all of it ----------------------------------------------------------------------------------
