"""What can go wrong with profiles and secret stores, as a small hierarchy a UI can catch.

Every message is written for the person at the terminal and never contains a secret: errors
raised by a keyring backend are wrapped here, their text scrubbed of the values involved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


class CredentialsError(Exception):
    """Base of every error of the credentials layer; ``title`` is a short heading for a panel."""

    title = "Credentials error"


# --- profiles (the non-secret TOML file) -------------------------------------------------


class ProfileError(CredentialsError):
    title = "Profile error"


class ProfileNotFound(ProfileError):
    title = "No such profile"


class InvalidProfile(ProfileError, ValueError):
    """A profile value is not acceptable (bad name, URL, backend…)."""

    title = "Invalid profile"


class ProfileFileError(ProfileError):
    """The profiles file cannot be read, parsed or written."""

    title = "Profiles file error"


# --- secret stores (keyring backends) ----------------------------------------------------


class CredentialStoreError(CredentialsError):
    """Base of every failure of a secret store."""

    title = "Secret store error"


class BackendReport:
    """One keyring backend considered by the automatic choice, and why it was not usable."""

    # A plain class, not a frozen dataclass: every start imports this module (for its
    # errors), and the dataclass's generated methods cost ~0.5 ms to compile at import.
    __slots__ = ("name", "qualified_name", "priority", "reason")

    def __init__(self, name: str, qualified_name: str, priority: float | None,
                 reason: str | None) -> None:
        self.name = name  # what to show, e.g. "Secret Service"
        self.qualified_name = qualified_name  # module.Class, what PYTHON_KEYRING_BACKEND would name
        self.priority = priority  # None when it was rejected
        self.reason = reason  # None when usable

    @property
    def usable(self) -> bool:
        return self.reason is None


class KeyringUnavailable(CredentialStoreError):
    """No operating-system credential store is usable here; ``reports`` say why for each."""

    title = "No system keyring"

    def __init__(self, reports: Iterable[BackendReport], summary: str | None = None) -> None:
        self.reports = tuple(reports)
        lines = [summary or "No usable operating-system keyring was found."]
        lines += [f"- {report.name}: {report.reason}" for report in self.reports if report.reason]
        super().__init__("\n".join(lines))


class KeyringLockedError(CredentialStoreError):
    """The store exists but is locked; the user has to unlock it (or dismissed the prompt)."""

    title = "Keyring locked"


class KeyringTimeout(CredentialStoreError):
    """A keyring call did not answer in time (its thread may still be running)."""

    title = "Keyring not responding"


class PassphraseRequired(CredentialStoreError):
    """The encrypted file needs a passphrase and none was given."""

    title = "Passphrase required"


class WrongPassphrase(CredentialStoreError):
    """The passphrase does not open the encrypted file."""

    title = "Wrong passphrase"


class CorruptSecret(CredentialStoreError):
    """A stored value is incomplete or inconsistent, e.g. a chunked write that never finished."""

    title = "Damaged secret"


class InvalidPrivateKey(CredentialStoreError, ValueError):
    """The text or file offered as a private key is not a usable RSA private key."""

    title = "Invalid private key"


class SecretTooLarge(CredentialStoreError, ValueError):
    title = "Secret too large"


class BackendError(CredentialStoreError):
    """Any other failure reported by a backend, wrapped with a scrubbed message."""

    title = "Keyring error"


HIDDEN = "<hidden>"
# Runs of characters a secret is made of (base64, hex, API secrets); shorter runs are too
# common to tell apart from ordinary words.
# A leading escape (``\\n`` from a repr) is matched apart so the run after it is checked alone.
_SECRET_RUN = re.compile(r"(\\[nrt])?([A-Za-z0-9+/=_-]{12,})")


def scrub(text: str, secrets: Iterable[str]) -> str:
    """``text`` with the given secrets hidden, even when quoted, escaped or cut into pieces.

    A backend may echo a value in its error message through ``repr`` (newlines become ``\\n``)
    or echo only the chunk it was given; so besides each whole secret, every run of secret-like
    characters that occurs inside one of the secrets is hidden too.
    """
    known = [secret for secret in secrets if secret]
    for secret in sorted(known, key=len, reverse=True):
        text = text.replace(secret, HIDDEN)

    def hide(match: re.Match[str]) -> str:
        escape, run = match.group(1) or "", match.group(2)
        return escape + (HIDDEN if any(run in secret for secret in known) else run)

    return _SECRET_RUN.sub(hide, text)
