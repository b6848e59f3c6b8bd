"""The money of a tinh giản proposal: each form of settlement (catalogue
``hinh_thuc_tinh_gian``) is a list of parts kept as data beside their legal source. A verified
part is computed — months × monthly pay × units (years retired early, years of BHXH, or once);
an unverified part is entered by hand and printed «nhập tay». Every input is kept so the paper
can print it, and the batch total is the sum of the people's amounts to the đồng."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.context import Context

UNIT_LABEL = {"nam_nghi_som": "năm nghỉ hưu trước tuổi", "nam_bhxh": "năm đóng BHXH", "mot_lan": "lần"}


@dataclass(frozen=True)
class Part:
    label: str
    months: float
    units: float
    amount: int
    source: str

    unit: str

    def text(self) -> str:
        return f"{_num(self.months)} tháng lương × {_num(self.units)} {self.unit} = {_dong(self.amount)} đ"


@dataclass(frozen=True)
class Amount:
    monthly_pay: int | None
    parts: tuple[Part, ...]
    manual: int | None  # the hand-entered part (unverified formulas)
    needs_manual: bool  # the form of settlement has a part without a verified formula
    total: int

    @property
    def marked(self) -> bool:
        return self.needs_manual


def monthly_pay(member: Mapping[str, Any]) -> int | None:
    """Tiền lương tháng hiện hưởng at the leaving date, in đồng (see the catalogue's note)."""
    base, coef = member.get("base_amount"), member.get("coefficient")
    if base is None or coef is None:
        return None
    position = float(member.get("allowance_position") or 0)
    seniority = float(member.get("allowance_seniority_pct") or 0) / 100 * float(coef)
    profession = (
        float(member.get("allowance_profession_pct") or 0) / 100 * (float(coef) + position + seniority)
    )
    return int(round((float(coef) + position + seniority + profession) * base)) + int(
        member.get("allowance_other") or 0
    )


def amount(ctx: Context, member: Mapping[str, Any]) -> Amount:
    form = ctx.catalogues.item("hinh_thuc_tinh_gian", member.get("settlement_code")) or {}
    pay = monthly_pay(member)
    parts, needs_manual = [], False
    for part in form.get("parts") or []:
        if not part.get("verified") or part.get("months") is None:
            needs_manual = True
            continue
        units = _units(member, part["per"])
        if pay is None or units is None:
            needs_manual = True
            continue
        parts.append(
            Part(
                str(part["label"]),
                float(part["months"]),
                units,
                int(round(float(part["months"]) * units * pay)),
                str(part.get("source") or ""),
                UNIT_LABEL[part["per"]],
            )
        )
    manual = member.get("manual_amount")
    total = sum(p.amount for p in parts) + int(manual or 0)
    return Amount(pay, tuple(parts), None if manual is None else int(manual), needs_manual, total)


def _units(member: Mapping[str, Any], per: str) -> float | None:
    if per == "mot_lan":
        return 1.0
    value = member.get("early_years" if per == "nam_nghi_som" else "insurance_years")
    return None if value is None else float(value)


def scale_text(member: Mapping[str, Any]) -> str:
    """Hệ số lương and every allowance the person has, as the list prints them (an allowance
    of 0 is left out: the cell stays short enough to read at A4)."""
    parts = [f"HS {_num(member.get('coefficient'))}"]
    for key, label, unit in (("allowance_position", "PCCV", ""), ("allowance_seniority_pct", "TNVK", "%"),
                             ("allowance_profession_pct", "ƯĐN", "%")):
        if member.get(key):
            parts.append(f"{label} {_num(member[key])}{unit}")
    if member.get("allowance_other"):
        parts.append(f"PC khác {_dong(member['allowance_other'])} đ")
    return "; ".join(parts)


def inputs_text(ctx: Context, member: Mapping[str, Any]) -> str:
    """Every input of the amount, as the paper prints it."""
    a = amount(ctx, member)
    head = (
        f"HS {_num(member.get('coefficient'))}; PCCV {_num(member.get('allowance_position') or 0)}; "
        f"TNVK {_num(member.get('allowance_seniority_pct') or 0)}%; "
        f"ƯĐN {_num(member.get('allowance_profession_pct'))}%; "
        f"PC khác {_dong(member.get('allowance_other'))} đ; LCS {_dong(member.get('base_amount'))} đ "
        f"→ lương tháng {_dong(a.monthly_pay)} đ"
    )
    lines = [head, *(p.text() for p in a.parts)]
    if a.needs_manual:
        lines.append(f"Nhập tay: {_dong(a.manual)} đ" if a.manual is not None else "Nhập tay: CHƯA NHẬP")
    return "\n".join(lines)


def batch_total(ctx: Context, members: Sequence[Mapping[str, Any]]) -> int:
    return sum(amount(ctx, m).total for m in members)


def number_text(value: Any) -> str:
    """A number as the paper prints it: 4,98 — 30 — «—» when unknown."""
    return _num(value)


def _num(value: Any) -> str:
    if value is None:
        return "—"
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _dong(value: Any) -> str:
    return "—" if value is None else f"{int(value):,}".replace(",", ".")
