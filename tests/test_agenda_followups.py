"""What the organiser's new fields do once loaded (issue 12 §5): a speaker's own warning and final
thresholds colour their countdown, and an agenda with a Q&A item goes out to a spreadsheet."""

from __future__ import annotations

from pathlib import Path

from studio.agenda import load_agenda
from studio.cli import main as studio
from studio.clock import SimClock
from studio.show import Phase, Show

FORUM = Path(__file__).resolve().parents[1] / "config" / "regional-forum.yaml"


def test_a_speakers_own_thresholds_colour_their_countdown() -> None:
    agenda = load_agenda(FORUM)
    own = next(
        seg
        for seg in agenda.segments
        if seg.speaker_index is not None
        and agenda.segment_thresholds(seg.index) != agenda.thresholds(seg.item_index)
    )
    t = agenda.segment_thresholds(own.index)
    item_t = agenda.thresholds(own.item_index)
    clock = SimClock(agenda.planned_start)
    show = Show(agenda, clock)
    show.start()
    show.goto(agenda.items[own.item_index].id)
    while show.state.seg != own.index:
        show.next()
    # Just inside the item's warning but outside the speaker's own: the speaker's rule holds.
    between = (min(t.warning, item_t.warning) + max(t.warning, item_t.warning)) / 2
    clock.advance(show.status().allotted - between)
    st = show.status()
    assert st.phase is (Phase.WARNING if t.warning > item_t.warning else Phase.NORMAL)


def test_an_agenda_with_a_qa_item_exports_and_imports(tmp_path: Path) -> None:
    sheet = tmp_path / "forum.xlsx"
    assert studio(["export", str(FORUM), "-o", str(sheet)]) == 0
    back = tmp_path / "forum.yaml"
    assert studio(["import", str(sheet), "-o", str(back)]) == 0
    kinds = [it.kind for it in load_agenda(back).items]
    assert "qa" in kinds and kinds == [it.kind for it in load_agenda(FORUM).items]
