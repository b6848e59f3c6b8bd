from desktop_app.services import records
from desktop_app.services.fingerprint import data_fingerprint


def test_fingerprint_changes_with_data_not_with_audit_or_reads(ctx, unit_id):
    first = data_fingerprint(ctx)
    assert len(first) == 12 and first == data_fingerprint(ctx)
    ctx.db.execute("INSERT INTO audit (at, action, entity) VALUES ('2026-11-23', 'xem', 'unit')")
    assert data_fingerprint(ctx) == first
    records.update(ctx, "unit", unit_id, {"pupils": 701})
    assert data_fingerprint(ctx) != first
    assert len(data_fingerprint(ctx, short=False)) == 64
