"""The show server: the engine's second front end, for browsers, Companion and scripts.

`start_server(runtime, settings)` serves a running show on the loop it runs on (the console's
qasync loop, or plain asyncio in a headless rehearsal): `GET /api/v1/state`,
`POST /api/v1/actions/<action>`, the WebSocket `/api/v1/ws`, and the views `/speaker`,
`/rundown`, `/clock` and `/remote`. `server.state` says where it listens, how many clients it
has, or why it is not running; `await server.stop()` ends it. The show never depends on it.

Qt-free like the rest of the engine: an import contract keeps PySide6, qasync and ui/ out.
"""

from studio.serve.config import DEFAULT_HOST, DEFAULT_PORT, AddressError, ServeSettings
from studio.serve.config import parse_address as parse_address
from studio.serve.server import ServerState, ShowServer, start_server
from studio.serve.tokens import TokenFileError, Tokens, default_token_file, load_tokens, rotate

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "AddressError",
    "ServeSettings",
    "ServerState",
    "ShowServer",
    "TokenFileError",
    "Tokens",
    "default_token_file",
    "load_tokens",
    "parse_address",
    "rotate",
    "start_server",
]
