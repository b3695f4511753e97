"""The show server's two secrets: a view token (read-only, in view URLs) and a control token
(actions; only ever in an `Authorization: Bearer` header).

They live in one JSON file in the user data dir, readable by its owner only (0600, in a 0700
folder), made on first use and replaced by `rotate` (`studio links --new`). Comparisons are
constant-time. Neither token is ever logged or journalled: `repr()` hides them.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import logging
import os
import secrets
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from platformdirs import user_data_dir

log = logging.getLogger("studio.serve")

TOKEN_BYTES = 32  # 256 bits: guessing is hopeless, slowing failures is only hygiene


def default_token_file() -> Path:
    return Path(user_data_dir("studio-console", appauthor=False)) / "server" / "tokens.json"


class Access(Enum):
    """What a presented token allows."""

    NONE = 0
    VIEW = 1
    CONTROL = 2


@dataclass(frozen=True)
class Tokens:
    view: str = field(repr=False)
    control: str = field(repr=False)

    @classmethod
    def new(cls) -> Tokens:
        return cls(secrets.token_urlsafe(TOKEN_BYTES), secrets.token_urlsafe(TOKEN_BYTES))

    def access(self, presented: str | None) -> Access:
        """What `presented` allows; both compared in constant time, always both."""
        if not presented:
            return Access.NONE
        given = presented.encode("utf-8", "surrogatepass")
        is_control = hmac.compare_digest(given, self.control.encode())
        is_view = hmac.compare_digest(given, self.view.encode())
        if is_control:
            return Access.CONTROL
        return Access.VIEW if is_view else Access.NONE


class TokenFileError(Exception):
    """The token file cannot be read or written; the message names the file and why."""


def _write(path: Path, tokens: Tokens) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # a folder made by someone else keeps its mode
        os.chmod(path.parent, 0o700)
    tmp = path.with_name(path.name + ".tmp")
    data = json.dumps({"view": tokens.view, "control": tokens.control}).encode()
    # Created 0600 from the start (never readable by others, not even for a moment), then
    # renamed over the old file: a crash leaves the old tokens or the new ones, never half.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def load_tokens(path: Path | None = None, *, create: bool = True) -> Tokens:
    """The tokens in `path` (default: the user data dir), made there if missing."""
    path = path or default_token_file()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        tokens = Tokens(str(raw["view"]), str(raw["control"]))
        if len(tokens.view) < 16 or len(tokens.control) < 16 or tokens.view == tokens.control:
            raise ValueError("tokens too short or equal")
        if path.stat().st_mode & 0o077:
            log.warning("%s was readable by others; made it owner-only", path)
            os.chmod(path, 0o600)
        return tokens
    except FileNotFoundError:
        if not create:
            raise TokenFileError(f"{path}: no tokens yet (studio links makes them)") from None
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("%s is not a token file (%s); new tokens are made", path, type(exc).__name__)
    except OSError as exc:
        raise TokenFileError(f"{path}: {exc.strerror or exc}") from None
    return rotate(path)


def rotate(path: Path | None = None) -> Tokens:
    """New tokens in `path`: every link given out before stops working."""
    path = path or default_token_file()
    tokens = Tokens.new()
    try:
        _write(path, tokens)
    except OSError as exc:
        raise TokenFileError(f"{path}: {exc.strerror or exc}") from None
    log.info("new show server tokens written to %s", path)
    return tokens
