"""The journal: an append-only JSONL file of everything the operator did and the show cued.

Each entry is written, flushed and fsynced before it takes effect, so the show state, being a
replay of the entries, survives a crash or a power cut. A torn last line (power lost mid-write) is
dropped with a warning. Entries of kind "action" drive the show; the rest (cues, OBS outages,
confirmations, overrides) are facts for the as-run report.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

log = logging.getLogger("studio.journal")

FORMAT = 1


@dataclass(frozen=True)
class Entry:
    """One line of the journal."""

    seq: int
    at: float
    kind: str
    name: str
    args: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {
                "v": FORMAT,
                "seq": self.seq,
                "at": self.at,
                "kind": self.kind,
                "name": self.name,
                "args": self.args,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )


def default_journal_path(event_id: str, mode: str = "live") -> Path:
    """Per-event journal under the user's data dir; rehearsals never share the live one."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", event_id)
    suffix = "" if mode == "live" else f".{mode}"
    return (
        Path(user_data_dir("studio-console", appauthor=False))
        / "journals"
        / (f"{safe}{suffix}.jsonl")
    )


def _parse(raw: bytes) -> Entry:
    """One journal line as an Entry; raises ValueError, KeyError, TypeError or AttributeError."""
    obj = json.loads(raw.decode("utf-8"))
    return Entry(
        int(obj["seq"]),
        float(obj["at"]),
        str(obj["kind"]),
        str(obj["name"]),
        dict(obj.get("args") or {}),
    )


def read_entries(path: Path) -> list[Entry]:
    """All readable entries; a torn or corrupt line is skipped with a warning."""
    if not path.exists():
        return []
    entries: list[Entry] = []
    with path.open("rb") as fh:
        lines = fh.read().split(b"\n")
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            entries.append(_parse(raw))
        except (ValueError, KeyError, TypeError, AttributeError):
            last = lineno == len(lines) or all(not x.strip() for x in lines[lineno:])
            what = "torn last line (power lost while writing?)" if last else "unreadable line"
            log.warning("journal %s:%d: %s dropped", path, lineno, what)
    return entries


class Journal:
    """Appends entries durably; reading happens once at open."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.entries: list[Entry] = read_entries(self.path)
        self._repair_tail()
        self._fh = self.path.open("ab")

    def _repair_tail(self) -> None:
        # A torn tail without a newline would glue the next entry onto garbage: cut it off.
        if not self.path.exists():
            return
        data = self.path.read_bytes()
        if data and not data.endswith(b"\n"):
            cut = data.rfind(b"\n") + 1
            try:
                _parse(data[cut:])
                complete = True  # only the newline was lost: the entry was read, so keep it
            except (ValueError, KeyError, TypeError, AttributeError):
                complete = False
            with self.path.open("r+b") as fh:
                if complete:
                    fh.seek(0, os.SEEK_END)
                    fh.write(b"\n")
                else:
                    fh.truncate(cut)
                fh.flush()
                os.fsync(fh.fileno())

    @property
    def next_seq(self) -> int:
        return self.entries[-1].seq + 1 if self.entries else 1

    def append(
        self,
        at: float,
        kind: str,
        name: str,
        args: dict[str, Any] | None = None,
        *,
        sync: bool = True,
    ) -> Entry:
        """Write one entry. Actions are fsynced before they take effect; facts for the report
        (sync=False) are only flushed: the next fsync carries them, and the show never waits."""
        entry = Entry(self.next_seq, at, kind, name, dict(args or {}))
        self._fh.write(entry.to_json().encode("utf-8") + b"\n")
        self._fh.flush()
        if sync:
            os.fsync(self._fh.fileno())
        self.entries.append(entry)
        return entry

    def ensure_header(self, at: float, info: dict[str, Any]) -> None:
        """First entry of a new journal: which agenda and mode it belongs to (for reports)."""
        if not self.entries:
            self.append(at, "meta", "journal", info)

    def header(self) -> dict[str, Any]:
        for entry in self.entries:
            if entry.kind == "meta" and entry.name == "journal":
                return entry.args
        return {}

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
