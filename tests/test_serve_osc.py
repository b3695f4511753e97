"""OSC control over real UDP on 127.0.0.1, sent with python-osc's own client: an allowed sender
drives the show with origin osc and its address journalled; a sender off the allowlist, a wrong
argument, an unknown or wildcard address, or a refused action changes nothing and is logged.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pythonosc.osc_bundle_builder import OscBundleBuilder
from pythonosc.osc_message_builder import OscMessageBuilder
from pythonosc.udp_client import SimpleUDPClient

from studio.serve import ServeSettings
from studio.serve.osc import OscServer, osc_command
from studio.serve.server import ShowServer
from tests.serve_util import Served, changes, served, until

pytestmark = pytest.mark.asyncio

OSC = ServeSettings(osc=True, osc_port=0)


@dataclass
class Osc:
    s: Served

    @property
    def door(self) -> OscServer:
        assert self.s.server.osc is not None, self.s.server.state.osc_error
        return self.s.server.osc

    def send(self, path: str, *args: Any, sender: str = "127.0.0.1") -> None:
        """One message, from a socket bound to `sender` (any 127.x address is this machine)."""
        msg = OscMessageBuilder(address=path)
        for arg in args:
            msg.add_arg(arg)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.bind((sender, 0))
            sock.sendto(msg.build().dgram, ("127.0.0.1", self.door.port))

    async def seen(self, n: int) -> None:
        """Until `n` messages were handled or refused in all."""
        door = self.door
        await until(lambda: door.handled + door.refused >= n, what=f"{n} OSC messages seen")


def actions(s: Served) -> list[tuple[str, str, str]]:
    return [
        (e.name, e.args["origin"], e.args["client"])
        for e in s.rt.journal.entries
        if e.kind == "action"
    ]


async def test_an_allowed_sender_drives_the_show_and_the_journal_names_osc(
    tmp_path: Path,
) -> None:
    async with served(tmp_path, settings=OSC) as s:
        osc = Osc(s)
        assert s.server.state.osc == f"127.0.0.1:{osc.door.port}"
        client = SimpleUDPClient("127.0.0.1", osc.door.port)  # what Companion-like senders use
        client.send_message("/studio/start", [])
        await until(lambda: s.rt.view().status.segment == 0, what="the show started")
        client.send_message("/studio/next", [])
        await until(lambda: s.rt.view().status.segment == 1, what="the next segment")
        assert actions(s) == [("start", "osc", "127.0.0.1"), ("next", "osc", "127.0.0.1")]
        remaining = s.rt.view().status.remaining
        client.send_message("/studio/extend", 60)
        await until(lambda: len(actions(s)) == 3, what="extend")
        assert s.rt.view().status.remaining == pytest.approx(remaining + 60)
        client.send_message("/studio/hold", [])
        await until(lambda: s.rt.view().status.held, what="on hold")
        client.send_message("/studio/resume", [])
        await until(lambda: not s.rt.view().status.held, what="resumed")
        last = s.rt.agenda.items[-1].id
        client.send_message("/studio/goto", last)
        await until(lambda: s.rt.view().status.item_index == len(s.rt.agenda.items) - 1)
        client.send_message("/studio/back", [])
        client.send_message("/studio/skip", [])
        await until(lambda: len(actions(s)) == 8, what="back and skip")
        names = [a[0] for a in actions(s)]
        assert names == ["start", "next", "extend", "hold", "resume", "goto", "back", "skip"]
        assert {a[1:] for a in actions(s)} == {("osc", "127.0.0.1")}
        client.send_message("/studio/message", "Ще 2 хвилини")
        await until(lambda: s.rt.last_message() == "Ще 2 хвилини", what="the message")
        client.send_message("/studio/message", [])
        await until(lambda: s.rt.last_message() == "", what="the message cleared")


async def test_a_sender_off_the_allowlist_changes_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = ServeSettings(osc=True, osc_port=0, osc_allow=("127.0.0.1",))
    async with served(tmp_path, settings=settings) as s:
        osc = Osc(s)
        before = changes(s.rt)
        with caplog.at_level(logging.WARNING, logger="studio.serve"):
            osc.send("/studio/start", sender="127.0.0.2")
            osc.send("/studio/message", "hi", sender="127.0.0.2")
            await osc.seen(2)
        assert osc.door.refused == 2 and osc.door.handled == 0
        assert changes(s.rt) == before
        assert "127.0.0.2: the sender is not on the OSC allowlist" in caplog.text
        osc.send("/studio/start")  # the same message from the allowed address acts
        await osc.seen(3)
        assert actions(s) == [("start", "osc", "127.0.0.1")]


@pytest.mark.parametrize(
    ("path", "args", "why"),
    [
        ("/studio/extend", ["sixty"], "'extend' needs 'seconds' as a number"),
        (
            "/studio/extend",
            [],
            "'extend' needs 'seconds' as a number (e.g. 60 or -60), not nothing",
        ),
        ("/studio/extend", [1e9], "'seconds' must be between"),
        ("/studio/goto", [3], "'item' must be a string, not int"),
        ("/studio/goto", [], "'goto' needs 'item'"),
        ("/studio/next", ["now"], "/studio/next takes no argument"),
        ("/studio/next", [1, 2], "takes at most one argument, not 2"),
        ("/studio/message", [5], "'text' must be a string, not int"),
        ("/studio/message", ["x" * 501], "at most 500 are shown, so it was not set"),
        ("/studio/teleport", [], "unknown action 'teleport'"),
        ("/studio/*", [], "unknown action '*'"),
        ("/studio/stream", [], "no API starts or stops the stream"),
        ("/studio/record", [], "no API starts or stops the recording"),
        ("/studio/end", [], "the API cannot end it"),
        ("/obs/next", [], "unknown address '/obs/next'"),
    ],
)
async def test_a_bad_message_changes_nothing_and_says_why_in_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, path: str, args: list[Any], why: str
) -> None:
    async with served(tmp_path, settings=OSC) as s:
        osc = Osc(s)
        osc.send("/studio/start")
        await osc.seen(1)
        before = changes(s.rt)
        message = s.rt.last_message()
        with caplog.at_level(logging.WARNING, logger="studio.serve"):
            osc.send(path, *args)
            await osc.seen(2)
        assert osc.door.refused == 1
        assert changes(s.rt) == before
        assert s.rt.last_message() == message
        assert why in caplog.text


async def test_the_shows_own_refusal_is_logged_and_nothing_changes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with served(tmp_path, settings=OSC) as s:
        osc = Osc(s)
        before = changes(s.rt)
        with caplog.at_level(logging.WARNING, logger="studio.serve"):
            osc.send("/studio/next")  # before the start: the console's own refusal
            await osc.seen(1)
        assert changes(s.rt) == before
        assert "refused /studio/next from 127.0.0.1: the show is not running" in caplog.text


async def test_a_button_acts_on_its_press_and_not_on_its_release(tmp_path: Path) -> None:
    async with served(tmp_path, settings=OSC) as s:
        osc = Osc(s)
        osc.send("/studio/start", 1.0)
        osc.send("/studio/start", 0.0)
        osc.send("/studio/next", 1)
        osc.send("/studio/next", 0)
        await until(lambda: len(actions(s)) == 2, what="start and next")
        await asyncio.sleep(0.2)  # and nothing more comes
        assert [a[0] for a in actions(s)] == ["start", "next"]
        assert osc.door.refused == 0


async def test_a_bundle_timed_for_later_acts_at_once_and_never_blocks_the_loop(
    tmp_path: Path,
) -> None:
    async with served(tmp_path, settings=OSC) as s:
        osc = Osc(s)
        bundle = OscBundleBuilder(time.time() + 3600)
        bundle.add_content(OscMessageBuilder(address="/studio/start").build())
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.sendto(bundle.build().dgram, ("127.0.0.1", osc.door.port))
        t0 = time.monotonic()
        await until(lambda: len(actions(s)) == 1, timeout=5.0, what="the bundled start")
        assert time.monotonic() - t0 < 2.0


async def test_osc_is_off_by_default_and_a_port_in_use_is_a_state_not_a_crash(
    tmp_path: Path,
) -> None:
    assert ServeSettings().osc is False
    assert ServeSettings().osc_host == "127.0.0.1"
    assert ServeSettings().osc_allow == ("127.0.0.1", "::1")
    async with served(tmp_path) as s:
        assert s.server.osc is None and s.server.state.osc is None
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        busy = ServeSettings(osc=True, osc_port=port)
        async with served(tmp_path / "b", settings=busy) as s:
            assert s.server.state.running  # the HTTP side serves on
            assert s.server.state.osc is None
            assert f"OSC control cannot listen on 127.0.0.1:{port}" in (
                s.server.state.osc_error or ""
            )


async def test_stop_closes_the_osc_port(tmp_path: Path) -> None:
    async with served(tmp_path, settings=OSC) as s:
        port = Osc(s).door.port
        server: ShowServer = s.server
    assert server.osc is None and server.state.osc is None
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as again:
        again.bind(("127.0.0.1", port))  # free again


async def test_osc_command_maps_messages_to_the_apis_commands() -> None:
    extend = osc_command("/studio/extend", [30])
    assert extend is not None and extend.action is not None
    assert osc_command("/studio/next", [0.0]) is None  # a release
    skip = osc_command("/studio/skip", ["kyiv"])
    assert skip is not None and skip.name == "skip"
    cleared = osc_command("/studio/message", [])
    assert cleared is not None and cleared.text == ""
