"""Độ đầy đủ hồ sơ (issue #19): per unit, the people whose file lacks a CCCD, a full birth
date, the salary step date, last year's evaluation or a required contract (services.completeness)."""

from __future__ import annotations

from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import stt
from desktop_app.reports.forms.due_common import unit_id
from desktop_app.reports.model import GROUP, INT, ITEM, TEXT, TOTAL, Row, col, group, sum_rows
from desktop_app.services import completeness
from desktop_app.vntext import format_date

KEYS = list(completeness.GAPS)
COLUMNS = [
    stt(7),
    col("label", "Họ và tên", TEXT, 26),
    col("cccd", "Số CCCD", TEXT, 14),
    group("Hồ sơ còn thiếu (số người)", *[col(k, label, INT, 11) for k, label in completeness.GAPS.items()]),
    col("n", "Số mục thiếu", INT, 9),
]


def build(ctx: Context, params: Params) -> list[Row]:
    found = completeness.gaps(ctx, params.as_of, unit_id(ctx, params))
    names = {r[0]: r[1] for r in ctx.db.execute("SELECT id, name FROM unit ORDER BY code")}
    rows: list[Row] = []
    items_all: list[Row] = []
    for uid, name in [*names.items(), (None, "Chưa ghi đơn vị")]:
        items = [_row(r) for r in found if r["unit_id"] == uid]
        if items:
            rows.append(Row(GROUP, name, sum_rows(items, [*KEYS, "n"])))
            rows += items
            items_all += items
    rows.append(Row(TOTAL, f"Tổng cộng: {len(items_all)} người", sum_rows(items_all, [*KEYS, "n"])))
    return rows


def _row(r: dict) -> Row:
    flags = {k: 1 if r[k] else None for k in KEYS}
    return Row(ITEM, r["full_name"], {"cccd": r["cccd"], **flags, "n": sum(1 for v in flags.values() if v)})


FORM = FormDef(
    id="ho-so",
    name="Độ đầy đủ hồ sơ nhân sự",
    source=(
        "Luật Viên chức Điều 25 (hợp đồng làm việc); NĐ 111/2022/NĐ-CP; Công văn 5034/BNV-CCVC ngày "
        "11/7/2025 (đồng bộ CSDL quốc gia về CBCCVC: đúng, đủ, sạch, sống)"
    ),
    title="BÁO CÁO ĐỘ ĐẦY ĐỦ HỒ SƠ NHÂN SỰ",
    columns=COLUMNS,
    build=build,
    subject=lambda p: f"Tính đến ngày {format_date(p.as_of.isoformat())}",
    unit_of_measure="Đơn vị tính: người",
    notes=[
        lambda ctx, p: (
            f"Đánh giá năm trước: năm {p.as_of.year - 1}. Hợp đồng: người thuộc loại lao động "
            "phải có hợp đồng mà không có hợp đồng còn hiệu lực tại ngày báo cáo."
        )
    ],
)
