"""Generated agenda files for the benchmarks, written as YAML like a user would write them.

- `cue_agenda`: items of 20 speakers each whose scenes alternate studio / remote from one speaker
  to the next (across items too), so every Next really switches the OBS scene.
- `big_agenda`: 2,000 items over one day, a realistic mix of kinds, speakers, notes and scenes.
"""

from __future__ import annotations

import math
from pathlib import Path

from bench.common import SCENE_MAP

SPEAKERS_PER_ITEM = 20
CUE_SCENES = ("studio", "remote")


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _event(event_id: str, title_uk: str, title_en: str, start: str, end: str) -> list[str]:
    return [
        "event:",
        f"  id: {event_id}",
        f"  title: {{uk: {_q(title_uk)}, en: {_q(title_en)}}}",
        "  date: 2021-03-09",
        "  timezone: Europe/Kyiv",
        f"  start: {_q(start)}",
        f"  end: {_q(end)}",
        "  timers: {warning: 10s, final: 5s}",
        f"  scenes: {_q(str(SCENE_MAP))}",
        "  pre_show_scene: holding",
        "  end_scene: holding",
        "",
        "items:",
    ]


def cue_agenda(path: Path, speakers: int = 520, seconds: int = 30) -> Path:
    """At least `speakers` speaker slots of `seconds` each; consecutive slots alternate scenes."""
    items = math.ceil(speakers / SPEAKERS_PER_ITEM)
    lines = _event("bench-cues", "Перемикання сцен", "Scene switching", "08:00", "23:00")
    slot = 0
    for i in range(items):
        lines += [
            f"  - id: block-{i + 1}",
            "    kind: discussion",
            f"    title: {{uk: {_q(f'Блок {i + 1}')}, en: {_q(f'Block {i + 1}')}}}",
            "    scene: studio",
            "    speakers:",
        ]
        for j in range(SPEAKERS_PER_ITEM):
            scene = CUE_SCENES[slot % 2]
            lines += [
                f"      - name: {_q(f'Спікер {slot + 1}')}",
                f"        organisation: {_q(f'Організація {j + 1}')}",
                f"        time: {seconds}s",
                f"        scene: {scene}",
            ]
            slot += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


_KINDS = ("region", "presentation", "discussion", "keynote", "break", "other")
_REGIONS = ("kyiv", "kharkiv", "zaporizhzhia", "vinnytsia", "mykolaiv")
_SCENES = ("studio", "remote", "split", "panel", "slides")


def big_agenda(path: Path, items: int = 2000) -> Path:
    """`items` items of 40 s each from 00:00 (2,000 end at 22:13:20), every one valid."""
    lines = _event("bench-2000", "Великий порядок денний", "A big agenda", "00:00", "23:59")
    for i in range(items):
        kind = _KINDS[i % len(_KINDS)]
        n = i + 1
        lines += [
            f"  - id: item-{n:04d}",
            f"    kind: {kind}",
            "    title:",
            f"      uk: {_q(f'Пункт {n}: огляд результатів і обговорення')}",
            f"      en: {_q(f'Item {n}: results overview and discussion')}",
        ]
        if kind == "break":
            lines += ["    scene: break", "    duration: 40s"]
            continue
        lines.append(f"    scene: {_SCENES[i % len(_SCENES)]}")
        if i % 3 == 0:
            lines += [
                "    notes:",
                "      uk: " + _q("Нагадати про питання з чату; перевірити звук спікера"),
                "      en: " + _q("Remind about chat questions; check the speaker audio"),
            ]
        if i % 4 == 0:
            lines.append("    timers: {warning: 10s}")
        speakers = i % 3  # 0, 1 or 2 speakers
        if speakers == 0:
            lines.append("    duration: 40s")
            continue
        lines.append("    duration: 40s")
        lines.append("    speakers:")
        for j in range(speakers):
            lines += [
                "      - role: {uk: Доповідач, en: Speaker}",
                f"        organisation: {_q(f'Організація {(n * 7 + j) % 97 + 1}')}",
                f"        region: {_REGIONS[(i + j) % len(_REGIONS)]}",
                f"        time: {20 if speakers == 2 else 30}s",
            ]
            if j == 1:
                lines.append("        scene: remote")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
