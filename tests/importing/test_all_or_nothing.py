"""All or nothing, through the command line: a file with 3 bad rows among 500
changes nothing and lists all three; a killed import leaves the file as it was."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import openpyxl
from import_fixtures import FIRST_DATA_ROW, content_hash, staff_book, staff_rows

from desktop_app.cli import run
from desktop_app.importing.store import PAUSE_ENV

BAD = {57: (3, "31/02/1985", "không phải ngày có thật"),   # data index: (column, value, message)
       233: (4, "0011850012", "12 chữ số"),
       480: (5, "KHONGCO", "không có đơn vị")}


def bad_file(path) -> None:
    rows = staff_rows(500)
    for index, (col, value, _) in BAD.items():
        if col == 3:  # a birth date: put it in the column the row uses (Nam or Nữ)
            col = 2 if rows[index][2] else 3
        rows[index][col] = value
    staff_book(rows, path)


def test_three_bad_rows_among_500(ctx, units, tmp_path, db_path, capsys):
    path, errors = tmp_path / "ds.xlsx", tmp_path / "loi.xlsx"
    bad_file(path)
    before = content_hash(db_path)
    code = run(["--db", str(db_path), "import", "staff", str(path), "--errors", str(errors)])
    err = capsys.readouterr().err
    assert code == 2
    lines = [line for line in err.splitlines() if line.startswith("tệp ds.xlsx")]
    assert len(lines) == 3
    for (index, (_, _, message)), line in zip(sorted(BAD.items()), lines, strict=True):
        assert f"dòng {FIRST_DATA_ROW + index}," in line and message in line
    assert "Có 3 lỗi trong 500 dòng; chưa nhập gì." in err
    assert content_hash(db_path) == before
    marked = openpyxl.load_workbook(errors)
    listing = list(marked["Lỗi"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in listing] == [FIRST_DATA_ROW + i for i in sorted(BAD)]
    for sheet, row, column, _label, _value, message in listing:
        cell = marked[sheet][f"{column}{row}"]
        assert cell.fill.fgColor.rgb.endswith("FFC7CE") and message in cell.comment.text
    assert marked["Danh sách"]["B7"].fill.fgColor.rgb != "00FFC7CE"


def test_good_file_through_the_cli_then_dry_run_of_the_same(ctx, units, tmp_path, db_path, capsys):
    path = tmp_path / "ds.xlsx"
    staff_book(staff_rows(40), path)
    assert run(["--db", str(db_path), "import", "staff", str(path), "--dry-run"]) == 0
    assert "Chạy thử: 40 dòng hợp lệ" in capsys.readouterr().out
    assert run(["--db", str(db_path), "import", "staff", str(path)]) == 0
    assert "Đã nhập 40 dòng" in capsys.readouterr().out
    count = sqlite3.connect(db_path).execute("SELECT count(*) FROM person").fetchone()[0]
    assert count == 40


def test_killed_import_leaves_the_database_as_before(ctx, units, tmp_path, db_path):
    path = tmp_path / "big.xlsx"
    staff_book(staff_rows(3000), path)
    ctx.close()
    before = content_hash(db_path)
    env = {**os.environ, PAUSE_ENV: "60"}
    proc = subprocess.Popen([sys.executable, "-m", "desktop_app.main", "--db", str(db_path), "import",
                             "staff", str(path)], env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # the hook prints once the rows are written, uncommitted
            line = proc.stderr.readline()
            if "IMPORT-IN-TRANSACTION" in line or not line:
                break
        assert proc.poll() is None, "the import ended before it was in its transaction"
        assert line.split()[-1] == "3000"  # every row written, not yet committed
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert content_hash(db_path) == before
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 0
