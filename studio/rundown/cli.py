"""The `studio import` and `studio export` subcommands (registered by studio/cli.py).

    studio import RUNDOWN.xlsx|.ods|.csv [-o agenda.yaml] [--sheet NAME] [--columns MAP]
                  [--date D] [--start T] [--end T] [--timezone TZ] [--title T] [--event-id ID]
    studio export agenda.yaml -o rundown.xlsx|.csv [--lang uk|en]

Problems are printed one a line, located (`file.xlsx:Sheet!C12: …`, `file.csv:12:3: …`), and the
exit code is 2; nothing is written then.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

EXIT_OK, EXIT_BAD_INPUT = 0, 2
EVENT_OPTIONS = ("date", "start", "end", "timezone", "title", "id")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    i = sub.add_parser(
        "import",
        help="read an organiser's rundown (xlsx, ods, csv) into an agenda YAML file",
        description="Read a rundown into an agenda: one row per item or speaker, the event's "
        "fields above the table (see docs/rundown-template.csv). Every problem is named by "
        "its cell; the YAML is written only when there is none.",
    )
    i.add_argument("rundown")
    i.add_argument("-o", "--out", help="the agenda YAML to write (default: print it)")
    i.add_argument("--sheet", help="the sheet to read (default: the first)")
    i.add_argument(
        "--columns",
        metavar="MAP",
        help="the sheet's own column names: 'Тема=title, Хв=duration, Contact=-' (- skips one)",
    )
    i.add_argument("--date", help="the event's date (instead of the header block's)")
    i.add_argument("--start", help="the event's start, like 10:00")
    i.add_argument("--end", help="the event's end, like 15:00")
    i.add_argument("--timezone", help="the event's time zone, like Europe/Kyiv")
    i.add_argument("--title", help="the event's title")
    i.add_argument("--event-id", dest="id", help="the event's id")
    e = sub.add_parser(
        "export",
        help="write an agenda as a rundown (xlsx or csv) with its planned times",
        description="Write an agenda in the layout `studio import` reads, with the planned time "
        "of every item and speaker.",
    )
    e.add_argument("agenda")
    e.add_argument("-o", "--out", required=True, help="rundown.xlsx or rundown.csv")
    e.add_argument("--lang", choices=("uk", "en"), default="uk", help="column names (default uk)")


def _problems(lines: list[str], err: TextIO) -> int:
    for line in lines:
        print(line, file=err)
    n = len(lines)
    print(f"{n} problem{'s' if n != 1 else ''} found; nothing was written.", file=err)
    return EXIT_BAD_INPUT


def cmd_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from studio.rundown import RundownError, import_rundown

    options = {k: getattr(args, k) for k in EVENT_OPTIONS if getattr(args, k) is not None}
    if args.out and not Path(args.out).resolve().parent.is_dir():
        folder = Path(args.out).resolve().parent
        return _problems([f"-o {args.out}: no folder {folder}; expected an existing folder"], err)
    try:
        result = import_rundown(
            args.rundown, args.out, sheet=args.sheet, columns=args.columns, options=options
        )
    except RundownError as exc:
        return _problems([str(p) for p in exc.problems], err)
    agenda = result.agenda
    if args.out:
        speakers = sum(len(item.speakers) for item in agenda.items)
        print(
            f"{args.out}: {len(agenda.items)} items, {speakers} speakers, "
            f"{agenda.event.date:%Y-%m-%d} {agenda.event.start:%H:%M}–{agenda.event.end:%H:%M}",
            file=out,
        )
    else:
        out.write(result.text)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from studio.agenda import AgendaError, load_agenda
    from studio.rundown.writer import ExportError, export_rundown

    try:
        agenda = load_agenda(args.agenda)
    except AgendaError as exc:
        return _problems([str(p) for p in exc.problems], err)
    target = Path(args.out)
    if not target.resolve().parent.is_dir():
        folder = target.resolve().parent
        return _problems([f"-o {args.out}: no folder {folder}; expected an existing folder"], err)
    try:
        export_rundown(agenda, target, args.lang)
    except ExportError as exc:
        return _problems([str(exc)], err)
    except OSError as exc:
        return _problems([f"{target}: cannot write the file: {exc.strerror or exc}"], err)
    print(f"{target}: {len(agenda.items)} items with their planned times", file=out)
    return EXIT_OK


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    if args.command == "import":
        return cmd_import(args, out, err)
    return cmd_export(args, out, err)


__all__ = ["add_parsers", "run"]
