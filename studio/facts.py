"""The journal's facts: every kind of journal entry and its fields, typed, defined once.

A journal line is `kind`, `name` and `args` (studio/journal.py). This module says what each
(kind, name) means and which fields its args hold, and every writer and reader goes through it:
the link and the runtime write `Cue`, `Switch`, `ObsLost`... with `to_args()`, the report, the
runtime and the resume read them back with `read(entry)` / `X.from_entry(entry)` and match on
the type, never on a string, so renaming a fact breaks at import or type check, not silently.

Kinds:
- ``meta``: `JournalHeader` (which agenda, event and mode the journal belongs to).
- ``action``: an operator action (studio/actions.py gives each its type and args); read here as
  `ActionTaken` for where the show went (`Place`, recorded as ``to``).
- ``obs``: facts from the OBS link and the cue queue, for the as-run report and a restart:
  `Cue`, `Switch`, `SwitchFailed`, `ObsLost`, `ObsBack`, `HealthChange`, `StreamState`,
  `RecordState`, `OutputRequest`, `ManualOverride`, `ManualReleased`.
- ``console``: `ConsoleMessage` (the moderator's message on the speaker monitor).

The strings on disk are those journals have always had, so old journals read as they did. A line
of a kind or name this version does not know reads as `Unknown`: readers report it (the as-run
report says how many and which), they never drop it silently. Readers are lenient with the args
of known facts (a field missing or of the wrong type in an old or damaged line reads as its
default), because a report must still come out of a damaged journal.

`version` is the schema version of a fact's fields: a change to them bumps it, and `from_args`
keeps reading every earlier version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar, Literal, Protocol, Self, TypeAlias


class Line(Protocol):
    """What a fact is read from: a journal entry (studio.journal.Entry)."""

    @property
    def kind(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def args(self) -> Mapping[str, Any]: ...


class FactMismatch(ValueError):
    """`X.from_entry` was given an entry of another kind or name."""


# ---- lenient field readers ----------------------------------------------------------------------


def _str(value: Any, default: str = "") -> str:
    return default if value is None else str(value)


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _opt_int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _opt_float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


# ---- the base -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One journal fact of a fixed (kind, name)."""

    kind: ClassVar[str]
    name: ClassVar[str]
    version: ClassVar[int] = 1

    def to_args(self) -> dict[str, Any]:
        """The args the journal line holds."""
        return dict(self.__dict__)

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Self:
        """The fact from a line's args (lenient: see the module docstring)."""
        return cls()

    @classmethod
    def matches(cls, entry: Line) -> bool:
        return entry.kind == cls.kind and entry.name == cls.name

    @classmethod
    def from_entry(cls, entry: Line) -> Self:
        if not cls.matches(entry):
            raise FactMismatch(f"{entry.kind}/{entry.name} is not {cls.kind}/{cls.name}")
        return cls.from_args(entry.args)


# ---- meta ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JournalHeader(Fact):
    """The journal's first line: the agenda, event and mode it belongs to, and its id."""

    kind: ClassVar[str] = "meta"
    name: ClassVar[str] = "journal"

    agenda: str | None = None
    fingerprint: str | None = None
    event: str | None = None
    mode: str | None = None
    outline: tuple[tuple[str, ...], ...] | None = None
    """Item ids, each followed by its speakers' ids, as they were when the journal began."""
    jid: str | None = None
    format: int | None = None

    def to_args(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if v is not None}
        if self.outline is not None:
            out["outline"] = [list(row) for row in self.outline]
        return out

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Self:
        outline = args.get("outline")
        rows: tuple[tuple[str, ...], ...] | None = None
        if isinstance(outline, list):
            rows = tuple(
                tuple(row)
                for row in outline
                if isinstance(row, list) and row and all(isinstance(x, str) for x in row)
            )
        return cls(
            agenda=_opt_str(args.get("agenda")) or None,
            fingerprint=_opt_str(args.get("fingerprint")) or None,
            event=_opt_str(args.get("event")) or None,
            mode=_opt_str(args.get("mode")) or None,
            outline=rows,
            jid=_opt_str(args.get("jid")) or None,
            format=_opt_int(args.get("format")),
        )


# ---- action -------------------------------------------------------------------------------------

ACTION = "action"
"""The kind of an operator action's entry; its name is the action's (studio/actions.py)."""


class ShowStatus(StrEnum):
    """Where the show is in its life: before the start, under way, or over."""

    PRE = "pre"
    RUNNING = "running"
    ENDED = "ended"


@dataclass(frozen=True)
class Place:
    """Where the show went, by ids (an action entry's ``to``)."""

    status: str
    item: str | None = None
    speaker: str | None = None

    def to_args(self) -> dict[str, Any]:
        if self.status == ShowStatus.RUNNING:
            return {"status": self.status, "item": self.item, "speaker": self.speaker}
        return {"status": self.status}

    @classmethod
    def from_args(cls, args: Any) -> Place | None:
        if not isinstance(args, Mapping):
            return None
        item, speaker = args.get("item"), args.get("speaker")
        return cls(
            _str(args.get("status")),
            item if isinstance(item, str) else None,
            speaker if isinstance(speaker, str) else None,
        )


@dataclass(frozen=True)
class ActionTaken:
    """An operator action as journalled, read for what it names (its item, where it went).

    The action itself (what it does, its arguments' types) is studio/actions.py's; this only
    reads the entry, whatever its name, so it is not a `Fact` of one fixed name."""

    kind: ClassVar[str] = ACTION

    name: str
    args: Mapping[str, Any]

    @property
    def item(self) -> str | None:
        """The item the action named (goto, skip), if any."""
        v = self.args.get("item")
        return v if isinstance(v, str) else None

    @property
    def speaker(self) -> str | None:
        """The speaker of `item` the action named (retime, relabel), if any."""
        v = self.args.get("speaker")
        return v if isinstance(v, str) and v else None

    @property
    def to(self) -> Place | None:
        """Where the show went (journals older than places by id have none)."""
        return Place.from_args(self.args.get("to"))

    @classmethod
    def matches(cls, entry: Line) -> bool:
        return entry.kind == cls.kind

    @classmethod
    def from_entry(cls, entry: Line) -> ActionTaken:
        if not cls.matches(entry):
            raise FactMismatch(f"{entry.kind}/{entry.name} is not an action")
        return cls(entry.name, entry.args)


# ---- obs ----------------------------------------------------------------------------------------

OBS = "obs"


@dataclass(frozen=True)
class Cue(Fact):
    """A cue handed to the director (logical scene; `overtaken`: a newer one in the same batch
    replaced it before it was sent)."""

    kind: ClassVar[str] = OBS
    name: ClassVar[str] = "cue"

    seq: int | None
    scene: str = ""
    item: str | None = None
    speaker: int | None = None
    speaker_id: str | None = None
    reason: str = ""
    overtaken: bool = False

    def to_args(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        if not self.overtaken:
            del out["overtaken"]  # written only when true, as journals always had it
        return out

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Self:
        return cls(
            seq=_opt_int(args.get("seq")),
            scene=_str(args.get("scene")),
            item=_opt_str(args.get("item")),
            speaker=_opt_int(args.get("speaker")),
            speaker_id=_opt_str(args.get("speaker_id")),
            reason=_str(args.get("reason")),
            overtaken=bool(args.get("overtaken")),
        )


@dataclass(frozen=True)
class Switch(Fact):
    """An automated scene switch (OBS scene name) and whether OBS confirmed it."""

    kind: ClassVar[str] = OBS
    name: ClassVar[str] = "switch"

    scene: str
    cue: int | None
    latency_ms: float | None = None
    confirmed: bool = False
    superseded: bool = False
    already: bool = False

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Self:
        return cls(
            scene=_str(args.get("scene")),
            cue=_opt_int(args.get("cue")),
            latency_ms=_opt_float(args.get("latency_ms")),
            confirmed=bool(args.get("confirmed")),
            superseded=bool(args.get("superseded")),
            already=bool(args.get("already")),
        )


@dataclass(frozen=True)
class SwitchFailed(Fact):
    """An automated scene switch OBS refused."""

    kind: ClassVar[str] = OBS
    name: ClassVar[str] = "switch_failed"

    scene: str
    cue: int | None
    error: str | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Self:
        return cls(_str(args.get("scene")), _opt_int(args.get("cue")), _opt_str(args.get("error")))


@dataclass(frozen=True)
class ObsLost(Fact):
    """The link lost OBS (the operator's sentence for why, never a password)."""

    kind: ClassVar[str] = OBS
    name: ClassVar[str] = "obs_lost"

    why: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Self:
        return cls(_str(args.get("why")))


@dataclass(frozen=True)
class ObsBack(Fact):
    """OBS is back; `down_s` on the link's own monotonic clock."""

    kind: ClassVar[str] = OBS
    name: ClassVar[str] = "obs_back"

    down_s: float | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Self:
        return cls(_opt_float(args.get("down_s")))


@dataclass(frozen=True)
class HealthChange(Fact):
    """An OBS health figure left "ok" (`event` "start") or came back (`event` "end", with
    `until` and `lasted_s`); times on the show clock (studio/obs/health.py makes them)."""

    kind: ClassVar[str] = OBS
    name: ClassVar[str] = "health"

    event: str  # "start" or "end"
    figure: str
    level: str = ""
    value: float | None = None
    since: float | None = None
    until: float | None = None
    lasted_s: float | None = None

    def to_args(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        for key in ("until", "lasted_s"):
            if out[key] is None:
                del out[key]  # only an end has them
        return out

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Self:
        return cls(
            event=_str(args.get("event")),
            figure=_str(args.get("figure")),
            level=_str(args.get("level")),
            value=_opt_float(args.get("value")),
            since=_opt_float(args.get("since")),
            until=_opt_float(args.get("until")),
            lasted_s=_opt_float(args.get("lasted_s")),
        )


@dataclass(frozen=True)
class OutputState(Fact):
    """An output's state as OBS reported it (starting, started, stopping, stopped, ...)."""

    kind: ClassVar[str] = OBS
    output: ClassVar[Literal["stream", "record"]]

    state: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Self:
        return cls(_str(args.get("state")))

    @staticmethod
    def of(output: str, state: str) -> StreamState | RecordState:
        """The fact for `output` ("stream" or "record")."""
        if output == StreamState.output:
            return StreamState(state)
        if output == RecordState.output:
            return RecordState(state)
        raise ValueError(f"no output {output!r}")


@dataclass(frozen=True)
class StreamState(OutputState):
    name: ClassVar[str] = "stream_state"
    output: ClassVar[Literal["stream", "record"]] = "stream"


@dataclass(frozen=True)
class RecordState(OutputState):
    name: ClassVar[str] = "record_state"
    output: ClassVar[Literal["stream", "record"]] = "record"


OUTPUT_ACTIONS: tuple[str, ...] = ("start_stream", "stop_stream", "start_record", "stop_record")


@dataclass(frozen=True)
class OutputRequest(Fact):
    """The operator asked to start or stop an output (journalled before it is sent)."""

    kind: ClassVar[str] = OBS
    name: ClassVar[str] = "output"

    action: str  # one of OUTPUT_ACTIONS

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Self:
        return cls(_str(args.get("action")))


@dataclass(frozen=True)
class ManualOverride(Fact):
    """The scene was set by hand (`source`: "obs" in OBS itself, "console" from the console);
    automation leaves it until the next cue."""

    kind: ClassVar[str] = OBS
    name: ClassVar[str] = "manual_override"

    scene: str
    source: str = ""  # "obs" or "console"

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Self:
        return cls(_str(args.get("scene")), _str(args.get("source")))


@dataclass(frozen=True)
class ManualReleased(Fact):
    """The technician gave the scene back to the cue."""

    kind: ClassVar[str] = OBS
    name: ClassVar[str] = "manual_released"


# ---- console ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsoleMessage(Fact):
    """The moderator's message on the speaker monitor (a restart shows it again)."""

    kind: ClassVar[str] = "console"
    name: ClassVar[str] = "message"

    text: str = ""
    origin: str | None = None  # who set it, as an action's origin (absent in older journals)
    client: str | None = None  # a remote caller's address, as actions record it

    def to_args(self) -> dict[str, Any]:
        extra = {"origin": self.origin, "client": self.client}
        return {"text": self.text} | {k: v for k, v in extra.items() if v}

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Self:
        origin, client = _opt_str(args.get("origin")), _opt_str(args.get("client"))
        return cls(_str(args.get("text")), origin, client)


# ---- reading any line ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Unknown:
    """A line of a kind or name this version does not know (a newer console's, or a fact since
    retired): readers report it."""

    kind: str
    name: str
    args: Mapping[str, Any]

    @property
    def label(self) -> str:
        return f"{self.kind}/{self.name}"


ObsFact: TypeAlias = (
    Cue
    | Switch
    | SwitchFailed
    | ObsLost
    | ObsBack
    | HealthChange
    | StreamState
    | RecordState
    | OutputRequest
    | ManualOverride
    | ManualReleased
)
AnyFact: TypeAlias = JournalHeader | ActionTaken | ObsFact | ConsoleMessage | Unknown

FACT_TYPES: tuple[type[Fact], ...] = (
    JournalHeader,
    Cue,
    Switch,
    SwitchFailed,
    ObsLost,
    ObsBack,
    HealthChange,
    StreamState,
    RecordState,
    OutputRequest,
    ManualOverride,
    ManualReleased,
    ConsoleMessage,
)
"""Every fact of a fixed (kind, name); actions are the other kind (`ActionTaken`)."""


def _by_key(types: tuple[type[Fact], ...]) -> dict[tuple[str, str], type[Fact]]:
    out: dict[tuple[str, str], type[Fact]] = {}
    for cls in types:
        key = (cls.kind, cls.name)
        if key in out or cls.kind == ACTION:
            raise TypeError(f"journal fact {key} defined twice")  # at import: never silently
        out[key] = cls
    return out


_BY_KEY = _by_key(FACT_TYPES)
KINDS: frozenset[str] = frozenset({ACTION, *(k for k, _ in _BY_KEY)})


def fact_type(kind: str, name: str) -> type[Fact] | None:
    """The fact type of a (kind, name), None for an action or an unknown line."""
    return _BY_KEY.get((kind, name))


def read(entry: Line) -> AnyFact:
    """The typed fact a journal line holds (`Unknown` when this version does not know it)."""
    if entry.kind == ACTION:
        return ActionTaken(entry.name, entry.args)
    cls = _BY_KEY.get((entry.kind, entry.name))
    if cls is None:
        return Unknown(entry.kind, entry.name, entry.args)
    fact: AnyFact = cls.from_args(entry.args)  # type: ignore[assignment]
    return fact


def obs_fact(name: str, args: Mapping[str, Any]) -> ObsFact:
    """An OBS fact from its name and args (callers that still speak in names); an unknown name
    raises ValueError rather than writing a line no reader knows."""
    cls = _BY_KEY.get((OBS, name))
    if cls is None:
        raise ValueError(f"no OBS fact named {name!r}")
    fact: ObsFact = cls.from_args(args)  # type: ignore[assignment]
    return fact


__all__ = [
    "ACTION",
    "FACT_TYPES",
    "KINDS",
    "OBS",
    "OUTPUT_ACTIONS",
    "ActionTaken",
    "AnyFact",
    "ConsoleMessage",
    "Cue",
    "Fact",
    "FactMismatch",
    "HealthChange",
    "JournalHeader",
    "Line",
    "ManualOverride",
    "ManualReleased",
    "ObsBack",
    "ObsFact",
    "ObsLost",
    "OutputRequest",
    "OutputState",
    "Place",
    "RecordState",
    "ShowStatus",
    "StreamState",
    "Switch",
    "SwitchFailed",
    "Unknown",
    "read",
]
