"""The one report model (SPEC §4) both writers read: ND 30/2020 header and
footer texts, a tree of column groups turned into merged header cells, the
column-number row, numbered rows and the data fingerprint.

Forms build a :class:`Report` by pure functions; writers never compute.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from desktop_app import vntext

TEXT, INT, DEC, PCT = "text", "int", "dec", "pct"


def cell_text(value, kind: str) -> str:
    """A cell as every writer and the preview print it (Vietnamese separators)."""
    if value is None or value == "":
        return ""
    if kind in (DEC, PCT):
        return vntext.format_number(value, 2)
    if kind == TEXT:  # controls and bidi overrides from an older file are not drawn
        return vntext.strip_invisible(str(value))
    return vntext.format_number(value, 0 if float(value).is_integer() else 2)
GROUP, ITEM, SUBTOTAL, TOTAL, NOTE = "group", "item", "subtotal", "total", "note"
PORTRAIT, LANDSCAPE = "portrait", "landscape"

_ROMAN = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90), ("L", 50),
          ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def roman(n: int) -> str:
    out = ""
    for sym, val in _ROMAN:
        while n >= val:
            out, n = out + sym, n - val
    return out


@dataclass
class Column:
    """A leaf (``key`` set) or a group of columns (``children``).

    ``formula`` names other leaves, e.g. ``"{nsnn}+{revenue}"``: the number
    row prints it as "(3)=(4)+(5)" and the engine fills the value when a row
    leaves it empty. ``unverified`` marks a column not checked against the
    official appendix (SPEC §4). ``optional`` leaves are printed only when a row has a value
    other than 0 (:func:`shown_columns`)."""

    label: str
    key: str | None = None
    kind: str = INT
    width: float = 10.0
    formula: str | None = None
    unverified: bool = False
    children: list[Column] = field(default_factory=list)
    optional: bool = False

    @property
    def is_leaf(self) -> bool:
        return not self.children


def col(key: str, label: str, kind: str = INT, width: float = 10.0, *, formula: str | None = None,
        unverified: bool = False, optional: bool = False) -> Column:
    return Column(label, key, kind, width, formula, unverified, optional=optional)


def shown_columns(columns: list[Column], rows: list[Row]) -> list[Column]:
    """The columns without the optional leaves no row fills (a group left empty goes too)."""
    out: list[Column] = []
    for c in columns:
        if c.is_leaf:
            if not c.optional or any(r.values.get(c.key or "") not in (None, "", 0) for r in rows):
                out.append(c)
        elif kids := shown_columns(c.children, rows):
            out.append(dataclasses.replace(c, children=kids))
    return out


def group(label: str, *children: Column, unverified: bool = False) -> Column:
    return Column(label, children=list(children), unverified=unverified)


def leaves(columns: list[Column]) -> list[Column]:
    out: list[Column] = []
    for c in columns:
        out += [c] if c.is_leaf else leaves(c.children)
    return out


def depth(columns: list[Column]) -> int:
    return max((1 if c.is_leaf else 1 + depth(c.children)) for c in columns)


@dataclass(frozen=True)
class HeaderCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str


UNVERIFIED_MARK = "(*)"  # after the header of a column not checked against the legal text


def marked(c: Column) -> str:
    """A column's header as printed: its label, marked when it is unverified."""
    return f"{c.label} {UNVERIFIED_MARK}" if c.unverified else c.label


def unverified_note(columns: list[Column]) -> str:
    """The footnote naming every unverified column (the outermost one marked; a leaf under a
    group is named with it, «Ngoại ngữ – Đại học»), empty when the form has none."""
    names: list[str] = []

    def walk(cols: list[Column], parent: str) -> None:
        for c in cols:
            name = f"{parent} – {c.label}" if parent and c.is_leaf else c.label
            if c.unverified:
                names.append(f"«{name}»")
            elif not c.is_leaf:
                walk(c.children, c.label)

    walk(columns, "")
    if not names:
        return ""
    return (f"{UNVERIFIED_MARK} Cột chưa đối chiếu với văn bản pháp lý (mẫu biểu chính thức chưa tìm "
            f"được hoặc chưa kiểm chứng): {'; '.join(names)}.")


def header_cells(columns: list[Column]) -> list[HeaderCell]:
    """The column tree as merged cells on a grid of ``depth`` rows (0-based), an unverified
    column's header marked (its footnote: :func:`unverified_note`)."""
    rows = depth(columns)
    cells: list[HeaderCell] = []

    def walk(cols: list[Column], level: int, start: int) -> int:
        at = start
        for c in cols:
            if c.is_leaf:
                cells.append(HeaderCell(level, at, rows - level, 1, marked(c)))
                at += 1
            else:
                width = len(leaves(c.children))
                cells.append(HeaderCell(level, at, 1, width, marked(c)))
                walk(c.children, level + 1, at)
                at += width
        return at

    walk(columns, 0, 0)
    return cells


def number_row(columns: list[Column]) -> list[str]:
    """"A", "B" for text columns, "(1)", "(2)"… for numbers, "(3)=(4)+(5)" for formulas."""
    cols = leaves(columns)
    numbers: dict[str | None, str] = {}
    letters, n = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), 0
    for c in cols:
        if c.kind == TEXT:
            numbers[c.key] = next(letters)
        else:
            n += 1
            numbers[c.key] = str(n)
    out = []
    for c in cols:
        label = numbers[c.key] if c.kind == TEXT else f"({numbers[c.key]})"
        if c.formula:
            label += "=" + re.sub(r"\{(\w+)\}", lambda m: f"({numbers[m.group(1)]})", c.formula)
        out.append(label)
    return out


def evaluate(formula: str, values: dict[str, Any]) -> float | None:
    """Sum/difference of named leaves; None if any operand is missing."""
    total: float = 0
    for sign, key in re.findall(r"([+-]?)\s*\{(\w+)\}", formula):
        v = values.get(key)
        if v is None or v == "":
            return None
        total += -v if sign == "-" else v
    return round(total, 4)


@dataclass
class Row:
    kind: str
    label: str
    values: dict[str, Any] = field(default_factory=dict)
    stt: str = ""


@dataclass
class Header:
    """ND 30/2020 boxes 1–4, 5a and the biểu lines, already worded."""

    parent: str
    office: str
    number: str
    place_date: str
    bieu: str = ""
    attached: str = ""


@dataclass
class Footer:
    recipients: list[str]
    authority: str
    signer_title: str
    signer_name: str
    preparer: str = ""


@dataclass
class Section:
    """A part of a text report: its heading ("I. KẾT QUẢ …") and paragraphs."""

    heading: str
    paragraphs: list[str]


@dataclass
class Letter:
    """A text report (ND 30 Mẫu 1.4, BÁO CÁO) that the table is attached to as its biểu:
    portrait, Kính gửi, the sections, "./." after the last paragraph, the signature block."""

    title: str
    addressee: list[str]
    sections: list[Section]
    subject: str = ""
    number: str = ""

    @property
    def paragraphs(self) -> list[tuple[str, str]]:
        """("heading"|"text", text) in reading order, the last text ending "./."."""
        out: list[tuple[str, str]] = []
        for s in self.sections:
            out.append(("heading", s.heading))
            out += [("text", p) for p in s.paragraphs if p.strip()]
        for i in range(len(out) - 1, -1, -1):
            if out[i][0] == "text":
                out[i] = ("text", out[i][1].rstrip().rstrip(".") + "./.")
                break
        return out


@dataclass
class Report:
    form_id: str
    title: str
    subject: str
    header: Header
    footer: Footer
    columns: list[Column]
    rows: list[Row]
    orientation: str = LANDSCAPE
    unit_of_measure: str = ""
    notes: list[str] = field(default_factory=list)
    as_of: dt.date | None = None
    data_fingerprint: str | None = None  # of the whole data file (services.fingerprint)
    catalogues: str = ""  # the catalogue versions used, e.g. "2026.11.1" (SPEC §8)
    key_fingerprint: str = ""  # the office's package-signing key (issue #15), beside the data code
    letter: Letter | None = None  # the BÁO CÁO this table is attached to, printed before it

    @property
    def leaves(self) -> list[Column]:
        return leaves(self.columns)

    @property
    def footnotes(self) -> list[str]:
        """The notes every writer prints under the table: the unverified columns first."""
        note = unverified_note(self.columns)
        return [note, *self.notes] if note else list(self.notes)

    @property
    def footer_mark(self) -> str:
        """What every page carries at its foot: the data fingerprint and catalogue versions."""
        mark = f"Mã dữ liệu: {self.fingerprint}"
        mark += f" · Khóa: {self.key_fingerprint}" if self.key_fingerprint else ""
        return f"{mark} · Danh mục: {self.catalogues}" if self.catalogues else mark

    @property
    def fingerprint(self) -> str:
        """The data file's fingerprint when built from a database, else the rows' own."""
        return self.data_fingerprint or fingerprint(self.rows)


def fingerprint(rows: list[Row]) -> str:
    """First 12 hex of SHA-256 of the canonical JSON of the data rows."""
    data = [[r.kind, r.stt, r.label, {k: v for k, v in sorted(r.values.items()) if v is not None}]
            for r in rows]
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def finish_rows(columns: list[Column], rows: list[Row]) -> list[Row]:
    """Number rows (groups I, II…; items 1, 2… within a group) and fill formula columns."""
    formulas = [c for c in leaves(columns) if c.formula]
    group_no = item_no = 0
    for r in rows:
        if r.kind == GROUP:
            group_no, item_no = group_no + 1, 0
            r.stt = r.stt or roman(group_no)
        elif r.kind == ITEM:
            item_no += 1
            r.stt = r.stt or str(item_no)
        for c in formulas:
            key, formula = c.key or "", c.formula or ""
            if r.values.get(key) is None:
                value = evaluate(formula, r.values)
                if value is not None:
                    r.values[key] = value
    return rows


def sum_rows(rows: list[Row], keys: list[str]) -> dict[str, Any]:
    """Column sums over item rows (None stays None when no row has a value)."""
    out: dict[str, Any] = {}
    for k in keys:
        vals = [r.values.get(k) for r in rows if r.kind == ITEM and isinstance(r.values.get(k), int | float)]
        # rounded: no 5.720000000000001 in a report
        out[k] = round(sum(v for v in vals if v is not None), 4) if vals else None
    return out


def ratio(part: float | None, whole: float | None) -> float | None:
    """Percentage rounded to 2 decimals, None when undefined."""
    if part is None or not whole:
        return None
    return round(part * 100.0 / whole, 2)
