"""bienche info [--json]: office, schema version and counts."""

import json

from desktop_app.services.info import info


def add(sub, common) -> None:
    p = sub.add_parser("info", help="thông tin cơ quan, phiên bản lược đồ và số lượng", add_help=False)
    common(p)
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    data = info(ctx)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, sort_keys=True))
        return 0
    office, counts = data["office"], data["counts"]
    print(f"Cơ quan: {office.get('name') or '(chưa khai báo)'}")
    print(f"Khóa ký gói dữ liệu (dấu vân tay): {office.get('key') or '(chưa có)'}")
    print(f"Phiên bản lược đồ: {data['schema_version']}")
    print(f"Đơn vị: {counts['units_active']} đang hoạt động / {counts['units_total']} tổng số")
    print(f"Vị trí việc làm: {counts['positions']}")
    print(f"Nhân sự: {counts['staff_active']} đang làm việc / {counts['staff_total']} hồ sơ")
    print(f"Sự kiện sắp xếp: {counts['events']}")
    years = counts["quota_years"]
    print(f"Năm có số giao: {', '.join(map(str, years)) if years else '(chưa có)'}")
    return 0
