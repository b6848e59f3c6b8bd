"""bienche backup [--to DIR]: a backup now, in the backups folder or in DIR."""

from desktop_app.services import backup


def add(sub, common) -> None:
    p = sub.add_parser("backup", help="sao lưu tệp dữ liệu ngay (API sao lưu trực tuyến của SQLite)",
                       add_help=False)
    common(p)
    p.add_argument("--to", metavar="THƯ_MỤC",
                   help="thư mục đích (mặc định: thư mục «backups» bên cạnh tệp dữ liệu)")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    path = backup.backup_now(ctx, "thucong", dest_dir=args.to)
    print(f"Đã sao lưu vào: {path}")
    return 0
