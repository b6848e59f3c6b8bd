"""The demo generator: sizes, determinism, realism (rows pass the services' own
validation), contiguous histories, events, anomalies, and refusal."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections import Counter

import pytest

from db import repo
from desktop_app.cli import run as cli_run
from desktop_app.context import open_context
from desktop_app.entities import PERSON, POST_FIELDS, UNIT
from desktop_app.errors import ValidationError
from desktop_app.services import demo, records
from desktop_app.services.info import info

TODAY = dt.date(2026, 11, 23)  # as in conftest
# loaded_at records when the catalogues were installed on open: the clock, not the demo.
# office_key: each file's signing key is random (issue #15), not part of the demo.
CLOCK_COLUMNS = {"catalogue_version": {"loaded_at"}, "office_key": {"private_key", "created_at"}}


def content_hash(ctx) -> str:
    h = hashlib.sha256()
    tables = [r[0] for r in ctx.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'dash_%' ORDER BY name")]  # dash_*: the dashboard's cache (m0005)
    for table in tables:
        cursor = ctx.db.execute(f"SELECT * FROM {table} ORDER BY rowid")  # noqa: S608 - names from schema
        names = [d[0] for d in cursor.description]
        skip = CLOCK_COLUMNS.get(table, set())
        h.update(table.encode())
        for row in cursor:
            h.update(repr([v for n, v in zip(names, row, strict=True) if n not in skip]).encode())
    return h.hexdigest()


def _without_key(data: dict) -> dict:
    """``info`` but the office's signing-key fingerprint, which differs per file by design."""
    return {**data, "office": {k: v for k, v in data["office"].items() if k != "key"}}


def fresh(tmp_path, name: str, seed: int):
    ctx = open_context(tmp_path / name, today=TODAY)
    demo.generate(ctx, scale="office", seed=seed)
    return ctx


def test_office_demo_sizes(demo_ctx):
    counts = info(demo_ctx)["counts"]
    assert counts["units_total"] >= 120
    assert counts["staff_total"] >= 2500
    assert counts["events"] >= 5
    assert counts["positions"] >= 500
    for year in range(2021, 2027):
        active = [r[0] for r in demo_ctx.db.execute(
            "SELECT id FROM unit WHERE valid_to IS NULL AND valid_from <= ?", [f"{year}-12-31"])]
        have = {r[0] for r in demo_ctx.db.execute("SELECT unit_id FROM quota WHERE year = ?", [year])}
        assert set(active) <= have, year
    finance_years = {r[0] for r in demo_ctx.db.execute("SELECT DISTINCT year FROM finance")}
    assert finance_years == set(range(2016, 2027))  # SPEC §11: budgets 2016–2026


def test_same_seed_same_bytes_other_seed_differs(tmp_path):
    first, second, other = (fresh(tmp_path, f"{n}.sqlite", seed) for n, seed in (
        ("a", 7), ("b", 7), ("c", 8)))
    try:
        assert _without_key(info(first)) == _without_key(info(second))
        assert content_hash(first) == content_hash(second)
        assert content_hash(first) != content_hash(other)
        assert info(first)["counts"] != info(other)["counts"]
        names = [info(c)["office"]["name"] for c in (first, second, other)]
        assert names[0] == names[1] != names[2]  # two offices of one province are told apart
    finally:
        for ctx in (first, second, other):
            ctx.close()


def test_office_row_and_signature_block(demo_ctx):
    office = repo.get(demo_ctx.db, "office", 1)
    assert office["name"].startswith("Ủy ban nhân dân phường ")
    assert office["level"] == "xa" and office["parent"].startswith("Ủy ban nhân dân thành phố ")
    assert (office["sign_authority"], office["signer_title"]) == ("TM.", "CHỦ TỊCH")
    assert office["signer_name"] and office["recipients"].splitlines()[-1].startswith("- Lưu: VT, ")
    audit = repo.find(demo_ctx.db, "audit", entity="demo")
    assert len(audit) == 1 and "--scale office --seed 1" in audit[0]["new"]


def _raw(entity, row) -> dict:
    return {f.name: row[f.name] for f in entity.fields if not f.readonly and row.get(f.name) is not None}


def test_units_and_a_sample_of_people_pass_the_services_validation(demo_ctx):
    for row in repo.query(demo_ctx.db, "SELECT * FROM unit"):
        values = records.prepare(demo_ctx, UNIT, _raw(UNIT, row), existing=row)
        assert values["name_key"] == row["name_key"]
    people = repo.query(demo_ctx.db, "SELECT * FROM person WHERE note IS NULL OR note NOT LIKE "
                        "'%(cần kiểm tra)%' ORDER BY id")
    sample = people[:: max(1, len(people) // 300)]
    assert len(sample) >= 290
    for row in sample:
        values = records.prepare(demo_ctx, PERSON, _raw(PERSON, row), existing=row)
        for key in ("name_key", "sort_key", "retire_on"):
            assert values[key] == row[key], (row["id"], key)


def test_names_cccd_and_gender_mix(demo_ctx):
    rows = repo.query(demo_ctx.db, "SELECT full_name, gender, cccd, birth_date FROM person "
                      "WHERE note IS NULL OR note NOT LIKE '%(cần kiểm tra)%'")
    assert all(unicodedata.normalize("NFC", r["full_name"]) == r["full_name"] for r in rows)
    assert sum(not r["full_name"].isascii() for r in rows) > 0.95 * len(rows)
    surnames = Counter(r["full_name"].split()[0] for r in rows)
    assert 0.30 < surnames["Nguyễn"] / len(rows) < 0.46
    assert surnames["Trần"] > surnames["Đỗ"] > 0
    cccd = [r["cccd"] for r in rows]
    assert len(set(cccd)) == len(cccd) and all(len(c) == 12 and c.isdigit() for c in cccd)
    for r in rows[:200]:
        year = int(r["birth_date"][:4])
        assert r["cccd"][4:6] == f"{year % 100:02d}"
        assert int(r["cccd"][3]) % 2 == (0 if r["gender"] == "nam" else 1)
    women_mn = repo.scalar(demo_ctx.db, "SELECT avg(p.gender = 'nu') FROM person p JOIN unit u "
                           "ON u.id = p.unit_id WHERE u.field = 'MN' AND p.leader_role IS NULL")
    assert women_mn > 0.85


def test_assignment_histories_are_contiguous_and_mirror_the_person(demo_ctx):
    history: dict[int, list] = {}
    for a in repo.query(demo_ctx.db, "SELECT * FROM assignment ORDER BY person_id, valid_from, id"):
        history.setdefault(a["person_id"], []).append(a)
    people = {p["id"]: p for p in repo.query(demo_ctx.db, "SELECT * FROM person")}
    assert set(history) == set(people)
    for pid, rows in history.items():
        person = people[pid]
        assert rows[0]["valid_from"] >= person["recruited_on"]
        for before, after in zip(rows, rows[1:], strict=False):
            assert before["valid_to"] == after["valid_from"], pid
        assert rows[-1]["valid_to"] == person["left_on"], pid
        assert {k: rows[-1][k] for k in POST_FIELDS} == {k: person[k] for k in POST_FIELDS}, pid
    changes = Counter(a["change"] for rows in history.values() for a in rows)
    assert {"tuyen_dung", "dieu_chuyen", "thay_doi_cdnn", "nang_luong", "sap_xep"} <= set(changes)


def test_events_close_units_and_move_staff(demo_ctx):
    kinds = Counter(r[0] for r in demo_ctx.db.execute(
        "SELECT kind FROM event WHERE effective_date BETWEEN '2022-01-01' AND '2025-12-31'"))
    assert kinds["SAP_NHAP"] >= 1 and kinds["HOP_NHAT"] >= 2 and kinds["GIAI_THE"] >= 1
    assert kinds["CHUYEN_CQQL"] >= 100
    closed = repo.query(demo_ctx.db, "SELECT u.* FROM unit u JOIN event_unit eu ON eu.unit_id = u.id "
                        "JOIN event e ON e.id = eu.event_id WHERE eu.role = 'truoc' "
                        "AND e.kind IN ('HOP_NHAT', 'GIAI_THE')")
    assert closed and all(u["valid_to"] and u["status"] in ("hop_nhat", "giai_the") for u in closed)
    moved = repo.scalar(demo_ctx.db, "SELECT count(*) FROM assignment WHERE change = 'sap_xep' "
                        "AND event_id IS NOT NULL")
    assert moved == repo.scalar(demo_ctx.db, "SELECT sum(staff_moved) FROM event")
    assert repo.scalar(demo_ctx.db, "SELECT count(*) FROM person p JOIN unit u ON u.id = p.unit_id "
                       "WHERE p.left_on IS NULL AND u.valid_to IS NOT NULL") == 0


def test_targets_have_something_to_measure(demo_ctx):
    q = lambda sql: repo.scalar(demo_ctx.db, sql)  # noqa: E731
    assert q("SELECT sum(nsnn) FROM quota WHERE year = 2026") < 0.95 * q(
        "SELECT sum(nsnn) FROM quota WHERE year = 2021")
    per_year = "SELECT avg(s) FROM (SELECT sum(nsnn_spending) s FROM finance WHERE year {} GROUP BY year)"
    early, late = q(per_year.format("<= 2020")), q(per_year.format(">= 2021"))
    assert late < early
    levels = [r[0] / r[1] * 100 for r in demo_ctx.db.execute(
        "SELECT revenue, recurrent_spending FROM finance WHERE year = 2025")]
    assert any(v >= 100 for v in levels) and any(v < 10 for v in levels)
    assert any(10 <= v < 30 for v in levels) and any(70 <= v < 100 for v in levels)
    assert q("SELECT count(*) FROM finance WHERE year = 2025 AND invest_self_funded = 1") >= 1


def test_deliberate_anomalies_are_there(demo_ctx):
    q = lambda sql: repo.scalar(demo_ctx.db, sql)  # noqa: E731
    assert q("SELECT count(*) FROM unit WHERE pupils < 120 AND valid_to IS NULL") >= 1
    assert q("SELECT count(*) FROM division WHERE staff_count < 7") >= 1
    assert q("SELECT count(*) FROM finance WHERE group_override IS NOT NULL") >= 1
    assert q("SELECT count(*) FROM person WHERE left_on IS NULL AND retire_on <= '2026-11-01'") >= 1
    assert q("SELECT count(*) FROM evaluation a JOIN evaluation b ON a.person_id = b.person_id "
             "AND a.year = 2024 AND b.year = 2025 WHERE a.level = 'KHTNV' AND b.level = 'KHTNV'") >= 1
    assert q("SELECT count(*) FROM person p WHERE left_on IS NULL AND recruited_on < '2025-01-01' AND "
             "NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.person_id = p.id AND e.year = 2025)") >= 1
    bad = 0
    for item in demo_ctx.catalogues.items("ngach_luong"):
        bad += q(f"SELECT count(*) FROM person WHERE salary_class = '{item['code']}' AND "  # noqa: S608
                 f"(coefficient < {item['min']} OR coefficient > {item['max']})")
    assert 1 <= bad <= 2
    over = q("SELECT count(*) FROM quota q WHERE q.year = 2026 AND q.nsnn < (SELECT count(*) FROM person p "
             "WHERE p.unit_id = q.unit_id AND p.left_on IS NULL AND p.pay_source = 'NSNN' "
             "AND p.employment_kind IN ('VIEN_CHUC', 'TAP_SU'))")
    assert over >= 1
    teachers = repo.query(demo_ctx.db, "SELECT u.id, u.classes, u.nursery_groups, count(p.id) n FROM unit u "
                          "JOIN person p ON p.unit_id = u.id AND p.left_on IS NULL AND p.leader_role IS NULL "
                          "AND p.title_code LIKE 'V.07.02.%' WHERE u.field = 'MN' GROUP BY u.id")
    ratios = [t["n"] / (2.2 * t["classes"] + 2.5 * t["nursery_groups"]) for t in teachers]
    assert max(ratios) > 1.0 and min(ratios) < 0.8


def test_refuses_a_database_that_has_data(ctx, unit_id):
    with pytest.raises(ValidationError) as exc:
        demo.generate(ctx, scale="office", seed=1)
    assert "đã có 1 đơn vị" in str(exc.value)
    assert repo.count(ctx.db, "unit") == 1 and repo.count(ctx.db, "person") == 0


def test_cli_refuses_second_run_in_vietnamese(demo_ctx, capsys):
    assert cli_run(["demo", "--db", str(demo_ctx.path)]) == 2
    assert "chỉ tạo dữ liệu mẫu trên tệp dữ liệu trống" in capsys.readouterr().err


def test_province_plan_shape():
    """The province scale's plan (no database: generating it takes ~20 s, see bench/demo_bench.py)."""
    import random

    from desktop_app.services.demo import units

    plan = units.province_plan(random.Random(1), "Sở Nội vụ tỉnh Nghệ An")
    assert 2200 <= len(plan.units) <= 2800
    codes = [u["code"] for u in plan.units]
    assert len(set(codes)) == len(codes)
    bodies = Counter(u["managing_body"].split(" tỉnh ")[0] for u in plan.units if u["valid_to"] is None)
    assert bodies["Sở Giáo dục và Đào tạo"] >= 40 and bodies["Ủy ban nhân dân"] >= 10
    assert sum(1 for e in plan.events if e["kind"] == "HOP_NHAT") >= 17 * 2
