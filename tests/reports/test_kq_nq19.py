"""kq-nq19: a signed report (BC) whose totals equal independent SQL counts."""

from __future__ import annotations

import datetime as dt

import openpyxl

from desktop_app.reports.engine import Params
from reports.helpers import export, fingerprint_in_pdf, pdf_numbers_after, pdf_text, xlsx_row

AS_OF = dt.date(2026, 11, 23)


def test_kq_nq19_totals_and_layout(rctx, tmp_path):
    report, xlsx, pdf = export(rctx, "kq-nq19", Params(AS_OF, 2026), tmp_path)
    keys = [c.key for c in report.leaves]
    units_2021 = rctx.db.execute("SELECT count(*) FROM unit WHERE valid_from <= '2021-12-31' AND "
                                 "(valid_to IS NULL OR valid_to > '2021-12-31')").fetchone()[0]
    units_now = rctx.db.execute("SELECT count(*) FROM unit WHERE valid_to IS NULL OR valid_to > ?",
                                [AS_OF.isoformat()]).fetchone()[0]
    quota_2021 = rctx.db.execute("SELECT sum(nsnn) FROM quota WHERE year = 2021").fetchone()[0]
    present_nsnn = rctx.db.execute(
        "SELECT count(*) FROM assignment WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) "
        "AND pay_source = 'NSNN' AND employment_kind IN ('VIEN_CHUC', 'TAP_SU')",
        [AS_OF.isoformat()] * 2).fetchone()[0]
    total = xlsx_row(xlsx, "Tổng cộng")
    assert total[keys.index("dv_2021")] == units_2021
    assert total[keys.index("dv_nay")] == units_now
    assert total[keys.index("giao_2021")] == quota_2021
    assert total[keys.index("co_mat")] == present_nsnn
    assert total[keys.index("dv_giam")] == round((units_2021 - units_now) * 100 / units_2021, 2)
    numbers = pdf_numbers_after(pdf_text(pdf), "Tổng cộng")
    assert numbers[:2] == [str(units_2021), str(units_now)]
    assert str(quota_2021) in numbers and str(present_nsnn) in numbers
    # the BÁO CÁO is its own sheet before the table, its attached Phụ lục (#14)
    flat = [v for ws in openpyxl.load_workbook(xlsx).worksheets for r in ws.iter_rows(values_only=True)
            for v in r if v]
    assert "BÁO CÁO" in flat and "Nơi nhận:" in flat and "- Lưu: VT, VHXH." in flat
    assert not any(str(v).startswith("Biểu số") for v in flat)  # a report, not a biểu
    assert fingerprint_in_pdf(pdf) == {report.fingerprint}


def _shipped_nguong() -> dict[str, dict]:
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "resources" / "catalogues" / "nguong.json"
    return {i["code"]: i for i in json.loads(path.read_text(encoding="utf-8"))["items"]}


def test_each_target_line_says_when_its_default_was_not_read(rctx):
    """The letter prints a target the app could not read in its text as such; a value the office
    set itself (Settings → Chỉ tiêu, given by the province) is its own and is not marked."""
    from desktop_app import settings
    from desktop_app.reports.engine import build_report

    shipped = _shipped_nguong()
    line = {"GIAM_DVSN_2026": "Giảm số đơn vị", "GIAM_BC_NSNN_2026": "Giảm biên chế hưởng lương",
            "TY_LE_CMNV": "Tỷ lệ vị trí việc làm chuyên môn"}

    def marks() -> dict[str, bool]:
        text = "\n".join(build_report(rctx, "kq-nq19", Params(AS_OF, 2026)).notes)
        rows = {code: [r for r in text.splitlines() if r.startswith(f"- {start}")]
                for code, start in line.items()}
        assert all(len(r) == 1 for r in rows.values()), rows
        return {code: "mục tiêu chưa kiểm chứng" in r[0] for code, r in rows.items()}

    assert marks() == {code: not shipped[code]["verified"] for code in line}
    assert not shipped["GIAM_BC_NSNN_2026"]["verified"] and shipped["TY_LE_CMNV"]["verified"]
    settings.put(rctx, "nguong.GIAM_BC_NSNN_2026", 12)
    assert marks()["GIAM_BC_NSNN_2026"] is False
