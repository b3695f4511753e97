"""The whole default show driven by key presses through the real window: against the in-process
SimulatedObs (dry-run) and against the protocol-level fake obs-websocket server (rehearsal).

The scene sequence OBS received is compared with the one the agenda and the scene map imply.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from studio.clock import SimClock
from studio.modes import Mode
from studio.obs.link import LinkState
from studio.show import ItemState
from ui.agenda_model import AgendaModel

pytestmark = pytest.mark.asyncio

NEXT_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_PageDown)


def planned_scenes(agenda: Any) -> list[str]:
    """OBS scene per segment, in order, then the end scene."""
    m = agenda.scene_map
    out = []
    for seg in agenda.segments:
        item = agenda.items[seg.item_index]
        sp = item.speakers[seg.speaker_index] if seg.speaker_index is not None else None
        out.append(m.scene(sp.scene if sp and sp.scene else item.scene))
    out.append(m.scene(agenda.event.end_scene))
    return out


def collapse(scenes: list[str], first_program: str) -> list[str]:
    """What SetCurrentProgramScene requests follow: nothing is sent for the scene already on."""
    out, on = [], first_program
    for scene in scenes:
        if scene != on:
            out.append(scene)
            on = scene
    return out


async def drive_whole_show(c: Any, agenda: Any, clock: SimClock, program: Any, wait_until) -> list:
    """Start with F5 at the planned start, then Next by the clicker keys, each speaker keeping
    exactly to time, with two Backs on the way; returns the scenes in the order they went on."""
    w = c.window
    w.table.setFocus()  # the clicker must work while the table has the focus
    expected = planned_scenes(agenda)
    clock.set(agenda.planned_start)
    QTest.keyClick(w.table, Qt.Key.Key_F5)
    sequence = [expected[0]]
    keys = itertools.cycle(NEXT_KEYS)
    backs = {1: Qt.Key.Key_PageUp, 10: Qt.Key.Key_Left}  # where the scene differs from before
    seg = 0
    while c.rt.show.state.status == "running":
        await wait_until(lambda s=sequence[-1]: program() == s, what=f"scene {sequence[-1]}")
        st = c.bridge.refresh()
        assert st.segment == seg
        assert w.item_label.text() == st.item.title.get("en")
        assert w.model.current_row() == st.item_index
        back = backs.pop(seg, None)
        if back is not None:
            QTest.keyClick(w.table, back)
            assert c.rt.show.state.seg == seg - 1
            before = expected[seg - 1]
            sequence.append(before)
            await wait_until(lambda s=before: program() == s, what="the scene after Back")
            QTest.keyClick(w.table, next(keys))
            sequence.append(expected[seg])
            continue
        clock.advance(agenda.segments[seg].allotted)
        QTest.keyClick(w.table, next(keys))
        seg += 1
        sequence.append(expected[seg])
    await wait_until(lambda: program() == expected[-1], what="the end scene")
    return sequence


async def test_whole_show_by_keys_dry_run(open_console, agenda, wait_until) -> None:
    clock = SimClock(agenda.planned_start - 30)
    c = await open_console(clock=clock)
    sim = c.rt.transport
    await wait_until(lambda: c.rt.link.online, what="the simulated OBS")
    first_program = sim.program
    sequence = await drive_whole_show(c, agenda, clock, lambda: sim.program, wait_until)
    await c.rt.idle()

    requested = [d["sceneName"] for t, d in sim.requests if t == "SetCurrentProgramScene"]
    assert requested == collapse(sequence, first_program)
    st = c.bridge.refresh()
    assert st.status == "ended"
    assert c.window.item_label.text() == "The show has ended"
    model = c.window.model
    states = [c.rt.show.item_state(i) for i in range(model.rowCount())]
    assert states == [ItemState.DONE] * len(agenda.items)
    assert model.data(model.index(0, AgendaModel.STATE)) == "done"
    assert model.data(model.index(0, AgendaModel.ACTUAL_DUR)) == "15:00"
    # Every speaker kept to time and the Backs took no show time: the show ends on plan.
    assert round(st.offset) == 0


async def test_keys_before_start_and_goto_selected(open_console, agenda, wait_until) -> None:
    clock = SimClock(agenda.planned_start)
    c = await open_console(clock=clock)
    w = c.window
    QTest.keyClick(w.table, Qt.Key.Key_Space)
    assert c.rt.show.state.status == "pre"
    assert "press Start (F5)" in w.statusBar().currentMessage()
    assert not w.buttons["goto"].isEnabled()
    w.select_row(agenda.item_index("break-1"))
    assert w.buttons["goto"].isEnabled()
    QTest.keyClick(w.table, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    st = c.bridge.refresh()
    assert st.item.id == "break-1"
    assert w.speaker_label.text() == "Break"
    sim = c.rt.transport
    await wait_until(lambda: sim.program == agenda.scene_map.scene("break"))
    # Skip (button) the break: on to the first discussion.
    w.buttons["skip"].click()
    st = c.bridge.refresh()
    assert st.item.id == "discussion-1"
    assert c.rt.show.item_state(agenda.item_index("break-1")) is ItemState.SKIPPED
    assert w.model.data(w.model.index(agenda.item_index("break-1"), AgendaModel.STATE)) == (
        "skipped"
    )
    # The hotkey is a chord: S alone does nothing, Ctrl+Shift+S skips the discussion too.
    QTest.keyClick(w.table, Qt.Key.Key_S)
    assert c.bridge.refresh().item.id == "discussion-1"
    chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(w.table, Qt.Key.Key_S, chord)
    assert c.bridge.refresh().item.id == agenda.items[agenda.item_index("discussion-1") + 1].id
    assert c.rt.show.item_state(agenda.item_index("discussion-1")) is ItemState.SKIPPED


async def test_whole_show_against_protocol_server(open_console, agenda, wait_until) -> None:
    """Rehearsal mode over the real client library (obsws-python) and a protocol-level server."""
    obsws_server = pytest.importorskip("tests.obsws_server")
    m = agenda.scene_map
    password = "studio-test"
    with obsws_server.FakeObs(
        password=password,
        scenes=list(dict.fromkeys(m.scenes.values())),
        inputs={name: m.text_input_kind for name in m.inputs.values()},
    ) as srv:
        clock = SimClock(agenda.planned_start - 30)
        c = await open_console(
            mode=Mode.REHEARSAL,
            clock=clock,
            host="127.0.0.1",
            port=srv.port,
            password=password,
        )
        await wait_until(lambda: c.rt.link.snap.state is LinkState.ONLINE, what="fake OBS")
        panel = c.window.panel
        assert panel.link_state is LinkState.ONLINE
        assert panel.versions_label.text() == "OBS 30.2.3 · obs-websocket 5.5.4"
        assert not panel.stream_button.isEnabled()  # rehearsal: no stream start
        panel.run_preflight()
        assert panel.preflight_result.passed
        first_program = c.rt.link.snap.program
        sequence = await drive_whole_show(
            c, agenda, clock, lambda: c.rt.link.snap.program, wait_until
        )
        await c.rt.idle()
        requested = [r["sceneName"] for r in srv.requests_of("SetCurrentProgramScene")]
        assert requested == collapse(sequence, first_program)
        assert "StartStream" not in srv.request_types()
        await c.shutdown()
