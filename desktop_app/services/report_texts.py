"""The parts of a text report the office writes itself (tồn tại, hạn chế; nguyên nhân;
kiến nghị), kept per form and report period (year) in the ``setting`` table as
``bao_cao.<form>.<year>``: next year starts empty, last year's paper can be printed again."""

from __future__ import annotations

from collections.abc import Mapping

from desktop_app import settings, vntext
from desktop_app.context import Context
from desktop_app.services import period_lock

PARTS = (("ton_tai", "Tồn tại, hạn chế"), ("nguyen_nhan", "Nguyên nhân"), ("kien_nghi", "Kiến nghị, đề xuất"))


def _key(form_id: str, year: int) -> str:
    return f"bao_cao.{form_id}.{int(year)}"


def get(ctx: Context, form_id: str, year: int) -> dict[str, str]:
    stored = settings.get(ctx, _key(form_id, year)) or {}
    return {k: str(stored.get(k) or "") for k, _ in PARTS}


def save(ctx: Context, form_id: str, year: int, texts: Mapping[str, str]) -> dict[str, str]:
    period_lock.check_write(ctx, "setting")
    unknown = [k for k in texts if k not in dict(PARTS)]
    if unknown:
        raise KeyError(unknown[0])
    merged = {**get(ctx, form_id, year), **{k: (vntext.nfc(v) or "").strip() for k, v in texts.items()}}
    settings.put(ctx, _key(form_id, year), merged)
    return merged
