"""Expected retirement date under the roadmap of NĐ 135/2020 (BLLĐ 2019 Điều 169).

The roadmap itself is the catalogue ``tuoi_nghi_huu`` (data, not code): for
each year the age of men and women. A person retires in the first roadmap
year in which they reach that year's age; the retirement date is the first
day of the month after the month they reach it.
"""

from __future__ import annotations

import datetime as dt

from desktop_app.vntext import to_date

# Used only when the catalogue is missing: ages before the roadmap and at its end.
_BEFORE = {"nam": 60 * 12, "nu": 55 * 12}


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, 1)  # only the month matters: see module docstring


def _ages(roadmap: list[dict], gender: str) -> dict[int, int]:
    prefix = "male" if gender == "nam" else "female"
    return {int(r["year"]): int(r[f"{prefix}_years"]) * 12 + int(r.get(f"{prefix}_months", 0))
            for r in roadmap if "year" in r}


def retirement_date(birth: str | None, gender: str | None, roadmap: list[dict]) -> str | None:
    """ISO date of retirement, or None without a birth date or gender."""
    born = to_date(birth)
    if born is None or gender not in ("nam", "nu"):
        return None
    ages = _ages(roadmap, gender)
    if not ages:
        reached = _add_months(born, _BEFORE[gender])
        return _add_months(reached, 1).isoformat()
    first, last = min(ages), max(ages)
    before = _add_months(born, _BEFORE[gender])
    if before.year < first:
        return _add_months(before, 1).isoformat()
    for year in range(first, last + 1):
        reached = _add_months(born, ages[year])
        if reached.year <= year:
            return _add_months(reached, 1).isoformat()
    return _add_months(_add_months(born, ages[last]), 1).isoformat()
