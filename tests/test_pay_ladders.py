"""The pay-class ladders of `ngach_luong` agree with themselves: each `coefficients` list has `steps`
entries, starts at `min`, ends at `max` and climbs by `step_increment` at every bậc. A slip when typing
one bậc (the copy of Bảng 4 on donre.hochiminhcity.gov.vn prints 3,86 at bậc 11 of «Lái xe cơ quan»)
breaks the ladder and fails here. This checks our file only; which ladders were read in NĐ 204/2004/NĐ-CP
is recorded in the items' `verified` / `verified_note` (docs/legal-sources.md lists the unverified ones)."""

from __future__ import annotations

from decimal import Decimal

from desktop_app import catalogues

LADDERS = next(c for c in catalogues.shipped() if c["kind"] == "ngach_luong")["items"]


def dec(value: float) -> Decimal:
    return Decimal(str(value))


def test_every_ladder_climbs_by_its_step_from_min_to_max():
    for item in LADDERS:
        rungs = [dec(c) for c in item["coefficients"]]
        step = dec(item["step_increment"])
        expected = [dec(item["min"]) + step * i for i in range(item["steps"])]
        assert rungs == expected, item["code"]
        assert rungs[-1] == dec(item["max"]), item["code"]


def test_loai_c_and_bang_4_ladders_have_twelve_bac_two_years_apart():
    # the shape the catalogue note states for the classes below college level (B, C, Bảng 4)
    short = [i for i in LADDERS if i["code"] == "B" or i["code"].startswith(("C", "BANG4_"))]
    assert len(short) == 9
    assert {(i["steps"], i["step_years"]) for i in short} == {(12, 2)}
    assert {i["step_increment"] for i in short if i["code"] != "B"} == {0.18}
