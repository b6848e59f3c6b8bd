"""Danh sách đối tượng tinh giản biên chế (NĐ 154/2025/NĐ-CP): the people of one batch
(``--batch``) or of every batch of the year, with the pay at the leaving date, the reason
(điều, khoản, điểm — unverified article numbers say so), the form of settlement and the money
(computed part with its inputs, the part entered by hand marked «nhập tay», the total).
legal-notes §3: the decree's exact columns were not found, so the columns from the
ND 108/2014 lineage are marked unverified (SPEC §4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from db import repo
from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import stt
from desktop_app.reports.model import DEC, GROUP, INT, ITEM, TEXT, TOTAL, Row, col, group, sum_rows
from desktop_app.services import asof, salary, tinh_gian, tinh_gian_money
from desktop_app.vntext import format_date

COLUMNS = [  # A4 landscape: names ≥ 8,5 pt, money ≥ 9 pt; the formulas go under the table
    stt(5),
    col("label", "Họ và tên", TEXT, 21),
    group("Ngày, tháng, năm sinh", col("nam", "Nam", TEXT, 13.5), col("nu", "Nữ", TEXT, 13.5)),
    col("post", "Chức vụ, chức danh", TEXT, 15),
    col("unit", "Đơn vị công tác", TEXT, 16),
    col("education", "Trình độ đào tạo", TEXT, 8.5, unverified=True),
    col("insurance", "Số năm đóng BHXH", DEC, 8, unverified=True),
    group(
        "Tiền lương hiện hưởng",
        col("scale", "Hệ số lương, phụ cấp", TEXT, 11.5),
        col("base", "Lương cơ sở (đồng)", INT, 13),
        col("pay", "Tiền lương tháng (đồng)", INT, 14),
        unverified=True,
    ),
    col("reason", "Lý do tinh giản (điểm, khoản, Điều NĐ 154/2025)", TEXT, 15, unverified=True),
    col("settlement", "Hình thức giải quyết", TEXT, 10.5, unverified=True),
    col("left_on", "Thời điểm tinh giản", TEXT, 13.5),
    group(
        "Kinh phí (đồng)",
        col("manual", "Phần nhập tay", INT, 15),
        col("amount", "Tổng (công thức + nhập tay)", INT, 16),
        unverified=True,
    ),
    col("note", "Ghi chú", TEXT, 11),
]


def build(ctx: Context, params: Params) -> list[Row]:
    chosen = _batches(ctx, params)
    rows: list[Row] = []
    for b in chosen:
        state = tinh_gian.STATE_LABEL[b["state"]]  # the batch's name heads its people, its state and
        # deadline beside it (in the name column they took five lines)
        rows.append(Row(GROUP, b["name"], {"note": f"{state}; hạn nộp {format_date(b['deadline'])}"}))
        rows += [_row(ctx, m) for m in tinh_gian.members(ctx, b["id"])]
    if not params.batch:
        rows += _outside_batches(
            ctx, params, {m["person_id"] for b in chosen for m in tinh_gian.members(ctx, b["id"])}
        )
    items = [r for r in rows if r.kind == ITEM]
    rows.append(Row(TOTAL, f"Tổng cộng: {len(items)} người", sum_rows(items, ["manual", "amount"])))
    return rows


def _outside_batches(ctx: Context, params: Params, in_batches: set[int]) -> list[Row]:
    """People who left for tinh giản in the year without a batch here (recorded before batches
    existed, or entered one by one): listed, their batch columns blank — never dropped."""
    people = asof.leavers(ctx, dt.date(params.year, 1, 1), dt.date(params.year, 12, 31), "TINH_GIAN")
    units = {u["id"]: u for u in ctx.db["unit"].rows}
    if params.unit_code:
        people = [p for p in people if units.get(p["last_unit_id"], {}).get("code") == params.unit_code]
    rows = [_leaver(ctx, p, units) for p in people if p["id"] not in in_batches]
    return [Row(GROUP, "Ngoài các đợt", {"note": "Đã thôi việc"}), *rows] if rows else []


def _leaver(ctx: Context, p: dict, units: dict[int, dict]) -> Row:
    born = format_date(p["birth_date"])
    return Row(
        ITEM,
        p["full_name"],
        {
            "nam": born if p["gender"] == "nam" else None,
            "nu": born if p["gender"] == "nu" else None,
            "post": ctx.catalogues.label("cdnn", p["last_title_code"]) if p["last_title_code"] else None,
            "unit": units.get(p["last_unit_id"], {}).get("name"),
            "education": ctx.catalogues.label("trinh_do_chuyen_mon", p["education_level"]) or None,
            "insurance": p["insurance_years"],
            "scale": f"HS {tinh_gian_money.number_text(p['last_coefficient'])}",
            "left_on": format_date(p["left_on"]),
            "note": p["note"],
        },
    )


def _batches(ctx: Context, params: Params) -> list[dict]:
    if params.batch:
        return [tinh_gian.batch(ctx, params.batch)]
    return tinh_gian.batches(ctx, params.year)


def _row(ctx: Context, m: dict) -> Row:
    person = dict(repo.get(ctx.db, "person", m["person_id"]) or {})
    money = tinh_gian_money.amount(ctx, m)
    born = format_date(person["birth_date"])
    return Row(
        ITEM,
        person["full_name"],
        {
            "nam": born if person["gender"] == "nam" else None,
            "nu": born if person["gender"] == "nu" else None,
            "post": _post(ctx, person),
            "unit": _unit(ctx, person),
            "education": ctx.catalogues.label("trinh_do_chuyen_mon", person["education_level"]) or None,
            "insurance": m["insurance_years"],
            "scale": tinh_gian_money.scale_text(m),
            "base": m["base_amount"],
            "pay": money.monthly_pay,
            "reason": reason_text(ctx, m["reason_code"]),
            "settlement": ctx.catalogues.label("hinh_thuc_tinh_gian", m["settlement_code"]),
            "left_on": format_date(m["leave_on"]),
            "computed": sum(x.amount for x in money.parts) or None,
            "manual": money.manual,
            "amount": money.total,
            "note": _note(m, money),
        },
    )


def reason_text(ctx: Context, code: str) -> str:
    """The reason and its điểm, khoản, Điều; article numbers not yet verified say so. A reason
    whose article is not known prints its name only: the column's mark and the note under the
    table say the articles are unverified."""
    item = ctx.catalogues.item("ly_do_tinh_gian", code) or {}
    where = ", ".join(f"{k} {item[k]}" for k in ("diem", "khoan", "dieu") if item.get(k))
    name = item.get("short") or item.get("label", code)
    if not where:
        return name
    return f"{name} ({where}{'' if item.get('verified') else '; chưa kiểm chứng'})"


def _note(m: dict, money: tinh_gian_money.Amount) -> str:
    """Short: the formulas are printed under the table (:func:`formula_notes`)."""
    lines = ["Cách tính: xem dưới bảng"] if money.parts else []
    if money.needs_manual and money.manual is None:
        lines.append("Khoản nhập tay: CHƯA NHẬP")
    return "; ".join([*lines, *([m["note"]] if m["note"] else [])])


def formula_notes(ctx: Context, params: Params) -> list[str]:
    """Under the table: each person's amount by formula, and a lương cơ sở not yet verified."""
    parts, bases = [], set()
    for b in _batches(ctx, params):
        for m in tinh_gian.members(ctx, b["id"]):
            money = tinh_gian_money.amount(ctx, m)
            if money.parts:
                person = dict(repo.get(ctx.db, "person", m["person_id"]) or {})
                parts.append(f"{person['full_name']} ({_unit(ctx, person)}): "
                             + "; ".join(p.text() for p in money.parts))
            base = salary.base_on(ctx, dt.date.fromisoformat(m["leave_on"]))
            if base is not None and not base.verified:
                bases.add(f"{base.valid_from:%d/%m/%Y}")
    notes = [f"Cách tính kinh phí theo công thức: {'; '.join(parts)}."] if parts else []
    return notes + [f"Lương cơ sở áp dụng từ ngày {d} chưa kiểm chứng." for d in sorted(bases)]


def _post(ctx: Context, person: dict[str, Any]) -> str | None:
    parts = [
        ctx.catalogues.label("chuc_vu", person["leader_role"]) if person["leader_role"] else None,
        ctx.catalogues.label("cdnn", person["title_code"]) if person["title_code"] else None,
    ]
    return ", ".join(p for p in parts if p) or None


def _unit(ctx: Context, person: dict[str, Any]) -> str | None:
    row = ctx.db.execute("SELECT name FROM unit WHERE id = ?", [person["unit_id"]]).fetchone()
    return row[0] if row else None


FORM = FormDef(
    id="tinh-gian",
    name="Danh sách đối tượng tinh giản biên chế",
    source="Nghị định 154/2025/NĐ-CP",
    columns=COLUMNS,
    build=build,
    bieu="05/TGBC",
    title="DANH SÁCH ĐỐI TƯỢNG TINH GIẢN BIÊN CHẾ",
    subject=lambda p: "Một đợt đề nghị" if p.batch else f"Các đợt năm {p.year}",
    unit_of_measure="",
    notes=[
        "Chưa tìm được mẫu danh sách chính thức của NĐ 154/2025/NĐ-CP; số điều, "
        "khoản của lý do chưa đối chiếu văn bản gốc; kinh phí «nhập tay» là các khoản chưa có công thức đã "
        "đối chiếu. Tiền lương tháng = (hệ số + PCCV + hệ số TNVK + ƯĐN) × lương cơ sở + PC khác.",
        formula_notes,
    ],
)
