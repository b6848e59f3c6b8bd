"""bienche forms / export: both files written, Vietnamese errors."""

from __future__ import annotations

from desktop_app.cli import run


def test_forms_lists_ids_and_names(rctx, db_path, capsys):
    rctx.close()
    assert run(["forms", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "slnlv" in out and "Tổng hợp số lượng người làm việc" in out
    assert "bm02-vc" in out


def test_export_both(rctx, db_path, tmp_path, capsys):
    rctx.close()
    out = tmp_path / "kq" / "slnlv.xlsx"
    assert run(["export", "slnlv", "--db", str(db_path), "--out", str(out), "--format", "both",
                "--as-of", "23/11/2026"]) == 0
    assert (tmp_path / "kq" / "slnlv.xlsx").stat().st_size > 0
    assert (tmp_path / "kq" / "slnlv.pdf").read_bytes().startswith(b"%PDF")
    assert not [p for p in (tmp_path / "kq").iterdir() if p.name.endswith(".tmp")]


def test_unknown_form_and_bad_date(rctx, db_path, tmp_path, capsys):
    rctx.close()
    assert run(["export", "khong-co", "--db", str(db_path), "--out", str(tmp_path / "x.pdf")]) == 2
    assert "Không có biểu mẫu «khong-co»" in capsys.readouterr().err
    assert run(["export", "slnlv", "--db", str(db_path), "--out", str(tmp_path / "x.pdf"),
                "--as-of", "31/02/2026"]) == 2
    assert "Ngày tính không hợp lệ" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
