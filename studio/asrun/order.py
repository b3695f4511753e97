"""The as-run report's account of the running order edited live (move, insert, remove): for
each edit, what it was about and what stood before it, before the edit, after it and in the plan
as published, read from the running orders before and after the edit (studio/running_order.py).
"""

from __future__ import annotations

from studio.agenda import Agenda, Item, Speaker
from studio.asrun.model import Intervention, OrderChange
from studio.journal import Entry

ORDER_EDITS = ("move", "insert", "remove")


def order_intervention(
    e: Entry, published: Agenda, before: Agenda, after: Agenda, offset: float
) -> Intervention:
    """An edit of the running order, plan as published against as run."""
    item_id, speaker = str(e.args.get("item", "")), e.args.get("speaker")
    sid = None if speaker is None else str(speaker)
    who = (before if e.name == "remove" else after) if sid is not None else None
    change = OrderChange(
        speaker=None if who is None else _speaker_of(who, item_id, sid),
        was_after=_after(before, item_id, sid),
        now_after=_after(after, item_id, sid),
        published_after=_after(published, item_id, sid),
        published=_after(published, item_id, sid, present=True) is not None,
    )
    seconds = float(change.speaker.time) if change.speaker and e.name == "insert" else None
    return Intervention(e.seq, e.at, e.name, item_id, seconds=seconds, offset=offset, order=change)


def _after(
    a: Agenda, item_id: str, sid: str | None, *, present: bool = False
) -> Item | Speaker | None:
    """What stands before an item (or before a speaker in their item) in `a`: None when it is
    first or `a` lacks it; with `present`, the item or speaker itself (None: `a` lacks it)."""
    try:
        i = a.item_index(item_id)
    except KeyError:
        return None
    if sid is None:
        return a.items[i] if present else (a.items[i - 1] if i > 0 else None)
    ids = a.speaker_ids[i]
    if sid not in ids:
        return None
    j = ids.index(sid)
    if present:
        return a.items[i].speakers[j]
    return a.items[i].speakers[j - 1] if j > 0 else None


def _speaker_of(a: Agenda, item_id: str, sid: str | None) -> Speaker | None:
    found = _after(a, item_id, sid, present=True)
    return found if isinstance(found, Speaker) else None


__all__ = ["ORDER_EDITS", "order_intervention"]
