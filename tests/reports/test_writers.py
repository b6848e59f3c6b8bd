"""Writers: the PDF embeds the bundled Liberation Serif and keeps Vietnamese
text exact; the xlsx carries ND 30 print setup, merged headers and number formats."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pypdf

from desktop_app.reports.engine import Params
from desktop_app.reports.model import header_cells
from reports.helpers import export, pdf_text

AS_OF = dt.date(2026, 11, 23)


def test_pdf_embeds_liberation_serif_and_keeps_vietnamese(rctx, tmp_path):
    _, _, pdf = export(rctx, "bm02-vc", Params(AS_OF, 2026), tmp_path)
    embedded = set()
    for page in pypdf.PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font["/BaseFont"]).split("+")[-1])
    assert embedded and embedded <= {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    }
    text = pdf_text(pdf)
    for exact in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Nguyễn Thị Hằng",
        "Hoàng Thị Ngọc Ánh",
        "Đặng Minh Khôi",
        "=SUM(A1:A9) Ngô",
        "Phúc Đồng, ngày 23 tháng 11 năm 2026",
    ):
        assert exact in text, exact


def test_xlsx_print_setup_merges_and_formats(rctx, tmp_path):
    report, xlsx, _ = export(rctx, "slnlv", Params(AS_OF, 2026), tmp_path)
    ws = openpyxl.load_workbook(xlsx).active
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    assert round(ws.page_margins.left * 25.4) == 30 and round(ws.page_margins.right * 25.4) == 15
    assert round(ws.page_margins.top * 25.4) == 20 and round(ws.page_margins.bottom * 25.4) == 20
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    first, last = (int(x) for x in ws.print_title_rows.replace("$", "").split(":"))
    assert ws.cell(first, 1).value == "STT" and ws.cell(last, 1).value == "A"
    assert ws.freeze_panes == f"A{last + 1}"
    merged = {str(r) for r in ws.merged_cells.ranges}
    depth = max(c.row for c in header_cells(report.columns)) + 1
    assert f"A{first}:A{first + depth - 1}" in merged  # STT spans both header rows
    assert f"C{first}:F{first}" in merged  # "Số lượng người làm việc được giao năm N" over 4 leaves
    total = next(r for r in ws.iter_rows(min_row=last + 1) if r[1].value == "Tổng cộng")
    assert total[2].number_format == "#,##0" and isinstance(total[2].value, int) and total[2].font.b
    assert total[2].font.name == "Times New Roman"
