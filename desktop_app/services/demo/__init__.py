"""``bienche demo``: realistic, deterministic synthetic data (SPEC §9, §11).

``generate(ctx, scale, seed)`` fills an empty database with a former district
(office scale: ≈145 units, ≈4.000 staff records of whom ≈2.700 active) or a
province of 17 former districts plus provincial units (province scale: ≈2.400
units, ≈72.000 records, ≈50.000 active), with
their history 2016 → 01/11/2026. Only ``random.Random(seed)`` is used and the
reference date is fixed (REF = 2026-11-01), so the same seed gives the same
rows. Rows are written with one executemany per table inside one transaction;
derived columns come from records.derived_person / derived_unit.

Modules: names (people's names, CCCD), kinds (what each unit kind looks like),
units (units, divisions, events), people (one person), staff (the yearly
simulation), fold (history rows, evaluations, headcounts), money (positions,
quotas, budgets).

Deliberate anomalies, so every SPEC §3 rule has something to find:
- over quota: ≈8 % of units get an NSNN quota below their headcount from 2024;
- deputies over the cap: the TH&THCS schools formed by HOP_NHAT keep both schools'
  deputies (grace 3 years for the first merger — deadline passed —, 5 for the others);
- units below 15 people: the radio station, the land fund centre, the tiny school;
- a division below 7: "Khoa Y học cổ truyền - Phục hồi chức năng" (5) of each health centre;
- a school under 120 pupils: the first primary school (5 classes, < 120 pupils);
- teacher surplus / shortage: the first two kindergartens (×1,3 and ×0,6 of the norm);
- coefficient outside its class: two people (one above A1's range, one below B's);
- past retirement and still active: two people whose retire_on passed in 2026;
- KHTNV two years running: three people in 2024 and 2025;
- missing evaluation for last year: three active people have none for 2025;
- autonomy override: the agricultural service centre's 2026 budget (group 4 by decision,
  group 3 by its figures);
- a merger that lowers autonomy: the unit formed by the first merger is in nhóm 4 in its
  first year;
- data quality, as in files inherited from years of hand-kept Excel: one birth year mistyped
  (recruited at 12), one person entered twice (same name, birth date and unit, no CCCD), one
  2026 budget whose NSNN spending exceeds its recurrent spending, and one 2026 autonomy
  group set by decision with neither decision nor reason recorded.
Every person-level anomaly carries a note ending "(cần kiểm tra)".
"""

from __future__ import annotations

import random
import uuid

from db import bulk, repo
from desktop_app.changes import EVERYTHING
from desktop_app.context import Context
from desktop_app.errors import ValidationError
from desktop_app.services import gate, records
from desktop_app.services import office as office_service
from desktop_app.services.demo import file, money, names, units
from desktop_app.services.demo import tinh_gian as demo_tinh_gian
from desktop_app.services.demo.file import FileMaker
from desktop_app.services.demo.fold import ASSIGNMENT_COLUMNS, PERSON_COLUMNS, Folder
from desktop_app.services.demo.people import REF, Maker
from desktop_app.services.demo.staff import Staffing

SCALES = ("office", "province")
STAMP = f"{REF.isoformat()} 08:00:00"     # the demo's "entered at": never the clock


def generate(ctx: Context, scale: str = "office", seed: int = 1) -> dict:
    """Fill an empty database; return a summary of what was created (Vietnamese keys)."""
    gate.authorise(ctx, gate.WRITE)
    if scale not in SCALES:
        raise ValidationError(f"Quy mô «{scale}» không hợp lệ; chọn office hoặc province.")
    _refuse_if_not_empty(ctx)
    rng = random.Random(seed)
    with ctx.db.atomic():
        ctx.note_change(EVERYTHING)
        head = _office(ctx, scale, seed)
        if scale == "office":
            plan, place, province = units.office_plan(rng, head["name"]), names.CITY[1], names.CITY[0]
        else:
            plan = units.province_plan(rng, head["name"])
            place, province = names.PROVINCE[1], names.PROVINCE[0]
        maker = Maker(rng, ctx.catalogues, place, province, _derived(ctx))
        staffing = Staffing(maker, plan, rng)
        staffing.run()
        _keep_past_retirement(staffing.people)
        position_rows, index = money.positions(plan, maker.cdnn)
        folder = Folder(maker, index, rng)
        for person_id, p in enumerate(staffing.people, 1):
            folder.fold(person_id, p)
        _bad_coefficients(staffing.people, folder, maker)
        evaluations = _evaluation_anomalies(staffing.people, folder.evaluations)
        quota_rows = money.quotas(plan, folder.counts, rng)
        finance_rows = money.finance(plan, folder.counts, rng)
        _quality_anomalies(staffing.people, folder, finance_rows)
        _merger_lowers_autonomy(plan, finance_rows)
        summary = _write(ctx, plan, position_rows, folder, evaluations, quota_rows, finance_rows)
        summary |= _write_file(ctx, folder, seed)
        if scale == "office":  # tinh giản batches in each state (issue #20)
            summary |= demo_tinh_gian.make(ctx, STAMP, REF)
        _audit(ctx, scale, seed, summary)
    return summary


def _derived(ctx: Context):
    """records.derived_person, memoised: names and birth dates repeat across tens of thousands of
    people, and the function is pure (the name gives name_key/sort_key, birth and gender retire_on)."""
    by_name: dict = {}
    by_birth: dict = {}

    def derive(v: dict) -> dict:
        name, birth = v["full_name"], (v["birth_date"], v["gender"])
        if name not in by_name:
            by_name[name] = records.derived_person(ctx, {"full_name": name})
        if birth not in by_birth:
            by_birth[birth] = records.derived_person(ctx, {"birth_date": birth[0], "gender": birth[1]})
        return {"name_key": by_name[name]["name_key"], "sort_key": by_name[name]["sort_key"],
                "retire_on": by_birth[birth]["retire_on"]}
    return derive


def _refuse_if_not_empty(ctx: Context) -> None:
    n_units = repo.count(ctx.db, "unit")
    n_people = repo.count(ctx.db, "person")
    if n_units or n_people:
        raise ValidationError(f"Cơ sở dữ liệu đã có {n_units} đơn vị và {n_people} hồ sơ nhân sự; "
                              "chỉ tạo dữ liệu mẫu trên tệp dữ liệu trống (dùng --db với tệp mới).")


def _office(ctx: Context, scale: str, seed: int) -> dict:
    existing = office_service.get(ctx)
    if existing:
        return existing
    if scale == "office":
        ward = names.COMMUNES[(seed - 1) % len(names.COMMUNES)]  # offices of one province differ by seed
        raw = {"name": f"Ủy ban nhân dân phường {ward}", "level": "xa",
               "parent": f"Ủy ban nhân dân thành phố {names.CITY[0]}", "province": names.CITY[0],
               "place": ward, "report_code": "UBND", "sign_authority": "TM.",
               "signer_title": "CHỦ TỊCH", "signer_name": "Nguyễn Văn Hùng",
               "addressee": f"Sở Nội vụ thành phố {names.CITY[0]}",
               "recipients": "- Sở Nội vụ thành phố Hà Nội;\n- Thường trực Đảng ủy phường;\n"
                             "- Chủ tịch, các Phó Chủ tịch UBND phường;\n- Lưu: VT, VHXH."}
    else:
        raw = {"name": f"Sở Nội vụ tỉnh {names.PROVINCE[0]}", "level": "tinh",
               "parent": f"Ủy ban nhân dân tỉnh {names.PROVINCE[0]}", "province": names.PROVINCE[0],
               "place": names.PROVINCE[0], "report_code": "SNV", "sign_authority": "KT.",
               "head_title": "GIÁM ĐỐC", "signer_title": "PHÓ GIÁM ĐỐC", "signer_name": "Trần Thị Thu Hương",
               "addressee": f"Ủy ban nhân dân tỉnh {names.PROVINCE[0]}",
               "recipients": "- Bộ Nội vụ;\n- UBND tỉnh;\n- Giám đốc Sở;\n- Lưu: VT, TCBC."}
    office_service.save(ctx, raw)
    # A fixed identity and timestamps, so the same seed gives byte-identical tables.
    uid = uuid.uuid5(uuid.NAMESPACE_URL, f"bienche-demo/{scale}/{seed}").hex
    fixed = {"uid": uid, "created_at": STAMP}
    repo.update(ctx.db, "office", 1, fixed)
    bulk.restamp_audit(ctx.db, "office", STAMP, "demo", fixed)
    return office_service.get(ctx) or {}


def _keep_past_retirement(people: list[dict]) -> None:
    late = [p for p in people if p["_leave"] and p["_leave"][1] == "NGHI_HUU"
            and p["_leave"][0].year == REF.year][:2]
    for p in late:
        p["_leave"] = None
        p["note"] = "Đã đến tuổi nghỉ hưu, chưa có quyết định nghỉ hưu."


def _bad_coefficients(people: list[dict], folder: Folder, maker: Maker) -> None:
    """Two coefficients outside their class range (a data-quality finding)."""
    for cls, delta in (("A1", 0.33), ("B", -0.16)):
        p = next((p for p in people if p["_leave"] is None and p["_row"]["salary_class"] == cls), None)
        if p is None:
            continue
        item = maker.classes[cls]
        value = round((item["max"] if delta > 0 else item["min"]) + delta, 2)
        p["_row"]["coefficient"] = value
        row = list(folder.assignments[p["_last"]])      # the open row mirrors the person
        row[ASSIGNMENT_COLUMNS.index("coefficient")] = value
        folder.assignments[p["_last"]] = tuple(row)
        p["_row"]["note"] = "Hệ số lương nhập sai khung (cần kiểm tra)."


def _quality_anomalies(people: list[dict], folder: Folder, finance_rows: list[list]) -> None:
    """Data-quality findings: see the module docstring."""
    active = [p for p in people if p["_leave"] is None and not p["_row"].get("note")]
    typo = active[10]["_row"]
    typo["birth_date"] = str(int(typo["recruited_on"][:4]) - 12)
    typo["note"] = "Năm sinh nhập sai so với ngày tuyển dụng (cần kiểm tra)."
    original = active[30]
    twin = dict(original["_row"], cccd=None, note="Hồ sơ nhập trùng (cần kiểm tra).")
    folder.persons.append(twin)
    open_row = list(folder.assignments[original["_last"]])
    open_row[0], open_row[1] = len(folder.assignments) + 1, len(folder.persons)
    folder.assignments.append(tuple(open_row))
    col = money.FINANCE_COLUMNS.index
    last_year = [r for r in finance_rows if r[col("year")] == REF.year and r[col("recurrent_spending")]
                 and r[col("group_override")] is None]
    last_year[0][col("nsnn_spending")] = round(last_year[0][col("recurrent_spending")] * 1.08)
    last_year[1][col("group_override")] = 1


def _merger_lowers_autonomy(plan, finance_rows: list[list]) -> None:
    """The first merger lowers autonomy: an absorbed unit was 35% self-funded (nhóm 3) the
    year before, the merged unit only 5% (nhóm 4) in its first year."""
    col = money.FINANCE_COLUMNS.index
    merger = next(e for e in plan.events if e["kind"] in ("SAP_NHAP", "HOP_NHAT"))
    year = int(merger["effective_date"][:4])
    links = [(u, role) for e, u, role in plan.event_units if e == merger["id"]]
    before = next(u for u, role in links if role == "truoc")
    after = next(u for u, role in links if role == "sau")
    rows = sorted(finance_rows, key=lambda r: r[col("year")])
    last_before = [r for r in rows if r[col("unit_id")] == before and r[col("year")] < year][-1]
    first_after = [r for r in rows if r[col("unit_id")] == after and r[col("year")] >= year][0]
    for row, share in ((last_before, 0.35), (first_after, 0.05)):
        row[col("revenue")] = round(row[col("recurrent_spending")] * share, -3)
        row[col("nsnn_spending")] = row[col("recurrent_spending")] - row[col("revenue")]
        row[col("invest_self_funded")] = 0


def _evaluation_anomalies(people: list[dict], evaluations: list[list]) -> list[list]:
    by_person: dict[int, dict[int, list]] = {}
    for row in evaluations:
        by_person.setdefault(row[1], {})[row[2]] = row
    active = [pid for pid, p in enumerate(people, 1) if p["_leave"] is None
              and {2024, 2025} <= set(by_person.get(pid, {}))]
    for pid in active[5:8]:                 # KHTNV two years running
        by_person[pid][2024][3] = by_person[pid][2025][3] = "KHTNV"
    missing = {id(by_person[pid][2025]) for pid in active[20:23]}
    return [r for r in evaluations if id(r) not in missing]


def _write(ctx, plan, position_rows, folder, evaluations, quota_rows, finance_rows) -> dict:
    db = ctx.db
    unit_columns = [c for c in repo.columns(db, "unit")]
    unit_rows = [[(records.derived_unit(ctx, u)["name_key"] if c == "name_key" else u.get(c))
                  for c in unit_columns] for u in plan.units]
    person_columns = ["id", *PERSON_COLUMNS]
    person_rows = [[pid if c == "id" else row.get(c) for c in person_columns]
                   for pid, row in enumerate(folder.persons, 1)]
    div_columns = ["id", "unit_id", "name", "staff_count", "valid_from", "valid_to"]
    event_columns = ["id", "kind", "decision_no", "decision_date", "decision_body", "effective_date",
                     "staff_moved", "grace_years", "applied", "note"]
    bulk.insert_rows(db, "unit", unit_columns, unit_rows)
    bulk.insert_rows(db, "division", div_columns, [[d[c] for c in div_columns] for d in plan.divisions])
    bulk.insert_rows(db, "event", event_columns, [[e[c] for c in event_columns] for e in plan.events])
    bulk.insert_rows(db, "event_unit", ["event_id", "unit_id", "role"], plan.event_units)
    bulk.insert_rows(db, "position", money.POSITION_COLUMNS, position_rows)
    bulk.insert_rows(db, "person", person_columns, person_rows)
    bulk.insert_rows(db, "assignment", ASSIGNMENT_COLUMNS, folder.assignments)
    bulk.insert_rows(db, "evaluation", ["id", "person_id", "year", "level", "score"], evaluations)
    bulk.insert_rows(db, "quota", money.QUOTA_COLUMNS, quota_rows)
    bulk.insert_rows(db, "finance", money.FINANCE_COLUMNS, finance_rows)
    return {"đơn vị": len(unit_rows), "phòng, khoa": len(plan.divisions),
            "sự kiện sắp xếp": len(plan.events), "vị trí việc làm": len(position_rows),
            "nhân sự": len(person_rows), "quá trình công tác": len(folder.assignments),
            "đánh giá": len(evaluations), "biên chế giao (đơn vị-năm)": len(quota_rows),
            "kinh phí (đơn vị-năm)": len(finance_rows)}


def _write_file(ctx: Context, folder: Folder, seed: int) -> dict:
    """The personnel file of every person (services/demo/file.py), bulk written like the rest."""
    maker = FileMaker(seed)
    for pid, row in enumerate(folder.persons, 1):
        maker.add(pid, row)
    tables = (("training", file.TRAINING_COLUMNS, maker.training),
              ("family_member", file.FAMILY_COLUMNS, maker.family),
              ("prior_work", file.PRIOR_COLUMNS, maker.prior),
              ("contract", file.CONTRACT_COLUMNS, maker.contracts),
              ("award", file.AWARD_COLUMNS, maker.awards),
              ("discipline", file.DISCIPLINE_COLUMNS, maker.discipline))
    for table, columns, rows in tables:
        bulk.insert_rows(ctx.db, table, columns, rows)
    return {"đào tạo, bồi dưỡng": len(maker.training), "quan hệ gia đình": len(maker.family),
            "hợp đồng": len(maker.contracts), "khen thưởng": len(maker.awards),
            "kỷ luật": len(maker.discipline)}


def _audit(ctx: Context, scale: str, seed: int, summary: dict) -> None:
    text = ", ".join(f"{v} {k}" for k, v in summary.items())
    repo.insert(ctx.db, "audit", {"at": STAMP, "app_user": ctx.user, "os_user": "demo", "action": "demo",
                                  "entity": "demo", "field": "scale",
                                  "new": f"bienche demo --scale {scale} --seed {seed}: {text}"})
