"""Checking raw records: each value by its field, each record by the entity
rules (``services.records.prepare``, in bulk), each row against the others in the file
(duplicates) and against the database (people and positions already stored).

Every problem carries the sheet, the Excel row, the column letter and header
and the value, with the message in Vietnamese. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.errors import Problem, ValidationError
from desktop_app.fields import CHOICE, REF, Entity, Field
from desktop_app.importing import update, value_map
from desktop_app.importing.layout import Column, Layout
from desktop_app.importing.refs import Refs
from desktop_app.importing.rows import RawRow
from desktop_app.importing.values import Question, Taken, Values
from desktop_app.services import period_lock
from desktop_app.services.records_batch import MEMO_LIMIT, Batch


@dataclass
class Checked:
    row: int
    sheet: str
    values: dict[str, Any]


class Validator:
    def __init__(self, ctx: Context, entity: Entity, file: str, *, unit: str | None = None,
                 mapping: dict[str, dict[str, str]] | None = None,
                 effective: dt.date | None = None):
        """``effective``: update mode, rows matching a stored record change it from that date."""
        self.ctx, self.entity, self.file = ctx, entity, file
        self.effective = effective
        self.updates: list[update.Update] = []
        self.values = Values(entity, ctx.catalogues, mapping or {}, value_map.local_kinds())
        self.refs = Refs(ctx)
        self.ref_fields = [f for f in entity.fields if f.kind == REF]
        self.choice_fields = [f for f in entity.fields if f.kind == CHOICE]
        self.memo: dict[tuple, Any] = {}
        self.choice_plans: dict[tuple, list[Field]] = {}
        self.default_unit = self.refs.unit(unit) if unit else None
        # a duplicate key's hash → the row it was first seen in: the keys themselves (names,
        # CCCD) would keep every row's text alive (memory, #16); two different keys share a
        # 64-bit hash about once in 10^8 files of 200,000 rows
        self.seen: dict[int, int] = {}
        self.batch = Batch(ctx, entity)
        self.locks: dict[Any, str | None] = {}

    # ------------------------------------------------------------ layout level

    def missing_columns(self, layout: Layout, given: frozenset[str] = frozenset()) -> list[Problem]:
        """Required fields with no column (``given``: fields the sheet states once)."""
        present = layout.fields() | given
        defaults = {"unit_id"} if self.default_unit else set()
        defaults |= {"regime"} if self.entity.name == "position" else set()
        return [Problem(f"không có cột «{f.label}» (bắt buộc).", f.name, f.label, file=self.file,
                        sheet=layout.sheet, row=layout.header_rows[-1])
                for f in self.entity.fields
                if f.required and f.name not in present and f.name not in defaults]

    # ------------------------------------------------------------ one record

    def check(self, raw: RawRow, sheet: str) -> tuple[Checked | None, list[Problem]]:
        return self.check_many([raw], sheet)[0]

    def check_many(self, raws: list[RawRow], sheet: str) -> list[tuple[Checked | None, list[Problem]]]:
        """Check rows of one sheet in file order; each gets (record, []) or (None, problems)."""
        early = []
        if len(self.memo) > MEMO_LIMIT:
            self.memo.clear()
        for raw in raws:
            where = _Where(self.file, sheet, raw)
            values, problems = self._resolve_refs(raw, where)
            problems += self._choices(values, raw, where)
            if "_both_genders" in raw.values:
                problems.append(where.problem("birth_date", "ghi ngày sinh ở cả cột Nam và cột Nữ.", None))
            problems += [where.conflict(self.entity.field(c[0]).label, *c)
                         for c in raw.values.get("_conflicts", ())]  # type: ignore[attr-defined]
            early.append((where, values, problems))
        if self.effective is not None:
            return self._with_updates(early)
        prepared = self.batch.prepare_many([values for _, values, _ in early])
        return [self._finish(where, problems, values, found)
                for (where, _, problems), (values, found) in zip(early, prepared, strict=True)]

    def _with_updates(self, early: list) -> list[tuple[Checked | None, list[Problem]]]:
        """Update mode: a row naming a stored record becomes an ``update.Update`` (or its
        problems); the others are checked as new rows."""
        out = []
        for where, values, problems in early:
            found = None if problems else update.match(self.ctx, self.refs, self.entity, values)
            if found is None:
                out += [self._finish(where, problems, *self.batch.prepare_many([values])[0])]
                continue
            assert self.effective is not None
            change, wrong = update.plan(self.ctx, self.batch, self.entity, found, values, where.sheet,
                                        where.raw.row, self.effective)
            if change is not None:
                self.updates.append(change)
            out.append((None, [where.relocate(p) for p in wrong]))
        return out

    def _finish(self, where: _Where, problems: list[Problem], prepared: dict | None,
                found: list[Problem]) -> tuple[Checked | None, list[Problem]]:
        if prepared is None:
            located = {p.field for p in problems}
            return None, problems + [where.relocate(p) for p in found if p.field not in located]
        if problems:
            return None, problems
        locked = self._locked(prepared.get("year"))
        if locked:  # a year already reported upward is frozen (chốt số liệu)
            return None, [where.problem("year", locked, prepared.get("year"), "Năm")]
        checked = Checked(where.raw.row, where.sheet, prepared)
        problems = self._duplicates(checked, where)
        return (None if problems else checked), problems

    def _locked(self, year: Any) -> str | None:
        """The locked-year refusal for a row of ``year`` (cached: it depends on nothing else).
        Only the year part of the check: a read-only account's dry run still learns it."""
        if year not in self.locks:
            try:
                period_lock.check_years(self.ctx, self.entity.name, {"year": year})
                self.locks[year] = None
            except ValidationError as exc:
                self.locks[year] = str(exc)
        return self.locks[year]

    def _resolve_refs(self, raw: RawRow, where: _Where) -> tuple[dict, list[Problem]]:
        """References by dict look-up (an id for records.prepare); every other value
        stays raw for prepare, which converts it by its field declaration."""
        values = dict(raw.values)
        for key in _PRIVATE & values.keys():  # rows.py's markers, not fields
            del values[key]
        problems = []
        self._defaults(values)
        for f in self.ref_fields:
            value = values.get(f.name)
            if value is None or f.name not in raw.values:  # absent, or the --unit default (an id)
                continue
            found = self._resolved(f, value, values)
            if isinstance(found, ValueError):
                problems.append(where.problem(f.name, str(found), value, f.label))
                del values[f.name]
            else:
                values[f.name] = found
        return values, problems

    def _choices(self, values: dict, raw: RawRow, where: _Where) -> list[Problem]:
        """Choice texts → codes, each distinct text converted once: matching a label
        folds every option, and a 50,000-row file repeats a handful of texts."""
        problems = []
        for f in self._present_choices(values):
            value = values.get(f.name)
            if value is None or not isinstance(value, (str, int, float)):
                continue
            key = (f.name, value)
            if key not in self.memo:
                self.memo[key] = self._choice(f, value)
            hit = self.memo[key]
            if isinstance(hit, Question):
                self.values.seen(hit, where.sheet, where.raw.row)
                problems.append(where.problem(f.name, hit.row_message, value, f.label))
                del values[f.name]
            elif isinstance(hit, ValueError):
                problems.append(where.problem(f.name, str(hit), value, f.label))
                del values[f.name]
            else:
                values[f.name] = hit
        return problems

    def _choice(self, f: Field, value: Any) -> Any:
        """The code of a choice cell: as written, else as a person reads it (``values``)."""
        try:
            return f.convert(value, self.ctx.catalogues)
        except ValueError as exc:
            if not f.options(self.ctx.catalogues):
                return exc
            found = self.values.resolve(f, value)
            if isinstance(found, Question) and not found.row_message:
                found.row_message = str(exc)  # the row keeps the converter's words; the question
            return found                      # (once per value) carries the suggestions

    def _present_choices(self, values: dict) -> list[Field]:
        """The choice fields a row fills, in declaration order (so problems keep their order),
        worked out once per set of filled fields: rows of one sheet fill the same few."""
        keys = tuple(values)
        found = self.choice_plans.get(keys)
        if found is None:
            found = self.choice_plans[keys] = [f for f in self.choice_fields if f.name in values]
        return found

    def _defaults(self, values: dict) -> None:
        if self.default_unit and values.get("unit_id") is None and "unit_id" in self.entity.names:
            values["unit_id"] = self.default_unit
        if self.entity.name == "position" and not values.get("regime"):
            try:
                group = self.entity.field("group_code").convert(values.get("group_code"), self.ctx.catalogues)
            except ValueError:
                group = None  # prepare reports it
            item = self.ctx.catalogues.item("nhom_vtvl", group) or {}
            values["regime"] = item.get("regime") or (
                "ND232-2026" if self.ctx.today.isoformat() >= "2026-07-01" else "ND106-2020")

    def _resolved(self, f: Field, value: Any, values: dict) -> int | ValueError:
        """The id a reference cell names, or the ValueError saying why not; a unit or person
        cell is looked up once per distinct value (a position depends on the row's unit)."""
        key = (f.name, value.__class__, value, values.get("unit_id") if f.ref == "position" else None)
        if key not in self.memo:
            try:  # a code typed as a number (101) is a code, never an internal id
                self.memo[key] = self._resolve(f, str(f.convert(value)), values)
            except ValueError as exc:
                self.memo[key] = exc
        return self.memo[key]

    def _resolve(self, f: Field, value: Any, values: dict) -> int:
        if f.ref == "unit":
            return self.refs.unit(value)
        if f.ref == "person":
            return self.refs.person(value)
        return self.refs.position(value, values.get("unit_id"))

    def units_taken(self) -> list[Taken]:
        """Units named in a way not spelt exactly (shown «…» → …)."""
        label = self.entity.field("unit_id").label if "unit_id" in self.entity.names else "Đơn vị"
        out = []
        for text, unit_id in self.refs.units_by_name.items():
            code, name = self.ctx.db.execute("SELECT code, name FROM unit WHERE id = ?", [unit_id]).fetchone()
            out.append(Taken("unit_id", label, text, code, f"{code} – {name}", "theo tên"))
        return out

    # ------------------------------------------------------------ duplicates

    def _duplicates(self, c: Checked, where: _Where) -> list[Problem]:
        problems = []
        for key, name, message in _KEYS.get(self.entity.name, _no_keys)(c.values):
            if key is None:
                continue
            first = self.seen.setdefault(hash(key), c.row)
            if first != c.row:
                problems.append(where.problem(name, f"{message} trùng với dòng {first}.",
                                              c.values.get(name)))
        problems += [where.problem(n, m, c.values.get(n)) for n, m in self._stored(c.values)]
        return problems

    def _stored(self, v: dict) -> list[tuple[str, str]]:
        if self.entity.name == "person":
            key = (_name_key(v), v.get("birth_date"), v.get("unit_id"))
            if key in self.refs.person_same:
                return [("full_name", "đã có người cùng họ tên, ngày sinh và đơn vị trong dữ liệu.")]
        if self.entity.name == "position":
            if (v["unit_id"], vntext.fold(v["name"])) in self.refs.position_by_key:
                return [("name", "đơn vị này đã có vị trí việc làm cùng tên.")]
        return []


def _person_keys(v: dict) -> list:
    same = (_name_key(v), v.get("birth_date"), v.get("unit_id"))
    return [(("cccd", v["cccd"]) if v.get("cccd") else None, "cccd", "Số CCCD"),
            (("same", *same), "full_name", "Họ tên, ngày sinh và đơn vị")]


def _name_key(v: dict) -> str:
    """The folded name records.prepare derived (vntext.fold of the full name)."""
    return v["name_key"] if "name_key" in v else vntext.fold(v["full_name"])


def _no_keys(v: dict) -> list:
    return []


def _year_key(ref: str) -> Callable[[dict], list]:
    return lambda v: [((v[ref], v["year"]), "year", "Năm (cùng đối tượng)")]


_KEYS: dict[str, Callable[[dict], list]] = {
    "unit": lambda v: [(("code", v["code"].upper()), "code", "Mã đơn vị")],  # «ab01» is AB01
    "person": _person_keys,
    "position": lambda v: [((v["unit_id"], vntext.fold(v["name"])), "name", "Tên vị trí việc làm")],
    "quota": _year_key("unit_id"),
    "finance": _year_key("unit_id"),
    "evaluation": _year_key("person_id"),
}


_PRIVATE = frozenset({"_family", "_both_genders", "_conflicts"})  # keys rows.py adds beside the fields


class _Where:
    """Builds problems located at one row of one sheet."""

    def __init__(self, file: str, sheet: str, raw: RawRow):
        self.file, self.sheet, self.raw = file, sheet, raw

    def problem(self, name: str, message: str, value: Any, label: str | None = None) -> Problem:
        col: Column | None = self.raw.columns.get(name)
        return Problem(message, name, col.header if col else label, value, self.raw.row, self.sheet,
                       self.file, col.letter if col else None)

    def conflict(self, label: str, name: str, first: Column, other: Column, value: Any) -> Problem:
        """Two columns of one field disagree on this row: neither is dropped in silence."""
        kept = self.raw.values.get(name)
        return Problem(f"cột {first.letter} và cột {other.letter} cùng ghi «{label}» nhưng khác nhau "
                       f"(«{kept}» và «{value}»); hãy bỏ một cột hoặc sửa cho khớp.",
                       name, other.header, value, self.raw.row, self.sheet, self.file, other.letter)

    def relocate(self, p: Problem) -> Problem:
        col = self.raw.columns.get(p.field or "")
        value = self.raw.values.get(p.field or "", p.value)
        return Problem(p.message, p.field, col.header if col else p.label, value, self.raw.row,
                       self.sheet, self.file, col.letter if col else None)
