"""OBS health levels and the incidents they make for the as-run report."""

from __future__ import annotations

from studio.obs.base import Health
from studio.obs.health import IncidentTracker, health_levels

GOOD = Health(active_fps=30.0, cpu=5.0, bitrate_kbps=6000.0)


def poll(tracker: IncidentTracker, health: Health, now: float, streaming: bool = True) -> list:
    return tracker.update(health_levels(health, streaming, online=True), health, now)


def test_levels_follow_the_thresholds_and_stream_figures_only_while_streaming() -> None:
    hot = Health(active_fps=14.0, cpu=75.0, congestion=0.5, bitrate_kbps=200.0)
    assert health_levels(hot, streaming=True, online=True) == {
        "fps": "bad",
        "cpu": "warn",
        "render_skipped": "ok",
        "output_skipped": "ok",
        "congestion": "bad",
        "bitrate": "bad",
    }
    idle = health_levels(hot, streaming=False, online=True)
    assert idle["congestion"] == idle["bitrate"] == "none"
    assert set(health_levels(hot, streaming=True, online=False).values()) == {"none"}


def test_a_figure_wavering_at_its_threshold_is_one_incident_with_its_worst_value() -> None:
    t = IncidentTracker(settle_s=5.0)
    assert poll(t, GOOD, 0.0) == []
    started = poll(t, Health(active_fps=22.0, cpu=5.0, bitrate_kbps=6000.0), 1.0)
    assert started == [
        {"event": "start", "figure": "fps", "level": "warn", "value": 22.0, "since": 1.0}
    ]
    # Back in range for less than the settle time, then out again, lower: the same incident.
    assert poll(t, GOOD, 2.0) == []
    assert poll(t, Health(active_fps=12.0, cpu=5.0, bitrate_kbps=6000.0), 4.0) == []
    assert poll(t, Health(active_fps=20.0, cpu=5.0, bitrate_kbps=6000.0), 5.0) == []
    assert poll(t, GOOD, 6.0) == []
    assert poll(t, GOOD, 10.9) == []
    assert t.open_figures == ["fps"]
    ended = poll(t, GOOD, 11.0)
    assert ended == [
        {
            "event": "end",
            "figure": "fps",
            "level": "bad",
            "value": 12.0,
            "since": 1.0,
            "until": 6.0,  # back in range from 6 s on; the end is told once it has held
            "lasted_s": 5.0,
        }
    ]
    assert t.open_figures == []


def test_obs_lost_closes_the_open_incidents() -> None:
    t = IncidentTracker(settle_s=5.0)
    poll(t, Health(active_fps=30.0, cpu=96.0, bitrate_kbps=6000.0), 0.0)
    poll(t, Health(active_fps=30.0, cpu=99.0, bitrate_kbps=6000.0), 1.0)
    assert t.close_all(3.0) == [
        {
            "event": "end",
            "figure": "cpu",
            "level": "bad",
            "value": 99.0,
            "since": 0.0,
            "until": 3.0,
            "lasted_s": 3.0,
        }
    ]
    assert t.close_all(4.0) == []


def test_the_stream_stopping_ends_a_stream_figure_incident() -> None:
    t = IncidentTracker(settle_s=1.0)
    congested = Health(active_fps=30.0, cpu=5.0, congestion=0.4, bitrate_kbps=6000.0)
    assert poll(t, congested, 0.0)[0]["figure"] == "congestion"
    assert poll(t, congested, 1.0, streaming=False) == []
    assert poll(t, congested, 2.0, streaming=False)[0]["event"] == "end"


def test_skipped_frames_are_judged_on_the_last_seconds_not_since_obs_started() -> None:
    from studio.obs.health import FrameWindow

    w = FrameWindow(seconds=10.0)
    # Four hours in at 30 fps with 2,000 frames skipped long ago: nothing is wrong now.
    total = 4 * 3600 * 30
    assert w.add(0.0, 2000, total, 0, 0) == (0.0, 0.0)
    assert w.add(5.0, 2000, total + 150, 0, 0) == (0.0, 0.0)
    # A burst now: 30 of the last 300 frames (10 s) were skipped, 10 %, not 0.5 % of all time.
    render, _ = w.add(10.0, 2030, total + 300, 0, 0)
    assert render == 10.0
    # Ten seconds later the burst has left the window.
    w.add(15.0, 2030, total + 450, 0, 0)
    render, _ = w.add(21.0, 2030, total + 630, 0, 0)
    assert render == 0.0
    # Counters that go back (OBS restarted) start a new window instead of a negative share.
    assert w.add(22.0, 0, 30, 0, 0) == (0.0, 0.0)


def test_bitrate_unknown_until_two_samples_of_one_stream() -> None:
    from studio.obs.base import OutputStatus
    from studio.obs.client import health_from
    from studio.obs.health import FrameWindow

    frames = FrameWindow()
    live = OutputStatus(active=True, state="started", bytes=1_000_000)
    first, prev = health_from({}, live, None, 10.0, frames)
    assert first.bitrate_kbps is None
    assert health_levels(first, streaming=True, online=True)["bitrate"] == "none"
    later = OutputStatus(active=True, state="started", bytes=1_750_000)
    second, _ = health_from({}, later, prev, 11.0, frames)
    assert second.bitrate_kbps == 6000.0
    # A restarted OBS whose byte count went back: unknown again, never a false "0 kb/s".
    restarted = OutputStatus(active=True, state="started", bytes=10_000)
    third, _ = health_from({}, restarted, (11.0, 1_750_000), 12.0, frames)
    assert third.bitrate_kbps is None
