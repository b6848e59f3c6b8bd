"""From sheet rows to raw records: one dict of field → cell value per data row.

Rows below the data that are totals («Tổng cộng», «Cộng»), notes or the
signature block («Người lập biểu», «Thủ trưởng đơn vị», «…, ngày … tháng …
năm …») end the data and are reported as skipped, as are blank rows. A
birth date written under a «Nam» or «Nữ» column also gives the gender.
Cell values are tidied for the converters: integers that calamine returns
as floats, Excel date serials in date columns, CCCD typed as a number.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from desktop_app import vntext
from desktop_app.fields import DATE, PDATE, Entity, Field
from desktop_app.importing.layout import Column, Layout
from desktop_app.importing.reader import Sheet

_TOTALS = re.compile(r"^(tong cong|tong so|tong|cong|cong:)\b")
_SIGNATURE = re.compile(r"^(nguoi lap( bieu)?|thu truong|ke toan|lanh dao|giam doc|hieu truong|"
                        r"chu tich|xac nhan|ghi chu|luu y|noi nhan|\(?ky,? (ghi )?ho ten|tm\.|kt\.)"
                        r"|(^|, )ngay\b.*\bthang\b.*\bnam\b")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass
class RawRow:
    row: int                                   # Excel row number
    values: dict[str, object]
    columns: dict[str, Column] = field(default_factory=dict)  # field → column it came from


@dataclass
class Skipped:
    sheet: str
    row: int
    reason: str
    text: str = ""


def footer_reason(cells: list) -> str | None:
    texts = [vntext.fold(str(v)) for v in cells if isinstance(v, str) and v.strip()]
    if not texts:
        return None
    if _TOTALS.match(texts[0]) or (len(texts) > 1 and _TOTALS.match(texts[1])):
        return "dòng tổng cộng"
    if any(_SIGNATURE.search(t) for t in texts):
        return "phần ghi chú, chữ ký"
    return None


def records(sheet: Sheet, layout: Layout, entity: Entity, skipped: list[Skipped]) -> Iterator[RawRow]:
    """The sheet's data rows as raw records, one at a time; skipped rows go to ``skipped``.

    Each grid row is let go once read (memory, issue #16: the grid, the raw records and the
    checked rows of a 200,000-row sheet never exist side by side): only the rows above the
    data (titles, header) are left in the grid."""
    mapped = layout.mapped()
    fields = {c.field: entity.field(c.field) for c in mapped if c.field}
    keys = [c for c in mapped if c.field in {f.name for f in entity.fields if f.required and f.kind != "ref"}]
    plan = [(c, c.index, c.field, fields[c.field], c.family, c.gender, c.year) for c in mapped if c.field]
    first = _first_columns(mapped)
    footer, wide = None, bool(layout.years())
    merged = Merged(sheet, layout.data_start, {c.index for c in mapped})
    for r, cells in enumerate(sheet.data(layout.data_start, release=True), start=layout.data_start):
        if cells.count("") + cells.count(None) == len(cells):  # blank row (C-level, no genexpr)
            continue
        if merged.spans:
            cells = merged.fill(r, cells)
        if not _has_key_values(cells, keys):
            footer = footer_reason(cells) or footer  # once the footer starts, the data has ended
        if footer or not _has_values(cells, mapped):
            skipped.append(Skipped(sheet.name, r + 1, footer or "không có dữ liệu ở các cột đã nhận",
                                   _summary(cells)))
            continue
        record = _record(cells, r + 1, plan, first)
        if wide:
            yield from by_year(record, layout)
        else:
            yield record


class Merged:
    """A data cell merged down over several rows («Đơn vị» written once beside its people): a
    person reads its value on every row it covers, and so does the importer. Only the column of
    the range's first cell is filled, only in mapped columns, only below the header."""

    def __init__(self, sheet: Sheet, start: int, columns: set[int]):
        self.spans: dict[int, list[tuple[int, int]]] = {}  # row → (column, first row) covered
        self.heads: dict[int, list[int]] = {}               # first row → columns whose value to keep
        self.tops: dict[tuple[int, int], object] = {}
        for r0, c0, r1, _c1 in sheet.merges:
            if r1 > r0 >= start and c0 in columns:
                self.heads.setdefault(r0, []).append(c0)
                for r in range(r0 + 1, min(r1, sheet.height - 1) + 1):
                    self.spans.setdefault(r, []).append((c0, r0))

    def fill(self, r: int, cells: list) -> list:
        for c in self.heads.get(r, ()):
            self.tops[(r, c)] = cells[c] if c < len(cells) else ""
        below = self.spans.get(r)
        if not below:
            return cells
        cells = list(cells)
        for c, r0 in below:
            cells.extend([""] * (c + 1 - len(cells)))
            if cells[c] in _BLANK:
                cells[c] = self.tops.get((r0, c), "")
        return cells


def by_year(record: RawRow, layout: Layout) -> list[RawRow]:
    """A wide table's row (a unit, years across) → one record per year it fills."""
    common = {k: v for k, v in record.values.items() if not k.startswith("_y")}
    out = []
    for year in layout.years():
        mine = {c.field: c for c in layout.mapped() if c.year == year and c.field}
        values = {k: record.values.get(f"_y{c.index}") for k, c in mine.items()}
        values = {k: v for k, v in values.items() if v not in _BLANK}
        if values:
            out.append(RawRow(record.row, {**common, **values, "year": year},
                              {**record.columns, **mine}))
    return out


def _first_columns(mapped: list[Column]) -> dict[str, Column]:
    """Each field's first column: where a problem of an empty field is shown. «gender» is left
    out when a Nam | Nữ column may claim it, so that key keeps its row-by-row rule."""
    first: dict[str, Column] = {}
    for c in mapped:
        if c.field:
            first.setdefault(c.field, c)
    if any(c.gender for c in mapped):
        first.pop("gender", None)
    return first


def _summary(cells: list) -> str:
    return " | ".join(str(v) for v in cells if v not in ("", None))[:120]


def _has_values(cells: list, mapped: list[Column]) -> bool:
    return any(c.index < len(cells) and cells[c.index] not in ("", None) for c in mapped)


def _has_key_values(cells: list, keys: list[Column]) -> bool:
    """A row whose natural key or first required text field is filled is data,
    even if some cell mentions «cộng» (a unit named «… Cộng đồng»)."""
    for c in keys:
        if c.index < len(cells):
            value = cells[c.index]
            if value not in ("", None) and not _footer_text(value):
                return True
    return False


def _footer_text(value) -> bool:
    """``footer_reason([value]) is not None`` for one cell, without the list (a row's key cell)."""
    if not isinstance(value, str) or not value.strip():
        return False
    text = vntext.fold(value)
    return bool(_TOTALS.match(text) or _SIGNATURE.search(text))


def _record(cells: list, row: int, plan: list[tuple], first: dict[str, Column]) -> RawRow:
    values: dict[str, object] = {}
    columns = dict(first)  # a field's first column, replaced by the column its value came from
    width = len(cells)
    for col, index, name, f, family, gender, year in plan:
        value = cells[index] if index < width else ""
        if value in _BLANK:
            columns.setdefault(name, col)
            continue
        if year:  # a wide table: each year's cell kept apart until by_year splits the row
            values[f"_y{index}"] = value if value.__class__ is str else _tidy(f, value)
            continue
        if family:
            values["_family"] = value
            if columns.get(name) is col:  # the family half gives no column to the name
                del columns[name]
            continue
        if name in values and values[name] not in _BLANK:
            if gender and columns[name].gender:
                values["_both_genders"] = col
            elif _is_code(col) == _is_code(columns[name]) and not _same(value, values[name]):
                values.setdefault("_conflicts", []).append((name, columns[name], col, value))  # type: ignore[attr-defined]
            if not (_is_code(col) and not _is_code(columns[name])):
                continue  # the first filled column wins, except that a code beats a name
        values[name] = value if value.__class__ is str else _tidy(f, value)
        columns[name] = col
        if gender:
            values["gender"] = gender
            columns.setdefault("gender", col)
    if "_family" in values:  # «Nguyễn Thị» + «Hằng»
        values["full_name"] = f"{values.pop('_family')} {values.get('full_name') or ''}"
    return RawRow(row, values, columns)


_BLANK = ("", None)


def _same(a, b) -> bool:
    """Two cells of one field say the same thing (case, accents typed apart, 2.0 and «2»)."""
    return _said(a) == _said(b)


def _said(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return vntext.fold(vntext.clean(str(value)) or "")


def _is_code(col: Column) -> bool:
    """A column of codes or CCCD numbers: unambiguous where a name may not be."""
    key = vntext.fold(col.header)
    return key.startswith("ma") or "cccd" in key or "can cuoc" in key or "dinh danh" in key


def tidy(entity: Entity, name: str, value):
    """Calamine's raw cell → what the field converter expects."""
    return _tidy(entity.field(name), value)


# 31/12/9999, Excel's last date: a larger serial is no date and is left for the field's
# converter to refuse with its message (date arithmetic would overflow).
_LAST_SERIAL = 2958466


def _tidy(f: Field, value):
    if isinstance(value, str):  # most cells: nothing to tidy
        return value
    if isinstance(value, float):
        if f.kind in (DATE, PDATE) and 3000 < value < _LAST_SERIAL:  # an Excel serial in a date column
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        if value.is_integer():
            value = int(value)
            digits = re.fullmatch(r"\\d\{(\d+)\}", f.pattern or "")
            if digits:  # CCCD typed as a number lost its leading zeros
                return str(value).zfill(int(digits[1]))
    if isinstance(value, dt.datetime) and f.kind not in (DATE, PDATE):
        return vntext.format_date(value.date().isoformat())
    if isinstance(value, dt.time):
        return str(value)
    return value
