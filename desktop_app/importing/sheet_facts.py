"""What a sheet says once rather than on every row: the year of a list titled «… năm
2025» without a Năm column, and the money unit of a budget table (issue #17 point 8).

Budget figures are stored in triệu đồng (the unit of the report forms). A sheet that
says «ĐVT: đồng» / «(đồng)» or «nghìn đồng» is converted; one that says nothing is read
by the size of its amounts (a unit's yearly revenue in đồng runs to hundreds of
millions) — and the assumption is always said in the import's notes.
"""

from __future__ import annotations

import re
import statistics

from desktop_app import vntext
from desktop_app.importing.layout import Layout
from desktop_app.importing.reader import Sheet
from desktop_app.importing.rows import RawRow

MONEY_FIELDS = ("revenue", "recurrent_spending", "nsnn_spending")
_YEAR = re.compile(r"\bnam\s*(20\d\d)\b")
_UNITS = ((re.compile(r"trieu dong|tr\.?\s?d\b|trd\b|trieu\b"), 1.0, "triệu đồng"),
          (re.compile(r"nghin dong|ngan dong|1\.?000 dong"), 0.001, "nghìn đồng"),
          (re.compile(r"(dvt|don vi tinh|don vi)\s*:?\s*dong\b|\(dong\)|\bvnd\b"), 1e-6, "đồng"))
LARGE = 1_000_000  # a typical amount above this is in đồng, not triệu đồng


def titles(sheet: Sheet, layout: Layout, *, with_header: bool = False) -> list[str]:
    last = layout.header_rows[-1] if with_header else layout.header_rows[0] - 1
    return [v for row in sheet.rows[:last] for v in row if isinstance(v, str) and v.strip()]


def sheet_year(sheet: Sheet, layout: Layout) -> tuple[int, str] | None:
    """«năm 2025» in the sheet name or a title row above the header."""
    for text in (sheet.name, *titles(sheet, layout)):
        m = _YEAR.search(vntext.fold(text))
        if m:
            return int(m[1]), text
    return None


def money_scale(sheet: Sheet, layout: Layout, raws: list[RawRow]) -> tuple[float, str]:
    """(factor to triệu đồng, how it was decided in words)."""
    for text in titles(sheet, layout, with_header=True):
        folded = vntext.fold(text)
        for pattern, factor, name in _UNITS:
            if pattern.search(folded):
                return factor, f"số tiền tính bằng {name} (theo «{vntext.clean(text)}»)"
    amounts = [n for raw in raws for k in MONEY_FIELDS if (n := _number(raw.values.get(k))) is not None]
    if amounts and statistics.median(amounts) > LARGE:
        return 1e-6, ("tệp không ghi đơn vị tính; số tiền lớn nên được hiểu là đồng "
                      "(nếu là triệu đồng, hãy ghi «ĐVT: triệu đồng» trên tiêu đề)")
    return 1.0, "tệp không ghi đơn vị tính; số tiền được hiểu là triệu đồng"


def scale(raws: list[RawRow], factor: float) -> None:
    if factor == 1.0:
        return
    for raw in raws:
        for k in MONEY_FIELDS:
            n = _number(raw.values.get(k))
            if n is not None:
                raw.values[k] = round(n * factor, 6)


def _number(value) -> float | None:
    try:
        return vntext.parse_number(value)
    except ValueError:
        return None
