"""Biên chế: the application without its GUI.

Owns the composition root (main.py), paths, settings, errors, the CLI and
the Qt-free services: domain rules, import, reports, backup, packages and
targets. Imports ``db`` and the standard library; never PySide6 or ``ui``
(except main.py, the composition root, which starts the GUI).
"""

__version__ = "0.1.0"
