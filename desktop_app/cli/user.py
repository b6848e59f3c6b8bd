"""bienche user add NAME --role quan_tri|chuyen_vien|chi_xem [--full-name …] | user list |
user password NAME | user require-login on|off (SPEC §7, §9). The new account's password comes from
``$BIENCHE_NEW_PASSWORD`` or a hidden prompt typed twice. The first account of a
file needs no sign-in (nobody could sign in yet); later ones, and turning
sign-in on or off, need ``--user`` of a Quản trị — the services' gate decides."""

from __future__ import annotations

import getpass
import json
import os

from desktop_app.cli.signin import read_secret
from desktop_app.errors import ValidationError
from desktop_app.services import users

NEW_PASSWORD_ENV = "BIENCHE_NEW_PASSWORD"


def add(sub, common) -> None:
    p = sub.add_parser("user", help="người dùng: thêm, liệt kê, yêu cầu đăng nhập", add_help=False)
    common(p)
    actions = p.add_subparsers(dest="action", metavar="VIỆC", required=True)
    a = actions.add_parser("add", help="thêm tài khoản (mật khẩu: biến $BIENCHE_NEW_PASSWORD hoặc nhập)",
                           add_help=False)
    common(a)
    a.add_argument("name", metavar="TÊN", help="tên đăng nhập")
    a.add_argument("--role", required=True, choices=list(users.ROLES), help="vai trò")
    a.add_argument("--full-name", default="", help="họ và tên")
    a.set_defaults(handler=run_add)
    ls = actions.add_parser("list", help="liệt kê tài khoản", add_help=False)
    common(ls)
    ls.add_argument("--json", action="store_true", help="in dạng JSON")
    ls.set_defaults(handler=run_list)
    pw = actions.add_parser("password", help="đổi mật khẩu (của mình, hoặc của người khác nếu là Quản trị)",
                            add_help=False)
    common(pw)
    pw.add_argument("name", metavar="TÊN", help="tên đăng nhập")
    pw.set_defaults(handler=run_password)
    r = actions.add_parser("require-login", help="bật/tắt yêu cầu đăng nhập (Quản trị)", add_help=False)
    common(r)
    r.add_argument("state", choices=["on", "off"], metavar="on|off")
    r.set_defaults(handler=run_require_login)


def _new_password(name: str) -> str:
    secret = read_secret(NEW_PASSWORD_ENV, f"Mật khẩu mới cho tài khoản «{name}»: ")
    if not os.environ.get(NEW_PASSWORD_ENV) and getpass.getpass("Nhập lại mật khẩu: ") != secret:
        raise ValidationError("Hai lần nhập mật khẩu không giống nhau.")
    return secret


def run_add(args, ctx) -> int:
    users.create_user(ctx, args.name, _new_password(args.name), args.role, args.full_name)
    print(f"Đã thêm tài khoản «{args.name.strip()}» (vai trò {users.ROLES[args.role]}).")
    return 0


def run_list(args, ctx) -> int:
    rows = users.list_users(ctx)
    if args.json:
        print(json.dumps({"require_login": users.login_required(ctx), "users": rows}, ensure_ascii=False))
        return 0
    state = "bật" if users.login_required(ctx) else "tắt"
    print(f"Yêu cầu đăng nhập: {state}. {len(rows)} tài khoản.")
    for r in rows:
        status = "" if r["active"] else " — đã khóa"
        print(f"  {r['username']}\t{users.ROLES.get(r['role'], r['role'])}\t{r['full_name']}{status}")
    return 0


def run_password(args, ctx) -> int:
    users.change_password(ctx, args.name, _new_password(args.name))
    print(f"Đã đổi mật khẩu của tài khoản «{args.name}».")
    return 0


def run_require_login(args, ctx) -> int:
    users.set_login_required(ctx, args.state == "on")
    print("Đã bật yêu cầu đăng nhập." if args.state == "on" else "Đã tắt yêu cầu đăng nhập.")
    return 0
