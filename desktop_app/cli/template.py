"""bienche template units|positions|quotas|staff|budget|evaluations OUT.xlsx: a blank import template."""

from __future__ import annotations

from pathlib import Path

from desktop_app.importing.service import KINDS
from desktop_app.importing.template import write_template


def add(sub, common) -> None:
    p = sub.add_parser("template", help="tạo tệp Excel mẫu để nhập dữ liệu", add_help=False)
    common(p)
    p.add_argument("kind", choices=list(KINDS), metavar="LOẠI", help=f"loại dữ liệu: {', '.join(KINDS)}")
    p.add_argument("out", type=Path, metavar="TỆP.xlsx", help="tệp .xlsx sẽ tạo")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    path = write_template(ctx, args.kind, args.out)
    print(f"Đã tạo tệp mẫu: {path}")
    return 0
