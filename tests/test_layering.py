"""STYLE.md import rules, checked on the source: db knows nothing of the rest,
services never import Qt or ui, ui never touches db or sqlite."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _violations(package: str, forbidden: tuple[str, ...], allowed: tuple[str, ...] = (),
                skip: tuple[str, ...] = ()) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in skip:
            continue
        for name in _imports(path):
            if name.startswith(forbidden) and not name.startswith(allowed):
                found.append(f"{rel} imports {name}")
    return found


def test_db_imports_nothing_of_ours_but_errors():
    assert _violations("db", ("desktop_app", "ui", "PySide6"), allowed=("desktop_app.errors",)) == []


def test_services_never_import_qt_or_ui():
    assert _violations("desktop_app", ("PySide6", "ui"), skip=("desktop_app/main.py",)) == []


def test_ui_never_imports_db_or_sqlite():
    assert _violations("ui", ("db", "sqlite3", "sqlite_utils")) == []


def test_ui_writes_no_sql():
    keywords = ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM")
    offenders = [p.relative_to(ROOT).as_posix() for p in (ROOT / "ui").rglob("*.py")
                 if any(k in p.read_text("utf-8") for k in keywords)]
    assert offenders == []
