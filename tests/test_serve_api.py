"""The show server's HTTP API over real sockets on 127.0.0.1: aiohttp's client against the real
server, the engine and the simulated OBS behind it.

What it asserts is what a Companion button or a script sees: the state document, an action
taking effect with its origin and client journalled, the console's refusals with the same
reasons, and every malformed or unauthorised request answered with a clear error while the
journal stays exactly as it was.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from pathlib import Path

import aiohttp
import pytest

from studio.clock import SimClock
from studio.serve import ServeSettings, load_tokens, rotate
from studio.serve.commands import MAX_MESSAGE
from studio.serve.server import ShowServer
from tests.serve_util import changes, default_agenda, served, until


@pytest.mark.asyncio
async def test_state_needs_a_token_and_shows_the_show(tmp_path: Path) -> None:
    async with served(tmp_path) as s, aiohttp.ClientSession() as http:
        async with http.get(s.url("api/v1/state")) as r:
            assert r.status == 401
            assert "token" in (await r.json())["error"]
        async with http.get(s.url("api/v1/state"), headers=s.view) as r:
            assert r.status == 200
            doc = await r.json()
        async with http.get(s.url("api/v1/state"), params={"token": s.tokens.view}) as r:
            assert r.status == 200  # the view token may ride in a view's URL
        assert doc["status"] == "pre"
        assert doc["current"] is None
        assert doc["until_start"] == pytest.approx(60.0)
        assert doc["event"]["title"]["uk"] == s.rt.agenda.event.title.uk
        assert [i["id"] for i in doc["items"]] == [i.id for i in s.rt.agenda.items]
        assert {i["state"] for i in doc["items"]} == {"pending"}
        assert doc["link"]["state"] == "online"
        assert doc["projected_end"] == pytest.approx(s.rt.view().status.projected_end)
        # Each segment's projected times walk the same way the engine's projected end does.
        assert doc["segments"][-1]["projected_end"] == pytest.approx(doc["projected_end"])


@pytest.mark.asyncio
async def test_http_next_advances_the_show_and_the_journal_names_http_and_the_client(
    tmp_path: Path,
) -> None:
    async with served(tmp_path) as s, aiohttp.ClientSession() as http:
        async with http.post(s.url("api/v1/actions/start"), headers=s.control) as r:
            assert r.status == 200, await r.text()
            started = (await r.json())["state"]
        assert started["status"] == "running"
        first = started["current"]["segment"]
        async with http.post(s.url("api/v1/actions/next"), headers=s.control) as r:
            assert r.status == 200
            doc = (await r.json())["state"]
        assert doc["current"]["segment"] == first + 1
        assert doc["segments"][first]["state"] == "done"
        assert doc["segments"][first + 1]["state"] == "current"
        assert doc["segments"][-1]["projected_end"] == pytest.approx(doc["projected_end"])
        assert doc["segments"][first + 2]["projected_start"] == pytest.approx(
            doc["now"] + doc["current"]["remaining"]
        )
        assert s.rt.view().status.segment == first + 1
        actions = [e for e in s.rt.journal.entries if e.kind == "action"]
        assert [(e.name, e.args["origin"], e.args["client"]) for e in actions] == [
            ("start", "http", "127.0.0.1"),
            ("next", "http", "127.0.0.1"),
        ]
        # ... and the journal on disk says so too (it is what a restart and the report read).
        on_disk = [json.loads(x) for x in s.rt.journal.path.read_text("utf-8").splitlines()]
        assert [x["args"]["origin"] for x in on_disk if x["kind"] == "action"] == ["http"] * 2


@pytest.mark.asyncio
async def test_actions_with_arguments_and_their_refusals(tmp_path: Path) -> None:
    async with served(tmp_path) as s, aiohttp.ClientSession() as http:

        async def post(name: str, body: object = None) -> tuple[int, dict[str, object]]:
            async with http.post(
                s.url(f"api/v1/actions/{name}"), headers=s.control, json=body
            ) as r:
                return r.status, await r.json()

        status, body = await post("next")  # before the start: the console's own refusal
        assert (status, body["key"], body["error"]) == (
            409,
            "show.not_running",
            "the show is not running",
        )
        assert (await post("goto", {"item": "break-1"}))[0] == 200
        assert s.rt.view().status.item is not None and s.rt.view().status.item.id == "break-1"
        allotted = s.rt.view().status.allotted
        assert (await post("extend", {"seconds": 60}))[0] == 200
        assert (await post("extend", {"seconds": -30.5}))[0] == 200
        assert s.rt.view().status.allotted == allotted + 29.5
        assert (await post("hold"))[0] == 200
        assert s.rt.view().held
        status, body = await post("hold")
        assert (status, body["key"]) == (409, "show.on_hold")
        assert (await post("resume"))[0] == 200
        assert (await post("skip", {"item": "closing"}))[0] == 200
        assert "closing" in {
            i["id"] for i in (await post("back"))[1]["state"]["items"] if i["state"] == "skipped"
        }
        assert (await post("skip"))[0] == 200
        status, body = await post("goto", {"item": "nowhere"})
        assert (status, body["key"]) == (409, "show.no_item")


@pytest.mark.asyncio
async def test_message_set_and_clear_and_a_too_long_one_is_refused(tmp_path: Path) -> None:
    async with served(tmp_path) as s, aiohttp.ClientSession() as http:
        url = s.url("api/v1/actions/message")
        async with http.post(url, headers=s.control, json={"text": "  Ще 2 хвилини  "}) as r:
            assert r.status == 200
            assert (await r.json())["state"]["message"] == "Ще 2 хвилини"
        assert s.rt.last_message() == "Ще 2 хвилини"
        before = changes(s.rt)
        async with http.post(url, headers=s.control, json={"text": "я" * (MAX_MESSAGE + 1)}) as r:
            assert r.status == 400
            assert f"at most {MAX_MESSAGE}" in (await r.json())["error"]
        assert changes(s.rt) == before
        assert s.rt.last_message() == "Ще 2 хвилини"  # not cut, not replaced
        async with http.post(url, headers=s.control, json={"text": ""}) as r:
            assert r.status == 200
        assert s.rt.last_message() == ""


@pytest.mark.asyncio
async def test_scene_override_and_hand_back_pass_the_guard(tmp_path: Path) -> None:
    async with served(tmp_path) as s, aiohttp.ClientSession() as http:
        async with http.post(s.url("api/v1/actions/start"), headers=s.control) as r:
            assert r.status == 200
        cue_scene = s.rt.agenda.scene_map.scenes[s.rt.show.current_cue().scene]
        await until(lambda: s.rt.link.snap.program == cue_scene, what="the cue's scene on air")
        slides = s.rt.agenda.scene_map.scenes["slides"]
        async with http.post(
            s.url("api/v1/actions/scene"), headers=s.control, json={"scene": "slides"}
        ) as r:
            assert r.status == 200, await r.text()
        assert s.rt.link.snap.program == slides
        assert s.rt.view().link.manual_scene == slides
        async with http.post(
            s.url("api/v1/actions/scene"), headers=s.control, json={"scene": "no such scene"}
        ) as r:
            assert r.status == 400
        async with http.post(s.url("api/v1/actions/release"), headers=s.control) as r:
            assert r.status == 200
        await until(lambda: s.rt.link.snap.program == cue_scene, what="the cue's scene back")
        assert s.rt.view().link.manual_scene is None


@pytest.mark.parametrize("name", ["end", "stream", "record"])
@pytest.mark.asyncio
async def test_no_api_ends_the_show_or_touches_stream_or_recording(
    tmp_path: Path, name: str
) -> None:
    async with served(tmp_path) as s, aiohttp.ClientSession() as http:
        async with http.post(s.url("api/v1/actions/start"), headers=s.control) as r:
            assert r.status == 200
        before = changes(s.rt)
        async with http.post(s.url(f"api/v1/actions/{name}"), headers=s.control) as r:
            assert r.status == 403
        assert changes(s.rt) == before
        assert not s.rt.link.snap.stream.active and not s.rt.link.snap.record.active


# ---- every bad input: the answer, and nothing changed -----------------------------------------

BAD = [
    # (case, headers, query, body bytes, content type, status, words in the error)
    ("no token", {}, {}, b"", None, 401, "token"),
    ("wrong token", {"Authorization": "Bearer nope"}, {}, b"", None, 401, "token"),
    ("not bearer", {"Authorization": "Basic abc"}, {}, b"", None, 401, "token"),
    ("bad JSON", "control", {}, b"{next", "application/json", 400, "not valid JSON"),
    ("NaN", "control", {}, b'{"seconds": NaN}', "application/json", 400, "not valid JSON"),
    ("not an object", "control", {}, b"[1]", "application/json", 400, "JSON object"),
    ("form post", "control", {}, b"seconds=60", "application/x-www-form-urlencoded", 415, "JSON"),
    ("unknown field", "control", {}, b'{"bogus": 1}', "application/json", 400, "no field"),
]


@pytest.mark.parametrize(
    ("case", "headers", "query", "body", "ctype", "status", "words"), BAD, ids=[b[0] for b in BAD]
)
@pytest.mark.asyncio
async def test_a_bad_request_is_refused_and_changes_nothing(
    tmp_path: Path,
    case: str,
    headers: object,
    query: dict[str, str],
    body: bytes,
    ctype: str | None,
    status: int,
    words: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with served(tmp_path) as s, aiohttp.ClientSession() as http:
        async with http.post(s.url("api/v1/actions/start"), headers=s.control) as r:
            assert r.status == 200
        before, state = changes(s.rt), s.rt.show.state
        h = dict(s.control if headers == "control" else headers)  # type: ignore[call-overload]
        if ctype:
            h["Content-Type"] = ctype
        with caplog.at_level(logging.INFO, logger="studio"):
            async with http.post(
                s.url("api/v1/actions/next"), headers=h, params=query, data=body
            ) as r:
                answer = await r.json()
                assert r.status == status, answer
        assert words in answer["error"]
        assert answer["ok"] is False
        assert changes(s.rt) == before
        assert s.rt.show.state is state
        if status == 401:
            assert any("refused POST /api/v1/actions/next" in m for m in caplog.messages)
        for secret in (s.tokens.control, s.tokens.view):
            assert all(secret not in m for m in caplog.messages)


@pytest.mark.parametrize(
    ("name", "body", "words"),
    [
        ("teleport", {}, "unknown action 'teleport'"),
        ("extend", {"seconds": "60"}, "as a number"),
        ("extend", {"seconds": True}, "as a number"),
        ("extend", {}, "as a number"),
        ("extend", {"seconds": 1e9}, "between"),
        ("goto", {"item": 7}, "must be a string"),
        ("goto", {}, "needs 'item'"),
        ("message", {"text": ["hi"]}, "must be a string"),
        ("scene", {}, "needs 'scene'"),
    ],
)
@pytest.mark.asyncio
async def test_unknown_actions_and_wrong_types_are_400_with_a_reason(
    tmp_path: Path, name: str, body: dict[str, object], words: str
) -> None:
    async with served(tmp_path) as s, aiohttp.ClientSession() as http:
        before = changes(s.rt)
        async with http.post(s.url(f"api/v1/actions/{name}"), headers=s.control, json=body) as r:
            assert r.status == 400
            assert words in (await r.json())["error"]
        assert changes(s.rt) == before


@pytest.mark.asyncio
async def test_the_control_token_is_never_taken_from_the_url(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with served(tmp_path) as s, aiohttp.ClientSession() as http:
        before = changes(s.rt)
        with caplog.at_level(logging.WARNING, logger="studio"):
            for params in ({"token": s.tokens.control}, {"token": s.tokens.view}):
                async with http.post(s.url("api/v1/actions/start"), params=params) as r:
                    assert r.status == 401
                    assert "not accepted in the URL" in (await r.json())["error"]
            # Even with the right header, a token in the URL is refused (it leaks into logs,
            # history and referrers)...
            async with http.post(
                s.url("api/v1/actions/start"), headers=s.control, params={"token": "x"}
            ) as r:
                assert r.status == 401
            # ... and so is reading the state with the control token in the URL.
            async with http.get(s.url("api/v1/state"), params={"token": s.tokens.control}) as r:
                assert r.status == 401
        assert changes(s.rt) == before
        assert s.rt.show.state.status.value == "pre"
        assert all(s.tokens.control not in m and s.tokens.view not in m for m in caplog.messages)


@pytest.mark.asyncio
async def test_the_view_token_cannot_act(tmp_path: Path) -> None:
    async with served(tmp_path) as s, aiohttp.ClientSession() as http:
        before = changes(s.rt)
        async with http.post(s.url("api/v1/actions/start"), headers=s.view) as r:
            assert r.status == 403
            assert "read-only" in (await r.json())["error"]
        assert changes(s.rt) == before


@pytest.mark.asyncio
async def test_an_oversized_body_is_413_and_changes_nothing(tmp_path: Path) -> None:
    settings = ServeSettings(max_body=1024)
    async with served(tmp_path, settings=settings) as s, aiohttp.ClientSession() as http:
        before = changes(s.rt)
        big = json.dumps({"text": "x" * 5000}).encode()
        async with http.post(
            s.url("api/v1/actions/message"),
            headers={**s.control, "Content-Type": "application/json"},
            data=big,
        ) as r:
            assert r.status == 413
            assert "over 1024 bytes" in (await r.json())["error"]

        async def chunks() -> object:  # no Content-Length: the limit holds while reading
            for _ in range(10):
                yield b"x" * 500

        async with http.post(
            s.url("api/v1/actions/message"),
            headers={**s.control, "Content-Type": "application/json"},
            data=chunks(),
        ) as r:
            assert r.status == 413
        assert changes(s.rt) == before
        assert s.rt.last_message() == ""


@pytest.mark.asyncio
async def test_repeated_failures_from_one_address_are_slowed_but_the_right_token_is_not(
    tmp_path: Path,
) -> None:
    settings = ServeSettings(max_failures=3)
    async with served(tmp_path, settings=settings) as s, aiohttp.ClientSession() as http:
        s.server.throttle.window = 3600.0
        for _ in range(3):
            async with http.post(s.url("api/v1/actions/start")) as r:
                assert r.status == 401
        assert s.server.throttle.slowed == 0
        assert s.server.throttle.delay_for("127.0.0.1") > 0
        async with http.post(
            s.url("api/v1/actions/start"), headers={"Authorization": "Bearer x"}
        ) as r:
            assert r.status == 401  # answered, but only after the delay
        assert s.server.throttle.slowed == 1
        assert s.server.throttle.delay_for("127.0.0.1") > settings.max_failures * 0 + 0.25
        async with http.post(s.url("api/v1/actions/start"), headers=s.control) as r:
            assert r.status == 200  # the right token is never held up


@pytest.mark.asyncio
async def test_only_shipped_files_are_served(tmp_path: Path) -> None:
    async with served(tmp_path) as s, aiohttp.ClientSession() as http:
        for page in ("speaker", "rundown", "clock", "remote", ""):
            async with http.get(s.url(page)) as r:
                assert r.status == 200, page
                assert r.content_type == "text/html"
                assert r.headers["Referrer-Policy"] == "no-referrer"
                assert "'self'" in r.headers["Content-Security-Policy"]
        async with http.get(s.url("static/app.js")) as r:
            assert r.status == 200
        secret = s.server.settings.token_file
        assert secret is not None and secret.exists()
        raw = [
            "/static/../server.py",
            "/static/..%2fserver.py",
            "/static/%2e%2e/%2e%2e/pyproject.toml",
            "/static/..%5c..%5cserver.py",
            "/../../../etc/passwd",
            "/static//etc/passwd",
            "/static/" + "%2e%2e%2f" * 6 + "etc%2fpasswd",
            "/speaker.html/../../tokens.json",
            "/static/tokens.json",
            "/server.py",
            "/static/",
        ]
        reader, writer = await _raw(s.base)
        try:
            for path in raw:
                writer.write(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                await writer.drain()
                status, body = await _read_response(reader)
                assert status in (400, 404), (path, status)
                assert b"import " not in body and b"root:" not in body and b"control" not in body
        finally:
            writer.close()


async def _raw(base: str) -> tuple[object, object]:
    import asyncio
    from urllib.parse import urlsplit

    u = urlsplit(base)
    return await asyncio.open_connection(u.hostname, u.port)


async def _read_response(reader: object) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")  # type: ignore[attr-defined]
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        if line.lower().startswith("content-length:"):
            length = int(line.split(":", 1)[1])
    body = await reader.readexactly(length) if length else b""  # type: ignore[attr-defined]
    return status, body


# ---- tokens and binding ------------------------------------------------------------------------


def test_tokens_are_random_owner_only_and_rotate(tmp_path: Path) -> None:
    path = tmp_path / "d" / "tokens.json"
    first = load_tokens(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert first.view != first.control and len(first.control) >= 40
    assert load_tokens(path) == first  # kept between starts: links stay valid
    assert first.control not in repr(first) and first.view not in repr(first)
    second = rotate(path)
    assert second != first and load_tokens(path) == second
    os.chmod(path, 0o644)
    assert load_tokens(path) == second
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.asyncio
async def test_a_port_in_use_is_a_clear_state_and_the_show_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with served(tmp_path) as s:
        taken = s.server.state.port
        other = ShowServer(s.rt, ServeSettings(port=taken, token_file=tmp_path / "tokens.json"))
        with caplog.at_level(logging.ERROR, logger="studio.serve"):
            state = await other.start()
        assert not state.running
        assert state.error is not None and "in use" in state.error and str(taken) in state.error
        assert any("in use" in m for m in caplog.messages)
        s.rt.act("start")
        assert s.rt.view().running
        await other.stop()


@pytest.mark.asyncio
async def test_a_disabled_server_does_not_listen(tmp_path: Path) -> None:
    agenda = default_agenda()
    async with served(tmp_path, agenda=agenda, clock=SimClock(agenda.planned_start)) as s:
        off = ShowServer(s.rt, ServeSettings(enabled=False, token_file=tmp_path / "t.json"))
        state = await off.start()
        assert not state.running and state.error is None and state.url is None
        await off.stop()
