"""bienche check [--json]: integrity and rule findings; exit 1 on integrity failure."""

import json

from desktop_app.services.check import check

SEVERITY = {"loi": "LỖI", "canh_bao": "CẢNH BÁO", "thong_tin": "THÔNG TIN"}


def add(sub, common) -> None:
    p = sub.add_parser("check", help="kiểm tra toàn vẹn dữ liệu và các quy định", add_help=False)
    common(p)
    p.add_argument("--json", action="store_true", help="in dạng JSON")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    result = check(ctx)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        ok = result["integrity"] == "ok"
        print("Toàn vẹn dữ liệu: " + ("tốt" if ok else f"LỖI — {result['integrity']}"))
        for f in result["findings"]:
            print(f"[{SEVERITY.get(f['severity'], f['severity'])}] {f['rule']}: {f['message']}")
        print(f"Tổng số phát hiện: {len(result['findings'])}")
    return 0 if result["integrity"] == "ok" else 1
