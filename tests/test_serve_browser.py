"""The views in a real headless browser: Debian's chromium driven by Playwright (the system
browser, never a downloaded one; scripts/test.sh installs chromium when missing).

A paced dry-run is served on 127.0.0.1; the page's countdown is compared with the engine's at
two moments (the text the engine shows just before or just after the page is read: the page
renders the same second), a pinned `?slot=` view before and during that speaker's turn, and
"connection lost" once the server stops. With SERVE_SCREENSHOTS=<folder>, pictures of the
speaker, rundown and remote views at phone and full-HD sizes are kept there (docs/screenshots).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import aiohttp
import pytest
import pytest_asyncio

from studio.agenda import Agenda
from studio.clock import PacedClock
from studio.timefmt import countdown_text
from tests.serve_util import Served, default_agenda, served, until

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
playwright_api = pytest.importorskip("playwright.async_api")


@pytest_asyncio.fixture
async def browser() -> AsyncIterator[object]:
    async with playwright_api.async_playwright() as p:
        b = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield b
        finally:
            await b.close()


# The page has its estimate of the show clock (a few time pings answered) and shows a countdown.
SYNCED = (
    "() => Studio.synced && /^\\d+:\\d\\d$/.test(document.getElementById('countdown').textContent)"
)


def paced(agenda: Agenda) -> PacedClock:
    """Real time, from a little before the planned start."""
    return PacedClock(agenda.planned_start - 30, 1.0)


async def post(s: Served, action: str, body: object = None) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.post(s.url(f"api/v1/actions/{action}"), headers=s.control, json=body) as r,
    ):
        assert r.status == 200, await r.text()


def engine_countdown(s: Served) -> str:
    return countdown_text(s.rt.view().status.remaining)


TOLERANCE = 0.1  # the promise: the same second as the console within 100 ms


def remaining_at(s: Served) -> Callable[[float], str]:
    """The engine's countdown text at show instant t (the current speaker's)."""
    return lambda t: countdown_text(s.rt.show.status(t).remaining)


def turn_at(s: Served) -> Callable[[float], str]:
    """The engine's time until the next speaker's turn at show instant t (on right after the
    current one, who is within time)."""
    return lambda t: countdown_text(max(0.0, s.rt.show.status(t).remaining))


async def same_second(s: Served, page: object, engine: Callable[[float], str]) -> str:
    """The page's countdown, asserted equal to what the engine shows at some instant within
    TOLERANCE of the moment it was read (the two ends cover any turn of the second between)."""
    t0 = s.rt.now()
    shown = await page.text_content("#countdown")  # type: ignore[attr-defined]
    t1 = s.rt.now()
    allowed = {engine(t0 - TOLERANCE), engine(t1 + TOLERANCE)}
    assert shown in allowed, (shown, allowed)
    return str(shown)


async def test_the_speaker_view_counts_with_the_engine_and_says_when_the_server_is_gone(
    tmp_path: Path, browser: object
) -> None:
    agenda = default_agenda()
    async with served(tmp_path, agenda=agenda, clock=paced(agenda)) as s:
        s.rt.act("start")
        page = await browser.new_page(viewport={"width": 1280, "height": 720})  # type: ignore[attr-defined]
        await page.goto(s.url(f"speaker?token={s.tokens.view}"))
        first_speaker = agenda.items[0].speakers[0].label("uk")
        await page.wait_for_function(
            "who => document.getElementById('who').textContent === who", arg=first_speaker
        )
        await page.wait_for_function(SYNCED)
        first = await same_second(s, page, remaining_at(s))
        # A later moment: once the engine shows another second, so does the page.
        await until(lambda: engine_countdown(s) != first, what="the next second")
        await same_second(s, page, remaining_at(s))
        assert "phase-normal" in (await page.get_attribute("#countdown", "class") or "")
        # The moderator's message reaches the page.
        await post(s, "message", {"text": "Час!"})
        await page.wait_for_function(
            "() => document.getElementById('message').textContent === 'Час!'"
        )
        # The server goes away: the page says so instead of pretending.
        await s.server.stop()
        await page.wait_for_selector("#lost:not([hidden])", timeout=15000)
        assert await page.text_content("#lost") == "з’єднання втрачено"


async def test_a_pinned_slot_counts_to_its_turn_then_shows_its_countdown(
    tmp_path: Path, browser: object
) -> None:
    agenda = default_agenda()
    async with served(tmp_path, agenda=agenda, clock=paced(agenda)) as s:
        s.rt.act("start")
        _item, speaker_id = agenda.segment_ids(1)
        assert agenda.segments[1].item_index == 0 and speaker_id is not None
        page = await browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
        await page.goto(s.url(f"speaker?token={s.tokens.view}&slot={speaker_id}&lang=en"))
        await page.wait_for_function(
            "() => document.getElementById('who').textContent === 'You are on in'"
        )
        await page.wait_for_function(SYNCED)

        await same_second(s, page, turn_at(s))
        before = agenda.items[0].speakers[0].label("en")  # the same item's speaker before
        assert await page.text_content("#sub") == f"after {before}"
        await post(s, "next")
        mine = agenda.items[0].speakers[1].label("en")
        await page.wait_for_function(
            "who => document.getElementById('who').textContent === who", arg=mine
        )
        await same_second(s, page, remaining_at(s))
        await post(s, "next")
        await page.wait_for_function(
            "() => document.getElementById('countdown').textContent === 'Thank you!'"
        )


FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
SIZES = {"phone": (390, 844), "fullhd": (1920, 1080)}


@pytest.mark.skipif(not os.environ.get("SERVE_SCREENSHOTS"), reason="SERVE_SCREENSHOTS not set")
async def test_screenshots_of_the_views(tmp_path: Path, browser: object) -> None:
    folder = Path(os.environ["SERVE_SCREENSHOTS"])
    folder.mkdir(parents=True, exist_ok=True)
    agenda = default_agenda()
    async with served(tmp_path, agenda=agenda, clock=paced(agenda)) as s:
        s.rt.act("goto", item="region-kharkiv")
        s.rt.act("extend", seconds=-(s.rt.view().status.remaining - 50))  # amber: warning
        s.rt.remember_message("Ще 1 хвилина, будь ласка")
        s.server._schedule_push()
        for view in ("speaker", "rundown", "remote"):
            for size, (w, h) in SIZES.items():
                page = await browser.new_page(viewport={"width": w, "height": h})  # type: ignore[attr-defined]
                await page.goto(s.url(f"{view}?token={s.tokens.view}"))
                await page.wait_for_function("() => Studio.state !== null && Studio.synced")
                if view == "remote":  # the floor manager has entered the control token
                    await page.fill("#token", s.tokens.control)
                    await page.click("#save")
                await page.evaluate(FRAME)  # painted once more after the state arrived
                await page.screenshot(path=str(folder / f"view-{view}-{size}.png"))
                await page.close()
