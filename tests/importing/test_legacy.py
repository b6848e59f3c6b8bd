"""TCVN3 and VNI tables: every Vietnamese letter round-trips through an encoder
built here from the reverse table, and fonts pick the encoding."""

import unicodedata

import pytest
from import_fixtures import tcvn3_encode, vni_encode

from desktop_app.importing import legacy

BASES = "aăâeêioôơuưy"


def all_letters() -> list[str]:
    lower = [legacy.compose(b, t) for b in BASES for t in range(5)] + list("ăâêôơưđ")
    return lower + [ch.upper() for ch in lower]


def test_there_are_134_letters_and_each_is_distinct():
    letters = all_letters()
    assert len(letters) == len(set(letters)) == 134
    assert all(unicodedata.is_normalized("NFC", ch) and len(ch) == 1 for ch in letters)


@pytest.mark.parametrize("letter", all_letters())
def test_vni_round_trip(letter):
    encoded = vni_encode(letter)
    assert letter in legacy.VNI.values()  # í, ì are their own VNI codes, so check the table
    assert all(ord(c) < 256 for c in encoded)
    assert legacy.decode(encoded, "vni") == letter
    assert legacy.decode(f"x{encoded}y", "vni") == f"x{letter}y"


@pytest.mark.parametrize("letter", all_letters())
def test_tcvn3_round_trip(letter):
    encoded = tcvn3_encode(letter)
    assert letter in {**legacy.TCVN3, **legacy.TCVN3_PAIRS}.values()
    assert all(ord(c) < 256 for c in encoded)
    assert legacy.decode(encoded, "tcvn3") == letter
    if letter.isupper():  # in an H font the lower-case code is drawn as the capital
        assert legacy.decode(tcvn3_encode(letter, upper_font=True), "tcvn3h") == letter


def test_whole_sentences_and_the_soft_hyphen():
    text = "Trường Tiểu học Nguyễn Đình Chiểu, Thừa Thiên Huế: ƯU TIÊN đặc biệt"
    assert "\u00ad" in tcvn3_encode("ư")
    assert legacy.decode(tcvn3_encode(text), "tcvn3") == text
    assert legacy.decode(vni_encode(text), "vni") == text
    assert legacy.decode(tcvn3_encode("nguyễn thị hằng"), "tcvn3h") == "NGUYỄN THỊ HẰNG"


@pytest.mark.parametrize("font,encoding", [
    (".VnTime", "tcvn3"), (".VnArial", "tcvn3"), (".VnTimeH", "tcvn3h"), (".VnArialH", "tcvn3h"),
    ("VNI-Times", "vni"), ("VNI-Helve", "vni"), ("Times New Roman", None), ("Calibri", None), (None, None),
])
def test_encoding_from_font_name(font, encoding):
    assert legacy.encoding_of(font) == encoding


def test_unicode_and_ascii_text_pass_through():
    assert legacy.decode("Nguyen Van A", "tcvn3") == "Nguyen Van A"
    assert legacy.decode_cell(12.5, ".VnTime") == 12.5
    assert legacy.decode("Hà Nội", None) == "Hà Nội"
