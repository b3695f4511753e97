"""Run modes: live, rehearsal (real OBS, no stream start), dry-run (simulated OBS)."""

from __future__ import annotations

from enum import StrEnum


class Mode(StrEnum):
    LIVE = "live"
    REHEARSAL = "rehearsal"
    DRY_RUN = "dry-run"
