"""0004: indexes for the dashboard recompute and the staff list (SPEC §11).

Indexes only — no table or row changes, so any older file upgrades by building
them (a few seconds on a province file, once).

- ``assignment_roll``: covers the roll counts. The dashboard counts people per
  (unit, pay source, employment kind, title) at today and at every past year-end
  in one pass; with this index that pass reads index pages only, already in
  group order (no temporary sort).
- ``evaluation_level``: the «KHTNV two years running» rule starts from the few
  KHTNV rows instead of scanning every evaluation.
- ``person_duplicates``: the duplicate-record rule groups people still working by
  (name key, birth date, unit) straight from this partial, covering index.
- ``person_retire``: the retirement forecast and the «past retirement age» rule
  start from the people retiring by a date, not from every assignment or person.
- ``person_salary``: the «coefficient outside its salary range» rule looks up, per
  salary class, only the people below or above the range (two index ranges).
- ``person_unit_roll``: people working in a unit (by pay source) counted from the
  index alone, for the «over quota today» and «unit below minimum» rules.
- ``person_sort``: the staff list in name order, paged, without a sort.
"""

SQL = """
CREATE INDEX assignment_roll ON assignment(unit_id, pay_source, employment_kind, title_code,
                                           valid_from, valid_to);
CREATE INDEX evaluation_level ON evaluation(level, person_id, year);
CREATE INDEX person_duplicates ON person(name_key, birth_date, unit_id, full_name) WHERE left_on IS NULL;
CREATE INDEX person_retire ON person(retire_on);
CREATE INDEX person_salary ON person(salary_class, coefficient);
CREATE INDEX person_unit_roll ON person(unit_id, pay_source, left_on, recruited_on);
CREATE INDEX person_sort ON person(sort_key, id);
ANALYZE;
"""
