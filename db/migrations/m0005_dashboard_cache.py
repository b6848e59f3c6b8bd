"""0005: what the dashboard needs to recompute only what changed (SPEC §1, §3).

- ``dash_dirty``: one row per (table code, unit) written since… ever; ``seq`` is
  renumbered on every write (INSERT OR REPLACE gives the row a new, larger rowid),
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
_MARK = "INSERT OR REPLACE INTO dash_dirty (tbl, unit_id) VALUES"


def _triggers() -> str:
    out = []

    def trig(table: str, when: str, body: str) -> None:
        out.append(f"CREATE TRIGGER dash_{table}_{when[:3].lower()} AFTER {when} ON {table} "
                   f"BEGIN {body} END;")

    for table, code in _UNIT_TABLES.items():
        trig(table, "INSERT", f"{_MARK} ({code}, coalesce(NEW.unit_id, 0));")
        trig(table, "UPDATE", f"{_MARK} ({code}, coalesce(OLD.unit_id, 0)); "
                              f"{_MARK} ({code}, coalesce(NEW.unit_id, 0));")
        trig(table, "DELETE", f"{_MARK} ({code}, coalesce(OLD.unit_id, 0));")
    trig("unit", "INSERT", f"{_MARK} (4, NEW.id);")
    trig("unit", "UPDATE", f"{_MARK} (4, OLD.id); {_MARK} (4, NEW.id);")
    trig("unit", "DELETE", f"{_MARK} (4, OLD.id);")
    # A person's retirement date counts in the units of their assignments (the forecast
    # groups by the assignment's unit), which may differ from person.unit_id.
    person_posts = ("INSERT OR REPLACE INTO dash_dirty (tbl, unit_id) "
                    "SELECT DISTINCT 1, coalesce(unit_id, 0) FROM assignment WHERE person_id = {}.id;")
    trig("person", "INSERT", f"{_MARK} (1, coalesce(NEW.unit_id, 0));")
    trig("person", "UPDATE", f"{_MARK} (1, coalesce(OLD.unit_id, 0)); {_MARK} (1, coalesce(NEW.unit_id, 0)); "
                             + person_posts.format("NEW"))
    trig("person", "DELETE", f"{_MARK} (1, coalesce(OLD.unit_id, 0)); " + person_posts.format("OLD"))
    of_person = "(3, coalesce((SELECT unit_id FROM person WHERE id = {}.person_id), 0));"
    trig("evaluation", "INSERT", f"{_MARK} " + of_person.format("NEW"))
    trig("evaluation", "UPDATE", f"{_MARK} {of_person.format('OLD')} {_MARK} {of_person.format('NEW')}")
    trig("evaluation", "DELETE", f"{_MARK} " + of_person.format("OLD"))
    for table in _GLOBAL_TABLES:
        for when in ("INSERT", "UPDATE", "DELETE"):
            trig(table, when, f"{_MARK} (9, 0);")
    return "\n".join(out)


SQL = """
CREATE TABLE dash_dirty (
    seq INTEGER PRIMARY KEY,
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
