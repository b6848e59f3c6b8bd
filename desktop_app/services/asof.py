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
    """Per unit id: people on the roll at ``day`` by pay source and employment kind."""
    tally: dict[int, Counter] = defaultdict(Counter)
    for p in roll(ctx, day):
        tally[p["unit_id"]][category(ctx, p)] += 1
    return {uid: Counts(**dict(c)) for uid, c in tally.items()}


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


def positions_at(ctx: Context, day: dt.date | str, unit_ids: list[int] | None = None) -> list[dict]:
    d = _iso(day)
    sql = f"SELECT * FROM position WHERE {_ACTIVE}"
    params: list = [d, d]
    if unit_ids is not None:
        sql += f" AND unit_id IN ({', '.join('?' for _ in unit_ids)})"
        params += list(unit_ids)
    return repo.query(ctx.db, sql + " ORDER BY unit_id, group_code, id", params)


def finance(ctx: Context, year: int) -> dict[int, dict]:
    return {r["unit_id"]: r for r in repo.query(ctx.db, "SELECT * FROM finance WHERE year = ?", [year])}


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
