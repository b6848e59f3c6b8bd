"""The cells of an .xls, counted without reading them (issue #16; used by extent_other).

An .xls is an OLE2 compound file (sectors chained by a FAT) holding the
``Workbook`` stream: BIFF records, the global ones (BOUNDSHEET: each sheet's
name and where its records start) and then each sheet's. Only what sizing
needs is read: the stream, and the row and column of every cell record. Every
chain and every record is bounded by the file's own size, so a damaged or
hostile file ends in ``Damaged``, never in a loop or a large allocation.
"""

from __future__ import annotations

import struct
from pathlib import Path

from desktop_app.importing.extent import Extent

MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
END_OF_CHAIN = 0xFFFFFFFE
MAX_FILE = 256 << 20  # an .xls holds at most 65,536 rows × 256 columns; beyond this it is not one

BOF, EOF, BOUNDSHEET = 0x0809, 0x000A, 0x0085
CELLS = {0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6, 0x0205, 0x0006, 0x0201}  # NUMBER, RK, LABELSST, …
MULTI = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column, …, last column


class Damaged(Exception):
    """The file is not a readable compound file / BIFF stream (the reason, short)."""


def workbook_stream(path: Path) -> bytes:
    """The bytes of the ``Workbook`` (BIFF8) or ``Book`` (BIFF5) stream."""
    if path.stat().st_size > MAX_FILE:
        raise Damaged("tệp lớn hơn mọi bảng tính .xls")
    data = path.read_bytes()
    if len(data) < 512 or data[:8] != MAGIC:
        raise Damaged("không phải tệp OLE2")
    size = 1 << _u16(data, 0x1E)
    mini_size, cutoff = 1 << _u16(data, 0x20), _u32(data, 0x38)
    if size not in (512, 4096) or mini_size != 64:
        raise Damaged("kích thước sector lạ")
    fat = _fat(data, size)
    directory = _chain_bytes(data, size, fat, _u32(data, 0x30))
    entries = [directory[i:i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries:
        raise Damaged("không có thư mục")
    for entry in entries:
        name = entry[:max(_u16(entry, 64) - 2, 0)].decode("utf-16-le", "replace")
        if entry[66] == 2 and name in ("Workbook", "Book"):
            start, length = _u32(entry, 116), _u32(entry, 120)
            if length >= cutoff:
                return _chain_bytes(data, size, fat, start)[:length]
            minifat = _table(_chain_bytes(data, size, fat, _u32(data, 0x3C)))
            mini = _chain_bytes(data, size, fat, _u32(entries[0], 116))
            return _chain_bytes(mini, 64, minifat, start, header=False)[:length]
    raise Damaged("không có phần Workbook")


def biff_extents(stream: bytes) -> dict[str, Extent]:
    """Sheet name → the extent of its cell records."""
    found: dict[str, Extent] = {}
    biff8 = stream[4:6] == b"\x00\x06"  # the first BOF's version
    for kind, body in _records(stream, 0):
        if kind == BOUNDSHEET and len(body) >= 8:
            found[_sheet_name(body, biff8)] = _sheet_extent(stream, _u32(body, 0))
        elif kind == EOF:
            break
    return found


def _sheet_extent(stream: bytes, start: int) -> Extent:
    extent = Extent()
    for kind, body in _records(stream, start):
        if kind == EOF:
            break
        if kind in CELLS and len(body) >= 4:
            extent.add(_u16(body, 0) + 1, _u16(body, 2) + 1)
        elif kind in MULTI and len(body) >= 6:
            row = _u16(body, 0) + 1
            extent.add(row, _u16(body, 2) + 1)
            extent.add(row, _u16(body, len(body) - 2) + 1)
    return extent


def _records(stream: bytes, start: int):
    at = start
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        yield kind, stream[at + 4:at + 4 + length]
        at += 4 + length


def _sheet_name(body: bytes, biff8: bool) -> str:
    count = body[6]
    if not biff8:  # BIFF5: bytes in the file's code page
        return body[7:7 + count].decode("cp1258", "replace")
    wide = body[7] & 1  # UTF-16, or «compressed»: Latin-1 bytes
    return body[8:8 + count * (2 if wide else 1)].decode("utf-16-le" if wide else "latin-1", "replace")


def _fat(data: bytes, size: int) -> list[int]:
    sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < END_OF_CHAIN]
    difat, seen = _u32(data, 0x44), 0
    while difat < END_OF_CHAIN and seen < len(data) // size:  # more FAT sectors listed elsewhere
        block = _sector(data, size, difat)
        sectors += [s for s in struct.unpack_from(f"<{size // 4 - 1}I", block) if s < END_OF_CHAIN]
        difat, seen = _u32(block, size - 4), seen + 1
    return _table(b"".join(_sector(data, size, s) for s in sectors))


def _chain_bytes(data: bytes, size: int, fat: list[int], start: int, header: bool = True) -> bytes:
    """A stream's sectors in chain order (``header``: sector 0 follows the file's header; the
    mini stream's own sectors start at 0)."""
    out, sector, steps = [], start, 0
    while sector < END_OF_CHAIN:
        if sector >= len(fat) or steps > len(fat):
            raise Damaged("chuỗi sector hỏng")
        out.append(_sector(data, size, sector, header))
        sector, steps = fat[sector], steps + 1
    return b"".join(out)


def _sector(data: bytes, size: int, sector: int, header: bool = True) -> bytes:
    at = (sector + 1) * size if header else sector * size
    if at >= len(data):
        raise Damaged("sector nằm ngoài tệp")
    return data[at:at + size]


def _table(raw: bytes) -> list[int]:
    return list(struct.unpack_from(f"<{len(raw) // 4}I", raw))


def _u16(data: bytes, at: int) -> int:
    return struct.unpack_from("<H", data, at)[0]


def _u32(data: bytes, at: int) -> int:
    return struct.unpack_from("<I", data, at)[0]
