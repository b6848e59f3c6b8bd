"""Paths as a Windows clerk has them (SPEC §12): resource_path from source and
from a PyInstaller bundle, and the data file, its backups and report exports
in a user folder with Vietnamese letters (C:\\Users\\Nguyễn…), with characters
that break URIs ('#', '%'), and deeper than Windows' old 260-character limit.
Afterwards no file in the folder is still held open: Windows cannot move or
delete an open file, so a leaked handle there would block restore and USB use.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import openpyxl
import pypdf
import pytest

from desktop_app import paths
from desktop_app.context import open_context
from desktop_app.reports.engine import Params, build_report
from desktop_app.reports.excel import write_xlsx
from desktop_app.reports.pdf import write_pdf
from desktop_app.services import backup, info, office, records, restore

ROOT = Path(__file__).resolve().parent.parent
OFFICE = {"name": "Ủy ban nhân dân xã Đông Anh", "level": "xa", "province": "Hà Nội"}
UNIT = {"code": "TH01", "name": "Trường Tiểu học Đông Anh", "field": "TH", "classes": 20, "pupils": 700}


def test_resource_path_from_source():
    assert paths.resource_path("fonts", "OFL.txt") == ROOT / "resources" / "fonts" / "OFL.txt"
    assert paths.resource_path("catalogues").is_dir()


def test_resource_path_in_a_bundle(tmp_path, monkeypatch):
    internal = tmp_path / "Chương trình" / "BienChe" / "_internal"
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    assert paths.resource_path("icons", "bienche.png") == internal / "resources" / "icons" / "bienche.png"


@pytest.mark.parametrize("layout", ["_internal", "flat"])
def test_resource_path_frozen_without_meipass(tmp_path, monkeypatch, layout):
    exe = tmp_path / "BienChe" / "bienche.exe"
    base = exe.parent / "_internal" if layout == "_internal" else exe.parent
    base.mkdir(parents=True)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert paths.resource_path("fonts") == base / "resources" / "fonts"


def test_default_db_path_takes_a_vietnamese_env_path(tmp_path, monkeypatch):
    target = tmp_path / "Nguyễn Văn Ánh" / "dữ liệu.sqlite"
    monkeypatch.setenv("BIENCHE_DB", str(target))
    assert paths.default_db_path() == target


def _user_folder(tmp_path: Path, kind: str) -> Path:
    folder = tmp_path / "Users" / "Nguyễn Văn Ánh"
    if kind == "uri-characters":
        folder = folder / "Phòng #2 (100%)"
    elif kind == "long":
        while len(str(folder)) <= 300:
            folder = folder / "Thư mục con có dấu tiếng Việt"
    folder.mkdir(parents=True)
    return folder


def _open_files_under(folder: Path) -> list[str]:
    fd_dir = Path("/proc/self/fd")
    if not fd_dir.is_dir():  # only Linux shows open handles this way; the rest still runs
        return []
    found = []
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


@pytest.mark.parametrize("kind", ["vietnamese", "uri-characters", "long"])
def test_data_backups_and_exports_in_a_vietnamese_user_folder(tmp_path, kind):
    folder = _user_folder(tmp_path, kind)
    db_path = folder / "bienche.sqlite"
    ctx = open_context(db_path, lock=True, program="GUI", today=dt.date(2026, 11, 23))
    try:
        office.save(ctx, OFFICE)
        records.create(ctx, "unit", UNIT)
        saved = backup.backup_now(ctx, dest_dir=folder / "USB sao lưu")
        report = build_report(ctx, "dvsn", Params(dt.date(2026, 11, 23), 2026))
        xlsx = write_xlsx(report, folder / "Báo cáo đơn vị.xlsx")
        pdf = write_pdf(report, folder / "Báo cáo đơn vị.pdf")
        records.create(ctx, "unit", {**UNIT, "code": "TH02", "name": "Trường Tiểu học Vân Nội"})
    finally:
        ctx.close()
    assert backup.verify(saved) is None
    assert any("Đông Anh" in str(c.value) for row in openpyxl.load_workbook(xlsx).active.iter_rows()
               for c in row)
    assert "Đông Anh" in "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)

    # A backup taken from the file path (read-only URI) holds both units, not an empty database.
    from_path = backup.backup_now(db_path, dest_dir=folder / "USB sao lưu")
    restore.restore(db_path, saved)  # back to one unit
    ctx = open_context(db_path, today=dt.date(2026, 11, 23))
    try:
        assert info.info(ctx)["counts"]["units_total"] == 1
    finally:
        ctx.close()
    restore.restore(db_path, from_path)
    ctx = open_context(db_path, today=dt.date(2026, 11, 23))
    try:
        assert info.info(ctx)["counts"]["units_total"] == 2
    finally:
        ctx.close()
    assert _open_files_under(folder) == []
