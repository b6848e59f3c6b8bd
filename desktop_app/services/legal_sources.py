"""«Căn cứ pháp lý»: every rule, threshold, period of a text, salary base, form and catalogue with
its legal source, effective dates and whether the source was read (issue #21), so a reviewer can
see why the app says what it says. Qt-free; ``ui/legal_sources_dialog.py`` shows it.

The rule table names, per rule id of ``services/rules*.py``, what it checks and its source: a
threshold code (``nguong``), a period topic (``che_do``) or the literal the rule cites (a test
keeps those literals identical to the rules' own)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop_app import vntext
from desktop_app.catalogues import user_text
from desktop_app.context import Context
from desktop_app.reports.engine import forms
from desktop_app.services import regimes
from desktop_app.services.personnel_rules import VIEN_CHUC_FORMS_SOURCE
from desktop_app.services.rules_evaluation import HEAD_SOURCE, short_source
from desktop_app.services.rules_file import SOURCE as FILE_SOURCE
from desktop_app.services.rules_org import DEPUTY_SOURCE
from desktop_app.settings import threshold

RULE, THRESHOLD, PERIOD, SALARY, FORM, CATALOGUE, UNVERIFIED = (
    "Quy tắc kiểm tra", "Ngưỡng, chỉ tiêu", "Thời kỳ áp dụng văn bản", "Lương cơ sở", "Biểu mẫu", "Danh mục",
    "Mục danh mục chưa kiểm chứng")
GROUPS = (RULE, THRESHOLD, PERIOD, SALARY, FORM, CATALOGUE, UNVERIFIED)

QUOTA = "NĐ 106/2020/NĐ-CP; Quyết định giao số lượng người làm việc"
DATA = "Kiểm tra chất lượng dữ liệu"
CONSOLIDATED = "Kiểm tra dữ liệu tổng hợp từ nhiều cơ quan"
# rule id → (what it checks, its sources: "nguong:CODE", "che_do:TOPIC[:key]", "danh_muc:KIND" (the
# catalogue whose items it reads) or the literal it cites)
RULES: dict[str, tuple[str, tuple[str, ...]]] = {
    "VUOT_SO_GIAO": ("Người hưởng lương NSNN có mặt vượt số được giao năm nay", (QUOTA,)),
    "VUOT_SO_GIAO_NAM": ("Vượt số được giao ở các năm trước", (QUOTA,)),
    "DON_VI_DUOI_TOI_THIEU": ("Đơn vị dưới số người làm việc tối thiểu", ("nguong:NGUOI_TOI_THIEU_DON_VI",)),
    "PHONG_DUOI_TOI_THIEU": ("Phòng, khoa dưới số viên chức tối thiểu", ("nguong:VC_TOI_THIEU_PHONG",)),
    "CAP_PHO_VUOT": ("Số cấp phó vượt mức tối đa", (DEPUTY_SOURCE, "nguong:PHO_N34_SO_XA", "nguong:PHO_N2",
                                                   "nguong:NAM_SAP_XEP_CAP_PHO")),
    "KHTNV_LIEN_TIEP": ("Không hoàn thành nhiệm vụ nhiều năm liên tiếp", ("nguong:KHTNV_NAM_LIEN_TIEP",)),
    "THIEU_DANH_GIA": ("Chưa có kết quả đánh giá năm trước", ("NĐ 90/2020/NĐ-CP; NĐ 233/2026/NĐ-CP",
                                                                "che_do:DANH_GIA")),
    "HTXS_VUOT_TY_LE": ("Tỷ lệ «Hoàn thành xuất sắc nhiệm vụ» vượt mức trong đơn vị và năm",
                        ("nguong:HTXS_TY_LE", "nguong:HTXS_TY_LE_DV_XUAT_SAC", "che_do:DANH_GIA:htxs_cap")),
    "NGUOI_DUNG_DAU_CAO_HON_DON_VI": ("Người đứng đầu xếp loại cao hơn đơn vị",
                                      (HEAD_SOURCE, "che_do:DANH_GIA:head_not_above_unit")),
    "QUA_TUOI_NGHI_HUU": ("Đã đến tuổi nghỉ hưu nhưng vẫn làm việc",
                          ("Bộ luật Lao động 2019 Điều 169; NĐ 135/2020/NĐ-CP",)),
    "TRUONG_IT_HOC_SINH": ("Trường ít học sinh (xem xét sáp nhập)", ("nguong:HS_TOI_THIEU_TRUONG",)),
    "HE_SO_NGOAI_KHUNG": ("Hệ số lương ngoài khung của loại", ("NĐ 204/2004/NĐ-CP Bảng 3",
                                                              "danh_muc:ngach_luong")),
    "TY_LE_CMNV_THAP": ("Tỷ lệ vị trí chuyên môn, nghiệp vụ dưới mục tiêu", ("nguong:TY_LE_CMNV",)),
    "DINH_MUC_GIAO_VIEN": ("Thừa, thiếu giáo viên so với định mức",
                           ("Thông tư 19/2023/TT-BGDĐT; Thông tư 20/2023/TT-BGDĐT",)),
    "TU_CHU_KHONG_HOP_LY": ("Số liệu tự chủ tài chính không hợp lý", ("NĐ 60/2021/NĐ-CP Điều 9, 10",
                                                                      "che_do:TU_CHU")),
    "TU_CHU_KHONG_KHOP": ("Nhóm tự chủ theo quyết định khác nhóm tính được",
                          ("NĐ 60/2021/NĐ-CP Điều 9, 10",)),
    "SAP_XEP_GIAM_TU_CHU": ("Sắp xếp làm giảm mức tự chủ", ("NĐ 120/2020/NĐ-CP Điều 5 khoản 2",)),
    "NGAY_BAT_THUONG": ("Ngày tháng không hợp lý", (DATA,)),
    "TRUNG_HO_SO": ("Hồ sơ trùng họ tên và ngày sinh", (DATA,)),
    "TRUNG_CCCD_CO_QUAN": ("Một số CCCD ở nhiều cơ quan (dữ liệu tổng hợp)",
                           (CONSOLIDATED,)),
    "HO_SO_THIEU": ("Hồ sơ nhân sự chưa đầy đủ", (FILE_SOURCE,)),
    "KY_LUAT_KHONG_AP_DUNG": ("Hình thức kỷ luật không áp dụng cho viên chức (giáng chức)",
                              (VIEN_CHUC_FORMS_SOURCE,)),
}


@dataclass(frozen=True)
class Entry:
    group: str
    name: str
    source: str
    dates: str = ""
    verified: bool | None = None  # None: not a catalogue fact (a data-quality check, a form's layout)
    note: str = ""


def entries(ctx: Context) -> list[Entry]:
    """Every row, its source and note as a clerk may read them (laws cited, never our files)."""
    rows = [*_rules(ctx), *_thresholds(ctx), *_periods(ctx), *_salary(ctx), *_forms(), *_catalogues(ctx),
            *_unverified_items(ctx)]
    return [replace(e, source=user_text(e.source), note=user_text(e.note)) for e in rows]


def _rules(ctx: Context) -> list[Entry]:
    out = []
    for rule_id, (what, sources) in RULES.items():
        parts = [_source_text(ctx, s) for s in sources]
        verified = [v for v in (_source_verified(ctx, s) for s in sources) if v is not None]
        out.append(Entry(RULE, f"{rule_id}: {what}", "; ".join(p for p in parts if p),
                         _rule_dates(ctx, sources), all(verified) if verified else None))
    return out


def _source_text(ctx: Context, source: str) -> str:
    kind, _, code = source.partition(":")
    if kind == "nguong" and code:
        return short_source(str((ctx.catalogues.item("nguong", code) or {}).get("source", "")))
    if kind in ("che_do", "danh_muc") and code:
        return ""  # the periods and the catalogues are listed in their own groups
    return source


def _source_verified(ctx: Context, source: str) -> bool | None:
    """Whether the catalogue facts a rule follows were read in their text: a threshold, the
    periods of a text («che_do:TOPIC[:key]»), every item of a catalogue («danh_muc:KIND»)."""
    kind, topic, key = [*source.split(":"), "", ""][:3]
    if kind == "nguong" and topic:
        return bool((ctx.catalogues.item("nguong", topic) or {}).get("verified"))
    if kind == "che_do" and topic:
        periods = [p for p in regimes.periods(ctx, topic) if not key or p.get(key)]
        return all(p.get("verified") for p in periods) if periods else None
    if kind == "danh_muc" and topic:
        return all(i.get("verified") for i in ctx.catalogues.items(topic))
    return None


def _rule_dates(ctx: Context, sources: tuple[str, ...]) -> str:
    """The periods a rule follows («che_do:TOPIC», or «che_do:TOPIC:key» for those with ``key``)."""
    texts = []
    for s in sources:
        kind, topic, key = [*s.split(":"), "", ""][:3]
        if kind == "che_do":
            texts += [f"{p['code']}: {regimes.dates_text(p)}" for p in regimes.periods(ctx, topic)
                      if not key or p.get(key)]
    return "; ".join(texts)


def _thresholds(ctx: Context) -> list[Entry]:
    out = []
    for i in ctx.catalogues.items("nguong"):
        value = vntext.format_number(threshold(ctx, i["code"]))
        when = i.get("period") or i.get("target_year")
        out.append(Entry(THRESHOLD, f"{i['label']}: {value} {i.get('unit', '')}".strip(), i["source"],
                         f"mục tiêu {when}" if when else "", i.get("verified"), i.get("verified_note", "")))
    return out


def _periods(ctx: Context) -> list[Entry]:
    return [Entry(PERIOD, p["label"], p["source"], regimes.dates_text(p), p.get("verified"),
                  p.get("verified_note", "")) for p in ctx.catalogues.items("che_do")]


def _salary(ctx: Context) -> list[Entry]:
    items = sorted(ctx.catalogues.items("luong_co_so"), key=lambda i: i["valid_from"])
    out = []
    for n, i in enumerate(items):
        end = items[n + 1]["valid_from"] if n + 1 < len(items) else None
        dates = regimes.dates_text({"valid_from": i["valid_from"], "valid_to": end})
        amount = f"{int(i['amount']):,}".replace(",", ".")
        name = f"Lương cơ sở {amount} đồng/tháng ({i.get('decree', '')})"
        out.append(Entry(SALARY, name, i["source"], dates, i.get("verified"), i.get("verified_note", "")))
    return out


def _forms() -> list[Entry]:
    return [Entry(FORM, f"{f.id}: {f.name}", f.source, "", None, f.bieu) for f in forms().values()]


def _catalogues(ctx: Context) -> list[Entry]:
    out = []
    versions = ctx.catalogues.versions()
    for kind in ctx.catalogues.kinds():
        items = ctx.catalogues.items(kind)
        unverified = sum(1 for i in items if not i.get("verified"))
        source = ctx.db.execute("SELECT source FROM catalogue_version WHERE kind = ?", [kind]).fetchone()
        out.append(Entry(CATALOGUE, f"{kind} (phiên bản {versions.get(kind, '')})", (source or [""])[0] or "",
                         "", unverified == 0,
                         f"{len(items)} mục, {unverified} chưa kiểm chứng"
                         + (f" (xem nhóm «{UNVERIFIED}»)" if unverified else "")))
    return out


def _unverified_items(ctx: Context) -> list[Entry]:
    """Each catalogue item not checked against its text, with what was searched."""
    return [Entry(UNVERIFIED, f"{kind} {i['code']}: {i['label']}", str(i.get("source") or ""), "", False,
                  str(i.get("verified_note") or ""))
            for kind in ctx.catalogues.kinds() for i in ctx.catalogues.items(kind) if not i.get("verified")]
