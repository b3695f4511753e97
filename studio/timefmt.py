"""Formatting of durations for displays, the return feed and the CLI (no words, only figures)."""

from __future__ import annotations

import math


def clock_text(seconds: float) -> str:
    """m:ss, or h:mm:ss from an hour up; seconds are whole and non-negative."""
    s = int(seconds)
    if s >= 3600:
        return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"


def countdown_text(remaining: float) -> str:
    """A speaker countdown: '4:59' while time is left, '+0:12' in overtime.

    Rounded up, so the display reads 0:00 exactly when time runs out and a full second of
    overtime has passed before '+0:01' shows.
    """
    whole = math.ceil(round(remaining, 6))
    return clock_text(whole) if whole >= 0 else "+" + clock_text(-whole)


def signed_text(seconds: float) -> str:
    """'+4:20' / '-1:10' / '+0:00' for schedule offsets."""
    whole = round(seconds)
    return ("-" if whole < 0 else "+") + clock_text(abs(whole))
