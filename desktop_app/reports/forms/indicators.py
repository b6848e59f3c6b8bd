"""The quantities several forms print, computed once, as of the report date, and the
19-NQ/TW, 62-KL/TW indicators built from them (SPEC §1; nguong catalogue for targets and
deadlines). kq-nq19 prints the indicator table from here; its prose body reads the same
``Indicators`` so the words and the table carry the same numbers.

Use: ``f = figures(ctx, as_of, year, unit_code)``; ``indicators(ctx, f)`` → one
``services.targets.Target`` per indicator (baseline, now, target, deadline, status);
``describe(target)`` → the indicator in one Vietnamese sentence.

Every figure is "as of": units active at a date (closed ones still count at dates they were
active), the quota of a year for the units active then, spending of a year over the units
that had figures that year. Money stays in đồng here; forms round once, at the end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.services import asof, autonomy, targets
from desktop_app.services.targets import CHUA_DAT, DAT, REDUCE, SHARE, Target

BASE_YEAR = 2021
SPENDING_PERIODS = (("GIAM_CHI_NSNN_2025", (2016, 2020), (2021, 2025)),
                    ("GIAM_CHI_NSNN_2030", (2021, 2025), (2026, 2030)))


@dataclass
class Figures:
    """What the forms share for one report: a date, a year, optionally one unit."""

    as_of: dt.date
    year: int
    units_now: list[dict]
    units_base: list[dict]  # active on 31/12/2021
    quota_now: dict[int, dict]  # quota of ``year``
    quota_base: dict[int, dict]  # quota of 2021
    finance_year: int | None
    autonomy: dict[int, autonomy.Autonomy]  # per unit of units_now
    spending: dict[int, dict[int, float]]  # year → unit id → chi NSNN (đồng)
    fields: dict[int, str]  # unit id → field, for every unit ever
    professional: tuple[int, int] = (0, 0)  # required headcount: professional, all
    unit_ids: set[int] | None = field(default=None)  # the one unit of a --unit report

    def giao_nsnn(self, base: bool = False) -> int:
        units, quota = (self.units_base, self.quota_base) if base else (self.units_now, self.quota_now)
        return sum((quota.get(u["id"]) or {}).get("nsnn") or 0 for u in units)

    def group_counts(self) -> dict[int | None, int]:
        counts: dict[int | None, int] = {g: 0 for g in (1, 2, 3, 4, None)}
        for u in self.units_now:
            counts[self.autonomy[u["id"]].group] += 1
        return counts

    def spending_average(self, first: int, last: int, unit_ids: set[int] | None = None,
                         ) -> tuple[float | None, list[int]]:
        """Bình quân chi NSNN over the years of [first, last] (≤ the report year) having figures."""
        years = [y for y in range(first, min(last, self.year) + 1) if self.spending.get(y)]
        if not years:
            return None, []
        total = sum(v for y in years for uid, v in self.spending[y].items()
                    if unit_ids is None or uid in unit_ids)
        return total / len(years), years


def figures(ctx: Context, as_of: dt.date, year: int, unit_code: str | None = None) -> Figures:
    units_now = asof.units_active(ctx, as_of, unit_code)
    units_base = asof.units_active(ctx, asof.year_end(BASE_YEAR), unit_code)
    fin_year = asof.finance_year(ctx, year)
    fin = asof.finance(ctx, fin_year)
    # every unit founded by the report date: spending is counted for the units that existed then
    fields = {r[0]: r[1] for r in ctx.db.execute(
        "SELECT id, field FROM unit WHERE (valid_from IS NULL OR valid_from <= ?)"
        + (" AND code = ?" if unit_code else ""), [as_of.isoformat()] + ([unit_code] if unit_code else []))}
    spending: dict[int, dict[int, float]] = {}
    for r in ctx.db.execute("SELECT year, unit_id, nsnn_spending FROM finance "
                            "WHERE nsnn_spending IS NOT NULL AND year <= ?", [year]):
        if r[1] in fields:
            spending.setdefault(r[0], {})[r[1]] = r[2]
    shares, _ = targets.professional_share(ctx, as_of)
    ids = {u["id"] for u in units_now}
    pro = (sum(a for uid, (a, _) in shares.items() if uid in ids),
           sum(b for uid, (_, b) in shares.items() if uid in ids))
    return Figures(as_of, year, units_now, units_base, asof.quotas(ctx, year), asof.quotas(ctx, BASE_YEAR),
                   fin_year, {u["id"]: autonomy.assess(fin.get(u["id"])) for u in units_now}, spending,
                   fields, pro, set(fields) if unit_code else None)


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _deadline_year(ctx: Context, code: str, default: int) -> int:
    return int((ctx.catalogues.item("nguong", code) or {}).get("target_year", default))


def indicators(ctx: Context, f: Figures) -> list[Target]:
    """Each indicator against its target and deadline, as of ``f.as_of``."""
    staff = [_staff(ctx, f)] + ([_staff_2030(ctx, f)] if f.year > 2026 else [])
    return [_units(ctx, f), *staff, _autonomy(ctx, f), *_spending(ctx, f), _professional(ctx, f)]


def _units(ctx: Context, f: Figures) -> Target:
    t = targets.declared(ctx, "GIAM_DVSN_2026", REDUCE, "đơn vị",
                         asof.year_end(_deadline_year(ctx, "GIAM_DVSN_2026", 2026)))
    t.baseline, t.baseline_label = len(f.units_base), f"Số đơn vị ngày {_fmt(asof.year_end(BASE_YEAR))}"
    t.now, t.now_label = len(f.units_now), f"Số đơn vị ngày {_fmt(f.as_of)}"
    return t


def _giao(ctx: Context, f: Figures, year: int) -> int | None:
    """Giao NSNN of ``year``: the report's own figure for the report year, else the units active
    on 31/12 of ``year``; None while the year has no quota at all (never a 100% cut)."""
    if year == f.year:
        return f.giao_nsnn() if f.quota_now else None
    quota = asof.quotas(ctx, year)
    if not quota:
        return None
    units = asof.units_active(ctx, asof.year_end(year))
    return sum((quota.get(u["id"]) or {}).get("nsnn") or 0 for u in units
               if f.unit_ids is None or u["id"] in f.unit_ids)


def _staff(ctx: Context, f: Figures) -> Target:
    year = _deadline_year(ctx, "GIAM_BC_NSNN_2026", 2026)
    t = targets.declared(ctx, "GIAM_BC_NSNN_2026", REDUCE, "người", asof.year_end(year))
    t.baseline, t.baseline_label = f.giao_nsnn(base=True), f"Số giao hưởng lương NSNN năm {BASE_YEAR}"
    now = min(f.year, year)  # after the deadline, the figure of the deadline year
    t.now, t.now_label = _giao(ctx, f, now), f"Số giao hưởng lương NSNN năm {now}"
    return t


def _staff_2030(ctx: Context, f: Figures) -> Target:
    """From 2027: the NSNN quota against the one given in 2026 (units active on 31/12/2026)."""
    year = _deadline_year(ctx, "GIAM_BC_NSNN_2030", 2030)
    t = targets.declared(ctx, "GIAM_BC_NSNN_2030", REDUCE, "người", asof.year_end(year))
    t.baseline, t.baseline_label = _giao(ctx, f, 2026), "Số giao hưởng lương NSNN năm 2026"
    now = min(f.year, year)
    t.now, t.now_label = _giao(ctx, f, now), f"Số giao hưởng lương NSNN năm {now}"
    return t


def _autonomy(ctx: Context, f: Figures) -> Target:
    t = targets.declared(ctx, "TY_LE_TU_CHU_2026", SHARE, "%",
                         asof.year_end(_deadline_year(ctx, "TY_LE_TU_CHU_2026", 2026)))
    counts = f.group_counts()
    t.detail = {"nhom": counts, "nam": f.finance_year}
    if f.units_now and f.finance_year is not None:
        t.now = round((counts[1] + counts[2]) * 100.0 / len(f.units_now), 2)
        t.now_label = (f"Nhóm 1 + nhóm 2: {counts[1] + counts[2]}/{len(f.units_now)} đơn vị "
                       f"(năm {f.finance_year})")
    return t


def _spending(ctx: Context, f: Figures) -> list[Target]:
    found = []
    for code, base, period in SPENDING_PERIODS:
        if f.year < period[0]:
            continue
        t = targets.declared(ctx, code, REDUCE, "triệu đồng", asof.year_end(period[1]))
        before, base_years = f.spending_average(*base)
        now, now_years = f.spending_average(*period)
        t.baseline = None if before is None else before / 1e6
        t.now = None if now is None else now / 1e6
        t.baseline_label = targets.years_label(base, base_years)
        t.now_label = targets.years_label(period, now_years)
        found.append(t)
    return found


def _professional(ctx: Context, f: Figures) -> Target:
    t = targets.declared(ctx, "TY_LE_CMNV", SHARE, "%", asof.year_end(2030))
    professional, total = f.professional
    if total:
        t.now = round(professional * 100.0 / total, 2)
        t.now_label = f"{professional}/{total} người làm việc cần thiết ở vị trí chuyên môn, nghiệp vụ"
    t.deadline = ""  # a standing target
    return t


def describe(t: Target) -> str:
    """One indicator in words: result with its figures, target and deadline, đạt / chưa đạt."""
    n = vntext.format_number
    if t.kind == REDUCE:
        change, places = t.change_pct, 2 if t.measure == "triệu đồng" else 0
        result = (f"{t.baseline_label}: {n(t.baseline, places)}; "
                  f"{t.now_label}: {n(t.now, places)} {t.measure}; "
                  f"{'giảm' if (change or 0) <= 0 else 'tăng'} {n(abs(change), 2)}%"
                  if change is not None else "chưa đủ số liệu")
        aim = f"mục tiêu giảm ít nhất {n(t.target, 0)}%"
    else:
        result = f"{t.now_label}: {n(t.now, 2)}%" if t.now is not None else "chưa đủ số liệu"
        aim = f"mục tiêu ít nhất {n(t.target, 0)}%"
    when = f" đến {t.deadline}" if t.deadline else ""
    when += "; mục tiêu chưa kiểm chứng" if t.unverified else ""
    verdict = {DAT: "Đạt", CHUA_DAT: "Chưa đạt"}.get(t.status, "Chưa đủ số liệu")
    return f"{t.label}: {result} ({aim}{when}). {verdict}."
