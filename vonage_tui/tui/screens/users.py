"""The users of one application, one cursor page at a time (Users API v1).

The Users API takes a JWT signed by that application's private key: the screen finds one
(``operations.users_access``: the key store, else the session's own application key) and says
where it came from; with none it says so and offers to import a key or rotate to a new pair.
Pages follow the API's cursors (``users_paging.UserPages``); the next one is read ahead in the
background and those already seen are kept, so moving either way is instant. `/` filters every
user, from an index filled by following the cursors, and asks the API for an exact name too.
"""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from ...api import ApiError, AuthenticationError, MissingCredentialsError, VonageClient
from ...models import User
from ...operations.key_storage import describe_error
from ...operations.users_access import (
    KeyLookup,
    NoUsersKey,
    SessionKey,
    UsersKey,
    explain_refusal,
    find_users_key,
)
from ...safe_text import visible
from ..announcements import ApplicationChanged, UserChanged, UserDeleted
from ..format import literal
from ..list_layout import (
    cells_width,
    fitted_page_size,
    next_page_size,
    rows_in_view,
    user_columns,
)
from ..request_watch import RequestWatch
from ..services import services_of
from ..search_index import add_in_batches
from ..user_index import UserIndex, channels_summary, usable_user_id, with_exact
from ..users_paging import PAGE_SIZES, UserPages
from ..verbs import VERBS, bind
from ..widgets.app_header import AppHeader
from ..widgets.list_table import ListTable
from ..widgets.steady_footer import SteadyFooter
from .base import VonageScreen

MAX_FILTER_ROWS = 500
"""A filter shows at most this many matches; narrowing it is faster than scrolling past that."""
DETAIL_CONCURRENCY = 4
"""Users read at once for their channels: the list sends only names and ids."""
INDEX_PAGE_SIZE = 100
"""The index walks the cursors at the API's largest page: the fewest requests."""
KEY_ACTIONS = frozenset({"import_file", "paste", "rotate_key"})
"""Offered when there is no usable key (and never in a read-only session)."""
MUTATING_ACTIONS = frozenset({"delete", "create", "apply", *KEY_ACTIONS})
COLUMNS = ("name", "display_name", "id", "channels")


class UsersScreen(VonageScreen):
    AUTO_FOCUS = "#users-table"
    READ_AHEAD = True
    """Read the next page while this one is shown. Off only to measure what it buys
    (benchmarks/users_prefetch.py)."""

    BINDINGS = [
        bind("back", "back", tooltip="Cancel a slow request, clear the filter, or go back"),
        bind("page.next", "next_page", tooltip="Show the next page of users (read ahead)"),
        bind("page.previous", "previous_page",
             tooltip="Show the previous page of users (already read)"),
        bind("page.first", "first_page", tooltip="Back to the first page of users"),
        bind("page.size", "cycle_page_size", tooltip="Cycle the page size: 10, 20, 50, 100 and the rows "
             "that fit (the default, which follows the terminal)"),
        bind("order", "toggle_order", tooltip="Ascending or descending order (from page 1)"),
        bind("filter", "filter",
             tooltip="Filter all users by name, display name, id or channel; exact names asked "
                     "of Vonage at once"),
        bind("refresh", "refresh", tooltip="Read the users again from Vonage"),
        bind("copy_id", "copy_id", tooltip="Copy the selected user's id (OSC 52)"),
        bind("delete", "delete", tooltip="Delete the selected user (type its name or id)"),
        bind("create", "create", "Create user",
             tooltip="Create a user: name optional (Vonage makes one), channels addable"),
        bind("export", "export", tooltip="Write the selected user to a JSON file"),
        bind("apply", "apply",
             tooltip="Set the selected user's fields from a JSON file (a PATCH, after a diff)"),
        bind("import", "import_file", tooltip="Store this application's private key from a file"),
        bind("paste", "paste", tooltip="Store this application's private key pasted as PEM"),
        bind("rotate_key", "rotate_key", show=True,
             tooltip="Make a new key pair: the public key replaces the application's on Vonage"),
    ]

    def __init__(self, app_id: str, app_name: str | None = None) -> None:
        super().__init__()
        self.app_id = app_id
        self.app_name = app_name or None
        self.crumb = f"Users of {app_name or app_id}"
        self.lookup: KeyLookup | None = None
        """Which key signs this application's JWTs; None while looking."""
        self.client: VonageClient | None = None
        """The session's client for this application's users (its pool, its own JWT)."""
        self.pages = UserPages()
        self.generation = 0
        """Bumped whenever the pages read so far stop counting (size, order, refresh): a page
        that arrives for an older generation is dropped."""
        self.rows: dict[str, User] = {}
        """Row key → user. Keyed by position: a server may send a user without an id."""
        self.error: str | None = None
        self.refused = False
        """Vonage refused the key (401): the key actions are offered again."""
        self.cancelled = False
        self.index = UserIndex()
        self.index_error: str | None = None
        self.filter_text: str | None = None
        self.filtered: list[User] = []
        self.exact: User | None = None
        """The API's answer to the filter text as an exact name, if it names a user."""
        self.details: dict[str, User | None] = {}
        """User id → the user as ``get_user`` has it (channels included), None if that failed.
        The list's pages carry only id, name and display name."""
        self.arrived_channels: set[str] = set()
        """Users whose details arrived since the table last showed their channels."""
        self.keep_cursor: int | None = None
        """The row to put the cursor back on when this page is shown again (after a delete or
        a refresh); None: the top."""
        self.waiting = RequestWatch(self, self.show_status)
        self.page_size_chosen = False
        """True once `s` picked a size; until then the page size follows the visible rows."""
        self.widths = user_columns(cells_width(80, 2, len(COLUMNS)))
        """The columns' widths now; recomputed from the table's width on every resize."""

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        from ..widgets.field_input import FieldInput

        yield AppHeader(id="header")
        with Vertical(id="users-body"):
            yield FieldInput(
                placeholder="filter by name, display name, id or channel — esc to clear",
                id="users-filter", compact=True)
            yield Static("", id="users-status")
            table: DataTable[Text] = ListTable(id="users-table", cursor_type="row")
            yield table
            yield Static("", id="users-empty")
        yield SteadyFooter()

    def on_mount(self) -> None:
        # Not laid out yet: the rows that fit are reckoned from the terminal's height; the
        # first layout (on_resize) corrects it. The first page is asked once the key is found.
        self.pages.page_size = fitted_page_size(self.visible_rows())
        self.add_columns()
        self.query_one("#users-empty").display = False
        self.query_one("#users-table", DataTable).loading = True
        self.find_key()

    def column_widths(self) -> dict[str, int]:
        """Widths that fill the table (its scrollbar gutter is always kept: see app.tcss)."""
        table = self.query_one("#users-table", DataTable)
        width = self.query_one("#users-body").size.width or self.app.size.width
        return user_columns(cells_width(width, table.styles.scrollbar_size_vertical,
                                        len(COLUMNS)))

    def add_columns(self) -> None:
        table = self.query_one("#users-table", DataTable)
        self.widths = self.column_widths()
        labels = {"name": "Name", "display_name": "Display name", "id": "ID",
                  "channels": "Channels"}
        for key in COLUMNS:
            table.add_column(labels[key], key=key, width=self.widths[key])

    def visible_rows(self) -> int:
        """The rows the table shows at once (the filter field hidden)."""
        table = self.query_one("#users-table", DataTable)
        return rows_in_view(self.query_one("#users-body").size.height,
                            self.query_one("#users-status").outer_size.height,
                            table.header_height, self.app.size.height)

    def on_resize(self, event: events.Resize) -> None:
        # The children are laid out at the new size only after this event: measure then.
        self.call_after_refresh(self.fit_to_size)

    def fit_to_size(self) -> None:
        """Columns refitted to the width; a default page size re-fitted to the rows. Cursor
        pages cannot be re-cut in the middle of the list: the size follows on the first page
        (where the cursor's row is kept), and elsewhere from the next return to it."""
        table = self.query_one("#users-table", DataTable)
        fitted = fitted_page_size(self.visible_rows())
        if not self.page_size_chosen and fitted != self.pages.page_size \
                and self.pages.position == 0:
            self.generation += 1
            self.pages.restart(page_size=fitted)
            if self.client is not None and not self.key_missing:
                self.keep_cursor = max(table.cursor_row, 0)
                self.load_page()
        if self.column_widths() != self.widths:
            cursor = table.cursor_row
            table.clear(columns=True)
            self.add_columns()
            self.show_rows(list(self.rows.values()), keep_cursor=cursor)

    # -- the key --------------------------------------------------------------------------------

    def session_key(self) -> SessionKey | None:
        """The application key the session was started with (environment or flag), if any."""
        session = self.app.session
        options = session.client_options
        app_id, pem = options.get("application_id"), options.get("private_key")
        if not app_id or not pem:
            return None
        from ...secret import SecretStr

        secret = pem if isinstance(pem, SecretStr) else SecretStr(str(pem))
        return SessionKey(str(app_id), secret, session.sources.get("private_key", "the session"))

    @work(exclusive=True, exit_on_error=False, group="users-key")
    async def find_key(self) -> None:
        self.lookup = None
        self.client = None
        self.refused = False
        lookup = await find_users_key(services_of(self.app).key_vault, self.app_id,
                                      self.session_key())
        self.lookup = lookup
        if isinstance(lookup, NoUsersKey):
            self.query_one("#users-table", DataTable).loading = False
            self.show_no_key()
            return
        client = services_of(self.app).client.for_application(self.app_id, lookup.private_pem)
        await client.ready_for_users()
        self.client = client
        self.refresh_bindings()
        self.restart()

    def show_no_key(self, reason: str | None = None) -> None:
        """No usable key: say why and what to do instead of the table."""
        self.rows = {}
        self.query_one("#users-table").display = False
        empty = self.query_one("#users-empty", Static)
        empty.display = True
        empty.set_class(True, "users-no-key")
        text = Text(no_wrap=False)
        text.append("The Users API needs a JWT signed with this application's private key",
                    style="bold")
        text.append(", and Vonage keeps only the public half.\n\n")
        if reason is None and isinstance(self.lookup, NoUsersKey):
            reason = self.lookup.reason
        if reason:
            text.append(visible(reason, multiline=True) + "\n\n")
        if services_of(self.app).readonly:
            text.append("This session is read-only: no key can be stored or made here.\n")
        else:
            for verb_id, what in (("import", "import a PEM file (checked against the "
                                             "application's public key)"),
                                  ("paste", "paste a PEM key"),
                                  ("rotate_key", "rotate to a new key pair (its public half "
                                                 "replaces the one on Vonage)")):
                text.append(f"  {self.key_for(verb_id):>3}  ", style="bold")
                text.append(what + "\n")
        text.append(f"\nOr start vonage-tui with VONAGE_APPLICATION_ID={self.app_id} and "
                    "VONAGE_PRIVATE_KEY_PATH=<file>.", style="dim")
        empty.update(text)
        self.show_status()
        self.refresh_bindings()

    def key_for(self, verb_id: str) -> str:
        """The key that does ``verb_id`` here, as the user's keymap has it."""
        for key, active in self.active_bindings.items():
            if active.binding.id == verb_id:
                return self.app.get_key_display(active.binding)
        return VERBS[verb_id].keys.split(",")[0]

    @property
    def key_missing(self) -> bool:
        return isinstance(self.lookup, NoUsersKey) or self.refused

    # -- pages ----------------------------------------------------------------------------------

    def restart(self, *, page_size: int | None = None, order: str | None = None) -> None:
        """From the first page, with nothing read: a new size or order, or a new key."""
        self.generation += 1
        self.pages.restart(page_size=page_size, order=order)
        self.load_page()
        self.build_index()

    @work(exclusive=True, exit_on_error=False, group="users-page")
    async def load_page(self) -> None:
        if self.client is None:
            return
        pages, generation, cursor = self.pages, self.generation, self.pages.cursor
        if pages.current is None:
            table = self.query_one("#users-table", DataTable)
            table.loading = True
            self.cancelled = False
            try:
                with self.waiting.watching():
                    page = await self.client.list_users(pages.page_size, pages.order,
                                                        cursor or None)
            except ApiError as error:
                await self.failed(error)
                return
            finally:
                table.loading = False
            if generation != self.generation:
                return
            pages.arrived(cursor, page)
        self.error = None
        if self.filter_text is None:
            self.show_rows(pages.users, keep_cursor=self.keep_cursor)
        self.keep_cursor = None
        self.show_status()
        self.read_ahead()

    async def failed(self, error: ApiError) -> None:
        if isinstance(error, AuthenticationError) and isinstance(self.lookup, UsersKey) \
                and self.client is not None:
            self.error = await explain_refusal(services_of(self.app).client, self.lookup, error)
            self.refused = True
            self.show_no_key(f"Vonage refused the key from {self.lookup.source}: {self.error}")
            return
        if isinstance(error, MissingCredentialsError) and isinstance(self.lookup, UsersKey):
            # A stored key that is not a usable RSA key: as good as none.
            self.refused = True
            self.error = str(error)
            self.show_no_key(f"The key from {self.lookup.source} cannot sign: {error}")
            return
        self.error = describe_error(error)
        self.show_status()
        self.notify(self.error, title="Could not load users", severity="error", markup=False)

    @work(exclusive=True, exit_on_error=False, group="users-read-ahead")
    async def read_ahead(self) -> None:
        """The next page, read while this one is looked at: moving forward is then instant."""
        pages, generation = self.pages, self.generation
        following = pages.next_cursor
        if not self.READ_AHEAD or self.client is None or not following \
                or following in pages.seen:
            return
        try:
            page = await self.client.list_users(pages.page_size, pages.order, following)
        except ApiError:
            return  # the page is asked again, in the open, when the user goes there
        if generation == self.generation:
            pages.arrived(following, page)

    @work(exclusive=True, exit_on_error=False, group="users-index")
    async def build_index(self) -> None:
        """Follow every cursor in the background so `/` searches all users, not one page."""
        from ..long_lived import long_lived_from_now

        if self.client is None:
            return
        self.index = UserIndex()
        self.index_error = None
        try:
            # A user already read whole (for its channels) is indexed with its channels.
            users = (self.details.get(user_id) or user if (user_id := usable_user_id(user))
                     else user async for user in self.client.iter_users(page_size=INDEX_PAGE_SIZE))
            await add_in_batches(users, self.index.add, self.index_progressed, INDEX_PAGE_SIZE)
            self.index.complete = True
            long_lived_from_now()
        except ApiError as error:
            self.index_error = describe_error(error)
        self.index_progressed()

    def index_progressed(self) -> None:
        if self.filter_text is not None:
            self.apply_filter(self.filter_text)
        else:
            self.show_status()

    # -- showing --------------------------------------------------------------------------------

    def show_rows(self, users: list[User], keep_cursor: int | None = None) -> None:
        if self.key_missing:
            return
        table = self.query_one("#users-table", ListTable)
        # Rows reused in place (a page of the same size, a key typed in the filter).
        table.show_in_place(self.rows, users, self.cells, COLUMNS)
        if keep_cursor is not None and users:
            table.move_cursor(row=min(keep_cursor, len(users) - 1))
        if any(usable_user_id(user) not in self.details for user in users):
            self.read_details()
        empty = self.query_one("#users-empty", Static)
        empty.set_class(False, "users-no-key")
        empty.display = not users
        table.display = bool(users)
        if not users:
            empty.update("No users match this filter." if self.filter_text is not None
                         else "This application has no users yet.")
        # No refresh_bindings() here: which keys work depends on the key, not on the rows
        # (with Textual's Footer it rebuilt every key widget, ~0.1 s of the loop a page).
        self.show_status()

    def cells(self, user: User) -> tuple[Text, Text, Text, Text]:
        width = self.widths["id"]
        user_id = str(user.id) if user.id is not None else "(no id)"
        if len(user_id) > width:
            user_id = user_id[:width - 1] + "…"
        return (
            literal(user.name),
            literal(user.display_name if user.display_name is not None else "", "italic"),
            literal(user_id, "" if usable_user_id(user) else "italic"),
            self.channels_cell(user),
        )

    def channels_cell(self, user: User) -> Text:
        user_id = usable_user_id(user)
        if user_id is None:
            return Text("")
        if user_id not in self.details:
            return Text("…", style="dim")
        detail = self.details[user_id]
        if detail is None:
            return Text("?", style="dim")
        return literal(channels_summary(detail))

    @work(exclusive=True, exit_on_error=False, group="users-details")
    async def read_details(self) -> None:
        """Each shown user's channels (the list sends only names and ids), a few at a time;
        each row's cell is filled as its user arrives. Kept for the life of the screen."""
        client = self.client
        wanted = [user_id for user in self.rows.values()
                  if (user_id := usable_user_id(user)) is not None and user_id not in self.details]
        if client is None or not wanted:
            return
        gate = asyncio.Semaphore(DETAIL_CONCURRENCY)

        async def read(user_id: str) -> None:
            async with gate:
                if user_id in self.details:
                    return
                try:
                    self.details[user_id] = await client.get_user(user_id)
                except ApiError:
                    self.details[user_id] = None  # "?": the row still works
            self.channels_arrived(user_id)

        await asyncio.gather(*(read(user_id) for user_id in dict.fromkeys(wanted)))

    def channels_arrived(self, user_id: str) -> None:
        """Shown with the others that arrive before the next frame: one table update per
        frame, not one per user (each redrew the whole table)."""
        if not self.arrived_channels:
            self.call_after_refresh(self.show_arrived_channels)
        self.arrived_channels.add(user_id)

    def show_arrived_channels(self) -> None:
        arrived, self.arrived_channels = self.arrived_channels, set()
        table = self.query_one("#users-table", DataTable)
        for row_key, user in self.rows.items():
            if usable_user_id(user) in arrived:
                table.update_cell(row_key, "channels", self.channels_cell(user))
        # `/` finds users by channel once their details are known.
        self.index.refine([detail for user_id in arrived
                           if (detail := self.details.get(user_id)) is not None])

    def show_status(self) -> None:
        status = self.query_one("#users-status", Static)
        if waiting := self.waiting.message():
            status.update(Text(waiting))
            return
        if self.lookup is None:
            status.update(Text("Looking for this application's private key…"))
            return
        if self.key_missing:
            status.update(Text.assemble(("⚠ ", "bold red"),
                                        ("Vonage refused the key" if self.refused
                                         else "No private key for this application", "red")))
            return
        if self.error:
            # One line (app.tcss): what happened and what to do first, the details last, where
            # a narrow terminal shortens them with "…".
            status.update(Text.assemble(("⚠ Could not load users", "bold red"),
                                        " · press r to retry · ", (visible(self.error), "red")))
            return
        line = Text("cancelled — r to retry · " if self.cancelled else "")
        if self.filter_text is not None:
            line.append(self.filter_status())
        else:
            line.append(self.pages.status())
            if not self.index.complete and not self.index_error:
                line.append(f" · indexing {len(self.index)}…", style="dim")
            elif self.index.complete:
                line.append(f" · {len(self.index)} users", style="dim")
        if isinstance(self.lookup, UsersKey):
            line.append(f" · key: {visible(self.lookup.source)}", style="dim")
        status.update(line)

    def filter_status(self) -> str:
        matches = len(self.filtered)
        shown = f"{matches} match{'es' if matches != 1 else ''}"
        if matches > MAX_FILTER_ROWS:
            shown += f" (first {MAX_FILTER_ROWS} shown)"
        if self.index_error:
            return f"{shown} · index incomplete: {visible(self.index_error)}"
        if not self.index.complete:
            exact = " · exact name found" if self.exact is not None else ""
            return f"{shown}{exact} · indexing {len(self.index)} users…"
        return f"{shown} among all {len(self.index)} users"

    # -- filtering ------------------------------------------------------------------------------

    def apply_filter(self, text: str) -> None:
        self.filter_text = text
        if self.exact is not None and self.exact.name != text.strip():
            self.exact = None
        self.filtered = with_exact(self.index.search(text), self.exact)
        self.show_rows(self.filtered[:MAX_FILTER_ROWS])

    def action_filter(self) -> None:
        if self.client is None:
            self.app.bell()
            return
        field = self.query_one("#users-filter", Input)
        field.display = True
        # Now, not with focus() (a message later): the letters typed right after `/` are
        # already queued behind this key and must find the field focused.
        self.set_focus(field)
        self.apply_filter(field.value)

    @on(Input.Changed, "#users-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        if not event.input.display:  # clearing the field on esc posts a Changed too
            return
        self.apply_filter(event.value)
        name = event.value.strip()
        if name and not self.index.complete:
            self.look_up_name(name)

    @work(exclusive=True, exit_on_error=False, group="users-name")
    async def look_up_name(self, name: str) -> None:
        """The API's ``name`` parameter answers an exact name before the index is complete."""
        if self.client is None:
            return
        try:
            page = await self.client.list_users(1, "asc", None, name)
        except ApiError:
            return  # the index still answers, in time
        found = next((user for user in page.users if user.name == name), None)
        if found is not None and self.filter_text is not None and \
                self.filter_text.strip() == name:
            self.exact = found
            self.apply_filter(self.filter_text)

    @on(Input.Submitted, "#users-filter")
    def filter_submitted(self) -> None:
        self.query_one("#users-table").focus()

    def clear_filter(self) -> None:
        field = self.query_one("#users-filter", Input)
        field.value = ""
        field.display = False
        self.filter_text = None
        self.exact = None
        self.show_rows(self.pages.users)
        self.query_one("#users-table").focus()

    # -- actions --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        readonly = services_of(self.app).readonly
        if action in MUTATING_ACTIONS and readonly:
            return False
        if action in KEY_ACTIONS:
            return self.key_missing
        if action in ("delete", "copy_id", "filter", "create", "export", "apply", "next_page", "previous_page",
                      "first_page", "cycle_page_size", "toggle_order"):
            return not self.key_missing and self.lookup is not None
        return True

    def action_back(self) -> None:
        """esc: cancels a slow page request first, then closes the filter, then leaves."""
        if self.waiting.cancel() is not None:
            self.cancelled = True
            self.show_status()
            return
        if self.filter_text is not None:
            self.clear_filter()
            return
        self.dismiss()

    def _moved(self, moved: bool) -> None:
        if self.filter_text is not None:
            self.clear_filter()
        if not moved:
            self.app.bell()
            return
        self.load_page()

    def action_next_page(self) -> None:
        if self.pages.current is None and self.error:
            self.load_page()  # the page failed: try it again
            return
        self._moved(self.pages.go_next())

    def action_previous_page(self) -> None:
        self._moved(self.pages.go_previous())

    def action_first_page(self) -> None:
        self._moved(self.pages.go_first())

    def action_cycle_page_size(self) -> None:
        if self.filter_text is not None:
            self.clear_filter()
        fitted = fitted_page_size(self.visible_rows())
        following = next_page_size(self.pages.page_size, PAGE_SIZES, fitted)
        # Back on the size that fits: it follows the rows again, on the next resize too.
        self.page_size_chosen = following != fitted
        self.restart(page_size=following)

    def action_toggle_order(self) -> None:
        if self.filter_text is not None:
            self.clear_filter()
        self.restart(order="desc" if self.pages.order == "asc" else "asc")
        self.notify("Descending order" if self.pages.order == "desc" else "Ascending order",
                    markup=False, timeout=2)

    def action_refresh(self) -> None:
        """r: every page and user read so far is dropped and this page read again (with no
        usable key: the key is looked for again, it may have been stored meanwhile)."""
        self.error = None
        if self.client is None or self.refused:
            self.find_key()
            return
        self.generation += 1
        self.pages.forget()
        self.details = {}
        self.keep_cursor = self.query_one("#users-table", DataTable).cursor_row
        self.load_page()
        self.build_index()

    def selected(self) -> User | None:
        table = self.query_one("#users-table", DataTable)
        if not self.rows or table.cursor_row < 0 or not table.display:
            return None
        row_key, _ = table.coordinate_to_cell_key((table.cursor_row, 0))
        return self.rows.get(str(row_key.value))

    def selected_with_id(self) -> tuple[User, str] | None:
        user = self.selected()
        user_id = usable_user_id(user) if user is not None else None
        if user is None or user_id is None:
            self.app.bell()
            if user is not None:
                self.notify("The server sent this user without an id: it cannot be opened, "
                            "copied or deleted from here.", severity="warning", markup=False)
            return None
        return user, user_id

    def action_copy_id(self) -> None:
        if (chosen := self.selected_with_id()) is None:
            return
        self.app.copy_to_clipboard(chosen[1])
        self.notify(f"Copied {chosen[1]}", markup=False)

    @on(DataTable.RowSelected, "#users-table")
    def row_chosen(self, event: DataTable.RowSelected) -> None:
        if (chosen := self.selected_with_id()) is not None:
            user, user_id = chosen
            self.open_user(user_id, user.name if isinstance(user.name, str) else None)

    def open_user(self, user_id: str, name: str | None = None) -> None:
        """enter on a row: the user editor."""
        from .user_editor import UserEditorScreen

        if self.client is not None:
            self.app.push_screen(UserEditorScreen(self.client, self.app_id, user_id, name))

    def action_create(self) -> None:
        """c: the user editor on a new user; its first save creates it."""
        from .user_editor import UserEditorScreen

        if self.client is not None:
            self.app.push_screen(UserEditorScreen(self.client, self.app_id, None))

    def action_export(self) -> None:
        from ..flows.common import launch
        from ..flows.user_files import run_export_user

        if self.client is not None and (chosen := self.selected_with_id()) is not None:
            launch(self.app, run_export_user(services_of(self.app), self.client, chosen[1]),
                   name="users-export")

    def action_apply(self) -> None:
        from ..flows.common import launch
        from ..flows.user_files import run_apply_user

        if self.client is not None and (chosen := self.selected_with_id()) is not None:
            launch(self.app, run_apply_user(services_of(self.app), self.client, self.app_id,
                                            chosen[1]), name="users-apply")

    def action_delete(self) -> None:
        from .delete_user import DeleteUserModal

        if self.client is None or (chosen := self.selected_with_id()) is None:
            return
        user, user_id = chosen
        self.app.push_screen(DeleteUserModal(self.client, self.app_id, user_id,
                                             user.name if isinstance(user.name, str) else None))

    def action_import_file(self) -> None:
        self.store_key("file")

    def action_paste(self) -> None:
        self.store_key("paste")

    @work(exit_on_error=False, group="users-key-import")
    async def store_key(self, mode: str) -> None:
        from ..flows.key_import import run_import_key
        from ..flows.outcomes import KeyImported

        outcome = await run_import_key(services_of(self.app), mode, self.app_id)
        if isinstance(outcome, KeyImported) and outcome.app_id == self.app_id:
            self.find_key()

    def action_rotate_key(self) -> None:
        from ..flows.common import launch
        from ..flows.outcomes import Rotated
        from ..flows.rotate import run_rotate_key

        def done(outcome: object) -> None:
            if isinstance(outcome, Rotated) and outcome.key_stored:
                self.find_key()

        launch(self.app, run_rotate_key(services_of(self.app), self.app_id, self.app_name),
               done)

    # -- writes, announced by whoever made them -------------------------------------------------

    @on(UserDeleted)
    def user_deleted(self, message: UserDeleted) -> None:
        if message.app_id != self.app_id:
            return
        self.index.discard(message.user_id)
        self.details.pop(message.user_id, None)
        # Every page after this one shifts by one: read them again, staying on this page.
        self.keep_cursor = self.query_one("#users-table", DataTable).cursor_row
        self.generation += 1
        self.pages.forget()
        if self.filter_text is not None:
            if self.exact is not None and usable_user_id(self.exact) == message.user_id:
                self.exact = None
            self.apply_filter(self.filter_text)
        self.load_page()

    @on(UserChanged)
    def user_changed(self, message: UserChanged) -> None:
        if message.app_id != self.app_id:
            return
        self.index.put(message.user)
        if (changed_id := usable_user_id(message.user)) is not None:
            self.details[changed_id] = message.user
        self.generation += 1
        self.pages.forget()
        if self.filter_text is not None:
            self.apply_filter(self.filter_text)
        self.load_page()

    @on(ApplicationChanged)
    def application_changed(self, message: ApplicationChanged) -> None:
        """A new name for the breadcrumbs; a rotated key is picked up by the rotate's outcome."""
        application = message.application
        if application.id == self.app_id and isinstance(application.name, str):
            self.app_name = application.name
            self.crumb = f"Users of {application.name}"
            for header in self.query(AppHeader):
                header.refresh_header()
