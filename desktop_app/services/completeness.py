"""Độ đầy đủ hồ sơ (the "đúng, đủ, sạch, sống" work before syncing with the national database,
CV 5034/BNV-CCVC): for each person working at a date, what their file lacks — a CCCD, a full
birth date, the date of the current salary step, last year's evaluation, a contract where
their employment kind requires one (catalogue ``loai_hop_dong.required_for``)."""

from __future__ import annotations

import datetime as dt
import json

from db import repo
from desktop_app.context import Context

GAPS = {"no_cccd": "Số CCCD", "no_birth": "Ngày sinh đầy đủ", "no_step_date": "Ngày hưởng bậc",
        "no_evaluation": "Đánh giá năm trước", "no_contract": "Hợp đồng"}


def _needs_contract(ctx: Context) -> list[str]:
    kinds = {k for i in ctx.catalogues.items("loai_hop_dong") for k in i.get("required_for") or []}
    return sorted(kinds)


def gaps(ctx: Context, day: dt.date, unit_id: int | None = None) -> list[dict]:
    """One row per working person with at least one gap: person fields and a 1/0 per gap."""
    sql = f"""
        SELECT p.id, p.full_name, p.unit_id, p.cccd,
          (p.cccd IS NULL OR p.cccd = '') AS no_cccd,
          (p.birth_date IS NULL OR length(p.birth_date) < 10) AS no_birth,
          (p.salary_step IS NOT NULL AND p.step_since IS NULL) AS no_step_date,
          NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.person_id = p.id AND e.year = :last_year)
            AS no_evaluation,
          (p.employment_kind IN (SELECT value FROM json_each(:kinds)) AND NOT EXISTS (
             SELECT 1 FROM contract c WHERE c.person_id = p.id AND c.from_date <= :d
               AND (c.to_date IS NULL OR c.to_date >= :d) AND (c.ended_on IS NULL OR c.ended_on > :d)))
            AS no_contract
        FROM person p
        WHERE p.office_uid IS NULL AND (p.recruited_on IS NULL OR p.recruited_on <= :d)
          AND (p.left_on IS NULL OR p.left_on > :d) {'AND p.unit_id = :unit' if unit_id is not None else ''}
        ORDER BY p.unit_id, p.sort_key, p.id"""  # noqa: S608 - the only variable part is fixed text
    rows = repo.query(ctx.db, sql, {"d": day.isoformat(), "last_year": day.year - 1, "unit": unit_id,
                                    "kinds": json.dumps(_needs_contract(ctx))})
    return [r for r in rows if any(r[k] for k in GAPS)]


def by_unit(ctx: Context, day: dt.date) -> dict[int | None, tuple[int, dict[str, int]]]:
    """Per unit: (people with a gap, count per gap)."""
    out: dict[int | None, tuple[int, dict[str, int]]] = {}
    for r in gaps(ctx, day):
        n, counts = out.get(r["unit_id"], (0, dict.fromkeys(GAPS, 0)))
        out[r["unit_id"]] = (n + 1, {k: counts[k] + int(bool(r[k])) for k in GAPS})
    return out
