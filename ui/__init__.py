"""The PySide6 console: a thin view over the Qt-free `studio` engine (see ui/app.py)."""
