"""Yearly evaluations (đánh giá, xếp loại): a person's list, one year's grid
for a whole unit (the people on the unit's roll that year, from the dated
assignment history), and saving one evaluation through ``services.records``
so it is validated by the EVALUATION declaration and audited.
"""

from __future__ import annotations

from typing import Any

from db import repo
from desktop_app.context import Context
from desktop_app.errors import Problem, ValidationError
from desktop_app.services import records, regimes


def for_person(ctx: Context, person_id: int) -> list[dict[str, Any]]:
    return repo.query(ctx.db, "SELECT * FROM evaluation WHERE person_id = ? ORDER BY year DESC",
                      [person_id])


def roll(ctx: Context, unit_id: int, year: int) -> list[dict[str, Any]]:
    """People who worked in the unit at some time in ``year``, in name order,
    with their evaluation of that year (``evaluation_id``, ``level``, ``score``)."""
    first, last = f"{year}-01-01", f"{year}-12-31"
    return repo.query(ctx.db, """
        SELECT p.id AS person_id, p.full_name, p.birth_date, e.id AS evaluation_id, e.level, e.score
        FROM person p
        LEFT JOIN evaluation e ON e.person_id = p.id AND e.year = ?
        WHERE p.id IN (SELECT person_id FROM assignment WHERE unit_id = ? AND valid_from <= ?
                       AND (valid_to IS NULL OR valid_to >= ?))
        ORDER BY p.sort_key, p.id""", [year, unit_id, last, first])


def save(ctx: Context, person_id: int, year: Any, level: Any, score: Any = None,
         evaluation_id: int | None = None) -> int:
    """Create or update one evaluation; returns its id."""
    raw = {"person_id": person_id, "year": year, "level": level, "score": score}
    _check_score_year(ctx, raw)
    if evaluation_id is None:
        return records.create(ctx, "evaluation", raw)
    records.update(ctx, "evaluation", evaluation_id, raw)
    return evaluation_id


def score_allowed(ctx: Context, year: int) -> bool:
    """Whether the evaluation rules of ``year`` have a point score (NĐ 233/2026: from the 2026 evaluation)."""
    period = regimes.for_evaluation_year(ctx, year)
    return bool(period and period.get("score_scale"))


def _first_score_year(ctx: Context) -> int | None:
    scored = [p for p in regimes.periods(ctx, "DANH_GIA") if p.get("score_scale")]
    return int(scored[0]["valid_from"][:4]) if scored else None


def _check_score_year(ctx: Context, raw: dict[str, Any]) -> None:
    if raw["score"] in (None, ""):
        raw["score"] = None
        return
    try:
        year = int(str(raw["year"]).strip())
    except ValueError:
        return  # the declaration reports the bad year
    if not score_allowed(ctx, year):
        first = _first_score_year(ctx)
        since = f"từ năm {first}" if first else "khi văn bản đánh giá có thang điểm"
        problem = Problem(f"điểm chỉ ghi cho đánh giá {since} (NĐ 233/2026/NĐ-CP).", "score", "Điểm")
        raise ValidationError([problem])
