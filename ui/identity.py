"""The console's name (where QSettings keeps its choices), its default files and its languages:
shared by the launcher (ui/boot.py), which reads them before anything else is imported, and the
console (ui/i18n takes the languages from here)."""

from pathlib import Path

ORGANISATION = "StudioConsole"
APPLICATION = "Studio Console"
DEFAULT_AGENDA = "config/agenda.yaml"
DEFAULT_SETTINGS = "config/settings.yaml"

LANGUAGES: dict[str, str] = {"uk": "Українська", "en": "English"}  # each in its own language
DEFAULT_LANGUAGE = "uk"
I18N_DIR = Path(__file__).resolve().parent / "i18n"


def qm_path(lang: str) -> Path:
    """A language's compiled catalogue (scripts/build_i18n.py makes it; ui/i18n keeps it fresh)."""
    return I18N_DIR / f"studio_{lang}.qm"
