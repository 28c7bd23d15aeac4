"""What every editor's save flow takes and shares, whatever it edits (an application, a user).

A save flow is ``async (services, request, progress) -> SaveResult`` (an editor's
``run_save``: ``save_application.py`` PUTs the whole document, ``save_user.py`` PATCHes the
fields that changed, or POSTs a new user). It shows the diff, checks the server for changes
since load, sends, and returns an outcome (``outcomes.py``) that ``DocumentEditorScreen``
applies to its own state. It never touches the editor: it reports progress through
``SaveProgress``, whose two callables the editor supplies. The steps both flows take the same
way (the conflict question, a 400, a failure) are here.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from ...models.documents import Change
from ..editing.save_flow import rejected_parameters
from ..screens.conflict import ConflictModal
from ..services import Services
from .outcomes import Cancelled, Failed, Rejected, Reloaded

CHECK_CANCELLED = "Not saved: cancelled; your edits are kept"
SEND_CANCELLED = "Save cancelled: Vonage may or may not have it; your edits are kept"
"""Cancelled after sending, the write may have happened: the next save's check will tell."""


@dataclass(frozen=True)
class SaveRequest:
    object_id: str | None
    """None: the object does not exist yet, the save creates it (a new user)."""
    title: str
    """The preview's title ("Save my-app", "Create New user")."""
    base: dict[str, Any]
    """The server's document as the editor last loaded or saved it."""
    working: dict[str, Any]
    """The edits to save (a copy: the editor stays usable meanwhile)."""


@dataclass(frozen=True)
class SaveProgress:
    say: Callable[[str], object]
    """Puts a passing word in the editor's status line ("Saving…")."""
    watching: Callable[[str], AbstractContextManager[None]]
    """Wraps a request to Vonage: the editor says when it is slow and esc cancels it (the
    worker is cancelled); the argument is what the editor says then."""


async def ask_about_conflict(services: Services, remote: dict[str, Any],
                             shown: list[Change], note: str = "") -> Reloaded | Cancelled | None:
    """The server changed since load (``shown``): None when the person chose to overwrite,
    else the outcome to end with (their choice to reload, or to keep editing)."""
    choice = await services.ui.push_screen_wait(ConflictModal(shown, note=note))
    if choice == "reload":
        return Reloaded(remote)
    if choice != "overwrite":
        return Cancelled("Not saved")
    return None


def rejected(services: Services, error: Any, message: str) -> Rejected:
    """A 400: said once, and its reasons returned for the editor to put on their fields."""
    services.notifier.notify(message, title="Not saved: the server rejected it",
                             severity="error", markup=False)
    return Rejected(tuple(rejected_parameters(error)))


def failed(services: Services, reason: str) -> Failed:
    services.notifier.notify(f"{reason}. Your edits are kept.", title="Not saved",
                             severity="error", markup=False)
    return Failed(reason)
