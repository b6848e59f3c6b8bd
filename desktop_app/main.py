"""Composition root: the only module that sees everything.

``bienche`` with no arguments opens the GUI on the default database;
``--self-test`` opens every page offscreen; anything else is the CLI.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" in argv:
        from ui.selftest import self_test

        return self_test(_db_arg(argv))
    if not argv or (len(argv) == 2 and argv[0] == "--db"):
        from ui.app import run_gui

        return run_gui(_db_arg(argv))
    from desktop_app.cli import run

    return run(argv)


def _db_arg(argv: list[str]):
    from pathlib import Path

    from desktop_app.paths import default_db_path

    if "--db" in argv and argv.index("--db") + 1 < len(argv):
        return Path(argv[argv.index("--db") + 1])
    return default_db_path()


if __name__ == "__main__":
    sys.exit(main())
