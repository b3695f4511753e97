"""Agendas from the organiser's spreadsheet and back: `studio import` reads a rundown (xlsx, ods,
csv) into an agenda YAML file, naming every problem by its cell; `studio export` writes an agenda
as a rundown with its planned times, in the same layout (see layout.py and
docs/rundown-template.csv).
"""

from studio.rundown.importer import Imported, RundownError, RundownProblem, import_rundown

__all__ = ["Imported", "RundownError", "RundownProblem", "import_rundown"]
