"""What the start-up flow asks a UI to do next (``Step``), and what the credentials form sends.

Plain data: the flow returns these, the driver (``driver.py``) turns each into a screen.

Plain classes with ``__slots__``, not dataclasses: every start imports this module, and the
seven frozen dataclasses cost ~3 ms to build (their generated methods are compiled at import);
nothing compares or hashes a step, the driver only asks ``isinstance`` and reads fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...credentials import KeyringUnavailable, Profile
    from ...secret import SecretStr
    from ..session import Session


class _Record:
    """``Name(field=value, …)`` in a test's failure message, like the dataclasses these were."""

    __slots__: tuple[str, ...] = ()

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class Connect(_Record):
    """Everything needed is there: connect the app to this session."""

    __slots__ = ("session",)

    def __init__(self, session: Session) -> None:
        self.session = session


class ChooseStore(_Record):
    """No operating-system keyring is usable: say why (``error.reports``) and offer the others."""

    __slots__ = ("error",)

    def __init__(self, error: KeyringUnavailable) -> None:
        self.error = error


class AskPassphrase(_Record):
    """The encrypted file needs its passphrase (``creating``: a new one, typed twice)."""

    __slots__ = ("creating", "problem")

    def __init__(self, creating: bool, problem: str | None = None) -> None:
        self.creating = creating
        self.problem = problem


class AskCredentials(_Record):
    """Show the credentials form (a first run, or a profile whose secret is missing)."""

    __slots__ = ("profile", "profile_name", "reason")

    def __init__(self, profile: Profile | None, profile_name: str,
                 reason: str | None = None) -> None:
        self.profile = profile
        self.profile_name = profile_name
        self.reason = reason


class StoreTrouble(_Record):
    """The secret store failed in a way the user can fix, then retry (locked, not answering…)."""

    __slots__ = ("title", "message")

    def __init__(self, title: str, message: str) -> None:
        self.title = title
        self.message = message


Step = Connect | ChooseStore | AskPassphrase | AskCredentials | StoreTrouble


class CredentialsForm(_Record):
    """What the credentials screen submits; a blank secret keeps the stored one (editing)."""

    __slots__ = ("profile_name", "api_key", "api_secret", "api_url")

    def __init__(self, profile_name: str, api_key: str, api_secret: SecretStr,
                 api_url: str) -> None:
        self.profile_name = profile_name
        self.api_key = api_key
        self.api_secret = api_secret
        self.api_url = api_url


class FormProblem(_Record):
    """Why the form was not saved, and which fields to show it at (empty: the whole form)."""

    __slots__ = ("message", "fields", "focus")

    def __init__(self, message: str, fields: tuple[str, ...] = (),
                 focus: str | None = None) -> None:
        self.message = message
        self.fields = fields
        self.focus = focus
        """The field the cursor goes to, when not the first one named."""
