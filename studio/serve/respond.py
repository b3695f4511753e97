"""How the show server answers: JSON bodies, refusals, the security headers on every response.

A `Refused` raised anywhere below a handler becomes its JSON answer (`{"ok": false, "error":
...}` with the status), so a handler says why in one line and nothing is half applied.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

# A page may load only what this server ships and talk only to it; no other site may frame it,
# and the view token in its URL is never sent on as a referrer.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
}


class Refused(Exception):
    """A request answered with an error; nothing was changed."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.extra = extra

    def response(self) -> web.Response:
        body = {"ok": False, "error": str(self), **self.extra}
        headers = {"WWW-Authenticate": 'Bearer realm="studio"'} if self.status == 401 else None
        return json_response(body, status=self.status, headers=headers)


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    return web.Response(
        text=json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        status=status,
        content_type="application/json",
        headers={"Cache-Control": "no-store", **(headers or {})},
    )


def error_text(message: str) -> str:
    """A WebSocket error message."""
    return json.dumps({"type": "error", "error": message}, ensure_ascii=False)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_json(raw: bytes | str) -> Any:
    """A request's JSON (NaN and Infinity refused), or Refused(400) saying what is wrong."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        return json.loads(text, parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError) as exc:
        raise Refused(400, f"the body is not valid JSON: {exc}") from None


@web.middleware
async def answer(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Refusals as JSON (and aiohttp's own errors too, under /api/), security headers on all."""
    try:
        response = await handler(request)
    except Refused as refused:
        response = refused.response()
    except web.HTTPException as exc:
        if not request.path.startswith("/api/"):
            raise
        response = json_response({"ok": False, "error": exc.reason}, status=exc.status)
    if not response.prepared:
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
    return response
