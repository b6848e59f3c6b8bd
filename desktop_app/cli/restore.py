"""bienche restore FILE --reason "…" [--replace-access] [--password-file F]: replace the data
file with a backup (Quản trị only; the current file is backed up first); an encrypted
backup (.enc) asks for its password.

The current file's users, "login required" and period locks are kept unless
``--replace-access`` takes the backup's; its audit log is kept and the restore
recorded on top (services/restore_keep.py). The current file is opened as
every command opens it, so the gate judges ``--user``; when it is too damaged
to open, nothing of it can be kept and the sign-in is judged against the
backup that is about to replace it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from desktop_app.cli import password, signin
from desktop_app.context import open_context
from desktop_app.errors import DatabaseError
from desktop_app.services import backup, gate
from desktop_app.services.restore import require_reason, restore_damaged, restore_open


def add(sub, common) -> None:
    p = sub.add_parser("restore", help="khôi phục tệp dữ liệu từ một bản sao lưu (Quản trị)",
                       add_help=False)
    common(p)
    p.add_argument("file", type=Path, metavar="TỆP", help="tệp sao lưu (.sqlite, hoặc .enc đã mã hóa)")
    p.add_argument("--reason", default="", metavar="LÝ_DO",
                   help="lý do khôi phục (bắt buộc, ghi vào nhật ký)")
    p.add_argument("--replace-access", action="store_true",
                   help="lấy cả người dùng, yêu cầu đăng nhập và các năm đã chốt từ bản sao lưu "
                        "(mặc định: giữ của tệp hiện tại)")
    password.add_arguments(p)
    p.set_defaults(handler=run, without_context=True)


def run(args, db_path) -> int:
    with password.plain_copy(args.file, args) as plain:
        try:
            ctx = open_context(db_path, lock=True, check=True) if Path(db_path).exists() else None
        except DatabaseError as exc:
            if exc.kind not in ("corrupt", "notadb"):
                raise
            ctx = None
        if ctx is None:  # no current file, or one too damaged to open: nothing of it to keep
            safety = _restore_damaged(args, db_path, plain)
        else:
            try:
                signin.sign_in(ctx, getattr(args, "user", None))
                safety = restore_open(ctx, plain, args.reason, keep_access=not args.replace_access)
            finally:
                ctx.close()
    print(f"Đã khôi phục «{db_path}» từ «{args.file}».")
    if safety is not None:
        found = backup.parse_name(safety)
        print("Dữ liệu trước khi khôi phục được giữ tại: "
              f"{found.label if found else safety}")
    return 0


def _restore_damaged(args, db_path: Path, plain: Path) -> Path | None:
    """The current file cannot say who may restore: ask the backup (a copy of it, untouched)."""
    with tempfile.TemporaryDirectory(prefix=".bienche-") as folder:
        copy = Path(shutil.copy2(plain, Path(folder) / "ban_sao.sqlite"))
        judge = open_context(copy)
        try:
            signin.sign_in(judge, getattr(args, "user", None))
            gate.authorise(judge, gate.ADMIN)
            who = judge.identity()
        finally:
            judge.close()
    return restore_damaged(db_path, plain, "CLI", require_reason(args.reason), who)
