"""The resume card: what a restarted console paints before its engine has loaded.

After a crash the show is blind until the window is back, and loading the engine (pydantic, the
agenda, the journal's replay, the window) takes several times a bare window's start-up. So the
console keeps a card of a few hundred bytes about the show on air (the item, the speaker, where
their countdown ends on the show clock, or what is left while held), and a restarted console
paints it at once, then loads the engine behind it (`ui/boot.py`).

The journal stays the truth. A card names the journal (its path and id) and the journal's size
when it was written, and it is believed only while everything the journal holds after that size
is a fact that changes nothing the card shows (`NEUTRAL`, an allowlist); an action after it, a
torn line, another journal, an edited agenda file: the card is not used, and the console starts
as it always did. It is written after the journal line it reflects (a crash between the two
leaves the older card and an action after it, so it is not believed), never while the journal
has lines waiting for the disk, and it is not fsynced: it has to outlive the process, not a power
cut.

This module stays light (no pydantic, no agenda, no Qt): the reading half runs before anything
else of the console is imported.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import asyncio

    from studio.agenda import Agenda
    from studio.runtime import Runtime
    from studio.view import ShowView, Update

log = logging.getLogger("studio.resume_card")

VERSION = 1
WRITE_AFTER = 0.25
"""Seconds between an action and its card: after the cue has left and OBS has confirmed it
(~20 ms at 30 fps, ~100 ms at 10 fps), never in the way of either. A crash in between only
means the card is not believed (an action after it) and the console starts as before."""
MAX_TAIL = 1 << 20
"""Journal bytes after the card that are read to believe it; more, and the engine decides."""

NEUTRAL: frozenset[tuple[str, str]] = frozenset(
    {
        ("obs", "cue"),
        ("obs", "switch"),
        ("obs", "switch_failed"),
        ("obs", "obs_lost"),
        ("obs", "obs_back"),
        ("obs", "health"),
        ("obs", "stream_state"),
        ("obs", "record_state"),
        ("obs", "output"),
        ("obs", "manual_override"),
        ("obs", "manual_released"),
        ("console", "message"),
    }
)
"""Journal facts that leave the item, the speaker and the countdown as they were. Anything else
after a card (an action, a fact this list does not name) means the card may be out of date."""


def card_path(folder: Path, agenda: Path, mode: str) -> Path:
    """One card per agenda file and mode, in `folder` (the console chooses it: ui/boot.py):
    what a restart with the same command finds."""
    # A short name, not a secure one: the card names its agenda and mode, and is checked.
    key = f"{os.path.abspath(agenda)}\0{mode}".encode()
    return folder / f"{zlib.crc32(key):08x}.json"


def _loaded_key(agenda: Agenda) -> list[int] | None:
    """The agenda file's size and mtime, if the file still holds what was loaded (else None:
    a card would pair the loaded show with an edited file, so none is kept)."""
    from studio.agenda import file_fingerprint  # the console has it loaded; a reader never

    key = _file_key(agenda.path)
    try:
        same = file_fingerprint(agenda.path) == agenda.fingerprint
    except OSError:
        return None
    return key if same else None


def _file_key(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


# ---- writing: the console keeps the card while it runs a show ------------------------------------


def card_from(view: ShowView, rt: Runtime) -> dict[str, Any] | None:
    """The card of a view, or None when there is nothing to paint early (no show on air)."""
    st = view.status
    if not view.running or st.item is None or not rt.journal.health.ok or not rt.journal.entries:
        return None
    journal = rt.journal_path
    try:
        size = journal.stat().st_size
    except OSError:
        return None
    agenda = view.agenda
    if st.speaker is not None:
        speaker: dict[str, str] | None = {lang: st.speaker.label(lang) for lang in ("uk", "en")}
        slot = "speaker"
    else:
        speaker, slot = None, "break" if st.item.kind == "break" else "open"
    timers = agenda.segment_thresholds(st.segment) if st.segment is not None else None
    return {
        "v": VERSION,
        "jid": rt.journal.jid,
        "journal": os.path.abspath(journal),
        "size": size,
        "last_at": rt.journal.entries[-1].at,
        "agenda": os.path.abspath(agenda.path),
        "mode": view.mode.value,
        "item": {lang: st.item.title.get(lang) for lang in ("uk", "en")},
        "speaker": speaker,
        "slot": slot,
        "held": st.held,
        "ends_at": None if st.held else st.now + st.remaining,
        "remaining": st.remaining,
        "warning": timers.warning if timers else 60,
        "final": timers.final if timers else 15,
    }


CARD_SIZE = 4096
"""A card is one write of this many bytes over the same ones (JSON, padded with spaces)."""


class CardFile:
    """The card's file, rewritten in place: one `pwrite` of CARD_SIZE bytes at offset 0 into
    blocks it already has. A new file and a rename at every action would be metadata in the
    file system's journal, and the show's journal fsync after the next key would wait on it
    (ext4 orders a commit after the data of newly allocated blocks): a card must never slow
    an action. One write call is whole for a process that is killed; a power cut may tear it,
    and then it does not parse and is not believed. A card too long for it (titles of
    thousands of characters) is written beside and renamed over."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def write(self, card: dict[str, Any]) -> None:
        data = json.dumps(card, ensure_ascii=False).encode()
        if len(data) >= CARD_SIZE:
            self.drop()
            tmp = self.path.with_name(self.path.name + ".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, self.path)
            return
        if self._fd is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
            self._fd = os.open(self.path, flags, 0o644)
        os.pwrite(self._fd, data.ljust(CARD_SIZE), 0)

    def drop(self) -> None:
        """No card (no show on air): the file goes, and the next card starts a new one."""
        self.close()
        self.path.unlink(missing_ok=True)

    def close(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)


class CardKeeper:
    """Keeps a running console's card: a quarter of a second after an action or a journal
    health change (several in a row: once), rewritten or (no show on air, a journal the disk
    refuses) removed."""

    def __init__(self, rt: Runtime, path: Path, *, explicit_journal: bool = True) -> None:
        self.rt = rt
        self.path = path
        self.file = CardFile(path)
        self.explicit_journal = explicit_journal
        """The journal was named on the command line (else it is the default one of the event
        and mode): a restart without `--journal` believes only a card of the default one."""
        self.agenda_key = _loaded_key(rt.agenda)
        self._pending: asyncio.TimerHandle | None = None
        self.written = 0
        rt.watch(self.on_update)
        self.schedule()

    def on_update(self, update: Update) -> None:
        from studio.view import Change

        if update.change in (Change.SHOW, Change.JOURNAL, Change.PLAN):
            self.schedule()

    def schedule(self) -> None:
        if self._pending is None:
            import asyncio  # here: the reading half must not pay for it

            loop = asyncio.get_running_loop()
            self._pending = loop.call_later(WRITE_AFTER, self.flush)

    def flush(self) -> None:
        self._pending = None
        try:
            card = card_from(self.rt.view(), self.rt)
            if card is None or self.agenda_key is None:
                self.file.drop()
            else:
                card.update(agenda_key=self.agenda_key, explicit=self.explicit_journal)
                self.file.write(card)
                self.written += 1
        except Exception:  # a card is a help: without it a restart is only slower
            log.exception("resume card not written")
            with contextlib.suppress(OSError):
                self.file.drop()

    def close(self) -> None:
        """Write the last card now (a show that ended leaves none) and stop keeping it."""
        self.rt.unwatch(self.on_update)
        if self._pending is not None:
            self._pending.cancel()
        self.flush()
        self.file.close()


# ---- reading: a restarted console, before the engine loads ---------------------------------------


class Glance(NamedTuple):
    """What a believed card shows, and the show clock it runs on."""

    mode: str
    item: dict[str, str]
    speaker: dict[str, str] | None
    slot: str
    held: bool
    remaining: float
    """Seconds left at `show_now` (negative: overtime)."""
    show_now: float
    warning: float
    final: float
    read_at: float
    """`time.monotonic()` when the card was read: the show clock runs on from here."""
    rate: float

    def remaining_at(self, monotonic: float) -> float:
        if self.held:
            return self.remaining
        return self.remaining - max(0.0, monotonic - self.read_at) * self.rate

    def phase(self, remaining: float) -> str:
        """The countdown's colour, as the engine's `Phase` names it."""
        if remaining < 0:
            return "overtime"
        if remaining <= self.final:
            return "final"
        if remaining <= self.warning:
            return "warning"
        return "normal"


def _tail_at(journal: Path, size: int, jid: str) -> float | None:
    """The latest stamp among the journal's lines after `size`, if every one of them is a
    neutral fact of this journal (-inf: none after it); None if the card cannot be believed."""
    with journal.open("rb") as f:
        head = f.readline(65536)
        if json.loads(head).get("j") != jid:
            return None
        end = f.seek(0, os.SEEK_END)
        if end < size or end - size > MAX_TAIL:
            return None
        f.seek(size)
        tail = f.read()
    latest = float("-inf")
    if tail and not tail.endswith(b"\n"):
        return None  # a line the crash cut short
    for raw in tail.splitlines():
        line = json.loads(raw)
        if line.get("j") != jid or (line.get("kind"), line.get("name")) not in NEUTRAL:
            return None
        latest = max(latest, float(line["at"]))
    return latest


def _clock_mark(journal: Path, jid: str) -> float | None:
    try:
        raw = journal.with_name(journal.name + ".clock").read_bytes()[:64].split()
        if len(raw) == 2 and raw[0].decode() == jid:
            return float(raw[1])
    except (OSError, ValueError, UnicodeDecodeError):
        pass
    return None


def read_glance(folder: Path, agenda: Path, mode: str, journal: Path | None) -> Glance | None:
    """The card of this agenda, mode and journal (None: the default one), if it can be
    believed: see the module's docstring. Never raises."""
    try:
        card = json.loads(card_path(folder, agenda, mode).read_bytes())
        if card.get("v") != VERSION or card.get("mode") != mode:
            return None
        path = Path(card["journal"])
        if journal is None and card.get("explicit") is not False:
            return None  # the console will open the event's default journal, not this one
        if journal is not None and os.path.abspath(journal) != str(path):
            return None
        if card["agenda"] != os.path.abspath(agenda) or card["agenda_key"] != _file_key(agenda):
            return None
        latest = _tail_at(path, int(card["size"]), str(card["jid"]))
        if latest is None:
            return None
        # The show clock as the engine will resume it (Runtime.create): wall time live;
        # otherwise from the journal's last stamp or the simulated clock's mark, paced.
        # Live, the show clock is the wall clock, and the countdown ticks on. Otherwise the
        # show clock stood still while the console was down, and stands until the engine
        # starts it again from here: the early window's countdown stands too.
        if mode == "live":
            show_now, rate = time.time(), 1.0
        else:
            mark = _clock_mark(path, str(card["jid"]))
            show_now = max(float(card["last_at"]), latest, mark if mark is not None else -1.0)
            rate = 0.0
        held = bool(card["held"])
        remaining = float(card["remaining"]) if held else float(card["ends_at"]) - show_now
        return Glance(
            mode=mode,
            item=dict(card["item"]),
            speaker=dict(card["speaker"]) if card["speaker"] is not None else None,
            slot=str(card["slot"]),
            held=held,
            remaining=remaining,
            show_now=show_now,
            warning=float(card["warning"]),
            final=float(card["final"]),
            read_at=time.monotonic(),
            rate=rate,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.debug("no resume card believed: %s", exc)
        return None
