"""The home screen: the account's applications, one server page at a time."""

from __future__ import annotations

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from ...credentials import CredentialsError
from ...models import ApplicationPage, ApplicationSummary
from ...safe_text import visible
from ..announcements import ApplicationChanged, ApplicationDeleted
from ..application_ids import odd_ids, shown_id, usable_id
from ..format import capabilities_summary, literal, page_status, short_id
from ..list_layout import (
    application_columns,
    cells_width,
    fitted_page_size,
    next_page_size,
    rows_in_view,
)
from ..request_watch import RequestWatch
from ..search_index import ApplicationIndex, add_in_batches
from ..services import services_of
from ..widgets.app_header import AppHeader
from ..widgets.list_table import ListTable
from .base import VonageScreen
from ..verbs import bind
from ..widgets.steady_footer import SteadyFooter

PAGE_SIZES = (10, 20, 50, 100)
COLUMNS = ("name", "id", "capabilities", "key")
"""The table's column keys, in the order of ``ApplicationsScreen.cells``."""
FILTER_REFRESH_S = 0.2
"""How often an open filter takes in what the filling index added (and at once when done)."""
MAX_FILTER_ROWS = 100
"""A filter shows at most this many matches (the largest page); narrowing it is faster than
scrolling past that. Bounded so a key typed over 10,000 applications rebuilds 100 rows, not
10,000 (and the index filling in behind it rebuilds nothing the user can see unchanged)."""


class PageState:
    # A plain class, not a dataclass: the first screen of every start, and a dataclass's
    # generated methods cost ~0.4 ms to compile at import.

    def __init__(self, page: int = 1, page_size: int = 20, total_pages: int = 0,
                 total_items: int = 0) -> None:
        self.page = page
        self.page_size = page_size
        self.total_pages = total_pages
        self.total_items = total_items


class ApplicationsScreen(VonageScreen):
    crumb = "Applications"
    AUTO_FOCUS = "#applications-table"

    BINDINGS = [
        bind("page.next", "next_page", tooltip="Show the next page of applications"),
        bind("page.previous", "previous_page", tooltip="Show the previous page of applications"),
        bind("page.first", "first_page"),
        bind("page.last", "last_page"),
        bind("page.size", "cycle_page_size",
             tooltip="Cycle the page size: " + ", ".join(map(str, PAGE_SIZES))
                     + " and the rows that fit (the default, which follows the terminal)"),
        bind("filter", "filter", tooltip="Filter all applications by name, id or capability"),
        bind("back", "clear_filter", "Clear filter", show=False, tooltip="Show all applications again"),
        bind("refresh", "refresh"),
        bind("copy_id", "copy_id",
             tooltip="Copy the selected application's id (OSC 52, works over SSH)"),
        bind("create", "create",
             tooltip="Create a new application (its private key goes to the keyring)"),
        bind("delete", "delete",
             tooltip="Delete the selected application (type its name to confirm)"),
        bind("rotate_key", "rotate_key"),
        bind("export", "export",
             tooltip="Write the selected application to a JSON file (no private key)"),
        bind("apply", "apply_file",
             tooltip="Replace the selected application with a JSON file, after a diff"),
        bind("clone", "clone"),
        bind("users", "users", tooltip="Open the users of the selected application"),
    ]

    MUTATING_ACTIONS = frozenset({"create", "delete", "rotate_key", "apply_file", "clone"})
    """Removed, not greyed out, in a read-only session."""

    loading_page: reactive[bool] = reactive(False)
    """True while a page request is in flight."""
    index_waits_for_first_page = False
    """True from mount until the first page has arrived (or failed): then the index starts."""

    def __init__(self) -> None:
        super().__init__()
        self.state = PageState()
        self.shown_state: PageState | None = None
        """The page the rows come from (``state`` is the one asked for, maybe not loaded yet);
        None until a page has loaded."""
        self.rows: dict[str, ApplicationSummary] = {}
        """Row key → application. Rows are keyed by position: ids can repeat or be missing."""
        self.stored_keys: set[str] = set()
        self.error: str | None = None
        self.retry_helps = True
        """False when the error needs a change outside the app (a refused variable or flag)."""
        self.index = ApplicationIndex()
        self.index_error: str | None = None
        self.page_applications: list[ApplicationSummary] = []
        self.filtered: list[ApplicationSummary] = []
        """The matches shown (the first ``MAX_FILTER_ROWS``)."""
        self.match_count = 0
        """How many applications the filter matches in all."""
        self.filter_refresh: Timer | None = None
        """Due to show what the index added since the filter last looked."""
        self.filter_text: str | None = None
        """The active filter, or None when showing server pages."""
        self.typed_filter: str | None = None
        """What the filter field holds, while the rows have yet to follow it."""
        self.waiting = RequestWatch(self, self.show_status)
        """Says when the page request is slow; esc cancels it."""
        self.cancelled = False
        """True when the user cancelled the last page request."""
        self.page_size_chosen = False
        """True once `s` picked a size; until then the page size follows the visible rows."""
        self.keep_cursor: int | None = None
        """The row to put the cursor on when the page being loaded arrives (after a resize)."""
        self.column_widths = application_columns(cells_width(80, 2, 4), 0)
        """The columns' widths now; recomputed from the table's width when rows are shown."""

    @property
    def id_width(self) -> int:
        """Full ids when there is room; at 80 columns the first 8 characters tell rows apart."""
        return self.column_widths["id"]

    def compose(self) -> ComposeResult:
        from ..widgets.field_input import FieldInput

        yield AppHeader(id="header")
        with Vertical(id="applications-body"):
            yield FieldInput(placeholder="filter by name, id or capability — esc to clear",
                             id="filter-input", compact=True)
            yield Static("", id="page-status")
            table: DataTable[Text | str] = ListTable(id="applications-table", cursor_type="row")
            self.add_columns(table)
            yield table
            yield Static("", id="applications-empty")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one("#applications-empty").display = False
        # Not laid out yet: the rows that fit are reckoned from the terminal's height; the first
        # layout (on_resize) corrects the size if the reckoning was wrong.
        self.state.page_size = fitted_page_size(self.visible_rows())
        self.load_page()
        self.index_waits_for_first_page = True

    # -- layout: columns fill the width, the default page size follows the rows -------------

    def add_columns(self, table: DataTable[Text | str]) -> None:
        labels = {"name": "Name", "id": "ID", "capabilities": "Capabilities", "key": "Key"}
        for key, width in self.column_widths.items():
            table.add_column(labels[key], key=key, width=width)

    def fitted_widths(self, applications: list[ApplicationSummary]) -> dict[str, int]:
        """Widths that fill the table (its scrollbar gutter is always kept: see app.tcss)."""
        table = self.query_one("#applications-table", DataTable)
        width = self.query_one("#applications-body").size.width or self.app.size.width
        widest = max((len(capabilities_summary(application.capability_names()))
                      for application in applications), default=0)
        return application_columns(
            cells_width(width, table.styles.scrollbar_size_vertical, len(self.column_widths)),
            widest)


    def visible_rows(self) -> int:
        """The rows the table shows at once in page mode (the filter field hidden)."""
        table = self.query_one("#applications-table", DataTable)
        return rows_in_view(self.query_one("#applications-body").size.height,
                            self.query_one("#page-status").outer_size.height,
                            table.header_height, self.app.size.height)

    def on_resize(self, event: events.Resize) -> None:
        # The children are laid out at the new size only after this event: measure then.
        self.call_after_refresh(self.fit_to_size)

    def fit_to_size(self) -> None:
        """After a layout: a default page size that no longer fits is re-fitted (and the page
        reloaded around the cursor's application); otherwise the columns are re-fitted."""
        fitted = fitted_page_size(self.visible_rows())
        if not self.page_size_chosen and fitted != self.state.page_size:
            self.change_page_size(fitted)
        elif self.rows and self.fitted_widths(list(self.rows.values())) != self.column_widths:
            table = self.query_one("#applications-table", DataTable)
            self.show_rows(list(self.rows.values()), keep_cursor=table.cursor_row)

    def change_page_size(self, size: int) -> None:
        """Load the page of ``size`` that holds the application under the cursor (the first
        of the page when the list is filtered) and put the cursor back on it."""
        table = self.query_one("#applications-table", DataTable)
        shown = self.shown_state or self.state
        row = table.cursor_row if self.filter_text is None and table.cursor_row >= 0 else 0
        position = (shown.page - 1) * shown.page_size + row
        self.state.page_size = size
        self.state.page = position // size + 1
        self.keep_cursor = position % size
        self.load_page()

    # -- loading -----------------------------------------------------------------------------

    @work(exclusive=True, exit_on_error=False, group="applications-page")
    async def load_page(self) -> None:
        from ...api import ApiError

        table = self.query_one("#applications-table", DataTable)
        table.loading = True
        self.loading_page = True
        self.cancelled = False
        try:
            with self.waiting.watching():
                page: ApplicationPage = await services_of(self.app).client.list_applications(
                    page=self.state.page, page_size=self.state.page_size
                )
        except ApiError as error:
            advice = self.app.session.refusal_advice(error)
            self.error = advice or str(error)
            self.retry_helps = advice is None
            self.show_status()
            self.notify(self.error, title="Could not load applications", severity="error",
                        markup=False)
            return
        finally:
            table.loading = False
            self.loading_page = False
            if self.index_waits_for_first_page:  # not before: reading every page slows page 1
                self.index_waits_for_first_page = False
                self.call_after_refresh(self.build_index)
        self.error = None
        # Once the rows below are painted: opening the key store (a keyring) can take longer
        # than the page did.
        self.call_after_refresh(self.refresh_key_column)
        self.state.total_pages = page.page_count
        self.state.total_items = page.item_count
        if isinstance(page.page, int):
            self.state.page = page.page
        # A page beyond the end (the list shrank since we last looked): go to the last one.
        if not page.applications and self.state.page > 1 and page.page_count >= 1:
            self.state.page = page.page_count
            self.load_page()
            return
        self.page_applications = page.applications
        self.shown_state = PageState(**vars(self.state))
        keep_cursor, self.keep_cursor = self.keep_cursor, None
        if self.filter_text is None:
            self.show_rows(page.applications, keep_cursor=keep_cursor)

    async def read_stored_keys(self) -> set[str]:
        """Which applications have a private key stored; a keyring problem costs only the
        Key column, never the list."""
        try:
            return await services_of(self.app).key_vault.stored_ids()
        except CredentialsError as error:  # what every key vault raises for a store failure
            self.notify(f"Could not read the key store: {error}", title="Key column unknown",
                        severity="warning", markup=False)
            return set()

    @work(exclusive=True, exit_on_error=False, group="applications-index")
    async def build_index(self) -> None:
        """Read every page in the background so `/` searches all applications, not one page."""
        from ...api import ApiError
        from ..long_lived import long_lived_from_now

        self.index_waits_for_first_page = False  # `r` before the first page: already started
        self.index = ApplicationIndex()
        self.index_error = None
        try:
            await add_in_batches(services_of(self.app).client.iter_applications(page_size=100),
                                 self.index.add, self.index_progressed)
            self.index.complete = True
            long_lived_from_now()
        except ApiError as error:
            self.index_error = str(error)
        self.index_progressed()

    def index_progressed(self) -> None:
        """The index grew: an open filter shows it at once when the index is done, else at
        most every ``FILTER_REFRESH_S`` (each refresh searches every entry: once per batch of
        100 was 100 searches of up to 10,000 while the user types)."""
        if self.filter_text is None:
            return
        if self.index.complete or self.index_error is not None:
            self.refresh_filter()
        elif self.filter_refresh is None:
            self.filter_refresh = self.set_timer(FILTER_REFRESH_S, self.refresh_filter)

    def refresh_filter(self) -> None:
        if self.filter_refresh is not None:
            self.filter_refresh.stop()
            self.filter_refresh = None
        if self.filter_text is not None:
            self.apply_filter(self.filter_text)

    def show_rows(self, applications: list[ApplicationSummary],
                  keep_cursor: int | None = None) -> None:
        table = self.query_one("#applications-table", ListTable)
        widths = self.fitted_widths(applications)
        if widths != self.column_widths:  # columns refitted to these rows and the width
            self.column_widths = widths
            table.clear(columns=True)
            self.add_columns(table)
            self.rows = {}
        # Rows reused in place (a key typed in the filter, a page of the same size).
        table.show_in_place(self.rows, applications, self.cells, COLUMNS)
        empty = self.query_one("#applications-empty", Static)
        empty.display = not applications
        table.display = bool(applications)
        if not applications:
            empty.update("No applications match this filter." if self.filter_text is not None
                         else "No applications in this account yet.")
        if keep_cursor is not None and applications:
            table.move_cursor(row=min(keep_cursor, len(applications) - 1))
        self.show_status()

    def cells(self, application: ApplicationSummary) -> tuple[Text, Text, Text, Text]:
        app_id = usable_id(application)
        return (
            literal(application.name),
            literal(short_id(shown_id(application), self.id_width),
                    "" if app_id is not None else "italic"),
            literal(capabilities_summary(application.capability_names())),
            self.key_cell(application),
        )

    def key_cell(self, application: ApplicationSummary) -> Text:
        return Text("✓" if usable_id(application) in self.stored_keys else "", style="green")

    def show_status(self) -> None:
        status = self.query_one("#page-status", Static)
        if waiting := self.waiting.message():
            status.update(Text(waiting))
            return
        if self.error:
            # One line (app.tcss): what happened and what to do first, the details last, where
            # a narrow terminal shortens them with "…".
            retry = "press r to retry · " if self.retry_helps else ""
            status.update(Text.assemble(("⚠ Could not load applications", "bold red"), " · ",
                                        retry, (visible(self.error), "red")))
            return
        line = Text("cancelled — r to retry" if self.cancelled else "")
        if self.filter_text is not None or self.shown_state is not None:
            line.append(" · " if line else "")
        if self.filter_text is not None:
            line.append(self.filter_status())
        elif (s := self.shown_state) is not None:
            line.append(page_status(s.page, s.total_pages, s.total_items, s.page_size))
        if odd := odd_ids(self.rows.values()):
            line.append(" · the server sent " + ", ".join(odd), style="bold")
        status.update(line)

    def filter_status(self) -> str:
        matches = self.match_count
        shown = f"{matches} match{'es' if matches != 1 else ''}"
        if matches > len(self.filtered):
            shown = f"showing {len(self.filtered)} of {shown}"
        if self.index_error:
            return f"{shown} · index incomplete: {self.index_error}"
        if not self.index.complete:
            total = self.state.total_items or "?"
            return f"{shown} · indexing {len(self.index)}/{total}…"
        return f"{shown} among all {len(self.index)} applications"

    # -- filtering ---------------------------------------------------------------------------

    def apply_filter(self, text: str) -> None:
        was_filtering = self.filter_text is not None
        self.filter_text = text
        self.filtered, self.match_count = self.index.matches(text, MAX_FILTER_ROWS)
        if was_filtering and self.filtered == list(self.rows.values()):
            self.show_status()  # only the counts moved (the index filling in): rows stay
            return
        self.show_rows(self.filtered)

    def action_filter(self) -> None:
        field = self.query_one("#filter-input", Input)
        field.display = True
        # Now, not with focus() (a message later): the letters typed right after `/` are
        # already queued behind this key and must find the field focused.
        self.set_focus(field)
        self.apply_filter(field.value)

    def action_clear_filter(self) -> None:
        """esc: cancels a slow page request first, else closes the filter."""
        if self.waiting.cancel() is not None:
            self.cancelled = True
            if self.shown_state is not None:
                self.state = PageState(**vars(self.shown_state))  # still showing that page
            self.show_status()
            return
        if self.filter_text is None:
            return
        field = self.query_one("#filter-input", Input)
        field.value = ""
        field.display = False
        self.filter_text = None
        self.typed_filter = None
        self.show_rows(self.page_applications)
        self.query_one("#applications-table").focus()

    @on(Input.Changed, "#filter-input")
    def filter_changed(self, event: Input.Changed) -> None:
        # Clearing the field on esc posts a Changed too, after the filter is already closed.
        if not event.input.display:
            return
        # The rows follow once the screen has drawn the letter: searching and redrawing them
        # before it delayed the echo of every key. Keys typed meanwhile share one search.
        if self.typed_filter is None:
            self.call_after_refresh(self.filter_as_typed)
        self.typed_filter = event.value

    def filter_as_typed(self) -> None:
        text, self.typed_filter = self.typed_filter, None
        if text is not None and self.filter_text is not None:
            if self.filter_refresh is not None:  # this search takes in the index as it is now
                self.filter_refresh.stop()
                self.filter_refresh = None
            self.apply_filter(text)

    @on(Input.Submitted, "#filter-input")
    def filter_submitted(self) -> None:
        self.query_one("#applications-table").focus()

    # -- actions -----------------------------------------------------------------------------

    def _go_to(self, page: int) -> None:
        if self.filter_text is not None:
            self.action_clear_filter()
        last = max(self.state.total_pages, 1)
        page = min(max(page, 1), last)
        if page == self.state.page and not self.error:
            self.app.bell()
            return
        self.state.page = page
        self.load_page()

    def action_next_page(self) -> None:
        self._go_to(self.state.page + 1)

    def action_previous_page(self) -> None:
        self._go_to(self.state.page - 1)

    def action_first_page(self) -> None:
        self._go_to(1)

    def action_last_page(self) -> None:
        self._go_to(self.state.total_pages)

    def action_cycle_page_size(self) -> None:
        fitted = fitted_page_size(self.visible_rows())
        following = next_page_size(self.state.page_size, PAGE_SIZES, fitted)
        # Back on the size that fits: it follows the rows again, on the next resize too.
        self.page_size_chosen = following != fitted
        # Keep the first application on screen in view after the size change.
        first_index = (self.state.page - 1) * self.state.page_size
        self.state.page_size = following
        self.state.page = first_index // following + 1
        self.load_page()

    def action_refresh(self) -> None:
        self.load_page()
        self.build_index()

    def selected_row(self) -> ApplicationSummary | None:
        """The application under the cursor, whatever its id."""
        table = self.query_one("#applications-table", DataTable)
        if not self.rows or table.cursor_row < 0:
            return None
        row_key, _ = table.coordinate_to_cell_key((table.cursor_row, 0))
        return self.rows.get(str(row_key.value))

    def selected_id(self) -> str | None:
        application = self.selected_row()
        return None if application is None else usable_id(application)

    def move_to_application(self, app_id: str | None) -> None:
        """Put the cursor back on ``app_id``'s row (after a rotation, an edit), if shown."""
        for position, shown in enumerate(self.rows.values()):
            if app_id is not None and usable_id(shown) == app_id:
                self.query_one("#applications-table", DataTable).move_cursor(row=position)
                return

    def action_copy_id(self) -> None:
        if (application := self.selected()) is None:
            return
        app_id = str(application.id)
        self.app.copy_to_clipboard(app_id)
        self.notify(f"Copied {app_id}", markup=False)

    @on(DataTable.RowSelected, "#applications-table")
    def open_application(self, event: DataTable.RowSelected) -> None:
        from .application_editor import ApplicationEditorScreen

        application = self.rows.get(str(event.row_key.value))
        if application is None:
            return
        app_id = usable_id(application)
        if app_id is None:
            self.refuse_without_id()
            return
        self.app.push_screen(ApplicationEditorScreen(app_id))

    def refuse_without_id(self) -> None:
        self.app.bell()
        self.notify("The server sent this application without an id: it cannot be opened, "
                    "changed or deleted from here.", title="No id", severity="warning",
                    markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.MUTATING_ACTIONS and services_of(self.app).readonly:
            return False
        return True

    def selected(self) -> ApplicationSummary | None:
        """The selected application, if it has an id to act on it by (else says why not)."""
        application = self.selected_row()
        if application is None:
            self.app.bell()
            return None
        if usable_id(application) is None:
            self.refuse_without_id()
            return None
        return application

    # -- writes, announced by whoever made them (announcements.py) ------------------------

    @on(ApplicationChanged)
    def application_changed(self, message: ApplicationChanged) -> None:
        application = ApplicationSummary.from_application(message.application)
        app_id = usable_id(application)
        if app_id is None:
            return
        self.index.put(app_id, application)
        self.page_applications = [application if usable_id(shown) == app_id else shown
                                  for shown in self.page_applications]
        table = self.query_one("#applications-table", DataTable)
        on_screen = False
        for row_key, shown in self.rows.items():
            if usable_id(shown) == app_id:
                on_screen = True
                self.rows[row_key] = application
                for column, cell in zip(COLUMNS, self.cells(application)):
                    table.update_cell(row_key, column, cell)
        if self.filter_text is not None:
            selected = self.selected_id()
            self.apply_filter(self.filter_text)  # redraws the matches: the cursor went to the top
            self.move_to_application(selected)
        elif not on_screen:
            self.load_page()  # a new application: where it lands, and the counts, are Vonage's
        self.refresh_key_column()

    @on(ApplicationDeleted)
    def application_deleted(self, message: ApplicationDeleted) -> None:
        self.index.discard(message.app_id)
        self.page_applications = [shown for shown in self.page_applications
                                  if usable_id(shown) != message.app_id]
        if self.filter_text is not None:
            self.apply_filter(self.filter_text)
        else:
            self.show_rows(self.page_applications)
        self.load_page()  # the next page's first application moves up into this one

    @work(exclusive=True, exit_on_error=False, group="applications-keys")
    async def refresh_key_column(self) -> None:
        """A write may have stored or forgotten a private key."""
        stored_keys = await self.read_stored_keys()
        if stored_keys == self.stored_keys:
            return  # the rows were made with these: nothing to change
        self.stored_keys = stored_keys
        table = self.query_one("#applications-table", DataTable)
        for row_key, application in self.rows.items():
            table.update_cell(row_key, "key", self.key_cell(application))

    def action_create(self) -> None:
        from .create_application import CreateApplicationScreen

        self.app.push_screen(CreateApplicationScreen(), self.created)

    def created(self, app_id: str | None) -> None:
        # The list already has it: the create screen announced it.
        if not app_id:
            return
        from .application_editor import ApplicationEditorScreen

        self.app.push_screen(ApplicationEditorScreen(app_id))

    def action_delete(self) -> None:
        from .delete_application import DeleteApplicationModal

        if (application := self.selected()) is not None:
            self.app.push_screen(
                DeleteApplicationModal(str(usable_id(application)), str(application.name or "")))

    def action_rotate_key(self) -> None:
        from ..flows.common import launch
        from ..flows.rotate import run_rotate_key

        if (application := self.selected()) is not None:
            launch(self.app, run_rotate_key(services_of(self.app), str(usable_id(application)),
                                            str(application.name or "")))

    def action_export(self) -> None:
        from ..flows.common import launch
        from ..flows.export import run_export

        if (application := self.selected()) is not None:
            launch(self.app, run_export(services_of(self.app), str(usable_id(application))))

    def action_apply_file(self) -> None:
        from ..flows.apply import run_apply
        from ..flows.common import launch

        if (application := self.selected()) is not None:
            launch(self.app, run_apply(services_of(self.app), str(usable_id(application))))

    def users_target(self) -> tuple[str, str | None] | None:
        """The selected application, for `u` and the palette's "Users of …"."""
        application = self.selected_row()
        app_id = None if application is None else usable_id(application)
        if application is None or app_id is None:
            return None
        return app_id, application.name if isinstance(application.name, str) else None

    def action_users(self) -> None:
        if (application := self.selected()) is not None:
            name = application.name if isinstance(application.name, str) else None
            self.app.open_users(str(usable_id(application)), name)

    def action_clone(self) -> None:
        from ..flows.clone import run_clone
        from ..flows.common import launch

        launch(self.app, run_clone(services_of(self.app)))
