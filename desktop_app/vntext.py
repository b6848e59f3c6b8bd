"""Vietnamese text, dates and numbers (SPEC §5).

Everything that crosses an input boundary goes through ``nfc``. Search uses
``fold`` (case and diacritics removed, đ→d). Names sort the Vietnamese way:
by given name, then the rest, letters in the order a ă â b c d đ e ê … ư v x y
with tones (ngang, huyền, hỏi, ngã, sắc, nặng) after the base letter.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
import unicodedata

_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_INDEX = {ch: i for i, ch in enumerate(_ALPHABET)}
_MODIFIED = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê",
             ("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}


# Characters no clerk types and no writer can show: C0/C1 controls (NUL, BEL, ESC …, DEL), the
# bidi embeddings, overrides and isolates that reorder what a reader sees (U+202E shows a name
# backwards), and the zero-width characters that make two equal-looking names differ. openpyxl
# refuses a C0 control in a cell and a terminal obeys ESC: they are removed on every input path.
# A line break and a tab survive in long text (``nfc``); ``clean`` turns them into a space.
_INVISIBLE = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0),
                            0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, *range(0x202A, 0x202F),
                            0x2060, *range(0x2066, 0x206A), 0xFEFF])


def strip_invisible(text: str) -> str:
    """``text`` without control, bidi-override and zero-width characters (tab and line breaks kept)."""
    if text.isprintable():  # the common case: nothing to remove, no table walk
        return text
    return text.replace("\r\n", "\n").translate(_INVISIBLE)


def nfc(text: str | None) -> str | None:
    """NFC-normalise, drop invisible characters and strip; None stays None, others are stringified."""
    if text is None:
        return None
    return unicodedata.normalize("NFC", strip_invisible(str(text))).strip()


def clean(text: str | None) -> str | None:
    """NFC, invisible characters dropped, inner runs of white space folded to one space; empty → None."""
    if text is None:
        return None
    # str.split() and the regex \s agree on every code point (no-break space included), so
    # this is the strip + «\s+ → one space» of the definition, without a regex per cell.
    text = unicodedata.normalize("NFC", strip_invisible(str(text)))
    joined = " ".join(text.split())
    # the text itself when nothing changed: an import keeps one shared object per repeated value
    return (text if joined == text else joined) or None


def fold(text: str | None) -> str:
    """Search key: no case, no diacritics, đ→d, single spaces; no invisible characters (a
    zero-width space pasted from a web page or chat must not make a search find nothing)."""
    if not text:
        return ""
    text = strip_invisible(str(text))
    quick = text.translate(_BASE_LETTER)
    if quick.isascii():  # every letter was ASCII or a precomposed letter in the table
        return " ".join(quick.split()).lower()  # split() and \s agree on ASCII white space
    return _slow_fold(text)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D")


def _slow_fold(text: str) -> str:
    return _SPACES.sub(" ", _strip_marks(text)).strip().lower()


def _base_letters() -> dict[int, str]:
    """Precomposed Latin letters → their letter without marks, where that is ASCII: the
    same result as ``_strip_marks`` in one ``str.translate`` (names fold on every import row)."""
    table = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        base = _strip_marks(chr(code))
        if base and base.isascii() and not base.isspace():
            table[code] = base
    return table


_SPACES = re.compile(r"\s+")
_BASE_LETTER = _base_letters()


@functools.lru_cache(maxsize=8192)  # pure; given names and family names repeat
def _letters_and_tones(word: str) -> tuple[str, str]:
    """(letters, tones) of a word; a word of ordinary letters, digits and signs is looked up
    a character at a time in tables made by ``_slow_letters_and_tones`` itself, and agrees
    with it: each such character's NFD starts a cluster of its own, so the clusters of the
    whole word are those of its characters in turn."""
    lower = word.lower()
    try:
        return "".join(map(_PRIMARY.__getitem__, lower)), "".join(map(_TONE.__getitem__, lower))
    except KeyError:  # a character outside the tables (combining mark, other script)
        return _slow_letters_and_tones(word)


def _slow_letters_and_tones(word: str) -> tuple[str, str]:
    primary, tones = [], []
    for cluster in _clusters(unicodedata.normalize("NFD", word.lower())):
        base, marks = cluster[0], cluster[1:]
        letter = "đ" if base == "đ" else base
        tone = 0
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            elif (letter, mark) in _MODIFIED:
                letter = _MODIFIED[(letter, mark)]
        index = _LETTER_INDEX.get(letter)
        primary.append(chr(0x40 + index) if index is not None else letter)
        tones.append(str(tone))
    return "".join(primary), "".join(tones)


def _clusters(decomposed: str) -> list[str]:
    clusters: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch) and clusters:
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def _char_tables() -> tuple[dict[str, str], dict[str, str]]:
    """Per-character (letters, tones) of the Latin letters, digits and signs: characters that
    are their own lower case and whose NFD starts with a base character."""
    primary, tones = {}, {}
    for code in (*range(0x20, 0x250), *range(0x1E00, 0x1F00)):
        ch = chr(code)
        decomposed = unicodedata.normalize("NFD", ch)
        if ch.lower() == ch and decomposed and not unicodedata.combining(decomposed[0]):
            primary[ch], tones[ch] = _slow_letters_and_tones(ch)
    return primary, tones


_PRIMARY, _TONE = _char_tables()


def word_key(text: str) -> str:
    """Collation key of a phrase: letters first, then tones (secondary)."""
    primary, tones = _letters_and_tones(clean(text) or "")
    return primary + "\x01" + tones


def name_sort_key(full_name: str | None) -> str:
    """Sort key for a person's name: given name (last word) first, then the rest."""
    words = (clean(full_name) or "").split(" ")
    given, rest = words[-1], " ".join(words[:-1])
    g_primary, g_tones = _letters_and_tones(given)
    r_primary, r_tones = _letters_and_tones(rest)
    return "\x01".join((g_primary, g_tones, r_primary, r_tones))


# ---------------------------------------------------------------- dates

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_MY = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})([-/.])(\d{1,2})(?:\2(\d{1,2}))?$")  # 2025-12-31, 2025/12/31
_Y = re.compile(r"^(\d{4})$")
# «1985-12-31 00:00:00», «31/12/1985 08:30» (a CSV from a database or another program): the date
_TIME = re.compile(r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:SA|CH|AM|PM))?)$", re.IGNORECASE)


def parse_date(value, *, partial: bool = False, today: _dt.date | None = None) -> str | None:
    """Parse a typed or imported date into ISO text.

    Accepts dd/mm/yyyy (also with - or .), d/m/yy, ISO, date/datetime objects,
    and, when ``partial`` is allowed, mm/yyyy and yyyy. Raises ValueError with
    a Vietnamese message when the text is not a date.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and partial and 1800 < value < 2200 and value == int(value):
        return f"{int(value):04d}"
    text = _TIME.sub("", str(value).translate(_FULLWIDTH).strip())
    if (m := _DMY.match(text)):
        day, month, year = int(m[1]), int(m[2]), _full_year(m[3], today)
        return _checked(year, month, day, text)
    if (m := _ISO.match(text)):
        if m[4] is None:
            if not partial:
                raise ValueError(f"Ngày «{text}» thiếu ngày; hãy nhập dd/mm/yyyy.")
            return _checked_month(int(m[1]), int(m[3]), text)
        return _checked(int(m[1]), int(m[3]), int(m[4]), text)
    if partial and (m := _MY.match(text)):
        return _checked_month(int(m[2]), int(m[1]), text)
    if partial and (m := _Y.match(text)):
        return m[1]
    hint = "dd/mm/yyyy, mm/yyyy hoặc yyyy" if partial else "dd/mm/yyyy"
    raise ValueError(f"«{text}» không phải ngày hợp lệ (nhập theo dạng {hint}).")


def _full_year(text: str, today: _dt.date | None) -> int:
    if len(text) == 4:
        return int(text)
    this_year = (today or _dt.date.today()).year
    year = 2000 + int(text)
    return year if year <= this_year else year - 100


def _checked(year: int, month: int, day: int, text: str) -> str:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        raise ValueError(f"«{text}» không phải ngày có thật.") from None


def _checked_month(year: int, month: int, text: str) -> str:
    if not 1 <= month <= 12:
        raise ValueError(f"«{text}»: tháng phải từ 1 đến 12.")
    return f"{year:04d}-{month:02d}"


def format_date(iso: str | None) -> str:
    """ISO (full or partial) → dd/mm/yyyy, mm/yyyy or yyyy."""
    if not iso:
        return ""
    parts = iso.split("-")
    return "/".join(reversed(parts))


@functools.lru_cache(maxsize=65536)  # pure; an import compares the same few thousand dates per row
def to_date(iso: str | None, *, end: bool = False) -> _dt.date | None:
    """A real date for comparisons; a partial date becomes its first (or last) day."""
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return _dt.date(*parts)
    if len(parts) == 2:
        if end:
            nxt = _dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return nxt - _dt.timedelta(days=1)
        return _dt.date(parts[0], parts[1], 1)
    return _dt.date(parts[0], 12, 31) if end else _dt.date(parts[0], 1, 1)


def format_long_date(day: _dt.date, place: str | None = None) -> str:
    """«Phúc Đồng, ngày 05 tháng 01 năm 2026» (ND 30/2020: day < 10, months 1–2 padded)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text


# ---------------------------------------------------------------- numbers

def parse_number(value) -> float | None:
    """'4,98', '4.98', '1.234,5', '1,234.5', ' 12 ' → float; '' → None.

    A single dot followed by exactly three digits is a thousands separator
    (Vietnamese '1.500'); a comma is the decimal separator. Only what a clerk
    means as a number is one: thousands in groups of three, ASCII digits, an
    exponent as Excel writes one — «nan», «inf», «1e999», «1_000» or «2,3,4» are
    refused, never stored as something else (a NaN would be saved as an empty cell).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"«{value}» không phải số.")
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise ValueError(f"«{value}» không phải số.")
        return float(value)
    text = str(value).translate(_FULLWIDTH).strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    group, point = _separators(text)
    whole = text.split(point)[0] if point else text
    if group and not re.fullmatch(rf"[+-]?[0-9]{{1,3}}(?:{re.escape(group)}[0-9]{{3}})+", whole):
        raise ValueError(f"«{value}» không phải số (nhóm hàng nghìn phải đủ 3 chữ số, như 1.234,5).")
    plain = text.replace(group, "") if group else text
    plain = plain.replace(point, ".") if point else plain
    if not _PLAIN_NUMBER.fullmatch(plain) or not math.isfinite(number := float(plain)):
        raise ValueError(f"«{value}» không phải số.")
    return number


# Full-width digits and signs (an East Asian input method left on) read as a person reads them.
_FULLWIDTH = {0xFF10 + d: ord("0") + d for d in range(10)} | {0xFF0C: ",", 0xFF0E: ".", 0xFF0D: "-",
                                                             0xFF0B: "+", 0xFF0F: "/", 0x3000: " "}
# an exponent as Excel shows a big number («1,23E+11») and a package writes a float (repr «5e-06»)
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")


def _separators(text: str) -> tuple[str, str]:
    """The (thousands, decimal) separators of a number as typed; '' where there is none."""
    if "," in text and "." in text:
        return (".", ",") if text.rfind(",") > text.rfind(".") else (",", ".")
    if "," in text:
        return ("", ",") if text.count(",") == 1 else (",", "")
    if text.count(".") > 1 or re.fullmatch(r"[+-]?[0-9]{1,3}\.[0-9]{3}", text):
        return (".", "")
    return ("", ".") if "." in text else ("", "")


def format_number(value, decimals: int = 0) -> str:
    """1234.5 → '1.234,5' (Vietnamese separators)."""
    if value is None or value == "":
        return ""
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
