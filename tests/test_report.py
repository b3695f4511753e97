"""The as-run report, on journals the engine itself writes: headless rehearsals (on time, with an
overrun, with a seeded spread, with an OBS outage) and a busy show driven through the runtime with
holds, extensions, back/goto/skip, a manual scene switch, outputs and failed switches.

Expected figures are derived from the agenda (speaker slots, allotments), never hard-coded
counts, except the headline "+26:00" that the default agenda must give with a 60 s overrun.
"""

from __future__ import annotations

import asyncio
import csv
import re
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from studio.agenda import Agenda, load_agenda
from studio.cli import main
from studio.clock import SimClock
from studio.journal import read_entries
from studio.modes import Mode
from studio.rehearse import RehearsalPlan, rehearse
from studio.report import CSV_FIELDS, AsRun, ReportError, build_report, csv_rows, write_report
from studio.runtime import Runtime, RuntimeOptions
from studio.show import ItemState, Show, replay

ROOT = Path(__file__).resolve().parents[1]
AGENDA = ROOT / "config" / "agenda.yaml"
OVERRUN = 60.0


# ---- journals -----------------------------------------------------------------------------------


def _rehearse(agenda: Agenda, path: Path, plan: RehearsalPlan) -> Path:
    asyncio.run(rehearse(agenda, path, plan, lambda _st: None))
    return path


async def _busy_show(agenda: Agenda, path: Path) -> None:
    """A show with every kind of operator intervention, through the real runtime."""
    clock = SimClock(agenda.planned_start - 300)
    rt = Runtime.create(agenda, RuntimeOptions(mode=Mode.DRY_RUN, journal=path), clock=clock)
    await rt.start()

    async def settle() -> None:
        for _ in range(3):
            await rt.idle()
            await asyncio.sleep(0.01)

    async def step(wait: float, name: str, **args: Any) -> None:
        clock.advance(wait)
        rt.act(name, **args)
        await settle()

    try:
        for _ in range(100):
            if rt.link.online:
                break
            await asyncio.sleep(0.01)
        await rt.link.output("start_record")
        await rt.link.output("start_stream")
        await asyncio.sleep(0.2)  # simulated outputs take a moment to start
        await step(300, "start")  # opening #1 at the planned start
        await step(300, "next")  # opening #2
        await step(200, "hold")
        await step(120, "resume")  # a two-minute hold
        await step(100, "next")  # opening #3
        await step(0, "extend", seconds=60)
        await step(330, "skip", item="region-kharkiv")
        await step(30, "next")  # region-kyiv #1
        await step(20, "back")  # opening #3 again
        await step(15, "next")  # region-kyiv #1 again
        await step(360, "next")  # region-kyiv #2
        await rt.link.manual_switch(agenda.scene_map.scene("studio"))
        await settle()
        await step(400, "next")  # region-zaporizhzhia
        await step(0, "goto", item="region-mykolaiv")
        await step(720, "next")  # break-1
        await step(900, "next")  # discussion-1
        for _ in range(5):
            await step(500, "next")
        await step(600, "skip")  # the rest of discussion-2
        rt.record(
            "switch",
            {"scene": "Панель", "cue": 99, "latency_ms": None, "confirmed": False},
        )
        rt.record("switch_failed", {"scene": "Нема", "cue": 99, "error": "No scene «Нема»"})
        await step(1800, "next")  # discussion-3
        await step(0, "goto", item="closing")
        await step(400, "end")
        await rt.link.output("stop_stream")
        await asyncio.sleep(0.2)
        await settle()
    finally:
        await rt.stop()


@pytest.fixture(scope="module")
def agenda() -> Agenda:
    return load_agenda(AGENDA)


@pytest.fixture(scope="module")
def journals(agenda: Agenda, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("journals")
    out = {
        "on_time": _rehearse(agenda, d / "on_time.jsonl", RehearsalPlan()),
        "overrun": _rehearse(agenda, d / "overrun.jsonl", RehearsalPlan(overrun=OVERRUN)),
        "outage": _rehearse(agenda, d / "outage.jsonl", RehearsalPlan(outage_at=3)),
    }
    asyncio.run(_busy_show(agenda, d / "busy.jsonl"))
    out["busy"] = d / "busy.jsonl"
    # and one through the command line, as an operator would make it
    spread = d / "spread.jsonl"
    code = main(
        ["rehearse", str(AGENDA), "--spread", "90", "--seed", "3", "--journal", str(spread)]
    )
    assert code == 0
    out["spread"] = spread
    return out


@pytest.fixture(scope="module")
def reports(journals: dict[str, Path]) -> dict[str, AsRun]:
    return {name: build_report(path) for name, path in journals.items()}


def _written(asrun: AsRun, out: Path, lang: str | None = None) -> tuple[str, list[dict[str, str]]]:
    html_path, csv_path = write_report(asrun, out, lang)
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return html_path.read_text(encoding="utf-8"), rows


# ---- a small SVG reader -------------------------------------------------------------------------


class _Svg(HTMLParser):
    """Collects the timeline's scale and its bars (rects with class planned/actual/over)."""

    def __init__(self) -> None:
        super().__init__()
        self.svgs: list[dict[str, str]] = []
        self.rects: list[dict[str, str]] = []
        self._in_timeline = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "svg":
            self.svgs.append(a)
            self._in_timeline = a.get("class") == "timeline"
        elif tag == "rect" and self._in_timeline and "data-item" in a:
            self.rects.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._in_timeline = False


class Timeline:
    def __init__(self, html_text: str) -> None:
        p = _Svg()
        p.feed(html_text)
        self.svgs = p.svgs
        svg = next(s for s in p.svgs if s.get("class") == "timeline")
        t0, t1 = float(svg["data-t0"]), float(svg["data-t1"])
        x0, x1 = float(svg["data-x0"]), float(svg["data-x1"])
        self.seconds_per_px = (t1 - t0) / (x1 - x0)
        self.t0, self.x0 = t0, x0
        self.rects = p.rects

    def bars(self, cls: str, item: str) -> list[dict[str, str]]:
        return [r for r in self.rects if r["class"] == cls and r["data-item"] == item]

    def seconds(self, rect: dict[str, str]) -> float:
        return float(rect["width"]) * self.seconds_per_px

    def at(self, rect: dict[str, str]) -> float:
        return self.t0 + (float(rect["x"]) - self.x0) * self.seconds_per_px


def _speaker_slots(agenda: Agenda) -> int:
    return sum(1 for s in agenda.segments if s.speaker_index is not None)


# ---- the timeline -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["on_time", "overrun", "spread"])
def test_timeline_has_one_planned_and_one_actual_bar_per_item(
    name: str, agenda: Agenda, reports: dict[str, AsRun], tmp_path: Path
) -> None:
    html_text, _ = _written(reports[name], tmp_path)
    tl = Timeline(html_text)
    assert {s.get("class") for s in tl.svgs} >= {"timeline", "offset"}
    for i, item in enumerate(agenda.items):
        (planned,) = tl.bars("planned", item.id)
        (actual,) = tl.bars("actual", item.id)
        assert tl.seconds(planned) == pytest.approx(agenda.item_duration(i), abs=1)
        assert tl.at(planned) == pytest.approx(agenda.item_starts[i], abs=1)
        run = reports[name].items[i]
        assert run.actual_duration is not None and run.actual_start is not None
        assert tl.seconds(actual) == pytest.approx(run.actual_duration, abs=1)
        assert tl.at(actual) == pytest.approx(run.actual_start, abs=1)


def test_overrun_bars_are_longer_by_the_overrun(
    agenda: Agenda, reports: dict[str, AsRun], tmp_path: Path
) -> None:
    on_time = Timeline(_written(reports["on_time"], tmp_path / "a")[0])
    late = Timeline(_written(reports["overrun"], tmp_path / "b")[0])
    for item in agenda.items:
        extra = OVERRUN * len(item.speakers)
        (a,) = on_time.bars("actual", item.id)
        (b,) = late.bars("actual", item.id)
        assert late.seconds(b) - on_time.seconds(a) == pytest.approx(extra, abs=1)
        over = late.bars("over", item.id)
        if extra:
            (red,) = over  # the overrun is drawn in its own colour, at the end of the bar
            assert late.seconds(red) == pytest.approx(extra, abs=1)
            assert float(red["x"]) + float(red["width"]) == pytest.approx(
                float(b["x"]) + float(b["width"]), abs=0.02
            )
        else:
            assert not over
        assert not on_time.bars("over", item.id)


# ---- totals -------------------------------------------------------------------------------------


def test_on_time_run_has_no_overrun(agenda: Agenda, reports: dict[str, AsRun]) -> None:
    r = reports["on_time"]
    assert r.status == "ended"
    assert r.final_offset == pytest.approx(0, abs=1e-6)
    for it in r.items:
        assert it.state is ItemState.DONE
        assert it.overrun == pytest.approx(0, abs=1e-6)
    for sp in r.speakers:
        assert sp.overrun == pytest.approx(0, abs=1e-6)
    assert all(p.after == pytest.approx(0, abs=1e-6) for p in r.offsets)


def test_overrun_totals(agenda: Agenda, reports: dict[str, AsRun], tmp_path: Path) -> None:
    r = reports["overrun"]
    slots = _speaker_slots(agenda)
    assert len(r.speakers) == slots
    for sp in r.speakers:
        assert sp.overrun == pytest.approx(OVERRUN)
        assert sp.used == pytest.approx(sp.allotted + OVERRUN)
    for i, it in enumerate(r.items):
        assert it.overrun == pytest.approx(OVERRUN * len(agenda.items[i].speakers))
    assert r.final_offset == pytest.approx(OVERRUN * slots)
    assert r.ended_at == pytest.approx(agenda.item_ends[-1] + OVERRUN * slots)
    assert slots == 26  # the default agenda: +26:00 at the end
    html_text, _ = _written(r, tmp_path)
    assert "+26:00" in html_text
    # per region: 60 s over for every slot spoken in it
    per_region: dict[str, int] = {}
    for s in agenda.segments:
        item = agenda.items[s.item_index]
        if s.speaker_index is not None:
            region = item.speakers[s.speaker_index].region or item.region
            if region:
                per_region[region] = per_region.get(region, 0) + 1
    assert {t.key: round(t.over) for t in r.regions} == {
        k: round(OVERRUN * n) for k, n in per_region.items()
    }
    # per speaker, slots summed by who spoke
    people = r.people_rows("en")
    assert sum(p.slots for p in people) == slots
    for p in people:
        assert p.over == pytest.approx(OVERRUN * p.slots)


def test_offset_at_each_action_is_lateness_of_what_starts(
    agenda: Agenda, reports: dict[str, AsRun]
) -> None:
    r = reports["overrun"]
    actions = [e for e in read_entries(r.journal_path) if e.kind == "action"]
    assert [p.seq for p in r.offsets] == [e.seq for e in actions]
    # after each step the offset is how late the new segment started, in whole overruns
    done = 0
    for p in r.offsets[:-1]:
        assert p.after == pytest.approx(OVERRUN * done)
        seg = replay(agenda, [e for e in actions if e.seq <= p.seq]).seg
        assert seg is not None
        if agenda.segments[seg].speaker_index is not None:
            done += 1
    assert r.offsets[-1].after == pytest.approx(OVERRUN * _speaker_slots(agenda))
    offsets = [v for _, v in r.offset_curve]
    assert offsets == sorted(offsets)  # only ever later, never earlier


def test_speaker_times_agree_with_the_show(agenda: Agenda, reports: dict[str, AsRun]) -> None:
    for name in ("spread", "busy"):
        r = reports[name]
        show = Show(agenda, SimClock(r.end_instant))
        show.state = replay(agenda, read_entries(r.journal_path))
        times = {t.key: t for t in show.speaker_times(r.end_instant)}
        for sp in r.speakers:
            assert sp.used == pytest.approx(times[sp.key].used)
            assert sp.allotted + sp.extended == pytest.approx(times[sp.key].allotted)
        regions = {t.key: t for t in show.region_times(r.end_instant)}
        assert {t.key for t in r.regions} == set(regions)
        for t in r.regions:
            assert t.used == pytest.approx(regions[t.key].used)


def test_spread_run_matches_the_console(agenda: Agenda, reports: dict[str, AsRun]) -> None:
    r = reports["spread"]
    state = replay(agenda, read_entries(r.journal_path))
    assert state.ended_at is not None
    assert r.final_offset == pytest.approx(state.ended_at - agenda.item_ends[-1])
    for i, it in enumerate(r.items):
        assert it.actual_start == pytest.approx(state.item_start[i])
        assert it.actual_end == pytest.approx(state.item_end[i])
    assert any(sp.overrun and sp.overrun > 1 for sp in r.speakers)
    assert any(sp.overrun and sp.overrun < -1 for sp in r.speakers)


# ---- switches, outages, overrides ---------------------------------------------------------------


def test_switches_are_listed_with_latencies(reports: dict[str, AsRun], tmp_path: Path) -> None:
    r = reports["on_time"]
    entries = read_entries(r.journal_path)
    assert len(r.switches) == sum(1 for e in entries if e.name == "switch")
    real = [s for s in r.switches if not s.already]
    assert real and all(s.confirmed and s.latency_ms is not None for s in real)
    assert not any(s.flagged for s in r.switches)
    assert not r.unswitched
    cues = {e.args["seq"] for e in entries if e.name == "cue"}
    assert {s.cue for s in r.switches} == cues
    html_text, _ = _written(r, tmp_path, "en")
    section = html_text.split("<h2>Scene switches</h2>", 1)[1].split("<h2>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", section)[1:]  # after the header
    assert len(rows) == len(r.switches)
    for row, s in zip(rows, r.switches, strict=True):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
        assert cells[1] == str(s.cue)
        if s.already:
            assert cells[4] == "" and "already on air" in cells[5]
        else:
            assert s.latency_ms is not None
            assert float(cells[4]) == pytest.approx(s.latency_ms, abs=0.01)
            assert "confirmed" in cells[5]
    assert "NOT confirmed" not in section


def test_unconfirmed_and_failed_switches_are_flagged(
    reports: dict[str, AsRun], tmp_path: Path
) -> None:
    r = reports["busy"]
    flagged = [s for s in r.switches if s.flagged]
    assert [(s.scene, s.failed) for s in flagged] == [("Панель", False), ("Нема", True)]
    html_text, _ = _written(r, tmp_path, "uk")
    assert html_text.count('<tr class="flag">') >= 2
    assert "НЕ підтверджено" in html_text
    assert "No scene «Нема»" in html_text


def test_outage_appears_with_its_duration(
    agenda: Agenda, reports: dict[str, AsRun], tmp_path: Path
) -> None:
    r = reports["outage"]
    (o,) = r.outages
    # rehearse kills OBS for half of segment 3 on the show clock
    half = agenda.segments[3].allotted / 2
    assert o.duration == pytest.approx(half)
    assert o.lost_at == pytest.approx(agenda.segments[3].planned_start)
    assert o.measured_s is not None and o.measured_s < half  # real time, not show time
    html_text, _ = _written(r, tmp_path, "en")
    section = html_text.split("<h2>OBS outages</h2>", 1)[1].split("<h2>", 1)[0]
    assert "3:00" in section
    assert 'class="outage"' in html_text  # a band on the timeline
    assert not reports["on_time"].outages


def test_interventions(agenda: Agenda, reports: dict[str, AsRun], tmp_path: Path) -> None:
    r = reports["busy"]
    kinds = [iv.action for iv in r.interventions]
    assert kinds == [
        "hold",
        "resume",
        "extend",
        "skip",
        "back",
        "manual",
        "goto",
        "skip",
        "goto",
        "end",
    ]
    by = {iv.action: iv for iv in r.interventions}
    assert by["resume"].seconds == pytest.approx(120)
    assert by["extend"].seconds == pytest.approx(60)
    assert by["extend"].item_id == "opening" and by["extend"].speaker == 2
    assert by["manual"].scene == agenda.scene_map.scene("studio")
    assert by["manual"].source == "console"
    assert [iv.item_id for iv in r.interventions if iv.action == "skip"] == [
        "region-kharkiv",
        "discussion-2",
    ]
    opening3 = next(sp for sp in r.speakers if sp.key == "opening#3")
    assert opening3.extended == pytest.approx(60)
    html_text, _ = _written(r, tmp_path, "en")
    section = html_text.split("<h2>Operator interventions</h2>", 1)[1].split("<h2>", 1)[0]
    for word in ("hold 2:00", "time extended", "item skipped", "manual scene switch", "show ended"):
        assert word in section


def test_outputs(reports: dict[str, AsRun], tmp_path: Path) -> None:
    r = reports["busy"]
    states = [(o.output, o.state) for o in r.outputs]
    assert ("record", "started") in states
    assert ("stream", "started") in states
    assert ("stream", "stopped") in states
    assert ("request", "start_stream") in states
    html_text, _ = _written(r, tmp_path, "en")
    assert "Stream on air" in html_text


# ---- states -------------------------------------------------------------------------------------


def test_skipped_item_is_marked(reports: dict[str, AsRun], tmp_path: Path) -> None:
    r = reports["busy"]
    items = {it.id: it for it in r.items}
    kharkiv = items["region-kharkiv"]
    assert kharkiv.state is ItemState.SKIPPED and not kharkiv.visits
    assert items["discussion-2"].state is ItemState.SKIPPED  # skipped part-way
    assert items["discussion-2"].visits and items["discussion-2"].overrun is None  # cut short
    assert items["region-vinnytsia"].state is ItemState.PASSED  # jumped over by goto, never run
    html_text, rows = _written(r, tmp_path, "en")
    tl = Timeline(html_text)
    (planned,) = tl.bars("planned", "region-kharkiv")
    assert planned["fill"] == "url(#hatch)"
    assert not tl.bars("actual", "region-kharkiv")
    assert re.search(r'<tr class="skipped"><td>Kharkiv[^<]*</td>', html_text)
    row = next(x for x in rows if x["id"] == "region-kharkiv")
    assert row["state"] == "skipped" and row["actual_start"] == "" and row["overrun_s"] == ""
    speakers = [x for x in rows if x["id"].startswith("region-kharkiv#")]
    assert speakers and all(x["state"] == "skipped" for x in speakers)
    # the opening ran twice (Back): two actual bars, the hold inside the first
    assert len(tl.bars("actual", "opening")) == 2
    opening = items["opening"]
    assert opening.overrun == pytest.approx(opening.actual_duration - opening.planned_duration)


# ---- CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["overrun", "spread", "busy"])
def test_csv_rows_parse_and_match(
    name: str, agenda: Agenda, reports: dict[str, AsRun], tmp_path: Path
) -> None:
    r = reports[name]
    _, rows = _written(r, tmp_path)
    assert rows and tuple(rows[0].keys()) == CSV_FIELDS
    assert len(rows) == len(agenda.items) + _speaker_slots(agenda)
    assert rows == csv_rows(r)
    items = [x for x in rows if x["kind"] == "item"]
    assert [x["id"] for x in items] == [i.id for i in agenda.items]
    for row, it in zip(items, r.items, strict=True):
        assert float(row["planned_duration_s"]) == pytest.approx(it.planned_duration, abs=0.05)
        if it.actual_duration is not None:
            assert float(row["actual_duration_s"]) == pytest.approx(it.actual_duration, abs=0.05)
        if it.overrun is not None:
            assert float(row["overrun_s"]) == pytest.approx(it.overrun, abs=0.05)
        else:
            assert row["overrun_s"] == ""
        assert row["state"] == it.state.value
        assert row["title"] == it.item.title.get("uk")
        assert row["planned_start"].startswith(f"{agenda.event.date:%Y-%m-%d}T")
    speakers = {x["id"]: x for x in rows if x["kind"] == "speaker"}
    for sp in r.speakers:
        row = speakers[sp.key]
        assert float(row["planned_duration_s"]) == pytest.approx(sp.allotted)
        if sp.actual_start is not None:
            assert float(row["actual_duration_s"]) == pytest.approx(sp.used, abs=0.05)
        assert row["speaker"] == sp.label
    if name == "overrun":
        assert all(float(x["overrun_s"]) == OVERRUN for x in speakers.values())


# ---- the document -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["on_time", "busy", "outage"])
def test_self_contained_no_network(name: str, reports: dict[str, AsRun], tmp_path: Path) -> None:
    html_text, _ = _written(reports[name], tmp_path)
    assert "http://" not in html_text and "https://" not in html_text
    assert "<script" not in html_text.lower()
    assert "<link" not in html_text.lower() and "@import" not in html_text
    assert not re.search(r"\ssrc=", html_text)
    assert not re.findall(r"url\((?!#)", html_text)  # only references into the same document


def test_language(reports: dict[str, AsRun], tmp_path: Path) -> None:
    r = reports["on_time"]
    uk, _ = _written(r, tmp_path / "uk")  # the event's broadcast language
    en, _ = _written(r, tmp_path / "en", "en")
    assert '<html lang="uk">' in uk and "Звіт про хід ефіру" in uk and "Відкриття" in uk
    assert '<html lang="en">' in en and "As-run report" in en and "Opening" in en
    assert "Kyiv: short overview of results" in en


def test_text_is_escaped(tmp_path: Path) -> None:
    text = AGENDA.read_text(encoding="utf-8")
    scenes = (ROOT / "scenes" / "default.yaml").as_posix()
    text = text.replace("scenes: ../scenes/default.yaml", f'scenes: "{scenes}"')
    text = text.replace('{uk: "Відкриття", en: "Opening"}', '"<b>Open</b> & <i>close</i>"')
    path = tmp_path / "agenda.yaml"
    path.write_text(text, encoding="utf-8")
    agenda = load_agenda(path)
    journal = _rehearse(agenda, tmp_path / "j.jsonl", RehearsalPlan())
    html_text, rows = _written(build_report(journal), tmp_path)
    assert "<b>Open</b>" not in html_text and "<i>" not in html_text
    assert "&lt;b&gt;Open&lt;/b&gt; &amp; &lt;i&gt;close&lt;/i&gt;" in html_text
    assert rows[0]["title"] == "<b>Open</b> & <i>close</i>"  # the CSV keeps the text as is


# ---- damaged and mismatched journals ------------------------------------------------------------


def test_torn_journal_still_reports(journals: dict[str, Path], tmp_path: Path) -> None:
    data = journals["overrun"].read_bytes()
    torn = tmp_path / "torn.jsonl"
    torn.write_bytes(data[:-25])  # power lost in the middle of the last line
    r = build_report(torn)
    assert [n.code for n in r.notices] == ["dropped"]
    html_text, rows = _written(r, tmp_path, "en")
    assert "unreadable line" in html_text
    assert rows and "<svg" in html_text

    # cut in the middle of the show: the report runs up to the last entry
    lines = data.split(b"\n")
    half = tmp_path / "half.jsonl"
    half.write_bytes(b"\n".join(lines[: len(lines) // 2]) + b'\n{"v":1,"seq":')
    r = build_report(half)
    assert r.status == "running"
    assert {n.code for n in r.notices} == {"dropped", "not_ended"}
    (current,) = [it for it in r.items if it.state is ItemState.CURRENT]
    assert current.overrun is None or current.overrun > 0  # not finished: no "under" yet
    assert any(it.state is ItemState.PENDING for it in r.items)
    html_text, _ = _written(r, tmp_path, "en")
    assert "in progress" in html_text and "ends while the show is running" in html_text


def test_changed_agenda_is_warned(journals: dict[str, Path], tmp_path: Path) -> None:
    changed = tmp_path / "agenda.yaml"
    scenes = (ROOT / "scenes" / "default.yaml").as_posix()
    text = AGENDA.read_text(encoding="utf-8")
    changed.write_text(
        text.replace("scenes: ../scenes/default.yaml", f'scenes: "{scenes}"') + "# edited\n",
        encoding="utf-8",
    )
    r = build_report(journals["on_time"], changed)
    (notice,) = r.notices
    assert notice.code == "fingerprint"
    assert notice.args["agenda"] == load_agenda(changed).fingerprint
    html_text, _ = _written(r, tmp_path, "en")
    assert "The agenda changed after the show" in html_text


def test_bad_journals_raise_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no such journal"):
        build_report(tmp_path / "missing.jsonl")
    with pytest.raises(ReportError, match="cannot read"):
        build_report(tmp_path)
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_text("not json\n", encoding="utf-8")
    with pytest.raises(ReportError, match="no readable journal entries"):
        build_report(garbage)
    headless = tmp_path / "headless.jsonl"
    headless.write_text('{"v":1,"seq":1,"at":0,"kind":"action","name":"start","args":{}}\n')
    with pytest.raises(ReportError, match="--agenda"):
        build_report(headless)


# ---- the command --------------------------------------------------------------------------------


def test_cli_report(
    journals: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = tmp_path / "show.jsonl"
    shutil.copy(journals["outage"], journal)
    assert main(["report", str(journal)]) == 0
    out = capsys.readouterr().out.split()
    assert out == [str(tmp_path / "show.asrun.html"), str(tmp_path / "show.asrun.csv")]
    assert all(Path(p).is_file() for p in out)

    dest = tmp_path / "out"
    assert main(["report", str(journal), "--out", str(dest), "--lang", "en"]) == 0
    assert capsys.readouterr().out.split()[0] == str(dest / "show.asrun.html")
    assert 'lang="en"' in (dest / "show.asrun.html").read_text(encoding="utf-8")
    assert main(["report", str(journal), "--agenda", str(AGENDA), "--out", str(dest)]) == 0


@pytest.mark.parametrize(
    "make",
    [
        lambda d: d / "missing.jsonl",
        lambda d: d,
        lambda d: (d / "empty.jsonl", (d / "empty.jsonl").write_text(""))[0],
    ],
    ids=["missing", "directory", "empty"],
)
def test_cli_bad_journal(
    make: Callable[[Path], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(make(tmp_path))]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = [x for x in captured.err.splitlines() if not x.startswith("WARNING")]
    assert len(lines) == 1 and lines[0].endswith(".")


def test_health_incidents_across_a_console_restart_read_as_one(
    journals: dict[str, Path], tmp_path: Path
) -> None:
    """An incident open when the console crashed, opened again after the restart and then over,
    is one incident from its first start to its end; one still open at the end says so."""

    from studio.journal import Journal
    from studio.report import render_html

    path = tmp_path / "health.jsonl"
    shutil.copy(journals["on_time"], path)
    j = Journal(path)
    t0 = j.entries[-1].at

    def fact(at: float, **args: object) -> None:
        j.append(t0 + at, "obs", "health", dict(args), sync=False)

    fact(10, event="start", figure="cpu", level="warn", value=75.0, since=t0 + 10)
    # The console crashed here; after the restart the link sees the CPU still hot.
    fact(100, event="start", figure="cpu", level="bad", value=95.0, since=t0 + 100)
    fact(170, event="end", figure="cpu", level="bad", value=97.0, since=t0 + 100, until=t0 + 160)
    fact(200, event="start", figure="fps", level="warn", value=20.0, since=t0 + 200)
    j.close()
    asrun = build_report(path)
    cpu, fps = asrun.health
    assert (cpu.figure, cpu.level, cpu.value) == ("cpu", "bad", 97.0)
    assert (cpu.started_at, cpu.ended_at) == (t0 + 10, t0 + 160)
    assert (fps.figure, fps.ended_at) == ("fps", None)
    page = render_html(asrun, "en")
    assert "Frame rate" in page and "not back by the end of the journal" in page
