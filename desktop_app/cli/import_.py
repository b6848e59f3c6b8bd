"""bienche import units|positions|quotas|staff|budget|evaluations FILE [--unit CODE]
[--dry-run] [--errors OUT.xlsx]: all or nothing; exit 2 and every problem listed otherwise."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop_app.importing.errors_book import write_errors
from desktop_app.importing.service import KINDS, ImportResult, entity_of, import_file

EXIT_PROBLEMS = 2


def add(sub, common) -> None:
    p = sub.add_parser("import", help="nhập dữ liệu từ tệp Excel hoặc CSV (tất cả hoặc không gì)",
                       add_help=False)
    common(p)
    p.add_argument("kind", choices=list(KINDS), metavar="LOẠI", help=f"loại dữ liệu: {', '.join(KINDS)}")
    p.add_argument("file", type=Path, metavar="TỆP", help="tệp .xlsx, .xls hoặc .csv")
    p.add_argument("--unit", metavar="MÃ", help="mã đơn vị khi cả tệp là của một đơn vị")
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
    p.add_argument("--errors", type=Path, metavar="TỆP_LỖI.xlsx",
                   help="ghi bản sao tệp có đánh dấu ô lỗi ra tệp .xlsx này")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    if not args.file.exists():
        print(f"Lỗi: không có tệp «{args.file}».", file=sys.stderr)
        return EXIT_PROBLEMS
    result = import_file(ctx, args.kind, args.file, unit=args.unit, dry_run=args.dry_run)
    _print_layout(result)
    for s in result.skipped:
        print(f"Bỏ qua trang {s.sheet}, dòng {s.row} ({s.reason}): {s.text}")
    if result.problems:
        for p in result.problems:
            print(str(p) + (f" (giá trị: «{p.value}»)" if p.value not in (None, "") else ""),
                  file=sys.stderr)
        if args.errors:
            write_errors(args.file, result.problems, args.errors)
            print(f"Đã ghi tệp đánh dấu lỗi: {args.errors}", file=sys.stderr)
        print(f"Có {len(result.problems)} lỗi trong {result.rows} dòng; chưa nhập gì.", file=sys.stderr)
        return EXIT_PROBLEMS
    if result.dry_run:
        print(f"Chạy thử: {result.rows} dòng hợp lệ, không ghi gì vào dữ liệu.")
    else:
        print(f"Đã nhập {result.written} dòng từ tệp {result.file}.")
    return 0


def _print_layout(result: ImportResult) -> None:
    entity = entity_of(result.kind)
    for lay in result.layouts:
        rows = ", ".join(str(r) for r in lay.header_rows)
        print(f"Trang {lay.sheet}: dòng tiêu đề {rows}; dữ liệu từ dòng {lay.data_start + 1}.")
        for c in lay.mapped():
            gender = f" (giới tính: {'Nam' if c.gender == 'nam' else 'Nữ'})" if c.gender else ""
            print(f"  cột {c.letter} «{c.header}» → {entity.field(c.field).label}{gender}")
    if result.legacy_cells:
        print(f"Đã chuyển {result.legacy_cells} ô từ phông chữ cũ (TCVN3/VNI) sang Unicode.")
