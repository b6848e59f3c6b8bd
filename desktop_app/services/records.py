"""Create, update and delete any declared entity: convert and validate by the
field declarations, apply the entity's own rules, write, and audit every
changed field — all in one transaction, or nothing at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from db import repo
from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.entities import ENTITIES, POST_FIELDS
from desktop_app.errors import Problem, ValidationError
from desktop_app.fields import REF, Entity, Field, convert_values
from desktop_app.services import audit, period_lock, personnel_rules
from desktop_app.services.retirement import retirement_date


def create(ctx: Context, entity_name: str, raw: Mapping[str, Any]) -> int:
    entity = ENTITIES[entity_name]
    values = prepare(ctx, entity, raw)
    period_lock.check_write(ctx, entity.name, values)
    with ctx.db.atomic():
        row_id = repo.insert(ctx.db, entity.table, values)
        audit.record(ctx, "them", entity.name, row_id, {}, values)
        _AFTER_CREATE.get(entity.name, _nothing)(ctx, row_id, values)
    return row_id


def update(ctx: Context, entity_name: str, row_id: int, raw: Mapping[str, Any]) -> dict:
    """Update the given fields; return the fields that actually changed."""
    entity = ENTITIES[entity_name]
    old = repo.get(ctx.db, entity.table, row_id)
    if old is None:
        raise ValidationError(f"Không tìm thấy {entity.label.lower()} cần sửa (mã {row_id}).")
    values = prepare(ctx, entity, raw, existing=old)
    changed = {k: v for k, v in values.items() if old.get(k) != v}
    if not changed:
        return {}
    period_lock.check_write(ctx, entity.name, old, {**old, **changed})
    with ctx.db.atomic():
        repo.update(ctx.db, entity.table, row_id, changed)
        audit.record(ctx, "sua", entity.name, row_id, old, changed)
        _AFTER_UPDATE.get(entity.name, _nothing)(ctx, row_id, changed)
    return changed


def delete(ctx: Context, entity_name: str, row_id: int) -> None:
    entity = ENTITIES[entity_name]
    old = repo.get(ctx.db, entity.table, row_id)
    if old is None:
        return
    period_lock.check_write(ctx, entity.name, old)
    with ctx.db.atomic():
        try:
            repo.delete(ctx.db, entity.table, row_id)
        except Exception as exc:  # sqlite3.IntegrityError: rows still refer to it
            if "FOREIGN KEY" not in str(exc):
                raise
            raise ValidationError(f"Không xóa được {entity.label.lower()} «{_title(old)}» vì "
                                  "còn dữ liệu khác gắn với nó.") from None
        audit.record(ctx, "xoa", entity.name, row_id, old, {k: None for k in old if k != "id"})


def prepare(ctx: Context, entity: Entity, raw: Mapping[str, Any],
            existing: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Raw input → values ready to store, or ValidationError listing every problem."""
    return prepare_with(Stored(ctx), entity, raw, existing)


def prepare_many(ctx: Context, entity: Entity, rows: list[Mapping[str, Any]],
                 ) -> list[tuple[dict[str, Any] | None, list[Problem]]]:
    """New records in bulk (an import): for each row, the values ``prepare`` gives
    or the problems it raises, from tables read once (services.records_batch)."""
    from desktop_app.services.records_batch import Batch  # it builds on this module
    return Batch(ctx, entity).prepare_many(rows)


def prepare_with(look: Stored, entity: Entity, raw: Mapping[str, Any],
                 existing: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """``prepare`` reading stored rows through ``look`` (queries, or tables loaded once)."""
    names, refs, required = _shape(entity)
    unknown = [k for k in raw if k not in names]
    if unknown:
        raise ValidationError([Problem(f"trường không tồn tại: {k}", field=k) for k in unknown])
    values, bad = look.convert(entity, raw)
    problems = [Problem(msg, field=f.name, label=f.label, value=v) for f, v, msg in bad]
    for field in refs:
        if values.get(field.name) is not None:
            try:
                values[field.name] = _resolve(look, field.ref, values[field.name])
            except ValueError as exc:
                problems.append(Problem(str(exc), field.name, field.label, raw.get(field.name)))
    merged = {**existing, **values} if existing else dict(values)
    for field in required:
        if merged.get(field.name) is None and field.name not in (f.field for f in problems):
            problems.append(Problem("không được để trống.", field.name, field.label))
    if not problems:
        problems += [p for p in _RULES.get(entity.name, _no_rules)(look, merged, existing)]
    if problems:
        raise ValidationError(problems)
    values.update(look.derived(entity, merged))
    return values


_SHAPES: dict[int, tuple[Entity, tuple]] = {}


def _shape(entity: Entity) -> tuple[frozenset[str], tuple[Field, ...], tuple[Field, ...]]:
    """Field names, reference fields and required fields of an entity, in declaration order,
    worked out once: prepare runs per row of a 50,000-row import. Keyed by identity (hashing
    a frozen Entity hashes every field declaration); the entity is kept so its id stays its own."""
    hit = _SHAPES.get(id(entity))
    if hit is None or hit[0] is not entity:
        hit = _SHAPES[id(entity)] = (entity, (
            frozenset(entity.names), tuple(f for f in entity.fields if f.kind == REF),
            tuple(f for f in entity.fields if f.required)))
    return hit[1]


class Stored:
    """What ``prepare`` reads from the database: one query per question, for a
    single record. services.records_batch answers the same from tables read once."""

    def __init__(self, ctx: Context):
        self.ctx, self.db = ctx, ctx.db

    def convert(self, entity: Entity, raw: Mapping[str, Any]) -> tuple[dict, list]:
        return convert_values(entity, raw, self.ctx.catalogues)

    def derived(self, entity: Entity, merged: Mapping) -> dict:
        return _DERIVED.get(entity.name, _no_derived)(self.ctx, merged)

    def exists(self, table: str, row_id: int) -> bool:
        return repo.get(self.db, table, row_id) is not None

    def unit_by_code(self, code: str) -> int | None:
        row = self.db.execute("SELECT id FROM unit WHERE code = ?", [code]).fetchone()
        return row[0] if row else None

    def unit_code_holder(self, code: str) -> tuple[int, str] | None:
        """The unit holding ``code`` in any case («cs021» is CS021 to a clerk): (id, its code)."""
        row = self.db.execute("SELECT id, code FROM unit WHERE upper(code) = upper(?) ORDER BY id LIMIT 1",
                              [code]).fetchone()
        return (row[0], row[1]) if row else None

    def units_named(self, key: str) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM unit WHERE name_key = ?", [key])]

    def position_unit(self, position_id: int) -> int | None:
        row = self.db.execute("SELECT unit_id FROM position WHERE id = ?", [position_id]).fetchone()
        return row[0] if row else None

    def person_by_cccd(self, cccd: str) -> tuple[int, str] | None:
        row = self.db.execute("SELECT id, full_name FROM person WHERE cccd = ?", [cccd]).fetchone()
        return (row[0], row[1]) if row else None

    def people_named(self, key: str) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM person WHERE name_key = ?", [key])]

    def year_row(self, table: str, key: str, value: Any, year: Any) -> int | None:
        row = self.db.execute(f"SELECT id FROM {table} WHERE {key} = ? AND year = ?",  # noqa: S608
                              [value, year]).fetchone()   # names from _RULES, never user input
        return row[0] if row else None


# ------------------------------------------------------------ references

def resolve(ctx: Context, ref: str | None, value: Any) -> int:
    """An id, a code or a name → the id of a unit / position / person."""
    return _resolve(Stored(ctx), ref, value)


def _resolve(look: Stored, ref: str | None, value: Any) -> int:
    if ref == "unit":
        return _resolve_unit(look, value)
    if ref == "person":
        return _resolve_person(look, value)
    if ref == "position":
        if isinstance(value, int) and look.exists("position", value):
            return value
        raise ValueError(f"không có vị trí việc làm «{value}».")
    raise ValueError(f"không tìm được «{value}».")


def _resolve_unit(look: Stored, value: Any) -> int:
    if isinstance(value, int):
        if look.exists("unit", value):
            return value
        raise ValueError(f"không có đơn vị mã số {value}.")
    text = vntext.clean(str(value)) or ""
    found = look.unit_by_code(text)
    if found is not None:
        return found
    ids = look.units_named(vntext.fold(text))
    if len(ids) == 1:
        return ids[0]
    if len(ids) > 1:
        raise ValueError(f"có {len(ids)} đơn vị tên «{text}»; hãy ghi mã đơn vị.")
    raise ValueError(f"không có đơn vị «{text}» (theo mã hoặc tên).")


def _resolve_person(look: Stored, value: Any) -> int:
    if isinstance(value, int) and look.exists("person", value):
        return value
    text = vntext.clean(str(value)) or ""
    found = look.person_by_cccd(text)
    if found is not None:
        return found[0]
    ids = look.people_named(vntext.fold(text))
    if len(ids) == 1:
        return ids[0]
    if len(ids) > 1:
        raise ValueError(f"có {len(ids)} người tên «{text}»; hãy ghi số CCCD.")
    raise ValueError(f"không có người «{text}».")


# ------------------------------------------------------------ entity rules

def _unit_rules(look: Stored, v: dict, existing: Mapping | None) -> list[Problem]:
    problems = []
    found = look.unit_code_holder(v["code"])
    if found is not None and (existing is None or found[0] != existing["id"]):
        same = "" if found[1] == v["code"] else f" (mã «{found[1]}»: chữ hoa hay chữ thường là một mã)"
        problems.append(Problem(f"mã «{v['code']}» đã dùng cho đơn vị khác{same}.", "code", "Mã đơn vị"))
    problems += _date_order(v, "valid_from", "valid_to", "Đến ngày", "ngày hoạt động")
    return problems


def _person_rules(look: Stored, v: dict, existing: Mapping | None) -> list[Problem]:
    problems, ctx = [], look.ctx
    born = vntext.to_date(v.get("birth_date"))
    if born and born > ctx.today:
        problems.append(Problem("ngày sinh ở tương lai.", "birth_date", "Ngày sinh"))
    if born and born.year < 1900:
        problems.append(Problem("năm sinh trước 1900.", "birth_date", "Ngày sinh"))
    recruited = vntext.to_date(v.get("recruited_on"))
    born_end = vntext.to_date(v.get("birth_date"), end=True)
    if born_end and recruited and recruited < born_end:
        problems.append(Problem("ngày tuyển dụng trước ngày sinh.", "recruited_on", "Ngày tuyển dụng"))
    problems += _date_order(v, "recruited_on", "left_on", "Ngày thôi làm việc", "ngày tuyển dụng")
    if v.get("cccd"):
        row = look.person_by_cccd(v["cccd"])
        if row and (existing is None or row[0] != existing["id"]):
            problems.append(Problem(f"số CCCD {v['cccd']} đã có ở hồ sơ «{row[1]}».", "cccd", "Số CCCD"))
    problems += _coefficient_rule(ctx, v)
    problems += _position_rule(look, v)
    return problems


def _position_rule(look: Stored, v: dict) -> list[Problem]:
    """A person holds a position of their own unit (after a transfer, one of the new unit)."""
    if not v.get("position_id"):
        return []
    unit = look.position_unit(v["position_id"])
    if unit is None or unit == v.get("unit_id"):
        return []
    return [Problem("vị trí việc làm này thuộc đơn vị khác; hãy chọn vị trí của đơn vị đang công tác.",
                    "position_id", "Vị trí việc làm")]


def _coefficient_rule(ctx: Context, v: dict) -> list[Problem]:
    item = ctx.catalogues.item("ngach_luong", v.get("salary_class"))
    coefficient = v.get("coefficient")
    if not item or coefficient is None or "min" not in item:
        return []
    low, high = float(item["min"]), float(item["max"])
    if low - 1e-9 <= coefficient <= high + 1e-9:
        return []
    return [Problem(f"hệ số {vntext.format_number(coefficient, 2)} nằm ngoài khung của loại "
                    f"{item['code']} ({vntext.format_number(low, 2)} – {vntext.format_number(high, 2)}).",
                    "coefficient", "Hệ số lương", coefficient)]


def _unique_year(table: str, key: str, label: str) -> Callable[..., list[Problem]]:
    def rule(look: Stored, v: dict, existing: Mapping | None) -> list[Problem]:
        found = look.year_row(table, key, v[key], v["year"])
        if found is not None and (existing is None or found != existing["id"]):
            return [Problem(f"đã có {label} năm {v['year']}.", "year", "Năm")]
        return []
    return rule


def _finance_rules(look: Stored, v: dict, existing: Mapping | None) -> list[Problem]:
    problems = _unique_year("finance", "unit_id", "số liệu tài chính của đơn vị này")(look, v, existing)
    if v.get("group_override") and not v.get("override_reason") and not v.get("override_decision"):
        problems.append(Problem("khi ghi nhóm tự chủ theo quyết định phải ghi số quyết định hoặc lý do.",
                                "override_reason", "Lý do khác nhóm tính toán"))
    return problems


def _position_rules(look: Stored, v: dict, existing: Mapping | None) -> list[Problem]:
    problems = []
    group = look.ctx.catalogues.item("nhom_vtvl", v.get("group_code"))
    if group and group.get("regime") and group["regime"] != v.get("regime"):
        problems.append(Problem(f"nhóm «{group['label']}» không thuộc {v.get('regime')}.",
                                "group_code", "Nhóm vị trí việc làm"))
    low, high = v.get("career_level_min"), v.get("career_level_max")
    if low and high and low > high:
        problems.append(Problem("bậc từ lớn hơn bậc đến.", "career_level_max", "Bậc nghề nghiệp đến"))
    return problems


def _date_order(v: dict, first: str, second: str, label: str, what: str) -> list[Problem]:
    if v.get(first) and v.get(second) and v[second] < v[first]:
        return [Problem(f"trước {what}.", second, label)]
    return []


_RULES: dict[str, Callable[[Stored, dict, Mapping | None], list[Problem]]] = {
    "unit": _unit_rules,
    "person": _person_rules,
    "finance": _finance_rules,
    "position": _position_rules,
    "quota": _unique_year("quota", "unit_id", "số lượng người làm việc được giao của đơn vị này"),
    "evaluation": _unique_year("evaluation", "person_id", "kết quả đánh giá của người này"),
    **personnel_rules.RULES,
}


def _no_rules(look, v, existing) -> list[Problem]:
    return []


# ------------------------------------------------------------ derived columns

def derived_unit(ctx: Context | None, v: Mapping) -> dict:
    return {"name_key": vntext.fold(v.get("name"))}


def derived_person(ctx: Context, v: Mapping) -> dict:
    name_key, sort_key = person_name_keys(v.get("full_name"))
    return {"name_key": name_key, "sort_key": sort_key, "retire_on": person_retire_on(ctx, v)}


def person_name_keys(full_name: str | None) -> tuple[str, str]:
    """(name_key, sort_key): what a person's name derives (services.records_batch memoises it)."""
    return vntext.fold(full_name), vntext.name_sort_key(full_name)


def person_retire_on(ctx: Context, v: Mapping) -> str | None:
    """What a person's birth date and gender derive (services.records_batch memoises it)."""
    return retirement_date(v.get("birth_date"), v.get("gender"), ctx.catalogues.items("tuoi_nghi_huu"))


_DERIVED: dict[str, Callable[[Context, Mapping], dict]] = {
    "unit": derived_unit, "person": derived_person}


def _no_derived(ctx, v) -> dict:
    return {}


# ------------------------------------------------------------ after writes

def _open_first_assignment(ctx: Context, person_id: int, v: Mapping) -> None:
    start = v.get("recruited_on") or ctx.today.isoformat()
    post = {k: v.get(k) for k in POST_FIELDS}
    repo.insert(ctx.db, "assignment", {"person_id": person_id, "valid_from": start,
                                       "valid_to": v.get("left_on"), "change": "tuyen_dung", **post})


def _sync_assignment(ctx: Context, person_id: int, changed: Mapping) -> None:
    """A plain edit of post fields corrects the open assignment in place; dated
    changes (transfer, promotion…) go through ``services.staff`` instead."""
    post = {k: v for k, v in changed.items() if k in POST_FIELDS}
    if post:
        ctx.db.execute(
            "UPDATE assignment SET " + ", ".join(f"{k} = ?" for k in post) +  # names from POST_FIELDS
            " WHERE person_id = ? AND id = (SELECT max(id) FROM assignment WHERE person_id = ?)",
            [*post.values(), person_id, person_id])


_AFTER_CREATE: dict[str, Callable[[Context, int, Mapping], None]] = {
    "person": _open_first_assignment}
_AFTER_UPDATE: dict[str, Callable[[Context, int, Mapping], None]] = {
    "person": _sync_assignment}


def _nothing(ctx, row_id, values) -> None:
    return None


def _title(row: Mapping) -> str:
    return str(row.get("name") or row.get("full_name") or row.get("code") or row.get("id"))
