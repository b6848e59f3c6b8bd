"""The organisation and staffing rules of SPEC §3 added over the as-of engine:
deputies over the cap with the grace period after a merger, past years over
quota, professional share, teacher norms and autonomy consistency."""

import pytest

from desktop_app import settings
from desktop_app.services import events, office, records, teacher_norms
from desktop_app.services.check import CANH_BAO, LOI, findings
from desktop_app.services.events import Plan


def unit(ctx, code, field="THCS", **kw):
    return records.create(ctx, "unit", {"code": code, "name": f"Trường {code}", "field": field,
                                        "valid_from": "01/01/2015", **kw})


def people(ctx, unit_id, n, **kw):
    for i in range(n):
        records.create(ctx, "person", {"full_name": f"Người {unit_id} {i}", "birth_date": "1985",
                                       "gender": "nu", "unit_id": unit_id, "recruited_on": "01/09/2010",
                                       "pay_source": "NSNN", "employment_kind": "VIEN_CHUC", **kw})


def found(ctx, rule):
    return [f for f in findings(ctx) if f.rule == rule]


def test_deputies_under_a_commune(ctx):
    unit(ctx, "THCS1", deputies=3)
    unit(ctx, "LC40", field="TH_THCS", classes=40, deputies=3)  # multi-level school ≥ 40 classes
    unit(ctx, "LC39", field="TH_THCS", classes=39, deputies=3)
    unit(ctx, "BV1", field="YTE", hospital_rank="I", deputies=3)
    unit(ctx, "OK2", deputies=2)
    hits = found(ctx, "CAP_PHO_VUOT")
    assert sorted(f.unit for f in hits) == ["LC39", "THCS1"]
    assert all(f.severity == LOI and "vượt mức tối đa 2 người" in f.message for f in hits)
    settings.put(ctx, "nguong.PHO_N34_SO_XA", 3)
    assert found(ctx, "CAP_PHO_VUOT") == []


def test_deputies_under_the_province_depend_on_vien_chuc(ctx):
    office.save(ctx, {"level": "tinh"})
    small = unit(ctx, "NHO", field="SNKT_KHAC", deputies=3)
    large = unit(ctx, "LON", field="SNKT_KHAC", deputies=3)
    people(ctx, small, 20)
    people(ctx, large, 21)
    people(ctx, large, 5, employment_kind="HDLD_111")  # contracts are not viên chức
    hits = found(ctx, "CAP_PHO_VUOT")
    assert [f.unit for f in hits] == ["NHO"] and "tối đa 2 người" in hits[0].message


def test_group_2_unit_allows_three(ctx):
    u = unit(ctx, "N2", field="YTE", deputies=4)
    records.create(ctx, "finance", {"unit_id": u, "year": 2025, "revenue": 1000, "recurrent_spending": 1000})
    hits = found(ctx, "CAP_PHO_VUOT")
    assert len(hits) == 1 and "tối đa 3 người" in hits[0].message


@pytest.fixture
def merged(ctx):
    a, b = unit(ctx, "A", deputies=2), unit(ctx, "B", deputies=2)
    return a, b


def test_grace_deadline_after_a_merger(ctx, merged):
    a, b = merged
    events.apply(ctx, Plan("SAP_NHAP", "01/08/2024", before=[a, b], after=[a]))
    records.update(ctx, "unit", a, {"deputies": 4})
    hit, = found(ctx, "CAP_PHO_VUOT")
    assert hit.severity == CANH_BAO  # within 3 years of 01/08/2024
    assert "sắp xếp ngày 01/08/2024" in hit.message and "chậm nhất ngày 01/08/2027" in hit.message


def test_grace_deadline_of_the_event_passed(ctx, merged):
    a, b = merged
    events.apply(ctx, Plan("HOP_NHAT", "01/08/2024", before=[a, b], grace_years=1,
                           after=[{"code": "AB", "name": "Trường Hợp Nhất", "field": "THCS", "deputies": 4}]))
    hit, = found(ctx, "CAP_PHO_VUOT")
    assert hit.severity == LOI and hit.unit == "AB" and "đã hết ngày 01/08/2025" in hit.message


def test_over_quota_in_a_past_year(ctx):
    u = unit(ctx, "A")
    people(ctx, u, 3)
    records.create(ctx, "quota", {"unit_id": u, "year": 2024, "nsnn": 2})
    records.create(ctx, "quota", {"unit_id": u, "year": 2025, "nsnn": 3})
    records.create(ctx, "quota", {"unit_id": u, "year": 2023, "nsnn": 5, "actual_nsnn": 7})
    hit, = found(ctx, "VUOT_SO_GIAO_NAM")
    assert "31/12/2024 có mặt 3" in hit.message and "(2) 1 người" in hit.message


def test_professional_share_per_unit_and_total(ctx):
    a, b = unit(ctx, "A"), unit(ctx, "B")
    for uid, professional, support in ((a, 7, 3), (b, 5, 5)):
        for group, n in (("CDNN_CN", professional), ("HTPV", support)):
            records.create(ctx, "position", {"unit_id": uid, "regime": "ND106-2020", "group_code": group,
                                             "name": f"Vị trí {group}", "required_count": n})
    hits = found(ctx, "TY_LE_CMNV_THAP")
    assert [(f.unit, f.severity) for f in hits] == [("B", "thong_tin"), (None, CANH_BAO)]  # A has 70 %
    assert "60,0%" in hits[-1].message and "(12/20)" in hits[-1].message


@pytest.mark.parametrize(("sessions", "region", "pupils", "norm"), [
    (2, 3, 350, 10 * 1.5 + 1),  # 35 a class in vùng 3: no extra pupils
    (1, 3, 350, 10 * 1.2 + 1),
    (2, 1, 274, 10 * 1.5 + 24 / 12 + 1),  # vùng 1: class size 25, one teacher per 12 extra
    (2, 2, 330, 10 * 1.5 + 30 / 15 + 1),  # vùng 2: class size 30, one per 15 extra
    (2, 3, 384, 10 * 1.5 + 34 / 17 + 1),  # vùng 3: class size 35, one per 17 extra
])
def test_primary_school_norm(ctx, sessions, region, pupils, norm):
    u = {"field": "TH", "classes": 10, "sessions_per_day": sessions, "region": region, "pupils": pupils}
    assert teacher_norms.norm(ctx.catalogues, u) == norm


def test_teachers_against_the_norm(ctx):
    full = unit(ctx, "TH1", field="TH", classes=10, sessions_per_day=2, region=3, pupils=350)
    short = unit(ctx, "TH2", field="TH", classes=10, sessions_per_day=2, region=1, pupils=274)
    for uid in (full, short):
        people(ctx, uid, 14, title_code="V.07.03.29")
        people(ctx, uid, 2, title_code="V.07.03.29", employment_kind="HDLD_111", pay_source="NGUON_THU")
        people(ctx, uid, 3, title_code="V.01.02.01")  # not teachers
    hit, = found(ctx, "DINH_MUC_GIAO_VIEN")
    assert hit.unit == "TH2"
    assert "định mức 18 giáo viên, có mặt 16 (viên chức 14, hợp đồng 2), thiếu 2 giáo viên" in hit.message


def test_autonomy_override_without_reason_and_impossible_figures(ctx):
    a, b, c = unit(ctx, "A"), unit(ctx, "B"), unit(ctx, "C")
    fid = records.create(ctx, "finance", {"unit_id": a, "year": 2025, "revenue": 500,
                                          "recurrent_spending": 1000})
    ctx.db.execute("UPDATE finance SET group_override = 2 WHERE id = ?", [fid])  # imported long ago
    records.create(ctx, "finance", {"unit_id": b, "year": 2025, "revenue": 500, "recurrent_spending": 1000,
                                    "group_override": 2, "override_decision": "12/QĐ-UBND"})
    records.create(ctx, "finance", {"unit_id": c, "year": 2025, "revenue": 500, "recurrent_spending": 1000,
                                    "nsnn_spending": 1500})
    assert [f.unit for f in found(ctx, "TU_CHU_KHONG_KHOP")] == ["A"]
    impossible, = found(ctx, "TU_CHU_KHONG_HOP_LY")
    assert impossible.unit == "C" and "lớn hơn tổng chi thường xuyên" in impossible.message


def test_merger_that_lowers_autonomy(ctx, merged):
    a, b = merged
    records.create(ctx, "finance", {"unit_id": a, "year": 2023, "revenue": 1000, "recurrent_spending": 1000})
    records.create(ctx, "finance", {"unit_id": b, "year": 2023, "revenue": 500, "recurrent_spending": 1000})
    events.apply(ctx, Plan("HOP_NHAT", "01/08/2024", before=[a, b],
                           after=[{"code": "AB", "name": "Trường Hợp Nhất", "field": "THCS"}]))
    assert found(ctx, "SAP_XEP_GIAM_TU_CHU") == []  # no figures after the merger yet
    new = ctx.db.execute("SELECT id FROM unit WHERE code = 'AB'").fetchone()[0]
    records.create(ctx, "finance", {"unit_id": new, "year": 2024, "revenue": 800, "recurrent_spending": 1000})
    hit, = found(ctx, "SAP_XEP_GIAM_TU_CHU")
    assert hit.unit == "AB" and "nhóm tự chủ 3, thấp hơn nhóm 2" in hit.message
