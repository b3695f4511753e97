"""The journal: durable JSONL lines, torn and corrupt lines tolerated, a show resumed from it."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

import studio.journal as journal_mod
from studio.agenda import Agenda, load_agenda
from studio.clock import SimClock
from studio.journal import Journal, default_journal_path, read_entries
from studio.show import Show

REPO = Path(__file__).resolve().parent.parent
SHOW = REPO / "tests" / "agendas" / "show.yaml"


@pytest.fixture(scope="module")
def agenda() -> Agenda:
    return load_agenda(SHOW)


def write_three(path: Path) -> None:
    with Journal(path) as j:
        j.append(100.0, "action", "start")
        j.append(160.5, "action", "extend", {"seconds": 30})
        j.append(200.0, "action", "next")


def test_each_entry_is_one_json_line_on_disk_before_append_returns(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    with Journal(path) as j:
        entry = j.append(100.0, "action", "goto", {"item": "Відкриття"})
        # Read through another handle while the journal is still open: already on disk.
        lines = path.read_bytes().split(b"\n")
        assert lines[-1] == b""
        assert json.loads(lines[0]) == {
            "v": 2,
            "j": j.jid,
            "seq": 1,
            "at": 100.0,
            "kind": "action",
            "name": "goto",
            "args": {"item": "Відкриття"},
        }
        assert "Відкриття".encode() in lines[0]  # readable UTF-8, not \u escapes
        assert entry.seq == 1
        assert j.append(101.0, "obs", "cue").seq == 2


def test_every_append_is_fsynced_after_the_line_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.jsonl"
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(len(path.read_bytes()))  # what the file held when it was synced
        real_fsync(fd)

    with Journal(path) as j:
        monkeypatch.setattr(journal_mod.os, "fsync", fsync)
        j.append(1.0, "action", "start")
        j.append(2.0, "action", "next")
        monkeypatch.undo()
    lines = path.read_bytes().splitlines(keepends=True)
    assert synced == [len(lines[0]), len(lines[0]) + len(lines[1])]


def test_reopening_reads_every_entry_back(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    write_three(path)
    with Journal(path) as j:
        assert [(e.seq, e.at, e.name, e.args) for e in j.entries] == [
            (1, 100.0, "start", {}),
            (2, 160.5, "extend", {"seconds": 30}),
            (3, 200.0, "next", {}),
        ]
        assert j.append(300.0, "action", "end").seq == 4


def test_a_missing_journal_is_empty(tmp_path: Path) -> None:
    assert read_entries(tmp_path / "none.jsonl") == []
    with Journal(tmp_path / "sub" / "dir" / "j.jsonl") as j:  # parent folders are made
        assert j.entries == []
        assert j.next_seq == 1


@pytest.mark.parametrize(
    "tail",
    [
        b'{"v":1,"seq":4,"at":300.0,"kind":"act',  # power lost mid-line
        b"\x00\x00\x00\x00\x00\x00",  # the file grew but the data never landed
        b'{"v":1,"seq":4,"at":300.0,"ki\xd0',  # cut inside a UTF-8 character
    ],
)
def test_a_torn_last_line_is_dropped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, tail: bytes
) -> None:
    path = tmp_path / "j.jsonl"
    write_three(path)
    with path.open("ab") as fh:
        fh.write(tail)
    with caplog.at_level(logging.WARNING, logger="studio.journal"):
        entries = read_entries(path)
    assert [e.seq for e in entries] == [1, 2, 3]
    assert len(caplog.records) == 1
    assert "torn last line" in caplog.records[0].getMessage()
    assert ":4:" in caplog.records[0].getMessage()


def test_appending_after_a_torn_tail_gives_clean_lines(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "j.jsonl"
    write_three(path)
    with path.open("ab") as fh:
        fh.write(b'{"v":1,"seq":4,"at":30')
    with caplog.at_level(logging.WARNING, logger="studio.journal"), Journal(path) as j:
        assert [e.seq for e in j.entries] == [1, 2, 3]
        j.append(400.0, "action", "end")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="studio.journal"):
        entries = read_entries(path)
    assert [(e.seq, e.name) for e in entries] == [
        (1, "start"),
        (2, "extend"),
        (3, "next"),
        (4, "end"),
    ]
    assert caplog.records == []  # the garbage is gone, not merely skipped again
    assert all(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())


def test_an_entry_that_lost_only_its_newline_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    write_three(path)
    path.write_bytes(path.read_bytes().removesuffix(b"\n"))
    with Journal(path) as j:
        assert [e.seq for e in j.entries] == [1, 2, 3]
        j.append(400.0, "action", "end")
    # What the reopened journal showed is what is on disk, and the next line is separate.
    assert [e.seq for e in read_entries(path)] == [1, 2, 3, 4]


def test_a_corrupt_middle_line_is_skipped_and_the_rest_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "j.jsonl"
    write_three(path)
    lines = path.read_bytes().split(b"\n")
    lines.insert(1, b"not json at all")
    lines.insert(3, b'["a", "list"]')
    lines.insert(4, b'{"seq": "x", "at": 1, "kind": "action", "name": "next"}')
    path.write_bytes(b"\n".join(lines))
    with caplog.at_level(logging.WARNING, logger="studio.journal"), Journal(path) as j:
        assert [e.seq for e in j.entries] == [1, 2, 3]
        assert j.next_seq == 4
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 3
    assert all("unreadable line" in m for m in messages)
    assert [m.split(":")[1] for m in messages] == ["2", "4", "5"]  # file line numbers


def test_blank_lines_are_ignored_silently(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "j.jsonl"
    write_three(path)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\n\n  \n"))
    with caplog.at_level(logging.WARNING, logger="studio.journal"):
        assert len(read_entries(path)) == 3
    assert caplog.records == []


def test_a_restart_resumes_at_the_same_item_with_the_same_elapsed_time(
    agenda: Agenda, tmp_path: Path
) -> None:
    path = tmp_path / "live.jsonl"
    clock = SimClock(agenda.planned_start)
    with Journal(path) as journal:
        show = Show(agenda, clock, journal)
        show.start()
        clock.advance(310)
        show.next()  # Anna
        clock.advance(200)
        before = show.status()
    # The console crashes; it comes back 45 s later over the same journal.
    clock.advance(45)
    with Journal(path) as journal:
        again = Show(agenda, clock, journal)
        st = again.status()
    assert again.resumable
    assert st.item is not None and st.item.id == "talks"
    assert st.segment == before.segment == 1
    assert st.elapsed == before.elapsed + 45 == 245  # the speaker kept talking meanwhile
    assert st.offset == before.offset == 10  # still within her time: no later than before
    assert again.current_cue().scene == "split"  # what the director puts back on air
    assert again.elapsed(0, clock.now()) == 310


def test_a_show_on_hold_stays_on_hold_across_a_restart(agenda: Agenda, tmp_path: Path) -> None:
    path = tmp_path / "live.jsonl"
    clock = SimClock(agenda.planned_start)
    with Journal(path) as journal:
        show = Show(agenda, clock, journal)
        show.start()
        clock.advance(100)
        show.hold()
    clock.advance(600)
    with Journal(path) as journal:
        again = Show(agenda, clock, journal)
        st = again.status()
        assert (st.held, st.elapsed, st.remaining) == (True, 100, 200)
        again.resume()
        clock.advance(5)
        assert again.status().elapsed == 105
    assert [e.name for e in read_entries(path)] == ["start", "hold", "resume"]


def test_a_restart_after_a_torn_write_resumes_from_the_last_whole_entry(
    agenda: Agenda, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "live.jsonl"
    clock = SimClock(agenda.planned_start)
    with Journal(path) as journal:
        show = Show(agenda, clock, journal)
        show.start()
        clock.advance(300)
        show.next()
    with path.open("ab") as fh:
        fh.write(b'{"v":1,"seq":3,"at":')  # the "next" after it never finished writing
    clock.advance(60)
    with caplog.at_level(logging.WARNING, logger="studio.journal"), Journal(path) as journal:
        again = Show(agenda, clock, journal)
        assert again.status().segment == 1
        assert again.status().elapsed == 60
        again.next()
    assert "torn last line" in caplog.text
    assert [e.name for e in read_entries(path)] == ["start", "next", "next"]


def test_header_is_written_once_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    with Journal(path) as j:
        j.ensure_header(1.0, {"event": "e", "mode": "live"})
        j.ensure_header(2.0, {"event": "other"})
        assert j.header() == {"event": "e", "mode": "live", "jid": j.jid, "format": 2}
    with Journal(path) as j:
        assert j.header() == {"event": "e", "mode": "live", "jid": j.jid, "format": 2}
        assert [e.kind for e in j.entries] == ["meta"]


def test_journal_paths_keep_rehearsals_apart_from_the_live_show() -> None:
    live = default_journal_path("integration-4-0-final")
    rehearsal = default_journal_path("integration-4-0-final", "rehearsal")
    assert live != rehearsal
    assert live.name == "integration-4-0-final.jsonl"
    assert rehearsal.name == "integration-4-0-final.rehearsal.jsonl"
    odd = default_journal_path("../../etc/пароль")
    assert odd.parent == live.parent  # an event id cannot escape the journals folder
    assert "/" not in odd.name
