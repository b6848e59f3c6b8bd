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
    "training": _dated, "discipline": _dated, "prior_work": _dated, "contract": _contract,
    "family_member": _family,
}
