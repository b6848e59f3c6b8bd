"""Demo tinh giản batches (issue #20): one in each state, built through the services from the
data's own suggestions (KHTNV years, surplus after a reorganisation, leaders who lost a post),
then the oldest people on the roll; one suggested person gets a child under 36 months so the
page shows a blocked suggestion. Times are restamped to the demo's fixed stamp so the same seed
gives the same bytes. The hand-entered amounts are sample figures («số liệu mẫu»)."""

from __future__ import annotations

import datetime as dt

from desktop_app.context import Context
from desktop_app.services import asof, records, tinh_gian, tinh_gian_rules, tinh_gian_settle

# (year, quarter, people, [(state, date, decision)], settle date)
Step = tuple[str, str, str | None]
PLAN: tuple[tuple[int, int, int, list[Step], str | None], ...] = (
    (
        2026,
        4,
        2,
        [("da_trinh", "2026-08-12", None), ("duoc_duyet", "2026-09-20", "145/QĐ-UBND")],
        "2026-09-28",
    ),
    (2027, 1, 2, [("da_trinh", "2026-10-20", None), ("duoc_duyet", "2026-10-30", "162/QĐ-UBND")], None),
    (2027, 2, 2, [("da_trinh", "2026-10-31", None)], None),
    (2027, 3, 3, [], None),
)
SAMPLE_AMOUNTS = (
    118_500_000,
    86_400_000,
    142_000_000,
    64_800_000,
    97_200_000,
    121_000_000,
    75_600_000,
    103_500_000,
    58_300_000,
)


def make(ctx: Context, stamp: str, ref: dt.date) -> dict:
    first_audit = ctx.db.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0]
    taken: set[int] = set()
    amounts = iter(SAMPLE_AMOUNTS)
    for year, quarter, count, steps, settle_on in PLAN:
        day = tinh_gian.quarter_start(year, quarter)
        batch = tinh_gian.create_batch(
            ctx, year, quarter, on_date=min(ref, tinh_gian.deadline(ctx, year, quarter))
        )
        for person_id, reason in _chosen(ctx, year, day, count, taken):
            _add(ctx, batch, person_id, reason, day, next(amounts))
        for state, on, decision in steps:
            tinh_gian.advance(ctx, batch, state, on, decision_no=decision)
        if settle_on:
            tinh_gian_settle.settle(ctx, batch, settle_on, confirmed=True)
    _block_one(ctx, ref)
    ctx.db.execute("UPDATE tg_state SET at = ?", [stamp])
    ctx.db.execute("UPDATE audit SET at = ?, os_user = 'demo' WHERE id > ?", [stamp, first_audit])
    return {"đợt tinh giản": len(PLAN), "người trong đợt tinh giản": len(taken)}


def _chosen(ctx: Context, year: int, day: dt.date, count: int, taken: set[int]) -> list[tuple[int, str]]:
    """``count - 1`` people the data suggest, and one within 2 to 5 years of retirement (the
    early-retirement policy, whose per-year part has a verified formula)."""
    out: list[tuple[int, str]] = []
    for s in tinh_gian_rules.suggest(ctx, year, day):
        if (
            len(out) < count - 1
            and not s.blocked
            and s.person_id not in taken
            and _fits(ctx, s.person_id, day)
        ):
            out.append((s.person_id, s.reason_code))
            taken.add(s.person_id)
    near = (day.replace(year=day.year + 2).isoformat(), day.replace(year=day.year + 5).isoformat())
    for p in sorted(asof.roll(ctx, day), key=lambda p: (p["retire_on"] or "9999", p["person_id"])):
        if (
            len(out) < count
            and p["person_id"] not in taken
            and p["retire_on"]
            and near[0] <= p["retire_on"] <= near[1]
            and _fits(ctx, p["person_id"], day)
        ):
            out.append((p["person_id"], "DOI_DU_SAP_XEP"))
            taken.add(p["person_id"])
    return out


def _fits(ctx: Context, person_id: int, day: dt.date) -> bool:
    person = ctx.db.execute(
        "SELECT left_on, employment_kind FROM person WHERE id = ?", [person_id]
    ).fetchone()
    later = ctx.db.execute(
        "SELECT count(*) FROM assignment WHERE person_id = ? AND valid_from > ?", [person_id, day.isoformat()]
    ).fetchone()[0]
    return person[0] is None and person[1] in ("VIEN_CHUC", "HDLD_111") and not later


def _add(ctx: Context, batch: int, person_id: int, reason: str, day: dt.date, manual: int) -> None:
    retire = ctx.db.execute("SELECT retire_on FROM person WHERE id = ?", [person_id]).fetchone()[0]
    years = (dt.date.fromisoformat(retire) - day).days / 365.25 if retire else 0
    raw: dict = {"reason_code": reason, "manual_amount": manual, "note": "Số liệu mẫu"}
    if 2 <= years <= 5:
        raw |= {"settlement_code": "HUU_TRUOC_TUOI", "early_years": round(years * 2) / 2}
    else:
        raw |= {"settlement_code": "THOI_VIEC_NGAY"}
    tinh_gian.add_member(ctx, batch, person_id, raw)


def _block_one(ctx: Context, ref: dt.date) -> None:
    """A suggested person not in any batch gets a child under 36 months (shown as blocked)."""
    busy = {r[0] for r in ctx.db.execute("SELECT person_id FROM tg_member")}
    for s in tinh_gian_rules.suggest(ctx, ref.year + 1, dt.date(ref.year + 1, 1, 1)):
        if s.person_id not in busy:
            born = dt.date(ref.year - 1, 6, 15).isoformat()
            records.update(ctx, "person", s.person_id, {"youngest_child_born": born})
            return
