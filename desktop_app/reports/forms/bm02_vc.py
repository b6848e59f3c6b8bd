"""BM02-VC/BNV (TT 07/2019/TT-BNV): Danh sách và tiền lương viên chức —
one row per viên chức on the roll at the report date, grouped by unit, with the chức vụ,
the salary step as a number and every allowance the record holds (chức vụ, thâm niên vượt
khung, ưu đãi nghề)."""

from __future__ import annotations

from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import by_unit, official_code, stt
from desktop_app.reports.model import DEC, GROUP, INT, ITEM, TEXT, TOTAL, Row, col, group, sum_rows
from desktop_app.services import asof, salary
from desktop_app.vntext import format_date

COLUMNS = [
    stt(7), col("label", "Họ và tên", TEXT, 27),
    group("Ngày, tháng, năm sinh", col("nam", "Nam", TEXT, 12), col("nu", "Nữ", TEXT, 12)),
    col("position", "Chức vụ", TEXT, 12),
    col("title", "Chức danh nghề nghiệp", TEXT, 16, unverified=True),
    col("code", "Mã số", TEXT, 12), col("rank", "Hạng", TEXT, 5, unverified=True),
    # Hệ số is 10 wide: the province total (≈ 181.021,33, bold) must print at ≥ 8,5 pt; the two
    # % columns never hold more than "100,00" and give the room.
    group("Lương hiện hưởng", col("class", "Loại", TEXT, 7), col("step", "Bậc", INT, 6),
          col("coefficient", "Hệ số", DEC, 10), unverified=True),
    group("Phụ cấp", col("pc_cv", "Chức vụ (hệ số)", DEC, 8),
          col("pc_vk", "Thâm niên vượt khung (%)", DEC, 8), col("pc_ud", "Ưu đãi nghề (%)", DEC, 8),
          unverified=True),
    col("kind", "Loại lao động", TEXT, 9, unverified=True),
    # The money the title promises (issue #19), in nghìn đồng a month so that a province total
    # still prints at full size: hệ số × lương cơ sở in force at the report date (catalogue
    # luong_co_so); the total adds phụ cấp chức vụ, thâm niên vượt khung (on the salary
    # coefficient) and ưu đãi nghề (on salary + chức vụ + TNVK). Not in the verified appendix.
    group("Tiền lương (nghìn đồng/tháng)", col("m_luong", "Theo hệ số lương", INT, 11),
          col("m_tong", "Lương và phụ cấp", INT, 11), unverified=True),
]


# What the note below promises the unit and total rows: coefficient and position-allowance sums.
SUMMED = ["coefficient", "pc_cv", "m_luong", "m_tong"]


def build(ctx: Context, params: Params) -> list[Row]:
    units = asof.units_active(ctx, params.as_of, params.unit_code)
    people = asof.roll(ctx, params.as_of, [u["id"] for u in units])
    vien_chuc = {i["code"] for i in ctx.catalogues.items("loai_lao_dong") if i.get("is_vien_chuc")}
    keys = SUMMED  # percentages are not summed: a total of seniority % means nothing on paper
    base = salary.base_on(ctx, params.as_of)
    rows: list[Row] = []
    items_all: list[Row] = []
    people_of = by_unit(p for p in people if p["employment_kind"] in vien_chuc)
    for u in units:
        items = [_person_row(ctx, p, base) for p in people_of.get(u["id"], [])]
        if not items:
            continue
        rows.append(Row(GROUP, u["name"], sum_rows(items, keys)))
        rows += items
        items_all += items
    rows.append(Row(TOTAL, f"Tổng cộng: {len(items_all)} người", sum_rows(items_all, keys)))
    return rows


def _money(p: dict, base: salary.Base | None) -> dict:
    coef, pccv = p["coefficient"], p["allowance_position"] or 0.0
    vk = (coef or 0.0) * (p["allowance_seniority_pct"] or 0.0) / 100
    ud = (((coef or 0.0) + pccv + vk) * p["allowance_profession_pct"] / 100
          if p["allowance_profession_pct"] else None)
    total = (coef or 0.0) + pccv + vk + (ud or 0.0)
    return {"m_luong": salary.thousands(coef, base),
            "m_tong": salary.thousands(total, base) if coef is not None else None}


def _base_note(ctx: Context, params: Params) -> str:
    base = salary.base_on(ctx, params.as_of)
    if base is None:
        return "Chưa có mức lương cơ sở cho ngày của báo cáo: cột tiền lương để trống."
    return f"Tiền lương tính theo: {base.text()}."


def _person_row(ctx: Context, p: dict, base: salary.Base | None = None) -> Row:
    born = format_date(p["birth_date"])
    return Row(ITEM, p["full_name"], _money(p, base) | {
        "nam": born if p["gender"] == "nam" else None, "nu": born if p["gender"] == "nu" else None,
        "title": ctx.catalogues.label("cdnn", p["title_code"]) if p["title_code"] else None,
        "code": official_code(ctx, p["title_code"]), "rank": p["title_rank"],
        "class": _salary_class(ctx, p["salary_class"]),
        "step": p["salary_step"], "coefficient": p["coefficient"],
        "position": ctx.catalogues.label("chuc_vu", p["leader_role"]) if p["leader_role"] else None,
        "pc_cv": p["allowance_position"], "pc_vk": p["allowance_seniority_pct"],
        "pc_ud": p["allowance_profession_pct"],
        "kind": ctx.catalogues.label("loai_lao_dong", p["employment_kind"])})


def _salary_class(ctx: Context, code: str | None) -> str | None:
    """Loại ngạch as printed on a salary sheet: A1, A0, B, … or «Bảng 4» for the classes of the
    service staff table (internal codes BANG4_… must not reach paper)."""
    item = ctx.catalogues.item("ngach_luong", code) if code else None
    if item and "_" in (code or ""):
        return item.get("table") or code
    return code


FORM = FormDef(
    id="bm02-vc", name="Danh sách và tiền lương viên chức (BM02-VC/BNV)",
    source="Thông tư 07/2019/TT-BNV, Biểu mẫu số 02 (BM02-VC/BNV)",
    title="DANH SÁCH VÀ TIỀN LƯƠNG VIÊN CHỨC", columns=COLUMNS, build=build, bieu="BM02-VC/BNV",
    subject=lambda p: f"Tính đến ngày {format_date(p.as_of.isoformat())}",
    unit_of_measure="Đơn vị tính: hệ số; %; nghìn đồng",
    notes=["Ghi chú: dòng đơn vị và dòng tổng cộng ghi tổng hệ số lương, tổng hệ số phụ cấp chức vụ "
           "và tổng tiền lương.", _base_note])
