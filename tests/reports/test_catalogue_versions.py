"""SPEC §8: reports state which catalogue versions they used, on paper and in the file."""

from __future__ import annotations

import datetime as dt

import openpyxl

from desktop_app import catalogues
from desktop_app.reports.engine import Params, catalogue_versions
from reports.helpers import export, pdf_text


def test_reports_state_catalogue_versions(ctx, unit_id, tmp_path):
    shipped = {c["version"] for c in catalogues.shipped()}
    assert catalogue_versions(ctx) in shipped
    report, xlsx, pdf = export(ctx, "dvsn", Params(dt.date(2026, 11, 23), 2026), tmp_path)
    props = {p.name: p.value for p in openpyxl.load_workbook(xlsx).custom_doc_props.props}
    assert props["catalogues"] == report.catalogues == catalogue_versions(ctx)
    text = " ".join(pdf_text(pdf).split())
    assert f"Mã dữ liệu: {report.fingerprint} · " in text and f" · Danh mục: {report.catalogues}" in text


def test_a_catalogue_from_above_shows_as_a_difference(ctx):
    cat = next(c for c in catalogues.shipped() if c["kind"] == "nguong")
    catalogues.install(ctx.db, [dict(cat, version="2027.01.1")], force=True)
    ctx.catalogues.reload()
    base = catalogue_versions(ctx).split(" ")[0]
    assert catalogue_versions(ctx) == f"{base} (nguong 2027.01.1)"
