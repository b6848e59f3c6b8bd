"""The check rules over the personnel file: per unit, how many working people's files lack a
part (issue #19; services.completeness; the ``ho-so`` report lists them), a unit rule the
dashboard keeps per unit and recomputes only for the units written; and a discipline form the
law does not have for the person's regime (issue #21: «giáng chức» on a viên chức)."""

from __future__ import annotations

import json

from db import repo
from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.services import completeness
from desktop_app.services.check import LOI, THONG_TIN, Finding
from desktop_app.services.facts import Facts
from desktop_app.services.personnel_rules import VIEN_CHUC_FORMS_SOURCE, form_refused

SOURCE = "CV 5034/BNV-CCVC ngày 11/7/2025 (đồng bộ CSDL quốc gia về CBCCVC)"


def rows(ctx: Context, scope: list[int] | None) -> list[dict]:
    units = {r[0]: (r[1], r[2]) for r in ctx.db.execute("SELECT id, code, name FROM unit")}
    out = []
    for r in completeness.unit_totals(ctx, ctx.today, scope):
        code, name = units.get(r["unit_id"], (None, "Chưa ghi đơn vị"))
        # _unit and _order as services.rules.UnitRule expects: NULL codes first, then by code
        out.append({**r, "code": code, "unit_name": name, "_unit": r["unit_id"] or 0,
                    "_order": [[0, 0]] if code is None else [[1, code]]})
    return out


def build(ctx: Context, found: list[dict]) -> list[Finding]:
    return [Finding("HO_SO_THIEU", THONG_TIN,
                    f"{r['unit_name']}: {r['n']} người hồ sơ chưa đầy đủ ("
                    + ", ".join(f"{label}: {r[k]}" for k, label in completeness.GAPS.items() if r[k])
                    + "); xem báo cáo «Độ đầy đủ hồ sơ nhân sự».", r["code"], None, SOURCE, r["unit_id"])
            for r in found]


def discipline_form_not_applicable(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    """A viên chức's record carrying a discipline form the law has no such form for
    (``hinh_thuc_ky_luat.applies_to`` without ``vien_chuc``: «giáng chức»). Entry refuses it;
    this finds what was stored before, or a person made viên chức afterwards."""
    forms = [i["code"] for i in ctx.catalogues.items("hinh_thuc_ky_luat")
             if "vien_chuc" not in i.get("applies_to", ["vien_chuc"])]
    rows = repo.query(ctx.db, """
        SELECT d.form, d.from_date, p.id, p.full_name, p.employment_kind, u.id AS unit_id, u.code
        FROM discipline d JOIN person p ON p.id = d.person_id LEFT JOIN unit u ON u.id = p.unit_id
        WHERE d.form IN (SELECT value FROM json_each(?)) ORDER BY p.sort_key, p.id, d.from_date""",
                      [json.dumps(forms)])
    refused = [(r, form_refused(ctx, r["form"], r["employment_kind"])) for r in rows]
    return [Finding("KY_LUAT_KHONG_AP_DUNG", LOI,
                    f"{r['full_name']}: kỷ luật ngày {vntext.format_date(r['from_date'])} — {why}",
                    r["code"], r["full_name"], VIEN_CHUC_FORMS_SOURCE, r["unit_id"], r["id"])
            for r, why in refused if why]
