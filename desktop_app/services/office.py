"""The office's own identity (SPEC §1): configured, not assumed.

Most fields live in the ``office`` table; those in ``entities.OFFICE_SETTINGS``
(the head's title, Kính gửi) in the ``setting`` table as ``office.<name>``, so
no schema change was needed for them. ``get`` returns both as one record.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

from db import repo
from desktop_app.context import Context
from desktop_app.entities import OFFICE, OFFICE_SETTINGS
from desktop_app.errors import ValidationError
from desktop_app.services import audit, gate, period_lock, records, users

# The office's identity: changing it on an existing file (e.g. ``init`` again) is Quản trị's.
IDENTITY = ("name", "level")

# Words that start the place part of a local body's name (ND 30: "UBND xã Phúc Đồng").
_PLACE_WORDS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "quận", "huyện", "tỉnh", "xã")
_PLACE = re.compile(r"\s+(?:" + "|".join(_PLACE_WORDS) + r")\s+(.+)$", re.IGNORECASE)


def get(ctx: Context) -> dict[str, Any] | None:
    row = repo.get(ctx.db, "office", 1)
    if row is None:
        return None
    for name in OFFICE_SETTINGS:
        stored = ctx.db.execute("SELECT value FROM setting WHERE key = ?", [f"office.{name}"]).fetchone()
        row[name] = json.loads(stored[0]) if stored else None
    return row


def require_office_admin(ctx: Context) -> None:
    """Who may change the office identity: one check, to be swapped for the central gate."""
    users.require_admin(ctx)


def save(ctx: Context, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Create the office on first use, or update it; returns the stored row."""
    require_office_admin(ctx)
    period_lock.check_write(ctx, "office")
    old = get(ctx)
    raw = dict(raw)
    if not raw.get("place") and not (old or {}).get("place"):
        raw["place"] = default_place(raw.get("name") or (old or {}).get("name"))
    values = records.prepare(ctx, OFFICE, raw, existing=old)
    if old is not None and any(k in values and old.get(k) != values[k] for k in IDENTITY):
        gate.authorise(ctx, gate.ADMIN)
    extras = {k: values.pop(k) for k in OFFICE_SETTINGS if k in values}
    with ctx.db.atomic():
        if old is None:
            if not values.get("name") or not values.get("level"):
                raise ValidationError("Cần nhập tên cơ quan và cấp.")
            import uuid  # only the first save of the office (uuid loads platform)

            values.update(id=1, uid=uuid.uuid4().hex,
                          created_at=dt.datetime.now().isoformat(" ", "seconds"))
            repo.insert(ctx.db, "office", values)
            audit.record(ctx, "them", "office", 1, {}, {**values, **extras})
        else:
            changed = {k: v for k, v in values.items() if old.get(k) != v}
            if changed:
                repo.update(ctx.db, "office", 1, changed)
            audit.record(ctx, "sua", "office", 1, old,
                         {**changed, **{k: v for k, v in extras.items() if old.get(k) != v}})
        for name, value in extras.items():
            ctx.db.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                           [f"office.{name}", json.dumps(value, ensure_ascii=False)])
    return get(ctx) or {}


def default_place(name: str | None) -> str | None:
    """The place a local body dates its papers from: "Ủy ban nhân dân xã Phúc Đồng" → "Phúc Đồng"."""
    match = _PLACE.search((name or "").strip())
    return match.group(1).strip() if match else None


def collective_body(name: str | None) -> str:
    """The body a TM. signature speaks for, without its place (ND 30: "TM. ỦY BAN NHÂN DÂN")."""
    text = (name or "").strip()
    match = _PLACE.search(text)
    return (text[:match.start()] if match else text).upper()


def signing_lines(o: Mapping[str, Any]) -> tuple[str, str]:
    """(authority line, title line) of the signature block per ND 30/2020 Phụ lục I, ô 7a–7b:
    TM. + the collective body over the signer's title; KT./Q./TL./TUQ. + the head's title
    over the signer's own title; signing directly: the title alone."""
    authority = (o.get("sign_authority") or "").strip()
    title = (o.get("signer_title") or "").strip().upper() or "THỦ TRƯỞNG CƠ QUAN"
    if not authority:
        return "", title
    if authority == "TM.":
        return f"TM. {collective_body(o.get('name'))}".strip(), title
    head = (o.get("head_title") or "").strip().upper() or "THỦ TRƯỞNG CƠ QUAN"
    return f"{authority} {head}", title


def addressees(o: Mapping[str, Any]) -> list[str]:
    """The Kính gửi lines as ND 30 ô 9a writes them: one recipient on the line itself;
    several each on their own line, "- …;" and the last ending "."."""
    names = [re.sub(r"^(kính gửi:?)\s*", "", n.strip(), flags=re.IGNORECASE).strip("-;. ")
             for n in (o.get("addressee") or "").replace(";", "\n").splitlines()]
    names = [n for n in names if n]
    if len(names) <= 1:
        return [f"Kính gửi: {names[0]}." if names else "Kính gửi: …"]
    return ["Kính gửi:"] + [f"- {n}{'.' if i == len(names) - 1 else ';'}" for i, n in enumerate(names)]


# What a signable paper needs, and where it is set (Cài đặt → Cơ quan, or ``bienche office``).
REQUIRED_FOR_PAPER = (("report_code", "Số (ký hiệu báo cáo)", "--report-code"),
                      ("signer_name", "người ký (họ tên)", "--signer-name"),
                      ("addressee", "Kính gửi", "--addressee"))


def missing_for_paper(o: Mapping[str, Any] | None) -> list[str]:
    """One Vietnamese warning per missing setting, naming it and where to set it."""
    o = o or {}
    out = []
    for key, label, option in REQUIRED_FOR_PAPER:
        if not (o.get(key) or "").strip():
            field = next(f for f in OFFICE.fields if f.name == key)
            out.append(f"Chưa khai báo {label}: mục «{field.label}» trong Cài đặt → Cơ quan "
                       f"(hoặc «bienche office {option} …»).")
    return out
