"""bienche export FORM --out PATH [--format xlsx|pdf|both] [--as-of DD/MM/YYYY] [--year N] [--unit CODE]."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from desktop_app import vntext
from desktop_app.atomic import write_together
from desktop_app.errors import ValidationError
from desktop_app.reports.engine import Params, build_report, get_form
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
    params = Params(as_of=day, year=args.year or day.year, unit_code=args.unit)
    if args.unit and not ctx.db.execute("SELECT 1 FROM unit WHERE code = ?", [args.unit]).fetchone():
        raise ValidationError(f"Không có đơn vị mã «{args.unit}».")
    report = build_report(ctx, args.form, params)
    jobs = [(path, partial(write_xlsx if path.suffix == ".xlsx" else write_pdf, report))
            for path in targets(args.out, args.format)]
    for path in write_together(jobs):  # both formats or neither: never two files of other data
        print(f"Đã ghi {path} (mã dữ liệu {report.fingerprint})")
    return 0
