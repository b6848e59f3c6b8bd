"""Who runs a ``bienche`` command (SPEC §7, §9): the CLI's side of services/gate.py.

``--user NAME`` signs in with the password from ``$BIENCHE_PASSWORD`` or a
hidden prompt (never from a pipe: a script must set the variable). Without
``--user`` the command acts as the OS user: where the office requires sign-in
it can then only read (the gate refuses every write); otherwise it writes as
Quản trị while the file has no Quản trị account to sign in with, and as
Chuyên viên once it has one — so adding users, turning sign-in on, restoring,
unlocking a year or renaming the office need ``--user`` of an administrator.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from desktop_app.context import Context
from desktop_app.errors import ValidationError
from desktop_app.services import gate, users

PASSWORD_ENV = "BIENCHE_PASSWORD"


def add_arguments(parser) -> None:
    parser.add_argument("--user", default=argparse.SUPPRESS, metavar="TÊN",
                        help=f"đăng nhập bằng tài khoản này (mật khẩu: biến ${PASSWORD_ENV} hoặc nhập "
                             "khi được hỏi)")


def sign_in(ctx: Context, name: str | None) -> None:
    """Make ``ctx`` act as the account ``name`` (password checked) or as the OS user."""
    if name:
        users.login(ctx, name, read_secret(PASSWORD_ENV, f"Mật khẩu của «{name}»: "))
        return
    ctx.user, ctx.signed_in = ctx.os_user or "quantri", False
    ctx.role = "chuyen_vien" if gate.active_admins(ctx) else "quan_tri"


def read_secret(variable: str, prompt: str) -> str:
    """From the environment variable, else a hidden prompt; refused when nobody can type it."""
    value = os.environ.get(variable)
    if value:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise ValidationError(f"Cần mật khẩu: đặt biến môi trường {variable} hoặc chạy lệnh trong cửa "
                              "sổ dòng lệnh để nhập mật khẩu (không đọc mật khẩu từ dữ liệu chuyển vào "
                              "qua đường ống).")
    return getpass.getpass(prompt)
