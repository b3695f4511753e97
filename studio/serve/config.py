"""The show server's settings: where it listens, how many clients it takes, its timeouts.

Self-contained (a frozen dataclass and a parser for `HOST:PORT`) so that the app's settings file
can carry a `serve:` section later without this package reaching down into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"  # loopback unless the technician opens it to the studio network
DEFAULT_PORT = 4480  # fixed, so links printed once stay valid from one show to the next
DEFAULT_MAX_CLIENTS = 120  # the bench serves 100 views within its targets; a few API clients on top
DEFAULT_OSC_PORT = 4481  # next to the HTTP port; OSC is off unless asked for
LOOPBACK = ("127.0.0.1", "::1")


class AddressError(ValueError):
    """A `--serve` address that is not HOST:PORT, PORT or HOST."""


@dataclass(frozen=True)
class ServeSettings:
    """How the show server runs; the defaults are the secure ones."""

    enabled: bool = True
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    max_clients: int = DEFAULT_MAX_CLIENTS
    """WebSocket clients (views and API) at once; the next one is told so and closed."""
    allowed_origins: tuple[str, ...] = ()
    """Browser origins besides the server's own (and a reverse proxy's) allowed on /api/v1/ws,
    e.g. `https://show.example.org`."""
    token_file: Path | None = None
    """Where the tokens live; None: the user data dir."""
    send_timeout: float = 5.0
    """Seconds one message to one client may take before that client is dropped."""
    tick: float = 1.0
    """Real seconds between looks at the show for a change no update announced; the state is
    pushed then only if it changed in more than what the views work out from the clock (the
    countdown, and the offset and projections in overtime or on hold, move in the browser)."""
    refresh: float = 10.0
    """Real seconds between pushes of the state even when nothing changed (a view's figures
    extrapolated from the clock are set right again)."""
    heartbeat: float = 10.0
    """WebSocket ping interval; a client that does not answer is closed."""
    max_body: int = 4096
    """Largest request body accepted (413 above it)."""
    max_failures: int = 5
    """Failed authentications from one address before its further failures are slowed."""
    failure_window: float = 60.0
    """Seconds a failure counts against its address."""
    request_timeout: float = 15.0
    """Seconds a connection may take to send a request's headers (counted from its start or
    the last answer; then it is closed, so headers trickled in slowly cannot hold it) and then
    its body (then 408). An idle keep-alive connection is closed after as long."""
    osc: bool = False
    """OSC control over UDP (Companion's Generic OSC module, TouchOSC, a script): off unless
    asked for. It runs beside the HTTP side: either can run without the other."""
    osc_host: str = DEFAULT_HOST
    osc_port: int = DEFAULT_OSC_PORT
    osc_allow: tuple[str, ...] = LOOPBACK
    """Sender addresses or networks (`192.168.1.20`, `192.168.1.0/24`) whose OSC messages are
    obeyed; anything else is logged and dropped. UDP senders are not authenticated: list only
    the machines that drive the show, on a network you trust."""


def parse_address(text: str, default: ServeSettings | None = None) -> tuple[str, int]:
    """`HOST:PORT`, `:PORT`, `PORT` or `HOST` (IPv6 in brackets: `[::1]:4480`)."""
    base = default or ServeSettings()
    text = text.strip()
    if not text:
        raise AddressError("an empty address; expected HOST:PORT")
    host, port_text = base.host, ""
    if text.startswith("["):
        end = text.find("]")
        if end < 0:
            raise AddressError(f"{text!r}: an IPv6 address needs its closing ']'")
        host, rest = text[1:end], text[end + 1 :]
        if rest and not rest.startswith(":"):
            raise AddressError(f"{text!r}: expected [HOST]:PORT")
        port_text = rest[1:]
    elif text.isdigit():
        port_text = text
    elif text.count(":") == 1:
        host, port_text = text.split(":")
        host = host or base.host
    elif ":" in text:
        raise AddressError(f"{text!r}: put an IPv6 address in brackets, e.g. [::1]:4480")
    else:
        host = text
    if not port_text:
        return host, base.port
    try:
        port = int(port_text)
    except ValueError:
        raise AddressError(f"{text!r}: the port must be a number") from None
    if not 0 <= port <= 65535:
        raise AddressError(f"{text!r}: the port must be between 0 and 65535")
    return host, port
