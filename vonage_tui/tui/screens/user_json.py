"""One user as Vonage has it, as JSON, read-only: what enter on a users row shows until the
user editor takes its place."""

from __future__ import annotations

import json

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...api import ApiError, VonageClient
from ...operations.key_storage import describe_error
from ..format import literal_block, safe_text
from ..verbs import bind
from ..worker_errors import ReportsWorkerErrors


class UserJsonModal(ReportsWorkerErrors, ModalScreen[None]):
    BINDINGS = [
        bind("back", "close", "Close", tooltip="Back to the users"),
        bind("copy_id", "copy_id", tooltip="Copy the user's id (OSC 52)"),
    ]

    def __init__(self, client: VonageClient, user_id: str) -> None:
        super().__init__(classes="modal")
        self.client = client
        self.user_id = user_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-dialog user-json-dialog"):
            title = Text("User ", style="bold")
            title.append_text(safe_text(self.user_id, "bold", multiline=False))
            yield Static(title, classes="modal-title")
            with VerticalScroll(id="user-json-body"):
                yield Static(Text("Loading…", style="dim"), id="user-json-text")
            yield Static(Text("read-only · esc closes", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#user-json-body").focus()
        self.load()

    @work(exclusive=True, exit_on_error=False, group="user-json")
    async def load(self) -> None:
        shown = self.query_one("#user-json-text", Static)
        try:
            user = await self.client.get_user(self.user_id)
        except (ApiError, ValueError) as error:
            shown.update(safe_text(f"Could not load the user: {describe_error(error)}", "red"))
            return
        document = json.dumps(user.to_document(), indent=2, ensure_ascii=False)
        shown.update(literal_block(document))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_copy_id(self) -> None:
        self.app.copy_to_clipboard(self.user_id)
        self.notify(f"Copied {self.user_id}", markup=False)
