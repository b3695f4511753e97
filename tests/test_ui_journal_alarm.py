"""The journal's trouble reaches the window: a disk that refuses turns on a red alarm while the show
goes on, and clears it once the waiting entries are written; lines a resume refused and an agenda
changed since the journal began are named in the window and in the resume question."""

from __future__ import annotations

import asyncio
import errno
import json
import os
import uuid
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import studio.journal as journal_mod
from studio.agenda import load_agenda
from studio.clock import SimClock
from studio.journal import Journal
from studio.show import Show

pytestmark = pytest.mark.asyncio

REPO = Path(__file__).resolve().parent.parent


async def test_a_full_disk_shows_a_red_alarm_and_the_show_goes_on(
    open_console, agenda, tmp_path, wait_until, monkeypatch
) -> None:
    journal = tmp_path / "show.jsonl"
    clock = SimClock(agenda.planned_start)
    console = await open_console(clock=clock, journal=journal)
    w = console.window
    QTest.keyClick(w.table, Qt.Key.Key_F5)
    assert not w.journal_alarm.isVisible()

    full = True
    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        if full:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(journal_mod.os, "write", write)
    shown = []
    for _ in range(3):
        clock.advance(60)
        QTest.keyClick(w.table, Qt.Key.Key_Space)
        st = console.bridge.status
        shown.append((st.item_index, st.speaker_index))
    assert len(set(shown)) == 3  # Space kept moving the show
    assert w.journal_alarm.red.isVisible()
    assert "No space left on device" in w.journal_alarm.red.text()
    assert "crash-restore is OFF" in w.journal_alarm.red.text()
    w.grab().save(str(tmp_path / "journal-alarm.png"))

    full = False  # space comes back: the keeper writes the backlog and the alarm clears
    await wait_until(lambda: not w.journal_alarm.red.isVisible(), what="the alarm to clear")
    names = [json.loads(x)["name"] for x in journal.read_text(encoding="utf-8").splitlines()]
    assert names.count("next") == 3
    assert console.rt.journal_health.ok


async def test_refused_lines_and_a_changed_agenda_are_named_in_the_window(
    open_console, qsettings, tmp_path, wait_until
) -> None:
    # A show under way on the default agenda...
    journal = tmp_path / "show.jsonl"
    default = load_agenda(REPO / "config" / "agenda.yaml")
    clock = SimClock(default.planned_start)
    with Journal(journal) as j:
        from studio.modes import Mode
        from studio.runtime import journal_info

        j.ensure_header(clock.now(), journal_info(default, Mode.DRY_RUN))
        show = Show(default, clock, j)
        show.start()
        for _ in range(9):  # into the first discussion
            clock.advance(30)
            show.next()
        where = show.status()
    with journal.open("a", encoding="utf-8") as fh:  # a line pasted from another journal
        stranger = {"v": 2, "j": uuid.uuid4().hex[:12], "seq": 99, "at": 1.0}
        fh.write(json.dumps({**stranger, "kind": "action", "name": "next", "args": {}}) + "\n")
    # ...resumed on an agenda from which Kharkiv's report was deleted since.
    data = yaml.safe_load((REPO / "config" / "agenda.yaml").read_text(encoding="utf-8"))
    data["items"] = [i for i in data["items"] if i["id"] != "region-kharkiv"]
    data["event"]["scenes"] = str(REPO / "scenes" / "default.yaml")
    edited_path = tmp_path / "edited.yaml"
    edited_path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    edited = load_agenda(edited_path)

    from studio.modes import Mode
    from studio.runtime import RuntimeOptions
    from ui.app import Console

    console = Console(
        edited,
        RuntimeOptions(mode=Mode.DRY_RUN, journal=journal),
        settings=qsettings,
        language="en",
        clock=SimClock(clock.now()),
        resume=None,
    )
    starting = asyncio.ensure_future(console.start())
    try:
        await wait_until(lambda: console.pending_dialog is not None, what="the resume question")
        text = console.pending_dialog.text()
        assert "The agenda changed since the journal began" in text
        assert "items removed: region-kharkiv" in text
        console.pending_dialog.accept_button.click()
        await starting
        st = console.bridge.refresh()
        assert (st.item.id, st.speaker_index) == (where.item.id, where.speaker_index)
        alarm = console.window.journal_alarm
        assert alarm.amber.isVisible()
        assert "line 12: from another journal, skipped" in alarm.amber_text.text()
        assert "region-kharkiv" in alarm.amber_text.text()
        console.window.grab().save(str(tmp_path / "journal-warnings.png"))
        alarm.dismiss.click()
        assert not alarm.isVisible()
    finally:
        await console.shutdown()
