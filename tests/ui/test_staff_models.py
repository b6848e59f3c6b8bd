"""Every table model of the Nhân sự and Nhật ký pages passes Qt's model
tester; the staff model opens on one LIMIT query and reads the rest lazily;
the audit page speaks the clerk's words and masks CCCD numbers."""

import pytest
from PySide6.QtCore import QModelIndex

from desktop_app.errors import ValidationError
from desktop_app.services import audit_view, evaluations, records, staff, staff_actions
from ui.audit_page import AuditTableModel
from ui.evaluation_grid import EvaluationGridModel
from ui.person_tabs import EvaluationTab, HistoryTab
from ui.staff_table_model import BATCH, StaffTableModel


def _many(ctx, unit_id, count):
    with ctx.db.atomic():
        for i in range(count):
            records.create(ctx, "person", {"full_name": f"Nguyễn Văn Số{i:04d}", "unit_id": unit_id,
                                           "recruited_on": "2020-01-01"})


def test_staff_model_passes_the_tester_and_loads_lazily(qtmodeltester, ctx, unit_id):
    _many(ctx, unit_id, BATCH + 30)
    model = StaffTableModel(ctx)
    assert not model.complete and model.total == BATCH + 30 and len(model.ids) == BATCH
    assert model.rowCount() == BATCH and model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    model.fetchMore(QModelIndex())
    assert model.complete and model.rowCount() == BATCH + 30
    qtmodeltester.check(model)


def test_small_models_pass_the_tester(qtmodeltester, qtbot, ctx, unit_id):
    person = records.create(ctx, "person", {"full_name": "Lê Văn An", "unit_id": unit_id,
                                            "recruited_on": "2020-01-01"})
    staff.change_post(ctx, person, "01/01/2024", "nang_luong", {"salary_step": 2})
    evaluations.save(ctx, person, 2025, "HTNV")
    history = HistoryTab(ctx, {unit_id: "Trường"})
    qtbot.addWidget(history)
    history.show_person(person)
    qtmodeltester.check(history.model)
    tab = EvaluationTab(ctx)
    qtbot.addWidget(tab)
    tab.show_person(person)
    qtmodeltester.check(tab.model)
    grid = EvaluationGridModel(ctx)
    grid.show(unit_id, 2025)
    qtmodeltester.check(grid)
    qtmodeltester.check(AuditTableModel(ctx))


def test_audit_rows_use_labels_and_mask_cccd(ctx, unit_id):
    person = records.create(ctx, "person", {"full_name": "Lê Văn An", "unit_id": unit_id, "gender": "nam",
                                            "cccd": "001085001234", "employment_kind": "VIEN_CHUC"})
    ids = audit_view.search_ids(ctx, audit_view.AuditFilter(entity="person"))
    shown = {r["field"]: r for r in audit_view.rows(ctx, ids).values()}
    assert shown["Số CCCD"]["new"] == "••••••••1234"
    assert shown["Giới tính"]["new"] == "Nam"
    assert shown["Loại lao động"]["new"] == "Viên chức"
    assert shown["Đơn vị"]["new"] == "Trường Tiểu học Phúc Đồng"
    assert {r["record"] for r in shown.values()} == {"Lê Văn An"}
    assert {r["action"] for r in shown.values()} == {"Thêm"}
    assert audit_view.search_ids(ctx, audit_view.AuditFilter(text="0010850")) == []  # masked digits
    assert len(audit_view.search_ids(ctx, audit_view.AuditFilter(text="vien chuc"))) == 1
    staff.leave(ctx, person, "01/01/2026", "NGHI_HUU")
    latest = audit_view.rows(ctx, audit_view.search_ids(ctx))
    first = latest[max(latest)]
    assert first["action"] == "Thôi làm việc" and first["new"] in ("Nghỉ hưu", "01/01/2026")
    assert audit_view.search_ids(ctx, audit_view.AuditFilter(date_from="2000-01-01",
                                                             date_to="2000-12-31")) == []


def test_salary_raise_is_checked_against_the_class(ctx, unit_id):
    person = records.create(ctx, "person", {"full_name": "Lê Văn An", "unit_id": unit_id,
                                            "salary_class": "A1", "salary_step": 3, "coefficient": 3.0,
                                            "recruited_on": "2020-01-01"})
    with pytest.raises(ValidationError) as bad:
        staff_actions.apply(ctx, person, "nang_luong", {"valid_from": "01/01/2025", "salary_step": "10",
                                                        "coefficient": "5,1"})
    assert {p.field for p in bad.value.problems} == {"salary_step"}
    with pytest.raises(ValidationError) as bad:
        staff_actions.apply(ctx, person, "nang_luong", {"valid_from": "01/01/2025", "salary_step": "4",
                                                        "coefficient": "5,1"})
    assert [p.field for p in bad.value.problems] == ["coefficient"]
    staff_actions.apply(ctx, person, "nang_luong", {"valid_from": "01/01/2025", "salary_step": "4",
                                                    "coefficient": "3,33"})
    assert staff_actions.coefficient_of_step(ctx, "A1", 4) == 3.33
    assert [a["change"] for a in staff.history(ctx, person)] == ["tuyen_dung", "nang_luong"]


def test_score_only_from_2026(ctx, unit_id):
    person = records.create(ctx, "person", {"full_name": "Lê Văn An", "unit_id": unit_id})
    with pytest.raises(ValidationError):
        evaluations.save(ctx, person, 2025, "HTNV", "85")
    evaluations.save(ctx, person, 2026, "HTTNV", "85")
    assert [(e["year"], e["score"]) for e in evaluations.for_person(ctx, person)] == [(2026, 85.0)]


def test_year_grid_lists_the_roll_and_saves_each_cell(ctx, unit_id):
    stays = records.create(ctx, "person", {"full_name": "Lê Văn An", "unit_id": unit_id,
                                           "recruited_on": "2020-01-01"})
    gone = records.create(ctx, "person", {"full_name": "Trần Thị Bình", "unit_id": unit_id,
                                          "recruited_on": "2020-01-01"})
    staff.leave(ctx, gone, "30/06/2024", "THOI_VIEC")
    model = EvaluationGridModel(ctx)
    model.show(unit_id, 2025)
    assert [r["person_id"] for r in model.rows] == [stays]  # left before 2025
    model.show(unit_id, 2024)
    assert [r["full_name"] for r in model.rows] == ["Lê Văn An", "Trần Thị Bình"]
    assert model.setData(model.index(1, 2), "KHTNV")
    assert model.index(1, 2).data() == "Không hoàn thành nhiệm vụ"
    assert not model.setData(model.index(0, 3), "80")  # no score before 2026
    assert "2026" in model.problem
    assert [(e["year"], e["level"]) for e in evaluations.for_person(ctx, gone)] == [(2024, "KHTNV")]


def test_dialogs_have_no_english(app, qtbot, ctx, unit_id):
    from test_no_english import english_in, visible_texts

    from ui.evaluation_grid import EvaluationGridDialog
    from ui.staff_action_dialog import StaffActionDialog

    person = records.create(ctx, "person", {"full_name": "Lê Văn An", "unit_id": unit_id})
    for dialog in (*(StaffActionDialog(ctx, person, a) for a in staff_actions.ACTIONS),
                   EvaluationGridDialog(ctx, unit_id)):
        qtbot.addWidget(dialog)
        texts = visible_texts(dialog)
        assert "Hủy" in texts or "Đóng" in texts
        assert english_in(texts) == []
