"""services.history: every save is undoable and redoable through audited
records calls; a re-created row keeps being found by later steps."""

from db import repo
from desktop_app.services import records
from desktop_app.services.history import History


def audited(ctx, entity, field):
    """(action, old, new) of every audit row of one field, in order."""
    return [(r["action"], r["old"], r["new"]) for r in repo.query(
        ctx.db, "SELECT action, old, new FROM audit WHERE entity = ? AND field = ? ORDER BY id",
        [entity, field])]


def test_update_undo_redo_writes_old_then_new_values(ctx, unit_id):
    history = History(ctx)
    history.save("unit", {"name": "Trường Tiểu học Phúc Đồng 2", "deputies": "2"}, unit_id)
    assert history.undo_text() == "Hoàn tác: sửa đơn vị «Trường Tiểu học Phúc Đồng 2»"
    history.undo()
    row = repo.get(ctx.db, "unit", unit_id)
    assert (row["name"], row["deputies"], row["name_key"]) == ("Trường Tiểu học Phúc Đồng", None,
                                                                "truong tieu hoc phuc dong")
    assert history.redo_text() == "Làm lại: sửa đơn vị «Trường Tiểu học Phúc Đồng 2»"
    history.redo()
    row = repo.get(ctx.db, "unit", unit_id)
    assert (row["name"], row["deputies"]) == ("Trường Tiểu học Phúc Đồng 2", 2)
    assert audited(ctx, "unit", "deputies") == [("sua", None, "2"), ("sua", "2", None), ("sua", None, "2")]


def test_a_created_row_is_deleted_by_undo_and_found_again_after_redo(ctx, unit_id):
    history = History(ctx)
    pid = history.save("position", {"unit_id": unit_id, "regime": "ND106-2020", "group_code": "CDNN_CN",
                                    "name": "Giáo viên tiểu học hạng III", "required_count": "12"})
    history.save("position", {"required_count": "14"}, pid)
    history.undo()
    history.undo()
    assert repo.get(ctx.db, "position", pid) is None
    assert not history.can_undo() and history.can_redo()
    history.redo()
    history.redo()  # the update finds the row under its new id
    [row] = repo.find(ctx.db, "position", unit_id=unit_id)
    assert (row["name"], row["required_count"]) == ("Giáo viên tiểu học hạng III", 14)
    assert history.current_id(history.edits[0]) == row["id"]
    assert audited(ctx, "position", "required_count") == [
        ("them", None, "12"), ("sua", "12", "14"), ("sua", "14", "12"), ("xoa", "12", None),
        ("them", None, "12"), ("sua", "12", "14")]


def test_a_new_edit_drops_the_undone_ones(ctx, unit_id):
    history = History(ctx)
    history.save("unit", {"classes": "21"}, unit_id)
    history.undo()
    history.save("unit", {"classes": "22"}, unit_id)
    assert not history.can_redo()
    assert [e.new for e in history.edits] == [{"classes": 22}]


def test_an_unchanged_save_is_not_a_step(ctx, unit_id):
    history = History(ctx)
    history.save("unit", {"classes": "20"}, unit_id)
    assert not history.can_undo() and history.undo_text() == "Hoàn tác"


def test_delete_is_undone_by_creating_the_row_again(ctx, unit_id):
    history = History(ctx)
    did = records.create(ctx, "division", {"unit_id": unit_id, "name": "Tổ Toán", "staff_count": 8})
    history.delete("division", did)
    assert history.undo_text() == "Hoàn tác: xóa phòng, khoa, tổ «Tổ Toán»"
    history.undo()
    [row] = repo.find(ctx.db, "division", unit_id=unit_id)
    assert (row["name"], row["staff_count"]) == ("Tổ Toán", 8)


def test_a_group_of_created_rows_is_one_step(ctx, unit_id):
    history = History(ctx)
    ids = [records.create(ctx, "quota", {"unit_id": unit_id, "year": y, "nsnn": 30}) for y in (2024, 2025)]
    history.push_created("quota", ids, "sao chép số giao")
    assert history.undo_text() == "Hoàn tác: sao chép số giao"
    history.undo()
    assert repo.count(ctx.db, "quota") == 0
    history.redo()
    assert sorted(r["year"] for r in repo.find(ctx.db, "quota")) == [2024, 2025]


def test_the_stack_is_limited(ctx, unit_id):
    history = History(ctx, limit=3)
    for classes in range(21, 26):
        history.save("unit", {"classes": str(classes)}, unit_id)
    assert [e.new["classes"] for e in history.edits] == [23, 24, 25]
    while history.can_undo():
        history.undo()
    assert repo.get(ctx.db, "unit", unit_id)["classes"] == 22
