"""Where OBS is: the console and the command-line tools resolve it the same way."""

from __future__ import annotations

from pathlib import Path

from studio.settings import ObsEndpoint, load_settings, obs_endpoint


def test_command_line_then_remembered_then_settings_file(tmp_path: Path) -> None:
    f = tmp_path / "settings.yaml"
    f.write_text("obs:\n  host: 10.0.0.5\n  port: 4460\n", encoding="utf-8")
    yaml = load_settings(f)
    last = ObsEndpoint("192.168.1.20", 4470)
    assert obs_endpoint("obs.local", 4499, yaml, last) == ObsEndpoint("obs.local", 4499)
    assert obs_endpoint(None, None, yaml, last) == ObsEndpoint("192.168.1.20", 4470)
    assert obs_endpoint(None, 4499, yaml, last) == ObsEndpoint("192.168.1.20", 4499)
    assert obs_endpoint(None, None, yaml) == ObsEndpoint("10.0.0.5", 4460)
    nothing = ObsEndpoint("", 0)  # the console has never been given an address
    assert obs_endpoint(None, None, yaml, nothing) == ObsEndpoint("10.0.0.5", 4460)


def test_defaults_are_obs_own(tmp_path: Path) -> None:
    yaml = load_settings(tmp_path / "absent.yaml")
    assert obs_endpoint(None, None, yaml) == ObsEndpoint("127.0.0.1", 4455)
