"""An office's own catalogue items (chức vụ added in the import's mapping step, codes «DP_…»)
travel in its signed data package; the province installs them per office and prints their
labels, never the codes. A package whose item claims a national code, takes a national label,
or whose rows name an office code it does not carry is refused, nothing changed (issue #17)."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from desktop_app.cli import run
from desktop_app.entities import PERSON
from desktop_app.errors import ValidationError
from desktop_app.packages import consolidate, fmt
from desktop_app.packages.export import export_package
from desktop_app.packages.verify import verify_package
from desktop_app.services import records

from .forge import csv_bytes, data_state, read_csv, rewrite, sender_key
from .offices import keys_of, make_office

CODE_LIKE = re.compile(r"^[A-Z0-9]+_[A-Z0-9_]+$")
LIBRARY, YOUTH = "Phụ trách thư viện", "Bí thư chi đoàn"


def _add_staff_with_own_posts(ctx, folder, library: str) -> None:
    """A school's list whose chức vụ the catalogue lacks, added as the office's own items by a map."""
    book, chosen = folder / f"ds_{ctx.office_name}.xlsx", folder / f"ghep_{ctx.office_name}.json"
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH VIÊN CHỨC TÍNH ĐẾN NGÀY 30/06/2026"])
    ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Loại lao động", "Chức vụ"])
    ws.append(["Lê Thị Mai", "03/04/1988", "Nữ", "TH01", "Viên chức", library])
    ws.append(["Đỗ Văn Nam", "05/06/1990", "Nam", "TH01", "Viên chức", YOUTH])
    wb.save(book)
    chosen.write_text(json.dumps({"Chức vụ": {library: "+", YOUTH: "+"}}, ensure_ascii=False), "utf-8")
    assert run(["import", "staff", str(book), "--map", str(chosen), "--db", str(ctx.path)]) == 0
    ctx.catalogues.reload()


def held_unit(ctx) -> int:
    return ctx.db.execute("SELECT id FROM unit ORDER BY id LIMIT 1").fetchone()[0]


def _own_codes(ctx) -> dict[str, str]:
    return {label: code for code, label in ctx.db.execute(
        "SELECT code, label FROM catalogue_item WHERE kind = 'chuc_vu' AND json_extract(data, '$.local')")}


def _state(ctx) -> str:
    items = ctx.db.execute("SELECT * FROM catalogue_item ORDER BY kind, code").fetchall()
    return data_state(ctx) + hashlib.sha256(repr([tuple(r) for r in items]).encode()).hexdigest()


@pytest.fixture(scope="module")
def offices(tmp_path_factory):
    """Two offices with the same office code for «thư viện» under different labels, and the same
    «Bí thư chi đoàn» item; each exports its package."""
    folder = tmp_path_factory.mktemp("local")
    out = []
    for variant, (name, library) in enumerate((("Ủy ban nhân dân xã Đông Tiến", LIBRARY),
                                               ("Ủy ban nhân dân xã Yên Phong", LIBRARY.upper()))):
        ctx = make_office(folder, name, variant, cccd_base=5_000_000 * (variant + 1))
        _add_staff_with_own_posts(ctx, folder, library)
        path = folder / f"goi{variant}.zip"
        export_package(ctx, path)
        out.append((ctx, path, library))
    yield out
    for ctx, _, _ in out:
        ctx.close()


def test_the_package_carries_the_items_its_rows_name_signed(offices):
    ctx, path, library = offices[0]
    codes = _own_codes(ctx)
    assert set(codes) == {library, YOUTH} and all(c.startswith("DP_") for c in codes.values())
    assert read_csv(path, "local_item.csv") == [["kind", "code", "label"]] + sorted(
        ["chuc_vu", code, label] for label, code in codes.items())
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format_version"] == fmt.FORMAT_VERSION
    assert "local_item" in [t["name"] for t in manifest["tables"]]
    verified = verify_package(path)
    assert verified.signature_ok and verified.fingerprint_ok


def test_the_province_installs_them_per_office_and_prints_labels(offices, province, tmp_path):
    paths = [p for _, p, _ in offices]
    summaries = consolidate.import_packages(province, paths, make_backup=False,
                                            trust=keys_of(*paths)).summaries
    assert [s.status for s in summaries] == [consolidate.NHAP] * 2, [s.reason for s in summaries]
    items = province.db.execute(
        "SELECT json_extract(data, '$.office_uid'), json_extract(data, '$.office_code'), label, "
        "json_extract(data, '$.head') FROM catalogue_item "
        "WHERE json_extract(data, '$.office_uid') IS NOT NULL").fetchall()
    uids = [s.office_uid for s in summaries]
    expected = {(uids[i], _own_codes(ctx)[label], label, 0) for i, (ctx, _, library) in enumerate(offices)
                for label in (library, YOUTH)}
    assert set(map(tuple, items)) == expected  # the same DP_ code twice, each office's own label
    held = province.db.execute(
        "SELECT p.office_uid, p.full_name, p.leader_role FROM person p WHERE p.full_name IN (?, ?)",
        ["Lê Thị Mai", "Đỗ Văn Nam"]).fetchall()
    labels = {(uid, name): province.catalogues.label("chuc_vu", code) for uid, name, code in held}
    assert labels == {(uids[0], "Lê Thị Mai"): LIBRARY, (uids[1], "Lê Thị Mai"): LIBRARY.upper(),
                      (uids[0], "Đỗ Văn Nam"): YOUTH, (uids[1], "Đỗ Văn Nam"): YOUTH}
    role = PERSON.field("leader_role")
    shown = {role.display(code, province.catalogues) for _, _, code in held}
    assert shown == {LIBRARY, LIBRARY.upper(), YOUTH}
    with pytest.raises(ValidationError, match="không có trong danh mục"):  # never offered for the
        records.create(province, "person", {"full_name": "Trần Văn Hòa", "unit_id": held_unit(province),
                                             "leader_role": LIBRARY})  # province's own input
    audit = province.db.execute("SELECT new FROM audit WHERE action = 'nhap_goi'").fetchall()
    assert [json.loads(a[0])["muc_danh_muc_rieng"] for a in audit] == [2, 2]

    out = tmp_path / "bm02.xlsx"
    assert run(["export", "bm02-vc", "--out", str(out), "--format", "xlsx", "--db", str(province.path)]) == 0
    cells = [c.value for ws in load_workbook(out).worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]
    assert {LIBRARY, LIBRARY.upper(), YOUTH} <= set(cells)
    assert not [c for c in cells if CODE_LIKE.match(c) or "DP_" in c]


def test_a_newer_package_replaces_the_offices_items(province, tmp_path):
    ctx = make_office(tmp_path, "Ủy ban nhân dân xã Tam Sơn", 3)
    try:
        _add_staff_with_own_posts(ctx, tmp_path, LIBRARY)
        path, newer = tmp_path / "cu.zip", tmp_path / "moi.zip"
        export_package(ctx, path)
        consolidate.import_packages(province, [path], make_backup=False, trust=keys_of(path))
        mai = ctx.db.execute("SELECT id FROM person WHERE full_name = 'Lê Thị Mai'").fetchone()[0]
        records.update(ctx, "person", mai, {"leader_role": None})  # the library post is no longer named
        export_package(ctx, newer)
    finally:
        ctx.close()
    [summary] = consolidate.import_packages(province, [newer], make_backup=False).summaries
    assert summary.status == consolidate.THAY, summary.reason
    held = province.db.execute("SELECT label FROM catalogue_item "
                               "WHERE json_extract(data, '$.office_uid') IS NOT NULL").fetchall()
    assert [r[0] for r in held] == [YOUTH]


def _forged(offices, tmp_path, name: str, items=None, person_role=None):
    ctx, path, _ = offices[0]
    members = {}
    if items is not None:
        members["local_item.csv"] = csv_bytes([["kind", "code", "label"], *items])
    if person_role is not None:
        rows = read_csv(path, "person.csv")
        column = rows[0].index("leader_role")
        for row in rows[1:]:
            if row[column].startswith("DP_"):
                row[column] = person_role
        members["person.csv"] = csv_bytes(rows)
    return rewrite(path, tmp_path / name, members=members, private=sender_key(ctx))


HOSTILE = {
    "national code": ({"items": [["chuc_vu", "HIEU_TRUONG", "Phụ trách thư viện"]]}, "HIEU_TRUONG"),
    "national label": ({"items": [["chuc_vu", "DP_PHU_TRACH_THU_VIEN", "Hiệu trưởng"]]}, "Hiệu trưởng"),
    "no office items here": ({"items": [["dan_toc", "DP_KHAC", "Dân tộc khác"]]}, "dan_toc"),
    "code not carried": ({"items": []}, "gói không kèm mục này"),
    "repeated item": ({"items": [["chuc_vu", "DP_PHU_TRACH_THU_VIEN", "Phụ trách thư viện"]] * 2}, "lặp lại"),
    "hidden characters": ({"items": [["chuc_vu", "DP_PHU_TRACH_THU_VIEN", "Phụ trách\u202ethư viện"]]},
                          "ký tự điều khiển"),
    "another office's item": ({"person_role": "DP_BI_THU_CHI_DOAN@ffff"}, "gói không kèm mục này"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_item_is_refused_naming_package_and_member(offices, province, tmp_path, case):
    ctx, genuine, _ = offices[0]
    consolidate.import_packages(province, [offices[1][1]], make_backup=False, trust=keys_of(offices[1][1]))
    forged = _forged(offices, tmp_path, "gia_mao.zip", **HOSTILE[case][0])
    before = _state(province)
    [summary] = consolidate.import_packages(province, [forged], make_backup=False,
                                            trust=keys_of(genuine)).summaries
    assert summary.status == consolidate.LOI
    assert "«gia_mao.zip»" in summary.reason and HOSTILE[case][1] in summary.reason, summary.reason
    assert ("local_item.csv" if "items" in HOSTILE[case][0] and case != "code not carried"
            else "person.csv") in summary.reason
    assert _state(province) == before
    assert not [i for i in province.catalogues.items("chuc_vu") if i["label"] == "Phụ trách thư viện"
                and i.get("office_uid") == summary.office_uid]


def test_an_item_edited_without_the_senders_key_is_refused(offices, province, tmp_path):
    ctx, genuine, _ = offices[0]
    member = csv_bytes([["kind", "code", "label"], ["chuc_vu", "DP_BI_THU_CHI_DOAN", "Giám đốc sở"]])
    forged = rewrite(genuine, tmp_path / "sua.zip", members={"local_item.csv": member})
    before = _state(province)
    [summary] = consolidate.import_packages(province, [forged], make_backup=False,
                                            trust=keys_of(genuine)).summaries
    assert summary.status == consolidate.LOI and "«sua.zip»" in summary.reason
    assert _state(province) == before
