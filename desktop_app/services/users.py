"""Users, roles and sign-in (SPEC §7): Quản trị, Chuyên viên, Chỉ xem.

Passwords are hashed with scrypt (memory-hard, in the standard library) and a
per-user salt; the stored text carries its parameters so they can be raised
later. Five wrong passwords in a row lock the account for 15 minutes. A
signed-in user is carried by the Context (``ctx.user``, ``ctx.role``); the
default context is the built-in administrator so scripts and tests run as
before. Passwords and hashes never reach the audit log.
"""

from __future__ import annotations

import datetime as dt

from db import repo
from desktop_app import settings
from desktop_app.context import Context
from desktop_app.errors import ValidationError
from desktop_app.services import audit, gate

ROLES = gate.ROLES
WRITER_ROLES = ("quan_tri", "chuyen_vien")
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
_N, _R, _P = 2**14, 8, 1
MIN_PASSWORD = 8
LOGIN_KEY = gate.LOGIN_KEY


def hash_password(password: str, salt: bytes | None = None) -> str:
    import hashlib  # with secrets: ≈ 5 ms of OpenSSL loading, only when a password is set or checked
    import secrets

    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        import hashlib
        import hmac

        got = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r),
                             p=int(p), dklen=len(digest) // 2)
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


def require_admin(ctx: Context) -> None:
    """The gate's ADMIN check (kept for callers written before services/gate.py)."""
    gate.authorise(ctx, gate.ADMIN)


def require_writer(ctx: Context) -> None:
    """The gate's WRITE check (kept for callers written before services/gate.py)."""
    gate.authorise(ctx, gate.WRITE)


@gate.requires(gate.ADMIN)
def create_user(ctx: Context, username: str, password: str, role: str, full_name: str = "") -> int:
    """An administrator adds a user; returns the new id. The first account of a file is
    added by whoever opened it (nobody can sign in yet: the gate lets the built-in
    administrator or the CLI's OS user through)."""
    username = (username or "").strip()
    problems = _user_problems(ctx, username, password, role)
    if problems:
        raise ValidationError(problems)
    values = {"username": username, "full_name": full_name.strip(), "role": role,
              "password_hash": hash_password(password), "created_at": _now().isoformat(" ", "seconds")}
    with ctx.db.atomic():
        user_id = repo.insert(ctx.db, "app_user", values)
        audit.record(ctx, "them", "app_user", user_id, {},
                     {k: values[k] for k in ("username", "full_name", "role")})
    return user_id


def _user_problems(ctx: Context, username: str, password: str, role: str) -> list[str]:
    problems = []
    if not username:
        problems.append("Cần nhập tên đăng nhập.")
    elif ctx.db.execute("SELECT 1 FROM app_user WHERE username = ?", [username]).fetchone():
        problems.append(f"Tên đăng nhập «{username}» đã có.")
    if role not in ROLES:
        problems.append(f"Vai trò «{role}» không hợp lệ; chọn: {', '.join(ROLES.values())}.")
    if len(password or "") < MIN_PASSWORD:
        problems.append(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.")
    return problems


def login(ctx: Context, username: str, password: str, now: dt.datetime | None = None) -> dict:
    """Check the password; on success ``ctx`` acts as this user. Counts failures, locks after 5."""
    now = now or _now()
    found = repo.query(ctx.db, "SELECT * FROM app_user WHERE username = ? AND active = 1",
                       [(username or "").strip()])
    if not found:
        raise ValidationError("Sai tên đăng nhập hoặc mật khẩu.")
    user = found[0]
    if user["locked_until"] and dt.datetime.fromisoformat(user["locked_until"]) > now:
        until = dt.datetime.fromisoformat(user["locked_until"])
        raise ValidationError(f"Tài khoản «{user['username']}» đang bị khóa đến {until:%H:%M} ngày "
                              f"{until:%d/%m/%Y} vì nhập sai mật khẩu {MAX_FAILURES} lần "
                              f"(còn {minutes_left(until, now)} phút).")
    if not verify_password(password or "", user["password_hash"]):
        _failed(ctx, user, now)
    if user["failed_count"] or user["locked_until"]:  # a read-only command signs in without writing
        with ctx.db.atomic():
            repo.update(ctx.db, "app_user", user["id"], {"failed_count": 0, "locked_until": None})
    ctx.user, ctx.role, ctx.signed_in = user["username"], user["role"], True
    return {k: v for k, v in user.items() if k != "password_hash"}


def _failed(ctx: Context, user: dict, now: dt.datetime) -> None:
    count = user["failed_count"] + 1
    until = now + LOCKOUT if count >= MAX_FAILURES else None
    with ctx.db.atomic():
        repo.update(ctx.db, "app_user", user["id"], {
            "failed_count": 0 if until else count,
            "locked_until": until.isoformat(" ", "seconds") if until else None})
    if until:
        raise ValidationError(f"Sai mật khẩu {MAX_FAILURES} lần: tài khoản «{user['username']}» bị khóa "
                              f"đến {until:%H:%M} ngày {until:%d/%m/%Y} "
                              f"(còn {minutes_left(until, now)} phút).")
    left = MAX_FAILURES - count
    raise ValidationError(f"Sai tên đăng nhập hoặc mật khẩu (còn {left} lần thử trước khi bị khóa).")


def change_password(ctx: Context, username: str, new_password: str) -> None:
    """Users change their own password; an administrator may reset anyone's (and unlock it)."""
    own = ctx.signed_in and ctx.user.casefold() == (username or "").casefold()
    gate.authorise(ctx, gate.READ if own else gate.ADMIN)  # Chỉ xem may change its own password
    if len(new_password or "") < MIN_PASSWORD:
        raise ValidationError(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.")
    row = ctx.db.execute("SELECT id FROM app_user WHERE username = ?", [username]).fetchone()
    if row is None:
        raise ValidationError(f"Không có tài khoản «{username}».")
    with ctx.db.atomic():
        repo.update(ctx.db, "app_user", row[0], {"password_hash": hash_password(new_password),
                                                 "failed_count": 0, "locked_until": None})
        audit.record(ctx, "doi_mat_khau", "app_user", row[0], {}, {})


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def minutes_left(until: dt.datetime, now: dt.datetime) -> int:
    """Whole minutes (rounded up) until a lockout ends, for the message."""
    return max(1, -(-int((until - now).total_seconds()) // 60))


def list_users(ctx: Context) -> list[dict]:
    """Everyone, active first, without the password hashes."""
    return repo.query(ctx.db, "SELECT id, username, full_name, role, active, failed_count, locked_until, "
                      "created_at FROM app_user ORDER BY active DESC, username")


def set_active(ctx: Context, username: str, active: bool) -> None:
    """An administrator deactivates (or reactivates) an account; history keeps its name."""
    gate.authorise(ctx, gate.ADMIN)
    found = repo.query(ctx.db, "SELECT * FROM app_user WHERE username = ?", [username])
    if not found:
        raise ValidationError(f"Không có tài khoản «{username}».")
    user = found[0]
    if not active and user["role"] == "quan_tri" and _active_admins(ctx) <= 1 and user["active"]:
        raise ValidationError("Không khóa được tài khoản Quản trị cuối cùng: cần ít nhất một người "
                              "quản trị để mở khóa số liệu và quản lý người dùng.")
    with ctx.db.atomic():
        repo.update(ctx.db, "app_user", user["id"], {"active": int(active)})
        audit.record(ctx, "sua", "app_user", user["id"], {"active": user["active"]},
                     {"active": int(active)})


def login_required(ctx: Context) -> bool:
    """The office asked for sign-in and someone can sign in as Quản trị."""
    return gate.login_required(ctx)


def set_login_required(ctx: Context, required: bool) -> None:
    """An administrator's decision (a one-person office may leave it off); logged."""
    gate.authorise(ctx, gate.ADMIN)
    if required and _active_admins(ctx) == 0:
        raise ValidationError("Cần tạo một tài khoản Quản trị trước khi yêu cầu đăng nhập.")
    old = bool(settings.get(ctx, LOGIN_KEY, False))
    with ctx.db.atomic():
        settings.put(ctx, LOGIN_KEY, bool(required))
        audit.record(ctx, "sua", "setting", None, {LOGIN_KEY: old}, {LOGIN_KEY: bool(required)})
    if required:  # the administrator who turned sign-in on keeps working in this session
        ctx.signed_in = True


def _active_admins(ctx: Context) -> int:
    return gate.active_admins(ctx)
