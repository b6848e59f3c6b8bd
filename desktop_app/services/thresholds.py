"""Cài đặt → Chỉ tiêu: the ``nguong`` catalogue's thresholds and targets with the
office's overrides (SPEC §3). The catalogue keeps the legal default; an
override lives in the ``setting`` table under ``nguong.<code>``; both the
change and the return to the default are in the audit log.
"""

from __future__ import annotations

from typing import Any

from desktop_app import settings, vntext
from desktop_app.catalogues import user_text
from desktop_app.context import Context
from desktop_app.errors import Problem, ValidationError
from desktop_app.services import audit, gate

LIMIT = 1_000_000  # no threshold of the catalogue comes near; a typo with extra digits does


def items(ctx: Context) -> list[dict[str, Any]]:
    """Every catalogue item with its default, its current value and whether it is overridden."""
    out = []
    for item in ctx.catalogues.items("nguong"):
        override = settings.get(ctx, _key(item["code"]))
        out.append({**item, "source": user_text(item.get("source")), "default": float(item["value"]),
                    "current": float(override) if override is not None else float(item["value"]),
                    "overridden": override is not None})
    return out


def set_threshold(ctx: Context, code: str, value: Any) -> float:
    """Override one threshold with ``value`` (a number or Vietnamese text such as '12,5')."""
    gate.authorise(ctx, gate.WRITE)
    item = _item(ctx, code)
    number = _checked(item, value)
    old = settings.get(ctx, _key(code))
    with ctx.db.atomic():
        settings.put(ctx, _key(code), number)
        audit.record(ctx, "sua", "setting", None, {_key(code): old}, {_key(code): number})
    return number


def reset_threshold(ctx: Context, code: str) -> float:
    """Back to the catalogue's default; returns it."""
    gate.authorise(ctx, gate.WRITE)
    item = _item(ctx, code)
    old = settings.get(ctx, _key(code))
    if old is not None:
        with ctx.db.atomic():
            settings.delete(ctx, _key(code))
            audit.record(ctx, "khoi_phuc_mac_dinh", "setting", None, {_key(code): old},
                         {_key(code): None})
    return float(item["value"])


def _key(code: str) -> str:
    return f"nguong.{code}"


def _item(ctx: Context, code: str) -> dict[str, Any]:
    item = ctx.catalogues.item("nguong", code)
    if item is None:
        raise ValidationError(f"Không có chỉ tiêu «{code}» trong danh mục ngưỡng.")
    return item


def _checked(item: dict[str, Any], value: Any) -> float:
    label = item["label"]
    if item.get("unit") == "%" and isinstance(value, str):
        value = value.strip().removesuffix("%")  # «10%» typed for a percentage is 10
    try:
        number = vntext.parse_number(value)
    except ValueError as exc:
        raise ValidationError([Problem(str(exc), field="value", label=label, value=value)]) from None
    if number is None:
        raise ValidationError([Problem("Cần nhập một số.", field="value", label=label)])
    if number < 0 or number > LIMIT:
        raise ValidationError([Problem(f"Giá trị phải từ 0 đến {vntext.format_number(LIMIT)}.",
                                       field="value", label=label, value=value)])
    if item.get("unit") == "%" and number > 100:
        raise ValidationError([Problem("Tỷ lệ phần trăm không vượt quá 100.", field="value",
                                       label=label, value=value)])
    return number
