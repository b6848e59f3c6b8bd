"""Reading one office at a time in a consolidating database: inside
``office_scope(ctx, uid)`` every read query sees only that office's rows
(own data when ``uid`` is None), so each report form can be computed per
office without a line of it changing. Read-only: writes are refused inside.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from db import queries_packages as q
from desktop_app.context import Context


def owners(ctx: Context) -> list[dict]:
    """[{uid, name}] of the offices that own units; more than one means a consolidated database."""
    return q.owners(ctx.db)


@contextmanager
def office_scope(ctx: Context, uid: str | None) -> Iterator[None]:
    q.open_scope(ctx.db.conn, uid)
    try:
        yield
    finally:
        q.close_scope(ctx.db.conn)
