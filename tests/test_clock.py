"""Clocks: simulated time for tests, paced time for rehearsals, and a wall clock that never jumps.

The real clocks read `time` through the module, so these tests replace it with a fake whose
monotonic and wall readings the test sets: no real waiting and no wall-clock assertions.
"""

from __future__ import annotations

import pytest

import studio.clock as clock_mod
from studio.clock import PacedClock, SimClock, SystemClock


class FakeTime:
    """Stands in for the `time` module inside studio.clock."""

    def __init__(self, wall: float, mono: float) -> None:
        self.wall = wall
        self.mono = mono

    def time(self) -> float:
        return self.wall

    def monotonic(self) -> float:
        return self.mono


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = FakeTime(wall=1_615_276_800.0, mono=5_000.0)
    monkeypatch.setattr(clock_mod, "time", fake)
    return fake


def test_sim_clock_moves_only_when_told() -> None:
    clock = SimClock(1000)
    assert clock.now() == 1000.0
    assert clock.now() == 1000.0
    clock.advance(2.5)
    assert clock.now() == 1002.5
    clock.advance(0)
    clock.set(2000)
    assert clock.now() == 2000.0
    clock.set(2000)  # setting the same instant is fine


def test_sim_clock_never_runs_backwards() -> None:
    clock = SimClock(1000)
    with pytest.raises(ValueError, match="never runs backwards"):
        clock.advance(-1)
    with pytest.raises(ValueError, match="never runs backwards"):
        clock.set(999.5)
    assert clock.now() == 1000.0


def test_system_clock_starts_at_wall_time_and_follows_the_monotonic_clock(
    fake_time: FakeTime,
) -> None:
    clock = SystemClock()
    assert clock.now() == fake_time.wall
    fake_time.mono += 90.25
    assert clock.now() == 1_615_276_800.0 + 90.25


def test_system_clock_ignores_wall_clock_steps(fake_time: FakeTime) -> None:
    clock = SystemClock()
    fake_time.mono += 10
    fake_time.wall -= 3600  # NTP or a DST mistake steps the wall clock back an hour
    assert clock.now() == 1_615_276_800.0 + 10
    fake_time.wall += 7200
    fake_time.mono += 5
    assert clock.now() == 1_615_276_800.0 + 15


def test_paced_clock_runs_speed_times_faster(fake_time: FakeTime) -> None:
    clock = PacedClock(start=1000, speed=10)
    assert clock.now() == 1000.0
    fake_time.mono += 1.5
    assert clock.now() == 1015.0
    fake_time.wall += 99  # wall time plays no part
    assert clock.now() == 1015.0


def test_paced_clock_jumps_ahead(fake_time: FakeTime) -> None:
    clock = PacedClock(start=1000, speed=2)
    clock.jump(600)
    assert clock.now() == 1600.0
    fake_time.mono += 3
    assert clock.now() == 1606.0
    with pytest.raises(ValueError, match="never runs backwards"):
        clock.jump(-1)
    assert clock.now() == 1606.0


@pytest.mark.parametrize("speed", [0, -1])
def test_paced_clock_refuses_a_speed_that_is_not_positive(
    fake_time: FakeTime, speed: float
) -> None:
    with pytest.raises(ValueError, match="more than zero"):
        PacedClock(start=0, speed=speed)


def test_paced_clock_at_speed_one_keeps_real_pace(fake_time: FakeTime) -> None:
    clock = PacedClock(start=50)
    fake_time.mono += 7.25
    assert clock.now() == 57.25
