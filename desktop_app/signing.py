"""Ed25519 signatures: the one place Biên chế signs and verifies bytes.

Signed packages (an office's key, made at ``init``) and signed offline updates
(the publisher's key) both use these few functions over the ``cryptography``
package (STYLE §19: Ed25519 over the manifest bytes, keys pinned per sender).
Keys travel as raw 32-byte values; a person compares the short ``fingerprint``
printed on paper, never the key itself.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_BYTES = 32
SIGNATURE_BYTES = 64


def new_private_key() -> bytes:
    """A fresh private key as its 32 raw bytes."""
    from cryptography.hazmat.primitives import serialization as s

    return Ed25519PrivateKey.generate().private_bytes(s.Encoding.Raw, s.PrivateFormat.Raw,
                                                      s.NoEncryption())


def public_key(private: bytes) -> bytes:
    """The 32 raw bytes of the public key that goes with ``private``."""
    from cryptography.hazmat.primitives import serialization as s

    key = Ed25519PrivateKey.from_private_bytes(private).public_key()
    return key.public_bytes(s.Encoding.Raw, s.PublicFormat.Raw)


def sign(private: bytes, message: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(private).sign(message)


def verify(public: bytes, message: bytes, signature: bytes) -> bool:
    """True only for a valid signature of ``message`` by ``public``; never raises
    on malformed keys or signatures (they come from files a stranger wrote)."""
    if len(public) != KEY_BYTES or len(signature) != SIGNATURE_BYTES:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def fingerprint(public: bytes) -> str:
    """The short code a person compares on paper: 20 base32 characters of the key's
    SHA-256 in groups of four, e.g. ``K7Q2-MX4D-…`` (100 bits: no practical forgery)."""
    digest = base64.b32encode(hashlib.sha256(public).digest()).decode("ascii")[:20]
    return "-".join(digest[i:i + 4] for i in range(0, 20, 4))


def encode(raw: bytes) -> str:
    """Keys and signatures in manifests and JSON: standard base64."""
    return base64.b64encode(raw).decode("ascii")


def decode(text: object, size: int) -> bytes | None:
    """Base64 text of exactly ``size`` bytes, else None (a stranger's value)."""
    if not isinstance(text, str) or len(text) > 4 * size:
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except ValueError:
        return None
    return raw if len(raw) == size else None
