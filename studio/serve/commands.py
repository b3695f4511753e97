"""What a control request asks for, checked before anything is touched.

`parse_command(name, body)` turns `POST /api/v1/actions/<name>` (or a WebSocket action) into a
`Command`: a typed show action (the same classes a console key builds, so the show refuses it
for the same reasons), the moderator's message, or a scene override / hand-back. Anything
malformed raises `BadRequest` with a sentence saying what is wrong; nothing is applied then.
Stream and recording are not commands at all: no API starts or stops them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from studio.actions import Action, Back, Extend, Goto, Hold, Next, Resume, Skip, Start
from studio.serve.commands_edit import EDITS, EditRequestError, parse_edit

MAX_MESSAGE = 500  # characters; a longer message is refused, never cut
MAX_EXTEND = 4 * 3600.0  # seconds either way in one press
MAX_NAME = 200  # item ids, scene names

# Names that are not commands on purpose, with the reason a caller gets.
REFUSED = {
    "end": "ending the show is a console decision; the API cannot end it",
    "stream": "no API starts or stops the stream",
    "record": "no API starts or stops the recording",
}


class BadRequest(Exception):
    """A request that cannot be applied as sent; `status` is the HTTP answer (400, 403)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Command:
    """One checked control request."""

    name: str
    action: Action | None = None
    """A show action (start, next, ...), for `Runtime.act`."""
    text: str | None = None
    """The moderator's message ("" clears it)."""
    scene: str | None = None
    """A scene to put on air by hand (logical or OBS name)."""
    plan: str | None = None
    """'accept' or 'dismiss' the plan to end on time the console proposes."""


def _fields(body: Mapping[str, Any], name: str, allowed: set[str]) -> None:
    extra = sorted(set(body) - allowed)
    if extra:
        known = ", ".join(sorted(allowed)) or "none"
        raise BadRequest(f"'{name}' takes no field '{extra[0]}' (fields: {known})")


def _string(body: Mapping[str, Any], key: str, name: str, *, required: bool) -> str | None:
    value = body.get(key)
    if value is None:
        if required:
            raise BadRequest(f"'{name}' needs '{key}' (a string)")
        return None
    if not isinstance(value, str):
        raise BadRequest(f"'{key}' must be a string, not {type(value).__name__}")
    if required and not value.strip():
        raise BadRequest(f"'{key}' must not be empty")
    if len(value) > MAX_NAME:
        raise BadRequest(f"'{key}' is too long ({len(value)} characters, at most {MAX_NAME})")
    return value


def _seconds(body: Mapping[str, Any]) -> float:
    value = body.get("seconds")
    # bool is an int in Python; `true` seconds is a mistake, not one second.
    if isinstance(value, bool) or not isinstance(value, int | float):
        got = "nothing" if value is None else type(value).__name__
        raise BadRequest(f"'extend' needs 'seconds' as a number (e.g. 60 or -60), not {got}")
    seconds = float(value)
    if not math.isfinite(seconds) or abs(seconds) > MAX_EXTEND:
        raise BadRequest(f"'seconds' must be between -{MAX_EXTEND:.0f} and {MAX_EXTEND:.0f}")
    return seconds


SIMPLE: dict[str, type[Action]] = {
    "start": Start,
    "next": Next,
    "back": Back,
    "hold": Hold,
    "resume": Resume,
}
COMMANDS = (
    *SIMPLE,
    "extend",
    "skip",
    "goto",
    "message",
    "scene",
    "release",
    "plan",
    "dismiss-plan",
    *EDITS,  # the running order edited live (studio/serve/commands_edit.py)
)


def parse_command(name: str, body: Any) -> Command:
    """The command `name` with its JSON body (None: no body). Raises BadRequest."""
    if name in REFUSED:
        raise BadRequest(REFUSED[name], status=403)
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise BadRequest(f"the body must be a JSON object, not {type(body).__name__}")
    if name in SIMPLE:
        _fields(body, name, set())
        return Command(name, action=SIMPLE[name]())
    if name in EDITS:
        try:
            return Command(name, action=parse_edit(name, body))
        except EditRequestError as exc:
            raise BadRequest(str(exc)) from None
    if name == "extend":
        _fields(body, name, {"seconds"})
        return Command(name, action=Extend(_seconds(body)))
    if name == "goto":
        _fields(body, name, {"item"})
        item = _string(body, "item", name, required=True)
        assert item is not None
        return Command(name, action=Goto(item))
    if name == "skip":
        _fields(body, name, {"item"})
        return Command(name, action=Skip(_string(body, "item", name, required=False) or None))
    if name == "message":
        _fields(body, name, {"text"})
        text = body.get("text", "")
        if text is None:
            text = ""
        if not isinstance(text, str):
            raise BadRequest(f"'text' must be a string, not {type(text).__name__}")
        text = text.strip()
        if len(text) > MAX_MESSAGE:
            raise BadRequest(
                f"the message is {len(text)} characters long; at most {MAX_MESSAGE} are shown, "
                "so it was not set"
            )
        return Command(name, text=text)
    if name == "scene":
        _fields(body, name, {"scene"})
        return Command(name, scene=_string(body, "scene", name, required=True))
    if name == "release":
        _fields(body, name, set())
        return Command(name)
    if name in ("plan", "dismiss-plan"):
        _fields(body, name, set())
        return Command(name, plan="accept" if name == "plan" else "dismiss")
    raise BadRequest(f"unknown action '{name[:40]}'; known: {', '.join(COMMANDS)}")
