"""The import service: read a file, find its layout, check every row, and —
unless it is a dry run or anything is wrong — write it all in one transaction.

``preview`` gives the GUI the sheets' layouts to show and correct;
``import_file`` takes those (possibly corrected) layouts back. Both report
progress through a callback and stop when the cancel flag is set, so the GUI
can run them off its thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from db import repo
from desktop_app.context import Context
from desktop_app.entities import ENTITIES
from desktop_app.errors import BiencheError, Problem, ValidationError
from desktop_app.importing import layout as layouts_
from desktop_app.importing import store
from desktop_app.importing.layout import Layout
from desktop_app.importing.reader import Sheet, read_book
from desktop_app.importing.rows import Skipped, extract
from desktop_app.importing.validate import Checked, Validator
from desktop_app.services import backup, users

KINDS = {"units": "unit", "positions": "position", "quotas": "quota", "staff": "person",
         "budget": "finance", "evaluations": "evaluation"}

# Sheets our own templates and error files add: never data.
OWN_SHEETS = {"Hướng dẫn", "Danh mục", "Lỗi"}

Progress = Callable[[int, int, str], None]
CHUNK = 500  # rows checked between two progress reports / cancel checks


class ImportCancelled(BiencheError):
    def __init__(self):
        super().__init__("Đã hủy nhập dữ liệu; không có gì được ghi.")


@dataclass
class Preview:
    kind: str
    file: str
    sheets: list[Sheet]
    layouts: list[Layout]


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
    layouts_.require([lay for _, lay in found], entity, path.name)
    return Preview(kind, path.name, [s for s, _ in found], [lay for _, lay in found])


def import_file(ctx: Context, kind: str, path: str | Path, *, unit: str | None = None,
                dry_run: bool = False, layouts: list[Layout] | None = None,
                progress: Progress | None = None, cancel=None) -> ImportResult:
    """Check the whole file; write it in one transaction only if nothing is wrong."""
    check_cancel = _canceller(cancel)
    if not dry_run:
        users.require_writer(ctx)  # a read-only account learns it before a long check
    plan = preview(kind, path)
    if layouts is not None:
        plan.layouts = layouts
    entity = entity_of(kind)
    try:
        validator = Validator(ctx, entity, plan.file, unit=unit)
    except ValueError as exc:
        raise ValidationError(f"--unit: {exc}") from None
    result = ImportResult(kind, plan.file, plan.layouts, dry_run=dry_run,
                          legacy_cells=sum(s.legacy_cells for s in plan.sheets))
    checked = _check_all(plan, validator, result, progress or _quiet, check_cancel)
    if result.problems or dry_run:
        return result
    if not checked:
        result.problems.append(Problem("không có dòng dữ liệu nào để nhập.", file=plan.file))
        return result
    (progress or _quiet)(len(checked), len(checked), "Đang sao lưu trước khi nhập…")
    if ctx.path is not None:
        backup.backup_before_import(ctx)
    (progress or _quiet)(len(checked), len(checked), "Đang ghi vào dữ liệu…")
    result.written = len(store.write(ctx, entity, checked, plan.file, check_cancel))
    return result


def _check_all(plan: Preview, validator: Validator, result: ImportResult, progress: Progress,
               check_cancel: Callable[[], None]) -> list[Checked]:
    checked: list[Checked] = []
    for sheet, lay in zip(plan.sheets, plan.layouts, strict=True):
        missing = validator.missing_columns(lay)
        if missing:
            result.problems += missing
            continue
        raws, skipped = extract(sheet, lay, validator.entity)
        sheet.rows = []  # memory: the grid is done with; each chunk of raws goes once checked
        result.skipped += skipped
        total = len(raws)
        result.rows += total
        for i, chunk in enumerate(_chunks(raws, CHUNK)):
            check_cancel()
            progress(i * CHUNK, total, f"Đang kiểm tra trang {sheet.name}…")
            for record, problems in validator.check_many(chunk, sheet.name):
                result.problems += problems
                if record is not None:
                    checked.append(record)
    return checked


def _chunks(items: list, size: int) -> Iterator[list]:
    """``items`` in order, ``size`` at a time, each chunk dropped from ``items`` as it is
    handed out (memory: checked rows replace raw ones instead of adding to them)."""
    items.reverse()
    while items:
        chunk = items[-size:]
        del items[-size:]
        chunk.reverse()
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
