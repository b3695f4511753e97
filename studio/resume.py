"""Resuming a journal against an agenda: is it this event's, what changed in the agenda since it
was written, and which items or speakers it names that the agenda no longer has.

A journal names places by item and speaker id, so an edited agenda never shifts what happened
onto other people; what cannot be matched is reported, for the console's resume question and the
as-run report, instead of being mapped silently onto something else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from studio.agenda import Agenda
from studio.facts import ActionTaken
from studio.journal import Entry


@dataclass(frozen=True)
class AgendaDrift:
    """How the agenda differs from the one the journal was written against."""

    fingerprint_changed: bool = False
    added_items: tuple[str, ...] = ()
    removed_items: tuple[str, ...] = ()
    added_speakers: tuple[str, ...] = ()  # "item/speaker"
    removed_speakers: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    """Items or speakers ("item", "item/speaker") the journal's actions name, not in the agenda."""
    foreign_event: str | None = None
    """The journal's event id when it is not the agenda's: the journal cannot be used."""

    @property
    def changed(self) -> bool:
        return self.fingerprint_changed or bool(self.missing) or self.foreign_event is not None

    def describe(self) -> list[str]:
        """English sentences (logs, CLI); the console builds its own from the fields."""
        out: list[str] = []
        if self.foreign_event is not None:
            out.append(f"the journal belongs to event '{self.foreign_event}'")
        for label, ids in (
            ("items added", self.added_items),
            ("items removed", self.removed_items),
            ("speakers added", self.added_speakers),
            ("speakers removed", self.removed_speakers),
            ("named in the journal but not in the agenda", self.missing),
        ):
            if ids:
                out.append(f"{label}: {', '.join(ids)}")
        if self.fingerprint_changed and len(out) == 0:
            out.append("the agenda file changed (times, titles or speakers' details)")
        return out


@dataclass
class _Refs:
    items: set[str] = field(default_factory=set)
    speakers: set[tuple[str, str]] = field(default_factory=set)
    inserted: set[tuple[str, str]] = field(default_factory=set)
    """Speakers an `insert` in the journal added live: the agenda file never had them."""


def _named(entries: Iterable[Entry]) -> _Refs:
    refs = _Refs()
    for e in entries:
        if not ActionTaken.matches(e):
            continue
        action = ActionTaken.from_entry(e)
        if e.name == "insert" and action.item is not None and action.speaker is not None:
            refs.inserted.add((action.item, action.speaker))
        if action.item is not None:
            refs.items.add(action.item)
            if action.speaker is not None:  # a live edit names its speaker too
                refs.speakers.add((action.item, action.speaker))
        to = action.to
        if to is not None and to.item is not None:
            refs.items.add(to.item)
            if to.speaker is not None:
                refs.speakers.add((to.item, to.speaker))
    return refs


def agenda_drift(agenda: Agenda, header: dict[str, Any], entries: Iterable[Entry]) -> AgendaDrift:
    """Compare the journal's header and the places its actions name with `agenda`."""
    event = header.get("event")
    fp = header.get("fingerprint")
    added_i, removed_i, added_s, removed_s = _outline_drift(agenda, header.get("outline"))
    return AgendaDrift(
        fingerprint_changed=bool(fp) and fp != agenda.fingerprint,
        added_items=tuple(added_i),
        removed_items=tuple(removed_i),
        added_speakers=tuple(added_s),
        removed_speakers=tuple(removed_s),
        missing=tuple(_missing(agenda, _named(entries))),
        foreign_event=str(event) if event and event != agenda.event.id else None,
    )


def _old_outline(outline: Any) -> dict[str, list[str]] | None:
    """The header's outline as item id -> its speaker ids, rows that are not lists of ids left
    out; None when the header has no outline (a journal older than outlines)."""
    if not isinstance(outline, list):
        return None
    old_items: dict[str, list[str]] = {}
    for row in outline:
        if isinstance(row, list) and row and all(isinstance(x, str) for x in row):
            old_items[row[0]] = row[1:]
    return old_items


def _outline_drift(
    agenda: Agenda, outline: Any
) -> tuple[list[str], list[str], list[str], list[str]]:
    """Items added and removed, then speakers ("item/speaker") added and removed in the items
    both outlines have, each in its outline's order; all empty without an old outline."""
    old_items = _old_outline(outline)
    if old_items is None:
        return [], [], [], []
    new_items = {row[0]: row[1:] for row in agenda.outline()}
    added_i = [i for i in new_items if i not in old_items]
    removed_i = [i for i in old_items if i not in new_items]
    added_s: list[str] = []
    removed_s: list[str] = []
    for i, sids in new_items.items():
        if i in old_items:
            added_s += [f"{i}/{s}" for s in sids if s not in old_items[i]]
            removed_s += [f"{i}/{s}" for s in old_items[i] if s not in sids]
    return added_i, removed_i, added_s, removed_s


def _missing(agenda: Agenda, refs: _Refs) -> list[str]:
    """What the journal names that `agenda` lacks: items, then speakers of items it has."""
    known_items = {item.id for item in agenda.items}
    known_speakers = {
        (item.id, sid)
        for item, ids in zip(agenda.items, agenda.speaker_ids, strict=True)
        for sid in ids
    }
    missing = sorted(i for i in refs.items if i not in known_items)
    known_speakers |= refs.inserted
    missing += sorted(
        f"{i}/{s}" for i, s in refs.speakers if i in known_items and (i, s) not in known_speakers
    )
    return missing
