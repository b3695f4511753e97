"""After a crash, the console's first window comes from the resume card (issue 14 §2): the right
speaker and countdown before the engine has loaded, the resume question over it, and nothing
sent to OBS until it is answered; the console's own window then takes over with the same show.
And the launcher's quick reading of the command line never disagrees with the console's parser.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from studio.clock import SimClock
from studio.runtime import simulated_obs_for
from ui import boot
from ui.app import main as console_main
from ui.options import build_parser


def gone(window: QWidget) -> bool:
    """Closed, and deleted or about to be."""
    return not isValid(window) or not window.isVisible()


def _takes(action: argparse.Action) -> str:
    if action.nargs == 0:
        return "switch"
    return "maybe" if action.nargs == "?" else "value"


def test_the_quick_reading_knows_every_option_of_the_console() -> None:
    declared: dict[str, str] = {}
    for action in build_parser()._actions:
        for flag in action.option_strings:
            if flag not in ("-h", "--help"):
                declared[flag] = _takes(action)
    quick = {flag: "switch" for flag in boot.SWITCHES}
    quick |= {flag: "value" for flag in boot.TAKES_VALUE}
    quick |= {flag: "maybe" for flag in boot.MAY_TAKE_VALUE}
    assert quick == declared


TOKENS = st.sampled_from(
    [
        "--dry-run", "--rehearsal", "--live", "--no-serve", "--journal", "--lang", "--speed",
        "--host", "--port", "--settings", "--serve", "--osc", "--osc-allow", "--jour", "-h",
        "en", "uk", "de", "2", "x", "a.yaml", "b.yaml", "j.jsonl", "0.0.0.0:4480",
        "--journal=j2.jsonl", "--lang=en", "--speed=3", "--osc=:9000", "--",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(TOKENS, max_size=7))
def test_the_quick_reading_agrees_with_the_parser_or_stands_aside(args: list[str]) -> None:
    quick = boot.quick_options(args)
    if quick is None:
        return  # not sure: no early window, the console's parser decides
    parser = build_parser()
    parser.error = lambda message: (_ for _ in ()).throw(ValueError(message))  # type: ignore[method-assign]
    try:
        opts = parser.parse_args(args)
    except ValueError:
        return  # the console will refuse these options and close the early window
    assert (quick.agenda, quick.mode, quick.journal, quick.lang) == (
        opts.agenda,
        opts.mode.value,
        opts.journal,
        opts.lang,
    )


@pytest.fixture
def data_home(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The user's data folder, as the console finds it, in tmp_path (pytest-qt puts Qt's
    standard paths in a test mode of their own: this test wants the real rule)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    QStandardPaths.setTestModeEnabled(False)
    try:
        assert boot.card_folder() == tmp_path / "data" / "studio-console" / "cards"
        yield boot.card_folder()
    finally:
        QStandardPaths.setTestModeEnabled(True)


@pytest.mark.asyncio
async def test_after_a_crash_the_show_is_painted_first_and_asked_about_before_any_cue(
    open_console, agenda, tmp_path, wait_until, data_home
) -> None:
    journal = tmp_path / "show.jsonl"
    clock = SimClock(agenda.planned_start)
    first = await open_console(clock=clock, journal=journal, cards=data_home)
    w = first.window
    QTest.keyClick(w.table, Qt.Key.Key_F5)
    for _ in range(3):
        clock.advance(200)
        QTest.keyClick(w.table, Qt.Key.Key_Space)
    clock.advance(95)
    first.bridge.refresh()
    speaker, shown = w.speaker_label.text(), w.countdown.text()
    scene = agenda.scene_map.scene(first.rt.show.current_cue().scene)  # as OBS names it
    assert speaker == "Representative — APPAU" and shown == "4:25"
    first.rt.remember_message("One minute")  # written at the crash: a fact, not an action
    await first.shutdown()  # the crash: no close question, the show still running

    args = ["--dry-run", "--lang", "en", "--journal", str(journal), str(agenda.path)]
    early = boot.early_window(args)
    assert early is not None and early.isVisible() and early.painted
    assert early.speaker_label.text() == speaker
    assert early.countdown.text() == shown
    assert "DRY RUN" in early.banner.text()

    sim = simulated_obs_for(agenda)
    second = await open_console(
        clock=clock,
        journal=journal,
        transport=sim,
        resume=None,
        start=False,
        early=early,
        cards=data_home,
    )
    starting = asyncio.ensure_future(second.start())
    await wait_until(lambda: second.pending_dialog is not None, what="the resume question")
    box = second.pending_dialog
    assert box.parent() is early and early.isVisible()  # asked over the show as it stands
    assert sim.program != scene  # nothing went to OBS: the question comes first
    box.accept_button.click()
    await starting
    assert gone(early)
    assert second.early is None
    second.bridge.refresh()
    assert second.window.speaker_label.text() == speaker
    assert second.window.countdown.text() == shown
    await wait_until(lambda: sim.program == scene, what="the speaker's scene on air")


def test_a_console_that_does_not_open_takes_the_early_window_away(
    qapp, agenda, tmp_path, data_home
) -> None:
    from studio.clock import SimClock as Clock
    from studio.modes import Mode
    from studio.resume_card import CardKeeper, card_path
    from studio.runtime import Runtime, RuntimeOptions

    journal = tmp_path / "show.jsonl"
    clock = Clock(agenda.planned_start)
    rt = Runtime.create(agenda, RuntimeOptions(mode=Mode.DRY_RUN, journal=journal), clock=clock)
    rt.act("start")

    async def keep() -> None:
        CardKeeper(rt, card_path(data_home, agenda.path, "dry-run")).flush()

    asyncio.run(keep())
    rt.close_journal()
    args = ["--dry-run", "--journal", str(journal), str(agenda.path)]
    early = boot.early_window(args)
    assert early is not None and early.isVisible()
    # The console then refuses its options (a speed only a dry-run may have, but below zero).
    assert console_main([*args, "--speed", "-1"], early=early) == 2
    assert gone(early)


def test_an_early_window_that_fails_says_why_for_the_log_and_the_console_still_opens(
    qapp, agenda, tmp_path, data_home, monkeypatch
) -> None:
    from studio.modes import Mode
    from studio.resume_card import CardKeeper, card_path
    from studio.runtime import Runtime, RuntimeOptions

    journal = tmp_path / "show.jsonl"
    rt = Runtime.create(
        agenda,
        RuntimeOptions(mode=Mode.DRY_RUN, journal=journal),
        clock=SimClock(agenda.planned_start),
    )
    rt.act("start")

    async def keep() -> None:
        CardKeeper(rt, card_path(data_home, agenda.path, "dry-run")).flush()

    asyncio.run(keep())
    rt.close_journal()

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("the screen went away")

    monkeypatch.setattr(boot, "_paint", broken)
    window, why = boot._early(["--dry-run", "--journal", str(journal), str(agenda.path)])
    assert window is None
    assert why is not None and "the screen went away" in why
