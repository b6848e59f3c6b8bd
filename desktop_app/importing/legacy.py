"""Legacy Vietnamese font encodings → Unicode (SPEC §5, legal-notes §10).

Old sheets were typed with 8-bit fonts: the bytes Excel stored are Latin-1
characters that only the font drew as Vietnamese. Which encoding a cell uses
is known from its font name: ``.Vn…`` fonts are TCVN3 (ABC), those ending in
``H`` (``.VnTimeH``) draw every letter upper case; ``VNI-…`` fonts are
VNI-Windows, two characters per toned vowel. The tables are our own, built
from the base-letter × tone grid below so that every one of the 134 letters
is covered by construction; decoding matches the longest sequence first.
"""

from __future__ import annotations

import unicodedata

TONES = "\u0300\u0309\u0303\u0301\u0323"  # huyền, hỏi, ngã, sắc, nặng (TCVN3 code order)
VOWELS = "aăâeêioôơuưy"

# TCVN3 (ABC): one byte per lower-case letter; each row lists the toned forms
# in TONES order. 'ư' is 0xAD, the soft hyphen Excel may hide.
_TCVN3_BASE = {"ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
               "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}
_TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9), "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB), "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6), "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4), "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE), "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9), "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}

# VNI-Windows: a base letter followed by a mark character. Modified vowels
# ă â ê ô are base + mark; ơ ư đ and some i/y forms are single characters.
_VNI_PLAIN_TONES = "øûõùï"          # huyền hỏi ngã sắc nặng after a, e, o, u, y, ơ, ư
_VNI_HAT_TONES = "àåãáä"            # after â ê ô (which are a/e/o + 'â')
_VNI_BREVE_TONES = "èúüéë"          # after ă (which is a + 'ê')
_VNI_I = ("ì", "æ", "ó", "í", "ò")  # ì ỉ ĩ í ị are single characters
_VNI_SINGLE = {"ơ": "ô", "ư": "ö", "đ": "ñ"}
_VNI_HAT = {"ă": ("a", "ê"), "â": ("a", "â"), "ê": ("e", "â"), "ô": ("o", "â")}


def compose(base: str, tone: int | None) -> str:
    """A base letter (a, ă, â…) with tone index 0–4 (or None) as one NFC letter."""
    return unicodedata.normalize("NFC", base + (TONES[tone] if tone is not None else ""))


def _tcvn3_lower() -> dict[str, str]:
    table = {chr(code): letter for letter, code in _TCVN3_BASE.items()}
    for base, codes in _TCVN3_TONED.items():
        for tone, code in enumerate(codes):
            table[chr(code)] = compose(base, tone)
    return table


def _tcvn3_capital_pairs(lower: dict[str, str]) -> dict[str, str]:
    """In a normal (not H) font a toned capital is written as its untoned
    capital followed by the lower-case toned code: «À» = «A» + 0xB5."""
    pairs = {}
    for base, codes in _TCVN3_TONED.items():
        capital = base.upper()
        lead = capital if capital.isascii() else chr(_TCVN3_BASE[capital])
        for tone, code in enumerate(codes):
            pairs[lead + chr(code)] = compose(capital, tone)
    return pairs


def _vni() -> dict[str, str]:
    table: dict[str, str] = {}
    for upper in (False, True):
        case = str.upper if upper else (lambda s: s)
        for letter, single in _VNI_SINGLE.items():
            table[case(single)] = case(letter)
        for letter, (base, mark) in _VNI_HAT.items():
            table[case(base + mark)] = case(letter)
        for base in "aeouyơư":
            lead = case(_VNI_SINGLE.get(base, base))
            for tone, mark in enumerate(_VNI_PLAIN_TONES):
                if not (base == "y" and tone == 4):
                    table[lead + case(mark)] = case(compose(base, tone))
        table[case("î")] = case("ỵ")  # ỵ is a single character, not y + ï
        for tone, single in enumerate(_VNI_I):
            table[case(single)] = case(compose("i", tone))
        for letter, marks in (("â", _VNI_HAT_TONES), ("ê", _VNI_HAT_TONES), ("ô", _VNI_HAT_TONES),
                              ("ă", _VNI_BREVE_TONES)):
            for tone, mark in enumerate(marks):
                table[case(letter[0].translate(_UNHAT) + mark)] = case(compose(letter, tone))
    return table


_UNHAT = str.maketrans("ăâêô", "aaeo")

TCVN3 = _tcvn3_lower()
TCVN3_PAIRS = _tcvn3_capital_pairs(TCVN3)
VNI = _vni()


def encoding_of(font_name: str | None) -> str | None:
    """'tcvn3', 'tcvn3h' (upper-case font), 'vni' or None for a Unicode font."""
    if not font_name:
        return None
    name = font_name.strip()
    if name.startswith(".Vn") or name.startswith(".vn"):
        return "tcvn3h" if name.endswith("H") else "tcvn3"
    if name.upper().startswith("VNI-") or name.upper().startswith("VNI "):
        return "vni"
    return None


def decode(text: str, encoding: str | None) -> str:
    """Text stored under a legacy font → NFC Unicode; unknown encodings pass through."""
    if not encoding or not isinstance(text, str) or text.isascii():
        return text
    if encoding == "vni":
        return _replace(text, VNI)
    if encoding == "tcvn3h":
        return _replace(text, TCVN3).upper()
    return _replace(text, {**TCVN3, **TCVN3_PAIRS})


def _replace(text: str, table: dict[str, str]) -> str:
    out, i, n = [], 0, len(text)
    while i < n:
        pair = text[i:i + 2]
        if len(pair) == 2 and pair in table:  # two-character sequences first
            out.append(table[pair])
            i += 2
            continue
        out.append(table.get(text[i], text[i]))
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def decode_cell(value, font_name: str | None):
    """A cell value under ``font_name``: strings are converted, others unchanged."""
    return decode(value, encoding_of(font_name)) if isinstance(value, str) else value
