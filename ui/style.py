"""Colours, fonts and the dark theme of the console: one place for every visual constant.

A studio is dim and the console is read at a glance, so the theme is dark and the meaning of a
colour is the same in every window: green on time, amber warning, red final seconds and overtime,
blue dry run, orange rehearsal, red ON AIR.
"""

from __future__ import annotations

from studio.modes import Mode
from studio.view import ItemState, LinkState, Phase
from ui import theme
from ui.theme import COUNTDOWN_BG as COUNTDOWN_BG
from ui.theme import FONT_FAMILY as FONT_FAMILY
from ui.theme import HELD_FG as HELD_FG
from ui.theme import MUTED_FG as MUTED_FG
from ui.theme import ON_AIR as ON_AIR
from ui.theme import apply_theme as apply_theme
from ui.theme import font as font

NOTES_FG = "#b0b6bf"  # the moderator's notes and the speaker's place in the item
MESSAGE_FG = "#ffd54f"  # the moderator's message to the speaker monitor, as shown
ERROR_FG = "#ff8a80"  # an OBS error under the connection state; a recording in progress

# Countdown foreground per phase, on the dark background.
PHASE_FG: dict[Phase, str] = {phase: theme.PHASE_FG[phase.value] for phase in Phase}
OVERTIME_FLASH_BG = "#6b0000"

MODE_BANNER: dict[Mode, tuple[str, str]] = {  # background, foreground
    mode: theme.MODE_BANNER[mode.value] for mode in Mode
}

ROW_BG: dict[ItemState, str | None] = {
    ItemState.PENDING: None,
    ItemState.CURRENT: "#1e5631",
    ItemState.DONE: "#24272b",
    ItemState.SKIPPED: "#2b2326",
    ItemState.PASSED: "#3a3320",  # jumped over, still to be done: amber-tinted
}
ROW_FG: dict[ItemState, str | None] = {
    ItemState.PENDING: None,
    ItemState.CURRENT: "#ffffff",
    ItemState.DONE: MUTED_FG,
    ItemState.SKIPPED: "#7d6f74",
    ItemState.PASSED: "#e0c070",
}

LEVEL_FG = {"ok": "#4cd964", "warn": "#ffb300", "bad": "#ff3b30", "none": MUTED_FG}

# The technician's panel: the OBS link's state, alarms and what is on air.
LINK_STATE_FG: dict[LinkState, str] = {
    LinkState.ONLINE: LEVEL_FG["ok"],
    LinkState.CONNECTING: LEVEL_FG["warn"],
    LinkState.RECONNECTING: LEVEL_FG["bad"],
    LinkState.OFFLINE: LEVEL_FG["bad"],
    LinkState.STOPPED: MUTED_FG,
}
UNCONFIRMED_BG = "#d50000"  # OBS did not confirm a scene switch
MANUAL_BG = "#ef6c00"  # a scene put on air by hand, until the next cue
ON_AIR_SCENE_BG = "#b71c1c"  # the scene button of what is on program
OUTPUT_ACTIVE_FG = {"stream": LEVEL_FG["bad"], "record": ERROR_FG}

SERVER_DOWN_SHEET = f"background: {UNCONFIRMED_BG}; color: white; padding: 6px;"  # no views
PLAN_BAR_SHEET = "#planBar { background: #5a4a00; } QLabel { color: #ffffff; }"  # late: a plan
PLAN_DETAILS_SHEET = "background: #202326; color: #ffffff; padding: 10px;"
UNCONFIRMED_SHEET = f"background: {UNCONFIRMED_BG}; color: white; font-weight: bold; padding: 6px;"
MANUAL_SHEET = f"background: {MANUAL_BG}; color: white; padding: 4px;"

OFFSET_BEHIND_WARN = 60.0  # seconds behind the plan before the offset turns amber
OFFSET_BEHIND_BAD = 300.0  # ... and red


def offset_level(offset: float) -> str:
    """How worrying a schedule offset is (+ = behind)."""
    if offset >= OFFSET_BEHIND_BAD:
        return "bad"
    if offset >= OFFSET_BEHIND_WARN:
        return "warn"
    return "ok"


def fg(color: str) -> str:
    """A widget's style sheet that colours its text."""
    return f"color: {color};"


def scene_button_sheet(*, manual: bool, on_air: bool) -> str:
    """A scene button's style sheet: orange when put on air by hand, red when on program."""
    if manual:
        bg = MANUAL_BG
    elif on_air:
        bg = ON_AIR_SCENE_BG
    else:
        return ""
    return f"QPushButton {{ background: {bg}; color: white; font-weight: bold; }}"


def output_sheet(key: str, active: bool) -> str:
    """The stream's or the recording's state label: coloured and bold while it runs."""
    return f"color: {OUTPUT_ACTIVE_FG[key]}; font-weight: bold;" if active else ""
