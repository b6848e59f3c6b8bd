"""Update mode (issue #17 point 6): an update file changing three coefficients and one unit
becomes dated history from the effective date, old → new shown first, every change audited;
without --update the same rows are duplicates as before."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from desktop_app.cli import run
from desktop_app.importing.service import import_file

HEADER = ["Họ và tên", "Ngày sinh", "Số CCCD", "Đơn vị", "Hệ số lương", "Loại", "Quê quán"]
PEOPLE = [("Nguyễn Văn An", "01/01/1980", "001080000001", "TH01", 3.0, "A1", "Hà Nội"),
          ("Trần Thị Bình", "02/02/1982", "001082000002", "TH01", 2.67, "A1", "Hà Nội"),
          ("Lê Văn Cường", "03/03/1984", None, "TH01", 2.34, "A1", "Hà Nội"),
          ("Phạm Thị Dung", "04/04/1986", "001086000004", "TH01", 3.33, "A1", "Hà Nội"),
          ("Hoàng Văn Em", "05/05/1988", "001088000005", "TH01", 2.34, "A1", "Hà Nội")]


def book(path, rows) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in rows:
        ws.append(list(r))
    wb.save(path)


def changed_rows() -> list[tuple]:
    rows = [list(p) for p in PEOPLE]
    rows[0][4] = 3.33                      # by CCCD
    rows[1][4] = 3.0
    rows[2][4] = 2.67                      # no CCCD: by name + birth date + unit
    rows[3][3] = "MN01"                    # a transfer
    rows[4][6] = "Nam Định"                # not a post field: changed in place
    rows.append(["Người Mới", "06/06/1990", "001090000006", "MN01", 2.34, "A1", "Huế"])
    return [tuple(r) for r in rows]


def history(ctx) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for name, start, end, change, unit, coefficient in ctx.db.execute(
            "SELECT p.full_name, a.valid_from, a.valid_to, a.change, u.code, a.coefficient "
            "FROM assignment a JOIN person p ON p.id = a.person_id JOIN unit u ON u.id = a.unit_id "
            "ORDER BY a.id"):
        out.setdefault(name, []).append((start, end, change, unit, coefficient))
    return out


def test_an_update_file_becomes_dated_history(ctx, units, tmp_path, capsys):
    first, second = tmp_path / "ds.xlsx", tmp_path / "capnhat.xlsx"
    book(first, PEOPLE)
    assert import_file(ctx, "staff", first, as_of=dt.date(2026, 1, 1)).ok
    book(second, changed_rows())
    refused = import_file(ctx, "staff", second)  # without --update: duplicates, nothing written
    assert not refused.ok and refused.written == 0
    before = history(ctx)

    preview = import_file(ctx, "staff", second, update=True, effective=dt.date(2026, 7, 1), dry_run=True)
    assert preview.ok and history(ctx) == before
    shown = {u.title: u.shown for u in preview.updates}
    assert shown["Nguyễn Văn An"] == [("Hệ số lương", "3,00", "3,33")]
    assert shown["Phạm Thị Dung"] == [("Đơn vị", "TH01", "MN01")]
    assert shown["Hoàng Văn Em"] == [("Quê quán", "Hà Nội", "Nam Định")]
    assert "Trần Thị Bình" in shown and "Lê Văn Cường" in shown and len(shown) == 5

    db = str(ctx.path)
    assert run(["import", "staff", str(second), "--db", db, "--update", "--effective", "01/07/2026"]) == 0
    assert "«Phạm Thị Dung»: Đơn vị: TH01 → MN01" in capsys.readouterr().out
    got = history(ctx)
    start = "2026-01-01"
    assert got["Nguyễn Văn An"] == [(start, "2026-07-01", "so_lieu_ban_dau", "TH01", 3.0),
                                    ("2026-07-01", None, "cap_nhat_tep", "TH01", 3.33)]
    assert got["Trần Thị Bình"][-1] == ("2026-07-01", None, "cap_nhat_tep", "TH01", 3.0)
    assert got["Lê Văn Cường"][-1] == ("2026-07-01", None, "cap_nhat_tep", "TH01", 2.67)
    assert got["Phạm Thị Dung"] == [(start, "2026-07-01", "so_lieu_ban_dau", "TH01", 3.33),
                                    ("2026-07-01", None, "cap_nhat_tep", "MN01", 3.33)]
    assert got["Hoàng Văn Em"] == before["Hoàng Văn Em"]  # no post change: no new history row
    assert got["Người Mới"] == [("2026-07-01", None, "so_lieu_ban_dau", "MN01", 2.34)]  # from --effective
    person = dict(ctx.db.execute("SELECT full_name, hometown FROM person").fetchall())
    assert person["Hoàng Văn Em"] == "Nam Định"
    audit = ctx.db.execute("SELECT action, count(*) FROM audit WHERE action IN ('cap_nhat_tep', 'sua') "
                           "GROUP BY action").fetchall()
    assert dict(audit) == {"cap_nhat_tep": 4, "sua": 1}


def test_an_effective_date_before_the_current_post_is_refused(ctx, units, tmp_path):
    first, second = tmp_path / "ds.xlsx", tmp_path / "capnhat.xlsx"
    book(first, PEOPLE[:1])
    assert import_file(ctx, "staff", first, as_of=dt.date(2026, 1, 1)).ok
    book(second, [PEOPLE[0][:4] + (3.66,) + PEOPLE[0][5:]])
    result = import_file(ctx, "staff", second, update=True, effective=dt.date(2025, 1, 1))
    assert not result.ok and "không sửa lùi quá khứ" in result.problems[0].message
    assert history(ctx)["Nguyễn Văn An"] == [("2026-01-01", None, "so_lieu_ban_dau", "TH01", 3.0)]


def test_update_mode_for_quotas_changes_only_what_differs(ctx, units, tmp_path):
    path = tmp_path / "bc.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Đơn vị", "Năm", "NSNN", "Nguồn thu", "HĐLĐ"])
    ws.append(["TH01", 2026, 40, 2, 3])
    ws.append(["MN01", 2026, 20, 0, 2])
    wb.save(path)
    assert import_file(ctx, "quotas", path).ok
    ws.cell(2, 3, 42)  # TH01 gets two more
    wb.save(path)
    result = import_file(ctx, "quotas", path, update=True)
    assert result.ok and [u.shown for u in result.updates] == [[("Hưởng lương từ NSNN", "40", "42")]]
    got = ctx.db.execute("SELECT u.code, q.nsnn, q.contract FROM quota q JOIN unit u ON u.id = q.unit_id "
                         "ORDER BY u.code").fetchall()
    assert got == [("MN01", 20, 2), ("TH01", 42, 3)]
    audit = ctx.db.execute("SELECT field, old, new FROM audit WHERE action = 'sua' AND entity = 'quota'")
    assert audit.fetchall() == [("nsnn", "40", "42")]
