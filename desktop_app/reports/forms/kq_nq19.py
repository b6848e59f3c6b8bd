"""Kết quả thực hiện 19-NQ/TW, 62-KL/TW: the indicator table by field group
(legal-notes §8, a suggested layout — no official template was found, so
every column group is marked unverified)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms import tinh_gian_kq
from desktop_app.reports.forms.common import name, stt
from desktop_app.reports.model import DEC, ITEM, PCT, TOTAL, Row, col, group, ratio, sum_rows
from desktop_app.services import asof, autonomy

BASE = 2021
W = 8
COLUMNS = [
    stt(),
    name("Lĩnh vực", 26),
    group(
        "Số đơn vị sự nghiệp công lập",
        col("dv_2021", "Năm 2021", width=W),
        col("dv_nay", "Hiện tại", width=W),
        col("dv_giam", "Giảm so với 2021 (%)", PCT, W),
        unverified=True,
    ),
    group(
        "Theo mức độ tự chủ",
        col("n1", "Nhóm 1", width=W - 1),
        col("n2", "Nhóm 2", width=W - 1),
        col("n3", "Nhóm 3", width=W - 1),
        col("n4", "Nhóm 4", width=W - 1),
        col("tu_chu_pct", "Tỷ lệ tự chủ (%)", PCT, W),
        unverified=True,
    ),
    group(
        "Số lượng người làm việc hưởng lương NSNN",
        col("giao_2021", "Giao năm 2021", width=W),
        col("giao_nay", "Giao năm N", width=W),
        col("co_mat", "Có mặt", width=W),
        col("giao_giam", "Giảm so với 2021 (%)", PCT, W),
        unverified=True,
    ),
    group("Hưởng lương từ nguồn thu", col("nt_giao", "Giao", width=W), col("nt_co_mat", "Có mặt", width=W)),
    col("hd_co_mat", "HĐLĐ có mặt", width=W + 2),
    group(
        "Chi thường xuyên từ NSNN (triệu đồng)",
        col("chi_2021", "Năm 2021", DEC, 13),
        col("chi_nay", "Năm N", DEC, 13),
        col("chi_giam", "Giảm (%)", PCT, W),
        unverified=True,
    ),
]


def _decrease(before: float | None, now: float | None) -> float | None:
    if before is None or now is None or not before:
        return None
    return round((before - now) * 100.0 / before, 2)


def build(ctx: Context, params: Params) -> list[Row]:
    now_units = asof.units_active(ctx, params.as_of, params.unit_code)
    base_units = asof.units_active(ctx, dt.date(BASE, 12, 31), params.unit_code)
    q_base, q_now = asof.quotas(ctx, BASE), asof.quotas(ctx, params.year)
    fin_year = asof.finance_year(ctx, params.year)
    f_base, f_now = asof.finance(ctx, BASE), asof.finance(ctx, fin_year)
    present = asof.actual_counts(ctx, params.year, params.as_of)
    field_group = {i["code"]: i.get("group") for i in ctx.catalogues.items("linh_vuc")}

    def tally(units_now: list[dict], units_base: list[dict]) -> dict:
        ids_now = [u["id"] for u in units_now]
        groups = [autonomy.assess(f_now.get(i)).group for i in ids_now]
        v: dict[str, Any] = {
            "dv_2021": len(units_base),
            "dv_nay": len(ids_now),
            **{f"n{g}": groups.count(g) for g in range(1, 5)},
        }
        v["giao_2021"] = sum((q_base.get(u["id"]) or {}).get("nsnn") or 0 for u in units_base)
        v["giao_nay"] = sum((q_now.get(i) or {}).get("nsnn") or 0 for i in ids_now)
        v["nt_giao"] = sum((q_now.get(i) or {}).get("revenue_paid") or 0 for i in ids_now)
        for key, attr in (("co_mat", "nsnn"), ("nt_co_mat", "revenue_paid"), ("hd_co_mat", "contract")):
            v[key] = sum(getattr(present.get(i, asof.Counts()), attr) for i in ids_now)
        v["chi_2021"] = round(
            sum((f_base.get(u["id"]) or {}).get("nsnn_spending") or 0 for u in units_base) / 1e6, 2
        )
        v["chi_nay"] = (round(sum((f_now.get(i) or {}).get("nsnn_spending") or 0 for i in ids_now) / 1e6, 2)
                        if f_now else None)
        return _rates(v)

    rows = []
    for g in ctx.catalogues.items("nhom_linh_vuc"):
        now_g = [u for u in now_units if field_group.get(u["field"]) == g["code"]]
        base_g = [u for u in base_units if field_group.get(u["field"]) == g["code"]]
        if now_g or base_g:
            rows.append(Row(ITEM, g["label"], tally(now_g, base_g)))
    keys = [c for c in rows[0].values if not c.endswith(("_giam", "_pct"))] if rows else []
    rows.append(Row(TOTAL, "Tổng cộng", _rates(sum_rows(rows, keys))))
    return rows


def _rates(v: dict) -> dict:
    v["dv_giam"] = _decrease(v.get("dv_2021"), v.get("dv_nay"))
    v["tu_chu_pct"] = ratio((v.get("n1") or 0) + (v.get("n2") or 0), v.get("dv_nay"))
    v["giao_giam"] = _decrease(v.get("giao_2021"), v.get("giao_nay"))
    v["chi_giam"] = _decrease(v.get("chi_2021"), v.get("chi_nay"))
    return v


FORM = FormDef(
    by_office=True,
    id="kq-nq19",
    name="Báo cáo kết quả thực hiện 19-NQ/TW, 62-KL/TW",
    source="Nghị quyết 19-NQ/TW ngày 25/10/2017; Kết luận 62-KL/TW",
    columns=COLUMNS,
    build=build,
    title="BÁO CÁO",
    unit_of_measure="Đơn vị tính: đơn vị; người; triệu đồng; %",
    subject=lambda p: (
        f"Kết quả thực hiện Nghị quyết số 19-NQ/TW và Kết luận số 62-KL/TW "
        f"đến ngày {p.as_of.strftime('%d/%m/%Y')}"
    ),
    notes=[
        "Tỷ lệ tự chủ = (nhóm 1 + nhóm 2) / số đơn vị hiện tại × 100; chỉ tiêu: giảm ≥ 10% số đơn vị và "
        "biên chế hưởng lương NSNN so với năm 2021.",
        lambda ctx, params: asof.finance_note(ctx, params.year),
        lambda ctx, params: tinh_gian_kq.nq19_note(ctx, params.year),  # issue #20
    ],
)
