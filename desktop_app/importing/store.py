"""Writing checked records: one transaction for the whole file.

Rows go in with ``executemany`` (db.bulk); a person also gets the first row
of their post history, as ``services.records`` does on create; the audit log
gets one row per imported record (action «nhap»). Any exception — including
a cancel — rolls everything back, so a file is imported entirely or not at all.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable

from db import bulk, repo
from desktop_app.context import Context
from desktop_app.entities import POST_FIELDS
from desktop_app.fields import Entity
from desktop_app.importing.validate import Checked

# Test hook: seconds to wait inside the open transaction, after the rows are
# written and before the commit, so a test can kill the process mid-import.
PAUSE_ENV = "BIENCHE_IMPORT_PAUSE"


def write(ctx: Context, entity: Entity, checked: list[Checked], file: str,
          check_cancel: Callable[[], None]) -> list[int]:
    with ctx.db.atomic():
        ids = bulk.insert_many(ctx.db, entity.table, [c.values for c in checked])
        check_cancel()
        if entity.name == "person":
            bulk.insert_many(ctx.db, "assignment", [_first_post(ctx, pid, c.values)
                                                    for pid, c in zip(ids, checked, strict=True)])
        bulk.insert_many(ctx.db, "audit", _audit_rows(ctx, entity, ids, checked, file))
        _pause_for_tests(ctx, entity)
        check_cancel()
    return ids


def _first_post(ctx: Context, person_id: int, v: dict) -> dict:
    return {"person_id": person_id, "valid_from": v.get("recruited_on") or ctx.today.isoformat(),
            "valid_to": v.get("left_on"), "change": "tuyen_dung", **{k: v.get(k) for k in POST_FIELDS}}


def _audit_rows(ctx: Context, entity: Entity, ids: list[int], checked: list[Checked],
                file: str) -> list[dict]:
    now = dt.datetime.now().isoformat(" ", "seconds")
    return [{"at": now, "app_user": ctx.user, "os_user": ctx.os_user, "action": "nhap",
             "entity": entity.name, "entity_id": row_id, "field": None, "old": None,
             "new": f"tệp {file}, trang {c.sheet}, dòng {c.row}"}
            for row_id, c in zip(ids, checked, strict=True)]


def _pause_for_tests(ctx: Context, entity: Entity) -> None:
    seconds = float(os.environ.get(PAUSE_ENV) or 0)
    if seconds:
        rows = repo.count(ctx.db, entity.table)  # as this uncommitted transaction sees it
        print(f"IMPORT-IN-TRANSACTION {rows}", file=sys.stderr, flush=True)
        time.sleep(seconds)
