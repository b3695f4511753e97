"""Cost grows with the agenda, not with its square; memory does not grow with the hours.

Never timed: the tests count what the code touches (segments and items read from the agenda) or
compare with the walk-everything reference the show used to compute, and check the bounds that
keep a long show's memory flat. The figures are in bench/RESULTS.md (`bench/growth.py`,
`bench/memory.py`).
"""

from __future__ import annotations

import asyncio
import io
import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from studio.agenda import Agenda, load_agenda
from studio.cli import print_table
from studio.clock import SimClock
from studio.journal import Entry
from studio.obs import simulated
from studio.obs.simulated import SimulatedObs
from studio.report import build_report, csv_rows, render_html
from studio.runtime import journal_info
from studio.show import ActionError, Cells, Show, ShowState, cue_for

REPO = Path(__file__).resolve().parent.parent
SCENES = REPO / "scenes" / "default.yaml"


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def write_agenda(path: Path, items: int, *, fixed_every: int = 0) -> Agenda:
    """`items` items of 40 s from 00:00: no speaker, one (30 s, an open floor after), or two
    (20 s each); breaks; every `fixed_every`-th item has a fixed start after a 60 s gap."""
    out: list[dict[str, Any]] = []
    cursor = 0
    for i in range(items):
        item: dict[str, Any] = {"id": f"i{i}", "title": f"Item {i}", "duration": "40s"}
        item["kind"] = "break" if i % 7 == 6 else "other"
        item["scene"] = "break" if item["kind"] == "break" else "studio"
        n = 0 if item["kind"] == "break" else i % 3
        item["speakers"] = [
            {"role": f"S{j}", "region": f"r{(i + j) % 4}", "time": "30s" if n == 1 else "20s"}
            for j in range(n)
        ]
        if fixed_every and i % fixed_every == fixed_every - 1:
            cursor += 60
            item["start"] = _clock(cursor)
        cursor += 40
        out.append(item)
    doc = {
        "event": {
            "id": "growth",
            "title": "Growth",
            "date": "2021-03-09",
            "start": "00:00",
            "end": "23:59",
            "scenes": str(SCENES),
        },
        "items": out,
    }
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return load_agenda(path)


class Touched(tuple):  # type: ignore[type-arg]
    """A tuple that counts the elements read from it (by index, slice or iteration)."""

    n: int

    def __getitem__(self, index: Any) -> Any:
        got = super().__getitem__(index)
        self.n += len(got) if isinstance(index, slice) else 1
        return got

    def __iter__(self) -> Any:
        self.n += len(self)
        return super().__iter__()


def touched(agenda: Agenda, field: str) -> Touched:
    """Make `agenda.<field>` (segments, items) count its reads; returns the counter."""
    t = Touched(getattr(agenda, field))
    t.n = 0
    object.__setattr__(agenda, field, t)  # a frozen dataclass: only for this test's copy
    return t


# ---- the reference: what Show.status() computed by walking every later segment --------------


def reference(show: Show, now: float) -> tuple[float, int | None]:
    """(projected end, next segment) as status() used to compute them: a walk over every later
    segment that is not skipped, a fixed start waiting for its planned time."""
    a, s = show.agenda, show.state
    if s.status == "running" and s.seg is not None:
        remaining = show.allotted(s.seg) - show.elapsed(s.seg, now)
        cursor = now + max(0.0, remaining)
        future = [x for x in a.segments[s.seg + 1 :] if x.item_index not in s.skipped]
    elif s.status == "pre":
        future = [x for x in a.segments if x.item_index not in s.skipped]
        cursor = max(now, future[0].planned_start) if future else now
    else:
        return (s.ended_at or now), None
    for x in future:
        if a.items[x.item_index].start is not None and x.index == a.first_segment(x.item_index):
            cursor = max(cursor, x.planned_start)
        cursor += max(0.0, show.allotted(x.index) - s.used[x.index])
    # Items a jump went past are still to be done, after the rest (issue 12 §2).
    for i in s.passed:
        if a.segments[i].item_index not in s.skipped:
            cursor += max(0.0, show.allotted(i) - s.used[i])
    return cursor, (future[0].index if future else None)


def reference_break_until(agenda: Agenda, s: ShowState) -> float:
    assert s.seg is not None
    item = agenda.segments[s.seg].item_index
    since = s.visit_start if s.visit_start is not None else s.held_since
    left = sum(
        max(0.0, x.allotted + s.extra[x.index] - s.used[x.index])
        for x in agenda.segments[s.seg :]
        if x.item_index == item
    )
    return (since if since is not None else agenda.item_starts[item]) + left


@pytest.fixture(scope="module")
def fixed_agenda(tmp_path_factory: pytest.TempPathFactory) -> Agenda:
    return write_agenda(tmp_path_factory.mktemp("growth") / "fixed.yaml", 12, fixed_every=4)


def _random_step(rng: random.Random, show: Show, clock: SimClock) -> None:
    """One operator action (refused ones are fine) and some time, in whole quarter seconds
    (exact in floating point, so the sums must agree exactly whatever their order)."""
    a = show.agenda
    pick = rng.random()
    try:
        if pick < 0.35:
            show.next()
        elif pick < 0.45:
            show.back()
        elif pick < 0.55:
            show.goto(rng.choice(a.items).id)
        elif pick < 0.65:
            show.skip(rng.choice(a.items).id)
        elif pick < 0.72:
            show.skip()
        elif pick < 0.82:
            show.extend(rng.choice([60, -60, 30, -15, 0.25]))
        elif pick < 0.92:
            show.toggle_hold()
        elif pick < 0.96:
            show.start()
        else:
            show.end()
    except ActionError:
        pass
    clock.advance(rng.randrange(0, 4 * 200) / 4)


@pytest.mark.parametrize("seed", range(40))
def test_status_agrees_with_walking_every_later_segment(fixed_agenda: Agenda, seed: int) -> None:
    rng = random.Random(seed)
    clock = SimClock(fixed_agenda.planned_start - rng.choice([0, 120, -120]))
    show = Show(fixed_agenda, clock)
    history: list[ShowState] = [show.state]
    for _ in range(60):
        _random_step(rng, show, clock)
        history.append(show.state)
        # Now and then the report's way: the same Show asked about an older or newer state.
        live = show.state
        for state in (live, rng.choice(history), live):
            show.state = state
            for now in (clock.now(), clock.now() + rng.randrange(0, 4 * 900) / 4):
                st = show.status(now)
                end, nxt = reference(show, now)
                assert st.projected_end == end
                got = None if st.next_item_index is None else st.next_item_index
                want = None if nxt is None else fixed_agenda.segments[nxt].item_index
                assert got == want
                if nxt is not None:
                    assert st.next_speaker_index == fixed_agenda.segments[nxt].speaker_index
            seg = state.seg
            if state.status == "running" and seg is not None:
                item = fixed_agenda.items[fixed_agenda.segments[seg].item_index]
                if item.kind == "break":
                    cue = cue_for(fixed_agenda, state, "test")
                    assert cue.break_until == reference_break_until(fixed_agenda, state)
        show.state = live


# ---- linear work: segments and items touched over a whole show --------------------------------


N_ITEMS = 2000  # 3,000+ segments: a quadratic walk touches millions


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("growth") / "big.yaml"
    write_agenda(path, N_ITEMS)
    return path


def _journal(agenda: Agenda, path: Path) -> Path:
    """The journal of a show run on plan to its end, as a rehearsal leaves it (actions, cues
    and confirmed switches), written directly (a Show would fsync thousands of times)."""
    t = agenda.planned_start
    entries = [Entry(1, t, "meta", "journal", journal_info(agenda, _dry_run()))]

    def add(kind: str, name: str, args: dict[str, Any]) -> None:
        entries.append(Entry(len(entries) + 1, t, kind, name, args))

    add("action", "start", {})
    for seg in agenda.segments:
        item = agenda.items[seg.item_index]
        add("obs", "cue", {"seq": seg.index + 1, "scene": item.scene, "item": item.id})
        add("obs", "switch", {"cue": seg.index + 1, "scene": item.scene, "confirmed": True})
        t += seg.allotted
        add("action", "next", {})
    path.write_text("".join(e.to_json() + "\n" for e in entries), encoding="utf-8")
    return path


def _dry_run() -> Any:
    from studio.modes import Mode

    return Mode.DRY_RUN


def test_a_rehearsal_touches_each_segment_a_bounded_number_of_times(big: Path) -> None:
    agenda = load_agenda(big)
    n = len(agenda.segments)
    segments = touched(agenda, "segments")
    clock = SimClock(agenda.planned_start)
    show = Show(agenda, clock)
    show.start()
    while show.state.status == "running":
        st = show.status()  # as the rehearsal loop and the director ask at every segment
        show.status()
        clock.advance(st.remaining)
        show.next()
    assert show.status().status == "ended"
    # Walking every later segment at each status() touched n²/2 (millions) here.
    assert segments.n < 40 * n, f"{segments.n} segment reads for {n} segments"


def test_replay_and_report_touch_each_segment_a_bounded_number_of_times(
    big: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agenda = load_agenda(big)
    journal = _journal(agenda, tmp_path / "show.jsonl")
    counters: list[Touched] = []

    def counted_load(path: Path) -> Agenda:
        loaded = load_agenda(path)
        counters.append(touched(loaded, "segments"))
        counters.append(touched(loaded, "items"))
        return loaded

    import studio.report

    monkeypatch.setattr(studio.report, "_load", counted_load)
    asrun = build_report(journal, big)
    assert asrun.status == "ended" and len(asrun.switches) == len(agenda.segments)
    render_html(asrun, "en")
    csv_rows(asrun, "en")
    assert counters, "the report loaded its agenda some other way: nothing counted"
    n = len(agenda.segments) + len(agenda.items)
    reads = sum(c.n for c in counters)
    assert reads > n  # it did read them
    # Per switch, the HTML looked its item up by walking every item; the CSV walked every
    # speaker per item; status() walked every later segment per action: millions here.
    assert reads < 60 * n, f"{reads} agenda reads for {n} segments and items"


def test_check_prints_the_table_in_one_pass(big: Path) -> None:
    agenda = load_agenda(big)
    segments = touched(agenda, "segments")
    out = io.StringIO()
    print_table(agenda, out, "en")
    assert out.getvalue().count("\n") > len(agenda.items)
    assert segments.n < 5 * len(agenda.segments)  # not every segment again for each item


# ---- the state's copy: shared until written ---------------------------------------------------


def test_cells_behave_like_a_list() -> None:
    rng = random.Random(7)
    for n in (0, 1, 63, 64, 65, 1000, 5000):
        ref: list[float | None] = [rng.choice([None, 0.0, 1.5]) for _ in range(n)]
        cells = Cells(ref)
        assert len(cells) == n and list(cells) == ref and cells == ref and cells == Cells(ref)
        assert cells[:] == ref and cells[n // 3 : n // 2] == ref[n // 3 : n // 2]
        if n:
            assert cells[-1] == ref[-1] and cells[n // 2] == ref[n // 2]
            with pytest.raises(IndexError):
                cells[n]
            with pytest.raises(IndexError):
                cells[-n - 1] = 0.0
        copies = [(cells, list(ref))]
        for _ in range(200):
            base, base_ref = rng.choice(copies)
            copy, copy_ref = base.copy(), list(base_ref)
            for _ in range(rng.randrange(3) if n else 0):
                i = rng.randrange(-n, n)
                copy[i] = copy_ref[i] = rng.random()
            if rng.random() < 0.3 and n:  # writing the original after a copy leaves the copy
                i = rng.randrange(n)
                base[i] = base_ref[i] = rng.random()
            copies.append((copy, copy_ref))
        for c, r in copies:
            assert c == r
        for _ in range(200):  # last_difference: the highest index where two copies differ
            (x, xr), (y, yr) = rng.choice(copies), rng.choice(copies)
            want = max((i for i in range(n) if xr[i] != yr[i]), default=-1)
            assert x.last_difference(y) == want


def test_a_copy_shares_what_it_does_not_write() -> None:
    cells = Cells([0.0] * 30_000)
    copy = cells.copy()
    copy[12_345] = 1.0
    assert cells[12_345] == 0.0 and copy[12_345] == 1.0
    unshared = sum(a is not b for a, b in zip(cells._chunks, copy._chunks, strict=True))
    assert unshared == 1  # one chunk of ~√n values copied on the write, not 30,000 values


def test_state_copies_share_their_cells() -> None:
    agenda = load_agenda(REPO / "config" / "agenda.yaml")
    state = ShowState.initial(agenda)
    copy = state.copy()
    copy.used[3] = 10.0
    assert state.used[3] == 0.0
    assert copy.item_start._chunks[0] is state.item_start._chunks[0]
    assert state == ShowState.initial(agenda) and state.used == [0.0] * len(agenda.segments)


# ---- memory: the simulated OBS keeps only its newest requests --------------------------------


def test_the_simulated_obs_keeps_a_bounded_request_log(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(simulated, "REQUEST_LOG", 100)
    sim = SimulatedObs(scenes=["A"], inputs={"T": "text_ft2_source_v2"})

    async def run() -> None:
        await sim.connect()
        for i in range(1000):  # a dry-run sends a few each second: 18,000 an hour
            await sim.request("GetStats")
            await sim.request_batch([("SetInputSettings", {"inputName": "T", "n": i})])

    asyncio.run(run())
    assert 50 <= len(sim.requests) <= 100
    assert sim.requests[-1] == ("SetInputSettings", {"inputName": "T", "n": 999})
    assert json.dumps(sim.requests)  # still plain (type, data) pairs
