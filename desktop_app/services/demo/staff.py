"""Ten years of staff history, simulated year by year (2016 → the reference date).

Each unit starts with a headcount somewhat above today's (the 19-NQ/TW cut),
people retire at their retire_on or leave for other reasons, replacements are
recruited each year, a few move between units (dieu_chuyen) or go up a hạng
(thay_doi_cdnn), and reorganisation events move whole staffs (sap_xep).
Changes are collected per person and folded at the end into contiguous
assignment rows, with pay steps (nang_luong) every step_years.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

from desktop_app.services.demo.people import FIRST_YEAR, REF, Maker, iso, random_day

REGIME_SWITCH = dt.date(2026, 7, 1)
ROLE_GROUP = {"ND106-2020": {"head": "LDQL", "deputy": "LDQL", "prof": "CDNN_CN", "acct": "CDNN_DC",
                             "support": "HTPV"},
              "ND232-2026": {"head": "QL", "deputy": "QL", "prof": "CMNV", "acct": "CMNV_KT",
                             "support": "HT"}}


def _years_later(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years)


def target(u: dict, year: int) -> int:
    """Headcount wanted at the end of ``year``: flat until 2021, then the cut down to today's size."""
    base = 1 + u["deputies"] + u["_acct"] + u["_support"] + u["_prof"]
    return round(base * (1 + u["_shrink"] * min(1.0, (REF.year - year) / 5)))


class Staffing:
    def __init__(self, maker: Maker, plan, rng: random.Random):
        self.maker, self.plan, self.rng = maker, plan, rng
        self.people: list[dict] = []
        self.by_unit: dict[int, list[dict]] = {u["id"]: [] for u in plan.units}
        self.units = {u["id"]: u for u in plan.units}
        self.moved: Counter = Counter()

    # ------------------------------------------------------------ simulation
    def run(self) -> None:
        moves = sorted(self.plan.moves, key=lambda m: (m[1], m[0]))
        for year in range(FIRST_YEAR, REF.year + 1):
            for eid, day, src, dst in (m for m in moves if m[1].startswith(str(year))):
                self._move_all(eid, dt.date.fromisoformat(day), src, dst)
            for u in self.plan.units:
                if self._open_in(u, year):
                    self._staff(u, year)
            if year < REF.year:
                self._transfers(year)
                self._promotions(year)
        for e in self.plan.events:
            e["staff_moved"] = self.moved.get(e["id"]) if e["kind"] != "CHUYEN_CQQL" else None

    def _open_in(self, u: dict, year: int) -> bool:
        start = u["valid_from"] or "1900-01-01"
        return start <= f"{year}-12-31" and (u["valid_to"] is None or u["valid_to"] > f"{year}-01-01")

    @staticmethod
    def active(p: dict, day: dt.date) -> bool:
        return p["_in"] <= day and (p["_leave"] is None or p["_leave"][0] > day)

    def _staff(self, u: dict, year: int) -> None:
        opened = dt.date.fromisoformat(u["valid_from"])
        first = max(dt.date(year, 1, 1), opened)
        end = min(dt.date(year, 12, 31), REF)
        staff = self.by_unit[u["id"]]
        if u["valid_to"] and u["valid_to"] <= f"{year}-12-31":
            return                          # closing this year: its staff move, nobody is recruited
        if not staff:                       # the unit's staff as it was when our records begin
            for role in self._roles(u, [], target(u, year)):
                self._new(u, role, first, initial=True)
            staff = self.by_unit[u["id"]]
        present = [p for p in staff if self.active(p, end)]
        # people who have left are finished with: keep the lists short for the next years
        self.by_unit[u["id"]] = [p for p in staff if p["_leave"] is None or p["_leave"][0] > end]
        for role in self._roles(u, present, target(u, year) - len(present)):
            months = (8, 9) if u["classes"] else (1, 12)
            day = max(first, random_day(self.rng, year, months))
            self._new(u, role, min(day, end), initial=False)

    def _roles(self, u: dict, present: list[dict], need: int) -> list[str]:
        have = Counter(p["_role"] for p in present)
        wanted = [("head", 1), ("deputy", u["deputies"]), ("acct", u["_acct"]),
                  ("support", u["_support"])]
        roles = [r for r, n in wanted for _ in range(max(0, n - have[r]))][:max(need, 0)]
        return roles + ["prof"] * max(0, need - len(roles))

    def _new(self, u: dict, role: str, day: dt.date, *, initial: bool) -> None:
        for _ in range(20):                 # redraw anyone who would retire before starting here
            p = self._draw(u, role, day, initial)
            recruited = dt.date.fromisoformat(p["recruited_on"])
            opened = dt.date.fromisoformat(u["valid_from"])
            p["_in"] = recruited if recruited >= opened else max(day, opened)
            p["_leave"] = self.maker.leave_plan(p, p["_in"])
            if p["_leave"] is None or p["_leave"][0] > p["_in"]:
                break
        p["_first"] = "tuyen_dung" if p["_in"] == dt.date.fromisoformat(p["recruited_on"]) else "dieu_chuyen"
        p["_changes"] = []
        self.people.append(p)
        self.by_unit[u["id"]].append(p)

    def _draw(self, u: dict, role: str, day: dt.date, initial: bool) -> dict:
        rng = self.rng
        if initial:                         # already working: recruited years ago, somewhere
            age = rng.randint(24, 58) if role not in ("head", "deputy") else rng.randint(36, 56)
            recruited = dt.date(day.year - rng.randint(1, max(1, age - 22)), rng.randint(1, 12),
                                rng.randint(1, 28))
            return self.maker.person(u, role, recruited, age - (day.year - recruited.year))
        age = rng.randint(22, 30) if role not in ("head", "deputy") else rng.randint(35, 48)
        return self.maker.person(u, role, day, age)

    def _change(self, p: dict, day: dt.date, change: str, delta: dict, event_id=None) -> None:
        p["_changes"].append((day, len(p["_changes"]), change, delta, event_id))

    def _move_all(self, eid: int, day: dt.date, src: int, dst: int) -> None:
        heads = sum(1 for p in self.by_unit[dst] if self.active(p, day) and p["_role"] == "head")
        stay = []
        for p in self.by_unit[src]:
            if not self.active(p, day):
                stay.append(p)
                continue
            delta: dict[str, Any] = {"unit_id": dst}
            if p["_role"] == "head" and heads:      # one head only: the other becomes a deputy
                delta.update(leader_role=self.units[dst]["_kind"].deputy, _role="deputy",
                             allowance_position=self.maker.roles[self.units[dst]["_kind"].deputy][
                                 "allowance_typical"])
            heads += p["_role"] == "head" and "_role" not in delta
            self._change(p, day, "sap_xep", delta, eid)
            self.by_unit[dst].append(p)
            self.moved[eid] += 1
        self.by_unit[src] = stay

    def _transfers(self, year: int) -> None:
        day = dt.date(year, 8, 15)
        open_by_field: dict[str, list[int]] = {}
        for u in self.plan.units:
            if u["valid_from"] <= iso(day) and (u["valid_to"] is None or u["valid_to"] > iso(day)):
                open_by_field.setdefault(u["field"], []).append(u["id"])
        for uid in sorted(self.by_unit):
            u = self.units[uid]
            for p in list(self.by_unit[uid]):
                if p["_role"] == "prof" and self.active(p, day) and self.rng.random() < 0.012:
                    choices = [x for x in open_by_field.get(u["field"], []) if x != uid]
                    if choices:
                        dst = self.rng.choice(choices)
                        self._change(p, day, "dieu_chuyen", {"unit_id": dst})
                        self.by_unit[uid].remove(p)
                        self.by_unit[dst].append(p)

    def _promotions(self, year: int) -> None:
        day = dt.date(year, self.rng.randint(3, 11), 1)
        for p in self.people:
            if p["_role"] != "prof" or not self.active(p, day) or self.rng.random() > 0.03:
                continue
            if (day - p["_in"]).days < 9 * 365:
                continue
            up = self.maker.promoted(p.get("_title", p["title_code"]))
            if up:
                item, p["_title"] = self.maker.cdnn[up], up
                self._change(p, day, "thay_doi_cdnn", {"title_code": up, "title_rank": item.get("hang"),
                                                       "salary_class": item["salary_class"]})
