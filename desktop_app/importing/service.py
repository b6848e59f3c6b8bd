"""The import service: read a file, find its layout, check every row, and —
unless it is a dry run or anything is wrong — write it all in one transaction.

``preview`` gives the GUI the sheets' layouts to show and correct;
``import_file`` takes those (possibly corrected) layouts back. Both report
progress through a callback and stop when the cancel flag is set, so the GUI
can run them off its thread.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from db import repo
from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.entities import ENTITIES
from desktop_app.errors import BiencheError, Problem, ValidationError
from desktop_app.importing import as_of as as_of_
from desktop_app.importing import layout as layouts_
from desktop_app.importing import sheet_facts as facts
from desktop_app.importing import store, value_map
from desktop_app.importing import update as update_
from desktop_app.importing.layout import Layout
from desktop_app.importing.reader import Sheet, hidden_sheets, read_book
from desktop_app.importing.rows import RawRow, Skipped, records
from desktop_app.importing.spool import Spool
from desktop_app.importing.update import Update
from desktop_app.importing.validate import Validator
from desktop_app.importing.values import Question, Taken, map_key
from desktop_app.services import backup, gate

KINDS = {"units": "unit", "positions": "position", "quotas": "quota", "staff": "person",
         "budget": "finance", "evaluations": "evaluation",
         # the personnel file (hồ sơ), issue #19
         "training": "training", "awards": "award", "discipline": "discipline",
         "family": "family_member", "prior-work": "prior_work", "contracts": "contract"}

# Sheets our own templates and error files add: never data.
OWN_SHEETS = {"Hướng dẫn", "Danh mục", "Lỗi"}

Progress = Callable[[int, int, str], None]
AskDate = Callable[[dt.date], tuple[dt.date, str]]  # today → (the date a list describes, where from)
CHUNK = 500  # rows checked between two progress reports / cancel checks
SAMPLE = 50  # rows the preview shows as they will be written


class ImportCancelled(BiencheError):
    def __init__(self):
        super().__init__("Đã hủy nhập dữ liệu; không có gì được ghi.")


@dataclass
class SampleRow:
    """One row of the preview: each mapped field's value as it will be written (or as read,
    when the row has problems), and the problems by field (None: the row as a whole)."""

    sheet: str
    row: int
    values: dict[str, str]
    problems: dict[str | None, list[str]]


@dataclass
class Unused:
    """A column with a header and data that fills no field, and the closest fields."""

    sheet: str
    letter: str
    header: str
    near: list[str]


@dataclass
class Preview:
    kind: str
    file: str
    sheets: list[Sheet]
    layouts: list[Layout]
    as_of: tuple[dt.date, str] | None = None  # the date the list describes, and where it was read
    effective: dt.date | None = None          # update mode: changes take effect this day

    def unused(self) -> list[Unused]:
        entity = entity_of(self.kind)
        return [Unused(s.name, c.letter, c.header, near)
                for s, lay in zip(self.sheets, self.layouts, strict=True)
                for c, near in layouts_.unused(s, lay, entity)]


@dataclass
class ImportResult:
    kind: str
    file: str
    layouts: list[Layout]
    rows: int = 0
    written: int = 0
    dry_run: bool = False
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    legacy_cells: int = 0
    taken: list[Taken] = field(default_factory=list)          # «…» → … read by similarity or choice
    questions: list[Question] = field(default_factory=list)   # values left for the mapping step
    valid: int = 0                                            # rows without a problem
    unused: list[Unused] = field(default_factory=list)        # columns not imported, said so
    notes: list[str] = field(default_factory=list)            # what was assumed, in words
    updates: list[Update] = field(default_factory=list)       # update mode: stored records changed
    sample: list[SampleRow] = field(default_factory=list)     # the first rows, as they will be written

    @property
    def ok(self) -> bool:
        return not self.problems


def entity_of(kind: str):
    if kind not in KINDS:
        raise ValidationError(f"Không có loại dữ liệu «{kind}»; chọn một trong: {', '.join(KINDS)}.")
    return ENTITIES[KINDS[kind]]


def unit_choices(ctx: Context) -> list[tuple[str, str]]:
    """(code, name) of every unit, for a «file of one unit» choice."""
    return [(r["code"], r["name"]) for r in repo.query(ctx.db, "SELECT code, name FROM unit ORDER BY code")]


def preview(kind: str, path: str | Path) -> Preview:
    """Read the file and detect the header of every sheet that has one."""
    entity, path = entity_of(kind), Path(path)
    sheets = read_book(path)
    detected = [(s, layouts_.detect(s, entity)) for s in sheets]
    found = [(s, lay) for s, lay in detected if lay is not None and s.name not in OWN_SHEETS]
    if found:  # a notes sheet may match a field or two; keep the sheets that look like data
        best = max(len(lay.fields()) for _, lay in found)
        found = [(s, lay) for s, lay in found if 2 * len(lay.fields()) >= best]
    hidden = [] if found else [n for n in hidden_sheets(path) if n not in OWN_SHEETS]
    layouts_.require([lay for _, lay in found], entity, path.name, hidden)
    return Preview(kind, path.name, [s for s, _ in found], [lay for _, lay in found])


def import_file(ctx: Context, kind: str, path: str | Path, *, unit: str | None = None,
                dry_run: bool = False, layouts: list[Layout] | None = None,
                progress: Progress | None = None, cancel=None,
                mapping: dict[str, dict[str, str]] | None = None,
                skip_bad: bool = False, as_of: dt.date | None = None,
                update: bool = False, effective: dt.date | None = None,
                ask_as_of: AskDate | None = None) -> ImportResult:
    """Check the whole file; write it in one transaction only if nothing is wrong (or, with
    ``skip_bad``, the valid rows). ``mapping`` is the clerk's answers to the mapping step
    (field name → folded value → code, ``value_map.NEW`` for an office item); with this
    office's remembered choices under it. ``ask_as_of`` is asked the date a staff list
    describes when neither ``as_of`` nor the file gives one (default: today, said so)."""
    check_cancel = _canceller(cancel)
    if not dry_run:
        gate.authorise(ctx, gate.WRITE)  # a read-only account learns it before a long check
    plan = preview(kind, path)
    if layouts is not None:
        plan.layouts = layouts
    entity = entity_of(kind)
    plan.effective = (effective or ctx.today) if update else None
    plan.as_of = _as_of(ctx, plan, as_of or plan.effective,  # an update file is true from its date
                        ask_as_of if entity.name == "person" else None)
    given = mapping or {}
    value_map.check_codes(ctx, entity, given)
    new_items = any(code == value_map.NEW for m in given.values() for code in m.values())
    if new_items and not dry_run and ctx.path is not None:
        backup.backup_before_import(ctx)  # before the office items too
    if not new_items:
        return _run(ctx, plan, entity, unit, given, dry_run, skip_bad, progress or _quiet,
                    check_cancel, backed_up=False)
    try:
        with ctx.db.atomic():  # office items are made for the check; undone unless written
            real = value_map.add_local_items(ctx, entity, given, _texts(plan, entity, given))
            result = _run(ctx, plan, entity, unit, real, dry_run, skip_bad, progress or _quiet,
                          check_cancel, backed_up=True)
            if not result.written:
                raise _Undo(result)
    except _Undo as undo:
        ctx.catalogues.reload()
        return undo.result
    return result


class _Undo(Exception):
    def __init__(self, result: ImportResult):
        super().__init__()
        self.result = result


def _run(ctx: Context, plan: Preview, entity, unit: str | None, mapping: dict, dry_run: bool,
         skip_bad: bool, progress: Progress, check_cancel: Callable[[], None],
         backed_up: bool) -> ImportResult:
    try:
        validator = Validator(ctx, entity, plan.file, unit=unit, effective=plan.effective,
                              mapping=value_map.merged(value_map.remembered(ctx, entity), mapping))
    except ValueError as exc:
        raise ValidationError(f"--unit: {exc}") from None
    result = ImportResult(plan.kind, plan.file, plan.layouts, dry_run=dry_run,
                          legacy_cells=sum(s.legacy_cells for s in plan.sheets), unused=plan.unused())
    day = plan.as_of[0] if plan.as_of else ctx.today
    if entity.name == "person" and plan.as_of:
        result.notes.append(f"Số liệu tính đến ngày {day:%d/%m/%Y} ({plan.as_of[1]}): người không ghi "
                            "ngày tuyển dụng có hồ sơ từ ngày này, ghi là «số liệu ban đầu».")
    with Spool(keep=not dry_run) as checked:  # the checked rows wait on disk, not in memory
        _check_all(plan, validator, result, progress, check_cancel, checked)
        return _write(ctx, plan, entity, mapping, (dry_run, skip_bad, backed_up), progress, check_cancel,
                      validator, result, checked)


def _write(ctx: Context, plan: Preview, entity, mapping: dict, flags: tuple[bool, bool, bool],
           progress: Progress, check_cancel: Callable[[], None], validator: Validator,
           result: ImportResult, checked: Spool) -> ImportResult:
    """Unless a dry run or anything is wrong: back up, then write every checked row."""
    dry_run, skip_bad, backed_up = flags
    day = plan.as_of[0] if plan.as_of else ctx.today
    result.taken = list(validator.values.taken.values()) + validator.units_taken()
    result.questions = list(validator.values.questions.values())
    result.updates = validator.updates
    result.valid = len(checked) + len(result.updates)
    if (result.problems and not skip_bad) or dry_run:
        return result
    if not checked and not result.updates:
        result.problems.append(Problem("không có dòng dữ liệu nào để nhập.", file=plan.file))
        return result
    progress(len(checked), len(checked), "Đang sao lưu trước khi nhập…")
    if ctx.path is not None and not backed_up:
        backup.backup_before_import(ctx)
    progress(len(checked), len(checked), "Đang ghi vào dữ liệu…")
    def remember() -> None:  # the updates and the clerk's choices: one transaction with the rows
        if plan.effective is not None:
            update_.apply(ctx, entity, result.updates, plan.effective)
        value_map.remember(ctx, entity, mapping)
    result.written = store.write(ctx, entity, checked, plan.file, check_cancel, remember, day)
    result.written += len(result.updates)
    return result


def _as_of(ctx: Context, plan: Preview, given: dt.date | None,
           ask: AskDate | None) -> tuple[dt.date, str]:
    if given is not None:
        return given, "--as-of" if given != plan.effective else "--effective"
    found = as_of_.detect(plan.sheets, [lay.header_rows[0] for lay in plan.layouts])
    if found:
        return found
    return ask(ctx.today) if ask else (ctx.today, "hôm nay")


def _texts(plan: Preview, entity, mapping: dict) -> dict[tuple[str, str], str]:
    """The value as written for each folded value of a map: a new item takes the clerk's
    spelling, not the folded key."""
    wanted = {(name, key) for name, choices in mapping.items() for key in choices}
    found: dict[tuple[str, str], str] = {}
    for sheet, lay in zip(plan.sheets, plan.layouts, strict=True):
        for c in lay.mapped():
            if c.field is None or c.field not in mapping:
                continue
            for row in sheet.data(lay.data_start):
                cell = row[c.index] if c.index < len(row) else ""
                if isinstance(cell, str) and (c.field, map_key(cell)) in wanted:
                    found.setdefault((c.field, map_key(cell)), vntext.clean(cell) or cell)
    return found


def _check_all(plan: Preview, validator: Validator, result: ImportResult, progress: Progress,
               check_cancel: Callable[[], None], checked: Spool) -> None:
    """Check every sheet's rows a chunk at a time; the good ones go to ``checked``."""
    given = validator.default_unit
    for sheet, lay in zip(plan.sheets, plan.layouts, strict=True):
        validator.default_unit = given or _sheet_unit(validator, sheet, lay, result)
        year = _sheet_year(validator.entity, sheet, lay, result)
        missing = validator.missing_columns(lay, frozenset({"year"} if year else ()))
        if missing:
            result.problems += missing
            continue
        total = max(sheet.height - lay.data_start, 0)  # for progress: rows, blank or not
        raws = _raws(validator.entity, sheet, lay, year, result)
        for i, chunk in enumerate(_chunks(raws, CHUNK)):
            check_cancel()
            progress(min(i * CHUNK, total), total, f"Đang kiểm tra trang {sheet.name}…")
            result.rows += len(chunk)
            outcomes = validator.check_many(chunk, sheet.name)
            if len(result.sample) < SAMPLE:
                room = SAMPLE - len(result.sample)
                result.sample += _sample(validator, sheet.name, chunk[:room], outcomes[:room])
            for _, problems in outcomes:
                result.problems += problems
            checked.add([record for record, _ in outcomes if record is not None])
        sheet.rows = []


def _raws(entity, sheet: Sheet, lay: Layout, year: int | None, result: ImportResult) -> Iterable[RawRow]:
    """The sheet's raw records as the grid is read (one at a time; a budget table's all at
    once, for its money unit)."""
    raws: Iterable[RawRow] = records(sheet, lay, entity, result.skipped)
    if year:
        raws = (_with_year(raw, year) for raw in raws)
    if entity.name == "finance":
        raws = list(raws)
        _money(entity, sheet, lay, raws, result)
    return raws


def _with_year(raw: RawRow, year: int) -> RawRow:
    raw.values.setdefault("year", year)
    return raw


def _sample(validator: Validator, sheet: str, raws: list, outcomes: list) -> list[SampleRow]:
    entity = validator.entity
    units = dict(validator.ctx.db.execute("SELECT id, code FROM unit")) if "unit_id" in entity.names else {}
    out = []
    for raw, (record, problems) in zip(raws, outcomes, strict=True):
        given = record.values if record is not None else raw.values
        if record is None and validator.default_unit and "unit_id" not in given:
            given = {**given, "unit_id": validator.default_unit}  # --unit or the sheet's unit
        names = [n for n in entity.names if n in raw.values or (n == "unit_id" and n in given)]
        shown = {n: _shown(validator, n, given.get(n), units) for n in names}
        marks: dict[str | None, list[str]] = {}
        for p in problems:
            marks.setdefault(p.field if p.field in shown else None, []).append(p.message)
        out.append(SampleRow(sheet, raw.row, shown, marks))
    return out


def _shown(validator: Validator, name: str, value, units: dict) -> str:
    """A value as the clerk reads it: a unit by code, a code by its label, a date dd/mm/yyyy;
    a value that did not convert, as written."""
    f = validator.entity.field(name)
    if f.kind == "ref":
        return str(units.get(value, value)) if name == "unit_id" else str(value)
    try:
        return f.display(f.convert(value, validator.ctx.catalogues), validator.ctx.catalogues)
    except ValueError:
        return "" if value is None else str(value)


def _sheet_year(entity, sheet: Sheet, lay: Layout, result: ImportResult) -> int | None:
    """A list without a Năm column whose title says the year («Kết quả đánh giá năm 2025»)."""
    if "year" not in entity.names or "year" in lay.fields():
        return None
    found = facts.sheet_year(sheet, lay)
    if found:
        result.notes.append(f"Trang {sheet.name}: năm {found[0]} (theo «{found[1]}»).")
    return found[0] if found else None


def _money(entity, sheet: Sheet, lay: Layout, raws: list, result: ImportResult) -> None:
    """A budget table's money unit (stored: triệu đồng), said in the notes."""
    if entity.name == "finance":
        factor, said = facts.money_scale(sheet, lay, raws)
        facts.scale(raws, factor)
        result.notes.append(f"Trang {sheet.name}: {said}.")


def _sheet_unit(validator: Validator, sheet: Sheet, lay: Layout, result: ImportResult) -> int | None:
    """A workbook of one sheet per unit, without a unit column: the unit its sheet name or a
    title row above the header names."""
    if "unit_id" not in validator.entity.names or "unit_id" in lay.fields():
        return None
    titles = [str(v) for row in sheet.rows[:lay.header_rows[0] - 1] for v in row if isinstance(v, str)]
    for text in (sheet.name, *titles):
        found = validator.refs.unit_in_text(text)
        if found is not None:
            code, name = validator.ctx.db.execute("SELECT code, name FROM unit WHERE id = ?",
                                                  [found]).fetchone()
            result.notes.append(f"Trang {sheet.name}: đơn vị {code} – {name} (theo «{text}»).")
            return found
    return None


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in order, ``size`` at a time (a generator's items are made as they go)."""
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _canceller(cancel) -> Callable[[], None]:
    """``cancel`` may be a threading.Event, a callable returning True, or None."""
    def check() -> None:
        if cancel is None:
            return
        stop = cancel.is_set() if hasattr(cancel, "is_set") else cancel()
        if stop:
            raise ImportCancelled()
    return check


def _quiet(done: int, total: int, text: str) -> None:
    return None
