"""Tổng hợp số lượng người làm việc (ND 106/2020: yearly statistics due 31/01).

Per unit grouped by field: giao of year N (NSNN / nguồn thu / HĐLĐ), có mặt
at the report date, giao of N-1 and of 2021, tăng/giảm."""

from __future__ import annotations

from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import by_field_group, name, stt
from desktop_app.reports.model import col as c
from desktop_app.reports.model import group
from desktop_app.services import asof
from desktop_app.vntext import format_date

BASE_YEAR = 2021

COLUMNS = [
    stt(), name(),
    group("Số lượng người làm việc được giao năm N",
          c("giao_tong", "Tổng số", formula="{giao_nsnn}+{giao_nguon_thu}"),
          c("giao_nsnn", "Hưởng lương từ NSNN"), c("giao_nguon_thu", "Hưởng lương từ nguồn thu sự nghiệp"),
          c("giao_hd", "Hợp đồng lao động (NĐ 111/2022)", width=11)),
    group("Số có mặt tại ngày báo cáo",
          c("co_mat_tong", "Tổng số", formula="{co_mat_nsnn}+{co_mat_nguon_thu}"),
          c("co_mat_nsnn", "Hưởng lương từ NSNN"),
          c("co_mat_nguon_thu", "Hưởng lương từ nguồn thu sự nghiệp"),
          c("co_mat_hd", "Hợp đồng lao động (NĐ 111/2022)", width=11)),
    group("Số được giao (tổng số)",
          c("giao_truoc", "Năm N-1"), c("giao_2021", "Năm 2021")),
    group("Tăng (+), giảm (-) số được giao",
          c("tang_giam_truoc", "So với năm N-1", width=11, formula="{giao_tong}-{giao_truoc}"),
          c("tang_giam_2021", "So với năm 2021", width=11, formula="{giao_tong}-{giao_2021}"),
          unverified=True),
]


def build(ctx: Context, params: Params) -> list:
    units = asof.units_active(ctx, params.as_of, params.unit_code)
    now, before, base = (asof.quotas(ctx, y) for y in (params.year, params.year - 1, BASE_YEAR))
    present = asof.actual_counts(ctx, params.year, params.as_of)

    def total(q: dict | None) -> int | None:
        return None if q is None else (q["nsnn"] or 0) + (q["revenue_paid"] or 0)

    def values(u: dict) -> dict:
        q = now.get(u["id"])
        p = present.get(u["id"], asof.Counts())
        return {"giao_nsnn": q and q["nsnn"], "giao_nguon_thu": q and q["revenue_paid"],
                "giao_hd": q and q["contract"], "co_mat_nsnn": p.nsnn, "co_mat_nguon_thu": p.revenue_paid,
                "co_mat_hd": p.contract, "giao_truoc": total(before.get(u["id"])),
                "giao_2021": total(base.get(u["id"]))}

    return by_field_group(ctx, units, values, COLUMNS)


FORM = FormDef(
    by_office=True,
    id="slnlv", name="Tổng hợp số lượng người làm việc",
    source="Nghị định 106/2020/NĐ-CP; Nghị định 111/2022/NĐ-CP",
    title="TỔNG HỢP SỐ LƯỢNG NGƯỜI LÀM VIỆC TRONG CÁC ĐƠN VỊ SỰ NGHIỆP CÔNG LẬP",
    columns=COLUMNS, build=build, bieu="01/SLNLV",
    subject=lambda p: f"Năm {p.year} (số có mặt tính đến ngày {format_date(p.as_of.isoformat())})",
    notes=["Ghi chú: Tổng số (1), (5) gồm người hưởng lương từ NSNN và từ nguồn thu sự nghiệp; "
           "hợp đồng lao động theo NĐ 111/2022/NĐ-CP thống kê riêng."])
