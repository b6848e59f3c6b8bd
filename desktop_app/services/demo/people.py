"""One demo person: identity, education, title, pay, and when and why they leave.

Everything is drawn from the run's random.Random; dates are ISO text and
codes come from the shipped catalogues, so rows are in stored form.
"""

from __future__ import annotations

import datetime as dt
import random
from functools import cache

from desktop_app.services.demo import names
from desktop_app.services.demo.kinds import ACCOUNTANT
from desktop_app.services.demo.names import Weighted, between

REF = dt.date(2026, 11, 1)          # the generation's "today": never the clock
FIRST_YEAR = 2016

EDUCATION_FIELD = {"MN": "Sư phạm Mầm non", "TH": "Sư phạm Tiểu học", "THCS": "Sư phạm Toán",
                   "TH_THCS": "Sư phạm Ngữ văn", "THPT": "Sư phạm Vật lý", "YTE": "Y đa khoa",
                   "VHTTDL": "Quản lý văn hóa", "TTTT": "Báo chí", "QLDA": "Kỹ thuật xây dựng",
                   "NONG_NGHIEP": "Khoa học cây trồng", "TNMT": "Quản lý đất đai",
                   "GDNN_GDTX": "Công nghệ kỹ thuật cơ khí", "DVTH_XA": "Quản lý kinh tế",
                   "SNKT_KHAC": "Quản lý kinh tế"}
SUPPORT_EDU = Weighted((("KHAC", 4), ("SC", 3), ("TC", 3), ("CD", 1)))
STAFF_EDU = Weighted((("THS", 8), ("DH", 70), ("CD", 15), ("TC", 7)))
LEADER_EDU = Weighted((("THS", 30), ("DH", 70)))
LEADER_POLITICS = Weighted((("TRUNG_CAP", 4), ("CAO_CAP", 1)))
STAFF_POLITICS = Weighted(((None, 55), ("SO_CAP", 35), ("TRUNG_CAP", 10)))
STATE_MGMT = Weighted(((None, 80), ("CV", 15), ("CAN_SU", 5)))
IT = Weighted(((None, 8), ("CC_ABC", 25), ("CC_CO_BAN", 55), ("CC_NANG_CAO", 8), ("DH_TRO_LEN", 4)))
LANGUAGE = Weighted(((None, 25), ("ANH_CC", 66), ("ANH_DH", 5), ("KHAC_CC", 4)))
LEAVING = Weighted((("THOI_VIEC", 4), ("CHUYEN_CONG_TAC", 5), ("TINH_GIAN", 2)))
PROFESSION_PCT = {"MN": 35.0, "TH": 35.0, "THCS": 30.0, "TH_THCS": 30.0, "THPT": 30.0, "YTE": 40.0,
                  "GDNN_GDTX": 30.0}


def iso(day: dt.date) -> str:
    return day.isoformat()


def random_day(rng: random.Random, year: int, months: tuple[int, int] = (1, 12)) -> dt.date:
    return dt.date(year, between(rng, *months), between(rng, 1, 28))


@cache
def _support_table(pool: tuple) -> Weighted:
    """(title, salary class) by weight, built once per pool of support titles."""
    return Weighted([((t[0], t[1]), t[2]) for t in pool])


@cache
def _title_table(pool: tuple) -> Weighted:
    return Weighted([(t[0], t[1]) for t in pool])


class Maker:
    """Draws persons for one run: needs the catalogues (cdnn, ngach_luong, chuc_vu)."""

    def __init__(self, rng: random.Random, catalogues, place_code: str, province: str, derive):
        self.rng = rng
        self.cdnn = {i["code"]: i for i in catalogues.items("cdnn")}
        self.classes = {i["code"]: i for i in catalogues.items("ngach_luong")}
        self.roles = {i["code"]: i for i in catalogues.items("chuc_vu")}
        self.cccd = names.CccdMaker(rng, place_code)
        self.province = province
        self.derive = derive            # records.derived_person bound to the context

    # ------------------------------------------------------------ identity
    def person(self, unit: dict, role: str, recruited: dt.date, age: int) -> dict:
        rng, kind = self.rng, unit["_kind"]
        female = kind.female if role in ("prof", "deputy") else (0.45 if role == "head" else 0.5)
        gender = "nu" if rng.random() < female else "nam"
        born = dt.date(recruited.year - age, between(rng, 1, 12), between(rng, 1, 28))
        birth = str(born.year) if rng.random() < 0.02 else iso(born)   # some records: year only
        minority = unit.get("region") == 1 and rng.random() < 0.35
        p = {"full_name": names.full_name(rng, gender), "birth_date": birth, "gender": gender,
             "ethnicity": rng.choice(("03", "06", "09", "08")) if minority else names.ethnicity(rng),
             "religion": names.religion(rng), "cccd": self.cccd.make(born.year, gender),
             "hometown": f"xã {names.COMMUNES[int(rng.random() * len(names.COMMUNES))]}, {self.province}",
             "recruited_on": iso(recruited), "note": None}
        p.update(self.derive(p))
        p.update(self._post(unit, role, recruited))
        p.update(self._schooling(unit, role, recruited))
        return p

    # ------------------------------------------------------------ post and pay
    def _post(self, unit: dict, role: str, recruited: dt.date) -> dict:
        rng, kind = self.rng, unit["_kind"]
        young = (REF.year - recruited.year) < 9
        if role == "support":
            title, salary_class = _support_table(kind.support).pick(rng)
        else:
            pool = ACCOUNTANT if role == "acct" else kind.titles
            title = _title_table(pool).pick(rng)
            if young or role == "acct":
                title = self._junior(title, pool)
            salary_class = self.cdnn[title]["salary_class"]
        leader = {"head": kind.head, "deputy": kind.deputy}.get(role)
        contract = role == "support" and rng.random() < 0.75
        autonomous = kind.autonomy[0] >= 100
        post = {"unit_id": unit["id"], "position_id": None, "leader_role": leader, "title_code": title,
                "title_rank": self.cdnn[title].get("hang"), "career_level": None,
                "salary_class": salary_class, "salary_step": 1, "coefficient": None,
                "pay_source": "NGUON_THU" if autonomous else "NSNN",
                "employment_kind": "HDLD_111" if contract else "VIEN_CHUC",
                "allowance_position": self.roles[leader]["allowance_typical"] if leader else None,
                "allowance_profession_pct": PROFESSION_PCT.get(unit["field"]) if role != "support" else None,
                "allowance_seniority_pct": None, "_role": role, "_step_from": recruited}
        return post

    def _junior(self, title: str, pool) -> str:
        """Young staff hold the lowest-class title of their family."""
        order = ("B", "A0", "A1", "A2.2", "A2.1", "A3.2", "A3.1")
        codes = [t[0] for t in pool if self.cdnn[t[0]]["salary_class"] in order]
        return min(codes, key=lambda c: order.index(self.cdnn[c]["salary_class"])) if codes else title

    def step_at(self, salary_class: str, since: dt.date, day: dt.date) -> int:
        item = self.classes[salary_class]
        years = max(0, (day - since).days // 365)
        return min(int(item["steps"]), 1 + years // int(item["step_years"]))

    def coefficient(self, salary_class: str, step: int) -> float:
        return float(self.classes[salary_class]["coefficients"][step - 1])

    def step_years(self, salary_class: str) -> int:
        return int(self.classes[salary_class]["step_years"])

    def promoted(self, title: str) -> str | None:
        """The next hạng up in the same family (same code prefix), if any."""
        item = self.cdnn[title]
        prefix = title.rsplit(".", 1)[0]
        up = {"IV": "III", "III": "II", "II": "I"}.get(item.get("hang") or "")
        for code, other in self.cdnn.items():
            if code.startswith(prefix) and other.get("hang") == up and not other.get("obsolete") \
                    and not other.get("replaced_by"):
                return code
        return None

    # ------------------------------------------------------------ schooling
    def _schooling(self, unit: dict, role: str, recruited: dt.date) -> dict:
        rng = self.rng
        leader = role in ("head", "deputy")
        edu = (SUPPORT_EDU if role == "support" else LEADER_EDU if leader else STAFF_EDU).pick(rng)
        party = leader or rng.random() < 0.33
        party_year = min(REF.year - 1, recruited.year + between(rng, 2, 10))
        return {"education_level": edu,
                "education_field": EDUCATION_FIELD.get(unit["field"]) if role == "prof" else (
                    "Kế toán" if role == "acct" else None),
                "politics_level": (LEADER_POLITICS if leader else STAFF_POLITICS).pick(rng),
                "state_mgmt_level": "CV" if leader else STATE_MGMT.pick(rng),
                "it_level": IT.pick(rng), "language_level": LANGUAGE.pick(rng),
                "party_member": int(party),
                "party_date": f"{party_year}-{between(rng, 1, 12):02d}-{between(rng, 1, 28):02d}"
                if party else None}

    # ------------------------------------------------------------ leaving
    def leave_plan(self, p: dict, start: dt.date) -> tuple[dt.date, str] | None:
        """Retirement at retire_on, or an earlier departure drawn year by year."""
        rng = self.rng
        retire = dt.date.fromisoformat(p["retire_on"]) if p.get("retire_on") else None
        for year in range(max(FIRST_YEAR, start.year), REF.year + 1):
            if retire and retire.year == year:
                break
            roll = rng.random()
            if roll < 0.013:
                reason = LEAVING.pick(rng)
                day = random_day(rng, year, (1, 12 if year < REF.year else 10))
                if day > start:
                    return day, reason
        if retire and retire <= REF:
            return retire, "NGHI_HUU"
        return None
