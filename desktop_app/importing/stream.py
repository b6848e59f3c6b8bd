"""A sheet too big to hold in memory, read row by row from the file (issue #16).

calamine reads a whole sheet into one rectangle, and the import then held it as
Python lists: about 160 bytes a cell at the peak, so a 200,000-row sheet of
thirty columns would need well over a gigabyte. A sheet of more than
GRID_CELLS cells (the extent scan counts them first) is therefore never
materialised: its first HEAD_ROWS rows are kept (headers, titles), and every
pass over its data reads the file again through openpyxl's streaming read-only
mode, one row at a time. Values are given as calamine gives them (empty cells
"", numbers as float, a date without time as a date), so the rest of the import
cannot tell the two readers apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from desktop_app.errors import ValidationError
from desktop_app.importing import legacy

GRID_CELLS = 1_000_000  # above this a sheet is streamed; read whole, it peaks near 200 MB
HEAD_ROWS = 100         # rows kept in memory: the header is found in the first 40


def rows(path: Path, name: str, last_row: int, last_col: int, start: int = 0,
         legacy_fonts: bool = False) -> Iterator[list]:
    """Rows ``start`` (0-based) … ``last_row`` − 1 of sheet ``name``, each ``last_col`` wide."""
    from openpyxl import load_workbook

    if start >= last_row:
        return
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl's many errors for a file it cannot parse
        raise _damaged(path, name, exc) from None
    try:
        found = book[name].iter_rows(min_row=start + 1, max_row=last_row, min_col=1, max_col=last_col,
                                     values_only=not legacy_fonts)
        for cells in found:
            yield [_decoded(c) for c in cells] if legacy_fonts else [_value(v) for v in cells]
    except Exception as exc:  # noqa: BLE001 - e.g. a control character that XML forbids
        raise _damaged(path, name, exc) from None
    finally:
        book.close()


def _damaged(path: Path, name: str, exc: Exception) -> ValidationError:
    why = " ".join(str(exc).split())[:160] or type(exc).__name__
    return ValidationError(f"Không đọc được trang «{name}» của tệp «{path.name}»: trang lớn (đọc từng dòng) "
                           f"có nội dung hỏng hoặc ký tự không hợp lệ ({why}). Hãy mở tệp bằng Excel, lưu "
                           "lại rồi thử lại.")


def _value(value):
    """openpyxl's value → calamine's."""
    if value is None:
        return ""
    if value.__class__ is int:
        return float(value)
    if value.__class__ is dt.datetime and value.time() == dt.time():
        return value.date()
    return value


def _decoded(cell):
    value = _value(getattr(cell, "value", None))
    if isinstance(value, str) and not value.isascii():
        font = getattr(cell, "font", None)
        encoding = legacy.encoding_of(font.name if font else None)
        if encoding is not None:
            return legacy.decode(value, encoding)
    return value
