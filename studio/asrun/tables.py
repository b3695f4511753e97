"""The as-run report's HTML tables: items, speakers, speaking time, switches, outages, health
incidents, outputs, interventions and every action; each cell escaped.
"""

from __future__ import annotations

import html
import statistics

from studio.agenda import Item, Speaker
from studio.asrun.model import AsRun, Intervention, OrderChange, TimeRow
from studio.asrun.texts import Fmt, output_state
from studio.show import ItemState


def over_class(seconds: float | None) -> str:
    if seconds is None or abs(seconds) < 0.5:
        return "num"
    return "num over" if seconds > 0 else "num under"


def _table(head: list[tuple[str, bool]], rows: list[str], empty: str) -> str:
    if not rows:
        return f'<p class="stats">{html.escape(empty)}</p>'
    ths = "".join(
        f'<th class="num">{html.escape(h)}</th>' if num else f"<th>{html.escape(h)}</th>"
        for h, num in head
    )
    return f"<table><thead><tr>{ths}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _td(text: str, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<td{c}>{html.escape(text)}</td>"


def _pill(text: str, cls: str) -> str:
    return f'<td><span class="pill {cls}">{html.escape(text)}</span></td>'


def items_table(f: Fmt) -> str:
    rows = []
    for it in f.a.items:
        ran = bool(it.visits)
        cls = ' class="skipped"' if it.state is ItemState.SKIPPED else ""
        rows.append(
            f"<tr{cls}>"
            + _td(it.item.title.get(f.lang))
            + _td(it.id, "id")
            + _td(f.clock(it.planned_start), "t")
            + _td(f.clock(it.actual_start), "t")
            + _td(f.dur(it.planned_duration), "num")
            + _td(f.dur(it.actual_duration), "num")
            + _td(f.signed(it.overrun), over_class(it.overrun))
            + _pill(f.state(it.state, ran), it.state.value)
            + "</tr>"
        )
    head = [
        (f.t("col_item"), False),
        ("id", False),
        (f.t("col_pstart"), False),
        (f.t("col_astart"), False),
        (f.t("col_pdur"), True),
        (f.t("col_adur"), True),
        (f.t("col_over"), True),
        (f.t("col_state"), False),
    ]
    return _table(head, rows, f.t("none"))


def speakers_table(f: Fmt) -> str:
    rows = []
    current = None
    for sp in f.a.speakers:
        if sp.item_index != current:
            current = sp.item_index
            rows.append(
                f'<tr><td colspan="9"><b>{html.escape(sp.item.title.get(f.lang))}</b></td></tr>'
            )
        cls = ' class="sub skipped"' if sp.state is ItemState.SKIPPED else ' class="sub"'
        label = sp.item.speakers[sp.slot - 1].label(f.lang)
        rows.append(
            f"<tr{cls}>"
            + _td(label)
            + _td(sp.key, "id")
            + _td(f.clock(sp.planned_start), "t")
            + _td(f.clock(sp.actual_start), "t")
            + _td(f.dur(sp.allotted), "num")
            + _td(f"+{f.dur(sp.extended)}" if sp.extended else "", "num")
            + _td(f.dur(sp.actual_duration), "num")
            + _td(f.signed(sp.overrun), over_class(sp.overrun))
            + _pill(f.t(sp.state.value), sp.state.value)
            + "</tr>"
        )
    head = [
        (f.t("col_speaker"), False),
        ("id", False),
        (f.t("col_pstart"), False),
        (f.t("col_astart"), False),
        (f.t("col_allotted"), True),
        (f.t("col_extended"), True),
        (f.t("col_used"), True),
        (f.t("col_over"), True),
        (f.t("col_state"), False),
    ]
    return _table(head, rows, f.t("none"))


def time_table(f: Fmt, rows_in: tuple[TimeRow, ...], first: str, slots: bool) -> str:
    rows = []
    for r in rows_in:
        over = r.over if abs(r.over) >= 0.5 else 0.0
        rows.append(
            "<tr>"
            + _td(r.label)
            + (_td(str(r.slots), "num") if slots else "")
            + _td(f.dur(r.allotted), "num")
            + _td(f.dur(r.used), "num")
            + _td(f.signed(over), over_class(over))
            + "</tr>"
        )
    head = [(first, False)]
    if slots:
        head.append((f.t("col_slots"), True))
    head += [(f.t("col_allotted"), True), (f.t("col_used"), True), (f.t("col_over"), True)]
    return _table(head, rows, f.t("none"))


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _ms(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def _switch_stats(f: Fmt) -> str:
    sw = f.a.switches
    real = [x.latency_ms for x in sw if x.confirmed and not x.already and x.latency_ms is not None]
    stats = f.t("sw_stats").format(
        n=len(sw),
        k=len(real),
        med=_ms(statistics.median(real)) if real else "—",
        max=_ms(max(real)) if real else "—",
        a=sum(1 for x in sw if x.already),
        s=sum(1 for x in sw if x.superseded),
        u=sum(1 for x in sw if x.flagged),
    )
    return f'<p class="stats">{html.escape(stats)}</p>'


def switches_table(f: Fmt) -> str:
    rows = []
    for s in f.a.switches:
        if s.failed:
            result, cls = f"{f.t('failed')}: {s.error or ''}".rstrip(": "), "bad"
        elif s.superseded:
            result, cls = f.t("superseded"), "warn"
        elif not s.confirmed:
            result, cls = f.t("unconfirmed"), "bad"
        elif s.already:
            result, cls = f.t("already"), "pending"
        else:
            result, cls = f.t("confirmed"), "done"
        if s.reapplied:
            result += f" · {f.t('reapplied')}"
        scene = s.scene + (f" ({s.logical})" if s.logical else "")
        who = f.speaker(s.item_id, s.speaker, s.who)
        what = _short(f.item_title(s.item_id), 48) + (f" — {who}" if who else "")
        latency = "" if s.latency_ms is None or s.already else _ms(s.latency_ms)
        row_cls = ' class="flag"' if s.flagged else ' class="quiet"' if s.already else ""
        rows.append(
            f"<tr{row_cls}>"
            + _td(f.clock(s.at), "t")
            + _td("" if s.cue is None else str(s.cue), "num")
            + _td(what)
            + _td(scene, "nw")
            + _td(latency, "num")
            + _pill(result, cls)
            + "</tr>"
        )
    head = [
        (f.t("col_time"), False),
        (f.t("col_cue"), True),
        (f.t("col_item"), False),
        (f.t("col_scene"), False),
        (f.t("col_latency"), True),
        (f.t("col_result"), False),
    ]
    body = _switch_stats(f) + _table(head, rows, f.t("none"))
    if f.a.unswitched:
        items = "".join(
            f"<li>{html.escape(f.clock(c.at))} — #{c.cue} {html.escape(f.item_title(c.item_id))}"
            f" ({html.escape(c.scene)})</li>"
            for c in f.a.unswitched
        )
        body += f'<div class="notes"><p>{f.e("unswitched")}</p><ul>{items}</ul></div>'
    return body


def outages_table(f: Fmt) -> str:
    rows = []
    differs = False
    for o in f.a.outages:
        d = o.duration
        if o.measured_s is not None and d is not None and abs(o.measured_s - d) > 1:
            differs = True
        back = f.clock(o.back_at) if o.back_at is not None else f.t("still_down")
        if o.back_at is None and o.lost_at is not None:
            d = f.a.end_instant - o.lost_at
        rows.append(
            '<tr class="flag">'
            + _td(f.clock(o.lost_at), "t")
            + _td(back, "t")
            + _td(f.dur(d), "num")
            + _td("" if o.measured_s is None else f"{o.measured_s:.1f} s", "num")
            + _td(o.why)
            + "</tr>"
        )
    head = [
        (f.t("col_lost"), False),
        (f.t("col_back"), False),
        (f.t("col_down"), True),
        (f.t("col_measured"), True),
        (f.t("col_why"), False),
    ]
    body = _table(head, rows, f.t("none"))
    if differs:
        body += f'<p class="hint">{f.e("measured_note")}</p>'
    return body


def _on_air(a: AsRun, output: str) -> list[tuple[float, float | None]]:
    """Spans during which an output was started, from its state changes."""
    spans: list[tuple[float, float | None]] = []
    since: float | None = None
    for o in a.outputs:
        if o.output != output:
            continue
        if o.state == "started" and since is None:
            since = o.at
        elif o.state == "stopped" and since is not None:
            spans.append((since, o.at))
            since = None
    if since is not None:
        spans.append((since, None))
    return spans


def _health_value(figure: str, value: float | None) -> str:
    if value is None:
        return ""
    if figure == "fps":
        return f"{value:.1f} fps"
    if figure == "bitrate":
        return f"{value:.0f} kb/s"
    if figure == "congestion":
        return f"{value:.2f}"
    return f"{value:.1f} %"


def health_table(f: Fmt) -> str:
    rows = []
    for h in f.a.health:
        end = h.ended_at if h.ended_at is not None else f.a.end_instant
        until = f.clock(h.ended_at) if h.ended_at is not None else f.t("still_out")
        level = f.t_or(f"lvl_{h.level}", h.level)
        rows.append(
            '<tr class="flag">'
            + _td(f.t_or(f"h_{h.figure}", h.figure))
            + _td(f.clock(h.started_at), "t")
            + _td(until, "t")
            + _td(f.dur(max(0.0, end - h.started_at)), "num")
            + _td(_health_value(h.figure, h.value), "num")
            + _pill(level, "bad" if h.level == "bad" else "warn")
            + "</tr>"
        )
    head = [
        (f.t("col_figure"), False),
        (f.t("col_from"), False),
        (f.t("col_until"), False),
        (f.t("col_lasted"), True),
        (f.t("col_worst"), True),
        (f.t("col_level"), False),
    ]
    body = _table(head, rows, f.t("none"))
    if rows:
        body += f'<p class="hint">{f.e("health_hint")}</p>'
    return body


def outputs_table(f: Fmt) -> str:
    lines = []
    for output in ("stream", "record"):
        spans = _on_air(f.a, output)
        if not spans:
            continue
        text = ", ".join(
            f"{f.clock(a)}–{f.clock(b)} ({f.dur(b - a)})"
            if b is not None
            else f"{f.clock(a)}– ({f.t('still_on')})"
            for a, b in spans
        )
        lines.append(f"<b>{f.e('on_' + output)}</b>: {html.escape(text)}")
    rows = []
    for o in f.a.outputs:
        state = output_state(f, o)
        cls = {"started": "bad" if o.output == "stream" else "done", "stopped": "pending"}.get(
            o.state, "warn" if o.output != "request" else "current"
        )
        if o.refused:
            cls = "warn"
        rows.append(
            "<tr>"
            + _td(f.clock(o.at), "t")
            + _td(f.t_or(o.output, o.output))
            + _pill(state, cls)
            + "</tr>"
        )
    head = [(f.t("col_time"), False), (f.t("col_output"), False), (f.t("col_state"), False)]
    intro = f'<p class="stats">{"<br>".join(lines)}</p>' if lines else ""
    return intro + _table(head, rows, f.t("none"))


def _intervention_detail(f: Fmt, iv: Intervention) -> str:
    if iv.refused:
        return f"{f.t('refused')}: {iv.refused}"
    if iv.action == "manual":
        src = {"obs": f.t("from_obs"), "console": f.t("from_console")}.get(iv.source or "", "")
        return f"{iv.scene or ''} {src}".strip()
    if iv.action == "extend" and iv.seconds is not None:
        who = f.speaker(iv.item_id, iv.speaker, iv.who)
        return f"{f.signed(iv.seconds)} — {f.item_title(iv.item_id)}" + (f", {who}" if who else "")
    if iv.action in ("retime", "relabel"):
        return _edit_detail(f, iv)
    if iv.order is not None:
        return _order_detail(f, iv, iv.order)
    if iv.action == "plan" and iv.seconds is not None:
        dropped = f"; {f.t('plan_dropped')}: {iv.item_id}" if iv.item_id else ""
        return f"{f.t('plan_cut')} {f.dur(iv.seconds)}{dropped}"
    if iv.action == "resume" and iv.seconds is not None:
        return f"{f.t('a_hold')} {f.dur(iv.seconds)}"
    if iv.action in ("back", "goto", "skip"):
        who = f.speaker(iv.item_id, iv.speaker, iv.who) if iv.action != "skip" else ""
        return f.item_title(iv.item_id) + (f" — {who}" if who else "")
    return ""


def _edit_detail(f: Fmt, iv: Intervention) -> str:
    """A live edit, plan as published against as run: "Opening, Moderator: 5:00 → 3:20", the
    published allotment beside it when an earlier change had moved it; a fixed lower third as
    the speaker's label before → after."""
    title = f.item_title(iv.item_id)
    if iv.labels is not None:
        before, after = (sp.label(f.lang) for sp in iv.labels)
        return f"{title}: {before} → {after}"
    who = f.speaker(iv.item_id, iv.speaker, iv.who)
    where = title + (f", {who}" if who else "")
    if iv.seconds is None or iv.was is None:
        return where
    text = f"{where}: {f.dur(iv.was)} → {f.dur(iv.seconds)}"
    if iv.planned is not None and round(iv.planned) != round(iv.was):
        text += f" ({f.t('as_published')} {f.dur(iv.planned)})"
    return text


def _place(f: Fmt, after: Item | Speaker | None) -> str:
    """Where something stood: "after <item or speaker>", or "first"."""
    if after is None:
        return f.t("first")
    name = after.label(f.lang) if isinstance(after, Speaker) else after.title.get(f.lang)
    return f"{f.t('after')} {name}"


def _order_detail(f: Fmt, iv: Intervention, o: OrderChange) -> str:
    """The running order edited, plan as published against as run: "Talks, Olena: after Anna →
    first"; an inserted speaker with their time and place; a removed one with where they stood.
    Where the plan as published had it elsewhere than before the edit, that too."""
    title = f.item_title(iv.item_id)
    who = o.speaker.label(f.lang) if o.speaker is not None else ""
    where = title + (f", {who}" if who else "")
    if iv.action == "insert":
        return f"{where} ({f.dur(iv.seconds)}): {_place(f, o.now_after)}"
    if iv.action == "remove":
        return f"{where}: {f.t('stood')} {_place(f, o.was_after)}"
    text = f"{where}: {_place(f, o.was_after)} → {_place(f, o.now_after)}"
    if o.published and o.published_after != o.was_after:
        text += f" ({f.t('as_published')}: {_place(f, o.published_after)})"
    return text


def interventions_table(f: Fmt) -> str:
    rows = []
    for iv in f.a.interventions:
        rows.append(
            ('<tr class="flag">' if iv.refused else "<tr>")
            + _td(f.clock(iv.at), "t")
            + _td(f.t_or(f"a_{iv.action}", iv.action), "nw")
            + _td(_intervention_detail(f, iv))
            + _td(f.signed(iv.offset) if iv.offset is not None else "", "num")
            + "</tr>"
        )
    head = [
        (f.t("col_time"), False),
        (f.t("col_action"), False),
        (f.t("col_detail"), False),
        (f.t("col_offset"), True),
    ]
    return _table(head, rows, f.t("none"))


def actions_table(f: Fmt) -> str:
    rows = []
    for p in f.a.offsets:
        rows.append(
            "<tr>"
            + _td(f.clock(p.at), "t")
            + _td(f.t_or(f"a_{p.action}", p.action))
            + _td(f.signed(p.before), over_class(p.before))
            + _td(f.signed(p.after), over_class(p.after))
            + "</tr>"
        )
    head = [
        (f.t("col_time"), False),
        (f.t("col_action"), False),
        (f.t("col_before"), True),
        (f.t("col_offset"), True),
    ]
    return _table(head, rows, f.t("none"))


__all__ = [
    "actions_table",
    "health_table",
    "interventions_table",
    "items_table",
    "outages_table",
    "outputs_table",
    "over_class",
    "speakers_table",
    "switches_table",
    "time_table",
]
