"""An office's own catalogue items (codes «DP_…», added in the import's mapping step)
travel in its data package (issue #17), so the level above prints their labels.

The package carries the items its rows name, in member ``local_item.csv`` (kind, code,
label), hashed and signed like every member (format version 2; a package without one
stays version 1). The receiver checks every item before anything is written — its
catalogue must allow office items, its code must be an office code (``DP_…``), never a
national one, and its label must not be a national item's — and installs it under the
sending office (code ``DP_…@<office uid>``, data ``office_uid``), so two offices' items
never collide; a newer package of the office replaces them. The flags that count heads
and deputies are the receiver's (``catalogues.LOCAL_ITEM``), never the package's.
Rows may name an office code only if the package carries it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

from db import queries_packages as q
from desktop_app import catalogues, vntext
from desktop_app.context import Context
from desktop_app.packages import fmt, rows
from desktop_app.packages.fmt import PackageError

TABLE = fmt.LOCAL_ITEMS
COLUMNS = ["kind", "code", "label"]
PREFIX = "DP_"
MAX_ITEMS = 10_000
MAX_LABEL = 200
_CODE = re.compile(r"DP_[A-Z0-9_]{1,60}")
Names = dict[str, dict[str, str]]  # kind → code in the package → code stored here


def referenced(ctx: Context) -> list[tuple[str, str, str]]:
    """(kind, code, label) of this office's own items that its own rows name."""
    own = {(kind, code): label for kind, code, label in ctx.db.execute(
        "SELECT kind, code, label FROM catalogue_item WHERE json_extract(data, '$.local') "
        "AND json_extract(data, '$.office_uid') IS NULL")}
    kinds = {kind for kind, _ in own}
    used: set[tuple[str, Any]] = set()
    for table, column, kind in _catalogue_columns(ctx, kinds):
        used |= {(kind, value) for value in q.own_values(ctx.db, table, column)}
    return sorted((kind, code, label) for (kind, code), label in own.items() if (kind, code) in used)


def _catalogue_columns(ctx: Context, kinds: set[str]) -> Iterator[tuple[str, str, str]]:
    if not kinds:
        return
    for table in fmt.TABLES:
        for column in q.export_columns(ctx.db, table):
            field = rows.field_for(table, column)
            if field is not None and field.catalogue in kinds:
                yield table, column, field.catalogue


def install(ctx: Context, archive: zipfile.ZipFile, manifest: dict, uid: str, where: str) -> Names:
    """Replace the office ``uid``'s items by the package's (inside the import's transaction)."""
    entry = next((t for t in manifest["tables"] if t["name"] == TABLE), None)
    items = _read(ctx, archive, entry, where) if entry else []
    ctx.db.execute("DELETE FROM catalogue_item WHERE json_extract(data, '$.office_uid') = ?", [uid])
    names: Names = {}
    for kind, code, label in items:
        stored = f"{code}@{uid}"
        catalogues.add_local(ctx.db, kind, stored, label, {"office_uid": uid, "office_code": code},
                             conflict="OR ABORT")
        names.setdefault(kind, {})[code] = stored
    ctx.catalogues.reload()
    return names


def _read(ctx: Context, archive: zipfile.ZipFile, entry: dict, where: str) -> list[tuple[str, str, str]]:
    items: list[tuple[str, str, str]] = []
    with fmt.read_csv(archive, entry) as (header, reader, hasher):
        rows.check_header(TABLE, header, COLUMNS, where)
        for line, cells in enumerate(reader, start=2):
            if len(items) >= MAX_ITEMS:
                raise PackageError(f"{where}, tệp {TABLE}.csv: quá {MAX_ITEMS} mục riêng. Gói bị từ chối.")
            items.append(_checked(ctx, cells, items, f"{where}, tệp {TABLE}.csv dòng {line}"))
    fmt.check_member(archive, entry, hasher, len(items))
    return items


def _checked(ctx: Context, cells: list[str], earlier: list[tuple[str, str, str]],
             at: str) -> tuple[str, str, str]:
    def refuse(why: str) -> PackageError:
        return PackageError(f"{at}: {why} Gói bị từ chối, dữ liệu không thay đổi.")

    if len(cells) != len(COLUMNS):
        raise refuse(f"có {len(cells)} cột, cần {len(COLUMNS)}.")
    if any(rows.bad_text(c) for c in cells):
        raise refuse("chứa ký tự điều khiển hoặc ký tự ẩn (không được phép).")
    kind, code, label = cells[0], cells[1], vntext.clean(cells[2]) or ""
    if kind not in catalogues.local_kinds():
        raise refuse(f"danh mục «{kind[:40]}» không cho phép mục riêng của cơ quan.")
    national = {i["code"]: i["label"] for i in ctx.catalogues.items(kind) if not i.get("local")}
    if code in national or not _CODE.fullmatch(code):
        raise refuse(f"mã «{code[:60]}» không phải mã mục riêng của cơ quan (mã riêng bắt đầu bằng "
                     f"{PREFIX}); gói không được thêm hay sửa mục của danh mục quốc gia.")
    if not label or len(label) > MAX_LABEL:
        raise refuse(f"tên mục «{code}» trống hoặc dài quá {MAX_LABEL} ký tự.")
    same = [c for c, text in national.items() if vntext.fold(text) == vntext.fold(label)]
    if same:
        raise refuse(f"mục «{code}» mang tên «{label}» của mục {same[0]} trong danh mục quốc gia; gói "
                     "không được đặt lại tên mục quốc gia.")
    if any((kind, code) == (k, c) for k, c, _ in earlier):
        raise refuse(f"mục «{code}» lặp lại.")
    return kind, code, label


def renamer(names: Names, kind: str | None, convert: Callable[[str], Any]) -> Callable[[str], Any]:
    """``convert`` of a catalogue column reading the package's office codes as stored here (the
    items just installed, never offered for input); an office code the package does not carry is
    refused (it would borrow another office's item)."""
    ours = names.get(kind or "", {})

    def converted(cell: str) -> Any:
        if not cell.startswith(PREFIX):
            return convert(cell)
        if cell not in ours:
            raise ValueError(f"mã «{cell[:60]}» là mục riêng của cơ quan nhưng gói không kèm mục này "
                             f"(tệp {TABLE}.csv); cơ quan gửi cần cập nhật phần mềm rồi xuất lại gói.")
        return ours[cell]
    return converted
