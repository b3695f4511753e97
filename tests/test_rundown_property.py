"""Property: exporting an agenda as a rundown (xlsx or csv) and importing it again gives the same
agenda, for generated agendas (texts in any script, formula-like texts, fixed starts, holes,
seconds in durations, timers set on some items, speaker ids and lower thirds)."""

from __future__ import annotations

import tempfile
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.agenda import load_agenda
from studio.rundown import import_rundown
from studio.rundown.writer import export_rundown
from tests.rundown_util import ROOT, assert_same

SCENES = ["holding", "studio", "remote", "split", "panel", "slides", "break", "closing"]
KINDS = ["opening", "region", "discussion", "break", "closing", "keynote", "presentation", "other"]

_chars = st.characters(
    blacklist_categories=("Cs", "Cc", "Cn", "Co", "Zl", "Zp"), whitelist_characters="\n"
)
_plain = st.text(_chars, min_size=1, max_size=24).map(str.strip).filter(bool)
text = st.one_of(_plain, _plain.map(lambda t: "=" + t), _plain.map(lambda t: "'" + t))


@st.composite
def bilingual(draw: Any) -> dict[str, str]:
    out = {"uk": draw(text)}
    if draw(st.booleans()):
        out["en"] = draw(text)
    return out


def optional(strategy: Any) -> Any:
    return st.one_of(st.none(), strategy)


def _timers(draw: Any) -> dict[str, str] | None:
    keys = draw(st.sets(st.sampled_from(["warning", "final"])))
    if not keys:
        return None
    values = {"warning": f"{draw(st.integers(60, 600))}s", "final": f"{draw(st.integers(1, 59))}s"}
    return {k: values[k] for k in sorted(keys)}


@st.composite
def speaker(draw: Any) -> dict[str, Any]:
    sp: dict[str, Any] = {"time": f"{draw(st.integers(1, 1800))}s"}
    for key in ("name", "role", "organisation"):
        if draw(st.booleans()):
            sp[key] = draw(bilingual())
    if draw(st.booleans()):
        sp["id"] = draw(st.from_regex(r"[a-zа-я][a-zа-я0-9_-]{0,8}", fullmatch=True))
    if draw(st.booleans()):
        sp["region"] = draw(_plain)
    if draw(st.booleans()):
        sp["scene"] = draw(st.sampled_from(SCENES))
    if draw(st.booleans()):
        sp["lower_third"] = draw(st.lists(_plain, min_size=1, max_size=2))
    return sp


@st.composite
def agenda_data(draw: Any) -> dict[str, Any]:
    start = draw(st.integers(6 * 3600, 10 * 3600))
    cursor = start
    items = []
    n = draw(st.integers(1, 5))
    for i in range(n):
        speakers = draw(st.lists(speaker(), max_size=3))
        spoken = sum(int(s["time"][:-1]) for s in speakers)
        item: dict[str, Any] = {
            "id": f"item-{i}",
            "kind": draw(st.sampled_from(KINDS)),
            "title": draw(bilingual()),
            "scene": draw(st.sampled_from(SCENES)),
        }
        if draw(st.booleans()):
            cursor += draw(st.integers(0, 900))  # a hole before a fixed start, or none
            item["start"] = _clock(cursor)
        duration = spoken
        if not speakers or draw(st.booleans()):
            duration = spoken + draw(st.integers(0 if speakers else 1, 1200))
            item["duration"] = f"{duration}s"
        if draw(st.booleans()):
            item["notes"] = draw(bilingual())
        if draw(st.booleans()):
            item["region"] = draw(_plain)
        if timers := _timers(draw):
            item["timers"] = timers
        if speakers:
            item["speakers"] = speakers
        items.append(item)
        cursor += duration
    end = cursor + draw(st.integers(0, 3600))
    event: dict[str, Any] = {
        "id": draw(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,12}", fullmatch=True)),
        "title": draw(bilingual()),
        "date": draw(st.dates(date(2000, 1, 1), date(2099, 12, 31))).isoformat(),
        "timezone": draw(st.sampled_from(["Europe/Kyiv", "UTC", "America/New_York"])),
        "start": _clock(start),
        "end": _clock(end),
        "online": draw(st.booleans()),
        "organisers": draw(st.lists(bilingual(), max_size=2)),
        "scenes": str(ROOT / "scenes" / "default.yaml"),
        "pre_show_scene": draw(st.sampled_from(SCENES)),
        "end_scene": draw(st.sampled_from(SCENES)),
        "broadcast_language": draw(st.sampled_from(["uk", "en"])),
    }
    for key in ("venue", "part_of"):
        if draw(st.booleans()):
            event[key] = draw(bilingual())
    if timers := _timers(draw):
        event["timers"] = timers
    return {"event": event, "items": items}


def _clock(seconds: int) -> str:
    t = (timedelta(seconds=seconds) + timedelta()).seconds
    return time(t // 3600, t % 3600 // 60, t % 60).strftime("%H:%M:%S")


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    data=agenda_data(),
    suffix=st.sampled_from([".xlsx", ".csv"]),
    lang=st.sampled_from(["uk", "en"]),
)
def test_export_then_import_is_the_identity(data: dict[str, Any], suffix: str, lang: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "agenda.yaml"
        source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        agenda = load_agenda(source)
        for sub in ("sheet", "back"):
            (Path(folder) / sub).mkdir()
        sheet = export_rundown(agenda, Path(folder) / "sheet" / f"rundown{suffix}", lang)
        imported = import_rundown(sheet, Path(folder) / "back" / "agenda.yaml")
        assert_same(imported.agenda, agenda)
        assert_same(load_agenda(Path(folder) / "back" / "agenda.yaml"), agenda)
