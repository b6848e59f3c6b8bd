"""kq-nq19 as a real BÁO CÁO (ND 30/2020 Mẫu 1.4): Kính gửi, a body generated from the
indicator table (read generically: each column group of the total row, then the table's
notes, which carry the targets), the parts the office writes itself per report period
(services.report_texts), closing "./."; the table itself becomes the attached Phụ lục."""

from __future__ import annotations

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.reports.engine import Params
from desktop_app.reports.model import DEC, PCT, TEXT, TOTAL, Column, Letter, Report, Row, Section
from desktop_app.services import office, report_texts

EMPTY = "(Chưa nhập nội dung: Báo cáo → «Nội dung báo cáo…».)"


def letter(ctx: Context, params: Params, table: Report) -> Letter:
    o = office.get(ctx) or {}
    texts = report_texts.get(ctx, table.form_id, params.year)
    name = o.get("name") or "Cơ quan"
    results = [f"Căn cứ số liệu đến ngày {params.as_of:%d/%m/%Y}, {name} báo cáo kết quả thực hiện "
               "Nghị quyết số 19-NQ/TW và Kết luận số 62-KL/TW về sắp xếp, tổ chức lại đơn vị sự nghiệp "
               "công lập, tinh giản biên chế như sau:"]
    results += indicator_paragraphs(table)
    results += [n for n in table.notes if n]
    results.append("(Chi tiết theo Phụ lục kèm theo Báo cáo này.)")
    return Letter(title="BÁO CÁO", addressee=office.addressees(o), sections=[
        Section("I. KẾT QUẢ THỰC HIỆN", results),
        Section("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
                [f"1. Tồn tại, hạn chế: {texts['ton_tai'] or EMPTY}",
                 f"2. Nguyên nhân: {texts['nguyen_nhan'] or EMPTY}"]),
        Section("III. KIẾN NGHỊ, ĐỀ XUẤT", [texts["kien_nghi"] or EMPTY]),
    ])


def indicator_paragraphs(table: Report) -> list[str]:
    """One numbered paragraph per column group of the table, with the total row's figures."""
    total = next((r for r in table.rows if r.kind == TOTAL), None)
    if total is None:
        return []
    out: list[str] = []
    for c in table.columns:
        parts = _figures(c, total)
        if parts:
            out.append(f"{len(out) + 1}. {c.label}: {'; '.join(parts)}.")
    return out


def _figures(c: Column, row: Row) -> list[str]:
    if c.is_leaf:
        text = _value(c, row)
        return [text] if text else []
    return [f"{leaf.label.lower()} {text}" for leaf in c.children if leaf.is_leaf
            for text in [_value(leaf, row)] if text]


def _value(c: Column, row: Row) -> str:
    if c.kind == TEXT or c.key is None:
        return ""
    v = row.values.get(c.key)
    if v is None or v == "":
        return ""
    if c.kind == PCT:
        return f"{vntext.format_number(v, 2)}%"
    if c.kind == DEC:
        return vntext.format_number(v, 2)
    return vntext.format_number(v, 0 if float(v).is_integer() else 2)
