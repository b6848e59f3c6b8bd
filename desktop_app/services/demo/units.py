"""Units, their divisions and the reorganisation events of the demo.

A former district (huyện) has schools in each of its old communes plus a
health centre, a culture-information-sports centre, a radio station, a project
board, an agricultural service centre, a land fund centre and a vocational
centre. Between 2022 and 2025 some are merged (SAP_NHAP, HOP_NHAT) or
dissolved (GIAI_THE); on 01/07/2025 every remaining unit moves from the
district to the commune (CHUYEN_CQQL), keeping its row. Units get explicit ids
so the plan is complete before anything is written.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from desktop_app.services.demo import kinds
from desktop_app.services.demo.names import CITY, CITY_DISTRICT, COMMUNES, PROVINCE
from desktop_app.services.demo.names import DISTRICTS as DISTRICT_NAMES

TRANSFER_DAY = "2025-07-01"


@dataclass
class Plan:
    units: list = field(default_factory=list)
    divisions: list = field(default_factory=list)
    events: list = field(default_factory=list)
    event_units: list = field(default_factory=list)
    moves: list = field(default_factory=list)     # (event_id, day, from_unit, to_unit)

    def unit(self, rng: random.Random, kind: kinds.Kind, place: str, code: str, body: str,
             *, since: str | None = None, **extra) -> dict:
        founded = since or f"{rng.randint(1996, 2014)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        u = {"id": len(self.units) + 1, "code": code, "name": kind.name.format(place=place),
             "short_name": None, "managing_body": body, "field": kind.field, "service_kind": kind.service,
             "decision_no": f"{rng.randint(100, 3999)}/QĐ-UBND", "decision_date": _before(founded, rng),
             "valid_from": founded, "valid_to": None, "status": "hoat_dong", "heads": 1, "deputies": 1,
             "classes": None, "nursery_groups": None, "pupils": None, "sessions_per_day": None,
             "region": None, "hospital_rank": None, "boarding": 0, "note": None,
             "_kind": kind, "_prof": 0, "_support": 0, "_acct": 0, "_shrink": rng.uniform(0.05, 0.22)}
        u.update(extra)
        self.units.append(u)
        return u

    def event(self, kind: str, day: str, body: str, before: list, after: list, rng: random.Random,
              **extra) -> dict:
        e = {"id": len(self.events) + 1, "kind": kind, "decision_no": f"{rng.randint(100, 3999)}/QĐ-UBND",
             "decision_date": _before(day, rng), "decision_body": body, "effective_date": day,
             "staff_moved": None, "grace_years": None, "applied": 1, "note": None, **extra}
        self.events.append(e)
        self.event_units += [(e["id"], u["id"], "truoc") for u in before]
        self.event_units += [(e["id"], u["id"], "sau") for u in after]
        return e


def _before(day: str, rng: random.Random) -> str:
    y, m, d = (int(x) for x in day.split("-"))
    d = max(1, d - rng.randint(0, 20))
    return f"{y:04d}-{m:02d}-{d:02d}"


def _close(u: dict, day: str, status: str) -> None:
    u["valid_to"], u["status"] = day, status


# ------------------------------------------------------------ schools

def _school(plan: Plan, rng: random.Random, kind: kinds.Kind, place: str, code: str, body: str,
            region: int) -> dict:
    u = plan.unit(rng, kind, place, code, body, region=region)
    level = kind.field
    if level == "MN":
        groups, classes = rng.randint(1, 2), rng.randint(4, 8)
        u.update(nursery_groups=groups, classes=classes, sessions_per_day=2,
                 pupils=groups * rng.randint(18, 24) + classes * rng.randint(26, 32))
        norm = 2.5 * groups + 2.2 * classes
    else:
        classes = {"TH": rng.randint(5, 12), "THCS": rng.randint(4, 10), "TH_THCS": rng.randint(6, 11),
                   "THPT": rng.randint(24, 42)}[level]
        size = {"TH": (26, 34), "THCS": (34, 42), "TH_THCS": (20, 30), "THPT": (38, 45)}[level]
        sessions = 2 if level != "TH" or rng.random() < 0.9 else 1
        u.update(classes=classes, sessions_per_day=sessions, pupils=classes * rng.randint(*size))
        per_class = kinds.TEACHERS_PER_CLASS[level] * (0.8 if sessions == 1 else 1.0)
        norm = classes * per_class
    u["_prof"] = max(4, round(norm * rng.uniform(0.72, 0.98)))   # most schools short of teachers
    u["deputies"] = 2 if (u["classes"] or 0) >= 12 else 1
    u["_support"], u["_acct"] = rng.randint(1, 3), 1
    u["boarding"] = int(region == 1 and level in ("TH_THCS", "THCS") and rng.random() < 0.5)
    return u


def _district_schools(plan: Plan, rng: random.Random, prefix: str, body: str, communes) -> dict:
    by_commune: dict[str, dict[str, list]] = {}
    for n, place in enumerate(communes, 1):
        region = 1 if n % 7 == 0 else (2 if n % 3 == 0 else 3)
        mine = by_commune.setdefault(place, {"MN": [], "TH": [], "THCS": [], "TH_THCS": []})
        for i in range(1 + (rng.random() < 0.75)):
            mine["MN"].append(_school(plan, rng, kinds.MN, place + (" 2" if i else ""),
                                      f"{prefix}MN{n:02d}{i + 1}", body, region))
        if region == 1 or rng.random() < 0.2:
            mine["TH_THCS"].append(_school(plan, rng, kinds.TH_THCS, place, f"{prefix}LC{n:02d}1",
                                           body, region))
            continue
        for i in range(1 + (rng.random() < 0.6)):
            mine["TH"].append(_school(plan, rng, kinds.TH, place + (" số 2" if i else ""),
                                      f"{prefix}TH{n:02d}{i + 1}", body, region))
        mine["THCS"].append(_school(plan, rng, kinds.THCS, place, f"{prefix}CS{n:02d}1", body, region))
    return by_commune


# ------------------------------------------------------------ other units

def _other(plan: Plan, rng: random.Random, kind: kinds.Kind, place: str, code: str, body: str,
           since: str | None = None) -> dict:
    u = plan.unit(rng, kind, place, code, body, since=since)
    u["_prof"] = rng.randint(*kind.size)
    big = u["_prof"] >= 60
    u["deputies"] = 3 if big else (2 if u["_prof"] >= 15 else 1)
    u["_support"] = max(1, u["_prof"] // 12)
    u["_acct"] = 2 if big else 1
    if kind.divisions:
        _divisions(plan, rng, u, kind.divisions)
    if kind.field == "YTE" and kind.name.startswith("Bệnh viện"):
        u["hospital_rank"] = "I" if u["_prof"] > 380 else "II"
    return u


def _divisions(plan: Plan, rng: random.Random, u: dict, names: tuple) -> None:
    total = u["_prof"] + u["_support"] + u["_acct"]
    weights = [rng.uniform(0.6, 1.4) for _ in names]
    for name, w in zip(names, weights, strict=True):
        count = max(3, round(total * w / sum(weights)))
        plan.divisions.append({"id": len(plan.divisions) + 1, "unit_id": u["id"], "name": name,
                               "staff_count": count, "valid_from": u["valid_from"], "valid_to": None})


def district(plan: Plan, rng: random.Random, here: str, prefix: str, communes, office: str,
             parent: str) -> None:
    """One former district (``here`` = "huyện …"): units, then its 2022–2025 reorganisations
    and the 2025 transfer to the commune ``office`` decided by ``parent``."""
    body = f"Ủy ban nhân dân {here}"
    schools = _district_schools(plan, rng, prefix, body, communes)
    health = _other(plan, rng, kinds.HEALTH, here, f"{prefix}YT01", body, since="2019-01-01")
    culture = _other(plan, rng, kinds.CULTURE, here, f"{prefix}VH01", body)
    radio = _other(plan, rng, kinds.RADIO, here, f"{prefix}TT01", body)
    _other(plan, rng, kinds.PROJECTS, here, f"{prefix}DA01", body, since="2017-03-01")
    _other(plan, rng, kinds.FARMING, here, f"{prefix}NN01", body)
    _other(plan, rng, kinds.LAND, here, f"{prefix}QD01", body)
    _other(plan, rng, kinds.VOCATIONAL, here, f"{prefix}GD01", body)
    health["_shrink"] = 0.03
    _reorganise(plan, rng, body, schools, culture, radio)
    _transfer(plan, rng, office, parent)
    services = _other(plan, rng, kinds.SERVICES, office.removeprefix("Ủy ban nhân dân "),
                      f"{prefix}DV01", office, since=TRANSFER_DAY)
    plan.event("THANH_LAP", TRANSFER_DAY, office, [], [services], rng)


def _reorganise(plan: Plan, rng: random.Random, body: str, schools: dict, culture: dict,
                radio: dict) -> None:
    e = plan.event("SAP_NHAP", "2022-07-01", body, [radio, culture], [culture], rng,
                   note="Sáp nhập Đài Truyền thanh vào Trung tâm Văn hóa, Thông tin và Thể thao.")
    _close(radio, "2022-07-01", "sap_nhap")
    plan.moves.append((e["id"], "2022-07-01", radio["id"], culture["id"]))
    pairs = [(p, s) for p, s in schools.items() if s["TH"] and s["THCS"]]
    for n, (place, s) in enumerate(rng.sample(pairs, min(3, len(pairs)))):
        th, cs = s["TH"][0], s["THCS"][0]
        day = "2023-08-01" if n < 2 else "2024-08-01"
        new = plan.unit(rng, kinds.TH_THCS, place, th["code"].replace("TH", "LC", 1), body,
                        since=day, region=th["region"], classes=th["classes"] + cs["classes"],
                        pupils=th["pupils"] + cs["pupils"], sessions_per_day=2)
        new.update(_prof=th["_prof"] + cs["_prof"], _support=th["_support"], _acct=1,
                   deputies=th["deputies"] + cs["deputies"] + 1)  # + the other head: over the cap
        e = plan.event("HOP_NHAT", day, body, [th, cs], [new], rng, grace_years=3 if n == 0 else 5)
        for old in (th, cs):
            _close(old, day, "hop_nhat")
            plan.moves.append((e["id"], day, old["id"], new["id"]))
        s["TH"][0], s["THCS"] = new, []
    doubles = [s for s in schools.values() if len(s["TH"]) > 1 and s["TH"][1]["status"] == "hoat_dong"]
    if doubles:
        keep, gone = doubles[0]["TH"]
        e = plan.event("GIAI_THE", "2025-06-01", body, [gone], [], rng,
                       note=f"Học sinh và viên chức chuyển về {keep['name']}.")
        _close(gone, "2025-06-01", "giai_the")
        plan.moves.append((e["id"], "2025-06-01", gone["id"], keep["id"]))
        keep["classes"] += gone["classes"]
        keep["pupils"] += gone["pupils"]


def _transfer(plan: Plan, rng: random.Random, office: str, parent: str) -> None:
    for u in list(plan.units):
        if u["valid_to"] is None and u["managing_body"].startswith("Ủy ban nhân dân huyện"):
            plan.event("CHUYEN_CQQL", TRANSFER_DAY, parent, [u], [u], rng,
                       note=f"Chuyển từ {u['managing_body']} về {office}.")
            u["managing_body"] = office


# ------------------------------------------------------------ scales

def office_plan(rng: random.Random, office: str) -> Plan:
    plan = Plan()
    district(plan, rng, f"huyện {CITY_DISTRICT}", "", COMMUNES, office,
             f"Ủy ban nhân dân thành phố {CITY[0]}")
    _anomalies(plan, rng)
    return plan


def province_plan(rng: random.Random, office: str) -> Plan:
    plan = Plan()
    for d, name in enumerate(DISTRICT_NAMES[:17], 1):
        communes = [c for c in COMMUNES if rng.random() < 0.97][:33]
        district(plan, rng, f"huyện {name}", f"H{d:02d}.", communes, f"Ủy ban nhân dân xã {communes[0]}",
                 f"Ủy ban nhân dân tỉnh {PROVINCE[0]}")
        for i in range(1, 4):
            plan.unit(rng, kinds.THPT, f"{name} {i}", f"T.PT{d:02d}{i}",
                      f"Sở Giáo dục và Đào tạo tỉnh {PROVINCE[0]}")
            _size_thpt(plan.units[-1], rng)
    for kind, place, _ in kinds.PROVINCIAL:
        n = sum(1 for u in plan.units if u["code"].startswith("T.S"))
        _other(plan, rng, kind, place.format(province=PROVINCE[0]), f"T.S{n + 1:03d}",
               f"Ủy ban nhân dân tỉnh {PROVINCE[0]}")
    _anomalies(plan, rng)
    return plan


def _size_thpt(u: dict, rng: random.Random) -> None:
    u.update(classes=rng.randint(24, 42), sessions_per_day=1, region=3)
    u.update(pupils=u["classes"] * rng.randint(38, 45), deputies=3 if u["classes"] >= 36 else 2,
             _prof=round(u["classes"] * 2.25 * rng.uniform(0.88, 1.02)), _support=3, _acct=1)


def _anomalies(plan: Plan, rng: random.Random) -> None:
    """Make sure every SPEC §3 rule has something to find (see the package docstring)."""
    schools = [u for u in plan.units if u["field"] in ("TH", "MN") and u["valid_to"] is None]
    tiny = next(u for u in schools if u["field"] == "TH")
    tiny.update(classes=5, pupils=rng.randint(92, 115), _prof=7, deputies=1,
                note="Điểm trường lẻ, ít học sinh.")
    mn = [u for u in schools if u["field"] == "MN"]
    mn[0]["_prof"] = round(mn[0]["_prof"] * 1.3)       # teacher surplus against TT 19/2023
    mn[1]["_prof"] = round(mn[1]["_prof"] * 0.6)       # teacher shortage
    for d in plan.divisions:
        if d["name"].startswith("Khoa Y học cổ truyền"):
            d["staff_count"] = 5                        # a division below 7 viên chức
