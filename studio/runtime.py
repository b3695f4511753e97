"""Runtime: one running show wired together — agenda, clock, journal, show, OBS link, director.

The console binds to this object and nothing below it, and tests drive it headless. Operator
actions apply to the show at once (journaled first); the cues they produce go to OBS through a
queue, in order, so a slow or absent OBS never delays the show or the next key press.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studio import facts, replan
from studio.actions import AcceptPlan, Action, Origin
from studio.agenda import Agenda
from studio.clock import Clock, PacedClock, SystemClock
from studio.director import Director
from studio.journal import Entry, Journal, JournalHealth, JournalProblem, default_journal_path
from studio.modes import Mode
from studio.obs.base import LinkMessage, Transport
from studio.obs.guard import Guard
from studio.obs.link import ObsLink, Switch
from studio.obs.simulated import SimulatedObs
from studio.preflight import PreflightReport, preflight_from_snapshot
from studio.replan_model import Plan
from studio.resume import AgendaDrift, agenda_drift
from studio.show import Cue, Show, ShowStatus
from studio.view import Change, LinkEvent, LinkNews, ShowView, Update

log = logging.getLogger("studio.runtime")

PRE_ROLL = 120.0  # a simulated clock starts this long before the planned start
KEEP_EVERY = 0.25  # real seconds between retries of a refused journal and clock marks
PLAN_EVERY = 2.0  # real seconds between looks at whether the show needs a plan to end on time


@dataclass
class RuntimeOptions:
    mode: Mode = Mode.DRY_RUN
    speed: float = 1.0
    host: str = "127.0.0.1"
    port: int = 4455
    password: str | None = None
    journal: Path | None = None


def simulated_obs_for(agenda: Agenda) -> SimulatedObs:
    """A simulated OBS that has every scene and text input the agenda's scene map names."""
    m = agenda.scene_map
    return SimulatedObs(
        scenes=list(dict.fromkeys(m.scenes.values())),
        inputs={name: m.text_input_kind for name in m.inputs.values()},
    )


def held_manual_scene(entries: list[Entry], cue_seq: int) -> str | None:
    """The scene the technician set by hand while cue `cue_seq` was on, if no cue since has
    replaced it and it was not handed back (from the journal's OBS facts)."""
    manual: str | None = None
    seq: int | None = None
    for e in entries:
        if e.kind != facts.OBS:
            continue
        fact = facts.read(e)
        if isinstance(fact, facts.Cue):
            if fact.seq != seq:
                manual = None
            seq = fact.seq
        elif isinstance(fact, facts.ManualOverride):
            manual = fact.scene or None
        elif isinstance(fact, facts.ManualReleased):
            manual = None
    return manual if seq == cue_seq else None


def _last_message(entries: list[Entry]) -> str:
    for e in reversed(entries):
        if facts.ConsoleMessage.matches(e):
            return facts.ConsoleMessage.from_entry(e).text
    return ""


def archive_journal(path: Path) -> Path | None:
    """Move an old journal aside (never delete a show's record) so a fresh show can start."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{stamp}{path.suffix}")
    n = 1
    while target.exists():  # two archives in one second must not overwrite each other
        n += 1
        target = path.with_name(f"{path.stem}.{stamp}-{n}{path.suffix}")
    path.rename(target)
    return target


def journal_info(agenda: Agenda, mode: Mode) -> dict[str, Any]:
    return {
        "agenda": str(agenda.path.resolve()),
        "fingerprint": agenda.fingerprint,
        "event": agenda.event.id,
        "mode": mode.value,
        # Item and speaker ids as they were: a resume names what changed in the agenda since.
        "outline": agenda.outline(),
    }


class ForeignJournal(Exception):
    """The journal belongs to another event: it is never replayed onto this one."""

    def __init__(self, path: Path, event: str, expected: str) -> None:
        super().__init__(f"{path}: the journal belongs to event '{event}', not '{expected}'")
        self.path = path
        self.event = event
        self.expected = expected


class ReportFailed(Exception):
    """The as-run report could not be written; the message says why."""


class Runtime:
    """Everything one show needs, for the console or a headless driver."""

    def __init__(
        self,
        agenda: Agenda,
        mode: Mode,
        clock: Clock,
        journal: Journal,
        transport: Transport,
    ) -> None:
        self.mode = mode
        self.clock = clock
        self.journal = journal
        self.transport = transport
        self.show = Show(agenda, clock, journal)
        self.link = ObsLink(Guard(transport, mode), record=self.record, now=clock.now)
        self.director = Director(self.show, self.link, agenda.scene_map)
        self._watchers: list[Callable[[Update], None]] = []
        self._acted = any(e.kind == "action" for e in journal.entries)
        self._message = _last_message(journal.entries)
        self._proposal: Plan | None = None
        self._answered: tuple[Plan, bool] | None = None  # the last plan, and whether accepted
        self._plan_looked = -PLAN_EVERY
        self._queue: asyncio.Queue[list[Cue]] | None = None
        self._worker: asyncio.Task[None] | None = None
        self._keeper: asyncio.TimerHandle | None = None
        self.drift: AgendaDrift = agenda_drift(agenda, journal.header(), journal.entries)
        """How the agenda differs from the one the journal was written against."""
        if self.drift.changed:
            changes = "; ".join(self.drift.describe())
            log.warning("agenda changed since the journal began: %s", changes)
        self.link.subscribe(self._on_link)
        journal.on_health(self._on_health)

    @property
    def agenda(self) -> Agenda:
        """The running order now: the agenda as loaded with its live edits (`show.published`
        is the plan as published)."""
        return self.show.agenda

    @classmethod
    def create(
        cls,
        agenda: Agenda,
        options: RuntimeOptions,
        *,
        transport: Transport | None = None,
        clock: Clock | None = None,
    ) -> Runtime:
        path = options.journal or default_journal_path(agenda.event.id, options.mode.value)
        journal = Journal(path)
        event = journal.header().get("event")
        if event and event != agenda.event.id:
            journal.close()
            raise ForeignJournal(path, str(event), agenda.event.id)
        if clock is None:
            if options.mode is Mode.LIVE:
                clock = SystemClock()
            else:
                # Rehearsals run on show time: from just before the planned start, or from where
                # the show was when the journal (or its clock mark) was last written, so offsets
                # mean the same as on the day and a killed dry-run resumes where it stood.
                last = journal.entries[-1].at if journal.entries else None
                mark = journal.clock_mark()
                if mark is not None and (last is None or mark > last):
                    last = mark
                start = last if last is not None else agenda.planned_start - PRE_ROLL
                speed = options.speed if options.mode is Mode.DRY_RUN else 1.0
                clock = PacedClock(start, speed)
        if transport is None:
            if options.mode is Mode.DRY_RUN:
                transport = simulated_obs_for(agenda)
            else:
                # obsws-python and websocket-client load only when a real OBS is wanted.
                from studio.obs.live import LiveObs

                transport = LiveObs(options.host, options.port, options.password)
        journal.ensure_header(clock.now(), journal_info(agenda, options.mode))
        return cls(agenda, options.mode, clock, journal, transport)

    # ---- recording ----------------------------------------------------------------------------
    def record(self, fact: facts.ObsFact | str, args: dict[str, Any] | None = None) -> None:
        """OBS facts for the as-run report; never the password, never blocking the show.

        A fact is typed (studio/facts.py); a name with its args is read into one, and a name no
        reader knows raises ValueError instead of writing a line the report would not read."""
        if isinstance(fact, str):
            fact = facts.obs_fact(fact, args or {})
        if not self.journal.closed:
            self.journal.append_fact(self.clock.now(), fact)

    def remember_message(
        self, text: str, origin: Origin = Origin.KEY, client: str | None = None
    ) -> None:
        """The moderator's message to the speaker monitor (and every view), journalled so a
        restart shows it again; every front end is told, whichever one set it."""
        if text == self._message:
            return
        fact = facts.ConsoleMessage(text, origin.value, client)
        self.journal.append_fact(self.clock.now(), fact)
        self._message = text
        self._push(Change.MESSAGE)

    def last_message(self) -> str:
        """The moderator's message now (after a restart: as the journal last had it)."""
        return self._message

    # ---- the journal's health -----------------------------------------------------------------
    @property
    def journal_health(self) -> JournalHealth:
        """Whether everything that took effect is on disk (not ok: crash-restore is off)."""
        return self.journal.health

    @property
    def journal_problems(self) -> list[JournalProblem]:
        """Lines of the journal that were not replayed, and why."""
        return list(self.journal.problems)

    def on_journal_health(self, fn: Callable[[JournalHealth], None]) -> None:
        """fn(health) when the journal stops or starts keeping up with the show."""
        self.journal.on_health(fn)

    # ---- the read model -----------------------------------------------------------------------
    def view(self) -> ShowView:
        """Everything a front end shows, now, as one immutable object."""
        return ShowView(
            agenda=self.agenda,
            mode=self.mode,
            rate=self.clock.rate,
            status=self.show.status(),
            state=self.show.state,  # replaced, never changed, by every action
            link=copy.copy(self.link.snap),  # the link keeps updating its own
            journal=self.journal.health,
            problems=tuple(self.journal.problems),
            drift=self.drift,
            acted=self._acted,
            message=self._message,
            proposal=self._proposal,
            obs_address=self.transport.describe,
        )

    def watch(self, fn: Callable[[Update], None]) -> None:
        """fn(update) after every action, every piece of OBS news, every journal health change."""
        self._watchers.append(fn)

    def unwatch(self, fn: Callable[[Update], None]) -> None:
        with contextlib.suppress(ValueError):
            self._watchers.remove(fn)

    def _push(
        self, change: Change, link: LinkEvent | None = None, cues: Sequence[Cue] = ()
    ) -> None:
        if not self._watchers:
            return
        update = Update(self.view(), change, link, tuple(cues))
        for fn in list(self._watchers):
            try:
                fn(update)
            except Exception:  # a broken view must not take the show down
                log.exception("a view failed on %s", change)

    def _on_link(self, kind: str, payload: Any) -> None:
        event = LinkEvent(
            LinkNews.of(kind),
            switch=payload if isinstance(payload, Switch) else None,
            message=payload if isinstance(payload, LinkMessage) else None,
        )
        self._push(Change.LINK, event)

    def _on_health(self, _health: JournalHealth) -> None:
        self._push(Change.JOURNAL)

    @property
    def journal_path(self) -> Path:
        return self.journal.path

    def write_report(self, lang: str | None = None) -> tuple[Path, Path]:
        """Write this show's as-run report beside its journal: (HTML, CSV) paths.

        Replays the whole journal: on a long show, call it off the loop's thread. Raises
        ReportFailed with the reason when the journal cannot be read or the files written."""
        # Imported here: the console does not pay for the report's modules at start-up.
        from studio.asrun import ReportError, build_report, write_report

        path = self.journal.path
        try:
            return write_report(build_report(path), path.parent, lang)
        except (ReportError, OSError) as exc:
            raise ReportFailed(str(exc)) from exc

    def close_journal(self) -> None:
        """Let go of a journal this runtime will not run (the console starts a new show)."""
        self.journal.close()

    def now(self) -> float:
        """The show clock's time (event time; a rehearsal's runs from just before the start)."""
        return self.clock.now()

    def preflight(self) -> PreflightReport:
        """Does OBS have what the agenda needs, judged from what the link already knows (so a
        button press never waits on OBS); scene-map scenes the agenda never uses are listed."""
        return preflight_from_snapshot(self.agenda, self.link.snap)

    # ---- a plan to end on time ---------------------------------------------------------------
    def check_plan(self) -> Plan | None:
        """Propose a plan when the show runs late enough to need one: never for seconds, and
        not again after the moderator answered one unless the show has drifted further since.
        Every front end is told when the proposal comes or goes."""
        st = self.show.status()
        plan: Plan | None = None
        late = st.projected_end - self.agenda.planned_end
        if st.status is not ShowStatus.ENDED and late > replan.DEFAULT_THRESHOLD:
            found = replan.propose(self.agenda, self.show.state, st.now)
            last, accepted = self._answered if self._answered else (None, False)
            worth = replan.worth_proposing(found, last, accepted=accepted)
            if found is not None and not found.empty and worth:
                plan = found
        if plan != self._proposal:
            self._proposal = plan
            self._push(Change.PLAN)
        return plan

    def accept_plan(self, origin: Origin = Origin.KEY, client: str | None = None) -> Plan | None:
        """Take a plan to end on time, made afresh now (the one shown may be a few seconds
        old: the speaker on air has used more since). One journalled action."""
        plan = replan.propose(self.agenda, self.show.state, self.clock.now())
        if plan is None or plan.empty:
            self._set_proposal(None)
            return None
        self.act(AcceptPlan(plan.as_args()), origin=origin, client=client)
        self._answered = (plan, True)
        self._set_proposal(None)
        return plan

    def dismiss_plan(self) -> None:
        """The moderator keeps the show as it is; asked again only if it drifts further."""
        if self._proposal is not None:
            self._answered = (self._proposal, False)
        self._set_proposal(None)

    def _set_proposal(self, plan: Plan | None) -> None:
        if plan != self._proposal:
            self._proposal = plan
            self._push(Change.PLAN)

    # ---- the technician's hand on OBS ---------------------------------------------------------
    def reconnect_now(self) -> None:
        """Try OBS again at once instead of waiting out the back-off."""
        self.link.reconnect_now()

    async def manual_switch(self, scene: str) -> None:
        """Put a scene on air by hand; the console respects it until the next cue."""
        await self.link.manual_switch(scene)

    async def release_manual(self) -> Switch | None:
        """Hand the program back to the show: the current cue's scene goes on air."""
        return await self.link.release_manual()

    async def output(self, action: str) -> None:
        """Start or stop the stream or the recording (the guard refuses what the mode forbids)."""
        await self.link.output(action)

    # ---- lifecycle ----------------------------------------------------------------------------
    async def start(self) -> None:
        self._queue = asyncio.Queue()
        self._worker = asyncio.get_running_loop().create_task(self._drain(), name="cue-queue")
        cue = self.show.current_cue()
        manual = held_manual_scene(self.journal.entries, cue.seq)
        if manual is not None:
            # The technician's hand on OBS outlives a console restart, as it does an OBS one.
            self.link.hold_manual(manual, cue.seq)
        self.link.start()
        self.director.start_ticking()
        self._queue.put_nowait([cue])
        self._keep()

    def _paced(self) -> bool:
        return not isinstance(self.clock, SystemClock) and self.clock.rate > 0

    def _keep(self) -> None:
        """Retry a journal the disk refused; keep a simulated clock's place on disk.

        A timer callback that re-arms itself, not a sleeping task: nothing to cancel and await
        at shutdown (under qasync, awaiting one more cancelled task at shutdown could lose the
        cue queue's own cancellation)."""
        if not self.journal.health.ok:
            self.journal.flush()
        paced = self._paced()
        if paced:
            self.journal.mark_clock(self.clock.now())
        loop = asyncio.get_running_loop()
        if loop.time() - self._plan_looked >= PLAN_EVERY:
            self._plan_looked = loop.time()
            try:
                self.check_plan()
            except Exception:  # a proposal is a help; it must never stop the keeper
                log.exception("looking for a plan to end on time failed")
        # A mark at least every half second of show time: a resume is never a second short.
        every = max(0.01, min(KEEP_EVERY, 0.5 / self.clock.rate)) if paced else KEEP_EVERY
        self._keeper = loop.call_later(every, self._keep)

    async def stop(self) -> None:
        self.director.stop_ticking()
        if self._keeper is not None:
            self._keeper.cancel()
            self._keeper = None
        if self._paced():
            self.journal.mark_clock(self.clock.now())
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
        await self.link.stop()
        release = getattr(self.transport, "shutdown", None)  # LiveObs's worker thread
        if callable(release):
            release()
        self.journal.close()

    async def _drain(self) -> None:
        assert self._queue is not None
        while True:
            batches = [await self._queue.get()]
            # Keys pressed faster than OBS switches queue up while a switch is confirmed: only
            # the newest cue goes on air; the ones it overtook would flash by for a frame.
            while not self._queue.empty():
                batches.append(self._queue.get_nowait())
            cues = [cue for batch in batches for cue in batch]
            for i, cue in enumerate(cues):
                self.record(
                    facts.Cue(
                        seq=cue.seq,
                        scene=cue.scene,
                        item=cue.item_id,
                        speaker=cue.speaker_index,
                        speaker_id=cue.speaker_id,
                        reason=cue.reason,
                        overtaken=i < len(cues) - 1,
                    )
                )
            try:
                await self.director.on_cues(cues[-1:])
            except Exception:  # OBS trouble is shown by the link; the queue must go on
                log.exception("applying cues failed")
            finally:
                for _ in batches:
                    self._queue.task_done()

    async def idle(self) -> None:
        """Wait until every queued cue has been handed to OBS (tests and benchmarks)."""
        if self._queue is not None:
            await self._queue.join()

    # ---- operator actions ---------------------------------------------------------------------
    def act(
        self,
        action: Action | str,
        *,
        origin: Origin = Origin.ENGINE,
        client: str | None = None,
        **args: Any,
    ) -> list[Cue]:
        """Apply an action now (raises ActionError if it cannot apply) and queue its cues.

        Every front end calls this one entry with a typed action (or an action's name and
        arguments, parsed the same way) and says who asked: the origin goes into the journal,
        with `client` (a remote caller's address, from the control API) when given."""
        cues = self.show.apply(action, origin=origin, client=client, **args)
        self._acted = True
        if cues and self._queue is not None:
            self._queue.put_nowait(cues)
        self._push(Change.SHOW, cues=cues)
        return cues


# What front ends take from here besides the runtime itself: the parts a test or a driver may
# hand it (a clock, a transport), and where a journal lives.
__all__ = [
    "Clock",
    "ForeignJournal",
    "ReportFailed",
    "Runtime",
    "RuntimeOptions",
    "Transport",
    "archive_journal",
    "default_journal_path",
    "held_manual_scene",
    "journal_info",
    "simulated_obs_for",
]
