"""The entity rules of the personnel-file records (quá trình: đào tạo, khen thưởng, kỷ luật,
gia đình, công tác trước tuyển dụng, hợp đồng); ``services.records`` applies them with the
rules of the other entities."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from desktop_app import vntext
from desktop_app.errors import Problem


def _order(v: Mapping[str, Any]) -> list[Problem]:
    first, last = vntext.to_date(v.get("from_date")), vntext.to_date(v.get("to_date"), end=True)
    if first and last and last < first:
        return [Problem("trước «Từ ngày».", "to_date", "Đến ngày", v.get("to_date"))]
    return []


def _dated(look: Any, v: dict, existing: Mapping | None) -> list[Problem]:
    return _order(v)


VIEN_CHUC_FORMS_SOURCE = "Luật Viên chức 58/2010/QH12 Điều 52; NĐ 234/2026/NĐ-CP Điều 7 khoản 1"


def regime_of(ctx: Any, employment_kind: str | None) -> str | None:
    """The disciplinary regime of an employment kind: ``vien_chuc`` for the kinds the catalogue
    ``loai_lao_dong`` marks ``is_vien_chuc``; None where the app does not know it."""
    kind = ctx.catalogues.item("loai_lao_dong", employment_kind)
    return "vien_chuc" if kind and kind.get("is_vien_chuc") else None


def form_refused(ctx: Any, form_code: str | None, employment_kind: str | None) -> str | None:
    """Why a discipline form cannot be on this person's record (its ``applies_to`` leaves out
    the person's regime: «giáng chức» is not a form for viên chức), else None."""
    form = ctx.catalogues.item("hinh_thuc_ky_luat", form_code)
    regime = regime_of(ctx, employment_kind)
    if not form or regime is None or regime in form.get("applies_to", [regime]):
        return None
    return (f"«{form['label']}» không phải hình thức kỷ luật đối với viên chức "
            f"({VIEN_CHUC_FORMS_SOURCE}: khiển trách, cảnh cáo, cách chức, buộc thôi việc).")


def _discipline(look: Any, v: dict, existing: Mapping | None) -> list[Problem]:
    problems = _order(v)
    row = look.ctx.db.execute("SELECT employment_kind FROM person WHERE id = ?",
                              [v.get("person_id")]).fetchone()
    why = form_refused(look.ctx, v.get("form"), row[0] if row else None)
    if why:
        problems.append(Problem(why, "form", "Hình thức kỷ luật", v.get("form")))
    return problems


def _contract(look: Any, v: dict, existing: Mapping | None) -> list[Problem]:
    problems = _order(v)
    kind = look.ctx.catalogues.item("loai_hop_dong", v.get("kind"))
    if kind and kind.get("needs_end") and not v.get("to_date"):
        problems.append(Problem(f"{kind['label'].lower()} phải ghi ngày hết hạn.", "to_date",
                                "Đến ngày"))
    if v.get("ended_on") and v.get("from_date") and v["ended_on"] < v["from_date"]:
        problems.append(Problem("trước ngày bắt đầu hợp đồng.", "ended_on", "Ngày chấm dứt",
                                v.get("ended_on")))
    return problems


def _family(look: Any, v: dict, existing: Mapping | None) -> list[Problem]:
    year = v.get("birth_year")
    if year and year > look.ctx.today.year:
        return [Problem("năm sinh ở tương lai.", "birth_year", "Năm sinh", year)]
    return []


RULES: dict[str, Callable[[Any, dict, Mapping | None], list[Problem]]] = {
    "training": _dated, "discipline": _discipline, "prior_work": _dated, "contract": _contract,
    "family_member": _family,
}
