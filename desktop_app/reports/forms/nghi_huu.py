"""Danh sách đến tuổi nghỉ hưu trong một kỳ: the retirement date (roadmap of NĐ 135/2020,
services.retirement), the day the written notice is due and the day the decision is due."""

from __future__ import annotations

from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import stt
from desktop_app.reports.forms.due_common import date_text, grouped, period, subject, unit_id
from desktop_app.reports.model import ITEM, TEXT, Row, col, group
from desktop_app.services import due

COLUMNS = [
    stt(7), col("label", "Họ và tên", TEXT, 24),
    group("Ngày, tháng, năm sinh", col("nam", "Nam", TEXT, 11), col("nu", "Nữ", TEXT, 11)),
    col("title", "Chức danh", TEXT, 24),
    col("retire", "Ngày nghỉ hưu", TEXT, 12),
    col("notice", "Hạn thông báo nghỉ hưu", TEXT, 13, unverified=True),
    col("decision", "Hạn ra quyết định nghỉ hưu", TEXT, 13, unverified=True),
]


def build(ctx: Context, params: Params) -> list[Row]:
    people = due.retirements(ctx, *period(params), unit_id(ctx, params))
    return grouped(ctx, people, lambda p: p["unit_id"], lambda p: _row(ctx, p))


def _row(ctx: Context, p: dict) -> Row:
    born = date_text(p["birth_date"])
    return Row(ITEM, p["full_name"], {
        "nam": born if p["gender"] == "nam" else None, "nu": born if p["gender"] == "nu" else None,
        "title": ctx.catalogues.label("cdnn", p["title_code"]) if p["title_code"] else None,
        "retire": date_text(p["retire_on"]), "notice": date_text(due.notice_day(ctx, p["retire_on"])),
        "decision": date_text(due.decision_day(ctx, p["retire_on"]))})


FORM = FormDef(
    id="nghi-huu", name="Danh sách đến tuổi nghỉ hưu",
    source=("Bộ luật Lao động 2019 Điều 169; Nghị định 135/2020/NĐ-CP (lộ trình tuổi nghỉ hưu); "
            "thông báo trước 6 tháng, quyết định trước 3 tháng (chưa kiểm chứng với viên chức)"),
    title="DANH SÁCH CÁN BỘ, VIÊN CHỨC ĐẾN TUỔI NGHỈ HƯU",
    columns=COLUMNS, build=build, subject=subject, unit_of_measure="",
    notes=["Ngày nghỉ hưu tính theo lộ trình của Nghị định 135/2020/NĐ-CP. Hạn thông báo và hạn ra quyết "
           "định lấy từ danh mục «Nâng bậc lương» (chưa kiểm chứng)."])
