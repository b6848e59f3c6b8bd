"""Writing checked records: one transaction for the whole file.

Rows go in with ``executemany`` (db.bulk) under a larger page cache, a chunk at a time as
the spool (importing.spool) gives them back; a person
also gets the first row of their post history, as ``services.records`` does on
create; the audit log gets one row per imported record (action «nhap», with the
file, sheet and row it came from: the Nhật ký page shows each record's origin).
Assignment and audit rows are built as tuples, not dicts: 50,000 of each.
Any exception — including a cancel — rolls everything back, so a file is
imported entirely or not at all.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Iterator

from db import bulk, queries_dashboard, repo
from desktop_app.context import Context
from desktop_app.entities import POST_FIELDS
from desktop_app.fields import Entity
from desktop_app.importing import as_of as as_of_
from desktop_app.importing.spool import Spool
from desktop_app.importing.validate import Checked
from desktop_app.services import gate

# Test hook: seconds to wait inside the open transaction, after the rows are
# written and before the commit, so a test can kill the process mid-import.
PAUSE_ENV = "BIENCHE_IMPORT_PAUSE"


_POST_COLUMNS = ("id", "person_id", "valid_from", "valid_to", "change", *POST_FIELDS)
_AUDIT_COLUMNS = ("id", "at", "app_user", "os_user", "action", "entity", "entity_id", "field", "old", "new")


def write(ctx: Context, entity: Entity, checked: Spool, file: str,
          check_cancel: Callable[[], None], also: Callable[[], None] | None = None,
          as_of: dt.date | None = None) -> int:
    """Insert the rows (and posts, audit rows), chunk by chunk as the spool gives them back,
    then ``also`` (e.g. remember the clerk's mapping choices), all in one transaction;
    return how many rows were inserted."""
    gate.authorise(ctx, gate.WRITE)  # import_file asked before the long check; the gate again here
    written = 0
    # one "everything changed" mark for the whole file: chunk by chunk, the dashboard's
    # per-row triggers would otherwise log every row of a chunk under BULK_ROWS
    with ctx.db.atomic(), bulk.large_cache(ctx.db), queries_dashboard.unlogged(ctx.db, len(checked)):
        ctx.note_change(entity.name)
        for chunk in checked:
            ids = bulk.insert_many(ctx.db, entity.table, [c.values for c in chunk])
            check_cancel()
            if entity.name == "person":
                bulk.insert_rows(ctx.db, "assignment", _POST_COLUMNS,
                                 _first_posts(ctx, ids, chunk, as_of or ctx.today), count=len(ids))
            bulk.insert_rows(ctx.db, "audit", _AUDIT_COLUMNS, _audit_rows(ctx, entity, ids, chunk, file),
                             count=len(ids))
            written += len(ids)
        if entity.name == "person" and checked.missing_start:
            as_of_.record_start(ctx, as_of or ctx.today)
        if also is not None:
            also()
        _pause_for_tests(ctx, entity)
        check_cancel()
    return written


def _first_posts(ctx: Context, ids: list[int], checked: list[Checked], as_of: dt.date) -> Iterator[tuple]:
    """Each new person's first post: from their recruitment date (change «tuyen_dung») when the
    list gives one, else from the date the list describes («so_lieu_ban_dau»); generated as
    SQLite takes them (memory: never a list of every row)."""
    first, start = bulk.next_id(ctx.db, "assignment"), as_of.isoformat()
    return ((first + i, pid, v.get("recruited_on") or start, v.get("left_on"),
             "tuyen_dung" if v.get("recruited_on") else as_of_.INITIAL, *map(v.get, POST_FIELDS))
            for i, (pid, v) in enumerate(zip(ids, (c.values for c in checked), strict=True)))


def _audit_rows(ctx: Context, entity: Entity, ids: list[int], checked: list[Checked],
                file: str) -> Iterator[tuple]:
    now = dt.datetime.now().isoformat(" ", "seconds")
    first = bulk.next_id(ctx.db, "audit")
    who = (now, ctx.user, ctx.os_user, "nhap", entity.name)
    return ((first + i, *who, row_id, None, None, f"tệp {file}, trang {c.sheet}, dòng {c.row}")
            for i, (row_id, c) in enumerate(zip(ids, checked, strict=True)))


def _pause_for_tests(ctx: Context, entity: Entity) -> None:
    seconds = float(os.environ.get(PAUSE_ENV) or 0)
    if seconds:
        rows = repo.count(ctx.db, entity.table)  # as this uncommitted transaction sees it
        print(f"IMPORT-IN-TRANSACTION {rows}", file=sys.stderr, flush=True)
        time.sleep(seconds)
