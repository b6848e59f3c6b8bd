"""Cài đặt: each tab does its work through the services, with Vietnamese messages."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from qt_helpers import type_text

from desktop_app import settings
from desktop_app.context import open_context
from desktop_app.services import backup, office, period_lock, thresholds, users
from ui.settings_page import SettingsPage

TODAY = dt.date(2026, 11, 23)
CODE = "TY_LE_TU_CHU_2026"


@pytest.fixture
def page(app, qtbot, ctx):
    widget = SettingsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


@pytest.fixture
def locked_ctx(tmp_path):
    """A context holding the writer lock, as the GUI opens it (restore needs it)."""
    context = open_context(tmp_path / "gui.sqlite", lock=True, today=TODAY)
    office.save(context, {"name": "Ủy ban nhân dân phường Phúc Đồng", "level": "xa"})
    yield context
    context.close()


def button(widget, text: str) -> QPushButton:
    [found] = [b for b in widget.findChildren(QPushButton) if b.text() == text]
    return found


def test_office_tab_saves_header_and_footer(page, ctx):
    form = page.office_tab.form
    assert form.editors["name"].text() == "Ủy ban nhân dân phường Phúc Đồng"  # loaded
    type_text(form.editors["report_code"], "UBND")
    type_text(form.editors["signer_title"], "CHỦ TỊCH")
    form.editors["recipients"].setPlainText("- UBND thành phố;\n- Sở Nội vụ;\n- Lưu: VT, NV.")
    button(page, "Lưu thông tin cơ quan").click()
    stored = office.get(ctx)
    assert (stored["report_code"], stored["signer_title"]) == ("UBND", "CHỦ TỊCH")
    assert stored["recipients"].splitlines()[-1] == "- Lưu: VT, NV."
    assert form.status.text() == "Đã lưu"


def test_tables_pass_the_model_tester(page, qtmodeltester):
    for model in (page.thresholds_tab.model, page.backup_tab.model, page.lock_tab.model,
                  page.users_tab.model):
        qtmodeltester.check(model)


def _select(tab, code: str) -> None:
    tab.view.selectRow([i["code"] for i in tab.items].index(code))


def test_threshold_override_and_default(page, ctx):
    tab = page.thresholds_tab
    assert tab.model.rowCount() == len(ctx.catalogues.items("nguong"))
    _select(tab, CODE)
    default = settings.threshold(ctx, CODE)
    tab.value.setText("25,5")
    button(tab, "Lưu giá trị").click()
    assert settings.threshold(ctx, CODE) == 25.5
    row = [i["code"] for i in tab.items].index(CODE)
    assert tab.model.index(row, 1).data() == "25,5 *"
    assert tab.status.text() == "Đã lưu giá trị mới."
    tab.value.setText("150")  # a percentage over 100 is refused, the override stays
    button(tab, "Lưu giá trị").click()
    assert tab.status.text() == "Tỷ lệ phần trăm không vượt quá 100."
    assert settings.threshold(ctx, CODE) == 25.5
    button(tab, "Khôi phục mặc định").click()
    assert settings.threshold(ctx, CODE) == default and tab.value.text() == str(int(default))
    logged = [r[0] for r in ctx.db.execute("SELECT action FROM audit WHERE entity = 'setting'")]
    assert logged == ["sua", "khoi_phuc_mac_dinh"]


def test_threshold_service_refuses_text(ctx):
    from desktop_app.errors import ValidationError

    with pytest.raises(ValidationError, match="không phải số"):
        thresholds.set_threshold(ctx, CODE, "mười")
    with pytest.raises(ValidationError, match="Không có chỉ tiêu"):
        thresholds.set_threshold(ctx, "KHONG_CO", 1)


def test_backup_now_creates_a_file(app, qtbot, locked_ctx, tmp_path):
    page = SettingsPage(locked_ctx)
    qtbot.addWidget(page)
    tab = page.backup_tab
    before = tab.model.rowCount()
    with qtbot.waitSignal(tab.done, timeout=20000):
        button(tab, "Sao lưu ngay").click()
    made = [b for b in backup.list_backups(locked_ctx.path) if b.reason == "thucong"]
    assert len(made) == 1 and made[0].path.is_file() and backup.verify(made[0].path) is None
    assert tab.model.rowCount() == before + 1
    assert tab.model.index(0, 1).data() == "sao lưu theo yêu cầu"
    usb = tmp_path / "usb"
    usb.mkdir()
    tab.choose_folder = lambda: str(usb)
    with qtbot.waitSignal(tab.done, timeout=20000):
        button(tab, "Sao lưu vào thư mục khác…").click()
    [copied] = list(usb.glob("*.sqlite"))
    assert backup.verify(copied) is None and str(copied) in tab.status.text()


def test_restore_round_trip_rebuilds_the_window(app, qtbot, locked_ctx, settings):
    from ui.main_window import MainWindow

    earlier = backup.backup_now(locked_ctx, "thucong")
    office.save(locked_ctx, {"name": "Tên đổi sau khi sao lưu"})
    window = MainWindow(locked_ctx, settings)
    qtbot.addWidget(window)
    window.show_page("settings")
    tab = window.page("settings").backup_tab
    tab.view.selectRow([b.path for b in tab.backups].index(earlier))
    asked = []
    tab.confirm = lambda text: asked.append(text) or True
    tab.ask_restore_reason = lambda: "Sửa nhầm tên cơ quan"
    with qtbot.waitSignal(tab.done, timeout=20000) as done:
        button(tab, "Khôi phục bản đã chọn").click()
    assert done.args[0].startswith("Đã khôi phục dữ liệu.")
    assert earlier.name in asked[0] and "sao lưu trước" in asked[0]
    assert office.get(locked_ctx)["name"] == "Ủy ban nhân dân phường Phúc Đồng"
    qtbot.waitUntil(lambda: window.page("settings").backup_tab is not tab)  # pages rebuilt
    assert window.page("settings").office_tab.form.editors["name"].text() == \
        "Ủy ban nhân dân phường Phúc Đồng"
    assert any(b.reason == "khoiphuc" for b in backup.list_backups(locked_ctx.path))
    assert window.windowTitle() == "Biên chế — Ủy ban nhân dân phường Phúc Đồng"


def test_restore_refuses_a_bad_file_in_vietnamese(app, qtbot, locked_ctx, tmp_path):
    page = SettingsPage(locked_ctx)
    qtbot.addWidget(page)
    bad = tmp_path / "khong-phai.sqlite"
    bad.write_bytes(b"khong phai sqlite" * 100)
    tab = page.backup_tab
    tab.choose_file, tab.confirm = (lambda: str(bad)), (lambda text: True)
    tab.ask_restore_reason = lambda: "Thử tệp khác"
    with qtbot.waitSignal(tab.done, timeout=20000) as done:
        button(tab, "Khôi phục từ tệp…").click()
    assert done.args[0].startswith("Không khôi phục từ «khong-phai.sqlite» được")
    assert office.get(locked_ctx)["name"] == "Ủy ban nhân dân phường Phúc Đồng"


def test_lock_and_unlock_follow_roles(app, qtbot, ctx):
    users.create_user(ctx, "quantri", "Quantri#2026", "quan_tri")
    users.create_user(ctx, "hoa", "Chuyenvien#1", "chuyen_vien")
    users.login(ctx, "hoa", "Chuyenvien#1")
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    tab = page.lock_tab
    assert not page.tabs.isTabVisible(4)  # Người dùng: Quản trị only
    tab.year.setValue(2026)
    tab.reason.setText("Đã gửi báo cáo lên Sở Nội vụ")
    button(tab, "Chốt số liệu năm").click()
    assert period_lock.locked_years(ctx) == [2026]
    assert tab.state.text().startswith("Số liệu năm 2026 đã chốt ngày ")
    assert not tab.unlock_button.isEnabled()
    tab.reason.setText("muốn sửa")
    tab.unlock()  # even if called, the service refuses a Chuyên viên
    assert "Chỉ tài khoản Quản trị" in tab.status.text() and period_lock.locked_years(ctx) == [2026]
    users.login(ctx, "quantri", "Quantri#2026")
    tab.reload()
    tab.reason.clear()
    tab.ask_reason = lambda: " "
    tab.unlock()
    assert tab.status.text() == "Cần ghi lý do mở khóa số liệu đã chốt."
    tab.ask_reason = lambda: "Sở yêu cầu sửa số giao"
    tab.unlock()
    assert period_lock.locked_years(ctx) == [] and tab.status.text() == "Đã mở khóa số liệu năm 2026."
    assert tab.model.index(0, 1).data() == "Đã mở khóa"
    assert tab.model.index(0, 7).data() == "Sở yêu cầu sửa số giao"
    assert tab.model.index(0, 3).data() == "hoa" and tab.model.index(0, 6).data() == "quantri"


def test_read_only_user_sees_the_permission_message(app, qtbot, ctx):
    users.create_user(ctx, "xem", "Chixem#2026", "chi_xem")
    users.login(ctx, "xem", "Chixem#2026")
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    form = page.office_tab.form
    form.editors["report_code"].setText("UBND")
    assert form.save() is None
    assert "Chỉ tài khoản Quản trị" in form.status.text()  # the office identity is the admin's (#14)
    assert form.editors["report_code"].text() == "UBND"  # what was typed stays
    assert office.get(ctx)["report_code"] is None
    page.thresholds_tab.value.setText("12")
    page.thresholds_tab.save()
    assert "chỉ được xem" in page.thresholds_tab.status.text()


def test_users_tab_adds_resets_and_deactivates(page, ctx):
    tab = page.users_tab
    tab.username.setText("hoa.nt")
    tab.full_name.setText("Nguyễn Thị Hoa")
    tab.password.setText("Matkhau#2026")
    tab.again.setText("Matkhau#2027")
    tab.add_button.click()
    assert tab.status.text() == "Hai lần nhập mật khẩu không giống nhau." and tab.model.rowCount() == 0
    tab.again.setText("Matkhau#2026")
    tab.add_button.click()
    assert tab.status.text() == "Đã thêm người dùng «hoa.nt»."
    assert [tab.model.index(0, c).data() for c in range(4)] == \
        ["hoa.nt", "Nguyễn Thị Hoa", "Chuyên viên", "Đang dùng"]
    tab.view.selectRow(0)
    tab.password.setText("Matkhau#moi1")
    tab.again.setText("Matkhau#moi1")
    tab.reset_button.click()
    _login_elsewhere(ctx, "hoa.nt", "Matkhau#moi1")  # another session signs in
    tab.view.selectRow(0)
    tab.active_button.click()
    assert tab.model.index(0, 3).data() == "Đã khóa"
    from desktop_app.errors import ValidationError

    with pytest.raises(ValidationError, match="Sai tên đăng nhập"):
        _login_elsewhere(ctx, "hoa.nt", "Matkhau#moi1")


def _login_elsewhere(ctx, username: str, password: str) -> None:
    other = open_context(ctx.path)
    try:
        users.login(other, username, password)
    finally:
        other.close()


def test_requiring_login_first_creates_the_admin(page, ctx):
    tab = page.users_tab
    tab.ask_admin = lambda: None
    tab.required.setChecked(True)
    assert not users.login_required(ctx) and not tab.required.isChecked()
    assert "cần một tài khoản Quản trị" in tab.status.text()
    tab.ask_admin = lambda: ("quantri", "Trần Văn An", "Quantri#2026")
    tab.required.setChecked(True)
    assert users.login_required(ctx) and tab.required.isChecked()
    assert [(u["username"], u["role"]) for u in users.list_users(ctx)] == [("quantri", "quan_tri")]
    logged = [r[0] for r in ctx.db.execute("SELECT field FROM audit WHERE entity = 'setting'")]
    assert logged == [users.LOGIN_KEY]
    tab.required.setChecked(False)
    assert not users.login_required(ctx)

# ---------------------------------------------------------------- nothing typed is lost (issue #18 §1)
# The office form keeps its typing across a tab switch; a threshold's typed value asks before another
# row, another page or closing replaces it — «Hủy» keeps it, «Lưu» stores it for the threshold it was
# typed for, «Không lưu» drops it.

FIRST, SECOND = 0, 1


def test_office_typing_survives_a_tab_switch(page, ctx):
    form = page.office_tab.form
    type_text(form.editors["signer_title"], "CHỦ TỊCH")
    page.tabs.setCurrentIndex(1)
    page.tabs.setCurrentIndex(0)
    assert form.editors["signer_title"].text() == "CHỦ TỊCH" and form.is_dirty()


def _type_in_first_then_move(page, qtbot, reply: str) -> tuple[list[str], list[dict]]:
    tab = page.thresholds_tab
    page.tabs.setCurrentWidget(tab)
    asked: list[str] = []
    tab.confirm_unsaved = lambda text: asked.append(text) or reply
    tab.view.setFocus()
    tab.view.selectRow(FIRST)
    tab.value.selectAll()
    type_text(tab.value, "7")
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Down)
    return asked, tab.items


def selected(tab) -> int:
    [row] = {i.row() for i in tab.view.selectionModel().selectedIndexes()}
    return row


def test_threshold_cancel_keeps_the_typed_value_and_row(page, qtbot, ctx):
    asked, items = _type_in_first_then_move(page, qtbot, "cancel")
    tab = page.thresholds_tab
    qtbot.wait(20)
    assert len(asked) == 1 and "«Chỉ tiêu»" in asked[0]
    assert tab.value.text() == "7" and selected(tab) == FIRST
    assert settings.threshold(ctx, items[FIRST]["code"]) == items[FIRST]["default"]


def test_threshold_save_stores_it_for_the_row_it_was_typed_in(page, qtbot, ctx):
    _asked, items = _type_in_first_then_move(page, qtbot, "save")
    tab = page.thresholds_tab
    assert settings.threshold(ctx, items[FIRST]["code"]) == 7
    assert settings.threshold(ctx, items[SECOND]["code"]) == items[SECOND]["default"]
    assert selected(tab) == SECOND and tab.current()["code"] == items[SECOND]["code"]
    assert not tab.is_dirty()


def test_threshold_discard_drops_it(page, qtbot, ctx):
    _asked, items = _type_in_first_then_move(page, qtbot, "discard")
    tab = page.thresholds_tab
    assert settings.threshold(ctx, items[FIRST]["code"]) == items[FIRST]["default"]
    assert selected(tab) == SECOND and not tab.is_dirty()


def test_a_typed_threshold_is_guarded_on_a_page_change(main_window, qtbot, ctx):
    main_window.show_page("settings")
    tab = main_window.page("settings").thresholds_tab
    main_window.page("settings").tabs.setCurrentWidget(tab)
    tab.view.selectRow(FIRST)
    tab.value.selectAll()
    type_text(tab.value, "7")
    asked: list[str] = []
    main_window.confirm_unsaved = lambda text: asked.append(text) or "cancel"
    main_window.show_page("units")
    assert len(asked) == 1 and "«Chỉ tiêu»" in asked[0]
    assert tab.value.text() == "7"
