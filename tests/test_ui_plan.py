"""The console proposes a plan to end on time while the clicker keeps driving the show (issue 12
§3): the bar appears without taking the keyboard, Space still moves the show on, F9 accepts the
plan (one journalled action), Dismiss puts it away, and the running order and monitor follow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studio.clock import SimClock
from studio.journal import read_journal
from tests.test_ui_menu_keys import key, settle


async def _late_console(open_console: Any, agenda: Any, language: str = "en") -> Any:
    clock = SimClock(agenda.planned_start)
    c = await open_console(clock=clock, language=language)
    c.bridge.act("start")
    clock.advance(c.bridge.refresh().allotted + 900)  # the first speaker 15 minutes over
    c.bridge.refresh()
    c.window.table.setFocus()
    c.rt.check_plan()
    await settle()
    return c, clock


@pytest.mark.asyncio
async def test_the_plan_bar_never_takes_the_keys_and_f9_accepts(
    open_console: Any, agenda: Any, wait_until: Any, tmp_path: Path
) -> None:
    c, _clock = await _late_console(open_console, agenda)
    w = c.window
    bar = w.plan_bar
    await wait_until(bar.isVisible, what="the plan bar")
    assert "Running 15:00 late" in bar.text.text()
    assert "the show ends at 15:00" in bar.text.text()
    focus = QApplication.focusWidget()
    assert focus is not None and not bar.isAncestorOf(focus)
    w.grab().save(str(tmp_path / "plan-bar.png"))
    seg = c.rt.show.state.seg
    await key(w, Qt.Key.Key_Space)  # the clicker still moves the show on
    await wait_until(lambda: c.rt.show.state.seg != seg, what="Space moving the show on")
    c.rt.check_plan()
    await wait_until(bar.isVisible, what="the plan, still proposed")
    await key(w, Qt.Key.Key_F9)
    await wait_until(lambda: not bar.isVisible(), what="the plan accepted")
    plans = [e for e in read_journal(c.rt.journal_path).entries if e.name == "plan"]
    assert len(plans) == 1 and plans[0].args["origin"] == "key"
    st = c.bridge.refresh()
    assert st.projected_end == agenda.planned_end
    assert "on time" in w.offset_label.text()


@pytest.mark.asyncio
async def test_dismiss_puts_the_plan_away_and_details_list_each_change(
    open_console: Any, agenda: Any, wait_until: Any, tmp_path: Path
) -> None:
    c, _clock = await _late_console(open_console, agenda, language="uk")
    bar = c.window.plan_bar
    await wait_until(bar.isVisible, what="the plan bar")
    bar.details_button.click()
    assert bar.details.isVisible() and "→" in bar.details.text()
    bar.details.grab().save(str(tmp_path / "plan-details.png"))
    c.window.grab().save(str(tmp_path / "plan-bar-uk.png"))
    bar.dismiss_button.click()
    await wait_until(lambda: not bar.isVisible(), what="the plan dismissed")
    assert not bar.details.isVisible()
    assert not [e for e in read_journal(c.rt.journal_path).entries if e.name == "plan"]
    assert c.rt.check_plan() is None  # not again for seconds of difference
