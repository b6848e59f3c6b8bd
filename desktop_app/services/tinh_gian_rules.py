"""Who NĐ 154/2025/NĐ-CP keeps out of tinh giản for now (legal-notes §3 [V]: pregnant, on
maternity leave, raising a child under 36 months, under discipline review / prosecution /
inspection), read from the person's fields; and the people the data suggest for a batch —
never added to it without the clerk's choice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from db import repo
from desktop_app.context import Context
from desktop_app.errors import ValidationError
from desktop_app.services import asof
from desktop_app.vntext import format_date

CHILD_MONTHS = 36


def exclusions(person: Mapping[str, Any], day: dt.date, voluntary: bool = False) -> list[str]:
    """Every reason the person may not be proposed on ``day`` (empty: none). Pregnancy,
    maternity leave and a young child do not stop a person who volunteers (legal-notes §3)."""
    out = []
    if person.get("pregnant") and not voluntary:
        out.append("đang mang thai")
    if person.get("maternity_to") and person["maternity_to"] >= day.isoformat() and not voluntary:
        out.append(f"đang nghỉ thai sản (đến {format_date(person['maternity_to'])})")
    born = person.get("youngest_child_born")
    if born and _add_months(dt.date.fromisoformat(born), CHILD_MONTHS) > day and not voluntary:
        out.append(f"đang nuôi con dưới 36 tháng tuổi (con sinh ngày {format_date(born)})")
    if person.get("under_review"):
        out.append("đang bị xem xét kỷ luật, truy cứu trách nhiệm hình sự hoặc thanh tra, kiểm tra")
    return out


def check_exclusions(person: Mapping[str, Any], day: dt.date, voluntary: bool = False) -> None:
    found = exclusions(person, day, voluntary)
    if found:
        raise ValidationError(
            f"«{person.get('full_name')}» chưa thực hiện tinh giản theo NĐ 154/2025/NĐ-CP: "
            + "; ".join(found)
            + "."
        )


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Suggestion:
    person_id: int
    full_name: str
    reason_code: str
    why: str
    blocked: str  # the exclusions, "" when none


def suggest(ctx: Context, year: int, day: dt.date) -> list[Suggestion]:
    """People the data point to for a batch of ``year`` leaving on ``day``."""
    people = {p["person_id"]: p for p in asof.roll(ctx, day)}
    found = [*_khtnv(ctx, year, people), *_surplus(ctx, day, people), *_lost_posts(ctx, day, people)]
    out, seen = [], set()
    for person_id, reason, why in found:
        if (person_id, reason) in seen:
            continue
        seen.add((person_id, reason))
        p = repo.get(ctx.db, "person", person_id) or {}
        out.append(Suggestion(person_id, p["full_name"], reason, why, "; ".join(exclusions(p, day))))
    return out


def _khtnv(ctx: Context, year: int, people: dict[int, dict]) -> list[tuple[int, str, str]]:
    item = ctx.catalogues.item("ly_do_tinh_gian", "CHAT_LUONG_KHTNV") or {}
    years = list(range(year - int(item.get("years") or 2), year))
    rows = repo.query(
        ctx.db,
        "SELECT person_id, year FROM evaluation WHERE level = 'KHTNV' AND year >= ? "
        "AND year <= ? ORDER BY year",
        [years[0], years[-1]],
    )
    return [
        (r["person_id"], "CHAT_LUONG_KHTNV", f"Xếp loại không hoàn thành nhiệm vụ năm {r['year']}")
        for r in rows
        if r["person_id"] in people
    ]


def _surplus(ctx: Context, day: dt.date, people: dict[int, dict]) -> list[tuple[int, str, str]]:
    """Units touched by a reorganisation in the 12 months before ``day`` whose people
    outnumber the positions' cần thiết on ``day``."""
    since = dt.date(day.year - 1, day.month, 1).isoformat()
    units = {
        r["unit_id"]
        for r in repo.query(
            ctx.db,
            "SELECT DISTINCT a.unit_id FROM assignment a JOIN event e ON e.id = a.event_id "
            "WHERE e.effective_date >= ? AND e.effective_date <= ?",
            [since, day.isoformat()],
        )
    }
    needed: dict[int, int] = {}
    for pos in asof.positions_at(ctx, day, sorted(units)):
        needed[pos["unit_id"]] = needed.get(pos["unit_id"], 0) + int(pos["required_count"] or 0)
    out = []
    for unit_id in sorted(units):
        staff = [p for p in people.values() if p.get("unit_id") == unit_id]
        extra = len(staff) - needed.get(unit_id, 0)
        if extra > 0 and unit_id in needed:
            out += [
                (
                    p["person_id"],
                    "DOI_DU_SAP_XEP",
                    f"Đơn vị có mặt {len(staff)}, cần thiết {needed[unit_id]}: "
                    f"dôi dư {extra} người sau sắp xếp (chọn {extra} người)",
                )
                for p in staff
            ]
    return out


def _lost_posts(ctx: Context, day: dt.date, people: dict[int, dict]) -> list[tuple[int, str, str]]:
    """Leaders whose unit was reorganised while they held a post, and who hold none on ``day``."""
    rows = repo.query(
        ctx.db,
        "SELECT DISTINCT a.person_id, b.leader_role AS before, e.effective_date FROM assignment a "
        "JOIN event e ON e.id = a.event_id JOIN assignment b ON b.person_id = a.person_id "
        "AND b.valid_to = a.valid_from WHERE b.leader_role IS NOT NULL AND a.valid_from <= ?",
        [day.isoformat()],
    )
    return [
        (
            r["person_id"],
            "LANH_DAO_THOI_CHUC_VU",
            f"Thôi giữ chức vụ «{ctx.catalogues.label('chuc_vu', r['before'])}» sau sắp xếp ngày "
            f"{format_date(r['effective_date'])}",
        )
        for r in rows
        if r["person_id"] in people and not people[r["person_id"]].get("leader_role")
    ]
