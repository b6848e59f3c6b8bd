"""Tinh giản biên chế batches (đợt) under NĐ 154/2025/NĐ-CP: one per quarter with its filing
deadline (catalogue ``han_tinh_gian``), moving du_kien → da_trinh → duoc_duyet → da_giai_quyet,
each change dated, logged in ``tg_state`` and audited. The people of a batch (``tg_member``)
carry group, reason, form of settlement, date, BHXH years and the pay at that date; the money
is in ``tinh_gian_money``, the exclusions and suggestions in ``tinh_gian_rules``, settling in
``tinh_gian_settle``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from db import repo
from desktop_app.context import Context
from desktop_app.errors import Problem, ValidationError
from desktop_app.services import audit, gate, salary, tinh_gian_rules
from desktop_app.vntext import format_date, parse_date

STATES = (
    ("du_kien", "Dự kiến"),
    ("da_trinh", "Đã trình"),
    ("duoc_duyet", "Được phê duyệt"),
    ("da_giai_quyet", "Đã giải quyết"),
)
STATE_LABEL = dict(STATES)
GROUPS = (
    ("can_bo", "Cán bộ"),
    ("cong_chuc", "Công chức"),
    ("vien_chuc", "Viên chức"),
    ("cbcc_xa", "Cán bộ, công chức cấp xã"),
    ("hdld", "Người lao động (hợp đồng)"),
)
GROUP_LABEL = dict(GROUPS)
_GROUP_OF_KIND = {"VIEN_CHUC": "vien_chuc", "TAP_SU": "vien_chuc", "HDLD_111": "hdld", "HD_KHAC": "hdld"}
_PAY = ("coefficient", "allowance_position", "allowance_seniority_pct", "allowance_profession_pct")
EDITABLE = (
    "group_code",
    "reason_code",
    "settlement_code",
    "leave_on",
    "insurance_years",
    "early_years",
    "allowance_other",
    "manual_amount",
    "note",
    "voluntary",
    *_PAY,
)


def deadline(ctx: Context, year: int, quarter: int) -> dt.date:
    """The day the quarter's file is due (catalogue ``han_tinh_gian``)."""
    item = ctx.catalogues.item("han_tinh_gian", str(quarter))
    if item is None:
        raise ValidationError(f"Quý không hợp lệ: {quarter} (chỉ từ 1 đến 4).")
    return dt.date(year + int(item["year_offset"]), int(item["month"]), int(item["day"]))


def quarter_start(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * quarter - 2, 1)


def create_batch(
    ctx: Context, year: int, quarter: int, name: str | None = None, on_date: dt.date | None = None
) -> int:
    gate.authorise(ctx, gate.WRITE)
    if not 2025 <= int(year) <= 2030:
        raise ValidationError(
            f"Năm {year} ngoài thời gian áp dụng NĐ 154/2025/NĐ-CP (16/6/2025 – 31/12/2030)."
        )
    due = deadline(ctx, year, quarter)
    values = {
        "year": year,
        "quarter": quarter,
        "deadline": due.isoformat(),
        "state": "du_kien",
        "name": name or f"Đợt quý {quarter}/{year}",
    }
    with ctx.db.atomic():
        batch_id = repo.insert(ctx.db, "tg_batch", values)
        _log_state(ctx, batch_id, "du_kien", on_date or ctx.today, "Lập đợt")
        audit.record(ctx, "tao", "tg_batch", batch_id, {}, values)
    return batch_id


def batch(ctx: Context, batch_id: int) -> dict:
    row = repo.get(ctx.db, "tg_batch", batch_id)
    if row is None:
        raise ValidationError(f"Không có đợt tinh giản mã {batch_id}.")
    return dict(row)


def batches(ctx: Context, year: int | None = None) -> list[dict]:
    sql, args = "SELECT * FROM tg_batch", []
    if year is not None:
        sql, args = sql + " WHERE year = ?", [year]
    return repo.query(ctx.db, sql + " ORDER BY year, quarter, id", args)


def states(ctx: Context, batch_id: int) -> list[dict]:
    return repo.query(ctx.db, "SELECT * FROM tg_state WHERE batch_id = ? ORDER BY id", [batch_id])


def advance(
    ctx: Context,
    batch_id: int,
    to_state: str,
    on_date: Any,
    *,
    decision_no: str | None = None,
    note: str | None = None,
) -> None:
    """Move the batch one step on (dự kiến → đã trình → được phê duyệt); settling is
    ``tinh_gian_settle.settle``."""
    gate.authorise(ctx, gate.WRITE)
    row = batch(ctx, batch_id)
    order = [s for s, _ in STATES]
    if to_state not in order[1:3] or order.index(to_state) != order.index(row["state"]) + 1:
        raise ValidationError(
            f"Không chuyển được đợt từ «{STATE_LABEL[row['state']]}» sang "
            f"«{STATE_LABEL.get(to_state, to_state)}»."
        )
    if not members(ctx, batch_id):
        raise ValidationError("Đợt chưa có ai: không trình, không duyệt được.")
    day = _date(on_date, "on_date", "Ngày")
    with ctx.db.atomic():
        set_state(ctx, row, to_state, day, note, decision_no)


def set_state(
    ctx: Context,
    row: Mapping[str, Any],
    state: str,
    day: dt.date,
    note: str | None,
    decision_no: str | None = None,
) -> None:
    """Inside a transaction: the new state, its dated log row and the audit."""
    new = {"state": state} | ({"decision_no": decision_no} if decision_no else {})
    repo.update(ctx.db, "tg_batch", row["id"], new)
    _log_state(ctx, row["id"], state, day, note)
    audit.record(ctx, f"chuyen_{state}", "tg_batch", row["id"], row, new)


def _log_state(ctx: Context, batch_id: int, state: str, day: dt.date, note: str | None) -> None:
    repo.insert(
        ctx.db,
        "tg_state",
        {
            "batch_id": batch_id,
            "state": state,
            "on_date": day.isoformat(),
            "at": dt.datetime.now().isoformat(" ", "seconds"),
            "app_user": ctx.user,
            "note": note,
        },
    )


def members(ctx: Context, batch_id: int) -> list[dict]:
    return repo.query(
        ctx.db,
        "SELECT m.*, p.full_name FROM tg_member m JOIN person p ON p.id = m.person_id "
        "WHERE m.batch_id = ? ORDER BY p.sort_key, p.id",
        [batch_id],
    )


def add_member(ctx: Context, batch_id: int, person_id: int, raw: Mapping[str, Any]) -> int:
    """Put a person in a batch; hệ số and allowances are the person's own unless given (no post
    change may follow the leaving date, so they are the pay in force that day), lương cơ sở the
    level in force that day. Refused with the reason when an exclusion of the decree applies."""
    gate.authorise(ctx, gate.WRITE)
    row = _editable(ctx, batch_id)
    person = repo.get(ctx.db, "person", person_id)
    if person is None or person.get("left_on"):
        raise ValidationError(f"Không có người đang làm việc mã {person_id}.")
    values = _values(ctx, {**_defaults(person, row), **raw})
    tinh_gian_rules.check_exclusions(
        person, dt.date.fromisoformat(values["leave_on"]), bool(values["voluntary"])
    )
    if repo.query(
        ctx.db,
        "SELECT id FROM tg_member WHERE person_id = ? AND batch_id IN "
        "(SELECT id FROM tg_batch WHERE state != 'da_giai_quyet')",
        [person_id],
    ):
        raise ValidationError(f"«{person['full_name']}» đã có trong một đợt tinh giản chưa giải quyết.")
    check_no_later_change(ctx, person, values["leave_on"])
    values["base_amount"] = _base(ctx, values["leave_on"])
    with ctx.db.atomic():
        member_id = repo.insert(ctx.db, "tg_member", {"batch_id": batch_id, "person_id": person_id, **values})
        audit.record(ctx, "them", "tg_member", member_id, {}, values)
    return member_id


def update_member(ctx: Context, member_id: int, raw: Mapping[str, Any]) -> None:
    gate.authorise(ctx, gate.WRITE)
    old = repo.get(ctx.db, "tg_member", member_id)
    if old is None:
        raise ValidationError(f"Không có dòng mã {member_id} trong đợt tinh giản.")
    _editable(ctx, old["batch_id"])
    values = _values(ctx, {**{k: old[k] for k in EDITABLE}, **raw})
    person = repo.get(ctx.db, "person", old["person_id"]) or {}
    tinh_gian_rules.check_exclusions(
        person, dt.date.fromisoformat(values["leave_on"]), bool(values["voluntary"])
    )
    check_no_later_change(ctx, person, values["leave_on"])
    values["base_amount"] = _base(ctx, values["leave_on"])
    with ctx.db.atomic():
        repo.update(ctx.db, "tg_member", member_id, values)
        audit.record(ctx, "sua", "tg_member", member_id, old, values)


def remove_member(ctx: Context, member_id: int) -> None:
    gate.authorise(ctx, gate.WRITE)
    old = repo.get(ctx.db, "tg_member", member_id)
    if old is None:
        raise ValidationError(f"Không có dòng mã {member_id} trong đợt tinh giản.")
    _editable(ctx, old["batch_id"])
    with ctx.db.atomic():
        ctx.db.execute("DELETE FROM tg_member WHERE id = ?", [member_id])
        audit.record(ctx, "xoa", "tg_member", member_id, old, {k: None for k in old if k != "id"})


def check_no_later_change(ctx: Context, person: Mapping[str, Any], day: str) -> None:
    """The leaving closes the post in force: none may start after the leaving date."""
    later = ctx.db.execute(
        "SELECT max(valid_from) FROM assignment WHERE person_id = ? AND valid_from > ?", [person["id"], day]
    ).fetchone()[0]
    if later:
        raise ValidationError(
            f"«{person['full_name']}» có thay đổi công tác từ ngày {format_date(later)}, "
            f"sau thời điểm tinh giản {format_date(day)}."
        )


def _editable(ctx: Context, batch_id: int) -> dict:
    row = batch(ctx, batch_id)
    if row["state"] != "du_kien":
        raise ValidationError(
            f"Đợt «{row['name']}» đã ở trạng thái «{STATE_LABEL[row['state']]}»: "
            "chỉ sửa danh sách khi đợt còn dự kiến."
        )
    return row


def _defaults(person: Mapping[str, Any], row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "group_code": _GROUP_OF_KIND.get(person.get("employment_kind") or "", "vien_chuc"),
        "leave_on": quarter_start(row["year"], row["quarter"]).isoformat(),
        "insurance_years": person.get("insurance_years"),
        **{k: person.get(k) for k in _PAY},
    }


def _values(ctx: Context, raw: Mapping[str, Any]) -> dict[str, Any]:
    problems: list[Problem] = []
    out: dict[str, Any] = {k: raw.get(k) for k in EDITABLE}
    for name, kind, label in (
        ("reason_code", "ly_do_tinh_gian", "Lý do tinh giản"),
        ("settlement_code", "hinh_thuc_tinh_gian", "Hình thức giải quyết"),
    ):
        if ctx.catalogues.item(kind, out[name]) is None:
            problems.append(Problem(f"chưa chọn hoặc không có trong danh mục: {out[name]!r}.", name, label))
    if out["group_code"] not in GROUP_LABEL:
        problems.append(Problem(f"không hợp lệ: {out['group_code']!r}.", "group_code", "Nhóm đối tượng"))
    for name in ("insurance_years", "early_years", "allowance_other", "manual_amount", *_PAY):
        out[name] = _number(out[name], name, problems)
    if problems:
        raise ValidationError(problems)
    out["voluntary"] = 1 if out["voluntary"] not in (None, "", 0, False, "0") else None
    out["leave_on"] = _date(out["leave_on"], "leave_on", "Thời điểm tinh giản").isoformat()
    return out


def _number(value: Any, name: str, problems: list[Problem]) -> Any:
    if value in (None, ""):
        return None
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        problems.append(Problem(f"không phải số: {value!r}.", name))
        return None
    if number < 0:
        problems.append(Problem("không được âm.", name))
    return int(round(number)) if name in ("allowance_other", "manual_amount") else number


def _date(value: Any, name: str, label: str) -> dt.date:
    try:
        text = parse_date(value)
    except ValueError as exc:
        raise ValidationError([Problem(str(exc), name, label)]) from None
    if not text:
        raise ValidationError([Problem("cần ngày.", name, label)])
    return dt.date.fromisoformat(text)


def _base(ctx: Context, day: str) -> int | None:
    base = salary.base_on(ctx, dt.date.fromisoformat(day))
    return base.amount if base else None


def deadline_text(row: Mapping[str, Any]) -> str:
    return f"{row['name']}: hạn nộp hồ sơ {format_date(row['deadline'])}"


DEADLINES_UNVERIFIED = ("(Hạn nộp theo một kế hoạch tinh giản cấp tỉnh, chưa kiểm chứng: "
                        "đối chiếu kế hoạch của tỉnh mình.)")


def deadlines_verified(ctx: Context) -> bool:
    """Whether the quarters' file deadlines (``han_tinh_gian``) were read in their text."""
    return all(i.get("verified") for i in ctx.catalogues.items("han_tinh_gian"))


def deadlines(ctx: Context, horizon_days: int = 120) -> list[str]:
    """The dashboard's lines: each batch not yet submitted with its deadline, and each quarter
    whose deadline falls within ``horizon_days`` and has no batch yet."""
    today, out = ctx.today, []
    for b in batches(ctx):
        if b["state"] == "du_kien":
            out.append(
                f"{deadline_text(b)} ({_left(dt.date.fromisoformat(b['deadline']), today)}), chưa trình"
            )
    have = {(b["year"], b["quarter"]) for b in batches(ctx)}
    for year in (today.year, today.year + 1):
        for quarter in (1, 2, 3, 4):
            due = deadline(ctx, year, quarter)
            if (
                2025 <= year <= 2030
                and (year, quarter) not in have
                and 0 <= (due - today).days <= horizon_days
            ):
                out.append(
                    f"Quý {quarter}/{year}: chưa lập đợt tinh giản, hạn nộp hồ sơ "
                    f"{format_date(due.isoformat())} ({_left(due, today)})"
                )
    if out and not deadlines_verified(ctx):
        out.append(DEADLINES_UNVERIFIED)
    return out


def _left(due: dt.date, today: dt.date) -> str:
    days = (due - today).days
    return f"còn {days} ngày" if days >= 0 else f"quá hạn {-days} ngày"
