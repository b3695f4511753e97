"""The lines `studio links` prints (and the console at start): each view's URL with the view
token, the control token, and how to send it. For the technician to paste into Companion or a
chat; they are secrets, printed on request to the terminal only, never logged.
"""

from __future__ import annotations

import contextlib
import socket

from studio.serve.config import ServeSettings
from studio.serve.tokens import Tokens

VIEWS = ("speaker", "rundown", "clock", "remote")


def lan_address() -> str | None:
    """This machine's address on the network it would reach the outside through (no packet is
    sent: connecting a UDP socket only picks the route)."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere real
        address = str(s.getsockname()[0])
        return None if address.startswith("127.") else address
    return None


def base_url(host: str, port: int) -> str:
    """The URL a browser uses; a wildcard bind is reached by this machine's LAN address."""
    if host in ("", "0.0.0.0", "::"):
        host = lan_address() or "127.0.0.1"
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def links_lines(settings: ServeSettings, tokens: Tokens, port: int | None = None) -> list[str]:
    """What to give out: view URLs (with the read-only view token) and the control token."""
    base = base_url(settings.host, settings.port if port is None else port)
    view = tokens.view
    lines = [f"Show server: {base}"]
    for name in VIEWS:
        lines.append(f"  /{name:<8} {base}{name}?token={view}")
    lines.append(f"  pinned    {base}speaker?token={view}&slot=<item or speaker id>")
    lines.append("  English   add &lang=en to any view")
    lines.append(f"View token (read-only):  {view}")
    lines.append(f"Control token:           {tokens.control}")
    lines.append("  send it only as a header, never in a URL:")
    lines.append(
        f'  curl -X POST -H "Authorization: Bearer {tokens.control}" {base}api/v1/actions/next'
    )
    return lines
