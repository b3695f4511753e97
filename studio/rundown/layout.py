"""The rundown's layout: its columns and header-block fields, with their English and Ukrainian
names, the kinds of item by name, and the `--columns` mapping for other layouts.

A rundown sheet holds an optional header block (one event field a row: its name in column A, the
value in B, an English text in C), then a table header row, then one row per item or per speaker
(the speakers of an item follow its row). See docs/rundown-template.csv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Scope = Literal["item", "speaker", "both", "info"]
Lang = Literal["uk", "en"]


@dataclass(frozen=True)
class Column:
    """One column of the table: `key` is the name used in code and in `--columns`."""

    key: str
    en: str
    uk: str
    scope: Scope
    aliases: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        return self.uk if lang == "uk" else self.en


def _texts(key: str, en: str, uk: str, scope: Scope, *aliases: str) -> tuple[Column, Column]:
    """A text column in Ukrainian and its English twin, "Title" and "Title (en)"."""
    uk_aliases = (f"{en} (uk)", f"{uk} (uk)", *aliases)
    return (
        Column(key, en, uk, scope, uk_aliases),
        Column(f"{key}_en", f"{en} (en)", f"{uk} (en)", scope),
    )


# In the order an export writes them.
COLUMNS: tuple[Column, ...] = (
    Column("planned", "Planned", "За планом", "info", ("time", "час", "planned start")),
    Column("start", "Fixed start", "Фіксований початок", "item", ("fixed", "фіксовано")),
    Column("duration", "Duration", "Тривалість", "both", ("length", "хв", "регламент")),
    Column("kind", "Kind", "Тип", "item", ("type",)),
    Column("id", "Id", "Ідентифікатор", "both", ("ід", "id")),
    *_texts("title", "Title", "Назва", "item", "тема"),
    *_texts("name", "Name", "Ім'я", "speaker", "ім’я", "імʼя", "speaker", "спікер"),
    *_texts("role", "Role", "Роль", "speaker", "посада"),
    *_texts("organisation", "Organisation", "Організація", "speaker", "organization"),
    Column("region", "Region", "Регіон", "both"),
    Column("scene", "Scene", "Сцена", "both"),
    *_texts("notes", "Notes", "Нотатки", "item", "примітки"),
    Column("lower_third_1", "Lower third 1", "Титр 1", "speaker", ("lower third",)),
    Column("lower_third_2", "Lower third 2", "Титр 2", "speaker"),
    Column("timer_warning", "Timer warning", "Попередження таймера", "item"),
    Column("timer_final", "Timer final", "Фінал таймера", "item"),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
IGNORE = "-"  # `--columns "Contact=-"`: a column of the organiser's that the import skips


@dataclass(frozen=True)
class Field:
    """One row of the header block: an event field."""

    key: str
    en: str
    uk: str
    kind: Literal["text", "id", "date", "clock", "zone", "bool", "duration", "plain", "lang"]
    aliases: tuple[str, ...] = ()
    repeated: bool = False  # organisers: one row each

    def name(self, lang: str) -> str:
        return self.uk if lang == "uk" else self.en


FIELDS: tuple[Field, ...] = (
    Field("id", "Event id", "Ідентифікатор заходу", "id"),
    Field("title", "Event", "Захід", "text", ("title", "назва", "event title", "назва заходу")),
    Field("date", "Date", "Дата", "date"),
    Field("timezone", "Time zone", "Часовий пояс", "zone", ("timezone",)),
    Field("start", "Start", "Початок", "clock"),
    Field("end", "End", "Кінець", "clock", ("завершення",)),
    Field("venue", "Venue", "Місце", "text", ("місце проведення",)),
    Field("online", "Online", "Онлайн", "bool"),
    Field("organisers", "Organiser", "Організатор", "text", ("organisers", "організатори"), True),
    Field("part_of", "Part of", "У рамках", "text"),
    Field("timer_warning", "Timer warning", "Попередження таймера", "duration"),
    Field("timer_final", "Timer final", "Фінал таймера", "duration"),
    Field("scenes", "Scene map", "Карта сцен", "plain"),
    Field("pre_show_scene", "Pre-show scene", "Сцена до початку", "plain"),
    Field("end_scene", "End scene", "Сцена після завершення", "plain"),
    Field("broadcast_language", "Broadcast language", "Мова трансляції", "lang"),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}

# Kinds of item by their code and, for the organiser, their Ukrainian name.
KIND_NAMES: dict[str, str] = {
    "opening": "відкриття",
    "region": "регіон",
    "discussion": "дискусія",
    "break": "перерва",
    "closing": "завершення",
    "keynote": "доповідь",
    "presentation": "презентація",
    "qa": "запитання й відповіді",
    "other": "інше",
}
# The logical scene of an item whose Scene cell is empty, by kind (scenes/default.yaml's names).
DEFAULT_SCENES: dict[str, str] = {
    "opening": "studio",
    "region": "remote",
    "discussion": "panel",
    "qa": "panel",
    "break": "break",
    "closing": "closing",
}
DEFAULT_SCENE = "studio"

YES = {"yes", "true", "так", "1", "y", "т"}
NO = {"no", "false", "ні", "0", "n", "н"}
LANG_NAMES = {
    "uk": "uk",
    "en": "en",
    "ukrainian": "uk",
    "english": "en",
    "українська": "uk",
    "англійська": "en",
}


def fold(text: str) -> str:
    """A header name as compared: case, spaces and apostrophes do not count."""
    text = re.sub(r"[’ʼ`]", "'", text.casefold())
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip()


def _index(entries: tuple[Column, ...] | tuple[Field, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for e in entries:
        for name in (e.key, e.en, e.uk, *e.aliases):
            out.setdefault(fold(name), e.key)
    return out


COLUMN_NAMES = _index(COLUMNS)
FIELD_NAMES = _index(FIELDS)
KINDS = {fold(k): k for k in KIND_NAMES} | {fold(v): k for k, v in KIND_NAMES.items()}


def parse_columns(spec: str) -> dict[str, str]:
    """`--columns "Тема=title, Хв=duration, Contact=-"` -> {folded header name: column key}.

    Raises ValueError naming the first entry that is not `NAME=KEY` with a known key."""
    mapping: dict[str, str] = {}
    for part in (p.strip() for p in re.split(r"[,;\n]", spec)):
        if not part:
            continue
        name, eq, key = part.rpartition("=")
        name, key = name.strip(), key.strip()
        if not eq or not name:
            raise ValueError(f"'{part}': expected NAME=COLUMN, like 'Тема=title'")
        target = IGNORE if key == IGNORE else COLUMN_NAMES.get(fold(key))
        if target is None:
            keys = ", ".join(c.key for c in COLUMNS)
            raise ValueError(f"'{part}': unknown column '{key}'; expected one of: {keys}, or -")
        mapping[fold(name)] = target
    return mapping


__all__ = [
    "COLUMNS",
    "COLUMN_BY_KEY",
    "DEFAULT_SCENE",
    "DEFAULT_SCENES",
    "FIELDS",
    "FIELD_BY_KEY",
    "IGNORE",
    "KINDS",
    "KIND_NAMES",
    "Column",
    "Field",
    "fold",
    "parse_columns",
]
