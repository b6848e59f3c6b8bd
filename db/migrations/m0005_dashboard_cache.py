"""0005: what the dashboard needs to recompute only what changed (SPEC §1, §3).

- ``dash_dirty``: one row per (table code, unit) ever written; ``seq`` is renumbered
  on every write (the row is deleted and inserted again with a new, larger rowid),
  so "units changed since the dashboard last looked" is ``seq > the seq it saw``.
  Readers never write it: the dashboard worker only reads it. Table codes:
  1 person, 2 assignment, 3 evaluation, 4 unit, 5 quota, 6 finance, 7 position,
  8 division; 9 (unit 0) anything global: settings, office, catalogues, events.
  People and rows without a unit are unit 0.
- ``dash_cache``: the dashboard's per-unit partial results and the parts that
  depend on whole tables, as JSON (never pickle: a data file may come from
  elsewhere). Not data: left out of the fingerprint, packages and the audit log.

The triggers cost one small indexed write per changed row (see docs/performance.md).
"""

_UNIT_TABLES = {"assignment": 2, "quota": 5, "finance": 6, "position": 7, "division": 8}
_GLOBAL_TABLES = ("setting", "office", "catalogue_item", "catalogue_version", "event", "event_unit")


def _mark(code: int, unit: str) -> str:
    # Delete then insert rather than INSERT OR REPLACE: inside a trigger, the conflict policy
    # of the statement that fired it wins (an INSERT OR IGNORE INTO person would turn the
    # REPLACE into IGNORE and the write would go unlogged). With the row deleted first the
    # insert never conflicts, whatever the outer policy.
    return (f"DELETE FROM dash_dirty WHERE tbl = {code} AND unit_id = {unit}; "
            f"INSERT INTO dash_dirty (tbl, unit_id) VALUES ({code}, {unit});")


def _triggers() -> str:
    out = []

    def trig(table: str, when: str, *marks: str) -> None:
        out.append(f"CREATE TRIGGER dash_{table}_{when[:3].lower()} AFTER {when} ON {table} "
                   f"BEGIN {' '.join(marks)} END;")

    old, new = "coalesce(OLD.unit_id, 0)", "coalesce(NEW.unit_id, 0)"
    for table, code in _UNIT_TABLES.items():
        trig(table, "INSERT", _mark(code, new))
        trig(table, "UPDATE", _mark(code, old), _mark(code, new))
        trig(table, "DELETE", _mark(code, old))
    trig("unit", "INSERT", _mark(4, "NEW.id"))
    trig("unit", "UPDATE", _mark(4, "OLD.id"), _mark(4, "NEW.id"))
    trig("unit", "DELETE", _mark(4, "OLD.id"))
    # A person's retirement date counts in the units of their assignments (the forecast
    # groups by the assignment's unit), which may differ from person.unit_id.
    posts = "(SELECT DISTINCT coalesce(unit_id, 0) FROM assignment WHERE person_id = {}.id)"
    person_posts = ("DELETE FROM dash_dirty WHERE tbl = 1 AND unit_id IN {posts}; "
                    "INSERT INTO dash_dirty (tbl, unit_id) SELECT 1, * FROM {posts};")
    trig("person", "INSERT", _mark(1, new))
    trig("person", "UPDATE", _mark(1, old), _mark(1, new), person_posts.format(posts=posts.format("NEW")))
    trig("person", "DELETE", _mark(1, old), person_posts.format(posts=posts.format("OLD")))
    of_person = "coalesce((SELECT unit_id FROM person WHERE id = {}.person_id), 0)"
    trig("evaluation", "INSERT", _mark(3, of_person.format("NEW")))
    trig("evaluation", "UPDATE", _mark(3, of_person.format("OLD")), _mark(3, of_person.format("NEW")))
    trig("evaluation", "DELETE", _mark(3, of_person.format("OLD")))
    for table in _GLOBAL_TABLES:
        for when in ("INSERT", "UPDATE", "DELETE"):
            trig(table, when, _mark(9, "0"))
    return "\n".join(out)


SQL = """
CREATE TABLE dash_dirty (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: a re-logged unit always moves up
    tbl INTEGER NOT NULL,
    unit_id INTEGER NOT NULL,
    UNIQUE (tbl, unit_id)
);
CREATE TABLE dash_cache (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO dash_dirty (tbl, unit_id) VALUES (9, 0);
""" + _triggers()
