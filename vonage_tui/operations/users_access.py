"""Reaching an application's users: which private key signs the JWT, and why a 401 happened.

The Users API wants a JWT signed by *that application's* private key. It comes from the key
vault (``app:<id>:private_key``) or from the session's own application key (the environment's
``VONAGE_APPLICATION_ID`` with ``VONAGE_PRIVATE_KEY`` / ``VONAGE_PRIVATE_KEY_PATH``), which
applies to the application it names and no other. The answer says where the key came from, so
the screen can say it too; with no key it says what was looked at.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..secret import SecretStr
from ..api import ApiError, AuthenticationError, NotFoundError
from ..credentials import CredentialsError
from ..keys import InvalidKeyError, keys_match
from ..models.documents import get_path
from .key_storage import describe_error

if TYPE_CHECKING:
    from ..api import VonageClient
    from ..credentials.key_vault import KeyVault


@dataclass(frozen=True)
class SessionKey:
    """The application key the session was started with (environment or flag)."""

    application_id: str
    private_pem: SecretStr
    source: str
    """In words: ``env VONAGE_PRIVATE_KEY_PATH``."""


@dataclass(frozen=True)
class UsersKey:
    """A private key to sign the application's JWTs with, and where it came from."""

    app_id: str
    private_pem: SecretStr
    source: str
    """"the key store", or the session key's source (``env VONAGE_PRIVATE_KEY``)."""


@dataclass(frozen=True)
class NoUsersKey:
    """No key for this application: what was looked at, for the screen to say."""

    app_id: str
    reason: str
    store_problem: str | None = None
    """Why the key store could not answer (None: it answered "none")."""


KeyLookup = UsersKey | NoUsersKey
KEY_STORE = "the key store"


async def find_users_key(vault: KeyVault, app_id: str,
                         session_key: SessionKey | None = None) -> KeyLookup:
    """The session's key if it names ``app_id``, else the key store's key for ``app_id``.

    The environment (or a flag) wins over the keyring, as for every credential (DESIGN.md,
    Credentials): someone who sets ``VONAGE_APPLICATION_ID`` and a key means that key, even
    when an older one is stored. It applies to that application only. Never raises: a key
    store failure is in the answer."""
    if session_key is not None and session_key.application_id == app_id:
        return UsersKey(app_id, session_key.private_pem, session_key.source)
    problem: str | None = None
    try:
        stored = await vault.get(app_id)
    except CredentialsError as error:  # every vault's report of a store failure
        stored, problem = None, describe_error(error)
    if stored:
        return UsersKey(app_id, SecretStr(stored), KEY_STORE)
    looked = (f"The key store could not be read ({_first_sentence(problem)})"
              if problem is not None
              else "No private key is stored for this application")
    if session_key is not None:
        looked += (f", and {session_key.source} belongs to application "
                   f"{session_key.application_id}, not this one")
    return NoUsersKey(app_id, looked + ".", problem)


def _first_sentence(text: str, limit: int = 100) -> str:
    """A keyring's reason can list every backend it tried: the gist is its first sentence."""
    sentence = text.split(". ")[0].rstrip(".")
    return sentence if len(sentence) <= limit else sentence[:limit - 1] + "…"


async def explain_refusal(client: VonageClient, key: UsersKey, error: AuthenticationError) -> str:
    """Why Vonage refused the JWT (a 401 from the Users API), in a sentence that says what to do.

    The application's public key (Basic auth, which still works) tells a mismatched key from
    anything else; the server's own detail says whether the token had expired (a clock off by
    minutes makes every fresh token look expired). Never raises."""
    source = key.source
    expired = "expired" in f"{error.code or ''} {error}".lower()
    try:
        application = await client.get_application(key.app_id)
    except NotFoundError:
        return f"Vonage has no application {key.app_id} in this account any more."
    except (ApiError, ValueError) as lookup_error:
        if expired:
            return ("Vonage says the token has expired: check this computer's clock "
                    "(tokens last 15 minutes).")
        return (f"Vonage refused the token signed with the key from {source}, and the "
                f"application could not be read to say why ({describe_error(lookup_error)}).")
    public_pem = get_path(application.to_document(), ("keys", "public_key"))
    matches: bool | None
    try:
        matches = (keys_match(key.private_pem.get_secret_value(), public_pem)
                   if isinstance(public_pem, str) else None)
    except InvalidKeyError:
        matches = None
    if matches is False:
        return (f"The private key from {source} does not match the application's public key on "
                "Vonage (was the key rotated elsewhere?): import the right key, or rotate to a "
                "new pair.")
    if expired:
        return ("Vonage says the token has expired though it was just made: check this "
                "computer's clock (tokens last 15 minutes).")
    return (f"Vonage refused the token signed with the key from {source} although the key "
            f"matches the application ({describe_error(error)}).")
