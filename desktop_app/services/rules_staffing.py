"""Staffing rules of SPEC §3 that need the as-of engine: staff over the
quota in past years (có mặt NSNN at 31/12 > giao NSNN), professional share
below target per unit and in total, and school teachers against the norm
(TT 19/2023, TT 20/2023 via ``services.teacher_norms``).
"""

from __future__ import annotations

from collections import Counter

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.services import asof, teacher_norms
from desktop_app.services.check import CANH_BAO, THONG_TIN, Finding
from desktop_app.services.facts import Facts
from desktop_app.services.targets import BASE_YEAR, professional_share
from desktop_app.settings import threshold, threshold_source


def over_quota_past_years(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    """Years BASE_YEAR … last year; this year is the rule ``VUOT_SO_GIAO`` over today."""
    facts = facts or Facts(ctx)
    units = facts.units_by_id()
    found = []
    for year in range(BASE_YEAR, ctx.today.year):
        quotas = facts.quotas(year)
        if not quotas:
            continue
        present = facts.actual_counts(year, asof.year_end(year))
        for uid, q in sorted(quotas.items(), key=lambda kv: units[kv[0]]["code"]):
            n = present.get(uid, asof.Counts()).nsnn
            if n > (q["nsnn"] or 0):
                u = units[uid]
                found.append(Finding(
                    "VUOT_SO_GIAO_NAM", CANH_BAO,
                    f"{u['name']}: ngày 31/12/{year} có mặt {n} người hưởng lương NSNN, vượt số được giao "
                    f"năm {year} ({q['nsnn']}) {n - q['nsnn']} người.",
                    u["code"], None, "NĐ 106/2020/NĐ-CP; Quyết định giao số lượng người làm việc", uid))
    return found


def professional_share_low(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    target = threshold(ctx, "TY_LE_CMNV")
    source = threshold_source(ctx, "TY_LE_CMNV")
    facts = facts or Facts(ctx)
    per_unit, (prof_all, total_all) = professional_share(ctx, ctx.today, facts)
    units = facts.units_by_id()
    found = []
    for uid, (prof, total) in sorted(per_unit.items(), key=lambda kv: units[kv[0]]["code"]):
        if total and prof * 100.0 / total < target - 1e-9:
            u = units[uid]
            found.append(Finding(
                "TY_LE_CMNV_THAP", THONG_TIN,
                f"{u['name']}: vị trí chuyên môn, nghiệp vụ chiếm {_pct(prof, total)}% ({prof}/{total} "
                f"người cần thiết), dưới mục tiêu {vntext.format_number(target)}%.",
                u["code"], None, source, uid))
    if total_all and prof_all * 100.0 / total_all < target - 1e-9:
        found.append(Finding(
            "TY_LE_CMNV_THAP", CANH_BAO,
            f"Toàn bộ các đơn vị: vị trí chuyên môn, nghiệp vụ chiếm {_pct(prof_all, total_all)}% "
            f"({prof_all}/{total_all}), dưới mục tiêu {vntext.format_number(target)}%.", None, None, source))
    return found


def _num(value: float) -> str:
    """1.234,5 with only the decimals the value has (at most 2)."""
    value = round(value, 2)
    decimals = 0 if value == int(value) else (1 if round(value, 1) == value else 2)
    return vntext.format_number(value, decimals)


def _pct(part: int, whole: int) -> str:
    return vntext.format_number(part * 100.0 / whole, 1)


def teacher_norms_off(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    """Schools whose teachers on the roll differ from the norm by a whole teacher or more."""
    facts = facts or Facts(ctx)
    schools = [u for u in facts.units_active(ctx.today)
               if (ctx.catalogues.item("linh_vuc", u["field"]) or {}).get("school_level")]
    if not schools:
        return []
    vien_chuc = {i["code"] for i in ctx.catalogues.items("loai_lao_dong") if i.get("is_vien_chuc")}
    vc: Counter[int] = Counter()
    hd: Counter[int] = Counter()
    teacher = {}  # is_teacher per title code, asked once per code not per group
    for r in facts.today_groups():
        code = r["title_code"]
        if code not in teacher:
            teacher[code] = teacher_norms.is_teacher(code)
        if teacher[code]:
            (vc if r["employment_kind"] in vien_chuc else hd)[r["unit_id"]] += r["n"]
    # The norms depend on the unit rows only: kept with the units (dashboard cache).
    norms = facts.memo(("school_norms", ctx.today.isoformat()),
                       lambda: {u["id"]: teacher_norms.norm(ctx.catalogues, u) for u in schools})
    found = []
    for u in schools:
        norm = norms[u["id"]]
        if norm is None or not (u.get("classes") or u.get("nursery_groups")):
            continue
        present = vc[u["id"]] + hd[u["id"]]
        gap = present - norm
        if abs(gap) < 1:
            continue
        word = "thừa" if gap > 0 else "thiếu"
        found.append(Finding(
            "DINH_MUC_GIAO_VIEN", CANH_BAO if gap > 0 else THONG_TIN,
            f"{u['name']}: định mức {_num(norm)} giáo viên, có mặt {present} "
            f"(viên chức {vc[u['id']]}, hợp đồng {hd[u['id']]}), {word} "
            f"{_num(abs(gap))} giáo viên.",
            u["code"], None, "Thông tư 19/2023/TT-BGDĐT; Thông tư 20/2023/TT-BGDĐT", u["id"]))
    return found
