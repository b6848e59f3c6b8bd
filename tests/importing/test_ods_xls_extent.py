""".ods and .xls sheets are sized before calamine reads them (issue #16). An OpenDocument
cell or row can be declared repeated a million times in a few bytes; calamine would make
every copy. The files are written here, by hand, as LibreOffice writes them; each hostile
one is read in a subprocess with a 3 GB address-space limit, so an attempt to allocate the
rectangle fails fast instead of taking pytest down."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop_app.errors import ValidationError
from desktop_app.importing import extent_other, ole2
from desktop_app.importing.reader import read_book
from desktop_app.importing.service import import_file

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
HEADER = ["Mã đơn vị", "Tên đơn vị", "Lĩnh vực"]
UNITS = [HEADER, ["X1", "Trường Tiểu học A", "TH"], ["X2", "Trường Mầm non B", "MN"]]


def _cell(value: str, repeat: int = 1) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return f'<table:table-cell office:value-type="string"{rep}><text:p>{value}</text:p></table:table-cell>'


def _row(cells: str, repeat: int = 1) -> str:
    rep = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{rep}>{cells}</table:table-row>"


# What LibreOffice writes after the data: empty cells and rows repeated to the sheet's edge.
EDGE = ('<table:table-row table:number-rows-repeated="1048573"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row>')


def ods(path: Path, rows: str, name: str = "Đơn vị", *, compress=zipfile.ZIP_DEFLATED) -> Path:
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="{name}">'
               f'<table:table-column table:number-columns-repeated="16384"/>{rows}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type='
                '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def units_ods(path: Path) -> Path:
    return ods(path, "".join(_row("".join(_cell(v) for v in r)) for r in UNITS) + EDGE)


def read_in_child(path: Path) -> subprocess.CompletedProcess:
    code = ("import resource, sys\nresource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))\n"
            "from desktop_app.importing.reader import read_book\nfrom desktop_app.errors import "
            "ValidationError\ntry:\n    s = read_book(sys.argv[1])\nexcept ValidationError as exc:\n"
            "    print(exc, file=sys.stderr); raise SystemExit(2)\nprint(sum(len(x.rows) for x in s))\n")
    return subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                          timeout=300)


def test_a_valid_ods_with_libreoffice_edge_rows_still_imports(ctx, tmp_path):
    path = units_ods(tmp_path / "don_vi.ods")
    assert extent_other.check_book(path, ["Đơn vị"])["Đơn vị"].cells == 3 * 3
    assert read_book(path)[0].rows == UNITS
    result = import_file(ctx, "units", path)
    assert result.ok and result.written == 2
    assert ctx.db.execute("SELECT code, name FROM unit WHERE code LIKE 'X%' ORDER BY code").fetchall() == [
        ("X1", "Trường Tiểu học A"), ("X2", "Trường Mầm non B")]


@pytest.mark.parametrize("hostile", [
    # one valued cell repeated across every column of a million rows: 17 billion cells
    _row(_cell("x", 16384), 1048576),
    # a header, then a row of a thousand cells repeated 40,000 times: 40 million cells, under
    # calamine's own limit (100 million), about 1.3 GB once made
    _row(_cell("Mã đơn vị") + _cell("Tên đơn vị")) + _row(_cell("y", 999) + _cell("x"), 40_000),
])
def test_an_ods_declaring_absurd_repeats_is_refused_before_reading(tmp_path, hostile):
    path = ods(tmp_path / "bom.ods", hostile)
    assert path.stat().st_size < 5000
    r = read_in_child(path)
    assert r.returncode == 2, (r.returncode, r.stderr[-500:])
    assert "Trang «Đơn vị» của tệp «bom.ods»" in r.stderr and "quá giới hạn" in r.stderr
    assert ".xlsx" in r.stderr and "Traceback" not in r.stderr


def test_an_ods_member_that_inflates_like_a_zip_bomb_is_refused_by_its_sizes(tmp_path):
    padding = "<!--" + " " * (80 << 20) + "-->"  # 80 MB of one byte: deflates ~1000×
    path = ods(tmp_path / "bom.ods", padding + "".join(_row(_cell(v)) for v in ("a", "b")))
    assert path.stat().st_size < 1 << 20
    with pytest.raises(ValidationError) as caught:
        read_book(path)
    assert "bom.ods" in str(caught.value) and "content.xml" in str(caught.value)
    assert "bom nén" in str(caught.value)


def test_a_damaged_ods_is_a_message(tmp_path):
    path = tmp_path / "hong.ods"
    units_ods(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ValidationError) as caught:
        read_book(path)
    assert "hong.ods" in str(caught.value)


# ------------------------------------------------------------------ .xls

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def units_xls(tmp_path: Path) -> Path:
    """The units list saved by LibreOffice as «Excel 97–2003» (no .xls writer in Python)."""
    csv = tmp_path / "don_vi.csv"
    csv.write_text("\n".join(",".join(r) for r in UNITS) + "\n", encoding="utf-8")
    assert SOFFICE, "LibreOffice is needed: apt-get install -y libreoffice-calc-nogui"
    done = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                           "--infilter=CSV:44,34,76", "--convert-to", "xls", "--outdir", str(tmp_path),
                           str(csv)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return tmp_path / "don_vi.xls"


def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def test_the_biff_cells_give_the_extent_and_the_dimensions_record_is_not_trusted():
    bof = _record(0x0809, struct.pack("<HHHH", 0x0600, 0x0005, 0, 0) + bytes(8))
    name = "Danh sách".encode("utf-16-le")
    globals_ = bof + _record(0x0085, struct.pack("<IBBBB", 0, 0, 0, 9, 1) + name) + _record(0x000A, b"")
    start = len(globals_)
    sheet = (bof.replace(b"\x05\x00", b"\x10\x00", 1)
             + _record(0x0200, struct.pack("<IIHHH", 0, 3, 0, 3, 0))  # DIMENSIONS: claims 3 × 3
             + _record(0x00FD, struct.pack("<HHHI", 0, 0, 15, 0))  # A1
             + _record(0x00BD, struct.pack("<HHHIHIH", 4, 2, 15, 0, 15, 0, 7))  # MULRK C5:H5
             + _record(0x0203, struct.pack("<HHHd", 65535, 255, 15, 1.0))  # IV65536
             + _record(0x000A, b""))
    stream = globals_[:len(bof) + 4] + struct.pack("<I", start) + globals_[len(bof) + 8:]  # lbPlyPos
    found = ole2.biff_extents(stream + sheet)
    assert list(found) == ["Danh sách"]
    e = found["Danh sách"]
    assert (e.first_row, e.last_row, e.first_col, e.last_col) == (1, 65536, 1, 256)
    assert e.cells == 65536 * 256


@pytest.mark.slow
def test_a_valid_xls_still_imports(ctx, tmp_path):
    path = units_xls(tmp_path)
    assert extent_other.check_book(path, ["don_vi"])["don_vi"].cells == 9
    result = import_file(ctx, "units", path)
    assert result.ok and result.written == 2
    assert ctx.db.execute("SELECT code, name FROM unit WHERE code LIKE 'X%' ORDER BY code").fetchall() == [
        ("X1", "Trường Tiểu học A"), ("X2", "Trường Mầm non B")]


@pytest.mark.slow
def test_an_xls_with_a_cell_at_iv65536_is_refused_before_reading(tmp_path):
    path = units_xls(tmp_path)
    data = path.read_bytes()
    cell = b"\xfd\x00\x0a\x00" + struct.pack("<HH", 2, 2)  # LABELSST at C3 («MN»)
    assert data.count(cell) == 1
    path.write_bytes(data.replace(cell, b"\xfd\x00\x0a\x00" + struct.pack("<HH", 65535, 255)))
    r = read_in_child(path)
    assert r.returncode == 2, (r.returncode, r.stderr[-500:])
    assert "Trang «don_vi» của tệp «don_vi.xls»" in r.stderr and "tới dòng 65536" in r.stderr
    assert "cột IV" in r.stderr and "Traceback" not in r.stderr


def test_a_file_that_is_no_xls_is_a_message(tmp_path):
    path = tmp_path / "gia.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(ValidationError) as caught:
        read_book(path)
    assert "gia.xls" in str(caught.value) and "Traceback" not in str(caught.value)
