"""Profiles: see where this session's credentials came from, switch account, add or delete one.

Switching runs the same flow as start-up (``startup.driver.run_flow``): a profile whose secrets
are in the other store asks for what it needs, and ``app.connect`` swaps the client in place.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from ...credentials import api_host_label
from ..format import literal
from ..startup.flow import Startup
from ..startup.texts import sources_line
from ..widgets.app_header import AppHeader
from ..widgets.list_table import ListTable
from .base import VonageScreen
from .confirm import ConfirmModal
from ..verbs import bind
from ..widgets.steady_footer import SteadyFooter


class ProfilesScreen(VonageScreen):
    crumb = "Profiles"
    AUTO_FOCUS = "#profiles-table"

    BINDINGS = [
        bind("select", "switch", "Switch", tooltip="Connect to the selected profile's account"),
        # Adding a profile is both "create" (c) and "add" (a); the footer shows c once.
        bind("create", "add", "Add", tooltip="Add a profile (another account)"),
        bind("add", "add", "Add", tooltip="Add a profile (another account)", show=False),
        bind("edit", "edit", "New secret",
             tooltip="Check and store a new API key/secret for the selected profile"),
        bind("delete", "delete", tooltip="Delete the selected profile and its stored secret"),
        bind("back", "back"),
    ]

    def __init__(self, startup: Startup) -> None:
        super().__init__()
        self.startup = startup

    def compose(self) -> ComposeResult:
        yield AppHeader(id="header")
        yield Static("", id="profiles-sources")
        table: DataTable[Text | str] = ListTable(id="profiles-table", cursor_type="row")
        table.add_column(" ", key="mark", width=2)
        table.add_column("Profile", key="name", width=16)
        table.add_column("API key", key="key", width=12)
        table.add_column("Host", key="host")
        table.add_column("Secrets", key="backend", width=16)
        yield table
        yield Static("", id="profiles-empty")
        yield SteadyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add", "edit", "delete") and self.readonly:
            return False  # read-only: nothing that changes anything is even offered
        return True

    @property
    def readonly(self) -> bool:
        session = getattr(self.app, "session", None)
        return bool(session and session.readonly) or self.startup.config.readonly

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.reload()

    def reload(self) -> None:
        session = self.app.session
        line = Text(no_wrap=False)
        if session is not None:
            line.append("Connected: ", style="bold")
            line.append_text(literal(session.profile_name))
            line.append(" · ")
            line.append(sources_line(session.sources))
        self.query_one("#profiles-sources", Static).update(line)
        table = self.query_one("#profiles-table", DataTable)
        table.clear()
        current = session.profile_name if session else None
        default = self.startup.saved.default_name()
        for profile in self.startup.saved.all():
            mark = "●" if profile.name == current else ("*" if profile.name == default else "")
            host = api_host_label(profile.api_url) or profile.api_url
            backend = "encrypted file" if profile.backend == "cryptfile" else "OS keyring"
            table.add_row(mark, literal(profile.name), literal(profile.api_key or "—"),
                          literal(host), backend, key=profile.name)
        empty = self.query_one("#profiles-empty", Static)
        empty.display = table.row_count == 0
        empty.update("No saved profiles: press c to add one." if not self.readonly
                     else "No saved profiles.")

    def selected(self) -> str | None:
        table = self.query_one("#profiles-table", DataTable)
        if table.row_count == 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(DataTable.RowSelected, "#profiles-table")
    def action_switch(self) -> None:
        from ..startup.driver import run_flow

        name = self.selected()
        if name is None:
            return
        self.notify(f"Switching to {name}…", markup=False)
        run_flow(self.app, self.startup, profile_name=name)

    def action_add(self) -> None:
        from ..startup.driver import new_profile_screen

        self.app.push_screen(new_profile_screen(self.app, self.startup), self.connect_to)

    def action_edit(self) -> None:
        from ..startup.driver import new_profile_screen

        name = self.selected()
        if name is None:
            return
        profile = next((p for p in self.startup.saved.all() if p.name == name), None)
        if profile is not None:
            self.app.push_screen(new_profile_screen(self.app, self.startup, profile),
                                 self.connect_to)

    def connect_to(self, step: object) -> None:
        from ..startup.steps import Connect

        if isinstance(step, Connect):
            self.app.run_worker(self.app.connect(step.session), exit_on_error=False,
                                group="credentials-flow")

    def action_delete(self) -> None:
        name = self.selected()
        if name is None:
            return
        session = self.app.session
        if session is not None and session.profile_name == name:
            self.notify("That profile is in use: switch to another one first.",
                        severity="warning", markup=False)
            return
        self.confirm_delete(name)

    @work(exclusive=True, exit_on_error=False, group="profiles")
    async def confirm_delete(self, name: str) -> None:
        message = Text(no_wrap=False)
        message.append("Delete profile ")
        message.append(name, style="bold")
        message.append(" and its API secret from the secret store? Private keys of "
                       "applications are kept.")
        if not await self.app.push_screen_wait(ConfirmModal("Delete profile", message,
                                                            confirm_label="Delete", danger=True)):
            return
        problem = await self.startup.saved.delete(name)
        if problem:
            self.notify(problem, title="Not deleted", severity="error", markup=False)
        else:
            self.notify(f"Deleted profile {name}", markup=False)
        self.reload()

    def action_back(self) -> None:
        self.dismiss()
