"""The demo's personnel file (issue #19): for each person a degree and some bồi dưỡng, the
family the lý lịch asks for, work before recruitment for some, the contract their kind needs
(fixed-term ones ending around the reference month, so the hop-dong list has content), a
few khen thưởng and a rare kỷ luật. Drawn from its own random stream, so the rest of the demo
stays exactly as before."""

from __future__ import annotations

import datetime as dt
import random

from desktop_app.services.demo.people import REF

TRAINING_COLUMNS = ["person_id", "kind", "from_date", "to_date", "institution", "major", "mode", "credential"]
FAMILY_COLUMNS = ["person_id", "side", "relation", "full_name", "birth_year", "hometown", "occupation"]
PRIOR_COLUMNS = ["person_id", "from_date", "to_date", "place", "role"]
CONTRACT_COLUMNS = ["person_id", "kind", "number", "from_date", "to_date", "decision_body"]
AWARD_COLUMNS = ["person_id", "year", "form", "level", "decision_no", "decision_date", "decision_body"]
DISCIPLINE_COLUMNS = ["person_id", "form", "from_date", "to_date", "reason", "decision_no", "decision_date"]

_SCHOOLS = (
    "Trường Đại học Sư phạm Hà Nội",
    "Trường Đại học Sư phạm Hà Nội 2",
    "Trường Đại học Vinh",
    "Trường Đại học Y Hà Nội",
    "Trường Cao đẳng Sư phạm Trung ương",
    "Trường Đại học Thái Nguyên",
    "Trường Đại học Kinh tế Quốc dân",
    "Học viện Hành chính Quốc gia",
)
_CREDENTIAL = {"TS": "Tiến sĩ", "THS": "Thạc sĩ", "DH": "Cử nhân", "CD": "Cao đẳng", "TC": "Trung cấp"}
_YEARS = {"TS": 4, "THS": 2, "DH": 4, "CD": 3, "TC": 2}
_COURSES = (
    "Bồi dưỡng theo tiêu chuẩn chức danh nghề nghiệp hạng III",
    "Trung cấp lý luận chính trị",
    "Bồi dưỡng kiến thức quản lý nhà nước",
    "Bồi dưỡng ứng dụng công nghệ thông tin cơ bản",
)
_JOBS = ("Làm ruộng", "Nghỉ hưu", "Công nhân", "Buôn bán", "Giáo viên", "Cán bộ hưu trí", "Nội trợ")
_GIVEN_M = ("Văn Hùng", "Văn Toàn", "Đức Long", "Quang Minh", "Văn Thắng", "Minh Tuấn")
_GIVEN_F = ("Thị Hoa", "Thị Lan", "Thị Mai", "Thị Hương", "Thị Nga", "Thị Thảo")
_PLACES = (
    "Công ty TNHH Minh Phát",
    "Trường Mầm non tư thục Hoa Mai",
    "Phòng khám đa khoa Hồng Đức",
    "Công ty cổ phần Sách Giáo dục",
)


def _iso(d: dt.date) -> str:
    return d.isoformat()


class FileMaker:
    def __init__(self, seed: int):
        self.rng = random.Random(f"ho-so-{seed}")
        self.training: list[list] = []
        self.family: list[list] = []
        self.prior: list[list] = []
        self.contracts: list[list] = []
        self.awards: list[list] = []
        self.discipline: list[list] = []

    def add(self, pid: int, row: dict) -> None:
        born = (
            dt.date.fromisoformat(str(row["birth_date"])[:4] + "-01-01").year
            if row.get("birth_date")
            else 1980
        )
        recruited = (
            dt.date.fromisoformat(row["recruited_on"]) if row.get("recruited_on") else dt.date(2010, 9, 1)
        )
        self._degree(pid, row, born)
        self._family(pid, row, born)
        if self.rng.random() < 0.3 and recruited.year - born > 24:
            start = dt.date(recruited.year - self.rng.randint(1, 4), 9, 1)
            self.prior.append(
                [
                    pid,
                    _iso(start)[:7],
                    _iso(recruited - dt.timedelta(days=1))[:7],
                    self.rng.choice(_PLACES),
                    "Nhân viên",
                ]
            )
        self._contract(pid, row, recruited)
        if self.rng.random() < 0.25:
            year = self.rng.choice((2023, 2024, 2025))
            self.awards.append(
                [
                    pid,
                    year,
                    self.rng.choice(("Giấy khen", "Lao động tiên tiến", "Bằng khen")),
                    self.rng.choice(("xa", "co_so", "tinh")),
                    f"{self.rng.randint(10, 500)}/QĐ-UBND",
                    f"{year}-12-{self.rng.randint(10, 28)}",
                    "Ủy ban nhân dân",
                ]
            )
        if self.rng.random() < 0.01 and recruited.year < 2022:
            start = dt.date(2024, self.rng.randint(1, 12), 1)
            self.discipline.append(
                [
                    pid,
                    "KHIEN_TRACH",
                    _iso(start),
                    _iso(start.replace(year=2025)),
                    "Vi phạm quy chế làm việc",
                    f"{self.rng.randint(1, 90)}/QĐ-KL",
                    _iso(start),
                ]
            )

    def _degree(self, pid: int, row: dict, born: int) -> None:
        level = row.get("education_level") or "DH"
        if level in _CREDENTIAL:
            start = born + 18
            self.training.append(
                [
                    pid,
                    "dao_tao",
                    f"{start}-09",
                    f"{start + _YEARS[level]}-06",
                    self.rng.choice(_SCHOOLS),
                    row.get("education_field"),
                    "chinh_quy",
                    _CREDENTIAL[level],
                ]
            )
        low = max(born + 24, 2012)
        for _ in range(self.rng.choice((0, 1, 1, 2)) if low <= 2025 else 0):
            year = self.rng.randint(low, 2025)
            self.training.append(
                [
                    pid,
                    "boi_duong",
                    f"{year}-0{self.rng.randint(3, 8)}",
                    None,
                    "Trường Chính trị tỉnh",
                    self.rng.choice(_COURSES),
                    "khong_tap_trung",
                    "Chứng chỉ",
                ]
            )

    def _family(self, pid: int, row: dict, born: int) -> None:
        family = str(row["full_name"]).split()[0]
        home = row.get("hometown")
        self.family.append(
            [
                pid,
                "ban_than",
                "Bố",
                f"{family} {self.rng.choice(_GIVEN_M)}",
                born - self.rng.randint(24, 32),
                home,
                self.rng.choice(_JOBS),
            ]
        )
        self.family.append(
            [
                pid,
                "ban_than",
                "Mẹ",
                f"{self.rng.choice(('Nguyễn', 'Trần', 'Lê', 'Phạm'))} {self.rng.choice(_GIVEN_F)}",
                born - self.rng.randint(22, 30),
                home,
                self.rng.choice(_JOBS),
            ]
        )
        if REF.year - born > 26 and self.rng.random() < 0.8:
            spouse = "Chồng" if row.get("gender") == "nu" else "Vợ"
            given = _GIVEN_M if spouse == "Chồng" else _GIVEN_F
            self.family.append(
                [
                    pid,
                    "ban_than",
                    spouse,
                    f"{self.rng.choice(('Hoàng', 'Vũ', 'Đỗ'))} {self.rng.choice(given)}",
                    born + self.rng.randint(-3, 3),
                    None,
                    self.rng.choice(("Giáo viên", "Kỹ sư", "Kinh doanh", "Công chức")),
                ]
            )
            for n in range(self.rng.choice((1, 2, 2, 3))):
                self.family.append(
                    [
                        pid,
                        "ban_than",
                        "Con",
                        f"{family} {self.rng.choice(_GIVEN_M + _GIVEN_F)}",
                        min(REF.year - 1, born + 27 + 3 * n),
                        None,
                        "Học sinh",
                    ]
                )

    def _contract(self, pid: int, row: dict, recruited: dt.date) -> None:
        kind = row.get("employment_kind")
        if kind in ("VIEN_CHUC", "TAP_SU") and self.rng.random() < 0.97:
            fixed = recruited >= dt.date(2020, 7, 1) and self.rng.random() < 0.5
            end = None
            if fixed:  # ends in the next months: the hop-dong list has something to show
                end = REF + dt.timedelta(days=self.rng.randint(-20, 120))
                end = max(end, recruited + dt.timedelta(days=365))
            self.contracts.append(
                [
                    pid,
                    "HDLV_XD" if fixed else "HDLV_KXD",
                    f"{pid}/HĐLV",
                    _iso(recruited),
                    _iso(end) if end else None,
                    "Thủ trưởng đơn vị",
                ]
            )
        elif kind == "HDLD_111":
            end = REF + dt.timedelta(days=self.rng.randint(-10, 200))
            self.contracts.append(
                [
                    pid,
                    "HDLD_111",
                    f"{pid}/HĐLĐ",
                    _iso(recruited),
                    _iso(max(end, recruited + dt.timedelta(days=180))),
                    "Thủ trưởng đơn vị",
                ]
            )
