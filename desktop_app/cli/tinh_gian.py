"""bienche tinh-gian list [--year N] | new --year N --quarter Q | suggest BATCH | add BATCH --cccd …
--reason CODE --settlement CODE [--date D] [--early-years N] [--manual ĐỒNG] | advance BATCH --to
da_trinh|duoc_duyet --date D [--decision SỐ] | settle BATCH --date D [--decision SỐ] [--yes] |
undo BATCH — tinh giản batches under NĐ 154/2025/NĐ-CP (issue #20)."""

from __future__ import annotations

from desktop_app.errors import ValidationError
from desktop_app.services import tinh_gian, tinh_gian_money, tinh_gian_rules, tinh_gian_settle
from desktop_app.vntext import format_date


def add(sub, common) -> None:
    p = sub.add_parser(
        "tinh-gian", help="tinh giản biên chế: đợt, người, giải quyết (NĐ 154/2025)", add_help=False
    )
    common(p)
    actions = p.add_subparsers(dest="action", metavar="VIỆC", required=True)
    for name, helptext, handler, extra in (
        ("list", "liệt kê các đợt", run_list, [("--year", int, False)]),
        ("new", "lập đợt mới của một quý", run_new, [("--year", int, True), ("--quarter", int, True)]),
        ("suggest", "người dữ liệu gợi ý cho đợt (không tự thêm)", run_suggest, []),
        (
            "add",
            "thêm một người vào đợt",
            run_add,
            [
                ("--cccd", str, True),
                ("--reason", str, True),
                ("--settlement", str, True),
                ("--date", str, False),
                ("--early-years", float, False),
                ("--manual", int, False),
            ],
        ),
        (
            "advance",
            "chuyển đợt sang bước sau",
            run_advance,
            [("--to", str, True), ("--date", str, True), ("--decision", str, False)],
        ),
        (
            "settle",
            "giải quyết: ghi thôi việc cho cả đợt",
            run_settle,
            [("--date", str, True), ("--decision", str, False)],
        ),
        ("undo", "hoàn tác việc giải quyết đợt", run_undo, []),
    ):
        a = actions.add_parser(name, help=helptext, add_help=False)
        common(a)
        if name not in ("list", "new"):
            a.add_argument("batch", type=int, metavar="MÃ_ĐỢT")
        for flag, kind, required in extra:
            a.add_argument(flag, type=kind, required=required, default=None)
        if name == "add":
            a.add_argument(
                "--tu-nguyen",
                action="store_true",
                help="người tự nguyện (mang thai, nghỉ thai sản, nuôi con nhỏ không chặn)",
            )
        if name == "settle":
            a.add_argument("--yes", action="store_true", help="xác nhận trước, không hỏi lại")
        a.set_defaults(handler=handler)


def run_list(args, ctx) -> int:
    for b in tinh_gian.batches(ctx, args.year):
        people = tinh_gian.members(ctx, b["id"])
        total = tinh_gian_money.batch_total(ctx, people)
        print(
            f"{b['id']}\t{b['name']}\t{tinh_gian.STATE_LABEL[b['state']]}\thạn {format_date(b['deadline'])}\t"
            f"{len(people)} người\t{total:,} đồng".replace(",", ".")
        )
    return 0


def run_new(args, ctx) -> int:
    batch = tinh_gian.create_batch(ctx, args.year, args.quarter)
    print(f"Đã lập đợt mã {batch}: {tinh_gian.deadline_text(tinh_gian.batch(ctx, batch))}.")
    return 0


def run_suggest(args, ctx) -> int:
    b = tinh_gian.batch(ctx, args.batch)
    for s in tinh_gian_rules.suggest(ctx, b["year"], tinh_gian.quarter_start(b["year"], b["quarter"])):
        blocked = f"\tKHÔNG ĐƯỢC ĐỀ XUẤT: {s.blocked}" if s.blocked else ""
        print(f"{s.full_name}\t{s.reason_code}\t{s.why}{blocked}")
    return 0


def run_add(args, ctx) -> int:
    row = ctx.db.execute("SELECT id FROM person WHERE cccd = ? AND left_on IS NULL", [args.cccd]).fetchone()
    if row is None:
        raise ValidationError(f"Không có người đang làm việc có số CCCD {args.cccd}.")
    raw = {
        "reason_code": args.reason,
        "settlement_code": args.settlement,
        "early_years": args.early_years,
        "manual_amount": args.manual,
        "voluntary": args.tu_nguyen,
    } | ({"leave_on": args.date} if args.date else {})
    member = tinh_gian.add_member(ctx, args.batch, row[0], raw)
    print(f"Đã thêm vào đợt (dòng mã {member}).")
    return 0


def run_advance(args, ctx) -> int:
    tinh_gian.advance(ctx, args.batch, args.to, args.date, decision_no=args.decision)
    print(f"Đợt mã {args.batch}: {tinh_gian.STATE_LABEL[args.to]}.")
    return 0


def run_settle(args, ctx) -> int:
    people = tinh_gian.members(ctx, args.batch)
    if not args.yes:
        names = ", ".join(m["full_name"] for m in people)
        if input(
            f"Ghi thôi việc (tinh giản) cho {len(people)} người: {names}? (c/k) "
        ).strip().lower() not in ("c", "co", "có"):
            print("Không ghi gì.")
            return 0
    count = tinh_gian_settle.settle(ctx, args.batch, args.date, confirmed=True, decision_no=args.decision)
    print(f"Đã giải quyết {count} người; hoàn tác: bienche tinh-gian undo {args.batch}.")
    return 0


def run_undo(args, ctx) -> int:
    count = tinh_gian_settle.undo(ctx, args.batch)
    print(f"Đã hoàn tác: {count} người trở lại danh sách.")
    return 0
