"""Danh sách, tổng hợp đơn vị sự nghiệp công lập: units by field and autonomy
group, founding decision, managing body, status and changes since 2021. Units that
ended since 2021 are listed too, with their status and the event, and are not counted
among the units (số đơn vị, nhóm) of the report date."""

from __future__ import annotations

import datetime as dt

from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import by_field_group, name, stt, units_listed
from desktop_app.reports.model import TEXT, Row, col, group
from desktop_app.services import asof, autonomy
from desktop_app.vntext import format_date

SINCE = "2021-01-01"

COLUMNS = [
    stt(),
    name(width=27),
    col("managing_body", "Cơ quan quản lý trực tiếp", TEXT, 20),
    group("Quyết định thành lập", col("decision_no", "Số", TEXT, 18), col("decision_date", "Ngày", TEXT, 12)),
    col("so_don_vi", "Số đơn vị", width=7),
    group(
        "Mức độ tự chủ tài chính (NĐ 60/2021/NĐ-CP)",
        col("nhom_1", "Nhóm 1", width=7),
        col("nhom_2", "Nhóm 2", width=7),
        col("nhom_3", "Nhóm 3", width=7),
        col("nhom_4", "Nhóm 4", width=7),
        col("chua_xep", "Chưa xác định", width=8),
    ),
    col("status", "Trạng thái", TEXT, 12),
    col("changes", "Thay đổi từ năm 2021", TEXT, 24, unverified=True),
]


def build(ctx: Context, params: Params) -> list[Row]:
    units = units_listed(ctx, params.as_of, params.unit_code, dt.date.fromisoformat(SINCE))
    fin = asof.finance(ctx, asof.finance_year(ctx, params.year))
    statuses = dict(ctx.catalogues.choices("loai_su_kien"))
    events = _events_since(ctx)

    def values(u: dict) -> dict:
        ended = u.get("ended")
        g = autonomy.assess(fin.get(u["id"])).group
        out: dict = {
            "managing_body": u["managing_body"],
            "decision_no": u["decision_no"],
            "decision_date": format_date(u["decision_date"]),
            "so_don_vi": None if ended else 1,
            "status": ended or "Đang hoạt động",
            "changes": "; ".join(
                f"{statuses.get(k, k)} ({format_date(d)})" for k, d in events.get(u["id"], [])
            ),
        }
        if not ended:
            out.update({f"nhom_{i}": int(g == i) for i in range(1, 5)})
            out["chua_xep"] = int(g is None)
        return out

    return by_field_group(ctx, units, values, COLUMNS)


def _events_since(ctx: Context) -> dict[int, list[tuple[str, str]]]:
    out: dict[int, list[tuple[str, str]]] = {}
    for r in ctx.db.execute(
        # DISTINCT: a unit that is both before and after one event (a change of managing body)
        # must show that event once
        "SELECT DISTINCT eu.unit_id, e.id, e.kind, e.effective_date FROM event e "
        "JOIN event_unit eu ON eu.event_id = e.id WHERE e.effective_date >= ? "
        "ORDER BY e.effective_date",
        [SINCE],
    ):
        out.setdefault(r[0], []).append((r[2], r[3]))
    return out


FORM = FormDef(
    by_office=True,
    id="dvsn",
    notes=[lambda ctx, params: asof.finance_note(ctx, params.year)],
    name="Danh sách, tổng hợp đơn vị sự nghiệp công lập",
    source="Nghị định 120/2020/NĐ-CP; Nghị định 60/2021/NĐ-CP",
    columns=COLUMNS,
    build=build,
    title="DANH SÁCH, TỔNG HỢP ĐƠN VỊ SỰ NGHIỆP CÔNG LẬP",
    bieu="02/ĐVSN",
    subject=lambda p: (
        f"Tính đến ngày {format_date(p.as_of.isoformat())} (mức độ tự chủ theo số liệu năm {p.year})"
    ),
    unit_of_measure="Đơn vị tính: đơn vị",
)
