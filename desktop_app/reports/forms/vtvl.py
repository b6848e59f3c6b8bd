"""Danh mục vị trí việc làm và cơ cấu viên chức theo CDNN (ND 106/2020, from
01/07/2026 ND 232/2026): per unit, positions in force at the report date
ordered by position group, cần thiết vs có mặt (and có mặt per hạng, or per bậc for
ND 232/2026 positions), professional share. A position under ND 232/2026 prints its bậc
("Bậc 3–4"), one under ND 106/2020 its hạng; only official mã số reach paper."""

from __future__ import annotations

from collections import Counter

from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import by_unit, official_code, stt
from desktop_app.reports.model import GROUP, ITEM, PCT, TEXT, TOTAL, Row, col, ratio, sum_rows
from desktop_app.services import asof
from desktop_app.vntext import format_date

COLUMNS = [
    stt(8),
    col("label", "Tên vị trí việc làm", TEXT, 28),
    col("group", "Nhóm vị trí việc làm", TEXT, 22),
    col("code", "Mã số CDNN/ngạch", TEXT, 11),
    col("rank", "Hạng / bậc", TEXT, 8),
    col("can_thiet", "Số lượng người làm việc cần thiết", width=11),
    col("co_mat", "Có mặt", width=9),
    col("chenh_lech", "Thừa (+), thiếu (-)", width=9, formula="{co_mat}-{can_thiet}"),
    col("theo_hang", "Có mặt theo hạng / bậc", TEXT, 14),
    col("ty_le_cm", "Tỷ lệ VTVL chuyên môn, nghiệp vụ (%)", PCT, 11, unverified=True),
]
KEYS = ["can_thiet", "co_mat", "chenh_lech"]


def build(ctx: Context, params: Params) -> list[Row]:
    units = asof.units_active(ctx, params.as_of, params.unit_code)
    positions = asof.positions_at(ctx, params.as_of, [u["id"] for u in units])
    groups = {i["code"]: i for i in ctx.catalogues.items("nhom_vtvl")}
    roll = [p for p in asof.roll(ctx, params.as_of) if p["position_id"]]
    present = Counter(p["position_id"] for p in roll)
    ranks = by_position(roll)
    positions_of = by_unit(positions)
    rows: list[Row] = []
    all_items: list[Row] = []
    professional_all = 0
    for u in units:
        mine = sorted(
            positions_of.get(u["id"], []),
            key=lambda p: (groups.get(p["group_code"], {}).get("roman", "Z"), p["id"]),
        )
        if not mine:
            continue
        items = [_item(ctx, p, groups, present, ranks.get(p["id"], [])) for p in mine]
        professional = sum(
            p["required_count"] for p in mine if groups.get(p["group_code"], {}).get("professional")
        )
        professional_all += professional
        head = Row(GROUP, u["name"], sum_rows(items, KEYS))
        head.values["ty_le_cm"] = ratio(professional, head.values["can_thiet"])
        rows += [head, *items]
        all_items += items
    total = Row(TOTAL, "Tổng cộng", sum_rows(all_items, KEYS))
    total.values["ty_le_cm"] = ratio(professional_all, total.values["can_thiet"])
    return [*rows, total]


def by_position(roll: list[dict]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for p in roll:
        out.setdefault(p["position_id"], []).append(p)
    return out


def is_nd232(p: dict) -> bool:
    return str(p.get("regime") or "").startswith("ND232")


def rank_text(p: dict) -> str | None:
    """ND 232/2026: "Bậc 3–4" (Phụ lục II: bậc nghề nghiệp sử dụng); ND 106/2020: the hạng."""
    low, high = p["career_level_min"], p["career_level_max"]
    if is_nd232(p) and low:
        return f"Bậc {low}–{high}" if high and high != low else f"Bậc {low}"
    return p["title_rank"] or (f"Bậc {low}–{high}" if low else None)


def _by_rank(position: dict, people: list[dict]) -> str | None:
    """Có mặt per bậc (ND 232 positions) or per hạng: "Bậc 3: 2; Bậc 4: 1"."""
    if is_nd232(position):
        counts = Counter(f"Bậc {p['career_level']}" if p["career_level"] else "Chưa xếp bậc" for p in people)
    else:
        counts = Counter(f"Hạng {p['title_rank']}" if p["title_rank"] else "Chưa xếp hạng" for p in people)
    return "; ".join(f"{k}: {n}" for k, n in sorted(counts.items())) or None


def _item(ctx: Context, p: dict, groups: dict, present: Counter, people: list[dict]) -> Row:
    g = groups.get(p["group_code"], {})
    return Row(
        ITEM,
        p["name"],
        {
            "group": f"{g.get('roman', '')}. {g.get('label', p['group_code'])}",
            "code": official_code(ctx, p["title_code"]),
            "rank": rank_text(p),
            "can_thiet": p["required_count"],
            "co_mat": present[p["id"]],
            "theo_hang": _by_rank(p, people),
        },
    )


FORM = FormDef(
    id="vtvl",
    name="Danh mục vị trí việc làm và cơ cấu viên chức theo CDNN",
    source="Nghị định 106/2020/NĐ-CP; Nghị định 232/2026/NĐ-CP",
    columns=COLUMNS,
    build=build,
    bieu="06/VTVL",
    title="DANH MỤC VỊ TRÍ VIỆC LÀM VÀ CƠ CẤU VIÊN CHỨC THEO CHỨC DANH NGHỀ NGHIỆP",
    subject=lambda p: f"Tính đến ngày {format_date(p.as_of.isoformat())}",
)
