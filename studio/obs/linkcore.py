"""The part of the OBS link every other part stands on: the transport and client it talks
through, what it knows of OBS and what the cue wants, and its three ways out: listeners (the
console and the director), the operator's log sentences, and journal facts.

`ObsLink` (studio/obs/link.py) is built on `LinkCore` together with `OutputControl`
(studio/obs/outputs.py) and `ManualControl` (studio/obs/override.py); each of those parts reads
and reports through what is defined here, so none of them has to know the others.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from studio import facts
from studio.obs.base import Desired, LinkMessage, ObsError, Transport
from studio.obs.client import ObsClient
from studio.obs.snapshot import LinkState, Snapshot

# Every part of the link logs as one subsystem: the log file and its readers know it by this name.
log = logging.getLogger("studio.obs.link")

Listener = Callable[[str, Any], None]
Recorder = Callable[[facts.ObsFact], None]
"""Where the link's journal facts go (the runtime's journal)."""


class LinkCore:
    """What all parts of the link share; see `ObsLink` for the whole."""

    def __init__(self, transport: Transport, record: Recorder | None) -> None:
        self.transport = transport
        self.client = ObsClient(transport)
        self.snap = Snapshot()
        self.desired = Desired()
        self._record: Recorder = record or (lambda _fact: None)
        self._listeners: list[Listener] = []
        # When we last asked OBS for each scene: a program change to it soon after is ours, not a
        # hand in OBS (the switch and the technician's override both ask).
        self._ours: dict[str, float] = {}

    def subscribe(self, fn: Listener) -> None:
        """fn(kind, payload); kinds: state, scenes, program, preview, stream, record, health
        (payload: the Snapshot), switch (a Switch), override (the Snapshot), log and error (a
        LinkMessage: English text, key and arguments)."""
        self._listeners.append(fn)

    def unsubscribe(self, fn: Listener) -> None:
        with contextlib.suppress(ValueError):
            self._listeners.remove(fn)

    def _emit(self, kind: str, payload: Any = None) -> None:
        for fn in list(self._listeners):
            try:
                fn(kind, payload)
            except Exception:  # a broken view must not take the link down
                log.exception("listener failed on %s", kind)

    def _log(self, key: str, args: dict[str, Any], text: str, level: int = logging.INFO) -> None:
        log.log(level, "%s", text)
        self._emit("log", LinkMessage(key, args, text))

    def _error(self, exc: ObsError) -> None:
        self._emit("error", exc.as_message())

    @property
    def online(self) -> bool:
        return self.snap.state is LinkState.ONLINE
