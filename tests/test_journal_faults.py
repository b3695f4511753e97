"""The journal under faults: a refusing or full disk, a foreign or reordered line, an agenda edited
since the journal began, and a simulated clock killed mid-show.

The disk is either real (a small tmpfs mounted for the test, skipped with the reason where
mounting is not allowed) or refuses at the `os.write` call itself.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

import studio.journal as journal_mod
from studio.agenda import Agenda, load_agenda
from studio.clock import SimClock
from studio.journal import Journal, JournalHealth, read_journal
from studio.modes import Mode
from studio.runtime import ForeignJournal, Runtime, RuntimeOptions
from studio.show import Show, replay

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO / "config" / "agenda.yaml"


@pytest.fixture(scope="module")
def agenda() -> Agenda:
    return load_agenda(DEFAULT)


def where(show: Show) -> tuple[str | None, str | None, str]:
    """What the moderator sees: the item and speaker by id, and the show's status."""
    st = show.status()
    if st.item is None:
        return None, None, st.status
    return st.item.id, show.agenda.speaker_id(st.item_index, st.speaker_index), st.status


class RefusingDisk:
    """`os.write` that raises ENOSPC (or writes only part of a line) while `full` is set."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, partial: bool = False) -> None:
        self.full = False
        self.partial = partial
        self._write = os.write
        monkeypatch.setattr(journal_mod.os, "write", self.write)

    def write(self, fd: int, data: bytes) -> int:
        if self.full:
            if self.partial:
                return self._write(fd, bytes(data)[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return self._write(fd, data)


@pytest.mark.parametrize("partial", [False, True], ids=["refused", "partial-write"])
def test_a_refusing_disk_never_stops_the_show_and_catches_up_in_order(
    agenda: Agenda, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, partial: bool
) -> None:
    path = tmp_path / "j.jsonl"
    disk = RefusingDisk(monkeypatch, partial=partial)
    clock = SimClock(agenda.planned_start)
    journal = Journal(path)
    health: list[JournalHealth] = []
    journal.on_health(health.append)
    show = Show(agenda, clock, journal)
    show.start()
    for _ in range(3):
        clock.advance(30)
        show.next()
    disk.full = True
    seen = []
    for _ in range(5):  # each press still moves the show on
        clock.advance(30)
        show.next()
        seen.append(where(show))
    assert len(set(seen)) == 5
    assert not journal.health.ok and journal.health.pending == 5
    assert "space" in journal.health.error.lower() or "bytes written" in journal.health.error
    assert health[0].ok is False  # the console heard at the first refusal
    # Nothing partial and nothing refused reached the file.
    on_disk = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [e["name"] for e in on_disk] == ["start", "next", "next", "next"]

    disk.full = False
    assert journal.flush()
    assert journal.health.ok and health[-1].ok
    on_disk = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [e["name"] for e in on_disk] == ["start"] + ["next"] * 8
    seqs = [e["seq"] for e in on_disk]
    assert seqs == sorted(set(seqs))  # every seq once, in order
    assert [e["at"] for e in on_disk] == [e.at for e in journal.entries]  # original times
    journal.close()

    # A restart resumes exactly what the screen showed.
    with Journal(path) as again:
        resumed = Show(agenda, SimClock(clock.now()), again)
        assert where(resumed) == seen[-1]
        assert resumed.status().elapsed == show.status().elapsed


def test_a_refused_press_is_never_written_twice_when_the_disk_comes_back(
    agenda: Agenda, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The outside test's case: presses refused on a full disk were flushed again with the next
    one from Python's buffer, and a restart resumed four segments ahead."""
    path = tmp_path / "j.jsonl"
    disk = RefusingDisk(monkeypatch)
    clock = SimClock(agenda.planned_start)
    with Journal(path) as journal:
        show = Show(agenda, clock, journal)
        show.start()
        disk.full = True
        show.next()
        show.next()
        disk.full = False
        show.next()  # the disk takes this one: the waiting two go first, each once
        assert journal.health.ok
    names = [json.loads(x)["name"] for x in path.read_text(encoding="utf-8").splitlines()]
    assert names == ["start", "next", "next", "next"]
    with Journal(path) as again:
        assert where(Show(agenda, SimClock(clock.now()), again)) == where(show)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "tiny"
    mount.mkdir()
    if not shutil.which("mount") or os.geteuid() != 0:
        pytest.skip(
            "mounting a tmpfs needs root and mount(8); the OSError-injection tests cover it"
        )
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"this machine does not allow mounting a tmpfs: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_really_full_disk_keeps_the_show_and_writes_the_backlog_when_space_returns(
    agenda: Agenda, tiny_disk: Path
) -> None:
    path = tiny_disk / "j.jsonl"
    clock = SimClock(agenda.planned_start)
    journal = Journal(path)
    journal.ensure_header(clock.now(), {"event": agenda.event.id})
    show = Show(agenda, clock, journal)
    show.start()
    filler = tiny_disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:  # fill the disk to the last byte
        for chunk in (4096, 1):
            try:
                while os.write(fd, b"\0" * chunk) == chunk:
                    pass
            except OSError:
                pass
    finally:
        os.close(fd)
    assert not journal.flush() or journal.health.ok  # nothing waits yet
    shown = []
    # The journal's last page may still take a few lines; press on until the disk refuses.
    while journal.health.ok and len(shown) < 25:
        clock.advance(20)
        show.next()
        shown.append(where(show))
    assert not journal.health.ok
    for _ in range(3):
        clock.advance(20)
        show.next()
        shown.append(where(show))
    assert journal.health.pending >= 4
    filler.unlink()
    assert journal.flush()
    assert journal.health.ok
    journal.close()
    read = read_journal(path)
    assert read.problems == []
    assert [e.name for e in read.entries if e.kind == "action"] == ["start"] + ["next"] * len(shown)
    assert where(Show(agenda, SimClock(clock.now()), Journal(path))) == shown[-1]


def _line(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def test_lines_of_another_journal_are_refused_and_named(agenda: Agenda, tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    clock = SimClock(agenda.planned_start)
    with Journal(path) as journal:
        journal.ensure_header(clock.now(), {"event": agenda.event.id})
        show = Show(agenda, clock, journal)
        show.start()
        clock.advance(60)
        show.next()
        jid = journal.jid
    stranger = uuid.uuid4().hex[:12]
    with path.open("a", encoding="utf-8") as fh:
        # a pasted line of another journal of the same event, one speaker ahead, older time
        fh.write(_line({"v": 2, "j": stranger, "seq": 4, "at": 5.0, "kind": "action",
                        "name": "next", "args": {}}))  # fmt: skip
        # another event's header, and its first line
        fh.write(_line({"v": 2, "j": stranger, "seq": 5, "at": 6.0, "kind": "meta",
                        "name": "journal", "args": {"event": "other-event"}}))  # fmt: skip
        # a line of this journal, out of order
        fh.write(_line({"v": 2, "j": jid, "seq": 2, "at": clock.now(), "kind": "action",
                        "name": "next", "args": {}}))  # fmt: skip
    read = read_journal(path)
    assert [(p.line, p.what) for p in read.problems] == [
        (4, "foreign"),
        (5, "foreign_header"),
        (6, "out_of_order"),
    ]
    assert "other-event" in read.problems[1].detail
    with Journal(path) as journal:
        resumed = Show(agenda, SimClock(clock.now()), journal)
        assert where(resumed) == where(show)
        assert [p.what for p in journal.problems] == ["foreign", "foreign_header", "out_of_order"]


def test_a_journal_of_another_event_is_never_resumed(agenda: Agenda, tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    with Journal(path) as journal:
        journal.ensure_header(1.0, {"event": "another-event"})
        journal.append(2.0, "action", "start")
    options = RuntimeOptions(mode=Mode.DRY_RUN, journal=path)
    with pytest.raises(ForeignJournal) as caught:
        Runtime.create(agenda, options)
    assert "another-event" in str(caught.value) and agenda.event.id in str(caught.value)


def _edited(tmp_path: Path, drop_item: str) -> Path:
    data = yaml.safe_load(DEFAULT.read_text(encoding="utf-8"))
    data["items"] = [i for i in data["items"] if i["id"] != drop_item]
    data["event"]["scenes"] = str(REPO / "scenes" / "default.yaml")
    out = tmp_path / "edited.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def test_resume_after_an_item_was_deleted_lands_on_the_same_speaker(
    agenda: Agenda, tmp_path: Path
) -> None:
    path = tmp_path / "j.jsonl"
    options = RuntimeOptions(mode=Mode.DRY_RUN, journal=path)
    clock = SimClock(agenda.planned_start)
    rt = Runtime.create(agenda, options, clock=clock)
    rt.act("start")
    target = ("discussion-1", "panelist-4")
    while where(rt.show)[:2] != target:
        clock.advance(45)
        rt.act("next")
    clock.advance(33)
    seen = rt.show.status()
    rt.journal.close()

    edited = load_agenda(_edited(tmp_path, "region-kharkiv"))
    again = Runtime.create(edited, options, clock=SimClock(clock.now()))
    st = again.show.status()
    assert (st.item.id, edited.speaker_id(st.item_index, st.speaker_index)) == target
    assert st.elapsed == seen.elapsed == 33
    assert again.drift.removed_items == ("region-kharkiv",)
    assert "region-kharkiv" in again.drift.missing  # the journal's actions name it
    assert any("region-kharkiv" in s for s in again.drift.describe())
    again.journal.close()


def test_a_replay_credits_time_to_the_right_speaker_after_an_edit(
    agenda: Agenda, tmp_path: Path
) -> None:
    path = tmp_path / "j.jsonl"
    clock = SimClock(agenda.planned_start)
    with Journal(path) as journal:
        show = Show(agenda, clock, journal)
        show.start()
        used: dict[str, float] = {}
        for n in range(12):
            clock.advance(60 + n)
            item, speaker, _ = where(show)
            used[f"{item}/{speaker}"] = 60 + n
            show.next()
    edited = load_agenda(_edited(tmp_path, "region-kyiv"))
    with Journal(path) as journal:
        state = replay(edited, journal.entries)
    for seg in edited.segments:
        key = "/".join(str(x) for x in edited.segment_ids(seg.index))
        if key in used:
            assert state.used[seg.index] == used[key], key


CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from studio.agenda import load_agenda
    from studio.modes import Mode
    from studio.runtime import Runtime, RuntimeOptions

    async def main():
        agenda = load_agenda(sys.argv[1])
        rt = Runtime.create(
            agenda, RuntimeOptions(mode=Mode.DRY_RUN, speed=20.0, journal=Path(sys.argv[2]))
        )
        await rt.start()
        rt.act("start")
        while True:
            await asyncio.sleep(0.05)
            print(f"{rt.show.status().elapsed:.3f}", flush=True)

    asyncio.run(main())
    """
)


def test_a_killed_dry_run_resumes_where_its_clock_stood(agenda: Agenda, tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(DEFAULT), str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert child.stdout is not None
    last = 0.0
    try:
        for line in child.stdout:  # run until the first speaker has used 30 s of show time
            last = float(line)
            if last >= 30:
                break
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert last >= 30
    rt = Runtime.create(agenda, RuntimeOptions(mode=Mode.DRY_RUN, speed=20.0, journal=path))
    resumed = rt.show.status().elapsed
    rt.journal.close()
    # Without the clock's place on disk the resume fell back to the 'start' line: 0:00 used.
    assert resumed >= last - 1.0
