"""The date a staff list describes when neither ``--as-of`` nor the file
(«tính đến ngày …») gives one (issue #17 point 5: "else asked; default today").

At a terminal the clerk is asked, today's date offered as the default (Enter keeps
it) and a bad date asked again; in a script (stdin not a terminal) or a dry run,
today is taken and a notice line says so and how to give the date."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable

from desktop_app import vntext
from desktop_app.importing.service import AskDate

ASKED = "đã nhập khi được hỏi"
TODAY = "hôm nay"


def asker(*, dry_run: bool, read: Callable[[str], str] = input,
          interactive: Callable[[], bool] | None = None) -> AskDate:
    """The question ``import_file`` asks; ``read``/``interactive`` are the terminal's."""
    def ask(today: dt.date) -> tuple[dt.date, str]:
        if dry_run or not (interactive or _stdin_is_terminal)():
            print(notice(today), file=sys.stderr)
            return today, TODAY
        return prompt(today, read)
    return ask


def notice(today: dt.date) -> str:
    return (f"Lưu ý: tệp không ghi «tính đến ngày …» và không có --as-of; coi số liệu tính đến hôm nay "
            f"{today:%d/%m/%Y}. Nếu danh sách đúng vào ngày khác, chạy lại với --as-of DD/MM/YYYY.")


def prompt(today: dt.date, read: Callable[[str], str]) -> tuple[dt.date, str]:
    """Ask until the answer is empty (today) or a real date not after today."""
    question = (f"Tệp không ghi «tính đến ngày …». Số liệu trong tệp tính đến ngày nào "
                f"(dd/mm/yyyy, Enter = {today:%d/%m/%Y}): ")
    while True:
        try:
            text = read(question).strip()
        except EOFError:
            text = ""
        if not text:
            return today, TODAY
        day, problem = _parsed(text, today)
        if day is not None:
            return day, ASKED
        print(problem, file=sys.stderr)


def _parsed(text: str, today: dt.date) -> tuple[dt.date | None, str]:
    try:
        iso = vntext.parse_date(text, today=today)
    except ValueError as exc:
        return None, f"{exc} Hãy nhập lại."
    day = dt.date.fromisoformat(iso) if iso else None
    if day is None or day > today:
        return None, f"Ngày «{text}» ở sau hôm nay ({today:%d/%m/%Y}); hãy nhập lại."
    return day, ""


def _stdin_is_terminal() -> bool:
    try:
        return bool(sys.stdin) and sys.stdin.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stdin
        return False
