"""Property test (issue #15): a trusted sender's genuine package, mutated thousands of times
(column order, repeated or foreign headers, ids, values, manifest fields) and signed again
with the sender's own key, is either imported as exactly the sender's rows — every row in
the sender's partition, every reference inside it, nobody else's rows touched — or refused
with a Vietnamese message and the file unchanged. Never a traceback.

Each example runs inside one outer transaction rolled back afterwards, so thousands of
imports cost one small province file."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.queries_packages import DATA_TABLES, ID_COLUMNS
from desktop_app import signing
from desktop_app.packages import consolidate, fmt, keys

from .forge import csv_bytes, data_state, sender_key
from .offices import fill, keys_of, make_office, open_province

MEMBERS = [f"{t}.csv" for t in DATA_TABLES]
CELLS = st.one_of(
    st.integers(-10, 40).map(str),
    st.sampled_from(["", "0", "-1", str(2**63), str(10**13), "1e3", " 7", "abc", "2026-13-01", "2025-06-30",
                     "NSNN", "nam", "4.68", "1,5", "Nguyễn\x00", "A\u202eB", "=HYPERLINK(1)", "Ω" * 600]),
    st.text(max_size=12))
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.text(max_size=12),
                           lambda inner: (st.lists(inner, max_size=3)
                                          | st.dictionaries(st.text(max_size=5), inner, max_size=3)),
                           max_leaves=8)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("props")
    sender = make_office(folder, "Ủy ban nhân dân xã Đông Tiến", 1)
    neighbour = make_office(folder, "Ủy ban nhân dân xã Yên Phong", 2)
    genuine, other = folder / "goi.zip", folder / "ben.zip"
    from desktop_app.packages.export import export_package
    export_package(sender, genuine)
    export_package(neighbour, other)
    province = open_province(folder)
    province.office_name = "tỉnh"  # type: ignore[attr-defined]
    fill(province, 4, cccd_base=90_000_000)
    consolidate.import_packages(province, [other], make_backup=False, trust=keys_of(other))
    with zipfile.ZipFile(genuine) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members[fmt.MANIFEST])
    uid = manifest["office"]["uid"]
    with province.db.atomic():  # the clerk confirmed the sender's key; its data is not here yet
        public = signing.decode(manifest["signing_key"], 32) or b""
        keys.pin(province, uid, manifest["office"]["name"], public, keys.SENDER)
    expected = _import(province, folder / "x.zip", members, manifest, sender_key(sender), uid)
    assert expected[0] == consolidate.NHAP
    yield province, folder / "x.zip", members, manifest, sender_key(sender), uid, expected[1]
    for ctx in (sender, neighbour, province):
        ctx.close()


def _rows(raw: bytes) -> list[list[str]]:
    import csv
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def _package(path, members, manifest, private) -> None:
    manifest = json.loads(json.dumps(manifest))
    for entry in manifest.get("tables", []) if isinstance(manifest.get("tables"), list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("member"), str) and entry["member"] in members:
            raw = members[entry["member"]]
            entry["sha256"] = hashlib.sha256(raw).hexdigest().upper()
            entry["rows"] = raw.count(b"\r\n") - 1
    try:
        manifest["data_sha256"] = fmt.data_sha256(manifest["tables"])
    except (KeyError, TypeError):
        pass
    raw = json.dumps(manifest, ensure_ascii=False).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in members.items():
            if name not in (fmt.MANIFEST, "manifest.sig"):
                archive.writestr(name, blob)
        archive.writestr(fmt.MANIFEST, raw)
        archive.writestr("manifest.sig", signing.encode(signing.sign(private, raw)))


def _partition(ctx, uid) -> str:
    """The sender's rows with ids replaced by their rank inside the partition (ids shift on import)."""
    ranks = {t: {r[0]: r[1] for r in ctx.db.execute(
        f"SELECT id, row_number() OVER (ORDER BY id) FROM {t} WHERE office_uid = ?", [uid])}
        for t in DATA_TABLES if "id" in ID_COLUMNS[t]}
    digest = hashlib.sha256()
    for table in DATA_TABLES:
        cur = ctx.db.execute(f"SELECT * FROM {table} WHERE office_uid = ? ORDER BY rowid", [uid])
        names = [d[0] for d in cur.description]
        for row in cur:
            values = dict(zip(names, row, strict=True))
            for column, parent in ID_COLUMNS[table].items():
                if values[column] is not None:
                    values[column] = ranks[parent].get(values[column], "NGOÀI")
            digest.update(json.dumps(values, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _isolated(ctx, uid, manifest) -> None:
    """Every row of the package is in the sender's partition and refers only inside it."""
    for table in DATA_TABLES:
        held = ctx.db.execute(f"SELECT count(*) FROM {table} WHERE office_uid = ?", [uid]).fetchone()[0]
        listed = {t["name"]: t["rows"] for t in manifest["tables"]}
        assert held == listed[table], table
        for column, parent in ID_COLUMNS[table].items():
            if column == "id":
                continue
            sql = (f"SELECT count(*) FROM {table} t JOIN {parent} p ON p.id = t.{column} "
                   "WHERE t.office_uid = ? AND p.office_uid IS NOT ?")
            stray = ctx.db.execute(sql, [uid, uid]).fetchone()[0]
            assert stray == 0, (table, column)


def _import(ctx, path, members, manifest, private, uid, outside: str | None = None):
    _package(path, members, manifest, private)
    before = data_state(ctx)
    ctx.db.conn.execute("BEGIN")
    try:
        summary = consolidate.import_one(ctx, path, trust=())
        if summary.status == consolidate.LOI:
            assert summary.reason and "Traceback" not in summary.reason
            assert data_state(ctx) == before, summary.reason
            return summary.status, None
        assert summary.status == consolidate.NHAP, summary
        if outside is not None:
            assert _others(ctx, uid) == outside
        return summary.status, _partition(ctx, uid)
    finally:
        ctx.db.conn.execute("ROLLBACK")


def _others(ctx, uid) -> str:
    digest = hashlib.sha256()
    for table in DATA_TABLES:
        for row in ctx.db.execute(f"SELECT * FROM {table} WHERE office_uid IS NOT ? ORDER BY rowid", [uid]):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


@st.composite
def csv_mutations(draw):
    member = draw(st.sampled_from(MEMBERS))
    kind = draw(st.sampled_from(["permute", "header_only", "repeat", "foreign", "drop", "cell", "id",
                                 "ragged"]))
    return member, kind, draw(st.randoms(use_true_random=False)), draw(CELLS)


def _mutate(rows, kind, rnd, cell):
    header, body = rows[0], rows[1:]
    order = list(range(len(header)))
    rnd.shuffle(order)
    if kind == "permute":
        return [[r[i] for i in order] for r in rows]
    if kind == "header_only":
        return [[header[i] for i in order]] + body
    if kind == "repeat":
        i, j = rnd.randrange(len(header)), rnd.randrange(len(header))
        return [header[:i] + [header[j]] + header[i + 1:]] + body
    if kind == "foreign":
        return [header + [rnd.choice(["office_uid", "rowid", "id", cell])]] + [r + [cell] for r in body]
    if kind == "drop":
        i = rnd.randrange(len(header))
        return [[c for k, c in enumerate(r) if k != i] for r in rows]
    if not body:
        return rows
    row = rnd.randrange(len(body))
    if kind == "ragged":
        body[row] = body[row] + [cell]
        return [header] + body
    ids = [i for i, c in enumerate(header) if c == "id" or c.endswith("_id")]
    column = rnd.choice(ids) if kind == "id" and ids else rnd.randrange(len(header))
    body[row][column] = cell
    return [header] + body


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutations=st.lists(csv_mutations(), min_size=1, max_size=3))
def test_mutated_members_import_exactly_or_change_nothing(world, mutations):
    ctx, path, members, manifest, private, uid, genuine = world
    members = dict(members)
    semantic = True
    for member, kind, rnd, cell in mutations:
        members[member] = csv_bytes(_mutate(_rows(members[member]), kind, rnd, cell))
        semantic = semantic and kind == "permute"
    outside = _others(ctx, uid)
    status, partition = _import(ctx, path, members, manifest, private, uid, outside)
    if semantic:
        assert status == consolidate.NHAP and partition == genuine
    if status == consolidate.NHAP:
        _package(path, members, manifest, private)
        ctx.db.conn.execute("BEGIN")
        try:
            consolidate.import_one(ctx, path)
            with zipfile.ZipFile(path) as archive:
                _isolated(ctx, uid, json.loads(archive.read(fmt.MANIFEST)))
        finally:
            ctx.db.conn.execute("ROLLBACK")


KEYS = ["format", "format_version", "office", "as_of", "created_at", "tables", "data_sha256", "signing_key",
        "catalogue_versions", "fingerprint", "row_counts", "schema_version", "app_version"]


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(key=st.sampled_from(KEYS + ["office.uid", "office.name", "tables.0", "tables.1.name",
                                   "tables.1.rows", "tables.1.columns", "tables.2.member"]),
       value=JSON_VALUES, drop=st.booleans())
def test_mutated_manifests_import_exactly_or_change_nothing(world, key, value, drop):
    ctx, path, members, manifest, private, uid, genuine = world
    manifest = json.loads(json.dumps(manifest))
    *parents, leaf = key.split(".")
    target = manifest
    for p in parents:
        target = target[int(p)] if isinstance(target, list) else target[p]
    index = int(leaf) if isinstance(target, list) else leaf
    if drop:
        del target[index]
    else:
        target[index] = value
    status, partition = _import(ctx, path, members, manifest, private, uid, _others(ctx, uid))
    if status == consolidate.NHAP:
        assert partition == genuine  # a manifest cannot change which rows land, only whether
