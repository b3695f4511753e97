"""The journal: an append-only JSONL file of everything the operator did and the show cued.

An entry is written whole or not at all: one `os.write` of the encoded line to an `O_APPEND`
descriptor (no Python buffer that could keep a refused line and write it later), and a short
write is cut back. Actions are fsynced before they take effect; facts for the report are only
written. When the disk refuses (full, read-only, gone), the show goes on: the entry takes effect,
waits in memory in order, the journal reports itself unhealthy (the console shows a red alarm),
and the waiting lines are written, in order and with their original times, as soon as the disk
takes them.

Every line carries the id of its journal (`j`), given by the header, so a line pasted from
another journal, or a foreign header, is refused at reading rather than replayed. Lines out of
order (a sequence number that does not grow) are refused too; a torn last line is dropped. Each
refusal is a `JournalProblem` that the console shows, not only a log line.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from studio.facts import Fact, JournalHeader

log = logging.getLogger("studio.journal")

FORMAT = 2
CLOCK_MARK_SIZE = 64


@dataclass(frozen=True)
class Entry:
    """One line of the journal."""

    seq: int
    at: float
    kind: str
    name: str
    args: dict[str, Any] = field(default_factory=dict)
    jid: str = ""
    """The id of the journal the line belongs to ('' in journals older than format 2)."""

    def to_json(self) -> str:
        obj: dict[str, Any] = {"v": FORMAT}
        if self.jid:
            obj["j"] = self.jid
        obj.update(seq=self.seq, at=self.at, kind=self.kind, name=self.name, args=self.args)
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class JournalProblem:
    """A line that was not replayed, and why; `what` names it for translation."""

    line: int
    what: str  # torn, unreadable, foreign, foreign_header, out_of_order
    detail: str = ""

    @property
    def text(self) -> str:
        text = {
            "torn": "torn last line (power lost while writing?) dropped",
            "unreadable": "unreadable line skipped",
            "foreign": "line from another journal skipped",
            "foreign_header": "header of another journal: it and its lines skipped",
            "out_of_order": "line out of order skipped",
        }.get(self.what, self.what)
        return f"{text} ({self.detail})" if self.detail else text

    def __str__(self) -> str:
        return f"line {self.line}: {self.text}"


@dataclass(frozen=True)
class JournalHealth:
    """Whether what took effect is on disk. Not ok: crash-restore is off until it is again."""

    ok: bool = True
    pending: int = 0
    error: str = ""
    since: float | None = None
    """Show time of the first entry that could not be written."""


def default_journal_path(event_id: str, mode: str = "live") -> Path:
    """Per-event journal under the user's data dir; rehearsals never share the live one."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", event_id)
    suffix = "" if mode == "live" else f".{mode}"
    return (
        Path(user_data_dir("studio-console", appauthor=False))
        / "journals"
        / (f"{safe}{suffix}.jsonl")
    )


_BAD_LINE = (ValueError, KeyError, TypeError, AttributeError)


def _parse(raw: bytes) -> Entry:
    """One journal line as an Entry; raises ValueError, KeyError, TypeError or AttributeError."""
    obj = json.loads(raw.decode("utf-8"))
    return Entry(
        int(obj["seq"]),
        float(obj["at"]),
        str(obj["kind"]),
        str(obj["name"]),
        dict(obj.get("args") or {}),
        str(obj.get("j") or ""),
    )


def is_header(entry: Entry) -> bool:
    return JournalHeader.matches(entry)


@dataclass
class JournalRead:
    """What a journal file holds: the entries to replay, its header, and what was refused."""

    entries: list[Entry]
    header: dict[str, Any]
    problems: list[JournalProblem]
    lines: int = 0


def read_journal(path: Path) -> JournalRead:
    """Read a journal, refusing torn, unreadable, foreign and out-of-order lines (each named)."""
    if not path.exists():
        return JournalRead([], {}, [])
    with path.open("rb") as fh:
        lines = fh.read().split(b"\n")
    while lines and not lines[-1].strip():
        lines.pop()
    entries: list[Entry] = []
    problems: list[JournalProblem] = []
    header: dict[str, Any] = {}
    jid: str | None = None  # None until the header says; "" for a journal older than format 2
    last_seq = 0
    count = 0
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        count += 1
        try:
            entry = _parse(raw)
        except _BAD_LINE:
            what = "torn" if lineno == len(lines) else "unreadable"
            problems.append(JournalProblem(lineno, what))
            continue
        if is_header(entry):
            if jid is None and not entries:
                jid = entry.jid or str(entry.args.get("jid") or "")
                header = dict(entry.args)
            elif entry.jid != jid:
                ev = str(entry.args.get("event") or "?")
                problems.append(JournalProblem(lineno, "foreign_header", f"event {ev}"))
                continue
        elif jid is None:
            jid = entry.jid  # no header (a journal cut short at the top): its first line decides
        if entry.jid != jid:
            problems.append(JournalProblem(lineno, "foreign", f"journal {entry.jid or '?'}"))
            continue
        if entry.seq <= last_seq:
            problems.append(
                JournalProblem(lineno, "out_of_order", f"seq {entry.seq} after {last_seq}")
            )
            continue
        last_seq = entry.seq
        entries.append(entry)
    for p in problems:
        log.warning("journal %s:%d: %s", path, p.line, p.text)
    return JournalRead(entries, header, problems, count)


def read_entries(path: Path) -> list[Entry]:
    """All entries that replay; refused lines are skipped with a warning."""
    return read_journal(path).entries


class Journal:
    """Appends entries durably; reading happens once at open."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._repair_tail()
        read = read_journal(self.path)
        self.entries: list[Entry] = read.entries
        self.problems: list[JournalProblem] = read.problems
        self._header: dict[str, Any] = read.header
        self.jid: str = self._header_jid(read)
        self._fd: int | None = os.open(
            self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644
        )
        self._clock_fd: int | None = None
        self._pending: deque[tuple[Entry, bytes, bool]] = deque()
        self._unsynced = False
        self._health = JournalHealth()
        self._listeners: list[Callable[[JournalHealth], None]] = []

    @staticmethod
    def _header_jid(read: JournalRead) -> str:
        if read.entries:
            return read.entries[0].jid
        return uuid.uuid4().hex[:12]

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
            except _BAD_LINE:
                complete = False
            with self.path.open("r+b") as fh:
                if complete:
                    fh.seek(0, os.SEEK_END)
                    fh.write(b"\n")
                else:
                    log.warning("journal %s: torn last line cut (power lost?)", self.path)
                    fh.truncate(cut)
                fh.flush()
                os.fsync(fh.fileno())

    # ---- health -------------------------------------------------------------------------------
    @property
    def health(self) -> JournalHealth:
        return self._health

    def on_health(self, fn: Callable[[JournalHealth], None]) -> None:
        """fn(health) whenever the journal stops or starts keeping up with the show."""
        self._listeners.append(fn)

    def _set_health(self, health: JournalHealth) -> None:
        if health == self._health:
            return
        was_ok = self._health.ok
        self._health = health
        if was_ok and not health.ok:
            log.critical(
                "journal %s cannot be written (%s): crash-restore is off; %d entr%s wait in memory",
                self.path,
                health.error,
                health.pending,
                "y" if health.pending == 1 else "ies",
            )
        elif health.ok and not was_ok:
            log.warning("journal %s written again: crash-restore is back on", self.path)
        for fn in list(self._listeners):
            try:
                fn(health)
            except Exception:  # a view's trouble must never stop the journal
                log.exception("journal health listener failed")

    # ---- writing ------------------------------------------------------------------------------
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
        """Record one entry. Actions (sync=True) are fsynced before they take effect; facts for
        the report (sync=False) are only written: the next fsync carries them, and the show never
        waits. A disk that refuses never raises here: the entry waits in memory (see health)."""
        if self._fd is None:
            raise ValueError("the journal is closed")
        entry = Entry(self.next_seq, at, kind, name, dict(args or {}), self.jid)
        line = entry.to_json().encode("utf-8") + b"\n"
        self.entries.append(entry)
        self._pending.append((entry, line, sync))
        self.flush()
        return entry

    def append_fact(self, at: float, fact: Fact, *, sync: bool = False) -> Entry:
        """Record one typed fact (studio/facts.py); facts are only written, not fsynced, unless
        `sync`."""
        return self.append(at, fact.kind, fact.name, fact.to_args(), sync=sync)

    def flush(self) -> bool:
        """Write what waits, in order; True when everything that took effect is on disk."""
        fd = self._fd
        if fd is None:
            return not self._pending
        sync = self._unsynced
        try:
            while self._pending:
                _entry, line, want_sync = self._pending[0]
                self._write_whole(fd, line)
                self._pending.popleft()
                sync = sync or want_sync
            if sync:
                self._unsynced = True
                os.fsync(fd)
                self._unsynced = False
        except OSError as exc:
            first = self._pending[0][0].at if self._pending else self._health.since
            self._set_health(
                JournalHealth(
                    ok=False,
                    pending=len(self._pending),
                    error=exc.strerror or str(exc),
                    since=self._health.since if not self._health.ok else first,
                )
            )
            return False
        self._set_health(JournalHealth())
        return True

    @staticmethod
    def _write_whole(fd: int, line: bytes) -> None:
        size = os.fstat(fd).st_size
        try:
            n = os.write(fd, line)
        except OSError:
            _cut_back(fd, size)
            raise
        if n != len(line):
            _cut_back(fd, size)
            raise OSError(errno.ENOSPC, f"only {n} of {len(line)} bytes written")

    # ---- the simulated clock's place ----------------------------------------------------------
    @property
    def clock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".clock")

    def mark_clock(self, at: float) -> None:
        """Remember where a simulated clock stands, so a killed rehearsal resumes there.

        One small overwrite of a side file (written, not fsynced: it must survive the process,
        not a power cut), so a mark a few times a second never grows the journal.
        """
        data = f"{self.jid} {at:.3f}\n".encode().ljust(CLOCK_MARK_SIZE)
        try:
            if self._clock_fd is None:  # opened once: a mark is one pwrite, not three calls
                flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
                self._clock_fd = os.open(self.clock_path, flags, 0o644)
            os.pwrite(self._clock_fd, data, 0)
        except OSError as exc:
            log.debug("clock mark not written: %s", exc)

    def clock_mark(self) -> float | None:
        """The last clock mark of this journal, if there is a readable one."""
        try:
            raw = self.clock_path.read_bytes()[:CLOCK_MARK_SIZE].split()
            if len(raw) == 2 and raw[0].decode() == self.jid and self.entries:
                return float(raw[1])
        except (OSError, ValueError, UnicodeDecodeError):
            pass
        return None

    def ensure_header(self, at: float, info: dict[str, Any]) -> None:
        """First entry of a new journal: which agenda and mode it belongs to (for reports)."""
        if not self.entries:
            header = JournalHeader.from_args({**info, "jid": self.jid, "format": FORMAT})
            self._header = header.to_args()
            self.append_fact(at, header, sync=True)

    def header(self) -> dict[str, Any]:
        return self._header

    def close(self) -> None:
        if self._clock_fd is not None:
            fd, self._clock_fd = self._clock_fd, None
            os.close(fd)
        if self._fd is not None:
            self.flush()
            fd, self._fd = self._fd, None
            os.close(fd)
            if self._pending:
                log.critical(
                    "journal %s closed with %d entries never written", self.path, len(self._pending)
                )

    @property
    def closed(self) -> bool:
        return self._fd is None

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _cut_back(fd: int, size: int) -> None:
    """Undo a partial write so the file ends on a whole line."""
    try:
        if os.fstat(fd).st_size > size:
            os.ftruncate(fd, size)
    except OSError:
        log.exception("could not cut a partial journal line back")
