"""The running order edited live, one typed action each: `move` an item, or a speaker within
their item, to another place ahead of the show (later, and back); `insert` a speaker into a
discussion; `remove` a speaker who did not come.

Each names what it edits by id and is journalled and replayed like every action; what it makes
is a new running order (studio/running_order.py), the state carried over to it. The guards are
allowlists: what is allowed is said once (`_ahead`, `_not_on_air_yet`) and the rest refused
with a key the console translates. Allowed: while the show has not ended, an item without a
fixed start, or a speaker, that has never been on air, to a place after the one the show is at
(anywhere before the start); a speaker inserted into a discussion or Q&A item, after the show's
place, under an id the item does not have; a speaker removed who never went on air, from an
item that keeps at least one speaker.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import ValidationError

from studio.action_base import (
    Action,
    ActionError,
    item_index_of,
    opt_str,
    seconds_arg,
    segment_of,
    unchanged,
)
from studio.agenda import MAX_DURATION, Agenda, Speaker, slug
from studio.running_order import (
    carry_over,
    item_moved,
    speaker_inserted,
    speaker_moved,
    speaker_removed,
)
from studio.state import ShowState, ShowStatus
from studio.timefmt import clock_text

MAX_NAME = 200
"""The longest name or role an inserted speaker may have (as a fix on air)."""
PLACES = ("studio", "remote")
_ID = re.compile(r"[\w.-]{1,80}")


def _open(s: ShowState) -> None:
    if s.status is ShowStatus.ENDED:
        raise ActionError(
            "the show has ended: its running order can no longer change", key="show.order_over"
        )


def _not_on_air_yet(agenda: Agenda, s: ShowState, segments: range | list[int]) -> None:
    """Allowed: segments the show has never been on (neither on air now nor run before)."""
    on_now = s.status is ShowStatus.RUNNING and s.seg in segments
    if on_now:
        raise ActionError("that is on air now", key="show.on_air")
    if any(s.seg_first_start[k] is not None for k in segments):
        raise ActionError("that has already been on air: it stays where it ran", key="show.ran")


def _ahead(old: Agenda, new: Agenda, s: ShowState, landing: int | None) -> None:
    """Allowed: a place after the one the show is at (any place before the show starts)."""
    if s.status is not ShowStatus.RUNNING or s.seg is None or landing is None:
        return
    here = new.segment_for(*old.segment_ids(s.seg))
    if here is not None and landing <= here:
        raise ActionError("only a place after the one on air can change", key="show.before_now")


def _speaker_index(agenda: Agenda, index: int, speaker: str) -> int:
    ids = agenda.speaker_ids[index]
    if speaker not in ids:
        item = agenda.items[index].id
        raise ActionError(
            f"item '{item}' has no speaker '{speaker}'",
            key="show.no_speaker",
            params={"item": item, "speaker": speaker},
        )
    return ids.index(speaker)


@dataclass(frozen=True)
class Move(Action):
    """Put an item after another item (`after`: an item id), or a speaker after another speaker
    of the same item (`after`: a speaker id); `after` None puts it first. Later, and back again,
    as long as it lands after the show's place and has never been on air."""

    name: ClassVar[str] = "move"
    item: str = ""
    speaker: str | None = None
    after: str | None = None

    def args(self) -> dict[str, Any]:
        return {"item": self.item, "speaker": self.speaker, "after": self.after}

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Action:
        return cls(
            str(args.get("item", "")), opt_str(args.get("speaker")), opt_str(args.get("after"))
        )

    def apply(self, agenda: Agenda, s: ShowState, at: float, to: Any = None) -> None:
        _open(s)
        index = item_index_of(agenda, self.item)
        if self.speaker is None:
            new, landing = self._item(agenda, s, index)
        else:
            new, landing = self._speaker(agenda, s, index, self.speaker)
        _ahead(agenda, new, s, landing)
        carry_over(agenda, new, s)

    def _item(self, agenda: Agenda, s: ShowState, index: int) -> tuple[Agenda, int | None]:
        item = agenda.items[index]
        if item.start is not None:
            raise ActionError(
                f"item '{item.id}' starts at a fixed time: it cannot move",
                key="show.fixed_start",
                params={"item": item.id},
            )
        _not_on_air_yet(agenda, s, agenda.item_segments(index))
        after = None if self.after is None else item_index_of(agenda, self.after)
        if after == index:
            raise unchanged()
        new = item_moved(agenda, index, after)
        if [x.id for x in new.items] == [x.id for x in agenda.items]:
            raise unchanged()
        _fits_fixed_starts(new)
        return new, new.first_segment(new.item_index(item.id))

    def _speaker(
        self, agenda: Agenda, s: ShowState, index: int, speaker: str
    ) -> tuple[Agenda, int | None]:
        seg = segment_of(agenda, self.item, speaker)
        _not_on_air_yet(agenda, s, [seg])
        who = _speaker_index(agenda, index, speaker)
        after = None if self.after is None else _speaker_index(agenda, index, self.after)
        if after == who:
            raise unchanged()
        new = speaker_moved(agenda, index, who, after)
        if new.speaker_ids[index] == agenda.speaker_ids[index]:
            raise unchanged()
        return new, new.segment_for(self.item, speaker)


def _fits_fixed_starts(new: Agenda) -> None:
    """An edit may push what follows later, but never into a fixed start (a feed that starts
    at 16:40 starts then): a running order whose plan would overlap one is refused. Cutting
    times to make room is the re-planner's job, or the moderator's with Change time."""
    for i in range(1, len(new.items)):
        over = new.item_ends[i - 1] - new.item_starts[i]
        if new.items[i].start is not None and over >= 1:
            at = new.local(new.item_starts[i]).strftime("%H:%M")
            raise ActionError(
                f"it would run {clock_text(over)} into '{new.items[i].id}', fixed at {at}",
                key="show.past_fixed_start",
                params={"item": new.items[i].id, "at": at, "over": clock_text(over)},
            )


def _bad_label() -> ActionError:
    return ActionError(
        "a name or role must be 1 to 200 characters", key="show.bad_label", params={"max": MAX_NAME}
    )


@dataclass(frozen=True)
class Insert(Action):
    """Add a speaker to a discussion or Q&A item, after its speaker `after` (None: first): a
    name, an optional role, their time in seconds, and where they speak from (`studio`,
    `remote`: their scene follows). Their id is `speaker`, or one made from the name, unique in
    the item; the journal records it, so later edits and places name them by it. The item
    grows by their time."""

    name: ClassVar[str] = "insert"
    item: str = ""
    speaker: str = ""
    person: str = ""
    role: str | None = None
    seconds: float = 0.0
    where: str | None = None
    after: str | None = None

    def args(self) -> dict[str, Any]:
        out: dict[str, Any] = {"item": self.item, "speaker": self.speaker, "name": self.person}
        if self.role is not None:
            out["role"] = self.role
        out["seconds"] = self.seconds
        if self.where is not None:
            out["where"] = self.where
        out["after"] = self.after
        return out

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Action:
        seconds = seconds_arg(args)
        if not math.isfinite(seconds):
            raise ActionError(
                f"not a number of seconds: {args.get('seconds')!r}", key="show.bad_seconds"
            )
        return cls(
            item=str(args.get("item", "")),
            speaker=str(args.get("speaker") or ""),
            person=str(args.get("name") or ""),
            role=opt_str(args.get("role")),
            seconds=seconds,
            where=opt_str(args.get("where")),
            after=opt_str(args.get("after")),
        )

    def made_id(self, agenda: Agenda, index: int) -> str:
        """An id from the name that the item does not have yet ("olena", else "olena-2")."""
        taken = set(agenda.speaker_ids[index])
        base = slug(self.person) or "speaker"
        sid, k = base, 1
        while sid in taken:
            k += 1
            sid = f"{base}-{k}"
        return sid

    def resolved(self, agenda: Agenda) -> Action:
        if self.speaker or self.item not in {item.id for item in agenda.items}:
            return self
        return dataclasses.replace(self, speaker=self.made_id(agenda, agenda.item_index(self.item)))

    def apply(self, agenda: Agenda, s: ShowState, at: float, to: Any = None) -> None:
        _open(s)
        index = item_index_of(agenda, self.item)
        if not agenda.items[index].is_discussion:
            raise ActionError(
                f"item '{self.item}' is not a discussion: speakers are added to discussions only",
                key="show.not_discussion",
                params={"item": self.item},
            )
        speaker = self._speaker()
        sid = self.speaker or self.made_id(agenda, index)
        if not _ID.fullmatch(sid):
            raise ActionError(f"not a speaker id: {sid!r}", key="show.bad_id")
        if sid in agenda.speaker_ids[index]:
            raise ActionError(
                f"item '{self.item}' already has a speaker '{sid}'",
                key="show.duplicate_id",
                params={"item": self.item, "speaker": sid},
            )
        after = None if self.after is None else _speaker_index(agenda, index, self.after)
        new = speaker_inserted(agenda, index, speaker, sid, after)
        _fits_fixed_starts(new)
        _ahead(agenda, new, s, new.segment_for(self.item, sid))
        carry_over(agenda, new, s)

    def _speaker(self) -> Speaker:
        """The new speaker as the agenda would hold them; refused when a part is not right."""
        texts = [self.person] + ([] if self.role is None else [self.role])
        if any(not 0 < len(t.strip()) <= MAX_NAME for t in texts):
            raise _bad_label()
        if not 1 <= round(self.seconds) <= MAX_DURATION:
            raise ActionError(f"not a speaker's time: {self.seconds!r}", key="show.bad_seconds")
        if self.where is not None and self.where not in PLACES:
            raise ActionError(
                f"'where' is studio or remote, not {self.where!r}", key="show.bad_place"
            )
        fields: dict[str, Any] = {"name": self.person.strip(), "time": f"{round(self.seconds)}s"}
        if self.role is not None:
            fields["role"] = self.role.strip()
        if self.where is not None:
            fields["where"] = self.where
        try:
            return Speaker.model_validate(fields)
        except ValidationError:  # every part was checked above; a guard all the same
            raise _bad_label() from None


@dataclass(frozen=True)
class Remove(Action):
    """Take a speaker who did not come out of their item: never on air, and the item keeps at
    least one speaker. The item is shorter by their time."""

    name: ClassVar[str] = "remove"
    item: str = ""
    speaker: str = ""

    def args(self) -> dict[str, Any]:
        return {"item": self.item, "speaker": self.speaker}

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> Action:
        return cls(str(args.get("item", "")), str(args.get("speaker") or ""))

    def apply(self, agenda: Agenda, s: ShowState, at: float, to: Any = None) -> None:
        _open(s)
        index = item_index_of(agenda, self.item)
        seg = segment_of(agenda, self.item, self.speaker or "")
        _not_on_air_yet(agenda, s, [seg])
        if len(agenda.items[index].speakers) < 2:
            raise ActionError(
                f"item '{self.item}' has no other speaker: its last one stays",
                key="show.last_speaker",
                params={"item": self.item},
            )
        who = _speaker_index(agenda, index, self.speaker)
        carry_over(agenda, speaker_removed(agenda, index, who), s)


__all__ = ["MAX_NAME", "PLACES", "Insert", "Move", "Remove"]
