"""Where the console's text sources sit in OBS: which scenes carry them, where, and whether shown.

One layout for the scene collection a technician imports by hand
(`scripts/make_scene_collection.py`) and for `studio provision`, which builds the same thing in a
running OBS:

- lower third (name and role lines): in every scene a speaker can be on, bottom left;
- speaker timer: top right in the same scenes, but hidden: it is for the return feed that remote
  speakers watch, so the technician shows it only where they see it and the audience does not;
- break timer: large, in the middle of the break scene.

Positions are for a 1920×1080 canvas and are scaled to the canvas OBS reports.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.scenemap import SceneMap

CANVAS = (1920, 1080)

# obs_alignment flags
ALIGN_CENTER, ALIGN_LEFT, ALIGN_RIGHT, ALIGN_TOP, ALIGN_BOTTOM = 0, 1, 2, 4, 8

# Logical scenes a speaker can be on air in (they carry the lower third and speaker timer).
SPEAKER_SCENES = ("studio", "remote", "split", "panel", "slides", "closing")


@dataclass(frozen=True)
class TextPlacement:
    """A text source: its placeholder and font size, and where its scene items go."""

    placeholder: str
    size: int
    x: float
    y: float
    align: int
    visible: bool

    def position(self, canvas: tuple[int, int]) -> tuple[float, float]:
        """The position on a canvas of another size, in proportion."""
        return (self.x * canvas[0] / CANVAS[0], self.y * canvas[1] / CANVAS[1])

    def font_size(self, canvas: tuple[int, int]) -> int:
        """The font size on a canvas of another height, in proportion (lines keep apart)."""
        return max(8, round(self.size * canvas[1] / CANVAS[1]))


TEXTS: dict[str, TextPlacement] = {
    "lower_third_name": TextPlacement(
        "Ім'я Прізвище", 64, 80, 1080 - 190, ALIGN_LEFT | ALIGN_TOP, True
    ),
    "lower_third_role": TextPlacement(
        "Посада, організація", 40, 80, 1080 - 110, ALIGN_LEFT | ALIGN_TOP, True
    ),
    "speaker_timer": TextPlacement("5:00", 72, 1920 - 60, 40, ALIGN_RIGHT | ALIGN_TOP, False),
    "break_timer": TextPlacement("15:00", 200, 1920 / 2, 1080 / 2, ALIGN_CENTER, True),
}


def texts_in(logical_scene: str) -> list[str]:
    """The logical text inputs a logical scene carries, bottom first."""
    if logical_scene in SPEAKER_SCENES:
        return ["lower_third_name", "lower_third_role", "speaker_timer"]
    if logical_scene == "break":
        return ["break_timer"]
    return []


def scene_roles(scene_map: SceneMap) -> dict[str, str]:
    """OBS scene name -> the logical scene that decides its contents. Several logical names may
    share one OBS scene: the first of them in the map decides."""
    roles: dict[str, str] = {}
    for logical, obs_name in scene_map.scenes.items():
        roles.setdefault(obs_name, logical)
    return roles


def scenes_for_text(scene_map: SceneMap, logical_input: str) -> list[str]:
    """The OBS scenes that carry a text input, in the map's order."""
    return [obs for obs, role in scene_roles(scene_map).items() if logical_input in texts_in(role)]
