"""TechPanel: what the technician watches and touches, docked beside the moderator's view.

Connection state with the last error and a Reconnect button, OBS versions, program and preview
scene, a button per OBS scene for a manual override (held until the next cue), stream and record
toggles behind confirmation dialogs, health figures coloured by warning thresholds, the alarm for
a scene switch OBS did not confirm, preflight from what the link already knows, and a log of what
the link did. Every OBS call runs as a task; nothing here waits for OBS.

The widgets are built in `ui.tech_layout`; this file wires them, fills them from what the link
knows and holds every word of the panel.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from studio.modes import Mode
from studio.runtime import Runtime
from studio.timefmt import clock_text
from studio.view import (
    LinkNews,
    LinkState,
    ObsError,
    OutputStatus,
    PreflightReport,
    Snapshot,
    Switch,
    Update,
    health_levels,
)
from ui import style, tech_layout
from ui.bridge import EngineBridge
from ui.widgets import Confirm, set_style, set_text


class TechPanel(QWidget, tech_layout.TechWidgets):
    """The technician's view of OBS; lives in a QDockWidget of the main window. Its widgets are
    built (and declared) by ui.tech_layout; every word in them comes from retranslate()."""

    def __init__(self, rt: Runtime, bridge: EngineBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("techPanel")
        self.rt = rt
        self.bridge = bridge
        self.pending_dialog: Confirm | None = None
        self.link_state: LinkState = self._snap().state
        self._scene_buttons: dict[str, QPushButton] = {}
        self._last_log: tuple[str, int] | None = None  # (text, repeats) to fold repeated errors
        self._preflight_done = False
        self.preflight_result: PreflightReport | None = None
        tech_layout.setup(self)
        self._wire_signals()
        self.retranslate()

    def _wire_signals(self) -> None:
        self.reconnect_button.clicked.connect(self.rt.reconnect_now)
        self.release_button.clicked.connect(self._release)
        self.stream_button.clicked.connect(lambda: self._ask_output("stream"))
        self.record_button.clicked.connect(lambda: self._ask_output("record"))
        self.preflight_button.clicked.connect(self.run_preflight)
        self.bridge.linkNews.connect(self.on_link)

    def _snap(self) -> Snapshot:
        """What the OBS link knows now (the one place this panel reads it)."""
        return self.bridge.view.link

    # ---- link notifications ---------------------------------------------------------------
    def on_link(self, update: Update) -> None:
        event = update.link
        if event is None:
            return
        news = event.news
        if news is LinkNews.STATE:
            self.update_connection()
            self.update_scenes()
            self.update_outputs()
            self.update_health()
        elif news is LinkNews.SCENES:
            self.update_scenes()
        elif news in (LinkNews.PROGRAM, LinkNews.PREVIEW, LinkNews.OVERRIDE):
            self.update_scenes()
            if news is LinkNews.OVERRIDE and self._snap().manual_scene is None:
                self.log(self.tr("Scene handed back to the cues"))
        elif news in (LinkNews.STREAM, LinkNews.RECORD):
            self.update_outputs()
        elif news is LinkNews.HEALTH:
            self.update_outputs()
            self.update_health()
        elif news is LinkNews.SWITCH and event.switch is not None:
            self._switched(event.switch)
        elif news is LinkNews.LOG and event.message is not None:
            self.log(self.bridge.messages.say(event.message))
        elif news is LinkNews.ERROR and event.message is not None:
            self.log(self.bridge.messages.say(event.message), error=True)

    def _switched(self, sw: Switch) -> None:
        if sw.already:
            pass  # the link's "already on program": the cue changed nothing on air
        elif sw.confirmed:
            ms = f"{sw.latency_ms:.0f}" if sw.latency_ms is not None else "?"
            self.log(
                self.tr("Scene «{scene}» on air (confirmed in {ms} ms)").format(
                    scene=sw.scene, ms=ms
                )
            )
        elif sw.superseded:
            self.log(self.tr("Scene «{scene}» overtaken by a later switch").format(scene=sw.scene))
        self.update_scenes()

    # ---- sections ---------------------------------------------------------------------------
    def update_connection(self) -> None:
        snap = self._snap()
        self.link_state = snap.state
        names = {
            LinkState.OFFLINE: self.tr("Offline"),
            LinkState.CONNECTING: self.tr("Connecting…"),
            LinkState.ONLINE: self.tr("Online"),
            LinkState.RECONNECTING: self.tr("Offline — reconnecting…"),
            LinkState.STOPPED: self.tr("Stopped"),
        }
        set_text(self.state_label, "● " + names[snap.state])
        set_style(self.state_label, style.fg(style.LINK_STATE_FG[snap.state]))
        problem = snap.last_error_message if snap.state is not LinkState.ONLINE else None
        error = self.bridge.messages.say(problem) if problem is not None else ""
        set_text(self.error_label, error)
        self.error_label.setVisible(bool(error))
        if snap.versions is not None:
            text = self.tr("OBS {obs} · obs-websocket {ws}").format(
                obs=snap.versions.obs, ws=snap.versions.websocket
            )
        else:
            text = self.tr("OBS version not known yet")
        set_text(self.versions_label, text)
        set_text(
            self.target_label,
            self.tr("Address: {where}").format(where=self.bridge.view.obs_address),
        )
        self.reconnect_button.setEnabled(snap.state is not LinkState.ONLINE)

    def update_scenes(self) -> None:
        snap = self._snap()
        online = snap.state is LinkState.ONLINE
        if list(self._scene_buttons) != snap.scenes:
            self._rebuild_scene_buttons(snap.scenes)
        program = snap.program or "—"
        if not online and snap.program:
            # What OBS showed when the link was lost: it may have changed since.
            program = self.tr("{scene} (last known)").format(scene=snap.program)
        set_text(self.program_label, program)
        set_style(self.program_label, "" if online else style.fg(style.MUTED_FG))
        set_text(
            self.scenes_hint, "" if snap.scenes else self.tr("No scenes: OBS is not connected.")
        )
        self.scenes_hint.setVisible(not snap.scenes)
        preview = snap.preview if snap.studio_mode and snap.preview else None
        set_text(self.preview_label, preview or self.tr("— (studio mode off)"))
        for name, button in self._scene_buttons.items():
            button.setEnabled(online)
            on_air = online and name == snap.program
            sheet = style.scene_button_sheet(manual=name == snap.manual_scene, on_air=on_air)
            set_style(button, sheet)
        manual = snap.manual_scene
        for w in self.manual_widgets:
            w.setVisible(manual is not None)
        if manual is not None:
            set_text(
                self.manual_label,
                self.tr("Manual: «{scene}» — until the next cue").format(scene=manual),
            )
        self.release_button.setEnabled(online)
        bad = snap.unconfirmed
        if bad is not None:
            set_text(
                self.unconfirmed_label,
                self.tr("⚠ OBS did not confirm the switch to «{scene}»: check OBS now").format(
                    scene=bad.scene
                ),
            )
        self.unconfirmed_label.setVisible(bad is not None)

    def _rebuild_scene_buttons(self, scenes: list[str]) -> None:
        for button in self._scene_buttons.values():
            self.scene_grid.removeWidget(button)
            button.deleteLater()
        self._scene_buttons = {}
        for i, name in enumerate(scenes):
            button = QPushButton(name, self)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            # Long OBS names must not widen the dock: the button shrinks, the tooltip has it all.
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(60)
            button.setToolTip(
                self.tr("Put «{scene}» on air by hand, until the next cue").format(scene=name)
            )
            button.clicked.connect(lambda _=False, s=name: self.manual_switch(s))
            self.scene_grid.addWidget(button, i // 2, i % 2)
            self._scene_buttons[name] = button

    def scene_button(self, scene: str) -> QPushButton | None:
        return self._scene_buttons.get(scene)

    def _output_text(self, key: str, out: OutputStatus) -> str:
        running = out.active and out.state in ("started", "reconnecting")
        dur = clock_text(out.duration_ms / 1000)
        if key == "stream":
            texts = {
                "starting": self.tr("Stream: starting…"),
                "stopping": self.tr("Stream: stopping…"),
                "reconnecting": self.tr("Stream: RECONNECTING {d}").format(d=dur),
            }
            default = (
                self.tr("Stream: ON AIR {d}").format(d=dur) if running else self.tr("Stream: off")
            )
        else:
            texts = {
                "starting": self.tr("Recording: starting…"),
                "stopping": self.tr("Recording: stopping…"),
                "paused": self.tr("Recording: paused {d}").format(d=dur),
            }
            default = (
                self.tr("Recording: ● REC {d}").format(d=dur)
                if running
                else self.tr("Recording: off")
            )
        return texts.get(out.state, default)

    def update_outputs(self) -> None:
        snap = self._snap()
        online = snap.state is LinkState.ONLINE
        for key, label, button in (
            ("stream", self.stream_label, self.stream_button),
            ("record", self.record_label, self.record_button),
        ):
            out: OutputStatus = getattr(snap, key)
            text = self._output_text(key, out)
            if not online and snap.versions is not None:
                text = self.tr("{state} (last known)").format(state=text)
            set_text(label, text)
            busy = out.state in ("starting", "stopping")
            set_style(label, style.output_sheet(key, out.active))
            if key == "stream":
                text = self.tr("Stop stream") if out.active else self.tr("Start stream")
            else:
                text = self.tr("Stop recording") if out.active else self.tr("Start recording")
            set_text(button, text)
            enabled = online and not busy
            if key == "stream" and self.rt.mode is Mode.REHEARSAL and not out.active:
                enabled = False
                button.setToolTip(self.tr("Rehearsal: the stream cannot be started."))
            button.setEnabled(enabled)

    def update_health(self) -> None:
        snap = self._snap()
        h = snap.health
        online = snap.state is LinkState.ONLINE
        streaming = snap.stream.active
        levels = health_levels(h, streaming, online)
        dash = "—"
        values = {
            "fps": f"{h.active_fps:.1f}" if online else dash,
            "cpu": f"{h.cpu:.1f} %" if online else dash,
            "render_skipped": f"{h.render_skipped_pct:.2f} %" if online else dash,
            "output_skipped": f"{h.output_skipped_pct:.2f} %" if online else dash,
            "congestion": f"{h.congestion * 100:.0f} %" if online and streaming else dash,
            "bitrate": self.tr("{kbps:.0f} kbit/s").format(kbps=h.bitrate_kbps)
            if online and streaming and h.bitrate_kbps is not None
            else dash,
            "duration": clock_text(h.stream_duration_s) if online and streaming else dash,
        }
        for key in self.health_keys:
            label = self.health_values[key]
            set_text(label, values[key])
            level = levels.get(key, "none")
            set_style(label, style.fg(style.LEVEL_FG[level]))

    # ---- technician actions ---------------------------------------------------------------
    def manual_switch(self, scene: str) -> None:
        self.log(self.tr("Manual switch to «{scene}»").format(scene=scene))
        self.bridge.spawn(self.rt.manual_switch(scene), "manual-switch")

    def _release(self) -> None:
        self.bridge.spawn(self.rt.release_manual(), "release-manual")

    def _ask_output(self, key: str) -> None:
        if self.pending_dialog is not None:
            self.pending_dialog.raise_()
            return
        self.bridge.spawn(self.toggle_output(key), f"toggle-{key}")

    async def toggle_output(self, key: str) -> bool:
        """Ask, then start or stop the stream or the recording. True if OBS was asked."""
        out: OutputStatus = getattr(self._snap(), key)
        start = not out.active
        if key == "stream" and start:
            title = self.tr("Start the stream?")
            text = self.tr("The programme goes on air for everyone watching.")
            yes = self.tr("Start stream")
        elif key == "stream":
            title = self.tr("Stop the stream?")
            text = self.tr("Viewers lose the picture at once. Stop only when the show is over.")
            yes = self.tr("Stop stream")
        elif start:
            title = self.tr("Start recording?")
            text = self.tr("OBS starts writing the programme to disk.")
            yes = self.tr("Start recording")
        else:
            title = self.tr("Stop recording?")
            text = self.tr("OBS closes the recording file.")
            yes = self.tr("Stop recording")
        box = Confirm(self.window(), title, text, yes, self.tr("Cancel"), danger=key == "stream")
        self.pending_dialog = box
        try:
            answer = await box.ask(block_parent=False)  # the show goes on under the question
        finally:
            self.pending_dialog = None
        if not answer:
            return False
        action = f"{'start' if start else 'stop'}_{key}"
        try:
            await self.rt.output(action)
        except ObsError as exc:
            self.log(self.bridge.messages.say(exc), error=True)
            raise
        return True

    def run_preflight(self) -> PreflightReport:
        """Check the scene map against what OBS has (from the link's snapshot) and show it."""
        r = self.rt.preflight()
        self._preflight_done = True
        self.preflight_result = r
        self.preflight_label.setText(self._preflight_html(r))
        return r

    def _preflight_html(self, r: PreflightReport) -> str:
        ok, warn, bad = (style.LEVEL_FG[k] for k in ("ok", "warn", "bad"))

        def line(color: str, text: str) -> str:
            return f'<div style="color:{color}">{html.escape(text)}</div>'

        if not r.online:
            return line(bad, self.tr("OBS is not connected: nothing to check."))
        lines: list[tuple[str, str]] = []
        for m in r.missing_scenes:
            if m.used:
                text = self.tr("Missing scene «{name}» ({logical}): the agenda uses it")
            else:
                text = self.tr("Missing scene «{name}» ({logical}), not used by this agenda")
            lines.append((bad if m.used else warn, text.format(name=m.obs_name, logical=m.logical)))
        if not r.missing_scenes:
            lines.append((ok, self.tr("All {n} scenes are in OBS.").format(n=r.scenes_total)))
        for m in r.missing_inputs:
            text = self.tr(
                "Missing text input «{name}» ({logical}): titles or timers will not show"
            )
            lines.append((warn, text.format(name=m.obs_name, logical=m.logical)))
        if not r.missing_inputs:
            lines.append((ok, self.tr("All {n} text inputs are in OBS.").format(n=r.inputs_total)))
        if r.streaming:
            lines.append((warn, self.tr("Stream: already running")))
        else:
            lines.append((ok, self.tr("Stream: idle")))
        if r.recording:
            lines.append((warn, self.tr("Recording: already running")))
        else:
            lines.append((ok, self.tr("Recording: idle")))
        if r.blocking:
            verdict, color = self.tr("Preflight: the show cannot run as planned."), bad
        elif r.passed:
            verdict, color = self.tr("Preflight passed."), ok
        else:
            verdict, color = self.tr("Preflight: the show can run, with warnings."), warn
        head = f'<b style="color:{color}">{html.escape(verdict)}</b>'
        return head + "".join(line(c, t) for c, t in lines)

    # ---- log ----------------------------------------------------------------------------------
    def log(self, text: str, *, error: bool = False) -> None:
        """One line in the link log, stamped with the show clock; repeats are folded."""
        if self._last_log is not None and self._last_log[0] == text:
            n = self._last_log[1] + 1
            self._last_log = (text, n)
            if self.log_view.blockCount() <= 1:
                self.log_view.clear()
            else:  # drop the last line (with the line break before it), then write it again
                cursor = self.log_view.textCursor()
                cursor.movePosition(cursor.MoveOperation.End)
                cursor.select(cursor.SelectionType.BlockUnderCursor)
                cursor.removeSelectedText()
            line = self._stamp(text, error) + f"  (×{n})"
        else:
            self._last_log = (text, 1)
            line = self._stamp(text, error)
        self.log_view.appendPlainText(line)
        bar = self.log_view.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _stamp(self, text: str, error: bool) -> str:
        at = self.rt.agenda.local(self.rt.now()).strftime("%H:%M:%S")
        return f"{at}  {'⚠ ' if error else ''}{text}"

    def log_text(self) -> str:
        return self.log_view.toPlainText()

    # ---- language -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.connection_box.setTitle(self.tr("OBS connection"))
        self.reconnect_button.setText(self.tr("Reconnect"))
        self.reconnect_button.setToolTip(self.tr("Try to reach OBS now, without waiting"))
        self.scenes_box.setTitle(self.tr("Scenes"))
        self.program_caption.setText(self.tr("Program:"))
        self.preview_caption.setText(self.tr("Preview:"))
        self.release_button.setText(self.tr("Back to cue"))
        self.release_button.setToolTip(self.tr("Let the agenda choose the scene again now"))
        self.outputs_box.setTitle(self.tr("Stream and recording"))
        self.health_box.setTitle(self.tr("Health"))
        captions = {
            "fps": self.tr("Frame rate:"),
            "cpu": self.tr("CPU:"),
            "render_skipped": self.tr("Skipped (render):"),
            "output_skipped": self.tr("Skipped (encoder):"),
            "congestion": self.tr("Congestion:"),
            "bitrate": self.tr("Bitrate:"),
            "duration": self.tr("On air for:"),
        }
        for key, text in captions.items():
            self.health_captions[key].setText(text)
        self.preflight_box.setTitle(self.tr("Preflight"))
        self.preflight_button.setText(self.tr("Run preflight"))
        self.preflight_button.setToolTip(
            self.tr("Check that OBS has every scene and text input, and that outputs are idle")
        )
        self.log_box.setTitle(self.tr("Link log"))
        for name, button in self._scene_buttons.items():
            button.setToolTip(
                self.tr("Put «{scene}» on air by hand, until the next cue").format(scene=name)
            )
        self.update_connection()
        self.update_scenes()
        self.update_outputs()
        self.update_health()
        if self._preflight_done:
            self.run_preflight()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
