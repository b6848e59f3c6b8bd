"""A Chỉ xem account writes nothing through any service, and a locked year
refuses writes from every service (SPEC §7). The check lives in the services,
so the GUI, the CLI and scripts are all covered."""

from __future__ import annotations

import pytest
from safety_helpers import content_hash, small_office, staff_rows, write_sheet

from desktop_app import settings
from desktop_app.context import open_context
from desktop_app.errors import PermissionDenied, ValidationError
from desktop_app.importing.service import import_file
from desktop_app.packages import catalogue_package, consolidate, keys
from desktop_app.packages.export import export_package
from desktop_app.services import events, history, office, period_lock, quotas, records, restore, staff, users
from desktop_app.services.events import Plan


@pytest.fixture
def office_ctx(tmp_path):
    ctx, units, people = small_office(tmp_path / "bienche.sqlite")
    ctx.close()  # reopened as the GUI opens it: holding the writer lock (restore needs it)
    ctx = open_context(tmp_path / "bienche.sqlite", lock=True, program="GUI", today=ctx.today)
    yield ctx, units, people
    ctx.close()


@pytest.fixture
def files(tmp_path, office_ctx):
    """Everything a write needs that must be made by a writer first: an import
    sheet, a package of another office, a catalogue package, an applied event, a backup."""
    ctx, units, people = office_ctx
    other, _, _ = small_office(tmp_path / "other.sqlite", name="Ủy ban nhân dân xã Hòa Bình")
    package = export_package(other, tmp_path / "other.zip") and tmp_path / "other.zip"
    signers = [keys.own_fingerprint(other), keys.own_fingerprint(ctx)]  # as confirmed on their papers
    other.close()
    settings.put(ctx, "nguong.NGUOI_TOI_THIEU_DON_VI", 7)
    catalogue_package.export_catalogues(ctx, tmp_path / "danhmuc.zip")
    settings.put(ctx, "nguong.NGUOI_TOI_THIEU_DON_VI", 8)  # so installing the package changes it back
    event = events.apply(ctx, Plan("DOI_TEN", "01/01/2026", before=[units[1]], after=[units[1]],
                                   new_value="Trường Mầm non Hoa Sen mới"))
    from desktop_app.services import backup
    saved = backup.backup_now(ctx, "thucong")
    users.create_user(ctx, "chuyenvien", "matkhau123", "chuyen_vien")
    return {"staff": write_sheet(tmp_path / "staff.xlsx", "staff", staff_rows(3)),
            "package": package, "catalogues": tmp_path / "danhmuc.zip", "event": event, "backup": saved,
            "keys": signers}


def _writes(ctx, units, people, files):
    """Every public write of the services, ready to call (name → thunk)."""
    h = history.History(ctx)
    return {
        "records.create unit": lambda: records.create(ctx, "unit", {"code": "X1", "name": "Mới",
                                                                    "field": "TH"}),
        "records.create quota": lambda: records.create(ctx, "quota", {"unit_id": units[0], "year": 2027,
                                                                      "nsnn": 3}),
        "records.update unit": lambda: records.update(ctx, "unit", units[0], {"name": "Tên khác"}),
        "records.update person": lambda: records.update(ctx, "person", people[0], {"full_name": "Lê Văn A"}),
        "records.delete evaluation": lambda: records.delete(ctx, "evaluation", 1),
        "records.delete position": lambda: records.delete(ctx, "position", 1),
        "staff.change_post": lambda: staff.change_post(ctx, people[0], "01/10/2026", "dieu_chuyen",
                                                       {"unit_id": units[1]}),
        "staff.leave": lambda: staff.leave(ctx, people[1], "01/10/2026", "THOI_VIEC"),
        "events.apply": lambda: events.apply(ctx, Plan("DOI_TEN", "01/06/2026", before=[units[0]],
                                                       after=[units[0]], new_value="Tên mới")),
        "events.revert": lambda: events.revert(ctx, files["event"]),
        "office.save": lambda: office.save(ctx, {"name": "Ủy ban nhân dân xã Khác"}),
        "history.save": lambda: h.save("unit", {"name": "Qua lịch sử"}, units[0]),
        "history.delete": lambda: h.delete("evaluation", 2),
        "quotas.copy_from_previous": lambda: quotas.copy_from_previous(ctx, 2027),
        "settings.put": lambda: settings.put(ctx, "nguong.NGUOI_TOI_THIEU_DON_VI", 1),
        "period_lock.lock_year": lambda: period_lock.lock_year(ctx, 2025, "gửi báo cáo"),
        "period_lock.unlock_year": lambda: period_lock.unlock_year(ctx, 2024, "sửa"),
        "users.create_user": lambda: users.create_user(ctx, "moi", "matkhau123", "chuyen_vien"),
        "users.change_password (someone else)": lambda: users.change_password(ctx, "chuyenvien",
                                                                                 "matkhau456"),
        "import_file staff": lambda: import_file(ctx, "staff", files["staff"]),
        "packages consolidation": lambda: consolidate.import_packages(ctx, [files["package"]],
                                                                      trust=files["keys"]),
        "catalogue package install": lambda: catalogue_package.import_catalogues(ctx, files["catalogues"],
                                                                                 trust=files["keys"]),
        "restore_open": lambda: restore.restore_open(ctx, files["backup"], "Quay lại bản sáng nay"),
    }


WRITES = ["records.create unit", "records.create quota", "records.update unit", "records.update person",
          "records.delete evaluation", "records.delete position", "staff.change_post", "staff.leave",
          "events.apply", "events.revert", "office.save", "history.save", "history.delete",
          "quotas.copy_from_previous", "settings.put", "period_lock.lock_year", "period_lock.unlock_year",
          "users.create_user", "users.change_password (someone else)", "import_file staff",
          "packages consolidation", "catalogue package install", "restore_open"]


def test_the_list_covers_every_write(office_ctx, files):
    ctx, units, people = office_ctx
    assert sorted(_writes(ctx, units, people, files)) == sorted(WRITES)


@pytest.mark.parametrize("name", WRITES)
def test_chi_xem_cannot_write(office_ctx, files, name):
    ctx, units, people = office_ctx
    call = _writes(ctx, units, people, files)[name]
    before = content_hash(ctx.db)
    ctx.user, ctx.role = "xem", "chi_xem"
    with pytest.raises(PermissionDenied) as info:
        call()
    assert "xem" in str(info.value)
    assert content_hash(ctx.db) == before
    # the same call by a writer is not refused for its role: the list holds real writes
    ctx.user, ctx.role = "quantri", "quan_tri"
    try:
        call()
    except ValidationError:
        pass  # e.g. a year not locked: refused for the data, not for the role
    if name not in ("period_lock.unlock_year",):
        assert content_hash(ctx.db) != before, f"{name} wrote nothing for an administrator either"


def test_chi_xem_may_check_an_import_without_writing(office_ctx, files):
    ctx, _, _ = office_ctx
    before = content_hash(ctx.db)
    ctx.user, ctx.role = "xem", "chi_xem"
    result = import_file(ctx, "staff", files["staff"], dry_run=True)
    assert not result.problems and result.rows == 3
    assert content_hash(ctx.db) == before


YEARLY_WRITES = {
    "quota update": lambda ctx: records.update(ctx, "quota", 1, {"nsnn": 99}),
    "quota delete": lambda ctx: records.delete(ctx, "quota", 1),
    "quota moved out of the year": lambda ctx: records.update(ctx, "quota", 1, {"year": 2024}),
    "finance update": lambda ctx: records.update(ctx, "finance", 1, {"revenue": 1}),
    "evaluation delete": lambda ctx: records.delete(ctx, "evaluation", 1),
    "evaluation update": lambda ctx: records.update(ctx, "evaluation", 1, {"level": "HTXSNV"}),
    "history.save finance": lambda ctx: history.History(ctx).save("finance", {"revenue": 2}, 1),
}


@pytest.mark.parametrize("name", sorted(YEARLY_WRITES))
def test_locked_year_refuses_service_writes(office_ctx, name):
    ctx, units, people = office_ctx
    period_lock.lock_year(ctx, 2025, "đã gửi báo cáo")
    before = content_hash(ctx.db)
    with pytest.raises(ValidationError, match="2025 đã được chốt"):
        YEARLY_WRITES[name](ctx)
    assert content_hash(ctx.db) == before


def test_locked_year_refuses_an_import_of_its_quotas(office_ctx, tmp_path):
    ctx, _, _ = office_ctx
    sheet = write_sheet(tmp_path / "q.xlsx", "quotas", [{"unit_id": "TH01", "year": 2024, "nsnn": 5},
                                                        {"unit_id": "MN01", "year": 2024, "nsnn": 6}])
    period_lock.lock_year(ctx, 2024, "đã gửi báo cáo")
    before = content_hash(ctx.db)
    result = import_file(ctx, "quotas", sheet)
    assert result.written == 0 and len(result.problems) == 2
    assert all("2024 đã được chốt" in p.message for p in result.problems)
    assert content_hash(ctx.db) == before
    period_lock.unlock_year(ctx, 2024, "bổ sung")
    assert import_file(ctx, "quotas", sheet).written == 2


def test_copy_quotas_into_a_locked_year_is_refused(office_ctx):
    ctx, _, _ = office_ctx
    period_lock.lock_year(ctx, 2027, "chốt trước")
    before = content_hash(ctx.db)
    with pytest.raises(ValidationError, match="2027 đã được chốt"):
        quotas.copy_from_previous(ctx, 2027)
    assert content_hash(ctx.db) == before


@pytest.mark.parametrize("name", WRITES)
def test_without_sign_in_no_service_writes_where_login_is_required(office_ctx, files, name):
    """The gate, not the CLI or the login dialog, refuses: a Context nobody signed in to
    (a CLI without --user, a GUI worker that lost its user) writes nothing."""
    ctx, units, people = office_ctx
    call = _writes(ctx, units, people, files)[name]
    users.create_user(ctx, "qt", "matkhau123", "quan_tri")
    users.set_login_required(ctx, True)
    ctx.signed_in = False
    before = content_hash(ctx.db)
    with pytest.raises(PermissionDenied, match="yêu cầu đăng nhập"):
        call()
    assert content_hash(ctx.db) == before
    users.login(ctx, "qt", "matkhau123")  # the same call signed in is not refused for its role
    try:
        call()
    except ValidationError:
        pass
