"""The command line is a contract (SPEC §9): names, exit codes and JSON keys."""

import json
import os
import subprocess
import sys

import pytest


def bienche(*args, env=None, db=None):
    cmd = [sys.executable, "-m", "desktop_app.main", *args]
    if db is not None:
        cmd += ["--db", str(db)]
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, **(env or {})}, timeout=120)


def test_init_then_info_json_has_the_contract_keys(tmp_path):
    db = tmp_path / "x.sqlite"
    r = bienche("init", "--office", "Ủy ban nhân dân xã Tân Lập", "--level", "xa",
                "--parent", "Ủy ban nhân dân tỉnh Phú Thọ", db=db)
    assert r.returncode == 0, r.stderr
    info = json.loads(bienche("info", "--json", db=db).stdout)
    assert set(info) == {"office", "schema_version", "counts"}
    assert info["office"]["name"] == "Ủy ban nhân dân xã Tân Lập"
    assert set(info["counts"]) == {"units_total", "units_active", "positions", "staff_total",
                                   "staff_active", "events", "quota_years"}
    assert isinstance(info["schema_version"], int)


def test_check_json_shape(tmp_path):
    db = tmp_path / "x.sqlite"
    assert bienche("init", "--office", "X", "--level", "xa", db=db).returncode == 0
    r = bienche("check", "--json", db=db)
    assert r.returncode == 0
    result = json.loads(r.stdout)
    assert result["integrity"] == "ok"
    assert isinstance(result["findings"], list)


def test_user_errors_are_vietnamese_without_traceback(tmp_path):
    r = bienche("init", "--office", "X", "--level", "quan", db=tmp_path / "x.sqlite")
    assert r.returncode == 2
    assert "lỗi" in r.stderr and "Traceback" not in r.stderr
    rac = tmp_path / "rac.sqlite"
    rac.write_bytes(b"khong phai sqlite" * 200)
    r = bienche("info", db=rac)
    assert r.returncode == 3
    assert "không phải tệp dữ liệu Biên chế" in r.stderr and "Traceback" not in r.stderr


def test_default_database_from_env_and_user_data_folder(tmp_path):
    target = tmp_path / "tu_bien.sqlite"
    r = bienche("init", "--office", "Sở Nội vụ", "--level", "so", env={"BIENCHE_DB": str(target)})
    assert r.returncode == 0, r.stderr
    assert target.exists()
    env = {"BIENCHE_DB": "", "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    env_clean = {k: v for k, v in env.items() if v}
    r = subprocess.run([sys.executable, "-c",
                        "import os; os.environ.pop('BIENCHE_DB', None);"
                        "from desktop_app.main import main;"
                        "raise SystemExit(main(['init', '--office', 'X', '--level', 'xa']))"],
                       capture_output=True, text=True, env={**os.environ, **env_clean}, timeout=60)
    assert r.returncode == 0, r.stderr
    assert list((tmp_path / "data").rglob("bienche.sqlite"))


def test_version():
    r = bienche("--version")
    assert r.returncode == 0 and "Biên chế" in r.stdout


@pytest.mark.parametrize("args", [["--help"], ["info", "--help"]])
def test_help_is_vietnamese(args):
    out = bienche(*args).stdout
    assert "Cách dùng" in out and "usage" not in out.lower().replace("cách dùng", "")
    assert out.count("Cách dùng") == 1  # a subcommand's prog must not carry a second prefix


@pytest.mark.parametrize("command", [["info"], ["info", "--json"], ["check"], ["forms"],
                                     ["export", "bm02-vc", "--out", "OUT/r.xlsx"],
                                     ["template", "staff", "OUT/t.xlsx"], ["backup"]])
def test_a_mistyped_db_is_refused_and_nothing_is_created(tmp_path, command):
    """Only init (and demo, which builds a file) create a data file; the rest say it is missing."""
    wrong = tmp_path / "thu_muc_go_nham" / "phucdogn.sqlite"
    args = [str(tmp_path / a[4:]) if a.startswith("OUT/") else a for a in command]
    r = bienche(*args, db=wrong)
    assert r.returncode == 3, r.stdout + r.stderr
    assert "Không có tệp dữ liệu" in r.stderr and str(wrong) in r.stderr and "Traceback" not in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, words", [
    (["export", "bm02-vc", "--out", "x.xlsx", "--year", "hai nghìn"], "tham số --year: không phải số nguyên"),
    (["tinh-gian", "advance", "một"], "tham số MÃ_ĐỢT: không phải số nguyên"),
])
def test_a_mistyped_number_argument_is_told_in_vietnamese(tmp_path, capsys, args, words):
    """argparse's own «invalid int value» had reached the clerk in English."""
    from desktop_app.cli import run

    with pytest.raises(SystemExit) as stop:
        run([*args, "--db", str(tmp_path / "x.sqlite")])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and words in err and "invalid" not in err
    assert not (tmp_path / "x.sqlite").exists()
