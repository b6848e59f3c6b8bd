"""Kết quả thực hiện 19-NQ/TW, 62-KL/TW: the indicator table by field group
(legal-notes §8, a suggested layout — no official template was found, so
every column group is marked unverified), each indicator against its target and
deadline (``indicators``). Spending is compared as averages of periods
(bình quân 2021–2025 vs 2016–2020, then 2026–2030 vs 2021–2025), never single years."""

from __future__ import annotations

from typing import Any

from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms import indicators as ind
from desktop_app.reports.forms import kq_nq19_report, tinh_gian_kq
from desktop_app.reports.forms.common import name, round_money, stt
from desktop_app.reports.model import DEC, ITEM, PCT, TOTAL, Row, col, group, ratio, sum_rows
from desktop_app.services import asof

W = 8
COLUMNS = [
    stt(),
    name("Lĩnh vực", 24),
    group(
        "Số đơn vị sự nghiệp công lập",
        col("dv_2021", "Ngày 31/12/2021", width=W),
        col("dv_nay", "Ngày {ngay}", width=W + 1),
        col("dv_giam", "Giảm so với 2021 (%)", PCT, W),
        unverified=True,
    ),
    group(
        "Theo mức độ tự chủ (số liệu năm {TC})",
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
        col("giao_nay", "Giao năm {N}", width=W),
        col("co_mat", "Có mặt", width=W),
        col("giao_giam", "Giảm so với 2021 (%)", PCT, W),
        unverified=True,
    ),
    group("Hưởng lương từ nguồn thu", col("nt_giao", "Giao", width=W), col("nt_co_mat", "Có mặt", width=W)),
    col("hd_co_mat", "HĐLĐ có mặt", width=W + 1),
    group(
        "Chi thường xuyên từ NSNN, bình quân năm (triệu đồng)",
        col("chi_1620", "Giai đoạn 2016–2020", DEC, 12),
        col("chi_2125", "Giai đoạn 2021–2025", DEC, 12),
        col("chi_giam", "Giảm (%)", PCT, W + 1),
        unverified=True,
    ),
    col("cmnv_pct", "Tỷ lệ VTVL chuyên môn, nghiệp vụ (%)", PCT, W + 2, unverified=True),
]
MILLION = 1_000_000


def _decrease(before: float | None, now: float | None) -> float | None:
    if before is None or now is None or not before:
        return None
    return round((before - now) * 100.0 / before, 2)


def build(ctx: Context, params: Params) -> list[Row]:
    f = ind.figures(ctx, params.as_of, params.year, params.unit_code)
    present = asof.actual_counts(ctx, params.year, params.as_of)
    shares, _ = ind.targets.professional_share(ctx, params.as_of)
    field_group = {i["code"]: i.get("group") for i in ctx.catalogues.items("linh_vuc")}

    def tally(code: str) -> dict[str, Any]:
        now = [u for u in f.units_now if field_group.get(u["field"]) == code]
        base = [u for u in f.units_base if field_group.get(u["field"]) == code]
        ever = {uid for uid, fld in f.fields.items() if field_group.get(fld) == code}
        groups = [f.autonomy[u["id"]].group for u in now]
        v: dict[str, Any] = {"dv_2021": len(base), "dv_nay": len(now),
                             **{f"n{g}": groups.count(g) for g in (1, 2, 3, 4)}}
        v["giao_2021"] = sum((f.quota_base.get(u["id"]) or {}).get("nsnn") or 0 for u in base)
        v["giao_nay"] = sum((f.quota_now.get(u["id"]) or {}).get("nsnn") or 0 for u in now)
        v["nt_giao"] = sum((f.quota_now.get(u["id"]) or {}).get("revenue_paid") or 0 for u in now)
        for key, attr in (("co_mat", "nsnn"), ("nt_co_mat", "revenue_paid"), ("hd_co_mat", "contract")):
            v[key] = sum(getattr(present.get(u["id"], asof.Counts()), attr) for u in now)
        for key, period in (("chi_1620", (2016, 2020)), ("chi_2125", (2021, 2025))):
            avg, _ = f.spending_average(*period, ever)
            v[key] = None if avg is None else avg / MILLION
        v["_cm"] = sum(shares.get(u["id"], (0, 0))[0] for u in now)
        v["_can"] = sum(shares.get(u["id"], (0, 0))[1] for u in now)
        return v

    rows = []
    for g in ctx.catalogues.items("nhom_linh_vuc"):
        v = tally(g["code"])
        if not f.quota_now:  # no quota given for the year yet: blank, never read as a 100% cut
            v["giao_nay"] = v["nt_giao"] = None
        if v["dv_nay"] or v["dv_2021"]:
            rows.append(Row(ITEM, g["label"], v))
    keys = [k for k in rows[0].values if not k.endswith(("_giam", "_pct"))] if rows else []
    rows.append(Row(TOTAL, "Tổng cộng", sum_rows(rows, keys)))
    for r in rows:
        _rates(r.values)
    return round_money(COLUMNS, rows)


def _rates(v: dict) -> None:
    v["dv_giam"] = _decrease(v.get("dv_2021"), v.get("dv_nay"))
    v["tu_chu_pct"] = ratio((v.get("n1") or 0) + (v.get("n2") or 0), v.get("dv_nay"))
    v["giao_giam"] = _decrease(v.get("giao_2021"), v.get("giao_nay"))
    v["chi_giam"] = _decrease(v.get("chi_1620"), v.get("chi_2125"))
    v["cmnv_pct"] = ratio(v.pop("_cm", None), v.pop("_can", None))


def indicator_lines(ctx: Context, params: Params) -> list[str]:
    """One line per indicator: its result, its target and deadline, đạt / chưa đạt."""
    f = ind.figures(ctx, params.as_of, params.year, params.unit_code)
    return ["Kết quả theo chỉ tiêu:", *(f"- {ind.describe(t)}" for t in ind.indicators(ctx, f))]


FORM = FormDef(
    by_office=True,
    id="kq-nq19",
    name="Báo cáo kết quả thực hiện 19-NQ/TW, 62-KL/TW",
    source="Nghị quyết 19-NQ/TW ngày 25/10/2017; Kết luận 62-KL/TW",
    columns=COLUMNS,
    build=build,
    title="BÁO CÁO",
    letter=kq_nq19_report.letter,
    annex_title="CÁC CHỈ TIÊU THỰC HIỆN NGHỊ QUYẾT 19-NQ/TW, KẾT LUẬN 62-KL/TW",
    unit_of_measure="Đơn vị tính: đơn vị; người; triệu đồng; %",
    subject=lambda p: (
        f"Kết quả thực hiện Nghị quyết số 19-NQ/TW và Kết luận số 62-KL/TW "
        f"đến ngày {p.as_of.strftime('%d/%m/%Y')}"
    ),
    notes=[
        "Tỷ lệ tự chủ = (nhóm 1 + nhóm 2) / số đơn vị tại ngày báo cáo × 100; nhóm tự chủ theo quyết định "
        "chỉ được tính khi có số quyết định. Chi NSNN so sánh bình quân năm của giai đoạn.",
        lambda ctx, params: asof.finance_note(ctx, params.year),
        indicator_lines,
        lambda ctx, params: tinh_gian_kq.nq19_note(ctx, params.year),  # issue #20
    ],
)
