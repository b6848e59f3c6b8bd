import shutil
import sqlite3

import pytest
from safety_helpers import damage_pages, destroy_header, filled_file, unit_codes

from db import migrations
from desktop_app.cli import EXIT_DATA_ERROR, run
from desktop_app.context import open_context
from desktop_app.errors import DatabaseError, ValidationError
from desktop_app.services import backup, records
from desktop_app.services.restore import restore


def _add_unit(path, code):
    ctx = open_context(path)
    records.create(ctx, "unit", {"code": code, "name": f"Trường {code}", "field": "TH"})
    ctx.close()


def test_restore_puts_the_backup_back_and_keeps_the_current_data(tmp_path):
    data = filled_file(tmp_path / "bienche.sqlite", units=2)
    saved = backup.backup_now(data, "thucong")
    _add_unit(data, "MOI01")
    safety = restore(data, saved)
    assert unit_codes(data) == ["TH000", "TH001"]
    assert backup.parse_name(safety).reason == "khoiphuc"
    assert unit_codes(safety) == ["MOI01", "TH000", "TH001"]  # what was replaced is not lost
    ctx = open_context(data)
    assert ctx.db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    ctx.close()


@pytest.mark.parametrize("damage", [damage_pages, destroy_header])
def test_damaged_file_is_detected_and_names_the_newest_good_backup(tmp_path, damage):
    data = filled_file(tmp_path / "bienche.sqlite", units=120)
    older = backup.backup_now(data, "thucong")
    newest = backup.backup_now(data, "thucong")
    bad_copy = tmp_path / "backups" / "bienche-29991231-235959-mo.sqlite"  # newer name, but bad
    shutil.copy(data, bad_copy)
    damage(bad_copy)
    damage(data)
    with pytest.raises(DatabaseError) as info:
        open_context(data)
    assert info.value.kind == ("corrupt" if damage is damage_pages else "notadb")
    message = str(info.value)
    assert "hỏng" in message and newest.name in message and older.name not in message
    assert "bienche restore" in message
    assert info.value.backup == newest


def test_damage_without_backups_says_so(tmp_path):
    data = filled_file(tmp_path / "bienche.sqlite", units=120)
    damage_pages(data)
    with pytest.raises(DatabaseError, match="Không tìm thấy bản sao lưu nào còn tốt"):
        open_context(data)


@pytest.mark.parametrize("damage", [damage_pages, destroy_header])
def test_restore_replaces_a_damaged_file(tmp_path, damage):
    data = filled_file(tmp_path / "bienche.sqlite", units=120)
    saved = backup.backup_now(data, "thucong")
    damage(data)
    kept = restore(data, saved)
    assert kept.exists() and kept.read_bytes()  # the damaged file is kept for rescue
    assert backup.parse_name(kept).reason == "hong" and backup.verify(kept) is not None
    assert unit_codes(data) == unit_codes(saved)
    open_context(data).close()


def test_restore_refuses_bad_backups(tmp_path):
    data = filled_file(tmp_path / "bienche.sqlite", units=120)
    bad = backup.backup_now(data, "thucong")
    damage_pages(bad)
    with pytest.raises(ValidationError, match="bị hỏng"):
        restore(data, bad)
    newer = backup.backup_now(data, "thucong")
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    with pytest.raises(ValidationError, match="phiên bản mới hơn"):
        restore(data, newer)
    text = tmp_path / "ghi_chu.sqlite"
    text.write_text("không phải dữ liệu " * 300)
    with pytest.raises(ValidationError, match="không phải tệp dữ liệu"):
        restore(data, text)
    with pytest.raises(ValidationError, match="Không tìm thấy"):
        restore(data, tmp_path / "khong_co.sqlite")
    assert len(unit_codes(data)) == 120  # nothing was touched


def test_cli_backup_damage_restore_end_to_end(tmp_path, capsys):
    data = tmp_path / "bienche.sqlite"
    assert run(["init", "--db", str(data), "--office", "Ủy ban nhân dân xã Phúc Đồng",
                "--level", "xa"]) == 0
    filled_file(data, units=120)
    usb = tmp_path / "usb"
    assert run(["backup", "--db", str(data), "--to", str(usb)]) == 0
    (saved,) = usb.iterdir()
    assert f"Đã sao lưu vào: {saved}" in capsys.readouterr().out
    damage_pages(data)
    assert run(["info", "--db", str(data)]) == EXIT_DATA_ERROR
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Tệp dữ liệu «bienche.sqlite» bị hỏng") and "Traceback" not in err
    assert run(["restore", "--db", str(data), str(saved), "--reason", "Tệp hỏng"]) == 0
    out = capsys.readouterr().out
    assert "Đã khôi phục" in out and "trước khi khôi phục" in out
    assert run(["check", "--db", str(data)]) == 0
    assert "Toàn vẹn dữ liệu: tốt" in capsys.readouterr().out
    assert len(unit_codes(data)) == 120
    assert run(["restore", "--db", str(data), str(tmp_path / "khong_co.sqlite"), "--reason", "x"]) == 2
    assert "Không tìm thấy tệp sao lưu" in capsys.readouterr().err


def test_quick_check_findings_become_a_vietnamese_error(tmp_path):
    from db.connection import quick_check

    class Findings:  # what PRAGMA quick_check returns for a damaged b-tree
        def execute(self, sql):
            assert sql.startswith("PRAGMA quick_check")
            return self

        def fetchall(self):
            return [("Tree 7 page 7 cell 0: invalid page number 4026531839",)]

    with pytest.raises(DatabaseError) as info:
        quick_check(Findings(), tmp_path / "bienche.sqlite")
    assert info.value.kind == "corrupt" and "invalid page" not in str(info.value)
    assert "bị hỏng" in str(info.value) and "invalid page number" in info.value.detail


def test_restore_under_an_open_gui_context_keeps_the_lock(tmp_path):
    from db.lock import read_holder
    from desktop_app.services.restore import restore_open

    data = filled_file(tmp_path / "bienche.sqlite", units=2)
    ctx = open_context(data, lock=True, program="GUI")
    saved = backup.backup_now(ctx, "thucong")
    records.create(ctx, "unit", {"code": "MOI01", "name": "Trường mới", "field": "TH"})
    restore_open(ctx, saved, "Nhập nhầm trường mới")
    codes = [r[0] for r in ctx.db.execute("SELECT code FROM unit ORDER BY code")]
    assert codes == ["TH000", "TH001"] and ctx.catalogues is not None
    assert read_holder(data)["program"] == "GUI"
    records.create(ctx, "unit", {"code": "SAU01", "name": "Trường sau khôi phục", "field": "TH"})
    ctx.close()
    assert unit_codes(data) == ["SAU01", "TH000", "TH001"]
    reader = open_context(data)  # a context without the lock may not restore
    with pytest.raises(DatabaseError, match="chế độ ghi"):
        restore_open(reader, saved, "Không giữ khóa")
    reader.close()
