"""Password-encrypted copies of backups and packages (SPEC §7, optional).

The primitives come from the ``cryptography`` package (AES-256-GCM, and a key
derived from the password with scrypt) — audited code we must not write
ourselves. The container is documented in docs/encrypted-copies.md:

    magic  b"BIENCHE-ENC\\x00"   12 bytes
    version                     1 byte  (1)
    scrypt log2(n), r, p        3 bytes (15, 8, 1)
    salt                        16 bytes
    nonce                       12 bytes
    ciphertext + GCM tag        rest (tag: last 16 bytes)

The 44-byte header is the GCM associated data, so changing any header byte
(e.g. lowering the scrypt cost) is detected like a change of the ciphertext.
A wrong password and a tampered file are indistinguishable by design; both
are refused before anything is written. Files are handled whole in memory:
an office's data file or package is tens of megabytes at most.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from desktop_app.atomic import atomic_write
from desktop_app.errors import ValidationError

MAGIC = b"BIENCHE-ENC\x00"
VERSION = 1
LOG2_N, R, P = 15, 8, 1  # scrypt cost: ≈32 MiB and a fraction of a second per derivation
SALT, NONCE = 16, 12
HEADER = struct.Struct(f">{len(MAGIC)}sBBBB{SALT}s{NONCE}s")
SUFFIX = ".enc"

WRONG = ("Sai mật khẩu, hoặc tệp mã hóa «{name}» đã bị sửa hay hỏng: không giải mã được. "
         "Không có gì bị thay đổi.")


def is_encrypted(path: str | Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _key(password: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    if not password:
        raise ValidationError("Cần nhập mật khẩu.")
    return Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p).derive(password.encode("utf-8"))


def encrypt_bytes(data: bytes, password: str) -> bytes:
    salt, nonce = os.urandom(SALT), os.urandom(NONCE)
    header = HEADER.pack(MAGIC, VERSION, LOG2_N, R, P, salt, nonce)
    return header + AESGCM(_key(password, salt, LOG2_N, R, P)).encrypt(nonce, data, header)


def decrypt_bytes(blob: bytes, password: str, name: str = "") -> bytes:
    if len(blob) < HEADER.size + 16 or not blob.startswith(MAGIC):
        raise ValidationError(f"Tệp «{name}» không phải tệp mã hóa của Biên chế.")
    header = blob[:HEADER.size]
    _, version, log2_n, r, p, salt, nonce = HEADER.unpack(header)
    if version != VERSION:
        raise ValidationError(f"Tệp mã hóa «{name}» dùng định dạng phiên bản {version}, chương trình này "
                              f"chỉ đọc được phiên bản {VERSION}; hãy cập nhật Biên chế.")
    if not (10 <= log2_n <= 20 and 1 <= r <= 32 and 1 <= p <= 16):
        raise ValidationError(WRONG.format(name=name))  # a header edited to cost hours or nothing
    try:
        return AESGCM(_key(password, salt, log2_n, r, p)).decrypt(nonce, blob[HEADER.size:], header)
    except InvalidTag:
        raise ValidationError(WRONG.format(name=name)) from None


def encrypt_file(source: str | Path, target: str | Path, password: str) -> Path:
    """Write the encrypted copy of ``source`` to ``target`` (atomically)."""
    blob = encrypt_bytes(Path(source).read_bytes(), password)
    with atomic_write(target) as handle:
        handle.write(blob)
    return Path(target)


def decrypt_file(source: str | Path, target: str | Path, password: str) -> Path:
    """Write the plain content of ``source`` to ``target``; nothing is written on a wrong password."""
    data = decrypt_bytes(Path(source).read_bytes(), password, Path(source).name)
    with atomic_write(target) as handle:
        handle.write(data)
    return Path(target)
