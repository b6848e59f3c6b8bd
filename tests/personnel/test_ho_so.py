"""ho-so (độ đầy đủ hồ sơ) and its check rule: constructed people each missing a known part."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.reports.engine import Params, build_report
from desktop_app.reports.model import ITEM, TOTAL
from desktop_app.services import check, records

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture
def people(ctx, unit_id):
    def person(name, **extra):
        base = {"full_name": name, "unit_id": unit_id, "birth_date": "01/02/1985", "cccd": None,
                "employment_kind": "HD_KHAC", "recruited_on": "01/01/2015"}
        pid = records.create(ctx, "person", {**base, **extra})
        return pid
    complete = person("Đủ Hồ Sơ", cccd="001085000001", employment_kind="VIEN_CHUC", salary_class="A1",
                      salary_step=3, coefficient=3.0, step_since="01/01/2024")
    records.create(ctx, "contract", {"person_id": complete, "kind": "HDLV_KXD", "from_date": "01/01/2015"})
    no_contract = person("Thiếu Hợp Đồng", cccd="001085000002", employment_kind="VIEN_CHUC")
    ended = person("Hợp Đồng Đã Hết", cccd="001085000003", employment_kind="HDLD_111")
    records.create(ctx, "contract", {"person_id": ended, "kind": "HDLD_111", "from_date": "01/01/2020",
                                     "to_date": "31/12/2025"})
    person("Thiếu Mọi Thứ", birth_date="1985", salary_class="A1", salary_step=2, coefficient=2.67)
    left = person("Đã Nghỉ", cccd=None)
    records.update(ctx, "person", left, {"left_on": "01/01/2026"})
    for pid in (complete, no_contract, ended):
        records.create(ctx, "evaluation", {"person_id": pid, "year": 2025, "level": "HTTNV"})
    return complete


def test_each_gap_is_flagged(ctx, people):
    report = build_report(ctx, "ho-so", Params(AS_OF, 2026))
    got = {r.label: {k: v for k, v in r.values.items() if v and k not in ("cccd", "n")}
           for r in report.rows if r.kind == ITEM}
    assert got == {
        "Thiếu Hợp Đồng": {"no_contract": 1},
        "Hợp Đồng Đã Hết": {"no_contract": 1},
        "Thiếu Mọi Thứ": {"no_cccd": 1, "no_birth": 1, "no_step_date": 1, "no_evaluation": 1},
    }
    total = [r for r in report.rows if r.kind == TOTAL][0]
    assert total.label == "Tổng cộng: 3 người" and total.values["no_contract"] == 2 and total.values["n"] == 6


def test_check_rule_counts_per_unit(ctx, people):
    found = [f for f in check.findings(ctx) if f.rule == "HO_SO_THIEU"]
    assert len(found) == 1 and found[0].unit == "TH01"
    assert "3 người" in found[0].message and "Hợp đồng: 2" in found[0].message
