"""A staff list that states no «tính đến ngày …» and no --as-of: at a terminal the
CLI asks (Enter = today, a bad date asked again); in a script it takes today and
says so in a notice line naming the date and --as-of (issue #17 point 5)."""

from __future__ import annotations

import datetime as dt
import os
import pty
import select
import subprocess
import sys
import time

from test_as_of import posts, staff

from desktop_app.cli import as_of_prompt, run
from desktop_app.importing.service import import_file

UNDATED = "Người Chưa Rõ"


def test_in_a_script_today_is_taken_and_said(ctx, units, tmp_path, capsys):
    path = tmp_path / "ds.xlsx"
    staff(path, "DANH SÁCH VIÊN CHỨC")
    assert run(["import", "staff", str(path), "--db", str(ctx.path)]) == 0
    today = dt.date.today()
    err = capsys.readouterr().err
    assert f"coi số liệu tính đến hôm nay {today:%d/%m/%Y}" in err
    assert "--as-of DD/MM/YYYY" in err
    assert posts(ctx)[UNDATED] == (today.isoformat(), "so_lieu_ban_dau")


def test_a_dated_file_or_as_of_is_not_asked_about(ctx, units, tmp_path, capsys):
    dated, plain = tmp_path / "co_ngay.xlsx", tmp_path / "khong_ngay.xlsx"
    staff(dated, "DANH SÁCH VIÊN CHỨC TÍNH ĐẾN NGÀY 31/12/2020")
    staff(plain, None)
    assert run(["import", "staff", str(dated), "--db", str(ctx.path), "--dry-run"]) == 0
    assert run(["import", "staff", str(plain), "--db", str(ctx.path), "--dry-run",
                "--as-of", "30/06/2021"]) == 0
    assert "tính đến ngày …»" not in capsys.readouterr().err


def test_asked_answers_typed_and_bad_ones_asked_again(ctx, units, tmp_path, capsys):
    path = tmp_path / "ds.xlsx"
    staff(path, None)
    answers = iter(["ngày mai", "31/02/2021", f"{ctx.today + dt.timedelta(days=1):%d/%m/%Y}", "15/06/2021"])
    questions: list[str] = []

    def read(question: str) -> str:
        questions.append(question)
        return next(answers)

    ask = as_of_prompt.asker(dry_run=False, read=read, interactive=lambda: True)
    result = import_file(ctx, "staff", path, ask_as_of=ask)
    assert result.ok, [str(p) for p in result.problems]
    assert len(questions) == 4 and f"Enter = {ctx.today:%d/%m/%Y}" in questions[0]
    err = capsys.readouterr().err
    assert "không phải ngày có thật" in err and "ở sau hôm nay" in err
    assert err.lower().count("hãy nhập lại") == 3
    assert posts(ctx)[UNDATED] == ("2021-06-15", "so_lieu_ban_dau")
    assert any("15/06/2021" in n and as_of_prompt.ASKED in n for n in result.notes)


def test_enter_keeps_today_and_a_dry_run_or_another_kind_never_asks(ctx, units, tmp_path):
    path, unit_list = tmp_path / "ds.xlsx", tmp_path / "dv.xlsx"
    staff(path, None)
    from openpyxl import Workbook
    wb = Workbook()
    wb.active.append(["Mã đơn vị", "Tên đơn vị", "Lĩnh vực"])
    wb.active.append(["TH09", "Trường Tiểu học Gia Thụy", "TH"])
    wb.save(unit_list)
    asked: list[str] = []

    def read(question: str) -> str:
        asked.append(question)
        return ""

    import_file(ctx, "staff", path, dry_run=True,
                ask_as_of=as_of_prompt.asker(dry_run=True, read=read, interactive=lambda: True))
    assert import_file(ctx, "units", unit_list, ask_as_of=as_of_prompt.asker(
        dry_run=False, read=read, interactive=lambda: True)).ok
    assert asked == []
    result = import_file(ctx, "staff", path, ask_as_of=as_of_prompt.asker(
        dry_run=False, read=read, interactive=lambda: True))
    assert result.ok and len(asked) == 1
    assert posts(ctx)[UNDATED] == (ctx.today.isoformat(), "so_lieu_ban_dau")


def _until(fd: int, text: str, seen: bytearray, limit: float = 120.0) -> str:
    """Read the terminal until ``text`` appears after what was already seen."""
    start, end = len(seen), time.monotonic() + limit
    while text not in seen[start:].decode("utf-8", "replace"):
        assert time.monotonic() < end, seen.decode("utf-8", "replace")
        if select.select([fd], [], [], 1.0)[0]:
            try:
                seen += os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
    return seen[start:].decode("utf-8", "replace")


def test_a_real_terminal_is_asked_and_a_bad_date_asked_again(ctx, units, tmp_path):
    path = tmp_path / "ds.xlsx"
    staff(path, "DANH SÁCH VIÊN CHỨC")
    master, slave = pty.openpty()
    code = "import sys; from desktop_app.cli import run; sys.exit(run(sys.argv[1:]))"
    env = os.environ | {"PYTHONIOENCODING": "utf-8", "PYTHONUTF8": "1"}
    argv = [sys.executable, "-c", code, "import", "staff", str(path), "--db", str(ctx.path)]
    child = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    seen = bytearray()
    try:
        assert "Enter = " in _until(master, "): ", seen)
        os.write(master, b"31/02/2021\n")
        again = _until(master, "): ", seen)
        assert "không phải ngày có thật" in again and "Enter = " in again
        os.write(master, b"01/07/2021\n")
        assert "Đã nhập 2 dòng" in _until(master, "Đã nhập", seen) + _until(master, "\n", seen)
        assert child.wait(timeout=60) == 0
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    assert posts(ctx)[UNDATED] == ("2021-07-01", "so_lieu_ban_dau")
