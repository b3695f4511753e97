"""The show server: the engine's second front end, for browsers, Companion and scripts.

`await start_server(runtime, settings)` serves a running show on the loop it runs on (the
console's qasync loop, or plain asyncio in a headless rehearsal): `GET /api/v1/state`,
`POST /api/v1/actions/<action>`, the WebSocket `/api/v1/ws`, and the views `/speaker`,
`/rundown`, `/clock` and `/remote`. `server.state` says where it listens, how many clients it
has, or why it is not running; `await server.stop()` ends it. The show never depends on it.

This package's top only holds what is light (settings; tokens and links load when first used):
aiohttp loads with `studio.serve.server`, when a server is started, so `studio check` and friends
never pay for it.
Qt-free like the rest of the engine: an import contract keeps PySide6, qasync and ui/ out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studio.serve.config import DEFAULT_HOST, DEFAULT_PORT, AddressError, ServeSettings
from studio.serve.config import parse_address as parse_address

if TYPE_CHECKING:
    from studio.runtime import Runtime
    from studio.serve.links import links_lines as links_lines
    from studio.serve.server import ShowServer
    from studio.serve.tokens import (
        TokenFileError,
        Tokens,
        default_token_file,
        load_tokens,
        rotate,
    )

# Loaded when first asked for: the console's launcher reads the defaults above before anything
# else of the engine, and the tokens (hmac, secrets, platformdirs) and links (socket) can wait.
_LAZY = {
    "links_lines": "studio.serve.links",
    "TokenFileError": "studio.serve.tokens",
    "Tokens": "studio.serve.tokens",
    "default_token_file": "studio.serve.tokens",
    "load_tokens": "studio.serve.tokens",
    "rotate": "studio.serve.tokens",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


async def start_server(runtime: Runtime, settings: ServeSettings | None = None) -> ShowServer:
    """Make and start a show server for `runtime` on the running loop. It never raises for a
    server that cannot run: `server.state.error` says why, and the show goes on."""
    from studio.serve.server import ShowServer

    server = ShowServer(runtime, settings)
    await server.start()
    return server


__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "AddressError",
    "ServeSettings",
    "TokenFileError",
    "Tokens",
    "default_token_file",
    "links_lines",
    "load_tokens",
    "parse_address",
    "rotate",
    "start_server",
]
