"""``Database``: the open data file as the services see it (``ctx.db``).

A thin wrapper over one ``sqlite3.Connection`` with the part of
``sqlite_utils.Database`` the project uses — ``execute``, ``executemany``,
``executescript``, ``atomic()`` (nested blocks become savepoints), ``conn``,
``close``, ``table_names`` — with the same transaction behaviour as
sqlite-utils 4 (a write outside a transaction is committed at once; a failed
statement never leaves an implicit transaction open). Importing sqlite-utils
costs about a quarter of a second (click, dateutil, pluggy) on every start of
the program; its table API is still there, created on first use
(``db["unit"]``, or any other sqlite-utils attribute).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.errors import DatabaseError

if TYPE_CHECKING:
    import sqlite_utils

    from db.integrity import BackgroundCheck

Params = Sequence[Any] | Mapping[str, Any] | None
_TRANSACTION_CONTROL = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"})


def first_keyword(sql: str) -> str:
    """The first SQL keyword, upper-cased, after whitespace, ``;``, a BOM and comments."""
    i, n = 0, len(sql)
    while i < n:
        if sql[i].isspace() or sql[i] in (";", "\ufeff"):
            i += 1
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            i = n if end < 0 else end + 1
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            break
    start = i
    while i < n and (sql[i].isalpha() or sql[i] == "_"):
        i += 1
    return sql[start:i].upper()


# SQLite's words for a problem with the file rather than the statement: a full disk, a file or
# folder that cannot be written, an I/O error. They become a Vietnamese DatabaseError.
_FILE_PROBLEMS = ("disk is full", "readonly", "read-only", "disk i/o error", "unable to open",
                  "database is locked")


class FileProblem(DatabaseError, sqlite3.OperationalError):
    """A file problem met while writing (``kind`` full, readonly, locked …): a DatabaseError for
    the boundary's message, still an OperationalError for code that catches SQLite's own."""


def file_problem(exc: BaseException, path: Path | None) -> BaseException:
    """``exc`` as a FileProblem if SQLite says the file is full, read-only, locked or failing."""
    if not isinstance(exc, sqlite3.OperationalError) or isinstance(exc, FileProblem):
        return exc
    if not any(words in str(exc).lower() for words in _FILE_PROBLEMS):
        return exc
    from db.connection import translate  # connection imports this module

    known = translate(exc, path or Path("?"))
    problem = FileProblem(str(known), kind=known.kind)
    problem.detail = str(exc)
    return problem


class Database:
    """One open connection; see the module docstring."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None):
        self.conn = conn
        # Called with True after the outermost transaction commits, False after it rolls back
        # (the services' change notification hangs here: desktop_app.changes).
        self.settled_hooks: list[Callable[[bool], None]] = []
        self.path = path
        self._full: sqlite_utils.Database | None = None
        self.integrity: BackgroundCheck | None = None  # a quick_check still to answer (db/integrity.py)
        # sqlite_utils.Database turns recursive triggers on for every connection it wraps;
        # the schema's triggers were written (and tested) with them on.
        conn.execute("PRAGMA recursive_triggers=on;")

    # ------------------------------------------------------------ statements
    def execute(self, sql: str, parameters: Params = None) -> sqlite3.Cursor:
        """Run one statement; a write outside a transaction is committed at once."""
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
        except Exception as exc:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")  # never leave the failed statement's transaction open
            self._raise_known(exc)
            raise
        if (not was_in_transaction and self.conn.in_transaction and cursor.description is None
                and first_keyword(sql) not in _TRANSACTION_CONTROL):
            self.conn.execute("COMMIT")
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any] | Mapping[str, Any]]) -> sqlite3.Cursor:
        """``executemany`` with ``execute``'s commit and roll-back rules."""
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.executemany(sql, rows)
        except Exception as exc:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self._raise_known(exc)
            raise
        if not was_in_transaction and self.conn.in_transaction:
            self.conn.execute("COMMIT")
        return cursor

    def executescript(self, sql: str) -> sqlite3.Cursor:
        """Several statements; inside a transaction they join it (no implicit COMMIT)."""
        if self.conn.in_transaction:
            from sqlite_utils.db import _iter_complete_sql_statements  # rare: scripts inside atomic()

            cursor = self.conn.cursor()
            for statement in _iter_complete_sql_statements(sql):
                cursor.execute(statement)
            return cursor
        return self.conn.executescript(sql)

    # ------------------------------------------------------------ transactions
    @contextlib.contextmanager
    def atomic(self) -> Generator[Database, None, None]:
        """One transaction; a nested block is a savepoint rolled back on its own error."""
        if self.conn.in_transaction:
            savepoint = f"sqlite_utils_{os.urandom(16).hex()}"  # as sqlite-utils names them
            self.conn.execute(f"SAVEPOINT {savepoint};")
            try:
                yield self
            except BaseException:
                # A RAISE(ROLLBACK) trigger may have destroyed the whole transaction already.
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint};")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint};")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint};")
        else:
            # IMMEDIATE: the write lock is taken here, where SQLite's busy handler waits for
            # another writer (the dashboard worker storing its cache). A deferred BEGIN would
            # take it at the first write after a read, an upgrade SQLite refuses at once with
            # "database is locked" instead of waiting.
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                self._raise_known(exc)
                raise
            try:
                yield self
            except BaseException as exc:
                self.rollback()
                self._settled(False)
                self._raise_known(exc)
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except BaseException as exc:
                    self.rollback()
                    self._settled(False)
                    self._raise_known(exc)
                    raise
                self._settled(True)

    def _settled(self, committed: bool) -> None:
        for hook in list(self.settled_hooks):
            hook(committed)

    def _raise_known(self, exc: BaseException) -> None:
        known = file_problem(exc, self.path)
        if known is not exc:
            raise known from exc

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    # ------------------------------------------------------------ the rest
    def table_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute("select name from sqlite_master where type = 'table'")]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def full(self) -> sqlite_utils.Database:
        """The sqlite-utils Database over the same connection (imported on first use)."""
        if self._full is None:
            import sqlite_utils

            self._full = sqlite_utils.Database(self.conn)
        return self._full

    def __getitem__(self, table: str) -> Any:
        return self.full()[table]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("conn", "_full", "integrity", "path"):
            raise AttributeError(name)
        return getattr(self.full(), name)
