"""desktop_app/signing.py: Ed25519 round trip, and every forged shape refused without raising."""

from desktop_app import signing


def test_a_signature_verifies_only_with_its_key_and_message():
    private = signing.new_private_key()
    public = signing.public_key(private)
    sig = signing.sign(private, b"manifest")
    assert signing.verify(public, b"manifest", sig)
    assert not signing.verify(public, b"manifest!", sig)
    other = signing.public_key(signing.new_private_key())
    assert not signing.verify(other, b"manifest", sig)
    forged = bytes([sig[0] ^ 1]) + sig[1:]
    assert not signing.verify(public, b"manifest", forged)


def test_malformed_keys_and_signatures_are_false_not_errors():
    public = signing.public_key(signing.new_private_key())
    assert not signing.verify(b"", b"m", b"x" * 64)
    assert not signing.verify(public, b"m", b"")
    assert not signing.verify(b"\x00" * 32, b"m", b"\x00" * 64)


def test_fingerprint_is_stable_short_and_differs_per_key():
    public = signing.public_key(signing.new_private_key())
    code = signing.fingerprint(public)
    assert code == signing.fingerprint(public)
    assert len(code) == 24 and code.count("-") == 4
    assert code != signing.fingerprint(signing.public_key(signing.new_private_key()))


def test_decode_accepts_only_exact_base64():
    raw = bytes(range(32))
    assert signing.decode(signing.encode(raw), 32) == raw
    for bad in (None, 5, "", "!!!", signing.encode(raw[:31]), "A" * 1000):
        assert signing.decode(bad, 32) is None
