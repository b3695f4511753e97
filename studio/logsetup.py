"""Logging for a show: a rotating log file for the technician, only warnings on the terminal.

An uncaught exception is written to the file with its traceback, and the terminal gets one line
that says where to find it: no traceback reaches the operator, and nothing is lost.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from platformdirs import user_log_dir

log = logging.getLogger("studio")


class _NoTraceback(logging.Formatter):
    """The terminal gets the sentence; the traceback goes to the file only."""

    def format(self, record: logging.LogRecord) -> str:
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info = record.exc_text = record.stack_info = None
        try:
            return super().format(record)
        finally:
            record.exc_info, record.exc_text, record.stack_info = saved


def default_log_path() -> Path:
    return Path(user_log_dir("studio-console", appauthor=False)) / "studio-console.log"


def setup_logging(path: Path | None = None) -> Path | None:
    """INFO and up to the file (switch latencies, outages, overrides), WARNING to stderr."""
    path = path or default_log_path()
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    console.setFormatter(_NoTraceback("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(console)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    except OSError as exc:
        log.warning("no log file (%s): logging to the terminal only", exc)
        return None
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        logging.getLogger("studio.crash").critical(
            "internal error (%s: %s); details in %s",
            kind.__name__,
            exc,
            path,
            exc_info=(kind, exc, tb),
        )

    sys.excepthook = hook
    return path
