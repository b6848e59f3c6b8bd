"""The crash-log scrubber (issue #16) with the shapes that used to get through: date
objects' reprs, dd/mm/yy dates, CCCD/CMND numbers written with spaces, dots or dashes;
and what must survive: line numbers, versions, counts, times."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app import crash

SECRETS = [
    repr(dt.date(1985, 3, 7)), repr(dt.datetime(1985, 3, 7, 8, 30)), "date(1985, 3, 7)",
    str({"birth_date": dt.date(1990, 12, 1)}), "07/03/85", "7-3-85", "07.03.85", "07/03/1985",
    "1985-03-07", "001085012345", "001 085 012 345", "001.085.012.345", "0010-8501-2345",
    "012345678", "012 345 678", "012.345.678", "0912 345 678",
]


@pytest.mark.parametrize("secret", SECRETS)
def test_personal_shapes_are_scrubbed(secret):
    text = f'File "x.py", line 214, in save\nValueError: hồ sơ {secret}: lỗi (dòng 12)'
    clean = crash.scrub(text)
    digits = "".join(ch for ch in secret if ch.isdigit())
    assert "".join(ch for ch in clean if ch.isdigit()) == "21412", clean  # only the line numbers
    assert "line 214" in clean and "dòng 12" in clean
    assert digits not in "".join(ch for ch in clean if ch.isdigit())


def test_a_traceback_keeps_what_helps_to_debug():
    text = ('File "/usr/lib/python3.11/site-packages/openpyxl/cell.py", line 1042, in bind\n'
            "Python 3.11.7, SQLite 3.40.1, 2500 đơn vị, 30 giây, 0x7f3a2b1c")
    assert crash.scrub(text) == text


def test_a_real_exception_with_a_date_and_a_spaced_cccd_is_scrubbed_in_the_log(tmp_path):
    import logging
    import sys

    hook = crash.make_hook(tmp_path / "logs")
    try:
        raise ValueError(f"người {dt.date(1979, 5, 17)!r}, CCCD 079 179 000 123")
    except ValueError:
        hook(*sys.exc_info())
    for handler in logging.getLogger("bienche.crash").handlers:
        handler.flush()
    log = (tmp_path / "logs" / crash.LOG_NAME).read_text(encoding="utf-8")
    assert "1979" not in log and "079 179" not in log and "[ngày]" in log and "[số định danh]" in log
