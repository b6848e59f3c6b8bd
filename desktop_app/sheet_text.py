"""Text from the data put into a worksheet cell we write: never a formula, never a control
character (OWASP «CSV injection», SPEC §4: no cell starts with =, +, - or @ from user text).

A name typed as «=HYPERLINK(…)» or «+cmd|…» is kept exactly, as text; a control character
left in an older file (openpyxl refuses one, so the save would abort) is dropped. Every
workbook we fill with values from the data (error copies, templates, exported lists) goes
through ``put``, and so do the report writer's header and text cells (``reports/excel.py``;
its per-row loop types text cells inline, for speed, the same way).
"""

from __future__ import annotations

from typing import Any

from desktop_app import vntext


def put(cell, value: Any) -> None:
    """``cell.value = value``, a string kept as a string whatever it starts with."""
    if isinstance(value, str):
        value = vntext.strip_invisible(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
