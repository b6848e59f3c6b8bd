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


def test_fingerprint_is_its_definition_across_batches(ctx, unit_id):
    """Printed codes must stay comparable across versions: SHA-256 over each data table's name,
    its column names and every row as compact JSON (by rowid), a row per line. More rows than
    one fetch batch, Vietnamese text, NULLs and decimals."""
    import hashlib
    import json

    from desktop_app.services.fingerprint import DATA_TABLES

    with ctx.db.atomic():
        for i in range(5000):
            ctx.db.execute("INSERT INTO unit (code, name, field, pupils, note) VALUES (?, ?, ?, ?, ?)",
                           [f"X{i}", f"Trường «{i}» Đường", "TH", i * 0.5 if i % 3 else None, "Ghi chú"])
    digest = hashlib.sha256()
    for table in DATA_TABLES:
        digest.update(f"\x00{table}\x00".encode())
        cursor = ctx.db.execute(f'SELECT * FROM "{table}" ORDER BY rowid')  # noqa: S608 - fixed names
        digest.update(json.dumps([d[0] for d in cursor.description]).encode())
        for row in cursor:
            digest.update(json.dumps(row, ensure_ascii=False, separators=(",", ":"), default=str).encode())
            digest.update(b"\n")
    assert data_fingerprint(ctx, short=False) == digest.hexdigest().upper()
