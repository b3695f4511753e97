"""The technician panel: manual override until the next cue (from the console and by hand in
OBS), the alarm for a switch OBS did not confirm, preflight, and health thresholds in colour."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from studio.agenda import Agenda
from studio.clock import SimClock
from studio.obs.base import Health
from studio.obs.link import LinkState
from studio.obs.simulated import SimulatedObs
from studio.runtime import simulated_obs_for
from studio.view import health_levels
from ui import style


class DeafObs(SimulatedObs):
    """An OBS that switches scenes but never says so (a lost CurrentProgramSceneChanged)."""

    def _emit(self, event_type: str, data: dict[str, Any]) -> None:
        if event_type != "CurrentProgramSceneChanged":
            super()._emit(event_type, data)


class StrainedObs(SimulatedObs):
    """An OBS under load: high CPU, a low frame rate, and 3 of every 100 frames skipped now
    (after a long clean run: the panel judges the last seconds, not the total)."""

    polls = 0

    def _r_GetStats(self, d: dict[str, Any]) -> dict[str, Any]:
        stats = super()._r_GetStats(d)
        self.polls += 1
        stats.update(
            cpuUsage=95.0,
            activeFps=21.0,
            renderSkippedFrames=5 + 3 * self.polls,
            renderTotalFrames=1_000_000 + 100 * self.polls,
        )
        return stats


def obs_like(cls: type[SimulatedObs], agenda: Agenda, **drop: str) -> SimulatedObs:
    m = agenda.scene_map
    return cls(
        scenes=[v for k, v in m.scenes.items() if k not in drop.get("scenes", "")],
        inputs={
            v: m.text_input_kind for k, v in m.inputs.items() if k not in drop.get("inputs", "")
        },
    )


def color(label) -> str:
    return label.styleSheet().split("color:")[1].split(";")[0].strip()


@pytest.mark.asyncio
async def test_manual_override_until_the_next_cue(
    open_console, agenda, wait_until, switch_confirmed
) -> None:
    sim = simulated_obs_for(agenda)
    c = await open_console(transport=sim, clock=SimClock(agenda.planned_start))
    w, panel = c.window, c.window.panel
    await wait_until(lambda: panel.link_state is LinkState.ONLINE)
    QTest.keyClick(w.table, Qt.Key.Key_F5)
    studio, slides = agenda.scene_map.scene("studio"), agenda.scene_map.scene("slides")
    await wait_until(lambda: switch_confirmed(c, studio), what="the cue's scene confirmed")

    panel.scene_button(slides).click()
    await wait_until(lambda: sim.program == slides, what="the manual scene")
    await wait_until(lambda: panel.manual_label.isVisibleTo(panel))
    assert panel.manual_label.text() == f"Manual: «{slides}» — until the next cue"
    assert "#ef6c00" in panel.scene_button(slides).styleSheet()
    # The ticking timer text must not take the scene back: a second passes, the tick sends it.
    c.rt.clock.advance(1)
    await c.rt.director.tick()
    timer = agenda.scene_map.input("speaker_timer")
    assert sim.inputs[timer]["settings"]["text"] == "4:59"
    assert sim.program == slides

    QTest.keyClick(w.table, Qt.Key.Key_Space)  # the next cue takes over again
    remote = agenda.scene_map.scene("remote")
    await wait_until(
        lambda: sim.program == remote and not panel.manual_label.isVisibleTo(panel),
        what="the next cue's scene, and the manual note gone",
    )

    # A hand on OBS itself (the link ignores its own scenes for 2 s, so another one).
    sim.switch_by_hand(agenda.scene_map.scene("closing"))
    await wait_until(lambda: panel.manual_label.isVisibleTo(panel), what="the override noticed")
    assert "Scene switched by hand in OBS" in panel.log_text()
    panel.release_button.click()  # "Back to cue"
    await wait_until(lambda: sim.program == remote, what="the cue's scene again")


@pytest.mark.asyncio
async def test_unconfirmed_switch_raises_the_alarm(open_console, agenda, wait_until) -> None:
    sim = obs_like(DeafObs, agenda)
    c = await open_console(transport=sim, clock=SimClock(agenda.planned_start))
    panel = c.window.panel
    await wait_until(lambda: panel.link_state is LinkState.ONLINE)
    assert not panel.unconfirmed_label.isVisibleTo(panel)
    c.bridge.act("start")
    studio = agenda.scene_map.scene("studio")
    alarm = f"⚠ OBS did not confirm the switch to «{studio}»: check OBS now"
    await wait_until(
        lambda: (
            panel.unconfirmed_label.isVisibleTo(panel) and panel.unconfirmed_label.text() == alarm
        ),
        what="the alarm for the studio scene",
        show=panel.unconfirmed_label.text,
    )
    assert "NOT confirmed" in panel.log_text()


@pytest.mark.asyncio
async def test_preflight_lists_what_obs_lacks(open_console, agenda, wait_until) -> None:
    sim = obs_like(SimulatedObs, agenda, scenes="slides panel", inputs="break_timer")
    c = await open_console(transport=sim)
    panel = c.window.panel
    panel.run_preflight()
    assert not panel.preflight_result.online
    assert "OBS is not connected" in panel.preflight_label.text()
    await wait_until(lambda: panel.link_state is LinkState.ONLINE)
    panel.preflight_button.click()
    r = panel.preflight_result
    missing = {(m.logical, m.used) for m in r.missing_scenes}
    assert missing == {("slides", False), ("panel", True)}
    assert [m.logical for m in r.missing_inputs] == ["break_timer"]
    assert r.blocking and not r.passed
    text = panel.preflight_label.text()
    assert "the show cannot run as planned" in text
    assert "Missing scene «Панель» (panel): the agenda uses it" in text
    assert "Stream: idle" in text


@pytest.mark.asyncio
async def test_health_thresholds_in_colour(open_console, agenda, wait_until) -> None:
    c = await open_console(transport=obs_like(StrainedObs, agenda))
    panel = c.window.panel
    await wait_until(
        lambda: panel.health_values["render_skipped"].text() == "3.00 %", what="two health polls"
    )
    assert color(panel.health_values["cpu"]) == style.LEVEL_FG["bad"]
    assert color(panel.health_values["fps"]) == style.LEVEL_FG["warn"]
    assert color(panel.health_values["render_skipped"]) == style.LEVEL_FG["bad"]
    assert panel.health_values["render_skipped"].text() == "3.00 %"
    assert color(panel.health_values["output_skipped"]) == style.LEVEL_FG["ok"]
    assert panel.health_values["bitrate"].text() == "—"  # not streaming


def test_health_levels() -> None:
    calm = Health(active_fps=30, cpu=5, bitrate_kbps=6000)
    assert set(health_levels(calm, streaming=True, online=True).values()) == {"ok"}
    rough = Health(active_fps=10, cpu=75, output_skipped_pct=1, congestion=0.5, bitrate_kbps=200)
    assert health_levels(rough, streaming=True, online=True) == {
        "fps": "bad",
        "cpu": "warn",
        "render_skipped": "ok",
        "output_skipped": "warn",
        "congestion": "bad",
        "bitrate": "bad",
    }
    assert set(health_levels(rough, streaming=False, online=False).values()) == {"none"}
