"""The running order edited live: the agenda the show runs after an item or a speaker was moved,
a speaker inserted or removed (studio/order_edits.py), and the folded state carried over to it.

The engine names a place by its position in the agenda: next and back, the projection, the
speakers' times, the views and the report's rows all walk `agenda.segments` in order. So an edit
lays no overlay over the agenda that every walk would have to honour; it makes a new `Agenda`
(planned times recomputed the way the loaded one's are, fixed starts kept, the loaded file's
path and fingerprint kept, every speaker keeping the id a journal names them by) and moves each
per-segment and per-item cell of the state to its new position by item and speaker id. Whatever
reads the state then reads the new order unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from studio.agenda import Agenda, Item, Speaker, cut_segments, event_time
from studio.cells import Cells
from studio.state import ShowState, ShowStatus

T = TypeVar("T")


def item_length(item: Item) -> int:
    """An item's planned length: its duration, else its speakers' time (as a loaded agenda
    plans it; an edit keeps `duration` in step with the speakers it adds or removes)."""
    return item.duration if item.duration is not None else sum(sp.time for sp in item.speakers)


def rebuilt(agenda: Agenda, items: Sequence[Item], ids: Sequence[tuple[str, ...]]) -> Agenda:
    """`agenda` with these items in this order (their speakers' ids `ids`): an item with a fixed
    start keeps it, every other one follows the one before it, as a loaded agenda plans them."""
    starts: list[float] = []
    ends: list[float] = []
    cursor = agenda.planned_start
    for item in items:
        start = cursor if item.start is None else event_time(agenda.event, item.start)
        cursor = start + item_length(item)
        starts.append(start)
        ends.append(cursor)
    return Agenda(
        path=agenda.path,
        event=agenda.event,
        items=tuple(items),
        scene_map=agenda.scene_map,
        item_starts=tuple(starts),
        item_ends=tuple(ends),
        segments=cut_segments(items, starts, ends),
        fingerprint=agenda.fingerprint,
        given_ids=tuple(ids),
    )


def _moved(seq: Sequence[T], index: int, after: int | None) -> list[T]:
    """`seq` with its element at `index` put after the one at `after` (None: first)."""
    out = list(seq)
    x = out.pop(index)
    if after is None:
        out.insert(0, x)
    else:
        out.insert(after if after > index else after + 1, x)  # the pop moved a later one up
    return out


def item_moved(agenda: Agenda, index: int, after: int | None) -> Agenda:
    """The item at `index` put after the item at `after` (None: first)."""
    return rebuilt(
        agenda,
        _moved(agenda.items, index, after),
        _moved(agenda.speaker_ids, index, after),
    )


def _with_speakers(
    agenda: Agenda, index: int, speakers: Sequence[Speaker], ids: Sequence[str], delta: int
) -> Agenda:
    """The item at `index` with these speakers; an item with a duration of its own gets
    `delta` seconds more (a speaker inserted or removed takes their time with them)."""
    item = agenda.items[index]
    update: dict[str, object] = {"speakers": tuple(speakers)}
    if item.duration is not None and delta:
        update["duration"] = item.duration + delta
    items = list(agenda.items)
    items[index] = item.model_copy(update=update)
    all_ids = list(agenda.speaker_ids)
    all_ids[index] = tuple(ids)
    return rebuilt(agenda, items, all_ids)


def speaker_moved(agenda: Agenda, index: int, speaker: int, after: int | None) -> Agenda:
    """The item's speaker at `speaker` put after its speaker at `after` (None: first)."""
    item = agenda.items[index]
    return _with_speakers(
        agenda,
        index,
        _moved(item.speakers, speaker, after),
        _moved(agenda.speaker_ids[index], speaker, after),
        0,
    )


def speaker_inserted(
    agenda: Agenda, index: int, speaker: Speaker, sid: str, after: int | None
) -> Agenda:
    """`speaker` (id `sid`) added to the item after its speaker at `after` (None: first)."""
    if speaker.scene is None and speaker.where is not None:
        speaker = speaker.model_copy(update={"scene": agenda.scene_map.place_scene(speaker.where)})
    at = 0 if after is None else after + 1
    speakers = list(agenda.items[index].speakers)
    ids = list(agenda.speaker_ids[index])
    speakers.insert(at, speaker)
    ids.insert(at, sid)
    return _with_speakers(agenda, index, speakers, ids, speaker.time)


def speaker_removed(agenda: Agenda, index: int, speaker: int) -> Agenda:
    """The item without its speaker at `speaker`."""
    speakers = list(agenda.items[index].speakers)
    ids = list(agenda.speaker_ids[index])
    gone = speakers.pop(speaker)
    ids.pop(speaker)
    return _with_speakers(agenda, index, speakers, ids, -gone.time)


def _carried(cells: Sequence[T], sources: Sequence[int | None], blank: T) -> Cells[T]:
    return Cells(blank if j is None else cells[j] for j in sources)


def carry_over(old: Agenda, new: Agenda, s: ShowState) -> None:
    """Move every per-segment and per-item cell of `s` from `old`'s positions to `new`'s, by
    item and speaker id; a segment `new` adds starts blank, one it drops (never run) goes. What a
    jump went past and now lies ahead of the show is no longer passed over: it is to come."""
    seg_src = [old.segment_for(*new.segment_ids(k)) for k in range(len(new.segments))]
    old_items = {item.id: i for i, item in enumerate(old.items)}
    item_src = [old_items.get(item.id) for item in new.items]
    seg_to = {j: k for k, j in enumerate(seg_src) if j is not None}
    item_to = {j: k for k, j in enumerate(item_src) if j is not None}
    s.used = _carried(s.used, seg_src, 0.0)
    s.extra = _carried(s.extra, seg_src, 0.0)
    s.seg_first_start = _carried(s.seg_first_start, seg_src, None)
    s.seg_last_end = _carried(s.seg_last_end, seg_src, None)
    s.item_start = _carried(s.item_start, item_src, None)
    s.item_end = _carried(s.item_end, item_src, None)
    s.skipped = {item_to[j] for j in s.skipped if j in item_to}
    s.labels = {seg_to[j]: label for j, label in s.labels.items() if j in seg_to}
    s.seg = None if s.seg is None else seg_to[s.seg]  # the show's place is never dropped
    s.passed = {seg_to[j] for j in s.passed if j in seg_to}
    if s.status is ShowStatus.RUNNING and s.seg is not None:
        s.passed = {k for k in s.passed if k < s.seg}
    s.order = new


__all__ = [
    "carry_over",
    "item_length",
    "item_moved",
    "rebuilt",
    "speaker_inserted",
    "speaker_moved",
    "speaker_removed",
]
