"""The running order edited live from the console (issue 12 §4): the agenda table's context menu
changes a remaining allotment ("Change time…") and fixes a lower-third name or role on air ("Fix
name or role…"), each in a small non-modal dialog whose keys stay in it; the fix shows on the
console, the speaker monitor and OBS at once; refusals land in the status bar and leave the
dialog open."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from studio.clock import SimClock
from ui.live_edit import RelabelDialog, RetimeDialog, parse_minutes_seconds

pytestmark = [
    pytest.mark.asyncio,
    # The offscreen platform has no keyboard to grab for a popup menu, and says so.
    pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard"),
]

SHOTS = Path("/tmp/live-edits")


async def settle() -> None:
    """Let the loop deliver what the keys and clicks queued."""
    for _ in range(3):
        await asyncio.sleep(0.01)


async def menu_entries(w: Any, row: int) -> dict[str, Any]:
    """Open the running order's context menu on `row` with the mouse; its entries by text."""
    rect = w.table.visualRect(w.model.index(row, 1))
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, rect.center(), w.table.viewport().mapToGlobal(rect.center())
    )
    QApplication.sendEvent(w.table.viewport(), event)
    await settle()
    popup = QApplication.activePopupWidget()
    assert isinstance(popup, QMenu)
    entries = {a.text(): a for a in popup.actions() if a.text()}
    popup.close()
    return entries


def journalled(path: Path, name: str) -> list[dict]:
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    return [x["args"] for x in lines if x["kind"] == "action" and x["name"] == name]


async def test_minutes_seconds() -> None:
    assert parse_minutes_seconds("4:30") == 270
    assert parse_minutes_seconds(" 12 ") == 720
    assert parse_minutes_seconds("1:05:00") == 3900
    assert parse_minutes_seconds("0:00") == 0
    for bad in ("", "abc", "4:75", "-1:00", "1:2:3:4", "4.5", "４:30"):
        assert parse_minutes_seconds(bad) is None, bad


async def test_fix_a_name_on_air_from_the_running_order(
    open_console: Any, agenda: Any, wait_until: Any, tmp_path: Path
) -> None:
    clock = SimClock(agenda.planned_start)
    c = await open_console(clock=clock, journal=tmp_path / "j.jsonl")
    w, sim = c.window, c.rt.transport
    await wait_until(lambda: c.rt.link.online, what="the simulated OBS")
    QTest.keyClick(w.table, Qt.Key.Key_F5)
    await c.rt.idle()
    c.monitor.show()
    row = agenda.item_index("opening")

    entries = await menu_entries(w, row)
    assert list(entries) == [
        "Go to this item",
        "Skip this item",
        "Change time…",
        "Fix name or role…",
        "Move…",  # tests/test_ui_order_edits.py
        "Remove a speaker…",
    ]
    entries["Fix name or role…"].trigger()
    dialog = w.live_edits.dialog
    assert isinstance(dialog, RelabelDialog) and dialog.isVisible() and not dialog.isModal()
    await wait_until(lambda: QApplication.activeWindow() is dialog, what="the dialog active")
    assert dialog.who.currentIndex() == 0  # the speaker on air
    # What the lower third shows, in the broadcast language (Ukrainian); the moderator has no
    # name in the agenda, only a role.
    assert (dialog.name_edit.text(), dialog.role_edit.text()) == ("", "Модератор")
    seg = c.rt.show.state.seg
    dialog.name_edit.setFocus()
    QTest.keyClicks(dialog.name_edit, "Ivan Petrenko")  # a Space types, never moves the show
    QTest.keyClick(dialog.name_edit, Qt.Key.Key_Right)
    await settle()
    assert c.rt.show.state.seg == seg
    assert dialog.name_edit.text() == "Ivan Petrenko"
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "fix-name-dialog.png"))
    QTest.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    await settle()
    assert not dialog.isVisible()

    await c.rt.idle()
    name_input = agenda.scene_map.input("lower_third_name")
    assert sim.inputs[name_input]["settings"]["text"] == "Ivan Petrenko"
    fixed = "Ivan Petrenko — Maritime Cluster of Ukraine"
    c.bridge.refresh()
    assert w.speaker_label.text() == fixed
    assert c.monitor.speaker.text() == fixed
    assert fixed in w.statusBar().currentMessage()
    assert fixed in w.model.data(w.model.index(row, w.model.SPEAKER))
    args = journalled(tmp_path / "j.jsonl", "relabel")
    assert len(args) == 1 and args[0]["origin"] == "menu"
    assert (args[0]["item"], args[0]["speaker"], args[0]["name"]) == (
        "opening",
        "moderator",
        "Ivan Petrenko",
    )
    assert "role" not in args[0]  # only what was changed
    w.grab().save(str(SHOTS / "console-after-fix.png"))
    c.monitor.grab().save(str(SHOTS / "monitor-after-fix.png"))

    # Nothing changed: said in the status bar, nothing journalled, the dialog stays.
    entries = await menu_entries(w, row)
    entries["Fix name or role…"].trigger()
    dialog = w.live_edits.dialog
    assert dialog.name_edit.text() == "Ivan Petrenko"
    dialog.apply_button.click()
    assert dialog.isVisible()
    assert "Nothing to change" in w.statusBar().currentMessage()
    dialog.close_button.click()
    assert len(journalled(tmp_path / "j.jsonl", "relabel")) == 1


async def test_change_time_from_the_running_order(
    open_console: Any, agenda: Any, wait_until: Any, tmp_path: Path
) -> None:
    clock = SimClock(agenda.planned_start)
    c = await open_console(clock=clock, journal=tmp_path / "j.jsonl")
    w = c.window
    QTest.keyClick(w.table, Qt.Key.Key_F5)
    clock.advance(150)
    before = c.bridge.refresh().projected_end

    row = agenda.item_index("region-kyiv")
    entries = await menu_entries(w, row)
    entries["Change time…"].trigger()
    dialog = w.live_edits.dialog
    assert isinstance(dialog, RetimeDialog) and not dialog.isModal()
    assert dialog.who.count() == 2  # two speakers; the item has no time beyond theirs
    assert dialog.time_edit.text() == "6:00"
    assert "As published: 6:00" in dialog.note.text()
    dialog.time_edit.selectAll()
    QTest.keyClicks(dialog.time_edit, "4:00")
    dialog.grab().save(str(SHOTS / "change-time-dialog.png"))
    QTest.keyClick(dialog.time_edit, Qt.Key.Key_Return)
    await settle()
    assert not dialog.isVisible()
    seg = agenda.segment_for("region-kyiv", "representative")
    assert c.rt.show.allotted(seg) == 240
    assert c.bridge.refresh().projected_end - before == pytest.approx(-120)
    assert "now has 4:00 in all" in w.statusBar().currentMessage()
    args = journalled(tmp_path / "j.jsonl", "retime")
    assert [(a["item"], a["speaker"], a["seconds"], a["origin"]) for a in args] == [
        ("region-kyiv", "representative", 240, "menu")
    ]

    # The speaker on air, below what they have used: refused in the status bar, dialog open.
    row = agenda.item_index("opening")
    (await menu_entries(w, row))["Change time…"].trigger()
    dialog = w.live_edits.dialog
    assert dialog.who.currentIndex() == 0  # the one on air
    dialog.time_edit.setText("2:00")
    dialog.apply_button.click()
    assert dialog.isVisible()
    assert w.statusBar().currentMessage() == (
        "The speaker has already used 2:30: the time cannot be less than that."
    )
    dialog.time_edit.setText("soon")
    dialog.apply_button.click()
    assert "minutes:seconds" in w.statusBar().currentMessage()
    assert dialog.isVisible()
    dialog.time_edit.setText("7:30")
    dialog.apply_button.click()
    assert not dialog.isVisible()
    assert c.bridge.refresh().remaining == pytest.approx(450 - 150)
    assert len(journalled(tmp_path / "j.jsonl", "retime")) == 2

    # A part the show has finished can no longer change: the moderator's, after Next.
    QTest.keyClick(w.table, Qt.Key.Key_Space)
    c.bridge.refresh()
    (await menu_entries(w, row))["Change time…"].trigger()
    dialog = w.live_edits.dialog
    assert dialog.who.count() == 2  # the two speakers still to come
    dialog.close()


async def test_the_dialogs_speak_ukrainian(
    open_console: Any, agenda: Any, wait_until: Any, tmp_path: Path
) -> None:
    c = await open_console(clock=SimClock(agenda.planned_start), language="uk")
    w = c.window
    QTest.keyClick(w.table, Qt.Key.Key_F5)
    row = agenda.item_index("discussion-1")
    entries = await menu_entries(w, row)
    assert "Змінити час…" in entries and "Виправити ім'я чи посаду…" in entries
    entries["Змінити час…"].trigger()
    dialog = w.live_edits.dialog
    assert dialog.apply_button.text() == "Змінити"
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "change-time-dialog-uk.png"))
    entries = await menu_entries(w, row)
    entries["Виправити ім'я чи посаду…"].trigger()
    dialog = w.live_edits.dialog
    assert dialog.apply_button.text() == "Виправити"
    dialog.grab().save(str(SHOTS / "fix-name-dialog-uk.png"))
    dialog.close()
