"""Who comes due in a period (issue #19, SPEC §4 lists): the regular step raise and thâm
niên vượt khung (TT 08/2013/TT-BNV as amended by TT 03/2021/TT-BNV; TT 04/2005/TT-BNV),
candidates for an early raise, retirements, contracts ending. The rules' numbers are data
(catalogues ``ngach_luong``, ``hinh_thuc_ky_luat``, ``nang_luong``); nothing here writes.

Step raise: the new step takes effect on the day the person has held the step for the class's
step period (36 months for A0–A3, 24 for B and C), lengthened by every discipline that took
effect within the period (``hinh_thuc_ky_luat.delay_months``) and by 12 months for every year
rated «không hoàn thành nhiệm vụ» that ended within it; the lengthening can bring a further
year or discipline into the period, so it is applied until nothing changes. At the last step
the same period starts thâm niên vượt khung at 5%; each further 12 months adds 1%.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from db import repo
from desktop_app.context import Context
from desktop_app.vntext import to_date

RAISE, TNVK_START, TNVK_UP = "nang_bac", "tnvk_bat_dau", "tnvk_tang"
KIND_LABELS = {RAISE: "Nâng bậc lương", TNVK_START: "Hưởng phụ cấp thâm niên vượt khung",
               TNVK_UP: "Tăng phụ cấp thâm niên vượt khung"}


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass
class Due:
    person_id: int
    full_name: str
    unit_id: int | None
    kind: str
    salary_class: str
    step: int
    coefficient: float | None
    since: dt.date
    due_on: dt.date
    new_step: int
    new_coefficient: float | None
    pct: float | None = None          # thâm niên vượt khung now
    new_pct: float | None = None      # … from due_on
    delay_months: int = 0
    delays: list[str] = field(default_factory=list)


def rule(ctx: Context, code: str) -> dict:
    return ctx.catalogues.item("nang_luong", code) or {}


def _people(ctx: Context, unit_id: int | None, first: dt.date | None = None,
            last: dt.date | None = None) -> list[dict]:
    """People with a step and its date; with a period, only those who can come due in it:
    still working on its first day, and in the step (or TNVK) for at least the shortest
    period (12 months) by its last day — a delay only ever moves the due day later."""
    sql = ("SELECT id, full_name, unit_id, salary_class, salary_step, coefficient, step_since, "
           "seniority_since, allowance_seniority_pct, left_on, retire_on, sort_key FROM person "
           "WHERE office_uid IS NULL AND salary_step IS NOT NULL AND step_since IS NOT NULL")
    args: list = []
    if first is not None and last is not None:
        sql += (" AND (left_on IS NULL OR left_on > ?) AND (retire_on IS NULL OR retire_on > ?)"
                " AND min(step_since, coalesce(seniority_since, step_since)) <= ?")
        args += [first.isoformat(), first.isoformat(), add_months(last, -12).isoformat()]
    if unit_id is not None:
        sql += " AND unit_id = ?"
        args.append(unit_id)
    return repo.query(ctx.db, sql + " ORDER BY unit_id, sort_key, id", args)


class _Delays:
    """A person's disciplines and KHTNV years, read once for the whole list."""

    def __init__(self, ctx: Context):
        forms = ctx.catalogues.items("hinh_thuc_ky_luat")
        months = {i["code"]: int(i.get("delay_months") or 0) for i in forms}
        self.labels = {i["code"]: i["label"] for i in forms}
        self.discipline: dict[int, list[tuple[dt.date, int, str]]] = {}
        for r in repo.query(ctx.db, "SELECT person_id, form, from_date FROM discipline"):
            day = to_date(r["from_date"])
            if day and months.get(r["form"]):
                self.discipline.setdefault(r["person_id"], []).append((day, months[r["form"]], r["form"]))
        self.khtnv: dict[int, list[int]] = {}
        for r in repo.query(ctx.db, "SELECT person_id, year FROM evaluation WHERE level = 'KHTNV'"):
            self.khtnv.setdefault(r["person_id"], []).append(int(r["year"]))
        self.year_months = int(rule(ctx, "KHTNV_DELAY").get("months") or 12)

    def lengthen(self, person_id: int, start: dt.date, months: int) -> tuple[dt.date, int, list[str]]:
        """The due day after ``months`` from ``start`` with every delay inside the period."""
        if person_id not in self.discipline and person_id not in self.khtnv:
            return add_months(start, months), 0, []  # most people: nothing to lengthen
        extra, reasons = 0, []
        while True:
            due = add_months(start, months + extra)
            hits = [(d, m, f) for d, m, f in self.discipline.get(person_id, []) if start <= d < due]
            years = [y for y in self.khtnv.get(person_id, []) if start <= dt.date(y, 12, 31) < due]
            total = sum(m for _, m, _ in hits) + self.year_months * len(years)
            if total == extra:
                reasons = [f"{self.labels.get(f, f)} từ {d:%d/%m/%Y}: {m} tháng" for d, m, f in hits]
                reasons += [f"Năm {y} không hoàn thành nhiệm vụ: {self.year_months} tháng" for y in years]
                return due, extra, reasons
            extra = total


def _classes(ctx: Context) -> dict[str, dict]:
    return {i["code"]: i for i in ctx.catalogues.items("ngach_luong") if i.get("coefficients")}


def next_step(ctx: Context, p: dict, delays: _Delays, classes: dict[str, dict]) -> Due | None:
    """What comes next for one person, or None without a known class, step and step date."""
    item, since = classes.get(p["salary_class"] or ""), to_date(p["step_since"])
    if not item or since is None:
        return None
    step, steps, coefs = int(p["salary_step"]), int(item["steps"]), item["coefficients"]
    months = int(item["step_years"]) * 12
    pct = p["allowance_seniority_pct"]
    base = Due(p["id"], p["full_name"], p["unit_id"], RAISE, item["code"], step, p["coefficient"],
               since, since, min(step + 1, steps), None, pct)
    if step < steps:
        base.new_coefficient = float(coefs[step])
        start = since
    elif not p["seniority_since"]:
        base.kind, base.new_pct, start = TNVK_START, float(rule(ctx, "TNVK_FIRST").get("percent") or 5), since
    else:
        first = float(rule(ctx, "TNVK_FIRST").get("percent") or 5)
        now = float(pct or first)
        base.kind, base.new_pct = TNVK_UP, now + float(rule(ctx, "TNVK_YEARLY").get("percent") or 1)
        started = to_date(p["seniority_since"])
        assert started is not None
        start, months = add_months(started, 12 * int(now - first)), 12
    base.since = start
    base.due_on, base.delay_months, base.delays = delays.lengthen(p["id"], start, months)
    if base.kind != RAISE:
        base.new_step, base.new_coefficient = step, p["coefficient"]
    return base


def step_raises(ctx: Context, first: dt.date, last: dt.date, unit_id: int | None = None) -> list[Due]:
    """People whose next raise or TNVK step falls in [first, last] and who still work then."""
    delays, classes, out = _Delays(ctx), _classes(ctx), []
    for p in _people(ctx, unit_id, first, last):
        due = next_step(ctx, p, delays, classes)
        if due and first <= due.due_on <= last and _working(p, due.due_on):
            out.append(due)
    return out


def _working(p: dict, day: dt.date) -> bool:
    left, retire = to_date(p["left_on"]), to_date(p["retire_on"])
    return (left is None or left > day) and (retire is None or retire > day)


# ------------------------------------------------------------ early raise candidates

@dataclass
class Early:
    due: Due
    reason: str          # "thanh_tich" or "nghi_huu"
    detail: str


def early_candidates(ctx: Context, first: dt.date, last: dt.date, unit_id: int | None = None) -> list[Early]:
    """(a) achievement: not at the last step, on 31/12 of the period's year at most 12 months
    short of the regular raise, a khen thưởng in the step period and no discipline in it;
    (b) retirement notice due in the period and the regular raise at most 12 months after
    retirement (TT 08/2013/TT-BNV Điều 3, TT 03/2021/TT-BNV)."""
    delays, classes, out = _Delays(ctx), _classes(ctx), []
    awards = _awards(ctx)
    window = int(rule(ctx, "EARLY_MONTHS").get("months") or 12)
    year_end = dt.date(last.year, 12, 31)
    for p in _people(ctx, unit_id):
        d = next_step(ctx, p, delays, classes)
        if d is None or d.kind != RAISE or not _working(p, first):
            continue
        notice, retire = notice_day(ctx, p["retire_on"]), to_date(p["retire_on"])
        if notice and retire and first <= notice <= last and \
                add_months(d.due_on, -window) <= retire < d.due_on:
            out.append(Early(d, "nghi_huu", f"Nghỉ hưu từ {retire:%d/%m/%Y}"))
            continue
        won = [a for a in awards.get(p["id"], []) if a[0] >= d.since.year]
        if (year_end < d.due_on <= add_months(year_end, window) and won and not d.delay_months
                and _working(p, year_end)):
            out.append(Early(d, "thanh_tich", "; ".join(f"{f} năm {y}" for y, f in won)))
    return out


def _awards(ctx: Context) -> dict[int, list[tuple[int, str]]]:
    out: dict[int, list[tuple[int, str]]] = {}
    for r in repo.query(ctx.db, "SELECT person_id, year, form FROM award ORDER BY year, id"):
        out.setdefault(r["person_id"], []).append((int(r["year"]), r["form"]))
    return out


def early_quota(ctx: Context, unit_id: int) -> tuple[int, int, float]:
    """(quota, people on the unit's payroll now, percent) — the percent is catalogue data."""
    pct = float(rule(ctx, "EARLY_QUOTA").get("percent") or 0)
    n = ctx.db.execute("SELECT count(*) FROM person WHERE unit_id = ? AND office_uid IS NULL AND "
                       "(left_on IS NULL OR left_on > ?)", [unit_id, ctx.today.isoformat()]).fetchone()[0]
    return int(n * pct / 100 + 0.5), n, pct


# ------------------------------------------------------------ retirements and contracts

def notice_day(ctx: Context, retire_on: str | None) -> dt.date | None:
    retire = to_date(retire_on)
    months = int(rule(ctx, "RETIRE_NOTICE").get("months") or 6)
    return add_months(retire, -months) if retire else None


def decision_day(ctx: Context, retire_on: str | None) -> dt.date | None:
    retire = to_date(retire_on)
    months = int(rule(ctx, "RETIRE_DECISION").get("months") or 3)
    return add_months(retire, -months) if retire else None


def retirements(ctx: Context, first: dt.date, last: dt.date, unit_id: int | None = None) -> list[dict]:
    """People still working whose retirement date (``person.retire_on``, from the roadmap of
    NĐ 135/2020 — services.retirement) falls in the period."""
    sql = ("SELECT id, full_name, unit_id, birth_date, gender, title_code, retire_on FROM person "
           "WHERE office_uid IS NULL AND retire_on BETWEEN ? AND ? "
           "AND (left_on IS NULL OR left_on > retire_on)")
    args: list = [first.isoformat(), last.isoformat()]
    if unit_id is not None:
        sql += " AND unit_id = ?"
        args.append(unit_id)
    return repo.query(ctx.db, sql + " ORDER BY retire_on, sort_key, id", args)


def contracts_ending(ctx: Context, first: dt.date, last: dt.date, unit_id: int | None = None) -> list[dict]:
    """Contracts not yet ended whose end date falls in the period, of people still working then."""
    sql = ("SELECT c.*, p.full_name, p.unit_id, p.cccd FROM contract c JOIN person p ON p.id = c.person_id "
           "WHERE c.office_uid IS NULL AND c.ended_on IS NULL AND c.to_date BETWEEN ? AND ? "
           "AND (p.left_on IS NULL OR p.left_on > c.to_date)")
    args: list = [first.isoformat(), last.isoformat()]
    if unit_id is not None:
        sql += " AND p.unit_id = ?"
        args.append(unit_id)
    return repo.query(ctx.db, sql + " ORDER BY c.to_date, p.sort_key, c.id", args)


# ------------------------------------------------------------ the dashboard card

@dataclass
class Soon:
    """What comes due this month and next (the dashboard's «Sắp đến hạn» card)."""
    first: dt.date
    last: dt.date
    raises: int
    retirements: int
    contracts: int


def soon(ctx: Context) -> Soon:
    first = ctx.today.replace(day=1)
    last = add_months(first, 2) - dt.timedelta(days=1)
    return Soon(first, last, len(step_raises(ctx, first, last)), len(retirements(ctx, first, last)),
                len(contracts_ending(ctx, first, last)))
