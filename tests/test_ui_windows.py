"""Windows and settings: the console opens with OBS down; geometry, dock, language and monitor
screen survive a restart; the speaker monitor's text scales with its window."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from studio.clock import SimClock
from studio.modes import Mode
from studio.obs.link import LinkState

pytestmark = pytest.mark.asyncio


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_window_opens_with_obs_down(open_console, agenda, wait_until) -> None:
    clock = SimClock(agenda.planned_start)
    c = await open_console(
        mode=Mode.REHEARSAL, clock=clock, host="127.0.0.1", port=closed_port(), password="x"
    )
    panel = c.window.panel
    assert c.window.isVisible()
    await wait_until(
        lambda: (
            panel.link_state in (LinkState.OFFLINE, LinkState.RECONNECTING)
            and panel.error_label.text()
        ),
        what="the connection failure",
    )
    assert panel.state_label.text().startswith("● Offline")
    assert panel.reconnect_button.isEnabled()
    assert not panel.stream_button.isEnabled() and not panel.record_button.isEnabled()
    c.bridge.act("start")  # the show runs without OBS
    clock.advance(61)
    c.bridge.refresh()
    assert c.window.countdown.text() == "3:59"
    panel.reconnect_button.click()  # retrying is harmless
    assert c.window.banner.text() == "REHEARSAL — real OBS, the stream cannot start"


async def test_settings_survive_a_restart(open_console, qsettings: QSettings, wait_until) -> None:
    first = await open_console()
    assert first.monitor.isVisible()
    first.window.setGeometry(60, 40, 1300, 820)
    first.window.dock.hide()
    first.window.language_actions["uk"].trigger()
    first.window.close()  # before the show: closes at once, saving its settings
    await wait_until(lambda: first._closed.done())
    geometry = first.window.geometry()
    await first.shutdown()
    assert qsettings.value("language") == "uk"
    assert qsettings.value("monitor/visible") in (True, "true")  # quitting is not hiding it

    second = await open_console()
    assert second.window.geometry() == geometry
    assert not second.window.dock.isVisible()
    assert second.monitor.isVisible()


async def test_monitor_on_the_second_screen_and_scaling(
    open_console, agenda, qsettings: QSettings, wait_until
) -> None:
    console_screen, stage = QGuiApplication.screens()
    c = await open_console(clock=SimClock(agenda.planned_start))
    mon, w = c.monitor, c.window
    # Two screens and no choice saved: the monitor opens on the one the console is not on.
    assert w.screen() is console_screen
    assert mon.isVisible() and w.monitor_action.isChecked()
    assert mon.screen() is stage
    assert w.isActiveWindow()  # ... and the moderator's keys still go to the console
    c.bridge.act("start")
    c.bridge.refresh()
    assert mon.countdown.text() == "5:00"

    menu = QMenu()
    mon.fill_screen_menu(menu)
    assert [a.text() for a in menu.actions()] == ["console (1920×1080)", "stage (1280×720)"]
    assert menu.actions()[1].isChecked()
    menu.actions()[0].trigger()  # onto the console's screen
    assert qsettings.value("monitor/screen") == "console"
    assert mon.chosen_screen() is console_screen
    assert console_screen.geometry().contains(mon.geometry().center())

    # The sizes compared are the countdown's in the window's final geometry, not on the way.
    mon.setGeometry(100, 100, 640, 360)

    def small_enough() -> bool:  # 640x360, or as near as the monitor's layout allows
        asked = QSize(640, 360).expandedTo(mon.minimumSize())
        return mon.size() == asked and mon.countdown.width() <= asked.width()

    await wait_until(
        small_enough,
        what="the small monitor laid out",
        show=mon.geometry,
    )
    small = mon.countdown.fitted_pixel_size()
    mon.set_fullscreen(True)  # 1920x1080
    await wait_until(
        lambda: (
            mon.isFullScreen()
            and mon.geometry() == console_screen.geometry()
            and mon.countdown.width() > 1000
        ),
        what="the full-screen monitor laid out",
        show=mon.geometry,
    )
    big = mon.countdown.fitted_pixel_size()
    assert big > 2 * small
    assert big >= 300  # on 1080 lines, the figures take about a third of the height or more
    mon.set_fullscreen(False)
    w.monitor_action.trigger()
    assert not mon.isVisible()
    assert qsettings.value("monitor/visible") in (False, "false")
