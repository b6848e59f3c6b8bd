import datetime as dt

import pytest

from desktop_app.errors import PermissionDenied, ValidationError
from desktop_app.services import period_lock, records, users

NOW = dt.datetime(2026, 11, 23, 9, 0, 0)


def test_password_hash_is_salted_scrypt():
    one, two = users.hash_password("mật khẩu dài"), users.hash_password("mật khẩu dài")
    assert one != two and one.startswith("scrypt$16384$8$1$")
    assert users.verify_password("mật khẩu dài", one) and users.verify_password("mật khẩu dài", two)
    assert not users.verify_password("mật khẩu dai", one)
    assert not users.verify_password("x", "không phải băm")


def test_login_sets_the_acting_user_and_never_audits_the_password(ctx):
    users.create_user(ctx, "hoa.nt", "Matkhau#2026", "chuyen_vien", "Nguyễn Thị Hoa")
    with pytest.raises(ValidationError, match="ít nhất 8 ký tự"):
        users.create_user(ctx, "ngan", "ngan", "chi_xem")
    with pytest.raises(ValidationError, match="đã có"):
        users.create_user(ctx, "HOA.NT", "Matkhau#2026", "chi_xem")
    user = users.login(ctx, "hoa.nt", "Matkhau#2026", now=NOW)
    assert (ctx.user, ctx.role) == ("hoa.nt", "chuyen_vien") and "password_hash" not in user
    logged = " ".join(str(v) for row in ctx.db.execute("SELECT * FROM audit") for v in row)
    assert "hoa.nt" in logged and "Matkhau" not in logged and "scrypt" not in logged
    with pytest.raises(PermissionDenied, match="Quản trị"):
        users.create_user(ctx, "khac", "Matkhau#2026", "chi_xem")


def test_five_failures_lock_the_account_for_a_while(ctx):
    users.create_user(ctx, "hoa.nt", "Matkhau#2026", "chuyen_vien")
    for left in (4, 3, 2, 1):
        with pytest.raises(ValidationError, match=f"còn {left} lần thử"):
            users.login(ctx, "hoa.nt", "sai", now=NOW)
    with pytest.raises(ValidationError, match="bị khóa đến 09:15 ngày 23/11/2026"):
        users.login(ctx, "hoa.nt", "sai", now=NOW)
    with pytest.raises(ValidationError, match="đang bị khóa"):  # even the right password waits
        users.login(ctx, "hoa.nt", "Matkhau#2026", now=NOW + dt.timedelta(minutes=14))
    users.login(ctx, "hoa.nt", "Matkhau#2026", now=NOW + dt.timedelta(minutes=15, seconds=1))
    assert ctx.role == "chuyen_vien"
    with pytest.raises(ValidationError, match="Sai tên đăng nhập"):
        users.login(ctx, "khong.co", "Matkhau#2026", now=NOW)


def test_admin_reset_unlocks(ctx):
    users.create_user(ctx, "hoa.nt", "Matkhau#2026", "chuyen_vien")
    for _ in range(5):
        with pytest.raises(ValidationError):
            users.login(ctx, "hoa.nt", "sai", now=NOW)
    users.change_password(ctx, "hoa.nt", "Matkhau#moi1")
    users.login(ctx, "hoa.nt", "Matkhau#moi1", now=NOW)


def test_read_only_user_cannot_write_through_records(ctx, unit_id):
    users.create_user(ctx, "xem", "Chixem#2026", "chi_xem")
    users.login(ctx, "xem", "Chixem#2026", now=NOW)
    before = ctx.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    with pytest.raises(PermissionDenied, match="Chỉ xem"):
        records.create(ctx, "unit", {"code": "MN01", "name": "Trường Mầm non", "field": "MN"})
    with pytest.raises(PermissionDenied):
        records.update(ctx, "unit", unit_id, {"pupils": 1})
    with pytest.raises(PermissionDenied):
        records.delete(ctx, "unit", unit_id)
    assert ctx.db.execute("SELECT count(*) FROM unit").fetchone()[0] == 1
    assert ctx.db.execute("SELECT pupils FROM unit").fetchone()[0] == 700
    assert ctx.db.execute("SELECT count(*) FROM audit").fetchone()[0] == before


def test_locked_year_refuses_quota_writes_until_an_admin_unlocks(ctx, unit_id):
    q2026 = records.create(ctx, "quota", {"unit_id": unit_id, "year": 2026, "nsnn": 30})
    period_lock.lock_year(ctx, 2026, "Đã gửi báo cáo lên huyện")
    assert period_lock.locked_years(ctx) == [2026]
    with pytest.raises(ValidationError, match="năm 2026 đã được chốt"):
        records.update(ctx, "quota", q2026, {"nsnn": 31})
    with pytest.raises(ValidationError, match="đã được chốt"):
        records.delete(ctx, "quota", q2026)
    other = records.create(ctx, "unit", {"code": "MN01", "name": "Trường Mầm non Hoa Sữa", "field": "MN"})
    q2027 = records.create(ctx, "quota", {"unit_id": other, "year": 2027, "nsnn": 30})
    with pytest.raises(ValidationError, match="đã được chốt"):  # nor moved into the locked year
        records.update(ctx, "quota", q2027, {"year": 2026})
    records.update(ctx, "unit", unit_id, {"pupils": 710})  # other entities are not yearly
    with pytest.raises(ValidationError, match="lý do"):
        period_lock.unlock_year(ctx, 2026, " ")
    period_lock.unlock_year(ctx, 2026, "Huyện yêu cầu sửa số giao")
    records.update(ctx, "quota", q2026, {"nsnn": 31})
    assert ctx.db.execute("SELECT nsnn FROM quota WHERE id = ?", [q2026]).fetchone()[0] == 31
    actions = [r[0] for r in ctx.db.execute("SELECT action FROM audit WHERE entity = 'period_lock'")]
    assert actions[0] == "chot_so_lieu" and "mo_chot_so_lieu" in actions


def test_only_an_admin_unlocks(ctx):
    period_lock.lock_year(ctx, 2026)
    users.create_user(ctx, "hoa.nt", "Matkhau#2026", "chuyen_vien")
    users.login(ctx, "hoa.nt", "Matkhau#2026", now=NOW)
    with pytest.raises(PermissionDenied, match="Quản trị"):
        period_lock.unlock_year(ctx, 2026, "muốn sửa")
    assert period_lock.locked_years(ctx) == [2026]


def test_read_only_user_cannot_change_the_office_or_a_post(ctx, unit_id):
    from desktop_app.services import office, staff

    person = records.create(ctx, "person", {"full_name": "Trần Văn Bình", "unit_id": unit_id})
    users.create_user(ctx, "xem", "Chixem#2026", "chi_xem")
    users.login(ctx, "xem", "Chixem#2026", now=NOW)
    with pytest.raises(PermissionDenied):
        office.save(ctx, {"name": "Tên khác"})
    with pytest.raises(PermissionDenied):
        staff.change_post(ctx, person, "01/01/2026", "nang_luong", {"salary_step": 3})
    assert office.get(ctx)["name"] == "Ủy ban nhân dân phường Phúc Đồng"
