"""The dated staff actions a clerk records from the Nhân sự page — điều động,
thay đổi chức danh/hạng/bậc, nâng lương, thay đổi nguồn lương/loại lao động,
thôi làm việc — each declared once as a small entity (its fields come from
``PERSON``) and applied through ``services.staff`` so the history and the
audit are written in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from db import repo
from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.entities import PERSON
from desktop_app.errors import Problem, ValidationError
from desktop_app.fields import DATE, Entity, Field
from desktop_app.services import staff

EFFECTIVE = Field("valid_from", "Ngày hiệu lực", DATE, required=True, width=11)
DECISION = Field("decision_no", "Số quyết định", max_len=60, width=16,
                 help="Số quyết định làm căn cứ, nếu có")


def _person(name: str, **changes: Any) -> Field:
    return replace(PERSON.field(name), section="", readonly=False, **changes)


def _action(change: str, *fields: Field, date: Field = EFFECTIVE) -> Entity:
    return Entity(change, "assignment", staff.CHANGES[change], (date, *fields, DECISION))


ACTIONS: dict[str, Entity] = {a.name: a for a in (
    _action("dieu_chuyen", _person("unit_id", required=True)),
    _action("thay_doi_cdnn", _person("title_code"), _person("title_rank"), _person("career_level"),
            _person("salary_class")),
    _action("nang_luong", _person("salary_step", required=True), _person("coefficient", required=True),
            _person("step_since", help="Để trống: lấy ngày hiệu lực")),
    _action("thay_doi_nguon_luong", _person("pay_source"), _person("employment_kind")),
    _action("nghi", _person("leave_reason", required=True),
            date=_person("left_on", required=True)),
)}


def current(ctx: Context, person_id: int, action: str) -> dict[str, Any]:
    """The person's present values of the action's fields, to start the dialog from."""
    person = repo.get(ctx.db, "person", person_id) or {}
    return {f.name: person.get(f.name) for f in ACTIONS[action].fields if f.name in person
            and f.name not in ("left_on", "leave_reason")}


def apply(ctx: Context, person_id: int, action: str, raw: Mapping[str, Any]) -> int:
    """Record ``action`` for the person; returns ``person_id``. ValidationError
    problems name the dialog's fields."""
    entity = ACTIONS[action]
    missing = [Problem("không được để trống.", f.name, f.label) for f in entity.fields
               if f.required and raw.get(f.name) in (None, "")]
    if missing:
        raise ValidationError(missing)
    decision = vntext.clean(raw.get("decision_no"))
    if action == "nghi":
        try:
            staff.leave(ctx, person_id, raw["left_on"], raw["leave_reason"], decision_no=decision)
        except ValidationError as exc:
            raise _renamed(exc, {"valid_from": "left_on"}) from None
        return person_id
    post = {k: v for k, v in raw.items() if k not in ("valid_from", "decision_no")}
    if action == "nang_luong":
        _check_step(ctx, person_id, post)
        if not post.get("step_since"):  # a regular raise starts the new step on its effective date
            post["step_since"] = raw["valid_from"]
    staff.change_post(ctx, person_id, raw["valid_from"], action, post, decision_no=decision)
    return person_id


def _check_step(ctx: Context, person_id: int, post: Mapping[str, Any]) -> None:
    """A salary step must exist in the person's salary class (the coefficient
    range itself is checked by the person rules)."""
    row = ctx.db.execute("SELECT salary_class FROM person WHERE id = ?", [person_id]).fetchone()
    item = ctx.catalogues.item("ngach_luong", row[0] if row else None)
    try:
        step = PERSON.field("salary_step").convert(post.get("salary_step"))
    except ValueError:
        return  # the person rules report the bad number with its field
    if item and step and "steps" in item and step > int(item["steps"]):
        raise ValidationError([Problem(f"loại {item['code']} chỉ có {item['steps']} bậc.",
                                       "salary_step", "Bậc lương", step)])


def _renamed(exc: ValidationError, names: Mapping[str, str]) -> ValidationError:
    return ValidationError([replace(p, field=names.get(p.field or "", p.field)) for p in exc.problems])


def coefficient_of_step(ctx: Context, salary_class: str | None, step: int | None) -> float | None:
    """The table coefficient of ``step`` in ``salary_class`` (NĐ 204/2004), if known."""
    item = ctx.catalogues.item("ngach_luong", salary_class)
    coefficients = (item or {}).get("coefficients") or []
    if step and 1 <= step <= len(coefficients):
        return float(coefficients[step - 1])
    return None
