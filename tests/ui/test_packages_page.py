"""Page «Gói dữ liệu»: export and import run off the GUI thread; the summary table shows each package."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer

from desktop_app.packages import keys
from desktop_app.packages.consolidate import LOI, NHAP, TRUNG
from desktop_app.services import office, records
from ui.packages_page import PackagesPage


def answer_key_dialog(qtbot, page, key, shown) -> None:
    """Wait for the key confirmation dialog, note its text, answer it with one key press."""
    def answer():
        box = page.key_dialog
        if box is None or not box.isVisible():
            QTimer.singleShot(50, answer)
            return
        shown.append(box.text())
        page.key_dialog = None
        qtbot.keyClick(box, key)
    QTimer.singleShot(50, answer)


def test_export_then_import_twice_shows_summary(qtbot, qtmodeltester, tmp_path, ctx):
    records.create(ctx, "unit", {"code": "TH01", "name": "Trường Tiểu học Phúc Đồng", "field": "TH"})
    page = PackagesPage(ctx)
    qtbot.addWidget(page)
    target = tmp_path / "usb" / "goi.zip"
    page.choose_export_path = lambda: str(target)
    with qtbot.waitSignal(page.finished, timeout=30000):
        page.export_button.click()
    assert target.exists() and "Đã xuất gói" in page.status.text()

    from desktop_app.context import open_context
    province = open_context(tmp_path / "tinh.sqlite", today=ctx.today)
    office.save(province, {"name": "Sở Nội vụ tỉnh", "level": "tinh"})
    other = PackagesPage(province)
    qtbot.addWidget(other)
    other.choose_import_paths = lambda: [str(target), str(target)]
    shown = []
    answer_key_dialog(qtbot, other, Qt.Key.Key_Escape, shown)  # the clerk's paper does not match
    with qtbot.waitSignal(other.finished, timeout=30000):
        other.import_button.click()
    model = other.model
    assert [model.data(model.index(r, 4)) for r in range(2)] == [LOI, LOI]
    assert "Chưa tin cậy khóa ký" in model.data(model.index(0, 5))
    assert province.db.execute("SELECT count(*) FROM unit").fetchone()[0] == 0
    answer_key_dialog(qtbot, other, Qt.Key.Key_Return, shown)  # it matches: trust the key
    with qtbot.waitSignal(other.finished, timeout=30000):
        other.import_button.click()
    assert len(shown) == 2 and all(keys.own_fingerprint(ctx) in text for text in shown)
    qtmodeltester.check(other.model)
    assert model.rowCount() == 2
    assert [model.data(model.index(r, 4)) for r in range(2)] == [NHAP, TRUNG]
    assert model.data(model.index(0, 1)) == "Ủy ban nhân dân phường Phúc Đồng"
    assert province.db.execute("SELECT count(*) FROM unit").fetchone()[0] == 1
    province.close()


def test_the_import_worker_acts_as_the_signed_in_user(qtbot, tmp_path, ctx):
    """The worker thread has a Context of its own: it must carry the window's user to the
    services' gate, never fall back to the built-in administrator (issue #15)."""
    from desktop_app.context import open_context
    from desktop_app.packages.export import export_package
    from desktop_app.services import users

    records.create(ctx, "unit", {"code": "TH01", "name": "Trường Tiểu học Phúc Đồng", "field": "TH"})
    export_package(ctx, tmp_path / "goi.zip")
    province = open_context(tmp_path / "tinh.sqlite", today=ctx.today)
    office.save(province, {"name": "Sở Nội vụ tỉnh", "level": "tinh"})
    users.create_user(province, "xem", "Chixem#2026", "chi_xem")
    users.login(province, "xem", "Chixem#2026")
    page = PackagesPage(province)
    qtbot.addWidget(page)
    page.choose_import_paths = lambda: [str(tmp_path / "goi.zip")]
    with qtbot.waitSignal(page.finished, timeout=30000):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert "Chỉ xem" in page.status.text()
    assert province.db.execute("SELECT count(*) FROM unit").fetchone()[0] == 0
    province.close()


def test_a_changed_sender_key_is_taken_by_an_admin_with_a_reason(qtbot, tmp_path, ctx):
    """The office lost its file and made a new key: the GUI said «lần đầu» and then refused
    whatever the clerk did; now Quản trị sees both fingerprints and takes the new key with a
    reason (the same service and gate as ``--trust … --reason``), anyone else is refused."""
    import json

    from desktop_app.context import open_context
    from desktop_app.packages.consolidate import import_packages
    from desktop_app.packages.export import export_package

    records.create(ctx, "unit", {"code": "TH01", "name": "Trường Tiểu học Phúc Đồng", "field": "TH"})
    old, new = tmp_path / "cu.zip", tmp_path / "moi.zip"
    export_package(ctx, old)
    old_key = keys.own_fingerprint(ctx)
    province = open_context(tmp_path / "tinh.sqlite", today=ctx.today)
    office.save(province, {"name": "Sở Nội vụ tỉnh", "level": "tinh"})
    import_packages(province, [old], make_backup=False, trust=[old_key])
    ctx.db.execute("DELETE FROM office_key")  # the office lost its file and made a new key
    export_package(ctx, new)
    new_key = keys.own_fingerprint(ctx)
    uid = ctx.db.execute("SELECT uid FROM office").fetchone()[0]
    page = PackagesPage(province)
    qtbot.addWidget(page)
    page.choose_import_paths = lambda: [str(new)]

    def answer(reason: str) -> None:
        box = page.key_dialog
        if box is None or not box.isVisible():
            QTimer.singleShot(50, lambda: answer(reason))
            return
        shown.append(box.text())
        page.key_dialog = None
        if not hasattr(box, "reason"):  # a dialog that asks no reason cannot take a changed key
            box.reject()
            return
        qtbot.keyClick(box.reason, Qt.Key.Key_Return)  # no reason yet: Enter takes nothing
        assert box.isVisible()
        if not reason:
            qtbot.keyClick(box.reason, Qt.Key.Key_Escape)
            return
        for ch in reason:
            qtbot.keyClicks(box.reason, ch) if ch.isascii() else box.reason.insert(ch)
        qtbot.keyClick(box.reason, Qt.Key.Key_Return)

    shown: list[str] = []
    QTimer.singleShot(50, lambda: answer(""))
    with qtbot.waitSignal(page.finished, timeout=30000):
        page.import_button.click()
    assert page.model.data(page.model.index(0, 4)) == LOI
    assert keys.pinned(province, uid, keys.SENDER)["fingerprint"] == old_key
    assert old_key in shown[0] and new_key in shown[0] and "lần đầu" not in shown[0]

    QTimer.singleShot(50, lambda: answer("xã cài lại máy, CV 12/UBND"))
    with qtbot.waitSignal(page.finished, timeout=30000):
        page.import_button.click()
    assert page.model.data(page.model.index(0, 4)) != LOI
    assert keys.pinned(province, uid, keys.SENDER)["fingerprint"] == new_key
    row = province.db.execute("SELECT new FROM audit WHERE action = 'doi_khoa_tin_cay'").fetchone()
    change = json.loads(row[0])
    assert (change["khoa_cu"], change["khoa_moi"]) == (old_key, new_key)
    assert change["ly_do"] == "xã cài lại máy, CV 12/UBND"
    province.close()


def test_a_changed_sender_key_is_not_offered_to_a_clerk(qtbot, tmp_path, ctx):
    from desktop_app.context import open_context
    from desktop_app.packages.consolidate import import_packages
    from desktop_app.packages.export import export_package

    old, new = tmp_path / "cu.zip", tmp_path / "moi.zip"
    export_package(ctx, old)
    province = open_context(tmp_path / "tinh.sqlite", today=ctx.today)
    office.save(province, {"name": "Sở Nội vụ tỉnh", "level": "tinh"})
    import_packages(province, [old], make_backup=False, trust=[keys.own_fingerprint(ctx)])
    ctx.db.execute("DELETE FROM office_key")
    export_package(ctx, new)
    province.role = "chuyen_vien"
    page = PackagesPage(province)
    qtbot.addWidget(page)
    page.choose_import_paths = lambda: [str(new)]
    asked = []
    page.confirm_key_change = lambda summary: asked.append(summary) or "lý do"
    page.confirm_key = lambda summary: asked.append(summary) or True
    with qtbot.waitSignal(page.finished, timeout=30000):
        page.import_button.click()
    assert asked == [] and page.model.data(page.model.index(0, 4)) == LOI
    assert "khóa khác" in page.model.data(page.model.index(0, 5))
    province.close()
