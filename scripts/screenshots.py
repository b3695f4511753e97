"""Render screenshots of the console offscreen (QWidget.grab) into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--lang uk|en] [--out DIR]

A dry-run of the default agenda on a simulated clock, stopped at telling moments: before the show,
a region's speaker in the warning phase, a discussion in overtime, the technician panel with OBS
gone, and the speaker monitor. Nothing is written outside the output folder (journal and settings
go to a temporary folder).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from studio.agenda import Agenda, load_agenda  # noqa: E402
from studio.clock import SimClock  # noqa: E402
from studio.modes import Mode  # noqa: E402
from studio.obs.link import LinkState  # noqa: E402
from studio.obs.simulated import SimulatedObs  # noqa: E402
from studio.runtime import RuntimeOptions  # noqa: E402
from ui.app import Console  # noqa: E402
from ui.style import apply_theme  # noqa: E402

MESSAGES = {
    "uk": "Залишилося півтори хвилини — підсумуйте, будь ласка",
    "en": "A minute and a half left — please wrap up",
}


async def wait_until(predicate: Callable[[], object], timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError("the console did not get there")
        await asyncio.sleep(0.02)


def save(widget: QWidget, out: Path, name: str) -> None:
    QApplication.processEvents()
    path = out / name
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def run_to(console: Console, clock: SimClock, agenda: Agenda, item_id: str, speaker: int) -> None:
    """Step through the show to a speaker, everyone a little over time (as shows go)."""
    rt = console.rt
    assert rt is not None
    target = next(
        s.index
        for s in agenda.segments
        if agenda.items[s.item_index].id == item_id and s.speaker_index == speaker
    )
    while rt.show.state.seg is not None and rt.show.state.seg < target:
        seg = agenda.segments[rt.show.state.seg]
        clock.advance(seg.allotted + (25 if seg.speaker_index is not None else -60))
        rt.act("next")


async def shoot(lang: str, out: Path) -> None:
    agenda = load_agenda(ROOT / "config" / "agenda.yaml")
    m = agenda.scene_map
    # An OBS that lacks the unused "slides" scene and the break timer, so preflight has a finding.
    sim = SimulatedObs(
        scenes=[v for k, v in m.scenes.items() if k != "slides"],
        inputs={v: m.text_input_kind for k, v in m.inputs.items() if k != "break_timer"},
    )
    clock = SimClock(agenda.planned_start - 95)
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue("monitor/visible", False)
        options = RuntimeOptions(mode=Mode.DRY_RUN, journal=Path(tmp) / "journal.jsonl")
        console = Console(
            agenda, options, settings=settings, language=lang, transport=sim, clock=clock
        )
        await console.start()
        try:
            w, bridge, rt = console.window, console.bridge, console.rt
            assert w is not None and bridge is not None and rt is not None
            bridge.timer.stop()  # a still picture: refresh by hand
            w.resize(1440, 900)
            await wait_until(lambda: rt.link.online)
            await asyncio.sleep(0.6)  # one health poll
            bridge.refresh()
            save(w, out, "01-pre-show.png")

            clock.advance(95)
            rt.act("start")
            run_to(console, clock, agenda, "region-kharkiv", 0)
            clock.advance(12 * 60 - 90)  # 1:30 left: amber
            bridge.set_message(MESSAGES[lang])
            await rt.idle()
            await asyncio.sleep(0.6)
            w.select_row(agenda.item_index("break-1"))
            st = bridge.refresh()
            assert st.phase.value == "warning", st.phase
            save(w, out, "02-region-warning.png")

            monitor = console.monitor
            assert monitor is not None
            monitor.resize(1280, 720)
            monitor.show()
            bridge.refresh()
            save(monitor, out, "05-speaker-monitor.png")
            monitor.hide()

            bridge.set_message("")
            w.table.clearSelection()
            run_to(console, clock, agenda, "discussion-1", 1)
            clock.advance(8 * 60 + 42)  # 42 s over
            await rt.idle()
            await asyncio.sleep(0.6)
            st = bridge.refresh()
            assert st.phase.value == "overtime", st.phase
            w.countdown.show_status(st, flash=True)
            save(w, out, "03-discussion-overtime.png")

            while rt.show.state.status == "running":
                st = bridge.refresh()
                clock.advance(max(0.0, st.remaining))
                rt.act("next")
            await rt.idle()
            w.make_report()
            await wait_until(lambda: w.report_dialog is not None)
            bridge.refresh()
            save(w, out, "06-show-ended.png")
            save(w.report_dialog, out, "07-report-question.png")
            w.report_dialog.answer(False)

            w.panel.run_preflight()
            sim.kill()
            await wait_until(lambda: rt.link.snap.state is not LinkState.ONLINE)
            await asyncio.sleep(1.2)  # a failed reconnect or two, for the log
            w.resize(1440, 1240)  # tall enough for the whole panel, the link log included
            save(w.dock, out, "04-technician-obs-offline.png")
        finally:
            await console.shutdown()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Render console screenshots offscreen.")
    p.add_argument("--lang", choices=("uk", "en"), default="uk")
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = p.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    apply_theme(app)  # type: ignore[arg-type]
    os.environ.setdefault("QT_API", "pyside6")
    import qasync  # after PySide6, so qasync binds to it

    qasync.run(shoot(args.lang, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
