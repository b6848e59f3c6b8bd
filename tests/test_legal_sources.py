"""The «Căn cứ pháp lý» model (services.legal_sources, Qt-free): each group present, a rule shows
the periods of the text it follows, lương cơ sở levels follow each other without gaps."""

from __future__ import annotations

from desktop_app import settings
from desktop_app.services import legal_sources as L


def by_name(ctx, group):
    return {e.name.split(":")[0]: e for e in L.entries(ctx) if e.group == group}


def test_every_group_has_rows(ctx):
    assert {e.group for e in L.entries(ctx)} == set(L.GROUPS)


def test_rule_rows_cite_and_date_their_text(ctx):
    rule = by_name(ctx, L.RULE)["HTXS_VUOT_TY_LE"]
    assert "NĐ 233/2026/NĐ-CP Điều 12 khoản 6 điểm a" in rule.source and "docid" not in rule.source
    assert rule.dates == "ND233-2026: từ 01/07/2026" and rule.verified is True
    assert by_name(ctx, L.RULE)["NGAY_BAT_THUONG"].verified is None


def test_threshold_rows_show_the_value_in_force(ctx):
    settings.put(ctx, "nguong.HTXS_TY_LE", 15)
    [row] = [e for e in L.entries(ctx)
             if e.group == L.THRESHOLD and e.name.startswith("Tỷ lệ tối đa HTXSNV so với số HTTNV:")]
    assert row.name.endswith(": 15 %")


def test_salary_levels_follow_each_other(ctx):
    rows = [e for e in L.entries(ctx) if e.group == L.SALARY]
    assert [r.dates for r in rows][-2:] == ["từ 01/07/2024 đến trước 01/07/2026", "từ 01/07/2026"]
    assert "NĐ 161/2026/NĐ-CP" in rows[-1].name and rows[-1].verified is True
