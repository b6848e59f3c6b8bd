"""Danh sách đề nghị xét nâng bậc lương trước thời hạn: candidates for an achievement (khen
thưởng in the step period, no delay, at most 12 months short on 31/12) or for a retirement
notice due in the period, with the unit's quota shown as data (catalogue ``nang_luong``)."""

from __future__ import annotations

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import stt
from desktop_app.reports.forms.due_common import date_text, grouped, period, salary_class, subject, unit_id
from desktop_app.reports.model import DEC, INT, ITEM, NOTE, TEXT, Row, col, group
from desktop_app.services import due

REASONS = {"thanh_tich": "Lập thành tích xuất sắc", "nghi_huu": "Có thông báo nghỉ hưu"}

COLUMNS = [
    stt(7), col("label", "Họ và tên", TEXT, 22), col("class", "Loại ngạch", TEXT, 8),
    group("Đang hưởng", col("step", "Bậc", INT, 6), col("coef", "Hệ số", DEC, 8),
          col("since", "Từ ngày", TEXT, 11)),
    col("due", "Đến hạn thường xuyên", TEXT, 12),
    col("reason", "Căn cứ đề nghị", TEXT, 20), col("detail", "Thành tích, ngày nghỉ hưu", TEXT, 30),
    group("Đề nghị", col("new_step", "Bậc", INT, 6), col("new_coef", "Hệ số", DEC, 8)),
]


def build(ctx: Context, params: Params) -> list[Row]:
    items = due.early_candidates(ctx, *period(params), unit_id(ctx, params))
    return grouped(ctx, items, lambda e: e.due.unit_id, lambda e: _row(ctx, e), lambda uid: _quota(ctx, uid))


def _quota(ctx: Context, uid: int) -> Row:
    quota, people, pct = due.early_quota(ctx, uid)
    verified = (due.rule(ctx, "EARLY_QUOTA").get("verified") is not False)
    mark = "" if verified else " — tỷ lệ chưa kiểm chứng"
    return Row(NOTE, f"Chỉ tiêu do thành tích: {quota} người ({vntext.format_number(pct)}% × "
                     f"{people} người trong danh sách trả lương{mark})")


def _row(ctx: Context, e: due.Early) -> Row:
    d = e.due
    return Row(ITEM, d.full_name, {
        "class": salary_class(ctx, d.salary_class), "step": d.step, "coef": d.coefficient,
        "since": date_text(d.since),
        "due": date_text(d.due_on), "reason": REASONS[e.reason], "detail": e.detail,
        "new_step": d.new_step, "new_coef": d.new_coefficient})


FORM = FormDef(
    id="nang-luong-truoc-han", name="Danh sách đề nghị nâng bậc lương trước thời hạn",
    source=("Thông tư 08/2013/TT-BNV Điều 3, sửa đổi bởi Thông tư 03/2021/TT-BNV (trước thời hạn tối đa "
            "12 tháng; do thành tích trong chỉ tiêu của đơn vị; khi có thông báo nghỉ hưu)"),
    title="DANH SÁCH ĐỀ NGHỊ XÉT NÂNG BẬC LƯƠNG TRƯỚC THỜI HẠN",
    columns=COLUMNS, build=build, subject=subject, unit_of_measure="",
    notes=["Danh sách gợi ý để xét: điều kiện đánh giá, xếp loại và hình thức khen thưởng cụ thể do "
           "quy chế của cơ quan quy định. Tỷ lệ chỉ tiêu lấy từ danh mục «Nâng bậc lương»."])
