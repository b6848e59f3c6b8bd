"""bienche backup [--to DIR] [--encrypt [--password-file F]]: a backup now, in the
backups folder or in DIR; encrypted, only the .enc copy is left (no plain file)."""

import tempfile
from pathlib import Path

from desktop_app import encryption
from desktop_app.cli import password
from desktop_app.services import backup


def add(sub, common) -> None:
    p = sub.add_parser("backup", help="sao lưu tệp dữ liệu ngay (API sao lưu trực tuyến của SQLite)",
                       add_help=False)
    common(p)
    p.add_argument("--to", metavar="THƯ_MỤC",
                   help="thư mục đích (mặc định: thư mục «backups» bên cạnh tệp dữ liệu)")
    password.add_arguments(p, encrypt=True)
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    if not args.encrypt:
        path = backup.backup_now(ctx, "thucong", dest_dir=args.to)
        print(f"Đã sao lưu vào: {path}")
        return 0
    secret = password.read_password(args, confirm=True)
    dest = Path(args.to) if args.to else backup.backups_dir(ctx.path)
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".bienche-", dir=dest) as folder:
        plain = backup.backup_now(ctx, "thucong", dest_dir=folder)
        path = encryption.encrypt_file(plain, dest / (plain.name + encryption.SUFFIX), secret)
    print(f"Đã sao lưu (mã hóa) vào: {path}")
    return 0
