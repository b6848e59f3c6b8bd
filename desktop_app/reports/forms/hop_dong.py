"""Danh sách hợp đồng hết hạn trong một kỳ: hợp đồng làm việc xác định thời hạn (Luật Viên
chức Điều 25) and hợp đồng lao động (NĐ 111/2022/NĐ-CP) whose end date falls in the period
and that have not been ended yet."""

from __future__ import annotations

from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import stt
from desktop_app.reports.forms.due_common import date_text, grouped, period, subject, unit_id
from desktop_app.reports.model import ITEM, TEXT, Row, col
from desktop_app.services import due

COLUMNS = [
    stt(7), col("label", "Họ và tên", TEXT, 24), col("cccd", "Số CCCD", TEXT, 14),
    col("kind", "Loại hợp đồng", TEXT, 30), col("number", "Số hợp đồng", TEXT, 14),
    col("from", "Từ ngày", TEXT, 11), col("to", "Đến ngày", TEXT, 11),
]


def build(ctx: Context, params: Params) -> list[Row]:
    rows = due.contracts_ending(ctx, *period(params), unit_id(ctx, params))
    return grouped(ctx, rows, lambda r: r["unit_id"], lambda r: _row(ctx, r))


def _row(ctx: Context, r: dict) -> Row:
    return Row(ITEM, r["full_name"], {
        "cccd": r["cccd"], "kind": ctx.catalogues.label("loai_hop_dong", r["kind"]), "number": r["number"],
        "from": date_text(r["from_date"]), "to": date_text(r["to_date"])})


FORM = FormDef(
    id="hop-dong", name="Danh sách hợp đồng hết hạn",
    source="Luật Viên chức Điều 25, 28; Nghị định 111/2022/NĐ-CP",
    title="DANH SÁCH HỢP ĐỒNG HẾT HẠN", columns=COLUMNS, build=build, subject=subject,
    unit_of_measure="")
