"""Read side of reorganisation events for the Sắp xếp page: the list of
events with their units, the people a plan would move, and a preview of a
plan (units closing and opening, the quota and deputies they add up to)
before ``events.apply`` writes anything."""

from __future__ import annotations

from db import repo
from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.services import events
from desktop_app.settings import threshold


def list_events(ctx: Context) -> list[dict]:
    """Every event, newest first, with the names of its units before and after."""
    rows = repo.query(ctx.db, "SELECT * FROM event ORDER BY effective_date DESC, id DESC")
    links = repo.query(ctx.db, "SELECT eu.event_id, eu.role, u.name FROM event_unit eu "
                       "JOIN unit u ON u.id = eu.unit_id ORDER BY u.code")
    kinds = dict(ctx.catalogues.choices("loai_su_kien"))
    for r in rows:
        mine = [lk for lk in links if lk["event_id"] == r["id"]]
        r["kind_label"] = kinds.get(r["kind"], r["kind"])
        r["before"] = "; ".join(lk["name"] for lk in mine if lk["role"] == "truoc")
        r["after"] = "; ".join(lk["name"] for lk in mine if lk["role"] == "sau")
    return rows


def people_in(ctx: Context, unit_ids: list[int], day: str | None = None) -> list[dict]:
    """People working in ``unit_ids`` at ``day`` (today by default): id, name, unit."""
    d = day or ctx.today.isoformat()
    if not unit_ids:
        return []
    marks = ", ".join("?" for _ in unit_ids)
    return repo.query(ctx.db, f"""
        SELECT p.id, p.full_name, p.unit_id, u.name AS unit_name FROM person p JOIN unit u ON u.id = p.unit_id
        WHERE p.unit_id IN ({marks}) AND (p.left_on IS NULL OR p.left_on > ?)
          AND (p.recruited_on IS NULL OR p.recruited_on <= ?) ORDER BY u.code, p.sort_key""",
                      [*unit_ids, d, d])


def preview(ctx: Context, plan: events.Plan) -> dict:
    """What applying ``plan`` would do, in words and figures, without writing."""
    kind = ctx.catalogues.item("loai_su_kien", plan.kind) or {}
    existing_after = [a for a in plan.after if isinstance(a, int)]
    closing = [u for u in plan.before if kind.get("closes_before") or u not in existing_after]
    names = {u["id"]: u for u in repo.query(ctx.db, "SELECT id, name, deputies FROM unit")}
    try:
        year = int((vntext.parse_date(plan.effective_date) or ctx.today.isoformat())[:4])
    except ValueError:
        year = ctx.today.year
    quota = repo.query(ctx.db, f"""
        SELECT coalesce(sum(nsnn), 0) AS nsnn, coalesce(sum(revenue_paid), 0) AS revenue_paid,
               coalesce(sum(contract), 0) AS contract FROM quota
        WHERE year = ? AND unit_id IN ({', '.join('?' for _ in plan.before) or 'NULL'})""",
                       [year, *plan.before])[0]
    deputies = sum(names[u]["deputies"] or 0 for u in plan.before if u in names)
    return {
        "closing": [names[u]["name"] for u in closing if u in names],
        "opening": [a["name"] for a in plan.after if isinstance(a, dict)],
        "continuing": [names[u]["name"] for u in existing_after if u in names],
        "quota_year": year, "quota": quota, "deputies": deputies,
        "staff": len(people_in(ctx, closing)),
        "grace_years": plan.grace_years if plan.grace_years is not None else
        int(threshold(ctx, "NAM_SAP_XEP_CAP_PHO")),
    }
