import datetime as dt
import unicodedata

import pytest

from desktop_app import vntext


def test_fold_finds_diacritics_and_d():
    assert vntext.fold("Nguyễn Thị Hằng") == "nguyen thi hang"
    assert vntext.fold("ĐẶNG ĐỨC") == "dang duc"
    nfd = unicodedata.normalize("NFD", "Phương")
    assert vntext.fold(nfd) == "phuong"


def test_names_sort_by_given_name_in_vietnamese_order():
    names = ["Trần Văn Ư", "Lê Thị Ân", "Phạm Văn An", "Nguyễn Thị Ăn", "Vũ Đức", "Hà Văn Dũng",
             "Lê Văn Á", "Lê Văn À", "Ngô Văn Ơn", "Lý Văn Ôn", "Đỗ Văn On", "Mai Thị Ê",
             "Mai Thị E", "Bùi Văn Út", "Hồ Văn Uy"]
    expected = ["Lê Văn À", "Lê Văn Á", "Phạm Văn An", "Nguyễn Thị Ăn", "Lê Thị Ân", "Hà Văn Dũng",
                "Vũ Đức", "Mai Thị E", "Mai Thị Ê", "Đỗ Văn On", "Lý Văn Ôn", "Ngô Văn Ơn",
                "Bùi Văn Út", "Hồ Văn Uy", "Trần Văn Ư"]
    assert sorted(names, key=vntext.name_sort_key) == expected


def test_tones_order_after_base_letter():
    # ngang, huyền, hỏi, ngã, sắc, nặng
    words = ["Mạ", "Má", "Mã", "Mả", "Mà", "Ma"]
    assert sorted(words, key=vntext.word_key) == ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]


def test_same_given_name_then_family_name():
    names = ["Trần Văn Hùng", "Nguyễn Văn Hùng", "Đặng Văn Hùng", "Bùi Văn Hùng"]
    assert sorted(names, key=vntext.name_sort_key) == [
        "Bùi Văn Hùng", "Đặng Văn Hùng", "Nguyễn Văn Hùng", "Trần Văn Hùng"]


@pytest.mark.parametrize("text,expected", [
    ("4,98", 4.98), ("4.98", 4.98), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("1.500", 1500.0),
    (" 12 ", 12.0), ("", None), (3, 3.0)])
def test_parse_number(text, expected):
    assert vntext.parse_number(text) == expected


def test_parse_number_rejects_text():
    with pytest.raises(ValueError, match="không phải số"):
        vntext.parse_number("bốn")


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-Infinity", "1e999", "1_000", "2,3,4", "1,2.3",
                                  "12.34.5", "1.234,5,6", "١٢", "0x10", "-", ".", float("nan"),
                                  float("inf")])
def test_parse_number_refuses_what_is_not_a_number_as_typed(text):
    """Python's float() takes these; a clerk never means them (a NaN is saved as an empty cell,
    «2,3,4» became 234, Arabic-Indic digits became 12)."""
    with pytest.raises(ValueError, match="không phải số"):
        vntext.parse_number(text)


@pytest.mark.parametrize("text,expected", [("1.234.567", 1234567.0), ("1,234,567", 1234567.0),
                                           ("1.234.567,89", 1234567.89), ("-1.500", -1500.0),
                                           ("1 234,5", 1234.5), (".5", 0.5), ("+3", 3.0)])
def test_parse_number_keeps_grouped_thousands(text, expected):
    assert vntext.parse_number(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("5e-06", 5e-06), ("1.2345678901234568e+17", 1.2345678901234568e17),
    ("1,23E+11", 1.23e11), ("-2.5E-3", -0.0025)])
def test_parse_number_reads_an_exponent_as_excel_and_packages_write_it(text, expected):
    """A package writes a float by repr («5e-06» for 5 đồng in triệu đồng); Excel shows and
    saves a big number as «1,23E+11»: both are numbers."""
    assert vntext.parse_number(text) == expected


def test_full_width_digits_are_read_as_a_person_reads_them():
    """An East Asian input method left on types «２０２５»: a year to anyone reading it."""
    assert vntext.parse_number("２０２５") == 2025.0
    assert vntext.parse_number("１．２３４，５") == 1234.5
    assert vntext.parse_date("３１／１２／２０２５") == "2025-12-31"


@pytest.mark.parametrize("text,partial,expected", [
    ("05/01/2026", False, "2026-01-05"), ("5/1/2026", False, "2026-01-05"),
    ("5-1-26", False, "2026-01-05"), ("1/1/85", False, "1985-01-01"), ("2026-01-05", False, "2026-01-05"),
    ("1985", True, "1985"), ("03/1985", True, "1985-03"), (dt.date(2020, 2, 29), False, "2020-02-29")])
def test_parse_date(text, partial, expected):
    assert vntext.parse_date(text, partial=partial, today=dt.date(2026, 11, 23)) == expected


@pytest.mark.parametrize("text,partial", [("31/02/2020", False), ("1985", False), ("abc", True),
                                          ("13/1985", True)])
def test_parse_date_rejects(text, partial):
    with pytest.raises(ValueError):
        vntext.parse_date(text, partial=partial)


def test_formats():
    assert vntext.format_date("1985-03-07") == "07/03/1985"
    assert vntext.format_date("1985-03") == "03/1985"
    assert vntext.format_date("1985") == "1985"
    assert vntext.format_number(1234567.5, 1) == "1.234.567,5"
    assert vntext.format_long_date(dt.date(2026, 1, 5), "Phúc Đồng") == \
        "Phúc Đồng, ngày 05 tháng 01 năm 2026"
    assert vntext.format_long_date(dt.date(2026, 11, 20)) == "ngày 20 tháng 11 năm 2026"


def test_fold_fast_path_equals_the_decomposition_definition():
    """fold's translate table must give exactly invisible characters dropped (as ``clean`` does)
    → NFD → drop marks → đ→d → one space → lower."""
    import random
    import re

    def by_definition(text):
        decomposed = unicodedata.normalize("NFD", vntext.strip_invisible(text))
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        return re.sub(r"\s+", " ", stripped.replace("đ", "d").replace("Đ", "D")).strip().lower()

    letters = [chr(c) for c in (*range(0x20, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00),
                                0xA0, 0x1C, 0x85, 0x130, 0x212A, 0x2003, 0x3000)]
    rng = random.Random(7)
    samples = ["Nguyễn Thị Phương Thảo", "ĐẶNG  VĂN\tĐỨC ", unicodedata.normalize("NFD", "Trương Ưng")]
    samples += ["".join(rng.choice(letters) for _ in range(rng.randint(1, 8))) for _ in range(20000)]
    for text in samples:
        assert vntext.fold(text) == by_definition(text), repr(text)


def test_clean_is_the_regex_definition_for_every_kind_of_white_space():
    """clean() joins str.split(); the definition is NFC, strip, «\\s+ → one space»."""
    import re
    import sys

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\s", chr(c))]
    assert spaces == [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    samples = ["  Nguyễn \u00a0 Văn\tHùng \n", "\u2003Lê\u3000Văn\u200bTám\u2028", "", " \u00a0 ",
               unicodedata.normalize("NFD", " Trần  Thị Ánh"), "a\x1cb\x1fc\x85d", 101]
    # controls (C0 but tab and line breaks, DEL, C1) and bidi / zero-width marks go first (issue #16)
    invisible = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e"
                           "\u2060\u2066-\u2069\ufeff]")
    for text in samples:
        shown = invisible.sub("", str(text))
        expected = re.sub(r"\s+", " ", unicodedata.normalize("NFC", shown).strip().replace("\u00a0", " "))
        assert vntext.clean(text) == (expected or None), repr(text)
    assert vntext.clean(None) is None


def test_letters_and_tones_by_table_agree_with_the_cluster_walk():
    """The per-character tables give what walking NFD clusters gives, for every character
    up to U+2FFF alone and for words mixing table and non-table characters."""
    fast, slow = vntext._letters_and_tones.__wrapped__, vntext._slow_letters_and_tones
    for code in range(0x3000):
        assert fast(chr(code)) == slow(chr(code)), hex(code)
    words = ["Nguyễn", "NGUYỄN", "Thị", "Hằng", "Đặng", "Ưng", "Quỳnh", "Ngọc-Ánh", "O'Brien", "123",
             unicodedata.normalize("NFD", "Trần Thị Ánh"), "İstanbul", "\u0301a", "a\u0301\u0323", "한국",
             "Øresund", "ǅemal", "ﬁn", "Σίσυφος", "mixed\u0300ỹ", ""]
    letters = sorted(vntext._PRIMARY)
    words += [a + b for a in letters[::7] for b in letters[::11]]
    for word in words:
        assert fast(word) == slow(word), repr(word)


def test_a_year_written_with_its_word_is_the_year():
    """«Năm 2025» (as a title or header cell says it) in a year column: 2025, not «không phải số»."""
    from desktop_app.entities import ENTITIES

    year = ENTITIES["quota"].field("year")
    assert year.convert("Năm 2025", None) == 2025
    assert year.convert("năm  2026", None) == 2026
    with pytest.raises(ValueError):
        year.convert("năm ngoái", None)


@pytest.mark.parametrize("text, expected", [
    ("1985-12-31 00:00:00", "1985-12-31"), ("31/12/1985 08:30", "1985-12-31"),
    ("1985-12-31T00:00:00.000", "1985-12-31"), ("31/12/1985 8:30 CH", "1985-12-31")])
def test_a_date_with_its_time_is_the_date(text, expected):
    """A CSV from a database or another program writes the time after the date."""
    assert vntext.parse_date(text) == expected


def test_a_percentage_threshold_typed_with_its_sign(ctx):
    """Settings → Chỉ tiêu: «12,5%» typed for a percentage is 12.5; «12,5 người» is still refused."""
    from desktop_app.errors import ValidationError
    from desktop_app.services import thresholds

    thresholds.set_threshold(ctx, "GIAM_DVSN_2026", "12,5%")
    stored = ctx.db.execute("SELECT value FROM setting WHERE key = 'nguong.GIAM_DVSN_2026'").fetchone()[0]
    assert float(stored) == 12.5
    with pytest.raises(ValidationError, match="không phải số"):
        thresholds.set_threshold(ctx, "GIAM_DVSN_2026", "12,5 người")


@pytest.mark.parametrize("text, partial, expected", [
    ("2025/12/31", False, "2025-12-31"), ("2025.1.5", False, "2025-01-05"), ("1985/3", True, "1985-03")])
def test_a_date_year_first_with_slashes_or_dots(text, partial, expected):
    """yyyy/mm/dd as some programs export it: read as the date, as a person does."""
    assert vntext.parse_date(text, partial=partial) == expected


def test_search_keys_ignore_invisible_characters(ctx):
    """A name pasted with a zero-width space, a BOM or a bidi mark still finds the unit."""
    from desktop_app.services import records, units

    records.create(ctx, "unit", {"code": "TH09", "name": "Trường Tiểu học Hằng Nga", "field": "TH"})
    assert vntext.fold("\u200bHằng\ufeff\u202e Nga") == "hang nga"
    assert vntext.fold("Hằng\x07") == "hang"
    unit_id = ctx.db.execute("SELECT id FROM unit WHERE code = 'TH09'").fetchone()[0]
    assert units.search_ids(ctx, "\u200bhằng\u00a0nga\u200d") == [unit_id]
