"""The rules of SPEC §3 as data-driven checks: each has an id, a Vietnamese
message naming the unit or person, the legal source and a severity.

Thresholds come from Settings → Chỉ tiêu (``desktop_app.settings.threshold``),
never from literals here. Rules over today's state read the person and unit
rows; rules over a past date use the as-of engine.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from db import queries_packages, repo
from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.services import rules_org, rules_staffing
from desktop_app.services.check import CANH_BAO, LOI, THONG_TIN, Finding
from desktop_app.services.facts import Facts
from desktop_app.settings import threshold, threshold_source

_ACTIVE_UNIT = "(u.valid_from IS NULL OR u.valid_from <= :d) AND (u.valid_to IS NULL OR u.valid_to > :d)"
_ACTIVE_PERSON = ("(p.recruited_on IS NULL OR p.recruited_on <= :d) "
                  "AND (p.left_on IS NULL OR p.left_on > :d)")


def _rows(ctx: Context, sql: str, **params) -> list[dict]:
    return repo.query(ctx.db, sql, {"d": ctx.today.isoformat(), **params})


def khtnv_two_years(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    # From the few KHTNV evaluations (index evaluation_level), not from every person.
    years = int(threshold(ctx, "KHTNV_NAM_LIEN_TIEP"))
    rows = _rows(ctx, f"""
        SELECT p.id, p.full_name, u.id AS unit_id, u.code, u.name AS unit_name,
               group_concat(e.year) AS years
        FROM evaluation e CROSS JOIN person p ON p.id = e.person_id
        LEFT JOIN unit u ON u.id = p.unit_id
        WHERE e.level = 'KHTNV' AND {_ACTIVE_PERSON} GROUP BY p.id ORDER BY p.sort_key, p.id""")
    found = []
    for r in rows:
        run = _longest_run(sorted(int(y) for y in r["years"].split(",")))
        if len(run) >= years:
            found.append(Finding(
                "KHTNV_LIEN_TIEP", CANH_BAO,
                f"{r['full_name']} ({r['unit_name']}) xếp loại «Không hoàn thành nhiệm vụ» "
                f"{len(run)} năm liên tiếp ({', '.join(map(str, run))}): xem xét theo quy định.",
                r["code"], r["full_name"], threshold_source(ctx, "KHTNV_NAM_LIEN_TIEP"),
                r["unit_id"], r["id"]))
    return found


def _longest_run(years: list[int]) -> list[int]:
    best: list[int] = []
    run: list[int] = []
    for y in years:
        run = run + [y] if run and y == run[-1] + 1 else [y]
        if len(run) > len(best):
            best = run
    return best


def past_retirement(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    rows = _rows(ctx, f"""
        SELECT p.id, p.full_name, p.retire_on, u.id AS unit_id, u.code, u.name AS unit_name
        FROM person p LEFT JOIN unit u ON u.id = p.unit_id
        WHERE {_ACTIVE_PERSON} AND p.retire_on IS NOT NULL AND p.retire_on <= :d
        ORDER BY p.sort_key""")
    return [Finding("QUA_TUOI_NGHI_HUU", CANH_BAO,
                    f"{r['full_name']} ({r['unit_name']}) đến tuổi nghỉ hưu từ "
                    f"{vntext.format_date(r['retire_on'])} nhưng vẫn đang làm việc.",
                    r["code"], r["full_name"], "Bộ luật Lao động 2019 Điều 169; NĐ 135/2020/NĐ-CP",
                    r["unit_id"], r["id"]) for r in rows]


def missing_evaluation(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    year = ctx.today.year - 1
    rows = _rows(ctx, f"""
        SELECT u.id AS unit_id, u.code, u.name AS unit_name, count(*) AS n
        FROM person p JOIN unit u ON u.id = p.unit_id
        WHERE {_ACTIVE_PERSON} AND p.recruited_on <= :year_end
          AND NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.person_id = p.id AND e.year = :year)
        GROUP BY u.id ORDER BY u.code""", year=year, year_end=f"{year}-12-31")
    return [Finding("THIEU_DANH_GIA", THONG_TIN,
                    f"{r['unit_name']}: {r['n']} người chưa có kết quả đánh giá, xếp loại năm {year}.",
                    r["code"], None, "NĐ 90/2020/NĐ-CP; NĐ 233/2026/NĐ-CP", r["unit_id"])
            for r in rows]


def small_units(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    minimum = int(threshold(ctx, "NGUOI_TOI_THIEU_DON_VI"))
    rows = _rows(ctx, f"""
        SELECT u.id AS unit_id, u.code, u.name,
               (SELECT count(*) FROM person p WHERE p.unit_id = u.id AND {_ACTIVE_PERSON}) AS n
        FROM unit u WHERE {_ACTIVE_UNIT} ORDER BY u.code""")
    return [Finding("DON_VI_DUOI_TOI_THIEU", CANH_BAO,
                    f"{r['name']} chỉ có {r['n']} người làm việc, dưới mức tối thiểu {minimum} người.",
                    r["code"], None, threshold_source(ctx, "NGUOI_TOI_THIEU_DON_VI"), r["unit_id"])
            for r in rows if r["n"] < minimum]


def small_divisions(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    minimum = int(threshold(ctx, "VC_TOI_THIEU_PHONG"))
    rows = _rows(ctx, f"""
        SELECT d.name, d.staff_count, u.id AS unit_id, u.code, u.name AS unit_name
        FROM division d JOIN unit u ON u.id = d.unit_id
        WHERE {_ACTIVE_UNIT} AND (d.valid_to IS NULL OR d.valid_to > :d)
          AND d.staff_count IS NOT NULL AND d.staff_count < :m ORDER BY u.code, d.name""", m=minimum)
    return [Finding("PHONG_DUOI_TOI_THIEU", CANH_BAO,
                    f"{r['unit_name']} — {r['name']}: {r['staff_count']} viên chức, dưới mức tối thiểu "
                    f"{minimum} viên chức để thành lập phòng, khoa, tổ.",
                    r["code"], None, threshold_source(ctx, "VC_TOI_THIEU_PHONG"), r["unit_id"])
            for r in rows]


def small_schools(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    minimum = int(threshold(ctx, "HS_TOI_THIEU_TRUONG"))
    schools = [i["code"] for i in ctx.catalogues.items("linh_vuc") if i.get("is_school")]
    if not schools:
        return []
    marks = ", ".join("?" for _ in schools)
    rows = repo.query(ctx.db, f"""
        SELECT u.id AS unit_id, u.code, u.name, u.pupils FROM unit u
        WHERE {_ACTIVE_UNIT.replace(':d', '?')} AND u.field IN ({marks})
          AND u.pupils IS NOT NULL AND u.pupils < ? ORDER BY u.code""",
                      [ctx.today.isoformat()] * 2 + schools + [minimum])
    return [Finding("TRUONG_IT_HOC_SINH", THONG_TIN,
                    f"{r['name']} có {r['pupils']} học sinh, dưới ngưỡng {minimum}: xem xét sáp nhập.",
                    r["code"], None, threshold_source(ctx, "HS_TOI_THIEU_TRUONG"), r["unit_id"])
            for r in rows]


def over_quota_now(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    rows = _rows(ctx, f"""
        SELECT u.id AS unit_id, u.code, u.name, q.nsnn AS quota,
               (SELECT count(*) FROM person p WHERE p.unit_id = u.id AND p.pay_source = 'NSNN'
                  AND {_ACTIVE_PERSON}) AS present
        FROM unit u JOIN quota q ON q.unit_id = u.id AND q.year = :y
        WHERE {_ACTIVE_UNIT} ORDER BY u.code""", y=ctx.today.year)
    return [Finding("VUOT_SO_GIAO", LOI,
                    f"{r['name']}: có mặt {r['present']} người hưởng lương NSNN, vượt số được giao năm "
                    f"{ctx.today.year} ({r['quota']}) {r['present'] - r['quota']} người.",
                    r["code"], None, "NĐ 106/2020/NĐ-CP; Quyết định giao số lượng người làm việc",
                    r["unit_id"]) for r in rows if r["present"] > r["quota"]]


def coefficient_out_of_range(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    # The ranges go to SQL as JSON so only the people outside them come back, not all 50k;
    # per salary class, index person_salary finds those below and above the range directly.
    ranges = json.dumps([[i["code"], i["min"], i["max"]] for i in ctx.catalogues.items("ngach_luong")
                         if "min" in i and i["code"] is not None])
    found = []
    rows = _rows(ctx, f"""
        WITH k AS MATERIALIZED (SELECT json_extract(value, '$[0]') AS code, json_extract(value, '$[1]') AS lo,
                          json_extract(value, '$[2]') AS hi FROM json_each(:k))
        SELECT p.id, p.full_name, p.salary_class, p.coefficient, u.id AS unit_id, u.code,
               u.name AS unit_name
        FROM k CROSS JOIN person p ON p.salary_class = k.code LEFT JOIN unit u ON u.id = p.unit_id
        WHERE {_ACTIVE_PERSON} AND p.coefficient IS NOT NULL
          AND (p.coefficient < k.lo - 1e-9 OR p.coefficient > k.hi + 1e-9)
        ORDER BY p.id""", k=ranges)
    for r in rows:
        item = ctx.catalogues.item("ngach_luong", r["salary_class"])
        if item:
            found.append(Finding(
                "HE_SO_NGOAI_KHUNG", LOI,
                f"{r['full_name']} ({r['unit_name']}): hệ số lương "
                f"{vntext.format_number(r['coefficient'], 2)} nằm ngoài khung loại {r['salary_class']} "
                f"({vntext.format_number(item['min'], 2)} – {vntext.format_number(item['max'], 2)}).",
                r["code"], r["full_name"], "NĐ 204/2004/NĐ-CP Bảng 3", r["unit_id"], r["id"]))
    return found


def impossible_dates(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    rows = _rows(ctx, """
        SELECT p.id, p.full_name, u.id AS unit_id, u.code, p.birth_date, p.recruited_on, p.left_on
        FROM person p LEFT JOIN unit u ON u.id = p.unit_id
        WHERE p.birth_date > :d OR p.recruited_on > p.left_on
           OR (p.birth_date IS NOT NULL AND p.recruited_on IS NOT NULL
               AND substr(p.recruited_on, 1, 4) - substr(p.birth_date, 1, 4) < 15)""")
    return [Finding("NGAY_BAT_THUONG", LOI,
                    f"{r['full_name']}: ngày tháng không hợp lý ({_dates_said(r)}).",
                    r["code"], r["full_name"], "Kiểm tra chất lượng dữ liệu", r["unit_id"], r["id"])
            for r in rows]


def _dates_said(r: dict) -> str:
    said = ((what, vntext.format_date(r[key])) for what, key in
            (("sinh", "birth_date"), ("tuyển dụng", "recruited_on"), ("thôi việc", "left_on")))
    return ", ".join(f"{what} {text}" for what, text in said if text)


def duplicate_people(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    rows = _rows(ctx, """
        SELECT p.full_name, p.birth_date, u.id AS unit_id, u.code, u.name AS unit_name, count(*) AS n
        FROM person p JOIN unit u ON u.id = p.unit_id
        WHERE p.left_on IS NULL
        GROUP BY p.name_key, p.birth_date, p.unit_id HAVING count(*) > 1""")
    return [Finding("TRUNG_HO_SO", CANH_BAO,
                    f"{r['unit_name']}: {r['n']} hồ sơ cùng họ tên «{r['full_name']}» và ngày sinh "
                    f"{vntext.format_date(r['birth_date'])}.", r["code"], r["full_name"],
                    "Kiểm tra chất lượng dữ liệu", r["unit_id"]) for r in rows]


def duplicate_cccd_across_offices(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    """Ghost-worker check in a consolidated database: one CCCD on the payroll of two offices."""
    # Only a consolidated file has rows owned by another office; one indexed probe spares the
    # 50k-row CCCD grouping everywhere else.
    if not _rows(ctx, "SELECT 1 FROM person WHERE office_uid IS NOT NULL LIMIT 1"):
        return []
    return [Finding("TRUNG_CCCD_CO_QUAN", LOI,
                    f"Số CCCD {r['cccd']} ({r['full_name']}) có hồ sơ ở nhiều cơ quan; hồ sơ này thuộc "
                    f"{r['office_name']}, {r['unit_name'] or 'chưa có đơn vị'}: "
                    "kiểm tra người hưởng lương trùng.",
                    r["unit_code"], r["full_name"], "Kiểm tra dữ liệu tổng hợp (Mục 8 đặc tả)",
                    r["unit_id"], r["person_id"])
            for r in queries_packages.duplicate_cccd_across_offices(ctx.db)]


RULES: list[Callable[[Context, Facts | None], list[Finding]]] = [
    over_quota_now, small_units, small_divisions, khtnv_two_years, past_retirement,
    missing_evaluation, small_schools, coefficient_out_of_range, impossible_dates, duplicate_people,
    rules_org.deputies_over_cap, rules_staffing.over_quota_past_years,
    rules_staffing.professional_share_low, rules_staffing.teacher_norms_off,
    rules_org.autonomy_inconsistent, rules_org.reorganisation_lowers_autonomy,
    duplicate_cccd_across_offices,
]

