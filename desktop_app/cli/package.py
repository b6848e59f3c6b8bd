"""bienche package export|import|verify|catalogue-export|catalogue-import (SPEC §8, §9)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from desktop_app import vntext
from desktop_app.cli.export import parse_as_of
from desktop_app.packages import catalogue_package, consolidate, fmt
from desktop_app.packages.export import export_package


def add(sub, common) -> None:
    p = sub.add_parser("package", help="gói dữ liệu: xuất, nhập tổng hợp, kiểm tra, danh mục",
                       add_help=False)
    common(p)
    actions = p.add_subparsers(dest="action", metavar="VIỆC", required=True)
    e = actions.add_parser("export", help="xuất gói dữ liệu của cơ quan ra tệp .zip", add_help=False)
    common(e)
    e.add_argument("--out", required=True, type=Path, help="tệp gói .zip")
    e.add_argument("--as-of", default=None, help="ngày số liệu dd/mm/yyyy (mặc định hôm nay)")
    e.set_defaults(handler=run_export)
    i = actions.add_parser("import", help="nhập tổng hợp một hay nhiều gói của cơ quan cấp dưới",
                           add_help=False)
    common(i)
    i.add_argument("files", nargs="+", type=Path, metavar="GÓI.zip")
    i.set_defaults(handler=run_import)
    v = actions.add_parser("verify", help="kiểm tra một gói: mã băm, cơ quan, ngày, số dòng, dấu vân tay",
                           add_help=False)
    common(v)
    v.add_argument("file", type=Path, metavar="GÓI.zip")
    v.add_argument("--fingerprint", default=None, help="dấu vân tay in trên bản giấy để đối chiếu")
    v.set_defaults(handler=run_verify, without_context=True)
    ce = actions.add_parser("catalogue-export", help="xuất gói danh mục và chỉ tiêu cho cấp dưới",
                            add_help=False)
    common(ce)
    ce.add_argument("--out", required=True, type=Path, help="tệp gói danh mục .zip")
    ce.set_defaults(handler=run_catalogue_export)
    ci = actions.add_parser("catalogue-import", help="nhập gói danh mục và chỉ tiêu của cấp trên",
                            add_help=False)
    common(ci)
    ci.add_argument("file", type=Path, metavar="GÓI.zip")
    ci.set_defaults(handler=run_catalogue_import)


def run_export(args, ctx) -> int:
    manifest = export_package(ctx, args.out, parse_as_of(args.as_of, ctx.today))
    rows = sum(n for t, n in manifest["row_counts"].items() if t != "office")
    print(f"Đã xuất gói «{args.out}»: {manifest['office']['name']}, số liệu ngày "
          f"{_date(manifest['as_of'])}, {vntext.format_number(rows)} dòng, "
          f"dấu vân tay {manifest['fingerprint']}.")
    return 0


def run_import(args, ctx) -> int:
    outcome = consolidate.import_packages(ctx, args.files)
    print("Tệp | Cơ quan | Ngày số liệu | Số dòng | Kết quả")
    for s in outcome.summaries:
        rows = vntext.format_number(s.rows)
        print(f"{s.file} | {s.office or '—'} | {_date(s.as_of)} | {rows} | {s.status}")
        for line in ([s.reason] if s.reason else []) + s.catalogue_notes:
            print(f"    {line}")
    if outcome.duplicate_cccd:
        print("Cùng số CCCD ở nhiều cơ quan (cần kiểm tra người hưởng lương trùng):")
        for r in outcome.duplicate_cccd:
            print(f"    {r['cccd']}: {r['full_name']} — {r['unit_name'] or '—'}, {r['office_name']}")
    failed = [s for s in outcome.summaries if s.status == consolidate.LOI]
    for s in failed:
        print(f"Lỗi: gói «{s.file}» không được nhập: {s.reason}", file=sys.stderr)
    return 1 if failed else 0


def run_verify(args, _db_path) -> int:
    verified = fmt.verify(args.file)
    m = verified.manifest
    print(f"Gói «{args.file.name}»: mã băm của mọi tệp đều khớp.")
    print(f"Cơ quan: {m['office'].get('name')} (mã {m['office'].get('uid')})")
    print(f"Ngày số liệu: {_date(m['as_of'])}; tạo lúc {m.get('created_at')}; "
          f"phiên bản {m.get('app_version')}")
    for table, n in verified.rows.items():
        print(f"    {table}: {vntext.format_number(n)} dòng")
    print(f"Dấu vân tay dữ liệu: {verified.fingerprint}")
    if args.fingerprint is None:
        return 0
    if fmt.fingerprint_matches(verified, args.fingerprint):
        print(f"KHỚP: bản giấy mang dấu vân tay {args.fingerprint} được lập từ đúng dữ liệu trong gói này.")
        return 0
    print(f"KHÔNG KHỚP: bản giấy mang dấu vân tay {args.fingerprint}, gói có {verified.fingerprint}. "
          "Bản giấy và gói không cùng một dữ liệu.")
    return 1


def run_catalogue_export(args, ctx) -> int:
    manifest = catalogue_package.export_catalogues(ctx, args.out)
    print(f"Đã xuất gói danh mục «{args.out}»: {len(manifest['catalogue_versions'])} danh mục.")
    return 0


def run_catalogue_import(args, ctx) -> int:
    done = catalogue_package.import_catalogues(ctx, args.file)
    print(f"Đã nhập gói danh mục: cập nhật {len(done['catalogues'])} danh mục "
          f"({', '.join(done['catalogues']) or 'không có thay đổi'}), {len(done['targets'])} chỉ tiêu.")
    return 0


def _date(iso: str) -> str:
    try:
        return vntext.format_date(dt.date.fromisoformat(iso).isoformat())
    except (TypeError, ValueError):
        return iso or "—"
