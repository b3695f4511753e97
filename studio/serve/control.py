"""Applying a checked command (commands.py) to the running show, for every door: HTTP, the
WebSocket and OSC. Show actions go through `Runtime.act` with their origin and client, as a
console key does; the moderator's message through `Runtime.remember_message`; scene overrides
through `Runtime.manual_switch`, which passes the same guard as every OBS request.

A command that cannot apply raises `Refused` (with the engine's reason and key); nothing has
changed then.
"""

from __future__ import annotations

import logging

from studio.actions import ActionError, Origin
from studio.runtime import Runtime
from studio.serve.commands import Command
from studio.serve.respond import Refused
from studio.view import LinkState, ObsError

log = logging.getLogger("studio.serve")


class Control:
    """One runtime's control door, shared by every protocol."""

    def __init__(self, runtime: Runtime) -> None:
        self.rt = runtime

    def message(self) -> str:
        """The moderator's message, whoever set it (the console or an API client)."""
        return self.rt.last_message()

    @staticmethod
    def needs_obs(command: Command) -> bool:
        """Whether the command waits on OBS (a scene override or hand-back)."""
        return command.scene is not None or command.name == "release"

    def apply(self, command: Command, origin: Origin, client: str) -> None:
        """A show action or the message, at once (no OBS round trip). Raises Refused."""
        if command.action is not None:
            try:
                self.rt.act(command.action, origin=origin, client=client)
            except ActionError as exc:
                raise Refused(409, str(exc), key=exc.key, params=exc.params) from None
            log.info("show server: %s from %s (%s)", command.name, client, origin.value)
        elif command.plan is not None:
            self._plan(command.plan, origin, client)
        elif command.text is not None and command.text != self.message():
            self.rt.remember_message(command.text, origin, client)
            state = "set" if command.text else "cleared"
            log.info("show server: message %s from %s (%s)", state, client, origin.value)

    def _plan(self, answer: str, origin: Origin, client: str) -> None:
        """Accept or dismiss the plan to end on time the console proposes (the same one)."""
        if self.rt.view().proposal is None:
            raise Refused(409, "no plan to end on time is proposed now", key="serve.no_plan")
        if answer == "dismiss":
            self.rt.dismiss_plan()
            log.info("show server: plan dismissed by %s (%s)", client, origin.value)
            return
        try:
            plan = self.rt.accept_plan(origin=origin, client=client)
        except ActionError as exc:
            raise Refused(409, str(exc), key=exc.key, params=exc.params) from None
        if plan is None:
            raise Refused(
                409, "the show is no longer late: nothing to re-plan", key="serve.no_plan"
            )
        log.info("show server: plan accepted by %s (%s)", client, origin.value)

    async def execute(self, command: Command, origin: Origin, client: str) -> None:
        """Any command; scene overrides wait for OBS. Raises Refused."""
        if not self.needs_obs(command):
            self.apply(command, origin, client)
        elif command.scene is not None:
            scene = self._obs_scene(command.scene)
            if self.rt.view().link.state is not LinkState.ONLINE:
                raise Refused(409, "OBS is not connected: no scene can be put on air")
            try:
                await self.rt.manual_switch(scene)
            except ObsError as exc:
                raise Refused(502, str(exc), key=exc.key) from None
            log.info("show server: scene %s by hand from %s (%s)", scene, client, origin.value)
        elif command.name == "release":
            try:
                await self.rt.release_manual()
            except ObsError as exc:
                raise Refused(502, str(exc), key=exc.key) from None
            log.info("show server: scene handed back to the cues by %s (%s)", client, origin.value)

    def _obs_scene(self, scene: str) -> str:
        """A logical scene name (`studio`) or an OBS scene name, as the OBS name."""
        mapped = self.rt.agenda.scene_map.scenes.get(scene)
        if mapped is not None:
            return mapped
        known = set(self.rt.agenda.scene_map.scenes.values()) | set(self.rt.view().link.scenes)
        if scene not in known:
            raise Refused(400, f"no scene '{scene[:80]}' (neither a logical nor an OBS name)")
        return scene
