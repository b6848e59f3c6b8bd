"""A sheet too big to hold is read row by row (importing.stream, issue #16); the import must
not be able to tell: the same clerk's file imported whole (calamine) and streamed (openpyxl
read-only, forced here by a threshold of 0 cells) stores the same rows, reports the same
problems and writes the same copy of the rows with problems."""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from import_fixtures import person_row, staff_book, staff_rows, varied_rows
from openpyxl import load_workbook

from desktop_app.errors import ValidationError
from desktop_app.importing import csv_reader, rest_copy, stream
from desktop_app.importing.reader import read_book
from desktop_app.importing.service import import_file

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "safety"))
from safety_helpers import small_office  # noqa: E402

PEOPLE = ("SELECT full_name, birth_date, gender, cccd, unit_id, salary_class, coefficient, recruited_on, "
          "name_key, sort_key FROM person WHERE id > 3 ORDER BY id")
POSTS = "SELECT person_id, valid_from, change FROM assignment WHERE person_id > 3 ORDER BY id"


def _book(path: Path, bad: bool = False) -> Path:
    rows = varied_rows() + [r[:1] + [f"{r[1]} B"] + r[2:4] + [f"0123456{i:05d}"] + r[5:]
                            for i, r in enumerate(staff_rows(40))]
    if bad:
        rows.append(person_row(99, "Lê Văn Sai", born="31/02/1980"))
    rows[7][10] = dt.datetime(2011, 9, 5)  # a real date cell, not text
    staff_book(rows, path)
    return path


def _import(tmp_path: Path, name: str, book: Path, monkeypatch, streamed: bool):
    monkeypatch.setattr(stream, "GRID_CELLS", 0 if streamed else 10**9)
    ctx, _, _ = small_office(tmp_path / f"{name}.sqlite")
    try:
        result = import_file(ctx, "staff", book)
        return result, ctx.db.execute(PEOPLE).fetchall(), ctx.db.execute(POSTS).fetchall()
    finally:
        ctx.close()


def test_a_streamed_sheet_is_read_as_the_whole_sheet_is(tmp_path, monkeypatch):
    book = _book(tmp_path / "ds.xlsx")
    monkeypatch.setattr(stream, "GRID_CELLS", 0)
    streamed = read_book(book)[0]
    assert streamed.stream is not None and streamed.height == len(list(streamed.data(0)))
    monkeypatch.setattr(stream, "GRID_CELLS", 10**9)
    whole = read_book(book)[0]
    assert whole.stream is None
    assert list(streamed.data(0)) == whole.rows
    assert sorted(streamed.merges) == sorted(whole.merges)


def test_streamed_and_whole_imports_store_the_same_rows(tmp_path, monkeypatch):
    book = _book(tmp_path / "ds.xlsx")
    whole, people, posts = _import(tmp_path, "whole", book, monkeypatch, streamed=False)
    streamed, people2, posts2 = _import(tmp_path, "streamed", book, monkeypatch, streamed=True)
    assert whole.ok and whole.written == 45 == len(people)
    assert (streamed.written, people2, posts2) == (whole.written, people, posts)
    assert any(r[7] == "2011-09-05" for r in people)


def test_streamed_and_whole_imports_report_the_same_problems_and_copy(tmp_path, monkeypatch):
    book = _book(tmp_path / "ds.xlsx", bad=True)
    outcomes = []
    for streamed in (False, True):
        result, people, _ = _import(tmp_path, f"s{streamed}", book, monkeypatch, streamed)
        rest = rest_copy.write_rest(book, result.layouts, result.problems, tmp_path / f"rest{streamed}.xlsx")
        sheet = load_workbook(rest)["Danh sách"]
        outcomes.append(([str(p) for p in result.problems], people,
                         [list(r) for r in sheet.iter_rows(values_only=True)]))
    assert outcomes[0] == outcomes[1]
    problems, people, rest_rows = outcomes[0]
    assert people == [] and len(problems) == 1 and "Lê Văn Sai" in str(rest_rows[-1])


@pytest.mark.parametrize("rows", [0, 1, 3])
def test_a_streamed_sheet_gives_rows_from_any_start(tmp_path, monkeypatch, rows):
    book = _book(tmp_path / "ds.xlsx")
    monkeypatch.setattr(stream, "GRID_CELLS", 0)
    sheet = read_book(book)[0]
    assert list(sheet.data(rows))[0] == list(sheet.data(0))[rows]


CSV_SAMPLES = {
    "utf8-bom-semicolon": "\ufeffHọ và tên;Ngày sinh\r\nTrần Văn Á;01/02/1980\r\n".encode(),
    "quoted-line-break": 'Họ và tên,Ghi chú\n"Lê Thị B","dòng 1\ndòng 2\r\nvà ""ngoặc"""\n'.encode(),
    "nfd": unicodedata.normalize("NFD", "Họ và tên,Đơn vị\nNguyễn Thị Ánh,Trường Tiểu học\n").encode(),
    "cp1258": "Đơn\tƯu\nTrương Ơn\tNăm\n".encode("cp1258"),
    "bad-bom": b"\xef\xbb\xbfH\xe1\xbb\x8d t\xc3\xaan\n" + b"x" * 50 + b"\xff\xfe\n",
    "unclosed-quote": b'A,B\n1,"' + b"x" * ((1 << 20) + 10) + b"\n",
    "empty": b"",
}


@pytest.mark.parametrize("name", CSV_SAMPLES)
def test_a_streamed_csv_reads_as_the_whole_file_does(tmp_path, monkeypatch, name):
    path = tmp_path / f"{name}.csv"
    path.write_bytes(CSV_SAMPLES[name])
    outcomes = []
    for whole in (10**9, -1):
        monkeypatch.setattr(csv_reader, "WHOLE_BYTES", whole)
        try:
            [sheet] = read_book(path)
            outcomes.append((sheet.stream is None, list(sheet.data(0)), sheet.height))
        except ValidationError as exc:
            outcomes.append((whole > 0, str(exc), 0))
    assert outcomes[0][0] and not outcomes[1][0]  # the first read whole, the second streamed
    assert outcomes[0][1:] == outcomes[1][1:]
    if name == "quoted-line-break":
        assert outcomes[0][1][1] == ["Lê Thị B", 'dòng 1\ndòng 2\r\nvà "ngoặc"']
    if name == "cp1258":
        assert outcomes[0][1][1] == ["Trương Ơn", "Năm"]


def test_a_streamed_sheet_that_xml_forbids_is_a_message_and_nothing_is_written(tmp_path, monkeypatch):
    """A control character raw in the sheet's XML: calamine reads it, the streaming parser
    refuses it; the refusal is a Vietnamese message naming the file and sheet, never a
    traceback (found by the reader fuzz: a stray cell 600,000 rows down made a sheet big)."""
    book = _book(tmp_path / "ds.xlsx")
    with zipfile.ZipFile(book) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts = {n: d.replace(b">012345600003<", b">0123456\x1f00003<") for n, d in parts.items()}
    assert any(b"\x1f" in d for d in parts.values())
    with zipfile.ZipFile(book, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    monkeypatch.setattr(stream, "GRID_CELLS", 0)
    ctx, _, _ = small_office(tmp_path / "dl.sqlite")
    try:
        before = ctx.db.execute("SELECT count(*) FROM person").fetchone()
        with pytest.raises(ValidationError) as refused:
            import_file(ctx, "staff", book)
        assert "Không đọc được trang «Danh sách» của tệp «ds.xlsx»" in str(refused.value)
        assert ctx.db.execute("SELECT count(*) FROM person").fetchone() == before
    finally:
        ctx.close()
