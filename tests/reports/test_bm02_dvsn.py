"""bm02-vc and dvsn: xlsx and PDF totals against independent SQL; text stays text."""

from __future__ import annotations

import datetime as dt

from desktop_app import vntext
from desktop_app.reports.engine import Params
from desktop_app.reports.model import number_row
from reports.helpers import (
    export,
    fingerprint_in_pdf,
    pdf_numbers_after,
    pdf_text,
    xlsx_fingerprint,
    xlsx_row,
    xlsx_rows,
)

AS_OF = dt.date(2026, 11, 23)
ON_ROLL = ("FROM assignment a WHERE a.valid_from <= '2026-11-23' AND (a.valid_to IS NULL OR "
           "a.valid_to > '2026-11-23') AND a.employment_kind IN ('VIEN_CHUC', 'TAP_SU')")


def test_bm02_totals_and_formula_text(rctx, tmp_path):
    report, xlsx, pdf = export(rctx, "bm02-vc", Params(AS_OF, 2026), tmp_path)
    people, coef = rctx.db.execute(f"SELECT count(*), sum(a.coefficient) {ON_ROLL}").fetchone()  # noqa: S608
    label = f"Tổng cộng: {people} người"
    keys = [c.key for c in report.leaves]
    assert xlsx_row(xlsx, label)[keys.index("coefficient")] == round(coef, 2)
    text = pdf_text(pdf)
    # then the money columns (issue #19): hệ số × lương cơ sở in force on 23/11/2026, nghìn đồng
    luong = rctx.db.execute(f"SELECT sum(round(a.coefficient * 2530000 / 1000.0)) {ON_ROLL}").fetchone()[0]  # noqa: S608
    assert pdf_numbers_after(text, label)[:2] == [vntext.format_number(coef, 2), vntext.format_number(luong)]
    # formula-looking names stay text, in the file itself
    import openpyxl

    ws = openpyxl.load_workbook(xlsx).active
    cell = next(c for r in ws.iter_rows() for c in r if c.value == "=SUM(A1:A9) Ngô")
    assert cell.data_type == "s"
    for name in ("Nguyễn Thị Hằng", "Trần Văn Đức", "Hoàng Thị Ngọc Ánh", "Đặng Minh Khôi"):
        assert name in text
    assert "Bùi Thị Thu Trang" not in text  # left on 30/06/2026
    assert "Phạm Quốc Hưng" not in text  # HĐLĐ, not a viên chức
    assert number_row(report.columns)[:5] == ["A", "B", "C", "D", "E"]
    assert fingerprint_in_pdf(pdf) == {report.fingerprint} == {xlsx_fingerprint(xlsx)}


def test_dvsn_counts_by_autonomy_group(rctx, tmp_path):
    from desktop_app.services import records

    records.create(rctx, "finance", {"unit_id": rctx.units["YT01"], "year": 2026, "revenue": 120,
                                     "recurrent_spending": 100})
    records.create(rctx, "finance", {"unit_id": rctx.units["TH01"], "year": 2026, "revenue": 5,
                                     "recurrent_spending": 100})
    report, xlsx, pdf = export(rctx, "dvsn", Params(AS_OF, 2026), tmp_path)
    keys = [c.key for c in report.leaves]
    total = xlsx_row(xlsx, "Tổng cộng")
    active = rctx.db.execute("SELECT count(*) FROM unit WHERE valid_to IS NULL OR valid_to > ?",
                             [AS_OF.isoformat()]).fetchone()[0]
    assert total[keys.index("so_don_vi")] == active
    assert total[keys.index("nhom_2")] == 1 and total[keys.index("nhom_4")] == 1
    assert total[keys.index("chua_xep")] == active - 2
    assert pdf_numbers_after(pdf_text(pdf), "Tổng cộng") == [str(active), "0", "1", "0", "1", str(active - 2)]
    flat = [v for r in xlsx_rows(xlsx) for v in r if v]
    assert "DANH SÁCH, TỔNG HỢP ĐƠN VỊ SỰ NGHIỆP CÔNG LẬP" in flat
