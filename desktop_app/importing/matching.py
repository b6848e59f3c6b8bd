"""Catalogue values and column headers matched the way a person reads them.

A cell matches an option when, accents, case, punctuation and word order aside, it
equals the option's code, label, short label, one of the ``aliases`` kept with the
item in resources/catalogues, or the label without its decree reference («Hợp đồng
lao động theo Nghị định 111/2022/NĐ-CP» → «hợp đồng lao động»); common abbreviations
(«CM», «HĐLĐ», «GD», «CDNN» …) are read out first. Otherwise the words are compared
: one option whose name lies whole in the value, the value's other words meaning
nothing in the catalogue, is taken (and shown «…» → …); anything else is a question
with the closest options (words weighted by how rare they are among the options) —
never a silent guess.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from desktop_app import catalogues as catalogues_
from desktop_app import vntext

# Abbreviations a clerk writes inside headers and values, read out word by word. Only
# those that mean one thing everywhere; a catalogue's own short forms («TT» for Tổ
# trưởng, «PHT») are that item's ``aliases``.
ABBREVIATIONS = {
    "cm": "chuyen mon", "gd": "giao duc", "gdmn": "giao duc mam non", "hd": "hop dong",
    "hdld": "hop dong lao dong", "vc": "vien chuc", "cdnn": "chuc danh nghe nghiep",
    "vtvl": "vi tri viec lam", "hsl": "he so luong", "llct": "ly luan chinh tri",
    "qlnn": "quan ly nha nuoc", "nsnn": "ngan sach nha nuoc", "dv": "don vi",
    "cccd": "can cuoc cong dan", "cmnd": "chung minh nhan dan", "sl": "so luong",
    "td": "trinh do", "bhxh": "bao hiem xa hoi", "pc": "phu cap",
    "ql": "quan ly", "qd": "quyet dinh", "nd": "nghi dinh", "mn": "mam non",
    "thcs": "trung hoc co so", "thpt": "trung hoc pho thong", "gv": "giao vien",
    "nv": "nhan vien", "ld": "lao dong", "ddcn": "dinh danh ca nhan", "sp": "su pham",
}
_DECREE = re.compile(r"\(?\s*(theo\s+)?(nghi dinh|nd|thong tu|tt|quyet dinh|qd)[\s.]*(so\s*)?"
                     r"\d+/\d{4}[^\s)]*\s*\)?")
# Words that turn a value away from the option it contains: «không phải viên chức»,
# «nguyên hiệu trưởng» (former), «trước đây», «cũ».
_NEGATIONS = frozenset({"khong", "chua", "ngoai", "phai", "nguyen", "truoc", "cu"})
_WORDS = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")

MARGIN = 0.15    # suggestions closer than this to each other make the value ambiguous
SUGGEST = 0.2     # options below this are not worth offering


def words(text: str) -> tuple[str, ...]:
    """Folded words with abbreviations read out and decree references dropped."""
    return _words(str(text))


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    folded = _DECREE.sub(" ", vntext.fold(text))
    out: list[str] = []
    for w in _WORDS.findall(folded):
        out += ABBREVIATIONS.get(w, w).split()
    return tuple(out)


def key(text: str) -> str:
    """Order-free key: «Mã ngạch» and «Ngạch, mã» are one key."""
    return " ".join(sorted(words(text)))


def variants(text: str, halves: bool = True) -> list[str]:
    """The keys a header or value may mean: as written, its «(…)» parts apart, and (``halves``,
    for headers) each half of «A/B», the second also with the first word of the first
    («Mã ngạch/CDNN»)."""
    text = str(text)
    found = [text, re.sub(r"\([^)]*\)", " ", text), *re.findall(r"\(([^)]*)\)", text)]
    if halves and "/" in text and not re.search(r"\d/\d", text):
        left, _, right = text.partition("/")
        first = left.split()[:1]
        found += [left, right, " ".join(first + right.split())]
    return list(dict.fromkeys(k for k in map(key, found) if k))


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    names: tuple[str, ...] = ()   # code, short, aliases: other ways it is written


@dataclass
class Answer:
    """The code taken (``code``; ``exact`` when written as code or label), or the
    question to ask (``code`` None) with the closest options, best first."""

    value: str
    code: str | None = None
    exact: bool = False
    suggestions: list[tuple[str, str]] = field(default_factory=list)  # (code, label)
    ambiguous: bool = False


class Matcher:
    """Every way of writing the options of one field, indexed once."""

    def __init__(self, options: list[Option]):
        self.options = options
        self.labels = {o.code: o.label for o in options}
        self.exact: dict[str, str] = {}
        self.keys: dict[str, set[str]] = {}
        for o in options:
            self.exact.setdefault(vntext.fold(o.code), o.code)
            self.exact.setdefault(vntext.fold(o.label), o.code)
            for text in (o.label, *o.names, o.code):
                for k in variants(text, halves=False):
                    self.keys.setdefault(k, set()).add(o.code)
        df = Counter(w for o in options for w in set(self._option_words(o)))
        self.weight = {w: math.log(1 + len(options) / n) for w, n in df.items()}
        # Words every option has («Vị trí việc làm …») tell none apart: a value may leave them out.
        self.common = frozenset(w for w, n in df.items() if n == len(options) > 2)
        self.vocab_of = {o.code: frozenset(self._option_words(o)) for o in options}
        self.vocab = frozenset(df)

    def _option_words(self, o: Option) -> list[str]:
        return [w for text in (o.label, *o.names) for w in words(text)]

    def answer(self, value: str) -> Answer:
        text = vntext.clean(str(value)) or ""
        code = self.exact.get(vntext.fold(text))
        if code is not None:
            return Answer(text, code, exact=True)
        codes = {c for k in variants(text, halves=False) for c in self.keys.get(k, ())}
        if len(codes) == 1:  # «Viên chức (HĐLĐ)» names two options: asked, not taken
            return Answer(text, next(iter(codes)))
        return self._similar(text)

    def _similar(self, text: str) -> Answer:
        ranked = self.ranked(text)
        best = ranked[0][0] if ranked else 0.0
        second = ranked[1][0] if len(ranked) > 1 else 0.0
        shown = [(c, self.labels[c]) for s, c in ranked[:3] if s >= SUGGEST]
        inside = self.contained(text)
        if inside is not None:
            return Answer(text, inside, suggestions=shown)
        return Answer(text, suggestions=shown, ambiguous=len(shown) > 1 and best - second < MARGIN)

    def contained(self, text: str) -> str | None:
        """The one option one of whose names lies whole in the value, when every other word of
        the value means nothing in this catalogue and none turns it away: «Giáo dục Tiểu học»
        is Tiểu học, «Trường THPT» is THPT; «Phó trưởng trạm y tế» is not «Trưởng trạm y tế»
        («phó» is a word of the catalogue), «Kế toán» is not «Kế toán trưởng»."""
        mine = set(words(text))
        if mine & _NEGATIONS:
            return None
        found = {o.code for o in self.options
                 if not (mine - self.vocab_of[o.code]) & self.vocab
                 and any((theirs := set(words(name)) - self.common) and theirs <= mine
                         for name in (o.label, *o.names))}
        return next(iter(found)) if len(found) == 1 else None

    def ranked(self, text: str) -> list[tuple[float, str]]:
        """(similarity, code) of every option, best first: weighted Dice of the word sets,
        the option's best way of writing it."""
        mine = set(words(text))
        scores: dict[str, float] = {}
        for o in self.options:
            for name in (o.label, *o.names):
                score = self._dice(mine, set(words(name)))
                if score > scores.get(o.code, 0.0):
                    scores[o.code] = score
        return sorted(((s, c) for c, s in scores.items() if s > 0), key=lambda p: -p[0])

    def _dice(self, a: set[str], b: set[str]) -> float:
        if not a or not b:
            return 0.0
        w = self.weight
        both = sum(w.get(x, 1.0) for x in a & b)
        return 2 * both / (sum(w.get(x, 1.0) for x in a) + sum(w.get(x, 1.0) for x in b))


def options_of(f, catalogues) -> list[Option]:
    """The options of a choice field with the names its catalogue items carry: the installed
    item's, and the shipped file's aliases (ways of writing, not facts: a database whose
    catalogue version predates an alias still reads it)."""
    if f.choices or not f.catalogue:
        return [Option(code, label, (code,)) for code, label in f.options(catalogues)]
    shipped = _shipped_aliases()
    return [Option(i["code"], i["label"], _names(i, shipped.get((f.catalogue, i["code"]), ())))
            for i in catalogues.items(f.catalogue)]


def _names(item: dict, more: tuple[str, ...]) -> tuple[str, ...]:
    found = (item["code"], item.get("short"), *(item.get("aliases") or ()), *more)
    return tuple(dict.fromkeys(n for n in found if isinstance(n, str) and n))


@lru_cache(maxsize=1)
def _shipped_aliases() -> dict[tuple[str, str], tuple[str, ...]]:
    return {(c["kind"], str(i["code"])): tuple(i.get("aliases") or ())
            for c in catalogues_.shipped() for i in c["items"]}
