"""The as-run report's two charts, as inline SVG: the timeline (each item planned against its
stretches on air) and the schedule offset over the day, both with OBS outages as bands; and the
legend the HTML shows above them. Every text is escaped; no scripts, no external assets.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from studio.asrun.model import ROUTINE_ACTIONS, AsRun, ItemRun
from studio.asrun.texts import Fmt
from studio.show import ItemState

_W = 1160
_LABEL_W = 350
_RIGHT = 64
_ROW_H = 30
_AXIS_H = 26
_C_PLANNED = "#c5cedb"
_C_ACTUAL = "#2f6fce"
_C_OVER = "#d93a35"
_C_GRID = "#e3e8ef"
_C_TEXT = "#1f2a37"
_C_OUTAGE = "#f5a524"


def _span(asrun: AsRun) -> tuple[float, float]:
    """The chart's time range: whole hours around everything planned and run."""
    ts = [asrun.planned_start, asrun.planned_end]
    for it in asrun.items:
        ts += [it.planned_start, it.planned_end]
        for a, b in it.visits:
            ts += [a, b]
    ts += [t for t, _ in asrun.offset_curve]
    tz = asrun.agenda.tz
    lo = datetime.fromtimestamp(min(ts), tz).replace(minute=0, second=0, microsecond=0)
    hi = datetime.fromtimestamp(max(ts), tz)
    top = hi.replace(minute=0, second=0, microsecond=0)
    if top < hi:
        top += timedelta(hours=1)
    return lo.timestamp(), max(top.timestamp(), lo.timestamp() + 3600)


def _hours(t0: float, t1: float, step: int = 1800) -> list[float]:
    out = []
    t = t0
    while t <= t1 + 0.5:
        out.append(t)
        t += step
    return out


def _a(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _b(value: float) -> str:
    """Bar geometry keeps two decimals: 0.01 px is well under a second on the time axis."""
    return f"{value:.2f}"


@dataclass(frozen=True)
class _TimeAxis:
    """Show time (t0..t1) onto the chart's x (x0..x1)."""

    t0: float
    t1: float
    x0: float = _LABEL_W
    x1: float = _W - _RIGHT

    @classmethod
    def of(cls, asrun: AsRun) -> _TimeAxis:
        return cls(*_span(asrun))

    def x(self, t: float) -> float:
        return self.x0 + (t - self.t0) / (self.t1 - self.t0) * (self.x1 - self.x0)


def _outage_bands(f: Fmt, ax: _TimeAxis, y0: float, y1: float) -> list[str]:
    """Translucent bands where OBS was unreachable, across the whole chart."""
    out = []
    for o in f.a.outages:
        if o.lost_at is None:
            continue
        end = o.back_at if o.back_at is not None else f.a.end_instant
        xa, xb = ax.x(o.lost_at), ax.x(end)
        tip = f"{f.t('outage')}: {f.clock(o.lost_at)}–{f.clock(end)} ({f.dur(end - o.lost_at)})"
        out.append(
            f'<rect x="{_a(xa)}" y="{_a(y0)}" width="{_a(max(2.0, xb - xa))}" '
            f'height="{_a(y1 - y0)}" fill="{_C_OUTAGE}" opacity="0.28" class="outage">'
            f"<title>{html.escape(tip)}</title></rect>"
        )
    return out


# ---- the timeline -------------------------------------------------------------------------------


def _timeline_grid(f: Fmt, ax: _TimeAxis, rows: int, bottom: float) -> list[str]:
    """Row stripes, outage bands, the half-hour grid with hour labels, and the planned and
    actual end of the show."""
    out = [
        f'<rect x="0" y="{_AXIS_H + i * _ROW_H}" width="{_W}" height="{_ROW_H}" fill="#f7f9fb"/>'
        for i in range(rows)
        if i % 2 == 1
    ]
    out += _outage_bands(f, ax, _AXIS_H - 4, bottom + 4)
    for t in _hours(ax.t0, ax.t1):
        full = round(t - ax.t0) % 3600 == 0
        xt = _a(ax.x(t))
        dash = "" if full else ' stroke-dasharray="3 3"'
        out.append(
            f'<line x1="{xt}" y1="{_AXIS_H - 4}" x2="{xt}" y2="{bottom + 4}" stroke="{_C_GRID}" '
            f'stroke-width="{1.2 if full else 0.6}"{dash}/>'
        )
        if full:
            label = html.escape(f.clock(t)[:5])
            for y in (_AXIS_H - 9, bottom + 18):
                out.append(
                    f'<text x="{xt}" y="{y}" text-anchor="middle" class="tick">{label}</text>'
                )
    for end, cls in ((f.a.planned_end, "pend"), (f.a.ended_at, "aend")):
        if end is not None:
            xt = _a(ax.x(end))
            out.append(
                f'<line x1="{xt}" y1="{_AXIS_H - 4}" x2="{xt}" y2="{bottom + 4}" class="{cls}"/>'
            )
    return out


def _actual_bars(f: Fmt, ax: _TimeAxis, it: ItemRun, y: int, ref: str) -> list[str]:
    """One bar per stretch on air; the part beyond the planned duration drawn over in red."""
    out = []
    used = 0.0
    for va, vb in it.visits:
        length = vb - va
        normal = max(0.0, min(length, it.planned_duration - used))
        used += length
        xa, xn, xb = ax.x(va), ax.x(va + normal), ax.x(vb)
        tip = f"<title>{f.e('actual')}: {f.clock(va)}–{f.clock(vb)} ({f.dur(length)})</title>"
        out.append(
            f'<rect class="actual" {ref} x="{_b(xa)}" y="{y + 15}" width="{_b(xb - xa)}" '
            f'height="11" rx="2" fill="{_C_ACTUAL}">{tip}</rect>'
        )
        if xb > xn:
            out.append(
                f'<rect class="over" {ref} x="{_b(xn)}" y="{y + 15}" width="{_b(xb - xn)}" '
                f'height="11" fill="{_C_OVER}">{tip}</rect>'
            )
    for t in it.speaker_starts:
        xs = _a(ax.x(t))
        out.append(
            f'<line x1="{xs}" y1="{y + 15}" x2="{xs}" y2="{y + 26}" stroke="#fff" '
            'stroke-width="1"/>'
        )
    return out


def _timeline_row(f: Fmt, ax: _TimeAxis, i: int, it: ItemRun) -> list[str]:
    """One item: its label, the planned bar, the bars on air, and skipped or over/under."""
    y = _AXIS_H + i * _ROW_H
    title = it.item.title.get(f.lang)
    short = title if len(title) <= 44 else title[:42].rstrip() + "…"
    when = f.clock(it.planned_start)[:5]
    ref = f'data-item="{html.escape(it.id)}"'
    px, pw = ax.x(it.planned_start), ax.x(it.planned_end) - ax.x(it.planned_start)
    fill = "url(#hatch)" if it.state is ItemState.SKIPPED else _C_PLANNED
    out = [
        f"<g><title>{html.escape(f'{when} {title} ({it.id})')}</title>"
        f'<text x="10" y="{y + 19}" class="lbl"><tspan class="lbltime">{when}</tspan>'
        f"  {html.escape(short)}</text></g>",
        f'<rect class="planned" {ref} x="{_b(px)}" y="{y + 5}" width="{_b(pw)}" height="8" '
        f'rx="2" fill="{fill}"><title>{f.e("planned")}: {f.clock(it.planned_start)}–'
        f"{f.clock(it.planned_end)} ({f.dur(it.planned_duration)})</title></rect>",
    ]
    out += _actual_bars(f, ax, it, y, ref)
    right = max(ax.x(it.planned_end), ax.x(it.actual_end) if it.actual_end else 0.0) + 5
    over = it.overrun
    if it.state is ItemState.SKIPPED:
        text = f.state(it.state, bool(it.visits))
        out.append(f'<text x="{_a(right)}" y="{y + 13}" class="skip">{html.escape(text)}</text>')
    elif over is not None and abs(over) >= 0.5:
        cls = "ov" if over > 0 else "un"
        out.append(f'<text x="{_a(right)}" y="{y + 25}" class="{cls}">{f.signed(over)}</text>')
    return out


def timeline_svg(f: Fmt) -> str:
    """Each agenda item as a row: planned against actual, over the day."""
    ax = _TimeAxis.of(f.a)
    rows = len(f.a.items)
    h = _AXIS_H + rows * _ROW_H + _AXIS_H
    out: list[str] = [
        f'<svg class="timeline" viewBox="0 0 {_W} {h}" width="100%" role="img" '
        f'aria-label="{f.e("timeline")}" data-t0="{ax.t0:.0f}" data-t1="{ax.t1:.0f}" '
        f'data-x0="{ax.x0}" data-x1="{ax.x1}">',
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#eef1f5"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{_C_PLANNED}" stroke-width="3"/></pattern>'
        "</defs>",
    ]
    out += _timeline_grid(f, ax, rows, _AXIS_H + rows * _ROW_H)
    for i, it in enumerate(f.a.items):
        out += _timeline_row(f, ax, i, it)
    out.append("</svg>")
    return "\n".join(out)


# ---- the offset over the day --------------------------------------------------------------------

_OFFSET_H, _OFFSET_TOP, _OFFSET_BOTTOM = 210, 16, 26


def _nice_step(span: float) -> float:
    for step in (30, 60, 120, 300, 600, 900, 1800, 3600, 7200):
        if span / step <= 5:
            return float(step)
    return 7200.0 * math.ceil(span / 7200 / 5)


@dataclass(frozen=True)
class _OffsetScale:
    """Offset seconds onto the chart's y, in whole steps around every value and zero."""

    lo: float
    hi: float
    step: float

    @classmethod
    def of(cls, values: list[float]) -> _OffsetScale:
        lo, hi = min(values), max(values)
        step = _nice_step(max(hi - lo, 60.0))
        lo = math.floor(lo / step) * step
        hi = math.ceil(hi / step) * step
        if hi - lo < step:
            hi = lo + step
        return cls(lo, hi, step)

    def y(self, v: float) -> float:
        span = _OFFSET_H - _OFFSET_TOP - _OFFSET_BOTTOM
        return _OFFSET_TOP + (self.hi - v) / (self.hi - self.lo) * span


def _offset_grid(f: Fmt, ax: _TimeAxis, sc: _OffsetScale) -> list[str]:
    """Offset lines with their labels, hour lines with theirs, and which way is behind."""
    h, top, bottom_pad, x0, x1 = _OFFSET_H, _OFFSET_TOP, _OFFSET_BOTTOM, ax.x0, ax.x1
    out = []
    v = sc.lo
    while v <= sc.hi + 0.5:
        yv = _a(sc.y(v))
        out.append(
            f'<line x1="{x0}" y1="{yv}" x2="{x1}" y2="{yv}" stroke="{_C_GRID}" '
            f'stroke-width="{1.4 if v == 0 else 0.8}"/>'
        )
        out.append(
            f'<text x="{x0 - 8}" y="{_a(sc.y(v) + 4)}" text-anchor="end" class="tick">'
            f"{html.escape(f.signed(v))}</text>"
        )
        v += sc.step
    for t in _hours(ax.t0, ax.t1, 3600):
        xt = _a(ax.x(t))
        out.append(
            f'<line x1="{xt}" y1="{top}" x2="{xt}" y2="{h - bottom_pad}" stroke="{_C_GRID}" '
            'stroke-width="0.8"/>'
        )
        out.append(
            f'<text x="{xt}" y="{h - 8}" text-anchor="middle" class="tick">'
            f"{html.escape(f.clock(t)[:5])}</text>"
        )
    out.append(
        f'<text x="10" y="{_a(sc.y(sc.hi) + 10)}" class="axis">{f.e("behind")} ▲</text>'
        f'<text x="10" y="{_a(sc.y(sc.lo) - 2)}" class="axis">{f.e("ahead")} ▼</text>'
    )
    return out


def _offset_line(f: Fmt, ax: _TimeAxis, sc: _OffsetScale) -> list[str]:
    """The offset curve, shaded red behind and green ahead, interventions as dots, and the
    value it ended on."""
    pts = list(f.a.offset_curve)
    if not pts:
        return []
    x, y = ax.x, sc.y
    line = " ".join(f"{_a(x(t))},{_a(y(v))}" for t, v in pts)
    area = f"{_a(x(pts[0][0]))},{_a(y(0))} {line} {_a(x(pts[-1][0]))},{_a(y(0))}"
    out = [
        f'<polygon points="{area}" fill="{_C_OVER}" opacity="0.16" clip-path="url(#above)"/>',
        f'<polygon points="{area}" fill="#1f9d55" opacity="0.16" clip-path="url(#below)"/>',
        f'<polyline points="{line}" fill="none" stroke="{_C_TEXT}" stroke-width="1.8" '
        'stroke-linejoin="round"/>',
    ]
    for p in f.a.offsets:
        if p.action in ROUTINE_ACTIONS:
            continue
        out.append(
            f'<circle cx="{_a(x(p.at))}" cy="{_a(y(p.after))}" r="3.5" fill="#f5a524" '
            f'stroke="#fff"><title>{html.escape(f.clock(p.at))} '
            f"{html.escape(f.t_or('a_' + p.action, p.action))}"
            "</title></circle>"
        )
    te, ve = pts[-1]
    out.append(
        f'<circle cx="{_a(x(te))}" cy="{_a(y(ve))}" r="4" fill="{_C_TEXT}"/>'
        f'<text x="{_a(x(te) + 8)}" y="{_a(y(ve) + 4)}" class="endval">'
        f"{html.escape(f.signed(ve))}</text>"
    )
    return out


def offset_svg(f: Fmt) -> str:
    """The schedule offset over the day (+ = behind)."""
    ax = _TimeAxis.of(f.a)
    sc = _OffsetScale.of([v for _, v in f.a.offset_curve] + [0.0])
    h, y0 = _OFFSET_H, sc.y(0)
    out = [
        f'<svg class="offset" viewBox="0 0 {_W} {h}" width="100%" role="img" '
        f'aria-label="{f.e("offset_chart")}">',
        f'<defs><clipPath id="above"><rect x="0" y="0" width="{_W}" height="{_a(y0)}"/>'
        f'</clipPath><clipPath id="below"><rect x="0" y="{_a(y0)}" width="{_W}" '
        f'height="{_a(h - y0)}"/></clipPath></defs>',
    ]
    out += _outage_bands(f, ax, _OFFSET_TOP, h - _OFFSET_BOTTOM)
    out += _offset_grid(f, ax, sc)
    out += _offset_line(f, ax, sc)
    out.append("</svg>")
    return "\n".join(out)


def legend(f: Fmt) -> str:
    """The colours of the timeline, as the HTML shows them above it."""

    def sw(color: str, key: str) -> str:
        return f'<span><span class="sw" style="background:{color}"></span>{f.e(key)}</span>'

    hatch = "repeating-linear-gradient(45deg,#c5cedb 0 2px,#eef1f5 2px 5px)"  # the SVG's hatch
    return (
        '<div class="legend">'
        + sw(_C_PLANNED, "planned")
        + sw(_C_ACTUAL, "actual")
        + sw(_C_OVER, "overrun")
        + sw(hatch, "skipped_legend")
        + (sw(_C_OUTAGE + ";opacity:.45", "outage") if f.a.outages else "")
        + "</div>"
    )


__all__ = ["legend", "offset_svg", "timeline_svg"]
