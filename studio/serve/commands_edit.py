"""The control API's live edits of the running order, checked before anything is touched:
`retime`, `relabel`, `move`, `insert` and `remove`, the same typed actions the console's context
menu builds (studio/actions.py, studio/order_edits.py), so the show refuses them for the same
reasons. Each request names its fields; a field a command does not take, or of the wrong type, is
a `BadRequest` with a sentence saying what is wrong.

    POST /api/v1/actions/move    {"item": "region-kharkiv", "after": "region-zaporizhzhia"}
    POST /api/v1/actions/move    {"item": "discussion-3", "speaker": "panelist-3", "after": null}
    POST /api/v1/actions/insert  {"item": "discussion-1", "name": "Olena Petrenko",
                                  "role": "Mayor", "seconds": 300, "where": "remote",
                                  "after": "panelist-2"}
    POST /api/v1/actions/remove  {"item": "discussion-1", "speaker": "panelist-4"}
    POST /api/v1/actions/retime  {"item": "region-kyiv", "speaker": "representative",
                                  "seconds": 240}
    POST /api/v1/actions/relabel {"item": "opening", "speaker": "moderator", "name": "..."}

`after` null (or absent) puts the item or speaker first; `speaker` absent in `move` moves the
whole item; an inserted speaker's id is made from the name unless `speaker` gives one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from studio.actions import Action, Insert, Move, Relabel, Remove, Retime
from studio.agenda import MAX_DURATION

MAX_TEXT = 200  # ids, names, roles

FIELDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # name: (required, optional)
    "retime": (frozenset({"item", "seconds"}), frozenset({"speaker"})),
    "relabel": (frozenset({"item", "speaker"}), frozenset({"name", "role"})),
    "move": (frozenset({"item"}), frozenset({"speaker", "after"})),
    "insert": (
        frozenset({"item", "name", "seconds"}),
        frozenset({"speaker", "role", "where", "after"}),
    ),
    "remove": (frozenset({"item", "speaker"}), frozenset()),
}
EDITS = tuple(FIELDS)


class EditRequestError(ValueError):
    """A live edit request that is not well formed; the message says what is wrong."""


def _text(body: Mapping[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise EditRequestError(f"'{key}' must be a string, not {type(value).__name__}")
    if not value.strip():
        raise EditRequestError(f"'{key}' must not be empty")
    if len(value) > MAX_TEXT:
        raise EditRequestError(f"'{key}' is too long ({len(value)} characters, at most {MAX_TEXT})")
    return value


def _seconds(body: Mapping[str, Any]) -> float:
    value = body.get("seconds")
    if isinstance(value, bool) or not isinstance(value, int | float):
        got = "nothing" if value is None else type(value).__name__
        raise EditRequestError(f"'seconds' must be a number of seconds (like 300), not {got}")
    seconds = float(value)
    if not math.isfinite(seconds) or not 0 <= seconds <= MAX_DURATION:
        raise EditRequestError(f"'seconds' must be between 0 and {MAX_DURATION}")
    return seconds


def _check_fields(name: str, body: Mapping[str, Any]) -> None:
    required, optional = FIELDS[name]
    extra = sorted(set(body) - required - optional)
    if extra:
        known = ", ".join(sorted(required | optional))
        raise EditRequestError(f"'{name}' takes no field '{extra[0]}' (fields: {known})")
    missing = sorted(k for k in required if body.get(k) is None)
    if missing:
        raise EditRequestError(f"'{name}' needs '{missing[0]}'")


def parse_edit(name: str, body: Mapping[str, Any]) -> Action:
    """The typed action a live edit request stands for. Raises EditRequestError."""
    _check_fields(name, body)
    item = _text(body, "item") or ""
    if name == "retime":
        return Retime(item, _text(body, "speaker"), _seconds(body))
    if name == "relabel":
        new_name, new_role = _text(body, "name"), _text(body, "role")
        if new_name is None and new_role is None:
            raise EditRequestError("'relabel' needs 'name' or 'role'")
        return Relabel(item, _text(body, "speaker") or "", new_name, new_role)
    if name == "move":
        return Move(item, _text(body, "speaker"), _text(body, "after"))
    if name == "insert":
        return Insert(
            item=item,
            speaker=_text(body, "speaker") or "",
            person=_text(body, "name") or "",
            role=_text(body, "role"),
            seconds=_seconds(body),
            where=_text(body, "where"),
            after=_text(body, "after"),
        )
    return Remove(item, _text(body, "speaker") or "")


__all__ = ["EDITS", "EditRequestError", "parse_edit"]
