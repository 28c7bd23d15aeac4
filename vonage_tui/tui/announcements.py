"""Writes are announced, not pushed into other screens.

After a successful write (save, create, rotate, apply, clone, delete) the flow or screen that
made it announces the result to every screen on the stack; a screen that shows applications
(the list and its ``/`` index) updates its own state from the message. The writer never knows
who listens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from textual.message import Message
from textual.screen import Screen

if TYPE_CHECKING:  # the lossless models load when a document is opened, not at start-up
    from ..models import Application, User


class ApplicationChanged(Message, bubble=False):
    """An application was created or changed: ``application`` is how Vonage has it now."""

    def __init__(self, application: Application) -> None:
        super().__init__()
        self.application = application


class ApplicationDeleted(Message, bubble=False):
    """The application with this id no longer exists."""

    def __init__(self, app_id: str) -> None:
        super().__init__()
        self.app_id = app_id


class ScreenStack(Protocol):
    """Whoever holds the open screens (the app; a flow's ``Services.ui``)."""

    @property
    def screen_stack(self) -> list[Screen[Any]]: ...


def announce_changed(app: ScreenStack, application: Application) -> None:
    for screen in list(app.screen_stack):
        screen.post_message(ApplicationChanged(application))


def announce_deleted(app: ScreenStack, app_id: str) -> None:
    for screen in list(app.screen_stack):
        screen.post_message(ApplicationDeleted(app_id))


class UserChanged(Message, bubble=False):
    """A user of application ``app_id`` was created or changed: ``user`` is how Vonage has it."""

    def __init__(self, app_id: str, user: User) -> None:
        super().__init__()
        self.app_id = app_id
        self.user = user


class UserDeleted(Message, bubble=False):
    """The user with this id no longer exists among application ``app_id``'s users."""

    def __init__(self, app_id: str, user_id: str) -> None:
        super().__init__()
        self.app_id = app_id
        self.user_id = user_id


def announce_user_changed(app: ScreenStack, app_id: str, user: User) -> None:
    for screen in list(app.screen_stack):
        screen.post_message(UserChanged(app_id, user))


def announce_user_deleted(app: ScreenStack, app_id: str, user_id: str) -> None:
    for screen in list(app.screen_stack):
        screen.post_message(UserDeleted(app_id, user_id))
