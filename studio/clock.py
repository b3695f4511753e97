"""Clocks: the one notion of "now" that the show, the journal and the UI share.

`now()` is wall time as epoch seconds, but within a process it advances with the monotonic clock
from one anchor, so an NTP step or a DST change never makes a timer jump; across a restart the
journal's wall-time stamps carry the show on. Simulated clocks jump (tests) or run N times faster
(rehearsals with `--speed`).
"""

from __future__ import annotations

import math
import time
from typing import Protocol


class Clock(Protocol):
    """Anything that tells the show's time."""

    def now(self) -> float:
        """Epoch seconds."""
        ...

    @property
    def rate(self) -> float:
        """Show seconds per real second (0 for a clock that only moves when told)."""
        ...


class SystemClock:
    """Real time: wall clock anchored once, advanced by the monotonic clock."""

    rate = 1.0

    def __init__(self) -> None:
        self._wall0 = time.time()
        self._mono0 = time.monotonic()

    def now(self) -> float:
        return self._wall0 + (time.monotonic() - self._mono0)


class SimClock:
    """A clock that moves only when told to: for tests and headless rehearsals."""

    rate = 0.0

    def __init__(self, start: float) -> None:
        self._now = float(start)

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock never runs backwards")
        self._now += seconds

    def set(self, epoch: float) -> None:
        if epoch < self._now:
            raise ValueError("a clock never runs backwards")
        self._now = float(epoch)


class PacedClock:
    """Simulated time that runs `speed` times faster than the monotonic clock, from `start`."""

    def __init__(self, start: float, speed: float = 1.0) -> None:
        if speed <= 0:
            raise ValueError("speed must be more than zero")
        self.speed = speed
        self._start = float(start)
        self._mono0 = time.monotonic()
        self._offset = 0.0

    def now(self) -> float:
        return self._start + self._offset + (time.monotonic() - self._mono0) * self.speed

    @property
    def rate(self) -> float:
        return self.speed

    def jump(self, seconds: float) -> None:
        """Skip ahead, e.g. to the planned start of the show in a rehearsal."""
        if seconds < 0:
            raise ValueError("a clock never runs backwards")
        self._offset += seconds


def until_next_whole(value: float, falling: bool) -> float:
    """Clock seconds until `value`, moving at one per second (down if `falling`), next crosses a
    whole number: when a figure shown in whole seconds next turns. Every refresh timer aims here
    (a sleep of a whole second after each refresh would drift, and now and then skip a second)."""
    part = value - math.floor(value)
    if falling:
        return part if part > 1e-9 else 1.0
    return 1.0 - part if part > 1e-9 else 1.0
