"""Issue 6: on the office demo every target shows a value and every rule of SPEC §3
finds something (the demo's deliberate anomalies are listed in its docstring)."""

from desktop_app.services import rules, targets
from desktop_app.services.check import findings

# Every rule id of services/rules*.py. TRUNG_CCCD_CO_QUAN compares offices and can only
# fire in a consolidating database (tested in tests/packages).
RULE_IDS = {
    "VUOT_SO_GIAO", "DON_VI_DUOI_TOI_THIEU", "PHONG_DUOI_TOI_THIEU", "KHTNV_LIEN_TIEP",
    "QUA_TUOI_NGHI_HUU", "THIEU_DANH_GIA", "TRUONG_IT_HOC_SINH", "HE_SO_NGOAI_KHUNG",
    "NGAY_BAT_THUONG", "TRUNG_HO_SO", "CAP_PHO_VUOT", "VUOT_SO_GIAO_NAM", "TY_LE_CMNV_THAP",
    "DINH_MUC_GIAO_VIEN", "TU_CHU_KHONG_HOP_LY", "TU_CHU_KHONG_KHOP", "SAP_XEP_GIAM_TU_CHU",
    "HO_SO_THIEU",  # issue #19: the personnel file's completeness
}
CONSOLIDATION_ONLY = {"TRUNG_CCCD_CO_QUAN"}
# Issue #21: the HTXS cap and the head-vs-unit rating of NĐ 233/2026 apply from the 2026
# evaluation; the demo's latest evaluations are of 2025 (NĐ 90/2020), so they cannot fire there
# (tests/test_rules_evaluation.py).
FROM_2026_EVALUATIONS = {"HTXS_VUOT_TY_LE", "NGUOI_DUNG_DAU_CAO_HON_DON_VI"}
# «Giáng chức» on a viên chức is refused at entry, so the demo (made through the services) cannot
# hold one; the rule finds those stored before (tests/test_discipline_forms.py).
REFUSED_AT_ENTRY = {"KY_LUAT_KHONG_AP_DUNG"}


def test_every_rule_finds_something_on_the_office_demo(demo_ctx):
    assert len(rules.RULES) == 21  # a new rule must be added to RULE_IDS (and to the demo)
    found = {f.rule for f in findings(demo_ctx)}
    assert RULE_IDS - found == set()
    assert found - RULE_IDS - CONSOLIDATION_ONLY - FROM_2026_EVALUATIONS - REFUSED_AT_ENTRY == set()


def test_every_target_shows_a_value_on_the_office_demo(demo_ctx):
    for target in targets.all_targets(demo_ctx):
        assert target.now is not None, target.label
        if target.kind != targets.SHARE:  # a share (≥ 20%, ≥ 65%) has no baseline year
            assert target.baseline is not None, target.label
