"""The link writes each change of its state to the log file once, with the reason, never the
password: a wrong password, a refused port or a frozen OBS is in the technician's log, not only
on screen, and a link retrying every second does not flood it.

Real obsws-python talks to the protocol-level obs-websocket v5 server (tests/obsws_server.py).
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from studio.logsetup import setup_logging
from studio.obs.link import LinkState, ObsLink
from studio.obs.live import LiveObs
from tests.obsws_server import FakeObs

PASSWORD = "test-пароль-42"
WRONG = "wrong-пароль-xyz"
SCENES = ["Студія", "Перерва"]


async def until(predicate: Callable[[], Any], timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    while not predicate():
        if loop.time() - t0 > timeout:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.01)


def make_link(port: int, password: str | None, timeout: float = 1.5) -> tuple[ObsLink, list[Any]]:
    """A link that retries fast (every 20-50 ms), and the errors it reported on screen."""
    link = ObsLink(
        LiveObs("127.0.0.1", port, password, timeout=timeout),
        backoff_start=0.02,
        backoff_cap=0.05,
        heartbeat=0.1,
    )
    errors: list[Any] = []
    link.subscribe(lambda kind, p: errors.append(p) if kind == "error" else None)
    return link, errors


async def fail_repeatedly(link: ObsLink, errors: list[Any], attempts: int = 5) -> None:
    link.start()
    await until(lambda: len(errors) >= attempts)
    await link.stop()
    link.transport.shutdown()  # type: ignore[attr-defined]


def link_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "studio.obs.link"]


@pytest.fixture
def clean_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level, hook = list(root.handlers), root.level, sys.excepthook
    yield
    for h in root.handlers:
        if h not in handlers:
            h.close()
    root.handlers[:] = handlers
    root.setLevel(level)
    sys.excepthook = hook


def test_a_wrong_password_is_in_the_log_file_once_and_the_password_never(
    tmp_path: Path, clean_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = setup_logging(tmp_path / "console.log")
    assert path is not None
    with FakeObs(password=PASSWORD, scenes=SCENES) as srv:
        link, errors = make_link(srv.port, WRONG)
        asyncio.run(fail_repeatedly(link, errors))
        where = f"127.0.0.1:{srv.port}"
    assert len(errors) >= 5  # the screen got every retry...
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if " studio.obs.link: " in line]
    # ...the log file one line per change: connecting, offline (why), stopped.
    assert len(lines) == 3, lines
    assert "connecting" in lines[0] and where in lines[0]
    assert "WARNING" in lines[1] and "offline" in lines[1]
    assert f"OBS at {where} refused the connection: wrong WebSocket password?" in lines[1]
    assert "stopped" in lines[2]
    assert WRONG not in text and PASSWORD not in text
    err = capsys.readouterr().err  # the terminal gets the warning once, too
    assert err.count("wrong WebSocket password") == 1
    assert WRONG not in err


def test_a_closed_port_is_logged_once_not_per_retry(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with FakeObs(scenes=SCENES) as srv:
        port = srv.port
    # The server is closed now: nothing listens on that port.
    link, errors = make_link(port, PASSWORD)
    asyncio.run(fail_repeatedly(link, errors, attempts=8))
    lines = link_lines(caplog)
    assert len(lines) == 3, lines
    refused = [line for line in lines if "refused" in line]
    assert refused == [
        f"OBS link offline: OBS is not reachable at 127.0.0.1:{port}: connection refused "
        "(is OBS running with its WebSocket server on?)."
    ]
    assert PASSWORD not in caplog.text


def test_a_frozen_obs_is_logged_as_a_timeout_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with FakeObs(password=PASSWORD, scenes=SCENES) as srv:
        srv.identify_delay = 1.0  # it accepts the socket, then says nothing
        link, errors = make_link(srv.port, PASSWORD, timeout=0.2)
        asyncio.run(fail_repeatedly(link, errors, attempts=3))
        where = f"127.0.0.1:{srv.port}"
    lines = link_lines(caplog)
    timeouts = [line for line in lines if "did not answer in time" in line]
    assert timeouts == [f"OBS link offline: OBS at {where} did not answer in time (is it frozen?)."]
    assert len(lines) == 3, lines
    assert PASSWORD not in caplog.text


def test_each_new_reason_is_one_line_and_a_lost_session_is_not_logged_twice(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Refused, then connected, then lost, then refused while reconnecting, then back: each
    change once, in order, however many retries lie between."""
    caplog.set_level(logging.DEBUG)
    with FakeObs(password=PASSWORD, scenes=SCENES) as srv:
        srv.refuse_connections = True

        async def go() -> None:
            link, errors = make_link(srv.port, PASSWORD)
            link.start()
            await until(lambda: len(errors) >= 4)
            srv.refuse_connections = False
            await until(lambda: link.online)
            srv.refuse_connections = True
            srv.drop_sessions()
            await until(lambda: link.snap.state is LinkState.RECONNECTING)
            n = len(errors)
            await until(lambda: len(errors) >= n + 4)
            srv.refuse_connections = False
            await until(lambda: link.online)
            await link.stop()
            link.transport.shutdown()  # type: ignore[attr-defined]

        asyncio.run(go())
        where = f"127.0.0.1:{srv.port}"
    lines = link_lines(caplog)
    refused = f"OBS is not reachable at {where}: connection refused"
    assert len(lines) == 7, lines
    assert lines[0] == f"OBS link connecting to {where}"
    assert lines[1].startswith(f"OBS link offline: {refused}")
    assert lines[2].startswith("Connected to OBS 30.2.3")
    assert lines[3].startswith("Lost OBS: OBS connection closed")
    assert lines[4].startswith(f"OBS link reconnecting: {refused}")
    assert lines[5].startswith("OBS is back after ")
    assert lines[6] == "OBS link stopped"
    assert PASSWORD not in caplog.text
