"""bienche import units|positions|quotas|staff|budget|evaluations FILE [--unit CODE]
[--dry-run] [--errors OUT.xlsx] [--map MAP.json] [--write-map MAP.json] [--skip-bad]:
all or nothing (or, with --skip-bad, the valid rows and an error copy of the rest);
exit 2 and every problem listed otherwise. Values read by similarity are shown
«…» → …; values left unresolved are listed once with their three best suggestions."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from desktop_app import vntext
from desktop_app.cli import as_of_prompt
from desktop_app.errors import ValidationError
from desktop_app.importing.errors_book import check_target, write_errors
from desktop_app.importing.rest_copy import write_rest
from desktop_app.importing.service import KINDS, ImportResult, entity_of, import_file
from desktop_app.importing.value_map import read_map, write_map

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
    p.add_argument("--map", type=Path, metavar="TỆP.json", dest="map_file",
                   help='ghép giá trị: {"<tên cột>": {"<giá trị trong tệp>": "<mã danh mục>"}}; '
                        'mã "+" thêm giá trị làm mục riêng của cơ quan (nếu danh mục cho phép)')
    p.add_argument("--write-map", type=Path, metavar="TỆP.json",
                   help="ghi các giá trị chưa ghép được ra tệp này (cùng dạng --map) để điền mã")
    p.add_argument("--skip-bad", action="store_true",
                   help="nhập các dòng hợp lệ, ghi các dòng lỗi ra tệp lỗi (mặc định: tất cả hoặc không)")
    p.add_argument("--as-of", metavar="DD/MM/YYYY", dest="as_of",
                   help="ngày số liệu trong tệp đúng (mặc định: dòng «tính đến ngày …» của tệp, "
                        "nếu không có thì hỏi, Enter = hôm nay; khi chạy trong tập lệnh: hôm nay)")
    p.add_argument("--update", action="store_true",
                   help="dòng trùng người (CCCD, hoặc họ tên + ngày sinh + đơn vị) hay bản ghi đã có: "
                        "chỉ sửa các trường khác; vị trí, ngạch, bậc, hệ số đổi theo ngày --effective")
    p.add_argument("--effective", metavar="DD/MM/YYYY",
                   help="ngày hiệu lực của các thay đổi khi --update (mặc định: hôm nay)")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    if not args.file.exists():
        print(f"Lỗi: không có tệp «{args.file}».", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.errors or args.skip_bad:  # refused before anything is imported, not after
        check_target(args.file, _errors_target(args))
    mapping = read_map(args.map_file, entity_of(args.kind)) if args.map_file else None
    result = import_file(ctx, args.kind, args.file, unit=args.unit, dry_run=args.dry_run,
                         mapping=mapping, skip_bad=args.skip_bad, as_of=_date(args.as_of, "--as-of"),
                         update=args.update, effective=_date(args.effective, "--effective"),
                         ask_as_of=as_of_prompt.asker(dry_run=args.dry_run))
    _print_layout(result)
    for s in result.skipped:
        print(f"Bỏ qua trang {s.sheet}, dòng {s.row} ({s.reason}): {s.text}")
    for note in result.notes:
        print(note)
    for u in result.updates:
        print(f"Cập nhật trang {u.sheet}, dòng {u.row} «{u.title}»: "
              + "; ".join(f"{label}: {old or '(trống)'} → {new or '(trống)'}" for label, old, new in u.shown))
    _print_values(result)
    if args.write_map and result.questions:
        write_map(args.write_map, result.questions)
        print(f"Đã ghi {len(result.questions)} giá trị cần ghép ra tệp {args.write_map}; "
              "điền mã rồi chạy lại với --map.", file=sys.stderr)
    if result.problems and result.written:
        return _partial(args, result)
    if result.problems:
        for p in result.problems:  # one line per problem, whatever line breaks a cell holds
            line = str(p) + (f" (giá trị: «{_shown(p.value)}»)" if p.value not in (None, "") else "")
            print(" ↵ ".join(line.splitlines()), file=sys.stderr)
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


def _date(text: str | None, option: str) -> dt.date | None:
    if not text:
        return None
    try:
        iso = vntext.parse_date(text)
    except ValueError as exc:
        raise ValidationError(f"{option}: {exc}") from None
    return dt.date.fromisoformat(iso) if iso else None


def _partial(args, result: ImportResult) -> int:
    """--skip-bad: the valid rows are in; the rest go to the error copy."""
    target = _errors_target(args)
    write_rest(args.file, result.layouts, result.problems, target)
    rows = len({(p.sheet, p.row) for p in result.problems})
    print(f"Đã nhập {result.written} dòng hợp lệ từ tệp {result.file}; {rows} dòng có lỗi "
          f"không nhập, đã chép ra tệp {target} để sửa và nhập lại.", file=sys.stderr)
    return EXIT_PROBLEMS


def _shown(value, limit: int = 80) -> str:
    """A cell's value as echoed beside its problem: a 100,000-character cell is not printed whole."""
    text = str(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({vntext.format_number(len(text))} ký tự)"


def _errors_target(args) -> Path:
    return args.errors or args.file.with_name(f"{args.file.stem}_loi.xlsx")


def _print_values(result: ImportResult) -> None:
    for t in result.taken:
        print(f"  cột «{t.label}»: «{t.value}» → {t.option} ({t.how})")
    for q in result.questions:
        rows = ", ".join(f"{sheet} dòng {row}" for sheet, row in q.rows)
        print(f"Cần ghép: cột «{q.label}», «{q.value}» ({q.count} dòng: {rows}); gợi ý: "
              + ("; ".join(f"{code} = {label}" for code, label in q.suggestions[:3]) or "không có")
              + ("; có thể thêm làm mục riêng của cơ quan (mã \"+\")" if q.local_allowed else ""),
              file=sys.stderr)


def _print_layout(result: ImportResult) -> None:
    entity = entity_of(result.kind)
    for lay in result.layouts:
        rows = ", ".join(str(r) for r in lay.header_rows)
        print(f"Trang {lay.sheet}: dòng tiêu đề {rows}; dữ liệu từ dòng {lay.data_start + 1}.")
        for c in lay.mapped():
            gender = f" (giới tính: {'Nam' if c.gender == 'nam' else 'Nữ'})" if c.gender else ""
            print(f"  cột {c.letter} «{c.header}» → {entity.field(c.field).label}{gender}")
    for u in result.unused:
        near = f"; gần nhất: {', '.join(u.near)}" if u.near else ""
        print(f"  cột {u.letter} «{u.header}» (trang {u.sheet}): không dùng{near}")
    if result.legacy_cells:
        print(f"Đã chuyển {result.legacy_cells} ô từ phông chữ cũ (TCVN3/VNI) sang Unicode.")
