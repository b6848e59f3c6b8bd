"""«Trợ giúp → Cập nhật từ tệp…»: a genuine bundle shows its notes, backs up and starts the
installer, then the window closes; a forged one says why in Vietnamese and starts nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from db import migrations
from desktop_app import signing
from desktop_app.services import backup
from desktop_app.update import bundle
from ui import update_dialog


def _bundle(tmp_path, private, version="9.0.0"):
    installer = tmp_path / "BienChe-cai-dat.exe"
    installer.write_bytes(b"MZ" + b"x" * 5000)
    return bundle.build(installer, tmp_path / "capnhat.bcupdate", private, version=version,
                        schema_version=migrations.LATEST, min_schema_version=1,
                        notes="Sửa biểu BM02-VC.", created="01/12/2026")


def _flow(main_window, monkeypatch, path, public):
    action = main_window.findChild(type(main_window.menuBar().actions()[0]), "update_action")
    assert action is not None and action.text() == "Cập nhật từ tệp…"
    flow = update_dialog.flow_of(action)
    started, seen = [], {}
    monkeypatch.setattr(flow, "choose_file", lambda: str(path))
    monkeypatch.setattr(flow, "publisher_key", lambda: public)
    monkeypatch.setattr(flow, "launch", lambda p: started.append(p.read_bytes()))
    monkeypatch.setattr(flow, "confirm", lambda m: seen.setdefault("notes", m.notes) is not None)
    return action, started, seen


def test_a_genuine_bundle_is_installed_after_a_backup(main_window, qtbot, monkeypatch, tmp_path, ctx):
    private = signing.new_private_key()
    path = _bundle(tmp_path, private)
    action, started, seen = _flow(main_window, monkeypatch, path, signing.public_key(private))
    action.trigger()
    assert seen["notes"] == "Sửa biểu BM02-VC." and started == [b"MZ" + b"x" * 5000]
    assert any(b.reason == "capnhat" for b in backup.list_backups(ctx.path))
    qtbot.waitUntil(lambda: not main_window.isVisible())


def test_a_forged_bundle_is_explained_and_nothing_starts(main_window, qtbot, monkeypatch, tmp_path):
    path = _bundle(tmp_path, signing.new_private_key())
    action, started, seen = _flow(main_window, monkeypatch, path,
                                  signing.public_key(signing.new_private_key()))
    shown = []
    monkeypatch.setattr(update_dialog.vi, "error", lambda parent, title, text: shown.append(text))
    action.trigger()
    assert started == [] and "notes" not in seen
    assert shown and "chữ ký không hợp lệ" in shown[0]
    assert main_window.isVisible()


def test_the_confirmation_lists_the_notes_in_vietnamese(main_window, qtbot, monkeypatch, tmp_path):
    private = signing.new_private_key()
    manifest = bundle.read_manifest(_bundle(tmp_path, private), signing.public_key(private))
    flow = update_dialog.flow_of(main_window.findChild(type(main_window.menuBar().actions()[0]),
                                                       "update_action"))
    texts = []

    def fake_exec(box):
        texts.append((box.text(), [b.text() for b in box.buttons()]))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert flow.confirm(manifest) is False
    text, buttons = texts[0]
    assert "phiên bản 9.0.0" in text and "Sửa biểu BM02-VC." in text
    assert sorted(buttons) == ["Cài đặt", "Hủy"]
