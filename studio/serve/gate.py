"""Who is asking, and what their token lets them do.

The control token is taken only from `Authorization: Bearer`; the view token also from
`?token=` on view URLs, never on control endpoints. A wrong token is logged (the token never
is) and, from an address that keeps failing, answered slowly (see throttle.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from urllib.parse import urlsplit

from aiohttp import web

from studio.serve.respond import Refused
from studio.serve.throttle import Throttle
from studio.serve.tokens import Access, Tokens

log = logging.getLogger("studio.serve")

URL_TOKEN = "a token in the URL (control takes it only as Authorization: Bearer)"


def address(request: web.Request) -> str:
    return request.remote or "?"


def client_name(request: web.Request) -> str:
    """The client for the journal: its address, and who a local proxy forwarded for."""
    own = address(request)
    forwarded = request.headers.get("X-Forwarded-For", "").split(",")[0].strip()[:64]
    if forwarded and own in ("127.0.0.1", "::1"):
        return f"{forwarded} via {own}"
    return own


def origin_allowed(request: web.Request, allowed: Iterable[str]) -> bool:
    """A browser's WebSocket says which page opened it: only our own pages (directly or
    through a reverse proxy) and configured origins may. Non-browser clients send none."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    if origin in allowed:
        return True
    netloc = urlsplit(origin).netloc.lower()
    hosts = {request.headers.get("Host", "").lower()}
    hosts |= {h.strip().lower() for h in request.headers.get("X-Forwarded-Host", "").split(",")}
    return bool(netloc) and netloc in hosts


def _presented(request: web.Request, tokens: Tokens, *, query: bool) -> tuple[Access, str]:
    """What the request's token allows, and why not when it allows nothing."""
    header = request.headers.get("Authorization", "")
    scheme, _, bearer = header.partition(" ")
    bearer = bearer.strip() if scheme.lower() == "bearer" else ""
    in_url = request.query.get("token")
    if in_url is not None and (not query or tokens.access(in_url) is Access.CONTROL):
        return Access.NONE, URL_TOKEN
    if bearer or in_url:
        access = tokens.access(bearer or in_url)
        return access, "" if access is not Access.NONE else "wrong token"
    return Access.NONE, "no token" if not header else "not a Bearer token"


async def authorize(
    request: web.Request, tokens: Tokens, throttle: Throttle, need: Access, *, query: bool
) -> Access:
    """What the request's token allows, or Refused (401/403/429) after a log line."""
    access, reason = _presented(request, tokens, query=query)
    if access is not Access.NONE and access.value >= need.value:
        return access
    who = address(request)
    if access is Access.VIEW:  # a right token for the wrong door: no guessing involved
        log.warning(
            "show server: refused %s %s from %s: the view token is read-only",
            request.method,
            request.path,
            who,
        )
        raise Refused(403, "the view token is read-only; actions need the control token")
    log.warning("show server: refused %s %s from %s: %s", request.method, request.path, who, reason)
    delay = throttle.failed(who)
    if delay is None:
        raise Refused(429, "too many failed attempts from this address; try again later")
    if delay > 0:
        throttle.waiting(who, +1)
        try:
            await asyncio.sleep(delay)
        finally:
            throttle.waiting(who, -1)
    if reason == URL_TOKEN:
        raise Refused(
            401,
            "tokens are not accepted in the URL here: send the control token as "
            "'Authorization: Bearer <token>'",
        )
    raise Refused(401, "a valid token is needed (Authorization: Bearer <token>)")
