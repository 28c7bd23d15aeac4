"""The user editor: a user (Users API v1) as a tree on the left, the selected object's fields on
the right; the same widgets as the application editor.

The screen owns its state (``editing/user_state.py``); what the tree and the panel show comes
from ``editing/user_outline.py``; the save is a flow (``flows/save_user.py``) whose outcome the
screen applies. With no user id it creates one: saving POSTs it, and the screen then edits the
user Vonage made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static, Tree

from ...api import ApiError, VonageClient
from ...models import Path, User, path_name
from ...models.documents import get_path
from ...operations.key_storage import describe_error
from ..editing.outline import OutlineNode
from ..editing.status import status_line
from ..editing.user_outline import (
    OPENED,
    addable_at,
    build_user_outline,
    is_removable,
    panel_view,
    problem_paths,
)
from ..editing.user_state import UserEditorState
from ..flows.outcomes import UserRejected, UserReloaded, UserSaved, UserSaveResult
from ..request_watch import RequestWatch
from ..services import services_of
from ..verbs import bind
from ..widgets.app_header import AppHeader
from ..widgets.document_tree import DocumentTree
from ..widgets.field_panel import FieldContext, FieldEdited, FieldPanel, FieldRejected
from ..widgets.steady_footer import SteadyFooter
from .base import VonageScreen
from .confirm import ConfirmModal
from .editor_journal import JournaledEdits

MUTATING_ACTIONS = frozenset({"save", "add", "remove"})


class UserEditorScreen(VonageScreen):
    BINDINGS = [
        bind("back", "back",
             tooltip="Back to the tree, or leave the editor (asks first if edits are unsaved)"),
        bind("save", "save", tooltip="Review the changes and save them to Vonage"),
        bind("add", "add", tooltip="Add a channel entry, a channel kind, properties or channels"),
        bind("remove", "remove", tooltip="Remove the selected channel entry or channel kind"),
        bind("refresh", "reload", "Reload",
             tooltip="Load the user again from Vonage (asks first if edits are unsaved)"),
        bind("export", "export", tooltip="Write the user as saved on Vonage to a JSON file"),
        bind("copy_id", "copy_id", tooltip="Copy the user's id (OSC 52, works over SSH)"),
        bind("quit", "quit_editor", show=False,
             tooltip="Leave vonage-tui (asks first if edits are unsaved)"),
    ]

    def __init__(self, client: VonageClient, app_id: str, user_id: str | None,
                 name: str | None = None) -> None:
        super().__init__()
        self.client = client
        """The application's users client: its JWT is the one Vonage takes for these users."""
        self.app_id = app_id
        self.user_id = user_id
        """None until the user exists (a new user is created by its first save)."""
        self.crumb = name or user_id or "New user"
        self.state: UserEditorState | None = None
        """None until the user is loaded."""
        self.journaled: JournaledEdits | None = None
        """Unsaved edits on disk as they are made, from mount on (a user not created yet has no
        id to key them by)."""
        self.saving = False
        """True from the save's preview to Vonage's answer: a second save is refused."""
        self.status_note = ""
        """A passing word for the status line (saving…, a failure); cleared by the next edit."""
        self._cursor_verbs: tuple[bool | None, bool | None] | None = None
        """Whether "remove" and "add" applied at the cursor when the footer was last drawn."""
        self.waiting = RequestWatch(self, self.show_status)
        """Says when the load or the save waits long on Vonage; esc cancels it."""

    @property
    def readonly(self) -> bool:
        return services_of(self.app).readonly

    def compose(self) -> ComposeResult:
        yield AppHeader(id="header")
        with Horizontal(id="editor-body"):
            yield DocumentTree(root_name="user", opened=OPENED, id="editor-tree")
            yield FieldPanel(root_title="user", id="editor-fields")
        yield Static("", id="editor-status")
        yield SteadyFooter()

    def on_mount(self) -> None:
        if self.user_id:
            self.journaled = JournaledEdits(services_of(self.app), "user", self.user_id)
        self.load()

    @property
    def doc_tree(self) -> DocumentTree:
        return self.query_one(DocumentTree)

    @property
    def fields(self) -> FieldPanel:
        return self.query_one(FieldPanel)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MUTATING_ACTIONS:
            if self.readonly:
                return False  # read-only mode hides every mutating key
            if self.state is None:
                return None
            entry = self.doc_tree.cursor_entry
            if action == "remove":
                removable = entry is not None and is_removable(self.state.working, entry.path)
                return True if removable else None
            if action == "add":
                addable = entry is not None and addable_at(self.state.working, entry.path)
                return True if addable else None
        if action in ("copy_id", "export", "reload"):
            return True if self.user_id else None
        return True

    # -- loading -------------------------------------------------------------------------------

    @work(exclusive=True, exit_on_error=False, group="user-editor-load")
    async def load(self) -> None:
        if self.user_id is None:
            self.state = UserEditorState.new_user()
            self.status_note = "New user: the name is optional (Vonage makes one)"
            await self.render_state(force_panel=True)
            self.refresh_bindings()
            self.doc_tree.focus()
            return
        body = self.query_one("#editor-body")
        body.loading = True
        self.note("Loading…")
        try:
            with self.waiting.watching():
                user = await self.client.get_user(self.user_id)
        except (ApiError, ValueError) as error:
            self.note(f"Could not load: {describe_error(error)} · press r to retry")
            self.notify(describe_error(error), title="Could not load the user",
                        severity="error", markup=False)
            return
        finally:
            body.loading = False
        self.state = UserEditorState.loaded(user.to_document())
        self.status_note = ""
        self.set_crumb()
        await self.render_state(force_panel=True)
        self.refresh_bindings()
        self.doc_tree.focus()
        await self.offer_journaled_edits()

    async def offer_journaled_edits(self) -> None:
        """Edits an earlier session left unsaved come back on the base they were made on; a
        change on the server since is caught by the save's conflict check."""
        assert self.state is not None and self.journaled is not None
        entry = await self.journaled.offer(self.state.base, self.crumb)
        if entry is not None:
            self.state = UserEditorState.resumed(entry.base, entry.working, entry.typed)
            self.status_note = "Unsaved edits restored"
            self.set_crumb()
        await self.render_state(force_panel=entry is not None)

    def set_crumb(self) -> None:
        name = get_path(self.state.working, ("name",)) if self.state else None
        self.crumb = name if isinstance(name, str) and name else (self.user_id or "New user")
        for header in self.query(AppHeader):
            header.refresh_header()

    # -- drawing -------------------------------------------------------------------------------

    def field_context(self) -> FieldContext:
        assert self.state is not None
        overview = self.state.overview()
        return FieldContext(
            working=self.state.working,
            changed=overview.changed_paths,
            problems=problem_paths(overview.problems, self.state.working),
            rejected=dict(self.state.rejected),
            readonly=self.readonly,
            base=self.state.base,
            notes=overview.notes,
        )

    async def render_state(self, *, cursor: Path | None = None, force_panel: bool = False) -> None:
        """Redraw the tree, the panel and the status line from the state."""
        if self.state is None:
            return
        context = self.field_context()
        outline = build_user_outline(self.state.working, creating=self.state.creating)
        self.doc_tree.show(outline, self.state.shown(), context.changed, set(context.problems),
                           cursor=cursor)
        await self.show_panel(context, force=force_panel)
        self.show_status()
        if self.journaled is not None:
            self.journaled.record(self.state)

    async def show_panel(self, context: FieldContext | None = None, *, force: bool = False) -> None:
        if self.state is None:
            return
        entry = self.doc_tree.cursor_entry or OutlineNode((), "object")
        view = panel_view(self.state.working, entry, readonly=self.readonly,
                          creating=self.state.creating)
        if view.message:
            await self.fields.show_message(view.path, view.message)
            return
        await self.fields.show_object(view.path, list(view.fields),
                                      context or self.field_context(), note=view.note,
                                      highlight=view.highlight, force=force)

    def show_status(self) -> None:
        note = self.waiting.message() or self.status_note
        line = status_line(self.state, readonly=self.readonly, note=note)
        self.query_one("#editor-status", Static).update(line, layout=False)

    def note(self, text: str) -> None:
        self.status_note = text
        self.show_status()

    # -- tree and panel events -------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#editor-tree")
    async def node_highlighted(self) -> None:
        shown = (self.check_action("remove", ()), self.check_action("add", ()))
        if shown != self._cursor_verbs:
            self._cursor_verbs = shown
            self.refresh_bindings()
        await self.show_panel()

    @on(Tree.NodeSelected, "#editor-tree")
    async def node_selected(self, event: Tree.NodeSelected[OutlineNode]) -> None:
        entry = event.node.data
        if entry is None or self.state is None:
            return
        if entry.kind == "absent":
            if not self.readonly:
                await self.add_at(entry.path)
        elif entry.kind in ("field", "unknown"):
            self.fields.focus_field(entry.path)

    @on(FieldEdited)
    async def field_edited(self, event: FieldEdited) -> None:
        if self.state is None or self.readonly:
            return
        self.state.set_value(event.path, event.value)
        self.status_note = ""
        if event.path == ("name",):
            self.set_crumb()
        await self.render_state()

    @on(FieldRejected)
    async def field_rejected(self, event: FieldRejected) -> None:
        if self.state is None or self.readonly:
            return
        self.state.reject(event.path, event.text, event.reason)
        self.status_note = ""
        await self.render_state()

    # -- adding and removing ---------------------------------------------------------------

    async def add_at(self, path: Path) -> None:
        """Add what belongs at ``path`` and put the cursor on it, opened."""
        assert self.state is not None
        added = self.state.add(path)
        await self.render_state(cursor=added)
        self.doc_tree.move_to(added)
        node = self.doc_tree.cursor_node
        if node is not None:
            node.expand()

    async def action_add(self) -> None:
        entry = self.doc_tree.cursor_entry
        if self.state is None or self.readonly or entry is None:
            return
        if addable_at(self.state.working, entry.path) is None:
            self.notify("Select channels, a channel kind or one of its entries to add an entry.",
                        severity="warning", markup=False)
            return
        await self.add_at(entry.path)

    def action_remove(self) -> None:
        state = self.state
        entry = self.doc_tree.cursor_entry
        if state is None or self.readonly or entry is None:
            return
        if not is_removable(state.working, entry.path):
            self.notify("Select a channel entry or a channel kind to remove it.",
                        severity="warning", markup=False)
            return
        path = entry.path

        async def answered(confirmed: bool | None) -> None:
            if confirmed and self.state is not None:
                self.state.remove(path)
                await self.render_state(cursor=path[:-1])

        self.app.push_screen(ConfirmModal(f"Remove {path_name(path)}?",
                                          "It is removed from the user when you save.",
                                          confirm_label="Remove", danger=True), answered)

    # -- saving ------------------------------------------------------------------------------

    def action_save(self) -> None:
        from ..flows.save_user import UserSave, run_save_user

        state = self.state
        if state is None or self.readonly or self.saving:
            return
        if invalid := state.invalid():
            self.notify(f"Not saved. Fix first: {state.invalid_summary()}",
                        title="Invalid fields", severity="error", markup=False)
            self.doc_tree.move_to(next(iter(problem_paths(invalid, state.working))))
            return
        if not state.changes() and not state.creating:
            self.notify("Nothing to save.", markup=False)
            return
        save = UserSave(self.client, self.app_id, self.user_id, state.base, state.working,
                        self.crumb)

        async def saving() -> None:
            self.saving = True
            try:
                outcome = await run_save_user(services_of(self.app), save, self.watched_request)
            finally:
                self.saving = False
            await self.saved(outcome)

        self.run_worker(saving(), name="user-editor-save", group="user-editor-save",
                        exclusive=True, exit_on_error=False)

    def watched_request(self, cancelled: str) -> Any:
        self.note("Saving…")
        return self.waiting.watching(cancelled)

    async def saved(self, outcome: UserSaveResult) -> None:
        """Apply the save's outcome; anything but success keeps every edit."""
        state = self.state
        if state is None:
            return
        if isinstance(outcome, UserSaved):
            if outcome.created:
                self.become(outcome.user)
                state.created(outcome.user.to_document())
            else:
                state.saved(outcome.sent, outcome.user.to_document())
            self.status_note = "Created" if outcome.created else "Saved"
            self.set_crumb()
            await self.render_state(force_panel=True)
            self.refresh_bindings()
        elif isinstance(outcome, UserReloaded):
            state.discard(outcome.document)
            self.status_note = "Reloaded from the server; your edits were discarded"
            self.set_crumb()
            await self.render_state(force_panel=True)
        elif isinstance(outcome, UserRejected):
            state.record_server_errors(outcome.parameters)
            self.status_note = "Rejected by the server; your edits are kept"
            await self.render_state()
            if state.server_errors:
                self.doc_tree.move_to(next(iter(problem_paths(state.server_errors,
                                                              state.working))))
        else:
            self.note("Not saved; your edits are kept")

    def become(self, user: User) -> None:
        """The user was just created: from now on this screen edits it."""
        self.user_id = user.id if isinstance(user.id, str) else None
        if self.user_id:
            self.journaled = JournaledEdits(services_of(self.app), "user", self.user_id)
            self.journaled.ready = True  # nothing to offer: it did not exist a moment ago

    # -- leaving, reloading, exporting, copying ---------------------------------------------

    def forget_unsaved(self) -> None:
        """The user chose to discard these edits (quit, switch account): not offered again."""
        if self.journaled is not None:
            self.journaled.forget()

    @property
    def unsaved_summary(self) -> str | None:
        """What leaving would lose, for the app's quit and account-switch questions."""
        if self.state is None or not self.state.dirty or self.readonly:
            return None
        count = len(self.state.changes()) + len(self.state.rejected)
        return f"{count} unsaved edit{'s' if count != 1 else ''} to {self.crumb} will be lost."

    def _ask_discard(self, then: Callable[[], object], question: str) -> None:
        message = self.unsaved_summary
        if message is None:
            then()
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.forget_unsaved()
                then()

        self.app.push_screen(ConfirmModal(question, message, confirm_label="Discard",
                                          danger=True), answered)

    def action_back(self) -> None:
        if cancelled := self.waiting.cancel():
            self.note(cancelled)
            return
        focused = self.focused
        if focused is not None and self.fields in focused.ancestors_with_self:
            self.doc_tree.focus()
            return
        self._ask_discard(self.app.pop_screen, "Discard your changes?")

    async def action_quit_editor(self) -> None:
        await self.app.action_quit()  # asks about these edits

    def action_reload(self) -> None:
        if self.user_id:
            self._ask_discard(self.load, "Reload and discard your changes?")

    def action_export(self) -> None:
        from ..flows.common import launch
        from ..flows.user_files import run_export_user

        if self.user_id:
            launch(self.app, run_export_user(services_of(self.app), self.client, self.user_id),
                   name="user-editor-export")

    def action_copy_id(self) -> None:
        if self.user_id:
            self.app.copy_to_clipboard(self.user_id)
            self.notify(f"Copied {self.user_id}", markup=False)
