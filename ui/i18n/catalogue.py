"""Tooling for the translation catalogues (Qt-free): extract, compile and check them.

- `update()` runs lupdate over `ui/` and merges new source strings into every `.ts` (translations
  already made are kept; English entries are filled with their source text).
- `compile_all()` is lrelease (see `ui.i18n.compile_catalogues`).
- `problems(lang)` lists what is wrong with a catalogue: untranslated or unfinished entries,
  placeholders (`{name}`, `%n`) that differ from the source, wrong numbers of plural forms.
- `untracked()` lists source strings in the code that the catalogues do not have yet.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ui.i18n import I18N_DIR, LANGUAGES, ts_path

UI_DIR = I18N_DIR.parent
PLURAL_FORMS = {"uk": 3, "en": 2}
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?::[^}]*)?\}|%n")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    numerus: bool
    translations: tuple[str, ...]
    kind: str  # '' (finished), 'unfinished', 'obsolete', 'vanished'


def lupdate_command() -> list[str] | None:
    import PySide6

    packaged = Path(PySide6.__file__).resolve().parent / "lupdate"
    if packaged.exists():
        return [str(packaged)]
    beside = Path(sys.executable).parent / "pyside6-lupdate"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pyside6-lupdate")
    return [found] if found else None


def sources() -> list[Path]:
    return sorted(p for p in UI_DIR.rglob("*.py") if "i18n" not in p.relative_to(UI_DIR).parts)


def read(path: Path) -> list[Message]:
    root = ET.parse(path).getroot()
    out = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            numerus = msg.get("numerus") == "yes"
            if tr is None:
                texts: tuple[str, ...] = ()
                kind = "unfinished"
            else:
                kind = tr.get("type", "")
                if numerus:
                    texts = tuple(f.text or "" for f in tr.iter("numerusform"))
                else:
                    texts = (tr.text or "",)
            out.append(Message(name, msg.findtext("source") or "", numerus, texts, kind))
    return out


def _run_lupdate(ts_files: list[Path]) -> None:
    command = lupdate_command()
    if command is None:
        raise RuntimeError("pyside6-lupdate was not found; install PySide6")
    args = [*command, "-silent", "-locations", "none", "-no-obsolete", "-source-language", "en"]
    args += [str(p) for p in sources()]
    args += ["-ts", *(str(p) for p in ts_files)]
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"lupdate failed: {result.stderr.strip()}")


def fill_english(path: Path) -> int:
    """English is the source language: an empty English entry gets its source text."""
    tree = ET.parse(path)
    filled = 0
    for msg in tree.getroot().iter("message"):
        tr = msg.find("translation")
        if tr is None or tr.get("type") != "unfinished":
            continue
        source = msg.findtext("source") or ""
        if msg.get("numerus") == "yes":
            forms = list(tr.iter("numerusform"))
            if any(not (f.text or "") for f in forms):
                continue  # plural forms need a person; problems() reports them
        else:
            tr.text = source
        del tr.attrib["type"]
        filled += 1
    if filled:
        ET.indent(tree)
        tree.write(path, encoding="utf-8", xml_declaration=True)
        _restore_doctype(path)
    return filled


def _restore_doctype(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if "<!DOCTYPE TS>" not in text:
        text = text.replace("?>\n", "?>\n<!DOCTYPE TS>\n", 1)
        path.write_text(text, encoding="utf-8")


def update() -> None:
    """Merge the code's source strings into every catalogue."""
    _run_lupdate([ts_path(lang) for lang in LANGUAGES])
    if fill_english(ts_path("en")):
        _run_lupdate([ts_path("en")])  # back to lupdate's own layout, so diffs stay small


def untracked() -> list[str]:
    """Source strings in the code that the Ukrainian catalogue lacks (run `--update`)."""
    known = {(m.context, m.source) for m in read(ts_path("uk"))}
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "studio_uk.ts"
        _run_lupdate([probe])
        found = {(m.context, m.source) for m in read(probe)}
    return sorted(f"{ctx}: {src!r}" for ctx, src in found - known)


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def problems(lang: str) -> list[str]:
    """What keeps a catalogue from being complete and correct."""
    out = []
    for m in read(ts_path(lang)):
        where = f"{lang}: {m.context}: {m.source!r}"
        if m.kind in ("obsolete", "vanished"):
            out.append(f"{where}: {m.kind} entry")
            continue
        if m.kind == "unfinished" or not m.translations or not all(m.translations):
            out.append(f"{where}: not translated")
            continue
        if m.numerus and len(m.translations) != PLURAL_FORMS.get(lang, 2):
            out.append(f"{where}: {len(m.translations)} plural forms")
        want = _placeholders(m.source)
        for text in m.translations:
            if _placeholders(text) != want:
                out.append(f"{where}: placeholders {sorted(_placeholders(text))} != {sorted(want)}")
    return out
