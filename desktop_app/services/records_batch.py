"""Preparing many new records at once (an import of tens of thousands of rows)
with exactly the checks and values of ``services.records.prepare``.

``prepare`` runs the same code (``records.prepare_with``); only the answers to
its questions come from elsewhere:
  - stored rows (ids, unit codes and names, CCCD numbers, one row per year)
    are read with one query per table, the first time a rule asks, into dicts;
  - each distinct raw value of a repetitive field (choices, dates, numbers,
    references) is converted once per field — a file repeats a handful of
    «Viên chức», «Ngân sách nhà nước» and birth dates;
  - derived columns are memoised: name keys by name, retirement by (birth, gender).
Nothing here writes, so rows of the same batch never see each other (as with
``prepare``); duplicates inside a file are the importer's check.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from desktop_app.context import Context
from desktop_app.errors import Problem, ValidationError
from desktop_app.fields import LONGTEXT, TEXT, Entity, Field
from desktop_app.services import records

# Kinds whose raw values repeat across rows; free text (names, CCCD) rarely does.
_UNMEMOISED = (TEXT, LONGTEXT)
MEMO_LIMIT = 20_000  # memoised values kept (issue #16: an import's memory must not grow with its rows)


_MISSING = object()  # not memoised yet (None is a memoised retirement date)


class _Failed:
    """A conversion's ValueError message, memoised like a value."""
    __slots__ = ("message",)

    def __init__(self, message: str):
        self.message = message


class Batch(records.Stored):
    """``records.Stored`` answered from tables loaded once, for one entity's new rows."""

    def __init__(self, ctx: Context, entity: Entity):
        super().__init__(ctx)
        self.entity = entity
        self.fields: dict[str, Field] = {f.name: f for f in entity.fields}
        self.plain = frozenset(f.name for f in entity.fields if f.kind in _UNMEMOISED)
        self.converted: dict[tuple, Any] = {}
        self.by_name: dict[Any, tuple[str, str]] = {}
        self.by_birth: dict[tuple, Any] = {}
        self.tables: dict[str, Any] = {}

    def prepare_many(self, rows: list[Mapping[str, Any]]) -> list[tuple[dict | None, list[Problem]]]:
        """(values, []) or (None, problems) per row, as ``prepare`` returns or raises."""
        for memo in (self.converted, self.by_name, self.by_birth):
            if len(memo) > MEMO_LIMIT:  # a column of distinct values (names): memory, not speed
                memo.clear()
        out: list[tuple[dict | None, list[Problem]]] = []
        for raw in rows:
            try:
                out.append((records.prepare_with(self, self.entity, raw), []))
            except ValidationError as exc:
                out.append((None, exc.problems))
        return out

    # ------------------------------------------------------------ conversion

    def convert(self, entity: Entity, raw: Mapping[str, Any]) -> tuple[dict, list]:
        if entity is not self.entity:
            return super().convert(entity, raw)
        values: dict[str, Any] = {}
        problems: list[tuple[Field, Any, str]] = []
        memo, catalogues, fields, plain = self.converted, self.ctx.catalogues, self.fields, self.plain
        for name, value in raw.items():
            if name in plain:
                hit = _convert(fields[name], value, catalogues)
            else:
                key = (name, value.__class__, value)  # 1, 1.0 and True are equal keys otherwise
                try:
                    hit = memo[key]
                except KeyError:
                    hit = memo[key] = _convert(fields[name], value, catalogues)
                except TypeError:  # an unhashable cell value: convert it as prepare would
                    hit = _convert(fields[name], value, catalogues)
            if hit.__class__ is _Failed:
                problems.append((fields[name], value, hit.message))
            else:
                values[name] = hit
        return values, problems

    def derived(self, entity: Entity, merged: Mapping) -> dict:
        if entity.name != "person":
            return super().derived(entity, merged)
        name, birth = merged.get("full_name"), (merged.get("birth_date"), merged.get("gender"))
        keys = self.by_name.get(name)
        if keys is None:
            keys = self.by_name[name] = records.person_name_keys(name)
        retire_on = self.by_birth.get(birth, _MISSING)
        if retire_on is _MISSING:
            retire_on = self.by_birth[birth] = records.person_retire_on(
                self.ctx, {"birth_date": birth[0], "gender": birth[1]})
        return {"name_key": keys[0], "sort_key": keys[1], "retire_on": retire_on}

    # ------------------------------------------------------------ stored rows

    def exists(self, table: str, row_id: int) -> bool:
        return row_id in self._table(f"ids:{table}", f"SELECT id FROM {table}",  # noqa: S608
                                     lambda rows: {r[0] for r in rows})

    def unit_by_code(self, code: str) -> int | None:
        return self._table("unit_code", "SELECT code, id FROM unit ORDER BY id", _first).get(code)

    def unit_code_holder(self, code: str) -> tuple[int, str] | None:
        return self._table("unit_code_upper", "SELECT upper(code), id, code FROM unit ORDER BY id",
                           _first_pair).get(code.upper())

    def units_named(self, key: str) -> list[int]:
        return self._table("unit_key", "SELECT name_key, id FROM unit ORDER BY id", _all).get(key, [])

    def person_by_cccd(self, cccd: str) -> tuple[int, str] | None:
        return self._table("person_cccd", "SELECT cccd, id, full_name FROM person "
                           "WHERE cccd IS NOT NULL ORDER BY id", _first_pair).get(cccd)

    def people_named(self, key: str) -> list[int]:
        return self._table("person_key", "SELECT name_key, id FROM person ORDER BY id", _all).get(key, [])

    def year_row(self, table: str, key: str, value: Any, year: Any) -> int | None:
        rows = self._table(f"year:{table}:{key}",
                           f"SELECT {key}, year, id FROM {table} ORDER BY id",  # noqa: S608 - names from records._RULES
                           lambda rs: _first((((k, y), i) for k, y, i in rs)))
        return rows.get((value, year))

    def _table(self, name: str, sql: str, build) -> Any:
        """One query per table and question, the first time it is asked."""
        if name not in self.tables:
            self.tables[name] = build(self.db.execute(sql))
        return self.tables[name]


def _convert(field: Field, value: Any, catalogues) -> Any:
    try:
        return field.convert(value, catalogues)
    except ValueError as exc:
        return _Failed(str(exc))


def _first(rows) -> dict:
    """key → the lowest id: the row a ``WHERE key = ?`` query finds first."""
    out: dict = {}
    for key, row_id in rows:
        out.setdefault(key, row_id)
    return out


def _first_pair(rows) -> dict:
    out: dict = {}
    for key, row_id, text in rows:
        out.setdefault(key, (row_id, text))
    return out


def _all(rows) -> dict:
    out: dict = defaultdict(list)
    for key, row_id in rows:
        out[key].append(row_id)
    return dict(out)
