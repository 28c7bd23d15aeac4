"""What the start-up flow asks a UI to do next (``Step``), and what the credentials form sends.

Plain data: the flow returns these, the driver (``driver.py``) turns each into a screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...secret import SecretStr
from ...credentials import KeyringUnavailable, Profile
from ..session import Session


@dataclass(frozen=True)
class Connect:
    """Everything needed is there: connect the app to this session."""

    session: Session


@dataclass(frozen=True)
class ChooseStore:
    """No operating-system keyring is usable: say why (``error.reports``) and offer the others."""

    error: KeyringUnavailable


@dataclass(frozen=True)
class AskPassphrase:
    """The encrypted file needs its passphrase (``creating``: a new one, typed twice)."""

    creating: bool
    problem: str | None = None


@dataclass(frozen=True)
class AskCredentials:
    """Show the credentials form (a first run, or a profile whose secret is missing)."""

    profile: Profile | None
    profile_name: str
    reason: str | None = None


@dataclass(frozen=True)
class StoreTrouble:
    """The secret store failed in a way the user can fix, then retry (locked, not answering…)."""

    title: str
    message: str


Step = Connect | ChooseStore | AskPassphrase | AskCredentials | StoreTrouble


@dataclass(frozen=True)
class CredentialsForm:
    """What the credentials screen submits; a blank secret keeps the stored one (editing)."""

    profile_name: str
    api_key: str
    api_secret: SecretStr
    api_url: str


@dataclass(frozen=True)
class FormProblem:
    """Why the form was not saved, and which fields to show it at (empty: the whole form)."""

    message: str
    fields: tuple[str, ...] = ()
    focus: str | None = None
    """The field the cursor goes to, when not the first one named."""
