"""Danh sách đối tượng tinh giản biên chế (ND 154/2025/NĐ-CP): people who left
in the year for reason TINH_GIAN. Article, form of settlement and amount are
not recorded yet: those columns stay blank, never dropped (SPEC §4)."""

from __future__ import annotations

import datetime as dt

from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import stt
from desktop_app.reports.model import DEC, ITEM, TEXT, TOTAL, Row, col, group, sum_rows
from desktop_app.services import asof
from desktop_app.vntext import format_date

COLUMNS = [
    stt(),
    col("label", "Họ và tên", TEXT, 22),
    group("Ngày, tháng, năm sinh", col("nam", "Nam", TEXT, 12), col("nu", "Nữ", TEXT, 12)),
    col("post", "Chức vụ, chức danh", TEXT, 17),
    col("unit", "Đơn vị công tác", TEXT, 18),
    col("education", "Trình độ đào tạo", TEXT, 10),
    col("insurance", "Số năm đóng BHXH", DEC, 8),
    col("coefficient", "Hệ số lương hiện hưởng", DEC, 8),
    col("left_on", "Thời điểm tinh giản", TEXT, 12),
    col("reason", "Lý do tinh giản (điều, khoản)", TEXT, 12, unverified=True),
    col("settlement", "Hình thức giải quyết", TEXT, 12, unverified=True),
    col("amount", "Kinh phí (đồng)", DEC, 12, unverified=True),
    col("note", "Ghi chú", TEXT, 12),
]


def build(ctx: Context, params: Params) -> list[Row]:
    people = asof.leavers(ctx, dt.date(params.year, 1, 1), dt.date(params.year, 12, 31), "TINH_GIAN")
    units = {u["id"]: u for u in ctx.db["unit"].rows}
    if params.unit_code:
        people = [p for p in people if units.get(p["last_unit_id"], {}).get("code") == params.unit_code]
    rows = []
    for p in people:
        born = format_date(p["birth_date"])
        rows.append(
            Row(
                ITEM,
                p["full_name"],
                {
                    "nam": born if p["gender"] == "nam" else None,
                    "nu": born if p["gender"] == "nu" else None,
                    "post": ctx.catalogues.label("cdnn", p["last_title_code"])
                    if p["last_title_code"]
                    else None,
                    "unit": units.get(p["last_unit_id"], {}).get("name"),
                    "education": ctx.catalogues.label("trinh_do_chuyen_mon", p["education_level"]) or None,
                    "insurance": p["insurance_years"],
                    "coefficient": p["last_coefficient"],
                    "left_on": format_date(p["left_on"]),
                    "note": p["note"],
                },
            )
        )
    rows.append(Row(TOTAL, f"Tổng cộng: {len(rows)} người", sum_rows(rows, ["amount"])))
    return rows


FORM = FormDef(
    id="tinh-gian",
    name="Danh sách đối tượng tinh giản biên chế",
    source="Nghị định 154/2025/NĐ-CP",
    columns=COLUMNS,
    build=build,
    bieu="05/TGBC",
    title="DANH SÁCH ĐỐI TƯỢNG TINH GIẢN BIÊN CHẾ",
    subject=lambda p: f"Năm {p.year}",
    unit_of_measure="",
)
