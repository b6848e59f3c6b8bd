"""Inputs that used to end in a traceback (issue #16), each now a Vietnamese message naming
the file (and sheet, row, column where there is one), with nothing written: an Excel date
serial beyond 31/12/9999, a CSV with line breaks inside quoted cells (\\n, \\r\\n, a lone \\r)
or an unclosed quote, an .xlsx with a DOCTYPE and entities, read and copied by --errors."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "safety"))
import raw_xlsx  # noqa: E402

from desktop_app.errors import Problem, ValidationError  # noqa: E402
from desktop_app.importing.errors_book import write_errors  # noqa: E402
from desktop_app.importing.reader import read_book  # noqa: E402
from desktop_app.importing.service import import_file  # noqa: E402

CLI = [sys.executable, "-m", "desktop_app.main"]
UNITS = ["Mã đơn vị", "Tên đơn vị", "Lĩnh vực"]


@pytest.mark.parametrize("serial", [2958466, 99999999, 1e300, -5])
def test_a_date_serial_out_of_range_is_a_message(ctx, unit_id, tmp_path, serial):
    path = raw_xlsx.write(tmp_path / "ns.xlsx", [["Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị"],
                                                 ["Lê Văn An", serial, "Nam", "TH01"]])
    before = ctx.db.execute("SELECT count(*) FROM person").fetchone()
    result = import_file(ctx, "staff", path)
    assert [(p.row, p.column, p.label) for p in result.problems] == [(2, "B", "Ngày sinh")]
    assert "không phải ngày" in result.problems[0].message
    assert ctx.db.execute("SELECT count(*) FROM person").fetchone() == before


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_breaks_inside_quoted_csv_cells_stay_in_the_cell(tmp_path, newline):
    text = newline.join([",".join(UNITS), 'X1,"Trường' + newline + 'Tiểu học ""A""",TH',
                         'X2,"Trạm, Y tế",YTE', ""])
    path = tmp_path / "dv.csv"
    path.write_bytes(text.encode("utf-8"))
    rows = read_book(path)[0].rows
    assert rows == [UNITS, ["X1", f'Trường{newline}Tiểu học "A"', "TH"], ["X2", "Trạm, Y tế", "YTE"]]


def test_an_unclosed_quote_swallowing_the_file_is_a_message(tmp_path):
    path = tmp_path / "hong.csv"
    path.write_text(",".join(UNITS) + '\nX1,"Trường A,TH\n' + "X9,Trạm,YTE\n" * 120_000, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_book(path)
    assert "hong.csv" in str(caught.value) and "ngoặc kép" in str(caught.value)


ENTITIES = '<!ENTITY a0 "aaaaaaaaaa">' + "".join(
    f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 9))


def _with_doctype(path: Path, prolog: str, ref: str | None) -> Path:
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    head = xml.index("?>") + 2
    xml = xml[:head] + prolog + xml[head:]
    if ref:
        xml = xml.replace(">Trường A<", f">{ref}<")
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize(("prolog", "ref"), [
    (f"<!DOCTYPE w [{ENTITIES}]>", "&a8;"),  # a billion laughs
    ('<!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;"),  # an external entity
    ('<!DOCTYPE w [<!ENTITY e "x">]>', None),  # declared, unused
])
def test_an_xlsx_with_a_doctype_is_refused_or_copied_without_parsing_it(ctx, tmp_path, prolog, ref):
    plain = raw_xlsx.write(tmp_path / "dtd.xlsx", [UNITS, ["X1", "Trường A", "ZZ"]])
    path = _with_doctype(plain, prolog, ref)
    db = ctx.path
    ctx.close()
    r = subprocess.run([*CLI, "import", "units", str(path), "--errors", str(tmp_path / "loi.xlsx"),
                        "--db", str(db)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert "dtd.xlsx" in r.stderr
    if ref is None:  # read: the value problem is reported and the marked copy written from the values
        assert "«ZZ»" in r.stderr and (tmp_path / "loi.xlsx").exists()
    else:
        assert "Không đọc được trang «Danh sách»" in r.stderr
    problem = Problem("sai", row=2, column="C", sheet="Danh sách")
    if ref is None:  # copied from calamine's values: openpyxl never parses the DOCTYPE
        marked = write_errors(path, [problem], tmp_path / "l2.xlsx")
        assert b"DOCTYPE" not in zipfile.ZipFile(marked).read("xl/worksheets/sheet2.xml")
    else:
        with pytest.raises(ValidationError):
            write_errors(path, [problem], tmp_path / "l2.xlsx")
