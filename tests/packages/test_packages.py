"""Packages and consolidation (SPEC §8): round trip, order independence, refusal of
damaged packages, replacement rules, ghost workers, verify against a printed fingerprint."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import zipfile

import pypdf
import pytest

from desktop_app.cli import run
from desktop_app.packages import catalogue_package, consolidate, fmt
from desktop_app.packages.export import export_package
from desktop_app.packages.verify import verify_package
from desktop_app.reports.engine import build_report, forms
from desktop_app.reports.model import GROUP, TOTAL
from desktop_app.reports.pdf import write_pdf
from desktop_app.services import records, rules
from desktop_app.services.fingerprint import data_fingerprint
from desktop_app.settings import put

from .offices import keys_of, make_office, open_province

NAMES = ["Ủy ban nhân dân xã Đông Tiến", "Ủy ban nhân dân xã Yên Phong", "Ủy ban nhân dân xã Tam Sơn"]
OWNED = ["unit", "division", "event", "event_unit", "finance", "position", "quota", "person",
         "assignment", "evaluation"]


def _rows(report):
    return [(r.kind, r.stt, r.label, r.values) for r in report.rows]


def content_hash(ctx) -> str:
    """Consolidated content independent of row ids: each id becomes (owner, rank within owner)."""
    db, digest = ctx.db, hashlib.sha256()
    ranks = {}
    for table in ("unit", "division", "event", "finance", "position", "quota", "person", "assignment",
                  "evaluation"):
        ranks[table] = {r[0]: (r[1], r[2]) for r in db.execute(
            f"SELECT id, office_uid, row_number() OVER (PARTITION BY office_uid ORDER BY id) FROM {table}")}
    refs = {"unit_id": "unit", "person_id": "person", "position_id": "position", "event_id": "event"}
    for table in OWNED:
        cur = db.execute(f"SELECT * FROM {table}")
        cols = [d[0] for d in cur.description]
        rows = []
        for row in cur:
            values = dict(zip(cols, row, strict=True))
            if "id" in values:
                values["id"] = ranks[table][values["id"]]
            for c, parent in refs.items():
                if values.get(c) is not None:
                    values[c] = ranks[parent][values[c]]
            rows.append(json.dumps(values, sort_keys=True, ensure_ascii=False, default=str))
        for line in sorted(rows):
            digest.update(f"{table}:{line}\n".encode())
    return digest.hexdigest()


@pytest.fixture
def offices(tmp_path):
    made = [make_office(tmp_path, name, i) for i, name in enumerate(NAMES)]
    yield made
    for c in made:
        c.close()


@pytest.fixture
def packages(tmp_path, offices):
    paths = [tmp_path / f"goi{i}.zip" for i in range(len(offices))]
    for c, path in zip(offices, paths, strict=True):
        export_package(c, path)
    return paths


def test_manifest_describes_the_package(tmp_path, offices, packages):
    verified = verify_package(packages[0])
    assert verified.signature_ok and verified.fingerprint_ok
    m = verified.manifest
    assert m["format"] == fmt.FORMAT and m["format_version"] == 1  # no office items: older software reads it
    assert m["office"]["uid"] == offices[0].db.execute("SELECT uid FROM office").fetchone()[0]
    assert m["fingerprint"] == data_fingerprint(offices[0])
    assert m["catalogue_versions"] == offices[0].catalogues.versions()
    for table, n in verified.rows.items():
        held = offices[0].db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert n == held == m["row_counts"][table]
    with zipfile.ZipFile(packages[0]) as archive:
        raw = archive.read("person.csv")
    assert raw.startswith(b"\xef\xbb\xbf") and "Nguyễn Thị".encode() in raw


def test_round_trip_every_form_matches_the_office(offices, packages, province):
    outcome = consolidate.import_packages(province, [packages[1]], trust=keys_of(*packages))
    assert [s.status for s in outcome.summaries] == [consolidate.NHAP]
    for form_id in forms():
        assert _rows(build_report(province, form_id)) == _rows(build_report(offices[1], form_id)), form_id


def test_three_offices_any_order_twice_same_content(tmp_path, packages):
    hashes = []
    for n, order in enumerate(([0, 1, 2], [2, 0, 1], [1, 2, 0, 2, 1, 0])):
        ctx = open_province(tmp_path / f"p{n}")
        outcome = consolidate.import_packages(ctx, [packages[i] for i in order], trust=keys_of(*packages))
        assert [s.status for s in outcome.summaries][:3] == [consolidate.NHAP] * 3
        assert {s.status for s in outcome.summaries[3:]} <= {consolidate.TRUNG}
        assert ctx.db.execute("SELECT count(*) FROM source_office").fetchone()[0] == 3
        hashes.append(content_hash(ctx))
        ctx.close()
    assert len(set(hashes)) == 1


def test_consolidated_reports_break_down_by_office(offices, packages, province):
    consolidate.import_packages(province, packages, trust=keys_of(*packages))
    for form_id in ("kq-nq19", "slnlv", "dvsn", "bm01-vc"):
        rows = build_report(province, form_id).rows
        office_rows = [r for r in rows if r.kind == GROUP and r.stt in "ABCD"
                       and r.label != "Tổng hợp chung các cơ quan"]  # the summary's own heading
        names = sorted(o.db.execute("SELECT name FROM office").fetchone()[0] for o in offices)
        assert [r.label for r in office_rows][:3] == names
        if form_id == "kq-nq19":
            continue
        by_name = {r.label: r.values for r in office_rows}
        total = next(r.values for r in rows if r.kind == TOTAL)
        for o in offices:
            own_total = next(r.values for r in build_report(o, form_id).rows if r.kind == TOTAL)
            assert by_name[o.db.execute("SELECT name FROM office").fetchone()[0]] == own_total
        key = next(k for k, v in total.items() if isinstance(v, int) and v)
        assert total[key] == sum(v[key] or 0 for v in by_name.values())


def test_tampered_member_and_truncated_zip_change_nothing(tmp_path, packages, province):
    consolidate.import_packages(province, [packages[0]], trust=keys_of(*packages))
    before = data_fingerprint(province, short=False)
    tampered = tmp_path / "sua.zip"
    with zipfile.ZipFile(packages[1]) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "person.csv":
                data = data.replace("Nguyễn Thị Hằng".encode(), "Nguyễn Thị Hồng".encode())
            dst.writestr(item, data)
    truncated = tmp_path / "cut.zip"
    truncated.write_bytes(packages[2].read_bytes()[: packages[2].stat().st_size // 2])
    outcome = consolidate.import_packages(province, [tampered, truncated], trust=keys_of(*packages))
    assert [s.status for s in outcome.summaries] == [consolidate.LOI, consolidate.LOI]
    assert "person.csv" in outcome.summaries[0].reason and "SHA-256" in outcome.summaries[0].reason
    assert "bị hỏng hoặc chép chưa hết" in outcome.summaries[1].reason
    assert data_fingerprint(province, short=False) == before
    assert province.db.execute("SELECT count(*) FROM source_office").fetchone()[0] == 1
    report = verify_package(tampered)
    assert not report.signature_ok and "SHA-256" in report.signature_problem


def test_newer_replaces_older_is_skipped(tmp_path, offices, province):
    old, new = tmp_path / "cu.zip", tmp_path / "moi.zip"
    export_package(offices[0], old, dt.date(2026, 10, 1))
    unit = offices[0].db.execute("SELECT id FROM unit WHERE code = 'YT01'").fetchone()[0]
    records.create(offices[0], "person", {"full_name": "Trần Văn Mới", "unit_id": unit,
                                          "recruited_on": "2026-10-15"})
    export_package(offices[0], new, dt.date(2026, 11, 1))
    statuses = [s.status for s in consolidate.import_packages(province, [old, new, old, new],
                                                               trust=keys_of(old)).summaries]
    assert statuses == [consolidate.NHAP, consolidate.THAY, consolidate.CU, consolidate.TRUNG]
    count = offices[0].db.execute("SELECT count(*) FROM person").fetchone()[0]
    assert province.db.execute("SELECT count(*) FROM person").fetchone()[0] == count
    assert province.db.execute("SELECT as_of FROM source_office").fetchone()[0] == "2026-11-01"


def test_same_cccd_in_two_offices_is_listed(tmp_path, province):
    a = make_office(tmp_path, "Ủy ban nhân dân xã Hòa Bình", 0, cccd_base=555)
    b = make_office(tmp_path, "Ủy ban nhân dân xã Hòa Lạc", 1, cccd_base=555)  # same first six CCCD
    paths = [tmp_path / "a.zip", tmp_path / "b.zip"]
    export_package(a, paths[0])
    export_package(b, paths[1])
    outcome = consolidate.import_packages(province, paths, trust=keys_of(*paths))
    cccds = {r["cccd"] for r in outcome.duplicate_cccd}
    assert len(cccds) == 6 and len(outcome.duplicate_cccd) == 12
    assert {r["office_name"] for r in outcome.duplicate_cccd} == {"Ủy ban nhân dân xã Hòa Bình",
                                                                  "Ủy ban nhân dân xã Hòa Lạc"}
    found = [f for f in rules.duplicate_cccd_across_offices(province)]
    assert len(found) == 12 and all(f.rule == "TRUNG_CCCD_CO_QUAN" for f in found)
    a.close()
    b.close()


def test_verify_matches_the_pdf_fingerprint(tmp_path, offices, packages, capsys):
    pdf = write_pdf(build_report(offices[0], "slnlv"), tmp_path / "slnlv.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    printed = text.split("Mã dữ liệu:")[1].split()[0]
    assert run(["package", "verify", str(packages[0]), "--fingerprint", printed]) == 0
    assert "KHỚP" in capsys.readouterr().out
    assert run(["package", "verify", str(packages[0]), "--fingerprint", data_fingerprint(offices[1])]) == 1
    assert "KHÔNG KHỚP" in capsys.readouterr().out


def test_cli_import_prints_summary(tmp_path, packages, province, capsys):
    path = province.path
    province.close()
    assert run(["package", "import", "--db", str(path), str(packages[0]), str(packages[0]),
                "--trust", keys_of(packages[0])[0]]) == 0
    out = capsys.readouterr().out
    assert "| đã nhập" in out and "| trùng" in out and NAMES[0] in out


def test_catalogues_and_targets_flow_down(tmp_path, offices, province):
    put(province, "nguong.TY_LE_CM", 70)
    province.db.execute("UPDATE catalogue_version SET version = '2026.9' WHERE kind = 'linh_vuc'")
    province.db.execute("UPDATE catalogue_item SET label = label || ' (mới)' "
                        "WHERE kind = 'linh_vuc' AND code = 'TH'")
    out = catalogue_package.export_catalogues(province, tmp_path / "dm.zip")
    assert out["catalogue_versions"]["linh_vuc"] == "2026.9"
    done = catalogue_package.import_catalogues(offices[0], tmp_path / "dm.zip",
                                               trust=keys_of(tmp_path / "dm.zip"))
    assert done == {"catalogues": ["linh_vuc"], "targets": ["nguong.TY_LE_CM"]}
    assert offices[0].catalogues.versions()["linh_vuc"] == "2026.9"
    assert offices[0].catalogues.label("linh_vuc", "TH").endswith("(mới)")
    m = export_package(offices[0], tmp_path / "x.zip")
    assert m["catalogue_versions"]["linh_vuc"] == "2026.9"
    notes = consolidate.catalogue_differences({"linh_vuc": "2025.1"}, m["catalogue_versions"])
    assert any("2026.9" in n for n in notes)


def test_own_package_is_refused(tmp_path, offices, packages):
    copy = shutil.copy(packages[0], tmp_path / "own.zip")
    (summary,) = consolidate.import_packages(offices[0], [copy], make_backup=False,
                                              trust=keys_of(copy)).summaries
    assert summary.status == consolidate.LOI and "chính cơ quan" in summary.reason


def test_consolidation_is_one_bulk_write_for_the_dashboard(packages, province, monkeypatch):
    """A package goes in as one bulk write, like an import (db/bulk.py): the dashboard's
    per-row log is off for it and one "everything changed" mark says so; the triggers are
    all back afterwards and the dashboard's fast path still equals a full recompute."""
    from db import queries_dashboard
    from desktop_app.services import dash_cache, dashboard

    def triggers():
        return sorted(r[0] for r in province.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'dash^_%' ESCAPE '^'"))

    dash_cache.compute(province)
    before, seq = triggers(), queries_dashboard.last_seq(province.db)
    monkeypatch.setattr(queries_dashboard, "BULK_ROWS", 1)  # the test packages are small
    consolidate.import_packages(province, packages[:1], make_backup=False, trust=keys_of(*packages))
    assert triggers() == before and before
    assert queries_dashboard.written_since(province.db, seq) == [(9, 0)]
    assert dash_cache.compute(province) == dashboard.compute(province)
