"""Kết quả tinh giản biên chế trong năm (NĐ 154/2025/NĐ-CP): the approved and settled
batches of the year, by group of đối tượng and by form of settlement, with the money (the
part computed by a verified formula, the part entered by hand, the total — each the sum of
the people's amounts to the đồng). legal-notes §3: the periodic report's exact headers were
not found; the layout follows the known content (groups, forms, money) and is marked
unverified."""

from __future__ import annotations

from desktop_app.context import Context
from desktop_app.reports.engine import FormDef, Params
from desktop_app.reports.forms.common import stt
from desktop_app.reports.model import GROUP, INT, ITEM, TEXT, TOTAL, Row, col, group, sum_rows
from desktop_app.services import tinh_gian, tinh_gian_money

COUNTED = ("duoc_duyet", "da_giai_quyet")
KEYS = ["approved", "settled", "people", "computed", "manual", "amount"]

COLUMNS = [
    stt(),
    col("label", "Nhóm đối tượng, hình thức giải quyết", TEXT, 40),
    group(
        "Số người",
        col("approved", "Được phê duyệt, chưa giải quyết", INT, 12),
        col("settled", "Đã giải quyết", INT, 12),
        col("people", "Cộng", INT, 10),
    ),
    group(
        "Kinh phí (đồng)",
        col("computed", "Tính theo công thức", INT, 16),
        col("manual", "Nhập tay", INT, 16),
        col("amount", "Tổng", INT, 16),
        unverified=True,
    ),
]


def people_of_year(ctx: Context, year: int) -> list[tuple[dict, dict]]:
    """(batch, member) of every approved or settled batch of ``year``."""
    return [
        (b, m)
        for b in tinh_gian.batches(ctx, year)
        if b["state"] in COUNTED
        for m in tinh_gian.members(ctx, b["id"])
    ]


def nq19_note(ctx: Context, year: int) -> str:
    """kq-nq19's tinh giản line: people in approved and settled batches from 2025 to ``year``."""
    found = [pair for y in range(2025, year + 1) for pair in people_of_year(ctx, y)]
    settled = sum(1 for b, _ in found if b["state"] == "da_giai_quyet")
    return (
        f"Tinh giản biên chế theo NĐ 154/2025/NĐ-CP (các đợt năm 2025 đến {year}): {len(found)} người "
        f"được phê duyệt, trong đó {settled} người đã giải quyết."
    )


def build(ctx: Context, params: Params) -> list[Row]:
    found = people_of_year(ctx, params.year)
    rows: list[Row] = []
    for code, label in tinh_gian.GROUPS:
        mine = [(b, m) for b, m in found if m["group_code"] == code]
        items = [
            _item(ctx, s["code"], s["label"], [(b, m) for b, m in mine if m["settlement_code"] == s["code"]])
            for s in ctx.catalogues.items("hinh_thuc_tinh_gian")
        ]
        rows.append(Row(GROUP, label, sum_rows(items, KEYS)))
        rows += items
    rows.append(Row(TOTAL, "Tổng cộng", sum_rows(rows, KEYS)))
    return rows


def _item(ctx: Context, code: str, label: str, pairs: list[tuple[dict, dict]]) -> Row:
    settled = sum(1 for b, _ in pairs if b["state"] == "da_giai_quyet")
    amounts = [tinh_gian_money.amount(ctx, m) for _, m in pairs]
    return Row(
        ITEM,
        label,
        {
            "approved": len(pairs) - settled,
            "settled": settled,
            "people": len(pairs),
            "computed": sum(sum(p.amount for p in a.parts) for a in amounts),
            "manual": sum(a.manual or 0 for a in amounts),
            "amount": sum(a.total for a in amounts),
        },
    )


FORM = FormDef(
    id="tinh-gian-kq",
    name="Kết quả tinh giản biên chế trong năm",
    source="Nghị định 154/2025/NĐ-CP",
    columns=COLUMNS,
    build=build,
    bieu="06/TGBC",
    title="KẾT QUẢ THỰC HIỆN TINH GIẢN BIÊN CHẾ",
    subject=lambda p: f"Năm {p.year}",
    unit_of_measure="Đơn vị tính: người, đồng",
    notes=[
        "Gồm các đợt đã được phê duyệt và đã giải quyết trong năm. Mẫu báo cáo kết quả chính thức "
        "chưa tìm "
        "được: bố cục theo nội dung đã biết (nhóm đối tượng, hình thức giải quyết, kinh phí)."
    ],
)
