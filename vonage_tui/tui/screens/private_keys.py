"""Applications' private keys in the key store: which are there, add one, replace one, remove one.

Import from a PEM file or paste one (PKCS#1 or PKCS#8, stored as PKCS#8); ``g`` makes a new
pair and puts its public half on the application through the rotate flow (new key stored only
once Vonage has the public one). An imported key is checked against the application's public
key on Vonage (a mismatch is refused unless "store anyway"), and replacing a stored key is asked
first. A key is never on screen unless asked for (``s``), and hidden again when the selection
moves.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from ...credentials import CredentialsError, KeyVault
from ...operations.key_storage import describe_error
from ..format import literal, literal_block, safe_text
from ..services import services_of
from ..widgets.app_header import AppHeader
from ..widgets.list_table import ListTable
from .base import VonageScreen
from .confirm import ConfirmModal
from .key_input import KeyInputModal
from ..verbs import bind
from ..widgets.steady_footer import SteadyFooter

MASK = "•" * 24 + "  hidden: press s to show"


class PrivateKeysScreen(VonageScreen):
    crumb = "Private keys"
    AUTO_FOCUS = "#keys-table"

    BINDINGS = [
        bind("import", "import_file",
             tooltip="Store an application's private key from a PEM file"),
        bind("paste", "paste", tooltip="Store an application's private key pasted as PEM text"),
        bind("generate", "generate",
             tooltip="Make a new key pair and put its public key on the application"),
        bind("delete", "remove", "Remove",
             tooltip="Remove the selected application's key from the key store"),
        bind("reveal", "reveal"),
        bind("copy_id", "copy_id", tooltip="Copy the selected application's id (OSC 52)"),
        bind("back", "back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.revealed: str | None = None
        """The application id whose key is shown, if any."""

    def compose(self) -> ComposeResult:
        yield AppHeader(id="header")
        yield Static("", id="keys-status")
        table: DataTable[Text | str] = ListTable(id="keys-table", cursor_type="row")
        table.add_column("Application", key="id")
        yield table
        with VerticalScroll(id="keys-shown"):
            yield Static(Text(MASK, style="dim"), id="keys-shown-text")
        yield SteadyFooter()

    @property
    def readonly(self) -> bool:
        return services_of(self.app).readonly

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("import_file", "paste", "generate", "remove") and self.readonly:
            return False
        return True

    @property
    def vault(self) -> KeyVault:
        return services_of(self.app).key_vault

    def on_mount(self) -> None:
        self.reload()

    @work(exclusive=True, exit_on_error=False, group="keys-list")
    async def reload(self) -> None:
        status = self.query_one("#keys-status", Static)
        table = self.query_one("#keys-table", DataTable)
        try:
            ids = sorted(await self.vault.stored_ids())
        except CredentialsError as error:  # keyring errors are said, never a crash
            status.update(safe_text(f"Could not read the key store: {describe_error(error)}"))
            return
        table.clear()
        for app_id in ids:
            table.add_row(literal(app_id), key=app_id)
        count = len(ids)
        status.update(Text(
            f"{count} application{'s' if count != 1 else ''} with a private key stored here."
            if count else "No private keys stored yet: i imports a PEM file, v pastes one."))
        self.hide_key()

    def selected(self) -> str | None:
        table = self.query_one("#keys-table", DataTable)
        if table.row_count == 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(DataTable.RowHighlighted, "#keys-table")
    def hide_key(self) -> None:
        self.revealed = None
        self.query_one("#keys-shown-text", Static).update(Text(MASK, style="dim"))

    # -- actions ----------------------------------------------------------------------------

    def action_reveal(self) -> None:
        if self.revealed is not None:
            self.hide_key()
            return
        app_id = self.selected()
        if app_id is not None:
            self.show_key(app_id)

    @work(exclusive=True, exit_on_error=False, group="keys-reveal")
    async def show_key(self, app_id: str) -> None:
        try:
            pem = await self.vault.get(app_id)
        except CredentialsError as error:
            self.notify(describe_error(error), title="Could not read the key", severity="error",
                        markup=False)
            return
        if pem is None:
            self.notify("No key stored for that application.", markup=False)
            return
        self.revealed = app_id
        self.query_one("#keys-shown-text", Static).update(literal_block(pem.strip()))

    def action_import_file(self) -> None:
        self.ask("file")

    def action_paste(self) -> None:
        self.ask("paste")

    def action_generate(self) -> None:
        self.ask("generate")

    @work(exit_on_error=False, group="keys-edit")
    async def ask(self, mode: str) -> None:
        from ..flows.outcomes import KeyImported, Rotated

        if mode != "generate":
            from ..flows.key_import import run_import_key

            if isinstance(await run_import_key(services_of(self.app), mode, self.selected() or ""),
                          KeyImported):
                self.reload()
            return
        answer = await self.app.push_screen_wait(KeyInputModal(mode, self.selected() or ""))
        if answer is None:
            return
        from ..flows.rotate import run_rotate_key

        # The rotate flow confirms, PUTs the new public key, then stores (or captures) the key.
        if isinstance(await run_rotate_key(services_of(self.app), answer[0]), Rotated):
            self.reload()

    def action_remove(self) -> None:
        app_id = self.selected()
        if app_id is not None:
            self.confirm_key_removal(app_id)

    # Not named ``remove``: Textual awaits ``Widget.remove()`` when it pops a screen, and a worker
    # under that name made leaving this screen crash the app.
    @work(exclusive=True, exit_on_error=False, group="keys-edit")
    async def confirm_key_removal(self, app_id: str) -> None:
        message = Text(no_wrap=False)
        message.append("Remove the private key of ")
        message.append_text(literal(app_id, "bold"))
        message.append(" from the key store? Vonage has no copy: unless it is saved elsewhere, "
                       "the application's users can only be reached again after a new key pair.")
        if not await self.app.push_screen_wait(ConfirmModal("Remove private key", message,
                                                            confirm_label="Remove", danger=True)):
            return
        try:
            await self.vault.delete(app_id)
        except CredentialsError as error:
            self.notify(describe_error(error), title="Not removed", severity="error", markup=False)
            return
        self.notify(f"Removed the private key of {app_id}", markup=False)
        self.reload()

    def action_copy_id(self) -> None:
        app_id = self.selected()
        if app_id is not None:
            self.app.copy_to_clipboard(app_id)
            self.notify(f"Copied {app_id}", markup=False)

    def action_back(self) -> None:
        self.dismiss()
