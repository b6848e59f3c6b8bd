"""bm01-vc and tu-chu: xlsx and PDF totals against independent SQL."""

from __future__ import annotations

import datetime as dt

from desktop_app import vntext
from desktop_app.reports.engine import Params
from desktop_app.reports.model import header_cells
from desktop_app.services import records
from reports.helpers import (
    export,
    fingerprint_in_pdf,
    pdf_numbers_after,
    pdf_text,
    xlsx_fingerprint,
    xlsx_row,
)

AS_OF = dt.date(2026, 11, 23)
ON_ROLL = (
    "FROM assignment a JOIN person p ON p.id = a.person_id WHERE a.valid_from <= '2026-11-23' "
    "AND (a.valid_to IS NULL OR a.valid_to > '2026-11-23') AND a.employment_kind IN ('VIEN_CHUC', 'TAP_SU')"
)


def test_bm01_totals(rctx, tmp_path):
    report, xlsx, pdf = export(rctx, "bm01-vc", Params(AS_OF, 2026), tmp_path)
    sql = {
        "tong": "1",
        "nu": "p.gender = 'nu'",
        "dang_vien": "p.party_member = 1",
        "dtts": "p.ethnicity <> '01'",
        "hang_3": "a.title_rank = 'III'",
        "dh": "p.education_level = 'DH'",
    }
    keys = [c.key for c in report.leaves]
    total = xlsx_row(xlsx, "Tổng cộng")
    numbers = pdf_numbers_after(pdf_text(pdf), "Tổng cộng")
    for key, where in sql.items():
        expected = rctx.db.execute(f"SELECT count(*) {ON_ROLL} AND {where}").fetchone()[0]  # noqa: S608
        assert total[keys.index(key)] == expected, key
        assert numbers[keys.index(key) - 2] == str(expected), key
    top = [c.text for c in header_cells(report.columns) if c.row == 0]
    assert top == [
        "STT",
        "Tên đơn vị",
        "Tổng số",
        "Trong đó",
        "Chức danh nghề nghiệp",
        "Trình độ chuyên môn",
        "Lý luận chính trị",
        "Quản lý nhà nước",
        "Tin học",
        "Ngoại ngữ",
        "Độ tuổi",
    ]
    assert fingerprint_in_pdf(pdf) == {report.fingerprint} == {xlsx_fingerprint(xlsx)}


def test_tu_chu_groups_and_nsnn(rctx, tmp_path):
    for code, year, revenue, spend, nsnn in (
        ("YT01", 2025, 50e6, 100e6, 60e6),
        ("YT01", 2026, 120e6, 100e6, 0),
        ("TH01", 2026, 5e6, 1000e6, 950e6),
    ):
        records.create(
            rctx,
            "finance",
            {
                "unit_id": rctx.units[code],
                "year": year,
                "revenue": revenue,
                "recurrent_spending": spend,
                "nsnn_spending": nsnn,
            },
        )
    report, xlsx, pdf = export(rctx, "tu-chu", Params(AS_OF, 2026), tmp_path)
    keys = [c.key for c in report.leaves]
    yt = xlsx_row(xlsx, "Trạm Y tế phường Phúc Đồng")
    assert yt[keys.index("group")] == "Nhóm 2" and yt[keys.index("group_before")] == "Nhóm 3"
    assert yt[keys.index("change")] == "Nhóm 3 → nhóm 2"
    nsnn26, nsnn25 = (
        rctx.db.execute("SELECT sum(nsnn_spending) FROM finance WHERE year = ?", [y]).fetchone()[0]
        for y in (2026, 2025)
    )
    total = xlsx_row(xlsx, "Tổng cộng")
    assert total[keys.index("nsnn")] == nsnn26 / 1e6
    assert total[keys.index("nsnn_change")] == (nsnn26 - nsnn25) / 1e6
    text = pdf_text(pdf)
    assert vntext.format_number(nsnn26 / 1e6, 2) in pdf_numbers_after(text, "Tổng cộng")
    assert "MỨC ĐỘ TỰ CHỦ TÀI CHÍNH VÀ CHI NGÂN SÁCH NHÀ NƯỚC CỦA ĐƠN VỊ SỰ NGHIỆP CÔNG LẬP" in text
