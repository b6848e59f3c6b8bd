"""Qt-free services: everything the app does, callable from the GUI, the CLI,
scripts and tests. Services take a ``Context`` and never import PySide6 or ``ui``.
"""
