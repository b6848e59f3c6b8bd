"""Evaluation rules that depend on the text in force for the year (catalogue ``che_do``, topic
DANH_GIA): under NĐ 233/2026/NĐ-CP Điều 12 khoản 6 the viên chức rated «Hoàn thành xuất sắc
nhiệm vụ» in a unit may be at most 20 % of those rated «Hoàn thành tốt nhiệm vụ» (25 % where the
unit itself is recognised as HTXSNV). Years judged under NĐ 90/2020 have no such figure and are
not checked. The percentages are thresholds (Settings → Chỉ tiêu), named by the period."""

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

_COUNTED = ("HTXSNV", "HTTNV")


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
        JOIN assignment a ON a.id = (
            SELECT a2.id FROM assignment a2 WHERE a2.person_id = e.person_id
              AND a2.valid_from <= e.year || '-12-31'
              AND (a2.valid_to IS NULL OR a2.valid_to >= e.year || '-01-01')
            ORDER BY a2.valid_from DESC, a2.id DESC LIMIT 1)
        JOIN unit u ON u.id = a.unit_id
        WHERE e.year IN ({marks}) AND e.level IN ('HTXSNV', 'HTTNV') AND a.employment_kind IN ({kinds})
        GROUP BY e.year, u.id, e.level ORDER BY u.code, e.year""", [*years, *staff])


def htxs_over_cap(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    years = capped_years(ctx)
    tally: dict[tuple, Counter] = {}
    for r in _counts(ctx, sorted(years)):
        tally.setdefault((r["code"], r["year"], r["unit_id"], r["name"]), Counter())[r["level"]] = r["n"]
    found = []
    for (code, year, unit_id, name), n in tally.items():
        finding = _cap_finding(ctx, years[year], year, name, n["HTXSNV"], n["HTTNV"])
        if finding:
            finding.unit, finding.unit_id = code, unit_id
            found.append(finding)
    return found


def _cap_finding(ctx: Context, period: dict, year: int, name: str,
                 excellent: int, good: int) -> Finding | None:
    cap, cap_unit = threshold(ctx, period["htxs_cap"]), threshold(ctx, period["htxs_cap_unit_excellent"])
    if excellent <= good * cap / 100:
        return None
    severity = LOI if excellent > good * cap_unit / 100 else CANH_BAO
    allowed = math.floor(good * cap / 100 + 1e-9)
    message = (f"{name}: năm {year} có {excellent} viên chức «Hoàn thành xuất sắc nhiệm vụ», vượt "
               f"{_pct(cap)} của {good} viên chức «Hoàn thành tốt nhiệm vụ» (tối đa {allowed} người)")
    if severity == CANH_BAO:
        message += ("; chỉ đúng nếu đơn vị được công nhận «Hoàn thành xuất sắc nhiệm vụ» "
                    f"(tối đa {_pct(cap_unit)})")
    sources = {short_source(threshold_source(ctx, period["htxs_cap"])),
               short_source(threshold_source(ctx, period["htxs_cap_unit_excellent"]))}
    return Finding("HTXS_VUOT_TY_LE", severity, message + ".", source="; ".join(sorted(sources)))


def _pct(value: float) -> str:
    return f"{value:g}".replace(".", ",") + "%"
