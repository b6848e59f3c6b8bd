"""The crash handler (STYLE practice 6): an unexpected exception is written to a
local, rotating log file in the data folder's ``logs/`` and shown to the user
by a callback (the GUI's small dialog); nothing is uploaded anywhere.

Personal data never reaches the log (SPEC §7): twelve-digit numbers (CCCD),
nine-digit identity card numbers (also written in groups with spaces, dots or
dashes) and anything shaped like a date of birth (dd/mm/yyyy, dd/mm/yy, ISO, a
date object's repr) are replaced before writing. The handler itself must not crash: every step is
guarded, and a failure of the log or the dialog falls back to stderr.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

LOG_NAME = "bienche.log"
MAX_BYTES, BACKUPS = 512 * 1024, 5
_SECRETS = (
    # date objects as a traceback or a repr shows them: datetime.date(1985, 3, 7), datetime(…)
    (re.compile(r"\b(?:datetime\.)?(?:date|datetime)\(\s*\d{1,4}\s*,\s*\d{1,2}\s*,\s*\d{1,2}[^)]*\)"),
     "[ngày]"),
    (re.compile(r"(?<!\d)\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d{2}(?!\d)"), "[ngày]"),  # dd/mm/yyyy
    (re.compile(r"(?<!\d)(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?!\d)"), "[ngày]"),  # ISO dates
    (re.compile(r"(?<![\d.])\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}(?![\d.])"), "[ngày]"),  # dd/mm/yy
)
# Identity numbers however they are written: 001085012345, 001 085 012 345, 001.085.012.345,
# 0010-8501-2345 (CCCD, 12 digits) and the 9 digits of a CMND; 10–11 digits (a phone number)
# go as well. Runs of digits with single spaces, dots or dashes between them are counted.
_NUMBER_RUN = re.compile(r"(?<![\w.\-])\d+(?:[ .\-]\d+)*(?![\w\-]|\.\d)")
_IDENTITY_DIGITS = range(9, 13)

Show = Callable[[str, Path], None]  # (scrubbed details, log file) → tell the user


def scrub(text: str) -> str:
    """The text with identity numbers and dates replaced by placeholders."""
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return _NUMBER_RUN.sub(_identity, text)


def _identity(m: re.Match) -> str:
    digits = sum(ch.isdigit() for ch in m[0])
    return "[số định danh]" if digits in _IDENTITY_DIGITS else m[0]


def describe(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    """The traceback as text without personal data (locals are never included)."""
    return scrub("".join(traceback.format_exception(kind, value, tb)))


def logger(log_dir: Path) -> logging.Logger:
    """The crash logger writing to ``log_dir/bienche.log`` (rotated at 512 kB, 5 kept)."""
    log = logging.getLogger("bienche.crash")
    log.propagate = False
    target = str(Path(log_dir) / LOG_NAME)
    for handler in list(log.handlers):
        if getattr(handler, "baseFilename", None) != target:
            log.removeHandler(handler)
            handler.close()
    if not log.handlers:
        Path(log_dir).mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
    return log


def make_hook(log_dir: Path, show: Show | None = None):
    """An ``sys.excepthook`` that logs, then calls ``show``; it never raises."""
    def hook(kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        details = _safe_describe(kind, value, tb)
        log_file = Path(log_dir) / LOG_NAME
        try:
            logger(log_dir).error("Lỗi không mong muốn:\n%s", details)
        except Exception:  # noqa: BLE001 - a full disk must not turn one crash into two
            sys.stderr.write(details)
        if show is not None:
            try:
                show(details, log_file)
            except Exception:  # noqa: BLE001 - the dialog failing is reported, never raised
                sys.stderr.write(details)
    return hook


def install(log_dir: Path, show: Show | None = None) -> None:
    sys.excepthook = make_hook(log_dir, show)


def _safe_describe(kind, value, tb) -> str:
    try:
        return describe(kind, value, tb)
    except Exception:  # noqa: BLE001 - e.g. an exception whose __str__ raises
        return scrub(f"{getattr(kind, '__name__', kind)} (không đọc được chi tiết)")
