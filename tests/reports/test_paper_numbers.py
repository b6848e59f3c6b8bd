"""Issue 14, numbers on the office demo: an override without a decision number is printed as
such and counted by the computed group; units ended since 2021 stay on dvsn with their event;
money is rounded once; kq-nq19 prints each indicator against its target and deadline."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from desktop_app import vntext
from desktop_app.reports.engine import Params, build_report
from desktop_app.reports.model import ITEM, TOTAL

PARAMS = Params(dt.date(2026, 11, 23), 2026)


def _total(report) -> dict:
    return next(r.values for r in report.rows if r.kind == TOTAL)


def test_override_without_decision_counts_by_computed_group(demo_ctx):
    undecided = demo_ctx.db.execute(
        "SELECT u.name, f.group_override, f.revenue * 100.0 / f.recurrent_spending FROM finance f "
        "JOIN unit u ON u.id = f.unit_id WHERE f.year = 2026 AND f.group_override IS NOT NULL "
        "AND coalesce(f.override_decision, '') = ''").fetchall()
    assert undecided  # the demo holds one (MN Phúc Đồng 2, nhóm 1 at 32,46%)
    tu_chu = build_report(demo_ctx, "tu-chu", PARAMS)
    for name, override, level in undecided:
        row = next(r for r in tu_chu.rows if r.label == name)
        assert row.values["override"] == f"Nhóm {override}: chưa có quyết định"
        assert row.values["group"].startswith("Nhóm 3") and 10 <= level < 100
    # autonomous units: level ≥ 100 by the figures, or an override with a decision number
    autonomous = demo_ctx.db.execute(
        "SELECT count(*) FROM finance f JOIN unit u ON u.id = f.unit_id WHERE f.year = 2026 "
        "AND (u.valid_to IS NULL OR u.valid_to > ?) AND ((coalesce(f.override_decision, '') <> '' "
        "AND f.group_override IN (1, 2)) OR (coalesce(f.override_decision, '') = '' "
        "AND f.revenue >= f.recurrent_spending AND f.recurrent_spending > 0))",
        [PARAMS.as_of.isoformat()]).fetchone()[0]
    kq = _total(build_report(demo_ctx, "kq-nq19", PARAMS))
    assert kq["n1"] + kq["n2"] == autonomous
    assert kq["tu_chu_pct"] == round(autonomous * 100 / kq["dv_nay"], 2)


def test_dvsn_lists_units_ended_since_2021_with_their_event(demo_ctx):
    ended = demo_ctx.db.execute(
        "SELECT name, valid_to FROM unit WHERE valid_to > '2021-01-01' AND valid_to <= ?",
        [PARAMS.as_of.isoformat()]).fetchall()
    assert len(ended) >= 8
    report = build_report(demo_ctx, "dvsn", PARAMS)
    for name, until in ended:
        row = next(r for r in report.rows if r.kind == ITEM and r.label == name)
        assert row.values["status"].endswith(f"ngày {vntext.format_date(until)}")
        assert row.values["status"].startswith("Đã ") and row.values["changes"]
        assert row.values["so_don_vi"] is None
    active = demo_ctx.db.execute("SELECT count(*) FROM unit WHERE valid_to IS NULL AND status = 'hoat_dong'"
                                 ).fetchone()[0]
    assert _total(report)["so_don_vi"] == active


def test_money_is_rounded_once(demo_ctx):
    exact = demo_ctx.db.execute("SELECT sum(nsnn_spending), sum(recurrent_spending) FROM finance f "
                                "JOIN unit u ON u.id = f.unit_id WHERE f.year = 2026 "
                                "AND (u.valid_to IS NULL OR u.valid_to > ?)",
                                [PARAMS.as_of.isoformat()]).fetchone()
    total = _total(build_report(demo_ctx, "tu-chu", PARAMS))
    assert total["nsnn"] == round(exact[0] / 1e6, 2) and total["b"] == round(exact[1] / 1e6, 2)


def test_kq_nq19_prints_each_indicator_against_target_and_deadline(demo_ctx):
    notes = build_report(demo_ctx, "kq-nq19", PARAMS).notes
    by_year = dict(demo_ctx.db.execute("SELECT year, sum(nsnn_spending) FROM finance "
                                       "GROUP BY year").fetchall())
    before = sum(by_year[y] for y in range(2016, 2021)) / 5
    after = sum(by_year[y] for y in range(2021, 2026)) / 5
    cut = vntext.format_number(round((before - after) * 100 / before, 2), 2)
    spending = next(n for n in notes if "bình quân 2021–2025 so với bình quân 2016–2020" in n)
    assert f"giảm {cut}%" in spending and "mục tiêu giảm ít nhất 10% đến 31/12/2025" in spending
    professional = next(n for n in notes if "chuyên môn, nghiệp vụ" in n and "mục tiêu" in n)
    assert "mục tiêu ít nhất 65%" in professional
    autonomy = next(n for n in notes if "nhóm 1 + nhóm 2" in n and "mục tiêu" in n)
    assert "mục tiêu ít nhất 20% đến 31/12/2026" in autonomy
    verdicts = ("Đạt.", "Chưa đạt.", "Chưa đủ số liệu.")
    assert all(n.rstrip().endswith(verdicts) for n in notes if "mục tiêu" in n)


def test_vtvl_prints_bac_for_nd232_positions_and_counts_per_rank(demo_ctx):
    levels = demo_ctx.db.execute(
        "SELECT DISTINCT career_level_min, career_level_max FROM position WHERE regime LIKE 'ND232%' "
        "AND career_level_min IS NOT NULL AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)",
        [PARAMS.as_of.isoformat()] * 2).fetchall()
    assert levels
    report = build_report(demo_ctx, "vtvl", PARAMS)
    ranks = {r.values["rank"] for r in report.rows if r.kind == ITEM}
    assert {f"Bậc {lo}–{hi}" for lo, hi in levels} <= ranks
    assert not ranks & {"I", "II", "III", "IV"}  # every position in force is under ND 232/2026
    for r in (r for r in report.rows if r.kind == ITEM and r.values["co_mat"]):
        counted = [int(part.split(": ")[1]) for part in r.values["theo_hang"].split("; ")]
        assert sum(counted) == r.values["co_mat"], r.label


def test_bm01_age_bands_partition_and_state_management_group(demo_ctx):
    report = build_report(demo_ctx, "bm01-vc", PARAMS)
    for r in report.rows:
        v = r.values
        assert v["duoi_30"] + v["tu_30_50"] + v["tren_50"] + v["khong_ns"] == v["tong"], r.label
        assert v["qua_tuoi"] <= v["tren_50"]
    labels = {c.key: c.label for c in report.leaves}
    assert labels["qua_tuoi"].startswith("Trong đó")
    for code in ("CVCC", "CVC", "CV"):
        n = demo_ctx.db.execute(
            "SELECT count(*) FROM assignment a JOIN person p ON p.id = a.person_id WHERE a.valid_from <= :d "
            "AND (a.valid_to IS NULL OR a.valid_to > :d) AND a.employment_kind IN ('VIEN_CHUC', 'TAP_SU') "
            "AND p.state_mgmt_level = :c", {"d": PARAMS.as_of.isoformat(), "c": code}).fetchone()[0]
        assert _total(report)[f"qlnn_{code.lower()}"] == n, code


def test_bm02_has_chuc_vu_and_numeric_step(demo_ctx, tmp_path):
    from reports.helpers import export, xlsx_rows

    report, xlsx, _ = export(demo_ctx, "bm02-vc", Params(PARAMS.as_of, 2026), tmp_path)
    keys = [c.key for c in report.leaves]
    labels = dict(demo_ctx.catalogues.choices("chuc_vu"))
    roles = Counter(labels[r[0]] for r in demo_ctx.db.execute(
        "SELECT a.leader_role FROM assignment a WHERE a.valid_from <= :d AND (a.valid_to IS NULL "
        "OR a.valid_to > :d) AND a.leader_role IS NOT NULL AND a.employment_kind IN ('VIEN_CHUC', 'TAP_SU')",
        {"d": PARAMS.as_of.isoformat()}))
    printed = Counter(r.values["position"] for r in report.rows if r.values.get("position"))
    assert roles and printed == roles
    steps = [r[keys.index("step")] for r in xlsx_rows(xlsx) if len(r) > len(keys) - 1
             and isinstance(r[keys.index("coefficient")], float)]
    assert steps and all(isinstance(s, int) for s in steps if s is not None)


def test_dinh_muc_subtotals_per_cap_hoc_and_lien_cap_marked(demo_ctx):
    report = build_report(demo_ctx, "dinh-muc-gv", PARAMS)
    groups = [r.label for r in report.rows if r.kind == "group"]
    per_field = dict(demo_ctx.db.execute(
        "SELECT field, sum(classes) FROM unit WHERE valid_to IS NULL AND status = 'hoat_dong' "
        "AND field IN ('MN', 'TH', 'THCS', 'TH_THCS', 'THPT') GROUP BY field").fetchall())
    labels = dict(demo_ctx.catalogues.choices("linh_vuc"))
    assert groups == [labels[f] for f in ("MN", "TH", "THCS", "TH_THCS", "THPT") if f in per_field]
    for r in (r for r in report.rows if r.kind == "group"):
        field = next(f for f, label in labels.items() if label == r.label)
        assert r.values["classes"] == per_field[field]
    lien_cap = [r for r in report.rows if r.kind == ITEM and "và Trung học cơ sở" in r.label]
    assert lien_cap and all(r.label.endswith("(**)") for r in lien_cap)
    assert any(n.startswith("(**) Trường liên cấp") for n in report.notes)


def test_sap_xep_deputy_cap_excess_overdue_and_one_line_for_the_mass_transfer(demo_ctx):
    report = build_report(demo_ctx, "sap-xep", Params(dt.date(2026, 12, 1), 2026))
    unit = demo_ctx.db.execute("SELECT name, deputies, classes FROM unit WHERE code = 'LC061'").fetchone()
    assert unit[2] < 40  # a liên cấp school below 40 classes: the ordinary cap of a commune's unit
    cap = demo_ctx.catalogues.item("nguong", "PHO_N34_SO_XA")["value"]
    row = next(r for r in report.rows if r.values.get("after") == unit[0])
    assert (row.values["deputies"], row.values["cap"]) == (unit[1], cap)
    assert row.values["excess"] == max(0, unit[1] - cap) > 0
    assert row.values["deadline"].startswith("01/08/2026; quá hạn, còn vượt")
    transfers, events = demo_ctx.db.execute(
        "SELECT sum(kind = 'CHUYEN_CQQL'), count(*) FROM event WHERE effective_date <= '2026-12-01'"
    ).fetchone()
    assert transfers > 100
    lines = [r for r in report.rows if r.kind == ITEM and r.label.startswith("Chuyển cơ quan quản lý")]
    assert len(lines) == 1 and lines[0].label.endswith(f"({transfers} sự kiện)")
    total = report.rows[-1]
    assert total.label == f"Tổng cộng: {events} sự kiện" and total.values.get("deputies") is None


def test_tu_chu_prints_the_band_of_nhom_3_and_the_group_counts_of_kq_nq19(demo_ctx):
    report = build_report(demo_ctx, "tu-chu", PARAMS)
    for r in (r for r in report.rows if r.kind == ITEM and r.values.get("level") is not None):
        level = r.values["level"]
        if r.values["group"].startswith("Nhóm 3"):
            band = "70–100%" if level >= 70 else "30–70%" if level >= 30 else "10–30%"
            assert r.values["group"] == f"Nhóm 3 ({band})", r.label
    kq = _total(build_report(demo_ctx, "kq-nq19", PARAMS))
    counts = next(n for n in report.notes if n.startswith("Số đơn vị theo nhóm tự chủ"))
    for g in (1, 2, 3, 4):
        part = counts.split(f"nhóm {g}: ")[1].split(";")[0]
        assert f"→ {kq[f'n{g}']} (" in part, (g, part)
    labels = [c.label for c in report.leaves]
    assert "Bình quân 2016–2020" in labels and "Bình quân 2021–2025" in labels


def test_a_year_without_quota_is_not_a_cut(demo_ctx):
    assert not demo_ctx.db.execute("SELECT count(*) FROM quota WHERE year = 2027").fetchone()[0]
    report = build_report(demo_ctx, "kq-nq19", Params(dt.date(2027, 3, 1), 2027))
    notes = report.notes
    assert _total(report)["giao_nay"] is None and _total(report)["giao_giam"] is None
    by_2026 = next(n for n in notes if n.startswith("- Giảm biên chế hưởng lương NSNN đến năm 2026"))
    given = demo_ctx.db.execute(
        "SELECT sum(q.nsnn) FROM quota q JOIN unit u ON u.id = q.unit_id WHERE q.year = 2026 "
        "AND u.valid_from <= '2026-12-31' AND (u.valid_to IS NULL OR u.valid_to > '2026-12-31')"
    ).fetchone()[0]
    assert f"năm 2026: {vntext.format_number(given, 0)} người" in by_2026
    by_2030 = next(n for n in notes if n.startswith("- Giảm tiếp biên chế hưởng lương NSNN"))
    assert by_2030.endswith("Chưa đủ số liệu.") and "100" not in by_2030
