"""An uncaught error goes to the log file with its traceback; the terminal gets one line."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.logsetup import setup_logging


@pytest.fixture
def clean_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level, hook = list(root.handlers), root.level, sys.excepthook
    yield
    for h in root.handlers:
        if h not in handlers:
            h.close()
    root.handlers[:] = handlers
    root.setLevel(level)
    sys.excepthook = hook


def test_uncaught_error_is_one_line_on_screen_and_whole_in_the_file(
    tmp_path: Path, clean_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = setup_logging(tmp_path / "logs" / "console.log")
    assert path is not None
    try:
        raise ValueError("boom in a slot")
    except ValueError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    err = capsys.readouterr().err
    assert "internal error (ValueError: boom in a slot)" in err
    assert str(path) in err
    assert "Traceback" not in err
    text = path.read_text(encoding="utf-8")
    assert "Traceback" in text and "boom in a slot" in text


def test_info_goes_to_the_file_not_the_terminal(
    tmp_path: Path, clean_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = setup_logging(tmp_path / "console.log")
    assert path is not None
    logging.getLogger("studio.obs.link").info("switch to Студія: confirmed=True latency_ms=8.1")
    assert "latency_ms" not in capsys.readouterr().err
    assert "latency_ms=8.1" in path.read_text(encoding="utf-8")
