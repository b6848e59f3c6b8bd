"""installer/sign.sh (issue 22) on a small NSIS program compiled here: signed with a throw-away
root it verifies with osslsigncode; unsigned, re-packed after signing, or signed by another
certificate it does not; a failed signing leaves the file exactly as it was."""

from __future__ import annotations

import subprocess

import pytest
from signing_helpers import SIGN, make_certificate, sign, tools_present, verifies


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    assert tools_present() == [], ".ci/run installs osslsigncode, openssl and nsis"
    return make_certificate(tmp_path_factory.mktemp("cert"))


@pytest.fixture
def program(tmp_path):
    script = tmp_path / "nho.nsi"
    script.write_text('Unicode true\nOutFile "nho.exe"\nSection\nDetailPrint "Biên chế"\nSectionEnd\n',
                      encoding="utf-8")
    subprocess.run(["makensis", "-V1", str(script)], check=True, capture_output=True, cwd=tmp_path)
    return tmp_path / "nho.exe"


def test_a_signed_program_verifies_against_its_root(root, program):
    pfx, pem = root
    assert not verifies(program, pem)
    done = sign([program], pfx)
    assert done.returncode == 0, done.stderr
    assert verifies(program, pem)
    assert not list(program.parent.glob(".*.tmp"))


def test_a_program_changed_after_signing_no_longer_verifies(root, program):
    pfx, pem = root
    sign([program], pfx)
    data = bytearray(program.read_bytes())
    data[len(data) // 3] ^= 0x01
    program.write_bytes(bytes(data))
    assert not verifies(program, pem)


def test_a_signature_by_another_certificate_does_not_verify(root, program, tmp_path):
    other_pfx, _ = make_certificate(tmp_path, "khac")
    sign([program], other_pfx)
    assert not verifies(program, root[1])


def test_a_wrong_password_fails_and_leaves_the_file_as_it_was(root, program):
    before = program.read_bytes()
    done = sign([program], root[0], password="sai")
    assert done.returncode != 0 and "không thành công" in done.stderr
    assert program.read_bytes() == before
    assert not list(program.parent.glob(".*.tmp"))


def test_no_certificate_is_a_clear_refusal(program):
    done = subprocess.run(["bash", str(SIGN), str(program)], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin"})
    assert done.returncode != 0 and "BIENCHE_SIGN_PFX" in done.stderr
