"""Read queries behind the staff list (Nhân sự page): which person ids match an
as-you-type search and the filters, in Vietnamese name order, and their rows.

Qt-free so the CLI, tests, the bench and the GUI share it. Search is
accent-insensitive on precomputed folded columns (``person.name_key``,
``unit.name_key``) and on the CCCD digits; order is ``person.sort_key``
(given name first, Vietnamese alphabet), computed once on write by
``services.records``. Every value is a bound parameter.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any

from db import repo
from db.connection import connect
from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.services import people_sort

_BATCH = 500  # ids per IN (...) query, below SQLite's parameter limit

# Status filter: working today, left, or everyone.
STATUSES = (("dang_lam", "Đang làm việc"), ("da_nghi", "Đã nghỉ"), ("tat_ca", "Tất cả"))
AGE_BANDS = (("duoi_30", "Dưới 30 tuổi"), ("30_50", "Từ 30 đến 50 tuổi"), ("tren_50", "Trên 50 tuổi"),
             ("qua_tuoi", "Quá tuổi nghỉ hưu"))


@dataclass(frozen=True)
class StaffFilter:
    """What the clerk asked for; empty values mean "no filter"."""

    text: str = ""
    unit_id: int | None = None
    title_code: str | None = None
    employment_kind: str | None = None
    status: str = "dang_lam"
    age_band: str | None = None
    order: str = "full_name"  # a PERSON column (services.people_sort)
    descending: bool = False


def _years_before(day: dt.date, years: int) -> str:
    try:
        return day.replace(year=day.year - years).isoformat()
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28).isoformat()


def _where(ctx: Context, f: StaffFilter) -> tuple[str, list[Any]]:
    """Everything but the text: plain column filters, status and age band."""
    clauses: list[str] = []
    params: list[Any] = []
    today = ctx.today.isoformat()
    for column, value in (("p.unit_id", f.unit_id), ("p.title_code", f.title_code),
                          ("p.employment_kind", f.employment_kind)):
        if value not in (None, ""):
            clauses.append(f"{column} = ?")  # column names are the literals above
            params.append(value)
    if f.status == "dang_lam":
        clauses.append("(p.left_on IS NULL OR p.left_on > ?)")
        params.append(today)
    elif f.status == "da_nghi":
        clauses.append("p.left_on <= ?")
        params.append(today)
    clauses += _age_clause(ctx.today, f.age_band, params)
    return " AND ".join(clauses) or "1", params


def _age_clause(today: dt.date, band: str | None, params: list[Any]) -> list[str]:
    """Age bands on the ISO birth date (a year-only date counts as 1 January)."""
    if band == "duoi_30":
        params.append(_years_before(today, 30))
        return ["p.birth_date > ?"]
    if band == "30_50":
        params += [_years_before(today, 50), _years_before(today, 30)]
        return ["p.birth_date >= ? AND p.birth_date <= ?"]
    if band == "tren_50":
        params.append(_years_before(today, 50))
        return ["p.birth_date < ?"]
    if band == "qua_tuoi":
        params.append(today.isoformat())
        return ["p.retire_on <= ?"]
    return []


# Searchable text of a person: folded name and CCCD; the NUL separator keeps
# a typed query from matching across the two. Unit names are matched apart
# (2,500 units) so the 50,000-row query needs no join.
_HAYSTACK = "p.name_key || char(0) || coalesce(p.cccd, '')"


def _candidates_sql(where: str) -> str:
    return (f"SELECT p.id, {_HAYSTACK}, p.unit_id FROM person p "
            f"WHERE {where} ORDER BY p.sort_key, p.id")  # where: literal clauses only


class Roster:
    """As-you-type search over one context's staff.

    The column filters run in SQL (ORDER BY sort_key) once per filter and
    data change; each keystroke then narrows that ordered candidate list by
    the folded text in memory, starting from the previous keystroke's result
    when the new text extends it (SPEC §5: as-you-type at 50,000 people).
    ``first`` answers the opening screen with one LIMIT query, before the
    whole ordered list exists; ``prefetch`` then reads that list on a read-only
    connection of its own in a thread (≈ 0.3 s at 50,000 people, most of it
    SQLite with the GIL released), so the GUI is not held up meanwhile.
    """

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self._base_key: tuple | None = None
        self._base: list[tuple[int, str, int | None]] = []
        self._units: tuple[tuple, list[tuple[int, str]]] = ((), [])
        self._last: tuple[str, list[tuple[int, str, int | None]]] = ("", [])
        self._prefetch: tuple[tuple, threading.Thread, list] | None = None
        self._ranks: tuple[tuple, dict[int, int]] = ((), {})

    def _stamp(self) -> tuple[int, int]:
        # Any write on this connection or a commit by another one invalidates the cache.
        version = self.ctx.db.execute("PRAGMA data_version").fetchone()[0]
        return self.ctx.db.conn.total_changes, version

    def _key(self, f: StaffFilter) -> tuple:
        where, params = _where(self.ctx, f)
        return where, tuple(params), self._stamp()

    def ready(self, f: StaffFilter) -> bool:
        """True when ``ids(f)`` needs no SQL (the ordered candidates are cached)."""
        return self._key(f) == self._base_key

    def first(self, f: StaffFilter, limit: int) -> tuple[list[int], int]:
        """The first ``limit`` ids in name order and the total, ignoring ``f.text``."""
        where, params = _where(self.ctx, f)
        head = self.ctx.db.execute(f"SELECT p.id FROM person p WHERE {where} "  # literal clauses only
                                   "ORDER BY p.sort_key, p.id LIMIT ?", [*params, limit]).fetchall()
        total = self.ctx.db.execute(f"SELECT count(*) FROM person p WHERE {where}", params).fetchone()[0]
        return [row[0] for row in head], total

    def prefetch(self, f: StaffFilter) -> None:
        """Start reading ``f``'s ordered candidates in a thread; ``ids(f)`` takes them
        (waiting if need be) unless the data changed since this call."""
        key = self._key(f)
        if self.ctx.path is None or key == self._base_key or (self._prefetch and self._prefetch[0] == key):
            return
        box: list = []
        path, (where, params, _stamp) = self.ctx.path, key

        def read() -> None:
            try:
                db = connect(path, readonly=True)
                try:
                    box.append(db.execute(_candidates_sql(where), list(params)).fetchall())
                finally:
                    db.close()
            except Exception as exc:  # noqa: BLE001 - the GUI thread reads the list itself then
                box.append(exc)

        thread = threading.Thread(target=read, name="staff list", daemon=True)
        thread.start()
        self._prefetch = (key, thread, box)

    def _prefetched(self, key: tuple) -> list | None:
        if self._prefetch is None:
            return None
        wanted, thread, box = self._prefetch
        self._prefetch = None
        if wanted != key:
            return None  # another filter, or the data changed since: read afresh
        thread.join()
        return box[0] if box and isinstance(box[0], list) else None

    def _candidates(self, f: StaffFilter) -> list[tuple[int, str, int | None]]:
        key = self._key(f)
        if key != self._base_key:
            where, params, _stamp = key
            found = self._prefetched(key)
            if found is None:
                found = self.ctx.db.execute(_candidates_sql(where), list(params)).fetchall()
            self._base = found
            self._base_key, self._last = key, ("", self._base)
        return self._base

    def _units_named(self, text: str) -> set[int]:
        stamp = self._base_key[2] if self._base_key else self._stamp()
        if self._units[0] != stamp:
            self._units = (stamp, self.ctx.db.execute("SELECT id, name_key FROM unit").fetchall())
        return {unit_id for unit_id, name in self._units[1] if text in name}

    def ids(self, f: StaffFilter | None = None) -> list[int]:
        """Ids of the people matching ``f``, in Vietnamese name order or ``f.order``."""
        f = f or StaffFilter()
        found = self._matching(f)
        if people_sort.is_default(f.order, f.descending):
            return found
        key = (f.order, f.descending, self._base_key[2] if self._base_key else self._stamp())
        if self._ranks[0] != key:
            self._ranks = (key, people_sort.ranks(self.ctx, f.order, f.descending))
        rank = self._ranks[1]
        return sorted(found, key=lambda person_id: rank.get(person_id, len(rank)))

    def _matching(self, f: StaffFilter) -> list[int]:
        base = self._candidates(f)
        text = vntext.fold(f.text)
        if not text:
            return [row[0] for row in base]
        previous_text, previous = self._last
        pool = previous if previous_text and previous_text in text else base
        units = self._units_named(text)
        if units:
            found = [row for row in pool if text in row[1] or row[2] in units]
        else:
            found = [row for row in pool if text in row[1]]
        self._last = (text, found)
        return [row[0] for row in found]


def search_ids(ctx: Context, f: StaffFilter | None = None) -> list[int]:
    """One-off search (scripts, CLI, tests); the GUI keeps a ``Roster``."""
    return Roster(ctx).ids(f)


def rows(ctx: Context, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The rows of ``ids`` keyed by id, each with ``unit_name`` for display."""
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start:start + _BATCH]
        marks = ", ".join("?" for _ in chunk)
        for row in repo.query(ctx.db, "SELECT p.*, u.name AS unit_name FROM person p "
                              f"LEFT JOIN unit u ON u.id = p.unit_id WHERE p.id IN ({marks})", chunk):
            found[row["id"]] = row
    return found


def get(ctx: Context, person_id: int) -> dict[str, Any] | None:
    found = rows(ctx, [person_id])
    return found.get(person_id)


def unit_choices(ctx: Context) -> list[tuple[int, str]]:
    """(id, "name (code)") of every unit, active ones first, each group by folded name
    (SQL order on the precomputed key: a province's 2,500 units in a few ms)."""
    found = repo.query(ctx.db, "SELECT id, code, name FROM unit ORDER BY "
                       "(status <> 'hoat_dong' OR (valid_to IS NOT NULL AND valid_to <= ?)), name_key, code",
                       [ctx.today.isoformat()])
    return [(r["id"], f"{r['name']} ({r['code']})") for r in found]


def title_choices(ctx: Context) -> list[tuple[str, str]]:
    """CDNN codes of the catalogue with their names, by code; the old codes (kept for
    history) after the current ones and marked so. (Codes outside the catalogue are
    still found by the search box; listing them would scan every person.)"""
    items = sorted(ctx.catalogues.items("cdnn"), key=lambda i: (bool(i.get("obsolete")), i["code"]))
    return [(i["code"], f"{i['code']} — {i['label']}" + (" (mã cũ)" if i.get("obsolete") else ""))
            for i in items]


def age(ctx: Context, birth_date: str | None) -> int | None:
    born = vntext.to_date(birth_date)
    if born is None:
        return None
    today = ctx.today
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
