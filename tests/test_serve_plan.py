"""The control API gets the console's plan to end on time (issue 12 §3): the state carries the
proposal, `plan` accepts it as the same journalled action (origin http, the client named),
`dismiss-plan` puts it away, and with nothing proposed both are refused with nothing changed."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest

from studio.clock import SimClock
from tests.serve_util import changes, default_agenda, served


@pytest.mark.asyncio
async def test_the_api_accepts_or_dismisses_the_proposed_plan(tmp_path: Path) -> None:
    agenda = default_agenda()
    clock = SimClock(agenda.planned_start)
    async with served(tmp_path, agenda=agenda, clock=clock) as s, aiohttp.ClientSession() as http:
        url = s.url("api/v1/actions/plan")
        async with http.post(url, headers=s.control) as r:
            assert r.status == 409 and "no plan" in (await r.json())["error"]
        before = changes(s.rt)
        s.rt.act("start")
        clock.advance(s.rt.view().status.allotted + 900)  # a quarter of an hour over
        assert s.rt.check_plan() is not None
        async with http.get(s.url("api/v1/state"), headers=s.view) as r:
            proposal = (await r.json())["proposal"]
        assert proposal["reaches_target"] and proposal["changes"]
        async with http.post(s.url("api/v1/actions/dismiss-plan"), headers=s.control) as r:
            assert r.status == 200
        assert s.rt.view().proposal is None
        assert len(changes(s.rt)) == len(before) + 1  # only the start: a dismissal writes nothing
        clock.advance(120)
        assert s.rt.check_plan() is not None  # drifted two minutes more: proposed again
        async with http.post(url, headers=s.control) as r:
            assert r.status == 200, await r.text()
        (plan,) = [e for e in s.rt.journal.entries if e.name == "plan"]
        assert (plan.args["origin"], plan.args["client"]) == ("http", "127.0.0.1")
        assert s.rt.view().status.projected_end == agenda.planned_end
        async with http.post(url) as r:  # no token: refused, nothing written
            assert r.status == 401
        assert [e.name for e in s.rt.journal.entries if e.name == "plan"] == ["plan"]
