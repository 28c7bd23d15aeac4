"""Building a new application's document and creating it, with its key kept safe.

Three ways to get the key pair: made here (the default; the private key never leaves this
machine), made by Vonage (its private key is in the create response, once), or an existing
public key file (no private key to keep).
"""

from __future__ import annotations

import asyncio
import copy
from contextlib import aclosing
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from ..keys import InvalidKeyError, KeyPair, generate_key_pair, load_public_key, normalise_private_key
from ..api import ApiError
from ..models import Application, Path, capability_template
from ..models.documents import Change, get_path, set_path
from ..models.limits import is_http_url
from .key_storage import describe_error, expand_path, store_private_key
from .lost_answers import carries_public_key, outcome_unknown, public_numbers

if TYPE_CHECKING:
    from ..api import VonageClient
    from ..credentials.key_vault import KeyVault


class KeySource(str, Enum):
    LOCAL = "local"
    VONAGE = "vonage"
    FILE = "file"


KEY_SOURCE_LABELS = {
    KeySource.LOCAL: "Generate a key pair here (recommended)",
    KeySource.VONAGE: "Let Vonage generate the key pair",
    KeySource.FILE: "Use an existing public key file",
}

KEY_SOURCE_NOTES = {
    KeySource.LOCAL: "The private key is made on this machine and stored in the key store.",
    KeySource.VONAGE: "Vonage returns the private key once; it is stored in the key store.",
    KeySource.FILE: "No private key is stored: keep yours safe, the Users view will need it.",
}

# Vonage's own guides use /webhooks/answer and /webhooks/event for voice; the other
# capabilities get their name in the path so two of them never share an address.
_UNPREFIXED = "voice"


def webhook_address(base_url: str, capability: str, hook: str) -> str:
    """``https://base/webhooks/answer`` for voice, ``…/webhooks/messages/inbound`` otherwise."""
    name = hook.removesuffix("_url").replace("_", "-")
    if capability == "network_apis" and hook == "redirect_uri":
        return f"{base_url.rstrip('/')}/network/redirect"
    prefix = "" if capability == _UNPREFIXED else f"{capability.replace('_', '-')}/"
    return f"{base_url.rstrip('/')}/webhooks/{prefix}{name}"


def empty_addresses(document: dict[str, Any]) -> list[Path]:
    """Paths of the webhook addresses (and redirect URI) the chosen capabilities leave empty."""
    paths: list[Path] = []
    capabilities = document.get("capabilities")
    if not isinstance(capabilities, dict):
        return paths
    for capability, body in capabilities.items():
        if not isinstance(body, dict):
            continue
        webhooks = body.get("webhooks")
        if isinstance(webhooks, dict):
            for hook, value in webhooks.items():
                if isinstance(value, dict) and value.get("address") in ("", None):
                    paths.append(("capabilities", capability, "webhooks", hook, "address"))
        if capability == "network_apis" and body.get("redirect_uri") in ("", None):
            paths.append(("capabilities", capability, "redirect_uri"))
    return paths


def fill_addresses(document: dict[str, Any], base_url: str) -> dict[str, Any]:
    """A copy with every empty address set from ``base_url``; addresses already set stay."""
    result = copy.deepcopy(document)
    for path in empty_addresses(document):
        hook = path[3] if path[2] == "webhooks" else str(path[-1])
        result = set_path(result, path, webhook_address(base_url, str(path[1]), str(hook)))
    return result


def base_url_problem(base_url: str) -> str | None:
    # The editor's rule for webhook addresses: the addresses are made from this base.
    if not is_http_url(base_url.strip()):
        return "must be an absolute http:// or https:// URL, e.g. https://example.com"
    return None


def new_application_document(name: str, capabilities: list[str], base_url: str = "",
                             public_key: str | None = None) -> dict[str, Any]:
    """The POST body for the create form: templates of the chosen capabilities, addresses
    filled from the base URL (when one is given)."""
    document: dict[str, Any] = {"name": name}
    if public_key is not None:
        document["keys"] = {"public_key": public_key}
    if capabilities:
        document["capabilities"] = {name: capability_template(name) for name in capabilities}
    if base_url.strip():
        document = fill_addresses(document, base_url.strip())
    return document


def read_public_key_file(path: str) -> str:
    """The PEM text of a public key file; raises ``InvalidKeyError`` or ``OSError``."""
    text = expand_path(path).read_text(encoding="utf-8", errors="replace")
    load_public_key(text)
    return text.strip() + "\n"


def with_new_public_key(document: dict[str, Any], public_pem: str) -> dict[str, Any]:
    """A copy with ``keys`` holding just ``public_pem``, right after the name (where Vonage's
    own examples put it)."""
    rest = {key: copy.deepcopy(value) for key, value in document.items()
            if key not in ("name", "keys")}
    ordered: dict[str, Any] = {"name": document["name"]} if "name" in document else {}
    return ordered | {"keys": {"public_key": public_pem}} | rest


def preview_document(document: dict[str, Any], key_note: str) -> dict[str, Any]:
    """What the summary shows: a PEM is hundreds of characters of noise, so it is named."""
    if isinstance(get_path(document, ("keys", "public_key")), str):
        return set_path(document, ("keys", "public_key"), key_note)
    return document


def creation_changes(document: Any, prefix: Path = ()) -> list[Change]:
    """One "added" line per leaf: a new document reads better field by field than as one
    JSON blob per top-level key. Empty objects and lists are leaves (``vbc: {}``)."""
    if isinstance(document, dict) and document:
        return [change for key, value in document.items()
                for change in creation_changes(value, (*prefix, key))]
    if isinstance(document, list) and document:
        return [change for index, value in enumerate(document)
                for change in creation_changes(value, (*prefix, index))]
    return [Change(prefix, "added", new=document)]


@dataclass
class CreateOutcome:
    application: Application
    private_pem: str | None = field(default=None, repr=False)
    """The private key to keep, when there is one (kept even after it was stored)."""
    store_error: BaseException | None = None
    """Why the private key could not be stored; the caller must then capture it."""
    problems: list[str] = field(default_factory=list)

    @property
    def app_id(self) -> str:
        return str(self.application.id)

    @property
    def key_unsaved(self) -> bool:
        return self.private_pem is not None and self.store_error is not None


async def make_key_pair() -> KeyPair:
    """A fresh pair; RSA generation takes tens of milliseconds, so off the event loop."""
    return await asyncio.to_thread(generate_key_pair)


class CreateOutcomeUnknown(Exception):
    """The create request may have reached Vonage, and looking for the new application failed
    too: the locally made private key may belong to a live application and must be saved."""

    def __init__(self, error: Exception, search_error: Exception, private_pem: str) -> None:
        super().__init__(
            f"the answer to the create request was lost ({error}) and the account could not "
            f"be searched for the new application ({search_error})"
        )
        self.private_pem = private_pem


async def create_application(client: VonageClient, vault: KeyVault, document: dict[str, Any],
                             *, private_pem: str | None = None) -> CreateOutcome:
    """POST ``document``, then store the private key under the new id.

    ``private_pem`` is the local half of ``document``'s public key; without a public key in the
    document Vonage makes the pair and its private key is taken from the response. API errors
    propagate (nothing was created); a store failure is returned in the outcome, never raised.
    """
    try:
        created = await client.create_application(document)
    except ApiError as error:
        if not outcome_unknown(error):
            raise
        # The POST may have reached Vonage and only the answer was lost. With our own key pair
        # the new application is recognisable by its public key: find it, so the private key is
        # stored under it instead of being thrown away with the failed screen.
        public_pem = get_path(document, ("keys", "public_key"))
        found = None
        if private_pem is not None and isinstance(public_pem, str):
            try:
                found = await find_application_with_key(client, public_pem)
            except ApiError as search_error:
                # Created or not, nobody can tell now: the key must not go with the error.
                raise CreateOutcomeUnknown(error, search_error, private_pem) from error
        if found is None:
            raise
        created = found
        recovered_from: Exception | None = error
    else:
        recovered_from = None
    outcome = CreateOutcome(created, private_pem)
    if recovered_from is not None:
        outcome.problems.append(
            f"The answer to the create request was lost ({recovered_from}); the new "
            "application was found by its public key"
        )
    if private_pem is None and not isinstance(get_path(document, ("keys", "public_key")), str):
        returned = get_path(created.to_document(), ("keys", "private_key"))
        if isinstance(returned, str) and returned.strip():
            outcome.private_pem = _stored_form(returned)
        else:
            outcome.problems.append("Vonage returned no private key for this application")
    if outcome.private_pem is not None:
        outcome.store_error = await store_private_key(vault, outcome.app_id, outcome.private_pem)
    return outcome


async def find_application_with_key(client: VonageClient, public_pem: str) -> Application | None:
    """The application whose public key is ``public_pem``, if the account has one."""
    if public_numbers(public_pem) is None:
        return None
    # An ApiError here propagates: "could not look" is not "not there".
    async with aclosing(client.iter_applications(page_size=100)) as applications:
        async for summary in applications:
            if carries_public_key(summary, public_pem) and isinstance(summary.id, str):
                break
        else:
            return None
    # The walk reads summaries; the outcome holds the application as Vonage has it.
    return await client.get_application(summary.id)


def _stored_form(pem: str) -> str:
    """PKCS#8, the one form we store; a key we cannot parse is still kept exactly as sent."""
    try:
        return normalise_private_key(pem)
    except InvalidKeyError:
        return pem


def key_problem(error: Exception) -> str:
    if isinstance(error, InvalidKeyError):
        return str(error)
    if isinstance(error, OSError):
        return error.strerror or describe_error(error)
    return describe_error(error)
