"""The Báo cáo page: pick a form, preview, export to a folder off the GUI
thread (files read back: the totals are those of the report model), cancel."""

from __future__ import annotations

import openpyxl
import pypdf
import pytest
from qt_helpers import type_text

from desktop_app.reports.engine import Params, build_report
from desktop_app.reports.model import TOTAL
from desktop_app.vntext import format_number
from ui.reports_page import ReportsPage


@pytest.fixture
def page(app, qtbot, ctx, units):
    widget = ReportsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _pick(page, form_id: str) -> None:
    page.form_list.setCurrentRow(list(page.forms).index(form_id))


def test_preview_shows_the_report_rows(page, qtbot, qtmodeltester):
    _pick(page, "dvsn")
    with qtbot.waitSignal(page.previewed, timeout=20000):
        page.preview()  # computed off the GUI thread
        assert page.summary.text() == "Đang tính số liệu…"
    report = page.model.report
    assert report is not None and report.form_id == "dvsn"
    assert page.model.rowCount() == len(report.rows) and page.model.columnCount() == len(report.leaves)
    total = next(i for i, r in enumerate(report.rows) if r.kind == TOTAL)
    assert page.model.index(total, 1).data() == report.rows[total].label
    qtmodeltester.check(page.model)


def test_export_both_to_a_folder_and_read_back(page, qtbot, ctx, tmp_path):
    _pick(page, "dvsn")
    page.set_folder(str(tmp_path))
    page.format.setCurrentIndex(0)  # Excel và PDF
    page.export()
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=30000)
    assert page.status.text().startswith("Đã lưu"), page.status.text()
    xlsx = next(tmp_path.glob("dvsn_*.xlsx"))
    pdf = next(tmp_path.glob("dvsn_*.pdf"))
    report = build_report(ctx, "dvsn", Params(ctx.today, ctx.today.year))
    total = next(r for r in report.rows if r.kind == TOTAL)
    sheet_total = next(r for r in openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True)
                       if len(r) > 1 and r[1] == total.label)
    keys = [c.key for c in report.leaves]
    numbers = {k: v for k, v in total.values.items() if isinstance(v, int | float)}
    assert numbers, "the total row has numbers"
    for key, value in numbers.items():
        assert sheet_total[keys.index(key)] == value
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    assert total.label in text
    for value in numbers.values():
        assert format_number(value, 0 if float(value).is_integer() else 2) in text
    assert page.open_file_button.isEnabled() and page.written[-1].endswith(".pdf")


def test_cancel_leaves_no_file(page, qtbot, tmp_path):
    _pick(page, "bm02-vc")
    out = tmp_path / "out"
    out.mkdir()
    page.set_folder(str(out))
    page.cancel()  # nothing running: harmless
    page.export()
    page.cancel()
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=30000)
    assert page.status.text() == "Đã dừng, không có tệp nào được ghi."
    assert list(out.iterdir()) == []


def test_unit_search_is_accent_insensitive(page, qtbot):
    type_text(page.unit_search, "phuc dong")
    names = [page.unit.itemText(i) for i in range(page.unit.count())]
    assert names[0] == "Tất cả đơn vị" and len(names) > 1
    assert all("Phúc Đồng" in n for n in names[1:])
    assert page.unit.currentData() is not None


def test_bad_date_is_explained_in_vietnamese(page):
    page.as_of.setText("31/02/2026")
    page.export()
    assert "ngày/tháng/năm" in page.status.text()


def test_export_warns_about_what_the_paper_lacks(page, qtbot, tmp_path):
    """The office has no report code, signer or Kính gửi: the files are written and the
    status names each missing setting."""
    _pick(page, "dvsn")
    page.set_folder(str(tmp_path))
    page.export()
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=30000)
    text = page.status.text()
    assert text.startswith("Đã lưu") and "Ký hiệu báo cáo" in text and "Kính gửi" in text
    assert "Họ tên người ký" in text


def test_report_texts_are_typed_and_kept_per_year(page, qtbot, ctx):
    from PySide6.QtCore import Qt

    from desktop_app.services import report_texts

    _pick(page, "dvsn")
    assert not page.texts_button.isEnabled()  # a biểu has no text of its own
    _pick(page, "kq-nq19")
    assert page.texts_button.isEnabled()
    page.year.setValue(2026)
    qtbot.mouseClick(page.texts_button, Qt.MouseButton.LeftButton)
    dialog = page.texts_dialog
    dialog.editors["ton_tai"].setFocus()
    type_text(dialog.editors["ton_tai"], "Còn hai trường nhỏ chưa sáp nhập.")
    qtbot.keyClick(dialog.editors["ton_tai"], Qt.Key.Key_Tab)  # moves on, types no tab
    type_text(dialog.editors["nguyen_nhan"], "Địa bàn rộng.")
    from PySide6.QtWidgets import QDialogButtonBox

    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert report_texts.get(ctx, "kq-nq19", 2026)["ton_tai"] == "Còn hai trường nhỏ chưa sáp nhập."
    assert report_texts.get(ctx, "kq-nq19", 2026)["nguyen_nhan"] == "Địa bàn rộng."
    assert report_texts.get(ctx, "kq-nq19", 2025)["ton_tai"] == ""


def test_opening_the_page_does_not_load_the_file_writers():
    """The first opening of Báo cáo: openpyxl and reportlab (≈ 1 s) load in the export worker."""
    import subprocess
    import sys

    code = ("import sys; import ui.reports_page; "
            "print(sorted(m for m in ('reportlab', 'openpyxl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "[]"


def test_report_texts_typed_then_escape_ask_before_they_are_dropped(page, qtbot, ctx):
    from PySide6.QtCore import Qt

    from desktop_app.services import report_texts

    _pick(page, "kq-nq19")
    page.year.setValue(2026)
    qtbot.mouseClick(page.texts_button, Qt.MouseButton.LeftButton)
    dialog = page.texts_dialog
    asked: list[str] = []
    dialog.confirm_unsaved = lambda text: asked.append(text) or "cancel"
    type_text(dialog.editors["kien_nghi"], "Đề nghị bổ sung biên chế y tế.")
    qtbot.keyClick(dialog.editors["kien_nghi"], Qt.Key.Key_Escape)
    assert len(asked) == 1 and "«Nội dung báo cáo»" in asked[0] and dialog.isVisible()
    dialog.confirm_unsaved = lambda text: asked.append(text) or "save"
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.editors["kien_nghi"], Qt.Key.Key_Escape)
    assert report_texts.get(ctx, "kq-nq19", 2026)["kien_nghi"] == "Đề nghị bổ sung biên chế y tế."
