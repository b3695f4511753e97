"""The running order edited live from the console (issue 12 §4): the agenda table's context menu
moves an item or a speaker ("Move…"), adds a speaker to a discussion ("Add a speaker…") and
takes out one who did not come ("Remove a speaker…"), each in a small non-modal dialog; the
running order re-renders at once, the clicker keeps driving the show, a refusal lands in the
status bar and leaves the dialog open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from studio.clock import SimClock
from tests.test_ui_live_edits import SHOTS, journalled, menu_entries, settle
from ui.order_edit import InsertDialog, MoveDialog, RemoveDialog

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard"),
]


def titles(w: Any) -> list[str]:
    m = w.model
    return [m.data(m.index(r, m.ITEM)) for r in range(m.rowCount())]


async def test_kharkiv_moves_after_zaporizhzhia_from_the_menu_and_back(
    open_console: Any, agenda: Any, tmp_path: Path
) -> None:
    clock = SimClock(agenda.planned_start)
    c = await open_console(clock=clock, journal=tmp_path / "j.jsonl")
    w = c.window
    QTest.keyClick(w.table, Qt.Key.Key_F5)
    await settle()
    row = agenda.item_index("region-kharkiv")
    kharkiv = titles(w)[row]
    kharkiv_planned = w.model.data(w.model.index(row, w.model.PLANNED))
    planned = w.model.data(w.model.index(row + 1, w.model.PLANNED))  # Zaporizhzhia's start
    entries = await menu_entries(w, row)
    assert entries["Move…"].isEnabled()
    entries["Move…"].trigger()
    dialog = w.live_edits.dialog
    assert isinstance(dialog, MoveDialog) and not dialog.isModal()
    assert dialog.what.currentText() == "The whole item"
    assert dialog.after.currentText().startswith("After: ")  # one place later: after the next
    assert "Zaporizhzhia" in dialog.after.currentText()
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "move-dialog.png"))
    # The clicker still drives the show while the dialog is open.
    seg = c.rt.show.state.seg
    QTest.keyClick(dialog.after, Qt.Key.Key_PageDown)
    await settle()
    assert c.rt.show.state.seg == seg + 1
    dialog.apply_button.click()
    await settle()
    assert not dialog.isVisible()
    assert titles(w)[row + 1] == kharkiv  # the running order re-rendered
    # Planned times follow the new order: Zaporizhzhia where Kharkiv was, Kharkiv after it.
    assert w.model.data(w.model.index(row, w.model.PLANNED)) == kharkiv_planned
    assert w.model.data(w.model.index(row + 1, w.model.PLANNED)) == planned
    assert "Moved:" in w.statusBar().currentMessage()
    args = journalled(tmp_path / "j.jsonl", "move")
    assert [(a["item"], a["speaker"], a["after"], a["origin"]) for a in args] == [
        ("region-kharkiv", None, "region-zaporizhzhia", "menu")
    ]
    w.grab().save(str(SHOTS / "console-after-move.png"))

    # Before the item on air: refused in the status bar, the dialog stays open.
    (await menu_entries(w, row + 1))["Move…"].trigger()
    dialog = w.live_edits.dialog
    dialog.after.setCurrentIndex(0)  # "First"
    dialog.apply_button.click()
    assert dialog.isVisible()
    assert "after the item on air" in w.statusBar().currentMessage()
    # Back where it was: after Kyiv.
    kyiv = [i for i, (_id, t) in enumerate(dialog.places) if "Kyiv" in t]
    dialog.after.setCurrentIndex(kyiv[0])
    dialog.apply_button.click()
    await settle()
    assert not dialog.isVisible()
    assert titles(w)[row] == kharkiv
    assert [x.id for x in c.rt.agenda.items] == [x.id for x in agenda.items]


async def test_add_a_speaker_to_a_discussion_and_remove_one_who_did_not_come(
    open_console: Any, agenda: Any, tmp_path: Path
) -> None:
    clock = SimClock(agenda.planned_start)
    c = await open_console(clock=clock, journal=tmp_path / "j.jsonl")
    w = c.window
    QTest.keyClick(w.table, Qt.Key.Key_F5)
    await settle()
    row = agenda.item_index("discussion-1")
    assert "Add a speaker…" not in await menu_entries(w, agenda.item_index("region-kyiv"))
    entries = await menu_entries(w, row)
    assert "Add a speaker…" in entries and "Remove a speaker…" in entries
    entries["Add a speaker…"].trigger()
    dialog = w.live_edits.dialog
    assert isinstance(dialog, InsertDialog)
    assert dialog.after.currentIndex() == dialog.after.count() - 1  # after the last one
    dialog.name_edit.setFocus()
    seg = c.rt.show.state.seg
    QTest.keyClicks(dialog.name_edit, "Olena Petrenko")  # a Space types, never moves the show
    QTest.keyClicks(dialog.role_edit, "Mayor")
    dialog.time_edit.selectAll()
    QTest.keyClicks(dialog.time_edit, "4:00")
    dialog.where.setCurrentIndex(2)  # remote
    await settle()
    assert c.rt.show.state.seg == seg
    dialog.grab().save(str(SHOTS / "add-speaker-dialog.png"))
    QTest.keyClick(dialog.time_edit, Qt.Key.Key_Return)
    await settle()
    assert not dialog.isVisible()
    assert "Olena Petrenko added with 4:00" in w.statusBar().currentMessage()
    (args,) = journalled(tmp_path / "j.jsonl", "insert")
    assert (args["speaker"], args["name"], args["role"], args["seconds"], args["where"]) == (
        "olena-petrenko",
        "Olena Petrenko",
        "Mayor",
        240,
        "remote",
    )
    assert args["after"] == "panelist-4" and args["origin"] == "menu"
    tooltip = w.model.data(w.model.index(row, w.model.SPEAKER), Qt.ItemDataRole.ToolTipRole)
    assert "4:00  Olena Petrenko, Mayor" in tooltip
    assert "(+4)" in w.model.data(w.model.index(row, w.model.SPEAKER))

    (await menu_entries(w, row))["Remove a speaker…"].trigger()
    dialog = w.live_edits.dialog
    assert isinstance(dialog, RemoveDialog)
    assert dialog.who.count() == 5
    dialog.who.setCurrentIndex(4)
    assert dialog.who.currentText().startswith("Olena Petrenko")
    dialog.grab().save(str(SHOTS / "remove-speaker-dialog.png"))
    dialog.apply_button.click()
    await settle()
    assert not dialog.isVisible()
    assert "Olena Petrenko" not in w.model.data(
        w.model.index(row, w.model.SPEAKER), Qt.ItemDataRole.ToolTipRole
    )
    assert [(a["item"], a["speaker"]) for a in journalled(tmp_path / "j.jsonl", "remove")] == [
        ("discussion-1", "olena-petrenko")
    ]
    # The opening's moderator is on air: not offered; the others may go.
    (await menu_entries(w, agenda.item_index("opening")))["Remove a speaker…"].trigger()
    dialog = w.live_edits.dialog
    assert isinstance(dialog, RemoveDialog) and dialog.who.count() == 2
    dialog.close_button.click()


async def test_a_dialog_left_open_while_the_order_changes_sends_nothing(
    open_console: Any, agenda: Any, tmp_path: Path
) -> None:
    """ "Change time…" opened on Vinnytsia; meanwhile the control API moves Kyiv after
    Mykolaiv, so another item now stands on that row: applying must not retime whoever is
    there now."""
    from studio.actions import Move, Origin

    clock = SimClock(agenda.planned_start)
    c = await open_console(clock=clock, journal=tmp_path / "j.jsonl")
    w = c.window
    QTest.keyClick(w.table, Qt.Key.Key_F5)
    await settle()
    row = agenda.item_index("region-vinnytsia")
    entries = await menu_entries(w, row)
    entries["Change time…"].trigger()
    dialog = w.live_edits.dialog
    assert "Vinnytsia" in dialog.heading.text()
    c.rt.act(Move("region-kyiv", None, "region-mykolaiv"), origin=Origin.HTTP, client="10.0.0.7")
    await settle()
    assert c.rt.agenda.items[row].id != "region-vinnytsia"  # another item on that row now
    dialog.time_edit.setText("9:00")
    dialog.apply_button.click()
    await settle()
    assert journalled(tmp_path / "j.jsonl", "retime") == []
    assert not dialog.isVisible()
    assert "running order changed" in w.statusBar().currentMessage()
