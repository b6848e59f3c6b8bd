"""bienche export FORM --out PATH [--format xlsx|pdf|both] [--as-of DD/MM/YYYY] [--year N] [--unit CODE]
[--from DD/MM/YYYY --to DD/MM/YYYY] [--person CCCD] [--apply [--yes]].

``--apply`` (nang-luong, nghi-huu, hop-dong) turns the list into the dated actions it implies after a
confirmation (``--yes`` confirms beforehand), in one audited step that can be undone."""

from __future__ import annotations

import datetime as dt
import sys
from functools import partial
from pathlib import Path

from desktop_app import vntext
from desktop_app.atomic import write_together
from desktop_app.errors import ValidationError
from desktop_app.reports.engine import Params, build_report, get_form, paper_warnings
from desktop_app.reports.excel import write_xlsx
from desktop_app.reports.pdf import write_pdf

FORMATS = ("xlsx", "pdf", "both")


def add(sub, common) -> None:
    p = sub.add_parser("export", help="xuất một biểu mẫu báo cáo ra Excel và/hoặc PDF", add_help=False)
    common(p)
    p.add_argument("form", metavar="BIỂU_MẪU", help="mã biểu mẫu (xem «bienche forms»)")
    p.add_argument("--out", required=True, type=Path, help="tệp kết quả (.xlsx, .pdf)")
    p.add_argument(
        "--format", choices=FORMATS, default=None, help="xlsx, pdf hoặc both (mặc định theo đuôi tệp)"
    )
    p.add_argument("--as-of", default=None, help="tính đến ngày dd/mm/yyyy (mặc định hôm nay)")
    p.add_argument("--year", type=int, default=None, help="năm số liệu (mặc định năm của ngày tính)")
    p.add_argument("--unit", default=None, help="chỉ một đơn vị (mã đơn vị)")
    p.add_argument("--from", dest="date_from", default=None,
                   help="kỳ của danh sách đến hạn: từ ngày dd/mm/yyyy (mặc định đầu tháng)")
    p.add_argument("--to", dest="date_to", default=None, help="đến ngày dd/mm/yyyy (mặc định cuối tháng)")
    p.add_argument("--person", default=None, help="một người, theo số CCCD (sơ yếu lý lịch)")
    p.add_argument("--batch", type=int, default=None, help="một đợt tinh giản, theo mã đợt (tinh-gian)")
    p.add_argument("--apply", action="store_true",
                   help="ghi các việc danh sách đặt ra (nâng lương, nghỉ hưu, kết thúc hợp đồng) "
                        "sau khi xác nhận")
    p.add_argument("--yes", action="store_true", help="xác nhận trước, không hỏi lại (dùng với --apply)")
    p.set_defaults(handler=run)


def targets(out: Path, fmt: str | None) -> list[Path]:
    """--format both with X.xlsx, X.pdf or X writes X.xlsx and X.pdf."""
    suffix = out.suffix.lower()
    fmt = fmt or {".xlsx": "xlsx", ".pdf": "pdf"}.get(suffix, "both")
    stem = out.with_suffix("") if suffix in (".xlsx", ".pdf") else out
    if fmt == "both":
        return [stem.with_name(stem.name + ".xlsx"), stem.with_name(stem.name + ".pdf")]
    return [stem.with_name(stem.name + "." + fmt)]


def parse_as_of(text: str | None, today: dt.date) -> dt.date:
    if not text:
        return today
    try:
        iso = vntext.parse_date(text)
    except ValueError as exc:
        raise ValidationError(f"Ngày tính không hợp lệ «{text}»: {exc} Hãy ghi dạng dd/mm/yyyy.") from None
    if iso is None or len(iso) != 10:
        raise ValidationError(
            f"Ngày tính không hợp lệ «{text}». Hãy ghi đủ ngày, tháng, năm dạng dd/mm/yyyy."
        )
    return dt.date.fromisoformat(iso)


def run(args, ctx) -> int:
    get_form(args.form)
    day = parse_as_of(args.as_of, ctx.today)
    first = parse_as_of(args.date_from, day) if args.date_from else None
    last = parse_as_of(args.date_to, day) if args.date_to else None
    if first and last and last < first:
        raise ValidationError("Ngày «--to» trước ngày «--from».")
    params = Params(as_of=day, year=args.year or day.year, unit_code=args.unit, date_from=first,
                    date_to=last, person=args.person, batch=args.batch)
    if args.unit and not ctx.db.execute("SELECT 1 FROM unit WHERE code = ?", [args.unit]).fetchone():
        raise ValidationError(f"Không có đơn vị mã «{args.unit}».")
    report = build_report(ctx, args.form, params)
    for warning in paper_warnings(ctx):  # the file is written all the same: a draft is useful
        print(f"Cảnh báo: {warning}", file=sys.stderr)
    jobs = [(path, partial(write_xlsx if path.suffix == ".xlsx" else write_pdf, report))
            for path in targets(args.out, args.format)]
    for path in write_together(jobs):  # both formats or neither: never two files of other data
        print(f"Đã ghi {path} (mã dữ liệu {report.fingerprint})")
    if args.apply:
        from desktop_app.cli import due_apply  # only the lists that imply actions need it
        return due_apply.run(ctx, args.form, params, confirmed=args.yes)
    return 0
