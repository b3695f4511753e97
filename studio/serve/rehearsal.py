"""A served rehearsal: the show paced in real time (or `speed` times faster) on a dry-run
runtime, with the show server in front, so views and the control API can be tried headless.

Each speaker gets their time (plus `overrun`), then the rehearsal moves on, as a moderator
would; an action from a view or the API (next, back, hold, extend, ...) takes effect at once
and the pacing follows the show from there. On hold it waits for a resume.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

from studio.actions import Next, Origin, Start
from studio.agenda import Agenda
from studio.modes import Mode
from studio.runtime import Runtime, RuntimeOptions
from studio.serve.config import ServeSettings
from studio.serve.server import ServerState, ShowServer
from studio.view import Change, ShowStatus, Status, Update

log = logging.getLogger("studio.serve")


async def _until_show_time(rt: Runtime, at: float, changed: asyncio.Event) -> bool:
    """Sleep until the show clock reaches `at`; False if the show changed first."""
    changed.clear()
    rate = rt.clock.rate
    wait = max(0.0, (at - rt.now()) / rate) if rate > 0 else 0.0
    try:
        await asyncio.wait_for(changed.wait(), timeout=wait)
    except TimeoutError:
        return True
    return False


async def serve_rehearsal(
    agenda: Agenda,
    journal: Path,
    *,
    speed: float,
    settings: ServeSettings,
    overrun: float = 0.0,
    on_serving: Callable[[ShowServer], None] = lambda _s: None,
    on_segment: Callable[[Status], None] = lambda _st: None,
) -> tuple[Status, ServerState]:
    """Run the show paced, served, from just before the planned start to the end; return the
    final status and the server's state (an error there: the rehearsal ran unserved)."""
    opts = RuntimeOptions(mode=Mode.DRY_RUN, speed=speed, journal=journal)
    rt = Runtime.create(agenda, opts)
    changed = asyncio.Event()

    def on_update(update: Update) -> None:
        if update.change is Change.SHOW:
            changed.set()

    rt.watch(on_update)
    await rt.start()
    server = ShowServer(rt, settings)
    try:
        await server.start()
        on_serving(server)
        if rt.show.state.status is ShowStatus.PRE:
            await _until_show_time(rt, agenda.planned_start, changed)
            if rt.show.state.status is ShowStatus.PRE:
                rt.act(Start(), origin=Origin.REHEARSAL)
        seen: int | None = None
        while rt.show.state.status is ShowStatus.RUNNING:
            st = rt.show.status()
            if st.segment != seen:
                seen = st.segment
                on_segment(st)
            if st.held:
                changed.clear()
                await changed.wait()
                continue
            due = st.now + st.remaining + (overrun if st.speaker is not None else 0.0)
            if not await _until_show_time(rt, due, changed):
                continue  # someone acted: take the show from where it is now
            now = rt.show.status()
            if now.status is ShowStatus.RUNNING and now.segment == st.segment and not now.held:
                rt.act(Next(), origin=Origin.REHEARSAL)
        await rt.idle()
        return rt.show.status(), server.state
    finally:
        rt.unwatch(on_update)
        await server.stop()
        await rt.stop()
