"""The OBS link's outputs, stream and record: the operator's start and stop requests, and the
outputs' state as OBS reports it, from its events and from the link's health polls.

Starting the stream is the guard's decision (studio/obs/guard.py), not this module's: a request
it refuses fails here like any other.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from studio import facts
from studio.obs.base import ObsRequestFailed, OutputStatus
from studio.obs.client import output_state_name
from studio.obs.linkcore import LinkCore


class OutputControl(LinkCore):
    """Stream and record, for `ObsLink`."""

    async def output(self, action: str) -> None:
        """start_stream, stop_stream, start_record, stop_record (confirmed by the UI first)."""
        if action not in facts.OUTPUT_ACTIONS:
            raise ValueError(action)
        self._record(facts.OutputRequest(action))
        try:
            await getattr(self.client, action)()
        except ObsRequestFailed as exc:
            self._error(exc)
            raise

    def _output_changed(self, event_type: str, data: dict[str, Any]) -> None:
        """OBS's StreamStateChanged or RecordStateChanged."""
        key = "stream" if event_type == "StreamStateChanged" else "record"
        old: OutputStatus = getattr(self.snap, key)
        state = output_state_name(str(data.get("outputState", "")))
        new = replace(old, active=bool(data.get("outputActive")), state=state)
        setattr(self.snap, key, new)
        self._record(facts.OutputState.of(key, state))
        self._log(
            "link.stream_state" if key == "stream" else "link.record_state",
            {"state": state},
            f"{key.title()}: {state}",
        )
        self._emit(key, self.snap)

    def _take_polled_outputs(
        self, stream: OutputStatus, record: OutputStatus
    ) -> tuple[OutputStatus, OutputStatus]:
        """Take the outputs a poll read; returns what the snapshot held before, for
        `_emit_output_changes` once the rest of the poll is taken too."""
        old_stream, old_record = self.snap.stream, self.snap.record
        self.snap.stream = replace(stream, state=self._keep_transitional(old_stream, stream))
        self.snap.record = replace(record, state=self._keep_transitional(old_record, record))
        return old_stream, old_record

    def _emit_output_changes(self, old_stream: OutputStatus, old_record: OutputStatus) -> None:
        # Outputs started or stopped while we were not told (e.g. during an outage) show too.
        if (self.snap.stream.state, self.snap.stream.active) != (
            old_stream.state,
            old_stream.active,
        ):
            self._emit("stream", self.snap)
        if (self.snap.record.state, self.snap.record.active) != (
            old_record.state,
            old_record.active,
        ):
            self._emit("record", self.snap)

    @staticmethod
    def _keep_transitional(old: OutputStatus, new: OutputStatus) -> str:
        # Polls only see active/inactive; keep "starting"/"stopping" from events until they settle.
        if old.state == "starting" and not new.active:
            return "starting"
        if old.state == "stopping" and new.active:
            return "stopping"
        return new.state
