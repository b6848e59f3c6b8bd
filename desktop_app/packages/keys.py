"""Signing keys of packages (issue #15): this office's own Ed25519 key and the
keys it has pinned for the offices it hears from (db/migrations/m0006).

A key is pinned only when a person confirmed its fingerprint against the
sender's signed paper (``trust``: fingerprints typed by the clerk); later
packages must carry the pinned key; replacing a pin needs an admin and a
reason, and the change is in the audit log.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from db import queries_packages as q
from db import repo
from desktop_app import signing
from desktop_app.context import Context
from desktop_app.errors import ValidationError
from desktop_app.services import users

SENDER, ABOVE = "cap_duoi", "cap_tren"  # offices below us (data packages), the level above (catalogues)


class TrustError(ValidationError):
    """A package whose signing key this file does not (or no longer) trust."""


def own_private(ctx: Context) -> bytes:
    q.ensure_office_key(ctx.db)
    key = q.office_private_key(ctx.db)
    if key is None:
        raise ValidationError("Tệp dữ liệu chưa có khóa ký (mở tệp bằng phiên bản này để nâng cấp).")
    return key


def own_public(ctx: Context) -> bytes | None:
    key = q.office_private_key(ctx.db)
    return signing.public_key(key) if key else None


def own_fingerprint(ctx: Context) -> str:
    """The short code printed on reports and shown by ``info`` ("" before the key exists)."""
    public = own_public(ctx)
    return signing.fingerprint(public) if public else ""


def clean(code: str) -> str:
    """A fingerprint as typed (any case, spaces, dashes) reduced to its letters and digits."""
    return "".join(ch for ch in str(code).upper() if ch.isalnum())


def pinned(ctx: Context, uid: str, role: str) -> dict | None:
    rows = repo.query(ctx.db, "SELECT * FROM trusted_key WHERE office_uid = ? AND role = ?", [uid, role])
    return rows[0] if rows else None


def pinned_above(ctx: Context) -> dict | None:
    rows = repo.query(ctx.db, "SELECT * FROM trusted_key WHERE role = ?", [ABOVE])
    return rows[0] if rows else None


def check(ctx: Context, uid: str, name: str, public: bytes, role: str, trust: Iterable[str] = (),
          reason: str = "") -> str:
    """Accept ``public`` for office ``uid`` or raise TrustError. Returns "" when it is the pinned key,
    "ghim" when it is pinned now (the clerk confirmed it), "doi" when it replaced a pin."""
    fp = signing.fingerprint(public)
    held = pinned_above(ctx) if role == ABOVE else pinned(ctx, uid, role)
    if held is not None and bytes(held["public_key"]) == public and held["office_uid"] == uid:
        return ""
    confirmed = clean(fp) in {clean(t) for t in trust}
    if held is None:
        if not confirmed:
            raise TrustError(f"Chưa tin cậy khóa ký của «{name}» (dấu vân tay khóa {fp}). Hãy đối chiếu "
                             "dấu vân tay này với bản giấy có chữ ký, đóng dấu của cơ quan đó rồi xác nhận "
                             f"(dòng lệnh: --trust {fp}).")
        return "ghim"
    if not confirmed or not reason.strip() or ctx.role != "quan_tri":
        raise TrustError(f"Gói của «{name}» được ký bằng khóa khác với khóa đã tin cậy (đã ghim "
                         f"{held['fingerprint']}, gói mang {fp}). Gói bị từ chối. Nếu cơ quan đó thật sự "
                         "đã đổi khóa, tài khoản Quản trị phải xác nhận dấu vân tay mới và ghi lý do "
                         f"(dòng lệnh: --trust {fp} --reason \"…\").")
    return "doi"


def pin(ctx: Context, uid: str, name: str, public: bytes, role: str, reason: str = "") -> None:
    """Store the confirmed key (inside the caller's transaction) and audit the pin or the change."""
    old = pinned_above(ctx) if role == ABOVE else pinned(ctx, uid, role)
    if old is not None:
        users.require_admin(ctx)
        ctx.db.execute("DELETE FROM trusted_key WHERE office_uid = ? AND role = ?", [old["office_uid"], role])
    values = {"office_uid": uid, "role": role, "name": name, "public_key": public,
              "fingerprint": signing.fingerprint(public), "pinned_at": _now(), "pinned_by": ctx.user,
              "reason": reason.strip() or None}
    repo.insert(ctx.db, "trusted_key", values)
    summary = {"co_quan": uid, "ten": name, "vai_tro": role, "khoa_moi": values["fingerprint"],
               "khoa_cu": old["fingerprint"] if old else None, "ly_do": values["reason"]}
    audit_summary(ctx, "doi_khoa_tin_cay" if old else "ghim_khoa_tin_cay", "trusted_key", summary)


def audit_summary(ctx: Context, action: str, entity: str, summary: dict) -> None:
    """One audit row for a whole operation (package import, catalogue import, key pin)."""
    ctx.db.execute("INSERT INTO audit (at, app_user, os_user, action, entity, entity_id, field, old, new) "
                   "VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, ?)",
                   [_now(), ctx.user, ctx.os_user, action, entity,
                    json.dumps(summary, ensure_ascii=False, default=str)])


def _now() -> str:
    return dt.datetime.now().isoformat(" ", "seconds")
