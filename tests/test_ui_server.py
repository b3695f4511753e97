"""The console serves its show: the technician panel shows the server (address, clients, QR code),
an API action moves the console's show, a message set through the API reaches the speaker monitor,
and a server that cannot start is an alarm in the panel while the show goes on."""

from __future__ import annotations

import io
import socket
from pathlib import Path

import aiohttp
import pytest

from studio.serve import ServeSettings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.asyncio
async def test_the_console_serves_its_show(open_console, wait_until, tmp_path: Path) -> None:
    out = io.StringIO()
    serve = ServeSettings(port=free_port(), token_file=tmp_path / "tokens.json")
    c = await open_console(serve=serve, out=out)
    box = c.window.panel.server_box
    await wait_until(lambda: c.server is not None and c.server.state.running, what="the server")
    base = c.server.state.url
    tokens = c.server.tokens
    # The terminal got every view's address and the control token; the panel only the views'.
    printed = out.getvalue()
    assert f"{base}speaker?token={tokens.view}" in printed and tokens.control in printed
    assert box.address() == f"{base}speaker?token={tokens.view}"
    box.qr_button.click()
    assert box.qr_window.isVisible() and not box.qr_window.pixmap().isNull()
    assert tokens.control not in box.address_label.text()
    assert "Serving at" in box.state_label.text()

    control = {"Authorization": f"Bearer {tokens.control}"}
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base}api/v1/actions/start", json={}, headers=control) as r:
            assert r.status == 200
        await wait_until(lambda: c.bridge.view.running, what="the show started by the API")
        item = c.bridge.status.item
        assert item is not None and c.window.item_label.text() == item.title.get("en")
        async with http.post(
            f"{base}api/v1/actions/message", json={"text": "Wrap up, please"}, headers=control
        ) as r:
            assert r.status == 200
        await wait_until(
            lambda: c.monitor.message.text() == "Wrap up, please", what="the API's message"
        )
        async with http.ws_connect(f"{base}api/v1/ws?view=speaker&token={tokens.view}") as _ws:
            await wait_until(lambda: "1 view" in box.state_label.text(), what="a view counted")
    box.grab().save(str(tmp_path / "panel-server.png"))
    box.qr_window.grab().save(str(tmp_path / "qr.png"))


@pytest.mark.asyncio
async def test_a_port_in_use_is_an_alarm_and_the_show_goes_on(
    open_console, wait_until, tmp_path: Path
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        serve = ServeSettings(port=port, token_file=tmp_path / "tokens.json")
        c = await open_console(serve=serve, out=io.StringIO())
        box = c.window.panel.server_box
        await wait_until(lambda: c.server is not None, what="the server's attempt to start")
        assert c.server is not None and not c.server.state.running
        assert "NOT running" in box.state_label.text()
        assert not box.qr_button.isVisibleTo(box) and box.address() is None
        c.bridge.act("start")
        await wait_until(lambda: c.bridge.view.running, what="the show running without a server")


@pytest.mark.asyncio
async def test_osc_drives_the_consoles_show_and_the_panel_says_where(
    open_console, wait_until, tmp_path: Path
) -> None:
    from pythonosc.udp_client import SimpleUDPClient

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
        u.bind(("127.0.0.1", 0))
        osc_port = u.getsockname()[1]
    serve = ServeSettings(
        port=free_port(), token_file=tmp_path / "tokens.json", osc=True, osc_port=osc_port
    )
    c = await open_console(serve=serve, out=io.StringIO())
    box = c.window.panel.server_box
    await wait_until(lambda: c.server is not None and c.server.state.osc, what="OSC listening")
    assert f"OSC control at 127.0.0.1:{osc_port}" in box.state_label.text()
    SimpleUDPClient("127.0.0.1", osc_port).send_message("/studio/start", [])
    await wait_until(lambda: c.bridge.view.running, what="the show started over OSC")
    (start,) = [e for e in c.rt.journal.entries if e.name == "start"]
    assert (start.args["origin"], start.args["client"]) == ("osc", "127.0.0.1")
