"""Cell values as the agenda needs them: texts, ids, durations, times of day, dates, yes/no.

A spreadsheet stores a duration as a time or duration cell (0:08:00), LibreOffice's ods as an ISO
duration (PT24H00M00S), and a person may type "8m" or "0:08:00" as text: all are read. Each
converter raises ValueError with what was expected and what the cell holds.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime, time, timedelta
from typing import Any

from studio.agenda import MAX_DURATION, parse_clock, parse_duration
from studio.rundown.cells import CellError
from studio.rundown.layout import KIND_NAMES, KINDS, LANG_NAMES, NO, YES, fold

DURATION_HINT = "a duration like 8m, 1h30m or 0:08:00"
CLOCK_HINT = "a time of day like 10:00"
DATE_HINT = "a date like 2021-03-09 or 09.03.2021"
ITEM_ID = re.compile(r"^[A-Za-z0-9_.-]+$")
SPEAKER_ID = re.compile(r"^[\w.-]+$")
_HMS = re.compile(r"^(\d{1,2}):(\d{2}):(\d{2})$")
_HM = re.compile(r"^(\d{1,2}):(\d{2})$")
_ISO = re.compile(r"^P(?:(\d+)D)?T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$")
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
# Spreadsheets count days from 1899-12-30: a duration over a day read as a datetime.
_EPOCH = datetime(1899, 12, 30)


def shown(value: Any) -> str:
    """A cell's value for a message."""
    if isinstance(value, CellError):
        return f"the error {value.text}"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return f"the number {_number(value)}"
    if isinstance(value, datetime):
        return f"the date and time {value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, time):
        return f"the time {value:%H:%M:%S}"
    if isinstance(value, timedelta):
        return f"the duration {value}"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _no_error(value: Any) -> None:
    if isinstance(value, CellError):
        raise ValueError(f"the cell holds the error {value.text}; expected a value")


def text(value: Any) -> str:
    """Any non-empty cell as text: numbers as written (8, not 8.0), text stripped."""
    _no_error(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value).strip()


def ident(value: Any, pattern: re.Pattern[str] = ITEM_ID) -> str:
    result = text(value)
    if not pattern.match(result) or len(result) > 80:
        raise ValueError(
            f"the id is {shown(result)}; expected a name of letters, digits, '-', '_' or '.'"
            + (" (Latin letters)" if pattern is ITEM_ID else "")
        )
    return result


def seconds(value: Any) -> int:
    """A duration cell in seconds (more than zero, at most 24h)."""
    _no_error(value)
    total: float
    if isinstance(value, timedelta):
        total = value.total_seconds()
    elif isinstance(value, datetime):
        total = (value - _EPOCH).total_seconds()
        if not 0 < total <= MAX_DURATION + 86400:
            raise ValueError(f"the cell holds {shown(value)}; expected {DURATION_HINT}")
    elif isinstance(value, time):
        total = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    elif isinstance(value, bool) or not isinstance(value, str):
        what = f"the plain number {_number(value)}" if isinstance(value, int | float) else None
        raise ValueError(
            f"the cell holds {what or shown(value)}; expected {DURATION_HINT}"
            + (" (minutes or hours?)" if what else "")
        )
    elif re.fullmatch(r"\d+(?:[.,]\d+)?", value.strip()):
        raise ValueError(
            f"the cell holds the plain number {value.strip()}; expected {DURATION_HINT} "
            "(minutes or hours?)"
        )
    else:
        total = _duration_text(value.strip())
    whole = round(total)
    if whole <= 0:
        raise ValueError(f"the cell holds {shown(value)}; expected a duration of more than zero")
    if whole > MAX_DURATION:
        raise ValueError(
            f"the cell holds {shown(value)}; expected a duration of at most {MAX_DURATION // 3600}h"
        )
    return whole


def _duration_text(raw: str) -> float:
    if m := _HMS.match(raw):
        h, mi, s = (int(g) for g in m.groups())
        if mi > 59 or s > 59:
            raise ValueError(f"the cell holds {shown(raw)}; expected {DURATION_HINT}")
        return h * 3600 + mi * 60 + s
    if _HM.match(raw):
        raise ValueError(
            f"the cell holds {shown(raw)}: hours and minutes, or minutes and seconds? "
            f"Expected 0:{raw.zfill(5)} (minutes) or {raw}:00 (hours), or {DURATION_HINT}"
        )
    if (m := _ISO.match(raw)) and any(m.groups()):
        days, hours, mins, secs = (float(g) if g else 0.0 for g in m.groups())
        return days * 86400 + hours * 3600 + mins * 60 + secs
    try:
        return parse_duration(raw.replace(" ", ""))
    except ValueError:
        raise ValueError(f"the cell holds {shown(raw)}; expected {DURATION_HINT}") from None


def clock(value: Any) -> time:
    """A time-of-day cell."""
    _no_error(value)
    if isinstance(value, datetime):
        value = value.time()
    if isinstance(value, time):
        t = value
        if t.microsecond:  # a float's rounding, 09:59:59.999999
            t = (datetime.combine(date.min, t) + timedelta(microseconds=500_000)).time()
        return t.replace(microsecond=0)
    if isinstance(value, str):
        try:
            return parse_clock(value.strip().replace(".", ":"))
        except ValueError:
            pass
    raise ValueError(f"the cell holds {shown(value)}; expected {CLOCK_HINT}")


def day(value: Any) -> date:
    """A date cell, or a date typed as 2021-03-09 or 09.03.2021."""
    _no_error(value)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        raw = value.strip()
        try:
            if m := _DMY.match(raw):
                return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise ValueError(f"the cell holds {shown(value)}; expected {DATE_HINT}")


def yes_no(value: Any) -> bool:
    _no_error(value)
    if isinstance(value, bool):
        return value
    folded = fold(text(value))
    if folded in YES:
        return True
    if folded in NO:
        return False
    raise ValueError(f"the cell holds {shown(value)}; expected yes or no (так або ні)")


def kind(value: Any) -> str:
    name = fold(text(value))
    if name in KINDS:
        return KINDS[name]
    listed = ", ".join(f"{k} ({v})" for k, v in KIND_NAMES.items())
    close = difflib.get_close_matches(name, list(KINDS), n=1, cutoff=0.7)
    guess = f"; did you mean '{close[0]}'? Expected" if close else "; expected"
    raise ValueError(f"unknown kind {shown(text(value))}{guess} one of: {listed}")


def language(value: Any) -> str:
    name = fold(text(value))
    if name in LANG_NAMES:
        return LANG_NAMES[name]
    raise ValueError(f"the cell holds {shown(value)}; expected uk or en")


def duration_text(total: int) -> str:
    """Seconds in the agenda's notation: 8m, 1h30m, 1m30s."""
    h, m, s = total // 3600, total % 3600 // 60, total % 60
    return "".join(f"{v}{u}" for v, u in ((h, "h"), (m, "m"), (s, "s")) if v) or "0s"


def clock_text(t: time) -> str:
    return t.strftime("%H:%M:%S") if t.second else t.strftime("%H:%M")


def hms(total: int) -> str:
    """Seconds as a spreadsheet shows a duration: 0:08:00."""
    return f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"


__all__ = [
    "clock",
    "clock_text",
    "day",
    "duration_text",
    "hms",
    "ident",
    "kind",
    "language",
    "seconds",
    "shown",
    "text",
    "yes_no",
]
