"""What the OBS link knows and reports: its connection state (`LinkState`), the outcome of one
automated scene switch (`Switch`), and everything it has read of OBS (`Snapshot`), which the
technician panel shows.

Plain data, no behaviour: the link (studio/obs/link.py) fills them in; the console and the
director read them. They are importable from studio.obs.link too, where the console finds them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from studio.obs.base import Health, LinkMessage, OutputStatus, Versions


class LinkState(StrEnum):
    OFFLINE = "offline"
    CONNECTING = "connecting"
    ONLINE = "online"
    RECONNECTING = "reconnecting"
    STOPPED = "stopped"


@dataclass(frozen=True)
class Switch:
    """One automated scene switch and whether OBS confirmed it."""

    scene: str
    cue_seq: int
    confirmed: bool
    latency_ms: float | None
    superseded: bool = False
    already: bool = False  # the scene was on program already: nothing was sent


@dataclass
class Snapshot:
    """What the link knows of OBS, for the technician panel."""

    state: LinkState = LinkState.OFFLINE
    last_error_message: LinkMessage | None = None
    versions: Versions | None = None
    scenes: list[str] = field(default_factory=list)
    inputs: dict[str, str] = field(default_factory=dict)
    program: str | None = None
    preview: str | None = None
    studio_mode: bool = False
    stream: OutputStatus = field(default_factory=OutputStatus)
    record: OutputStatus = field(default_factory=OutputStatus)
    health: Health = field(default_factory=Health)
    manual_scene: str | None = None
    unconfirmed: Switch | None = None
    outages: int = 0

    @property
    def last_error(self) -> str | None:
        """The last connection error in English (`last_error_message` has it for translation)."""
        m = self.last_error_message
        return m.text if m is not None else None
