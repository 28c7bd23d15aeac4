"""What every editor's save flow takes, whatever it edits (an application, a user).

A save flow is ``async (services, request, progress) -> SaveResult`` (an editor's
``run_save``; ``save_application.py`` for applications): it shows the diff, checks
the server for changes since load, sends, and returns an outcome (``outcomes.py``) that the
editor applies to its own state. It never touches the editor: it reports progress through
``SaveProgress``, whose two callables the editor supplies.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SaveRequest:
    object_id: str
    title: str
    """The preview's title ("Save my-app")."""
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
