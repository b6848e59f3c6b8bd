"""Blank import templates, derived from the field declarations.

Sheet 1: a title row, the header row (labels, required ones marked «(*)»)
and drop-down lists on choice columns; sheet «Hướng dẫn»: what each column
means and which values it accepts; hidden sheet «Danh mục»: the lists the
drop-downs read (long catalogues would not fit in a validation formula).
The importer reads its own templates back like any clerk's file.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from desktop_app import sheet_text
from desktop_app.atomic import atomic_write
from desktop_app.context import Context
from desktop_app.fields import BOOL, CHOICE, DATE, INT, NUMBER, PDATE, REF, TEXT, YEAR, Field
from desktop_app.importing.service import entity_of

HEADER_ROW = 3
DATA_ROWS = 1000
LISTS_SHEET = "Danh mục"
NOTES_SHEET = "Hướng dẫn"
REQUIRED_MARK = " (*)"
KIND_TEXT = {TEXT: "chữ", INT: "số nguyên", NUMBER: "số (dấu phẩy thập phân, ví dụ 4,98)",
             DATE: "ngày dd/mm/yyyy", PDATE: "ngày dd/mm/yyyy, hoặc mm/yyyy, hoặc năm yyyy",
             BOOL: "Có / Không", CHOICE: "chọn trong danh sách", YEAR: "năm (4 chữ số)",
             REF: "mã hoặc tên", "longtext": "chữ (có thể nhiều dòng)"}
_HEAD = PatternFill("solid", fgColor="DDEBF7")


def template_fields(kind: str) -> list[Field]:
    """Columns of a template: every field a clerk can type (not computed ones)."""
    return [f for f in entity_of(kind).fields if not f.readonly]


def write_template(ctx: Context, kind: str, target: str | Path) -> Path:
    entity, fields = entity_of(kind), template_fields(kind)
    book = Workbook()
    ws = book.active
    ws.title = entity.label[:31]
    ws.cell(1, 1, f"DANH SÁCH {entity.label.upper()}").font = Font(bold=True, size=14)
    money = " Đơn vị tính: triệu đồng." if entity.name == "finance" else ""  # read back on import
    ws.cell(2, 1, f"Các cột có dấu (*) là bắt buộc. Xem trang «Hướng dẫn».{money}").font = Font(italic=True)
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    notes = book.create_sheet(NOTES_SHEET)
    notes.append(["Cột", "Tên cột", "Bắt buộc", "Kiểu dữ liệu", "Giá trị được chọn", "Ghi chú"])
    list_col = 0
    for i, f in enumerate(fields, start=1):
        cell = ws.cell(HEADER_ROW, i, f.label + (REQUIRED_MARK if f.required else ""))
        cell.font, cell.fill = Font(bold=True), _HEAD
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = max(f.width, 10)
        options = _options(ctx, f)
        if options:
            list_col += 1
            _add_list(ws, lists, i, list_col, f, options)
        notes.append([get_column_letter(i), f.label, "Có" if f.required else "", KIND_TEXT.get(f.kind, ""),
                      "; ".join(options[:40]) + ("; …" if len(options) > 40 else ""), f.help])
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    for letter, width in zip("ABCDEF", (6, 32, 9, 30, 60, 50), strict=True):
        notes.column_dimensions[letter].width = width
    for cell in notes[1]:
        cell.font = Font(bold=True)
    with atomic_write(target) as handle:
        book.save(handle)
    return Path(target)


def _options(ctx: Context, f: Field) -> list[str]:
    if f.kind == BOOL:
        return ["Có", "Không"]
    if f.kind == CHOICE:
        return [label for _, label in f.options(ctx.catalogues)]
    if f.kind == REF and f.ref == "unit":
        return [r[0] for r in ctx.db.execute("SELECT code FROM unit ORDER BY code")]
    return []


def _add_list(ws, lists, column: int, list_col: int, f: Field, options: list[str]) -> None:
    letter = get_column_letter(list_col)
    lists.cell(1, list_col, f.label)
    for r, text in enumerate(options, start=2):  # an office's own item may read «=…»
        sheet_text.put(lists.cell(r, list_col), text)
    source = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(options) + 1}"
    dv = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=f.kind != REF)
    dv.error, dv.errorTitle = f"Hãy chọn «{f.label}» trong danh sách.", "Giá trị không hợp lệ"
    target = get_column_letter(column)
    dv.add(f"{target}{HEADER_ROW + 1}:{target}{HEADER_ROW + DATA_ROWS}")
    ws.add_data_validation(dv)
