"""``bienche export nang-luong|hop-dong … --apply``: the list's actions after a confirmation."""

from __future__ import annotations

from desktop_app.context import Context
from desktop_app.errors import ValidationError
from desktop_app.reports.engine import Params
from desktop_app.reports.forms.due_common import period, unit_id
from desktop_app.services import due, due_actions


def run(ctx: Context, form: str, params: Params, confirmed: bool) -> int:
    first, last = period(params)
    label = f"{first:%d/%m/%Y}–{last:%d/%m/%Y}"
    if form == "nang-luong":
        items = due.step_raises(ctx, first, last, unit_id(ctx, params))
        lines = [f"{d.full_name}: {due.KIND_LABELS[d.kind]} từ {d.due_on:%d/%m/%Y}" for d in items]
        apply = lambda: due_actions.apply_raises(ctx, items, label)  # noqa: E731
    elif form == "hop-dong":
        rows = due.contracts_ending(ctx, first, last, unit_id(ctx, params))
        lines = [f"{r['full_name']}: kết thúc hợp đồng {r['number'] or ''} ngày {r['to_date']}" for r in rows]
        apply = lambda: due_actions.end_contracts(ctx, [r["id"] for r in rows], label)  # noqa: E731
    else:
        raise ValidationError(f"Biểu mẫu «{form}» không có việc nào để ghi; "
                              "--apply dùng với nang-luong, hop-dong.")
    print("\n".join(["Sẽ ghi:", *lines]) if lines else "Không có ai trong danh sách.")
    if not lines:
        return 0
    if not confirmed and input(f"Ghi {len(lines)} việc? (c/k) ").strip().lower() not in ("c", "co", "có"):
        print("Không ghi gì.")
        return 1
    result = apply()
    print(f"Đã ghi {result.actions} việc (lần ghi số {result.batch_id}; hoàn tác được trong phần mềm).")
    return 0
