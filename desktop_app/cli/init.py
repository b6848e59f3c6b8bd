"""bienche init --office NAME --level xa|huyen|so|tinh [--parent NAME] [--province NAME]"""

from desktop_app.services import office


def add(sub, common) -> None:
    p = sub.add_parser("init", help="khai báo cơ quan quản lý (tạo tệp dữ liệu nếu chưa có)",
                       add_help=False)
    common(p)
    p.add_argument("--office", required=True, help="tên cơ quan")
    p.add_argument("--level", required=True, choices=["xa", "huyen", "so", "tinh"], help="cấp")
    p.add_argument("--parent", help="cơ quan chủ quản")
    p.add_argument("--province", help="tỉnh, thành phố")
    p.add_argument("--place", help="địa danh ghi ngày tháng trên văn bản")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    row = office.save(ctx, {"name": args.office, "level": args.level, "parent": args.parent,
                            "province": args.province, "place": args.place})
    print(f"Đã khai báo cơ quan: {row['name']} (tệp {ctx.path})")
    return 0
