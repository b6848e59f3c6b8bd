"""The date an imported list describes (SPEC §6; issue #17 point 5).

A staff list is true *at* a date: «Danh sách viên chức tính đến ngày 31/12/2020».
That date (``--as-of``, else a «tính đến ngày …» title row, else today) starts the
imported state of people whose list gives no «Ngày tuyển dụng»: their first post is
recorded as «số liệu ban đầu» from it, never as a recruitment on the day of the import.
The earliest such date is kept (setting ``import.data_start``) so that a report for an
earlier day says the staff data begins there.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import TYPE_CHECKING

from desktop_app import vntext
from desktop_app.context import Context

if TYPE_CHECKING:  # reports read the start date; they need not load the spreadsheet reader
    from desktop_app.importing.reader import Sheet

SETTING = "import.data_start"
INITIAL = "so_lieu_ban_dau"
_AT = r"(?:tinh den|den|tai thoi diem|thoi diem|tinh toi)\s*(?:het\s*)?(?:ngay\s*)?"
_NUMERIC = re.compile(_AT + r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_WORDS = re.compile(_AT + r"(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")


def detect(sheets: list[Sheet], header_rows: list[int]) -> tuple[dt.date, str] | None:
    """The first «tính đến ngày …» date in the title rows above each sheet's header."""
    for sheet, first in zip(sheets, header_rows, strict=True):
        for row in sheet.rows[:max(first - 1, 0)]:
            for cell in row:
                found = parse(cell) if isinstance(cell, str) else None
                if found is not None:
                    return found, vntext.clean(cell) or cell
    return None


def parse(text: str) -> dt.date | None:
    folded = vntext.fold(text)
    for pattern in (_NUMERIC, _WORDS):
        m = pattern.search(folded)
        if m:
            try:
                return dt.date(int(m[3]), int(m[2]), int(m[1]))
            except ValueError:
                return None
    return None


def record_start(ctx: Context, day: dt.date) -> None:
    """Keep the earliest «số liệu ban đầu» date (inside the import's transaction)."""
    row = ctx.db.execute("SELECT value FROM setting WHERE key = ?", [SETTING]).fetchone()
    known = json.loads(row[0]) if row else None
    if known is None or day.isoformat() < known:
        ctx.db.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                       [SETTING, json.dumps(day.isoformat())])


def data_start(ctx: Context) -> dt.date | None:
    row = ctx.db.execute("SELECT value FROM setting WHERE key = ?", [SETTING]).fetchone()
    return dt.date.fromisoformat(json.loads(row[0])) if row else None


def report_note(ctx: Context, day: dt.date) -> str | None:
    """What a report for ``day`` must say when the staff data starts later."""
    start = data_start(ctx)
    if start is None or day >= start:
        return None
    return (f"Số liệu nhân sự bắt đầu từ ngày {start:%d/%m/%Y} (số liệu ban đầu khi nhập danh sách); "
            "trước ngày đó chỉ có những người ghi ngày tuyển dụng.")
