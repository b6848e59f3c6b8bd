"""Fold each simulated person's dated changes into stored rows: the person row,
contiguous assignment rows (each valid_to is the next valid_from; the last is
open or ends at left_on), yearly evaluations, and the year-end headcounts that
quotas and budgets are derived from."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from desktop_app.entities import PERSON, POST_FIELDS
from desktop_app.services.demo.names import Weighted
from desktop_app.services.demo.people import FIRST_YEAR, REF, iso
from desktop_app.services.demo.staff import REGIME_SWITCH, ROLE_GROUP

PERSON_COLUMNS = [f.name for f in PERSON.fields] + ["name_key", "sort_key"]
ASSIGNMENT_COLUMNS = ["id", "person_id", "valid_from", "valid_to", "change", *POST_FIELDS,
                      "decision_no", "event_id", "note"]
CAREER_LEVEL = {"B": 1, "A0": 2, "A1": 3, "A2.1": 4, "A2.2": 4, "A3.1": 5, "A3.2": 5}
# _emit builds assignment values positionally: fail loudly if the declaration ever changes.
if POST_FIELDS != ("unit_id", "position_id", "leader_role", "title_code", "title_rank", "career_level",
                   "salary_class", "salary_step", "coefficient", "pay_source", "employment_kind",
                   "step_since", "seniority_since"):
    raise ImportError("POST_FIELDS changed: update demo.fold._emit")
LEVELS = Weighted((("HTTNV", 58), ("HTNV", 24), ("HTXSNV", 16), ("KHTNV", 2)))
YEAR_ENDS = [(year, min(dt.date(year, 12, 31), REF)) for year in range(FIRST_YEAR, REF.year + 1)]
MID_YEARS = [(year, dt.date(year, 6, 30), dt.date(year, 12, 31)) for year in range(FIRST_YEAR, REF.year)]


def pay_kind(post: dict) -> str:
    if post["employment_kind"] in ("HDLD_111", "HD_KHAC"):
        return "contract"
    return "revenue_paid" if post["pay_source"] == "NGUON_THU" else "nsnn"


class Folder:
    def __init__(self, maker, positions: dict, rng: random.Random):
        self.maker, self.positions, self.rng = maker, positions, rng
        self.persons: list[dict] = []
        self.assignments: list[tuple] = []
        self.evaluations: list[list] = []
        self.counts: Counter = Counter()        # (unit_id, year, pay kind) → people at year end

    def fold(self, person_id: int, p: dict) -> None:
        segs = self._segments(p)
        leave = p["_leave"]
        for i, (day, change, eid, values, kind) in enumerate(segs):
            until = segs[i + 1][0] if i + 1 < len(segs) else (leave[0] if leave else None)
            self.assignments.append((len(self.assignments) + 1, person_id, iso(day),
                                     iso(until) if until else None, change, *values, None, eid, None))
            self._count(values[0], kind, day, until)
        p["_last"] = len(self.assignments) - 1
        stop: dt.date = leave[0] if leave else REF
        row = {k: p.get(k) for k in PERSON_COLUMNS} | dict(zip(POST_FIELDS, segs[-1][3], strict=True))
        row.update(allowance_position=p["_post"]["allowance_position"],
                   left_on=iso(leave[0]) if leave else None, leave_reason=leave[1] if leave else None,
                   insurance_years=round((stop - dt.date.fromisoformat(p["recruited_on"])).days / 365.25, 1))
        p["_row"] = row
        self.persons.append(row)
        self._evaluate(person_id, p, stop)

    # ------------------------------------------------------------ history
    def _segments(self, p: dict) -> list[tuple]:
        post = {k: p.get(k) for k in POST_FIELDS} | {"_role": p["_role"],
                                                 "allowance_position": p["allowance_position"]}
        since = dt.date.fromisoformat(p["recruited_on"])
        cls = post["salary_class"]
        step = self.maker.step_at(cls, since, p["_in"])
        last_raise = since.replace(year=since.year + (step - 1) * self.maker.step_years(cls))
        stop = min(p["_leave"][0] if p["_leave"] else REF + dt.timedelta(days=1), REF + dt.timedelta(days=1))
        changes = sorted(p["_changes"], key=lambda c: (c[0], c[1]))
        if p["_in"] < REGIME_SWITCH < stop:
            changes.append((REGIME_SWITCH, 99, "thay_doi_cdnn", {}, None))
            changes.sort(key=lambda c: (c[0], c[1]))
        segs: list[tuple] = []
        p["_post"] = post                         # its final state gives the person's allowance
        self._emit(segs, p["_in"], p["_first"], None, post, step, last_raise)
        i = 0
        while True:
            years = self.maker.step_years(post["salary_class"])
            steps = int(self.maker.classes[post["salary_class"]]["steps"])
            raise_day = last_raise.replace(year=last_raise.year + years) if step < steps else None
            change_day = changes[i][0] if i < len(changes) else None
            day = min(d for d in (raise_day, change_day, stop) if d is not None)
            if day >= stop:
                return segs
            if change_day == day:
                _, _, kind, delta, eid = changes[i]
                i += 1
                old = self.maker.coefficient(post["salary_class"], step)
                post.update(delta)
                if "salary_class" in delta:       # new class: the first step paying at least as much
                    coefs = self.maker.classes[post["salary_class"]]["coefficients"]
                    step = next((n for n, c in enumerate(coefs, 1) if c >= old), len(coefs))
                    last_raise = day
                self._emit(segs, day, kind, eid, post, step, last_raise)
            else:
                step, last_raise = step + 1, day  # here day is raise_day
                self._emit(segs, day, "nang_luong", None, post, step, last_raise)

    def _emit(self, segs: list, day: dt.date, change: str, eid, post: dict, step: int,
              since: dt.date) -> None:
        """Append (or merge into a same-day row) one assignment: values in POST_FIELDS order.
        ``since`` is the day the step took effect; at the last step thâm niên vượt khung starts
        one step period later (TT 08/2013/TT-BNV), if that day has come by the reference date."""
        regime = "ND232-2026" if day >= REGIME_SWITCH else "ND106-2020"
        cls, kind = post["salary_class"], post["employment_kind"]
        position = self.positions.get((post["unit_id"], regime, ROLE_GROUP[regime][post["_role"]]))
        career = CAREER_LEVEL.get(cls) if regime == "ND232-2026" and kind in ("VIEN_CHUC", "TAP_SU") else None
        last = step >= int(self.maker.classes[cls]["steps"])
        tnvk = since.replace(year=since.year + self.maker.step_years(cls)) if last else None
        values = (post["unit_id"], position, post["leader_role"], post["title_code"], post["title_rank"],
                  career, cls, step, self.maker.coefficient(cls, step), post["pay_source"], kind,
                  iso(since), iso(tnvk) if tnvk and tnvk <= REF else None)
        if segs and segs[-1][0] == day:           # same day: one row carrying both changes
            segs[-1] = (day, segs[-1][1], segs[-1][2] or eid, values, pay_kind(post))
        else:
            segs.append((day, change, eid, values, pay_kind(post)))

    def _count(self, unit: int, kind: str, start: dt.date, until: dt.date | None) -> None:
        first = max(start.year, FIRST_YEAR) - FIRST_YEAR
        last = (until.year if until else REF.year) - FIRST_YEAR
        for year, end in YEAR_ENDS[first:last + 1]:
            if start <= end and (until is None or until > end):
                self.counts[(unit, year, kind)] += 1

    # ------------------------------------------------------------ evaluations
    def _evaluate(self, person_id: int, p: dict, stop: dt.date) -> None:
        start, rows, rng = p["_in"], self.evaluations, self.rng
        for year, mid, end in MID_YEARS:
            if start <= mid and stop > end:
                rows.append([len(rows) + 1, person_id, year, LEVELS.pick(rng), None])
