"""Vietnamese names, places and CCCD numbers for the demo data.

Surname weights follow the commonly cited national frequencies (Nguyễn ≈ 38 %,
Trần 11 %, Lê 9,5 % …); middle names depend on gender. All text is NFC.
"""

from __future__ import annotations

import random
import unicodedata
from bisect import bisect
from itertools import accumulate

SURNAMES = (("Nguyễn", 38.0), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.0), ("Hoàng", 2.6),
            ("Huỳnh", 2.4), ("Phan", 4.5), ("Vũ", 2.0), ("Võ", 1.9), ("Đặng", 2.1), ("Bùi", 2.0),
            ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5), ("Đinh", 0.8),
            ("Đào", 0.7), ("Mai", 0.6), ("Trịnh", 0.6), ("Lương", 0.5), ("Tạ", 0.4), ("Cao", 0.5),
            ("Lâm", 0.4), ("Chu", 0.3), ("Tô", 0.3), ("Kiều", 0.2), ("Quách", 0.2), ("Triệu", 0.3),
            ("Hà", 0.5), ("Vương", 0.2), ("Lục", 0.1), ("Nông", 0.2), ("Thái", 0.2))
MIDDLE = {"nam": ("Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Xuân",
                  "Tuấn", "Mạnh", "Đình", "Ngọc", "Trung", "Hoàng", "Anh", "Duy", "Tiến", "Bá"),
          "nu": ("Thị", "Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Phương",
                 "Kim", "Thúy", "Mai", "Khánh", "Bích", "Diệu", "Lan", "Hải", "Quỳnh", "Như")}
GIVEN = {"nam": ("Hùng", "Dũng", "Tuấn", "Minh", "Hải", "Nam", "Long", "Quân", "Thắng", "Sơn",
                 "Cường", "Phong", "Hiếu", "Trung", "Đức", "Thành", "Huy", "Khánh", "Tùng", "Bình",
                 "Vinh", "Quang", "Toàn", "Lâm", "Hưng", "Phúc", "Tài", "Kiên", "Việt", "Hoàng",
                 "Đạt", "Tiến", "Thịnh", "Lộc", "Nghĩa", "Thái", "Hòa", "Chiến", "Trường", "Đông"),
         "nu": ("Hằng", "Lan", "Hương", "Hoa", "Mai", "Linh", "Trang", "Thảo", "Hà", "Ngọc",
                "Nhung", "Huyền", "Yến", "Dung", "Phương", "Thủy", "Hạnh", "Vân", "Nga", "Loan",
                "Oanh", "Thu", "Hiền", "Liên", "Quyên", "Giang", "Anh", "Chi", "Tâm", "Nhàn",
                "Duyên", "Hồng", "Thúy", "Trinh", "My", "Ly", "Ánh", "Diệp", "Uyên", "Xuân")}

# Commune names for the former district's communes and the provinces' districts.
COMMUNES = ("Phúc Đồng", "Tân Phong", "Đông Hòa", "Yên Thịnh", "Thanh Xuân", "Hòa Bình", "An Khánh",
            "Tiên Phong", "Quang Trung", "Minh Đức", "Hưng Đạo", "Trung Hòa", "Nghĩa Hưng",
            "Đồng Tâm", "Hợp Thành", "Vĩnh Lộc", "Tân Lập", "Xuân Sơn", "Thạch Bàn", "Cẩm Hà",
            "Bình Minh", "Phú Thịnh", "Lạc Long", "Kim Đức", "Thượng Thanh", "Gia Hòa", "Đại Đồng",
            "Thụy Lâm", "Vân Nội", "Hồng Phong", "Định Công", "Mỹ Hưng", "Liên Châu", "Sơn Đông")
DISTRICTS = ("Yên Thành", "Diễn Châu", "Quỳnh Lưu", "Nghi Lộc", "Hưng Nguyên", "Nam Đàn",
             "Thanh Chương", "Đô Lương", "Anh Sơn", "Tân Kỳ", "Nghĩa Đàn", "Quỳ Hợp", "Quỳ Châu",
             "Quế Phong", "Con Cuông", "Tương Dương", "Kỳ Sơn", "Hoàng Mai", "Thái Hòa")
PROVINCE = ("Nghệ An", "040")  # province name and its 3-digit CCCD place code
CITY = ("Hà Nội", "001")
CITY_DISTRICT = "Gia Lâm"  # the office scale's former district

# Ethnicity codes (dan_toc catalogue) and weights for minorities in a mixed district.
ETHNIC = (("01", 86.0), ("06", 3.0), ("03", 3.5), ("02", 2.0), ("07", 1.5), ("08", 1.5),
          ("04", 1.0), ("05", 0.5), ("09", 1.0))
RELIGION = (("KHONG", 84.0), ("PHAT_GIAO", 8.0), ("CONG_GIAO", 6.5), ("TIN_LANH", 0.8),
            ("CAO_DAI", 0.4), ("HOA_HAO", 0.3))


class Weighted:
    """Weighted choice with precomputed cumulative weights (fast and deterministic)."""

    def __init__(self, pairs):
        self.values = [p[0] for p in pairs]
        self.cum = list(accumulate(p[1] for p in pairs))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random):
        return self.values[bisect(self.cum, rng.random() * self.total)]


_SURNAME = Weighted(SURNAMES)
_ETHNIC = Weighted(ETHNIC)
_RELIGION = Weighted(RELIGION)


def between(rng: random.Random, low: int, high: int) -> int:
    """rng.randint without its overhead (called millions of times at province scale)."""
    return low + int(rng.random() * (high - low + 1))


def full_name(rng: random.Random, gender: str) -> str:
    parts = [_SURNAME.pick(rng), rng.choice(MIDDLE[gender])]
    if rng.random() < 0.25:  # a second middle name: Nguyễn Thị Thu Hằng
        parts.append(rng.choice(MIDDLE[gender][4:]))
    parts.append(rng.choice(GIVEN[gender]))
    return unicodedata.normalize("NFC", " ".join(dict.fromkeys(parts)))


def ethnicity(rng: random.Random) -> str:
    return _ETHNIC.pick(rng)


def religion(rng: random.Random) -> str:
    return _RELIGION.pick(rng)


class CccdMaker:
    """12-digit CCCD: place code (3) + century/gender digit + 2-digit birth year + 6 digits,
    unique within one generation run."""

    def __init__(self, rng: random.Random, place_code: str):
        self.rng, self.place = rng, place_code
        self.used: set[str] = set()

    def make(self, birth_year: int, gender: str) -> str:
        digit = (0 if gender == "nam" else 1) + (2 if birth_year >= 2000 else 0)
        while True:
            number = f"{self.place}{digit}{birth_year % 100:02d}{int(self.rng.random() * 10**6):06d}"
            if number not in self.used:
                self.used.add(number)
                return number
