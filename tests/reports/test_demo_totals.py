"""Issue 4 on the office demo: for every form the totals row read back from the
xlsx (openpyxl) equals the one extracted from the PDF (pypdf), and the key totals
equal independent SQL written here."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest

from desktop_app import vntext
from desktop_app.reports.engine import Params, forms
from reports.helpers import export, pdf_text

AS_OF = dt.date(2026, 11, 23)
D = AS_OF.isoformat()
NUMBER = re.compile(r"-?\d[\d.]*(?:,\d+)?")


def xlsx_total(path):
    for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True):
        if len(row) > 1 and isinstance(row[1], str) and row[1].startswith("Tổng cộng"):
            return row[1], [v for v in row[2:] if isinstance(v, int | float)]
    raise AssertionError("no totals row in the xlsx")


def pdf_total(path):
    """The totals row: its label and numbers; a table printed in parts («Phần 1: các cột …»)
    repeats the row in each part with that part's columns, read in order."""
    lines = [line.strip() for line in pdf_text(path).splitlines()]
    parts = max(1, sum(1 for line in lines if re.match(r"Phần \d+.*: các cột", line)))
    starts = [i for i, line in enumerate(lines) if line.startswith("Tổng cộng")][-parts:]
    return lines[starts[-1]], [n for start in starts for n in _numbers_after(lines, start)]


def _numbers_after(lines: list[str], start: int) -> list:
    numbers, seen_number = [], False
    for line in lines[start + 1:]:
        if NUMBER.fullmatch(line):
            numbers.append(vntext.parse_number(line))
            seen_number = True
        elif seen_number or len(numbers) == 0 and line[:1].isupper():
            break  # the row ended (a wrapped label's tail is lower case and comes first)
    return numbers


@pytest.mark.parametrize("form_id", sorted(forms()))
def test_xlsx_and_pdf_totals_agree(demo_ctx, tmp_path, form_id):
    report, xlsx, pdf = export(demo_ctx, form_id, Params(AS_OF, 2026), tmp_path)
    x_label, x_numbers = xlsx_total(xlsx)
    p_label, p_numbers = pdf_total(pdf)
    assert p_label.split()[:2] == x_label.split()[:2]
    assert re.findall(r"\d+", p_label) == re.findall(r"\d+", x_label)  # "Tổng cộng: 3 người"
    assert x_numbers or re.search(r"\d", x_label), "the totals row carries numbers or a count"
    assert [round(float(v), 2) for v in x_numbers] == [round(v, 2) for v in p_numbers]


def scalar(ctx, sql, *params):
    return ctx.db.execute(sql, params).fetchone()[0]


ACTIVE_UNIT = "(u.valid_from IS NULL OR u.valid_from <= ?) AND (u.valid_to IS NULL OR u.valid_to > ?)"
ON_ROLL = ("a.valid_from <= ? AND (a.valid_to IS NULL OR a.valid_to > ?) "
           "AND a.employment_kind IN ('VIEN_CHUC', 'TAP_SU')")


def total_of(ctx, tmp_path, form_id, key):
    report, xlsx, _ = export(ctx, form_id, Params(AS_OF, 2026), tmp_path)
    for row in openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True):
        if len(row) > 1 and isinstance(row[1], str) and row[1].startswith("Tổng cộng"):
            return row[[c.key for c in report.leaves].index(key)]
    raise AssertionError("no totals row")


def test_kq_nq19_units_and_quota_against_sql(demo_ctx, tmp_path):
    units = scalar(demo_ctx, f"SELECT count(*) FROM unit u WHERE {ACTIVE_UNIT}", D, D)
    quota = scalar(demo_ctx, f"SELECT sum(q.nsnn) FROM quota q JOIN unit u ON u.id = q.unit_id "
                             f"WHERE q.year = 2026 AND {ACTIVE_UNIT}", D, D)
    assert total_of(demo_ctx, tmp_path, "kq-nq19", "dv_nay") == units
    assert total_of(demo_ctx, tmp_path, "kq-nq19", "giao_nay") == quota


def test_bm01_headcount_against_sql(demo_ctx, tmp_path):
    people = scalar(demo_ctx, f"SELECT count(*) FROM assignment a JOIN unit u ON u.id = a.unit_id "
                              f"WHERE {ON_ROLL} AND {ACTIVE_UNIT}", D, D, D, D)
    assert total_of(demo_ctx, tmp_path, "bm01-vc", "tong") == people


def test_vtvl_required_against_sql(demo_ctx, tmp_path):
    required = scalar(demo_ctx, f"""
        SELECT sum(p.required_count) FROM position p JOIN unit u ON u.id = p.unit_id
        WHERE (p.valid_from IS NULL OR p.valid_from <= ?) AND (p.valid_to IS NULL OR p.valid_to >= ?)
          AND {ACTIVE_UNIT}""", D, D, D, D)
    assert total_of(demo_ctx, tmp_path, "vtvl", "can_thiet") == required


def test_dinh_muc_classes_against_sql(demo_ctx, tmp_path):
    schools = [i["code"] for i in demo_ctx.catalogues.items("linh_vuc") if i.get("school_level")]
    marks = ", ".join("?" for _ in schools)
    classes = scalar(demo_ctx, f"SELECT sum(u.classes) FROM unit u WHERE {ACTIVE_UNIT} "
                               f"AND u.field IN ({marks})", D, D, *schools)
    assert total_of(demo_ctx, tmp_path, "dinh-muc-gv", "classes") == classes
