"""A package cannot change a locked year (issue #15, SPEC §7): the office's rows of
a locked year's tables (services.period_lock.YEARLY) must read the same after the
package is loaded as before, compared by content with references replaced by the
unit's code and the person's identity (ids change on every reload). Otherwise the
import rolls back; an admin may unlock the year with a reason first.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from db import queries_packages as q
from desktop_app.context import Context
from desktop_app.packages.fmt import PackageError
from desktop_app.services.period_lock import YEARLY, locked_years

_REFS = {"unit_id": "(SELECT code FROM unit WHERE id = t.unit_id)",
         "person_id": "(SELECT coalesce(cccd, '') || '|' || full_name || '|' || coalesce(birth_date, '') "
                      "FROM person WHERE id = t.person_id)"}


@contextmanager
def unchanged(ctx: Context, summary: Any) -> Iterator[None]:
    years = locked_years(ctx)
    before = _snapshot(ctx, summary.office_uid, years) if years else {}
    yield
    if not years:
        return
    after = _snapshot(ctx, summary.office_uid, years)
    changed = sorted({f"{table} năm {year}" for (table, year) in set(before) | set(after)
                      if before.get((table, year)) != after.get((table, year))})
    if changed:
        raise PackageError(f"Gói «{summary.file}» làm thay đổi số liệu đã chốt ({', '.join(changed)}). "
                           "Gói bị từ chối, dữ liệu không thay đổi. Muốn nhập, tài khoản Quản trị phải mở "
                           "khóa năm đó và ghi lý do.")


def _snapshot(ctx: Context, uid: str, years: list[int]) -> dict[tuple[str, int], list[tuple]]:
    out: dict[tuple[str, int], list[tuple]] = {}
    marks = ", ".join("?" for _ in years)
    for table in YEARLY:
        columns = [c for c in q.export_columns(ctx.db, table) if c != "id"]
        select = ", ".join(_REFS.get(c, f't."{c}"') for c in columns)
        for row in ctx.db.execute(f'SELECT t.year, {select} FROM "{table}" t WHERE t.office_uid = ? '
                                  f"AND t.year IN ({marks})", [uid, *years]):
            out.setdefault((table, row[0]), []).append(tuple(map(str, row[1:])))
    return {key: sorted(rows) for key, rows in out.items()}
