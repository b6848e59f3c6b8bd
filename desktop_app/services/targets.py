"""The targets of SPEC §1 measured against their baselines (19-NQ/TW, 62-KL/TW).

Each target's value comes from Settings → Chỉ tiêu (``settings.threshold``,
defaulting to the ``nguong`` catalogue); its figures come from the as-of
engine (``services.asof``) so a target and a report read the same people.
A target reports its baseline, the figure now, the change in %, the target,
the deadline, a status (đạt / chưa đạt / chưa đủ số liệu) and, where known
retirements or dated closures say something about the deadline, a projection.

Change % is signed: a quota of 100 that became 88 is −12 %; a reduction target
of 10 % is met when the change is −10 % or lower.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desktop_app.context import Context
from desktop_app.services import asof, autonomy, forecast
from desktop_app.services.facts import Facts
from desktop_app.settings import threshold, threshold_source, threshold_unverified

DAT, CHUA_DAT, THIEU = "đạt", "chưa đạt", "chưa đủ số liệu"
DANG_THUC_HIEN = "đang thực hiện"  # not met yet, deadline still ahead (shown, never a failure)
BASE_YEAR = 2021
REDUCE, SHARE = "giam", "ty_le"  # a reduction against a baseline, or a share to reach


@dataclass
class Target:
    code: str
    label: str
    kind: str  # REDUCE or SHARE
    measure: str  # what is counted: "đơn vị", "người", "triệu đồng", "%"
    target: float  # % to reduce (REDUCE) or to reach (SHARE)
    deadline: str  # dd/mm/yyyy
    baseline: float | None = None
    baseline_label: str = ""
    now: float | None = None
    now_label: str = ""
    projection: float | None = None
    projection_label: str = ""
    source: str = ""
    unverified: bool = False  # the target is an unread default (settings.threshold_unverified)
    detail: dict = field(default_factory=dict)
    as_of: dt.date | None = None  # the day the figures describe (today)

    @property
    def change_pct(self) -> float | None:
        if self.kind == SHARE:
            return None
        return _change(self.baseline, self.now)

    @property
    def projection_change_pct(self) -> float | None:
        return _change(self.baseline, self.projection) if self.kind == REDUCE else None

    @property
    def status(self) -> str:
        if self.now is None or (self.kind == REDUCE and not self.baseline):
            return THIEU
        if self.kind == SHARE:
            return DAT if self.now >= self.target - 1e-9 else CHUA_DAT
        change = self.change_pct
        return DAT if change is not None and change <= -self.target + 1e-9 else CHUA_DAT

    @property
    def state(self) -> str:
        """``status`` as the dashboard says it: a target not met before its deadline is
        «đang thực hiện», not «chưa đạt» (issue #18 §9)."""
        due = dt.datetime.strptime(self.deadline, "%d/%m/%Y").date() if self.deadline else None
        if self.status == CHUA_DAT and due is not None and self.as_of is not None and self.as_of <= due:
            return DANG_THUC_HIEN
        return self.status

    @property
    def goal(self) -> float | None:
        """The value that meets the target: baseline reduced by ``target`` %, or the share."""
        if self.kind == SHARE:
            return self.target
        return None if self.baseline is None else self.baseline * (1 - self.target / 100.0)

    @property
    def projected_met(self) -> bool | None:
        """Whether the projection (decisions taken, retirements) reaches the goal by the deadline."""
        if self.projection is None or self.goal is None:
            return None
        if self.kind == SHARE:
            return self.projection >= self.goal - 1e-9
        return self.projection <= self.goal + 1e-9

    @property
    def progress(self) -> float:
        """0..1 towards the target, for a progress bar."""
        if self.status == THIEU or not self.target:
            return 0.0
        done = self.now if self.kind == SHARE else -(self.change_pct or 0.0)
        return max(0.0, min(1.0, (done or 0.0) / self.target))


def _change(before: float | None, after: float | None) -> float | None:
    if before is None or after is None or not before:
        return None
    return round((after - before) * 100.0 / before, 2)


def _end(year: int) -> dt.date:
    return asof.year_end(year)


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def declared(ctx: Context, code: str, kind: str, measure: str, deadline: dt.date) -> Target:
    """A target of the ``nguong`` catalogue with the value from Settings → Chỉ tiêu."""
    item = ctx.catalogues.item("nguong", code) or {}
    return Target(code, item.get("label", code), kind, measure, threshold(ctx, code), _fmt(deadline),
                  source=threshold_source(ctx, code), unverified=threshold_unverified(ctx, code),
                  as_of=ctx.today)


# ------------------------------------------------------------------ units

def units_target(ctx: Context, facts: Facts | None = None) -> Target:
    facts = facts or Facts(ctx)
    year = int((ctx.catalogues.item("nguong", "GIAM_DVSN_2026") or {}).get("target_year", 2026))
    t = declared(ctx, "GIAM_DVSN_2026", REDUCE, "đơn vị", _end(year))
    t.baseline = len(facts.units_active(_end(BASE_YEAR)))
    t.baseline_label = f"Đơn vị hoạt động ngày {_fmt(_end(BASE_YEAR))}"
    t.now = len(facts.units_active(ctx.today))
    t.now_label = f"Đơn vị hoạt động ngày {_fmt(ctx.today)}"
    if ctx.today < _end(year):  # closures already decided carry a future valid_to
        t.projection = len(facts.units_active(_end(year)))
        t.projection_label = f"Theo các quyết định đã ban hành, đến {_fmt(_end(year))}"
    return t


# ------------------------------------------------------------------ staff

def _latest_quota_year(totals: dict[int, dict], upto: int) -> int | None:
    years = [y for y in totals if y <= upto]
    return max(years) if years else None


def staff_targets(ctx: Context, facts: Facts | None = None) -> list[Target]:
    """−10 % budget-paid quota by 2026 vs 2021; a further −10 % by 2030 vs 2026."""
    facts = facts or Facts(ctx)
    totals = facts.memo(("quota_totals", BASE_YEAR, 2030), lambda: asof.quota_totals(ctx, BASE_YEAR, 2030))
    ahead = facts.memo(("forecast", 2030), lambda: forecast.forecast(ctx, 2030))
    present = facts.roll_total(ctx.today).nsnn
    found = []
    for code, base_year, year in (("GIAM_BC_NSNN_2026", BASE_YEAR, 2026), ("GIAM_BC_NSNN_2030", 2026, 2030)):
        t = declared(ctx, code, REDUCE, "người", _end(year))
        if base_year in totals:
            t.baseline = totals[base_year]["nsnn"]
        t.baseline_label = f"Số giao hưởng lương NSNN năm {base_year}"
        now_year = _latest_quota_year(totals, min(year, ctx.today.year))
        if now_year is not None and now_year >= base_year:
            t.now = totals[now_year]["nsnn"]
            t.now_label = f"Số giao hưởng lương NSNN năm {now_year}"
        if ctx.today < _end(year) and present:
            retiring = ahead.nsnn_until(year)
            t.projection = present - retiring
            t.projection_label = (f"Có mặt NSNN {present} người, trừ {retiring} người đến tuổi nghỉ hưu "
                                  f"đến {_fmt(_end(year))}")
        t.detail = {"co_mat_nsnn": present, "nghi_huu": ahead.nsnn_by_year}
        found.append(t)
    return found


# ------------------------------------------------------------------ autonomy

def autonomy_groups(ctx: Context, day: dt.date,
                    facts: Facts | None = None) -> tuple[dict[int, int | None], int | None]:
    """Per unit active at ``day``: its autonomy group from the latest finance year ≤ day's year."""
    facts = facts or Facts(ctx)
    return facts.memo(("autonomy_groups", day.isoformat()), lambda: _autonomy_groups(ctx, day, facts))


def _autonomy_groups(ctx: Context, day: dt.date, facts: Facts) -> tuple[dict[int, int | None], int | None]:
    units = [u["id"] for u in facts.units_active(day)]
    year = ctx.db.execute("SELECT max(year) FROM finance WHERE year <= ?", [day.year]).fetchone()[0]
    rows = facts.finance(year) if year else {}
    return {uid: autonomy.assess(rows.get(uid)).group for uid in units}, year


def autonomy_target(ctx: Context, facts: Facts | None = None) -> Target:
    year = int((ctx.catalogues.item("nguong", "TY_LE_TU_CHU_2026") or {}).get("target_year", 2026))
    t = declared(ctx, "TY_LE_TU_CHU_2026", SHARE, "%", _end(year))
    groups, fin_year = autonomy_groups(ctx, ctx.today, facts)
    known = [g for g in groups.values() if g is not None]
    counts = {g: sum(1 for x in known if x == g) for g in (1, 2, 3, 4)}
    t.detail = {"nhom": counts, "khong_so_lieu": len(groups) - len(known), "nam": fin_year}
    if known:
        t.now = round((counts[1] + counts[2]) * 100.0 / len(groups), 2)
        t.now_label = (f"Nhóm 1 + nhóm 2: {counts[1] + counts[2]}/{len(groups)} đơn vị "
                       f"(số liệu năm {fin_year})")
    return t


# ------------------------------------------------------------------ spending

def _average(by_year: dict[int, float], first: int, last: int) -> tuple[float | None, list[int]]:
    years = [y for y in range(first, last + 1) if y in by_year]
    if not years:
        return None, []
    return round(sum(by_year[y] for y in years) / len(years) / 1e6, 2), years


def spending_targets(ctx: Context, facts: Facts | None = None) -> list[Target]:
    """NSNN spending averages: 2021–2025 vs 2016–2020 (−10 %), 2026–2030 vs 2021–2025 (−15 %)."""
    facts = facts or Facts(ctx)
    by_year = facts.memo(("nsnn_spending", 2016, 2030), lambda: asof.nsnn_spending_by_year(ctx, 2016, 2030))
    found = []
    for code, base, period in (("GIAM_CHI_NSNN_2025", (2016, 2020), (2021, 2025)),
                               ("GIAM_CHI_NSNN_2030", (2021, 2025), (2026, 2030))):
        t = declared(ctx, code, REDUCE, "triệu đồng", _end(period[1]))
        t.baseline, base_years = _average(by_year, *base)
        t.now, now_years = _average(by_year, period[0], min(period[1], ctx.today.year))
        t.baseline_label = years_label(base, base_years)
        t.now_label = years_label(period, now_years)
        found.append(t)
    return found


def years_label(period: tuple[int, int], years: list[int]) -> str:
    label = f"Bình quân {period[0]}–{period[1]}"
    missing = [y for y in range(period[0], period[1] + 1) if y not in years]
    if years and missing:
        label += f" (có số liệu {len(years)}/{period[1] - period[0] + 1} năm)"
    return label


# ------------------------------------------------------------------ professional share

def professional_share(ctx: Context, day: dt.date, facts: Facts | None = None,
                       ) -> tuple[dict[int, tuple[int, int]], tuple[int, int]]:
    """Per unit and in total: (required headcount in professional position groups, all)."""
    facts = facts or Facts(ctx)
    groups = {i["code"]: bool(i.get("professional")) for i in ctx.catalogues.items("nhom_vtvl")}
    active = {u["id"] for u in facts.units_active(day)}
    per_unit: dict[int, list[int]] = {}
    for p in facts.positions_at(day):
        if p["unit_id"] in active:
            pair = per_unit.setdefault(p["unit_id"], [0, 0])
            pair[0] += p["required_count"] if groups.get(p["group_code"]) else 0
            pair[1] += p["required_count"]
    shares = {uid: (a, b) for uid, (a, b) in per_unit.items()}
    return shares, (sum(a for a, _ in shares.values()), sum(b for _, b in shares.values()))


def professional_target(ctx: Context, facts: Facts | None = None) -> Target:
    t = declared(ctx, "TY_LE_CMNV", SHARE, "%", _end(2030))
    _, (professional, total) = professional_share(ctx, ctx.today, facts)
    if total:
        t.now = round(professional * 100.0 / total, 2)
        t.now_label = f"{professional}/{total} vị trí cần thiết thuộc nhóm chuyên môn, nghiệp vụ"
    t.deadline = ""  # a standing target, no date
    return t


def all_targets(ctx: Context, facts: Facts | None = None) -> list[Target]:
    """Every target of SPEC §1, in the order of the table there."""
    facts = facts or Facts(ctx)
    return [units_target(ctx, facts), *staff_targets(ctx, facts), autonomy_target(ctx, facts),
            *spending_targets(ctx, facts), professional_target(ctx, facts)]


# ------------------------------------------------------------------ trends

@dataclass
class Trend:
    title: str
    measure: str
    values: dict[int, float]  # year → value; years without figures are absent


def trends(ctx: Context, first: int = 2016, last: int = 2030, facts: Facts | None = None) -> list[Trend]:
    """Yearly series for the dashboard charts: units at 31/12, NSNN quota, NSNN spending."""
    facts = facts or Facts(ctx)
    upto = min(last, ctx.today.year)
    units = asof.units_active_by_year(ctx, first, upto)
    units[ctx.today.year] = len(facts.units_active(ctx.today))
    quota_totals = facts.memo(("quota_totals", first, last), lambda: asof.quota_totals(ctx, first, last))
    quota = {y: float(v["nsnn"]) for y, v in quota_totals.items()}
    spending = facts.memo(("nsnn_spending", first, last),
                          lambda: asof.nsnn_spending_by_year(ctx, first, last))
    spend = {y: round(v / 1e6, 2) for y, v in spending.items()}
    return [Trend("Số đơn vị sự nghiệp công lập", "đơn vị", {y: float(n) for y, n in units.items()}),
            Trend("Biên chế hưởng lương NSNN được giao", "người", quota),
            Trend("Chi thường xuyên từ NSNN", "triệu đồng", spend)]
