"""The console's judgements, all made by the engine and read through its read model (one
judgement for every front end: preflight, OBS health levels, the time before the start).

Kept as a module so the technician panel and the window import them from one place.
"""

from __future__ import annotations

from studio.view import (
    Level,
    Missing,
    PreflightReport,
    health_levels,
    preflight_from_snapshot,
    until_start,
)

SnapshotPreflight = PreflightReport  # the console's name for the one report

__all__ = [
    "Level",
    "Missing",
    "PreflightReport",
    "SnapshotPreflight",
    "health_levels",
    "preflight_from_snapshot",
    "until_start",
]
