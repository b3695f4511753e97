"""The views and the API through a real reverse proxy under a path prefix: Debian's nginx on
loopback publishes the show server at /show/, as a studio would to remote speakers. The pages
use relative URLs only, so the same files work there; the WebSocket passes the proxy (upgrade
headers) and its origin check (the proxy forwards the browser's Host).
"""

from __future__ import annotations

import asyncio
import shutil
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest

from tests.serve_util import default_agenda, served, until
from tests.test_serve_browser import CHROMIUM, SYNCED, paced, playwright_api

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.skipif(not Path(NGINX).exists(), reason="Debian's nginx is not installed"),
]

# What the README tells a technician to put in their nginx site (the prefix is theirs to pick).
LOCATION = """
    location /show/ {{
      proxy_pass http://127.0.0.1:{upstream}/;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection "upgrade";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_read_timeout 1h;
    }}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@asynccontextmanager
async def nginx(tmp_path: Path, upstream: int) -> AsyncIterator[str]:
    """nginx in the foreground on a free loopback port; yields its /show/ URL."""
    port = _free_port()
    folder = tmp_path / "nginx"
    folder.mkdir()
    temps = " ".join(
        f"{name}_temp_path {folder / name};" for name in ("client_body", "proxy", "fastcgi")
    )
    temps += f" uwsgi_temp_path {folder / 'uwsgi'}; scgi_temp_path {folder / 'scgi'};"
    conf = folder / "nginx.conf"
    conf.write_text(
        f"daemon off; master_process off; worker_processes 1; pid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} warn;\n"
        "events { worker_connections 64; }\n"
        f"http {{ access_log off; {temps}\n"
        f"  server {{ listen 127.0.0.1:{port};\n" + LOCATION.format(upstream=upstream) + "  }\n}\n",
        encoding="utf-8",
    )
    proc = await asyncio.create_subprocess_exec(
        NGINX, "-c", str(conf), "-p", str(folder), "-e", str(folder / "error.log")
    )
    try:

        async def listening() -> bool:
            try:
                _r, w = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                assert proc.returncode is None, (folder / "error.log").read_text()
                return False
            w.close()
            return True

        deadline = asyncio.get_running_loop().time() + 10
        while not await listening():
            assert asyncio.get_running_loop().time() < deadline, "nginx did not start"
            await asyncio.sleep(0.02)
        yield f"http://127.0.0.1:{port}/show/"
    finally:
        proc.terminate()
        await proc.wait()


async def test_the_api_through_a_proxy_under_a_prefix(tmp_path: Path) -> None:
    async with served(tmp_path) as s, nginx(tmp_path, s.server.state.port) as show:
        async with aiohttp.ClientSession() as http:
            async with http.get(show + "api/v1/state", headers=s.view) as r:
                assert r.status == 200
                assert (await r.json())["status"] == "pre"
            async with http.post(show + "api/v1/actions/start", headers=s.control) as r:
                assert r.status == 200
            async with http.post(show + "api/v1/actions/start") as r:
                assert r.status == 401
            async with http.get(show + "static/../server.py") as r:
                assert r.status == 404
        start = [e for e in s.rt.journal.entries if e.kind == "action"]
        assert [(e.name, e.args["origin"]) for e in start] == [("start", "http")]
        assert start[0].args["client"] == "127.0.0.1 via 127.0.0.1"  # who the proxy served


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
async def test_the_speaker_view_through_a_proxy_under_a_prefix(tmp_path: Path) -> None:
    agenda = default_agenda()
    async with (
        served(tmp_path, agenda=agenda, clock=paced(agenda)) as s,
        nginx(tmp_path, s.server.state.port) as show,
        playwright_api.async_playwright() as p,
    ):
        s.rt.act("start")
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = await browser.new_page()
            await page.goto(show + f"speaker?token={s.tokens.view}")
            await page.wait_for_function(SYNCED)  # styles, scripts and the WebSocket all came
            await until(lambda: s.server.state.views == 1, what="the view counted")
            color = await page.eval_on_selector("#countdown", "e => getComputedStyle(e).color")
            assert color == "rgb(76, 217, 100)"  # the console's green: the stylesheet came too
        finally:
            await browser.close()
