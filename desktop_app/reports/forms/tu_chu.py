"""Mức độ tự chủ tài chính và chi NSNN (ND 60/2021; like Bộ Tài chính Biểu 2e):
per unit A, B, level %, group of year N and N-1, change of group, NSNN spending."""

from __future__ import annotations

from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import by_field_group, name, stt
from desktop_app.reports.model import DEC, PCT, TEXT, Row, col, group
from desktop_app.services import asof, autonomy

MILLION = 1_000_000

COLUMNS = [
    stt(),
    name(width=28),
    group(
        "Năm N",
        col("a", "Nguồn thu sự nghiệp (A)", DEC, 12),
        col("b", "Chi thường xuyên (B)", DEC, 12),
        col("level", "Mức tự bảo đảm (%) = A/B×100", PCT, 10),
        col("group", "Nhóm tự chủ", TEXT, 8),
        col("override", "Theo quyết định", TEXT, 12),
    ),
    col("group_before", "Nhóm năm N-1", TEXT, 8),
    col("change", "Thay đổi nhóm", TEXT, 10, unverified=True),
    group(
        "Chi thường xuyên từ NSNN",
        col("nsnn_before", "Năm N-1", DEC, 12),
        col("nsnn", "Năm N", DEC, 12),
        col("nsnn_change", "Tăng (+), giảm (-)", DEC, 12, formula="{nsnn}-{nsnn_before}"),
    ),
]


def _million(v: float | None) -> float | None:
    return None if v is None else round(v / MILLION, 2)


def build(ctx: Context, params: Params) -> list[Row]:
    units = asof.units_active(ctx, params.as_of, params.unit_code)
    year = asof.finance_year(ctx, params.year)
    now, before = asof.finance(ctx, year), asof.finance(ctx, year - 1 if year else None)

    def values(u: dict) -> dict:
        f, fb = now.get(u["id"]) or {}, before.get(u["id"]) or {}
        a, ab = autonomy.assess(f), autonomy.assess(fb)
        change = ""
        if a.group and ab.group and a.group != ab.group:
            change = f"Nhóm {ab.group} → nhóm {a.group}"
        return {
            "a": _million(f.get("revenue")),
            "b": _million(f.get("recurrent_spending")),
            "level": a.level,
            "group": f"Nhóm {a.group}" if a.group else None,
            "override": f.get("override_decision") if a.overridden else None,
            "group_before": f"Nhóm {ab.group}" if ab.group else None,
            "change": change or None,
            "nsnn_before": _million(fb.get("nsnn_spending")),
            "nsnn": _million(f.get("nsnn_spending")),
        }

    rows = by_field_group(ctx, units, values, COLUMNS)
    for r in rows:  # a sum of percentages means nothing: recompute the level of sums
        if r.kind != "item":
            r.values["level"] = autonomy.level(r.values.get("a"), r.values.get("b"))
    return rows


FORM = FormDef(
    id="tu-chu",
    notes=[lambda ctx, params: asof.finance_note(ctx, params.year)],
    name="Mức độ tự chủ tài chính và chi NSNN",
    source="Nghị định 60/2021/NĐ-CP; Thông tư 46/2019/TT-BTC (Biểu 2e)",
    columns=COLUMNS,
    build=build,
    title="MỨC ĐỘ TỰ CHỦ TÀI CHÍNH VÀ CHI NGÂN SÁCH NHÀ NƯỚC CỦA ĐƠN VỊ SỰ NGHIỆP CÔNG LẬP",
    bieu="03/TC",
    subject=lambda p: f"Năm {p.year} so với năm {p.year - 1}",
    unit_of_measure="Đơn vị tính: triệu đồng; %",
)
