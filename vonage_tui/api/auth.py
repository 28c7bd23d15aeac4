"""Credentials turned into ``Authorization`` headers: Basic for applications, a JWT for users.

The Users API wants a JWT signed (RS256) with the application's private key. Minting one costs
an RSA signature, so a token is reused until ``refresh_margin`` seconds before it expires. The
key text is held as a ``SecretStr`` and parsed only when the first token is needed, so a client
without a usable key still manages applications; a users call then fails with a clear
``MissingCredentialsError`` before any request is sent.
"""

from __future__ import annotations

import base64
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from vonage_tui.secret import SecretStr

from .errors import MissingCredentialsError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric import rsa

TOKEN_LIFETIME = 900
"""Seconds a minted JWT is valid (``exp = iat + 900``)."""
REFRESH_MARGIN = 60
"""A token this close to expiry is replaced rather than sent."""


def basic_authorization(api_key: str, api_secret: SecretStr) -> str:
    """The ``Authorization`` value for the Application API."""
    pair = f"{api_key}:{api_secret.get_secret_value()}".encode()
    return "Basic " + base64.b64encode(pair).decode("ascii")


class _Token:
    # A plain class, not a dataclass: every start imports this module, and a dataclass's
    # generated methods are compiled at import (~0.3 ms).
    __slots__ = ("value", "expires_at")

    def __init__(self, value: str, expires_at: int) -> None:
        self.value = value  # a bearer credential for 15 minutes: kept out of reprs and tracebacks
        self.expires_at = expires_at

    def __repr__(self) -> str:
        return f"_Token(value=<hidden>, expires_at={self.expires_at})"


class JwtMinter:
    """Mints, and reuses, the RS256 JWT that authorises Users API calls for one application."""

    def __init__(
        self,
        application_id: str,
        private_key: SecretStr | str,
        *,
        clock: Callable[[], float] = time.time,
        lifetime: int = TOKEN_LIFETIME,
        refresh_margin: int = REFRESH_MARGIN,
    ) -> None:
        if refresh_margin >= lifetime:
            raise ValueError("refresh_margin must be shorter than the token lifetime")
        self.application_id = application_id
        self._private_key_text = (
            private_key if isinstance(private_key, SecretStr) else SecretStr(private_key)
        )
        self._key: rsa.RSAPrivateKey | None = None
        self._clock = clock
        self._lifetime = lifetime
        self._refresh_margin = refresh_margin
        self._token: _Token | None = None

    def __repr__(self) -> str:
        return f"JwtMinter(application_id={self.application_id!r}, private_key=<hidden>)"

    def token(self) -> str:
        """A valid JWT: the cached one, or a fresh one when it is close to expiry."""
        now = int(self._clock())
        if self._token is None or now >= self._token.expires_at - self._refresh_margin:
            self._token = self._mint(now)
        return self._token.value

    def authorization(self) -> str:
        return f"Bearer {self.token()}"

    def _mint(self, now: int) -> _Token:
        import jwt  # with cryptography: loaded by the first users call, not by every start

        expires_at = now + self._lifetime
        claims = {
            "application_id": self.application_id,
            "iat": now,
            "jti": str(uuid.uuid4()),
            "exp": expires_at,
        }
        key = self._signing_key()
        token = jwt.encode(claims, key, algorithm="RS256")
        self._check_signature(token, key)
        return _Token(token, expires_at)

    def _check_signature(self, token: str, key: rsa.RSAPrivateKey) -> None:
        """The key was loaded without OpenSSL's full check (``load_signing_key``): a signature
        that does not verify (a faulty key) is never sent, it could give the key away."""
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        signed, _, encoded = token.rpartition(".")
        signature = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        try:
            key.public_key().verify(signature, signed.encode("ascii"), padding.PKCS1v15(),
                                    hashes.SHA256())
        except InvalidSignature:
            raise MissingCredentialsError(
                f"The private key for application {self.application_id} is not usable",
                "its signature does not verify",
            ) from None

    def _signing_key(self) -> rsa.RSAPrivateKey:
        # With the first users call: the applications list, all a start needs, signs nothing.
        from vonage_tui.keys import InvalidKeyError, load_signing_key

        if self._key is None:
            try:
                self._key = load_signing_key(self._private_key_text.get_secret_value())
            except InvalidKeyError as error:
                # The reason names the format problem only; the key text never enters a message.
                raise MissingCredentialsError(
                    f"The private key for application {self.application_id} is not usable",
                    str(error),
                ) from None
        return self._key
