"""`studio links` and `studio rehearse --serve`: links with the tokens for the technician, new
tokens on request, and a headless rehearsal paced and served that views and the API can drive.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import stat
from dataclasses import replace
from pathlib import Path

import aiohttp
import pytest
from pythonosc.udp_client import SimpleUDPClient

from studio import cli
from studio.agenda import load_agenda
from studio.serve import AddressError, ServeSettings, default_token_file, load_tokens, parse_address
from studio.serve.cli import add_rehearse_options, settings_for
from studio.serve.rehearsal import serve_rehearsal
from studio.serve.server import ShowServer
from tests.serve_util import state_of, until

REPO = Path(__file__).resolve().parent.parent
SMALL = REPO / "tests" / "agendas" / "valid-small.yaml"


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tokens go to a temporary user data dir, never the real one."""
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.chdir(REPO)
    return home


def test_links_prints_every_view_with_the_view_token_and_the_control_token(
    capsys: pytest.CaptureFixture[str], data_home: Path
) -> None:
    assert cli.main(["links"]) == 0
    out = capsys.readouterr().out
    path = default_token_file()
    assert path.is_relative_to(data_home)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    tokens = load_tokens(path)
    for view in ("speaker", "rundown", "clock", "remote"):
        assert f"http://127.0.0.1:4480/{view}?token={tokens.view}" in out
    assert f"Bearer {tokens.control}" in out
    assert f"token={tokens.control}" not in out  # the control token never in a URL
    assert cli.main(["links", "--serve", "0.0.0.0:9000"]) == 0
    assert re.search(r"http://[\d.]+:9000/speaker\?token=", capsys.readouterr().out)


def test_links_new_rotates_the_tokens(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["links"]) == 0
    before = load_tokens(default_token_file())
    capsys.readouterr()
    assert cli.main(["links", "--new"]) == 0
    out = capsys.readouterr().out
    after = load_tokens(default_token_file())
    assert after.view != before.view and after.control != before.control
    assert before.control not in out and after.control in out
    assert "no longer work" in out


def test_a_bad_address_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["links", "--serve", "host:port"]) == 2
    assert "--serve" in capsys.readouterr().err


def test_rehearse_serve_runs_the_show_paced_and_serves_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    journal = tmp_path / "r.jsonl"
    code = cli.main(
        [
            "rehearse",
            str(SMALL),
            "--serve",
            "127.0.0.1:0",
            "--speed",
            "2000",
            "--journal",
            str(journal),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert re.search(r"Show server: http://127\.0\.0\.1:\d+/", out)
    assert "Ended " in out
    lines = [json.loads(x) for x in journal.read_text("utf-8").splitlines()]
    origins = {x["args"]["origin"] for x in lines if x["kind"] == "action"}
    assert origins == {"rehearsal"}


@pytest.mark.asyncio
async def test_a_served_rehearsal_follows_what_the_api_does(tmp_path: Path) -> None:
    agenda = load_agenda(SMALL)
    servers: list[ShowServer] = []
    settings = ServeSettings(port=0, token_file=tmp_path / "tokens.json")
    task = asyncio.ensure_future(
        serve_rehearsal(
            agenda, tmp_path / "r.jsonl", speed=1.0, settings=settings, on_serving=servers.append
        )
    )
    try:
        await until(lambda: bool(servers) and servers[0].state.running, what="serving")
        server = servers[0]
        base = server.state.url or ""
        control = {"Authorization": f"Bearer {server.tokens.control}"}
        async with aiohttp.ClientSession() as http:
            ws = await http.ws_connect(base + "api/v1/ws", params={"token": server.tokens.view})
            await state_of(ws, lambda st: st["status"] == "pre")
            # At speed 1 the pre-roll lasts two minutes: the API starts the show instead.
            async with http.post(base + "api/v1/actions/start", headers=control) as r:
                assert r.status == 200
            await state_of(ws, lambda st: st["status"] == "running")
            for _ in range(len(agenda.segments)):
                async with http.post(base + "api/v1/actions/next", headers=control) as r:
                    assert r.status == 200
            await state_of(ws, lambda st: st["status"] == "ended")
            await ws.close()
        status, _state = await asyncio.wait_for(task, 10)
        assert status.status.value == "ended"
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    names = [
        (x["name"], x["args"]["origin"])
        for x in map(json.loads, (tmp_path / "r.jsonl").read_text("utf-8").splitlines())
        if x["kind"] == "action"
    ]
    assert names[0] == ("start", "http") and {o for _n, o in names} == {"http"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.0.0.0:9000", ("0.0.0.0", 9000)),
        (":9000", ("127.0.0.1", 9000)),
        ("9000", ("127.0.0.1", 9000)),
        ("studio.local", ("studio.local", 4480)),
        ("[::1]:9000", ("::1", 9000)),
        ("[::]", ("::", 4480)),
    ],
)
def test_serve_addresses(text: str, expected: tuple[str, int]) -> None:
    assert parse_address(text) == expected


@pytest.mark.parametrize("text", ["", "host:port", "::1:9000", "[::1", "h:70000"])
def test_bad_serve_addresses_say_what_is_expected(text: str) -> None:
    with pytest.raises(AddressError):
        parse_address(text)


def test_osc_options_make_the_osc_settings() -> None:
    assert settings_for("").osc is False
    on = settings_for("", "")
    assert (on.osc, on.osc_host, on.osc_port, on.osc_allow) == (
        True,
        "127.0.0.1",
        4481,
        ("127.0.0.1", "::1"),
    )
    opened = settings_for("0.0.0.0:9000", "0.0.0.0:9001", ["192.168.1.0/24, 10.0.0.5", "::1"])
    assert (opened.host, opened.port, opened.osc_host, opened.osc_port) == (
        "0.0.0.0",
        9000,
        "0.0.0.0",
        9001,
    )
    assert opened.osc_allow == ("192.168.1.0/24", "10.0.0.5", "::1")
    with pytest.raises(AddressError, match="--osc-allow: 'stage-left' is not an address"):
        settings_for("", "", ["stage-left"])
    with pytest.raises(AddressError, match="--osc: "):
        settings_for("", "host:port")
    with pytest.raises(AddressError, match="--osc-allow: OSC is off"):
        settings_for("", None, ["10.0.0.5"])


def test_rehearse_osc_serves_osc_and_says_where(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    journal = tmp_path / "r.jsonl"
    # --osc alone implies --serve (on its default address: port 0 here to stay out of the way)
    args = ["rehearse", str(SMALL), "--osc", "127.0.0.1:0", "--serve", ":0", "--speed", "2000"]
    code = cli.main([*args, "--journal", str(journal)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert re.search(r"OSC control: udp 127\.0\.0\.1:\d+ \(/studio/next, \.\.\.\), from 127", out)
    bad = ["--osc", "--osc-allow", "nowhere", "--journal", str(tmp_path / "bad.jsonl")]
    assert cli.main(["rehearse", str(SMALL), *bad]) == 2
    assert "--osc-allow: 'nowhere' is not an address" in capsys.readouterr().err


def test_osc_alone_implies_a_served_rehearsal() -> None:
    parser = argparse.ArgumentParser()
    add_rehearse_options(parser)
    assert parser.parse_args(["--osc"]).serve == ""
    assert parser.parse_args(["--osc", ":9001", "--serve", ":9000"]).serve == ":9000"
    assert parser.parse_args(["--serve", ":9000", "--osc"]).serve == ":9000"
    assert parser.parse_args([]).serve is None


@pytest.mark.asyncio
async def test_a_served_rehearsal_follows_osc(tmp_path: Path) -> None:
    agenda = load_agenda(SMALL)
    servers: list[ShowServer] = []
    settings = replace(
        settings_for(":0", ":0"), port=0, osc_port=0, token_file=tmp_path / "tokens.json"
    )
    task = asyncio.ensure_future(
        serve_rehearsal(
            agenda, tmp_path / "r.jsonl", speed=1.0, settings=settings, on_serving=servers.append
        )
    )
    try:
        await until(lambda: bool(servers) and servers[0].osc is not None, what="OSC serving")
        osc = servers[0].osc
        assert osc is not None
        client = SimpleUDPClient("127.0.0.1", osc.port)
        client.send_message("/studio/start", [])  # before the two-minute pre-roll is over
        for _ in range(len(agenda.segments)):
            client.send_message("/studio/next", [])
        status, _state = await asyncio.wait_for(task, 10)
        assert status.status.value == "ended"
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    actions = [
        (x["name"], x["args"]["origin"], x["args"]["client"])
        for x in map(json.loads, (tmp_path / "r.jsonl").read_text("utf-8").splitlines())
        if x["kind"] == "action"
    ]
    assert actions[0] == ("start", "osc", "127.0.0.1")
    assert {a[1:] for a in actions} == {("osc", "127.0.0.1")}
