"""OBS health judged: warning levels per figure, and the incidents they make for the as-run report.

The technician panel colours each figure by these levels; the link turns the same levels into
incidents in the journal (a figure left "ok", how bad it got, when it came back), so the report
can say when frames dropped or the network congested, not only that OBS was reachable.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from studio.obs.base import Health

Level = Literal["ok", "warn", "bad", "none"]

# Thresholds: (warn, bad). Lower-is-worse figures list them descending.
FPS_LOW = (24.0, 15.0)
CPU_HIGH = (70.0, 90.0)
SKIPPED_PCT = (0.5, 2.0)
CONGESTION = (0.1, 0.3)
BITRATE_LOW_KBPS = (1000.0, 300.0)

FIGURES = ("fps", "cpu", "render_skipped", "output_skipped", "congestion", "bitrate")
LOWER_IS_WORSE = frozenset({"fps", "bitrate"})
_RANK = {"none": 0, "ok": 0, "warn": 1, "bad": 2}


def _high(value: float, limits: tuple[float, float]) -> Level:
    warn, bad = limits
    return "bad" if value >= bad else "warn" if value >= warn else "ok"


def _low(value: float, limits: tuple[float, float]) -> Level:
    warn, bad = limits
    return "bad" if value < bad else "warn" if value < warn else "ok"


def health_levels(health: Health, streaming: bool, online: bool) -> dict[str, Level]:
    """Level per figure: fps, cpu, render_skipped, output_skipped, congestion, bitrate."""
    if not online:
        return dict.fromkeys(FIGURES, "none")
    return {
        "fps": _low(health.active_fps, FPS_LOW),
        "cpu": _high(health.cpu, CPU_HIGH),
        "render_skipped": _high(health.render_skipped_pct, SKIPPED_PCT),
        "output_skipped": _high(health.output_skipped_pct, SKIPPED_PCT),
        "congestion": _high(health.congestion, CONGESTION) if streaming else "none",
        "bitrate": _low(health.bitrate_kbps, BITRATE_LOW_KBPS)
        if streaming and health.bitrate_kbps is not None
        else "none",
    }


def figure_value(health: Health, figure: str) -> float:
    """The number behind a figure's level."""
    return {
        "fps": health.active_fps,
        "cpu": health.cpu,
        "render_skipped": health.render_skipped_pct,
        "output_skipped": health.output_skipped_pct,
        "congestion": health.congestion,
        "bitrate": health.bitrate_kbps or 0.0,
    }[figure]


class _Frames(NamedTuple):
    at: float
    render_skipped: int
    render_total: int
    output_skipped: int
    output_total: int


class FrameWindow:
    """Skipped-frame percentages over the last `seconds`, not since OBS started: a burst an hour
    ago must not keep the panel amber, and hours of good frames must not dilute a fresh one."""

    def __init__(self, seconds: float = 10.0) -> None:
        self.seconds = seconds
        self._samples: deque[_Frames] = deque()

    def reset(self) -> None:
        self._samples.clear()

    def add(
        self,
        now: float,
        render_skipped: int,
        render_total: int,
        output_skipped: int,
        output_total: int,
    ) -> tuple[float, float]:
        """Record a poll; return (render, output) skipped % over the window."""
        sample = _Frames(now, render_skipped, render_total, output_skipped, output_total)
        if self._samples and (
            render_total < self._samples[-1].render_total
            or output_total < self._samples[-1].output_total
        ):
            self._samples.clear()  # counters went back: OBS or its outputs restarted
        self._samples.append(sample)
        # The base is the newest sample that is at least `seconds` old (or the oldest we have).
        while len(self._samples) > 1 and self._samples[1].at <= now - self.seconds:
            self._samples.popleft()
        base = self._samples[0]

        def pct(skipped: int, total: int) -> float:
            return 100.0 * skipped / total if total > 0 else 0.0

        return (
            pct(render_skipped - base.render_skipped, render_total - base.render_total),
            pct(output_skipped - base.output_skipped, output_total - base.output_total),
        )


@dataclass
class _Open:
    worst_level: Level
    worst_value: float
    started: float
    ok_since: float | None = None


class IncidentTracker:
    """Per-poll levels in, incident starts and ends out.

    An incident opens when a figure leaves "ok" and closes once the figure has stayed "ok" (or
    stopped applying: OBS gone, stream stopped) for `settle_s`; a figure wavering at its threshold
    makes one incident, not one per poll.
    """

    def __init__(self, settle_s: float = 5.0) -> None:
        self.settle_s = settle_s
        self._open: dict[str, _Open] = {}

    @property
    def open_figures(self) -> list[str]:
        return list(self._open)

    def update(self, levels: dict[str, Level], health: Health, now: float) -> list[dict[str, Any]]:
        """The journal facts this poll makes: {"event": "start"|"end", "figure", ...}."""
        facts: list[dict[str, Any]] = []
        for figure in FIGURES:
            level = levels.get(figure, "none")
            incident = self._open.get(figure)
            if _RANK[level] > 0:
                value = figure_value(health, figure)
                if incident is None:
                    self._open[figure] = _Open(level, value, now)
                    facts.append(
                        {
                            "event": "start",
                            "figure": figure,
                            "level": level,
                            "value": value,
                            "since": round(now, 3),
                        }
                    )
                    continue
                incident.ok_since = None
                if _RANK[level] > _RANK[incident.worst_level]:
                    incident.worst_level = level
                worse = (
                    value < incident.worst_value
                    if figure in LOWER_IS_WORSE
                    else (value > incident.worst_value)
                )
                if worse:
                    incident.worst_value = value
            elif incident is not None:
                if incident.ok_since is None:
                    incident.ok_since = now
                if now - incident.ok_since >= self.settle_s:
                    del self._open[figure]
                    facts.append(_end_fact(figure, incident, incident.ok_since))
        return facts

    def close_all(self, now: float) -> list[dict[str, Any]]:
        """End every open incident now (OBS lost: the outage is reported on its own; or the
        console stopping)."""
        facts = [
            _end_fact(figure, incident, incident.ok_since or now)
            for figure, incident in self._open.items()
        ]
        self._open.clear()
        return facts


def _end_fact(figure: str, incident: _Open, until: float) -> dict[str, Any]:
    """The journal fact that closes an incident: when it began and when it was over (on the
    clock the tracker is given: the show clock in the console), worst level and value."""
    return {
        "event": "end",
        "figure": figure,
        "level": incident.worst_level,
        "value": incident.worst_value,
        "since": round(incident.started, 3),
        "until": round(until, 3),
        "lasted_s": round(until - incident.started, 1),
    }
