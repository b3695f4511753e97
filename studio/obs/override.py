"""The technician's hand on the OBS link: a scene chosen by hand, in OBS or from the console,
wins over automation until the next cue (DESIGN: human override wins).

Here: noticing a hand switch in OBS, the console's override and its release, holding a hand-set
scene across a console restart, and keeping the held scene on program when OBS reconnects.
"""

from __future__ import annotations

import contextlib
import time
from abc import ABC, abstractmethod

from studio import facts
from studio.obs.base import Desired, ObsError, Transport
from studio.obs.linkcore import LinkCore, Recorder
from studio.obs.snapshot import Switch


class ManualControl(LinkCore, ABC):
    """Manual override, for `ObsLink`."""

    def __init__(self, transport: Transport, record: Recorder | None) -> None:
        super().__init__(transport, record)
        # A scene held since before a console restart is only what the journal remembers: OBS
        # kept running meanwhile, so on connecting its program wins (`_adopt_program`).
        self._held_from_restart = False

    @abstractmethod
    async def _reapply(self) -> Switch | None:
        """Send what the current cue wants (ObsLink); a released override gives the scene back."""

    async def manual_switch(self, scene: str) -> None:
        """The technician's override from the console: held until the next cue."""
        self._ours[scene] = time.monotonic()
        try:
            await self.client.set_program_scene(scene)
        except ObsError:
            self._ours.pop(scene, None)
            raise
        # Only once OBS took it: a failed override must not come back on reconnect.
        self.snap.manual_scene = scene
        self._record(facts.ManualOverride(scene, "console"))
        self._emit("override", self.snap)

    def hold_manual(self, scene: str, cue_seq: int) -> None:
        """A hand-set scene from before a console restart, held until a cue after `cue_seq`.
        On connecting, OBS's program at that moment wins over it (see `_adopt_program`)."""
        self.desired = Desired(cue_seq=cue_seq)
        self._held_from_restart = True
        self.snap.manual_scene = scene
        self._emit("override", self.snap)

    async def release_manual(self) -> Switch | None:
        """Give the scene back to the cue."""
        self.snap.manual_scene = None
        self._record(facts.ManualReleased())
        self._emit("override", self.snap)
        return await self._reapply() if self.online else None

    def _new_cue(self) -> None:
        """A new cue ends whatever scene was held by hand."""
        self._held_from_restart = False
        if self.snap.manual_scene is not None:
            self.snap.manual_scene = None
            self._emit("override", self.snap)

    def _program_not_awaited(self, scene: str) -> None:
        """OBS put `scene` on program and no switch of ours was waiting for it."""
        if time.monotonic() - self._ours.pop(scene, -10.0) > 2.0:
            # Not something we asked for (each of our switches is recognised once, so a hand
            # switching to the same scene later is still seen): respect it until the next cue.
            self.snap.manual_scene = scene
            self._record(facts.ManualOverride(scene, "obs"))
            self._log(
                "link.manual_in_obs", {"scene": scene}, f"Scene switched by hand in OBS: {scene}"
            )
            self._emit("override", self.snap)

    async def _keep_manual(self, cue_scene: str, manual: str) -> None:
        """A re-apply while a scene is held by hand: the held scene stays, the cue's does not."""
        if self._held_from_restart:
            self._adopt_program(cue_scene)
        else:
            await self._restore_manual(manual)

    def _adopt_program(self, cue_scene: str) -> None:
        """After a console restart OBS kept running: what it shows now is the technician's
        latest choice, whatever the journal says was held. Respect it; switch nothing."""
        self._held_from_restart = False
        program = self.snap.program
        held = program if program and program != cue_scene else None
        if held != self.snap.manual_scene:
            self.snap.manual_scene = held
            if held is not None:
                self._record(facts.ManualOverride(held, "obs"))
            self._emit("override", self.snap)

    async def _restore_manual(self, manual: str) -> None:
        """After OBS restarts it shows its saved scene: put the technician's choice back."""
        if self.snap.program == manual or manual not in self.snap.scenes:
            return
        self._ours[manual] = time.monotonic()
        with contextlib.suppress(ObsError):
            await self.client.set_program_scene(manual)
