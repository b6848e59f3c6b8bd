"""Builders of clerk-like spreadsheets for the importer tests: title rows,
a merged two-row header with «Ngày sinh» over «Nam» | «Nữ», a numbering
row, data typed the many ways clerks type it, totals and signatures below."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Font

from desktop_app.importing import legacy

TITLE = ["ỦY BAN NHÂN DÂN PHƯỜNG PHÚC ĐỒNG", "DANH SÁCH VIÊN CHỨC NĂM 2026"]
TOP = ["STT", "Họ và tên", "Ngày sinh", None, "Số CCCD", "Đơn vị công tác", "Loại", "HSL",
       "Loại hình", "Nguồn lương", "Ngày tuyển dụng"]
SUB = [None, None, "Nam", "Nữ", None, None, None, None, None, None, None]
FOOTER = [["", "Tổng cộng", "", "", "", "", "", "", "", ""],
          [],
          ["", "", "", "", "", "", "", "Phúc Đồng, ngày 20 tháng 11 năm 2026"],
          ["", "Người lập biểu", "", "", "", "", "", "Thủ trưởng đơn vị"],
          ["", "(Ký, ghi rõ họ tên)"]]
HEADER_ROWS = 2 + 1 + 2 + 1  # titles, blank, two header rows, numbering row
FIRST_DATA_ROW = HEADER_ROWS + 1


def person_row(i: int, name: str, *, male: bool = True, born="12/03/1985", cccd=None,
               unit="TH01", coefficient="3,66", recruited="01/09/2010") -> list:
    return [i, name, born if male else None, None if male else born,
            cccd or f"0011850{i:05d}", unit, "A1", coefficient, "Viên chức", "Ngân sách nhà nước",
            recruited]


def varied_rows() -> list[list]:
    """Five valid people whose cells take the converters' awkward forms: stray spaces, NFD,
    a bare year, d/m/yy, mm/yyyy, decimal commas typed as text, a unit by name or code."""
    nfd = unicodedata.normalize("NFD", "Trần Thị Ngọc Ánh")
    return [
        person_row(1, "  Nguyễn   Văn  Hùng ", born=dt.datetime(1980, 5, 17)),
        person_row(2, nfd, male=False, born="12/03/1985", coefficient="4,98"),
        person_row(3, "Lê Văn Tám", born=1970, coefficient=3.0),
        person_row(4, "Phạm Thị Hoa", male=False, born="5/7/90", unit="Trường Tiểu học Phúc Đồng",
                   coefficient=" 2,67 "),
        person_row(5, "Đỗ Minh Quân", born="03/1975", cccd=1185000099, unit="mn01".upper()),
    ]


def staff_rows(n: int) -> list[list]:
    rows = []
    for i in range(1, n + 1):
        rows.append(person_row(i, f"Nguyễn Văn Người {i}", male=i % 2 == 1,
                               born=f"{1 + i % 28:02d}/{1 + i % 12:02d}/{1970 + i % 30}",
                               unit="TH01" if i % 3 else "Trường Tiểu học Phúc Đồng"))
    return rows


def staff_book(rows: list[list], path, *, footer: bool = True, fonts: dict | None = None,
               drop: int | None = None) -> None:
    """Write the clerk's layout; ``fonts`` maps (data index, column index) → font name;
    ``drop`` leaves out one column (header and values)."""
    top, sub = list(TOP), list(SUB)
    if drop is not None:
        rows = [r[:drop] + r[drop + 1:] for r in rows]
        del top[drop], sub[drop]
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    for r, text in enumerate(TITLE, start=1):
        ws.cell(r, 1, text)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(TOP))
    for c, (group, under) in enumerate(zip(top, sub, strict=True), start=1):
        ws.cell(4, c, group)
        ws.cell(5, c, under)
        if group and under is None:
            ws.merge_cells(start_row=4, start_column=c, end_row=5, end_column=c)
    ws.merge_cells("C4:D4")
    for c in range(1, len(top) + 1):
        ws.cell(6, c, f"({c})")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = ws.cell(FIRST_DATA_ROW + r, c + 1, value)
            if fonts and (r, c) in fonts:
                cell.font = Font(name=fonts[(r, c)])
    if footer:
        for r, row in enumerate(FOOTER, start=FIRST_DATA_ROW + len(rows)):
            for c, value in enumerate(row, start=1):
                ws.cell(r, c, value or None)
    wb.save(path)


# ------------------------------------------------------------ legacy encoders

def tcvn3_encode(text: str, *, upper_font: bool = False) -> str:
    """Unicode → TCVN3 text as Excel stores it (the reverse of our tables)."""
    reverse = {v: k for k, v in legacy.TCVN3.items()}
    pairs = {v: k for k, v in legacy.TCVN3_PAIRS.items()}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if upper_font and ch.lower() in reverse and ch.isupper():
            out.append(reverse[ch.lower()])
        else:
            out.append(reverse.get(ch) or pairs.get(ch) or ch)
    return "".join(out)


def vni_encode(text: str) -> str:
    reverse = {v: k for k, v in legacy.VNI.items()}
    return "".join(reverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def cp1258_encode(text: str) -> bytes:
    """CP1258 as Windows writes it: precomposed where the code page has the
    letter, otherwise the base letter followed by a combining tone mark."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tone = [m for m in decomposed if m in legacy.TONES][0]
            base = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return out


def content_hash(db_path) -> str:
    import sqlite3

    conn = sqlite3.connect(db_path)
    h = hashlib.sha256()
    tables = [r[0] for r in conn.execute(  # dash_*, sqlite_sequence: the dashboard cache (m0005), not data
        "SELECT name FROM sqlite_master WHERE type='table' "
        "AND name NOT LIKE 'dash_%' AND name <> 'sqlite_sequence' ORDER BY name")]
    for table in tables:
        for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):  # noqa: S608
            h.update(repr((table, row)).encode())
    conn.close()
    return h.hexdigest()


def as_date(text: str) -> dt.date:
    d, m, y = (int(p) for p in text.split("/"))
    return dt.date(y, m, d)
