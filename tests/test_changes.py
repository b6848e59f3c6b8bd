"""The services' change notification (issue #18 §6) without Qt: listeners hear
the kinds of record a committed write changed, once per transaction, nothing for
a rolled-back one, and a worker's Context sharing ``changes`` reports too."""

import threading

import pytest

from desktop_app.context import open_context
from desktop_app.services import records


def heard(ctx) -> list[frozenset]:
    got: list[frozenset] = []
    ctx.changes.listen(got.append)
    return got


def test_a_committed_write_is_told_once_with_its_kinds(ctx, unit_id):
    got = heard(ctx)
    person = records.create(ctx, "person", {"full_name": "Nguyễn Thị Hằng", "unit_id": unit_id})
    records.update(ctx, "unit", unit_id, {"pupils": 710})
    with ctx.db.atomic():  # one transaction, two kinds: one notice
        records.update(ctx, "person", person, {"cccd": "001185012345"})
        records.update(ctx, "unit", unit_id, {"pupils": 720})
    assert got == [frozenset({"person"}), frozenset({"unit"}), frozenset({"person", "unit"})]


def test_a_rolled_back_write_is_not_told(ctx, unit_id):
    got = heard(ctx)
    with pytest.raises(RuntimeError), ctx.db.atomic():
        records.create(ctx, "person", {"full_name": "Trần Văn Đức", "unit_id": unit_id})
        raise RuntimeError("stop")
    assert got == []
    assert ctx.db.execute("SELECT count(*) FROM person").fetchone()[0] == 0


def test_a_worker_context_sharing_changes_reports_from_its_thread(ctx, db_path, unit_id):
    got, threads = [], []
    ctx.changes.listen(lambda kinds: (got.append(kinds), threads.append(threading.current_thread().name)))

    def work():
        worker = open_context(db_path, today=ctx.today, changes=ctx.changes)
        try:
            records.create(worker, "person", {"full_name": "Lê Thu Phương", "unit_id": unit_id})
        finally:
            worker.close()

    thread = threading.Thread(target=work, name="worker")
    thread.start()
    thread.join()
    assert got == [frozenset({"person"})] and threads == ["worker"]
