"""#14, the page: ND 30 signing lines, the office identity a signable paper needs, kq-nq19
as a BÁO CÁO with its table attached, a biểu without a Số line, one-unit reports named,
page breaks that keep headings and signatures with rows, numbers never set below 9 pt."""

from __future__ import annotations

import datetime as dt

import pypdf
import pytest

from desktop_app.reports.engine import Params, build_report, paper_warnings
from desktop_app.reports.model import GROUP, INT, ITEM, TOTAL, Footer, Header, Report, Row, col
from desktop_app.reports.pdf import write_pdf
from desktop_app.reports.pdf_table import NUMBER_MIN, measure, widen_numbers
from desktop_app.services import office, report_texts
from reports.helpers import export, pdf_text

DAY = dt.date(2026, 11, 23)
P = Params(as_of=DAY, year=2026)


@pytest.mark.parametrize("authority, head, title, first, second", [
    ("TM.", "", "Chủ tịch", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    ("KT.", "Chủ tịch", "Phó Chủ tịch", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ("Q.", "Chủ tịch", "Phó Chủ tịch", "Q. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    ("TL.", "Chủ tịch", "Chánh Văn phòng", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
    ("TUQ.", "Chủ tịch", "Trưởng phòng Nội vụ", "TUQ. CHỦ TỊCH", "TRƯỞNG PHÒNG NỘI VỤ"),
    ("", "", "Chủ tịch", "", "CHỦ TỊCH"),
])
def test_signature_block_follows_nd30(rctx, tmp_path, authority, head, title, first, second):
    office.save(rctx, {"sign_authority": authority, "head_title": head, "signer_title": title})
    report, _, pdf = export(rctx, "dvsn", P, tmp_path)
    assert (report.footer.authority, report.footer.signer_title) == (first, second)
    lines = [line.strip() for line in pdf_text(pdf).splitlines()]
    assert second in lines and (not first or first in lines)
    assert not any(line.startswith(f"{authority} ỦY BAN NHÂN DÂN PHƯỜNG") for line in lines if authority)


def test_place_defaults_from_the_office_name(tmp_path):
    from desktop_app.context import open_context

    for name, place in (("Ủy ban nhân dân xã Phúc Đồng", "Phúc Đồng"),
                        ("Sở Nội vụ tỉnh Hà Tĩnh", "Hà Tĩnh"), ("Ủy ban nhân dân phường Ba Đình", "Ba Đình")):
        ctx = open_context(tmp_path / f"{place}.sqlite", today=DAY)
        try:
            assert office.save(ctx, {"name": name, "level": "xa"})["place"] == place
        finally:
            ctx.close()


def test_missing_number_signer_and_addressee_are_named(rctx):
    office.save(rctx, {"report_code": "", "signer_name": "", "addressee": ""})
    warnings = paper_warnings(rctx)
    assert len(warnings) == 3
    assert any("Ký hiệu báo cáo" in w for w in warnings)
    assert any("Họ tên người ký" in w for w in warnings)
    assert any("Kính gửi" in w for w in warnings)
    office.save(rctx, {"report_code": "UBND", "signer_name": "Nguyễn Văn Bình",
                       "addressee": "Sở Nội vụ thành phố Hà Nội"})
    assert paper_warnings(rctx) == []


def test_kq_nq19_is_a_portrait_report_with_its_table_attached(rctx, tmp_path):
    office.save(rctx, {"addressee": "Sở Nội vụ thành phố Hà Nội"})
    report_texts.save(rctx, "kq-nq19", 2026, {"ton_tai": "Còn 2 trường dưới 120 học sinh chưa sáp nhập.",
                                              "kien_nghi": "Đề nghị bổ sung kinh phí."})
    report, _, pdf = export(rctx, "kq-nq19", P, tmp_path)
    pages = pypdf.PdfReader(pdf).pages
    letter = [p for p in pages if p.mediabox.width < p.mediabox.height]
    annex = [p for p in pages if p.mediabox.width > p.mediabox.height]
    assert letter and annex and pages[0].mediabox.width < pages[0].mediabox.height
    text = "\n".join(p.extract_text() for p in letter)
    assert "Kính gửi: Sở Nội vụ thành phố Hà Nội." in text
    assert "Còn 2 trường dưới 120 học sinh chưa sáp nhập." in text and "Đề nghị bổ sung kinh phí./." in text
    total = next(r for r in report.rows if r.kind == TOTAL)
    # the body reads the figures of the table's total row
    label = {c.key: c.label.lower() for c in report.leaves}
    assert (f"{label['dv_2021']} {total.values['dv_2021']}; {label['dv_nay']} {total.values['dv_nay']}"
            in text)
    assert "Số:" in text and "BÁO CÁO" in text
    annex_text = "\n".join(p.extract_text() for p in annex)
    assert "Kèm theo Báo cáo số" in annex_text and "Số:" not in annex_text
    # the sections are kept per report period: next year's report starts empty
    assert report_texts.get(rctx, "kq-nq19", 2027)["ton_tai"] == ""
    assert report_texts.get(rctx, "kq-nq19", 2026)["ton_tai"].startswith("Còn 2")


def test_a_bieu_has_no_number_line_of_its_own(rctx, tmp_path):
    report, _, pdf = export(rctx, "dvsn", P, tmp_path)
    text = pdf_text(pdf)
    assert report.header.number == "" and "Kèm theo Báo cáo số" in text and "Số:" not in text


def test_a_report_for_one_unit_names_it(rctx, tmp_path):
    report, xlsx, pdf = export(rctx, "bm01-vc", Params(as_of=DAY, year=2026, unit_code="TH01"), tmp_path)
    assert "Trường Tiểu học Phúc Đồng" in report.subject
    assert "Trường Tiểu học Phúc Đồng (mã TH01)" in pdf_text(pdf).replace("\n", " ")
    whole = build_report(rctx, "bm01-vc", P)
    assert "Trường Tiểu học" not in whole.subject


def _long_report(rows: list[Row], notes: int = 0) -> Report:
    columns = [col("stt", "STT", "text", 6), col("label", "Tên", "text", 40), col("n", "Số", INT, 10)]
    return Report("t", "BIỂU THỬ", "Kiểm tra ngắt trang", Header("CHA", "CƠ QUAN", "Số: 1/BC-X", "X, ngày"),
                  Footer(["- Lưu: VT."], "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"), columns, rows,
                  notes=[f"Ghi chú {i}" for i in range(notes)])


def _pages(path) -> list[list[str]]:
    return [[line.strip() for line in p.extract_text().splitlines() if line.strip()]
            for p in pypdf.PdfReader(path).pages]


@pytest.mark.parametrize("items", range(20, 44))
def test_page_breaks_keep_headings_and_the_signature_with_rows(tmp_path, items):
    """Groups of 6 rows: whatever the length, no page ends on a group heading, the signature
    never stands alone and the total never stands alone with it."""
    rows: list[Row] = []
    for i in range(items):
        if i % 6 == 0:
            rows.append(Row(GROUP, f"Nhóm {i // 6}", {"n": 6}, stt=f"G{i // 6}"))
        rows.append(Row(ITEM, f"Đơn vị thứ {i}", {"n": 1}, stt=str(i)))
    rows.append(Row(TOTAL, "Tổng cộng", {"n": items}))
    pages = _pages(write_pdf(_long_report(rows, notes=2), tmp_path / "t.pdf"))
    labels = {r.label: r.kind for r in rows}
    for page in pages:
        table = [line for line in page if line in labels]
        assert table, f"a page without table rows: {page}"
        assert labels[table[-1]] != GROUP, f"page ends on the heading {table[-1]}"
    last = [line for line in pages[-1] if line in labels]
    assert "CHỦ TỊCH" in pages[-1] and len(last) >= 2  # the signature keeps rows, not only the total


@pytest.mark.parametrize("notes", [8, 14, 20, 26])
def test_notes_too_long_to_follow_the_rows_still_keep_the_signature_company(tmp_path, notes):
    """kq-nq19's annex and a consolidated tinh-gian carry long notes: rows, notes and signature
    cannot share a page, yet the signature never stands alone (it takes the last note)."""
    rows = [Row(ITEM, f"Đơn vị thứ {i}", {"n": 1}, stt=str(i)) for i in range(12)]
    rows.append(Row(TOTAL, "Tổng cộng", {"n": 12}))
    report = _long_report(rows)
    said = "số liệu tổng hợp theo chỉ tiêu của nghị quyết, " * 6
    report.notes = [f"Ghi chú {i}: {said}" for i in range(notes)]
    pages = _pages(write_pdf(report, tmp_path / "t.pdf"))
    for page in pages:
        assert any(line.startswith(("Ghi chú", "Đơn vị thứ", "Tổng cộng")) for line in page), page
    assert "CHỦ TỊCH" in pages[-1]


@pytest.mark.parametrize("names", [36, 42, 48])
def test_tall_last_rows_go_with_the_signature_as_many_as_fit(tmp_path, names):
    """Three last rows too tall to share a page with the notes and signature: the signature
    takes the last row and the total instead of leaving them behind."""
    rows = [Row(ITEM, f"Đơn vị thứ {i}", {"n": 1}, stt=str(i)) for i in range(20)]
    tall = " ".join(["Trường Tiểu học và Trung học cơ sở"] * names)  # 12 lines and more
    rows += [Row(ITEM, f"Đơn vị cao {i} {tall}", {"n": 1}, stt=str(20 + i)) for i in range(3)]
    rows.append(Row(TOTAL, "Tổng cộng", {"n": 23}))
    pages = _pages(write_pdf(_long_report(rows, notes=3), tmp_path / "t.pdf"))
    assert "CHỦ TỊCH" in pages[-1] and "Tổng cộng" in pages[-1]
    assert any(line.startswith("Đơn vị cao") for line in pages[-1]), pages[-1]


def test_numbers_are_never_set_below_9_pt(tmp_path):
    rows = [Row(ITEM, "A", {"n": 123456789012}), Row(TOTAL, "Tổng", {"n": 987654321098})]
    report = _long_report(rows)
    report.columns[2].width = 3  # far too narrow for 15 characters
    from desktop_app.reports import fonts

    fonts.register()
    col_w = widen_numbers(report.leaves, rows, [60.0, 600.0, 10.0])
    assert col_w[2] > 10 and col_w[1] < 600
    body = measure(report.leaves, rows, col_w)
    for cells in body.cells:
        cell = cells[2]
        assert isinstance(cell, str) or cell[0] >= NUMBER_MIN
    write_pdf(report, tmp_path / "n.pdf")
    assert "987.654.321.098" in pdf_text(tmp_path / "n.pdf")


def test_many_number_columns_stay_inside_the_frame(tmp_path):
    """30 count columns (BM01-VC with its groups): the wide totals take room from the narrow
    counts once the name column has given what it can; the table never runs into the margin."""
    from desktop_app.reports import fonts

    fonts.register()
    columns = [col("stt", "STT", "text", 5), col("label", "Tên đơn vị", "text", 24)]
    columns += [col(f"n{i}", f"Cột {i}", INT, 7) for i in range(30)]
    values = {f"n{i}": 2528 if i % 2 else 3 for i in range(30)}
    rows = [Row(ITEM, "Trường Tiểu học Phúc Đồng", values, "1"), Row(TOTAL, "Tổng cộng", values)]
    frame = 714.0
    total = sum(c.width for c in columns)
    col_w = widen_numbers(columns, rows, [frame * c.width / total for c in columns])
    assert sum(col_w) <= frame + 0.01
    need = fonts.text_width("2.528", fonts.BOLD, NUMBER_MIN)
    assert all(w >= need for w in col_w[3::2]) and col_w[1] >= 0.69 * frame * 24 / total
    body = measure(columns, rows, col_w)
    assert all(isinstance(cell, str) or cell[0] >= NUMBER_MIN for cells in body.cells for cell in cells[2:])


def test_xlsx_page_numbers_row_heights_rule_and_number_widths(rctx, tmp_path):
    import openpyxl

    from desktop_app.reports.excel import line_count, write_xlsx

    long_name = "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên và Dịch vụ tổng hợp phường Phúc Đồng"
    rows = [Row(GROUP, "Nhóm một", {"n": 1}, stt="I"), Row(ITEM, long_name, {"n": 123456789012}, stt="1"),
            Row(TOTAL, "Tổng cộng", {"n": 123456789012})]
    report = _long_report(rows)
    report.columns[1].width = 20
    path = write_xlsx(report, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(path).active
    assert "&P" in ws.oddHeader.center.text and ws.HeaderFooter.differentFirst
    assert ws.page_setup.useFirstPageNumber and ws.page_setup.firstPageNumber == 1
    office_cell = next(c for row in ws.iter_rows() for c in row if c.value == "CƠ QUAN")
    assert not office_cell.font.u  # the rule is a border, not the font's underline
    rule = [c for c in ws[office_cell.row + 1] if c.border.top.style == "thin"]
    assert 0 < len(rule) < 2  # a short rule, not the whole block
    name_cell = next(c for row in ws.iter_rows() for c in row if c.value == long_name)
    lines = line_count(long_name, 20)
    assert lines >= 3 and ws.row_dimensions[name_cell.row].height >= 15 * lines
    number_col = name_cell.column_letter
    assert ws.column_dimensions["C"].width >= len("123,456,789,012") and number_col == "B"


def test_a_run_of_headings_still_prints(tmp_path):
    """A consolidated summary is group rows only: the heading rule cannot be kept, the page
    is filled rather than the writer giving up (LayoutError on the province database)."""
    rows = [Row(GROUP, f"Nhóm {i}", {"n": i}, stt=str(i)) for i in range(60)]
    rows.append(Row(TOTAL, "Tổng cộng", {"n": 1770}))
    pages = _pages(write_pdf(_long_report(rows, notes=2), tmp_path / "g.pdf"))
    assert len(pages) >= 2 and "Tổng cộng" in pages[-1] and "CHỦ TỊCH" in pages[-1]
    assert sum(f"Nhóm {i}" in page for page in pages for i in range(60)) == 60


@pytest.mark.parametrize("parent", ["ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", ""])
def test_xlsx_office_faces_the_quoc_hieu_when_there_is_no_parent(tmp_path, parent):
    import openpyxl

    from desktop_app.reports.excel import write_xlsx

    report = _long_report([Row(ITEM, "A", {"n": 1}), Row(TOTAL, "Tổng", {"n": 1})])
    report.header.parent = parent
    ws = openpyxl.load_workbook(write_xlsx(report, tmp_path / "h.xlsx")).active
    where = {c.value: c.row for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert where["CƠ QUAN"] == where["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] + (1 if parent else 0)
    assert [c for c in ws[where["CƠ QUAN"] + 1] if c.border.top.style == "thin"]  # its rule right under it
    assert where["Số: 1/BC-X"] == where["X, ngày"]
