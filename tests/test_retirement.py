import pytest

from desktop_app.catalogues import shipped
from desktop_app.services.retirement import retirement_date

ROADMAP = next(c for c in shipped() if c["kind"] == "tuoi_nghi_huu")["items"]


@pytest.mark.parametrize("birth,gender,expected", [
    ("1960-05-10", "nam", "2020-06-01"),   # before the roadmap: 60
    ("1961-05-10", "nam", "2021-09-01"),   # 60y3m reached 08/2021
    ("1961-11-10", "nam", "2022-06-01"),   # 60y3m falls in 2022, so 60y6m: 05/2022
    ("1966-03-01", "nu", "2021-08-01"),    # 55y4m reached 07/2021
    ("1990-01-01", "nam", "2052-02-01"),   # 62 after 2028
    ("1990", "nu", "2050-02-01"),          # year only: treated as 01/01
    (None, "nam", None),
])
def test_retirement_roadmap(birth, gender, expected):
    assert retirement_date(birth, gender, ROADMAP) == expected
