"""Positions, quotas and budgets of the demo units.

Positions follow each unit's planned staff (ND 106/2020 rows until 30/06/2026,
ND 232/2026 rows from 01/07/2026). Quotas are derived from the simulated
year-end headcounts, mostly a little above them (some units end up over
quota), so the 2021 → 2026 cut follows the staff. Budgets give every autonomy
group (ND 60/2021) and an NSNN spending that falls over 2016–2026 (SPEC §11:
budgets 2016–2026; the current year's figures are its estimate, dự toán).
"""

from __future__ import annotations

import random

from desktop_app.services.demo.people import FIRST_YEAR, REF

ND106_FROM, ND106_TO, ND232_FROM = "2020-10-25", "2026-06-30", "2026-07-01"
POSITION_COLUMNS = ["id", "unit_id", "regime", "group_code", "name", "title_code", "title_rank",
                    "career_level_min", "career_level_max", "workload", "required_count",
                    "description", "competency", "valid_from", "valid_to"]
QUOTA_COLUMNS = ["id", "unit_id", "year", "nsnn", "revenue_paid", "contract", "decision_no",
                 "decision_date", "actual_nsnn", "actual_revenue_paid", "actual_contract"]
FINANCE_COLUMNS = ["id", "unit_id", "year", "revenue", "recurrent_spending", "nsnn_spending",
                   "invest_self_funded", "group_override", "override_decision", "override_reason"]
WAGE_2016 = 118_000_000     # đồng per person-year, salary + running costs


def positions(plan, cdnn: dict) -> tuple[list[list], dict]:
    """Rows and the index (unit_id, regime, group) → position id that staff rows point to."""
    rows: list[list] = []
    index: dict = {}
    for u in plan.units:
        kind = u["_kind"]
        main = max(kind.titles, key=lambda t: t[1])[0]
        leaders = 1 + u["deputies"]
        specs = [("LDQL", "QL", f"{_label(kind.head)}, {_label(kind.deputy).lower()}", None, leaders),
                 ("CDNN_CN", "CMNV", cdnn[main]["label"], main, u["_prof"]),
                 ("CDNN_DC", "CMNV_KT", "Kế toán viên", "06.031", u["_acct"]),
                 ("HTPV", "HT", "Nhân viên hỗ trợ, phục vụ", None, u["_support"])]
        for g106, g232, name, title, count in specs:
            if count <= 0:
                continue
            start = max(u["valid_from"], ND106_FROM)
            end = min(u["valid_to"] or ND106_TO, ND106_TO)
            if start <= end:
                index[(u["id"], "ND106-2020", g106)] = _row(rows, u, "ND106-2020", g106, name, title,
                                                           cdnn, count, start, end)
            if (u["valid_to"] or "9999") > ND232_FROM:
                index[(u["id"], "ND232-2026", g232)] = _row(
                    rows, u, "ND232-2026", g232.removesuffix("_KT"), name, title, cdnn, count,
                    max(u["valid_from"], ND232_FROM), u["valid_to"])
    return rows, index


def _label(code: str) -> str:
    return {"HIEU_TRUONG": "Hiệu trưởng", "PHO_HIEU_TRUONG": "Phó Hiệu trưởng", "GIAM_DOC": "Giám đốc",
            "PHO_GIAM_DOC": "Phó Giám đốc"}[code]


def _row(rows, u, regime, group, name, title, cdnn, count, start, end) -> int:
    item = cdnn.get(title) or {}
    levels = (3, 4) if regime == "ND232-2026" and group == "CMNV" else (None, None)
    rows.append([len(rows) + 1, u["id"], regime, group, name, title, item.get("hang"), *levels,
                 "MOT_NGUOI" if count == 1 else "NHIEU_NGUOI", count,
                 f"Thực hiện nhiệm vụ {name.lower()} tại {u['name']}.", None, start, end])
    return len(rows)


def quotas(plan, counts, rng: random.Random) -> list[list]:
    rows: list[list] = []
    for u in plan.units:
        loose = rng.random() < 0.08                 # this unit ends up over its NSNN quota
        for year in range(FIRST_YEAR, REF.year + 1):
            if u["valid_from"] > f"{year}-12-31" or (u["valid_to"] and u["valid_to"] <= f"{year}-01-01"):
                continue
            have = {k: counts.get((u["id"], year, k), 0) for k in ("nsnn", "revenue_paid", "contract")}
            factor = 0.88 if loose and year >= 2024 else rng.uniform(1.0, 1.08)
            nsnn = int(have["nsnn"] * factor + (0 if loose and year >= 2024 else 0.99))
            rows.append([len(rows) + 1, u["id"], year, nsnn, have["revenue_paid"], have["contract"],
                         f"{rng.randint(1000, 4999)}/QĐ-UBND", f"{year - 1}-12-{rng.randint(10, 28)}",
                         None, None, None])
    return rows


def finance(plan, counts, rng: random.Random) -> list[list]:
    rows: list[list] = []
    overridden = False
    for u in plan.units:
        low, high = u["_kind"].autonomy
        level = rng.uniform(low, high) / 100
        invest = int(level >= 1 and u["field"] == "QLDA")
        for year in range(FIRST_YEAR, REF.year + 1):
            if u["valid_from"] > f"{year}-12-31" or (u["valid_to"] and u["valid_to"] <= f"{year}-01-01"):
                continue
            people = sum(counts.get((u["id"], year, k), 0) for k in ("nsnn", "revenue_paid", "contract"))
            cost = max(people, 1) * WAGE_2016 * (1 + 0.035 * (year - FIRST_YEAR)) * rng.uniform(0.95, 1.05)
            if level >= 1:
                spending, revenue, nsnn = cost, cost * level, 0.0
            else:       # NSNN falls as revenue grows: the 19-NQ/TW direction
                nsnn = cost * (1 - level) * (1 - 0.045 * (year - FIRST_YEAR))
                revenue = cost * level * (1 + 0.06 * (year - FIRST_YEAR))
                spending = nsnn + revenue
            row = [len(rows) + 1, u["id"], year, round(revenue, -3), round(spending, -3), round(nsnn, -3),
                   invest, None, None, None]
            if not overridden and year == REF.year and u["field"] == "NONG_NGHIEP":
                row[7:] = [4, f"{rng.randint(100, 999)}/QĐ-UBND", "Giao tự chủ theo phương án đã duyệt "
                           "trước khi có số liệu quyết toán năm."]
                overridden = True
            rows.append(row)
    return rows
