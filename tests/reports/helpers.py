"""Read exported reports back: the xlsx with openpyxl, the PDF with pypdf."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pypdf

from desktop_app import vntext
from desktop_app.reports.engine import build_report
from desktop_app.reports.excel import write_xlsx
from desktop_app.reports.pdf import write_pdf


def export(ctx, form_id, params, folder: Path):
    report = build_report(ctx, form_id, params)
    return (
        report,
        write_xlsx(report, folder / f"{form_id}.xlsx"),
        write_pdf(report, folder / f"{form_id}.pdf"),
    )


def xlsx_rows(path: Path) -> list[list]:
    ws = openpyxl.load_workbook(path).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


def xlsx_row(path: Path, label: str) -> list:
    """The first sheet row whose second cell is ``label``."""
    for r in xlsx_rows(path):
        if len(r) > 1 and r[1] == label:
            return r
    raise AssertionError(f"no row {label!r}")


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


def pdf_numbers_after(text: str, label: str) -> list[str]:
    """The numbers printed after the cell ``label`` (pypdf gives one cell per line)."""
    lines = [line.strip() for line in text.splitlines()]
    if label not in lines:
        raise AssertionError(f"no line {label!r}")
    out = []
    for line in lines[lines.index(label) + 1 :]:
        if not re.fullmatch(r"-?\d[\d.]*(?:,\d+)?", line):
            break
        out.append(line)
    return out


def pdf_row_numbers(text: str, label: str) -> list[str]:
    """The numbers of row ``label`` in a table printed in parts (each part repeats the row with
    its own columns, in order): the numbers after each of its cells, joined."""
    lines = [line.strip() for line in text.splitlines()]
    starts = [i for i, line in enumerate(lines) if line == label]
    if not starts:
        raise AssertionError(f"no line {label!r}")
    return [n for i in starts for n in pdf_numbers_after("\n".join(lines[i:]), label)]


def vn(n) -> str:
    return vntext.format_number(n)


def fingerprint_in_pdf(path: Path) -> set[str]:
    return set(re.findall(r"Mã dữ liệu: ([0-9A-Fa-f]{12})", pdf_text(path)))


def xlsx_fingerprint(path: Path) -> str:
    wb = openpyxl.load_workbook(path)
    return {p.name: p.value for p in wb.custom_doc_props.props}["fingerprint"]
