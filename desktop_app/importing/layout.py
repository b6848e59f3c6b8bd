"""Where the data is in a clerk's sheet: the header row(s), which column
means which field, and where the data rows start.

Real sheets carry title rows above the header, two-row headers with a
merged group cell over sub-headers (e.g. «Ngày sinh» over «Nam» | «Nữ»),
and a row of column numbers «(1) (2) …» under the header. Columns are
matched through the field declarations (label and synonyms, accents and
case ignored). The result is a plain data object that a GUI can show and
correct with ``Layout.assign``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from desktop_app import vntext
from desktop_app.errors import ValidationError
from desktop_app.fields import DATE, PDATE, Entity
from desktop_app.importing import matching
from desktop_app.importing.reader import Sheet

SCAN_ROWS = 40          # headers sit near the top; titles rarely take more rows
GENDER_HEADERS = {"nam": "nam", "nu": "nu"}
_MARKS = re.compile(r"\s*(\(\s*\*\s*\)|\*)\s*$")  # «(*)» / «*» marking required columns
_NUMBERED = re.compile(r"^\(?\s*\d{1,3}\s*\)?$")


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class Column:
    index: int                  # 0-based column number
    letter: str
    header: str                 # the header text as the clerk wrote it («Ngày sinh / Nam»)
    field: str | None = None    # the field it fills, None when ignored
    gender: str | None = None   # 'nam' / 'nu' for a birth date written under Nam / Nữ
    family: bool = False        # the «Họ và tên đệm» half of a name split over two columns
    year: int | None = None     # a wide table's year column («Năm 2025» over «NSNN»): its rows' year


@dataclass
class Layout:
    entity: str
    sheet: str
    header_rows: list[int]      # Excel row numbers of the header
    data_start: int             # 0-based index of the first row that may hold data
    columns: list[Column] = field(default_factory=list)

    def mapped(self) -> list[Column]:
        return [c for c in self.columns if c.field]

    def fields(self) -> set[str]:
        found = {c.field for c in self.columns if c.field}
        return found | {"year"} if any(c.year for c in self.columns if c.field) else found

    def years(self) -> list[int]:
        """The years of a wide table (units down, years across), in column order."""
        return list(dict.fromkeys(c.year for c in self.columns if c.field and c.year))

    def column(self, key: str | int) -> Column:
        for c in self.columns:
            if key in (c.letter, c.index):
                return c
        raise KeyError(key)

    def assign(self, key: str | int, field_name: str | None, gender: str | None = None) -> None:
        """Override the mapping of one column (letter or index); None ignores it."""
        col = self.column(key)
        col.field, col.gender = field_name, gender

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Layout:
        return cls(**{**data, "columns": [Column(**c) for c in data["columns"]]})


def header_text(value) -> str:
    text = vntext.clean(str(value)) if value not in (None, "") else ""
    return text or ""


_INDEXES: dict[int, tuple[Entity, dict[str, str]]] = {}


def _header_index(entity: Entity) -> dict[str, str]:
    """Folded header text → field name, as ``Entity.match_header`` decides (first field wins),
    computed once: a scan folds thousands of cells. Keyed by identity: hashing a frozen
    Entity hashes every field declaration, on each of the scan's hundreds of look-ups."""
    hit = _INDEXES.get(id(entity))
    if hit is None or hit[0] is not entity:
        index: dict[str, str] = {}
        for f in entity.fields:
            for key in f.keys:
                index.setdefault(key, f.name)
        hit = _INDEXES[id(entity)] = (entity, index)
    return hit[1]


def match(entity: Entity, text: str) -> str | None:
    """The field a header names, trying it as written, then without «(*)» and «(1)», then
    as a person reads it: abbreviations read out («Trình độ CM»), either half of «A/B»
    («Mã ngạch/CDNN»), words in any order (``matching.variants``)."""
    if not text:
        return None
    index = _header_index(entity)
    for candidate in (text, _MARKS.sub("", text), re.sub(r"\s*\([^)]*\)\s*$", "", text)):
        found = index.get(vntext.fold(candidate))
        if found:
            return found
    return _tolerant(entity, text)


_TOLERANT: dict[tuple[int, str], str | None] = {}


def _tolerant(entity: Entity, text: str) -> str | None:
    hit = _TOLERANT.get((id(entity), text), "")
    if hit == "":
        keys = _loose_index(entity)
        hit = next((keys[k] for k in matching.variants(_MARKS.sub("", text)) if k in keys), None)
        if len(_TOLERANT) < 20000:  # a scan meets a few hundred distinct cells per sheet
            _TOLERANT[(id(entity), text)] = hit
    return hit


_LOOSE: dict[int, tuple[Entity, dict[str, str]]] = {}


def _loose_index(entity: Entity) -> dict[str, str]:
    """Order-free, abbreviation-free key of every label and synonym → field (first wins)."""
    hit = _LOOSE.get(id(entity))
    if hit is None or hit[0] is not entity:
        index: dict[str, str] = {}
        for f in entity.fields:
            for text in (f.label, *f.synonyms):
                index.setdefault(matching.key(text), f.name)
        hit = _LOOSE[id(entity)] = (entity, index)
    return hit[1]


_NUMBERING = {"stt", "tt", "so tt", "so thu tu", "thu tu"}


def unused(sheet: Sheet, layout: Layout, entity: Entity) -> list[tuple[Column, list[str]]]:
    """Columns with a header and data that fill no field, each with the closest field labels:
    no column of the clerk's is dropped without a word."""
    options = [matching.Option(f.name, f.label, f.synonyms) for f in entity.fields if not f.readonly]
    finder = matching.Matcher(options)
    named = [c for c in layout.columns
             if not c.field and c.header and vntext.fold(c.header) not in _NUMBERING]
    filled = _filled(sheet, layout.data_start, named)
    return [(c, [finder.labels[code] for score, code in finder.ranked(c.header)[:3]
                 if score >= matching.SUGGEST])
            for c in named if c.index in filled]


def _filled(sheet: Sheet, start: int, columns: list[Column]) -> set[int]:
    """The indexes of ``columns`` with a value under the header: one pass over the data
    (a streamed sheet is read again), ending once every column has shown one."""
    wanted, found = {c.index for c in columns}, set[int]()
    for r in sheet.data(start) if wanted else ():
        found.update(j for j in wanted - found if j < len(r) and r[j] not in ("", None))
        if found == wanted:
            break
    return found


def detect(sheet: Sheet, entity: Entity) -> Layout | None:
    """The best header reading of the sheet, or None when nothing looks like a header."""
    best, best_score = None, (2, 0, 0)  # at least two matched fields make a header
    for r in range(min(SCAN_ROWS, len(sheet.rows))):
        for rows in ((r,), (r, r + 1)):
            columns = _columns(sheet, entity, rows)
            score = header_score(columns, rows)
            if score >= best_score and (best is None or score > best_score):
                best, best_score = (rows, columns), score
    if best is None:
        return None
    rows, columns = best
    _join_split_names(columns)
    start = rows[-1] + 1
    if _is_number_row(sheet.rows[start] if start < len(sheet.rows) else []):
        start += 1
    return Layout(entity.name, sheet.name, [r + 1 for r in rows], start, columns)


def header_score(columns: list[Column], rows: tuple[int, ...]) -> tuple[int, int, int]:
    """Distinct fields matched, then columns matched (a Nam | Nữ pair counts
    twice), then fewer rows: a title row above a header adds nothing."""
    return (len({c.field for c in columns if c.field}), sum(1 for c in columns if c.field), -len(rows))


# «Họ và tên đệm» | «Tên»: many lists split the name; the left half is joined in front.
_FAMILY_HEADERS = {"ho", "ho dem", "ho va dem", "ho va ten dem", "ho, ten dem", "ho lot", "ho va ten lot"}


def _join_split_names(columns: list[Column]) -> None:
    for left, right in zip(columns, columns[1:], strict=False):
        if (right.field == "full_name" and left.field is None
                and vntext.fold(left.header.split(" / ")[-1]) in _FAMILY_HEADERS):
            left.field, left.family = "full_name", True


def _columns(sheet: Sheet, entity: Entity, rows: tuple[int, ...]) -> list[Column]:
    width = max((len(sheet.rows[r]) for r in rows if r < len(sheet.rows)), default=0)
    top = _filled_group_row(sheet, rows[0], width) if len(rows) == 2 else None
    columns = []
    for c in range(width):
        if top is None:
            columns.append(_single(entity, c, header_text(sheet.cell(rows[0], c))))
        else:
            columns.append(_double(entity, c, top[c], header_text(sheet.cell(rows[1], c))))
    return columns


_YEAR = re.compile(r"^(?:nam\s*)?(20\d\d)$")
# The field a bare year header fills, in a list by year («Họ tên | 2023 | 2024 | 2025»).
_BY_YEAR = {"evaluation": "level"}


def year_of(text: str) -> int | None:
    m = _YEAR.match(vntext.fold(text))
    return int(m[1]) if m else None


def _single(entity: Entity, c: int, text: str) -> Column:
    year = year_of(text) if entity.name in _BY_YEAR else None
    if year:
        return Column(c, column_letter(c), text, _BY_YEAR[entity.name], year=year)
    return Column(c, column_letter(c), text, match(entity, text))


def _by_year(entity: Entity, c: int, group: str, sub: str) -> Column | None:
    """«Năm 2025» over «NSNN», or «Hưởng lương NSNN» over «2025»: one field of one year."""
    if "year" not in entity.names:
        return None
    header = f"{group} / {sub}"
    for year_text, name_text in ((group, sub), (sub, group)):
        year = year_of(year_text)
        found = match(entity, name_text) if year else None
        if found and found != "year":
            return Column(c, column_letter(c), header, found, year=year)
    return None


def _double(entity: Entity, c: int, group: str, sub: str) -> Column:
    letter = column_letter(c)
    if not sub:
        return Column(c, letter, group, match(entity, group))
    header = f"{group} / {sub}" if group else sub
    wide = _by_year(entity, c, group, sub) if group else None
    if wide is not None:
        return wide
    gender = GENDER_HEADERS.get(vntext.fold(sub))
    group_field = match(entity, group)
    if gender and group_field and entity.field(group_field).kind in (DATE, PDATE):
        return Column(c, letter, header, group_field, gender)
    found = match(entity, sub) or match(entity, f"{group} {sub}") if group else match(entity, sub)
    return Column(c, letter, header, found)


def _filled_group_row(sheet: Sheet, r: int, width: int) -> list[str]:
    """The group row with merged cells' text repeated over every column they span."""
    top = [header_text(sheet.cell(r, c)) for c in range(width)]
    for r0, c0, r1, c1 in sheet.merges:
        if r0 == r and r1 == r:  # a horizontal merge in the group row
            for c in range(c0 + 1, min(c1 + 1, width)):
                top[c] = top[c0]
    if not any(m[0] == r for m in sheet.merges):
        _fill_without_merges(sheet, r, top)
    return top


def _fill_without_merges(sheet: Sheet, r: int, top: list[str]) -> None:
    """CSV and files without merge info: a blank group cell over a sub-header
    continues the group on its left, if that group has sub-headers too."""
    for c in range(1, len(top)):
        if not top[c] and header_text(sheet.cell(r + 1, c)) and header_text(sheet.cell(r + 1, c - 1)):
            top[c] = top[c - 1]


def _is_number_row(cells: list) -> bool:
    """«(1) (2) (3) …» or 1 2 3 … under the header: numbering, not data."""
    numbers = []
    for value in cells:
        if value in ("", None):
            continue
        text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
        if not _NUMBERED.match(text.strip()):
            return False
        numbers.append(int(re.sub(r"\D", "", text)))
    return len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def require(layouts: list[Layout], entity: Entity, file: str, hidden: list[str] | None = None) -> None:
    if not layouts:
        why = (f" Trang đang ẩn không được đọc ({', '.join(f'«{n}»' for n in hidden)}): nếu dữ liệu ở đó, "
               "hãy bỏ ẩn trang rồi thử lại." if hidden else "")
        raise ValidationError(f"Tệp «{file}»: không tìm thấy dòng tiêu đề nào có tên cột của "
                              f"{entity.label.lower()} (ví dụ «{entity.fields[0].label}»).{why}")
