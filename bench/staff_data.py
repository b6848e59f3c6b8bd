"""A province-scale staff database for the benches (≈ 2,500 units, 50,000
people) written with executemany in one transaction, with the folded name
and sort keys the app computes on write. Used until the demo generator's
province scale is on main; deterministic for a given seed."""

from __future__ import annotations

import random
from pathlib import Path

from desktop_app import vntext
from desktop_app.context import Context, open_context
from desktop_app.services import office

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý")
MIDDLE = ("Thị", "Văn", "Thị Thu", "Đức", "Minh", "Ngọc", "Thanh", "Hữu", "Thị Mỹ", "Quang", "Xuân")
GIVEN = ("Hằng", "Hương", "Lan", "Hà", "Dũng", "Đức", "Tuấn", "Phương", "Anh", "Hải", "Hùng", "Linh",
         "Mai", "Nam", "Ngọc", "Oanh", "Quân", "Sơn", "Thảo", "Trang", "Trung", "Yến", "Ánh", "Ước")
KINDS = ("Trường Tiểu học", "Trường Mầm non", "Trường Trung học cơ sở", "Trạm Y tế", "Trung tâm Văn hóa")
PLACES = ("Phúc Đồng", "Ngọc Thụy", "Gia Thụy", "Đông Anh", "Long Biên", "Bồ Đề", "Việt Hưng", "Sơn Tây")
FIELDS = ("TH", "MN", "THCS", "YTE", "VHTTDL")
TITLES = ("V.07.03.29", "V.07.02.26", "V.07.04.32", "V.08.05.13", "V.10.01.03")


def build(path: Path, units: int = 2500, people: int = 50_000, seed: int = 1) -> Context:
    ctx = open_context(path)
    office.save(ctx, {"name": "Sở Nội vụ tỉnh Bắc Ninh", "level": "tinh"})
    rng = random.Random(seed)
    unit_rows = []
    for i in range(units):
        kind = rng.randrange(len(KINDS))
        name = f"{KINDS[kind]} {rng.choice(PLACES)} số {i}"
        unit_rows.append((i + 1, f"U{i:05d}", name, vntext.fold(name), FIELDS[kind]))
    person_rows = [_person(rng, i, units) for i in range(people)]
    with ctx.db.atomic():
        ctx.db.conn.executemany("INSERT INTO unit (id, code, name, name_key, field) VALUES (?, ?, ?, ?, ?)",
                                unit_rows)
        ctx.db.conn.executemany(
            "INSERT INTO person (full_name, name_key, sort_key, birth_date, gender, cccd, unit_id, "
            "title_code, employment_kind, coefficient, retire_on, left_on) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", person_rows)
    return ctx


def _person(rng: random.Random, i: int, units: int) -> tuple:
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    year = rng.randint(1962, 2002)
    born = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    left = f"{rng.randint(2018, 2025)}-06-30" if rng.random() < 0.08 else None
    return (name, vntext.fold(name), vntext.name_sort_key(name), born, rng.choice(("nam", "nu")),
            f"{rng.randint(1, 96):03d}{i:09d}", rng.randint(1, units), rng.choice(TITLES),
            rng.choice(("VIEN_CHUC", "VIEN_CHUC", "VIEN_CHUC", "HDLD_111")),
            round(rng.uniform(2.34, 4.98), 2), f"{year + 61}-01-01", left)
