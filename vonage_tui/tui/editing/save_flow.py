"""The pure half of the editor's save: what the preview warns of, what a conflict means, what
the PUT carries, and where a 400's reasons go. The screen-side half
(``flows/save_application.py``) shows the dialogs and calls the API.

A save is: diff preview → re-GET (a remote change since load is a conflict: reload, overwrite
or cancel) → PUT of the whole document → new base. A failure at any step keeps every edit.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from ...models.documents import Change, diff_documents, get_path
from .state import PUBLIC_KEY

PUBLIC_KEY_HINT = ("Replacing it breaks the private key stored for this application: it will no "
                   "longer match. To change the key pair, rotate it with ctrl+r instead.")
"""Shown under the public key's field while it can be edited."""


def preview_note(base: dict[str, Any], working: dict[str, Any]) -> str:
    """What the diff preview should warn about, beyond the diff itself."""
    old = get_path(base, PUBLIC_KEY)
    new = get_path(working, PUBLIC_KEY)
    if new == old:
        return ""
    if not new:
        return ("The public key is left out: Vonage keeps the current one. (A PUT without a key "
                "does not remove it.)")
    return ("The new public key replaces the current one: the private key stored for this "
            "application will no longer match it, so JWTs it signs will be refused. To change "
            "the key pair, go back and rotate it with ctrl+r instead.")


def key_summary(pem: Any) -> Any:
    """A public key as a diff shows it: its size and fingerprint, not a dozen lines of base64."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from ...keys import InvalidKeyError, load_public_key

    if not isinstance(pem, str) or not pem:
        return pem
    try:
        key = load_public_key(pem)
    except InvalidKeyError:
        return pem
    der = key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return f"RSA-{key.key_size} public key, SHA-256 {hashlib.sha256(der).hexdigest()[:16]}…"


def shown_changes(changes: list[Change]) -> list[Change]:
    """The changes as the preview and conflict dialogs show them (keys summarised)."""
    return [
        dataclasses.replace(change, old=key_summary(change.old), new=key_summary(change.new))
        if change.path == PUBLIC_KEY else change
        for change in changes
    ]


def remote_changes(base: dict[str, Any], remote: dict[str, Any]) -> list[Change]:
    """What changed on the server since the editor loaded ``base``: a conflict when not empty."""
    return diff_documents(base, remote)


def conflict_note(base: dict[str, Any], working: dict[str, Any], remote: dict[str, Any]) -> str:
    if keeps_remote_key(base, working, remote):
        return "Its public key was rotated on the server: Overwrite keeps the new key."
    return ""


def keeps_remote_key(base: dict[str, Any], working: dict[str, Any],
                     remote: dict[str, Any]) -> bool:
    """The server's key changed since load and the user did not edit the key.

    Putting the loaded key back would undo a rotation and silently break the private key that
    goes with the new one (maybe the one just stored here), so an overwrite adopts the server's
    key first (``EditorState.adopt_public_key``) and the PUT carries it.
    """
    loaded = get_path(base, PUBLIC_KEY)
    server = get_path(remote, PUBLIC_KEY)
    return bool(server) and server != loaded and get_path(working, PUBLIC_KEY) == loaded


def rejected_parameters(error: Any) -> list[tuple[str, str]]:
    """A 400's ``invalid_parameters`` as ``(dotted name, reason)`` pairs."""
    return [
        (str(param.name), str(param.reason or "was rejected"))
        for param in getattr(error, "invalid_parameters", None) or []
    ]
