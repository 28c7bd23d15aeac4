"""Before an imported or pasted private key goes into the key store: what would it replace,
and does it belong to the application?

A stored key may be the only copy of the one that works, so replacing it is asked first; and a
key that does not match the application's public key on Vonage signs JWTs Vonage refuses, so
storing one takes an explicit "store anyway".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..api import ApiError, NotFoundError
from ..credentials import CredentialsError
from ..keys import InvalidKeyError, keys_match, load_private_key
from ..models.documents import get_path
from .key_storage import describe_error

if TYPE_CHECKING:
    from ..api import VonageClient
    from ..credentials.key_vault import KeyVault


@dataclass
class ImportCheck:
    app_id: str
    already_stored: bool = False
    """This very key is stored for the application already: nothing to do."""
    replaces: bool | None = False
    """A different key is stored for the application (None: the key store could not say)."""
    store_note: str | None = None
    """Why the key store could not say."""
    matches: bool | None = None
    """Whether the key belongs to the application's public key (None: not known)."""
    match_note: str | None = None
    """Why the match is not known."""


@dataclass
class Question:
    title: str
    message: str
    confirm_label: str


async def check_import(client: VonageClient | None, vault: KeyVault, app_id: str, private_pem: str) -> ImportCheck:
    """What storing ``private_pem`` for ``app_id`` would do. Never raises."""
    check = ImportCheck(app_id)
    try:
        existing = await vault.get(app_id)
    except CredentialsError as error:  # the vault's report of any backend failure
        check.replaces, check.store_note = None, describe_error(error)
    else:
        if existing is not None:
            check.already_stored = _same_key(existing, private_pem)
            check.replaces = not check.already_stored
    check.matches, check.match_note = await _match(client, app_id, private_pem)
    return check


async def _match(client: VonageClient | None, app_id: str, private_pem: str) -> tuple[bool | None, str | None]:
    if client is None:
        return None, "not connected to Vonage"
    try:
        application = await client.get_application(app_id)
    except NotFoundError:
        return None, f"Vonage has no application {app_id} in this account"
    except (ApiError, ValueError) as error:
        return None, f"could not read the application ({describe_error(error)})"
    public_pem = get_path(application.to_document(), ("keys", "public_key"))
    if not isinstance(public_pem, str) or not public_pem.strip():
        return None, "the application has no public key"
    try:
        return keys_match(private_pem, public_pem), None
    except InvalidKeyError:
        return None, "the application's public key could not be read"


def _same_key(stored: str, private_pem: str) -> bool:
    try:
        return (load_private_key(stored).private_numbers()
                == load_private_key(private_pem).private_numbers())
    except InvalidKeyError:
        return False


def import_question(check: ImportCheck) -> Question | None:
    """The question to ask before storing, or None when storing needs no confirmation."""
    app_id = check.app_id
    if check.matches is False:
        message = (f"This private key does not belong to the public key application {app_id} "
                   "has on Vonage: JWTs it signs would be refused.")
        if check.replaces is not False:
            message += " " + _replace_sentence(check)
        return Question("Key does not match", message + " Store it anyway?", "Store anyway")
    if check.replaces is not False:
        message = _replace_sentence(check) + " " + match_sentence(check)
        return Question("Replace the stored key?", message, "Replace")
    return None


def _replace_sentence(check: ImportCheck) -> str:
    if check.replaces is None:
        return (f"The key store could not say whether a key is stored for {check.app_id} "
                f"({check.store_note}): storing may replace it, and it would not be kept.")
    return (f"A different private key is stored for {check.app_id}: it would be replaced and "
            "not kept anywhere.")


def match_sentence(check: ImportCheck) -> str:
    if check.matches:
        return "The new key matches the application's public key on Vonage."
    return f"It was not checked against the application: {check.match_note}."
