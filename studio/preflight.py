"""Preflight and provisioning: does OBS have what the agenda needs, and create what it lacks.

Preflight reads OBS (versions, scenes, text inputs, stream and record state) and lists every scene
and text input the agenda uses that OBS lacks; a missing scene blocks the show. Provisioning creates
the missing scenes and text inputs through obs-websocket; run twice, it changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from studio.agenda import Agenda
from studio.layout import CANVAS, TEXTS, TextPlacement, scenes_for_text
from studio.obs.base import RESOURCE_ALREADY_EXISTS, ObsRequestFailed, Versions
from studio.obs.client import ObsClient
from studio.obs.snapshot import LinkState, Snapshot


@dataclass(frozen=True)
class Need:
    logical: str
    obs_name: str


@dataclass(frozen=True)
class Missing(Need):
    """A scene or text input of the scene map that OBS lacks."""

    used: bool = True  # the agenda switches to it (a missing used scene blocks the show)


@dataclass
class PreflightReport:
    """Does OBS have what the agenda needs, and is it idle: one judgement for every front end
    (the command line reads OBS for it, the console judges what its link already knows)."""

    online: bool = True
    versions: Versions | None = None
    scenes_needed: list[Need] = field(default_factory=list)
    inputs_needed: list[Need] = field(default_factory=list)
    missing_scenes: list[Missing] = field(default_factory=list)
    missing_inputs: list[Missing] = field(default_factory=list)
    scenes_total: int = 0
    inputs_total: int = 0
    streaming: bool = False
    recording: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def blocking(self) -> bool:
        """A scene the show switches to is missing: the show cannot run as planned."""
        return any(m.used for m in self.missing_scenes)

    @property
    def passed(self) -> bool:
        return self.online and not self.missing_scenes and not self.missing_inputs


def scenes_needed(agenda: Agenda) -> list[Need]:
    """Every scene the agenda switches to, in first-use order."""
    logical = [agenda.event.pre_show_scene]
    for item in agenda.items:
        logical.append(item.scene)
        logical.extend(s.scene for s in item.speakers if s.scene)
    logical.append(agenda.event.end_scene)
    return [Need(n, agenda.scene_map.scene(n)) for n in dict.fromkeys(logical)]


def inputs_needed(agenda: Agenda) -> list[Need]:
    return [Need(k, v) for k, v in agenda.scene_map.inputs.items()]


def judge(
    agenda: Agenda,
    have_scenes: Iterable[str],
    have_inputs: Mapping[str, str],
    *,
    streaming: bool,
    recording: bool,
    versions: Versions | None = None,
    unused: bool = False,
) -> PreflightReport:
    """What OBS lacks of what the agenda needs, in first-use order; with `unused`, also the scene
    map's scenes this agenda never switches to (listed, never blocking)."""
    have = set(have_scenes)
    scenes = scenes_needed(agenda)
    inputs = inputs_needed(agenda)
    missing = [Missing(n.logical, n.obs_name) for n in scenes if n.obs_name not in have]
    if unused:
        used = {n.obs_name for n in scenes}
        missing += [
            Missing(k, v, used=False)
            for k, v in agenda.scene_map.scenes.items()
            if v not in have and v not in used
        ]
    m = agenda.scene_map
    return PreflightReport(
        versions=versions,
        scenes_needed=scenes,
        inputs_needed=inputs,
        missing_scenes=missing,
        missing_inputs=[
            Missing(n.logical, n.obs_name) for n in inputs if n.obs_name not in have_inputs
        ],
        scenes_total=len(set(m.scenes.values())),
        inputs_total=len(set(m.inputs.values())),
        streaming=streaming,
        recording=recording,
        notes=_input_notes(agenda, have_inputs),
    )


def _input_notes(agenda: Agenda, have_inputs: Mapping[str, str]) -> list[str]:
    notes = []
    kind = agenda.scene_map.text_input_kind
    for need in inputs_needed(agenda):
        actual = have_inputs.get(need.obs_name)
        if actual is not None and not actual.startswith("text_"):
            notes.append(f"input «{need.obs_name}» is a {actual}, not a text source")
        elif actual is not None and actual != kind and not actual.startswith("text_"):
            notes.append(f"input «{need.obs_name}» has kind {actual}")
    return notes


async def preflight(client: ObsClient, agenda: Agenda) -> PreflightReport:
    """Read OBS and judge it."""
    versions = await client.version()
    have_scenes = await client.scenes()
    have_inputs = await client.inputs()
    stream = await client.stream_status()
    record = await client.record_status()
    return judge(
        agenda,
        have_scenes,
        have_inputs,
        streaming=stream.active,
        recording=record.active,
        versions=versions,
    )


def preflight_from_snapshot(agenda: Agenda, snap: Snapshot) -> PreflightReport:
    """Judge what the link already knows of OBS (its scene and input lists are re-read on every
    connect and on OBS's create/rename/remove events), so the console's button never waits."""
    if snap.state is not LinkState.ONLINE:
        return PreflightReport(online=False)
    return judge(
        agenda,
        snap.scenes,
        snap.inputs,
        streaming=snap.stream.active,
        recording=snap.record.active,
        versions=snap.versions,
        unused=True,
    )


@dataclass
class ProvisionResult:
    created_scenes: list[str] = field(default_factory=list)
    created_inputs: list[str] = field(default_factory=list)


def _home_scene(agenda: Agenda, logical_input: str) -> str:
    """Where a new text input is placed: where it is first seen on air."""
    if logical_input == "break_timer" and "break" in agenda.scene_map.scenes:
        return agenda.scene_map.scene("break")
    for item in agenda.items:
        for sp in item.speakers:
            return agenda.scene_map.scene(sp.scene or item.scene)
    return agenda.scene_map.scene(agenda.items[0].scene)


async def provision(client: ObsClient, agenda: Agenda) -> ProvisionResult:
    """Create missing scenes, then missing text inputs, placed as `studio.layout` says (the
    speaker timer hidden: it is for the return feed, not the audience). Idempotent: an input that
    exists is left where the technician put it, only added to the scenes created now."""
    report = await preflight(client, agenda)
    result = ProvisionResult()
    await _create_scenes(client, report.missing_scenes, result)
    have = set(await client.scenes())
    run = _Provisioning(client, agenda, result, have, await _canvas(client))
    missing = {need.obs_name for need in report.missing_inputs}
    for logical, obs_input in agenda.scene_map.inputs.items():
        await run.text_input(logical, obs_input, created=obs_input in missing)
    return result


async def _create_scenes(client: ObsClient, needs: Sequence[Need], result: ProvisionResult) -> None:
    for need in needs:
        try:
            await client.create_scene(need.obs_name)
            result.created_scenes.append(need.obs_name)
        except ObsRequestFailed as exc:
            if exc.code != RESOURCE_ALREADY_EXISTS:
                raise


async def _canvas(client: ObsClient) -> tuple[int, int]:
    """OBS's canvas size, which the texts' places and sizes scale to; the layout's own canvas if
    OBS does not say."""
    try:
        width, height = await client.canvas()
    except ObsRequestFailed:
        width = height = 0
    return (width, height) if width > 0 and height > 0 else CANVAS


@dataclass
class _Provisioning:
    """One provisioning run's text inputs: the scenes OBS has so far, and what the run made."""

    client: ObsClient
    agenda: Agenda
    result: ProvisionResult
    have: set[str]
    canvas: tuple[int, int]

    async def text_input(self, logical: str, obs_input: str, *, created: bool) -> None:
        """Create a missing text input in its first scene and add it to the others; an input OBS
        has already goes only into the scenes this run created."""
        place = TEXTS.get(logical)
        targets = [s for s in scenes_for_text(self.agenda.scene_map, logical) if s in self.have]
        if created:
            made_in = await self._create(logical, obs_input, place, targets)
            if made_in is None:
                return
            others = made_in[1:]
        else:
            others = [s for s in targets if s in self.result.created_scenes]
        for scene in others:
            visible = place.visible if place else True
            item = await self.client.add_to_scene(scene, obs_input, visible=visible)
            if place is not None:
                await self.client.place_item(scene, item, place.position(self.canvas), place.align)

    async def _create(
        self, logical: str, obs_input: str, place: TextPlacement | None, targets: list[str]
    ) -> list[str] | None:
        """Create the input in the first of `targets`, or, with none, where it is first seen on
        air. Returns the targets with that scene first, or None if OBS had the input after all."""
        if not targets:
            home = _home_scene(self.agenda, logical)
            if home not in self.have:
                await self.client.create_scene(home)
                self.have.add(home)
            targets = [home]
        try:
            item = await self.client.create_text_input(
                targets[0],
                obs_input,
                self.agenda.scene_map.text_input_kind,
                "",
                size=place.font_size(self.canvas) if place else None,
                visible=place.visible if place else True,
            )
        except ObsRequestFailed as exc:
            if exc.code != RESOURCE_ALREADY_EXISTS:
                raise
            return None
        self.result.created_inputs.append(obs_input)
        if place is not None:
            await self.client.place_item(targets[0], item, place.position(self.canvas), place.align)
        return targets
