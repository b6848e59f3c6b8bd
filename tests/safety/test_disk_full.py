"""A full disk during each write path (issue #16): import, demo, backup, export. Each runs
on a small tmpfs (tests/safety/disk.py) and must end with a Vietnamese message, a non-zero
exit, no traceback, the data file intact (integrity_check ok, content unchanged) and no
half-written file or temporary leftover under any name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from disk import CLI, on_small_disk, small_disk_available
from safety_helpers import content_hash, small_office, staff_rows, write_sheet

from db.connection import connect

pytestmark = pytest.mark.skipif(not small_disk_available(), reason="needs Linux mount namespaces")


def _office(path: Path) -> Path:
    ctx, _, _ = small_office(path)
    ctx.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()
    return path


def _state(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    db = connect(path, readonly=True)
    try:
        return content_hash(db)
    finally:
        db.close()


def _no_leftovers(disk: Path, allowed: set[str]) -> None:
    names = {p.relative_to(disk).as_posix() for p in disk.rglob("*") if p.is_file()}
    strays = {n for n in names - allowed if not n.startswith("backups/")}
    assert not strays, strays
    assert not [n for n in names if n.endswith((".tmp", "-journal"))], names


def _refused(run, *words: str) -> None:
    assert run.returncode in (2, 3), (run.returncode, run.stdout, run.stderr)
    assert "Traceback" not in run.stderr, run.stderr
    assert any(w in run.stderr for w in words), run.stderr


def test_import_on_a_full_disk(tmp_path):
    db = _office(tmp_path / "dl.sqlite")
    before = _state(db)
    sheet = write_sheet(tmp_path / "nhan_su.xlsx", "staff", staff_rows(4000))
    size = db.stat().st_size // 1024
    # room for the backup before the import, not for the import's 4,000 people
    run = on_small_disk(tmp_path, 2 * size + 400, [db], [*CLI, "import", "staff", str(sheet),
                                                         "--db", "{disk}/dl.sqlite"])
    _refused(run, "Ổ đĩa đã đầy", "ổ đĩa đã đầy")
    assert _state(run.disk / "dl.sqlite") == before
    _no_leftovers(run.disk, {"dl.sqlite", "dl.sqlite-wal", "dl.sqlite-shm", "dl.sqlite.lock"})


def test_demo_on_a_full_disk(tmp_path):
    db = tmp_path / "moi.sqlite"
    assert __import__("subprocess").run([*CLI, "init", "--office", "X", "--level", "xa", "--db", str(db)],
                                        capture_output=True, timeout=120).returncode == 0
    before = _state(db)
    run = on_small_disk(tmp_path, 3 * db.stat().st_size // 1024 + 300, [db],
                        [*CLI, "demo", "--db", "{disk}/moi.sqlite"])
    _refused(run, "Ổ đĩa đã đầy", "ổ đĩa đã đầy")
    assert _state(run.disk / "moi.sqlite") == before
    _no_leftovers(run.disk, {"moi.sqlite", "moi.sqlite-wal", "moi.sqlite-shm", "moi.sqlite.lock"})


def test_backup_on_a_full_disk(tmp_path):
    db = _office(tmp_path / "dl.sqlite")
    before = _state(db)
    size = db.stat().st_size // 1024
    run = on_small_disk(tmp_path, size + size // 2, [db], [*CLI, "backup", "--db", "{disk}/dl.sqlite"])
    _refused(run, "đã đầy")
    assert "Không sao lưu được" in run.stderr
    assert _state(run.disk / "dl.sqlite") == before
    assert not list((run.disk / "backups").glob("*")) if (run.disk / "backups").exists() else True
    _no_leftovers(run.disk, {"dl.sqlite", "dl.sqlite-wal", "dl.sqlite-shm"})


@pytest.mark.parametrize("fmt", ["xlsx", "pdf", "both"])
def test_export_on_a_full_disk_keeps_the_previous_files(tmp_path, fmt):
    db = _office(tmp_path / "dl.sqlite")
    old = {tmp_path / "bao_cao.xlsx": b"ban cu xlsx", tmp_path / "bao_cao.pdf": b"ban cu pdf"}
    for path, data in old.items():
        path.write_bytes(data)
    run = on_small_disk(tmp_path, 64, list(old), [*CLI, "export", "bm02-vc", "--out", "{disk}/bao_cao",
                                                  "--format", fmt, "--db", str(db)], fill_kb=52)
    _refused(run, "ổ đĩa đã đầy")
    for path, data in old.items():
        assert (run.disk / path.name).read_bytes() == data  # neither final name half-written
    _no_leftovers(run.disk, {"bao_cao.xlsx", "bao_cao.pdf"})


def test_both_formats_are_renamed_together_or_not_at_all(tmp_path):
    """The .xlsx written and the .pdf failing (full disk, cancel) leaves the old pair as it was."""
    from functools import partial

    from desktop_app.atomic import write_together
    from desktop_app.reports.engine import Params, build_report
    from desktop_app.reports.excel import write_xlsx
    from desktop_app.reports.pdf import write_pdf

    ctx, _, _ = small_office(tmp_path / "dl.sqlite")
    report = build_report(ctx, "bm02-vc", Params(as_of=ctx.today, year=ctx.today.year))
    ctx.close()
    xlsx, pdf = tmp_path / "bc.xlsx", tmp_path / "bc.pdf"
    xlsx.write_bytes(b"cu xlsx")
    pdf.write_bytes(b"cu pdf")

    def full(_fraction):
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError) as caught:
        write_together([(xlsx, partial(write_xlsx, report)),
                        (pdf, partial(write_pdf, report, progress=full))])
    assert "ổ đĩa đã đầy" in str(caught.value) or caught.value.errno == 28
    assert (xlsx.read_bytes(), pdf.read_bytes()) == (b"cu xlsx", b"cu pdf")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    jobs = [(xlsx, partial(write_xlsx, report)), (pdf, partial(write_pdf, report))]
    assert write_together(jobs) == [xlsx, pdf]
    assert xlsx.read_bytes()[:2] == b"PK" and pdf.read_bytes()[:4] == b"%PDF"


def test_export_and_errors_copy_into_a_read_only_folder(tmp_path):
    db = _office(tmp_path / "dl.sqlite")
    old = tmp_path / "bao_cao.xlsx"
    old.write_bytes(b"ban cu")
    run = on_small_disk(tmp_path, 256, [old], [*CLI, "export", "bm02-vc", "--out", "{disk}/bao_cao",
                                               "--format", "both", "--db", str(db)], readonly=True)
    _refused(run, "chỉ cho phép đọc")
    assert [p.name for p in run.disk.iterdir()] == ["bao_cao.xlsx"]
    assert (run.disk / "bao_cao.xlsx").read_bytes() == b"ban cu"


def test_sqlite_full_inside_a_service_is_a_known_error_on_every_platform(tmp_path):
    """The same fault without a tmpfs: SQLite's page limit makes the file «full» mid-import."""
    import sqlite3 as sqlite

    from desktop_app.errors import DatabaseError
    from desktop_app.importing.service import import_file

    ctx, _, _ = small_office(tmp_path / "dl.sqlite")
    before = content_hash(ctx.db)
    pages = ctx.db.execute("PRAGMA page_count").fetchone()[0]
    ctx.db.execute(f"PRAGMA max_page_count = {pages + 5}")
    sheet = write_sheet(tmp_path / "ns.xlsx", "staff", staff_rows(3000))
    with pytest.raises(DatabaseError) as caught:
        import_file(ctx, "staff", sheet)
    assert caught.value.kind == "full" and "Ổ đĩa đã đầy" in str(caught.value)
    assert isinstance(caught.value, sqlite.OperationalError)  # old handlers still catch it
    ctx.db.execute(f"PRAGMA max_page_count = {2**30}")
    assert content_hash(ctx.db) == before
    ctx.close()
