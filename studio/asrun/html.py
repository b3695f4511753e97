"""The as-run report as one self-contained HTML document: inline CSS and SVG, no scripts, no
external assets, every text escaped, in Ukrainian or English.
"""

from __future__ import annotations

import html
from pathlib import Path

from studio.asrun.charts import legend, offset_svg, timeline_svg
from studio.asrun.model import AsRun
from studio.asrun.tables import (
    actions_table,
    health_table,
    interventions_table,
    items_table,
    outages_table,
    outputs_table,
    over_class,
    speakers_table,
    switches_table,
    time_table,
)
from studio.asrun.texts import Fmt
from studio.show import ItemState, ShowStatus

CSS = """
:root { --ink:#1f2a37; --muted:#6b7785; --line:#e3e8ef; --band:#f7f9fb; --blue:#2f6fce;
  --red:#d93a35; --green:#1f8a4c; --amber:#b7791f; }
* { box-sizing: border-box; }
body { margin:0; background:#eef1f5; color:var(--ink);
  font:14px/1.45 "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
main { max-width:1240px; margin:0 auto; padding:28px 32px 40px; background:#fff;
  min-height:100vh; }
header { border-bottom:3px solid var(--ink); padding-bottom:14px; margin-bottom:18px; }
.kicker { text-transform:uppercase; letter-spacing:.08em; font-size:12px; color:var(--muted);
  display:flex; gap:10px; align-items:center; }
.badge { display:inline-block; padding:2px 8px; border-radius:3px; font-weight:700;
  letter-spacing:.06em; font-size:11px; color:#fff; background:var(--amber); }
.badge.live { background:var(--red); }
h1 { font-size:25px; margin:6px 0 4px; line-height:1.2; }
.sub { color:var(--muted); margin:0; }
h2 { font-size:17px; margin:30px 0 10px; padding-bottom:5px; border-bottom:1px solid var(--line); }
.cards { display:grid; grid-template-columns:repeat(auto-fit, minmax(140px, 1fr)); gap:10px; }
.card { border:1px solid var(--line); border-radius:6px; padding:10px 14px;
  background:var(--band); }
.card .k { font-size:12px; color:var(--muted); text-transform:uppercase; letter-spacing:.05em; }
.card .v { font-size:21px; font-weight:650; font-variant-numeric:tabular-nums; }
.card .d { font-size:12px; color:var(--muted); }
.v.over, .over { color:var(--red); } .v.under, .under { color:var(--green); }
.notes { border-left:4px solid var(--amber); background:#fff8eb; padding:8px 14px;
  margin:16px 0 0; }
.notes p { margin:4px 0; }
.legend { display:flex; gap:18px; font-size:12px; color:var(--muted); margin:0 0 6px; }
.sw { display:inline-block; width:22px; height:9px; border-radius:2px; vertical-align:middle;
  margin-right:6px; }
svg { display:block; font-family:inherit; }
svg .tick { font-size:11px; fill:var(--muted); font-variant-numeric:tabular-nums; }
svg .lbl { font-size:12.5px; fill:var(--ink); }
svg .lbltime { fill:var(--muted); font-variant-numeric:tabular-nums; }
svg .ov { font-size:11px; fill:var(--red); font-weight:650; }
svg .un { font-size:11px; fill:var(--green); font-weight:650; }
svg .skip { font-size:11px; fill:var(--muted); font-style:italic; }
svg .axis { font-size:11px; fill:var(--muted); }
svg .endval { font-size:13px; font-weight:700; fill:var(--ink); }
svg .pend { stroke:var(--ink); stroke-width:1.2; stroke-dasharray:5 3; }
svg .aend { stroke:var(--red); stroke-width:1.2; }
.chart { border:1px solid var(--line); border-radius:6px; padding:8px 6px; }
.hint { color:var(--muted); font-size:12px; margin:4px 0 8px; }
table { border-collapse:collapse; width:100%; font-size:13px; }
th { text-align:left; font-weight:600; color:var(--muted); font-size:12px; background:var(--band);
  border-bottom:1px solid var(--line); padding:6px 8px; vertical-align:bottom; }
td { border-bottom:1px solid var(--line); padding:5px 8px; vertical-align:top; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
td.t { font-variant-numeric:tabular-nums; white-space:nowrap; }
td.id { color:var(--muted); font-size:12px; white-space:nowrap; }
tr.skipped td { color:var(--muted); }
tr.flag td { background:#fdecec; }
tr.quiet td { color:var(--muted); }
td.nw { white-space:nowrap; }
tr.sub td:first-child { padding-left:22px; }
.pill { display:inline-block; padding:1px 7px; border-radius:9px; font-size:11.5px;
  background:#e7f4ec; color:var(--green); white-space:nowrap; }
.pill.skipped, .pill.pending { background:#eef1f5; color:var(--muted); }
.pill.current { background:#e8f0fc; color:var(--blue); }
.pill.bad { background:#fdecec; color:var(--red); font-weight:650; }
.pill.warn { background:#fff3dc; color:var(--amber); }
.stats { color:var(--muted); margin:0 0 8px; }
.two { display:grid; grid-template-columns:2fr 3fr; gap:28px; }
details summary { cursor:pointer; color:var(--blue); margin:10px 0; }
footer { margin-top:34px; padding-top:10px; border-top:1px solid var(--line); color:var(--muted);
  font-size:12px; }
@media print {
  body { background:#fff; } main { padding:0; max-width:none; }
  h2 { break-after:avoid; } tr, .chart { break-inside:avoid; }
  details { display:block; } details > * { display:block; }
}
"""


def _offset_word(f: Fmt, off: float | None) -> str:
    if off is None or round(off) == 0:
        return f.t("on_time")
    return f.t("behind") if off > 0 else f.t("ahead")


def _card(key: str, value: str, detail: str = "", cls: str = "") -> str:
    return (
        f'<div class="card"><div class="k">{html.escape(key)}</div>'
        f'<div class="v {cls}">{html.escape(value)}</div>'
        f'<div class="d">{html.escape(detail)}</div></div>'
    )


def _cards(f: Fmt) -> str:
    a = f.a
    end = a.ended_at if a.ended_at is not None else a.end_instant
    off = a.final_offset
    word = _offset_word(f, off)
    run = sum(1 for it in a.items if it.visits)
    skipped = sum(1 for it in a.items if it.state is ItemState.SKIPPED)
    flagged = sum(1 for s in a.switches if s.flagged)
    down = sum(o.duration or 0.0 for o in a.outages)
    return (
        '<section class="cards">'
        + "".join(
            [
                _card(
                    f.t("show_start"),
                    f.clock(a.started_at)[:5] if a.started_at else "—",
                    f"{f.t('planned')} {f.clock(a.planned_start)[:5]}",
                ),
                _card(
                    f.t("last") if a.status is ShowStatus.RUNNING else f.t("show_end"),
                    f.clock(end)[:5] if a.started_at else "—",
                    f"{f.t('planned')} {f.clock(a.planned_end)[:5]}",
                ),
                _card(f.t("final_offset"), f.signed(off), word, over_class(off).replace("num", "")),
                _card(
                    f.t("items_run"),
                    f"{run} {f.t('of')} {len(a.items)}",
                    f"{f.t('n_skipped')}: {skipped}",
                ),
                _card(
                    f.t("switches"),
                    str(len(a.switches)),
                    f"{f.t('n_unconfirmed')}: {flagged}",
                    "over" if flagged else "",
                ),
                _card(
                    f.t("outages"),
                    str(len(a.outages)),
                    f"{f.t('total_down')}: {f.dur(down)}" if a.outages else "",
                    "over" if a.outages else "",
                ),
                _card(f.t("interventions"), str(len(a.interventions))),
            ]
        )
        + "</section>"
    )


def render_html(asrun: AsRun, lang: str | None = None) -> str:
    """The report as one self-contained HTML document."""
    f = Fmt(asrun, lang or asrun.agenda.event.broadcast_language)
    a, ev = asrun, asrun.agenda.event
    mode = a.mode
    badge = (
        f'<span class="badge live">{f.e("live")}</span>'
        if mode == "live"
        else f'<span class="badge">{f.e("rehearsal")} · {html.escape(mode)}</span>'
        if mode
        else ""
    )
    sub = [f"{ev.date:%d.%m.%Y}", f"{ev.start:%H:%M}–{ev.end:%H:%M}"]
    if ev.venue:
        sub.append(ev.venue.get(f.lang))
    notes = "".join(f"<p>{html.escape(f.notice(n))}</p>" for n in a.notices)
    tz = f.t("tz").format(tz=ev.timezone)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{f.lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{f.e('report')} — {html.escape(ev.title.get(f.lang))}</title>",
        f"<style>{CSS}</style></head><body><main>",
        f'<header><div class="kicker">{f.e("report")} {badge}</div>',
        f"<h1>{html.escape(ev.title.get(f.lang))}</h1>",
        f'<p class="sub">{html.escape(" · ".join(sub))} · {html.escape(tz)}</p></header>',
        _cards(f),
        f'<div class="notes"><p><b>{f.e("notes")}</b></p>{notes}</div>' if notes else "",
        f"<h2>{f.e('timeline')}</h2>",
        legend(f),
        f'<div class="chart">{timeline_svg(f)}</div>',
        f"<h2>{f.e('offset_chart')}</h2>",
        f'<p class="hint">{f.e("offset_hint")}</p>',
        f'<div class="chart">{offset_svg(f)}</div>',
        f"<h2>{f.e('items')}</h2>",
        items_table(f),
        f"<h2>{f.e('speakers')}</h2>",
        speakers_table(f),
        '<div class="two"><div>',
        f"<h2>{f.e('regions')}</h2>",
        time_table(f, a.region_rows(f.lang), f.t("col_region"), False),
        "</div><div>",
        f"<h2>{f.e('people')}</h2>",
        time_table(f, a.people_rows(f.lang), f.t("col_speaker"), True),
        "</div></div>",
        f"<h2>{f.e('interventions')}</h2>",
        interventions_table(f),
        f"<details><summary>{f.e('all_actions')} ({len(a.offsets)})</summary>",
        actions_table(f),
        "</details>",
        f"<h2>{f.e('switches')}</h2>",
        switches_table(f),
        f"<h2>{f.e('outages')}</h2>",
        outages_table(f),
        f"<h2>{f.e('health')}</h2>",
        health_table(f),
        f"<h2>{f.e('outputs')}</h2>",
        outputs_table(f),
        "<footer>",
        f"<div>{f.e('generated')}</div>",
        f"<div>{f.e('journal')}: {html.escape(str(a.journal_path))} ({a.entries} "
        f"{f.e('entries')}; {f.e('mode')}: {html.escape(mode or '—')})</div>",
        f"<div>{f.e('agenda')}: {html.escape(str(a.agenda.path))} "
        f"({html.escape(a.agenda.fingerprint)})</div>",
        "</footer></main></body></html>",
    ]
    return "\n".join(p for p in parts if p)


def write_html(asrun: AsRun, path: Path, lang: str | None = None) -> None:
    """Write the report's HTML file (UTF-8)."""
    path.write_text(render_html(asrun, lang), encoding="utf-8")


__all__ = ["CSS", "render_html", "write_html"]
