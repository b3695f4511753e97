"""Properties of the running order edited live (move, insert, remove; issue 12 §4) on generated
agendas and shows, mixed with the show's own moves (next, back, goto, skip, extend, hold, end,
retime), accepted plans to end on time, and time passing:
- replaying any prefix of the journal gives the state the live show had after that many entries,
  and a restart (a new Show on the journal) gives the same state and the same status;
- an edit carries every speaker's time, extensions, starts and fixed names with them (by id),
  leaves the show where it was, never moves a fixed start, and never lands anything at or before
  the place on air;
- a refused edit changes nothing and writes nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
from typing import Any

from hypothesis import event, given
from hypothesis import strategies as st

from studio.actions import AcceptPlan, Insert, Move, Remove, Retime
from studio.agenda import Agenda
from studio.clock import SimClock
from studio.replan import propose
from studio.show import ActionError, Show, replay
from studio.state import ShowState, ShowStatus, place
from tests.test_replan_properties import PROPS, agendas
from tests.test_replan_properties import _generated_dir as _generated_dir  # its agendas' folder
from tests.test_show import MemoryJournal

SIMPLE = ("next", "next", "next", "back", "hold", "resume", "end")


def with_discussions(agenda: Agenda, kinds: list[bool]) -> Agenda:
    """Some of the generated items made discussions (speakers can be inserted into those)."""
    items = (
        tuple(
            item.model_copy(update={"kind": "discussion"})
            if flag and item.kind != "break"
            else item
            for item, flag in zip(agenda.items, kinds, strict=False)
        )
        + agenda.items[len(kinds) :]
    )
    return dataclasses.replace(agenda, items=items)


def edits_for(a: Agenda) -> st.SearchStrategy[Any]:
    """An edit of the running order as it is now: by its current ids, sometimes nonsense."""
    items = [item.id for item in a.items]
    speakers = [
        (item.id, sid) for item, ids in zip(a.items, a.speaker_ids, strict=True) for sid in ids
    ]
    after_item = st.none() | st.sampled_from(items)
    edits: list[st.SearchStrategy[Any]] = [
        st.builds(Move, st.sampled_from(items), st.none(), after_item),
    ]
    if speakers:
        pick = st.sampled_from(speakers)
        edits.append(
            pick.flatmap(
                lambda p: st.builds(
                    Move,
                    st.just(p[0]),
                    st.just(p[1]),
                    st.none() | st.sampled_from(a.speaker_ids[a.item_index(p[0])]),
                )
            )
        )
        edits.append(pick.map(lambda p: Remove(p[0], p[1])))
        edits.append(pick.map(lambda p: Retime(p[0], p[1], 120.0)))
    edits.append(
        st.builds(
            lambda item, name, secs, where: Insert(item, "", name, None, float(secs), where, None),
            st.sampled_from(items),
            st.sampled_from(["Olena", "Ivan", "Olena"]),
            st.integers(30, 900),
            st.sampled_from([None, "studio", "remote"]),
        )
    )
    return st.one_of(edits)


def by_ids(a: Agenda, s: ShowState) -> dict[tuple[str, str | None], tuple[Any, ...]]:
    """Each segment's cells, named by ids."""
    return {
        a.segment_ids(k): (
            s.used[k],
            s.extra[k],
            s.seg_first_start[k],
            s.seg_last_end[k],
            s.labels.get(k),
        )
        for k in range(len(a.segments))
    }


def check_edit(
    action: Move | Insert | Remove, old: Agenda, old_state: ShowState, show: Show
) -> None:
    new, s = show.agenda, show.state
    kept = by_ids(new, s)
    for key, cells in by_ids(old, old_state).items():
        if key in kept:
            assert kept[key] == cells, key
    # The show stays where it was, by ids.
    if old_state.seg is not None:
        assert s.seg is not None
        assert new.segment_ids(s.seg) == old.segment_ids(old_state.seg)
    assert s.status is old_state.status
    # Fixed starts keep their planned time, and nothing accepted runs into one.
    for i, item in enumerate(new.items):
        if item.start is not None:
            assert new.item_starts[i] == old.item_starts[old.item_index(item.id)]
            if i and isinstance(action, Move | Insert):
                assert new.item_ends[i - 1] - new.item_starts[i] < 1
    # What moved or is new lies after the place on air, and was never on air.
    if isinstance(action, Move | Insert):
        if isinstance(action, Insert):
            sid: str | None = action.speaker or _inserted_id(old, new, action.item)
        else:
            sid = action.speaker
        landing = new.segment_for(action.item, sid)
        if sid is None:
            landing = new.first_segment(new.item_index(action.item))
        assert landing is not None
        assert s.seg_first_start[landing] is None
        if s.status is ShowStatus.RUNNING and s.seg is not None:
            assert landing > s.seg
    # Skipped are still the same items.
    assert {new.items[i].id for i in s.skipped} == {old.items[i].id for i in old_state.skipped}


@PROPS
@given(data=st.data())
def test_replaying_any_prefix_of_a_journal_with_order_edits_gives_the_live_state(
    data: st.DataObject,
) -> None:
    base = data.draw(agendas())
    agenda = with_discussions(base, data.draw(st.lists(st.booleans(), max_size=5)))
    clock = SimClock(agenda.planned_start + data.draw(st.integers(-300, 600)))
    journal = MemoryJournal()
    show = Show(agenda, clock, journal)  # type: ignore[arg-type]
    states = [show.state.copy()]
    for _ in range(data.draw(st.integers(0, 16))):
        clock.advance(data.draw(st.integers(0, 4 * 600)) / 4)
        kind = data.draw(
            st.sampled_from(["simple", "goto", "skip", "plan", "edit", "edit", "edit"])
        )
        action: Any
        if kind == "plan":  # the plan the console would propose now, accepted
            plan = propose(show.agenda, show.state, clock.now())
            if plan is None:
                continue
            action = AcceptPlan(plan.as_args())
        elif kind == "simple":
            action = data.draw(st.sampled_from(SIMPLE))
        elif kind in ("goto", "skip"):
            action = (kind, data.draw(st.sampled_from([it.id for it in show.agenda.items])))
        else:
            action = data.draw(edits_for(show.agenda))
        old, old_state, n = show.agenda, show.state.copy(), len(journal.entries)
        try:
            if isinstance(action, tuple):
                show.apply(action[0], item=action[1])
            elif isinstance(action, str):
                show.apply(action)
            else:
                show.apply(action)
        except ActionError:
            assert show.state == old_state
            assert len(journal.entries) == n
            continue
        states.append(show.state.copy())
        # A new cue number exactly when the show went somewhere else (by ids): an edit behind
        # or ahead of the speaker on air never re-cues them.
        went = place(old, old_state) != place(show.agenda, show.state)
        assert show.state.cue_seq == old_state.cue_seq + went
        if isinstance(action, AcceptPlan):
            event("plan accepted")
        if isinstance(action, Move | Insert | Remove):
            event(f"{action.name} accepted")
            check_edit(action, old, old_state, show)
    assert len(journal.entries) == len(states) - 1
    for k, state in enumerate(states):
        assert replay(agenda, journal.entries[:k]) == state
    restarted = Show(agenda, clock, journal)  # type: ignore[arg-type]
    assert restarted.state == show.state
    assert restarted.agenda == show.agenda
    assert restarted.status() == show.status()


@PROPS
@given(data=st.data())
def test_an_edit_the_show_has_made_is_undone_by_its_inverse(data: st.DataObject) -> None:
    """Moving something and moving it back, or inserting a speaker and removing them again,
    gives the running order it had (planned times and all) and the same state by ids."""
    base = data.draw(agendas())
    agenda = with_discussions(base, [True] * 5)
    clock = SimClock(agenda.planned_start)
    show = Show(agenda, clock)
    if data.draw(st.booleans()):
        show.start()
    a0, s0 = show.agenda, show.state.copy()
    edit = data.draw(edits_for(a0))
    with contextlib.suppress(ActionError):
        if isinstance(edit, Move):
            if edit.speaker is None:
                i = a0.item_index(edit.item)
                back = a0.items[i - 1].id if i > 0 else None
            else:
                ids = a0.speaker_ids[a0.item_index(edit.item)]
                j = ids.index(edit.speaker)
                back = ids[j - 1] if j > 0 else None
            show.apply(edit)
            show.apply(Move(edit.item, edit.speaker, back))
        elif isinstance(edit, Insert):
            show.apply(edit)
            show.apply(Remove(edit.item, _inserted_id(a0, show.agenda, edit.item)))
        else:
            return
        assert show.agenda.items == a0.items
        assert show.agenda.item_starts == a0.item_starts
        assert show.agenda.speaker_ids == a0.speaker_ids
        assert by_ids(show.agenda, show.state) == by_ids(a0, s0)


def _inserted_id(old: Agenda, new: Agenda, item: str) -> str:
    (sid,) = set(new.speaker_ids[new.item_index(item)]) - set(old.speaker_ids[old.item_index(item)])
    return sid
