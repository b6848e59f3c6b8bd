"""Sign-in before the main window, the damaged-file restore at start-up, and
the crash handler (log without personal data, Vietnamese dialog)."""

import datetime as dt
import logging
import sys

import pytest
from PySide6.QtWidgets import QLabel

from desktop_app import crash
from desktop_app.context import open_context
from desktop_app.services import backup, office, users
from ui import app as app_module
from ui.crash_dialog import CrashDialog
from ui.login_dialog import LoginDialog, ensure_login


@pytest.fixture
def with_login(ctx):
    users.create_user(ctx, "quantri", "Quantri#2026", "quan_tri", "Trần Văn An")
    users.create_user(ctx, "hoa", "Chuyenvien#1", "chuyen_vien")
    users.set_login_required(ctx, True)
    return ctx


def test_no_login_asked_when_the_office_does_not_require_it(app, ctx):
    users.create_user(ctx, "quantri", "Quantri#2026", "quan_tri")
    assert not users.login_required(ctx) and ensure_login(ctx)


def test_login_success_sets_the_user_on_the_context(app, qtbot, with_login):
    dialog = LoginDialog(with_login)
    qtbot.addWidget(dialog)
    dialog.username.setText("hoa")
    dialog.password.setText("Chuyenvien#1")
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok_button.click()
    assert (with_login.user, with_login.role) == ("hoa", "chuyen_vien")


def test_wrong_password_then_lockout_with_minutes(app, qtbot, with_login):
    dialog = LoginDialog(with_login)
    qtbot.addWidget(dialog)
    dialog.username.setText("hoa")
    for left in (4, 3, 2, 1):
        dialog.password.setText("sai")
        assert not dialog.try_login()
        assert dialog.message.text() == \
            f"Sai tên đăng nhập hoặc mật khẩu (còn {left} lần thử trước khi bị khóa)."
        assert dialog.password.text() == ""
    dialog.password.setText("sai")
    assert not dialog.try_login()
    assert "Sai mật khẩu 5 lần: tài khoản «hoa» bị khóa" in dialog.message.text()
    assert dialog.message.text().endswith("(còn 15 phút).")
    dialog.password.setText("Chuyenvien#1")  # the right password waits too
    assert not dialog.try_login()
    assert "đang bị khóa" in dialog.message.text() and "phút)." in dialog.message.text()
    assert with_login.user == "quantri" and dialog.result() != dialog.DialogCode.Accepted


def test_minutes_left_rounds_up():
    now = dt.datetime(2026, 11, 23, 9, 0, 0)
    assert users.minutes_left(now + dt.timedelta(minutes=14, seconds=1), now) == 15
    assert users.minutes_left(now + dt.timedelta(seconds=5), now) == 1


def test_window_title_shows_the_signed_in_user(app, qtbot, with_login, settings):
    from ui.main_window import MainWindow

    users.login(with_login, "hoa", "Chuyenvien#1")
    window = MainWindow(with_login, settings)
    qtbot.addWidget(window)
    assert window.windowTitle() == "Biên chế — Ủy ban nhân dân phường Phúc Đồng — hoa (Chuyên viên)"


def test_run_gui_quits_when_login_is_cancelled(app, tmp_path, monkeypatch):
    path = tmp_path / "dn.sqlite"
    ctx = open_context(path)
    office.save(ctx, {"name": "UBND xã Đông Anh", "level": "xa"})
    users.create_user(ctx, "quantri", "Quantri#2026", "quan_tri")
    users.set_login_required(ctx, True)
    ctx.close()
    seen = []
    monkeypatch.setattr(LoginDialog, "exec", lambda self: seen.append(self.windowTitle()) or 0)
    assert app_module.run_gui(path) == 0
    assert seen == ["Biên chế — Đăng nhập"]


def _damaged_with_backup(tmp_path):
    path = tmp_path / "hong.sqlite"
    ctx = open_context(path)
    office.save(ctx, {"name": "UBND xã Đông Anh", "level": "xa"})
    good = backup.backup_now(ctx, "thucong")
    ctx.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()
    path.write_bytes(b"\0" * 100 + path.read_bytes()[100:])  # the header is gone
    return path, good


def test_damaged_file_is_restored_from_the_newest_backup(app, tmp_path, monkeypatch):
    path, good = _damaged_with_backup(tmp_path)
    offered = []
    monkeypatch.setattr(app_module, "offer_restore", lambda exc: offered.append(exc) or True)
    ctx = app_module.open_or_restore(path)
    try:
        assert offered[0].kind in ("corrupt", "notadb") and offered[0].backup == good
        assert office.get(ctx)["name"] == "UBND xã Đông Anh"
        assert any(b.reason == "hong" for b in backup.list_backups(path))  # the damaged bytes are kept
    finally:
        ctx.close()


def test_damaged_file_restore_declined_shows_the_error(app, tmp_path, monkeypatch):
    path, _good = _damaged_with_backup(tmp_path)
    shown = []
    monkeypatch.setattr(app_module, "offer_restore", lambda exc: False)
    monkeypatch.setattr(app_module.vi, "error", lambda parent, title, text: shown.append(text))
    assert app_module.open_or_restore(path) is None
    assert shown[0].startswith("Không mở được dữ liệu.") and "Bản sao lưu tốt gần nhất" in shown[0]


def test_offer_restore_names_the_button_in_vietnamese(app, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.errors import DatabaseError

    texts = []

    def fake_exec(box):
        texts.extend(b.text() for b in box.buttons())
        return 0
    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert not app_module.offer_restore(DatabaseError("Tệp hỏng.", kind="corrupt"))
    assert sorted(texts) == sorted([app_module.RESTORE_NEWEST, "Thoát"])


def test_scrubber_removes_identity_numbers_and_birth_dates():
    text = "Lỗi ở hồ sơ CCCD 001085012345, CMND 012345678, sinh 07/03/1985 (1985-03-07), dòng 12"
    clean = crash.scrub(text)
    for secret in ("001085012345", "012345678", "07/03/1985", "1985-03-07"):
        assert secret not in clean
    assert "[số định danh]" in clean and "[ngày]" in clean and "dòng 12" in clean


def test_hook_writes_the_log_and_calls_the_dialog(tmp_path):
    shown = []
    hook = crash.make_hook(tmp_path / "logs", lambda details, log: shown.append((details, log)))
    try:
        raise RuntimeError("không đọc được hồ sơ số 001085012345")
    except RuntimeError:
        hook(*sys.exc_info())
    for handler in logging.getLogger("bienche.crash").handlers:
        handler.flush()
    log = (tmp_path / "logs" / crash.LOG_NAME).read_text(encoding="utf-8")
    assert "RuntimeError: không đọc được hồ sơ số [số định danh]" in log
    assert "001085012345" not in log and "Traceback" in log
    [(details, where)] = shown
    assert where == tmp_path / "logs" / crash.LOG_NAME and "001085012345" not in details


def test_hook_survives_a_failing_dialog(tmp_path, capsys):
    def broken(details, log):
        raise OSError("không có màn hình")
    hook = crash.make_hook(tmp_path / "logs", broken)
    hook(ValueError, ValueError("x"), None)  # must not raise
    assert "ValueError" in capsys.readouterr().err


def test_crash_dialog_is_vietnamese(app, qtbot, tmp_path, monkeypatch):
    from test_no_english import english_in, visible_texts

    dialog = CrashDialog("Traceback …", tmp_path / "logs" / crash.LOG_NAME)
    qtbot.addWidget(dialog)
    texts = visible_texts(dialog)
    assert not any("Traceback" in t for t in texts)  # the English details only go to the clipboard
    assert {"Sao chép chi tiết", "Mở thư mục nhật ký", "Đóng"} <= set(texts)
    assert any("lỗi không mong muốn" in t for t in (w.text() for w in dialog.findChildren(QLabel)))
    assert english_in(texts) == []
    dialog.copy_details()
    assert app.clipboard().text() == "Traceback …"
    opened = []
    monkeypatch.setattr("ui.crash_dialog.QDesktopServices.openUrl", lambda url: opened.append(url) or True)
    dialog.folder_button.click()
    assert opened[0].toLocalFile() == str(tmp_path / "logs")
