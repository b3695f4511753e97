"""The as-run report from the console: the menu entry (Ctrl+R), and the button that takes the place
of the show's buttons once it has ended. The report is real: HTML with the timeline picture and
CSV, written beside the journal, for the show as it ran so far.
"""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from studio.clock import SimClock

pytestmark = pytest.mark.asyncio


def report_paths(journal: Path) -> tuple[Path, Path]:
    return (
        journal.with_name(f"{journal.stem}.asrun.html"),
        journal.with_name(f"{journal.stem}.asrun.csv"),
    )


def report_tasks() -> list[asyncio.Task]:
    """The console's report writers still running (each ends with its question answered)."""
    return [t for t in asyncio.all_tasks() if t.get_name() == "as-run report" and not t.done()]


async def test_report_during_and_at_the_end_of_the_show(
    open_console, agenda, wait_until, tmp_path: Path
) -> None:
    clock = SimClock(agenda.planned_start)
    journal = tmp_path / "final.jsonl"
    c = await open_console(clock=clock, journal=journal)
    w = c.window
    html, table = report_paths(journal)

    # Before the start there is nothing to report, and the show's buttons are all there.
    assert not w.report_action.isEnabled()
    assert not w.report_button.isVisible()
    QTest.keyClick(w.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert w.report_dialog is None and not html.exists()

    QTest.keyClick(w.table, Qt.Key.Key_F5)
    clock.advance(agenda.segments[0].allotted + 42)  # the opening runs 42 s over
    QTest.keyClick(w.table, Qt.Key.Key_Space)
    assert w.report_action.isEnabled()

    # Mid-show: the report of the show so far; the show goes on, the keys still drive it.
    # Pressed twice: one report, one question.
    QTest.keyClick(w.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(w.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    # One report is being written, so one question can ever come: no need to wait and see.
    assert len(report_tasks()) == 1
    await wait_until(lambda: w.report_dialog is not None, what="the report question")
    box = w.report_dialog
    assert len(report_tasks()) == 1
    assert w.report_dialog is box and len(w.findChildren(type(box))) == 1
    assert str(html) in box.text()
    assert box.defaultButton() is box.reject_button  # Enter: "Not now", never a browser
    assert "<svg" in html.read_text(encoding="utf-8")
    assert c.rt.show.state.status == "running"
    # The question does not keep the keyboard: the arrows (a clicker's next) drive the show,
    # even pressed on the question itself.
    await wait_until(lambda: w.isActiveWindow(), what="the console active again")
    seg = c.rt.show.state.seg
    QTest.keyClick(box.focusWidget() or box, Qt.Key.Key_Right)
    assert c.rt.show.state.seg == seg + 1
    QTest.keyClick(w.table, Qt.Key.Key_Space)
    assert c.rt.show.state.seg == seg + 2
    w.report_dialog.answer(False)
    await wait_until(lambda: w.report_dialog is None, what="the question answered")

    # The end: the report button takes the place of the buttons that drive the show.
    c.bridge.act("end")
    await c.rt.idle()
    assert c.rt.show.state.status == "ended"
    assert w.report_button.isVisible()
    assert w.report_button.text() == "As-run report (Ctrl+R)"
    assert not w.buttons["next"].isEnabled()
    assert not w.buttons["hold"].isVisible()
    assert "As-run report" in w.statusBar().currentMessage()
    html.unlink()
    w.report_button.click()
    await wait_until(lambda: w.report_dialog is not None, what="the report question")
    w.report_dialog.answer(False)
    assert w.last_report == html

    page = html.read_text(encoding="utf-8")
    assert "<svg" in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert agenda.items[0].title.get("en") in page
    with table.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    opening = [r for r in rows if r["id"] == f"{agenda.items[0].id}#1"]
    assert opening, "the opening is in the CSV"
    # Its first speaker ran 42 s over: the report says so.
    assert any(r["overrun_s"] and float(r["overrun_s"]) == 42 for r in opening)


async def test_report_is_in_the_console_language(open_console, agenda, wait_until) -> None:
    clock = SimClock(agenda.planned_start)
    c = await open_console(clock=clock, language="uk")
    w = c.window
    QTest.keyClick(w.table, Qt.Key.Key_F5)
    c.bridge.act("end")
    await c.rt.idle()
    assert w.report_button.text() == "Звіт про ефір (Ctrl+R)"
    assert "Звіт про ефір" in w.statusBar().currentMessage()
    w.report_action.trigger()
    await wait_until(lambda: w.report_dialog is not None, what="the report question")
    assert "Відкрити його в браузері?" in w.report_dialog.text()
    w.report_dialog.answer(False)
    assert w.last_report is not None
    page = w.last_report.read_text(encoding="utf-8")
    assert '<html lang="uk">' in page
    assert agenda.items[0].title.get("uk") in page
