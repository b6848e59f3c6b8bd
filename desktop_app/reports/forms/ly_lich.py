"""Sơ yếu lý lịch viên chức, mẫu HS02-VC/BNV (Thông tư 07/2019/TT-BNV), printed from the
personnel file for one person (``--person CCCD``) or every person of a unit on the roll at the
report date, one after another, through the one report model (xlsx and PDF alike).

Layout: the official form is a two-column declaration (photo box, numbered items, then the
quá trình tables). We could not read the official appendix (only a third-party outline:
items 1–30 general, 31 công tác, 32 đào tạo, 33–34 gia đình, khen thưởng, kỷ luật), so the
items are printed as numbered rows «Mục / Nội dung / Thông tin» and the form's columns are
marked unverified. Nothing is invented: an item the file has nothing for stays blank.
"""

from __future__ import annotations

from desktop_app.context import Context
from desktop_app.entities import ENTITIES, FAMILY_SIDES, PERSON
from desktop_app.errors import ValidationError
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.model import GROUP, ITEM, PORTRAIT, SUBTOTAL, TEXT, Row, col
from desktop_app.services import asof, personnel_file
from desktop_app.vntext import format_date

COLUMNS = [col("stt", "Mục", TEXT, 7, unverified=True), col("label", "Nội dung", TEXT, 44, unverified=True),
           col("value", "Thông tin", TEXT, 84, unverified=True)]


def _people(ctx: Context, params: Params) -> list[dict]:
    if params.person:
        rows = ctx.db.execute("SELECT id FROM person WHERE cccd = ?", [params.person.strip()]).fetchall()
        if not rows:
            raise ValidationError(f"Không có người nào có số CCCD «{params.person}».")
        return [personnel_file.person(ctx, rows[0][0])]
    units = [u["id"] for u in asof.units_active(ctx, params.as_of, params.unit_code)]
    return [personnel_file.person(ctx, p["person_id"]) for p in asof.roll(ctx, params.as_of, units)]


def build(ctx: Context, params: Params) -> list[Row]:
    rows: list[Row] = []
    for person in _people(ctx, params):
        rows.append(Row(GROUP, f"SƠ YẾU LÝ LỊCH: {person['full_name'].upper()}", {}))
        rows += _general(ctx, person)
        rows += _histories(ctx, person)
    return rows


def _shown(ctx: Context, name: str, person: dict) -> str | None:
    return PERSON.field(name).display(person.get(name), ctx.catalogues) or None


def _general(ctx: Context, p: dict) -> list[Row]:
    s = lambda name: _shown(ctx, name, p)  # noqa: E731
    title = ctx.catalogues.label("cdnn", p["title_code"]) if p["title_code"] else None
    items = [
        ("Họ và tên khai sinh (viết chữ in hoa)", p["full_name"].upper()),
        ("Giới tính", s("gender")), ("Sinh ngày", s("birth_date")), ("Quê quán", s("hometown")),
        ("Dân tộc", s("ethnicity")), ("Tôn giáo", s("religion")), ("Số CCCD", s("cccd")),
        ("Ngày tuyển dụng", s("recruited_on")), ("Đơn vị công tác", p.get("unit_name")),
        ("Chức vụ", s("leader_role")),
        ("Chức danh nghề nghiệp (mã số, hạng)", _join(title, p["title_code"], s("title_rank"))),
        ("Bậc lương, hệ số, ngày hưởng", _join(f"Bậc {p['salary_step']}" if p["salary_step"] else None,
                                                 s("coefficient"), s("step_since"))),
        ("Phụ cấp chức vụ (hệ số)", s("allowance_position")),
        ("Phụ cấp thâm niên vượt khung (%, từ ngày)",
         _join(s("allowance_seniority_pct"), s("seniority_since"))),
        ("Trình độ chuyên môn cao nhất", _join(s("education_level"), s("education_field"))),
        ("Lý luận chính trị", s("politics_level")), ("Quản lý nhà nước", s("state_mgmt_level")),
        ("Ngoại ngữ", s("language_level")), ("Tin học", s("it_level")),
        ("Ngày vào Đảng Cộng sản Việt Nam", s("party_date")),
    ]
    return [Row(ITEM, label, {"value": value}, stt=str(n)) for n, (label, value) in enumerate(items, 1)]


# (kind, heading, how one record reads)
_SECTIONS = (
    ("prior_work", "Quá trình công tác trước khi tuyển dụng", lambda c, r: _join(r["place"], r["role"])),
    ("training", "Đào tạo, bồi dưỡng về chuyên môn, nghiệp vụ, lý luận chính trị, ngoại ngữ, tin học",
     lambda c, r: _join(r["institution"], r["major"], _choice(c, "training", "mode", r), r["credential"])),
    ("contract", "Hợp đồng làm việc, hợp đồng lao động",
     lambda c, r: _join(_choice(c, "contract", "kind", r), r["number"] and f"số {r['number']}")),
    ("award", "Khen thưởng", lambda c, r: _join(r["form"], _choice(c, "award", "level", r), _decision(r))),
    ("discipline", "Kỷ luật",
     lambda c, r: _join(_choice(c, "discipline", "form", r), r["reason"], _decision(r))),
    ("family_member", "Quan hệ gia đình", lambda c, r: _join(  # one heading per side, below
        r["full_name"], r["birth_year"] and f"sinh năm {r['birth_year']}",
        r["hometown"] and f"quê quán {r['hometown']}",
        r["occupation"], r["address"] and f"nơi ở {r['address']}")),
)


def _histories(ctx: Context, p: dict) -> list[Row]:
    rows: list[Row] = []
    first_number = 21
    for n, (kind, heading, text) in enumerate(_SECTIONS, first_number):
        records = personnel_file.for_person(ctx, kind, p["id"])
        parts = [(heading, records)]
        if kind == "family_member":  # the form asks for the person's side, then the spouse's
            parts = [(f"{heading} {label.lower()}", [r for r in records if r["side"] == side])
                     for side, label in FAMILY_SIDES]
        for number, (title, chosen) in enumerate(parts):
            rows.append(Row(SUBTOTAL, title, {}, stt=f"{n}" if len(parts) == 1 else f"{n}.{number + 1}"))
            rows += [Row(ITEM, _when(kind, r), {"value": text(ctx, r)}, stt="–") for r in chosen]
    return rows


def _when(kind: str, r: dict) -> str:
    if kind == "award":
        return f"Năm {r['year']}"
    if kind == "family_member":
        return r["relation"]
    start, end = format_date(r.get("from_date")), format_date(r.get("to_date"))
    return f"{start or '…'} – {end or 'nay'}" if start or end else ""


def _choice(ctx: Context, kind: str, name: str, r: dict) -> str | None:
    return ENTITIES[kind].field(name).display(r.get(name), ctx.catalogues) or None


def _decision(r: dict) -> str | None:
    if not r.get("decision_no"):
        return None
    day = format_date(r.get("decision_date"))
    number = f"Quyết định số {r['decision_no']}" + (f" ngày {day}" if day else "")
    return _join(number, r.get("decision_body"))


def _join(*parts) -> str | None:
    text = ", ".join(str(p) for p in parts if p not in (None, ""))
    return text or None


FORM = FormDef(
    id="ly-lich", name="Sơ yếu lý lịch viên chức (HS02-VC/BNV)",
    source="Thông tư 07/2019/TT-BNV, mẫu HS02-VC/BNV (bố cục chưa đối chiếu bản gốc: chưa kiểm chứng)",
    title="SƠ YẾU LÝ LỊCH VIÊN CHỨC", columns=COLUMNS, build=build, orientation=PORTRAIT,
    subject=lambda p: f"Theo hồ sơ đến ngày {format_date(p.as_of.isoformat())}", unit_of_measure="",
    notes=["Mẫu HS02-VC/BNV (Thông tư 07/2019/TT-BNV). Thứ tự và cách trình bày các mục chưa đối chiếu "
           "bản gốc của mẫu (chưa kiểm chứng). Mục để trống: hồ sơ chưa có thông tin."])
