"""«Chế độ chỉ xem» (issue #16): a data file that cannot be written (it or its folder
read-only: a write-protected USB stick, a shared folder) opens read-only in the GUI. The
window says so above every page, each save is refused by the gate with the same words,
nothing is written and nothing crashes. The file is made truly read-only here: mode 0444,
and, when the tests run as root (who ignores modes), the immutable attribute as well."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from qt_helpers import type_text

from desktop_app.context import open_context
from desktop_app.errors import PermissionDenied
from desktop_app.services import records
from ui.app import open_or_restore
from ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "safety"))
from safety_helpers import small_office  # noqa: E402

CTRL = Qt.KeyboardModifier.ControlModifier
SAID = "không lưu được gì vào đó"


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def read_only_file(tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    path = folder / "dl.sqlite"
    ctx, _, _ = small_office(path)
    ctx.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()
    shutil.rmtree(folder / "backups", ignore_errors=True)
    for leftover in folder.glob("dl.sqlite-*"):
        leftover.unlink()
    os.chmod(path, 0o444)
    root = os.geteuid() == 0
    if root:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    try:
        assert not os.access(path, os.W_OK)
        yield path
    finally:
        if root:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        os.chmod(path, 0o644)


@pytest.fixture
def window(app, qtbot, read_only_file, settings):
    ctx = open_or_restore(read_only_file)
    assert ctx is not None and ctx.readonly
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    ctx.close()


def test_the_window_says_it_is_read_only_above_every_page(window, qtbot):
    banner = window.read_only_banner
    assert banner is not None and banner.isVisible()
    assert banner.text().startswith("CHẾ ĐỘ CHỈ XEM") and "«dl.sqlite»" in banner.text()
    assert "chỉ cho phép đọc" in banner.text() and SAID in banner.text()
    assert "CHẾ ĐỘ CHỈ XEM" in window.windowTitle()
    for row in range(window.nav.count()):  # every page opens, reads, and nothing is raised
        window.nav.setCurrentRow(row)
        qtbot.wait(20)
        assert banner.isVisible()


def test_saving_with_the_keyboard_is_refused_and_nothing_is_written(window, qtbot, read_only_file):
    before = _digest(read_only_file.parent)
    window.show_page("units")
    page = window.page("units")
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL)
    code = page.form.editors["code"]
    qtbot.keyClicks(code, "TH09")
    qtbot.keyClick(code, Qt.Key.Key_Return)
    name = page.form.editors["name"]
    type_text(name, "Trường Tiểu học Chỉ Xem")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    qtbot.keyClick(page.form.editors["short_name"], Qt.Key.Key_Tab)
    field = page.form.editors["field"]
    qtbot.keyClicks(field, "tieu h")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.currentData() == "TH"
    qtbot.keyClick(field, Qt.Key.Key_S, CTRL)
    assert SAID in page.form.status.text() and "«dl.sqlite»" in page.form.status.text()
    assert window.ctx.db.execute("SELECT count(*) FROM unit WHERE code = 'TH09'").fetchone() == (0,)
    assert _digest(read_only_file.parent) == before  # no -wal, -shm, lock, backup either


def test_the_gate_refuses_every_write_of_a_read_only_context_whoever_signs_in(read_only_file):
    ctx = open_context(read_only_file)
    try:
        assert ctx.readonly and ctx.role == "quan_tri"
        with pytest.raises(PermissionDenied) as refused:
            records.create(ctx, "unit", {"code": "TH09", "name": "Trường A", "field": "TH"})
        assert SAID in str(refused.value)
    finally:
        ctx.close()
