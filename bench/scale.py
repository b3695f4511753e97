"""Scale: a generated 2,000-item agenda (bench.agendas.big_agenda).

- load + validate: `studio.agenda.load_agenda` on the file (YAML with positions, models, schedule),
  the first call in this process and the median of three;
- table render: a fresh AgendaModel on a Runtime in a fresh QTableView configured as the
  console's own table (header resize modes and column widths copied from a real MainWindow),
  sized like the console's table, from creation to its first full paint through `grab()`; before
  the show and with the show running at item 1,000 (every earlier row then has an actual
  duration to compute);
- the console window holding the 2,000 items while the show runs at item 1,000: one Next key
  press, and one refresh tick in which the running row's actual duration changes (once a
  second), each until the window has processed what it posted and repainted;
- the engine's status() for one refresh with 2,000 items (the console asks at every refresh).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.common import Row, median, ms, verdict
from studio.agenda import Agenda

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView

    from studio.runtime import Runtime
    from ui.agenda_model import AgendaModel
    from ui.bridge import EngineBridge
    from ui.i18n import LanguageManager
    from ui.main_window import MainWindow

ITEMS = 2000
STEP_S = 20.0
# Extra set-up for the table after MainWindow's own (bench.whatif adds to it).
TABLE_SETUP: list[Callable[[Any, Any], None]] = []
TARGET_S = 0.300


@dataclass
class ScaleResult:
    items: int = 0
    segments: int = 0
    load_first: float = 0.0
    load_runs: list[float] = field(default_factory=list)
    table_pre: float = 0.0
    table_running: float = 0.0
    next_key: float = 0.0
    tick: float = 0.0
    status_call: float = 0.0


def _console_window(
    rt: Runtime, bridge: EngineBridge, lang: LanguageManager, settings: Any
) -> MainWindow:
    """The console's MainWindow for `rt`, built as ui.app.Console.start builds it (not shown)."""
    from ui.main_window import MainWindow
    from ui.monitor import SpeakerMonitor
    from ui.widgets import ModeBanner

    monitor = SpeakerMonitor(bridge, lang, ModeBanner(rt.mode, 1.0), settings)
    return MainWindow(rt, bridge, lang, settings, monitor, 1.0)


def _table(
    rt: Runtime, bridge: EngineBridge, lang: LanguageManager, like: QTableView
) -> tuple[AgendaModel, QTableView]:
    """A fresh AgendaModel in a fresh QTableView configured as the console configures its own
    table: `like` is the table of a real MainWindow, whose header resize modes and fixed column
    widths are copied (so this follows ui/main_window.py as it changes)."""
    from PySide6.QtWidgets import QHeaderView, QTableView

    from ui.agenda_model import AgendaModel

    model = AgendaModel(rt, bridge, lang)
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(like.selectionBehavior())
    table.setSelectionMode(like.selectionMode())
    table.setEditTriggers(like.editTriggers())
    table.verticalHeader().setVisible(like.verticalHeader().isVisible())
    table.setWordWrap(like.wordWrap())
    table.setFont(like.font())
    header, model_header = table.horizontalHeader(), like.horizontalHeader()
    header.setResizeContentsPrecision(model_header.resizeContentsPrecision())
    for col in range(AgendaModel.COLUMNS):
        mode = model_header.sectionResizeMode(col)
        header.setSectionResizeMode(col, mode)
        if mode in (QHeaderView.ResizeMode.Fixed, QHeaderView.ResizeMode.Interactive):
            header.resizeSection(col, model_header.sectionSize(col))
    for extra in TABLE_SETUP:
        extra(table, model)
    table.resize(1000, 330)  # the table's share of a 1440x900 console window
    return model, table


def _journal_at_item(agenda: Agenda, path: Path, item_index: int) -> float:
    """Write the journal of a show started on plan and moved on item by item (every 20 s) to
    `item_index`, as the console would have written it; returns the show time of its last entry.
    (Replaying it is what a console does after a restart; writing it through the show would
    fsync a thousand times.)"""
    from studio.journal import Entry
    from studio.modes import Mode
    from studio.runtime import journal_info

    t = agenda.planned_start
    entries = [
        Entry(1, t, "meta", "journal", journal_info(agenda, Mode.DRY_RUN)),
        Entry(2, t, "action", "start", {}),
    ]
    for i in range(1, item_index + 1):
        t += STEP_S
        entries.append(Entry(len(entries) + 1, t, "action", "goto", {"item": agenda.items[i].id}))
    path.write_text("".join(e.to_json() + "\n" for e in entries), encoding="utf-8")
    return t + STEP_S


def _render(agenda: Agenda, workdir: Path, running: bool) -> float:
    from PySide6.QtCore import QSettings

    from studio.clock import SimClock
    from studio.modes import Mode
    from studio.runtime import Runtime, RuntimeOptions
    from ui.bridge import EngineBridge
    from ui.i18n import LanguageManager

    journal = workdir / f"scale-{'running' if running else 'pre'}.jsonl"
    journal.unlink(missing_ok=True)
    now = _journal_at_item(agenda, journal, ITEMS // 2) if running else agenda.planned_start
    clock = SimClock(now)
    rt = Runtime.create(agenda, RuntimeOptions(mode=Mode.DRY_RUN, journal=journal), clock=clock)
    lang = LanguageManager()
    lang.set_language("en")
    bridge = EngineBridge(rt)
    settings = QSettings(str(workdir / "scale.ini"), QSettings.Format.IniFormat)
    window = _console_window(rt, bridge, lang, settings)
    try:
        t0 = time.perf_counter()
        _model, table = _table(rt, bridge, lang, like=window.table)
        table.grab()
        took = time.perf_counter() - t0
        table.deleteLater()
    finally:
        window.monitor.deleteLater()
        window.deleteLater()
        bridge.detach()
        lang.uninstall()
        rt.journal.close()
    return took


async def _console_at_item_1000(agenda: Agenda, workdir: Path) -> tuple[float, float]:
    """The console on the 2,000 items with the show at item 1,000: (Next key, refresh tick),
    each until the window has finished reacting (posted events processed, repainted)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from bench.qt import close_console, drain_events, open_console, outside_tasks
    from studio.clock import SimClock
    from studio.modes import Mode
    from studio.runtime import RuntimeOptions

    journal = workdir / "scale-console.jsonl"
    journal.unlink(missing_ok=True)
    clock = SimClock(_journal_at_item(agenda, journal, ITEMS // 2))
    c = await open_console(
        agenda,
        RuntimeOptions(mode=Mode.DRY_RUN, journal=journal),
        workdir,
        clock=clock,
        resume=True,
    )
    try:
        assert c.window is not None and c.bridge is not None
        w, bridge = c.window, c.bridge
        bridge.timer.stop()  # the bench drives the refresh
        await asyncio.sleep(0.3)
        w.table.setFocus()

        def settle() -> None:
            drain_events()
            w.repaint()

        def key() -> float:
            settle()
            t0 = time.perf_counter()
            QTest.keyClick(w.table, Qt.Key.Key_Space)
            settle()
            return time.perf_counter() - t0

        def tick() -> float:
            settle()
            clock.advance(1.0)  # a new second: the running row's actual duration changes
            t0 = time.perf_counter()
            bridge.refresh()
            settle()
            return time.perf_counter() - t0

        next_key = await outside_tasks(key)
        ticks = [await outside_tasks(tick) for _ in range(3)]
        return next_key, median(ticks)
    finally:
        await close_console(c)


def measure(workdir: Path) -> ScaleResult:
    from bench import qt
    from bench.agendas import big_agenda
    from studio.agenda import load_agenda

    qt.app()
    workdir.mkdir(parents=True, exist_ok=True)
    path = big_agenda(workdir / "agenda-2000.yaml", ITEMS)
    res = ScaleResult()
    t0 = time.perf_counter()
    agenda = load_agenda(path)
    res.load_first = time.perf_counter() - t0
    for _ in range(3):
        t0 = time.perf_counter()
        load_agenda(path)
        res.load_runs.append(time.perf_counter() - t0)
    res.items, res.segments = len(agenda.items), len(agenda.segments)
    res.table_pre = _render(agenda, workdir, running=False)
    res.table_running = _render(agenda, workdir, running=True)
    res.next_key, res.tick = qt.run(_console_at_item_1000(agenda, workdir))

    from studio.clock import SimClock
    from studio.journal import Journal
    from studio.show import Show

    status_journal = workdir / "scale-status.jsonl"
    status_journal.unlink(missing_ok=True)
    now = _journal_at_item(agenda, status_journal, ITEMS // 2)
    calls: list[float] = []
    with Journal(status_journal) as journal:
        show = Show(agenda, SimClock(now), journal)
        for _ in range(20):
            t0 = time.perf_counter()
            show.status()
            calls.append(time.perf_counter() - t0)
    res.status_call = median(calls)
    return res


def rows(res: ScaleResult) -> list[Row]:
    name = f"scale ({res.items} items, {res.segments} segments)"
    load = median(res.load_runs)
    worst_table = max(res.table_pre, res.table_running)
    return [
        Row(
            name,
            "load + validate (median of 3; first call)",
            f"{ms(load, 0)} ({ms(res.load_first, 0)})",
            "≤ 300 ms",
            verdict(max(load, res.load_first) <= TARGET_S),
        ),
        Row(
            name,
            "table first full paint: pre-show / running at item 1000",
            f"{ms(res.table_pre, 0)} / {ms(res.table_running, 0)}",
            "≤ 300 ms",
            verdict(worst_table <= TARGET_S),
        ),
        Row(
            name,
            "console at item 1000: Next key / one refresh tick, until repainted",
            f"{ms(res.next_key, 0)} / {ms(res.tick, 0)}",
            note="a tick that changes the running row's actual time, once a second",
        ),
        Row(name, "engine status() per refresh, at item 1000", ms(res.status_call, 2)),
    ]
