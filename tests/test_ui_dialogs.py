"""Confirmations: stream and recording start/stop, and closing the console during a show. Every
dialog is non-modal (open(), answered through a future), so the show keeps running under it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from studio.clock import SimClock
from studio.modes import Mode
from studio.obs.link import LinkState
from studio.obs.simulated import SimulatedObs
from studio.runtime import simulated_obs_for

pytestmark = pytest.mark.asyncio


def output_requests(sim: SimulatedObs) -> list[str]:
    names = {"StartStream", "StopStream", "StartRecord", "StopRecord"}
    return [t for t, _d in sim.requests if t in names]


async def answer(holder, yes: bool, wait_until) -> None:
    await wait_until(lambda: holder.pending_dialog is not None, what="a confirmation dialog")
    box = holder.pending_dialog
    assert isinstance(box, QMessageBox)
    assert box.isVisible()
    assert box.windowModality() != Qt.WindowModality.ApplicationModal
    (box.accept_button if yes else box.reject_button).click()
    await wait_until(lambda: holder.pending_dialog is None, what="the dialog to close")


async def test_stream_start_and_stop_ask_first(open_console, agenda, wait_until) -> None:
    sim = simulated_obs_for(agenda)
    # Live mode on a simulated OBS: the ON AIR banner is the real one.
    c = await open_console(mode=Mode.LIVE, transport=sim, clock=SimClock(agenda.planned_start))
    panel, banner = c.window.panel, c.window.banner
    await wait_until(lambda: panel.stream_button.isEnabled(), what="OBS online")
    assert banner.text() == "LIVE — off air"

    panel.stream_button.click()
    await answer(panel, False, wait_until)  # Cancel: nothing is sent
    assert output_requests(sim) == []

    panel.stream_button.click()
    await answer(panel, True, wait_until)
    await wait_until(lambda: sim.output_state("stream") == "OBS_WEBSOCKET_OUTPUT_STARTED")
    await wait_until(lambda: banner.on_air and c.monitor.banner.on_air, what="the ON AIR banners")
    assert banner.text() == "● ON AIR"
    assert c.monitor.banner.text() == "● ON AIR"
    await wait_until(
        lambda: (
            panel.stream_button.text() == "Stop stream"
            and panel.stream_label.text().startswith("Stream: ON AIR")
        ),
        what="the panel showing the stream on air",
        show=panel.stream_label.text,
    )

    panel.stream_button.click()
    await answer(panel, False, wait_until)
    assert sim.output_state("stream") == "OBS_WEBSOCKET_OUTPUT_STARTED"
    panel.stream_button.click()
    await answer(panel, True, wait_until)
    await wait_until(lambda: sim.output_state("stream") == "OBS_WEBSOCKET_OUTPUT_STOPPED")
    await wait_until(lambda: not banner.on_air, what="off air")
    assert output_requests(sim) == ["StartStream", "StopStream"]

    panel.record_button.click()
    await answer(panel, True, wait_until)
    await wait_until(lambda: sim.output_state("record") == "OBS_WEBSOCKET_OUTPUT_STARTED")
    await wait_until(lambda: panel.record_button.text() == "Stop recording")
    panel.record_button.click()
    await answer(panel, True, wait_until)
    await wait_until(lambda: sim.output_state("record") == "OBS_WEBSOCKET_OUTPUT_STOPPED")
    assert output_requests(sim) == ["StartStream", "StopStream", "StartRecord", "StopRecord"]


async def test_rehearsal_cannot_start_the_stream(open_console, agenda, wait_until) -> None:
    sim = simulated_obs_for(agenda)
    c = await open_console(mode=Mode.REHEARSAL, transport=sim)
    panel = c.window.panel
    await wait_until(lambda: panel.link_state is LinkState.ONLINE)
    assert c.window.banner.text().startswith("REHEARSAL")
    assert not panel.stream_button.isEnabled()
    assert panel.record_button.isEnabled()
    # Even asked directly, the guard refuses before anything reaches OBS.
    c.bridge.spawn(c.rt.link.output("start_stream"))
    await wait_until(lambda: "Rehearsal mode" in c.window.statusBar().currentMessage())
    assert output_requests(sim) == []


async def test_close_during_the_show_asks(open_console, agenda, wait_until) -> None:
    clock = SimClock(agenda.planned_start)
    c = await open_console(clock=clock)
    w = c.window
    c.bridge.act("start")
    w.close()
    await answer(w, False, wait_until)  # "Keep running"
    assert w.isVisible()
    assert not c._closed.done()
    clock.advance(20)
    c.bridge.refresh()
    assert w.countdown.text() == "4:40"  # the show ran on under the question

    w.close()
    await answer(w, True, wait_until)
    await wait_until(lambda: c._closed.done(), what="the console to close")
    assert not w.isVisible()


async def test_close_before_the_show_does_not_ask(open_console, wait_until) -> None:
    c = await open_console()
    c.window.close()
    assert c.window.pending_dialog is None
    await wait_until(lambda: c._closed.done())
