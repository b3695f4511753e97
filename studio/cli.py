"""The `studio` command: check and rehearse agendas headless, talk to OBS, write reports.

With no subcommand it opens the console, found through the `studio.frontends` entry point so the
engine never imports the UI. Every failure the user can cause ends in one clear sentence and an
exit code, never a traceback: 2 for bad input, 1 for a failed check.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from datetime import datetime
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from studio.agenda import Agenda, AgendaError, Hole, Timers, load_agenda, planned_holes
from studio.commands import opens_console
from studio.journal import default_journal_path
from studio.obs.base import ObsError
from studio.replan_model import Plan
from studio.settings import load_settings, obs_endpoint, obs_password
from studio.show import Status
from studio.timefmt import clock_text, signed_text

if TYPE_CHECKING:
    from studio.obs.live import LiveObs

# Each subcommand imports what only it uses (rehearsal, report, OBS client) inside its function:
# the console starts through this module, and every module it does not need is start-up time.

log = logging.getLogger("studio.cli")

DEFAULT_AGENDA = Path("config/agenda.yaml")

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _hms(seconds: float) -> str:
    s = round(seconds)
    return (
        f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
    )


def _load(path: str, err: TextIO) -> Agenda | None:
    try:
        return load_agenda(path)
    except AgendaError as exc:
        for problem in exc.problems:
            print(problem, file=err)
        n = len(exc.problems)
        print(f"{n} problem{'s' if n != 1 else ''} found.", file=err)
        return None


def print_table(agenda: Agenda, out: TextIO, lang: str = "uk") -> None:
    """The agenda as a timed table: planned start, end, duration, item and speakers; under an
    item its scene, region, thresholds and re-plan fields, under a speaker what is their own
    (place, scene, region, thresholds); the plan's gaps in their place."""
    ev = agenda.event
    slots = sum(1 for s in agenda.segments if s.speaker_index is not None)
    print(f"{ev.title.get(lang)}", file=out)
    print(
        f"{ev.date:%Y-%m-%d}  {ev.start:%H:%M}–{ev.end:%H:%M} {ev.timezone}  "
        f"{len(agenda.items)} items, {slots} speaker slots",
        file=out,
    )
    for line in header_lines(agenda, lang):
        print(line, file=out)
    print(f"{'start':>5}  {'end':>5}  {'dur':>7}  item", file=out)
    holes = {h.before: h for h in planned_holes(agenda)}
    for i, item in enumerate(agenda.items):
        if i in holes:
            print(_gap_row(agenda, holes[i]), file=out)
        start = agenda.local(agenda.item_starts[i]).strftime("%H:%M")
        end = agenda.local(agenda.item_ends[i]).strftime("%H:%M")
        dur = _hms(agenda.item_duration(i))
        print(f"{start:>5}  {end:>5}  {dur:>7}  [{item.kind}] {item.title.get(lang)}", file=out)
        print(f"{'':23}{'; '.join(_item_facts(agenda, i))}", file=out)
        for seg in (agenda.segments[j] for j in agenda.item_segments(i)):
            at = agenda.local(seg.planned_start).strftime("%H:%M")
            if seg.speaker_index is None:
                if item.speakers:
                    print(f"{at:>5}  {'':>5}  {_hms(seg.allotted):>7}    · open floor", file=out)
                continue
            sp = item.speakers[seg.speaker_index]
            print(f"{at:>5}  {'':>5}  {_hms(sp.time):>7}    · {sp.label(lang)}", file=out)
            own = _speaker_facts(agenda, i, seg.speaker_index)
            if own:
                print(f"{'':27}{'; '.join(own)}", file=out)
    if None in holes:
        print(_gap_row(agenda, holes[None]), file=out)
    for line in plan_end_lines(agenda):
        print(line, file=out)


def header_lines(agenda: Agenda, lang: str) -> list[str]:
    """What the event says of itself besides its title and hours: online or not, the venue, the
    organisers, what it is part of; the scene map and the default timer thresholds."""
    ev = agenda.event
    where = "Online" if ev.online else "Not streamed online"
    lines = [f"{where}; venue: {ev.venue.get(lang)}" if ev.venue else f"{where}."]
    if ev.organisers:
        lines.append("Organisers: " + "; ".join(o.get(lang) for o in ev.organisers))
    if ev.part_of:
        lines.append(f"Part of: {ev.part_of.get(lang)}")
    try:
        scenes: Path = agenda.scene_map.path.relative_to(Path.cwd())
    except ValueError:
        scenes = agenda.scene_map.path
    lines.append(f"Scene map: {scenes}; timers: {_timers(ev.timers)}")
    return lines


def _timers(t: Timers) -> str:
    return f"warning {_hms(t.warning)}, final {_hms(t.final)}"


def _item_facts(agenda: Agenda, i: int) -> list[str]:
    """An item's scene, region, timer thresholds (when not the event's) and re-plan fields."""
    item = agenda.items[i]
    facts = [f"scene {item.scene}"]
    if item.region:
        facts.append(f"region {item.region}")
    if item.timers is not None:
        facts.append(_timers(agenda.thresholds(i)))
    if item.optional:
        facts.append("optional")
    if item.floor is not None:
        facts.append(f"floor {item.floor:.0%}")
    return facts


def _speaker_facts(agenda: Agenda, i: int, j: int) -> list[str]:
    """What is a speaker's own: place, scene and region (when not the item's), thresholds."""
    item = agenda.items[i]
    sp = item.speakers[j]
    facts = []
    if sp.where is not None:
        facts.append("in the studio" if sp.where == "studio" else "remote")
    if sp.scene is not None and sp.scene != item.scene:
        facts.append(f"scene {sp.scene}")
    if sp.region and sp.region != item.region:
        facts.append(f"region {sp.region}")
    if sp.timers is not None:
        facts.append(_timers(agenda.thresholds(i, j)))
    return facts


def _gap_row(agenda: Agenda, hole: Hole) -> str:
    start = agenda.local(hole.start).strftime("%H:%M")
    end = agenda.local(hole.end).strftime("%H:%M")
    return f"{start:>5}  {end:>5}  {_hms(hole.length):>7}  (gap: nothing planned)"


def _at(agenda: Agenda, epoch: float) -> str:
    """A planned time of day: 13:00, or 12:55:30 when it falls between minutes."""
    local = agenda.local(epoch)
    return f"{local:%H:%M:%S}" if local.second else f"{local:%H:%M}"


def plan_end_lines(agenda: Agenda) -> list[str]:
    """The end of the check: each hole in the plan (where, how long), then how the plan ends.

    "Fills the event exactly" only when no time of the event is left unplanned.
    """
    inner = [h for h in planned_holes(agenda) if h.before is not None]
    lines = [
        f"Hole: {_hms(h.length)} unplanned before '{agenda.items[h.before].id}' at "
        f"{_at(agenda, h.end)} (from {_at(agenda, h.start)})."
        for h in inner
        if h.before is not None
    ]
    gap = agenda.planned_end - agenda.item_ends[-1]
    if gap != 0:
        tail = f"{round(abs(gap)) // 60} min {round(abs(gap)) % 60:02d} s before the event end"
    elif inner:
        unplanned = _hms(sum(h.length for h in inner))
        holes = f"{len(inner)} hole{'s' if len(inner) != 1 else ''}"
        tail = f"with the event end, but {unplanned} of the event is unplanned ({holes})"
    else:
        tail = "fills the event exactly"
    lines.append(f"Plan ends at {agenda.local(agenda.item_ends[-1]):%H:%M}: {tail}.")
    return lines


def cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    agenda = _load(args.agenda, err)
    if agenda is None:
        return EXIT_BAD_INPUT
    print_table(agenda, out, args.lang)
    return EXIT_OK


def cmd_rehearse(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    agenda = _load(args.agenda, err)
    if agenda is None:
        return EXIT_BAD_INPUT
    path = (
        Path(args.journal)
        if args.journal
        else default_journal_path(agenda.event.id, f"rehearse-{datetime.now():%Y%m%d-%H%M%S}")
    )
    if path.is_dir():
        print(f"{path}: is a folder; --journal wants a file path.", file=err)
        return EXIT_BAD_INPUT
    if path.exists() and path.stat().st_size > 0:
        print(f"{path}: the journal already holds a show; choose another --journal.", file=err)
        return EXIT_BAD_INPUT
    lang = args.lang

    def show_line(st: Status) -> None:
        assert st.item is not None
        who = st.speaker.label(lang) if st.speaker else "—"
        print(
            f"{agenda.local(st.now):%H:%M:%S}  {signed_text(st.offset):>8}  {st.item.id:<22} {who}",
            file=out,
        )

    if args.serve is not None:  # paced in real time and served to the views and the API
        from studio.serve.cli import rehearse_served

        served = rehearse_served(args, agenda, path, show_line, out, err)
        if served is None:
            return EXIT_BAD_INPUT
        st = served
    else:
        from studio.rehearse import RehearsalPlan, rehearse

        plan = RehearsalPlan(
            args.overrun, args.spread, args.seed, args.outage_at, replan=args.replan
        )
        taken: list[Plan] = []

        def plan_lines(p: Plan) -> None:
            taken.append(p)
            print(_plan_text(agenda, p), file=out)

        st = asyncio.run(rehearse(agenda, path, plan, show_line, plan_lines))
        if args.replan and st.offset > 0:
            print(_why_late(agenda, taken, st.offset), file=out)
    print(
        f"Ended {agenda.local(st.projected_end):%H:%M:%S}, planned "
        f"{agenda.local(st.planned_end):%H:%M:%S}: offset {signed_text(st.offset)} "
        f"({'behind' if st.offset > 0 else 'ahead' if st.offset < 0 else 'on time'}).",
        file=out,
    )
    print(f"Journal: {path}", file=out)
    return EXIT_OK


def _plan_text(agenda: Agenda, p: Plan) -> str:
    """One accepted plan, as the rehearsal prints it."""
    at = f"{agenda.local(p.at):%H:%M:%S}"
    cuts = ", ".join(
        f"{c.item}{'/' + c.speaker if c.speaker else ''} {clock_text(c.old)}→{clock_text(c.new)}"
        for c in p.changes
    )
    dropped = f"; dropped {', '.join(p.dropped)}" if p.dropped else ""
    result = (
        f"ends {agenda.local(p.new_end):%H:%M:%S}"
        if p.reaches_target
        else f"still {clock_text(p.miss_by)} late (every floor reached)"
    )
    return (
        f"{at}  PLAN {signed_text(p.overrun)} late: {cuts or 'nothing to cut'}{dropped}; {result}"
    )


def _why_late(agenda: Agenda, taken: list[Plan], offset: float) -> str:
    """Why a re-planned rehearsal still ended late, and by how much."""
    late = clock_text(offset)
    if not taken:
        return f"Ended {late} late: never more than a minute late, so no plan was proposed."
    last = taken[-1]
    if not last.reaches_target:
        return (
            f"Ended {late} late: the last plan ({agenda.local(last.at):%H:%M:%S}) could not "
            f"make up {clock_text(last.miss_by)} without shortening anyone below their floor."
        )
    return (
        f"Ended {late} late: after the last plan ({agenda.local(last.at):%H:%M:%S}) the "
        "speakers kept running over, by less than the minute that brings a new proposal."
    )


def cmd_report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from studio.report import ReportError, build_report, write_report

    journal = Path(args.journal)
    try:
        asrun = build_report(journal, args.agenda)
        paths = write_report(asrun, Path(args.out) if args.out else journal.parent, args.lang)
    except ReportError as exc:
        print(exc, file=err)
        return EXIT_BAD_INPUT
    for path in paths:
        print(path, file=out)
    return EXIT_OK


def _obs_transport(args: argparse.Namespace) -> LiveObs:
    from studio.obs.live import LiveObs

    settings = load_settings(Path(args.settings))
    where = obs_endpoint(args.host, args.port, settings)
    password = args.password or obs_password(where.host, where.port, settings).password
    return LiveObs(where.host, where.port, password, timeout=args.timeout)


async def _with_obs(args: argparse.Namespace, agenda: Agenda, out: TextIO, err: TextIO) -> int:
    from studio.modes import Mode
    from studio.obs.client import ObsClient
    from studio.obs.guard import Guard
    from studio.preflight import preflight, provision

    live = _obs_transport(args)
    # Preflight and provision read OBS and create scenes and texts; they never start the stream,
    # so they run behind the same guard as the console, in rehearsal mode.
    transport = Guard(live, Mode.REHEARSAL)
    try:
        await transport.connect()
        client = ObsClient(transport)
        if args.command == "provision":
            result = await provision(client, agenda)
            for name in result.created_scenes:
                print(f"created scene «{name}»", file=out)
            for name in result.created_inputs:
                print(f"created text input «{name}»", file=out)
            if not (result.created_scenes or result.created_inputs):
                print("OBS already has every scene and text input the agenda needs.", file=out)
        report = await preflight(client, agenda)
    except ObsError as exc:
        print(exc.message, file=err)
        return EXIT_FAILED
    finally:
        await transport.close()
        live.shutdown()
    v = report.versions
    if v is not None:
        where = transport.describe
        print(f"OBS {v.obs}, obs-websocket {v.websocket} (rpc {v.rpc}) at {where}", file=out)
    lacks = {m.obs_name for m in report.missing_scenes + report.missing_inputs}
    for need in report.scenes_needed:
        mark = "MISSING" if need.obs_name in lacks else "ok"
        print(f"  scene  {need.logical:<18} «{need.obs_name}»  {mark}", file=out)
    for need in report.inputs_needed:
        mark = "MISSING" if need.obs_name in lacks else "ok"
        print(f"  text   {need.logical:<18} «{need.obs_name}»  {mark}", file=out)
    print(f"  streaming: {'ACTIVE' if report.streaming else 'idle'}", file=out)
    print(f"  recording: {'ACTIVE' if report.recording else 'idle'}", file=out)
    for note in report.notes:
        print(f"  note: {note}", file=out)
    if report.blocking:
        print(
            f"{len(report.missing_scenes)} scene(s) missing: the show cannot run as planned "
            "(studio provision creates them).",
            file=err,
        )
        return EXIT_FAILED
    if report.missing_inputs:
        print("Text inputs missing: lower thirds and timers will not show.", file=out)
    print("Preflight passed.", file=out)
    return EXIT_OK


def cmd_obs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.password:
        print(
            "Note: a password given on the command line is visible to other users of this "
            "machine (process list, shell history); OBS_WEBSOCKET_PASSWORD or the OS keyring "
            "keep it private.",
            file=err,
        )
    agenda = _load(args.agenda, err)
    if agenda is None:
        return EXIT_BAD_INPUT
    return asyncio.run(_with_obs(args, agenda, out, err))


def cmd_console(args: argparse.Namespace, argv: Sequence[str], err: TextIO) -> int:
    found = [ep for ep in entry_points(group="studio.frontends") if ep.name == "console"]
    if not found:
        print("The console is not installed (pip install -e .).", file=err)
        return EXIT_FAILED
    return int(found[0].load()(list(argv)) or 0)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="studio",
        description="Studio Console",
        epilog=(
            "With no subcommand, studio opens the console: studio [AGENDA] "
            "[--dry-run | --rehearsal | --live] [--speed N] [--host H] [--port P] "
            "[--lang uk|en] [--journal PATH] (studio --dry-run --help lists them)."
        ),
    )
    sub = p.add_subparsers(dest="command")
    c = sub.add_parser("check", help="validate an agenda and print it as a timed table")
    c.add_argument("agenda")
    c.add_argument("--lang", choices=("uk", "en"), default="uk")
    r = sub.add_parser("rehearse", help="run the whole show headless on a simulated clock")
    r.add_argument("agenda", nargs="?", default=str(DEFAULT_AGENDA))
    r.add_argument("--overrun", type=float, default=0.0, help="seconds every speaker runs over")
    r.add_argument("--spread", type=float, default=0.0, help="random ± seconds per speaker")
    r.add_argument("--seed", type=int, default=None, help="seed for --spread")
    r.add_argument(
        "--replan",
        action="store_true",
        help="accept every plan to end on time the console would propose, and print them",
    )
    r.add_argument("--journal", help="where to write the rehearsal journal")
    r.add_argument(
        "--outage-at",
        type=int,
        default=None,
        metavar="N",
        help="simulated OBS dies for a moment during segment N (0-based)",
    )
    r.add_argument("--lang", choices=("uk", "en"), default="uk")
    from studio.serve.cli import add_parsers as add_serve_parsers
    from studio.serve.cli import add_rehearse_options

    add_rehearse_options(r)  # --serve [HOST:PORT], --speed N
    a = sub.add_parser("report", help="write the as-run report (HTML and CSV) from a show journal")
    a.add_argument("journal")
    a.add_argument("--agenda", help="the agenda to report against (default: the journal's)")
    a.add_argument("--out", help="folder for the report (default: the journal's folder)")
    a.add_argument("--lang", choices=("uk", "en"), help="default: the event's broadcast language")
    for name, text in (
        ("preflight", "check that OBS has what the agenda needs, and that it is idle"),
        ("provision", "create the scenes and text inputs the agenda needs in OBS"),
    ):
        o = sub.add_parser(name, help=text)
        o.add_argument("agenda", nargs="?", default=str(DEFAULT_AGENDA))
        o.add_argument("--host")
        o.add_argument("--port", type=int)
        o.add_argument("--password", help="better: OBS_WEBSOCKET_PASSWORD or the OS keyring")
        o.add_argument("--settings", default="config/settings.yaml")
        o.add_argument("--timeout", type=float, default=3.0)
    from studio.rundown.cli import add_parsers

    add_parsers(sub)  # import, export
    add_serve_parsers(sub)  # links
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    out, err = sys.stdout, sys.stderr
    if opens_console(argv):
        return cmd_console(argparse.Namespace(), argv, err)  # the console sets up its own logs
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return cmd_check(args, out, err)
        if args.command == "rehearse":
            return cmd_rehearse(args, out, err)
        if args.command == "links":
            from studio.serve.cli import run_links

            return run_links(args, out, err)
        if args.command == "report":
            return cmd_report(args, out, err)
        if args.command in ("preflight", "provision"):
            return cmd_obs(args, out, err)
        if args.command in ("import", "export"):
            from studio.rundown.cli import run

            return run(args, out, err)
    except KeyboardInterrupt:
        return 130
    except AgendaError as exc:  # the settings file
        for problem in exc.problems:
            print(problem, file=err)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"{getattr(exc, 'filename', '') or 'error'}: {exc.strerror or exc}", file=err)
        return EXIT_FAILED
    return EXIT_OK
