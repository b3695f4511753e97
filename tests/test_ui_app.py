"""Start-up through `ui.app.main`, as `studio --dry-run` runs it: options, a bad agenda (problems
with file:line:col on stderr, exit code 2, no traceback), and a real start and close."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from studio.obs.link import LinkState
from ui.app import main
from ui.main_window import MainWindow
from ui.options import build_parser


def test_bad_agenda_prints_problems_and_exits_2(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "agenda.yaml"
    bad.write_text(
        "event:\n  id: x\n  title: X\n  date: 2021-03-09\n  start: '10:00'\n  end: '09:00'\n"
        "items:\n  - id: a\n    kind: talk\n    title: A\n    scene: studio\n    duration: 5\n",
        encoding="utf-8",
    )
    assert main([str(bad), "--dry-run"]) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith(str(bad) + ":")]
    assert lines, err
    assert all(line.split(":")[1].isdigit() and line.split(":")[2].isdigit() for line in lines)
    assert "Traceback" not in err


def test_missing_agenda_and_bad_options(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path / "none.yaml"), "--dry-run"]) == 2
    assert "none.yaml:1:1: cannot read the file" in capsys.readouterr().err
    assert main(["--speed", "10"]) == 2  # --speed only in dry-run
    assert "--dry-run" in capsys.readouterr().err
    assert main(["--dry-run", "--rehearsal"]) == 2  # argparse: not allowed together
    assert main(["--lang", "de"]) == 2


def test_options() -> None:
    args = build_parser().parse_args(["x.yaml", "--dry-run", "--speed", "10", "--lang", "en"])
    assert (args.agenda, args.mode.value, args.speed, args.lang) == ("x.yaml", "dry-run", 10, "en")
    args = build_parser().parse_args([])
    assert (args.agenda, args.mode.value) == ("config/agenda.yaml", "live")


def test_main_opens_the_console_and_closes(qapp: QApplication, tmp_path: Path) -> None:
    seen: dict[str, object] = {}

    def look() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        live = [w for w in windows if w.isVisible()]
        if not live or live[0].panel.link_state is not LinkState.ONLINE:
            QTimer.singleShot(50, look)
            return
        w = live[0]
        seen["title"] = w.windowTitle()
        seen["banner"] = w.banner.text()
        seen["countdown"] = w.countdown.text()
        seen["hold"] = w.hold_label.text()
        w.close()  # before the show starts: no question

    QTimer.singleShot(0, look)
    journal = tmp_path / "journal.jsonl"
    agenda = Path(__file__).resolve().parent.parent / "config" / "agenda.yaml"
    code = main(
        [str(agenda), "--dry-run", "--speed", "20", "--lang", "en", "--journal", str(journal)]
    )
    assert code == 0
    assert seen["title"] == "Studio Console — Final event of the «Integration 4.0» project"
    assert seen["banner"] == "DRY RUN — simulated OBS, nothing goes on air · clock ×20"
    # The dry-run clock starts two minutes before the planned start; it counts down to it.
    assert re.fullmatch(r"[12]:\d\d", str(seen["countdown"])), seen["countdown"]
    assert seen["hold"] == "until the planned start"


@pytest.fixture(autouse=True)
def _no_leftover_windows(qapp: QApplication):
    yield
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow) and w.isVisible():
            w.confirm_close()
