"""The `studio` command's subcommands by name: anything else on its command line opens the
console. Kept apart from `studio.cli` so the console's launcher can tell the two apart without
importing the engine (ui/boot.py)."""

from __future__ import annotations

from collections.abc import Sequence

SUBCOMMANDS = frozenset(
    {"check", "rehearse", "report", "preflight", "provision", "import", "export", "links"}
)


def opens_console(argv: Sequence[str]) -> bool:
    """Whether these arguments start the console (not a subcommand, not the command's help)."""
    return not argv or argv[0] not in SUBCOMMANDS | {"-h", "--help"}
