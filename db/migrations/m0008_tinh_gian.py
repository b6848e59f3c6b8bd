"""0009: tinh giản biên chế batches under NĐ 154/2025/NĐ-CP (issue #20).

- ``tg_batch``: one proposal batch (đợt) per quarter with its filing deadline and its state
  (du_kien → da_trinh → duoc_duyet → da_giai_quyet); ``tg_state`` keeps every dated change.
- ``tg_member``: a person in a batch with the group, the reason (catalogue ``ly_do_tinh_gian``),
  the form of settlement (catalogue ``hinh_thuc_tinh_gian``), the date, the years of social
  insurance and the pay at that date (hệ số, allowances, lương cơ sở), the hand-entered part of
  the money, and — once settled — what the person's row was before (for undo).
- Every table carries ``office_uid`` like the others (m0003), so packages carry the batches.
- Four person fields the decree's exclusions are read from (pregnant, maternity leave until,
  youngest child's birth date, under discipline review).
"""

SQL = """
ALTER TABLE person ADD COLUMN pregnant INTEGER;
ALTER TABLE person ADD COLUMN maternity_to TEXT;
ALTER TABLE person ADD COLUMN youngest_child_born TEXT;
ALTER TABLE person ADD COLUMN under_review INTEGER;
CREATE TABLE tg_batch (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    deadline TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'du_kien',
    name TEXT,
    decision_no TEXT,
    note TEXT,
    office_uid TEXT REFERENCES source_office(uid)
);
CREATE TABLE tg_state (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES tg_batch(id),
    state TEXT NOT NULL,
    on_date TEXT NOT NULL,
    at TEXT NOT NULL,
    app_user TEXT,
    note TEXT,
    office_uid TEXT REFERENCES source_office(uid)
);
CREATE TABLE tg_member (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES tg_batch(id),
    person_id INTEGER NOT NULL REFERENCES person(id),
    group_code TEXT NOT NULL,
    reason_code TEXT NOT NULL,
    settlement_code TEXT NOT NULL,
    leave_on TEXT NOT NULL,
    insurance_years REAL,
    early_years REAL,
    coefficient REAL,
    allowance_position REAL,
    allowance_seniority_pct REAL,
    allowance_profession_pct REAL,
    allowance_other INTEGER,
    base_amount INTEGER,
    manual_amount INTEGER,
    voluntary INTEGER,
    settled_before TEXT,
    note TEXT,
    office_uid TEXT REFERENCES source_office(uid),
    UNIQUE (batch_id, person_id)
);
CREATE INDEX tg_member_person ON tg_member(person_id);
"""
