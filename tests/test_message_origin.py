"""Who set the moderator's message is journalled like an action's origin (the console's keys, or
the control API with the caller's address), and an older journal's message still reads."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest

from studio import facts
from studio.journal import Entry
from tests.serve_util import served


def _messages(rt) -> list[facts.ConsoleMessage]:  # type: ignore[no-untyped-def]
    return [
        facts.ConsoleMessage.from_entry(e)
        for e in rt.journal.entries
        if facts.ConsoleMessage.matches(e)
    ]


@pytest.mark.asyncio
async def test_a_message_names_who_set_it(tmp_path: Path) -> None:
    async with served(tmp_path) as s, aiohttp.ClientSession() as http:
        url = s.url("api/v1/actions/message")
        async with http.post(url, json={"text": "Two minutes"}, headers=s.control) as r:
            assert r.status == 200
        s.rt.remember_message("Wrap up")  # as the console's message field does
        got = [(m.text, m.origin, m.client) for m in _messages(s.rt)]
        assert got == [("Two minutes", "http", "127.0.0.1"), ("Wrap up", "key", None)]
        assert s.rt.last_message() == "Wrap up"


def test_an_older_journals_message_still_reads() -> None:
    old = Entry(seq=7, at=100.0, kind="console", name="message", args={"text": "Hello"})
    m = facts.ConsoleMessage.from_entry(old)
    assert (m.text, m.origin, m.client) == ("Hello", None, None)
    assert facts.ConsoleMessage("Hello").to_args() == {"text": "Hello"}
