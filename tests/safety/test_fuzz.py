"""Fuzzing the two doors data comes in by (SPEC §7): records.create/update for
every entity, and the importer with malformed sheets. Hypothesis runs
derandomized (the same cases every run) with bounded counts; in all more than
1,000 cases. The only allowed outcomes are success, a ValidationError (or an
import report listing problems), and for anything refused the data unchanged."""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from safety_helpers import content_hash, small_office

from desktop_app.entities import ENTITIES
from desktop_app.errors import ValidationError
from desktop_app.importing.service import KINDS, entity_of, import_file
from desktop_app.services import records


def fuzz(max_examples: int) -> settings:
    return settings(derandomize=True, deadline=None, database=None, max_examples=max_examples,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

NASTY = ["31/02/2020", "00/00/0000", "29/02/2023", "2020-13-45", "1,2,3", "1.234,5,6", "=1+1",
         '=HYPERLINK("http://x","y")', "+1", "-0", "@A1", "NaN", "inf", "-inf", "1e309", "  ", "",
         "\x00", "\x07\x1b[31m", "Nguyê\u0303n", unicodedata.normalize("NFD", "Trường Tiểu học"),
         "x" * 100_000, "Có", "Không", "nam", "Nữ", "TH01", "0", "-1", "99999999999999999999",
         "12/2020", "2020", "01/01/1899", "01/01/2999", "\u202eabc", "\ufeffTH01", "None", "[]", "{}"]
values = st.one_of(
    st.sampled_from(NASTY), st.none(), st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40), st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=8),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")), st.dates(), st.datetimes(),
    st.lists(st.integers(), max_size=2), st.binary(max_size=4))


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    ctx, units, people = small_office(tmp_path_factory.mktemp("fuzz") / "bienche.sqlite")
    yield ctx
    ctx.close()


def _raw(entity_name: str):
    names = [f.name for f in ENTITIES[entity_name].fields]
    return st.dictionaries(st.sampled_from(names) | st.text(max_size=6), values, max_size=8)


def _must_be_clean(ctx, call):
    """Run ``call``; a ValidationError must leave the data as it was."""
    before = content_hash(ctx.db)
    try:
        call()
    except ValidationError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
        assert content_hash(ctx.db) == before


@pytest.mark.parametrize("entity_name", sorted(ENTITIES))
def test_records_take_any_input(office, entity_name):
    table = ENTITIES[entity_name].table

    @fuzz(max_examples=80)
    @given(raw=_raw(entity_name), update=st.booleans())
    def case(raw, update):
        row = office.db.execute(f"SELECT max(id) FROM {table}").fetchone()[0]  # noqa: S608
        if update and row:
            _must_be_clean(office, lambda: records.update(office, entity_name, row, raw))
        else:
            _must_be_clean(office, lambda: records.create(office, entity_name, raw))

    case()


def _cell(v):
    v = repr(v) if isinstance(v, (list, bytes)) else v
    return ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v  # xlsx cannot hold them


def _csv(path, headers, rows):
    """The CSV variant keeps control characters (a CSV can hold them; xlsx cannot)."""
    text = io.StringIO()
    body = [[("" if v is None else str(v).replace("\x00", "")) for v in r] for r in rows]
    csv.writer(text).writerows([[("" if h is None else h) for h in headers], *body])
    path.write_text(text.getvalue(), encoding="utf-8", errors="surrogatepass")


def _book(path, headers, rows, merges):
    wb = Workbook()
    ws = wb.active
    ws.append([_cell(h) for h in headers])
    for r in rows:
        ws.append([_cell(v) for v in r])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text typed by a clerk, even "=…"
    for first_row, first_col, height, width in merges:
        last_row, last_col = first_row + height, first_col + width
        if last_row <= ws.max_row + 2 and last_col <= max(len(headers), 1) + 1:
            ws.merge_cells(start_row=first_row, start_column=first_col, end_row=last_row, end_column=last_col)
    wb.save(path)


def _sheet(kind: str):
    labels = [f.label for f in entity_of(kind).fields]
    header = st.sampled_from(labels) | st.text(max_size=12) | st.sampled_from(NASTY[:20]) | st.none()
    merge = st.tuples(st.integers(1, 4), st.integers(1, 5), st.integers(0, 2), st.integers(0, 2))
    return st.tuples(st.lists(header, min_size=1, max_size=8),
                     st.lists(st.lists(values.filter(lambda v: not isinstance(v, str) or len(v) < 40_000),
                                       max_size=8), max_size=6),
                     st.lists(merge, max_size=2))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_import_takes_any_sheet(office, tmp_path_factory, kind):
    folder = tmp_path_factory.mktemp(f"sheets-{kind}")

    @fuzz(max_examples=50)
    @given(sheet=_sheet(kind), as_csv=st.booleans())
    def case(sheet, as_csv):
        headers, rows, merges = sheet
        path = folder / ("tep.csv" if as_csv else "tep.xlsx")
        if as_csv:
            _csv(path, headers, rows)
        else:
            _book(path, headers, rows, merges)
        before = content_hash(office.db)
        try:
            result = import_file(office, kind, path)
        except ValidationError as exc:
            assert str(exc)
            assert content_hash(office.db) == before
            return
        if result.problems or not result.written:
            assert all(str(p) for p in result.problems)
            assert content_hash(office.db) == before

    case()
