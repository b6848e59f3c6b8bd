"""One package row → the values stored (issue #15 items 1–2): the owner isolation
and value checks every CSV row of a package passes before it is inserted.

- The header must be exactly the receiver's exported columns of that table: no
  unknown, missing or repeated name, never the owner column (``office_uid``).
- Ids and references are whole numbers 1 … MAX_ID in the sender's own id space,
  shifted past the rows already held; since the shift is the table's largest id
  before the package, a shifted reference can only meet a row of this package,
  and the foreign keys prove it exists.
- Every other value goes through the same field declaration (desktop_app.entities)
  as the form and the importer: types, ranges, catalogues, dates, NFC. Control,
  bidi-override and zero-width characters are refused outright.
A bad cell raises PackageError naming the member, row and column.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from db import queries_packages as q
from desktop_app import catalogues, vntext
from desktop_app.context import Context
from desktop_app.entities import ENTITIES, PERSON
from desktop_app.fields import DATE, LONGTEXT, REF, Field
from desktop_app.packages.fmt import PackageError

MAX_ID = 10**12  # far above any office's ids, far below 2**63 after any number of shifts
MAX_TEXT = 100_000
# C0 and C1 controls (line breaks only in long text), bidi embeddings/overrides/isolates, zero-width marks.
_BAD_LONG = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                       "\u2066-\u2069\ufeff]")
_BAD_LINE = re.compile(_BAD_LONG.pattern[:-1] + "\t\n\r]")
_DATES = {"valid_from", "valid_to", "decision_date", "effective_date", "created_at"}
_MEMO = 4096
_KEYS: dict[str, dict[str, Callable[[Any], Any]]] = {
    "unit": {"name_key": vntext.fold},
    "person": {"name_key": vntext.fold, "sort_key": vntext.name_sort_key}}
_DERIVED = {"name_key", "sort_key"}

Convert = Callable[[str], Any]
Rename = Callable[[str | None, Convert], Convert]  # (catalogue kind, convert) → convert


def check_header(table: str, header: list[str], expected: list[str], where: str) -> None:
    """The header is exactly ``expected`` (any order): the owner column can never be smuggled in."""
    repeated = sorted({c for c in header if header.count(c) > 1})
    unknown = [c for c in header if c not in expected]
    missing = [c for c in expected if c not in header]
    for problem, names in (("lặp lại", repeated), ("không được phép", unknown), ("bị thiếu", missing)):
        if names:
            raise PackageError(f"{where}, tệp {table}.csv: cột {', '.join(names)} {problem} (dòng tiêu đề "
                               f"phải đúng các cột của bảng {table}). Gói bị từ chối.")


def bad_text(cell: str) -> bool:
    """Control, bidi-override or zero-width characters (line breaks allowed)."""
    return _BAD_LONG.search(cell) is not None


def field_for(table: str, column: str) -> Field | None:
    entity = ENTITIES.get(table)
    names = entity.names if entity else []
    if column in names and entity is not None:
        return entity.field(column)
    if table == "assignment" and column in PERSON.names:
        return PERSON.field(column)  # the dated post history holds the person's post fields
    if column in _DATES:
        return Field(column, column, DATE)
    return None


class RowConverter:
    """Converts the cells of one member, row by row, into the values to insert.

    A row whose cells hold no control character and no overlong text (one regex over the
    joined row: the usual case) skips those per-cell checks; the conversions are the same."""

    def __init__(self, ctx: Context, table: str, header: list[str], offsets: dict[str, int], where: str,
                 rename: Rename | None = None):
        self.table, self.header, self.where = table, header, where
        ids = q.ID_COLUMNS.get(table, {})
        pairs = [(_id_converter(offsets[ids[c]], c == "id"),) * 2 if c in ids
                 else _value_converters(ctx, table, c, rename) for c in header]
        self.checked: list[Convert] = [p[0] for p in pairs]
        self.plain: list[Convert] = [p[1] for p in pairs]
        # Search keys are derived from the name here, as the services derive them; never taken on trust.
        name = header.index("full_name" if table == "person" else "name") if table in _KEYS else -1
        self.keys = [(header.index(k), name, derive) for k, derive in _KEYS.get(table, {}).items()]

    def convert(self, line: int, cells: list[str]) -> list[Any]:
        if len(cells) != len(self.header):
            raise PackageError(f"{self.where}, tệp {self.table}.csv dòng {line}: có {len(cells)} cột, "
                               f"cần {len(self.header)}. Gói bị từ chối.")
        joined = "".join(cells)
        plain = len(joined) <= MAX_TEXT and not _BAD_LINE.search(joined)
        converters = self.plain if plain else self.checked
        try:
            out = [convert(cell) for convert, cell in zip(converters, cells, strict=True)]
        except ValueError:
            self._explain(line, cells)
            raise
        for index, name, derive in self.keys:
            out[index] = derive(out[name])
        return out

    def _explain(self, line: int, cells: list[str]) -> None:
        """Find the first bad cell again, cell by cell, and name its column."""
        for column, convert, cell in zip(self.header, self.checked, cells, strict=True):
            try:
                convert(cell)
            except ValueError as exc:
                field = field_for(self.table, column)
                label = f"«{field.label}» ({column})" if field else f"«{column}»"
                raise PackageError(f"{self.where}, tệp {self.table}.csv dòng {line}, cột {label}: {exc} "
                                   "Gói bị từ chối, dữ liệu không thay đổi.") from None


def _id_converter(offset: int, own: bool) -> Convert:
    def convert(cell: str) -> int | None:
        if not cell and not own:
            return None
        if not (cell.isascii() and cell.isdigit() and len(cell) <= 13) or not 1 <= int(cell) <= MAX_ID:
            raise ValueError(f"mã số «{_short(cell)}» không hợp lệ (phải là số nguyên từ 1 đến {MAX_ID}).")
        return int(cell) + offset
    return convert


def _value_converters(ctx: Context, table: str, column: str,
                      rename: Rename | None = None) -> tuple[Convert, Convert]:
    """(checked, plain): the plain one trusts that the row has no control character or overlong text.
    ``rename`` reads an office's own catalogue codes as the receiver stores them (local_items)."""
    if column in _DERIVED:
        return (_none,) * 2  # filled from the name by RowConverter
    field = field_for(table, column)
    if field is None:
        return _generic(_BAD_LINE), _empty_is_null
    bad = _BAD_LONG if field.kind == LONGTEXT else _BAD_LINE
    source = ctx.catalogues
    plain: Convert = functools.partial(field.convert, source=source)
    if rename is not None and field.catalogue in catalogues.local_kinds():
        plain = rename(field.catalogue, plain)
    if field.kind not in (REF, LONGTEXT, "text"):  # codes, dates, numbers repeat: a dict lookup (C speed)
        plain = _Memo(plain).__getitem__

    def checked(cell: str) -> Any:
        _check_text(cell, bad)
        return plain(cell)
    return checked, plain


class _Memo(dict):
    """cell → converted value, computed on first sight; at most _MEMO values kept."""

    def __init__(self, compute: Callable[[str], Any]):
        super().__init__()
        self.compute = compute

    def __missing__(self, cell: str) -> Any:
        value = self.compute(cell)
        if len(self) < _MEMO:
            self[cell] = value
        return value


def _generic(bad: re.Pattern) -> Convert:
    def checked(cell: str) -> Any:
        _check_text(cell, bad)
        return cell or None
    return checked


def _check_text(cell: str, bad: re.Pattern) -> None:
    if len(cell) > MAX_TEXT:
        raise ValueError(f"dài quá {MAX_TEXT} ký tự.")
    if bad.search(cell):
        raise ValueError("chứa ký tự điều khiển hoặc ký tự ẩn (không được phép).")


def _none(_cell: str) -> None:
    return None


def _empty_is_null(cell: str) -> str | None:
    return cell or None


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:30] + "…"
