"""Writers: the PDF embeds the bundled Liberation Serif and keeps Vietnamese
text exact; the xlsx carries ND 30 print setup, merged headers and number formats."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pypdf

from desktop_app.reports.engine import Params
from desktop_app.reports.excel import write_xlsx
from desktop_app.reports.model import ITEM, TEXT, Footer, Header, Report, Row, col, group, header_cells
from desktop_app.reports.pdf import write_pdf
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


def _marked_report() -> Report:
    columns = [col("stt", "STT", TEXT, 6), col("label", "Tên", TEXT, 30),
               group("Độ tuổi", col("a", "Dưới 30"), col("b", "Từ 30"), unverified=True),
               col("rank", "Hạng", unverified=True),
               group("Ngoại ngữ", col("dh", "Đại học", unverified=True), col("cc", "Chứng chỉ")),
               col("n", "Số người")]
    rows = [Row(ITEM, "Trường Mầm non Hoa Sen", {"a": 1, "b": 2, "rank": 3, "dh": 4, "cc": 5, "n": 6}, "1")]
    return Report("t", "BIỂU THỬ", "Cột chưa kiểm chứng", Header("CHA", "CƠ QUAN", "", "X, ngày"),
                  Footer(["- Lưu: VT."], "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"), columns, rows,
                  notes=["Ghi chú riêng của biểu."])


MARKED = {"Độ tuổi (*)", "Hạng (*)", "Đại học (*)"}
NOTE = ("(*) Cột chưa đối chiếu với văn bản pháp lý (mẫu biểu chính thức chưa tìm được hoặc chưa kiểm "
        "chứng): «Độ tuổi»; «Hạng»; «Ngoại ngữ – Đại học».")


def test_both_writers_mark_unverified_columns_and_name_them_in_a_footnote(tmp_path):
    report = _marked_report()
    ws = openpyxl.load_workbook(write_xlsx(report, tmp_path / "t.xlsx")).active
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert MARKED <= set(texts) and {"Dưới 30", "Từ 30", "Chứng chỉ", "Số người", "Ngoại ngữ"} <= set(texts)
    assert sum("(*)" in t for t in texts) == len(MARKED) + 1  # the headers and the footnote, nothing else
    assert texts.index(NOTE) == texts.index("Ghi chú riêng của biểu.") - 1
    words = " ".join(pdf_text(write_pdf(report, tmp_path / "t.pdf")).split())
    assert all(m in words for m in MARKED) and words.count("(*)") == len(MARKED) + 1
    assert NOTE in words and words.index(NOTE) < words.index("Ghi chú riêng của biểu.")


def test_a_form_without_unverified_columns_prints_no_mark(tmp_path):
    report = _marked_report()
    for c in report.columns:
        c.unverified = False
        for child in c.children:
            child.unverified = False
    ws = openpyxl.load_workbook(write_xlsx(report, tmp_path / "t.xlsx")).active
    assert not any("(*)" in str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "(*)" not in pdf_text(write_pdf(report, tmp_path / "t.pdf"))


def test_a_real_form_marks_its_unverified_groups_once_on_both_writers(rctx, tmp_path):
    report, xlsx, pdf = export(rctx, "bm01-vc", Params(AS_OF, 2026), tmp_path)
    ws = openpyxl.load_workbook(xlsx).active
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    groups = [c.label for c in report.columns if c.unverified]
    assert "Quản lý nhà nước (kể cả tương đương)" in groups and "Độ tuổi" in groups
    assert {f"{g} (*)" for g in groups} <= set(texts) and not any("(*) (*)" in t for t in texts)
    note = next(t for t in texts if t.startswith("(*) Cột chưa đối chiếu"))
    assert all(f"«{g}»" in note for g in groups)
    assert note in " ".join(pdf_text(pdf).split())
