"""Form registry and the one way to build a report: a form definition
(declarative columns + a ``build`` returning rows) plus the office's ND 30
header and footer settings → :class:`~desktop_app.reports.model.Report`."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop_app import vntext
from desktop_app.context import Context
from desktop_app.errors import ValidationError
from desktop_app.importing import as_of
from desktop_app.packages import scope
from desktop_app.packages.keys import own_fingerprint
from desktop_app.reports.model import (
    GROUP,
    ITEM,
    LANDSCAPE,
    TEXT,
    TOTAL,
    Column,
    Footer,
    Header,
    Letter,
    Report,
    Row,
    finish_rows,
    shown_columns,
)
from desktop_app.services import asof, period_lock
from desktop_app.services import office as office_service
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
    by_office: bool = False  # a summary form: its items (e.g. field groups) are no units (SPEC §8)
    # A text report (BÁO CÁO) printed before the table, the table then being its attached biểu:
    # (ctx, params, the table report) -> Letter. See forms/kq_nq19_report.py.
    letter: Callable[[Context, Params, Report], Letter] | None = None
    annex_title: str = ""  # the table's title when it is attached to a letter


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
    form = dataclasses.replace(form, columns=dated_columns(ctx, form.columns, params))
    columns = _office_column(ctx, form)
    rows = finish_rows(form.columns, _rows_by_office(ctx, form, params, columns is not form.columns))
    columns = shown_columns(columns, rows)
    header, footer = _header(ctx, form), _footer(ctx, form)
    report = Report(form_id=form.id, title=form.title, subject=_subject(ctx, form, params), header=header,
                    footer=footer, columns=columns, rows=rows, orientation=form.orientation,
                    unit_of_measure=form.unit_of_measure, notes=_notes(ctx, form, params),
                    as_of=params.as_of, data_fingerprint=data_fingerprint(ctx),
                    catalogues=catalogue_versions(ctx), key_fingerprint=own_fingerprint(ctx))
    if form.letter is not None:
        _attach_letter(ctx, form, params, report)
    return report


def paper_warnings(ctx: Context) -> list[str]:
    """What a signable paper still lacks in the office settings (Số, signer, Kính gửi)."""
    return office_service.missing_for_paper(_office(ctx))


def _subject(ctx: Context, form: FormDef, params: Params) -> str:
    """The form's subject; a report for one unit names it (SPEC §4: never mistaken for the whole)."""
    subject = form.subject(params)
    if not params.unit_code:
        return subject
    row = ctx.db.execute("SELECT name FROM unit WHERE code = ? ORDER BY office_uid IS NOT NULL LIMIT 1",
                         [params.unit_code]).fetchone()
    name = row[0] if row else params.unit_code
    return f"{subject} — riêng đơn vị: {name} (mã {params.unit_code})"


def _attach_letter(ctx: Context, form: FormDef, params: Params, report: Report) -> None:
    """The table becomes the letter's attached biểu: landscape, "Kèm theo Báo cáo số …", no Số line."""
    assert form.letter is not None
    letter = form.letter(ctx, params, report)
    letter.subject = report.subject
    letter.number = report.header.number
    report.letter = letter
    report.title = form.annex_title or report.title
    report.orientation = LANDSCAPE
    report.header.bieu = "Phụ lục"
    report.header.number = ""
    report.header.attached = _attached_line(ctx, _office(ctx))
    report.footer.preparer = "Người lập biểu"


def header_years(ctx: Context, params: Params) -> dict[str, str]:
    """What a column label's placeholders stand for: {N} the report year, {N1} the year before,
    {ngay} the report date, {TC} / {TC1} the finance year used and the one before it."""
    fin = asof.finance_year(ctx, params.year)
    return {"N": str(params.year), "N1": str(params.year - 1),
            "ngay": params.as_of.strftime("%d/%m/%Y"),
            "TC": str(fin or params.year), "TC1": str((fin or params.year) - 1)}


def dated_columns(ctx: Context, columns: list[Column], params: Params) -> list[Column]:
    """The form's columns with the years printed: no literal "Năm N" reaches paper."""
    values = header_years(ctx, params)
    out = copy.deepcopy(columns)
    stack = list(out)
    while stack:
        c = stack.pop()
        c.label = re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), c.label)
        stack += c.children
    return out


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
    notes: list[str] = []
    for n in form.notes:  # a callable may give one text or several lines
        value = n(ctx, params) if callable(n) else n
        notes += value if isinstance(value, list) else [value]
    lock = period_lock.open_lock(ctx, params.year)
    if lock:
        when = dt.datetime.fromisoformat(lock["locked_at"])
        notes.append(f"Số liệu đã chốt ngày {when:%d/%m/%Y}.")
    begins = as_of.report_note(ctx, params.as_of)  # staff imported as true at a later date
    if begins:
        notes.append(begins)
    return notes


def _rows_by_office(ctx: Context, form: FormDef, params: Params, office_column: bool) -> list[Row]:
    """All offices together; in a consolidated database (several offices' packages), first one
    block per office (a heading row A, B… carrying the office's totals, then its own rows
    numbered within it), then "Tổng hợp chung" with its own heading: the rows over all offices
    that are no unit (field groups, totals; the items too for a ``by_office`` summary form,
    whose items are not units), so no unit is printed twice (SPEC §4, §8)."""
    together = finish_rows(form.columns, form.build(ctx, params))  # numbered I, II… on its own
    offices = scope.owners(ctx)
    if len(offices) < 2:
        return together
    units = {r[0] for r in ctx.db.execute("SELECT DISTINCT name FROM unit")}
    rows: list[Row] = []
    for i, office in enumerate(offices):
        with scope.office_scope(ctx, office["uid"]):
            own = finish_rows(form.columns, form.build(ctx, params))
        totals = next((r.values for r in own if r.kind == TOTAL), {})
        rows.append(Row(GROUP, office["name"], dict(totals), stt=_letter(i)))
        for r in own:
            if r.kind != TOTAL:
                if office_column:
                    r.values.setdefault(OFFICE_KEY, office["name"])
                rows.append(r)
    rows.append(Row(GROUP, "Tổng hợp chung các cơ quan", stt=_letter(len(offices))))
    return rows + _summary(together, units, keep_items=form.by_office)


OFFICE_KEY = "co_quan"


def _summary(rows: list[Row], units: set[str], keep_items: bool) -> list[Row]:
    """The rows of the all-offices table that name no unit and sit under no unit."""
    out: list[Row] = []
    under_unit = False
    for r in rows:
        if r.kind == GROUP:
            under_unit = r.label in units
        if r.label in units or (r.kind == ITEM and (under_unit or not keep_items)):
            continue
        out.append(r)
    return out


def _office_column(ctx: Context, form: FormDef) -> list[Column]:
    """The form's columns, plus "Cơ quan" after the name when two offices have a unit of the
    same name: on paper the two would otherwise be told apart only by the block they sit in."""
    same = ctx.db.execute("SELECT 1 FROM unit GROUP BY name HAVING count(DISTINCT "
                          "coalesce(office_uid, '')) > 1 LIMIT 1").fetchone()
    if not same or len(scope.owners(ctx)) < 2:
        return form.columns
    at = next((i + 1 for i, c in enumerate(form.columns) if c.key == "label"), 1)
    return [*form.columns[:at], Column("Cơ quan", OFFICE_KEY, TEXT, 16.0), *form.columns[at:]]


def _letter(i: int) -> str:
    return chr(ord("A") + i) if i < 26 else str(i + 1)


def _office(ctx: Context) -> dict:
    return office_service.get(ctx) or {}


_BLANK = "\u00a0" * 8  # room to write the number by hand; NBSP survives PDF layout


def _code(o: dict) -> str:
    return (o.get("report_code") or "").strip() or "…"


def _attached_line(ctx: Context, o: dict) -> str:
    return (f"(Kèm theo Báo cáo số{_BLANK}/BC-{_code(o)} ngày{_BLANK}tháng{_BLANK}năm {ctx.today.year} "
            f"của {o.get('name') or '…'})")


def _header(ctx: Context, form: FormDef) -> Header:
    """A biểu is attached to a report: it carries "Kèm theo Báo cáo số …" and no Số line of its own."""
    o = _office(ctx)
    number = "" if form.bieu else f"Số:{_BLANK}/BC-{_code(o)}"
    attached = _attached_line(ctx, o) if form.bieu else ""
    return Header(parent=(o.get("parent") or "").upper(), office=(o.get("name") or "").upper(),
                  number=number, place_date=vntext.format_long_date(ctx.today, o.get("place") or "…"),
                  bieu=f"Biểu số {form.bieu}" if form.bieu else "", attached=attached)


def _footer(ctx: Context, form: FormDef) -> Footer:
    o = _office(ctx)
    recipients = [line.strip() for line in (o.get("recipients") or "").splitlines() if line.strip()]
    if not recipients:
        recipients = ["- Như trên;", "- Lưu: VT."]
    recipients = [f"- {r.lstrip('- ').rstrip(';.')}" for r in recipients]
    recipients = [r + (";" if i < len(recipients) - 1 else ".") for i, r in enumerate(recipients)]
    authority, title = office_service.signing_lines(o)
    return Footer(recipients=recipients, authority=authority, signer_title=title,
                  signer_name=o.get("signer_name") or "",
                  preparer="Người lập biểu" if form.bieu else "")
