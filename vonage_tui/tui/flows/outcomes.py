"""How a flow ended, for the screen that started it to apply (flows never touch a screen).

A flow has already said what happened (notifications); an outcome says what the screen needs:
the new id to open, whether to reload, whether to keep the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...models import Path



@dataclass(frozen=True)
class Cancelled:
    """Nothing was done: the user said no, or the session is read-only (already said)."""

    status: str = ""
    """What the screen's status line says of it, if anything ("Not saved")."""


@dataclass(frozen=True)
class Failed:
    """Vonage or a file refused; nothing was changed."""

    reason: str


@dataclass(frozen=True)
class Uncertain:
    """Whether Vonage carried out the change is unknown; the new private key is in a file."""

    reason: str
    key_file: str | None


@dataclass(frozen=True)
class Created:
    app_id: str
    key_stored: bool
    """The new private key is in the key store (False: none to keep, or it went to a file)."""


@dataclass(frozen=True)
class Rotated:
    """Vonage has the new public key (its private half is stored or in a file)."""

    app_id: str
    key_stored: bool


@dataclass(frozen=True)
class Exported:
    path: str


@dataclass(frozen=True)
class Applied:
    app_id: str


@dataclass(frozen=True)
class KeyImported:
    """A private key is stored for ``app_id`` (now, or it already was)."""

    app_id: str
    matches: bool | None
    """Whether it matches the application's public key (None: could not be checked)."""


@dataclass(frozen=True)
class Saved:
    """Vonage took the edits: ``document`` is how it has the object now (the new base).

    Every editor's save ends in ``Saved``, ``Rejected``, ``Reloaded``, ``Failed`` or
    ``Cancelled`` (``SaveResult``), applied by ``DocumentEditorScreen.apply_save``."""

    sent: dict[str, Any]
    """What was sent: the edits still match it unless the user typed on during the request."""
    document: dict[str, Any]
    adopted: tuple[tuple[Path, Any], ...] = ()
    """Values of the server's taken into the edits before sending, by path (a key rotated
    since load: sending the loaded key back would undo the rotation); the editor adopts them."""
    created: bool = False
    """True when the save created the object (a new user's POST): ``document`` holds its id."""


@dataclass(frozen=True)
class Rejected:
    """Vonage refused the document (a 400): the reasons go on their fields, the edits stay."""

    reasons: tuple[tuple[str, str], ...]
    """``(dotted name, reason)`` from ``invalid_parameters``."""


@dataclass(frozen=True)
class Reloaded:
    """The object changed on the server and the user chose it over the edits."""

    document: dict[str, Any]


CreateResult = Created | Failed | Uncertain | Cancelled
RotateResult = Rotated | Failed | Uncertain | Cancelled
ExportResult = Exported | Failed | Cancelled
ApplyResult = Applied | Failed | Cancelled
KeyImportResult = KeyImported | Failed | Cancelled
SaveResult = Saved | Rejected | Reloaded | Failed | Cancelled
