"""bienche forms: the report forms' ids and Vietnamese names."""

from desktop_app.reports.engine import forms


def add(sub, common) -> None:
    p = sub.add_parser("forms", help="liệt kê các biểu mẫu báo cáo", add_help=False)
    common(p)
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    for form in forms().values():
        print(f"{form.id:<12} {form.name}")
    return 0
