""" "As of date D" views derived from dated rows (SPEC §2): units active at D,
the staff roll at D from the ``assignment`` history, quotas of a year and
job positions at D. Every interval is half-open: valid_from ≤ D < valid_to.

Reports, checks and targets read these so one date means one set of people.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from db import repo
from desktop_app.context import Context

# Roll categories of the SLNLV tables (ND 106/2020, ND 111/2022).
NSNN, REVENUE, CONTRACT, OTHER = "nsnn", "revenue_paid", "contract", "other"

_ACTIVE = "(valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to > ?)"


def _iso(day: dt.date | str) -> str:
    return day.isoformat() if isinstance(day, dt.date) else str(day)


def units_active(ctx: Context, day: dt.date | str, unit_code: str | None = None) -> list[dict]:
    """Units in operation on ``day``; an open-ended unit must still be 'hoat_dong'."""
    d = _iso(day)
    sql = f"SELECT * FROM unit WHERE {_ACTIVE} AND (valid_to IS NOT NULL OR status = 'hoat_dong')"
    params: list = [d, d]
    if unit_code:
        sql += " AND code = ?"
        params.append(unit_code)
    return repo.query(ctx.db, sql + " ORDER BY field, code", params)


def roll(ctx: Context, day: dt.date | str, unit_ids: list[int] | None = None) -> list[dict]:
    """People on the roll at ``day``: the assignment in force joined to the person.

    The post fields (unit, title, grade, pay source, employment kind…) come
    from the assignment, so a transfer after ``day`` does not move the person
    back in time; personal fields (name, birth, education) from the person."""
    d = _iso(day)
    sql = (
        "SELECT p.id AS person_id, p.full_name, p.sort_key, p.birth_date, p.gender, p.ethnicity, "
        "p.religion, p.party_member, p.education_level, p.education_field, p.politics_level, "
        "p.state_mgmt_level, p.it_level, p.language_level, p.recruited_on, p.retire_on, "
        "p.allowance_position, p.allowance_seniority_pct, p.allowance_profession_pct, "
        "p.insurance_years, p.left_on, p.leave_reason, p.note, "
        "a.unit_id, a.position_id, a.leader_role, a.title_code, a.title_rank, a.career_level, "
        "a.salary_class, a.salary_step, a.coefficient, a.pay_source, a.employment_kind "
        "FROM assignment a JOIN person p ON p.id = a.person_id "
        "WHERE a.valid_from <= ? AND (a.valid_to IS NULL OR a.valid_to > ?)"
    )
    params: list = [d, d]
    if unit_ids is not None:
        sql += f" AND a.unit_id IN ({', '.join('?' for _ in unit_ids)})"
        params += list(unit_ids)
    return repo.query(ctx.db, sql + " ORDER BY a.unit_id, p.sort_key, p.id", params)


def category(ctx: Context, person: dict) -> str:
    """nsnn / revenue_paid / contract / other for one roll row."""
    kind = ctx.catalogues.item("loai_lao_dong", person.get("employment_kind")) or {}
    if kind.get("counts_in_slnlv"):
        return REVENUE if person.get("pay_source") == "NGUON_THU" else NSNN
    if person.get("employment_kind") == "HDLD_111":
        return CONTRACT
    return OTHER


@dataclass
class Counts:
    nsnn: int = 0
    revenue_paid: int = 0
    contract: int = 0
    other: int = 0

    @property
    def slnlv(self) -> int:
        return self.nsnn + self.revenue_paid


def roll_counts(ctx: Context, day: dt.date | str) -> dict[int, Counts]:
    """Per unit id: people on the roll at ``day`` by pay source and employment kind.

    Counted in SQL by (unit, pay source, kind) and categorised per group, not
    per person: the dashboard asks this for many dates of a 50k-person file."""
    d = _iso(day)
    tally: dict[int, Counter] = defaultdict(Counter)
    for r in repo.query(ctx.db, """
            SELECT unit_id, pay_source, employment_kind, count(*) AS n FROM assignment
            WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)
            GROUP BY unit_id, pay_source, employment_kind""", [d, d]):
        tally[r["unit_id"]][category(ctx, r)] += r["n"]
    return {uid: Counts(**dict(c)) for uid, c in tally.items()}


def roll_total(ctx: Context, day: dt.date | str, unit_ids: set[int] | None = None) -> Counts:
    """People on the roll at ``day`` by category, summed over ``unit_ids`` (all when None)."""
    total = Counts()
    for uid, c in roll_counts(ctx, day).items():
        if unit_ids is None or uid in unit_ids:
            for name in ("nsnn", "revenue_paid", "contract", "other"):
                setattr(total, name, getattr(total, name) + getattr(c, name))
    return total


def roll_by_kind(ctx: Context, day: dt.date | str) -> dict[tuple[str | None, str | None], int]:
    """People on the roll at ``day`` per (pay source, employment kind)."""
    d = _iso(day)
    return {(r["pay_source"], r["employment_kind"]): r["n"] for r in repo.query(ctx.db, """
        SELECT pay_source, employment_kind, count(*) AS n FROM assignment
        WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)
        GROUP BY pay_source, employment_kind""", [d, d])}


def actual_counts(ctx: Context, year: int, day: dt.date | str) -> dict[int, Counts]:
    """Có mặt for a year: counted from records at ``day``, or the figure entered
    in the quota row for years before records were kept (SPEC §2)."""
    counted = roll_counts(ctx, day)
    for uid, q in quotas(ctx, year).items():
        if uid not in counted and q.get("actual_nsnn") is not None:
            counted[uid] = Counts(
                q["actual_nsnn"] or 0, q.get("actual_revenue_paid") or 0, q.get("actual_contract") or 0
            )
    return counted


def quotas(ctx: Context, year: int) -> dict[int, dict]:
    """Per unit id: the quota row of ``year`` (giao NSNN / nguồn thu / HĐLĐ)."""
    return {r["unit_id"]: r for r in repo.query(ctx.db, "SELECT * FROM quota WHERE year = ?", [year])}


def quotas_at(ctx: Context, day: dt.date | str) -> dict[int, dict]:
    """The quota rows in force at ``day`` (those of its year) for units active at ``day``."""
    year = int(_iso(day)[:4])
    active = {u["id"] for u in units_active(ctx, day)}
    return {uid: q for uid, q in quotas(ctx, year).items() if uid in active}


def quota_totals(ctx: Context, first: int, last: int) -> dict[int, dict[str, int]]:
    """Per year in [first, last]: giao NSNN / nguồn thu / HĐLĐ summed over the
    units active at 31/12 of that year (a quota of a unit closed during the
    year no longer counts, as in the 19-NQ/TW report)."""
    totals: dict[int, dict[str, int]] = {}
    for r in repo.query(ctx.db, """
            SELECT q.year, sum(q.nsnn) AS nsnn, sum(q.revenue_paid) AS revenue_paid,
                   sum(q.contract) AS contract, count(*) AS units
            FROM quota q JOIN unit u ON u.id = q.unit_id
            WHERE q.year BETWEEN ? AND ?
              AND (u.valid_from IS NULL OR u.valid_from <= q.year || '-12-31')
              AND (u.valid_to IS NULL OR u.valid_to > q.year || '-12-31')
            GROUP BY q.year""", [first, last]):
        totals[r["year"]] = {k: r[k] or 0 for k in ("nsnn", "revenue_paid", "contract", "units")}
    return totals


def units_active_by_year(ctx: Context, first: int, last: int) -> dict[int, int]:
    """Number of units active at 31/12 of each year in [first, last]."""
    rows = repo.query(ctx.db, "SELECT valid_from, valid_to, status FROM unit")
    counts = {}
    for year in range(first, last + 1):
        d = year_end(year).isoformat()
        counts[year] = sum(1 for u in rows if (u["valid_from"] is None or u["valid_from"] <= d)
                           and (u["valid_to"] is None or u["valid_to"] > d)
                           and (u["valid_to"] is not None or u["status"] == "hoat_dong"))
    return counts


def nsnn_spending_by_year(ctx: Context, first: int, last: int) -> dict[int, float]:
    """Chi thường xuyên từ NSNN summed over all units, per year that has figures."""
    return {r["year"]: r["total"] for r in repo.query(ctx.db, """
        SELECT year, sum(nsnn_spending) AS total FROM finance
        WHERE year BETWEEN ? AND ? AND nsnn_spending IS NOT NULL GROUP BY year""", [first, last])}


def positions_at(ctx: Context, day: dt.date | str, unit_ids: list[int] | None = None) -> list[dict]:
    d = _iso(day)
    sql = f"SELECT * FROM position WHERE {_ACTIVE}"
    params: list = [d, d]
    if unit_ids is not None:
        sql += f" AND unit_id IN ({', '.join('?' for _ in unit_ids)})"
        params += list(unit_ids)
    return repo.query(ctx.db, sql + " ORDER BY unit_id, group_code, id", params)


def finance(ctx: Context, year: int | None) -> dict[int, dict]:
    if year is None:
        return {}
    return {r["unit_id"]: r for r in repo.query(ctx.db, "SELECT * FROM finance WHERE year = ?", [year])}


def finance_year(ctx: Context, upto: int) -> int | None:
    """The latest year ≤ ``upto`` with finance figures: a report for the current
    year shows last year's settled accounts rather than a column of zeros."""
    return repo.scalar(ctx.db, "SELECT max(year) FROM finance WHERE year <= ?", [upto])


def finance_note(ctx: Context, year: int) -> str:
    used = finance_year(ctx, year)
    if used is None:
        return "Chưa có số liệu tài chính, tự chủ đến năm báo cáo."
    if used == year:
        return f"Số liệu tài chính, mức tự chủ: năm {used}."
    return f"Số liệu tài chính, mức tự chủ: năm {used} (năm gần nhất có số liệu; năm {year} chưa có)."


def year_end(year: int) -> dt.date:
    """The date yearly figures are taken at: 31/12 of ``year``."""
    return dt.date(year, 12, 31)


def leavers(ctx: Context, first: dt.date | str, last: dt.date | str, reason: str | None = None) -> list[dict]:
    """People who stopped working between ``first`` and ``last`` (inclusive), with
    the post they held on their last day (the assignment closed on left_on)."""
    sql = (
        "SELECT p.*, a.unit_id AS last_unit_id, a.title_code AS last_title_code, "
        "a.coefficient AS last_coefficient, a.leader_role AS last_leader_role "
        "FROM person p LEFT JOIN assignment a ON a.person_id = p.id AND a.valid_to = p.left_on "
        "WHERE p.left_on >= ? AND p.left_on <= ?"
    )
    params: list = [_iso(first), _iso(last)]
    if reason:
        sql += " AND p.leave_reason = ?"
        params.append(reason)
    return repo.query(ctx.db, sql + " ORDER BY p.left_on, p.sort_key, p.id", params)
