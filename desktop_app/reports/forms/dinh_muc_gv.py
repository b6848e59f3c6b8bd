"""Định mức giáo viên các trường: per school classes, pupils, norm (catalogue
rates, services.teacher_norms), teachers on the roll (viên chức, hợp đồng), thừa/thiếu."""

from __future__ import annotations

from collections import Counter

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import name, numeric_keys, stt
from desktop_app.reports.model import DEC, GROUP, ITEM, TEXT, TOTAL, Row, col, group, sum_rows
from desktop_app.services import asof, teacher_norms
from desktop_app.vntext import format_date

COLUMNS = [
    stt(),
    name("Tên trường", 30),
    col("region", "Vùng", TEXT, 6),
    col("classes", "Số lớp", width=8),
    col("nursery", "Số nhóm trẻ", width=8),
    col("pupils", "Số học sinh, trẻ", width=9),
    col("sessions", "Số buổi/ngày", TEXT, 7),
    col("norm", "Định mức giáo viên", DEC, 10),
    group(
        "Giáo viên có mặt",
        col("co_mat", "Tổng số", formula="{vc}+{hd}"),
        col("vc", "Viên chức"),
        col("hd", "Hợp đồng"),
        unverified=True,
    ),
    col("chenh_lech", "Thừa (+), thiếu (-)", DEC, 10, formula="{co_mat}-{norm}"),
]


def build(ctx: Context, params: Params) -> list[Row]:
    level_of = {i["code"]: i.get("school_level") for i in ctx.catalogues.items("linh_vuc")}
    schools = [u for u in asof.units_active(ctx, params.as_of, params.unit_code) if level_of.get(u["field"])]
    vien_chuc = {i["code"] for i in ctx.catalogues.items("loai_lao_dong") if i.get("is_vien_chuc")}
    vc: Counter[int] = Counter()
    hd: Counter[int] = Counter()
    for p in asof.roll(ctx, params.as_of, [u["id"] for u in schools]):
        if teacher_norms.is_teacher(p["title_code"]):
            (vc if p["employment_kind"] in vien_chuc else hd)[p["unit_id"]] += 1

    def values(u: dict) -> dict:
        level = level_of.get(u["field"])
        return {
            "region": str(u["region"]) if u["region"] and level != "mam_non" else None,
            "classes": u["classes"],
            "nursery": u["nursery_groups"],
            "pupils": u["pupils"],
            "sessions": str(u["sessions_per_day"]) if u["sessions_per_day"] and level == "tieu_hoc" else None,
            "norm": teacher_norms.norm(ctx.catalogues, u),
            "vc": vc[u["id"]],
            "hd": hd[u["id"]],
        }

    return _by_school_level(ctx, schools, values)


def _by_school_level(ctx: Context, schools: list[dict], values) -> list[Row]:
    """A subtotal per cấp học (the norms differ by cấp), then the total; a liên cấp school's
    name says its norm is an approximation."""
    keys = numeric_keys(COLUMNS)
    rows: list[Row] = []
    items_all: list[Row] = []
    for f in (i for i in ctx.catalogues.items("linh_vuc") if i.get("school_level")):
        members = [u for u in schools if u["field"] == f["code"]]
        if not members:
            continue
        items = [Row(ITEM, f"{u['name']} (**)" if f["school_level"] == "lien_cap" else u["name"], values(u))
                 for u in members]
        rows += [Row(GROUP, f["label"], sum_rows(items, keys)), *items]
        items_all += items
    return [*rows, Row(TOTAL, "Tổng cộng", sum_rows(items_all, keys))]


def lien_cap_note(ctx: Context, params: Params) -> list[str]:
    units = asof.units_active(ctx, params.as_of, params.unit_code)
    if not any((ctx.catalogues.item("linh_vuc", u["field"]) or {}).get("school_level") == "lien_cap"
               for u in units):
        return []
    rate = (ctx.catalogues.item("dinh_muc_giao_vien", "THCS") or {}).get("value")
    return [f"(**) Trường liên cấp tiểu học và trung học cơ sở: dữ liệu chưa tách số lớp theo cấp, định mức "
            f"tạm tính theo mức trung học cơ sở ({vntext.format_number(rate, 1)} giáo viên/lớp) cho mọi lớp, "
            "cao hơn định mức của các lớp tiểu học; số liệu gần đúng."]


FORM = FormDef(
    id="dinh-muc-gv",
    name="Định mức giáo viên các trường",
    source="Thông tư 19/2023/TT-BGDĐT; Thông tư 20/2023/TT-BGDĐT",
    columns=COLUMNS,
    build=build,
    title="TỔNG HỢP ĐỊNH MỨC GIÁO VIÊN CÁC TRƯỜNG",
    bieu="04/GV",
    subject=lambda p: f"Tính đến ngày {format_date(p.as_of.isoformat())}",
    unit_of_measure="Đơn vị tính: lớp; học sinh; người",
    notes=[
        "Định mức tính theo Thông tư 19/2023/TT-BGDĐT và Thông tư 20/2023/TT-BGDĐT (kể cả giáo viên "
        "Tổng phụ trách Đội và học sinh dôi ra theo vùng); giáo viên có mặt là người giữ chức danh "
        "giáo viên.",
        lien_cap_note,
    ],
)
