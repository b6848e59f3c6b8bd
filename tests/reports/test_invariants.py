"""Invariants of the ten forms (issue 14): on three demo offices (seeds 1–3) and a province
database consolidated from two of them, at three dates (31/12/2021, 30/06/2023 — before the
01/08/2023 mergers — and today):

- every quantity printed on more than one form (units, giao, có mặt, spending, autonomy
  counts, professional share, viên chức) is equal on every form;
- totals and group rows equal the sum of their rows;
- each baseline equals an independent SQL query written here.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from packages.offices import keys_of, open_province

from desktop_app.context import open_context
from desktop_app.packages import consolidate
from desktop_app.packages.export import export_package
from desktop_app.reports.engine import Params, build_report, forms, get_form
from desktop_app.reports.model import DEC, GROUP, INT, ITEM, TOTAL
from desktop_app.services.demo import generate

INTERNAL_CODE = re.compile(r"^[A-Z0-9]+_[A-Z0-9_]+$")  # as the issue states it, written here

TODAY = dt.date(2026, 11, 23)  # as in tests/conftest.py
DATES = (dt.date(2021, 12, 31), dt.date(2023, 6, 30), TODAY)
DBS = ("seed1", "seed2", "seed3", "province")
CROSS = ("kq-nq19", "slnlv", "dvsn", "tu-chu", "vtvl", "bm01-vc", "bm02-vc")


@pytest.fixture(scope="session")
def databases(office_demo_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("invariants")
    ctxs, packages = {}, []
    for seed in (1, 2, 3):
        path = folder / f"seed{seed}.sqlite"
        if seed == 1:
            shutil.copy(office_demo_file, path)
        ctx = open_context(path, today=TODAY)
        if seed != 1:
            generate(ctx, scale="office", seed=seed)
        if seed < 3:
            packages.append(folder / f"seed{seed}.zip")
            export_package(ctx, packages[-1], TODAY)
        ctxs[f"seed{seed}"] = ctx
    province = open_province(folder)
    consolidate.import_packages(province, packages, make_backup=False, trust=keys_of(*packages))
    ctxs["province"] = province
    yield ctxs
    for ctx in ctxs.values():
        ctx.close()


@pytest.fixture(scope="session")
def reports(databases):
    """Every form per (database, date), built once."""
    cache: dict = {}

    def get(db: str, day: dt.date, form_id: str):
        key = (db, day, form_id)
        if key not in cache:
            cache[key] = build_report(databases[db], form_id, Params(day, day.year))
        return cache[key]
    return get


def total(report) -> dict:
    found = [r for r in report.rows if r.kind == TOTAL]
    assert len(found) == 1, report.form_id
    return found[0].values


def scalar(ctx, sql: str, args: dict):
    return ctx.db.execute(sql, args).fetchone()[0]


ACTIVE = ("(u.valid_from IS NULL OR u.valid_from <= :d) AND (u.valid_to IS NULL OR u.valid_to > :d) "
          "AND (u.valid_to IS NOT NULL OR u.status = 'hoat_dong')")


def sql_units(ctx, day: dt.date) -> int:
    return scalar(ctx, f"SELECT count(*) FROM unit u WHERE {ACTIVE}", {"d": day.isoformat()})


def sql_quota(ctx, year: int, day: dt.date, column: str) -> int:
    return scalar(ctx, f"SELECT coalesce(sum(q.{column}), 0) FROM quota q JOIN unit u ON u.id = q.unit_id "
                       f"WHERE q.year = :y AND {ACTIVE}", {"y": year, "d": day.isoformat()})


def sql_present(ctx, day: dt.date, pay: str) -> int:
    return scalar(ctx, "SELECT count(*) FROM assignment a JOIN unit u ON u.id = a.unit_id "
                       "WHERE a.valid_from <= :d AND (a.valid_to IS NULL OR a.valid_to > :d) "
                       f"AND a.pay_source = :p AND a.employment_kind IN ('VIEN_CHUC', 'TAP_SU') AND {ACTIVE}",
                  {"d": day.isoformat(), "p": pay})


def sql_average(ctx, first: int, last: int, day: dt.date) -> float | None:
    """Bình quân chi NSNN of the years with figures, over the units founded by ``day``."""
    rows = ctx.db.execute("SELECT f.year, sum(f.nsnn_spending) FROM finance f "
                          "JOIN unit u ON u.id = f.unit_id WHERE f.year BETWEEN ? AND ? "
                          "AND f.nsnn_spending IS NOT NULL "
                          "AND (u.valid_from IS NULL OR u.valid_from <= ?) GROUP BY f.year",
                          [first, last, day.isoformat()]).fetchall()
    return round(sum(r[1] for r in rows) / len(rows) / 1e6, 2) if rows else None


@pytest.mark.parametrize("db", DBS)
@pytest.mark.parametrize("day", DATES, ids=str)
def test_baselines_equal_independent_sql(databases, reports, db, day):
    ctx = databases[db]
    base = dt.date(2021, 12, 31)
    kq, slnlv = total(reports(db, day, "kq-nq19")), total(reports(db, day, "slnlv"))
    assert kq["dv_2021"] == sql_units(ctx, base)
    assert kq["dv_nay"] == sql_units(ctx, day)
    assert kq["giao_2021"] == sql_quota(ctx, 2021, base, "nsnn")
    assert kq["giao_nay"] == sql_quota(ctx, day.year, day, "nsnn")
    assert kq["co_mat"] == sql_present(ctx, day, "NSNN")
    assert kq["nt_co_mat"] == sql_present(ctx, day, "NGUON_THU")
    given_2021 = sql_quota(ctx, 2021, base, "nsnn") + sql_quota(ctx, 2021, base, "revenue_paid")
    assert slnlv["giao_2021"] == given_2021
    before = dt.date(day.year - 1, 12, 31)
    assert slnlv["giao_truoc"] == (sql_quota(ctx, day.year - 1, before, "nsnn")
                                   + sql_quota(ctx, day.year - 1, before, "revenue_paid"))
    now = sql_quota(ctx, day.year, day, "nsnn") + sql_quota(ctx, day.year, day, "revenue_paid")
    assert slnlv["tang_giam_2021"] == now - given_2021
    assert kq["chi_1620"] == sql_average(ctx, 2016, 2020, day)
    assert kq["chi_2125"] == sql_average(ctx, 2021, min(2025, day.year), day)


@pytest.mark.parametrize("db", DBS)
@pytest.mark.parametrize("day", DATES, ids=str)
def test_one_quantity_one_number_on_every_form(reports, db, day):
    kq, slnlv, dvsn, tu_chu, vtvl, bm01, bm02 = (total(reports(db, day, f)) for f in CROSS)
    assert kq["dv_nay"] == dvsn["so_don_vi"]
    assert [kq[f"n{g}"] for g in (1, 2, 3, 4)] == [dvsn[f"nhom_{g}"] for g in (1, 2, 3, 4)]
    assert kq["giao_nay"] == slnlv["giao_nsnn"] and kq["nt_giao"] == slnlv["giao_nguon_thu"]
    assert kq["co_mat"] == slnlv["co_mat_nsnn"] and kq["nt_co_mat"] == slnlv["co_mat_nguon_thu"]
    assert kq["hd_co_mat"] == slnlv["co_mat_hd"]
    assert kq["cmnv_pct"] == vtvl["ty_le_cm"]
    assert kq["chi_1620"] == tu_chu["bq_1620"] and kq["chi_2125"] == tu_chu["bq_2125"]
    assert bm01["tong"] == int(reports(db, day, "bm02-vc").rows[-1].label.split()[2])
    assert bm02["coefficient"] is not None or bm01["tong"] == 0


def _check_sums(rows, report) -> None:
    keys = [c.key for c in report.leaves if c.kind in (INT, DEC) and c.key]
    groups: list = []
    for r in rows:
        if r.kind == GROUP:
            groups.append((r, []))
        elif r.kind == ITEM and groups:
            groups[-1][1].append(r)
    items = [r for r in rows if r.kind == ITEM]
    for head, members in [*groups, *[(r, items) for r in rows if r.kind == TOTAL]]:
        for k in keys:
            if head.values.get(k) is None:
                continue
            parts = [m.values.get(k) or 0 for m in members]
            slack = 0.005 * len(parts) + 1e-6 if isinstance(head.values[k], float) else 0
            assert abs(head.values[k] - sum(parts)) <= slack, (report.form_id, head.label, k)


@pytest.mark.parametrize("db", DBS)
@pytest.mark.parametrize("day", DATES, ids=str)
def test_totals_are_the_sum_of_their_rows(databases, reports, db, day):
    for form_id in forms():
        report = reports(db, day, form_id)
        rows = report.rows
        if db == "province":  # the rows over all offices, without the per-office blocks
            rows = get_form(form_id).build(databases[db], Params(day, day.year))
        _check_sums(rows, report)


@pytest.mark.parametrize("db", DBS)
@pytest.mark.parametrize("day", DATES, ids=str)
def test_no_literal_year_placeholder_in_any_header(reports, db, day):
    for form_id in forms():
        labels = [c.label for c in reports(db, day, form_id).leaves]
        tops = [c.label for c in reports(db, day, form_id).columns]
        for text in labels + tops:
            assert "{" not in text and not any(w in text.split() for w in ("N", "N-1")), (form_id, text)


@pytest.mark.parametrize("db", DBS)
def test_no_internal_catalogue_code_reaches_paper(reports, db):
    for form_id in forms():
        report = reports(db, TODAY, form_id)
        cells = [v for r in report.rows for v in [r.label, *r.values.values()] if isinstance(v, str)]
        leaked = [v for v in cells if INTERNAL_CODE.fullmatch(v.strip())]
        assert not leaked, (form_id, leaked[:5])
