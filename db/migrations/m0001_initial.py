"""0001: the whole domain of SPEC §2.

Dates are ISO text: 'YYYY-MM-DD', or partial 'YYYY' / 'YYYY-MM' where the
source only has that (birth dates). Money is in đồng (INTEGER or REAL).
``*_key`` columns hold the accent-folded, lower-case form used by search.
"""

SQL = """
CREATE TABLE office (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    uid TEXT NOT NULL,
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('xa', 'huyen', 'so', 'tinh')),
    parent TEXT,
    province TEXT,
    place TEXT,
    report_code TEXT,
    sign_authority TEXT,
    signer_title TEXT,
    signer_name TEXT,
    recipients TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE catalogue_item (
    kind TEXT NOT NULL,
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    sort INTEGER NOT NULL DEFAULT 0,
    data TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (kind, code)
);

CREATE TABLE catalogue_version (
    kind TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    source TEXT,
    loaded_at TEXT NOT NULL
);

CREATE TABLE unit (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
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
    note TEXT
);
CREATE INDEX unit_field ON unit(field);
CREATE INDEX unit_dates ON unit(valid_from, valid_to);

CREATE TABLE division (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    name TEXT NOT NULL,
    staff_count INTEGER,
    valid_from TEXT,
    valid_to TEXT
);
CREATE INDEX division_unit ON division(unit_id);

CREATE TABLE event (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    decision_no TEXT,
    decision_date TEXT,
    decision_body TEXT,
    effective_date TEXT NOT NULL,
    staff_moved INTEGER,
    grace_years INTEGER,
    applied INTEGER NOT NULL DEFAULT 0,
    note TEXT
);

CREATE TABLE event_unit (
    event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    role TEXT NOT NULL CHECK (role IN ('truoc', 'sau')),
    PRIMARY KEY (event_id, unit_id, role)
);
CREATE INDEX event_unit_unit ON event_unit(unit_id);

CREATE TABLE finance (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    year INTEGER NOT NULL,
    revenue REAL,
    recurrent_spending REAL,
    nsnn_spending REAL,
    invest_self_funded INTEGER NOT NULL DEFAULT 0,
    group_override INTEGER CHECK (group_override IS NULL OR group_override BETWEEN 1 AND 4),
    override_decision TEXT,
    override_reason TEXT,
    UNIQUE (unit_id, year)
);

CREATE TABLE position (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    regime TEXT NOT NULL CHECK (regime IN ('ND106-2020', 'ND232-2026')),
    group_code TEXT NOT NULL,
    name TEXT NOT NULL,
    title_code TEXT,
    title_rank TEXT,
    career_level_min INTEGER,
    career_level_max INTEGER,
    workload TEXT,
    required_count INTEGER NOT NULL DEFAULT 0,
    description TEXT,
    competency TEXT,
    valid_from TEXT,
    valid_to TEXT
);
CREATE INDEX position_unit ON position(unit_id);

CREATE TABLE quota (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    year INTEGER NOT NULL,
    nsnn INTEGER NOT NULL DEFAULT 0,
    revenue_paid INTEGER NOT NULL DEFAULT 0,
    contract INTEGER NOT NULL DEFAULT 0,
    decision_no TEXT,
    decision_date TEXT,
    actual_nsnn INTEGER,
    actual_revenue_paid INTEGER,
    actual_contract INTEGER,
    UNIQUE (unit_id, year)
);

CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    full_name TEXT NOT NULL,
    name_key TEXT NOT NULL DEFAULT '',
    sort_key TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    gender TEXT CHECK (gender IS NULL OR gender IN ('nam', 'nu')),
    ethnicity TEXT,
    religion TEXT,
    cccd TEXT UNIQUE,
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
    note TEXT
);
CREATE INDEX person_unit ON person(unit_id);
CREATE INDEX person_name_key ON person(name_key);

-- One row per period a person held a post: the dated history that
-- "as of date D" views read. The open row (valid_to NULL) mirrors person.
CREATE TABLE assignment (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id),
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    change TEXT NOT NULL,
    unit_id INTEGER REFERENCES unit(id),
    position_id INTEGER REFERENCES position(id),
    leader_role TEXT,
    title_code TEXT,
    title_rank TEXT,
    career_level INTEGER,
    salary_class TEXT,
    salary_step INTEGER,
    coefficient REAL,
    pay_source TEXT,
    employment_kind TEXT,
    decision_no TEXT,
    event_id INTEGER REFERENCES event(id),
    note TEXT
);
CREATE INDEX assignment_person ON assignment(person_id, valid_from);
CREATE INDEX assignment_unit ON assignment(unit_id, valid_from, valid_to);

CREATE TABLE evaluation (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id),
    year INTEGER NOT NULL,
    level TEXT NOT NULL,
    score REAL,
    UNIQUE (person_id, year)
);

CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    app_user TEXT,
    os_user TEXT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    field TEXT,
    old TEXT,
    new TEXT
);
CREATE INDEX audit_entity ON audit(entity, entity_id);
"""
