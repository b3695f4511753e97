"""The console refreshes at the instant a shown figure changes, not on a fixed beat: the countdown
then turns over within milliseconds of clock truth, and the console sleeps in between."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.agenda import load_agenda
from studio.clock import SimClock
from studio.show import Show
from studio.timefmt import countdown_text
from studio.view import REFRESH_MS, next_change_in

AGENDA = Path(__file__).resolve().parents[1] / "config" / "agenda.yaml"


@pytest.fixture
def show() -> Show:
    agenda = load_agenda(AGENDA)
    s = Show(agenda, SimClock(agenda.planned_start))
    s.start()
    return s


def test_wakes_when_the_countdown_turns_over(show: Show) -> None:
    t0 = show.agenda.planned_start
    st = show.status(t0 + 10.7)  # 289.3 s left: "4:50" until 289.0
    wait = next_change_in(st, rate=1.0, flashing=False)
    assert wait == pytest.approx(0.3, abs=1e-6)
    before = countdown_text(show.status(t0 + 10.7 + wait - 1e-3).remaining)
    after = countdown_text(show.status(t0 + 10.7 + wait + 1e-3).remaining)
    assert (before, after) == ("4:50", "4:49")


def test_a_faster_clock_wakes_sooner(show: Show) -> None:
    st = show.status(show.agenda.planned_start + 10.7)
    assert next_change_in(st, rate=10.0, flashing=False) == pytest.approx(0.03, abs=1e-6)


def test_overtime_wakes_for_the_flash_and_the_next_second(show: Show) -> None:
    st = show.status(show.agenda.planned_start + 300.25)
    assert st.remaining < 0
    wait = next_change_in(st, rate=1.0, flashing=True)
    assert 0 < wait <= 0.5
    assert countdown_text(show.status(st.now + 0.75 + 1e-3).remaining) == "+0:01"


def test_on_hold_only_the_clock_moves(show: Show) -> None:
    show.clock.set(show.agenda.planned_start + 10.7)  # type: ignore[attr-defined]
    show.hold()
    st = show.status(show.agenda.planned_start + 12.25)
    assert st.held
    assert next_change_in(st, rate=1.0, flashing=False) == pytest.approx(0.75, abs=1e-6)


def test_a_clock_that_moves_only_when_told_falls_back_to_a_steady_beat(show: Show) -> None:
    st = show.status(show.agenda.planned_start + 10.7)
    assert next_change_in(st, rate=0.0, flashing=False) == REFRESH_MS / 1000
