"""The state document: the engine's read model (`ShowView`) as the JSON every view and API
client reads, the same for all of them.

Times are the show clock's instants (epoch seconds; a rehearsal's clock runs from before the
planned start, maybe faster), so a browser renders a countdown from `deadline` and its estimate
of the show clock (`now` and `rate`, corrected over the WebSocket), never from its own wall
clock. Texts come in both languages; a view picks one.
"""

from __future__ import annotations

import json
import time
from typing import Any

from studio.view import ShowStatus, ShowView

SCHEMA = 1

# What moves with the clock alone: the views work it out from `now`, `deadline` and the
# server's clock (app.js: remainingNow, slip), so a state that differs only in these is not sent.
CLOCK_FIELDS = ("now", "server_time", "until_start", "offset", "projected_end")
CURRENT_CLOCK_FIELDS = ("elapsed", "remaining", "item_remaining", "phase")
ITEM_CLOCK_FIELDS = ("used", "projected_start")
SEGMENT_CLOCK_FIELDS = ("projected_start", "projected_end")


def _text(model: Any) -> dict[str, str] | None:
    """An agenda text (`TextModel`) in both languages."""
    if model is None:
        return None
    return {"uk": model.get("uk"), "en": model.get("en")}


def _speaker(view: ShowView, item_index: int, speaker_index: int | None) -> dict[str, str] | None:
    if speaker_index is None:
        return None
    sp = view.speaker(item_index, speaker_index)  # with a name or role fixed on air
    return {"uk": sp.label("uk"), "en": sp.label("en")}


def projected_segments(view: ShowView) -> list[tuple[float, float] | None]:
    """When each segment still to come starts and ends if everything keeps to time from now
    (an item with a fixed start waits for it; skipped items take no time): the same walk as
    the engine's projected end. None for segments that ran, are on now, or are skipped."""
    a, s, st = view.agenda, view.state, view.status
    out: list[tuple[float, float] | None] = [None] * len(a.segments)
    if st.status is ShowStatus.RUNNING and st.segment is not None:
        cursor, k = st.now + max(0.0, st.remaining), st.segment + 1
    elif st.status is ShowStatus.PRE:
        cursor, k = st.now, 0
    else:
        return out
    fixed = {a.first_segment(i) for i, item in enumerate(a.items) if item.start is not None}
    first = True
    for i in range(k, len(a.segments)):
        seg = a.segments[i]
        if seg.item_index in s.skipped:
            continue
        if i in fixed or (first and st.status is ShowStatus.PRE):
            cursor = max(cursor, seg.planned_start)
        first = False
        left = max(0.0, seg.allotted + s.extra[i] - s.used[i])
        out[i] = (cursor, cursor + left)
        cursor += left
    return out


def _segment_state(view: ShowView, i: int) -> str:
    s, seg = view.state, view.agenda.segments[i]
    if seg.item_index in s.skipped and s.seg_first_start[i] is None:
        return "skipped"
    if view.running and s.seg == i:
        return "current"
    return "done" if s.seg_first_start[i] is not None else "pending"


def _current(view: ShowView) -> dict[str, Any] | None:
    """The segment on now, while the show runs."""
    a, st = view.agenda, view.status
    if st.status is not ShowStatus.RUNNING or st.segment is None or st.item_index is None:
        return None
    t = a.segment_thresholds(st.segment)
    return {
        "item": a.items[st.item_index].id,
        "segment": st.segment,
        "speaker_id": a.speaker_id(st.item_index, st.speaker_index),
        "title": _text(a.items[st.item_index].title),
        "speaker": _speaker(view, st.item_index, st.speaker_index),
        "kind": a.items[st.item_index].kind,
        "allotted": st.allotted,
        "elapsed": st.elapsed,
        "remaining": st.remaining,
        # The instant the countdown reaches zero, while it runs (on hold it stands still).
        "deadline": None if st.held else st.now + st.remaining,
        "phase": st.phase.value,
        "warning": t.warning,
        "final": t.final,
        "item_remaining": st.item_remaining,
    }


def _next(view: ShowView) -> dict[str, Any] | None:
    a, st = view.agenda, view.status
    if st.next_item_index is None:
        return None
    return {
        "item": a.items[st.next_item_index].id,
        "title": _text(a.items[st.next_item_index].title),
        "speaker": _speaker(view, st.next_item_index, st.next_speaker_index),
        "speaker_id": a.speaker_id(st.next_item_index, st.next_speaker_index),
    }


def _segments(view: ShowView, projected: list[tuple[float, float] | None]) -> list[dict[str, Any]]:
    a, s = view.agenda, view.state
    out = []
    for seg in a.segments:
        p = projected[seg.index]
        out.append(
            {
                "item": a.items[seg.item_index].id,
                "speaker_id": a.speaker_id(seg.item_index, seg.speaker_index),
                "speaker": _speaker(view, seg.item_index, seg.speaker_index),
                "allotted": seg.allotted + s.extra[seg.index],
                "planned_start": seg.planned_start,
                "projected_start": p[0] if p else None,
                "projected_end": p[1] if p else None,
                "state": _segment_state(view, seg.index),
            }
        )
    return out


def _items(view: ShowView, projected: list[tuple[float, float] | None]) -> list[dict[str, Any]]:
    a, s = view.agenda, view.state
    out = []
    for i, item in enumerate(a.items):
        firsts = [projected[k] for k in a.item_segments(i) if projected[k] is not None]
        out.append(
            {
                "id": item.id,
                "kind": item.kind,
                "title": _text(item.title),
                "planned_start": a.item_starts[i],
                "planned_end": a.item_ends[i],
                "actual_start": s.item_start[i],
                "actual_end": s.item_end[i],
                "projected_start": firsts[0][0] if firsts and firsts[0] else None,
                "used": view.item_used(i),
                "state": view.item_state(i).value,
            }
        )
    return out


def state_document(view: ShowView, message: str = "") -> dict[str, Any]:
    """Everything a view shows, at the view's instant, as plain JSON data."""
    a, st = view.agenda, view.status
    projected = projected_segments(view)
    link = view.link
    ev = a.event
    return {
        "schema": SCHEMA,
        "event": {
            "id": ev.id,
            "title": _text(ev.title),
            "timezone": ev.timezone,
            "planned_start": a.planned_start,
            "planned_end": a.planned_end,
        },
        "mode": view.mode.value,
        "rate": view.rate,
        "now": st.now,
        "server_time": time.time(),
        "status": st.status.value,
        "held": st.held,
        "current": _current(view),
        "next": _next(view),
        "until_start": view.until_start(),
        "offset": st.offset,
        "projected_end": st.projected_end,
        "planned_end": st.planned_end,
        "message": message,
        # The plan to end on time the console proposes now, as its journalled action would
        # carry it (ids, allotments in seconds); null when none is proposed.
        "proposal": view.proposal.as_args() if view.proposal is not None else None,
        "link": {
            "state": link.state.value,
            "program": link.program,
            "manual": link.manual_scene,
        },
        "journal_ok": view.journal.ok,
        "items": _items(view, projected),
        "segments": _segments(view, projected),
    }


def _without(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in keys}


def lasting_part(doc: dict[str, Any]) -> str:
    """The state document without what moves with the clock alone (see CLOCK_FIELDS), as a
    string to compare: equal for two instants of the same show state."""
    rest = _without(doc, CLOCK_FIELDS)
    if rest.get("current"):
        rest["current"] = _without(rest["current"], CURRENT_CLOCK_FIELDS)
    rest["items"] = [_without(i, ITEM_CLOCK_FIELDS) for i in doc.get("items", ())]
    rest["segments"] = [_without(g, SEGMENT_CLOCK_FIELDS) for g in doc.get("segments", ())]
    return json.dumps(rest, ensure_ascii=False, separators=(",", ":"))
