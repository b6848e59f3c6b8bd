import os

import pytest

from desktop_app.atomic import atomic_write


def test_replaces_the_file_in_one_step(tmp_path):
    target = tmp_path / "bao_cao.xlsx"
    target.write_bytes(b"cu")
    with atomic_write(target) as handle:
        handle.write(b"moi")
        assert target.read_bytes() == b"cu"  # untouched until the block ends
        assert handle.name != str(target) and os.path.dirname(handle.name) == str(tmp_path)
    assert target.read_bytes() == b"moi"
    assert os.listdir(tmp_path) == ["bao_cao.xlsx"]


def test_error_keeps_the_old_file_and_removes_the_temporary(tmp_path):
    target = tmp_path / "bao_cao.xlsx"
    target.write_bytes(b"cu")
    with pytest.raises(RuntimeError), atomic_write(target) as handle:
        handle.write(b"mot nua")
        raise RuntimeError("rút USB")
    assert target.read_bytes() == b"cu"
    assert os.listdir(tmp_path) == ["bao_cao.xlsx"]


def test_text_mode_and_writing_by_name(tmp_path):
    target = tmp_path / "sub" / "ghi_chu.csv"
    with atomic_write(target, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write("Tên đơn vị\r\n")
    assert target.read_bytes() == "Tên đơn vị\r\n".encode("utf-8-sig")
    with atomic_write(target) as handle:  # a library that wants a path writes to handle.name
        with open(handle.name, "wb") as other:
            other.write(b"by name")
    assert target.read_bytes() == b"by name"


def test_rejects_append_modes(tmp_path):
    with pytest.raises(ValueError), atomic_write(tmp_path / "x", "ab"):
        pass
