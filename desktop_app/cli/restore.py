"""bienche restore FILE [--password-file F]: replace the data file with a backup (the current
file is backed up first); an encrypted backup (.enc) asks for its password.

Runs without opening the data file through the usual path, because the
reason to restore is often that it can no longer be opened; it takes the
one-writer lock itself.
"""

from pathlib import Path

from db.lock import WriterLock
from desktop_app.cli import password
from desktop_app.services import backup
from desktop_app.services.restore import restore


def add(sub, common) -> None:
    p = sub.add_parser("restore", help="khôi phục tệp dữ liệu từ một bản sao lưu", add_help=False)
    common(p)
    p.add_argument("file", type=Path, metavar="TỆP", help="tệp sao lưu (.sqlite, hoặc .enc đã mã hóa)")
    password.add_arguments(p)
    p.set_defaults(handler=run, without_context=True)


def run(args, db_path) -> int:
    with WriterLock(db_path, "CLI"), password.plain_copy(args.file, args) as plain:
        safety = restore(db_path, plain)
    print(f"Đã khôi phục «{db_path}» từ «{args.file}».")
    if safety is not None:
        found = backup.parse_name(safety)
        print("Dữ liệu trước khi khôi phục được giữ tại: "
              f"{found.label if found else safety}")
    return 0
