"""The dashboard's fast path (services/dash_cache.py) gives exactly what a full recompute
gives, after random edits made through the real services: people created, edited, moved
and deleted, staff actions, quotas, finance, positions, units, evaluations, a merger applied
and reverted, a threshold changed, another day, another process writing, the file reopened.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil

import pytest

from db import queries_dashboard
from desktop_app import settings
from desktop_app.context import open_context
from desktop_app.errors import ValidationError
from desktop_app.services import dash_cache, dashboard, evaluations, events, records, staff_actions
from desktop_app.services.events import Plan

TODAY = dt.date(2026, 11, 23)


def _ids(ctx, sql: str, params=()) -> list[int]:
    return [r[0] for r in ctx.db.execute(sql, params)]


def _working(ctx) -> list[int]:
    return _ids(ctx, "SELECT id FROM person WHERE left_on IS NULL AND unit_id IS NOT NULL ORDER BY id")


def _units(ctx) -> list[int]:
    return _ids(ctx, "SELECT id FROM unit WHERE valid_to IS NULL AND status = 'hoat_dong' ORDER BY id")


def _code(ctx, unit_id: int) -> str:
    return ctx.db.execute("SELECT code FROM unit WHERE id = ?", [unit_id]).fetchone()[0]


def _new_person(ctx, rnd):
    return records.create(ctx, "person", {
        "full_name": rnd.choice(["Nguyễn Thị Hằng", "Trần Văn Bình", "Lê Thu Trang"]),
        "birth_date": f"12/03/{rnd.randint(1962, 1998)}", "gender": "Nữ",
        "unit_id": _code(ctx, rnd.choice(_units(ctx))), "salary_class": "A1",
        "coefficient": rnd.choice(["3,66", "2,34", "9,99"]), "cccd": f"0011850{rnd.randint(10000, 99999)}",
        "recruited_on": "01/09/2008", "employment_kind": "VIEN_CHUC", "pay_source": "NSNN"})


def _edit_person(ctx, rnd):
    person = rnd.choice(_working(ctx))
    kind = ctx.db.execute("SELECT salary_class FROM person WHERE id = ?", [person]).fetchone()[0]
    scale = ctx.catalogues.item("ngach_luong", kind) or {"min": 2.34, "max": 4.98}
    records.update(ctx, "person", person, {"coefficient": rnd.choice([scale["min"], scale["max"]])})


def _move_person(ctx, rnd):
    # a position belongs to its unit (#18): a move to another unit leaves the old position behind
    records.update(ctx, "person", rnd.choice(_working(ctx)),
                   {"unit_id": _code(ctx, rnd.choice(_units(ctx))), "position_id": None})


def _retire_soon(ctx, rnd):
    records.update(ctx, "person", rnd.choice(_working(ctx)), {"birth_date": "01/01/1963"})


def _delete_person(ctx, rnd):
    records.delete(ctx, "person", rnd.choice(_working(ctx)))


def _transfer(ctx, rnd):
    staff_actions.apply(ctx, rnd.choice(_working(ctx)), "dieu_chuyen",
                        {"valid_from": "01/06/2026", "unit_id": rnd.choice(_units(ctx)), "position_id": None})


def _leave(ctx, rnd):
    staff_actions.apply(ctx, rnd.choice(_working(ctx)), "nghi",
                        {"left_on": "01/10/2026", "leave_reason": rnd.choice(["NGHI_HUU", "THOI_VIEC"])})


def _quota(ctx, rnd):
    # A past year's quota of 0 for a staffed unit is a finding; this year's counts now.
    past = rnd.choice(_ids(ctx, "SELECT q.id FROM quota q WHERE q.year = 2022 AND q.nsnn > 0 AND EXISTS "
                                "(SELECT 1 FROM assignment a WHERE a.unit_id = q.unit_id) ORDER BY q.id"))
    records.update(ctx, "quota", past, {"nsnn": 0})
    records.update(ctx, "quota", rnd.choice(_ids(ctx, "SELECT id FROM quota WHERE year = 2026 ORDER BY id")),
                   {"nsnn": rnd.randint(0, 40)})


def _finance(ctx, rnd):
    # This year's figures of a working unit; NSNN above the whole spending is a finding.
    fid = rnd.choice(_ids(ctx, "SELECT f.id FROM finance f JOIN unit u ON u.id = f.unit_id "
                               "WHERE u.valid_to IS NULL AND f.year = 2026 AND f.recurrent_spending > 0 "
                               "ORDER BY f.id"))
    spending = ctx.db.execute("SELECT recurrent_spending FROM finance WHERE id = ?", [fid]).fetchone()[0]
    records.update(ctx, "finance", fid, {"nsnn_spending": spending * rnd.choice([0.5, 2])})


def _position(ctx, rnd):
    pid = rnd.choice(_ids(ctx, "SELECT id FROM position WHERE valid_to IS NULL OR valid_to > ? ORDER BY id",
                          [TODAY.isoformat()]))
    records.update(ctx, "position", pid, {"required_count": rnd.randint(10, 19)})


def _unit(ctx, rnd):
    unit = rnd.choice(_ids(ctx, "SELECT DISTINCT unit_id FROM person WHERE left_on IS NULL ORDER BY 1"))
    records.update(ctx, "unit", unit, {"deputies": rnd.randint(0, 5), "classes": rnd.randint(5, 40),
                                       "name": f"Trường số {rnd.randint(1, 99)}"})


def _division(ctx, rnd):
    did = rnd.choice(_ids(ctx, "SELECT id FROM division WHERE valid_to IS NULL ORDER BY id"))
    records.update(ctx, "division", did, {"staff_count": rnd.choice([1, 30])})


def _evaluation(ctx, rnd):
    person = rnd.choice(_working(ctx))
    for year in (2024, 2025):
        existing = _ids(ctx, "SELECT id FROM evaluation WHERE person_id = ? AND year = ?", [person, year])
        evaluations.save(ctx, person, year, "KHTNV", evaluation_id=existing[0] if existing else None)


def _merger(ctx, rnd):
    a, b = rnd.sample(_units(ctx), 2)
    event = events.apply(ctx, Plan("SAP_NHAP", "01/08/2026", before=[a, b], after=[a]))
    _check(ctx)
    events.revert(ctx, event)


def _threshold(ctx, rnd):
    settings.put(ctx, "nguong.NGUOI_TOI_THIEU_DON_VI", rnd.randint(5, 30))


EDITS = [_new_person, _edit_person, _move_person, _retire_soon, _delete_person, _transfer, _leave, _quota,
         _finance, _position, _unit, _division, _evaluation, _merger, _threshold]


def _check(ctx) -> None:
    fast = dash_cache.compute(ctx)
    assert fast == dashboard.compute(ctx)


@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_fast_path_equals_full_recompute(demo_ctx, seed):
    rnd = random.Random(seed)
    _check(demo_ctx)  # cold: builds the cache
    done = []
    for step in range(24):
        edit = EDITS[step % len(EDITS)] if step < len(EDITS) else rnd.choice(EDITS)
        try:
            edit(demo_ctx, rnd)
        except ValidationError:
            continue  # a random value the services refuse: nothing written
        done.append(edit.__name__)
        if rnd.random() < 0.25:
            dash_cache.forget(demo_ctx)  # as if the file were reopened: parts read back from the table
        _check(demo_ctx)
    assert len(done) >= 12


def test_nothing_changed_reuses_everything_and_writes_nothing(demo_ctx):
    first = dash_cache.compute(demo_ctx)
    meta = queries_dashboard.read_meta(demo_ctx.db)
    stamp = dashboard.data_stamp(demo_ctx)
    assert dash_cache.compute(demo_ctx) == first
    assert queries_dashboard.read_meta(demo_ctx.db) == meta  # no write: no new token
    assert dashboard.data_stamp(demo_ctx) == stamp  # the cache's own write did not move the stamp


def test_another_connection_writing_is_seen(demo_ctx):
    _check(demo_ctx)
    other = open_context(demo_ctx.path, today=TODAY)
    try:
        _edit_person(other, random.Random(3))
        _move_person(other, random.Random(4))
    finally:
        other.close()
    _check(demo_ctx)


def test_another_day_rebuilds(demo_ctx, tmp_path):
    _check(demo_ctx)
    copy = tmp_path / "later.sqlite"
    demo_ctx.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(demo_ctx.path, copy)
    later = open_context(copy, today=dt.date(2027, 2, 1))
    try:
        _check(later)
        assert '"today": "2027-02-01"' in queries_dashboard.read_meta(later.db)
    finally:
        later.close()


def test_restored_older_file_is_not_read_from_memory(demo_ctx, tmp_path):
    """A file replaced under the same path (restore) carries its own cache token."""
    _check(demo_ctx)
    demo_ctx.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    saved = tmp_path / "saved.sqlite"
    shutil.copyfile(demo_ctx.path, saved)
    _edit_person(demo_ctx, random.Random(5))
    _transfer(demo_ctx, random.Random(6))
    _check(demo_ctx)
    path = demo_ctx.path
    demo_ctx.close()
    shutil.copyfile(saved, path)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    back = open_context(path, today=TODAY)
    try:
        _check(back)
    finally:
        back.close()


def _dash_triggers(ctx) -> int:
    return ctx.db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                          "AND name LIKE 'dash%'").fetchone()[0]


def test_bulk_insert_drops_the_row_log_for_the_call_and_marks_everything(demo_ctx):
    from db import bulk

    _check(demo_ctx)
    triggers = _dash_triggers(demo_ctx)
    unit = _units(demo_ctx)[0]
    seq = queries_dashboard.last_seq(demo_ctx.db)
    rows = [{"full_name": f"Người thử {i}", "unit_id": unit, "recruited_on": "2020-01-01"}
            for i in range(queries_dashboard.BULK_ROWS)]
    with demo_ctx.db.atomic():
        bulk.insert_many(demo_ctx.db, "person", rows)
    assert _dash_triggers(demo_ctx) == triggers
    assert queries_dashboard.written_since(demo_ctx.db, seq) == [(9, 0)]  # one mark, not 5.000
    _check(demo_ctx)
    with pytest.raises(RuntimeError), demo_ctx.db.atomic():  # rolled back: the triggers come back too
        bulk.insert_many(demo_ctx.db, "person", rows)
        raise RuntimeError
    assert _dash_triggers(demo_ctx) == triggers
    with demo_ctx.db.atomic():  # an error caught inside the transaction: re-created before commit
        try:
            bulk.insert_rows(demo_ctx.db, "person", ["id"], [[1]] * queries_dashboard.BULK_ROWS)
        except Exception:  # noqa: BLE001 - the duplicate id is the point
            pass
    assert _dash_triggers(demo_ctx) == triggers
    seq = queries_dashboard.last_seq(demo_ctx.db)
    with demo_ctx.db.atomic():  # logged per unit again
        demo_ctx.db.execute("UPDATE person SET full_name = 'Trần Thị Lan' WHERE id = ?",
                            _working(demo_ctx)[:1])
    written = queries_dashboard.written_since(demo_ctx.db, seq)
    assert written and all(table == 1 or table == 2 for table, _ in written)
    _check(demo_ctx)
