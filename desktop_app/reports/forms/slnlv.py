"""Tổng hợp số lượng người làm việc (ND 106/2020: yearly statistics due 31/01).

Per unit grouped by field: giao of year N (NSNN / nguồn thu / HĐLĐ), có mặt
at the report date, giao of N-1 and of 2021, tăng/giảm. Every column is as of its
own date: a unit closed since 2021 keeps its row with its 2021 (and N-1) quota and a
note of the event, so the 2021 column is the quota really given in 2021 and
tăng/giảm adds up (a blank counts as 0)."""

from __future__ import annotations

from typing import Any

from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import by_field_group, name, stt, units_listed
from desktop_app.reports.model import TEXT, group
from desktop_app.reports.model import col as c
from desktop_app.services import asof
from desktop_app.vntext import format_date

BASE_YEAR = 2021

COLUMNS = [
    stt(), name(),
    group("Số lượng người làm việc được giao năm {N}",
          c("giao_tong", "Tổng số", formula="{giao_nsnn}+{giao_nguon_thu}"),
          c("giao_nsnn", "Hưởng lương từ NSNN"), c("giao_nguon_thu", "Hưởng lương từ nguồn thu sự nghiệp"),
          c("giao_hd", "Hợp đồng lao động (NĐ 111/2022)", width=11)),
    group("Số có mặt tại ngày {ngay}",
          c("co_mat_tong", "Tổng số", formula="{co_mat_nsnn}+{co_mat_nguon_thu}"),
          c("co_mat_nsnn", "Hưởng lương từ NSNN"),
          c("co_mat_nguon_thu", "Hưởng lương từ nguồn thu sự nghiệp"),
          c("co_mat_hd", "Hợp đồng lao động (NĐ 111/2022)", width=11)),
    group("Số được giao (tổng số)",
          c("giao_truoc", "Năm {N1}"), c("giao_2021", "Năm 2021")),
    group("Tăng (+), giảm (-) số được giao",
          c("tang_giam_truoc", "So với năm {N1}", width=11, formula="{giao_tong}-{giao_truoc}"),
          c("tang_giam_2021", "So với năm 2021", width=11, formula="{giao_tong}-{giao_2021}"),
          unverified=True),
    c("ghi_chu", "Ghi chú", TEXT, 12),
]


def _total(q: dict | None) -> int | None:
    return None if q is None else (q["nsnn"] or 0) + (q["revenue_paid"] or 0)


def _change(now: int | None, before: int | None) -> int | None:
    """A blank is 0 (a unit that did not exist, or no longer exists): rows add up to the total."""
    return None if now is None and before is None else (now or 0) - (before or 0)


def build(ctx: Context, params: Params) -> list:
    first = asof.year_end(min(BASE_YEAR, params.year - 1))
    units = units_listed(ctx, params.as_of, params.unit_code, first)
    now, before, base = (asof.quotas(ctx, y) for y in (params.year, params.year - 1, BASE_YEAR))
    active_before = {u["id"] for u in asof.units_active(ctx, asof.year_end(params.year - 1))}
    active_base = {u["id"] for u in asof.units_active(ctx, asof.year_end(BASE_YEAR))}
    present = asof.actual_counts(ctx, params.year, params.as_of)

    def values(u: dict) -> dict:
        q = None if u.get("ended") else now.get(u["id"])
        p = None if u.get("ended") else present.get(u["id"], asof.Counts())
        v: dict[str, Any] = {
             "giao_nsnn": q and q["nsnn"], "giao_nguon_thu": q and q["revenue_paid"],
             "giao_hd": q and q["contract"], "co_mat_nsnn": p and p.nsnn,
             "co_mat_nguon_thu": p and p.revenue_paid, "co_mat_hd": p and p.contract,
             "giao_tong": _total(q),
             "giao_truoc": _total(before.get(u["id"])) if u["id"] in active_before else None,
             "giao_2021": _total(base.get(u["id"])) if u["id"] in active_base else None,
             "ghi_chu": u.get("ended")}
        v["tang_giam_truoc"] = _change(v["giao_tong"], v["giao_truoc"])
        v["tang_giam_2021"] = _change(v["giao_tong"], v["giao_2021"])
        return v

    return by_field_group(ctx, units, values, COLUMNS)


FORM = FormDef(
    by_office=True,
    id="slnlv", name="Tổng hợp số lượng người làm việc",
    source="Nghị định 106/2020/NĐ-CP; Nghị định 111/2022/NĐ-CP",
    title="TỔNG HỢP SỐ LƯỢNG NGƯỜI LÀM VIỆC TRONG CÁC ĐƠN VỊ SỰ NGHIỆP CÔNG LẬP",
    columns=COLUMNS, build=build, bieu="01/SLNLV",
    subject=lambda p: f"Năm {p.year} (số có mặt tính đến ngày {format_date(p.as_of.isoformat())})",
    notes=["Ghi chú: Tổng số (1), (5) gồm người hưởng lương từ NSNN và từ nguồn thu sự nghiệp; "
           "hợp đồng lao động theo NĐ 111/2022/NĐ-CP thống kê riêng. Mỗi cột tính theo các đơn vị hoạt "
           "động tại thời điểm của cột: đơn vị đã giải thể, sáp nhập, hợp nhất vẫn giữ dòng của mình ở các "
           "năm trước; ô trống tính là 0 khi so sánh."])
