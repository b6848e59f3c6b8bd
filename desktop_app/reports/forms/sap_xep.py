"""Tình hình sắp xếp, tổ chức lại ĐVSNCL (ND 120/2020, ND 83/2024): events with
decisions, units before/after, staff moved; for the units after the event the deputies
now against the cap (ND 120/2020 Điều 6 khoản 2 as amended by ND 83/2024, the rules'
``deputy_cap``), the excess and the deadline to restore the cap (effective date + the
grace years, never more than the NAM_SAP_XEP_CAP_PHO threshold), an overdue one flagged.
Many events of one kind and date (the 01/07/2025 change of managing body of every
unit) are one summary line. No grand total of deputies: a unit may follow several events."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from db import repo
from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import stt
from desktop_app.reports.model import ITEM, TEXT, TOTAL, Row, col, group, sum_rows
from desktop_app.services import asof, office, rules_org, targets
from desktop_app.settings import threshold
from desktop_app.vntext import format_date

SUMMARY_FROM = 5  # events of one kind and date beyond this are one summary line

COLUMNS = [
    stt(),
    col("label", "Hình thức sắp xếp", TEXT, 21),
    group(
        "Quyết định",
        col("decision_no", "Số", TEXT, 15),
        col("decision_date", "Ngày", TEXT, 10),
        col("decision_body", "Cơ quan ban hành", TEXT, 12),
    ),
    col("effective", "Ngày có hiệu lực", TEXT, 10),
    col("before", "Đơn vị trước sắp xếp", TEXT, 17),
    col("after", "Đơn vị sau sắp xếp", TEXT, 17),
    col("staff_moved", "Số người chuyển", width=8),
    group(
        "Cấp phó của đơn vị sau sắp xếp",
        col("deputies", "Hiện có", width=7),
        col("cap", "Tối đa theo quy định", width=8),
        col("excess", "Vượt", width=6),
        col("deadline", "Hạn bố trí", TEXT, 16),
        unverified=True,
    ),
]


def build(ctx: Context, params: Params) -> list[Row]:
    events = repo.query(
        ctx.db,
        "SELECT * FROM event WHERE effective_date >= ? AND effective_date <= ? ORDER BY effective_date, id",
        ["2021-01-01", params.as_of.isoformat()],
    )
    links = repo.query(
        ctx.db,
        "SELECT eu.event_id, eu.role, u.* FROM event_unit eu JOIN unit u ON u.id = eu.unit_id "
        "ORDER BY u.code",
    )
    links_of: dict[int, list[dict]] = {}
    for lk in links:
        links_of.setdefault(lk["event_id"], []).append(lk)
    caps = _caps(ctx, params.as_of)
    kinds = dict(ctx.catalogues.choices("loai_su_kien"))
    mine = [e for e in events if not params.unit_code
            or params.unit_code in {lk["code"] for lk in links_of.get(e["id"], [])}]
    size = Counter(_batch(e) for e in mine)
    rows: list[Row] = []
    summarised: set[tuple] = set()
    for e in mine:
        batch = _batch(e)
        if size[batch] > SUMMARY_FROM:
            if batch not in summarised:
                summarised.add(batch)
                rows.append(_summary(e, [x for x in mine if _batch(x) == batch], links_of, kinds))
            continue
        rows.append(_event_row(ctx, e, links_of.get(e["id"], []), caps, kinds, params.as_of))
    rows.append(Row(TOTAL, f"Tổng cộng: {len(mine)} sự kiện", sum_rows(rows, ["staff_moved"])))
    return rows


def _batch(e: dict) -> tuple:
    return e["kind"], e["effective_date"]


def _summary(e: dict, batch: list[dict], links_of: dict, kinds: dict) -> Row:
    units = {lk["id"] for x in batch for lk in links_of.get(x["id"], [])}
    moved = [x["staff_moved"] for x in batch if x["staff_moved"] is not None]
    decisions = {x["decision_no"] for x in batch}
    bodies = {x["decision_body"] for x in batch}
    return Row(ITEM, f"{kinds.get(e['kind']) or e['kind']} ({len(batch)} sự kiện)", {
        "decision_no": e["decision_no"] if len(decisions) == 1 else f"{len(decisions)} quyết định",
        "decision_body": e["decision_body"] if len(bodies) == 1 else None,
        "effective": format_date(e["effective_date"]),
        "before": f"{len(units)} đơn vị (tổng hợp một dòng)", "staff_moved": sum(moved) if moved else None})


def _caps(ctx: Context, day: dt.date):
    """Per unit: its deputy cap at ``day`` (None: nhóm 1 decides itself)."""
    groups, _ = targets.autonomy_groups(ctx, day)
    own = (office.get(ctx) or {}).get("level") or "xa"
    # in a consolidated database a unit keeps the cap of the office that sent it
    levels = {r[0]: r[1] for r in ctx.db.execute("SELECT uid, level FROM source_office")}
    kinds = {i["code"] for i in ctx.catalogues.items("loai_lao_dong") if i.get("is_vien_chuc")}
    vc = Counter(p["unit_id"] for p in asof.roll(ctx, day) if p["employment_kind"] in kinds)

    def cap(u: dict) -> int | None:
        level = levels.get(u.get("office_uid")) or own
        found = rules_org.deputy_cap(ctx, u, groups.get(u["id"]), vc[u["id"]], level)
        return None if found is None else found[0]
    return cap


def _event_row(ctx: Context, e: dict, mine: list[dict], cap, kinds: dict, day: dt.date) -> Row:
    after = [lk for lk in mine if lk["role"] == "sau"]
    v: dict = {
        "decision_no": e["decision_no"], "decision_date": format_date(e["decision_date"]),
        "decision_body": e["decision_body"], "effective": format_date(e["effective_date"]),
        "before": "; ".join(lk["name"] for lk in mine if lk["role"] == "truoc") or None,
        "after": "; ".join(lk["name"] for lk in after) or None, "staff_moved": e["staff_moved"],
    }
    if after:
        caps = [cap(lk) for lk in after]
        v["deputies"] = sum(lk["deputies"] or 0 for lk in after)
        if all(c is not None for c in caps):
            v["cap"] = sum(c for c in caps if c is not None)
            v["excess"] = sum(max(0, (lk["deputies"] or 0) - c) for lk, c in zip(after, caps, strict=True)
                              if c is not None)
        v.update(_deadline(ctx, e, v.get("excess"), day))
    return Row(ITEM, kinds.get(e["kind"]) or e["kind"], v)


def _deadline(ctx: Context, e: dict, excess: int | None, day: dt.date) -> dict:
    if e["kind"] not in rules_org.MERGERS:
        return {}
    deadline = rules_org.grace_deadline(ctx, e)
    notes = [format_date(deadline.isoformat())]
    if excess and day >= deadline:
        notes.append(f"quá hạn, còn vượt {excess}")
    rule = int(threshold(ctx, "NAM_SAP_XEP_CAP_PHO"))
    if e["grace_years"] is not None and e["grace_years"] > rule:
        notes.append(f"quyết định ghi {e['grace_years']} năm, áp dụng tối đa {rule} năm")
    return {"deadline": "; ".join(notes)}


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
    notes=[lambda ctx, params: (
        "Số cấp phó tối đa theo Nghị định 120/2020/NĐ-CP Điều 6 khoản 2 (sửa đổi bởi Nghị định "
        "83/2024/NĐ-CP), theo nhóm tự chủ tại ngày báo cáo; hạn bố trí = ngày có hiệu lực + thời hạn "
        "của quyết định, tối đa "
        f"{int(threshold(ctx, 'NAM_SAP_XEP_CAP_PHO'))} năm.")],
)
