"""Qt-free judgements the console shows: preflight from what the link already knows, warning
levels for OBS health figures, and the time left before the planned start.

Preflight here reads `ObsLink.snap` (kept current by the link: scene and input lists are re-read on
every connect and on OBS's create/rename/remove events), so pressing the button never waits on OBS.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from studio.agenda import Agenda
from studio.obs.health import Level, health_levels
from studio.obs.link import LinkState, Snapshot
from studio.preflight import scenes_needed
from studio.show import Status

__all__ = ["Level", "Missing", "SnapshotPreflight", "health_levels", "preflight_from_snapshot"]


@dataclass(frozen=True)
class Missing:
    logical: str
    obs_name: str
    used: bool  # the agenda switches to it (a missing used scene blocks the show)


@dataclass(frozen=True)
class SnapshotPreflight:
    """Which scenes and text inputs of the scene map OBS lacks, and whether outputs are idle."""

    online: bool
    scenes_total: int = 0
    inputs_total: int = 0
    missing_scenes: list[Missing] = field(default_factory=list)
    missing_inputs: list[Missing] = field(default_factory=list)
    streaming: bool = False
    recording: bool = False

    @property
    def blocking(self) -> bool:
        return any(m.used for m in self.missing_scenes)

    @property
    def passed(self) -> bool:
        return self.online and not self.missing_scenes and not self.missing_inputs


def preflight_from_snapshot(agenda: Agenda, snap: Snapshot) -> SnapshotPreflight:
    if snap.state is not LinkState.ONLINE:
        return SnapshotPreflight(online=False)
    m = agenda.scene_map
    used = {need.obs_name for need in scenes_needed(agenda)}
    have_scenes = set(snap.scenes)
    return SnapshotPreflight(
        online=True,
        scenes_total=len(set(m.scenes.values())),
        inputs_total=len(set(m.inputs.values())),
        missing_scenes=[
            Missing(k, v, v in used) for k, v in m.scenes.items() if v not in have_scenes
        ],
        missing_inputs=[Missing(k, v, True) for k, v in m.inputs.items() if v not in snap.inputs],
        streaming=snap.stream.active,
        recording=snap.record.active,
    )


def until_start(agenda: Agenda, st: Status) -> float | None:
    """Before the show: seconds until the first open item's planned start (negative once it is
    late). None once the show has started."""
    if st.status != "pre" or st.next_item_index is None:
        return None
    return agenda.item_starts[st.next_item_index] - st.now
