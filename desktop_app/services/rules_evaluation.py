"""Evaluation rules that depend on the text in force for the year (catalogue ``che_do``, topic
DANH_GIA): under NĐ 233/2026/NĐ-CP Điều 12 khoản 6 the viên chức rated «Hoàn thành xuất sắc
nhiệm vụ» in a unit may be at most 20 % of those rated «Hoàn thành tốt nhiệm vụ» (25 % where the
unit itself is rated HTXSNV: ``finance.unit_level``, m0009); by khoản 7 the head is not rated
above the unit. Years judged under NĐ 90/2020 have no such rules and are not checked. The
percentages are thresholds (Settings → Chỉ tiêu), named by the period."""

from __future__ import annotations

import math
import re
from collections import Counter

from db import repo
from desktop_app.context import Context
from desktop_app.services import regimes
from desktop_app.services.check import CANH_BAO, LOI, Finding
from desktop_app.services.facts import Facts
from desktop_app.settings import threshold, threshold_source

HEAD_SOURCE = "NĐ 233/2026/NĐ-CP Điều 12 khoản 7"
# The post an evaluation ``e`` belongs to: the assignment held last in its year (the rating unit).
YEAR_POST = """JOIN assignment a ON a.id = (
            SELECT a2.id FROM assignment a2 WHERE a2.person_id = e.person_id
              AND a2.valid_from <= e.year || '-12-31'
              AND (a2.valid_to IS NULL OR a2.valid_to >= e.year || '-01-01')
            ORDER BY a2.valid_from DESC, a2.id DESC LIMIT 1)"""


def short_source(text: str) -> str:
    """A catalogue source without its provenance in brackets: the citation a finding shows."""
    return re.sub(r"\s*\([^()]*\)", "", text).strip()


def capped_years(ctx: Context) -> dict[int, dict]:
    """Evaluation years up to this year whose rules carry an HTXS cap, with their period."""
    years = {}
    for period in regimes.periods(ctx, "DANH_GIA"):
        if period.get("htxs_cap"):
            last = int(period["valid_to"][:4]) - 1 if period.get("valid_to") else ctx.today.year
            years.update({y: period for y in range(int(period["valid_from"][:4]), last + 1)
                          if regimes.for_evaluation_year(ctx, y) is period})
    return years


def _counts(ctx: Context, years: list[int]) -> list[dict]:
    """Per unit and year, the viên chức rated HTXSNV and HTTNV, each in the unit they were
    assigned to last in that year (the unit that rates them)."""
    if not years:
        return []
    marks = ", ".join("?" for _ in years)
    staff = [i["code"] for i in ctx.catalogues.items("loai_lao_dong") if i.get("is_vien_chuc")]
    kinds = ", ".join("?" for _ in staff)
    return repo.query(ctx.db, f"""
        SELECT e.year, u.id AS unit_id, u.code, u.name, e.level, count(*) AS n
        FROM evaluation e
        {YEAR_POST}
        JOIN unit u ON u.id = a.unit_id
        WHERE e.year IN ({marks}) AND e.level IN ('HTXSNV', 'HTTNV') AND a.employment_kind IN ({kinds})
        GROUP BY e.year, u.id, e.level ORDER BY u.code, e.year""", [*years, *staff])


def unit_levels(ctx: Context) -> dict[tuple[int, int], str]:
    """(unit id, year) → the unit's own rating where recorded."""
    return {(r[0], r[1]): r[2] for r in ctx.db.execute(
        "SELECT unit_id, year, unit_level FROM finance WHERE unit_level IS NOT NULL")}


def htxs_over_cap(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    years = capped_years(ctx)
    tally: dict[tuple, Counter] = {}
    for r in _counts(ctx, sorted(years)):
        tally.setdefault((r["code"], r["year"], r["unit_id"], r["name"]), Counter())[r["level"]] = r["n"]
    rated = unit_levels(ctx)
    found = []
    for (code, year, unit_id, name), n in tally.items():
        finding = _cap_finding(ctx, years[year], year, name, n["HTXSNV"], n["HTTNV"],
                               rated.get((unit_id, year)))
        if finding:
            finding.unit, finding.unit_id = code, unit_id
            found.append(finding)
    return found


def _cap_finding(ctx: Context, period: dict, year: int, name: str,
                 excellent: int, good: int, unit_level: str | None) -> Finding | None:
    """Over 20 % is an error once the unit's own rating is known and is not HTXSNV; unknown,
    between 20 and 25 % is a warning (allowed if the unit is HTXSNV); over 25 % always an error."""
    cap, cap_unit = threshold(ctx, period["htxs_cap"]), threshold(ctx, period["htxs_cap_unit_excellent"])
    if unit_level == "HTXSNV":
        cap = cap_unit
    if excellent <= good * cap / 100:
        return None
    over_both = excellent > good * cap_unit / 100
    severity = LOI if over_both or unit_level is not None else CANH_BAO
    allowed = math.floor(good * cap / 100 + 1e-9)
    message = (f"{name}: năm {year} có {excellent} viên chức «Hoàn thành xuất sắc nhiệm vụ», vượt "
               f"{_pct(cap)} của {good} viên chức «Hoàn thành tốt nhiệm vụ» (tối đa {allowed} người)")
    if unit_level is not None:
        message += f"; đơn vị xếp loại «{ctx.catalogues.label('danh_gia', unit_level)}»"
    elif severity == CANH_BAO:
        message += ("; chỉ đúng nếu đơn vị được công nhận «Hoàn thành xuất sắc nhiệm vụ» "
                    f"(tối đa {_pct(cap_unit)})")
    sources = {short_source(threshold_source(ctx, period["htxs_cap"])),
               short_source(threshold_source(ctx, period["htxs_cap_unit_excellent"]))}
    return Finding("HTXS_VUOT_TY_LE", severity, message + ".", source="; ".join(sorted(sources)))


def _pct(value: float) -> str:
    return f"{value:g}".replace(".", ",") + "%"


def _heads(ctx: Context, years: list[int]) -> list[dict]:
    """The heads of unit (chức vụ with head at unit level) evaluated in those years, with the unit
    they headed at the year's end and that unit's own rating of the year."""
    roles = [i["code"] for i in ctx.catalogues.items("chuc_vu")
             if i.get("head") and i.get("level") == "unit"]
    if not years or not roles:
        return []
    return repo.query(ctx.db, f"""
        SELECT e.year, e.level, p.full_name, p.id AS person_id, u.id AS unit_id, u.code, u.name,
               f.unit_level
        FROM evaluation e JOIN person p ON p.id = e.person_id
        {YEAR_POST}
        JOIN unit u ON u.id = a.unit_id
        JOIN finance f ON f.unit_id = u.id AND f.year = e.year AND f.unit_level IS NOT NULL
        WHERE e.year IN ({", ".join("?" for _ in years)})
          AND a.leader_role IN ({", ".join("?" for _ in roles)})
        ORDER BY u.code, e.year, p.sort_key""", [*years, *roles])


def head_above_unit(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    years = [y for y in range(2000, ctx.today.year + 1)
             if (regimes.for_evaluation_year(ctx, y) or {}).get("head_not_above_unit")]
    found = []
    for r in _heads(ctx, years):
        mine = ctx.catalogues.item("danh_gia", r["level"])
        unit = ctx.catalogues.item("danh_gia", r["unit_level"])
        if mine and unit and mine["rank"] < unit["rank"]:
            found.append(Finding(
                "NGUOI_DUNG_DAU_CAO_HON_DON_VI", LOI,
                f"{r['full_name']} ({r['name']}): năm {r['year']} người đứng đầu xếp loại «{mine['label']}», "
                f"cao hơn đơn vị («{unit['label']}»).",
                r["code"], r["full_name"], HEAD_SOURCE, r["unit_id"], r["person_id"]))
    return found
