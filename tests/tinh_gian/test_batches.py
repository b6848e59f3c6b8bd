"""Tinh giản batches (issue #20): states dated and audited, exclusions, money against
hand-computed figures, settling through the as-of engine and its undo, the upgrade to m0008."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import pytest

from db import migrations
from desktop_app.context import open_context
from desktop_app.errors import PermissionDenied, ValidationError
from desktop_app.services import asof, evaluations, records, tinh_gian, tinh_gian_money, tinh_gian_rules
from desktop_app.services import tinh_gian_settle as settle_service


def test_deadlines_follow_the_quarter(ctx):
    assert [tinh_gian.deadline(ctx, 2027, q) for q in (1, 2, 3, 4)] == [
        dt.date(2026, 11, 15),
        dt.date(2027, 2, 15),
        dt.date(2027, 5, 15),
        dt.date(2027, 8, 15),
    ]


def test_states_move_one_step_each_dated_and_audited(ctx, people):
    batch = tinh_gian.create_batch(ctx, 2026, 2)
    with pytest.raises(ValidationError, match="chưa có ai"):
        tinh_gian.advance(ctx, batch, "da_trinh", "10/02/2026")
    tinh_gian.add_member(
        ctx, batch, people[0], {"reason_code": "DOI_DU_SAP_XEP", "settlement_code": "HUU_TRUOC_TUOI"}
    )
    with pytest.raises(ValidationError, match="Không chuyển được"):
        tinh_gian.advance(ctx, batch, "duoc_duyet", "10/02/2026")
    tinh_gian.advance(ctx, batch, "da_trinh", "10/02/2026")
    with pytest.raises(ValidationError, match="chỉ sửa danh sách khi đợt còn dự kiến"):
        tinh_gian.add_member(
            ctx, batch, people[1], {"reason_code": "DOI_DU_SAP_XEP", "settlement_code": "THOI_VIEC_NGAY"}
        )
    tinh_gian.advance(ctx, batch, "duoc_duyet", "01/03/2026", decision_no="12/QĐ-UBND")
    log = ctx.db.execute(
        "SELECT state, on_date FROM tg_state WHERE batch_id = ? ORDER BY id", [batch]
    ).fetchall()
    assert log == [
        ("du_kien", ctx.today.isoformat()),
        ("da_trinh", "2026-02-10"),
        ("duoc_duyet", "2026-03-01"),
    ]
    audited = ctx.db.execute(
        "SELECT action FROM audit WHERE entity = 'tg_batch' AND field = 'state' ORDER BY id"
    ).fetchall()
    assert audited == [("tao",), ("chuyen_da_trinh",), ("chuyen_duoc_duyet",)]
    assert ctx.db.execute("SELECT decision_no FROM tg_batch").fetchone() == ("12/QĐ-UBND",)


def test_a_reader_cannot_write(ctx, people):
    batch = tinh_gian.create_batch(ctx, 2026, 2)
    ctx.role = "chi_xem"
    with pytest.raises(PermissionDenied):
        tinh_gian.add_member(
            ctx, batch, people[0], {"reason_code": "DOI_DU_SAP_XEP", "settlement_code": "HUU_TRUOC_TUOI"}
        )
    assert ctx.db.execute("SELECT count(*) FROM tg_member").fetchone() == (0,)


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"pregnant": True}, "đang mang thai"),
        ({"maternity_to": "30/06/2026"}, "đang nghỉ thai sản (đến 30/06/2026)"),
        ({"youngest_child_born": "02/04/2023"}, "con dưới 36 tháng tuổi (con sinh ngày 02/04/2023)"),
        ({"under_review": True}, "đang bị xem xét kỷ luật"),
    ],
)
def test_exclusions_block_with_their_reason(ctx, people, fields, reason):
    records.update(ctx, "person", people[1], fields)
    batch = tinh_gian.create_batch(ctx, 2026, 2)
    with pytest.raises(ValidationError, match="chưa thực hiện tinh giản") as caught:
        tinh_gian.add_member(
            ctx, batch, people[1], {"reason_code": "DOI_DU_SAP_XEP", "settlement_code": "THOI_VIEC_NGAY"}
        )
    assert reason in str(caught.value)
    assert ctx.db.execute("SELECT count(*) FROM tg_member").fetchone() == (0,)


def test_a_child_turned_36_months_no_longer_blocks(ctx, people):
    records.update(ctx, "person", people[1], {"youngest_child_born": "01/04/2023"})
    batch = tinh_gian.create_batch(ctx, 2026, 2)  # leaving 01/04/2026: the child is 36 months that day
    tinh_gian.add_member(
        ctx, batch, people[1], {"reason_code": "DOI_DU_SAP_XEP", "settlement_code": "THOI_VIEC_NGAY"}
    )


def test_bad_codes_name_the_field_and_write_nothing(ctx, people):
    batch = tinh_gian.create_batch(ctx, 2026, 2)
    with pytest.raises(ValidationError, match="Hình thức giải quyết"):
        tinh_gian.add_member(ctx, batch, people[0], {"reason_code": "DOI_DU_SAP_XEP", "settlement_code": "X"})
    with pytest.raises(ValidationError, match="Thời điểm tinh giản"):
        tinh_gian.add_member(
            ctx,
            batch,
            people[0],
            {"reason_code": "DOI_DU_SAP_XEP", "settlement_code": "THOI_VIEC_NGAY", "leave_on": "31/02/2026"},
        )
    assert ctx.db.execute("SELECT count(*) FROM tg_member").fetchone() == (0,)


def test_amounts_equal_hand_computed_values(ctx, people):
    batch = tinh_gian.create_batch(ctx, 2026, 2)  # leaving 01/04/2026: lương cơ sở 2.340.000 (NĐ 73/2024)
    first = tinh_gian.add_member(
        ctx,
        batch,
        people[0],
        {
            "reason_code": "DOI_DU_SAP_XEP",
            "settlement_code": "HUU_TRUOC_TUOI",
            "early_years": 3,
            "manual_amount": 40_000_000,
        },
    )
    tinh_gian.add_member(
        ctx,
        batch,
        people[1],
        {
            "reason_code": "CHAT_LUONG_KHTNV",
            "settlement_code": "THOI_VIEC_NGAY",
            "manual_amount": 100_000_000,
        },
    )
    rows = {m["id"]: m for m in tinh_gian.members(ctx, batch)}
    a = tinh_gian_money.amount(ctx, rows[first])
    # 4,98 + PCCV 0,3 + TNVK 5% × 4,98 = 0,249 → 5,529; ƯĐN 30% × 5,529 = 1,6587 → 7,1877 × 2.340.000
    assert a.monthly_pay == 16_819_218
    assert [p.amount for p in a.parts] == [252_288_270]  # 5 tháng × 3 năm × 16.819.218
    assert a.needs_manual and a.total == 292_288_270  # + 40.000.000 nhập tay
    assert tinh_gian_money.batch_total(ctx, list(rows.values())) == 392_288_270
    text = tinh_gian_money.inputs_text(ctx, rows[first])
    for shown in (
        "HS 4,98",
        "PCCV 0,3",
        "TNVK 5%",
        "ƯĐN 30%",
        "LCS 2.340.000",
        "16.819.218",
        "Nhập tay: 40.000.000",
    ):
        assert shown in text


def _dump(ctx):
    return {
        t: ctx.db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()  # noqa: S608
        for t in ("person", "assignment")
    }


def test_settling_leaves_the_roll_and_undo_restores_it_exactly(ctx, people):
    batch = tinh_gian.create_batch(ctx, 2026, 2)
    for pid in people[:2]:
        tinh_gian.add_member(
            ctx,
            batch,
            pid,
            {
                "reason_code": "DOI_DU_SAP_XEP",
                "settlement_code": "THOI_VIEC_NGAY",
                "manual_amount": 1_000_000,
            },
        )
    tinh_gian.advance(ctx, batch, "da_trinh", "10/02/2026")
    tinh_gian.advance(ctx, batch, "duoc_duyet", "01/03/2026", decision_no="12/QĐ-UBND")
    before, roll_before = _dump(ctx), asof.roll(ctx, "2026-06-30")
    with pytest.raises(ValidationError, match="xác nhận"):
        settle_service.settle(ctx, batch, "25/03/2026", confirmed=False)
    assert settle_service.settle(ctx, batch, "25/03/2026", confirmed=True) == 2
    left = ctx.db.execute(
        "SELECT id, left_on, leave_reason FROM person WHERE left_on IS NOT NULL ORDER BY id"
    ).fetchall()
    assert left == [(people[0], "2026-04-01", "TINH_GIAN"), (people[1], "2026-04-01", "TINH_GIAN")]
    assert {p["person_id"] for p in asof.roll(ctx, "2026-06-30")} == {people[2]}
    assert {p["person_id"] for p in asof.roll(ctx, "2026-03-31")} == set(people)
    assert ctx.db.execute("SELECT state FROM tg_batch").fetchone() == ("da_giai_quyet",)
    assert settle_service.undo(ctx, batch) == 2
    assert _dump(ctx) == before
    assert asof.roll(ctx, "2026-06-30") == roll_before
    assert ctx.db.execute("SELECT state FROM tg_batch").fetchone() == ("duoc_duyet",)


def test_suggestions_from_khtnv_years_and_exclusions_shown(ctx, people):
    evaluations.save(ctx, people[0], 2025, "KHTNV")
    evaluations.save(ctx, people[1], 2023, "KHTNV")  # outside the two years before 2026
    evaluations.save(ctx, people[2], 2024, "KHTNV")
    records.update(ctx, "person", people[2], {"under_review": True})
    found = tinh_gian_rules.suggest(ctx, 2026, dt.date(2026, 4, 1))
    assert sorted((s.person_id, s.reason_code) for s in found) == [
        (people[0], "CHAT_LUONG_KHTNV"),
        (people[2], "CHAT_LUONG_KHTNV"),
    ]
    blocked = {s.person_id: s.blocked for s in found}
    assert blocked[people[0]] == "" and "xem xét kỷ luật" in blocked[people[2]]
    assert ctx.db.execute("SELECT count(*) FROM tg_member").fetchone() == (0,)  # never added silently


def test_upgrade_from_m0007_keeps_every_row(tmp_path):
    path = tmp_path / "cu.sqlite"
    conn = sqlite3.connect(path)
    migrations.migrate(conn, upto=7)
    conn.execute("INSERT INTO unit (id, code, name, field) VALUES (1, 'TH01', 'Trường Tiểu học', 'TH')")
    conn.execute(
        "INSERT INTO person (id, full_name, unit_id, cccd) VALUES (7, 'Lê Văn Cũ', 1, '001070000001')"
    )
    conn.commit()
    before = conn.execute("SELECT * FROM person").fetchall()
    conn.close()
    ctx = open_context(path, today=dt.date(2026, 11, 23))
    try:
        assert ctx.db.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST >= 8
        row = ctx.db.execute("SELECT * FROM person").fetchone()
        assert row[: len(before[0])] == before[0]
        assert ctx.db.execute(
            "SELECT pregnant, maternity_to, youngest_child_born, under_review FROM person"
        ).fetchone() == (None, None, None, None)
        assert ctx.db.execute("SELECT count(*) FROM tg_batch").fetchone() == (0,)
    finally:
        ctx.close()
    shutil.copy(path, tmp_path / "again.sqlite")


def test_suggestions_after_a_merger_surplus_and_leaders_who_lost_their_post(ctx, unit_id, people):
    from desktop_app.services import events, staff
    from desktop_app.services.events import Plan

    records.create(
        ctx,
        "position",
        {
            "unit_id": unit_id,
            "regime": "ND106-2020",
            "group_code": "CDNN_CN",
            "name": "Giáo viên tiểu học",
            "required_count": 2,
        },
    )
    other = records.create(ctx, "unit", {"code": "TH02", "name": "Trường Tiểu học số 2", "field": "TH"})
    head = records.create(
        ctx,
        "person",
        {
            "full_name": "Đỗ Văn Hiệu",
            "birth_date": "01/01/1972",
            "gender": "nam",
            "unit_id": other,
            "cccd": "001072000009",
            "leader_role": "HIEU_TRUONG",
            "coefficient": 4.4,
            "recruited_on": "01/09/1995",
            "employment_kind": "VIEN_CHUC",
        },
    )
    events.apply(ctx, Plan("SAP_NHAP", "01/08/2025", before=[unit_id, other], after=[unit_id]))
    staff.change_post(ctx, head, "01/09/2025", "bo_nhiem", {"leader_role": None})
    found = tinh_gian_rules.suggest(ctx, 2026, dt.date(2026, 4, 1))
    # the SQL of the test: people on TH01's roll on 01/04/2026 against its positions' cần thiết
    on_roll = ctx.db.execute(
        "SELECT count(*) FROM assignment WHERE unit_id = ? AND valid_from <= '2026-04-01' "
        "AND (valid_to IS NULL OR valid_to > '2026-04-01')",
        [unit_id],
    ).fetchone()[0]
    assert on_roll == 4
    surplus = [s for s in found if s.reason_code == "DOI_DU_SAP_XEP"]
    assert {s.person_id for s in surplus} == {*people, head}
    assert all("có mặt 4, cần thiết 2: dôi dư 2 người" in s.why for s in surplus)
    [lost] = [s for s in found if s.reason_code == "LANH_DAO_THOI_CHUC_VU"]
    assert lost.person_id == head and "Hiệu trưởng" in lost.why and "01/08/2025" in lost.why
    assert ctx.db.execute("SELECT count(*) FROM tg_member").fetchone() == (0,)


def test_dashboard_deadlines_name_draft_batches_and_quarters_without_one(ctx, people):
    assert ctx.today == dt.date(2026, 11, 23)
    assert tinh_gian.deadlines(ctx) == [  # 15/02/2027 is 84 days away; 15/11/2026 has passed
        "Quý 2/2027: chưa lập đợt tinh giản, hạn nộp hồ sơ 15/02/2027 (còn 84 ngày)",
        tinh_gian.DEADLINES_UNVERIFIED,  # the deadlines are those of one province's plan, not read
    ]
    batch = tinh_gian.create_batch(ctx, 2027, 2)
    assert tinh_gian.deadlines(ctx) == ["Đợt quý 2/2027: hạn nộp hồ sơ 15/02/2027 (còn 84 ngày), chưa trình",
                                        tinh_gian.DEADLINES_UNVERIFIED]
    tinh_gian.add_member(
        ctx, batch, people[0], {"reason_code": "DOI_DU_SAP_XEP", "settlement_code": "THOI_VIEC_NGAY"}
    )
    tinh_gian.advance(ctx, batch, "da_trinh", "01/12/2026")
    assert tinh_gian.deadlines(ctx) == []


def test_the_dashboard_carries_the_deadlines(ctx, people):
    from desktop_app.services import dashboard

    tinh_gian.create_batch(ctx, 2027, 2)
    assert dashboard.compute(ctx).tinh_gian == [
        "Đợt quý 2/2027: hạn nộp hồ sơ 15/02/2027 (còn 84 ngày), chưa trình", tinh_gian.DEADLINES_UNVERIFIED
    ]


def test_a_volunteer_is_not_stopped_by_a_young_child_but_is_by_a_review(ctx, people):
    records.update(ctx, "person", people[1], {"youngest_child_born": "02/04/2025"})
    batch = tinh_gian.create_batch(ctx, 2026, 2)
    raw = {"reason_code": "DOI_DU_SAP_XEP", "settlement_code": "THOI_VIEC_NGAY"}
    with pytest.raises(ValidationError, match="con dưới 36 tháng"):
        tinh_gian.add_member(ctx, batch, people[1], raw)
    tinh_gian.add_member(ctx, batch, people[1], {**raw, "voluntary": True})
    records.update(ctx, "person", people[2], {"youngest_child_born": "02/04/2025", "under_review": True})
    with pytest.raises(ValidationError, match="xem xét kỷ luật") as caught:
        tinh_gian.add_member(ctx, batch, people[2], {**raw, "voluntary": True})
    assert "con dưới" not in str(caught.value)
