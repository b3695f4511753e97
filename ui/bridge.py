"""EngineBridge: the one place where the engine's callbacks become Qt signals.

Windows never poke each other: they listen here. Operator actions go through `act` (an engine
refusal becomes a translated sentence for the status bar, never a traceback), OBS calls through
`spawn` (an asyncio task on the qasync loop, so the UI never waits for OBS; an OBS error becomes
a translated sentence too, through `messages`). Views render one read model,
`studio.view.ShowView`: the runtime pushes an `Update` after every action, OBS event and journal
health change, and a single-shot QTimer pulls a fresh view and hands the same `Status` to every
view. The timer is aimed at the next instant any shown figure changes (the countdown's next
second, the clock's, the offset's, the overtime flash), so a second changes on screen within a
few milliseconds of clock truth while the console sleeps in between. Timers are derived by the
engine from its clock; nothing here counts.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from studio.actions import Action, Origin
from studio.runtime import Runtime
from studio.view import (
    ActionError,
    Change,
    ObsError,
    Phase,
    ShowView,
    Status,
    Update,
)
from ui.messages import Messages

log = logging.getLogger("ui.bridge")

AIM_AFTER_MS = 2  # land just after the boundary, never just before it


class EngineBridge(QObject):
    """Hands the engine's read model to the views as signals; owns the refresh timer."""

    updated = Signal(object)
    """Every `studio.view.Update` the runtime pushes (an action, OBS news, journal health)."""
    showChanged = Signal()
    """An operator action changed the show (item, speaker, hold, extra time, skips)."""
    tick = Signal(object)
    """A fresh `studio.view.Status`, at every figure's change and after every action."""
    linkNews = Signal(object)
    """An `Update` with OBS news (`update.link`); `update.view.link` is what the link knows."""
    messageChanged = Signal(str)
    """The moderator's message for the speaker monitor changed ('' = none)."""
    notice = Signal(str)
    """A sentence for the status bar: an action that could not apply, an OBS refusal."""
    planChanged = Signal(object)
    """A plan to end on time was proposed (a `studio.view.Plan`) or withdrawn (None)."""
    journalHealth = Signal(object)
    """A `studio.view.JournalHealth`: the journal stopped (or started again) being written."""

    def __init__(self, rt: Runtime, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rt = rt
        self.messages = Messages(self)
        """The engine's sentences (errors, the link's log) in the console's language."""
        self.message = ""
        self.view: ShowView = rt.view()
        """The read model every view renders: the latest the runtime pushed or the timer pulled."""
        self._alive = True
        self._running = False
        self._tasks: set[asyncio.Task[Any]] = set()
        rt.watch(self._on_update)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.refresh)

    @property
    def status(self) -> Status:
        return self.view.status

    # ---- engine -> Qt -------------------------------------------------------------------------
    def _on_update(self, update: Update) -> None:
        if not self._alive:
            return
        if update.change is Change.SHOW:
            self.view = update.view
            self.showChanged.emit()
            self._render(update.view)
        elif update.change is Change.LINK:
            self.view = update.view
            self.linkNews.emit(update)
        elif update.change is Change.JOURNAL:
            self.view = update.view
            self.journalHealth.emit(update.view.journal)
        elif update.change is Change.PLAN:
            self.view = update.view
            self.planChanged.emit(update.view.proposal)
        elif update.change is Change.MESSAGE:
            self.view = update.view
            self._show_message(update.view.message)
        self.updated.emit(update)

    def start(self) -> None:
        self._running = True
        self.refresh()

    def detach(self) -> None:
        """Stop forwarding (the engine keeps its watchers; they become no-ops)."""
        self._alive = False
        self.rt.unwatch(self._on_update)
        self.timer.stop()
        for task in list(self._tasks):
            task.cancel()

    def refresh(self) -> Status:
        """Take the read model once, from the show clock, and hand it to every view."""
        return self._render(self.rt.view())

    def _render(self, view: ShowView) -> Status:
        self.view = view
        if self._alive:
            self.tick.emit(view.status)
            if self._running:
                flashing = view.status.phase is Phase.OVERTIME
                wait = view.next_change_in(flashing)
                self.timer.start(max(1, round(wait * 1000) + AIM_AFTER_MS))
        return view.status

    @staticmethod
    def flash_phase() -> bool:
        """On/off of the overtime flash: half a second each, by the monotonic clock."""
        return time.monotonic() % 1.0 < 0.5

    # ---- operator -> engine -------------------------------------------------------------------
    def act(self, action: Action | str, *, origin: Origin = Origin.KEY, **args: Any) -> bool:
        """Apply an operator action; a refusal is shown, not raised."""
        try:
            self.rt.act(action, origin=origin, **args)
        except ActionError as exc:
            self.notice.emit(self.messages.say(exc))
            return False
        return True

    def accept_plan(self, origin: Origin = Origin.KEY) -> bool:
        """Take the plan to end on time (made afresh now); a refusal is shown, not raised."""
        try:
            return self.rt.accept_plan(origin=origin) is not None
        except ActionError as exc:
            self.notice.emit(self.messages.say(exc))
            return False

    def restore_message(self) -> None:
        """After a restart: the message the speaker monitor showed, from the journal."""
        self._show_message(self.rt.last_message())

    def set_message(self, text: str) -> None:
        """The moderator's message (the runtime tells every front end, this one included)."""
        self.rt.remember_message(text.strip())

    def _show_message(self, text: str) -> None:
        if text != self.message:
            self.message = text
            self.messageChanged.emit(text)

    def spawn(self, coro: Coroutine[Any, Any, Any], what: str = "") -> asyncio.Task[Any]:
        """Run an OBS call as a task on the loop; an ObsError ends up in the status bar."""
        task = asyncio.get_running_loop().create_task(coro, name=what or None)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if isinstance(exc, ObsError):
            if self._alive:
                self.notice.emit(self.messages.say(exc))
        elif exc is not None:
            log.error("task %s failed", task.get_name(), exc_info=exc)
