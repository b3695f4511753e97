"""Messages: what the engine tells the operator (OBS errors, the OBS link's log, refused show
actions), in the console's language.

The engine is Qt-free, so it cannot translate; instead each sentence it produces carries a stable
key and its arguments beside the English text (`studio.obs.base.LinkMessage`, `ObsError.key` /
`.params`, `studio.show.ActionError.key` / `.params`). Here every key has a translatable format
string; an unknown key, or arguments that do not fit it, fall back to the engine's English text,
so a sentence is never lost. Translations are looked up when a sentence is shown: lines already in
the link log stay in the language they were written in, new ones follow the current language.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject

from studio.view import ActionError, LinkMessage, ObsError

log = logging.getLogger("ui.messages")

Said = LinkMessage | ObsError | ActionError | str
"""Anything the engine says: a link notification, an OBS error, a refused action, plain text."""

_OUTPUT_STATE_KEYS = frozenset({"link.stream_state", "link.record_state"})


class Messages(QObject):
    """Turns the engine's keyed sentences into text in the current language."""

    def say(self, what: Said) -> str:
        """The sentence in the console's language (the engine's English text if no key fits)."""
        if isinstance(what, LinkMessage):
            return self.text(what.key, what.args, what.text)
        if isinstance(what, ObsError):
            return self.text(what.key, what.params, what.message)
        if isinstance(what, ActionError):
            return self.text(what.key, what.params, str(what))
        return str(what)

    def text(self, key: str, args: Mapping[str, Any], fallback: str) -> str:
        fmt = self.formats().get(key)
        if fmt is None:
            if key:
                log.warning("no translation for message key %r", key)
            return fallback
        values = {name: self._arg(key, name, value) for name, value in args.items()}
        try:
            return fmt.format(**values)
        except (KeyError, IndexError, ValueError):
            log.warning("message %r does not fit its arguments %r", key, sorted(args))
            return fallback

    def known_keys(self) -> frozenset[str]:
        """Every key this console can translate."""
        return frozenset(self.formats())

    def _arg(self, key: str, name: str, value: Any) -> Any:
        if isinstance(value, LinkMessage | ObsError | ActionError):
            return self.say(value)
        if key in _OUTPUT_STATE_KEYS and name == "state":
            return self.output_states().get(str(value), value)
        return value

    def output_states(self) -> dict[str, str]:
        """Stream and record states as the link reports them ("Stream: {state}")."""
        return {
            "starting": self.tr("starting"),
            "started": self.tr("started"),
            "stopping": self.tr("stopping"),
            "stopped": self.tr("stopped"),
            "reconnecting": self.tr("reconnecting"),
            "paused": self.tr("paused"),
        }

    def formats(self) -> dict[str, str]:
        """Key -> format string in the current language (arguments as `{name}`)."""
        return {
            **self._connect_formats(),
            **self._request_formats(),
            **self._guard_formats(),
            **self._link_formats(),
            **self._show_formats(),
        }

    def _connect_formats(self) -> dict[str, str]:
        """Connecting to OBS (studio/obs/live.py, client.py)."""
        return {
            "obs.refused": self.tr(
                "OBS is not reachable at {where}: connection refused "
                "(is OBS running with its WebSocket server on?)."
            ),
            "obs.timeout": self.tr("OBS at {where} did not answer in time (is it frozen?)."),
            "obs.no_password": self.tr(
                "OBS at {where} asks for a password and none is set (OBS_WEBSOCKET_PASSWORD)."
            ),
            "obs.bad_password": self.tr(
                "OBS at {where} refused the connection: wrong WebSocket password?"
            ),
            "obs.closed_on_connect": self.tr(
                "OBS at {where} closed the connection: wrong WebSocket password?"
            ),
            "obs.not_v5": self.tr(
                "The server at {where} does not speak obs-websocket 5 (OBS 28 or newer needed)."
            ),
            "obs.unreachable": self.tr("OBS is not reachable at {where}: {why}."),
            "obs.connect_failed": self.tr("Could not connect to OBS at {where}: {error}."),
            "obs.too_old": self.tr(
                "OBS WebSocket {version} is too old: version 5 or newer is needed "
                "(OBS 28 or newer)."
            ),
            "obs.not_connected": self.tr("Not connected to OBS at {where}."),
            "obs.request_timeout": self.tr("OBS at {where}: did not answer in time."),
            "obs.request_lost": self.tr("OBS at {where}: connection lost."),
            "obs.simulated_down": self.tr("Simulated OBS is down."),
            "obs.simulated_not_connected": self.tr("Not connected to simulated OBS."),
        }

    def _request_formats(self) -> dict[str, str]:
        """OBS refused a request (studio/obs/base.py status_message), or the session went away
        (lost_message)."""
        return {
            "obs.unknown_request": self.tr("OBS does not know the request {request}."),
            "obs.no_scene": self.tr("OBS has no scene named «{name}» ({request})."),
            "obs.no_input": self.tr("OBS has no input named «{name}» ({request})."),
            "obs.no_resource": self.tr("OBS has no resource named «{name}» ({request})."),
            "obs.already_exists": self.tr("OBS already has «{name}»."),
            "obs.output_running": self.tr("That output is already running."),
            "obs.output_not_running": self.tr("That output is not running."),
            "obs.studio_mode_off": self.tr("Studio mode is off in OBS."),
            "obs.request_failed": self.tr("OBS refused {request} (code {code})."),
            "obs.request_failed_comment": self.tr(
                "OBS refused {request} (code {code}: {comment})."
            ),
            # -- the session went away
            "obs.lost_closed": self.tr("OBS connection closed"),
            "obs.lost_connection": self.tr("OBS connection lost"),
            "obs.lost_timeout": self.tr("OBS did not answer in time"),
            "obs.lost_exiting": self.tr("OBS is shutting down"),
            "obs.lost": self.tr("OBS {why}"),
        }

    def _guard_formats(self) -> dict[str, str]:
        """The on-air guard (studio/obs/guard.py)."""
        return {
            "guard.dry_run_real_obs": self.tr(
                "Dry-run talks only to simulated OBS; nothing leaves this machine."
            ),
            "guard.rehearsal_stream": self.tr(
                "Rehearsal mode: the stream cannot be started. Nothing was sent to OBS."
            ),
            "guard.no_batch": self.tr("Batched requests are not allowed through the guard."),
            "guard.not_allowed": self.tr(
                "The on-air guard does not let {request} through: it is not on the list of "
                "requests known to be safe. Nothing was sent to OBS."
            ),
        }

    def _link_formats(self) -> dict[str, str]:
        """The link's log (studio/obs/link.py)."""
        return {
            "link.connected": self.tr("Connected to OBS {obs} (obs-websocket {websocket})"),
            "link.back": self.tr("OBS is back after {seconds:.1f} s"),
            "link.lost": self.tr("Lost OBS: {why}"),
            "link.connection_lost": self.tr("connection lost"),
            "link.heartbeat_timeout": self.tr("OBS stopped answering (heartbeat timed out)"),
            "link.obs_exiting": self.tr("OBS is shutting down"),
            "link.stream_state": self.tr("Stream: {state}"),
            "link.record_state": self.tr("Record: {state}"),
            "link.manual_in_obs": self.tr("Scene switched by hand in OBS: {scene}"),
            "link.not_confirmed": self.tr(
                "Scene switch to {scene} NOT confirmed by OBS within {ms} ms"
            ),
        }

    def _show_formats(self) -> dict[str, str]:
        """Show actions that cannot apply now (studio/show.py)."""
        return {
            "show.already_started": self.tr("The show has already started."),
            "show.all_skipped": self.tr("Every item is skipped."),
            "show.not_running": self.tr("The show is not running."),
            "show.first_item": self.tr("Already at the first item."),
            "show.no_item": self.tr("There is no item «{item}» in the agenda."),
            "show.on_hold": self.tr("Already on hold."),
            "show.not_on_hold": self.tr("Not on hold."),
            "show.below_zero": self.tr("The speaker's time cannot go below zero."),
            "show.already_ran": self.tr("That item has already run; it cannot be skipped."),
            "show.unknown_action": self.tr("Unknown action «{name}»."),
            "show.bad_seconds": self.tr("Not a number of seconds."),
            "show.ended": self.tr("The show has ended: there is nothing to re-plan."),
            "show.bad_plan": self.tr("Not a plan to end on time: {reason}"),
            "show.over": self.tr("The show has ended: its times can no longer change."),
            "show.no_speaker": self.tr("Item «{item}» has no speaker «{speaker}»."),
            "show.no_item_time": self.tr("Item «{item}» has no time outside its speakers'."),
            "show.finished": self.tr("That part of the show is over: its time cannot change."),
            "show.below_used": self.tr(
                "The speaker has already used {used}: the time cannot be less than that."
            ),
            "show.unchanged": self.tr("Nothing to change: it is so already."),
            "show.bad_label": self.tr("A name or role must be 1 to {max} characters long."),
            **self._order_formats(),
        }

    def _order_formats(self) -> dict[str, str]:
        """The running order edited live that cannot be (studio/order_edits.py)."""
        return {
            "show.order_over": self.tr(
                "The show has ended: its running order can no longer change."
            ),
            "show.on_air": self.tr("That is on air now: it stays where it is."),
            "show.ran": self.tr("That has already been on air: it stays where it ran."),
            "show.before_now": self.tr(
                "Only what comes after the item on air can move: choose a later place."
            ),
            "show.fixed_start": self.tr("Item «{item}» starts at a fixed time: it cannot move."),
            "show.not_discussion": self.tr(
                "Item «{item}» is not a discussion: speakers are added to discussions only."
            ),
            "show.duplicate_id": self.tr("Item «{item}» already has a speaker «{speaker}»."),
            "show.bad_id": self.tr("Not a speaker id: letters, digits, «-», «_» and «.» only."),
            "show.bad_place": self.tr("Where from: the studio or remote."),
            "show.last_speaker": self.tr("Item «{item}» has no other speaker: its last one stays."),
            "show.past_fixed_start": self.tr(
                "That would run {over} into «{item}», which starts at {at} fixed: shorten times "
                "first (Change time, or a plan to end on time)."
            ),
        }
