"""Headless rehearsal: the whole show on a simulated clock, through the director to a simulated OBS.

Each speaker takes their allotted time (plus an overrun or a seeded random spread); every cue goes
through the same runtime the console uses, so the journal it leaves holds the scene switches with
their confirmation latency, ready for the as-run report.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from studio.actions import Next, Origin, Start
from studio.agenda import Agenda
from studio.clock import SimClock
from studio.modes import Mode
from studio.obs.link import LinkState
from studio.replan_model import Plan
from studio.runtime import Runtime, RuntimeOptions
from studio.show import Status
from studio.state import ShowStatus


@dataclass(frozen=True)
class RehearsalPlan:
    overrun: float = 0.0
    spread: float = 0.0
    seed: int | None = None
    outage_at: int | None = None  # segment number during which simulated OBS dies for a moment
    replan: bool = False  # accept every plan to end on time the console would propose


async def _until(predicate: Callable[[], bool], timeout: float) -> bool:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not predicate():
        if loop.time() > end:
            return False
        await asyncio.sleep(0.005)
    return True


def _wait_for_fixed_start(rt: Runtime, clock: SimClock) -> None:
    """An item with a fixed start never starts early on its own: the rehearsal waits for it,
    as a moderator would (only a key press, journalled, may start it early)."""
    st = rt.show.status()
    nxt = st.next_item_index
    if nxt is None or nxt == st.item_index or rt.agenda.items[nxt].start is None:
        return
    wait = rt.agenda.item_starts[nxt] - clock.now()
    if wait > 0:
        clock.advance(wait)


async def rehearse(
    agenda: Agenda,
    journal: Path,
    plan: RehearsalPlan,
    on_segment: Callable[[Status], None],
    on_plan: Callable[[Plan], None] | None = None,
) -> Status:
    """Run the show from the planned start to the end; return the final status."""
    rng = random.Random(plan.seed)
    clock = SimClock(agenda.planned_start)
    rt = Runtime.create(agenda, RuntimeOptions(mode=Mode.DRY_RUN, journal=journal), clock=clock)
    await rt.start()
    try:
        await _until(lambda: rt.link.online, 5.0)
        rt.act(Start(), origin=Origin.REHEARSAL)
        segment = 0
        while rt.show.state.status is ShowStatus.RUNNING:
            st = rt.show.status()
            on_segment(st)
            await rt.idle()
            took = st.allotted
            if st.speaker is not None:
                took += plan.overrun
                if plan.spread:
                    took += rng.uniform(-plan.spread, plan.spread)
            took = max(0.0, took)
            if plan.outage_at == segment:
                # OBS dies mid-segment and comes back; the show's clock never waits for it.
                rt.transport.kill()  # type: ignore[attr-defined]
                await _until(lambda: rt.link.snap.state is LinkState.RECONNECTING, 5.0)
                clock.advance(took / 2)
                rt.transport.revive()  # type: ignore[attr-defined]
                await _until(lambda: rt.link.online, 5.0)
                await rt.idle()
                clock.advance(took / 2)
            else:
                clock.advance(took)
            _wait_for_fixed_start(rt, clock)
            rt.act(Next(), origin=Origin.REHEARSAL)
            segment += 1
            if plan.replan and rt.check_plan() is not None:
                taken = rt.accept_plan(origin=Origin.REHEARSAL)
                if taken is not None and on_plan is not None:
                    on_plan(taken)
        await rt.idle()
        return rt.show.status()
    finally:
        await rt.stop()
