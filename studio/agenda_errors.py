"""What pydantic finds wrong in an agenda file, worded: each validation error a sentence saying
where it is (which item, speaker, or the event), what is wrong and what was expected, placed at
the value (or at the key, for an unknown key).

studio/agenda_check.py adds the checks that need the whole agenda, worded the same way with
`one_of` (a guess at a typo) and `shown` (what a value is) from here.
"""

from __future__ import annotations

import difflib
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from studio.agenda_schema import AgendaFile, ItemKind, Lang, Place
from studio.yamlpos import Located, Pos

# Problems worded per load; beyond them one line counts the rest.
MAX_PROBLEMS = 100

_TEXT = "a text, or {uk: ..., en: ...}"
_DURATION_HINT = "a duration like 8m, 1h30m or 90s"
_CLOCK_HINT = "a time of day like 10:00"
_SCENE_HINT = "a logical scene name from the scene map"
_HINTS: dict[str, str] = {
    "id": "a name of letters, digits, '-', '_' or '.'",
    "title": _TEXT,
    "name": _TEXT,
    "role": _TEXT,
    "organisation": _TEXT,
    "venue": _TEXT,
    "notes": _TEXT,
    "part_of": _TEXT,
    "uk": "a non-empty text",
    "en": "a text",
    "date": "a date like 2021-03-09",
    "start": _CLOCK_HINT,
    "end": _CLOCK_HINT,
    "duration": _DURATION_HINT,
    "time": _DURATION_HINT,
    "warning": _DURATION_HINT,
    "final": _DURATION_HINT,
    "scene": _SCENE_HINT,
    "pre_show_scene": _SCENE_HINT,
    "end_scene": _SCENE_HINT,
    "scenes": "the path of a scene map file",
    "timezone": "a time zone name like Europe/Kyiv",
    "region": "a region name like kyiv",
    "online": "true or false",
    "optional": "true or false",
    "floor": "a fraction from 0.5 to 1, like 0.7 or 70%",
    "where": "one of: " + ", ".join(get_args(Place)),
    "event": "a mapping with id, title, date, start and end",
    "items": "a list of items",
    "speakers": "a list of speakers",
    "organisers": "a list of texts",
    "lower_third": "a list of one or two lines",
    "timers": "a mapping like {warning: 2m, final: 30s}",
    "kind": "one of: " + ", ".join(get_args(ItemKind)),
    "broadcast_language": "one of: " + ", ".join(get_args(Lang)),
}
# What one entry of a list must be, by the list's key.
_ENTRY_HINTS: dict[str, str] = {
    "items": "an item: a mapping with id, kind, title and scene",
    "speakers": "a speaker: a mapping with name or role, and time",
    "organisers": _TEXT,
    "lower_third": "a line of text",
}


def one_of(got: str, allowed: Any) -> str:
    """'; expected one of: ...', with a guess first when `got` looks like a typo of one of them."""
    names = [str(a) for a in allowed]
    if not names:
        return ""
    close = difflib.get_close_matches(got, names, n=1, cutoff=0.75)
    listed = ", ".join(names)
    if close:
        return f"; did you mean '{close[0]}'? Expected one of: {listed}"
    return f"; expected one of: {listed}"


def shown(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return repr(value)


def _owner(loc: tuple[Any, ...], data: Any) -> tuple[str, tuple[Any, ...]]:
    """Describe the item, speaker or event a location is in; return the rest of the path."""
    if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
        raw = data.get("items") if isinstance(data, dict) else None
        entry = raw[loc[1]] if isinstance(raw, list) and loc[1] < len(raw) else None
        item_id = entry.get("id") if isinstance(entry, dict) else None
        item = f"item '{item_id}'" if isinstance(item_id, str) else f"item {loc[1] + 1}"
        if len(loc) >= 4 and loc[2] == "speakers" and isinstance(loc[3], int):
            return f"speaker {loc[3] + 1} of {item}", loc[4:]
        return item, loc[2:]
    if len(loc) >= 2 and loc[0] == "event":
        return "the event", loc[1:]
    return "the agenda", loc


def _hint(rest: tuple[Any, ...], owner: str) -> str | None:
    if not rest:
        return _ENTRY_HINTS["speakers" if owner.startswith("speaker") else "items"]
    last = rest[-1]
    if isinstance(last, int):
        return _ENTRY_HINTS.get(str(rest[-2])) if len(rest) > 1 else None
    return _HINTS.get(str(last))


def _pydantic_message(err: dict[str, Any], data: Any) -> str:
    """One pydantic error as a sentence: what is wrong, where, and what was expected."""
    kind = err["type"]
    loc = tuple(err["loc"])
    owner, rest = _owner(loc, data)
    label = ".".join(str(p) for p in rest)
    field = str(rest[-1]) if rest else ""
    hint = _hint(rest, owner)
    expect = f"; expected {hint}" if hint else ""
    inside = f"'{'.'.join(str(p) for p in rest[:-1])}' of {owner}" if len(rest) > 1 else owner
    if kind == "missing":
        return _missing(inside, field, expect)
    if kind == "extra_forbidden":
        allowed = _allowed_keys(AgendaFile, loc[:-1])
        return f"unknown key '{field}' in {inside}{one_of(field, allowed)}"
    if kind == "value_error":
        return f"'{label}': {err['ctx']['error']}"
    if kind == "string_pattern_mismatch":
        return f"'{label}' is {err['input']!r}; expected {_HINTS['id']}"
    if kind == "too_short" and field == "items":
        return "the agenda has no items; expected at least one"
    if kind == "string_too_short":
        return f"'{label}' is empty; expected {hint or 'a non-empty text'}"
    if kind == "too_long":
        return (
            f"'{label}' has {err['ctx']['actual_length']} entries; expected at most "
            f"{err['ctx']['max_length']}"
        )
    what = f"'{label}'" if rest else owner
    got = shown(err.get("input"))
    if kind.startswith(("date_", "time_")) and ", " in err["msg"]:
        got = f"{got} ({err['msg'].split(', ', 1)[1]})"
    if hint:
        return f"{what} is {got}; expected {hint}"
    return f"{what}: {err['msg'].lower()}, got {got}"


def _missing(inside: str, field: str, expect: str) -> str:
    if field == "uk":  # a text in neither language: {en: ...} alone is Ukrainian too
        return f"{inside} has no text; expected {{uk: ...}}, {{en: ...}} or both"
    return f"{inside} has no '{field}'{expect}"


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Walk the model along a pydantic location to list the keys allowed there."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        current = _inner_model(info.annotation) if info else None
    if current is None or not hasattr(current, "model_fields"):
        return []
    return list(current.model_fields)


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or getattr(annotation, "__metadata__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    return _inner_model(origin) if origin not in (None, annotation) else None


def _strip_validator_parts(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # pydantic inserts union/validator tags such as 'function-before[...]' into locations.
    return tuple(p for p in loc if not (isinstance(p, str) and "[" in p))


def schema_problems(
    exc: ValidationError, data: Any, located: Located
) -> tuple[list[tuple[Pos, str]], int]:
    """pydantic's errors in its order as (position, sentence), and how many more were left
    unworded: MAX_PROBLEMS + 1 are worded, the one past the limit to say where the rest start."""
    errors: list[dict[str, Any]] = []
    for raw in exc.errors(include_url=False):
        loc = tuple(p for p in raw["loc"] if not str(p).startswith("function-"))
        loc = _strip_validator_parts(loc)
        if raw["type"] == "too_short" and loc == ("items",) and raw.get("input"):
            continue  # pydantic's echo of failed items, not an empty list
        errors.append({**raw, "loc": loc})
    unlisted = max(len(errors) - MAX_PROBLEMS - 1, 0)
    worded = []
    for err in errors[: MAX_PROBLEMS + 1]:
        loc = err["loc"]
        pos = (
            located.where_key(loc)
            if err["type"] == "extra_forbidden"
            else (located.where(loc) if loc in located.values else located.where(loc[:-1]))
        )
        worded.append((pos, _pydantic_message(err, data)))
    return worded, unlisted
