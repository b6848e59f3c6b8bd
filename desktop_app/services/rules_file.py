"""The check rule over the personnel file (issue #19): per unit, how many working people's
files lack a part (services.completeness; the ``ho-so`` report lists them)."""

from __future__ import annotations

from desktop_app.context import Context
from desktop_app.services import completeness
from desktop_app.services.check import THONG_TIN, Finding
from desktop_app.services.facts import Facts

SOURCE = "CV 5034/BNV-CCVC ngày 11/7/2025 (đồng bộ CSDL quốc gia về CBCCVC)"


def incomplete_files(ctx: Context, facts: Facts | None = None) -> list[Finding]:
    units = {r[0]: (r[1], r[2]) for r in ctx.db.execute("SELECT id, code, name FROM unit ORDER BY code")}
    found = completeness.by_unit(ctx, ctx.today)
    out = []
    for uid in [*units, None]:
        if uid not in found:
            continue
        n, counts = found[uid]
        code, name = (
            units.get(uid, (None, "Chưa ghi đơn vị")) if uid is not None else (None, "Chưa ghi đơn vị")
        )
        parts = ", ".join(f"{completeness.GAPS[k]}: {v}" for k, v in counts.items() if v)
        out.append(
            Finding(
                "HO_SO_THIEU",
                THONG_TIN,
                f"{name}: {n} người hồ sơ chưa đầy đủ ({parts}); xem báo cáo «Độ đầy đủ hồ sơ nhân sự».",
                code,
                None,
                SOURCE,
                uid,
            )
        )
    return out
