"""Packages as a trust boundary (issue #15): owner isolation, values through the field
declarations, signatures and key pinning, future dates, verify, locked years, audit."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from desktop_app import signing
from desktop_app.cli import run
from desktop_app.context import open_context
from desktop_app.packages import catalogue_package, consolidate, keys
from desktop_app.packages.export import export_package
from desktop_app.services import period_lock, records

from .forge import csv_bytes, data_state, read_csv, rewrite, sender_key
from .offices import fill, keys_of, make_office, open_province


@pytest.fixture(scope="module")
def sender(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sender")
    ctx = make_office(folder, "Ủy ban nhân dân xã Đông Tiến", 1)
    path = folder / "goi.zip"
    export_package(ctx, path)
    yield ctx, path
    ctx.close()


@pytest.fixture
def province(tmp_path):
    """A province with its own units and people: a package's rows must never attach to them."""
    ctx = open_province(tmp_path)
    ctx.office_name = "tỉnh"  # type: ignore[attr-defined]
    fill(ctx, 4, cccd_base=90_000_000)
    yield ctx
    ctx.close()


def _import(ctx, *paths, trust=(), reason=""):
    outcome = consolidate.import_packages(ctx, list(paths), make_backup=False, trust=trust, reason=reason)
    return outcome.summaries


def _refused(ctx, path, trust, *words):
    before = data_state(ctx)
    (summary,) = _import(ctx, path, trust=trust)
    assert summary.status == consolidate.LOI, summary
    for word in words:
        assert word in summary.reason, summary.reason
    assert data_state(ctx) == before
    return summary


def test_header_repeating_office_uid_is_refused(sender, province, tmp_path):
    ctx, genuine = sender
    rows = read_csv(genuine, "unit.csv")
    forged = [rows[0] + ["office_uid"]] + [r + [""] for r in rows[1:]]
    path = rewrite(genuine, tmp_path / "f.zip", {"unit.csv": csv_bytes(forged)}, private=sender_key(ctx))
    summary = _refused(province, path, keys_of(genuine), "unit.csv", "office_uid")
    assert "không được phép" in summary.reason
    own = province.db.execute("SELECT count(*) FROM unit WHERE office_uid IS NULL").fetchone()[0]
    assert own == 3


@pytest.mark.parametrize("column,value", [("unit_id", "-1"), ("unit_id", "0"), ("unit_id", "9999"),
                                          ("unit_id", str(2**63)), ("id", "1e3"), ("id", "")])
def test_negative_foreign_and_huge_ids_are_refused(sender, province, tmp_path, column, value):
    ctx, genuine = sender
    rows = read_csv(genuine, "person.csv")
    rows[1][rows[0].index(column)] = value
    path = rewrite(genuine, tmp_path / "f.zip", {"person.csv": csv_bytes(rows)}, private=sender_key(ctx))
    _refused(province, path, keys_of(genuine), "person.csv")


@pytest.mark.parametrize("column,value,words", [
    ("coefficient", "hai phẩy ba", ["dòng 2", "coefficient"]),
    ("full_name", "Nguyễn\x07 Văn A", ["dòng 2", "full_name", "ký tự điều khiển"]),
    ("full_name", "Nguyễn \u202eVăn A", ["ký tự điều khiển"]),
    ("birth_date", "31/02/1980", ["birth_date"]),
    ("gender", "khác", ["gender"]),
    ("salary_step", "999", ["salary_step"])])
def test_bad_values_are_refused_naming_member_row_column(sender, province, tmp_path, column, value, words):
    ctx, genuine = sender
    rows = read_csv(genuine, "person.csv")
    rows[1][rows[0].index(column)] = value
    path = rewrite(genuine, tmp_path / "f.zip", {"person.csv": csv_bytes(rows)}, private=sender_key(ctx))
    _refused(province, path, keys_of(genuine), "person.csv", *words)


def test_edited_and_rehashed_is_refused_before_and_after_the_genuine(sender, province, tmp_path):
    ctx, genuine = sender
    rows = read_csv(genuine, "quota.csv")
    rows[1][rows[0].index("nsnn")] = "99"
    unsigned = rewrite(genuine, tmp_path / "a.zip", {"quota.csv": csv_bytes(rows)})
    own_key = rewrite(genuine, tmp_path / "b.zip", {"quota.csv": csv_bytes(rows)},
                      private=signing.new_private_key(),
                      edit=lambda m: m.update(signing_key=m["signing_key"]))
    stranger = signing.new_private_key()
    restamped = rewrite(genuine, tmp_path / "c.zip", {"quota.csv": csv_bytes(rows)}, private=stranger,
                        edit=lambda m: m.update(signing_key=signing.encode(signing.public_key(stranger))))
    trust = keys_of(genuine)
    for forged in (unsigned, own_key, restamped):
        _refused(province, forged, trust)
    assert _import(province, genuine, trust=trust)[0].status == consolidate.NHAP
    for forged in (unsigned, own_key, restamped):
        _refused(province, forged, trust + keys_of(restamped))
    nsnn = province.db.execute("SELECT max(nsnn) FROM quota WHERE office_uid IS NOT NULL").fetchone()[0]
    assert nsnn != 99


def test_unknown_office_needs_trust_cli(sender, tmp_path, capsys):
    _, genuine = sender
    ctx = open_province(tmp_path)
    path, before = ctx.path, data_state(ctx)
    ctx.close()
    assert run(["package", "import", "--db", str(path), str(genuine)]) == 1
    assert "Chưa tin cậy khóa ký" in capsys.readouterr().err
    wrong = signing.fingerprint(signing.public_key(signing.new_private_key()))
    assert run(["package", "import", "--db", str(path), str(genuine), "--trust", wrong]) == 1
    ctx = open_context(path)
    assert data_state(ctx) == before
    ctx.close()
    typed = keys_of(genuine)[0].lower().replace("-", " ")  # as read off paper
    assert run(["package", "import", "--db", str(path), str(genuine), "--trust", typed]) == 0
    assert run(["package", "import", "--db", str(path), str(genuine)]) == 0  # pinned: no --trust again
    assert "trùng" in capsys.readouterr().out


def test_verify_recomputes_the_fingerprint(sender, tmp_path, capsys):
    ctx, genuine = sender
    from desktop_app.services.fingerprint import data_fingerprint

    printed = data_fingerprint(ctx)
    assert run(["package", "verify", str(genuine), "--fingerprint", printed]) == 0
    assert "\nKHỚP:" in "\n" + capsys.readouterr().out
    rows = read_csv(genuine, "person.csv")
    rows[1][rows[0].index("full_name")] = "Nguyễn Văn Giả"
    unsigned = rewrite(genuine, tmp_path / "u.zip", {"person.csv": csv_bytes(rows)})
    resigned = rewrite(genuine, tmp_path / "s.zip", {"person.csv": csv_bytes(rows)}, private=sender_key(ctx))
    assert run(["package", "verify", str(unsigned), "--fingerprint", printed]) == 1
    out = capsys.readouterr().out
    assert "CHỮ KÝ KHÔNG HỢP LỆ" in out and "DẤU VÂN TAY KHÔNG KHỚP" in out and "\nKHỚP:" not in "\n" + out
    assert run(["package", "verify", str(resigned), "--fingerprint", printed]) == 1
    out = capsys.readouterr().out
    assert "chữ ký hợp lệ" in out and "DẤU VÂN TAY KHÔNG KHỚP" in out and "\nKHỚP:" not in "\n" + out


def test_future_dated_package_is_refused(sender, province, tmp_path):
    ctx, genuine = sender
    future = tmp_path / "future.zip"
    export_package(ctx, future, province.today + dt.timedelta(days=1))
    _refused(province, future, keys_of(future), "sau ngày hôm nay")
    assert _import(province, genuine, trust=keys_of(genuine))[0].status == consolidate.NHAP


def test_import_writes_one_audit_summary(sender, province):
    _, genuine = sender
    before = province.db.execute("SELECT max(id) FROM audit").fetchone()[0] or 0
    (summary,) = _import(province, genuine, trust=keys_of(genuine))
    rows = province.db.execute("SELECT action, new FROM audit WHERE id > ? ORDER BY id", [before]).fetchall()
    assert [r[0] for r in rows] == ["ghim_khoa_tin_cay", "nhap_goi"]
    note = json.loads(rows[1][1])
    counted = sum(province.db.execute(f"SELECT count(*) FROM {t} WHERE office_uid IS NOT NULL").fetchone()[0]
                  for t in ("unit", "division", "event", "event_unit", "finance", "position", "quota",
                            "person", "assignment", "evaluation"))
    assert note["so_dong"] == counted == summary.rows and note["khoa_ky"] == keys_of(genuine)[0]
    assert note["co_quan"] == summary.office_uid and note["ket_qua"] == consolidate.NHAP


def test_a_package_cannot_change_a_locked_year(tmp_path, province):
    office = make_office(tmp_path, "Ủy ban nhân dân xã Yên Phong", 2)
    first, second, third = tmp_path / "1.zip", tmp_path / "2.zip", tmp_path / "3.zip"
    export_package(office, first, dt.date(2026, 11, 1))
    trust = keys_of(first)
    assert _import(province, first, trust=trust)[0].status == consolidate.NHAP
    period_lock.lock_year(province, 2025, "đã báo cáo Bộ")
    quota = office.db.execute("SELECT id FROM quota WHERE year = 2025 ORDER BY id").fetchone()[0]
    records.update(office, "quota", quota, {"nsnn": 5})
    export_package(office, second, dt.date(2026, 11, 10))
    summary = _refused(province, second, trust, "đã chốt", "quota năm 2025")
    assert summary.status == consolidate.LOI
    period_lock.unlock_year(province, 2025, "xã sửa số giao năm 2025 theo quyết định mới")
    assert _import(province, second, trust=trust)[0].status == consolidate.THAY
    period_lock.lock_year(province, 2025, "báo cáo lại")
    records.create(office, "unit", {"code": "YT02", "name": "Trạm Y tế số 2", "field": "YTE"})
    export_package(office, third, dt.date(2026, 11, 20))  # 2025 unchanged: accepted
    assert _import(province, third, trust=trust)[0].status == consolidate.THAY
    office.close()


def test_key_change_needs_admin_reason_and_is_audited(tmp_path, province):
    office = make_office(tmp_path, "Ủy ban nhân dân xã Tam Sơn", 0)
    old, new = tmp_path / "cu.zip", tmp_path / "moi.zip"
    export_package(office, old, dt.date(2026, 11, 1))
    assert _import(province, old, trust=keys_of(old))[0].status == consolidate.NHAP
    office.db.execute("DELETE FROM office_key")  # the office lost its file and made a new key
    export_package(office, new, dt.date(2026, 11, 2))
    assert keys_of(new) != keys_of(old)
    _refused(province, new, [], "khóa khác")
    _refused(province, new, keys_of(new), "khóa khác")  # confirmed but no reason
    province.role = "chuyen_vien"
    before = data_state(province)
    assert _import(province, new, trust=keys_of(new), reason="xã cài lại máy")[0].status == consolidate.LOI
    assert data_state(province) == before
    province.role = "quan_tri"
    assert _import(province, new, trust=keys_of(new), reason="xã cài lại máy")[0].status == consolidate.TRUNG
    uid = office.db.execute("SELECT uid FROM office").fetchone()[0]
    assert keys.pinned(province, uid, keys.SENDER)["fingerprint"] == keys_of(new)[0]
    row = province.db.execute("SELECT new FROM audit WHERE action = 'doi_khoa_tin_cay'").fetchone()
    change = json.loads(row[0])
    assert change["khoa_cu"] == keys_of(old)[0] and change["khoa_moi"] == keys_of(new)[0]
    assert change["ly_do"] == "xã cài lại máy"
    office.close()


def test_catalogues_only_from_the_pinned_key_above(tmp_path, sender, province):
    ctx, _ = sender
    genuine, other = tmp_path / "dm.zip", tmp_path / "dm2.zip"
    catalogue_package.export_catalogues(province, genuine)
    lower = make_office(tmp_path, "Ủy ban nhân dân xã Hòa Lạc", 3)
    catalogue_package.export_catalogues(ctx, other)  # a neighbour, not the level above
    with pytest.raises(keys.TrustError):
        catalogue_package.import_catalogues(lower, genuine)
    catalogue_package.import_catalogues(lower, genuine, trust=keys_of(genuine))
    before = data_state(lower)
    with pytest.raises(keys.TrustError, match="khóa khác"):
        catalogue_package.import_catalogues(lower, other, trust=keys_of(other))
    assert data_state(lower) == before
    catalogue_package.import_catalogues(lower, genuine)  # the pinned key: no confirmation needed
    actions = [r[0] for r in lower.db.execute("SELECT action FROM audit WHERE action LIKE '%goi_danh_muc'")]
    assert actions == ["nhap_goi_danh_muc", "nhap_goi_danh_muc"]
    lower.close()


def test_backup_copy_keeps_the_key(sender, tmp_path):
    ctx, _ = sender
    copy = tmp_path / "copy.sqlite"
    target = sqlite3.connect(copy)
    ctx.db.conn.backup(target)
    target.close()
    other = open_context(copy)
    assert keys.own_fingerprint(other) == keys.own_fingerprint(ctx) != ""
    other.close()


def test_trust_is_repeatable_for_a_batch(sender, tmp_path, capsys):
    _, first = sender
    other = make_office(tmp_path, "Ủy ban nhân dân xã Tam Sơn", 0)
    second = tmp_path / "tamson.zip"
    export_package(other, second)
    other.close()
    ctx = open_province(tmp_path)
    path = ctx.path
    ctx.close()
    assert run(["package", "import", "--db", str(path), str(first), str(second),
                "--trust", keys_of(first)[0]]) == 1  # the second office's key was not confirmed
    out = capsys.readouterr()
    assert "| đã nhập" in out.out and "Chưa tin cậy khóa ký của «Ủy ban nhân dân xã Tam Sơn»" in out.err
    assert run(["package", "import", "--db", str(path), str(first), str(second),
                "--trust", keys_of(first)[0], "--trust", keys_of(second)[0]]) == 0
    out = capsys.readouterr().out
    assert "| trùng" in out and "| đã nhập" in out
