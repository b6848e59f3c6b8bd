"""Nhật ký shows the demo's own row and the services' date columns in Vietnamese."""

from desktop_app.services import audit_view


def _row(**values):
    base = {"at": "2026-11-01 08:00:00", "app_user": "quantri", "os_user": "x", "entity_id": 1,
            "record_name": None, "old": None}
    return base | values


def test_demo_row_and_iso_dates_are_shown_in_vietnamese(ctx):
    shown = audit_view.describe(ctx, _row(action="demo", entity="demo", field="scale",
                                          new="bienche demo --scale office --seed 1: 3 đơn vị"))
    assert (shown["action"], shown["entity"], shown["field"]) == ("Tạo dữ liệu mẫu", "Dữ liệu mẫu", "Quy mô")
    shown = audit_view.describe(ctx, _row(action="them", entity="office", field="created_at",
                                          new="2026-11-01 08:00:00"))
    assert shown["new"] == "01/11/2026 08:00:00"
    shown = audit_view.describe(ctx, _row(action="them", entity="assignment", field="valid_from",
                                          new="2025-07-01"))
    assert shown["new"] == "01/07/2025" and shown["field"] == "Từ ngày"


def test_no_row_of_the_office_demo_shows_an_internal_name(ctx):
    """Every action, kind of record and field the services log (the demo writes tinh giản
    batches and their people too) is shown by a Vietnamese label, codes by their labels."""
    import re

    from desktop_app.services import demo

    demo.generate(ctx, scale="office", seed=1)
    ids = audit_view.search_ids(ctx)
    shown = audit_view.rows(ctx, ids).values()
    internal = re.compile(r"[a-z0-9_:]+")  # how our code names things; labels start with a capital
    named = {(key, row[key]) for row in shown for key in ("action", "entity", "field")
             if row[key] and internal.fullmatch(row[key])}
    assert named == set()
    states = {row["new"] for row in shown if row["field"] == "Trạng thái"}
    assert states and states <= {"Dự kiến", "Đã trình", "Được phê duyệt", "Đã giải quyết"}
    money = [row["new"] for row in shown if row["field"] == "Kinh phí nhập tay (đồng)"]
    assert money and all(re.fullmatch(r"\d{1,3}(\.\d{3})*", m) for m in money)
