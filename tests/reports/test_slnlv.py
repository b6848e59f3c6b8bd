"""slnlv: totals in xlsx and PDF equal independent SQL counts; golden header."""

from __future__ import annotations

import datetime as dt

from desktop_app.reports.engine import Params
from desktop_app.reports.model import header_cells, number_row
from reports.helpers import (
    export,
    fingerprint_in_pdf,
    pdf_numbers_after,
    pdf_text,
    vn,
    xlsx_fingerprint,
    xlsx_row,
    xlsx_rows,
)

AS_OF = dt.date(2026, 11, 23)


def _sql_present(ctx, pay_source: str | None) -> int:
    """People whose dated assignment covers AS_OF, counted straight from the tables."""
    sql = (
        "SELECT count(*) FROM assignment a JOIN unit u ON u.id = a.unit_id "
        "WHERE a.valid_from <= ? AND (a.valid_to IS NULL OR a.valid_to > ?) "
        "AND a.employment_kind IN ('VIEN_CHUC', 'TAP_SU')"
    )
    params = [AS_OF.isoformat(), AS_OF.isoformat()]
    if pay_source:
        sql += " AND a.pay_source = ?"
        params.append(pay_source)
    return ctx.db.execute(sql, params).fetchone()[0]


def _sql_quota(ctx, year: int, day: str = AS_OF.isoformat()) -> int:
    """Quota of ``year`` over the units active on ``day`` (a column is as of its own date)."""
    return ctx.db.execute(
        "SELECT sum(q.nsnn + q.revenue_paid) FROM quota q JOIN unit u ON u.id = q.unit_id "
        "WHERE q.year = ? AND u.valid_from <= ? AND (u.valid_to IS NULL OR u.valid_to > ?)",
        [year, day, day],
    ).fetchone()[0]


def test_totals_match_sql_in_xlsx_and_pdf(rctx, tmp_path):
    report, xlsx, pdf = export(rctx, "slnlv", Params(AS_OF, 2026), tmp_path)
    expected = {
        "giao_tong": _sql_quota(rctx, 2026),
        "co_mat_tong": _sql_present(rctx, None),
        "co_mat_nsnn": _sql_present(rctx, "NSNN"),
        "co_mat_nguon_thu": _sql_present(rctx, "NGUON_THU"),
        "giao_2021": _sql_quota(rctx, 2021, "2021-12-31"),
        "tang_giam_2021": _sql_quota(rctx, 2026) - _sql_quota(rctx, 2021, "2021-12-31"),
    }
    assert expected["giao_2021"] == 30 + 20 + 12 + 9 + 4 * 2  # the school merged in 2023 still counts
    keys = [c.key for c in report.leaves]
    row = xlsx_row(xlsx, "Tổng cộng")
    for key, value in expected.items():
        assert row[keys.index(key)] == value, key
    numbers = pdf_numbers_after(pdf_text(pdf), "Tổng cộng")
    numeric_keys = keys[2:]
    for key, value in expected.items():
        assert numbers[numeric_keys.index(key)] == vn(value), key
    # the closed unit (merged in 2023) keeps its 2021 row, shown closed; the transfer counts at
    # the new unit
    old = xlsx_row(xlsx, "Trường Mầm non Cũ")
    assert old[keys.index("giao_2021")] == 11 and old[keys.index("giao_tong")] is None
    assert old[keys.index("tang_giam_2021")] == -11
    assert old[keys.index("ghi_chu")] == "Đã sáp nhập ngày 01/08/2023"
    th = xlsx_row(xlsx, "Trường Tiểu học Phúc Đồng")
    assert th[keys.index("co_mat_nguon_thu")] == 1


def test_as_of_before_transfer_counts_old_unit(rctx, tmp_path):
    _, xlsx, _ = export(rctx, "slnlv", Params(dt.date(2026, 2, 1), 2026), tmp_path)
    mn = xlsx_row(xlsx, "Trường Mầm non Hoa Sen")
    assert mn[7] == 1  # co_mat_nguon_thu: Vũ Thị Lan still at the nursery school


def test_golden_header(rctx, tmp_path):
    report, xlsx, pdf = export(rctx, "slnlv", Params(AS_OF, 2026), tmp_path)
    assert number_row(report.columns) == [
        "A",
        "B",
        "(1)=(2)+(3)",
        "(2)",
        "(3)",
        "(4)",
        "(5)=(6)+(7)",
        "(6)",
        "(7)",
        "(8)",
        "(9)",
        "(10)",
        "(11)=(1)-(9)",
        "(12)=(1)-(10)",
        "C",
    ]
    top = [c.text for c in header_cells(report.columns) if c.row == 0]
    assert top == [
        "STT",
        "Tên đơn vị",
        "Số lượng người làm việc được giao năm 2026",
        "Số có mặt tại ngày 23/11/2026",
        "Số được giao (tổng số)",
        "Tăng (+), giảm (-) số được giao (*)",  # unverified: marked, named in the footnote
        "Ghi chú",
    ]
    rows = xlsx_rows(xlsx)
    flat = [v for r in rows for v in r if v]
    for text in (
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÚC ĐỒNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Phúc Đồng, ngày 23 tháng 11 năm 2026",
        "Biểu số 01/SLNLV",
        "Người lập biểu",
        "TM. ỦY BAN NHÂN DÂN",  # ND 30: the collective body, without its place (#14)
        "CHỦ TỊCH",
        "Nguyễn Văn Bình",
    ):
        assert text in flat, text
    # a biểu has no Số line of its own: the number is the report's it is attached to (#14)
    assert not any(str(v).startswith("Số:") for v in flat)
    assert any(str(v).startswith("(Kèm theo Báo cáo số") and "/BC-UBND" in str(v) for v in flat)
    assert rows[[r[0] for r in rows].index("A")][:4] == ["A", "B", "(1)=(2)+(3)", "(2)"]
    text = " ".join(pdf_text(pdf).split())  # a long name may wrap in its cell
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Trường Tiểu học Phúc Đồng",
        "Trạm Y tế phường Phúc Đồng",
        "TỔNG HỢP SỐ LƯỢNG NGƯỜI LÀM VIỆC TRONG CÁC ĐƠN VỊ SỰ NGHIỆP CÔNG LẬP",
    ):
        assert line in text, line


def test_fingerprint_same_in_xlsx_and_pdf(rctx, tmp_path):
    report, xlsx, pdf = export(rctx, "slnlv", Params(AS_OF, 2026), tmp_path)
    assert fingerprint_in_pdf(pdf) == {report.fingerprint} == {xlsx_fingerprint(xlsx)}
