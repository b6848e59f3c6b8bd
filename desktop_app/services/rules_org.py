"""Organisation rules of SPEC §3: deputies over the cap (NĐ 120/2020 Điều 6
khoản 2 as amended by NĐ 83/2024) with the grace period after a merger,
autonomy groups inconsistent with A/B (NĐ 60/2021), and reorganisations that
lower autonomy (NĐ 120/2020 Điều 5 khoản 2).

Every cap and period is a ``nguong`` threshold (Settings → Chỉ tiêu). The
office level decides which cap applies to nhóm 3–4 units: an office at
province level ('tinh') manages units under UBND tỉnh; the others (sở, xã,
the former huyện) use the sở/commune caps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from db import repo
from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.services import autonomy, office
from desktop_app.services.check import CANH_BAO, LOI, Finding
from desktop_app.services.facts import Facts
from desktop_app.services.targets import autonomy_groups
from desktop_app.settings import threshold, threshold_source

MERGERS = ("SAP_NHAP", "HOP_NHAT")
DEPUTY_SOURCE = "NĐ 120/2020/NĐ-CP Điều 6 khoản 2 (sửa đổi bởi NĐ 83/2024/NĐ-CP)"


def deputy_cap(ctx: Context, unit: dict, group: int | None, vien_chuc: int,
               level: str, limit: Callable[[str], float] | None = None) -> tuple[int, str] | None:
    """(cap, threshold code) for a unit, or None when no cap applies (nhóm 1 decides itself).
    ``limit`` reads a threshold (default ``settings.threshold``; a caller checking every unit
    passes a memoised one)."""
    limit = limit or (lambda code: threshold(ctx, code))
    if group == 1:
        return None
    if group == 2:
        return int(limit("PHO_N2")), "PHO_N2"
    if level == "tinh":
        code = "PHO_N34_TINH_NHO" if vien_chuc <= limit("VC_NGUONG_TINH") else "PHO_N34_TINH_LON"
        return int(limit(code)), code
    field = ctx.catalogues.item("linh_vuc", unit.get("field")) or {}
    multi_level = field.get("school_level") == "lien_cap" and \
        (unit.get("classes") or 0) >= limit("LOP_TRUONG_NHIEU_CAP")
    hospital = unit.get("hospital_rank") == "I"
    code = "PHO_N34_SO_XA_NGOAI_LE" if multi_level or hospital else "PHO_N34_SO_XA"
    return int(limit(code)), code


def last_merger(ctx: Context, unit_id: int) -> dict | None:
    """The latest applied merger (sáp nhập, hợp nhất) that produced ``unit_id``."""
    rows = repo.query(ctx.db, f"""
        SELECT e.* FROM event e JOIN event_unit eu ON eu.event_id = e.id
        WHERE eu.unit_id = ? AND eu.role = 'sau' AND e.applied = 1
          AND e.kind IN ({', '.join('?' for _ in MERGERS)})
        ORDER BY e.effective_date DESC, e.id DESC LIMIT 1""", [unit_id, *MERGERS])
    return rows[0] if rows else None


def grace_years(ctx: Context, event: dict) -> int:
    """The event's grace years, never more than the NAM_SAP_XEP_CAP_PHO threshold (a maximum:
    the cap must be restored within it); the threshold itself when the event gives none."""
    rule = int(threshold(ctx, "NAM_SAP_XEP_CAP_PHO"))
    years = event.get("grace_years")
    return rule if years is None else min(int(years), rule)


def grace_deadline(ctx: Context, event: dict) -> dt.date:
    """Merger date + its grace years (``grace_years``)."""
    years = grace_years(ctx, event)
    day = dt.date.fromisoformat(event["effective_date"])
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/02 → 28/02
        return day.replace(year=day.year + years, day=28)


def deputies_over_cap(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    facts = facts or Facts(ctx)
    level = (office.get(ctx) or {}).get("level") or "xa"
    units = [u for u in facts.units_active(ctx.today) if u.get("deputies")]
    if not units:
        return []
    groups, _ = autonomy_groups(ctx, ctx.today, facts)
    vien_chuc_kinds = {i["code"] for i in ctx.catalogues.items("loai_lao_dong") if i.get("is_vien_chuc")}
    vc_count: dict[int, int] = {}
    for (uid, kind), n in facts.roll_by_unit_kind().items():
        if kind in vien_chuc_kinds:
            vc_count[uid] = vc_count.get(uid, 0) + n
    limits: dict[str, float] = {}  # one settings read per threshold, not per unit

    def limit(code: str) -> float:
        if code not in limits:
            limits[code] = threshold(ctx, code)
        return limits[code]

    found = []
    for u in units:
        cap = deputy_cap(ctx, u, groups.get(u["id"]), vc_count.get(u["id"], 0), level, limit)
        if cap is None or u["deputies"] <= cap[0]:
            continue
        found.append(_deputy_finding(ctx, u, cap, last_merger(ctx, u["id"])))
    return found


def _deputy_finding(ctx: Context, u: dict, cap: tuple[int, str], merger: dict | None) -> Finding:
    limit, code = cap
    message = f"{u['name']} có {u['deputies']} cấp phó, vượt mức tối đa {limit} người."
    severity = LOI
    if merger is not None:
        deadline = grace_deadline(ctx, merger)
        merged_on = vntext.format_date(merger["effective_date"])
        if ctx.today < deadline:
            severity = CANH_BAO
            message += (f" Đơn vị hình thành sau sắp xếp ngày {merged_on}: phải bố trí về đúng số quy định "
                        f"chậm nhất ngày {deadline.strftime('%d/%m/%Y')}.")
        else:
            message += (f" Thời hạn bố trí sau sắp xếp ngày {merged_on} đã hết ngày "
                        f"{deadline.strftime('%d/%m/%Y')}.")
    return Finding("CAP_PHO_VUOT", severity, message, u["code"], None,
                   f"{DEPUTY_SOURCE}; {threshold_source(ctx, code)}".rstrip("; "), u["id"])


def _finance_latest(ctx: Context) -> list[dict]:
    """Each active unit's finance row of the latest year ≤ this year."""
    return repo.query(ctx.db, """
        SELECT f.*, u.code, u.name FROM finance f JOIN unit u ON u.id = f.unit_id
        WHERE f.year = (SELECT max(year) FROM finance g WHERE g.unit_id = f.unit_id AND g.year <= ?)
          AND (u.valid_to IS NULL OR u.valid_to > ?) ORDER BY u.code""",
                      [ctx.today.year, ctx.today.isoformat()])


def autonomy_inconsistent(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    found = []
    for f in _finance_latest(ctx):
        a = autonomy.assess(f)
        problem = _impossible(f, a)
        if problem:
            found.append(Finding("TU_CHU_KHONG_HOP_LY", LOI, f"{f['name']} (năm {f['year']}): {problem}",
                                 f["code"], None, "NĐ 60/2021/NĐ-CP Điều 9, 10", f["unit_id"]))
        elif a.undecided:
            found.append(Finding(
                "TU_CHU_KHONG_KHOP", CANH_BAO,
                f"{f['name']} (năm {f['year']}): nhóm tự chủ theo quyết định là nhóm {f['group_override']}, "
                f"khác nhóm {a.computed} tính từ nguồn thu/chi thường xuyên "
                f"({vntext.format_number(a.level, 2)}%) nhưng chưa ghi số quyết định; báo cáo tính theo "
                f"nhóm {a.computed}.",
                f["code"], None, "NĐ 60/2021/NĐ-CP Điều 9, 10", f["unit_id"]))
    return found


def _impossible(f: dict, a: autonomy.Autonomy) -> str | None:
    revenue, spending, nsnn = f.get("revenue"), f.get("recurrent_spending"), f.get("nsnn_spending")
    if revenue and not spending:
        return "có nguồn thu nhưng chưa có chi thường xuyên (B), không tính được mức tự chủ."
    if nsnn is not None and spending is not None and nsnn > spending + 0.5:
        return "chi thường xuyên từ NSNN lớn hơn tổng chi thường xuyên."
    if f.get("invest_self_funded") and a.level is not None and a.level < 100:
        return (f"ghi tự bảo đảm chi đầu tư nhưng mức tự bảo đảm chi thường xuyên chỉ "
                f"{vntext.format_number(a.level, 2)}% (< 100%).")
    return None


def reorganisation_lowers_autonomy(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    events = repo.query(ctx.db, f"""
        SELECT * FROM event WHERE applied = 1 AND kind IN ({', '.join('?' for _ in MERGERS)})
        ORDER BY effective_date, id""", list(MERGERS))
    found = []
    for e in events:
        year = int(e["effective_date"][:4])
        links = repo.query(ctx.db, "SELECT eu.role, u.id, u.code, u.name FROM event_unit eu "
                           "JOIN unit u ON u.id = eu.unit_id WHERE eu.event_id = ?", [e["id"]])
        before = [g for g in (_group_near(ctx, lk["id"], year - 1, earlier=True) for lk in links
                              if lk["role"] == "truoc") if g is not None]
        for lk in (x for x in links if x["role"] == "sau"):
            after = _group_near(ctx, lk["id"], year, earlier=False)
            if before and after is not None and after > min(before):
                found.append(Finding(
                    "SAP_XEP_GIAM_TU_CHU", LOI,
                    f"{lk['name']} sau sắp xếp ngày {vntext.format_date(e['effective_date'])} ở nhóm tự chủ "
                    f"{after}, thấp hơn nhóm {min(before)} của đơn vị tốt nhất trước sắp xếp.",
                    lk["code"], None, "NĐ 120/2020/NĐ-CP Điều 5 khoản 2", lk["id"]))
    return found


def _group_near(ctx: Context, unit_id: int, year: int, *, earlier: bool) -> int | None:
    """The unit's autonomy group in the latest year ≤ ``year`` (earlier) or the first ≥ it."""
    sql = ("SELECT * FROM finance WHERE unit_id = ? AND year <= ? ORDER BY year DESC LIMIT 1" if earlier
           else "SELECT * FROM finance WHERE unit_id = ? AND year >= ? ORDER BY year LIMIT 1")
    rows = repo.query(ctx.db, sql, [unit_id, year])
    return autonomy.assess(rows[0]).group if rows else None

