"""bm01-vc and tu-chu: xlsx and PDF totals against independent SQL."""

from __future__ import annotations

import datetime as dt

from desktop_app import vntext
from desktop_app.reports.engine import Params, build_report
from desktop_app.reports.model import ITEM, TOTAL, header_cells
from desktop_app.services import records
from reports.helpers import (
    export,
    fingerprint_in_pdf,
    pdf_numbers_after,
    pdf_row_numbers,
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
    numbers = pdf_row_numbers(pdf_text(pdf), "Tổng cộng")  # the parts of a wide table, in order
    assert len(numbers) == len(keys) - 2
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
        "Chức danh nghề nghiệp (*)",
        "Trình độ chuyên môn (*)",
        "Lý luận chính trị",
        "Quản lý nhà nước (kể cả tương đương) (*)",
        "Tin học (*)",
        "Ngoại ngữ (*)",
        "Độ tuổi (*)",
    ]
    assert fingerprint_in_pdf(pdf) == {report.fingerprint} == {xlsx_fingerprint(xlsx)}


def _vien_chuc(ctx, name: str, **values) -> None:
    records.create(ctx, "person", {"full_name": name, "gender": "nam", "unit_id": ctx.units["YT01"],
                                   "pay_source": "NSNN", "employment_kind": "VIEN_CHUC",
                                   "recruited_on": "2018-09-01", **values})


def test_bm01_age_bands_partition_the_roll_when_birth_dates_are_missing(rctx):
    _vien_chuc(rctx, "Không Ngày Sinh")
    _vien_chuc(rctx, "Cũng Không Ngày Sinh", birth_date=None)
    _vien_chuc(rctx, "Chỉ Có Năm Sinh", birth_date="1961")
    report = build_report(rctx, "bm01-vc", Params(AS_OF, 2026))
    bands = [c.key for c in report.leaves if c.key in ("duoi_30", "tu_30_50", "tren_50", "khong_ns")]
    assert len(bands) == 4
    per_unit = dict(rctx.db.execute(
        "SELECT u.name, count(*) FROM assignment a JOIN unit u ON u.id = a.unit_id WHERE a.valid_from <= "
        "'2026-11-23' AND (a.valid_to IS NULL OR a.valid_to > '2026-11-23') AND a.employment_kind IN "
        "('VIEN_CHUC', 'TAP_SU') GROUP BY u.name").fetchall())
    rows = {r.label: r.values for r in report.rows if r.kind == ITEM}
    assert per_unit and {n: sum(rows[n][b] for b in bands) for n in per_unit} == per_unit
    total = next(r.values for r in report.rows if r.kind == TOTAL)
    assert sum(total[b] for b in bands) == rctx.db.execute(f"SELECT count(*) {ON_ROLL}").fetchone()[0]  # noqa: S608
    assert total["khong_ns"] == rctx.db.execute(
        f"SELECT count(*) {ON_ROLL} AND p.birth_date IS NULL").fetchone()[0] == 2  # noqa: S608
    late = rctx.db.execute(f"SELECT count(*) {ON_ROLL} AND p.birth_date < '1976-11-23'").fetchone()[0]  # noqa: S608
    assert total["tren_50"] == late >= 2  # "1961" is a year: past 50 whatever the day
    assert total["qua_tuoi"] <= total["tren_50"]  # a "trong đó", outside the partition


def test_bm01_state_management_is_one_column_per_catalogue_level(rctx):
    for n, level in enumerate(("CVCC", "CVC", "CVC", "CV", "CV", "CV", "CAN_SU")):
        _vien_chuc(rctx, f"Người {n}", birth_date="1980-01-01", state_mgmt_level=level)
    report = build_report(rctx, "bm01-vc", Params(AS_OF, 2026))
    qlnn = next(c for c in report.columns if c.label.startswith("Quản lý nhà nước"))
    assert qlnn.unverified and len(qlnn.children) == 3 and "tương đương" in qlnn.label
    labels = dict(rctx.catalogues.choices("quan_ly_nha_nuoc"))
    total = next(r.values for r in report.rows if r.kind == TOTAL)
    # the levels public variant (b) prints, named as the catalogue does («CV» for «Chuyên viên»)
    for code, column in zip(("CVCC", "CVC", "CV"), qlnn.children, strict=True):
        assert column.label.replace("CV", "Chuyên viên") == labels[code]
        expected = rctx.db.execute(f"SELECT count(*) {ON_ROLL} AND p.state_mgmt_level = ?",  # noqa: S608
                                   [code]).fetchone()[0]
        assert total[column.key] == expected > 0, code


def test_bm01_prints_the_no_birth_year_band_only_when_someone_has_none(rctx):
    keys = [c.key for c in build_report(rctx, "bm01-vc", Params(AS_OF, 2026)).leaves]
    assert "khong_ns" not in keys and {"duoi_30", "tu_30_50", "tren_50", "qua_tuoi"} <= set(keys)
    _vien_chuc(rctx, "Không Ngày Sinh")
    keys = [c.key for c in build_report(rctx, "bm01-vc", Params(AS_OF, 2026)).leaves]
    assert keys.index("tren_50") + 1 == keys.index("khong_ns") == keys.index("qua_tuoi") - 1


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
