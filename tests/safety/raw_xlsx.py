"""A minimal .xlsx written by hand (zip + XML), for sheets openpyxl would take minutes to
write (200,000 rows) or refuses to write (a value at XFD1048576 with a lying <dimension>).
Cells are inline strings or numbers; ``far`` adds cells by reference (e.g. "XFD1048576")."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
          '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
          'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
          'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
              'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
              'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_BOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
         '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
         '<sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
_BOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
              'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
              'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _cell(ref: str, value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def _rows(rows: Iterable[list], far: dict[str, object]) -> Iterable[str]:
    n = 0
    for n, row in enumerate(rows, start=1):
        cells = "".join(_cell(f"{letters(j)}{n}", v) for j, v in enumerate(row, start=1)
                        if v not in (None, ""))
        yield f'<row r="{n}">{cells}</row>'
    for ref, value in far.items():
        yield f'<row r="{"".join(ch for ch in ref if ch.isdigit())}">{_cell(ref, value)}</row>'


def write(path: Path, rows: Iterable[list], *, far: dict[str, object] | None = None,
          dimension: str | None = None, sheet: str = "Danh sách", prolog: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _TYPES)
        z.writestr("_rels/.rels", _ROOT_RELS)
        z.writestr("xl/workbook.xml", _BOOK.format(name=escape(sheet)))
        z.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w") as out:
            head = ('<?xml version="1.0" encoding="UTF-8"?>' + prolog +
                    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
                    (f'<dimension ref="{dimension}"/>' if dimension else "") + "<sheetData>")
            out.write(head.encode())
            batch: list[str] = []
            for text in _rows(rows, far or {}):
                batch.append(text)
                if len(batch) >= 2000:
                    out.write("".join(batch).encode())
                    batch.clear()
            out.write(("".join(batch) + "</sheetData></worksheet>").encode())
    return path
