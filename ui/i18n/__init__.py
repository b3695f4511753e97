"""Languages of the console: the catalogues in this folder, compiling them, switching at run time.

Source strings are English; `studio_uk.ts` holds the Ukrainian translation (the default language)
and `studio_en.ts` the English one. The compiled `.qm` files are build products (git-ignored):
`scripts/build_i18n.py` makes them, and the console rebuilds any that are missing or older than
their `.ts` at start-up, so a fresh checkout works. Switching language installs the translators;
Qt then sends every widget a LanguageChange event, and models listen to `languageChanged`.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from ui.identity import DEFAULT_LANGUAGE as DEFAULT_LANGUAGE
from ui.identity import I18N_DIR as I18N_DIR
from ui.identity import LANGUAGES as LANGUAGES
from ui.identity import qm_path as qm_path

log = logging.getLogger("ui.i18n")


def ts_path(lang: str) -> Path:
    return I18N_DIR / f"studio_{lang}.ts"


def lrelease_command() -> list[str] | None:
    """The lrelease that ships with PySide6 (the binary in the package, or the wrapper script)."""
    import PySide6

    packaged = Path(PySide6.__file__).resolve().parent / "lrelease"
    if packaged.exists():
        return [str(packaged)]
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return [found] if found else None


def stale_catalogues() -> list[str]:
    """Languages whose .qm is missing or older than its .ts."""
    out = []
    for lang in LANGUAGES:
        ts, qm = ts_path(lang), qm_path(lang)
        if ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
            out.append(lang)
    return out


def compile_catalogues(langs: list[str] | None = None) -> list[Path]:
    """Compile .ts -> .qm with lrelease; returns the .qm files written. Raises RuntimeError."""
    command = lrelease_command()
    if command is None:
        raise RuntimeError("pyside6-lrelease was not found; install PySide6")
    import subprocess  # here: a console that starts with compiled catalogues never needs it

    written = []
    for lang in LANGUAGES if langs is None else langs:
        ts, qm = ts_path(lang), qm_path(lang)
        result = subprocess.run(
            [*command, "-silent", str(ts), "-qm", str(qm)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0 or not qm.exists():
            raise RuntimeError(f"lrelease failed on {ts.name}: {result.stderr.strip()}")
        written.append(qm)
    return written


def ensure_compiled() -> None:
    """Rebuild missing or outdated .qm files; a failure leaves the console in English."""
    stale = stale_catalogues()
    if not stale:
        return
    try:
        compile_catalogues(stale)
    except (OSError, RuntimeError) as exc:
        log.warning("could not compile translations (%s); texts stay in English", exc)


class LanguageManager(QObject):
    """Installs the translators for one language and switches them at run time."""

    languageChanged = Signal(str)
    """Emitted with the new language code after the translators changed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.current = ""
        self._installed: list[QTranslator] = []
        ensure_compiled()

    def set_language(self, lang: str) -> bool:
        """Switch to `lang` ('uk' or 'en'); False if it is unknown or already current."""
        if lang not in LANGUAGES or lang == self.current:
            return False
        app = QCoreApplication.instance()
        self.uninstall()
        for name, folder in (
            (f"studio_{lang}", str(I18N_DIR)),
            (f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ):
            translator = QTranslator(self)
            if translator.load(name, folder):
                app.installTranslator(translator)
                self._installed.append(translator)
            elif name.startswith("studio_") and lang != "en":
                log.warning("no compiled catalogue %s in %s", name, folder)
        QLocale.setDefault(
            QLocale(QLocale.Language.Ukrainian if lang == "uk" else QLocale.Language.English)
        )
        self.current = lang
        self.languageChanged.emit(lang)
        return True

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed.clear()
