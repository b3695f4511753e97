"""The scene map: logical scene and text-input names used by agendas -> names in OBS.

The agenda says `scene: studio`; the technician's OBS may call that scene "Студія 1". The map is a
small YAML file under `scenes/`; OBS names are free text, Cyrillic included.

A speaker's place (`where: studio | remote` in the agenda) has a logical scene too: the scene of
that name, unless the map's `places` names another (`places: {remote: zoom}`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from studio.problems import AgendaError, Problem
from studio.yamlpos import Located, YamlSyntaxError, read_located

TEXT_INPUTS = ("lower_third_name", "lower_third_role", "speaker_timer", "break_timer")
PLACES = ("studio", "remote")


class _SceneMapFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    scenes: dict[str, str] = Field(min_length=1)
    inputs: dict[str, str] = {}
    text_input_kind: str = "text_ft2_source_v2"
    places: dict[str, str] = {}


@dataclass(frozen=True)
class SceneMap:
    """Logical name -> OBS name for scenes and text inputs; a speaker's place -> logical scene."""

    path: Path
    scenes: dict[str, str]
    inputs: dict[str, str]
    text_input_kind: str = "text_ft2_source_v2"
    places: dict[str, str] = field(default_factory=dict)

    def scene(self, logical: str) -> str:
        return self.scenes[logical]

    def place_scene(self, where: str) -> str:
        """The logical scene of a speaker's place: what `places` names, else the place's name."""
        return self.places.get(where, where)

    def input(self, logical: str) -> str | None:
        return self.inputs.get(logical)


_EXPECT = {
    "scenes": 'a mapping of logical scene names to OBS scene names, like studio: "Studio 1"',
    "inputs": "a mapping of logical text-input names to OBS input names",
    "text_input_kind": "an OBS input kind like text_ft2_source_v2",
    "places": "a mapping of speakers' places to logical scene names, like remote: zoom",
}


def _message(err: ErrorDetails, loc: tuple[Any, ...]) -> str:
    """One validation error as a sentence that says what was expected."""
    kind = err["type"]
    label = ".".join(str(p) for p in loc)
    if kind == "extra_forbidden":
        return f"unknown key '{loc[-1]}'; expected one of: {', '.join(_SceneMapFile.model_fields)}"
    if kind == "missing":
        return f"the scene map has no '{loc[-1]}'; expected {_EXPECT.get(str(loc[-1]), 'it')}"
    if not loc:
        got = "empty" if err.get("input") is None else "not a mapping"
        return f"the scene map is {got}; expected a mapping with 'scenes' and 'inputs'"
    if len(loc) == 1:
        if kind == "too_short":
            return f"'{label}' is empty; expected {_EXPECT[str(loc[0])]}"
        return f"'{label}' is {err.get('input')!r}; expected {_EXPECT[str(loc[0])]}"
    if loc[0] == "places":
        return f"'{label}' is {err.get('input')!r}; expected a logical scene name, as text"
    return f"'{label}' is {err.get('input')!r}; expected a name in OBS, as text"


def load_scene_map(path: str | Path) -> SceneMap:
    """Load a scene map. Raises OSError, or AgendaError with positioned problems."""
    path = Path(path)
    name = str(path)
    try:
        located = read_located(path)
    except YamlSyntaxError as exc:
        raise AgendaError([Problem(name, exc.pos.line, exc.pos.column, exc.message)]) from None
    try:
        parsed = _SceneMapFile.model_validate(located.data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            pos = located.where_key(loc) if err["type"] == "extra_forbidden" else located.where(loc)
            msg = _message(err, loc)
            problems.append(Problem(name, pos.line, pos.column, msg))
        raise AgendaError(problems) from None
    problems = _unknown_inputs(name, located, parsed) + _unknown_places(name, located, parsed)
    if problems:  # every one of them, not just the first
        raise AgendaError(problems)
    return SceneMap(
        path,
        dict(parsed.scenes),
        dict(parsed.inputs),
        parsed.text_input_kind,
        dict(parsed.places),
    )


def _unknown_inputs(name: str, located: Located, parsed: _SceneMapFile) -> list[Problem]:
    problems = []
    for key in (k for k in parsed.inputs if k not in TEXT_INPUTS):
        pos = located.where_key(("inputs", key))
        message = f"unknown text input '{key}'; expected one of: {', '.join(TEXT_INPUTS)}"
        problems.append(Problem(name, pos.line, pos.column, message))
    return problems


def _unknown_places(name: str, located: Located, parsed: _SceneMapFile) -> list[Problem]:
    """A place that is not studio or remote, or whose scene is not one of the map's."""
    problems = []
    for key, scene in parsed.places.items():
        if key not in PLACES:
            pos = located.where_key(("places", key))
            message = f"unknown place '{key}'; expected one of: {', '.join(PLACES)}"
        elif scene not in parsed.scenes:
            pos = located.where(("places", key))
            message = (
                f"place '{key}' is the scene '{scene}', which the map does not have; "
                f"expected one of: {', '.join(parsed.scenes)}"
            )
        else:
            continue
        problems.append(Problem(name, pos.line, pos.column, message))
    return problems


__all__ = ["PLACES", "TEXT_INPUTS", "SceneMap", "load_scene_map"]
