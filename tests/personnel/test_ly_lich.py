"""ly-lich (HS02-VC/BNV) for one person or a unit: every item read from the file, blank where the
file has nothing, the same rows in xlsx and PDF, long histories flowing across pages."""

from __future__ import annotations

import datetime as dt

import pypdf
import pytest

from desktop_app.errors import ValidationError
from desktop_app.reports.engine import Params, build_report
from desktop_app.reports.excel import write_xlsx
from desktop_app.reports.model import ITEM
from desktop_app.reports.pdf import write_pdf
from desktop_app.services import records

from .file_fixtures import fill_file

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture
def lan(ctx, unit_id):
    pid = records.create(ctx, "person", {
        "full_name": "Nguyễn Thị Lan", "birth_date": "15/05/1986", "gender": "nu", "unit_id": unit_id,
        "cccd": "027186000123", "salary_class": "A1", "salary_step": 4, "coefficient": 3.33,
        "step_since": "01/09/2024", "recruited_on": "01/09/2018", "hometown": "Bắc Ninh"})
    fill_file(ctx, pid)
    return pid


def _values(report) -> dict[str, str | None]:
    return {r.label: r.values.get("value") for r in report.rows if r.kind == ITEM and r.stt != "–"}


def test_one_person_reads_the_file_and_leaves_blanks(ctx, lan):
    report = build_report(ctx, "ly-lich", Params(AS_OF, 2026, person="027186000123"))
    got = _values(report)
    assert got["Họ và tên khai sinh (viết chữ in hoa)"] == "NGUYỄN THỊ LAN"
    assert got["Sinh ngày"] == "15/05/1986" and got["Quê quán"] == "Bắc Ninh"
    assert got["Bậc lương, hệ số, ngày hưởng"] == "Bậc 4, 3,33, 01/09/2024"
    assert got["Tôn giáo"] is None and got["Ngày vào Đảng Cộng sản Việt Nam"] is None  # nothing invented
    entries = [(r.label, r.values["value"]) for r in report.rows if r.stt == "–"]
    degree = "Trường Đại học Sư phạm Hà Nội, Giáo dục Tiểu học, Chính quy, Cử nhân"
    assert ("09/2004 – 06/2008", degree) in entries
    assert ("Bố", "Nguyễn Văn Hải, sinh năm 1950, quê quán Bắc Ninh, Nghỉ hưu, "
            "nơi ở Đông Tiến, Bắc Ninh") in entries
    assert any(v and "Quyết định số 08/QĐ-TH ngày 28/03/2022" in v for _, v in entries)
    assert all(c.unverified for c in report.columns)
    headings = [r.label for r in report.rows if r.kind == "subtotal"]
    assert headings[-2:] == ["Quan hệ gia đình về bản thân", "Quan hệ gia đình bên vợ (hoặc chồng)"]


def test_unknown_cccd_is_a_clear_error(ctx, lan):
    with pytest.raises(ValidationError, match="CCCD «099999999999»"):
        build_report(ctx, "ly-lich", Params(AS_OF, 2026, person="099999999999"))


def test_a_unit_prints_one_person_after_another(ctx, lan, unit_id):
    records.create(ctx, "person", {"full_name": "Trần Văn Hai", "unit_id": unit_id,
                                   "recruited_on": "01/01/2020"})
    report = build_report(ctx, "ly-lich", Params(AS_OF, 2026, unit_code="TH01"))
    heads = [r.label for r in report.rows if r.kind == "group"]
    # in the roll's order: by given name (Hai before Lan), as every list of people
    assert heads == ["SƠ YẾU LÝ LỊCH: TRẦN VĂN HAI", "SƠ YẾU LÝ LỊCH: NGUYỄN THỊ LAN"]


def test_long_histories_flow_across_pages(ctx, lan, tmp_path):
    for n in range(40):
        records.create(ctx, "training", {"person_id": lan, "kind": "boi_duong",
                                         "from_date": f"0{1 + n % 9}/{1990 + n}",
                                         "institution": f"Trường Bồi dưỡng cán bộ số {n} — lớp chuyên đề dài "
                                                        "về quản lý nhà nước và kỹ năng nghiệp vụ",
                                         "credential": "Chứng chỉ"})
        records.create(ctx, "family_member", {"person_id": lan, "side": "ban_than", "relation": "Em",
                                              "full_name": f"Nguyễn Văn Em {n}", "birth_year": 1990,
                                              "address": "Thôn Đông, xã Đông Tiến, tỉnh Bắc Ninh"})
    report = build_report(ctx, "ly-lich", Params(AS_OF, 2026, person="027186000123"))
    pdf, xlsx = write_pdf(report, tmp_path / "ll.pdf"), write_xlsx(report, tmp_path / "ll.xlsx")
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) >= 3
    text = "".join(p.extract_text() for p in reader.pages)
    for n in (0, 39):  # the first and the last of each history are on paper, whole
        assert f"Trường Bồi dưỡng cán bộ số {n} —" in text and f"Nguyễn Văn Em {n}," in text
    import openpyxl

    cells = {c.value for row in openpyxl.load_workbook(xlsx).active.iter_rows() for c in row}
    assert "Nguyễn Văn Em 39, sinh năm 1990, nơi ở Thôn Đông, xã Đông Tiến, tỉnh Bắc Ninh" in cells
