"""Slowing down an address that keeps presenting wrong tokens.

Tokens are 256-bit random, so guessing is hopeless anyway; this keeps logs and CPU calm under a
misconfigured client or a scan. A right token always passes at once (behind a reverse proxy
every remote client shares the proxy's address, and one broken client must not lock the
others out); a wrong one from an address with many recent failures is answered after a delay
that doubles with each further failure, and past a few waiting answers at once with 429.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

FIRST_DELAY = 0.25  # seconds, for the first failure past the allowance
MAX_DELAY = 5.0
MAX_WAITING = 8  # delayed answers one address may have open at once
MAX_ADDRESSES = 10_000  # forget the oldest beyond this (a scan from many addresses)


@dataclass
class _Record:
    failures: deque[float] = field(default_factory=deque)
    waiting: int = 0


class Throttle:
    """Failure counts per address over a sliding window."""

    def __init__(self, allowance: int, window: float) -> None:
        self.allowance = allowance
        self.window = window
        self._by_address: dict[str, _Record] = {}
        self.slowed = 0
        """Failures answered late (or refused with 429) since the start."""

    def _record(self, address: str) -> _Record:
        rec = self._by_address.get(address)
        if rec is None:
            if len(self._by_address) >= MAX_ADDRESSES:
                self._by_address.pop(next(iter(self._by_address)))
            rec = self._by_address[address] = _Record()
        return rec

    def failed(self, address: str) -> float | None:
        """Count a failure; the seconds to wait before answering it (0: at once), or None when
        the address already has too many answers waiting (answer 429 now)."""
        now = time.monotonic()
        rec = self._record(address)
        while rec.failures and rec.failures[0] < now - self.window:
            rec.failures.popleft()
        rec.failures.append(now)
        over = len(rec.failures) - self.allowance
        if over <= 0:
            return 0.0
        self.slowed += 1
        if rec.waiting >= MAX_WAITING:
            return None
        return _delay(over)

    def delay_for(self, address: str) -> float:
        """The delay the next failure from `address` would get (0: none)."""
        rec = self._by_address.get(address)
        if rec is None:
            return 0.0
        now = time.monotonic()
        over = sum(1 for t in rec.failures if t >= now - self.window) + 1 - self.allowance
        return 0.0 if over <= 0 else _delay(over)

    def waiting(self, address: str, delta: int) -> None:
        self._record(address).waiting += delta


def _delay(over: int) -> float:
    """Seconds for the `over`-th failure past the allowance: doubling, capped."""
    return min(MAX_DELAY, FIRST_DELAY * 2.0 ** min(over - 1, 30))
