"""Applications' private keys in the key store: which are there, add one, replace one, remove one.

Import from a PEM file or paste one (PKCS#1 or PKCS#8, stored as PKCS#8); ``g`` makes a new
pair and puts its public half on the application through the rotate flow (new key stored only
once Vonage has the public one). An imported key is checked against the application's public
key on Vonage (a mismatch is refused unless "store anyway"), and replacing a stored key is asked
first. A key is never on screen unless asked for (``s``), and hidden again when the selection
moves.

Each key's application is named: from the applications list's index when it has it, else read
from Vonage (at most ``MAX_LOOKUPS`` reads, a few at a time); an id Vonage no longer knows says
so. `/` filters the rows by name or id, as the applications list does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Static

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
MAX_LOOKUPS = 50
"""Names read one by one from Vonage when the list's index doesn't have them: a bound, so a
key store full of old ids can't send hundreds of requests."""
GONE = "no such application on Vonage"
UNKNOWN = "name not read"
ID_WIDTH = 36
"""An application id's length: the id column is always whole."""


def key_matches(text: str, app_id: str, name: str) -> bool:
    """The `/` filter: every word typed is in the name or the id, case-insensitively."""
    haystack = f"{name}\n{app_id}".casefold()
    return all(word in haystack for word in text.casefold().split())


def known_names(applications: Iterable[object]) -> dict[str, str]:
    """Id → name of the applications already read (the list's index)."""
    from ..application_ids import usable_id

    return {str(usable_id(application)): str(getattr(application, "name", None) or "")
            for application in applications}


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
        bind("filter", "filter", tooltip="Filter the keys by application name or id"),
        bind("back", "back", tooltip="Close the filter, or go back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.revealed: str | None = None
        """The application id whose key is shown, if any."""
        self.ids: list[str] = []
        """Every application id with a key stored, sorted."""
        self.names: dict[str, str | None] = {}
        """Id → application name; None while unknown, GONE when Vonage has no such one."""
        self.filter_text: str | None = None
        """The `/` filter's text while it is open."""

    def compose(self) -> ComposeResult:
        from ..widgets.field_input import FieldInput

        yield AppHeader(id="header")
        yield Static("", id="keys-status")
        yield FieldInput(placeholder="filter by name or id", id="keys-filter", compact=True)
        table: DataTable[Text | str] = ListTable(id="keys-table", cursor_type="row")
        table.add_column("Application", key="name")
        table.add_column("ID", key="id")
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
        try:
            ids = sorted(await self.vault.stored_ids())
        except CredentialsError as error:  # keyring errors are said, never a crash
            status.update(safe_text(f"Could not read the key store: {describe_error(error)}"))
            return
        self.ids = ids
        home = getattr(self.app, "home_screen", lambda: None)()
        index = known_names(entry.application for entry in home.index.entries) if home else {}
        self.names = {app_id: index.get(app_id) for app_id in ids}
        self.show_rows()
        self.show_count()
        self.hide_key()
        await self.look_up_names([app_id for app_id in ids if self.names[app_id] is None])

    def show_count(self) -> None:
        count = len(self.ids)
        self.query_one("#keys-status", Static).update(Text(
            f"{count} application{'s' if count != 1 else ''} with a private key stored here."
            if count else "No private keys stored yet: i imports a PEM file, v pastes one."))

    async def look_up_names(self, ids: list[str]) -> None:
        """Read the names the index didn't have, a few at a time, each shown as it comes."""
        from ...api import ApiError, NotFoundError

        client = services_of(self.app).client
        gate = asyncio.Semaphore(4)

        async def look_up(app_id: str) -> None:
            async with gate:
                try:
                    application = await client.get_application(app_id)
                except NotFoundError:
                    self.names[app_id] = GONE
                except (ApiError, ValueError):
                    return  # stays unknown: the id is still there to go by
                else:
                    self.names[app_id] = str(application.name or "")
            self.show_name(app_id)

        await asyncio.gather(*(look_up(app_id) for app_id in ids[:MAX_LOOKUPS]))
        for app_id in ids:  # beyond the bound, or the read failed: say it, don't spin
            if self.names.get(app_id) is None:
                self.names[app_id] = UNKNOWN
                self.show_name(app_id)

    def name_width(self) -> int:
        """The name column takes what the id (always whole) leaves: cell padding and the
        scrollbar take 6."""
        width = self.query_one("#keys-table", DataTable).size.width or self.app.size.width
        return max(12, width - ID_WIDTH - 6)

    def name_cell(self, app_id: str, width: int) -> Text:
        name = self.names.get(app_id)
        if name is None:
            cell = Text("…", style="dim")
        elif name in (GONE, UNKNOWN):
            cell = Text(name, style="italic dim")
        else:
            cell = literal(name)
        cell.truncate(width, overflow="ellipsis")  # shortened visibly, never cut
        return cell

    def on_resize(self) -> None:
        if self.ids:
            self.show_rows()

    def show_name(self, app_id: str) -> None:
        table = self.query_one("#keys-table", DataTable)
        if app_id in table.rows:
            table.update_cell(app_id, "name", self.name_cell(app_id, self.name_width()),
                              update_width=True)
        if self.filter_text:
            self.show_rows()  # a name just read may match

    def show_rows(self) -> None:
        table = self.query_one("#keys-table", DataTable)
        selected = self.selected()
        table.clear()
        width = self.name_width()
        for app_id in self.ids:
            if self.filter_text and not key_matches(self.filter_text, app_id,
                                                    self.names.get(app_id) or ""):
                continue
            table.add_row(self.name_cell(app_id, width), literal(app_id), key=app_id)
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected))
        if self.filter_text is not None:
            self.query_one("#keys-status", Static).update(Text(
                f"{table.row_count} of {len(self.ids)} keys match · esc closes the filter"))

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
        name = self.names.get(app_id)
        if name and name not in (GONE, UNKNOWN):
            message.append_text(literal(name, "bold"))
            message.append(" ")
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

    def action_filter(self) -> None:
        field = self.query_one("#keys-filter", Input)
        field.display = True
        self.set_focus(field)  # now: the letters typed right after `/` must land in it
        self.filter_text = field.value
        self.show_rows()

    @on(Input.Changed, "#keys-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        if event.input.display:  # clearing it on esc posts a Changed after it closed
            self.filter_text = event.value
            self.show_rows()

    @on(Input.Submitted, "#keys-filter")
    def filter_submitted(self) -> None:
        self.query_one("#keys-table").focus()

    def action_back(self) -> None:
        if self.filter_text is not None:  # esc closes the filter first, k9s style
            field = self.query_one("#keys-filter", Input)
            field.value = ""
            field.display = False
            self.filter_text = None
            self.show_rows()  # all of them again: the keys and names read are still true
            self.show_count()
            self.query_one("#keys-table").focus()
            return
        self.dismiss()
