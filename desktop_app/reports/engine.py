"""Form registry and the one way to build a report: a form definition
(declarative columns + a ``build`` returning rows) plus the office's ND 30
header and footer settings → :class:`~desktop_app.reports.model.Report`."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.errors import ValidationError
from desktop_app.packages import scope
from desktop_app.reports.model import (
    GROUP,
    LANDSCAPE,
    TOTAL,
    Column,
    Footer,
    Header,
    Report,
    Row,
    finish_rows,
)
from desktop_app.services import office as office_service
from desktop_app.services import period_lock
from desktop_app.services.fingerprint import data_fingerprint

FORM_MODULES = ("kq_nq19", "dvsn", "slnlv", "vtvl", "bm01_vc", "bm02_vc", "tinh_gian", "sap_xep",
                "tu_chu", "dinh_muc_gv",
                # the personnel file and the lists that come due (issue #19)
                "nang_luong", "nang_luong_truoc_han", "nghi_huu", "hop_dong", "ly_lich", "ho_so",
                # the yearly result of tinh giản batches (issue #20)
                "tinh_gian_kq")


@dataclass
class Params:
    """What a report is computed for: a date, a year and optionally one unit."""

    as_of: dt.date
    year: int
    unit_code: str | None = None
    date_from: dt.date | None = None  # a period (due lists); default the month of as_of
    date_to: dt.date | None = None
    person: str | None = None         # one person by CCCD (ly-lich)
    batch: int | None = None          # one tinh giản batch (tinh-gian)

    @classmethod
    def default(cls, ctx: Context) -> Params:
        return cls(as_of=ctx.today, year=ctx.today.year)


@dataclass
class FormDef:
    id: str
    name: str
    source: str
    title: str
    columns: list[Column]
    build: Callable[[Context, Params], list[Row]]
    subject: Callable[[Params], str]
    orientation: str = LANDSCAPE
    bieu: str = ""
    unit_of_measure: str = "Đơn vị tính: người"
    notes: list = field(default_factory=list)  # texts, or callables (ctx, params) -> text
    by_office: bool = False  # a group row per office when the database holds several (SPEC §8)


def forms() -> dict[str, FormDef]:
    out = {}
    for name in FORM_MODULES:
        try:
            module = importlib.import_module(f"desktop_app.reports.forms.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"desktop_app.reports.forms.{name}":
                raise
            continue
        out[module.FORM.id] = module.FORM
    return out


def get_form(form_id: str) -> FormDef:
    known = forms()
    if form_id not in known:
        raise ValidationError(f"Không có biểu mẫu «{form_id}». Các biểu mẫu: {', '.join(known)}.")
    return known[form_id]


def build_report(ctx: Context, form_id: str, params: Params | None = None) -> Report:
    form = get_form(form_id)
    params = params or Params.default(ctx)
    rows = finish_rows(form.columns, _rows_by_office(ctx, form, params))
    header, footer = _header(ctx, form), _footer(ctx, form)
    return Report(form_id=form.id, title=form.title, subject=form.subject(params), header=header,
                  footer=footer, columns=form.columns, rows=rows, orientation=form.orientation,
                  unit_of_measure=form.unit_of_measure, notes=_notes(ctx, form, params), as_of=params.as_of,
                  data_fingerprint=data_fingerprint(ctx), catalogues=catalogue_versions(ctx))


def catalogue_versions(ctx: Context) -> str:
    """The catalogue versions in one short text: the version when all agree (the usual
    case), else ``kind version`` pairs for those that differ from the most common one."""
    versions = ctx.catalogues.versions()
    if not versions:
        return ""
    common = max(set(versions.values()), key=list(versions.values()).count)
    odd = [f"{kind} {v}" for kind, v in sorted(versions.items()) if v != common]
    return common + (f" ({', '.join(odd)})" if odd else "")


def _notes(ctx: Context, form: FormDef, params: Params) -> list[str]:
    """The form's notes, plus the date the year's figures were locked (chốt số liệu)."""
    notes = [n(ctx, params) if callable(n) else n for n in form.notes]
    lock = period_lock.open_lock(ctx, params.year)
    if lock:
        when = dt.datetime.fromisoformat(lock["locked_at"])
        notes.append(f"Số liệu đã chốt ngày {when:%d/%m/%Y}.")
    return notes


def _rows_by_office(ctx: Context, form: FormDef, params: Params) -> list[Row]:
    """All offices together; for a ``by_office`` form over several offices, first one block
    per office (a group row A, B… carrying the office's totals, then its own rows numbered
    within it), then the rows over all offices."""
    together = finish_rows(form.columns, form.build(ctx, params))  # numbered I, II… on its own
    offices = scope.owners(ctx) if form.by_office else []
    if len(offices) < 2:
        return together
    rows: list[Row] = []
    for i, office in enumerate(offices):
        with scope.office_scope(ctx, office["uid"]):
            own = finish_rows(form.columns, form.build(ctx, params))
        totals = next((r.values for r in own if r.kind == TOTAL), {})
        rows.append(Row(GROUP, office["name"], dict(totals), stt=_letter(i)))
        rows += [r for r in own if r.kind != TOTAL]
    if not any(r.kind == TOTAL for r in together):
        rows.append(Row(GROUP, "Tổng hợp chung các cơ quan", stt=_letter(len(offices))))
    return rows + together


def _letter(i: int) -> str:
    return chr(ord("A") + i) if i < 26 else str(i + 1)


def _office(ctx: Context) -> dict:
    return office_service.get(ctx) or {}


def _header(ctx: Context, form: FormDef) -> Header:
    o = _office(ctx)
    code = (o.get("report_code") or "").strip() or "…"
    blank = "\u00a0" * 8  # room to write the number by hand; NBSP survives PDF layout
    number = f"Số:{blank}/BC-{code}"
    attached = ""
    if form.bieu:
        attached = (f"(Kèm theo Báo cáo số{blank}/BC-{code} ngày{blank}tháng{blank}năm {ctx.today.year} "
                    f"của {o.get('name') or '…'})")
    return Header(parent=(o.get("parent") or "").upper(), office=(o.get("name") or "").upper(),
                  number=number, place_date=vntext.format_long_date(ctx.today, o.get("place") or "…"),
                  bieu=f"Biểu số {form.bieu}" if form.bieu else "", attached=attached)


def _footer(ctx: Context, form: FormDef) -> Footer:
    o = _office(ctx)
    recipients = [line.strip() for line in (o.get("recipients") or "").splitlines() if line.strip()]
    if not recipients:
        recipients = ["- Như trên;", "- Lưu: VT."]
    recipients = [r if r.startswith("-") else f"- {r}" for r in recipients]
    authority = (o.get("sign_authority") or "").strip()
    name = (o.get("name") or "").upper()
    return Footer(recipients=recipients, authority=f"{authority} {name}".strip() if authority else "",
                  signer_title=(o.get("signer_title") or "THỦ TRƯỞNG CƠ QUAN").upper(),
                  signer_name=o.get("signer_name") or "",
                  preparer="Người lập biểu" if form.bieu else "")
