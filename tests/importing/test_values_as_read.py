"""Catalogue values written the clerk's way (issue #17 points 1–2): prefixed and abbreviated,
employment kinds without their decree, posts the catalogue lacks mapped once and remembered,
ambiguous values asked — never guessed — and the CLI's --write-map / --map round trip."""

from __future__ import annotations

import json

from openpyxl import Workbook

from desktop_app import catalogues
from desktop_app.cli import run
from desktop_app.importing.service import import_file
from desktop_app.importing.value_map import NEW


def book(path, header: list[str], rows: list[list]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "DS"
    ws.append(["TRƯỜNG TIỂU HỌC PHÚC ĐỒNG"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)


STAFF = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Loại hình", "Chức vụ", "Trình độ chuyên môn"]


def staff(path, rows: list[tuple[str, str, str]], first: int = 1) -> None:
    """rows: (employment kind, post, education) per person; names and births made up."""
    book(path, STAFF, [[i, f"Người Thứ {i}", f"0{(i % 9) + 1}/01/198{i % 10}", "TH01", kind, post, edu]
                       for i, (kind, post, edu) in enumerate(rows, start=first)])


def stored(ctx, column: str) -> dict[str, str | None]:
    sql = f"SELECT full_name, {column} FROM person ORDER BY id"  # noqa: S608 - a literal column
    return dict(ctx.db.execute(sql).fetchall())


def test_prefixed_and_abbreviated_values_are_read_and_shown(ctx, units, tmp_path):
    path = tmp_path / "ds.xlsx"
    staff(path, [("VC", "PHT", "ĐHSP"), ("HĐLĐ", "Tổ trưởng CM", "CĐSP"),
                 ("Hợp đồng lao động", "HT", "Đại học"), ("viên chức", "", "Thạc sỹ")])
    result = import_file(ctx, "staff", path)
    assert result.ok, [str(p) for p in result.problems]
    assert stored(ctx, "employment_kind") == {"Người Thứ 1": "VIEN_CHUC", "Người Thứ 2": "HDLD_111",
                                              "Người Thứ 3": "HDLD_111", "Người Thứ 4": "VIEN_CHUC"}
    assert stored(ctx, "leader_role") == {"Người Thứ 1": "PHO_HIEU_TRUONG", "Người Thứ 2": "TO_TRUONG",
                                          "Người Thứ 3": "HIEU_TRUONG", "Người Thứ 4": None}
    assert stored(ctx, "education_level") == {"Người Thứ 1": "DH", "Người Thứ 2": "CD",
                                              "Người Thứ 3": "DH", "Người Thứ 4": "THS"}
    shown = {(t.value, t.option) for t in result.taken}
    assert ("PHT", "Phó Hiệu trưởng") in shown
    assert ("Hợp đồng lao động", "Hợp đồng lao động theo Nghị định 111/2022/NĐ-CP") in shown
    assert not any(t.value == "viên chức" for t in result.taken)  # the label itself: nothing to show


def test_unit_fields_with_giao_duc_in_front(ctx, tmp_path):
    path = tmp_path / "dv.xlsx"
    book(path, ["Mã đơn vị", "Tên đơn vị", "Lĩnh vực"],
         [["TH01", "Trường Tiểu học Phúc Đồng", "Giáo dục Tiểu học"],
          ["MN01", "Trường Mầm non Hoa Sen", "GDMN"],
          ["THCS01", "Trường THCS Phúc Đồng", "GD THCS"],
          ["YT01", "Trạm Y tế phường", "Y tế"]])
    result = import_file(ctx, "units", path)
    assert result.ok, [str(p) for p in result.problems]
    got = dict(ctx.db.execute("SELECT code, field FROM unit").fetchall())
    assert got == {"TH01": "TH", "MN01": "MN", "THCS01": "THCS", "YT01": "YTE"}


def test_an_ambiguous_value_is_asked_not_guessed(ctx, units, tmp_path):
    path = tmp_path / "ds.xlsx"
    staff(path, [("Hợp đồng", "", "Đại học"), ("VC", "", "Đại học"), ("Hợp đồng", "", "Đại học")])
    result = import_file(ctx, "staff", path)
    assert not result.ok and result.written == 0
    assert ctx.db.execute("SELECT count(*) FROM person").fetchone()[0] == 0
    [question] = result.questions
    assert (question.value, question.count, question.ambiguous) == ("Hợp đồng", 2, True)
    assert question.rows == [("DS", 3), ("DS", 5)]
    assert {"HDLD_111", "HD_KHAC"} <= {code for code, _ in question.suggestions}
    assert [(p.row, p.column) for p in result.problems] == [(3, "E"), (5, "E")]


def test_a_post_missing_from_the_catalogue_is_mapped_once_then_remembered(ctx, units, tmp_path):
    first, second = tmp_path / "dot1.xlsx", tmp_path / "dot2.xlsx"
    staff(first, [("VC", "Tổng phụ trách Đội", "Đại học"), ("VC", "Tổ trưởng văn phòng", "Đại học")])
    staff(second, [("VC", "Tổng phụ trách đội", "Đại học"), ("VC", "TỔ TRƯỞNG VĂN PHÒNG", "Đại học")],
          first=10)
    asked = import_file(ctx, "staff", first)
    assert {q.value: q.local_allowed for q in asked.questions} == {"Tổng phụ trách Đội": True,
                                                                   "Tổ trưởng văn phòng": True}
    mapping = {"leader_role": {"tong phu trach doi": NEW, "to truong van phong": "TO_TRUONG"}}
    dry = import_file(ctx, "staff", first, mapping=mapping, dry_run=True)
    assert dry.ok and dry.valid == 2
    assert ctx.catalogues.item("chuc_vu", "DP_TONG_PHU_TRACH_DOI") is None  # a dry run adds nothing
    done = import_file(ctx, "staff", first, mapping=mapping)
    assert done.ok and done.written == 2
    item = ctx.db.execute("SELECT label, json_extract(data, '$.local') FROM catalogue_item "
                          "WHERE kind = 'chuc_vu' AND code LIKE 'DP_%'").fetchall()
    assert item == [("Tổng phụ trách Đội", 1)]
    again = import_file(ctx, "staff", second)  # no map: this office's choices are remembered
    assert again.ok and again.written == 2, [str(p) for p in again.problems]
    assert stored(ctx, "leader_role") == {
        "Người Thứ 1": "DP_TONG_PHU_TRACH_DOI", "Người Thứ 2": "TO_TRUONG",
        "Người Thứ 10": "DP_TONG_PHU_TRACH_DOI", "Người Thứ 11": "TO_TRUONG"}
    catalogues.install(ctx.db, force=True)  # a newer catalogue keeps the office's own item
    assert ctx.db.execute("SELECT count(*) FROM catalogue_item WHERE code = 'DP_TONG_PHU_TRACH_DOI'"
                          ).fetchone()[0] == 1


def test_cli_writes_the_unresolved_values_then_applies_the_filled_map(ctx, units, tmp_path, capsys):
    path, todo = tmp_path / "ds.xlsx", tmp_path / "ghep.json"
    staff(path, [("Hợp đồng", "Tổ trưởng văn phòng", "ĐH"), ("VC", "PHT", "ĐH")])
    db = str(ctx.path)
    assert run(["import", "staff", str(path), "--db", db, "--write-map", str(todo)]) == 2
    err = capsys.readouterr().err
    assert "Cần ghép: cột «Chức vụ», «Tổ trưởng văn phòng» (1 dòng: DS dòng 3); gợi ý: " in err
    assert err.count(" = ") >= 3  # three best suggestions per unresolved value
    written = json.loads(todo.read_text("utf-8"))
    assert written["Loại lao động"] == {"Hợp đồng": ""} and written["Chức vụ"] == {"Tổ trưởng văn phòng": ""}
    written["Loại lao động"]["Hợp đồng"] = "HD_KHAC"
    written["Chức vụ"]["Tổ trưởng văn phòng"] = "TO_TRUONG"
    todo.write_text(json.dumps(written, ensure_ascii=False), "utf-8")
    assert run(["import", "staff", str(path), "--db", db, "--map", str(todo)]) == 0
    assert "«Tổ trưởng văn phòng» → Tổ trưởng (đã chọn)" in capsys.readouterr().out
    assert stored(ctx, "employment_kind") == {"Người Thứ 1": "HD_KHAC", "Người Thứ 2": "VIEN_CHUC"}


def test_a_map_naming_an_unknown_code_is_refused(ctx, units, tmp_path, capsys):
    path, bad = tmp_path / "ds.xlsx", tmp_path / "ghep.json"
    staff(path, [("Hợp đồng", "", "ĐH")])
    bad.write_text(json.dumps({"Loại lao động": {"Hợp đồng": "KHONG_CO"}}), "utf-8")
    assert run(["import", "staff", str(path), "--db", str(ctx.path), "--map", str(bad)]) != 0
    assert "«KHONG_CO»" in capsys.readouterr().err
    assert ctx.db.execute("SELECT count(*) FROM person").fetchone()[0] == 0


def test_an_office_item_travels_in_the_catalogue_package(ctx, units, tmp_path):
    from desktop_app.context import open_context
    from desktop_app.packages import keys
    from desktop_app.packages.catalogue_package import export_catalogues, import_catalogues

    path = tmp_path / "ds.xlsx"
    staff(path, [("VC", "Tổng phụ trách Đội", "Đại học")])
    assert import_file(ctx, "staff", path, mapping={"leader_role": {"tong phu trach doi": NEW}}).ok
    package = tmp_path / "danh_muc.zip"
    export_catalogues(ctx, package)
    other = open_context(tmp_path / "khac.sqlite", today=ctx.today)
    try:
        # same catalogue versions: only the office items are new (the level above's key confirmed)
        import_catalogues(other, package, trust=[keys.own_fingerprint(ctx)])
        item = other.db.execute("SELECT label, json_extract(data, '$.local') FROM catalogue_item "
                                "WHERE kind = 'chuc_vu' AND code = 'DP_TONG_PHU_TRACH_DOI'").fetchall()
        assert item == [("Tổng phụ trách Đội", 1)]
        assert other.catalogues.label("chuc_vu", "DP_TONG_PHU_TRACH_DOI") == "Tổng phụ trách Đội"
    finally:
        other.close()


def test_a_word_that_changes_the_meaning_is_never_read_past(ctx, units, tmp_path):
    """«Phó …» is not the head, «Kế toán» is not «Kế toán trưởng», «Nguyên …» (former) is not
    the post: each is asked, none taken from the option whose words it contains."""
    path = tmp_path / "ds.xlsx"
    posts = ["Phó trưởng trạm y tế", "Kế toán", "Nguyên hiệu trưởng", "Phó giám đốc trung tâm", "Hiệu phó"]
    staff(path, [("VC", post, "Đại học") for post in posts])
    result = import_file(ctx, "staff", path)
    assert {q.value for q in result.questions} == set(posts[:4])
    taken = [(t.value, t.code) for t in result.taken if t.field == "leader_role"]
    assert taken == [("Hiệu phó", "PHO_HIEU_TRUONG")]
    assert result.written == 0 and ctx.db.execute("SELECT count(*) FROM person").fetchone()[0] == 0


def test_a_value_naming_two_options_is_asked(ctx, units, tmp_path):
    path = tmp_path / "ds.xlsx"
    staff(path, [("Viên chức (HĐLĐ)", "Hiệu trưởng/Tổ trưởng", "Đại học"), ("VC (tập sự)", "", "ĐH")])
    result = import_file(ctx, "staff", path)
    assert {q.value for q in result.questions} == {"Viên chức (HĐLĐ)", "Hiệu trưởng/Tổ trưởng"}
    assert ("VC (tập sự)", "TAP_SU") in {(t.value, t.code) for t in result.taken}  # one reading only
    assert result.written == 0
