"""RealObs: a real OBS Studio, headless under Xvfb, with a fresh config, for the real-OBS tests.

Each instance owns an Xvfb display (chosen by Xvfb itself through `-displayfd`), a config dir
under the test's tmp dir (`XDG_CONFIG_HOME` and `HOME` point there, so the user's own OBS setup is
never read or touched), a free WebSocket port and a random password. What OBS 29 needs to start
without a single dialog:

- `global.ini`: `[General] FirstRun=true` and `LastVersion` (no auto-configuration wizard),
  `[OBSWebSocket]` with `FirstLoad=false` and our port and password (OBS 29 / obs-websocket 5.1
  read them from here; OBS 30+ reads `plugin_config/obs-websocket/config.json` instead, which
  is written too), `[BasicWindow] PreviewEnabled=false`;
- a profile (`basic.ini`): a 320×180 canvas at 10 fps, simple output, recordings into a tmp dir;
- a scene collection JSON in `basic/scenes/`, selected by name with `--collection`.

Start-up is launch → port open → first `GetVersion` answered: 0.55–0.95 s on this machine (the
port opens a few ms before OBS answers), a restart about 0.5 s. OBS is always ended with SIGKILL,
by PID (plus any child process it started, such as `obs-ffmpeg-mux` while recording): a crash is
what the tests want, and it does not depend on how a given OBS build treats SIGTERM (29.0.2 here
dies on it without a clean shutdown). `kill()` is a crash; `restart()` starts the same config on
the same port again. OBS's stdout and stderr go to `obs-N.log` in the work dir.
`STUDIO_TEST_OBS` names another OBS executable.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import select
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import obsws_python as obsws

PROFILE = "StudioConsoleTest"
CANVAS = (320, 180)
FPS = 10
# MAKE_SEMANTIC_VERSION(29, 0, 2): OBS takes this as "not a first start of a new version".
LAST_VERSION = (29 << 24) | (0 << 16) | 2


class ObsStartError(RuntimeError):
    """OBS could not be started here; the message says why (for pytest.skip)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def closed_port() -> int:
    """A loopback port nobody listens on, for a proxy that refuses every download."""
    return free_port()


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.2)
        return s.connect_ex((host, port)) == 0


def empty_collection(name: str) -> dict[str, Any]:
    """What a fresh OBS has: one empty scene called "Scene"."""
    return {
        "current_scene": "Scene",
        "current_program_scene": "Scene",
        "scene_order": [{"name": "Scene"}],
        "name": name,
        "sources": [
            {
                "id": "scene",
                "versioned_id": "scene",
                "name": "Scene",
                "settings": {"custom_size": False, "id_counter": 0, "items": []},
                "enabled": True,
                "flags": 0,
                "mixers": 0,
                "prev_ver": LAST_VERSION,
            }
        ],
        "groups": [],
        "transitions": [],
        "current_transition": "Cut",
        "transition_duration": 300,
    }


def _children(pid: int) -> list[int]:
    """PIDs of the direct children of `pid` (Linux /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...; comm may contain spaces and parentheses.
        rest = text[text.rfind(")") + 2 :].split()
        if len(rest) > 1 and rest[1] == str(pid):
            out.append(int(stat.parent.name))
    return out


@dataclass
class RealObs:
    """One headless OBS. `start()`, `kill()`, `restart()`, `stop()`; see the module docstring."""

    workdir: Path
    collection: dict[str, Any]
    host: str = "127.0.0.1"
    port: int = field(default_factory=free_port)
    password: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    obs_binary: str = field(default_factory=lambda: os.environ.get("STUDIO_TEST_OBS", "obs"))
    startup_s: list[float] = field(default_factory=list)
    port_open_s: list[float] = field(default_factory=list)
    port_opened_at: float = 0.0  # time.monotonic() when the port last opened
    _obs: subprocess.Popen[bytes] | None = None
    _xvfb: subprocess.Popen[bytes] | None = None
    _display: str = ""
    _launches: int = 0

    def __repr__(self) -> str:  # never show the password
        return f"RealObs({self.host}:{self.port}, {self.workdir})"

    # ---- paths --------------------------------------------------------------------------------
    @property
    def config_home(self) -> Path:
        return self.workdir / "config"

    @property
    def obs_dir(self) -> Path:
        return self.config_home / "obs-studio"

    @property
    def record_dir(self) -> Path:
        return self.workdir / "recordings"

    @property
    def collection_name(self) -> str:
        return str(self.collection["name"])

    @property
    def log_path(self) -> Path:
        return self.workdir / f"obs-{self._launches}.log"

    @property
    def pid(self) -> int | None:
        return self._obs.pid if self._obs is not None else None

    @property
    def running(self) -> bool:
        return self._obs is not None and self._obs.poll() is None

    # ---- config -------------------------------------------------------------------------------
    def write_config(self) -> None:
        """A fresh OBS config that starts with no dialog, on our port, with our password."""
        self.record_dir.mkdir(parents=True, exist_ok=True)
        coll_file = "studio-console-test"
        _write_ini(
            self.obs_dir / "global.ini",
            {
                "General": {
                    "FirstRun": "true",
                    "LastVersion": str(LAST_VERSION),
                    "EnableAutoUpdates": "false",
                    "Pre19Defaults": "false",
                    "Pre21Defaults": "false",
                    "Pre23Defaults": "false",
                    "Pre24.1Defaults": "false",
                    "MaxLogs": "5",
                    "InfoIncrement": "-1",
                    "ProcessPriority": "Normal",
                },
                "Basic": {
                    "Profile": PROFILE,
                    "ProfileDir": PROFILE,
                    "SceneCollection": self.collection_name,
                    "SceneCollectionFile": coll_file,
                    "ConfigOnNewProfile": "true",
                },
                "BasicWindow": {
                    "PreviewEnabled": "false",
                    "SysTrayEnabled": "false",
                    "SysTrayWhenStarted": "false",
                    "ShowTransitions": "true",
                    "WarnBeforeStartingStream": "false",
                    "WarnBeforeStoppingStream": "false",
                    "WarnBeforeStoppingRecord": "false",
                    "RecordWhenStreaming": "false",
                    "KeepRecordingWhenStreamStops": "false",
                    "SaveProjectors": "false",
                    "ShowStatusBar": "true",
                    "geometry": "",
                },
                "OBSWebSocket": {
                    "FirstLoad": "false",
                    "ServerEnabled": "true",
                    "ServerPort": str(self.port),
                    "AlertsEnabled": "false",
                    "AuthRequired": "true",
                    "ServerPassword": self.password,
                },
            },
        )
        w, h = CANVAS
        profile = self.obs_dir / "basic" / "profiles" / PROFILE
        _write_ini(
            profile / "basic.ini",
            {
                "General": {"Name": PROFILE},
                "Video": {
                    "BaseCX": str(w),
                    "BaseCY": str(h),
                    "OutputCX": str(w),
                    "OutputCY": str(h),
                    "FPSType": "1",
                    "FPSInt": str(FPS),
                    "FPSCommon": str(FPS),
                    "ScaleType": "bilinear",
                    "ColorFormat": "NV12",
                    "ColorSpace": "709",
                    "ColorRange": "Partial",
                },
                "Audio": {"SampleRate": "48000", "ChannelSetup": "Stereo"},
                "Output": {"Mode": "Simple"},
                "SimpleOutput": {
                    "FilePath": str(self.record_dir),
                    "RecFormat": "mkv",
                    "RecFormat2": "mkv",
                    "RecQuality": "Stream",
                    "StreamEncoder": "x264",
                    "RecEncoder": "x264",
                    "VBitrate": "300",
                    "ABitrate": "64",
                    "Preset": "ultrafast",
                    "FileNameWithoutSpace": "true",
                },
                "AdvOut": {"RecFilePath": str(self.record_dir)},
            },
        )
        # Stream to nowhere: nothing here ever starts the stream, but leave no real service.
        (profile / "service.json").write_text(
            json.dumps({"type": "rtmp_custom", "settings": {"server": "rtmp://127.0.0.1:9/x"}}),
            encoding="utf-8",
        )
        scenes = self.obs_dir / "basic" / "scenes"
        scenes.mkdir(parents=True, exist_ok=True)
        (scenes / f"{coll_file}.json").write_text(
            json.dumps(self.collection, ensure_ascii=False, indent=4), encoding="utf-8"
        )
        # OBS 30+ (obs-websocket 5.3+) reads this instead of global.ini.
        ws = self.obs_dir / "plugin_config" / "obs-websocket"
        ws.mkdir(parents=True, exist_ok=True)
        (ws / "config.json").write_text(
            json.dumps(
                {
                    "alerts_enabled": False,
                    "auth_required": True,
                    "first_load": False,
                    "server_enabled": True,
                    "server_password": self.password,
                    "server_port": self.port,
                }
            ),
            encoding="utf-8",
        )

    # ---- processes ----------------------------------------------------------------------------
    def _start_xvfb(self) -> None:
        if self._xvfb is not None and self._xvfb.poll() is None:
            return
        xvfb = shutil.which("Xvfb")
        if xvfb is None:
            raise ObsStartError("Xvfb is not installed (apt-get install xvfb)")
        read_fd, write_fd = os.pipe()
        try:
            with (self.workdir / "xvfb.log").open("ab") as xlog:
                self._xvfb = subprocess.Popen(
                    [
                        xvfb,
                        "-displayfd",
                        str(write_fd),
                        "-screen",
                        "0",
                        "1280x800x24",
                        "+extension",
                        "GLX",
                        "-nolisten",
                        "tcp",
                    ],
                    pass_fds=(write_fd,),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=xlog,
                    start_new_session=True,
                )
        finally:
            os.close(write_fd)
        try:
            number = _read_line(read_fd, timeout=10.0)
        finally:
            os.close(read_fd)
        if not number:
            self._stop_xvfb()
            raise ObsStartError("Xvfb did not start (see xvfb.log)")
        self._display = f":{number}"

    def _stop_xvfb(self) -> None:
        if self._xvfb is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._xvfb.pid, signal.SIGKILL)
            self._xvfb.wait(timeout=5)
            self._xvfb = None

    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("WAYLAND_DISPLAY", "SESSION_MANAGER", "DBUS_SESSION_BUS_ADDRESS")
        }
        proxy = f"http://127.0.0.1:{closed_port()}"
        env.update(
            DISPLAY=self._display,
            XDG_CONFIG_HOME=str(self.config_home),
            XDG_CACHE_HOME=str(self.workdir / "cache"),
            XDG_DATA_HOME=str(self.workdir / "data"),
            HOME=str(self.workdir / "home"),
            QT_QPA_PLATFORM="xcb",
            LIBGL_ALWAYS_SOFTWARE="1",
            http_proxy=proxy,
            https_proxy=proxy,
            HTTP_PROXY=proxy,
            HTTPS_PROXY=proxy,
            no_proxy="",
            NO_PROXY="",
        )
        return env

    def start(self, timeout: float = 30.0) -> float:
        """Write the config (first time), start Xvfb and OBS, wait until OBS answers.

        Returns the seconds from launch to the first answered request. Raises ObsStartError.
        """
        obs = shutil.which(self.obs_binary)
        if obs is None:
            raise ObsStartError(
                f"OBS Studio ({self.obs_binary}) is not installed (apt-get install obs-studio)"
            )
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "home").mkdir(exist_ok=True)
        if not (self.obs_dir / "global.ini").exists():
            self.write_config()
        self._start_xvfb()
        self._launches += 1
        t0 = time.monotonic()
        with self.log_path.open("ab") as log:
            self._obs = subprocess.Popen(
                [
                    obs,
                    "--multi",
                    "--disable-missing-files-check",
                    "--disable-updater",
                    "--profile",
                    PROFILE,
                    "--collection",
                    self.collection_name,
                ],
                cwd=self.workdir,
                env=self.env(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            opened = self._wait(t0, timeout, lambda: port_open(self.port))
            self.port_open_s.append(opened)
            self.port_opened_at = t0 + opened
            total = self._wait(t0, timeout, self._answers)
        except ObsStartError:
            self.kill()
            raise
        self.startup_s.append(total)
        return total

    def _wait(self, t0: float, timeout: float, ready: Any) -> float:
        while True:
            if self._obs is not None and self._obs.poll() is not None:
                raise ObsStartError(
                    f"OBS exited with code {self._obs.returncode} while starting" + self._log_hint()
                )
            if ready():
                return time.monotonic() - t0
            if time.monotonic() - t0 > timeout:
                raise ObsStartError(
                    f"OBS did not answer on port {self.port} within {timeout:.0f} s"
                    + self._log_hint()
                )
            time.sleep(0.05)

    def _answers(self) -> bool:
        try:
            c = self.client(timeout=2)
        except Exception:
            return False
        try:
            c.get_version()
            c.get_scene_list()
            return True
        except Exception:
            return False
        finally:
            with contextlib.suppress(Exception):
                c.base_client.ws.close()

    def client(self, timeout: float = 3.0) -> obsws.ReqClient:
        """A plain obsws-python client: the technician's hand on OBS, or a test's probe."""
        return obsws.ReqClient(
            host=self.host, port=self.port, password=self.password, timeout=timeout
        )

    def _log_hint(self) -> str:
        tail = self.log_tail(3)
        return f" (log: {self.log_path})" + (f": {tail}" if tail else "")

    def log_tail(self, lines: int = 20) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:])

    def kill(self) -> None:
        """SIGKILL OBS (and the children it started), like a crash. The port closes at once."""
        proc = self._obs
        if proc is None:
            return
        if proc.poll() is None:
            children = _children(proc.pid)
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGKILL)
            for child in children:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child, signal.SIGKILL)
        proc.wait(timeout=10)
        self._obs = None

    def restart(self, timeout: float = 30.0) -> float:
        """Start OBS again with the same config on the same port (after `kill()`)."""
        self.kill()
        return self.start(timeout)

    def stop(self) -> None:
        """End OBS and Xvfb."""
        self.kill()
        self._stop_xvfb()


def _write_ini(path: Path, sections: dict[str, dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    for section, values in sections.items():
        lines.append(f"[{section}]")
        lines.extend(f"{k}={v}" for k, v in values.items())
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def _read_line(fd: int, timeout: float) -> str:
    """Read what Xvfb writes to its -displayfd (the display number and a newline)."""
    data = b""
    deadline = time.monotonic() + timeout
    while not data.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0:
            break
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            break
        chunk = os.read(fd, 64)
        if not chunk:
            break
        data += chunk
    return data.decode().strip()
