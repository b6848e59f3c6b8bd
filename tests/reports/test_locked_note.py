"""A report of a locked year says so under the table (chốt số liệu, SPEC §7)."""

import datetime as dt

from desktop_app.reports.engine import Params
from desktop_app.services import period_lock
from reports.helpers import export, pdf_text, xlsx_rows


def _notes(path):
    cells = [c for row in xlsx_rows(path) for c in row if isinstance(c, str)]
    return [c for c in cells if c.startswith("Số liệu đã chốt")]


def test_locked_year_note_in_xlsx_and_pdf(ctx, unit_id, tmp_path):
    params = Params(as_of=dt.date(2026, 11, 23), year=2026)
    (tmp_path / "a").mkdir()
    _report, xlsx, _pdf = export(ctx, "dvsn", params, tmp_path / "a")
    assert _notes(xlsx) == []
    period_lock.lock_year(ctx, 2026, "Đã gửi báo cáo")
    locked_on = dt.datetime.fromisoformat(period_lock.open_lock(ctx, 2026)["locked_at"])
    (tmp_path / "b").mkdir()
    report, xlsx, pdf = export(ctx, "dvsn", params, tmp_path / "b")
    expected = f"Số liệu đã chốt ngày {locked_on:%d/%m/%Y}."
    assert report.notes[-1] == expected and _notes(xlsx) == [expected]
    assert expected in pdf_text(pdf).replace("\n", " ")
    (tmp_path / "c").mkdir()
    _report, other_year, _pdf = export(ctx, "dvsn", Params(as_of=dt.date(2025, 12, 31), year=2025),
                                       tmp_path / "c")
    assert _notes(other_year) == []
