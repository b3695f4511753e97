"""App settings (config/settings.yaml) and the OBS password lookup.

The password comes from OBS_WEBSOCKET_PASSWORD, else the OS keyring, else the settings file. It is
never logged and never written to the journal.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from studio.problems import AgendaError, Problem
from studio.yamlpos import YamlSyntaxError, read_located

log = logging.getLogger("studio.settings")

KEYRING_SERVICE = "studio-console"
PASSWORD_ENV = "OBS_WEBSOCKET_PASSWORD"


class ObsSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(default=4455, ge=1, le=65535)
    password: str | None = Field(default=None, repr=False)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    obs: ObsSettings = ObsSettings()
    language: str = "uk"


def load_settings(path: Path | None) -> Settings:
    """Settings from a YAML file; a missing file gives the defaults."""
    if path is None or not path.exists():
        return Settings()
    name = str(path)
    try:
        located = read_located(path)
    except YamlSyntaxError as exc:
        raise AgendaError([Problem(name, exc.pos.line, exc.pos.column, exc.message)]) from None
    try:
        return Settings.model_validate(located.data or {})
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            pos = located.where(tuple(err["loc"]))
            problems.append(Problem(name, pos.line, pos.column, f"{err['loc'][-1]}: {err['msg']}"))
        raise AgendaError(problems) from None


@dataclass(frozen=True)
class ObsEndpoint:
    host: str
    port: int


def obs_endpoint(
    host: str | None,
    port: int | None,
    settings: Settings,
    remembered: ObsEndpoint | None = None,
) -> ObsEndpoint:
    """Where OBS is, for every front end alike: the command line, else the address the console
    last used (if the caller keeps one), else the settings file (whose defaults are OBS's)."""
    last_host = remembered.host if remembered else ""
    last_port = remembered.port if remembered else 0
    return ObsEndpoint(
        host=host or last_host or settings.obs.host,
        port=port or last_port or settings.obs.port,
    )


@dataclass(frozen=True)
class PasswordSource:
    password: str | None
    source: str  # "env", "keyring", "settings", "none"


def obs_password(host: str, port: int, settings: Settings | None = None) -> PasswordSource:
    """Find the OBS WebSocket password without ever logging it."""
    env = os.environ.get(PASSWORD_ENV)
    if env:
        return PasswordSource(env, "env")
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            stored = keyring.get_password(KEYRING_SERVICE, f"obs@{host}:{port}")
        except KeyringError:
            stored = None
        if stored:
            return PasswordSource(stored, "keyring")
    except Exception:  # no usable keyring backend on this machine
        log.debug("no keyring backend")
    if settings is not None and settings.obs.password:
        return PasswordSource(settings.obs.password, "settings")
    return PasswordSource(None, "none")
