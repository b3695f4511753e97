"""File → Open agenda and the agenda file's watch: before the start a changed file is offered for
reload and another agenda (YAML or a rundown spreadsheet) replaces the console; after the start
both are refused with the reason; a broken file is named problem by problem and the console
keeps its agenda."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from studio.agenda import load_agenda
from studio.modes import Mode
from studio.rundown.writer import export_rundown
from studio.runtime import RuntimeOptions
from tests.rundown_util import ROOT
from ui import agenda_file
from ui.agenda_file import ConsoleSession

pytestmark = pytest.mark.asyncio

SCREENSHOT = os.environ.get("AGENDA_NOTICE_PNG")  # set to keep a picture of the notice


@pytest.fixture
def agenda(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The default agenda, from a copy the tests may change (never config/ itself)."""
    (tmp_path / "config").mkdir()
    shutil.copytree(ROOT / "scenes", tmp_path / "scenes")
    path = tmp_path / "config" / "agenda.yaml"
    shutil.copy(ROOT / "config" / "agenda.yaml", path)
    monkeypatch.setattr(agenda_file, "imports_dir", lambda: tmp_path / "imported")
    return load_agenda(path)


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


async def test_the_file_menu_opens_agendas_and_rundowns(open_console) -> None:
    console = await open_console()
    w = console.window
    bar = w.menuBar()
    first = bar.actions()[0].menu()
    assert first is console.agenda_file.menu
    assert first.title() == "&File"
    assert [a.text() for a in first.actions()] == ["Open agenda…", "Reload the agenda"]
    assert console.agenda_file.open_action.shortcut().toString() == "Ctrl+O"
    console.agenda_file.open_action.trigger()
    dialog = console.agenda_file.dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    assert dialog.nameFilters()[0] == "Agendas and rundowns (*.yaml *.yml *.xlsx *.ods *.csv)"
    dialog.reject()


async def test_a_changed_file_is_offered_for_reload_before_the_start(
    open_console, agenda, wait_until
) -> None:
    console = await open_console()
    notice = console.agenda_file.notice
    assert not notice.isVisible()
    edit(agenda.path, "duration: 15m", "duration: 10m")
    await wait_until(notice.isVisible, what="the notice that the agenda changed")
    assert notice.text.text() == (
        "The agenda file agenda.yaml changed on disk. Reload it? The show has not started: the "
        "console opens again on the changed agenda."
    )
    assert notice.reload_button.isVisible() and notice.reload_button.text() == "Reload"
    if SCREENSHOT:
        console.window.grab().save(SCREENSHOT)
        notice.grab().save(SCREENSHOT.replace(".png", "-bar.png"))
    notice.reload_button.click()
    await wait_until(lambda: not console.window.isVisible(), what="the console to close")
    new = console.replacement
    assert new.item_duration(new.item_index("break-1")) == 10 * 60
    assert new.fingerprint != agenda.fingerprint


async def test_another_agenda_replaces_the_console_before_the_start(
    open_console, agenda, tmp_path, wait_until
) -> None:
    """The whole swap through the session, to a rundown spreadsheet: the new console runs the
    new agenda, watches the spreadsheet, and the old journal (no show in it) is kept aside."""
    first = await open_console(start=False)
    journal = first.options.journal

    def make(new):
        return type(first)(
            new,
            RuntimeOptions(mode=Mode.DRY_RUN, journal=journal),
            settings=first.settings,
            language="en",
            resume=True,
        )

    session = ConsoleSession(first, make)
    running = asyncio.ensure_future(session.run())
    try:
        await wait_until(lambda: first.window is not None and first.window.isVisible())
        edit(agenda.path, "Відкриття", "Відкриття заходу")
        sheet = export_rundown(load_agenda(agenda.path), tmp_path / "config" / "rundown.xlsx")
        first.agenda_file.open_path(sheet)
        await wait_until(
            lambda: (
                session.current is not first
                and session.current.window is not None
                and session.current.window.isVisible()
            ),
            what="the console on the new agenda",
        )
        second = session.current
        assert second.agenda.items[0].title.uk == "Відкриття заходу"
        assert second.agenda_file.source == sheet.resolve()
        assert second.rt.journal.path == journal
        assert [p.name for p in journal.parent.glob("journal.*.jsonl")], "the old journal, kept"
        session.request_close()
        assert await asyncio.wait_for(running, 10) == 0
    finally:
        await session.current.shutdown()
        await first.shutdown()


async def test_after_the_start_reloading_is_refused_with_the_reason(
    open_console, agenda, wait_until
) -> None:
    console = await open_console()
    console.bridge.act("start")
    af = console.agenda_file
    edit(agenda.path, "duration: 15m", "duration: 10m")
    await wait_until(af.notice.isVisible, what="the notice that the agenda changed")
    assert "It is not reloaded: the show has started" in af.notice.text.text()
    assert not af.notice.reload_button.isVisible()
    af.reload()
    assert af.notice.text.text().startswith(
        "The agenda cannot be replaced or reloaded now: the show has started."
    )
    assert console.window.statusBar().currentMessage() == (
        "The show has started: the agenda cannot be replaced."
    )
    af.open_action.trigger()
    assert af.dialog is None  # no file dialog for what would be refused
    assert getattr(console, "replacement", None) is None
    assert console.window.isVisible()


async def test_a_broken_rundown_is_named_and_the_agenda_kept(
    open_console, agenda, tmp_path, wait_until
) -> None:
    console = await open_console()
    bad = tmp_path / "bad.csv"
    bad.write_text("Захід,Х\nДата,31.02.2021\n\nТип,Назва,Тривалість\nвідкриття,Відкриття,8\n")
    await console.agenda_file.open_path(bad)
    text = console.agenda_file.notice.text.text()
    assert text.splitlines() == [
        "bad.csv cannot be opened (4 problems); the console keeps the current agenda:",
        f"• {bad}:1:1: no 'Початок' (Start) above the table; expected a row 'Початок | …' in "
        "the header block, or --start",
        f"• {bad}:1:1: no 'Кінець' (End) above the table; expected a row 'Кінець | …' in the "
        "header block, or --end",
        f"• {bad}:2:2: 'Дата' (Date): the cell holds '31.02.2021'; expected a date like "
        "2021-03-09 or 09.03.2021",
        f"• {bad}:5:3: 'Тривалість' (Duration): the cell holds the plain number 8; expected a "
        "duration like 8m, 1h30m or 0:08:00 (minutes or hours?)",
    ]
    assert console.window.isVisible() and getattr(console, "replacement", None) is None


async def test_the_menu_and_notice_speak_ukrainian(open_console, agenda, wait_until) -> None:
    console = await open_console(language="uk")
    af = console.agenda_file
    assert af.menu.title() == "&Файл"
    assert af.open_action.text() == "Відкрити програму…"
    edit(agenda.path, "duration: 15m", "duration: 10m")
    await wait_until(af.notice.isVisible, what="the notice that the agenda changed")
    assert af.notice.reload_button.text() == "Перезавантажити"
    if SCREENSHOT:
        af.notice.grab().save(SCREENSHOT.replace(".png", "-uk.png"))
    console.lang.set_language("en")
    assert af.menu.title() == "&File"
    assert af.notice.reload_button.text() == "Reload"
