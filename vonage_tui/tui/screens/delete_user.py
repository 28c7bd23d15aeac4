"""Deleting a user, after its name or id is typed (``typed_delete.py``).

Once it is gone (a 404 counts: it already was) it is announced, so the users list (and its
index) drop it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..announcements import announce_user_deleted
from ..verbs import bind
from .typed_delete import TypedDeleteDialog

if TYPE_CHECKING:
    from ...api import VonageClient


class DeleteUserModal(TypedDeleteDialog):
    BINDINGS = [
        bind("back", "cancel", "Cancel", tooltip="Keep the user"),
        bind("copy_id", "copy_id", tooltip="Copy the user's id (OSC 52)"),
    ]
    kind = "user"
    consequences = ("This cannot be undone: the user's channels and conversations membership "
                    "go with it.")

    def __init__(self, client: VonageClient, app_id: str, user_id: str,
                 name: str | None) -> None:
        super().__init__(user_id, name)
        self.client = client
        """The application's users client: its JWT is the one that may delete."""
        self.app_id = app_id

    @property
    def user_id(self) -> str:
        return self.object_id

    async def send_delete(self) -> None:
        await self.client.delete_user(self.user_id)

    async def deleted(self) -> None:
        announce_user_deleted(self.app, self.app_id, self.user_id)
        self.notify(f"Deleted user {self.label}", markup=False)
