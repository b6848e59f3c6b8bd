"""Passwords for encrypted copies: typed at a hidden prompt (getpass) or, for
scripts, read from the first line of ``--password-file``; and the plain
temporary file an encrypted input is opened into, removed afterwards."""

from __future__ import annotations

import contextlib
import getpass
import tempfile
from collections.abc import Iterator
from pathlib import Path

from desktop_app import encryption
from desktop_app.errors import ValidationError


def add_arguments(parser, encrypt: bool = False) -> None:
    if encrypt:
        parser.add_argument("--encrypt", action="store_true",
                            help="mã hóa bản sao bằng mật khẩu (AES-256-GCM)")
    parser.add_argument("--password-file", type=Path, default=None, metavar="TỆP",
                        help="đọc mật khẩu từ dòng đầu của tệp này thay vì hỏi (dùng cho kịch bản)")


def read_password(args, confirm: bool = False) -> str:
    if args.password_file is not None:
        try:
            lines = args.password_file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ValidationError(f"Không đọc được tệp mật khẩu «{args.password_file}»: {exc}") from None
        password = lines[0] if lines else ""
    else:
        password = getpass.getpass("Mật khẩu: ")
        if confirm and getpass.getpass("Nhập lại mật khẩu: ") != password:
            raise ValidationError("Hai lần nhập mật khẩu không giống nhau.")
    if not password:
        raise ValidationError("Cần nhập mật khẩu.")
    return password


@contextlib.contextmanager
def plain_copy(path: Path, args) -> Iterator[Path]:
    """``path`` itself if it is not encrypted; otherwise its decrypted content in a
    temporary file beside it (asking for the password), removed at the end."""
    if not encryption.is_encrypted(path):
        yield path
        return
    password = read_password(args)
    with tempfile.TemporaryDirectory(prefix=".bienche-", dir=Path(path).resolve().parent) as folder:
        yield encryption.decrypt_file(path, Path(folder) / Path(path).with_suffix("").name, password)
