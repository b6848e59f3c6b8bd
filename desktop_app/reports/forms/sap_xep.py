"""Tình hình sắp xếp, tổ chức lại ĐVSNCL (ND 120/2020, ND 83/2024): events
with decisions, units before/after, staff moved, deputies now and the deadline
to bring them within the cap (effective date + grace years)."""

from __future__ import annotations

import datetime as dt

from db import repo
from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import stt
from desktop_app.reports.model import ITEM, TEXT, TOTAL, Row, col, group, sum_rows
from desktop_app.vntext import format_date

COLUMNS = [
    stt(),
    col("label", "Hình thức sắp xếp", TEXT, 20),
    group(
        "Quyết định",
        col("decision_no", "Số", TEXT, 18),
        col("decision_date", "Ngày", TEXT, 11),
        col("decision_body", "Cơ quan ban hành", TEXT, 14),
    ),
    col("effective", "Ngày có hiệu lực", TEXT, 11),
    col("before", "Đơn vị trước sắp xếp", TEXT, 20),
    col("after", "Đơn vị sau sắp xếp", TEXT, 20),
    col("staff_moved", "Số người chuyển", width=9),
    col("deputies", "Số cấp phó hiện có", width=9),
    col("deadline", "Hạn bố trí cấp phó theo quy định", TEXT, 11, unverified=True),
]


def build(ctx: Context, params: Params) -> list[Row]:
    events = repo.query(
        ctx.db,
        "SELECT * FROM event WHERE effective_date >= ? AND effective_date <= ? ORDER BY effective_date, id",
        ["2021-01-01", params.as_of.isoformat()],
    )
    links = repo.query(
        ctx.db,
        "SELECT eu.event_id, eu.role, u.name, u.code, u.deputies FROM event_unit eu "
        "JOIN unit u ON u.id = eu.unit_id ORDER BY u.code",
    )
    kinds = dict(ctx.catalogues.choices("loai_su_kien"))
    rows = []
    for e in events:
        mine = [lk for lk in links if lk["event_id"] == e["id"]]
        if params.unit_code and params.unit_code not in {lk["code"] for lk in mine}:
            continue
        after = [lk for lk in mine if lk["role"] == "sau"]
        deputies = sum(lk["deputies"] or 0 for lk in after) if after else None
        rows.append(
            Row(
                ITEM,
                kinds.get(e["kind"]) or e["kind"],
                {
                    "decision_no": e["decision_no"],
                    "decision_date": format_date(e["decision_date"]),
                    "decision_body": e["decision_body"],
                    "effective": format_date(e["effective_date"]),
                    "before": "; ".join(lk["name"] for lk in mine if lk["role"] == "truoc") or None,
                    "after": "; ".join(lk["name"] for lk in after) or None,
                    "staff_moved": e["staff_moved"],
                    "deputies": deputies,
                    "deadline": _deadline(e),
                },
            )
        )
    rows.append(Row(TOTAL, f"Tổng cộng: {len(rows)} sự kiện", sum_rows(rows, ["staff_moved", "deputies"])))
    return rows


def _deadline(e: dict) -> str | None:
    if not e["grace_years"]:
        return None
    day = dt.date.fromisoformat(e["effective_date"])
    try:
        return format_date(day.replace(year=day.year + e["grace_years"]).isoformat())
    except ValueError:  # 29/02 → 28/02
        return format_date(day.replace(year=day.year + e["grace_years"], day=28).isoformat())


FORM = FormDef(
    id="sap-xep",
    name="Tình hình sắp xếp, tổ chức lại đơn vị sự nghiệp công lập",
    source="Nghị định 120/2020/NĐ-CP (sửa đổi bởi Nghị định 83/2024/NĐ-CP)",
    columns=COLUMNS,
    build=build,
    title="TÌNH HÌNH SẮP XẾP, TỔ CHỨC LẠI ĐƠN VỊ SỰ NGHIỆP CÔNG LẬP",
    bieu="07/SX",
    subject=lambda p: f"Từ năm 2021 đến ngày {format_date(p.as_of.isoformat())}",
    unit_of_measure="Đơn vị tính: người",
)
