"""BM01-VC/BNV (TT 07/2019/TT-BNV): Báo cáo số lượng, chất lượng viên chức —
counts of viên chức on the roll at the report date per unit, by title rank, education,
politics, state management (quản lý nhà nước: one column per level public variant (b) of
legal-notes §7 prints, the catalogue's levels above Cán sự), IT, languages, age band (the bands
partition the total, «Chưa có năm sinh» printed when someone has no birth year; "trên tuổi nghỉ
hưu" is a "trong đó" of them), party, women, ethnic minorities.
Column groups follow the public implementations quoted in legal-notes §7 (a) and (b),
not the official appendix: they are marked unverified (education, IT and languages too: the catalogues
trinh_do_chuyen_mon, tin_hoc, ngoai_ngu map people to these columns by their unread «bm01»)."""

from __future__ import annotations

from collections.abc import Callable

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import by_field_group, by_unit, name, stt
from desktop_app.reports.model import Row, col, group
from desktop_app.services import asof
from desktop_app.vntext import format_date

# The levels public variant (b) prints, codes of catalogue quan_ly_nha_nuoc ("Cán sự" is in the
# catalogue but in neither public form, so it is counted nowhere rather than in an invented column).
QLNN = (("CVCC", "Chuyên viên cao cấp"), ("CVC", "Chuyên viên chính"), ("CV", "Chuyên viên"))
W = 7  # unit rows fit; 4-digit bold totals (1.893) are set at 9 pt: 27 count columns share 714 pt
COLUMNS = [
    stt(5),
    name("Tên đơn vị", 24),
    col("tong", "Tổng số", width=7.5),
    group(
        "Trong đó",
        col("nu", "Nữ", width=W),
        col("dang_vien", "Đảng viên", width=W),
        col("dtts", "Dân tộc thiểu số", width=W),
    ),
    group(
        "Chức danh nghề nghiệp",
        col("hang_1", "Hạng I", width=W),
        col("hang_2", "Hạng II", width=W),
        col("hang_3", "Hạng III", width=W),
        col("hang_4", "Hạng IV", width=W),
        col("hang_khac", "Còn lại", width=W),
        unverified=True,
    ),
    group(
        "Trình độ chuyên môn",
        col("ts", "Tiến sĩ", width=W),
        col("ths", "Thạc sĩ", width=W),
        col("dh", "Đại học", width=W),
        col("cm_khac", "Còn lại", width=W),
        unverified=True,  # the catalogues' «bm01» columns: the official appendix is not read (issue #21)
    ),
    group("Lý luận chính trị", col("llct_cc", "Cao cấp", width=W), col("llct_tc", "Trung cấp", width=W)),
    group(
        "Quản lý nhà nước (kể cả tương đương)",
        *(col(f"qlnn_{code.lower()}", label.replace("Chuyên viên", "CV"), width=W) for code, label in QLNN),
        unverified=True,
    ),
    group("Tin học", col("th_dh", "Đại học", width=W), col("th_cc", "Chứng chỉ", width=W), unverified=True),
    group(
        "Ngoại ngữ",
        group("Tiếng Anh", col("anh_dh", "Đại học", width=W), col("anh_cc", "Chứng chỉ", width=W)),
        group("Ngoại ngữ khác", col("nn_dh", "Đại học", width=W), col("nn_cc", "Chứng chỉ", width=W)),
        unverified=True,
    ),
    group(
        "Độ tuổi",
        col("duoi_30", "Dưới 30", width=W),
        col("tu_30_50", "Từ 30 đến 50", width=W),
        col("tren_50", "Trên 50", width=W),
        col("khong_ns", "Chưa có năm sinh", width=W, optional=True),  # printed when someone has none
        col("qua_tuoi", "Trong đó: trên tuổi nghỉ hưu", width=W),
        unverified=True,
    ),
]


def _age(born: str | None, day) -> int | None:
    b = vntext.to_date(born)
    if b is None:
        return None
    return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


def _is(code: str) -> Callable[[dict], bool]:
    return lambda p: p["state_mgmt_level"] == code


def _tests(ctx: Context, day) -> dict[str, Callable[[dict], bool]]:
    cat = ctx.catalogues
    edu = {i["code"]: i.get("bm01") for i in cat.items("trinh_do_chuyen_mon")}
    pol = {i["code"]: i.get("bm01") for i in cat.items("ly_luan_chinh_tri")}
    it = {i["code"]: i.get("bm01") for i in cat.items("tin_hoc")}
    iso = day.isoformat()
    return {
        "tong": lambda p: True,
        "nu": lambda p: p["gender"] == "nu",
        "dang_vien": lambda p: bool(p["party_member"]),
        "dtts": lambda p: bool(p["ethnicity"]) and p["ethnicity"] != "01",  # 01 = Kinh
        "hang_1": lambda p: p["title_rank"] == "I",
        "hang_2": lambda p: p["title_rank"] == "II",
        "hang_3": lambda p: p["title_rank"] == "III",
        "hang_4": lambda p: p["title_rank"] == "IV",
        "hang_khac": lambda p: p["title_rank"] not in ("I", "II", "III", "IV"),
        "ts": lambda p: edu.get(p["education_level"]) == "Tiến sĩ",
        "ths": lambda p: edu.get(p["education_level"]) == "Thạc sĩ",
        "dh": lambda p: edu.get(p["education_level"]) == "Đại học",
        "cm_khac": lambda p: edu.get(p["education_level"]) not in ("Tiến sĩ", "Thạc sĩ", "Đại học"),
        "llct_cc": lambda p: pol.get(p["politics_level"]) == "Cao cấp",
        "llct_tc": lambda p: pol.get(p["politics_level"]) == "Trung cấp",
        **{f"qlnn_{code.lower()}": _is(code) for code, _ in QLNN},
        "th_dh": lambda p: it.get(p["it_level"]) == "Đại học",
        "th_cc": lambda p: it.get(p["it_level"]) == "Chứng chỉ",
        "anh_dh": lambda p: p["language_level"] == "ANH_DH",
        "anh_cc": lambda p: p["language_level"] == "ANH_CC",
        "nn_dh": lambda p: p["language_level"] == "KHAC_DH",
        "nn_cc": lambda p: p["language_level"] == "KHAC_CC",
        "duoi_30": lambda p: (a := _age(p["birth_date"], day)) is not None and a < 30,
        "tu_30_50": lambda p: (a := _age(p["birth_date"], day)) is not None and 30 <= a <= 50,
        "tren_50": lambda p: (a := _age(p["birth_date"], day)) is not None and a > 50,
        "khong_ns": lambda p: _age(p["birth_date"], day) is None,
        "qua_tuoi": lambda p: bool(p["retire_on"]) and p["retire_on"] <= iso,
    }


def build(ctx: Context, params: Params) -> list[Row]:
    units = asof.units_active(ctx, params.as_of, params.unit_code)
    vien_chuc = {i["code"] for i in ctx.catalogues.items("loai_lao_dong") if i.get("is_vien_chuc")}
    people = [
        p for p in asof.roll(ctx, params.as_of, [u["id"] for u in units]) if p["employment_kind"] in vien_chuc
    ]
    tests = _tests(ctx, params.as_of)
    people_of = by_unit(people)

    def values(u: dict) -> dict:
        mine = people_of.get(u["id"], [])
        return {key: sum(1 for p in mine if test(p)) for key, test in tests.items()}

    return by_field_group(ctx, units, values, COLUMNS)


FORM = FormDef(
    by_office=True,
    id="bm01-vc",
    name="Báo cáo số lượng, chất lượng viên chức (BM01-VC/BNV)",
    source="Thông tư 07/2019/TT-BNV, Biểu mẫu số 01 (BM01-VC/BNV)",
    title="BÁO CÁO SỐ LƯỢNG, CHẤT LƯỢNG VIÊN CHỨC",
    columns=COLUMNS,
    build=build,
    bieu="BM01-VC/BNV",
    subject=lambda p: f"Tính đến ngày {format_date(p.as_of.isoformat())}",
)
