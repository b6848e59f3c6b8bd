"""The one authorisation gate (STYLE §18, SPEC §7): every write of the services passes here.

A service entry point declares the permission it needs — ``@requires(WRITE)``
on the function, or ``authorise(ctx, WRITE, entity, *rows)`` where the rows
decide (a locked year). The gate checks, in this order, before anything is
written:

0. the file: a context opened read-only (``ctx.readonly``: the file or its folder only
   allows reading — the GUI's «chế độ chỉ xem», a CLI reading beside the GUI) changes
   nothing, whoever signs in;
1. sign-in: when the office requires it (``dang_nhap.bat_buoc`` and an active
   Quản trị exists), a context whose user has not proved a password
   (``ctx.signed_in``) may not change anything — GUI login or CLI ``--user``;
2. the role of ``ctx.role`` grants the permission (Chỉ xem only reads);
3. for yearly rows (quota, finance, evaluation) no year they touch is locked.

The audit then names ``ctx.user`` and ``ctx.os_user``. The GUI, the CLI, the
importers and the package readers all call services that call this module, so
there is no path around it. Other modules call ``authorise`` — never their own
role test. It reads the database directly (no import of ``users`` or
``settings``, which both call it).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from desktop_app.context import Context
from desktop_app.errors import PermissionDenied, ValidationError

READ, WRITE, ADMIN = "xem", "ghi", "quan_tri"
ROLES = {"quan_tri": "Quản trị", "chuyen_vien": "Chuyên viên", "chi_xem": "Chỉ xem"}
GRANTS = {"quan_tri": frozenset({READ, WRITE, ADMIN}), "chuyen_vien": frozenset({READ, WRITE}),
          "chi_xem": frozenset({READ})}
LOGIN_KEY = "dang_nhap.bat_buoc"  # Cài đặt → Người dùng → "Yêu cầu đăng nhập"
YEARLY = ("quota", "finance", "evaluation")  # rows that belong to one year and freeze with it
SIGN_IN_HINT = ("Trên dòng lệnh, thêm --user TÊN_ĐĂNG_NHẬP (mật khẩu lấy từ biến môi trường "
                "BIENCHE_PASSWORD hoặc nhập khi được hỏi).")

F = TypeVar("F", bound=Callable[..., Any])


def authorise(ctx: Context, permission: str, entity: str | None = None,
              *rows: Mapping[str, Any]) -> None:
    """Refuse (PermissionDenied / ValidationError) unless ``ctx`` may do ``permission``
    — and, for ``entity``'s ``rows`` (old and/or new values), touch their years."""
    if permission != READ:
        refuse_if_read_only(ctx)
        check_signed_in(ctx)
    if permission not in GRANTS.get(ctx.role, frozenset()):
        raise PermissionDenied(_denied(ctx, permission))
    if entity is not None:
        check_years(ctx, entity, *rows)


def requires(permission: str) -> Callable[[F], F]:
    """Declare a service entry point's permission: ``@requires(WRITE) def f(ctx, …)``."""
    def wrap(function: F) -> F:
        @functools.wraps(function)
        def gated(ctx: Context, *args: Any, **kwargs: Any) -> Any:
            authorise(ctx, permission)
            return function(ctx, *args, **kwargs)
        gated.permission = permission  # type: ignore[attr-defined]
        return gated  # type: ignore[return-value]
    return wrap


def refuse_if_read_only(ctx: Context) -> None:
    if ctx.readonly:
        raise PermissionDenied(read_only_message(ctx))


def read_only_message(ctx: Context) -> str:
    name = f"«{ctx.path.name}» " if ctx.path is not None else ""
    return (f"Tệp dữ liệu {name}được mở chỉ để xem vì tệp hoặc thư mục chứa nó chỉ cho phép đọc: "
            "không lưu được gì vào đó. Muốn sửa, hãy chép tệp sang thư mục khác rồi mở tệp đó.")


def login_required(ctx: Context) -> bool:
    """The office asked for sign-in and someone can sign in as Quản trị."""
    row = ctx.db.execute("SELECT value FROM setting WHERE key = ?", [LOGIN_KEY]).fetchone()
    return bool(row and json.loads(row[0])) and active_admins(ctx) > 0


def active_admins(ctx: Context) -> int:
    return ctx.db.execute("SELECT count(*) FROM app_user WHERE role = 'quan_tri' AND active = 1"
                          ).fetchone()[0]


def check_signed_in(ctx: Context) -> None:
    if not ctx.signed_in and login_required(ctx):
        raise PermissionDenied("Tệp dữ liệu này yêu cầu đăng nhập: chưa đăng nhập thì không thay "
                               "đổi được dữ liệu. " + SIGN_IN_HINT)


def check_years(ctx: Context, entity: str, *rows: Mapping[str, Any]) -> None:
    """Only the locked-year part of the gate (an import's dry run by a read-only
    account still learns that a year is locked). Both old and new years count,
    so a row can be neither moved into nor out of a locked year."""
    if entity not in YEARLY:
        return
    for year in sorted({int(r["year"]) for r in rows if r.get("year") is not None}):
        found = ctx.db.execute("SELECT locked_at, locked_by FROM period_lock WHERE year = ? "
                               "AND unlocked_at IS NULL", [year]).fetchone()
        if found:
            when = dt.datetime.fromisoformat(found[0])
            raise ValidationError(
                f"Số liệu năm {year} đã được chốt ngày {when:%d/%m/%Y} (người chốt: {found[1]}); "
                "không sửa được. Muốn sửa, tài khoản Quản trị phải mở khóa và ghi lý do.")


def _denied(ctx: Context, permission: str) -> str:
    role = ROLES.get(ctx.role, ctx.role)
    if permission == ADMIN:
        text = (f"Chỉ tài khoản Quản trị được làm việc này (bạn đang dùng tài khoản «{ctx.user}», "
                f"vai trò {role}).")
        return text if ctx.signed_in else f"{text} {SIGN_IN_HINT}"
    return f"Tài khoản «{ctx.user}» có vai trò {role}: chỉ được xem, không được thay đổi dữ liệu."
