"""A sheet whose cells span an absurd rectangle is refused before calamine reads it
(issue #16): a 5 KB .xlsx with one value at XFD1048576 used to abort the process (calamine
asked for ~512 GB). Each reading runs in a subprocess, so an abort cannot take pytest down."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "safety"))
import raw_xlsx  # noqa: E402

from desktop_app.importing import extent  # noqa: E402

HEADER = ["Mã đơn vị", "Tên đơn vị", "Lĩnh vực"]
ROWS = [HEADER, ["X1", "Trường Tiểu học A", "TH"], ["X2", "Trường Mầm non B", "MN"]]
READ = ("import sys\nfrom desktop_app.importing.reader import read_book\n"
        "from desktop_app.errors import ValidationError\n"
        "try:\n    s = read_book(sys.argv[1])\nexcept ValidationError as exc:\n"
        "    print(exc, file=sys.stderr); raise SystemExit(2)\n"
        "print(sum(len(x.rows) for x in s), max(len(r) for x in s for r in x.rows))\n")


def read_in_child(path: Path) -> subprocess.CompletedProcess:
    # 3 GB of address space: an attempt to allocate the sheet's rectangle fails fast, never swaps
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))\n"
    return subprocess.run([sys.executable, "-c", limit + READ, str(path)], capture_output=True,
                          text=True, timeout=300)


def _with_prefix(path: Path) -> None:
    """The same sheet written with a namespace prefix (x:row, x:c), as some generators do."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    xml = (xml.replace("<worksheet xmlns=", "<x:worksheet xmlns:x=").replace("</worksheet>", "</x:worksheet>")
           .replace("<sheetData>", "<x:sheetData>").replace("</sheetData>", "</x:sheetData>")
           .replace("<row ", "<x:row ").replace("</row>", "</x:row>").replace("<c ", "<x:c ")
           .replace("</c>", "</x:c>").replace("<v>", "<x:v>").replace("</v>", "</x:v>")
           .replace("<is>", "<x:is>").replace("</is>", "</x:is>")
           .replace("<t ", "<x:t ").replace("</t>", "</x:t>")
           .replace("<dimension ", "<x:dimension "))
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)


def _without_refs(path: Path) -> None:
    """Cells without their r="…" (allowed by the format): found by following the tags."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    import re

    xml = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = re.sub(r'<c r="[A-Z]+\d+"', "<c", xml).encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)


@pytest.mark.parametrize("far", ["XFD1048576", "XFD400", "A1048576:XFD5", "ZZZ900000"])
@pytest.mark.parametrize("form", ["usual", "prefixed"])
def test_a_far_value_is_refused_with_a_message_not_an_abort(tmp_path, far, form):
    cells = {ref: "x" for ref in far.split(":")}
    path = raw_xlsx.write(tmp_path / "xa_xa.xlsx", ROWS, far=cells, dimension="A1:C3")
    if form == "prefixed":
        _with_prefix(path)
    assert path.stat().st_size < 10_000
    r = read_in_child(path)
    assert r.returncode == 2, (r.returncode, r.stderr[-2000:])
    assert "Trang «Danh sách» của tệp «xa_xa.xlsx»" in r.stderr and "quá giới hạn" in r.stderr
    assert "Traceback" not in r.stderr


def test_cells_without_references_are_followed_tag_by_tag(tmp_path):
    wide = [["v"] * 17000]  # 17,000 cells in one row, then a row far below: 1,048,576 × 17,000
    path = raw_xlsx.write(tmp_path / "khong_r.xlsx", ROWS + wide, far={"A1048576": "x"})
    _without_refs(path)
    r = read_in_child(path)
    assert r.returncode == 2 and "quá giới hạn" in r.stderr, r.stderr[-2000:]


@pytest.mark.parametrize("form", ["usual", "prefixed", "no-refs"])
def test_an_ordinary_sheet_and_a_lying_dimension_still_read(tmp_path, form):
    """The declared <dimension> is not trusted: calamine ignores it, so do we; empty styled
    cells far away (<c r="XFD1048576" s="1"/>) hold nothing and do not count either."""
    path = raw_xlsx.write(tmp_path / "dung.xlsx", ROWS, dimension="A1:XFD1048576")
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>')
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    {"prefixed": _with_prefix, "no-refs": _without_refs}.get(form, lambda p: None)(path)
    r = read_in_child(path)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split() == ["3", "3"]


def test_cli_import_names_the_file_and_sheet_and_changes_nothing(tmp_path):
    db = tmp_path / "d.sqlite"
    cli = [sys.executable, "-m", "desktop_app.main"]
    assert subprocess.run([*cli, "init", "--office", "X", "--level", "xa", "--db", str(db)],
                          capture_output=True, timeout=120).returncode == 0
    before = db.read_bytes()
    path = raw_xlsx.write(tmp_path / "don_vi.xlsx", ROWS, far={"XFD1048576": "x"})
    r = subprocess.run([*cli, "import", "units", str(path), "--db", str(db)], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 2 and "don_vi.xlsx" in r.stderr and "XFD1048576" in r.stderr, r.stderr
    import sqlite3

    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM unit").fetchone() == (0,)
    conn.close()
    assert len(before) > 0


def test_the_scan_reads_in_bounded_chunks_across_tag_boundaries(tmp_path, monkeypatch):
    """A tag cut in two by a chunk boundary is still seen: every chunk size gives one answer."""
    path = raw_xlsx.write(tmp_path / "cat.xlsx", ROWS * 50, far={"AB777": "x"})
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml")
    import io

    for size in (7, 64, 333, 1 << 20):
        monkeypatch.setattr(extent, "CHUNK", size)
        e = extent.scan(io.BytesIO(xml))
        assert (e.first_row, e.last_row, e.first_col, e.last_col) == (1, 777, 1, 28), size


def test_a_sheet_member_that_inflates_like_a_zip_bomb_is_refused_by_its_sizes(tmp_path):
    """Declared sizes are read before a byte is inflated: 80 MB of one byte in a sheet's XML
    (≈ 1000× compression) is refused at once, not scanned."""
    path = raw_xlsx.write(tmp_path / "bom.xlsx", ROWS)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"]
    padding = b"<!--" + b" " * (80 << 20) + b"-->"
    parts["xl/worksheets/sheet1.xml"] = xml.replace(b"<sheetData>", padding + b"<sheetData>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    assert path.stat().st_size < 1 << 20
    r = read_in_child(path)
    assert r.returncode == 2 and "bom.xlsx" in r.stderr and "bom nén" in r.stderr, r.stderr[-500:]
    assert "Traceback" not in r.stderr
