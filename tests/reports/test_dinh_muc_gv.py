"""dinh-muc-gv: norms from catalogue rates (TT 19/2023, TT 20/2023) and teachers on the roll."""

from __future__ import annotations

import datetime as dt

from desktop_app import vntext
from desktop_app.reports.engine import Params
from desktop_app.services import teacher_norms
from reports.helpers import export, fingerprint_in_pdf, pdf_numbers_after, pdf_text, xlsx_row

AS_OF = dt.date(2026, 11, 23)


def _unit(field, **kw):
    return {"field": field, "classes": 0, "pupils": 0, "region": 3, **kw}


def test_norms_follow_the_circulars(ctx):
    cat = ctx.catalogues
    assert teacher_norms.norm(cat, _unit("MN", classes=8, nursery_groups=2)) == round(8 * 2.2 + 2 * 2.5, 2)
    # tiểu học 2 buổi, vùng 3 (35 HS/lớp, +1 GV per 17 extra pupils) + 1 TPT Đội
    assert teacher_norms.norm(cat, _unit("TH", classes=20, pupils=734, sessions_per_day=2)) == round(
        20 * 1.5 + (734 - 20 * 35) / 17 + 1, 2
    )
    assert teacher_norms.norm(cat, _unit("TH", classes=10, pupils=300, sessions_per_day=1)) == 10 * 1.2 + 1
    # vùng 1: 35 HS/lớp at THCS, +1 per 17
    assert teacher_norms.norm(cat, _unit("THCS", classes=10, pupils=384, region=1)) == round(
        10 * 1.9 + (384 - 350) / 17 + 1, 2
    )
    assert teacher_norms.norm(cat, _unit("THPT", classes=12, boarding=1)) == round(12 * 2.4, 2)
    assert teacher_norms.norm(cat, _unit("YTE")) is None


def test_report_totals(rctx, tmp_path):
    report, xlsx, pdf = export(rctx, "dinh-muc-gv", Params(AS_OF, 2026), tmp_path)
    keys = [c.key for c in report.leaves]
    teachers = rctx.db.execute(
        "SELECT count(*) FROM assignment a JOIN unit u ON u.id = a.unit_id WHERE a.valid_from <= ? "
        "AND (a.valid_to IS NULL OR a.valid_to > ?) AND u.field IN ('MN', 'TH', 'THCS', 'THPT', 'TH_THCS') "
        "AND substr(a.title_code, 1, 8) IN ('V.07.02.', 'V.07.03.', 'V.07.04.', 'V.07.05.')",
        [AS_OF.isoformat()] * 2,
    ).fetchone()[0]
    classes = rctx.db.execute(
        "SELECT sum(classes) FROM unit WHERE valid_to IS NULL AND field IN ('MN', 'TH')"
    ).fetchone()[0]
    total = xlsx_row(xlsx, "Tổng cộng")
    assert total[keys.index("co_mat")] == teachers
    assert total[keys.index("classes")] == classes
    assert total[keys.index("chenh_lech")] == round(teachers - total[keys.index("norm")], 4)
    numbers = pdf_numbers_after(pdf_text(pdf), "Tổng cộng")
    assert numbers[0] == str(classes) and vntext.format_number(total[keys.index("norm")], 2) in numbers
    assert fingerprint_in_pdf(pdf) == {report.fingerprint}
