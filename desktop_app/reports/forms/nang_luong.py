"""Danh sách đến hạn nâng bậc lương thường xuyên và phụ cấp thâm niên vượt khung trong một kỳ:
who, the step held and since when, the delay (discipline, a year «không hoàn thành nhiệm vụ»)
and why, the due day, the new step and hệ số or the new TNVK percentage (services.due)."""

from __future__ import annotations

from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import stt
from desktop_app.reports.forms.due_common import date_text, grouped, period, salary_class, subject, unit_id
from desktop_app.reports.model import DEC, INT, ITEM, TEXT, Row, col, group
from desktop_app.services import due

COLUMNS = [
    stt(7), col("label", "Họ và tên", TEXT, 22), col("class", "Loại ngạch", TEXT, 8),
    group("Đang hưởng", col("step", "Bậc", INT, 6), col("coef", "Hệ số", DEC, 8),
          col("pct", "TNVK (%)", INT, 7), col("since", "Từ ngày", TEXT, 11)),
    group("Kéo dài", col("delay", "Số tháng", INT, 7), col("why", "Lý do", TEXT, 26)),
    col("due", "Ngày đến hạn", TEXT, 11),
    group("Được hưởng", col("what", "Nội dung", TEXT, 18), col("new_step", "Bậc", INT, 6),
          col("new_coef", "Hệ số", DEC, 8), col("new_pct", "TNVK (%)", INT, 7)),
]


def build(ctx: Context, params: Params) -> list[Row]:
    items = due.step_raises(ctx, *period(params), unit_id(ctx, params))
    return grouped(ctx, items, lambda d: d.unit_id, lambda d: _row(ctx, d))


def _row(ctx: Context, d: due.Due) -> Row:
    return Row(ITEM, d.full_name, {
        "class": salary_class(ctx, d.salary_class), "step": d.step, "coef": d.coefficient, "pct": d.pct,
        "since": date_text(d.since), "delay": d.delay_months or None, "why": "; ".join(d.delays) or None,
        "due": date_text(d.due_on), "what": due.KIND_LABELS[d.kind],
        "new_step": d.new_step if d.kind == due.RAISE else None,
        "new_coef": d.new_coefficient if d.kind == due.RAISE else None,
        "new_pct": d.new_pct if d.kind != due.RAISE else None})


FORM = FormDef(
    id="nang-luong", name="Danh sách đến hạn nâng bậc lương thường xuyên, thâm niên vượt khung",
    source=("Thông tư 08/2013/TT-BNV ngày 31/7/2013, sửa đổi bởi Thông tư 03/2021/TT-BNV ngày 29/6/2021 "
            "(Điều 2: 36 tháng với loại A0–A3, 24 tháng với loại B, C; kéo dài do kỷ luật, do năm không "
            "hoàn thành nhiệm vụ); Thông tư 04/2005/TT-BNV (thâm niên vượt khung 5%, mỗi năm thêm 1%)"),
    title="DANH SÁCH CÁN BỘ, VIÊN CHỨC ĐẾN HẠN NÂNG BẬC LƯƠNG THƯỜNG XUYÊN, PHỤ CẤP THÂM NIÊN VƯỢT KHUNG",
    columns=COLUMNS, build=build, subject=subject, unit_of_measure="",
    notes=["Thời gian kéo dài theo danh mục «Hình thức kỷ luật» (số tháng do kỷ luật viên chức: Luật Viên "
           "chức Điều 56 khoản 1) và «Nâng bậc lương» (số tháng do năm không hoàn thành nhiệm vụ: chưa "
           "kiểm chứng). Ngày đến hạn = ngày hưởng bậc hiện tại + thời gian "
           "giữ bậc + thời gian kéo dài."])
