"""The ``bienche`` command line (SPEC §9): a contract other tools rely on.

Each sub-command is a module in this package with ``add(subparsers)``
registering its arguments and ``run(args, ctx)`` doing the work; COMMANDS
maps each command name to its module. User errors print a Vietnamese message to stderr, no traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from desktop_app import __version__
from desktop_app.cli import signin
from desktop_app.cli.terminal import safe_output
from desktop_app.context import READONLY_NOTE, open_context, writable
from desktop_app.errors import BiencheError, DatabaseError
from desktop_app.paths import default_db_path

# command name → module in this package ("import" is a keyword, hence import_)
COMMANDS = {"init": "init", "demo": "demo", "info": "info", "check": "check", "forms": "forms",
            "export": "export", "backup": "backup", "restore": "restore",
            "import": "import_", "template": "template", "package": "package",
            "update": "update", "user": "user", "office": "office",
            "tinh-gian": "tinh_gian"}  # issue #20

# Commands that never write: they run beside the GUI without the one-writer lock.
# Every other command takes the lock, so a new writing command is safe by default.
READ_ONLY = {"info", "check", "forms", "export", "template", "backup", "update"}

# Commands that may create a new data file; every other one refuses a path that does not exist,
# so a mistyped --db says so instead of leaving an empty database and folders behind.
CREATES = {"init", "demo"}

EXIT_USER_ERROR = 2
EXIT_DATA_ERROR = 3


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # argparse passes prefix="" when it builds a subcommand's prog: keep that one empty
        return super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "lệnh"
        self._optionals.title = "tùy chọn"

    def error(self, message: str):  # Vietnamese usage errors, exit 2 like argparse
        self.print_usage(sys.stderr)
        sys.stderr.write(f"bienche: lỗi: {_vi(message)}\n")
        raise SystemExit(EXIT_USER_ERROR)


def _vi(message: str) -> str:
    return (message.replace("the following arguments are required", "thiếu tham số")
            .replace("unrecognized arguments", "tham số không hiểu được")
            .replace("invalid choice", "lựa chọn không hợp lệ")
            .replace("expected one argument", "cần một giá trị")
            .replace("choose from", "chọn một trong")
            .replace("invalid int value", "không phải số nguyên")
            .replace("expected at least one argument", "cần ít nhất một giá trị")
            .replace("ambiguous option", "tùy chọn chưa rõ")
            .replace("could match", "có thể là")
            .replace("not allowed with argument", "không dùng cùng với")
            .replace("argument", "tham số"))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="bienche", description="Biên chế — quản lý đơn vị sự nghiệp công lập, "
                     "vị trí việc làm, biên chế và báo cáo.", add_help=False)
    _common(parser)
    parser.add_argument("--version", action="version", version=f"Biên chế {__version__}",
                        help="in phiên bản rồi thoát")
    parser.add_argument("--self-test", action="store_true",
                        help="mở mọi màn hình ở chế độ ẩn, thoát 0 nếu ổn")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    for module_name in COMMANDS.values():
        module = importlib.import_module(f"desktop_app.cli.{module_name}")
        module.add(sub, _common)
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")
    parser.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                        help="tệp dữ liệu (mặc định: $BIENCHE_DB hoặc thư mục dữ liệu người dùng)")
    signin.add_arguments(parser)


def run(argv: list[str]) -> int:
    with safe_output():  # names with ESC sequences print harmlessly (cli/terminal.py)
        return _run(argv)


def _run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    db_path = getattr(args, "db", None) or default_db_path()
    try:
        if getattr(args, "without_context", False):  # e.g. restore: the file may be unreadable
            return int(args.handler(args, db_path) or 0)
        _require_existing(args.command, Path(db_path))
        ctx = open_context(db_path, lock=args.command not in READ_ONLY)
        if ctx.readonly and not writable(Path(db_path)):
            print(READONLY_NOTE.format(name=Path(db_path).name), file=sys.stderr)
        try:
            signin.sign_in(ctx, getattr(args, "user", None))  # the services' gate judges every write
            return int(args.handler(args, ctx) or 0)
        finally:
            ctx.close()
    except DatabaseError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_DATA_ERROR
    except BiencheError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130


def _require_existing(command: str, db_path: Path) -> None:
    if command not in CREATES and not db_path.is_file():
        raise DatabaseError(f"Không có tệp dữ liệu «{db_path}». Hãy kiểm tra lại đường dẫn --db; "
                            "tệp mới chỉ được tạo bằng lệnh «bienche init».", kind="missing")
