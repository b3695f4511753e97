"""Generate `scenes/studio-console-collection.json`: an OBS scene collection for the scene map.

The technician imports it by hand (OBS: Scene Collection → Import) and gets every scene the
default scene map names, with the lower-third, speaker-timer and break-timer text sources
(`text_ft2_source_v2`, so the same file loads on Linux, Windows and macOS) placed as
`studio/layout.py` says (the layout `studio provision` builds in a running OBS too).

Cameras, calls and slides are the technician's to add. The layout is for a 1920×1080 canvas.
The output is deterministic (source UUIDs are derived from the names), so regenerating without
changes gives the same bytes.

Usage: python scripts/make_scene_collection.py [--map scenes/default.yaml] [--out FILE]
       [--name NAME] [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studio.layout import CANVAS, TEXTS, scene_roles, texts_in  # noqa: E402
from studio.scenemap import SceneMap, load_scene_map  # noqa: E402

DEFAULT_MAP = ROOT / "scenes" / "default.yaml"
DEFAULT_OUT = ROOT / "scenes" / "studio-console-collection.json"
DEFAULT_NAME = "Studio Console"

# Encoded as libobs MAKE_SEMANTIC_VERSION(29, 0, 2): the version that wrote these settings.
OBS_VERSION = (29 << 24) | (0 << 16) | 2
_NAMESPACE = uuid.UUID("6f2b1a52-3c1e-4d8e-9a57-5e0f0c6d2b41")

WHITE = 0xFFFFFFFF  # ABGR


def _uuid(kind: str, name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{name}"))


def _common(name: str, kind: str, versioned: str, settings: dict[str, Any]) -> dict[str, Any]:
    """The fields OBS 29 writes for every source (obs_save_source)."""
    return {
        "balance": 0.5,
        "deinterlace_field_order": 0,
        "deinterlace_mode": 0,
        "enabled": True,
        "flags": 0,
        "hotkeys": {},
        "id": kind,
        "mixers": 0,
        "monitoring_type": 0,
        "muted": False,
        "name": name,
        "prev_ver": OBS_VERSION,
        "private_settings": {},
        "push-to-mute": False,
        "push-to-mute-delay": 0,
        "push-to-talk": False,
        "push-to-talk-delay": 0,
        "settings": settings,
        "sync": 0,
        "uuid": _uuid(kind, name),
        "versioned_id": versioned,
        "volume": 1.0,
    }


def text_source(name: str, text: str, size: int) -> dict[str, Any]:
    """A FreeType 2 text source; "Arial" resolves to a Cyrillic-capable font everywhere."""
    settings = {
        "font": {"face": "Arial", "flags": 0, "size": size, "style": "Regular"},
        "text": text,
        "color1": WHITE,
        "color2": WHITE,
        "outline": True,
        "drop_shadow": True,
        "word_wrap": False,
        "from_file": False,
    }
    return _common(name, "text_ft2_source", "text_ft2_source_v2", settings)


def scene_item(
    item_id: int,
    source: dict[str, Any],
    pos: tuple[float, float],
    align: int,
    visible: bool = True,
) -> dict[str, Any]:
    """One scene item as OBS 29 saves it (scene_save_item)."""
    return {
        "name": source["name"],
        "source_uuid": source["uuid"],
        "visible": visible,
        "locked": False,
        "rot": 0.0,
        "pos": {"x": float(pos[0]), "y": float(pos[1])},
        "scale": {"x": 1.0, "y": 1.0},
        "align": align,
        "bounds_type": 0,
        "bounds_align": 0,
        "bounds": {"x": 0.0, "y": 0.0},
        "crop_left": 0,
        "crop_top": 0,
        "crop_right": 0,
        "crop_bottom": 0,
        "id": item_id,
        "group_item_backup": False,
        "scale_filter": "disable",
        "blend_method": "default",
        "blend_type": "normal",
        "show_transition": {"duration": 0},
        "hide_transition": {"duration": 0},
        "private_settings": {},
    }


def scene_source(name: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    settings = {"custom_size": False, "id_counter": len(items), "items": items}
    source = _common(name, "scene", "scene", settings)
    source["hotkeys"] = {"OBSBasic.SelectScene": []}
    return source


def build_collection(scene_map: SceneMap, name: str = DEFAULT_NAME) -> dict[str, Any]:
    """The collection as a dict, in the order OBS writes its keys."""
    inputs = scene_map.inputs
    texts: dict[str, dict[str, Any]] = {}
    for logical, place in TEXTS.items():
        if logical in inputs:
            texts[logical] = text_source(inputs[logical], place.placeholder, place.size)

    def items_for(logical_scene: str) -> list[dict[str, Any]]:
        out = []
        for logical in texts_in(logical_scene):
            if logical in texts:
                place = TEXTS[logical]
                pos = place.position(CANVAS)
                out.append(
                    scene_item(len(out) + 1, texts[logical], pos, place.align, place.visible)
                )
        return out

    scenes = {
        obs: scene_source(obs, items_for(role)) for obs, role in scene_roles(scene_map).items()
    }
    first = next(iter(scenes))
    return {
        "current_scene": first,
        "current_program_scene": first,
        "scene_order": [{"name": n} for n in scenes],
        "name": name,
        "sources": [*scenes.values(), *texts.values()],
        "groups": [],
        "quick_transitions": [
            {"name": "Cut", "duration": 300, "hotkeys": [], "id": 1, "fade_to_black": False},
            {"name": "Fade", "duration": 300, "hotkeys": [], "id": 2, "fade_to_black": False},
            {"name": "Fade", "duration": 300, "hotkeys": [], "id": 3, "fade_to_black": True},
        ],
        "transitions": [],
        "saved_projectors": [],
        "current_transition": "Cut",
        "transition_duration": 300,
        "preview_locked": False,
        "scaling_enabled": False,
        "scaling_level": 0,
        "scaling_off_x": 0.0,
        "scaling_off_y": 0.0,
        "modules": {
            "scripts-tool": [],
            "output-timer": {
                "streamTimerHours": 0,
                "streamTimerMinutes": 15,
                "streamTimerSeconds": 30,
                "recordTimerHours": 0,
                "recordTimerMinutes": 15,
                "recordTimerSeconds": 30,
                "autoStartStreamTimer": False,
                "autoStartRecordTimer": False,
                "pauseRecordTimer": True,
            },
            "auto-scene-switcher": {
                "interval": 300,
                "non_matching_scene": "",
                "switch_if_not_matching": False,
                "active": False,
                "switches": [],
            },
        },
    }


def render(collection: dict[str, Any]) -> str:
    return json.dumps(collection, ensure_ascii=False, indent=4) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--map", type=Path, default=DEFAULT_MAP, help="scene map YAML")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="collection JSON to write")
    parser.add_argument("--name", default=DEFAULT_NAME, help="scene collection name in OBS")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the file on disk is not up to date"
    )
    args = parser.parse_args(argv)
    text = render(build_collection(load_scene_map(args.map), args.name))
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date: run scripts/make_scene_collection.py")
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
