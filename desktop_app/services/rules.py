"""The rules of SPEC §3 as data-driven checks: each has an id, a Vietnamese
message naming the unit or person, the legal source and a severity.

Thresholds come from Settings → Chỉ tiêu (``desktop_app.settings.threshold``),
never from literals here. Rules over today's state read the person and unit
rows; rules over a past date use the as-of engine.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from db import queries_packages, repo
from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.services import rules_evaluation, rules_file, rules_org, rules_staffing
from desktop_app.services.check import CANH_BAO, LOI, THONG_TIN, Finding
from desktop_app.services.facts import Facts
from desktop_app.settings import threshold, threshold_source

_ACTIVE_UNIT = "(u.valid_from IS NULL OR u.valid_from <= :d) AND (u.valid_to IS NULL OR u.valid_to > :d)"
_ACTIVE_PERSON = ("(p.recruited_on IS NULL OR p.recruited_on <= :d) "
                  "AND (p.left_on IS NULL OR p.left_on > :d)")


def _rows(ctx: Context, sql: str, **params) -> list[dict]:
    return repo.query(ctx.db, sql, {"d": ctx.today.isoformat(), **params})


def _scoped(ctx: Context, sql: str, column: str, scope: list[int] | None, **params) -> list[dict]:
    """``sql`` with ``{scope}`` replaced by a filter on ``column``: every row when ``scope``
    is None, else the rows of those units (unit 0 = rows without a unit). The dashboard
    cache (services/dash_cache.py) recomputes only the units written since it last looked."""
    if scope is None:
        return _rows(ctx, sql.replace("{scope}", ""), **params)
    test = f"{column} IN (SELECT value FROM json_each(:scope))"
    if 0 in scope:
        test = f"({test} OR {column} IS NULL)"
    return _rows(ctx, sql.replace("{scope}", f"AND {test}"), scope=json.dumps(scope), **params)


def _key(*values) -> tuple:
    """A sort key ordering like SQLite: NULL first, text by code point (= UTF-8 bytes)."""
    return tuple((0, 0) if v is None else (1, v) for v in values)


@dataclass(frozen=True)
class UnitRule:
    """A rule whose findings each come from the rows of one unit: ``rows(ctx, scope)`` reads
    them (``scope``: unit ids, or None for all) with ``_unit`` (the unit they belong to,
    0 for none) and ``_order`` (their place in the rule's output); ``build`` turns the rows,
    sorted by ``_order``, into findings. The rule itself is ``build(sorted(rows(None)))``,
    so a full recompute and the dashboard's per-unit merge give the same list."""
    name: str
    rows: Callable[[Context, list[int] | None], list[dict]]
    build: Callable[[Context, list[dict]], list[Finding]]

    def __call__(self, ctx: Context, facts: Facts | None = None) -> list[Finding]:
        return self.findings(ctx, self.rows(ctx, None))

    @property
    def __name__(self) -> str:  # noqa: PLW3201 - read like a function's name by timers and profiles
        return self.name

    def findings(self, ctx: Context, rows: list[dict]) -> list[Finding]:
        return self.build(ctx, sorted(rows, key=lambda r: tuple(map(tuple, r["_order"]))))


def _ordered(rows: list[dict], unit: str, *order: str) -> list[dict]:
    """Adds ``_unit`` and ``_order`` (JSON-friendly lists) to each row."""
    for r in rows:
        r["_unit"] = r[unit] or 0
        r["_order"] = [list(k) for k in _key(*(r[o] for o in order))]
    return rows


def _khtnv_people(ctx: Context, scope: list[int] | None) -> list[dict]:
    # From the few KHTNV evaluations (index evaluation_level), not from every person.
    return _ordered(_scoped(ctx, f"""
        SELECT p.id, p.full_name, p.sort_key, p.unit_id AS person_unit, u.id AS unit_id, u.code,
               u.name AS unit_name, group_concat(e.year) AS years
        FROM evaluation e CROSS JOIN person p ON p.id = e.person_id
        LEFT JOIN unit u ON u.id = p.unit_id
        WHERE e.level = 'KHTNV' AND {_ACTIVE_PERSON} {{scope}} GROUP BY p.id ORDER BY p.sort_key, p.id""",
                            "p.unit_id", scope), "person_unit", "sort_key", "id")


def _khtnv_rows(ctx: Context, scope: list[int] | None) -> list[dict]:
    # Only the people with a run long enough (a threshold change rebuilds every cached row).
    years = int(threshold(ctx, "KHTNV_NAM_LIEN_TIEP"))
    found = []
    for r in _khtnv_people(ctx, scope):
        r["run"] = _longest_run(sorted(int(y) for y in r.pop("years").split(",")))
        if len(r["run"]) >= years:
            found.append(r)
    return found


def _khtnv_build(ctx: Context, rows: list[dict]) -> list[Finding]:
    found = []
    for r in rows:
        run = r["run"]
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


def _past_retirement_rows(ctx: Context, scope: list[int] | None) -> list[dict]:
    return _ordered(_scoped(ctx, f"""
        SELECT p.id, p.full_name, p.retire_on, p.sort_key, p.unit_id AS person_unit, u.id AS unit_id,
               u.code, u.name AS unit_name
        FROM person p LEFT JOIN unit u ON u.id = p.unit_id
        WHERE {_ACTIVE_PERSON} AND p.retire_on IS NOT NULL AND p.retire_on <= :d {{scope}}
        ORDER BY p.sort_key""", "p.unit_id", scope), "person_unit", "sort_key", "id")


def _past_retirement_build(ctx: Context, rows: list[dict]) -> list[Finding]:
    return [Finding("QUA_TUOI_NGHI_HUU", CANH_BAO,
                    f"{r['full_name']} ({r['unit_name']}) đến tuổi nghỉ hưu từ "
                    f"{vntext.format_date(r['retire_on'])} nhưng vẫn đang làm việc.",
                    r["code"], r["full_name"], "Bộ luật Lao động 2019 Điều 169; NĐ 135/2020/NĐ-CP",
                    r["unit_id"], r["id"]) for r in rows]


def _missing_evaluation_rows(ctx: Context, scope: list[int] | None) -> list[dict]:
    year = ctx.today.year - 1
    return _ordered(_scoped(ctx, f"""
        SELECT u.id AS unit_id, u.code, u.name AS unit_name, count(*) AS n
        FROM person p JOIN unit u ON u.id = p.unit_id
        WHERE {_ACTIVE_PERSON} AND p.recruited_on <= :year_end {{scope}}
          AND NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.person_id = p.id AND e.year = :year)
        GROUP BY u.id ORDER BY u.code""", "p.unit_id", scope, year=year, year_end=f"{year}-12-31"),
                    "unit_id", "code", "unit_id")


def _missing_evaluation_build(ctx: Context, rows: list[dict]) -> list[Finding]:
    year = ctx.today.year - 1
    return [Finding("THIEU_DANH_GIA", THONG_TIN,
                    f"{r['unit_name']}: {r['n']} người chưa có kết quả đánh giá, xếp loại năm {year}.",
                    r["code"], None, "NĐ 90/2020/NĐ-CP; NĐ 233/2026/NĐ-CP", r["unit_id"])
            for r in rows]


def _small_units_rows(ctx: Context, scope: list[int] | None) -> list[dict]:
    rows = _ordered(_scoped(ctx, f"""
        SELECT u.id AS unit_id, u.code, u.name,
               (SELECT count(*) FROM person p WHERE p.unit_id = u.id AND {_ACTIVE_PERSON}) AS n
        FROM unit u WHERE {_ACTIVE_UNIT} {{scope}} ORDER BY u.code""", "u.id", scope),
                    "unit_id", "code", "unit_id")
    minimum = int(threshold(ctx, "NGUOI_TOI_THIEU_DON_VI"))
    return [r for r in rows if r["n"] < minimum]


def _small_units_build(ctx: Context, rows: list[dict]) -> list[Finding]:
    minimum = int(threshold(ctx, "NGUOI_TOI_THIEU_DON_VI"))
    return [Finding("DON_VI_DUOI_TOI_THIEU", CANH_BAO,
                    f"{r['name']} chỉ có {r['n']} người làm việc, dưới mức tối thiểu {minimum} người.",
                    r["code"], None, threshold_source(ctx, "NGUOI_TOI_THIEU_DON_VI"), r["unit_id"])
            for r in rows]


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


def _over_quota_now_rows(ctx: Context, scope: list[int] | None) -> list[dict]:
    rows = _ordered(_scoped(ctx, f"""
        SELECT u.id AS unit_id, u.code, u.name, q.nsnn AS quota,
               (SELECT count(*) FROM person p WHERE p.unit_id = u.id AND p.pay_source = 'NSNN'
                  AND {_ACTIVE_PERSON}) AS present
        FROM unit u JOIN quota q ON q.unit_id = u.id AND q.year = :y
        WHERE {_ACTIVE_UNIT} {{scope}} ORDER BY u.code""", "u.id", scope, y=ctx.today.year),
                    "unit_id", "code", "unit_id")
    return [r for r in rows if r["present"] > r["quota"]]


def _over_quota_now_build(ctx: Context, rows: list[dict]) -> list[Finding]:
    return [Finding("VUOT_SO_GIAO", LOI,
                    f"{r['name']}: có mặt {r['present']} người hưởng lương NSNN, vượt số được giao năm "
                    f"{ctx.today.year} ({r['quota']}) {r['present'] - r['quota']} người.",
                    r["code"], None, "NĐ 106/2020/NĐ-CP; Quyết định giao số lượng người làm việc",
                    r["unit_id"]) for r in rows]


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


def _impossible_dates_rows(ctx: Context, scope: list[int] | None) -> list[dict]:
    return _ordered(_scoped(ctx, """
        SELECT p.id, p.full_name, p.unit_id AS person_unit, u.id AS unit_id, u.code, p.birth_date,
               p.recruited_on, p.left_on
        FROM person p LEFT JOIN unit u ON u.id = p.unit_id
        WHERE (p.birth_date > :d OR p.recruited_on > p.left_on
           OR (p.birth_date IS NOT NULL AND p.recruited_on IS NOT NULL
               AND substr(p.recruited_on, 1, 4) - substr(p.birth_date, 1, 4) < 15)) {scope}""",
                            "p.unit_id", scope), "person_unit", "id")


def _impossible_dates_build(ctx: Context, rows: list[dict]) -> list[Finding]:
    return [Finding("NGAY_BAT_THUONG", LOI,
                    f"{r['full_name']}: ngày tháng không hợp lý ({_dates_said(r)}).",
                    r["code"], r["full_name"], "Kiểm tra chất lượng dữ liệu", r["unit_id"], r["id"])
            for r in rows]


def _dates_said(r: dict) -> str:
    said = ((what, vntext.format_date(r[key])) for what, key in
            (("sinh", "birth_date"), ("tuyển dụng", "recruited_on"), ("thôi việc", "left_on")))
    return ", ".join(f"{what} {text}" for what, text in said if text)


def _duplicate_people_rows(ctx: Context, scope: list[int] | None) -> list[dict]:
    # max(full_name): the name the index order always showed (a group's last row), now the
    # same whichever plan a unit-restricted query gets.
    return _ordered(_scoped(ctx, """
        SELECT max(p.full_name) AS full_name, p.name_key, p.birth_date, u.id AS unit_id, u.code,
               u.name AS unit_name, count(*) AS n
        FROM person p JOIN unit u ON u.id = p.unit_id
        WHERE p.left_on IS NULL {scope}
        GROUP BY p.name_key, p.birth_date, p.unit_id HAVING count(*) > 1""", "p.unit_id", scope),
                    "unit_id", "name_key", "birth_date", "unit_id")


def _duplicate_people_build(ctx: Context, rows: list[dict]) -> list[Finding]:
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
                    r["unit_code"], r["full_name"], "Kiểm tra dữ liệu tổng hợp từ nhiều cơ quan",
                    r["unit_id"], r["person_id"])
            for r in queries_packages.duplicate_cccd_across_offices(ctx.db)]


over_quota_now = UnitRule("over_quota_now", _over_quota_now_rows, _over_quota_now_build)
small_units = UnitRule("small_units", _small_units_rows, _small_units_build)
khtnv_two_years = UnitRule("khtnv_two_years", _khtnv_rows, _khtnv_build)
past_retirement = UnitRule("past_retirement", _past_retirement_rows, _past_retirement_build)
missing_evaluation = UnitRule("missing_evaluation", _missing_evaluation_rows, _missing_evaluation_build)
impossible_dates = UnitRule("impossible_dates", _impossible_dates_rows, _impossible_dates_build)
duplicate_people = UnitRule("duplicate_people", _duplicate_people_rows, _duplicate_people_build)
incomplete_files = UnitRule("incomplete_files", rules_file.rows, rules_file.build)
# Rules the dashboard keeps per unit (services/dash_cache.py): they read people and their evaluations.
UNIT_RULES = (over_quota_now, small_units, khtnv_two_years, past_retirement, missing_evaluation,
              impossible_dates, duplicate_people, incomplete_files)

RULES: list[Callable[[Context, Facts | None], list[Finding]]] = [
    over_quota_now, small_units, small_divisions, khtnv_two_years, past_retirement,
    missing_evaluation, small_schools, coefficient_out_of_range, impossible_dates, duplicate_people,
    rules_org.deputies_over_cap, rules_staffing.over_quota_past_years,
    rules_staffing.professional_share_low, rules_staffing.teacher_norms_off,
    rules_org.autonomy_inconsistent, rules_org.reorganisation_lowers_autonomy,
    duplicate_cccd_across_offices, incomplete_files,
    rules_evaluation.htxs_over_cap, rules_evaluation.head_above_unit,
    rules_file.discipline_form_not_applicable,
]

