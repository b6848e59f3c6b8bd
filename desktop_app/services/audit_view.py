"""Reading the audit log for the Nhật ký page: which rows match the filters
(newest first), and each row told in the clerk's words — entity and field
labels from the declarations, choice codes as labels, dates dd/mm/yyyy, and
CCCD numbers masked but for their last four digits (personal data)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from db import repo
from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.entities import ENTITIES, PERSON
from desktop_app.services import staff, tinh_gian

_BATCH = 500
ACTIONS = {"them": "Thêm", "sua": "Sửa", "xoa": "Xóa", "hoan_tac": "Hoàn tác",
           "chot_so_lieu": "Chốt số liệu", "mo_chot_so_lieu": "Mở chốt số liệu",
           "doi_mat_khau": "Đổi mật khẩu", "demo": "Tạo dữ liệu mẫu", "tao": "Thêm",
           "khoi_phuc": "Khôi phục dữ liệu", "khoi_phuc_mac_dinh": "Khôi phục mặc định", **staff.CHANGES,
           **{f"chuyen_{code}": f"Chuyển sang «{label}»" for code, label in tinh_gian.STATES}}
OTHER_ENTITIES = {"app_user": "Người dùng", "period_lock": "Chốt số liệu", "assignment": "Quá trình công tác",
                  "demo": "Dữ liệu mẫu", "tg_batch": "Đợt tinh giản",
                  "tg_member": "Người trong đợt tinh giản", "setting": "Cài đặt",
                  "catalogue_item": "Danh mục", "tep_du_lieu": "Tệp dữ liệu"}
SECRET = {"cccd"}
DATE_FIELDS, TIME_FIELDS = {"valid_from", "valid_to", "deadline", "leave_on"}, {"created_at"}
# Columns that no entity declares (kept by the services themselves).
OTHER_FIELDS = {"created_at": "Thời điểm tạo", "uid": "Mã định danh cơ quan", "applied": "Đã áp dụng",
                "valid_from": "Từ ngày", "valid_to": "Đến ngày", "change": "Loại thay đổi",
                "scale": "Quy mô",
                # the tinh giản batches and their people (columns of the person are labelled as on it)
                "year": "Năm", "quarter": "Quý", "name": "Tên", "deadline": "Hạn nộp hồ sơ",
                "state": "Trạng thái", "decision_no": "Số quyết định", "group_code": "Nhóm đối tượng",
                "reason_code": "Lý do", "settlement_code": "Hình thức giải quyết", "leave_on": "Thời điểm",
                "early_years": "Số năm nghỉ trước tuổi", "allowance_other": "Phụ cấp khác",
                "manual_amount": "Kinh phí nhập tay (đồng)", "base_amount": "Lương cơ sở",
                "voluntary": "Tự nguyện", "kind": "Loại danh mục", "code": "Mã", "label": "Tên",
                "tom_tat": "Tóm tắt"}
_NUMBERS = {"manual_amount": 0, "base_amount": 0, "allowance_other": 0, "early_years": 1}  # decimals shown
# Codes of the services' own columns, shown by their labels.
_CODES = {"state": lambda ctx: tinh_gian.STATE_LABEL, "group_code": lambda ctx: tinh_gian.GROUP_LABEL,
          "reason_code": lambda ctx: dict(ctx.catalogues.choices("ly_do_tinh_gian")),
          "settlement_code": lambda ctx: dict(ctx.catalogues.choices("hinh_thuc_tinh_gian"))}


@dataclass(frozen=True)
class AuditFilter:
    entity: str | None = None
    action: str | None = None
    user: str | None = None
    date_from: str | None = None  # ISO dates, inclusive
    date_to: str | None = None
    text: str = ""


def entity_label(name: str) -> str:
    return ENTITIES[name].label if name in ENTITIES else OTHER_ENTITIES.get(name, name)


def action_label(action: str) -> str:
    if action.startswith("su_kien:"):
        return f"Sắp xếp, tổ chức lại (sự kiện số {action.split(':', 1)[1]})"
    return ACTIONS.get(action, action)


def choices(ctx: Context) -> dict[str, list[tuple[str, str]]]:
    """Values present in the log for the entity, action and user filters."""
    def distinct(column: str) -> list[str]:
        return [r[0] for r in ctx.db.execute(f"SELECT DISTINCT {column} FROM audit "  # literal names
                                             f"WHERE {column} IS NOT NULL ORDER BY 1")]
    return {"entity": [(e, entity_label(e)) for e in distinct("entity")],
            "action": [(a, action_label(a)) for a in distinct("action")],
            "user": [(u, u) for u in distinct("app_user")]}


def search_ids(ctx: Context, f: AuditFilter | None = None) -> list[int]:
    """Ids of the matching audit rows, newest first."""
    f = f or AuditFilter()
    clauses, params = ["1"], []
    for column, value in (("entity", f.entity), ("action", f.action), ("app_user", f.user)):
        if value:
            clauses.append(f"{column} = ?")  # column names are the literals above
            params.append(value)
    if f.date_from:
        clauses.append("at >= ?")
        params.append(f.date_from)
    if f.date_to:
        clauses.append("at < date(?, '+1 day')")
        params.append(f.date_to)
    ids = [r[0] for r in ctx.db.execute(f"SELECT id FROM audit WHERE {' AND '.join(clauses)} "
                                        "ORDER BY id DESC", params)]
    key = vntext.fold(f.text)
    if key:
        ids = [i for i, text in _texts(ctx, ids).items() if key in text]
    return ids


def _texts(ctx: Context, ids: list[int]) -> dict[int, str]:
    """Folded shown text of each row (what the clerk can read is what matches)."""
    found = rows(ctx, ids)
    return {i: vntext.fold(" ".join(str(v) for v in found[i].values() if v)) for i in ids if i in found}


def rows(ctx: Context, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Shown rows keyed by id: at, user, action, entity, record, field, old, new."""
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start:start + _BATCH]
        marks = ", ".join("?" for _ in chunk)
        for row in repo.query(ctx.db, f"""
                SELECT a.*, coalesce(p.full_name, u.name, ep.full_name || ' — năm ' || e.year)
                       AS record_name FROM audit a
                LEFT JOIN person p ON a.entity = 'person' AND p.id = a.entity_id
                LEFT JOIN unit u ON a.entity = 'unit' AND u.id = a.entity_id
                LEFT JOIN evaluation e ON a.entity = 'evaluation' AND e.id = a.entity_id
                LEFT JOIN person ep ON ep.id = e.person_id
                WHERE a.id IN ({marks})""", chunk):
            found[row["id"]] = describe(ctx, row)
    return found


def describe(ctx: Context, row: dict[str, Any]) -> dict[str, Any]:
    entity = ENTITIES.get(row["entity"], PERSON if row["entity"] == "tg_member" else None)
    field = None
    if entity is not None and row["field"]:
        try:
            field = entity.field(row["field"])
        except KeyError:
            field = None
    return {"at": _when(row["at"]), "user": row["app_user"] or "", "os_user": row["os_user"] or "",
            "action": action_label(row["action"]), "entity": entity_label(row["entity"]),
            "record": row.get("record_name") or (str(row["entity_id"]) if row["entity_id"] else ""),
            "field": field.label if field else OTHER_FIELDS.get(row["field"], row["field"] or ""),
            "old": _value(ctx, row["field"], field, row["old"]),
            "new": _value(ctx, row["field"], field, row["new"])}


def _when(at: str) -> str:
    day, _, time = at.partition(" ")
    return f"{vntext.format_date(day)} {time}".strip()


def mask(value: str) -> str:
    digits = str(value)
    return "•" * max(len(digits) - 4, 0) + digits[-4:]


def _value(ctx: Context, name: str | None, field, stored: str | None) -> str:
    if stored is None:
        return ""
    if name in SECRET:
        return mask(stored)
    if field is None:  # the services' own columns: ISO dates shown the Vietnamese way
        if name in DATE_FIELDS:
            return vntext.format_date(stored)
        if name in _CODES:
            return _CODES[name](ctx).get(stored, stored)
        if name in _NUMBERS:
            return _number(stored, _NUMBERS[name])
        return _when(stored) if name in TIME_FIELDS else stored
    value: Any = stored
    if field.kind in ("int", "number", "year", "bool", "ref"):
        try:
            value = json.loads(stored)
        except ValueError:
            value = stored
    if field.kind == "ref" and field.ref in ("unit", "person") and isinstance(value, int):
        found = repo.get(ctx.db, field.ref, value)
        return (found.get("name") or found.get("full_name") or stored) if found else stored
    return field.display(value, ctx.catalogues)


def _number(stored: str, decimals: int) -> str:
    try:
        return vntext.format_number(float(stored), decimals)
    except ValueError:
        return stored
