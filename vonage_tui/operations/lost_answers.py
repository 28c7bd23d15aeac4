"""Did a change happen when its answer never came back?

A request can reach Vonage and be carried out while its answer is lost on the way back: a read
timeout (even after retries), a 5xx from a gateway that had already forwarded it, a truncated
body. Treating that as "nothing happened" loses a private key whose public half Vonage now has.
Our own changes carry a public key we made, so whether they happened can be checked by reading
the application back and comparing keys.
"""

from __future__ import annotations

from typing import Any

from ..api import (
    ApiError,
    InvalidResponseError,
    MissingCredentialsError,
    RateLimitedError,
    ServerError,
    TransportError,
)
from ..keys import InvalidKeyError, load_public_key
from ..models import Application, ApplicationSummary
from ..models.documents import get_path


def outcome_unknown(error: BaseException) -> bool:
    """Whether a failed request may nevertheless have been carried out.

    Only an answer from Vonage that refuses the request (a 4xx) proves nothing changed. A 429
    counts as unknown too: it may come on a retry after an earlier attempt got through.
    """
    if isinstance(error, (TransportError, InvalidResponseError, ServerError, RateLimitedError)):
        return True
    if isinstance(error, MissingCredentialsError) or not isinstance(error, ApiError):
        return False  # nothing was sent (missing credential, a document without id, …)
    status = error.status
    return status is None or not 400 <= status < 500


def public_numbers(pem: str) -> Any:
    """The key itself, whatever the PEM's line endings or wrapping; None if not a public key."""
    try:
        return load_public_key(pem).public_numbers()
    except InvalidKeyError:
        return None


def carries_public_key(
    application: Application | ApplicationSummary | dict[str, Any], public_pem: str
) -> bool:
    """Whether the application's ``keys.public_key`` is the same key as ``public_pem``."""
    if isinstance(application, ApplicationSummary):
        theirs: Any = application.public_key
    else:
        document = (application.to_document() if isinstance(application, Application)
                    else application)
        theirs = get_path(document, ("keys", "public_key"))
    if not isinstance(theirs, str):
        return False
    wanted = public_numbers(public_pem)
    return wanted is not None and public_numbers(theirs) == wanted
