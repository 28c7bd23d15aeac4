"""Deleting an application, after the user types its exact name or id (``typed_delete.py``).

Once it is gone (a 404 counts: it already was) the stored private key is removed too, best
effort, with any failure reported.
"""

from __future__ import annotations

from ...operations.key_storage import describe_error, forget_private_key
from ..announcements import announce_deleted
from ..services import services_of
from ..verbs import bind
from .typed_delete import TypedDeleteDialog


class DeleteApplicationModal(TypedDeleteDialog):
    BINDINGS = [
        bind("back", "cancel", "Cancel", tooltip="Keep the application"),
        bind("copy_id", "copy_id", tooltip="Copy the application's id (OSC 52)"),
    ]
    kind = "application"
    consequences = ("This cannot be undone: its webhooks stop, its users lose access and its "
                    "stored private key is removed.")

    @property
    def app_id(self) -> str:
        return self.object_id

    async def send_delete(self) -> None:
        await services_of(self.app).client.delete_application(self.app_id)

    async def deleted(self) -> None:
        announce_deleted(self.app, self.app_id)
        problem = await forget_private_key(services_of(self.app).key_vault, self.app_id)
        if problem is not None:
            self.notify(f"The stored private key of {self.app_id} could not be removed: "
                        f"{describe_error(problem)}", title="Key store", severity="warning",
                        markup=False, timeout=10)
        self.notify(f"Deleted {self.label}", markup=False)
