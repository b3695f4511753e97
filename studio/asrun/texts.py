"""The as-run report's words and formats: the uk/en text table, the notices, and `Fmt`, which
formats times, durations, offsets and names in one report's language and time zone.

The report is a file handed to people outside the console, so its words live here with it rather
than in the console's Qt translations.
"""

from __future__ import annotations

import html
from datetime import datetime

from studio.agenda import Item, Speaker
from studio.asrun.model import AsRun, Notice, OutputChange
from studio.show import ItemState
from studio.timefmt import clock_text, signed_text

TEXTS: dict[str, tuple[str, str]] = {
    "report": ("Звіт про хід ефіру", "As-run report"),
    "rehearsal": ("РЕПЕТИЦІЯ", "REHEARSAL"),
    "live": ("ЕФІР", "LIVE"),
    "planned": ("План", "Planned"),
    "actual": ("Факт", "Actual"),
    "overrun": ("Перевищення", "Overrun"),
    "skipped_legend": ("Пропущено", "Skipped"),
    "show_start": ("Початок", "Start"),
    "show_end": ("Завершення", "End"),
    "last": ("Останній запис", "Last entry"),
    "final_offset": ("Відхилення наприкінці", "Final offset"),
    "items_run": ("Пункти програми", "Agenda items"),
    "switches": ("Перемикання сцен", "Scene switches"),
    "outages": ("Втрати зв'язку з OBS", "OBS outages"),
    "outage": ("Без зв'язку з OBS", "OBS unreachable"),
    "health": ("Стан трансляції: інциденти", "Stream health incidents"),
    "health_hint": (
        "Показник OBS поза нормою (жовтий — попередження, червоний — погано), доки не "
        "повернувся до норми щонайменше на кілька секунд.",
        "An OBS figure out of its normal range (amber: warning, red: bad) until it was back "
        "in range for a few seconds.",
    ),
    "h_fps": ("Частота кадрів", "Frame rate"),
    "h_cpu": ("Процесор OBS", "OBS CPU"),
    "h_render_skipped": ("Пропущені кадри (рендер)", "Skipped frames (render)"),
    "h_output_skipped": ("Пропущені кадри (кодер)", "Skipped frames (encoder)"),
    "h_congestion": ("Перевантаження мережі", "Network congestion"),
    "h_bitrate": ("Бітрейт", "Bitrate"),
    "col_figure": ("Показник", "Figure"),
    "col_from": ("Від", "From"),
    "col_until": ("До", "Until"),
    "col_worst": ("Найгірше", "Worst"),
    "col_lasted": ("Тривалість", "Lasted"),
    "col_level": ("Рівень", "Level"),
    "lvl_warn": ("попередження", "warning"),
    "lvl_bad": ("погано", "bad"),
    "still_out": ("не повернувся до кінця журналу", "not back by the end of the journal"),
    "interventions": ("Втручання оператора", "Operator interventions"),
    "timeline": ("Хронологія: план і факт", "Timeline: planned and actual"),
    "offset_chart": ("Відхилення від графіка протягом дня", "Schedule offset over the day"),
    "offset_hint": (
        "Плюс — ефір відстає від графіка, мінус — випереджає.",
        "Plus means the show runs behind the schedule, minus ahead of it.",
    ),
    "items": ("Пункти програми", "Agenda items"),
    "speakers": ("Спікери", "Speakers"),
    "regions": ("Час виступів за регіонами", "Speaking time per region"),
    "people": ("Час виступів за спікерами", "Speaking time per speaker"),
    "outputs": ("Трансляція і запис", "Stream and recording"),
    "all_actions": ("Усі дії оператора", "All operator actions"),
    "col_item": ("Пункт", "Item"),
    "col_speaker": ("Спікер", "Speaker"),
    "col_region": ("Регіон", "Region"),
    "col_time": ("Час", "Time"),
    "col_pstart": ("Початок за планом", "Planned start"),
    "col_astart": ("Фактичний початок", "Actual start"),
    "col_pdur": ("Тривалість за планом", "Planned duration"),
    "col_adur": ("Фактична тривалість", "Actual duration"),
    "col_over": ("Перевищення", "Overrun"),
    "col_state": ("Стан", "State"),
    "col_allotted": ("Відведено", "Allotted"),
    "col_extended": ("Подовжено", "Extended"),
    "col_used": ("Використано", "Used"),
    "col_slots": ("Виступів", "Slots"),
    "col_cue": ("Сигнал", "Cue"),
    "col_scene": ("Сцена OBS", "OBS scene"),
    "col_latency": ("Підтвердження, мс", "Confirmed in, ms"),
    "col_result": ("Результат", "Result"),
    "col_lost": ("Зв'язок втрачено", "Lost"),
    "col_back": ("Відновлено", "Back"),
    "col_down": ("Тривалість (час шоу)", "Down (show clock)"),
    "col_measured": ("Виміряно OBS-з'єднанням", "Measured by the OBS link"),
    "col_why": ("Причина", "Why"),
    "col_output": ("Вихід", "Output"),
    "col_action": ("Дія", "Action"),
    "col_detail": ("Деталі", "Detail"),
    "col_offset": ("Відхилення після", "Offset after"),
    "col_before": ("Відхилення до", "Offset before"),
    "done": ("проведено", "done"),
    "skipped": ("пропущено", "skipped"),
    "pending": ("не відбулося", "not reached"),
    "passed": ("перескочено, не відбулося", "passed over, not reached"),
    "current": ("триває", "in progress"),
    "skipped_after": ("пропущено після початку", "skipped after it began"),
    "confirmed": ("підтверджено", "confirmed"),
    "already": ("уже в ефірі", "already on air"),
    "superseded": ("перекрито наступним", "superseded"),
    "unconfirmed": ("НЕ підтверджено", "NOT confirmed"),
    "failed": ("ПОМИЛКА", "FAILED"),
    "reapplied": ("повторно після відновлення зв'язку", "re-applied after reconnect"),
    "still_down": ("не відновлено до кінця журналу", "not back by the end of the journal"),
    "none": ("Немає.", "None."),
    "stream": ("трансляція", "stream"),
    "record": ("запис", "recording"),
    "request": ("запит оператора", "operator request"),
    "on_stream": ("Трансляція в ефірі", "Stream on air"),
    "on_record": ("Запис", "Recording"),
    "still_on": ("до кінця журналу", "until the end of the journal"),
    "o_start_stream": ("запустити трансляцію", "start stream"),
    "o_stop_stream": ("зупинити трансляцію", "stop stream"),
    "o_start_record": ("запустити запис", "start recording"),
    "o_stop_record": ("зупинити запис", "stop recording"),
    "o_refused": (
        "відхилено захистом ефіру (репетиція): до OBS нічого не надіслано",
        "refused by the on-air guard (rehearsal): nothing was sent to OBS",
    ),
    "o_starting": ("запускається", "starting"),
    "o_started": ("працює", "started"),
    "o_stopping": ("зупиняється", "stopping"),
    "o_stopped": ("зупинено", "stopped"),
    "o_reconnecting": ("перепідключення", "reconnecting"),
    "o_paused": ("пауза", "paused"),
    "a_start": ("старт", "start"),
    "a_next": ("далі", "next"),
    "a_hold": ("пауза", "hold"),
    "a_resume": ("продовження після паузи", "resume after hold"),
    "a_extend": ("подовження часу", "time extended"),
    "a_back": ("назад", "back"),
    "a_goto": ("перехід до пункту", "go to item"),
    "a_skip": ("пропуск пункту", "item skipped"),
    "a_end": ("завершення ефіру", "show ended"),
    "a_plan": ("план завершити вчасно", "plan to end on time"),
    "plan_cut": ("скорочено разом на", "shortened in all by"),
    "plan_dropped": ("прибрано", "dropped"),
    "a_retime": ("зміна часу виступу", "allotment changed"),
    "a_relabel": ("виправлено підпис у титрі", "lower third fixed"),
    "as_published": ("за опублікованим планом", "as published"),
    "a_move": ("переставлено в порядку", "moved in the running order"),
    "a_insert": ("додано спікера", "speaker added"),
    "a_remove": ("спікера знято з програми", "speaker removed"),
    "after": ("після:", "after"),
    "first": ("першим", "first"),
    "stood": ("стояв(-ла)", "stood"),
    "a_manual": ("ручне перемикання сцени", "manual scene switch"),
    "refused": ("відхилено під час відтворення", "refused on replay"),
    "from_obs": ("в OBS", "in OBS"),
    "from_console": ("з пульта", "from the console"),
    "open_floor": ("відкрита дискусія", "open floor"),
    "sw_stats": (
        "Усього {n}: OBS підтвердив {k} перемикань (медіана {med} мс, максимум {max} мс); "
        "сцена вже була в ефірі: {a}; перекрито наступним: {s}; без підтвердження: {u}.",
        "{n} in all: OBS confirmed {k} switches (median {med} ms, max {max} ms); scene already "
        "on air: {a}; superseded: {s}; not confirmed: {u}.",
    ),
    "n_unconfirmed": ("без підтвердження", "unconfirmed"),
    "unswitched": (
        "Сигнали, що не дійшли до OBS (зв'язку не було, потім їх перекрив наступний):",
        "Cues that never reached OBS (it was offline, then a later cue took over):",
    ),
    "measured_note": (
        "У репетиції годинник шоу прискорений, тож тривалість за часом шоу і виміряна "
        "OBS-з'єднанням різняться.",
        "In a rehearsal the show clock runs simulated time, so the show-clock duration and the "
        "one the OBS link measured differ.",
    ),
    "total_down": ("разом без зв'язку", "down in total"),
    "mode": ("режим", "mode"),
    "journal": ("Журнал", "Journal"),
    "agenda": ("Програма", "Agenda"),
    "entries": ("записів", "entries"),
    "tz": ("Час: {tz}", "Times: {tz}"),
    "generated": (
        "Створено Studio Console з журналу ефіру.",
        "Made by Studio Console from the show journal.",
    ),
    "behind": ("відставання", "behind"),
    "ahead": ("випередження", "ahead"),
    "on_time": ("за графіком", "on time"),
    "n_skipped": ("пропущено", "skipped"),
    "of": ("з", "of"),
    "notes": ("Зауваження", "Notes"),
}

NOTICES: dict[str, tuple[str, str]] = {
    "dropped": (
        "Журнал пошкоджено: {n} нечитабельних рядків пропущено (обірваний останній рядок?).",
        "The journal is damaged: {n} unreadable line(s) skipped (a torn last line?).",
    ),
    "no_header": (
        "Журнал не має заголовка; програму вказано вручну.",
        "The journal has no header; the agenda was given by hand.",
    ),
    "fingerprint": (
        "Програму змінено після ефіру: відбиток у журналі {journal}, у файлі {agenda}. "
        "Планові часи взято з поточного файлу.",
        "The agenda changed after the show: fingerprint {journal} in the journal, {agenda} in "
        "the file. Planned times come from the current file.",
    ),
    "event": (
        "Журнал належить заходу «{journal}», а програма — «{agenda}».",
        "The journal belongs to event '{journal}' but the agenda to '{agenda}'.",
    ),
    "refused": (
        "Дій, що не застосувалися під час відтворення: {n} (перша — №{seq}, {action}: {why}).",
        "{n} action(s) did not apply on replay (the first, #{seq} {action}: {why}).",
    ),
    "not_ended": (
        "Журнал закінчується посеред ефіру ({at}); час рахується до цього моменту.",
        "The journal ends while the show is running ({at}); times are counted up to then.",
    ),
    "not_started": (
        "Ефір не розпочато: у журналі немає команди старту.",
        "The show never started: the journal holds no start.",
    ),
    "unknown": (
        "Записів журналу невідомого виду: {n} ({what}); ця версія їх не читає, у звіті їх "
        "не враховано.",
        "{n} journal line(s) of a kind this version does not know ({what}): they are not in "
        "this report.",
    ),
}


class Fmt:
    """Language- and time-zone-aware formatting for one report."""

    def __init__(self, asrun: AsRun, lang: str) -> None:
        self.lang = "en" if lang == "en" else "uk"
        self.a = asrun
        self.tz = asrun.agenda.tz

    def t(self, key: str) -> str:
        uk, en = TEXTS[key]
        return en if self.lang == "en" else uk

    def t_or(self, key: str, fallback: str) -> str:
        """`key`'s text if the table has one, else `fallback` as it is (a state or figure a
        newer console journalled)."""
        return self.t(key) if key in TEXTS else fallback

    def e(self, key: str) -> str:
        return html.escape(self.t(key))

    def clock(self, at: float | None) -> str:
        if at is None:
            return "—"
        return datetime.fromtimestamp(round(at), self.tz).strftime("%H:%M:%S")

    @staticmethod
    def dur(seconds: float | None) -> str:
        return "—" if seconds is None else clock_text(round(max(0.0, seconds)))

    @staticmethod
    def signed(seconds: float | None) -> str:
        if seconds is None:
            return "—"
        if round(seconds) == 0:
            return "0:00"
        return signed_text(seconds).replace("-", "−")

    def state(self, st: ItemState, ran: bool = False) -> str:
        if st is ItemState.SKIPPED and ran:
            return self.t("skipped_after")
        return self.t(st.value)

    def notice(self, n: Notice) -> str:
        uk, en = NOTICES[n.code]
        args = dict(n.args)
        if "at" in args:
            args["at"] = self.clock(float(args["at"]))
        return (en if self.lang == "en" else uk).format(**args)

    def _item(self, item_id: str) -> Item | None:
        try:  # by the agenda's index of ids: a report lists every switch, so no search
            return self.a.agenda.items[self.a.agenda.item_index(item_id)]
        except KeyError:
            return None

    def item_title(self, item_id: str | None) -> str:
        if item_id is None:
            return "—"
        item = self._item(item_id)
        return item_id if item is None else item.title.get(self.lang)

    def speaker(self, item_id: str | None, index: int | None, who: Speaker | None = None) -> str:
        """Who a row is about: the speaker the replay resolved then (`who`), else by position
        in the agenda (rows that name no one: the open floor)."""
        if who is not None:
            return who.label(self.lang)
        item = None if item_id is None else self._item(item_id)
        if item is None:
            return ""
        if index is None or index >= len(item.speakers):
            return self.t("open_floor") if item.speakers else ""
        return item.speakers[index].label(self.lang)


def output_state(f: Fmt, o: OutputChange) -> str:
    """An output's state, or what the operator asked of it ("start stream — refused ...")."""
    state = f.t_or(f"o_{o.state}", o.state)
    return f"{state} — {f.t('o_refused')}" if o.refused else state


__all__ = ["NOTICES", "TEXTS", "Fmt", "output_state"]
