"""vtvl, sap-xep, tinh-gian: xlsx and PDF totals against independent SQL."""

from __future__ import annotations

import datetime as dt

from db import repo
from desktop_app.reports.engine import Params
from desktop_app.services import records, staff
from reports.helpers import export, fingerprint_in_pdf, pdf_numbers_after, pdf_text, xlsx_row, xlsx_rows

AS_OF = dt.date(2026, 11, 23)


def test_vtvl_required_present_and_share(rctx, tmp_path):
    th = rctx.units["TH01"]
    teacher = records.create(
        rctx,
        "position",
        {
            "unit_id": th,
            "regime": "ND106-2020",
            "group_code": "CDNN_CN",
            "name": "Giáo viên tiểu học hạng III",
            "title_code": "V.07.03.29",
            "title_rank": "III",
            "required_count": 30,
        },
    )
    records.create(
        rctx,
        "position",
        {
            "unit_id": th,
            "regime": "ND106-2020",
            "group_code": "LDQL",
            "name": "Hiệu trưởng",
            "required_count": 1,
        },
    )
    records.create(
        rctx,
        "position",
        {"unit_id": th, "regime": "ND106-2020", "group_code": "HTPV", "name": "Bảo vệ", "required_count": 2},
    )
    staff.change_post(
        rctx, rctx.people["Nguyễn Thị Hằng"], "2026-09-01", "thay_doi_cdnn", {"position_id": teacher}
    )
    report, xlsx, pdf = export(rctx, "vtvl", Params(AS_OF, 2026), tmp_path)
    keys = [c.key for c in report.leaves]
    required = rctx.db.execute("SELECT sum(required_count) FROM position").fetchone()[0]
    total = xlsx_row(xlsx, "Tổng cộng")
    assert total[keys.index("can_thiet")] == required
    assert total[keys.index("co_mat")] == 1
    assert total[keys.index("ty_le_cm")] == round(30 * 100 / required, 2)
    labels = [r[1] for r in xlsx_rows(xlsx)]
    assert labels.index("Hiệu trưởng") < labels.index("Giáo viên tiểu học hạng III") < labels.index("Bảo vệ")
    assert pdf_numbers_after(pdf_text(pdf), "Tổng cộng")[:3] == [str(required), "1", str(1 - required)]


def test_sap_xep_events(rctx, tmp_path):
    event = records.create(
        rctx,
        "event",
        {
            "kind": "SAP_NHAP",
            "decision_no": "45/QĐ-UBND",
            "decision_date": "2023-07-15",
            "effective_date": "2023-08-01",
            "staff_moved": 9,
            "grace_years": 5,
        },
    )
    with rctx.db.atomic():
        repo.insert(rctx.db, "event_unit", {"event_id": event, "unit_id": rctx.units["OLD"], "role": "truoc"})
        repo.insert(rctx.db, "event_unit", {"event_id": event, "unit_id": rctx.units["MN01"], "role": "sau"})
    report, xlsx, pdf = export(rctx, "sap-xep", Params(AS_OF, 2026), tmp_path)
    moved = rctx.db.execute("SELECT sum(staff_moved) FROM event").fetchone()[0]
    row = xlsx_row(xlsx, "Sáp nhập")
    keys = [c.key for c in report.leaves]
    assert (
        row[keys.index("before")] == "Trường Mầm non Cũ"
        and row[keys.index("after")] == "Trường Mầm non Hoa Sen"
    )
    # the decision's 5 years are cut to the rule's 3 (NAM_SAP_XEP_CAP_PHO), and said so
    assert row[keys.index("deadline")] == "01/08/2026; quyết định ghi 5 năm, áp dụng tối đa 3 năm"
    assert xlsx_row(xlsx, "Tổng cộng: 1 sự kiện")[keys.index("deputies")] is None  # no grand total
    assert xlsx_row(xlsx, "Tổng cộng: 1 sự kiện")[keys.index("staff_moved")] == moved
    assert pdf_numbers_after(pdf_text(pdf), "Tổng cộng: 1 sự kiện")[0] == str(moved)
    assert fingerprint_in_pdf(pdf) == {report.fingerprint}


def test_tinh_gian_lists_leavers_of_the_year(rctx, tmp_path):
    staff.leave(rctx, rctx.people["Trần Văn Đức"], "2026-10-01", "TINH_GIAN")
    report, xlsx, pdf = export(rctx, "tinh-gian", Params(AS_OF, 2026), tmp_path)
    count = rctx.db.execute(
        "SELECT count(*) FROM person WHERE leave_reason = 'TINH_GIAN' "
        "AND left_on BETWEEN '2026-01-01' AND '2026-12-31'"
    ).fetchone()[0]
    keys = [c.key for c in report.leaves]
    row = xlsx_row(xlsx, "Trần Văn Đức")
    assert row[keys.index("nam")] == "02/11/1970" and row[keys.index("unit")] == "Trường Tiểu học Phúc Đồng"
    assert row[keys.index("scale")] == "HS 5,7" and row[keys.index("reason")] is None  # blank, not dropped
    text = " ".join(pdf_text(pdf).split())  # the wider batch list (issue #20) wraps the name cell
    assert f"Tổng cộng: {count} người" in text and "Trần Văn Đức" in text
    assert "Bùi Thị Thu Trang" not in text  # thôi việc, not tinh giản
