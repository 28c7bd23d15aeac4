"""RSA key pairs and PEM handling shared by the client, the credentials store and the emulator.

A leaf module (only ``cryptography``): the Users API's JWTs, the keyring's stored private keys,
key rotation and the emulator's generated pairs all go through these few functions, so a key
accepted in one place is accepted everywhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric import rsa

# cryptography is imported by the functions that use it, not here: importing this module (for
# ``InvalidKeyError``, say) stays free, and a start that handles no key never loads it.

KEY_SIZE = 2048


class InvalidKeyError(ValueError):
    """The text is not a PEM RSA private (or public) key we can use."""


@dataclass(frozen=True, repr=False)
class KeyPair:
    private_pem: str  # PKCS#8
    public_pem: str  # SubjectPublicKeyInfo

    def __repr__(self) -> str:  # never print a private key by accident
        return "KeyPair(private_pem=<hidden>, public_pem=...)"


def generate_key_pair() -> KeyPair:
    """A fresh RSA-2048 pair, private key as PKCS#8 PEM."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    return KeyPair(private_pem=_private_pem(key), public_pem=_public_pem(key.public_key()))


def load_private_key(pem: str | bytes) -> rsa.RSAPrivateKey:
    """Parse an unencrypted PEM private key in PKCS#1 or PKCS#8 form."""
    return _load_private_key(pem, full_check=True)


def load_signing_key(pem: str | bytes) -> rsa.RSAPrivateKey:
    """``load_private_key`` for a key that only signs the Users API's JWTs, without OpenSSL's
    full check of the key: its primality tests take 30-70 ms holding the GIL, a frozen screen
    (even from a thread) when a users list opens. Instead the key's parts are checked to fit
    together (integer arithmetic, microseconds), and ``JwtMinter`` verifies every signature
    before it is sent: a faulty key's signature, which could give its factors away, never is."""
    key = _load_private_key(pem, full_check=False)
    numbers = key.private_numbers()
    p, q, d = numbers.p, numbers.q, numbers.d
    n, e = numbers.public_numbers.n, numbers.public_numbers.e
    if not (p > 1 and q > 1 and p * q == n and d % (p - 1) == numbers.dmp1
            and d % (q - 1) == numbers.dmq1 and numbers.iqmp * q % p == 1
            and e * d % math.lcm(p - 1, q - 1) == 1):
        raise InvalidKeyError("an RSA private key whose parts do not fit together")
    return key


def _load_private_key(pem: str | bytes, *, full_check: bool) -> rsa.RSAPrivateKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    data = pem.encode() if isinstance(pem, str) else pem
    # Keys pasted from JSON often carry literal "\n" sequences instead of line breaks.
    if b"\\n" in data and b"\n" not in data.strip():
        data = data.replace(b"\\n", b"\n")
    try:
        key = serialization.load_pem_private_key(
            data.strip() + b"\n", password=None, unsafe_skip_rsa_key_validation=not full_check)
    except (ValueError, TypeError) as error:
        raise InvalidKeyError(
            "not an unencrypted PEM private key (PKCS#1 or PKCS#8)"
        ) from error
    if not isinstance(key, rsa.RSAPrivateKey):
        raise InvalidKeyError("not an RSA private key: Vonage signs JWTs with RS256")
    return key


def normalise_private_key(pem: str | bytes) -> str:
    """Any accepted private key as PKCS#8 PEM text, the one form we store."""
    return _private_pem(load_private_key(pem))


def public_key_of(private_pem: str | bytes) -> str:
    """The SubjectPublicKeyInfo PEM matching a private key."""
    return _public_pem(load_private_key(private_pem).public_key())


def load_public_key(pem: str | bytes) -> rsa.RSAPublicKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    data = pem.encode() if isinstance(pem, str) else pem
    if b"\\n" in data and b"\n" not in data.strip():
        data = data.replace(b"\\n", b"\n")
    try:
        key = serialization.load_pem_public_key(data.strip() + b"\n")
    except (ValueError, TypeError) as error:
        raise InvalidKeyError("not a PEM public key") from error
    if not isinstance(key, rsa.RSAPublicKey):
        raise InvalidKeyError("not an RSA public key")
    return key


def keys_match(private_pem: str | bytes, public_pem: str | bytes) -> bool:
    """Whether a private key belongs to a public key."""
    return (
        load_private_key(private_pem).public_key().public_numbers()
        == load_public_key(public_pem).public_numbers()
    )


def _private_pem(key: rsa.RSAPrivateKey) -> str:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def _public_pem(key: rsa.RSAPublicKey) -> str:
    from cryptography.hazmat.primitives import serialization

    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
