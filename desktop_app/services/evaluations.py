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
from desktop_app.services import records

# ND 233/2026: the 100-point score exists from the 2026 evaluation on.
SCORE_FROM = 2026


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
    _check_score_year(raw)
    if evaluation_id is None:
        return records.create(ctx, "evaluation", raw)
    records.update(ctx, "evaluation", evaluation_id, raw)
    return evaluation_id


def _check_score_year(raw: dict[str, Any]) -> None:
    if raw["score"] in (None, ""):
        raw["score"] = None
        return
    try:
        year = int(str(raw["year"]).strip())
    except ValueError:
        return  # the declaration reports the bad year
    if year < SCORE_FROM:
        raise ValidationError([Problem(f"điểm chỉ ghi cho đánh giá từ năm {SCORE_FROM}.", "score", "Điểm")])
