"""Teacher norms of a school (TT 19/2023/TT-BGDĐT mầm non, TT 20/2023/TT-BGDĐT
phổ thông). The rates and the regions' class sizes are catalogue data
(``dinh_muc_giao_vien``, ``vung``); this module only combines them:

- mầm non: nhóm trẻ × 2.5 + lớp mẫu giáo × 2.2
- tiểu học: lớp × (1.5 for 2 sessions/day, 1.2 for 1) + extra pupils / per-teacher of the
  region + 1 Tổng phụ trách Đội
- THCS: lớp × 1.9 (2.2 boarding) + extra pupils / per-teacher of the region + 1 TPT Đội
- THPT: lớp × 2.25 (2.4 boarding) + extra pupils / per-teacher of the region (Điều 17 khoản 1 điểm d)
- liên cấp TH&THCS: computed at the THCS rate (not verified: the class split is not recorded).
"""

from __future__ import annotations

from desktop_app.catalogues import Catalogues

TEACHER_TITLE_PREFIXES = ("V.07.02.", "V.07.03.", "V.07.04.", "V.07.05.")


def is_teacher(title_code: str | None) -> bool:
    return bool(title_code and title_code.startswith(TEACHER_TITLE_PREFIXES))


def _rate(cat: Catalogues, code: str) -> float:
    item = cat.item("dinh_muc_giao_vien", code)
    return float(item["value"]) if item and item.get("value") is not None else 0.0


def _extra(cat: Catalogues, unit: dict, level: str) -> float:
    region = cat.item("vung", str(unit.get("region") or 3)) or {}
    size, per = region.get(f"class_size_{level}"), region.get(f"extra_pupils_{level}")
    if not size or not per:
        return 0.0
    return max(0, (unit.get("pupils") or 0) - (unit.get("classes") or 0) * size) / per


def norm(cat: Catalogues, unit: dict) -> float | None:
    """Định mức giáo viên of a school unit, or None when the field is not a school."""
    field = cat.item("linh_vuc", unit.get("field")) or {}
    level, classes = field.get("school_level"), unit.get("classes") or 0
    boarding = bool(unit.get("boarding"))
    if level == "mam_non":
        value = (unit.get("nursery_groups") or 0) * _rate(cat, "MN_NHOM_TRE") + classes * _rate(
            cat, "MN_MAU_GIAO"
        )
    elif level == "tieu_hoc":
        per_class = _rate(cat, "TH_1_BUOI") if unit.get("sessions_per_day") == 1 else _rate(cat, "TH_2_BUOI")
        value = classes * per_class + _extra(cat, unit, "tieu_hoc") + _rate(cat, "TH_TPT_DOI")
    elif level in ("thcs", "lien_cap"):
        value = classes * _rate(cat, "THCS_DTNT" if boarding else "THCS") + _extra(cat, unit, "thcs")
        value += _rate(cat, "THCS_TPT_DOI")
    elif level == "thpt":
        value = classes * _rate(cat, "THPT_DTNT" if boarding else "THPT") + _extra(cat, unit, "thpt")
    else:
        return None
    return round(value, 2)
