"""0008: the personnel file (SPEC §2 "Personnel file", issue #19).

- ``person.step_since`` «Ngày hưởng bậc hiện tại» and ``person.seniority_since`` (the date
  thâm niên vượt khung started) — also on ``assignment``, so each dated post row keeps the
  dates it had (their history).
- Six quá trình tables, one row per dated record of a person, each with its decision
  (số, ngày, cơ quan) where the record has one: ``training`` (đào tạo, bồi dưỡng), ``award``
  (khen thưởng), ``discipline`` (kỷ luật), ``family_member`` (quan hệ gia đình),
  ``prior_work`` (quá trình công tác trước khi tuyển dụng), ``contract`` (HĐLV, HĐLĐ).
- ``due_action`` / ``due_batch``: what one "turn this list into actions" step did, so the
  step can be undone as one.
Every data table carries ``office_uid`` like the others (m0003): NULL for own rows.
The dashboard's write log (m0005) learns of writes to the six tables as a change of the
person (code 1) in the person's unit: its «Sắp đến hạn» card and the completeness rule read them.
"""

FILE_TABLES = ("training", "award", "discipline", "family_member", "prior_work", "contract")


def _log_triggers() -> str:
    unit = "coalesce((SELECT unit_id FROM person WHERE id = {}.person_id), 0)"
    mark = ("DELETE FROM dash_dirty WHERE tbl = 1 AND unit_id = {u}; "
            "INSERT INTO dash_dirty (tbl, unit_id) VALUES (1, {u});")
    out = []
    for table in FILE_TABLES:
        for when, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            body = " ".join(mark.format(u=unit.format(r)) for r in rows)
            out.append(f"CREATE TRIGGER dash_{table}_{when[:3].lower()} AFTER {when} ON {table} "
                       f"BEGIN {body} END;")
    return "\n".join(out)

_DECISION = """decision_no TEXT,
    decision_date TEXT,
    decision_body TEXT,"""
_OWNER = "office_uid TEXT REFERENCES source_office(uid)"


def _table(name: str, columns: str, decision: bool = True) -> str:
    return f"""
CREATE TABLE {name} (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id),
    {columns}
    {_DECISION if decision else ''}
    note TEXT,
    {_OWNER}
);
CREATE INDEX {name}_person ON {name}(person_id);
CREATE INDEX {name}_office ON {name}(office_uid);
"""


SQL = """
ALTER TABLE person ADD COLUMN step_since TEXT;
ALTER TABLE person ADD COLUMN seniority_since TEXT;
ALTER TABLE assignment ADD COLUMN step_since TEXT;
ALTER TABLE assignment ADD COLUMN seniority_since TEXT;
""" + _table("training", """kind TEXT NOT NULL,
    from_date TEXT,
    to_date TEXT,
    institution TEXT,
    major TEXT,
    mode TEXT,
    credential TEXT,""") + _table("award", """year INTEGER NOT NULL,
    form TEXT NOT NULL,
    level TEXT,""") + _table("discipline", """form TEXT NOT NULL,
    from_date TEXT NOT NULL,
    to_date TEXT,
    reason TEXT,""") + _table("family_member", """side TEXT NOT NULL DEFAULT 'ban_than',
    relation TEXT NOT NULL,
    full_name TEXT NOT NULL,
    birth_year INTEGER,
    hometown TEXT,
    occupation TEXT,
    address TEXT,""", decision=False) + _table("prior_work", """from_date TEXT,
    to_date TEXT,
    place TEXT NOT NULL,
    role TEXT,""", decision=False) + _table("contract", """kind TEXT NOT NULL,
    number TEXT,
    from_date TEXT NOT NULL,
    to_date TEXT,
    ended_on TEXT,""") + """
CREATE INDEX contract_end ON contract(to_date);
CREATE TABLE due_batch (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    form TEXT NOT NULL,
    period TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE due_action (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES due_batch(id),
    person_id INTEGER NOT NULL,      -- plain ids, no foreign keys: a log of what was
    kind TEXT NOT NULL,              -- done must not stop the rows being undone or deleted
    assignment_id INTEGER,
    contract_id INTEGER,
    before TEXT NOT NULL
);
""" + _log_triggers()
