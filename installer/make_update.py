"""Make a signed offline update bundle of Biên chế (issue 22), or the publisher's key pair.

    uv run python installer/make_update.py keygen --private D:/khoa/bienche-update.key
    uv run python installer/make_update.py build --installer dist/BienChe-0.2.0-cai-dat.exe \
        --key D:/khoa/bienche-update.key --notes ghi-chu.txt --out BienChe-0.2.0.bcupdate

``keygen`` writes the private key (keep it offline, never in the repository)
and puts the public half in resources/keys/update-publisher.pub, which the
next build ships. ``build`` signs a manifest binding the installer's size and
SHA-256, this version (desktop_app/__init__.py) and the schema it opens
(db/migrations.LATEST); the format is desktop_app/update/bundle.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db import migrations  # noqa: E402
from desktop_app import __version__, signing  # noqa: E402
from desktop_app.update import bundle  # noqa: E402

PUBLIC = ROOT / "resources" / "keys" / "update-publisher.pub"


def keygen(private_path: Path, public_path: Path = PUBLIC) -> str:
    """Write a new key pair; return the public key's fingerprint."""
    if private_path.exists():
        raise SystemExit(f"Đã có tệp khóa «{private_path}»: không ghi đè.")
    private = signing.new_private_key()
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(signing.encode(private) + "\n")
    public = signing.public_key(private)
    comments = [line for line in public_path.read_text(encoding="utf-8").splitlines()
                if line.startswith("#")] if public_path.exists() else []
    public_path.write_text("\n".join([*comments, signing.encode(public)]) + "\n", encoding="utf-8")
    return signing.fingerprint(public)


def read_private(path: Path) -> bytes:
    key = signing.decode(path.read_text(encoding="ascii").strip(), signing.KEY_BYTES)
    if key is None:
        raise SystemExit(f"«{path}» không phải tệp khóa riêng của nhà phát hành.")
    return key


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Gói cập nhật ngoại tuyến có chữ ký của Biên chế")
    actions = parser.add_subparsers(dest="action", required=True)
    k = actions.add_parser("keygen", help="tạo cặp khóa của nhà phát hành")
    k.add_argument("--private", type=Path, required=True)
    k.add_argument("--public", type=Path, default=PUBLIC)
    b = actions.add_parser("build", help="đóng gói và ký một bộ cài đặt")
    b.add_argument("--installer", type=Path, required=True)
    b.add_argument("--key", type=Path, required=True, help="tệp khóa riêng (keygen)")
    b.add_argument("--notes", type=Path, required=True, help="nội dung cập nhật (UTF-8, tiếng Việt)")
    b.add_argument("--out", type=Path, required=True)
    b.add_argument("--version", default=__version__)
    b.add_argument("--min-schema", type=int, default=1, help="lược đồ cũ nhất bản mới nâng cấp được")
    args = parser.parse_args(argv)
    if args.action == "keygen":
        print(f"Dấu vân tay khóa công khai: {keygen(args.private, args.public)}")
        return 0
    out = bundle.build(args.installer, args.out, read_private(args.key), version=args.version,
                       schema_version=migrations.LATEST, min_schema_version=args.min_schema,
                       notes=args.notes.read_text(encoding="utf-8").strip(),
                       created=dt.date.today().strftime("%d/%m/%Y"))
    print(f"Đã tạo gói cập nhật: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
