"""Mức độ tự chủ tài chính và chi NSNN (ND 60/2021; like Bộ Tài chính Biểu 2e):
per unit A, B, level %, group of year N (nhóm 3 with its band) and N-1, change of group,
NSNN spending of N-1 and N and its bình quân of 2016–2020 and 2021–2025; the number of units
per group in N-1 and N as notes. Money is summed exact and rounded once, at the end."""

from __future__ import annotations

import datetime as dt

from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms import indicators as ind
from desktop_app.reports.forms.common import by_field_group, name, round_money, stt, units_listed
from desktop_app.reports.model import DEC, PCT, TEXT, Row, col, group
from desktop_app.services import asof, autonomy

MILLION = 1_000_000

COLUMNS = [
    stt(),
    name(width=22),
    group(
        "Năm {TC}",
        col("a", "Nguồn thu sự nghiệp (A)", DEC, 11),
        col("b", "Chi thường xuyên (B)", DEC, 11),
        col("level", "Mức tự bảo đảm (%) = A/B×100", PCT, 10),
        col("group", "Nhóm tự chủ", TEXT, 10),
        col("override", "Theo quyết định", TEXT, 13),
    ),
    col("group_before", "Nhóm năm {TC1}", TEXT, 8),
    col("change", "Thay đổi nhóm", TEXT, 10, unverified=True),
    group(
        "Chi thường xuyên từ NSNN",
        col("nsnn_before", "Năm {TC1}", DEC, 11),
        col("nsnn", "Năm {TC}", DEC, 11),
        col("nsnn_change", "Tăng (+), giảm (-)", DEC, 11, formula="{nsnn}-{nsnn_before}"),
        col("bq_1620", "Bình quân 2016–2020", DEC, 11),
        col("bq_2125", "Bình quân 2021–2025", DEC, 11),
    ),
]


def _million(v: float | None) -> float | None:
    return None if v is None else v / MILLION


def _change(now: float | None, before: float | None) -> float | None:
    """A blank is 0 (no figures that year, or the unit no longer exists): rows add up."""
    return None if now is None and before is None else (now or 0) - (before or 0)


def _group_text(a: autonomy.Autonomy) -> str | None:
    if not a.group:
        return None
    band = autonomy.band(a.level) if a.group == 3 else ""
    return f"Nhóm {a.group} ({band})" if band else f"Nhóm {a.group}"


def build(ctx: Context, params: Params) -> list[Row]:
    # units closed since 2016 keep their rows: their N-1 spending and bình quân still count
    units = units_listed(ctx, params.as_of, params.unit_code, dt.date(2016, 1, 1))
    year = asof.finance_year(ctx, params.year)
    now, before = asof.finance(ctx, year), asof.finance(ctx, year - 1 if year else None)
    figures = ind.figures(ctx, params.as_of, params.year, params.unit_code)

    def values(u: dict) -> dict:
        f = {} if u.get("ended") else now.get(u["id"]) or {}
        fb = before.get(u["id"]) or {}
        a, ab = autonomy.assess(f), autonomy.assess(fb)
        change = ""
        if a.group and ab.group and a.group != ab.group:
            change = f"Nhóm {ab.group} → nhóm {a.group}"
        return {
            "a": _million(f.get("revenue")),
            "b": _million(f.get("recurrent_spending")),
            "level": a.level,
            "group": _group_text(a),
            "override": autonomy.override_text(f),
            "group_before": f"Nhóm {ab.group}" if ab.group else None,
            "change": change or None,
            "nsnn_before": _million(fb.get("nsnn_spending")),
            "nsnn": _million(f.get("nsnn_spending")),
            "nsnn_change": _change(_million(f.get("nsnn_spending")), _million(fb.get("nsnn_spending"))),
            "bq_1620": _average(2016, 2020, u["id"]),
            "bq_2125": _average(2021, 2025, u["id"]),
        }

    def _average(first: int, last: int, uid: int) -> float | None:
        avg, _ = figures.spending_average(first, last, {uid})
        return None if avg is None else avg / MILLION

    rows = by_field_group(ctx, units, values, COLUMNS, mark_ended=True)
    for r in rows:  # a sum of percentages means nothing: recompute the level of sums
        if r.kind != "item":
            r.values["level"] = autonomy.level(r.values.get("a"), r.values.get("b"))
    return round_money(COLUMNS, rows)


def group_counts(ctx: Context, params: Params) -> list[str]:
    """Biểu 2e: units per autonomy group in the finance year before and the finance year used."""
    f = ind.figures(ctx, params.as_of, params.year, params.unit_code)
    if f.finance_year is None:
        return []
    prev_day = asof.year_end(f.finance_year - 1)
    prev = ind.figures(ctx, prev_day, f.finance_year - 1, params.unit_code).group_counts()
    now = f.group_counts()
    parts = [f"nhóm {g}: {prev[g]} → {now[g]} ({now[g] - prev[g]:+d})" for g in (1, 2, 3, 4)]
    parts.append(f"chưa có số liệu: {prev[None]} → {now[None]}")
    return [f"Số đơn vị theo nhóm tự chủ, năm {f.finance_year - 1} → năm {f.finance_year} "
            f"(tăng +, giảm -): " + "; ".join(parts) + "."]


FORM = FormDef(
    id="tu-chu",
    notes=[lambda ctx, params: asof.finance_note(ctx, params.year), group_counts,
           "Nhóm tự chủ theo quyết định chỉ được tính khi có số quyết định; nếu chưa có, đơn vị được xếp "
           "theo nhóm tính toán và cột «Theo quyết định» ghi «chưa có quyết định»."],
    name="Mức độ tự chủ tài chính và chi NSNN",
    source="Nghị định 60/2021/NĐ-CP; Thông tư 46/2019/TT-BTC (Biểu 2e)",
    columns=COLUMNS,
    build=build,
    title="MỨC ĐỘ TỰ CHỦ TÀI CHÍNH VÀ CHI NGÂN SÁCH NHÀ NƯỚC CỦA ĐƠN VỊ SỰ NGHIỆP CÔNG LẬP",
    bieu="03/TC",
    subject=lambda p: f"Năm {p.year} so với năm {p.year - 1}",
    unit_of_measure="Đơn vị tính: triệu đồng; %",
)
