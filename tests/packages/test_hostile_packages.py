"""Damaged and hostile packages never crash and never leak (issue #16): malformed
manifests, oversized fields, zip bombs, broken catalogue packages, a bad package
in a batch, a damaged copy of a package already imported, a full disk and a
read-only folder. Each ends in a Vietnamese message with nothing changed."""

from __future__ import annotations

import base64
import errno
import os
import tempfile
import zipfile

import pytest

from desktop_app import atomic
from desktop_app.cli import EXIT_USER_ERROR, run
from desktop_app.errors import ValidationError
from desktop_app.packages import catalogue_package, consolidate
from desktop_app.packages.export import export_package
from desktop_app.services import records

from .forge import csv_bytes, data_state, read_csv, rewrite, sender_key
from .offices import keys_of, make_office


@pytest.fixture(scope="module")
def sender(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    ctx = make_office(folder, "Ủy ban nhân dân xã Đông Tiến", 1)
    path = folder / "goi.zip"
    export_package(ctx, path)
    yield ctx, path
    ctx.close()


def _batch(ctx, paths, trust):
    before = data_state(ctx)
    summaries = consolidate.import_packages(ctx, paths, make_backup=False, trust=trust).summaries
    return before, summaries


def _drop(key):
    def edit(m):
        parent, _, leaf = key.rpartition(".")
        (m[parent] if parent else m).pop(leaf)
    return edit


MANIFEST_EDITS = {
    "format_version text": lambda m: m.update(format_version="1"),
    "format_version bool": lambda m: m.update(format_version=True),
    "office a string": lambda m: m.update(office="Xã Đông Tiến"),
    "tables a dict": lambda m: m.update(tables={"unit": 1}),
    "rows text": lambda m: m["tables"][1].update(rows="5"),
    "rows negative": lambda m: m["tables"][1].update(rows=-1),
    "member elsewhere": lambda m: m["tables"][1].update(member="../../etc/passwd"),
    "table twice": lambda m: m["tables"].append(dict(m["tables"][1])),
    "unknown table": lambda m: m["tables"].append({**m["tables"][1], "name": "app_user",
                                                   "member": "app_user.csv"}),
    "as_of number": lambda m: m.update(as_of=2026),
    "as_of nonsense": lambda m: m.update(as_of="2026-13-45"),
    "catalogue_versions list": lambda m: m.update(catalogue_versions=[1, 2]),
    "huge number": lambda m: m["tables"][1].update(rows=2**70),
    "no tables": _drop("tables"), "no office": _drop("office"), "no uid": _drop("office.uid"),
    "no as_of": _drop("as_of"), "no created_at": _drop("created_at"), "no data_sha256": _drop("data_sha256"),
    "no signing_key": _drop("signing_key"), "no format": _drop("format"),
}


def test_malformed_manifests_are_refused_and_the_batch_goes_on(sender, province, tmp_path):
    ctx, genuine = sender
    paths = [rewrite(genuine, tmp_path / f"m{i}.zip", edit=edit, private=sender_key(ctx))
             for i, edit in enumerate(MANIFEST_EDITS.values())]
    deep = rewrite(genuine, tmp_path / "deep.zip", manifest_bytes=b"[" * 200_000 + b"]" * 200_000,
                   private=sender_key(ctx))
    not_json = rewrite(genuine, tmp_path / "nj.zip", manifest_bytes=b"\xff\xfe{", private=sender_key(ctx))
    bad = [*paths, deep, not_json]
    before, summaries = _batch(province, [*bad, genuine], keys_of(genuine))
    assert [s.status for s in summaries] == [consolidate.LOI] * len(bad) + [consolidate.NHAP]
    for name, s in zip([*MANIFEST_EDITS, "deep", "not json"], summaries, strict=False):
        assert s.reason and ("gói" in s.reason.lower() or "Gói" in s.reason), (name, s.reason)
    assert province.db.execute("SELECT count(*) FROM source_office").fetchone()[0] == 1
    assert before != data_state(province)  # only the genuine one went in


def test_damaged_copy_of_an_imported_package_is_damaged_not_duplicate(sender, province, tmp_path):
    _, genuine = sender
    damaged = tmp_path / "hong.zip"
    with zipfile.ZipFile(genuine) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data.replace("Nguyễn".encode(), b"Nguyen") if item.filename ==
                         "person.csv" else data)
    _, summaries = _batch(province, [genuine, damaged], keys_of(genuine))
    assert [s.status for s in summaries] == [consolidate.NHAP, consolidate.LOI]
    assert "bị hỏng" in summaries[1].reason and "person.csv" in summaries[1].reason


def test_zip_bomb_is_refused_before_anything_is_written(sender, province, tmp_path):
    ctx, genuine = sender
    rows = read_csv(genuine, "division.csv")
    bomb = csv_bytes(rows) + b"\x00" * (120 << 20)
    path = rewrite(genuine, tmp_path / "bom.zip", {"division.csv": bomb}, private=sender_key(ctx))
    assert path.stat().st_size < 2 << 20
    size = os.path.getsize(province.path)
    before, (summary,) = _batch(province, [path], keys_of(genuine))
    assert summary.status == consolidate.LOI and "bị từ chối trước khi giải nén" in summary.reason
    assert data_state(province) == before and os.path.getsize(province.path) == size


def test_field_over_16_mb_is_refused(sender, province, tmp_path):
    ctx, genuine = sender
    rows = read_csv(genuine, "person.csv")
    rows[1][rows[0].index("note")] = base64.b32encode(os.urandom(11 << 20)).decode()  # ≈ 17.6 MB
    path = rewrite(genuine, tmp_path / "big.zip", {"person.csv": csv_bytes(rows)}, private=sender_key(ctx))
    before, (summary,) = _batch(province, [path], keys_of(genuine))
    assert summary.status == consolidate.LOI and "person.csv" in summary.reason
    assert data_state(province) == before


@pytest.mark.parametrize("damage", ["bad json", "ragged row", "control character"])
def test_malformed_catalogue_packages_are_refused(province, sender, tmp_path, damage):
    ctx, _ = sender
    genuine = tmp_path / "dm.zip"
    catalogue_package.export_catalogues(province, genuine)
    rows = read_csv(genuine, "catalogue_item.csv")
    if damage == "bad json":
        rows[1][4] = '{"nhom": [1, 2'
    elif damage == "ragged row":
        rows[1] = rows[1][:3]
    else:
        rows[1][2] = "Giáo dục\x1b[31m"
    forged = rewrite(genuine, tmp_path / "f.zip", {"catalogue_item.csv": csv_bytes(rows)},
                     private=sender_key(province))
    before = data_state(ctx)
    with pytest.raises(ValidationError, match="catalogue_item.csv"):
        catalogue_package.import_catalogues(ctx, forged, trust=keys_of(genuine))
    assert data_state(ctx) == before
    assert ctx.db.execute("SELECT count(*) FROM trusted_key").fetchone()[0] == 0


def test_full_disk_during_package_import_changes_nothing(sender, province, tmp_path):
    """SQLite's own "database or disk is full" (SQLITE_FULL), made real by capping the file's pages."""
    ctx, genuine = sender
    rows = read_csv(genuine, "division.csv")
    unit = read_csv(genuine, "unit.csv")[1][0]
    rows += [[str(n), unit, f"Tổ chuyên môn số {n} " + "x" * 200, "3", "", ""] for n in range(100, 3100)]
    big = rewrite(genuine, tmp_path / "lon.zip", {"division.csv": csv_bytes(rows)}, private=sender_key(ctx))
    province.db.execute("VACUUM")  # no free pages left to fill
    pages = province.db.execute("PRAGMA page_count").fetchone()[0]
    province.db.execute(f"PRAGMA max_page_count = {pages}")
    before, (summary,) = _batch(province, [big], keys_of(genuine))
    assert summary.status == consolidate.LOI and "Ổ đĩa đầy" in summary.reason
    province.db.execute("PRAGMA max_page_count = 1073741823")
    assert data_state(province) == before


def _enospc(*_args):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_full_disk_during_package_export_keeps_the_old_file(sender, tmp_path, monkeypatch, capsys):
    ctx, genuine = sender
    out = tmp_path / "goi.zip"
    out.write_bytes(genuine.read_bytes())
    monkeypatch.setattr(atomic.os, "fsync", _enospc)  # the write layer reports the full disk
    with pytest.raises(ValidationError, match="Ổ đĩa đầy"):
        export_package(ctx, out)
    with pytest.raises(ValidationError, match="Ổ đĩa đầy"):
        catalogue_package.export_catalogues(ctx, tmp_path / "dm.zip")
    assert out.read_bytes() == genuine.read_bytes() and not (tmp_path / "dm.zip").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["goi.zip"]  # no temporary file left


def test_read_only_output_folder_for_package_export(sender, tmp_path, monkeypatch, capsys):
    ctx, _ = sender
    path = ctx.path

    real = tempfile.mkstemp

    def read_only(*args, **kwargs):
        if kwargs.get("dir") == tmp_path / "ro":
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", read_only)  # root ignores chmod: the OS answer is injected
    assert run(["package", "export", "--db", str(path), "--out", str(tmp_path / "ro" / "goi.zip")]) \
        == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert "chỉ đọc" in err and "goi.zip" in err and "Traceback" not in err



def test_a_folder_given_as_a_package_is_told_in_vietnamese(province, tmp_path, capsys):
    """«Chọn gói…» on the USB stick's folder (Vietnamese name, spaces) instead of the file in it:
    a message that says so — not «IsADirectoryError: [Errno 21]» — and nothing written."""
    folder = tmp_path / "Gói tháng 12"
    folder.mkdir()
    before = data_state(province)
    summary = consolidate.import_one(province, folder)
    assert summary.status == consolidate.LOI
    assert summary.reason == ("«Gói tháng 12» là một thư mục, không phải tệp gói (.zip); "
                              "hãy chọn tệp gói trong đó.")
    assert data_state(province) == before
    assert run(["--db", str(province.path), "package", "verify", str(folder)]) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert "là một thư mục" in err and "Errno" not in err and "Traceback" not in err


def test_floats_written_with_an_exponent_travel_exactly(province, tmp_path):
    """A package writes a float by repr: 5 đồng in triệu đồng is «5e-06», a huge sum «1.5e+16».
    The strict number reading of the input audit must still take them (no «không phải số»)."""
    ctx = make_office(tmp_path / "gửi", "Ủy ban nhân dân xã Tiền Phong", 2)
    unit = ctx.db.execute("SELECT id FROM unit WHERE code = 'YT01'").fetchone()[0]
    records.create(ctx, "finance", {"unit_id": unit, "year": 2024, "revenue": 5e-06,
                                    "recurrent_spending": 1.5e16, "nsnn_spending": 0.1})
    path = tmp_path / "gói.zip"
    export_package(ctx, path)
    ctx.close()
    _, summaries = _batch(province, [path], keys_of(path))
    assert summaries[0].status in (consolidate.NHAP, consolidate.THAY), summaries[0].reason
    got = province.db.execute("SELECT f.revenue, f.recurrent_spending, f.nsnn_spending FROM finance f "
                              "JOIN unit u ON u.id = f.unit_id WHERE u.code = 'YT01' AND f.year = 2024 "
                              "AND u.office_uid IS NOT NULL").fetchone()
    assert tuple(got) == (5e-06, 1.5e16, 0.1)
