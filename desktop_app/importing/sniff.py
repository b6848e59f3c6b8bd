"""What a file no spreadsheet reader could open really is, said to the clerk in their words:
a spreadsheet with a password, an .xls renamed .xlsx (or the reverse), a web page or an XML
2003 sheet that other software saved with an Excel name, a PDF, a Word file, our own data
file, an empty copy. Looked at only after the readers failed; ``None`` when nothing is known
(the caller then keeps its own message)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from desktop_app.atomic import SQLITE_HEADER
from desktop_app.errors import ValidationError

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the OLE2 stream of a password-protected .xlsx
_SCAN = 64 << 20
_RESAVE = "hãy mở tệp bằng Excel rồi «Lưu thành» dạng Excel (.xlsx) và nhập tệp mới"


def unreadable(path: Path, fallback: str) -> ValidationError:
    """The error for ``path``: what it really is when that is known, else ``fallback``."""
    hint = what_it_is(path)
    return ValidationError(f"Không đọc được tệp «{path.name}»: {hint}." if hint else fallback)


def what_it_is(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except PermissionError:
        return "không mở được tệp: tệp đang mở trong Excel hoặc không có quyền đọc; hãy đóng tệp rồi thử lại"
    except OSError:
        return None
    suffix = path.suffix.lower()
    if not head:
        return "tệp rỗng (0 byte), có lẽ chép chưa xong; hãy chép lại tệp"
    if head.startswith(SQLITE_HEADER):
        return "đây là một tệp dữ liệu (SQLite), không phải bảng tính"
    if head.startswith(b"%PDF"):
        return "đây là tệp PDF, không phải bảng tính; hãy dùng tệp Excel gốc"
    if head.startswith(_OLE2) and suffix != ".xls":
        return _compound(path, suffix)
    if head.startswith(b"PK") and suffix in (".xls", ".ods", ".xlsx", ".xlsm"):
        return _zipped(path, suffix)
    return _markup(head) or _text(head, suffix)


def _compound(path: Path, suffix: str) -> str:
    if _has_encrypted_package(path):
        return ("tệp được đặt mật khẩu mở tệp; hãy mở bằng Excel, gỡ mật khẩu (Tệp → Thông tin → "
                "Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi thử lại")
    return f"đây là tệp Excel 97–2003 (.xls) mang đuôi «{suffix}»; hãy đổi đuôi tệp thành .xls rồi thử lại"


def _has_encrypted_package(path: Path) -> bool:
    with open(path, "rb") as handle:
        data = handle.read(_SCAN)
    return _ENCRYPTED in data


def _zipped(path: Path, suffix: str) -> str | None:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, EOFError):
        return "tệp nén bị hỏng hoặc chép chưa hết; hãy chép lại tệp"
    if "word/document.xml" in names:
        return "đây là tệp Word, không phải bảng tính"
    if "xl/workbook.xml" in names and suffix in (".xls", ".ods"):
        return f"đây là tệp Excel (.xlsx) mang đuôi «{suffix}»; hãy đổi đuôi tệp thành .xlsx rồi thử lại"
    if "content.xml" in names and suffix in (".xls", ".xlsx", ".xlsm"):
        return f"đây là tệp LibreOffice (.ods) mang đuôi «{suffix}»; hãy đổi đuôi tệp thành .ods rồi thử lại"
    return None


def _markup(head: bytes) -> str | None:
    for encoding in ("utf-8", "utf-16"):
        text = head.decode(encoding, "ignore").lstrip("\ufeff \t\r\n").lower()
        if "urn:schemas-microsoft-com:office:spreadsheet" in text:
            return f"đây là bảng tính dạng XML 2003 do phần mềm khác xuất ra; {_RESAVE}"
        if text.startswith(("<html", "<!doctype html", "<table", "<meta", "<head")) or "<table" in text:
            return f"đây là trang web (HTML) mang tên bảng tính, thường do phần mềm khác xuất ra; {_RESAVE}"
    return None


def _text(head: bytes, suffix: str) -> str | None:
    """Plain text with separators: a CSV saved under a spreadsheet's name."""
    if b"\x00" in head or not any(sep in head for sep in (b",", b";", b"\t")):
        return None
    if any(byte < 0x20 and byte not in (0x09, 0x0A, 0x0D) for byte in head):
        return None
    return f"đây là tệp văn bản CSV mang đuôi «{suffix}»; hãy đổi đuôi tệp thành .csv rồi thử lại"
