"""The console's name (where QSettings keeps its choices) and its default files: shared by the
launcher (ui/boot.py), which reads them before anything else is imported, and the console."""

ORGANISATION = "StudioConsole"
APPLICATION = "Studio Console"
DEFAULT_AGENDA = "config/agenda.yaml"
DEFAULT_SETTINGS = "config/settings.yaml"
