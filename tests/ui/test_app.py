"""Start-up: a data-file problem is explained in Vietnamese, no traceback."""

from ui import app as app_module


def test_a_file_that_is_not_a_database_is_explained(app, tmp_path, monkeypatch):
    bad = tmp_path / "hong.sqlite"
    bad.write_bytes(b"this is not an sqlite file at all" * 100)
    shown = []
    monkeypatch.setattr(app_module.vi, "error", lambda parent, title, text: shown.append((title, text)))
    assert app_module.run_gui(bad) == 1
    [(title, text)] = shown
    assert title == "Biên chế"
    assert "Không mở được dữ liệu." in text and "«hong.sqlite»" in text


def test_first_run_cancelled_quits_cleanly(app, tmp_path, monkeypatch):
    monkeypatch.setattr("ui.office_dialog.ensure_office", lambda ctx, parent=None: False)
    assert app_module.run_gui(tmp_path / "moi.sqlite") == 0
