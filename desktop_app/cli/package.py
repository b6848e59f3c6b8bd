"""bienche package export|import|verify|catalogue-export|catalogue-import (SPEC §8, §9)."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import tempfile
from pathlib import Path

from desktop_app import encryption, vntext
from desktop_app.cli import password
from desktop_app.cli.export import parse_as_of
from desktop_app.packages import catalogue_package, consolidate, keys
from desktop_app.packages.export import export_package
from desktop_app.packages.verify import verify_package


def add(sub, common) -> None:
    p = sub.add_parser("package", help="gói dữ liệu: xuất, nhập tổng hợp, kiểm tra, danh mục",
                       add_help=False)
    common(p)
    actions = p.add_subparsers(dest="action", metavar="VIỆC", required=True)
    e = actions.add_parser("export", help="xuất gói dữ liệu của cơ quan ra tệp .zip", add_help=False)
    common(e)
    e.add_argument("--out", required=True, type=Path, help="tệp gói .zip")
    e.add_argument("--as-of", default=None, help="ngày số liệu dd/mm/yyyy (mặc định hôm nay)")
    password.add_arguments(e, encrypt=True)
    e.set_defaults(handler=run_export)
    i = actions.add_parser("import", help="nhập tổng hợp một hay nhiều gói của cơ quan cấp dưới",
                           add_help=False)
    common(i)
    i.add_argument("files", nargs="+", type=Path, metavar="GÓI.zip")
    _trust_arguments(i)
    password.add_arguments(i)
    i.set_defaults(handler=run_import)
    v = actions.add_parser("verify", help="kiểm tra một gói: mã băm, cơ quan, ngày, số dòng, dấu vân tay",
                           add_help=False)
    common(v)
    v.add_argument("file", type=Path, metavar="GÓI.zip")
    v.add_argument("--fingerprint", default=None, help="dấu vân tay in trên bản giấy để đối chiếu")
    password.add_arguments(v)
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
    _trust_arguments(ci)
    ci.set_defaults(handler=run_catalogue_import)


def _trust_arguments(p) -> None:
    p.add_argument("--trust", action="append", default=[], metavar="DẤU_VÂN_TAY",
                   help="dấu vân tay khóa ký đã đối chiếu với bản giấy của cơ quan gửi (gói đầu tiên; "
                        "lặp lại cho nhiều cơ quan)")
    p.add_argument("--reason", default="", help="lý do đổi khóa đã tin cậy (chỉ Quản trị)")


def run_export(args, ctx) -> int:
    as_of = parse_as_of(args.as_of, ctx.today)
    if args.encrypt:
        secret = password.read_password(args, confirm=True)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".bienche-", dir=args.out.resolve().parent) as folder:
            manifest = export_package(ctx, Path(folder) / "goi.zip", as_of)
            encryption.encrypt_file(Path(folder) / "goi.zip", args.out, secret)
    else:
        manifest = export_package(ctx, args.out, as_of)
    rows = sum(n for t, n in manifest["row_counts"].items() if t != "office")
    print(f"Đã xuất gói «{args.out}»: {manifest['office']['name']}, số liệu ngày "
          f"{_date(manifest['as_of'])}, {vntext.format_number(rows)} dòng, "
          f"dấu vân tay {manifest['fingerprint']}, khóa ký {manifest['key_fingerprint']}.")
    return 0


def run_import(args, ctx) -> int:
    with contextlib.ExitStack() as stack:
        plain = [stack.enter_context(_plain(path, args)) for path in args.files]
        outcome = consolidate.import_packages(ctx, plain, trust=args.trust, reason=args.reason)
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
    for s in outcome.summaries:
        if s.key_fingerprint and s.status != consolidate.LOI:
            print(f"    {s.file}: khóa ký {s.key_fingerprint}")
    for s in failed:
        print(f"Lỗi: gói «{s.file}» không được nhập: {s.reason}", file=sys.stderr)
    return 1 if failed else 0


def run_verify(args, _db_path) -> int:
    with password.plain_copy(args.file, args) as plain:
        report = verify_package(plain)
    m = report.manifest
    office: dict = m["office"] if isinstance(m.get("office"), dict) else {}
    if report.signature_ok:
        print(f"Gói «{args.file.name}»: chữ ký hợp lệ, mã băm của mọi tệp đều khớp "
              f"(khóa ký {report.key_fingerprint}).")
        print(f"Cơ quan: {office.get('name')} (mã {office.get('uid')})")
        print(f"Ngày số liệu: {_date(m.get('as_of', ''))}; tạo lúc {m.get('created_at')}; "
              f"phiên bản {m.get('app_version')}")
    else:
        print(f"CHỮ KÝ KHÔNG HỢP LỆ: {report.signature_problem}")
    for table, n in report.rows.items():
        print(f"    {table}: {vntext.format_number(n)} dòng")
    shown = report.claimed[:12]
    if report.fingerprint_ok:
        print(f"Dấu vân tay dữ liệu (tính lại từ nội dung gói): {report.recomputed[:12]} — khớp với bản kê.")
    elif report.recomputed:
        print(f"DẤU VÂN TAY KHÔNG KHỚP: bản kê ghi {shown or '—'}, tính lại từ nội dung gói được "
              f"{report.recomputed[:12]}.")
    else:
        print("Không tính lại được dấu vân tay dữ liệu từ nội dung gói (gói thiếu bảng hoặc bị hỏng).")
    ok = report.signature_ok and report.fingerprint_ok
    if args.fingerprint is None:
        return 0 if ok else 1
    printed = keys.clean(args.fingerprint)
    if ok and len(printed) >= 12 and report.recomputed.upper().startswith(printed):
        print(f"KHỚP: bản giấy mang dấu vân tay {args.fingerprint} được lập từ đúng dữ liệu trong gói này.")
        return 0
    print(f"KHÔNG KHỚP: bản giấy mang dấu vân tay {args.fingerprint}; "
          + ("gói có " + report.recomputed[:12] + "." if ok else "gói không đáng tin (xem trên)."))
    return 1


def run_catalogue_export(args, ctx) -> int:
    manifest = catalogue_package.export_catalogues(ctx, args.out)
    print(f"Đã xuất gói danh mục «{args.out}»: {len(manifest['catalogue_versions'])} danh mục.")
    return 0


def run_catalogue_import(args, ctx) -> int:
    done = catalogue_package.import_catalogues(ctx, args.file, trust=args.trust, reason=args.reason)
    print(f"Đã nhập gói danh mục: cập nhật {len(done['catalogues'])} danh mục "
          f"({', '.join(done['catalogues']) or 'không có thay đổi'}), {len(done['targets'])} chỉ tiêu.")
    return 0


def _date(iso: str) -> str:
    try:
        return vntext.format_date(dt.date.fromisoformat(iso).isoformat())
    except (TypeError, ValueError):
        return iso or "—"


@contextlib.contextmanager
def _plain(path: Path, args):
    """An encrypted package is decrypted under its own name (without .enc), so the
    summary names the file the clerk chose."""
    with password.plain_copy(path, args) as plain:
        if plain == path:
            yield path
            return
        named = plain.with_name(path.name[:-len(encryption.SUFFIX)] if path.name.endswith(
            encryption.SUFFIX) else path.name)
        plain.rename(named)
        yield named
