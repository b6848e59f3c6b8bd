"""bienche office: prints and sets the identity a signable paper needs (ND 30/2020); only
an administrator may change it; export warns about what is missing, naming the setting."""

import json

from test_cli import bienche

from desktop_app.context import open_context
from desktop_app.services import users


def test_office_json_then_set_then_export_warnings(tmp_path):
    db = tmp_path / "x.sqlite"
    assert bienche("init", "--office", "Ủy ban nhân dân xã Tân Lập", "--level", "xa", db=db).returncode == 0
    shown = json.loads(bienche("office", "--json", db=db).stdout)
    assert shown["name"] == "Ủy ban nhân dân xã Tân Lập" and shown["place"] == "Tân Lập"
    assert shown["signer_name"] is None and shown["addressee"] is None
    r = bienche("export", "dvsn", "--out", str(tmp_path / "a.xlsx"), db=db)
    assert r.returncode == 0
    assert "Ký hiệu báo cáo" in r.stderr and "Họ tên người ký" in r.stderr and "Kính gửi" in r.stderr
    r = bienche("office", "--authority", "KT", "--head-title", "Chủ tịch", "--signer-title", "Phó Chủ tịch",
                "--signer-name", "Trần Văn An", "--report-code", "UBND",
                "--addressee", "Sở Nội vụ tỉnh Phú Thọ",
                "--recipients", "Như trên; UBND tỉnh; Lưu: VT, NV", db=db)
    assert r.returncode == 0, r.stderr
    shown = json.loads(bienche("office", "--json", db=db).stdout)
    assert (shown["sign_authority"], shown["head_title"], shown["signer_title"]) == ("KT.", "Chủ tịch",
                                                                                    "Phó Chủ tịch")
    assert shown["recipients"] == "- Như trên\n- UBND tỉnh\n- Lưu: VT, NV"
    assert shown["addressee"] == "Sở Nội vụ tỉnh Phú Thọ"
    r = bienche("export", "dvsn", "--out", str(tmp_path / "b.xlsx"), db=db)
    assert r.returncode == 0 and "Cảnh báo" not in r.stderr
    info = json.loads(bienche("info", "--json", db=db).stdout)
    # the contract keys, plus the signing key's fingerprint added by #15 (add, never rename)
    assert set(info["office"]) == {"uid", "name", "level", "parent", "province", "place", "key"}
    r = bienche("office", "--authority", "XX", db=db)
    assert r.returncode == 2


def test_only_an_administrator_changes_the_office(tmp_path):
    db = tmp_path / "x.sqlite"
    assert bienche("init", "--office", "Ủy ban nhân dân xã Tân Lập", "--level", "xa", db=db).returncode == 0
    ctx = open_context(db)
    try:
        users.create_user(ctx, "xem", "matkhau123", "chi_xem")
        users.create_user(ctx, "cv", "matkhau123", "chuyen_vien")
        from desktop_app.errors import PermissionDenied
        from desktop_app.services import office

        for name in ("xem", "cv"):
            users.login(ctx, name, "matkhau123")
            try:
                office.save(ctx, {"signer_name": "Ai đó"})
                raise AssertionError("saved by a non-administrator")
            except PermissionDenied:
                pass
        assert office.get(ctx)["signer_name"] is None
    finally:
        ctx.close()
