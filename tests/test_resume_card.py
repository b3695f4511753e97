"""The resume card (issue 14 §2): what a restarted console paints before its engine loads is what
the engine shows once it has replayed the journal, and a card the journal has moved past, or
that belongs to another journal or agenda, is never believed."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from studio.agenda import Agenda, load_agenda
from studio.clock import SimClock
from studio.facts import FACT_TYPES
from studio.modes import Mode
from studio.resume_card import NEUTRAL, CardKeeper, Glance, card_path, read_glance
from studio.runtime import Runtime, RuntimeOptions, archive_journal
from tests.test_journal_faults import RefusingDisk

REPO = Path(__file__).resolve().parents[1]
DRY = Mode.DRY_RUN.value


@pytest.fixture
def agenda(tmp_path: Path) -> Agenda:
    """The default agenda, copied (its scene map beside it), so a test may touch the file."""
    for name in ("config", "scenes"):
        src = REPO / name
        for f in src.iterdir():
            if f.is_file():
                (tmp_path / name).mkdir(exist_ok=True)
                (tmp_path / name / f.name).write_bytes(f.read_bytes())
    return load_agenda(tmp_path / "config" / "agenda.yaml")


def _show(agenda: Agenda, tmp_path: Path, nexts: int = 3) -> tuple[Runtime, SimClock, Path]:
    """A dry-run show into its fourth speaker, 100 s in, with its card kept in tmp_path."""
    clock = SimClock(agenda.planned_start)
    opts = RuntimeOptions(mode=Mode.DRY_RUN, journal=tmp_path / "show.jsonl")
    rt = Runtime.create(agenda, opts, clock=clock)
    rt.act("start")
    for _ in range(nexts):
        clock.advance(200)
        rt.act("next")
    clock.advance(100)
    return rt, clock, card_path(tmp_path / "cards", agenda.path, DRY)


def _glance(
    agenda: Agenda, tmp_path: Path, journal: Path | None = None, *, default: bool = False
) -> Glance | None:
    """The card as a restart reads it: with `--journal` (the show's unless given), or with
    none (`default`: the event's default journal)."""
    named = None if default else journal or tmp_path / "show.jsonl"
    return read_glance(tmp_path / "cards", agenda.path, DRY, named)


def test_every_journal_fact_is_judged() -> None:
    """A new kind of fact must be put on one side or the other: on the allowlist of facts that
    change nothing the card shows, or off it (then a card before it is not believed)."""
    facts = {(t.kind, t.name) for t in FACT_TYPES}
    assert facts >= NEUTRAL
    assert facts - NEUTRAL == {("meta", "journal")}


@pytest.mark.asyncio
async def test_the_restart_paints_what_the_engine_shows_after_the_replay(
    agenda: Agenda, tmp_path: Path
) -> None:
    rt, clock, path = _show(agenda, tmp_path)
    keeper = CardKeeper(rt, path)
    keeper.flush()
    live = rt.view().status
    # The crash comes later, with only facts after the card: a message, OBS's health.
    clock.advance(40)
    rt.remember_message("One minute")
    rt.close_journal()  # the process is gone; nothing more is written

    glance = _glance(agenda, tmp_path)
    assert glance is not None
    assert glance.speaker is not None and glance.speaker["en"] == live.speaker.label("en")
    assert glance.item["uk"] == live.item.title.get("uk")
    assert glance.remaining == pytest.approx(live.remaining - 40)
    assert not glance.held

    # The engine, started on the same journal as the console starts it (its own dry-run clock,
    # resumed where the journal stops), shows the same speaker and countdown.
    # The dry-run show clock stood still while the console was down and stands until the
    # engine starts it: so does the early window's countdown, however long the engine loads.
    time.sleep(0.2)
    again = Runtime.create(agenda, RuntimeOptions(mode=Mode.DRY_RUN, journal=rt.journal_path))
    st = again.view().status
    assert st.speaker is not None and st.speaker.label("en") == glance.speaker["en"]
    assert glance.remaining_at(time.monotonic()) == pytest.approx(st.remaining, abs=0.05)
    again.close_journal()


@pytest.mark.asyncio
async def test_an_action_after_the_card_means_it_is_not_believed(
    agenda: Agenda, tmp_path: Path
) -> None:
    rt, _clock, path = _show(agenda, tmp_path)
    keeper = CardKeeper(rt, path)
    keeper.flush()
    assert _glance(agenda, tmp_path) is not None
    # The crash comes between the journal line and the card that follows it.
    rt.unwatch(keeper.on_update)
    rt.act("next")
    rt.close_journal()
    assert _glance(agenda, tmp_path) is None


@pytest.mark.asyncio
async def test_the_card_is_rewritten_a_moment_after_an_action(
    agenda: Agenda, tmp_path: Path, wait_until
) -> None:
    rt, _clock, path = _show(agenda, tmp_path)
    keeper = CardKeeper(rt, path)
    await wait_until(lambda: keeper.written == 1, what="the first card")
    rt.act("next")
    await wait_until(lambda: keeper.written == 2, what="the card after Next")
    glance = _glance(agenda, tmp_path)
    assert glance is not None and glance.speaker is not None
    assert glance.speaker["en"] == rt.view().status.speaker.label("en")
    keeper.close()
    rt.close_journal()


@pytest.mark.asyncio
async def test_a_torn_line_another_journal_or_an_edited_agenda_are_not_believed(
    agenda: Agenda, tmp_path: Path
) -> None:
    rt, _clock, path = _show(agenda, tmp_path)
    CardKeeper(rt, path).flush()
    rt.close_journal()
    journal = rt.journal_path
    assert _glance(agenda, tmp_path, journal) is not None
    assert _glance(agenda, tmp_path, tmp_path / "other.jsonl") is None

    whole = journal.read_bytes()
    with journal.open("ab") as f:
        f.write(b'{"v":2,"seq":99,"at":1.0,"kind":"obs","na')  # the crash cut the line
    assert _glance(agenda, tmp_path) is None
    journal.write_bytes(whole)
    assert _glance(agenda, tmp_path) is not None

    st = agenda.path.stat()
    os.utime(agenda.path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert _glance(agenda, tmp_path) is None  # the agenda changed: the engine decides
    os.utime(agenda.path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert _glance(agenda, tmp_path) is not None

    # "Start a new show": the journal moves aside and a new one begins at the same path.
    archive_journal(journal)
    fresh = Runtime.create(agenda, RuntimeOptions(mode=Mode.DRY_RUN, journal=journal))
    fresh.act("start")
    fresh.close_journal()
    assert _glance(agenda, tmp_path) is None


@pytest.mark.asyncio
async def test_held_the_countdown_stands_still(agenda: Agenda, tmp_path: Path) -> None:
    rt, clock, path = _show(agenda, tmp_path)
    rt.act("hold")
    left = rt.view().status.remaining
    CardKeeper(rt, path).flush()
    clock.advance(30)
    rt.remember_message("Back in a moment")
    rt.close_journal()
    glance = _glance(agenda, tmp_path)
    assert glance is not None and glance.held
    assert glance.remaining_at(time.monotonic() + 60) == pytest.approx(left)


@pytest.mark.asyncio
async def test_no_card_for_a_show_that_ended_or_a_journal_the_disk_refuses(
    agenda: Agenda, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rt, _clock, path = _show(agenda, tmp_path)
    keeper = CardKeeper(rt, path)
    keeper.flush()
    assert path.exists()
    disk = RefusingDisk(monkeypatch)
    disk.full = True
    rt.act("next")  # in memory, waiting for the disk: the card must not run ahead of it
    keeper.flush()
    assert not path.exists()
    disk.full = False
    rt.journal.flush()
    keeper.flush()
    assert json.loads(path.read_text(encoding="utf-8"))["size"] == rt.journal_path.stat().st_size
    rt.act("end")
    keeper.close()
    assert not path.exists()
    rt.close_journal()


@pytest.mark.asyncio
async def test_without_journal_only_a_card_of_the_default_journal_is_believed(
    agenda: Agenda, tmp_path: Path
) -> None:
    """`studio --dry-run --journal /x/a.jsonl`, a crash, then `studio --dry-run`: the console
    opens the event's default journal, so the card of /x/a.jsonl must not be painted."""
    rt, _clock, path = _show(agenda, tmp_path)
    CardKeeper(rt, path).flush()  # the console named its journal
    assert _glance(agenda, tmp_path) is not None
    assert _glance(agenda, tmp_path, default=True) is None
    CardKeeper(rt, path, explicit_journal=False).flush()  # the event's default journal
    assert _glance(agenda, tmp_path, default=True) is not None
    rt.close_journal()


@pytest.mark.asyncio
async def test_an_agenda_file_edited_during_the_show_keeps_no_card(
    agenda: Agenda, tmp_path: Path
) -> None:
    """The running console keeps the agenda it loaded; a card must not pair that show with the
    file as edited since (the engine, restarted, reads the edited file)."""
    rt, clock, path = _show(agenda, tmp_path)
    keeper = CardKeeper(rt, path)
    keeper.flush()
    assert _glance(agenda, tmp_path) is not None
    text = agenda.path.read_text(encoding="utf-8")
    assert "APPAU" in text
    agenda.path.write_text(text.replace("APPAU", "APPAU (fixed)"), encoding="utf-8")
    rt.act("extend", seconds=30.0)
    keeper.flush()  # the card keeps the file's stamp from when the show's agenda was read
    assert _glance(agenda, tmp_path) is None
    later = CardKeeper(rt, path)  # a console started after the edit, on the old agenda
    clock.advance(5)
    rt.act("extend", seconds=60.0)
    later.flush()
    assert not path.exists()
    assert _glance(agenda, tmp_path) is None
    rt.close_journal()


@pytest.mark.asyncio
async def test_the_card_is_rewritten_in_place_and_a_long_one_still_whole(
    agenda: Agenda, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The card is one write over the same bytes (the same file, never a new one at every
    action); a card longer than that is written beside and renamed over, and reads the same."""
    import studio.resume_card as rc

    rt, clock, path = _show(agenda, tmp_path)
    keeper = CardKeeper(rt, path)
    keeper.flush()
    inode = path.stat().st_ino
    rt.act("extend", seconds=60.0)
    keeper.flush()
    assert path.stat().st_ino == inode and path.stat().st_size == rc.CARD_SIZE
    glance = _glance(agenda, tmp_path)
    assert glance is not None
    monkeypatch.setattr(rc, "CARD_SIZE", 64)
    clock.advance(5)
    rt.act("extend", seconds=60.0)
    keeper.flush()
    long = _glance(agenda, tmp_path)
    assert long is not None and long.remaining == pytest.approx(glance.remaining + 60 - 5)
    keeper.close()
    rt.close_journal()
