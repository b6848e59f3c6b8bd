"""The check rule over the personnel file (issue #19): per unit, how many working people's
files lack a part (services.completeness; the ``ho-so`` report lists them). A unit rule:
the dashboard keeps its rows per unit and recomputes only the units written."""

from __future__ import annotations

from desktop_app.context import Context
from desktop_app.services import completeness
from desktop_app.services.check import THONG_TIN, Finding

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
