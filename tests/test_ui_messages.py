"""What the engine says reaches the screen in the console's language: OBS errors (status bar,
the technician panel's last error, the link log), the on-air guard's refusals, and show actions
that cannot apply. The engine (Qt-free) gives each sentence a key and arguments beside its English
text; every key it can produce has a translation, and in English the console says exactly what the
engine says."""

from __future__ import annotations

import ast
import json
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from obsws_python.error import OBSSDKError
from websocket import WebSocketException

from studio.clock import SimClock
from studio.modes import Mode
from studio.obs.base import (
    LOST_KEYS,
    LinkMessage,
    ObsError,
    ObsRefused,
    ObsRequestFailed,
    ObsUnavailable,
    lost_message,
    status_message,
)
from studio.obs.client import ObsClient
from studio.obs.guard import Guard
from studio.obs.link import LinkState
from studio.obs.live import LiveObs
from studio.obs.simulated import SimulatedObs
from studio.runtime import simulated_obs_for
from studio.show import ActionError
from ui.i18n import LanguageManager
from ui.messages import Messages

STUDIO = Path(__file__).resolve().parents[1] / "studio"
KEY = re.compile(r"^(obs|guard|show|link)\.[a-z0-9_]+$")
KEY_START = re.compile(r"^(obs|guard|show|link)\.[a-z0-9_]*$")

REFUSED_UK = (
    "OBS недоступний за адресою {where}: з’єднання відхилено "
    "(чи запущено OBS з увімкненим сервером WebSocket?)."
)
REHEARSAL_UK = "Режим репетиції: трансляцію запустити не можна. До OBS нічого не надіслано."
REHEARSAL_EN = "Rehearsal mode: the stream cannot be started. Nothing was sent to OBS."


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def keys_in_studio() -> set[str]:
    """Every string literal in studio/ shaped like a message key (`obs.refused`, ...). Keys are
    spelled out whole, never built (an f-string key would escape this scan: that fails)."""
    found = set()
    for path in STUDIO.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if KEY.match(node.value):
                    found.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values:
                head = node.values[0]
                built = isinstance(head, ast.Constant) and KEY_START.match(str(head.value))
                assert not built, f"{path.name}:{node.lineno}: a message key built by an f-string"
    return found


@pytest.fixture
def messages(qapp: Any) -> Iterator[tuple[Messages, LanguageManager]]:
    lang = LanguageManager()
    try:
        yield Messages(), lang
    finally:
        lang.uninstall()


def engine_sentences() -> list[LinkMessage]:
    """Sentences the engine produces, through its own code paths."""
    out: list[LinkMessage] = []
    live = LiveObs("127.0.0.1", 4455, None)
    try:
        for exc in (
            ConnectionRefusedError(),
            TimeoutError(),
            OBSSDKError("failed to identify client: no password"),
            OBSSDKError("failed to identify client"),
            WebSocketException("closed"),
            json.JSONDecodeError("bad", "", 0),
            OSError(113, "No route to host"),
            RuntimeError("odd"),
        ):
            out.append(live._explain_connect(exc, "127.0.0.1:4455"))
    finally:
        live.shutdown()
    for code, data in (
        (600, {"sceneName": "Студія"}),
        (600, {"inputName": "Титр"}),
        (600, {}),
        (601, {"sceneName": "Студія"}),
        (500, {}),
        (501, {}),
        (506, {}),
        (702, {}),
    ):
        out.append(status_message("SetCurrentProgramScene", code, None, data))
    out.append(status_message("StartStream", 702, "Invalid stream key", {}))
    out += [lost_message(why) for why in LOST_KEYS]
    out.append(lost_message("vanished into thin air"))
    return out


async def guard_refusals() -> list[ObsError]:
    out: list[ObsError] = []
    sim = SimulatedObs()
    await sim.connect()
    rehearsal = Guard(sim, Mode.REHEARSAL)
    for request in ("StartStream", "RequestBatch"):
        try:
            await rehearsal.request(request)
        except ObsRefused as exc:
            out.append(exc)
    try:
        Guard(LiveObs("127.0.0.1", 4455, None), Mode.DRY_RUN)
    except ObsRefused as exc:
        out.append(exc)
    for call in (sim.request("NoSuchRequest"), ObsClient(SimulatedObs()).scenes()):
        try:
            await call
        except ObsError as exc:
            out.append(exc)
    old = SimulatedObs(websocket_version="4.9.1")
    await old.connect()
    try:
        await ObsClient(old).version()
    except ObsUnavailable as exc:
        out.append(exc)
    sim.kill()
    try:
        await sim.connect()
    except ObsUnavailable as exc:
        out.append(exc)
    return out


# ---- every key has a translation ----------------------------------------------------------------
def test_every_key_the_engine_raises_has_a_translation(messages) -> None:
    m, _lang = messages
    used = keys_in_studio()
    assert {"obs.refused", "guard.rehearsal_stream", "show.first_item", "link.lost"} <= used
    assert used - m.known_keys() == set(), "add these keys to ui/messages.py"
    assert m.known_keys() - used == set(), "keys nobody raises any more"


@pytest.mark.asyncio
async def test_in_english_the_console_says_what_the_engine_says(messages) -> None:
    m, lang = messages
    lang.set_language("en")
    said: list[LinkMessage] = engine_sentences()
    said += [e.as_message() for e in await guard_refusals()]
    for sentence in said:
        assert sentence.key in m.known_keys(), sentence
        assert m.say(sentence) == sentence.text
    lang.set_language("uk")
    for sentence in said:
        shown = m.say(sentence)
        assert shown != sentence.text, sentence  # translated, not the English fallback
        assert "{" not in shown


def test_unknown_keys_and_plain_text_fall_back_to_english(messages) -> None:
    m, lang = messages
    lang.set_language("uk")
    assert m.say(LinkMessage("obs.from_the_future", {}, "Something new")) == "Something new"
    assert m.say(LinkMessage("obs.refused", {}, "Missing its where")) == "Missing its where"
    assert m.say(ObsError("No key at all")) == "No key at all"
    assert m.say(ActionError("odd")) == "odd"
    assert m.say("plain text") == "plain text"
    nested = LinkMessage("link.lost", {"why": lost_message("connection closed")}, "Lost OBS: …")
    assert m.say(nested) == "Зв’язок з OBS втрачено. З’єднання з OBS закрито"
    m_state = LinkMessage("link.stream_state", {"state": "started"}, "Stream: started")
    assert m.say(m_state) == "Трансляція: працює"
    request = ObsRequestFailed("x", 600, key="obs.no_scene", params={"name": "A", "request": "B"})
    assert m.say(request) == "В OBS немає сцени «A» (B)."


# ---- on screen ---------------------------------------------------------------------------------
@pytest.mark.asyncio
async def test_refused_connection_shows_in_the_console_language(open_console, wait_until) -> None:
    port = closed_port()
    where = f"127.0.0.1:{port}"
    transport = LiveObs("127.0.0.1", port, None, timeout=0.5)
    c = await open_console(mode=Mode.LIVE, transport=transport, language="uk")
    panel, w = c.window.panel, c.window
    await wait_until(lambda: c.rt.link.snap.last_error is not None, what="a failed connect")
    english = c.rt.link.snap.last_error
    assert english.startswith(f"OBS is not reachable at {where}: connection refused")
    uk = REFUSED_UK.format(where=where)
    await wait_until(
        lambda: panel.error_label.text() == uk and "⚠ " + uk in panel.log_text(),
        what="the Ukrainian error, shown and logged",
        show=panel.error_label.text,
    )
    assert panel.error_label.isVisibleTo(panel)

    w.language_actions["en"].trigger()
    await wait_until(lambda: panel.error_label.text() == english, what="the English error")
    c.rt.link.reconnect_now()
    await wait_until(lambda: "⚠ " + english in panel.log_text(), what="an English log line")
    assert panel.link_state is not LinkState.ONLINE


@pytest.mark.asyncio
async def test_rehearsal_stream_refusal_in_both_languages(open_console, agenda, wait_until) -> None:
    sim = simulated_obs_for(agenda)
    c = await open_console(mode=Mode.REHEARSAL, transport=sim, language="uk")
    w = c.window
    await wait_until(lambda: c.rt.link.online, what="OBS online")
    c.bridge.spawn(c.rt.link.output("start_stream"))
    await wait_until(lambda: w.statusBar().currentMessage() == REHEARSAL_UK, what="uk refusal")
    w.language_actions["en"].trigger()
    await wait_until(lambda: w.buttons["next"].text().startswith("Next"), what="English")
    c.bridge.spawn(c.rt.link.output("start_stream"))
    await wait_until(lambda: w.statusBar().currentMessage() == REHEARSAL_EN, what="en refusal")
    assert not [t for t, _d in sim.requests if t == "StartStream"]


@pytest.mark.asyncio
async def test_refused_show_actions_in_both_languages(open_console, agenda, wait_until) -> None:
    c = await open_console(clock=SimClock(agenda.planned_start), language="uk")
    w = c.window
    c.bridge.act("start")
    assert not c.bridge.act("back")
    assert w.statusBar().currentMessage() == "Це вже перший пункт."
    assert not c.bridge.act("goto", item="nope")
    assert w.statusBar().currentMessage() == "У програмі немає пункту «nope»."
    w.language_actions["en"].trigger()  # mid-show the console asks first
    await wait_until(lambda: w.language_dialog is not None, what="the language question")
    w.language_dialog.accept_button.click()
    await wait_until(lambda: w.buttons["next"].text().startswith("Next"), what="English")
    assert not c.bridge.act("back")
    assert w.statusBar().currentMessage() == "Already at the first item."
    assert not c.bridge.act("start")
    assert w.statusBar().currentMessage() == "The show has already started."


@pytest.mark.asyncio
async def test_link_log_follows_the_language(open_console, agenda, wait_until) -> None:
    sim = simulated_obs_for(agenda)
    c = await open_console(transport=sim, language="uk")
    panel, w = c.window.panel, c.window
    heard: list[LinkMessage] = []
    c.rt.link.subscribe(lambda kind, p: heard.append(p) if kind in ("log", "error") else None)
    await wait_until(lambda: c.rt.link.online, what="OBS online")
    assert "Підключено до OBS 30.2.3 (obs-websocket 5.5.4)" in panel.log_text()

    sim.kill()
    await wait_until(lambda: "Зв’язок з OBS втрачено. З’єднання з OBS закрито" in panel.log_text())
    await wait_until(lambda: panel.error_label.text() == "Імітований OBS не працює.")
    w.language_actions["en"].trigger()
    await wait_until(lambda: panel.error_label.text() == "Simulated OBS is down.")
    sim.revive()
    await wait_until(lambda: "OBS is back after" in panel.log_text(), what="English log line")
    assert "Зв’язок з OBS втрачено" in panel.log_text()  # lines already shown stay as they were

    assert heard and all(isinstance(p, LinkMessage) and p.key for p in heard)
    for p in heard:
        assert c.bridge.messages.say(p) == p.text
