"""Languages: Ukrainian by default, English at a click, switched at run time in every window; the
catalogues are complete, and a stale or missing .qm is rebuilt at start-up."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from studio.clock import SimClock
from ui.agenda_model import AgendaModel
from ui.i18n import catalogue, qm_path, stale_catalogues, ts_path


@pytest.mark.asyncio
async def test_switch_language_at_run_time(open_console, agenda, wait_until) -> None:
    c = await open_console(language="uk", clock=SimClock(agenda.planned_start))
    w, model = c.window, c.window.model
    c.bridge.act("start")
    c.bridge.refresh()
    uk = {
        "next": "Далі ▶ (Пробіл)",
        "header": "Пункт",
        "item": "Відкриття",
        "row": "Відкриття",
        "state": "зараз",
        "banner": "ПРОГІН — імітація OBS, нічого не йде в ефір",
        "speaker": "Модератор — Морський кластер України",
        "panel": "Зв’язок з OBS",
        "monitor": "Модератор — Морський кластер України",
    }
    en = {
        "next": "Next ▶ (Space)",
        "header": "Item",
        "item": "Opening",
        "row": "Opening",
        "state": "on now",
        "banner": "DRY RUN — simulated OBS, nothing goes on air",
        "speaker": "Moderator — Maritime Cluster of Ukraine",
        "panel": "OBS connection",
        "monitor": "Moderator — Maritime Cluster of Ukraine",
    }

    def shown() -> dict[str, str]:
        return {
            "next": w.buttons["next"].text(),
            "header": model.headerData(AgendaModel.ITEM, Qt.Orientation.Horizontal),
            "item": w.item_label.text(),
            "row": model.data(model.index(0, AgendaModel.ITEM)),
            "state": model.data(model.index(0, AgendaModel.STATE)),
            "banner": w.banner.text(),
            "speaker": w.speaker_label.text(),
            "panel": w.panel.connection_box.title(),
            "monitor": c.monitor.speaker.text(),
        }

    assert shown() == uk
    assert w.language_actions["uk"].isChecked()

    async def switch_to(code: str) -> None:  # mid-show the console asks first
        w.language_actions[code].trigger()
        await wait_until(lambda: w.language_dialog is not None, what="the language question")
        w.language_dialog.accept_button.click()

    # Each window retranslates on its own LanguageChange event: wait for all of them.
    await switch_to("en")
    await wait_until(lambda: shown() == en, what="English everywhere", show=shown)
    assert c.settings.value("language") == "en"
    await switch_to("uk")
    await wait_until(lambda: shown() == uk, what="Ukrainian everywhere", show=shown)
    assert w.windowTitle().startswith("Студійна консоль — Фінальний захід")


def test_catalogues_are_complete() -> None:
    assert catalogue.problems("uk") == []
    assert catalogue.problems("en") == []


def test_every_string_in_the_code_is_in_the_catalogues() -> None:
    assert catalogue.untracked() == [], "run: python scripts/build_i18n.py --update"


def test_stale_catalogue_is_rebuilt() -> None:
    from ui.i18n import ensure_compiled

    qm = qm_path("uk")
    ensure_compiled()
    assert qm.exists()
    ts_time = ts_path("uk").stat().st_mtime
    os.utime(qm, (ts_time - 60, ts_time - 60))  # older than its .ts
    assert "uk" in stale_catalogues()
    ensure_compiled()
    assert "uk" not in stale_catalogues()
    assert qm.stat().st_mtime >= ts_time
