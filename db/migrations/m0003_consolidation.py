"""0003: consolidation (SPEC §8) — every data record keeps its owner office.

``source_office`` holds the identity of each office whose package was
imported (uid from its manifest, name, level, as-of date, creation time,
catalogue versions, fingerprint). Every data table gains ``office_uid``:
NULL for the installation's own data, so every existing single-office query
and insert keeps working unchanged, or the uid of the office the row came
from. Replacing one office's data is then ``DELETE … WHERE office_uid = ?``
per table, indexed.

Two uniqueness rules were global and must become per office: a unit code
(``unit.code``) and a CCCD number (``person.cccd``): two communes may both
have a unit "TH01", and the same CCCD in two offices is exactly what the
ghost-worker check must be able to list. SQLite cannot drop a UNIQUE
constraint, so ``unit`` and ``person`` are rebuilt the documented way (new
table, copy, drop old, rename; the runner turns foreign keys off for it and
runs ``foreign_key_check`` before committing). Uniqueness for own data keeps the same
column names in its partial indexes, so the error texts stay as before.
"""

_UNIT_COLUMNS = """id, code, name, name_key, short_name, managing_body, field, service_kind, decision_no,
    decision_date, valid_from, valid_to, status, heads, deputies, classes, nursery_groups, pupils,
    sessions_per_day, region, hospital_rank, boarding, note"""

_PERSON_COLUMNS = """id, full_name, name_key, sort_key, birth_date, gender, ethnicity, religion, cccd,
    party_member, party_date, hometown, unit_id, position_id, leader_role, title_code, title_rank,
    career_level, salary_class, salary_step, coefficient, allowance_position,
    allowance_seniority_pct, allowance_profession_pct, pay_source, employment_kind,
    education_level, education_field, politics_level, state_mgmt_level, it_level, language_level,
    recruited_on, retire_on, left_on, leave_reason, insurance_years, note"""

SQL = f"""
CREATE TABLE source_office (
    uid TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    level TEXT,
    parent TEXT,
    province TEXT,
    as_of TEXT NOT NULL,
    package_created_at TEXT NOT NULL,
    app_version TEXT,
    format_version INTEGER NOT NULL,
    catalogue_versions TEXT NOT NULL DEFAULT '{{}}',
    fingerprint TEXT,
    data_sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

CREATE TABLE unit_v3 (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL DEFAULT '',
    short_name TEXT,
    managing_body TEXT,
    field TEXT NOT NULL,
    service_kind TEXT,
    decision_no TEXT,
    decision_date TEXT,
    valid_from TEXT,
    valid_to TEXT,
    status TEXT NOT NULL DEFAULT 'hoat_dong',
    heads INTEGER,
    deputies INTEGER,
    classes INTEGER,
    nursery_groups INTEGER,
    pupils INTEGER,
    sessions_per_day INTEGER,
    region INTEGER CHECK (region IS NULL OR region IN (1, 2, 3)),
    hospital_rank TEXT,
    boarding INTEGER NOT NULL DEFAULT 0,
    note TEXT,
    office_uid TEXT REFERENCES source_office(uid)
);
INSERT INTO unit_v3 ({_UNIT_COLUMNS}) SELECT {_UNIT_COLUMNS} FROM unit;
DROP TABLE unit;
ALTER TABLE unit_v3 RENAME TO unit;
CREATE INDEX unit_field ON unit(field);
CREATE INDEX unit_dates ON unit(valid_from, valid_to);
CREATE INDEX unit_code_any ON unit(code);
CREATE UNIQUE INDEX unit_code ON unit(code) WHERE office_uid IS NULL;
CREATE UNIQUE INDEX unit_code_office ON unit(office_uid, code) WHERE office_uid IS NOT NULL;

CREATE TABLE person_v3 (
    id INTEGER PRIMARY KEY,
    full_name TEXT NOT NULL,
    name_key TEXT NOT NULL DEFAULT '',
    sort_key TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    gender TEXT CHECK (gender IS NULL OR gender IN ('nam', 'nu')),
    ethnicity TEXT,
    religion TEXT,
    cccd TEXT,
    party_member INTEGER NOT NULL DEFAULT 0,
    party_date TEXT,
    hometown TEXT,
    unit_id INTEGER REFERENCES unit(id),
    position_id INTEGER REFERENCES position(id),
    leader_role TEXT,
    title_code TEXT,
    title_rank TEXT,
    career_level INTEGER,
    salary_class TEXT,
    salary_step INTEGER,
    coefficient REAL,
    allowance_position REAL,
    allowance_seniority_pct REAL,
    allowance_profession_pct REAL,
    pay_source TEXT,
    employment_kind TEXT,
    education_level TEXT,
    education_field TEXT,
    politics_level TEXT,
    state_mgmt_level TEXT,
    it_level TEXT,
    language_level TEXT,
    recruited_on TEXT,
    retire_on TEXT,
    left_on TEXT,
    leave_reason TEXT,
    insurance_years REAL,
    note TEXT,
    office_uid TEXT REFERENCES source_office(uid)
);
INSERT INTO person_v3 ({_PERSON_COLUMNS}) SELECT {_PERSON_COLUMNS} FROM person;
DROP TABLE person;
ALTER TABLE person_v3 RENAME TO person;
CREATE INDEX person_unit ON person(unit_id);
CREATE INDEX person_name_key ON person(name_key);
CREATE INDEX person_cccd_any ON person(cccd);
CREATE UNIQUE INDEX person_cccd ON person(cccd) WHERE office_uid IS NULL;
CREATE UNIQUE INDEX person_cccd_office ON person(office_uid, cccd) WHERE office_uid IS NOT NULL;

CREATE INDEX unit_office ON unit(office_uid);
CREATE INDEX person_office ON person(office_uid);
ALTER TABLE division ADD COLUMN office_uid TEXT REFERENCES source_office(uid);
CREATE INDEX division_office ON division(office_uid);
ALTER TABLE event ADD COLUMN office_uid TEXT REFERENCES source_office(uid);
CREATE INDEX event_office ON event(office_uid);
ALTER TABLE event_unit ADD COLUMN office_uid TEXT REFERENCES source_office(uid);
CREATE INDEX event_unit_office ON event_unit(office_uid);
ALTER TABLE finance ADD COLUMN office_uid TEXT REFERENCES source_office(uid);
CREATE INDEX finance_office ON finance(office_uid);
ALTER TABLE position ADD COLUMN office_uid TEXT REFERENCES source_office(uid);
CREATE INDEX position_office ON position(office_uid);
ALTER TABLE quota ADD COLUMN office_uid TEXT REFERENCES source_office(uid);
CREATE INDEX quota_office ON quota(office_uid);
ALTER TABLE assignment ADD COLUMN office_uid TEXT REFERENCES source_office(uid);
CREATE INDEX assignment_office ON assignment(office_uid);
ALTER TABLE evaluation ADD COLUMN office_uid TEXT REFERENCES source_office(uid);
CREATE INDEX evaluation_office ON evaluation(office_uid);
"""
