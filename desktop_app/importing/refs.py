"""Reference lookups for an import, loaded once into dicts: units by code and
by accent-folded name, people by CCCD and name, positions by unit and name,
and the keys that would make an imported row a duplicate of a stored one.

A 50,000-row file then costs dictionary look-ups, not queries per row.
Messages match ``services.records.resolve`` so a clerk reads the same words.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.importing import matching


class Refs:
    def __init__(self, ctx: Context):
        db = ctx.db  # plain tuples, not a dict per row: a province file holds 70,000 people
        self._db = db
        self._loose: dict[str, list[int]] | None = None
        self.units_by_name: dict[str, int] = {}  # texts read as a unit not spelt exactly
        self.unit_ids: set[int] = set()
        self.unit_by_code: dict[str, int] = {}
        self.unit_by_key: dict[str, list[int]] = defaultdict(list)
        for unit_id, code, name_key in db.execute("SELECT id, code, name_key FROM unit"):
            self.unit_ids.add(unit_id)
            self.unit_by_code[code] = unit_id
            self.unit_by_key[name_key].append(unit_id)
        self.person_by_cccd: dict[str, int] = {}
        self.person_by_key: dict[str, list[int]] = defaultdict(list)
        self.person_same: dict[tuple, int] = {}
        for person_id, cccd, name_key, birth, unit_id in db.execute(
                "SELECT id, cccd, name_key, birth_date, unit_id FROM person"):
            if cccd:
                self.person_by_cccd[cccd] = person_id
            self.person_by_key[name_key].append(person_id)
            self.person_same[(name_key, birth, unit_id)] = person_id
        self.position_by_key: dict[tuple[int | None, str], list[int]] = defaultdict(list)
        for position_id, unit_id, name in db.execute("SELECT id, unit_id, name FROM position"):
            self.position_by_key[(unit_id, vntext.fold(name))].append(position_id)

    def unit(self, value: Any) -> int:
        if isinstance(value, int) and value in self.unit_ids:
            return value
        text = vntext.clean(str(value)) or ""
        if text in self.unit_by_code:
            return self.unit_by_code[text]
        ids = self.unit_by_key.get(vntext.fold(text), [])
        if not ids:
            ids = self.units_read_as(text)
            if len(ids) == 1:
                self.units_by_name[text] = ids[0]
        return _one(ids, f"đơn vị «{text}»", "hãy ghi mã đơn vị", "(theo mã hoặc tên)")

    def units_read_as(self, text: str) -> list[int]:
        """Units a text names as a person reads it: code or name in any case and accents,
        without «Trường», with MN / TH / THCS / THPT … read out (``unit_words``)."""
        if self._loose is None:
            self._loose = defaultdict(list)
            for unit_id, code, name, short in self._db.execute(
                    "SELECT id, code, name, short_name FROM unit"):
                for k in {unit_key(t) for t in (code, name, short) if t}:
                    self._loose[k].append(unit_id)
        return self._loose.get(unit_key(text), []) if unit_key(text) else []

    def person(self, value: Any) -> int:
        text = vntext.clean(str(value)) or ""
        if text in self.person_by_cccd:
            return self.person_by_cccd[text]
        return _one(self.person_by_key.get(vntext.fold(text), []), f"người «{text}»",
                    "hãy ghi số CCCD", "(theo số CCCD hoặc họ tên)")

    def position(self, value: Any, unit_id: int | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = vntext.clean(str(value)) or ""
        return _one(self.position_by_key.get((unit_id, vntext.fold(text)), []),
                    f"vị trí việc làm «{text}» ở đơn vị này", "hãy sửa tên cho khớp", "")


    def unit_in_text(self, text: str) -> int | None:
        """The one unit whose name (read as ``unit_key``) lies whole inside a title such as
        «DANH SÁCH VIÊN CHỨC TRƯỜNG MẦM NON HOA SEN NĂM 2026», the longest if several."""
        exact = self.units_read_as(text)
        if len(exact) == 1:
            return exact[0]
        mine = set(unit_key(text).split())
        inside = sorted(((len(k.split()), ids) for k, ids in (self._loose or {}).items()
                         if len(k.split()) >= 2 and set(k.split()) <= mine), key=lambda p: -p[0])
        if not inside or len(inside[0][1]) != 1 or (len(inside) > 1 and inside[1][0] == inside[0][0]
                                                   and inside[1][1] != inside[0][1]):
            return None
        return inside[0][1][0]


# A word of a unit's name that says nothing about which unit («Trường»); and the
# school levels' abbreviations as written in names («TH Phúc Đồng», «MN Hoa Sen»).
_UNIT_NOISE = frozenset({"truong"})
_UNIT_ABBREVIATIONS = {"th": "tieu hoc", "mg": "mau giao", "tt": "trung tam", "yt": "y te",
                       "tyt": "tram y te", "ptdtbt": "pho thong dan toc ban tru"}


def unit_key(text: str) -> str:
    found: list[str] = []
    for w in matching.words(text):
        found += _UNIT_ABBREVIATIONS.get(w, w).split()
    return " ".join(sorted(w for w in found if w not in _UNIT_NOISE))


def _one(ids: list[int], what: str, hint: str, how: str) -> int:
    if len(ids) == 1:
        return ids[0]
    if ids:
        raise ValueError(f"có {len(ids)} {what}; {hint}.")
    raise ValueError(f"không có {what} {how}".rstrip() + ".")
