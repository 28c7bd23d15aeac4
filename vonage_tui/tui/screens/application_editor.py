"""The application editor: the document as a tree on the left, the selected object's fields on
the right, and a save that shows its diff, detects remote changes and never loses an edit.

The save itself runs in ``application_editor_save.py``; the actions that go through a dialog or
another flow (add, remove, rotate key, export) in ``application_editor_actions.py``.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static, Tree

from ...models import Path
from ...models.documents import get_path
from ..editing import save_flow
from ..editing.outline import OutlineNode, build_outline, is_removable, panel_view
from ..editing.state import EditorState, Overview, problem_paths
from ..editing.status import status_line
from ..request_watch import RequestWatch
from ..widgets.app_header import AppHeader
from ..widgets.document_tree import DocumentTree
from ..widgets.field_panel import FieldContext, FieldEdited, FieldPanel, FieldRejected
from ..widgets.steady_footer import SteadyFooter
from . import application_editor_actions as editor_actions
from .application_editor_save import EditorSave
from .base import VonageScreen
from .editor_journal import JournaledEdits
from .confirm import ConfirmModal
from ..verbs import bind

MUTATING_ACTIONS = frozenset({"save", "add", "remove", "rotate_key"})


class ApplicationEditorScreen(VonageScreen):
    BINDINGS = [
        bind("back", "back",
             tooltip="Back to the tree, or leave the editor (asks first if edits are unsaved)"),
        bind("save", "save", tooltip="Review the changes and save them to Vonage"),
        bind("add", "add", tooltip="Add the selected item that is not set, or a capability"),
        bind("remove", "remove",
             tooltip="Remove the selected capability, webhook or video storage"),
        bind("refresh", "reload", "Reload",
             tooltip="Load the application again from Vonage (asks first if edits are unsaved)"),
        bind("rotate_key", "rotate_key"),
        bind("export", "export",
             tooltip="Write the application as saved on Vonage to a JSON file (no private key)"),
        bind("copy_id", "copy_id", tooltip="Copy the application's id (OSC 52, works over SSH)"),
        bind("users", "users", tooltip="Open the users of this application"),
        bind("quit", "quit_editor", show=False,
             tooltip="Leave vonage-tui (asks first if edits are unsaved)"),
    ]

    def __init__(self, app_id: str) -> None:
        super().__init__()
        self.app_id = app_id
        self.crumb = "Application"
        self.state: EditorState | None = None
        """None until the application is loaded."""
        self.saver = EditorSave(self)
        """Runs ctrl+s: preview, conflict check, PUT (application_editor_save.py)."""
        self.journaled = JournaledEdits(self, "application", app_id)
        """Unsaved edits on disk as they are made: a dropped SSH link loses nothing."""
        self._removable_shown: bool | None = None
        """Whether "remove" applied at the cursor when the footer was last refreshed."""
        self.status_note = ""
        """A passing word for the status line (saving…, a failure); cleared by the next edit."""
        self.rotating = False
        """True while this editor's key rotation runs (from its question to the reload): a
        save is refused meanwhile, as a rotation is during a save."""
        self.waiting = RequestWatch(self, self.show_status)
        """Says when the load or the save waits long on Vonage; esc cancels it."""

    @property
    def readonly(self) -> bool:
        return bool(getattr(self.app.session, "readonly", False))

    def compose(self) -> ComposeResult:
        yield AppHeader(id="header")
        with Horizontal(id="editor-body"):
            yield DocumentTree(id="editor-tree")
            yield FieldPanel(id="editor-fields")
        yield Static("", id="editor-status")
        yield SteadyFooter()

    def on_mount(self) -> None:
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
                return False  # read-only mode hides every mutating key, not just greys it out
            if self.state is None:
                return None
            if action == "remove":
                entry = self.doc_tree.cursor_entry
                removable = entry is not None and is_removable(self.state.working, entry.path)
                return True if removable else None
        return True

    # -- loading -------------------------------------------------------------------------------

    @work(exclusive=True, exit_on_error=False, group="editor-load")
    async def load(self) -> None:
        from ...api import ApiError

        body = self.query_one("#editor-body")
        body.loading = True
        self.status_note = "Loading…"
        self.show_status()
        try:
            with self.waiting.watching():
                application = await self.app.client.get_application(self.app_id)
        except ApiError as error:
            advice = self.app.session.refusal_advice(error)
            self.status_note = advice or f"Could not load: {error} · press r to retry"
            self.show_status()
            self.notify(str(error), title="Could not load the application", severity="error",
                        markup=False)
            return
        finally:
            body.loading = False
        self.state = EditorState.loaded(application.to_document())
        self.status_note = ""
        self.set_crumb()
        await self.render_state(force_panel=True)
        self.refresh_bindings()
        self.doc_tree.focus()
        await self.offer_journaled_edits()

    async def offer_journaled_edits(self) -> None:
        """Edits an earlier session left unsaved come back on the base they were made on: a
        change on the server since is then caught by the save's conflict check, which shows
        it and asks (rather than merging two versions here without asking)."""
        assert self.state is not None
        entry = await self.journaled.offer(self.state.base, self.crumb,
                                           save_flow.shown_changes)
        if entry is not None:
            self.state = EditorState.resumed(entry.base, entry.working, entry.typed)
            self.status_note = "Unsaved edits restored"
            self.set_crumb()
        await self.render_state(force_panel=entry is not None)

    def users_target(self) -> tuple[str, str | None]:
        """This application, for `u` and the palette's "Users of …"."""
        name = get_path(self.state.working, ("name",)) if self.state else None
        return self.app_id, name if isinstance(name, str) else None

    def action_users(self) -> None:
        self.app.open_users(*self.users_target())

    def set_crumb(self) -> None:
        name = get_path(self.state.working, ("name",)) if self.state else None
        self.crumb = name if isinstance(name, str) and name else self.app_id
        for header in self.query(AppHeader):
            header.refresh_header()

    # -- drawing -------------------------------------------------------------------------------

    def field_context(self, overview: Overview | None = None) -> FieldContext:
        assert self.state is not None
        overview = overview or self.state.overview()
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
        overview = self.state.overview()
        context = self.field_context(overview)
        outline = build_outline(self.state.working)
        self.doc_tree.show(outline, self.state.shown(), context.changed, set(context.problems),
                           cursor=cursor)
        await self.show_panel(context, force=force_panel)
        self.show_status(overview)
        self.journaled.record(self.state)

    async def show_panel(self, context: FieldContext | None = None, *, force: bool = False) -> None:
        if self.state is None:
            return
        entry = self.doc_tree.cursor_entry or OutlineNode((), "object")
        view = panel_view(self.state.working, entry, readonly=self.readonly)
        if view.message:
            await self.fields.show_message(view.path, view.message)
            return
        await self.fields.show_object(view.path, list(view.fields), context or self.field_context(),
                                      note=view.note, highlight=view.highlight, force=force)

    def show_status(self, overview: Overview | None = None) -> None:
        note = self.waiting.message() or self.status_note
        line = status_line(overview or self.state, readonly=self.readonly, note=note)
        self.query_one("#editor-status", Static).update(line, layout=False)  # one line, always

    # -- tree and panel events -------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#editor-tree")
    async def node_highlighted(self) -> None:
        # Only "remove" depends on the cursor; refreshing the bindings re-lays the footer out,
        # which is the costliest part of moving through the tree.
        removable = self.check_action("remove", ())
        if removable != self._removable_shown:
            self._removable_shown = removable
            self.refresh_bindings()
        await self.show_panel()

    @on(Tree.NodeSelected, "#editor-tree")
    async def node_selected(self, event: Tree.NodeSelected[OutlineNode]) -> None:
        entry = event.node.data
        if entry is None or self.state is None:
            return
        if entry.kind == "absent":
            if not self.readonly:
                await self.add(entry.path)
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

    # -- adding and removing (through dialogs: application_editor_actions.py) -------------

    async def add(self, path: Path) -> None:
        await editor_actions.add(self, path)

    async def action_add(self) -> None:
        await editor_actions.add_selected(self)

    def action_remove(self) -> None:
        editor_actions.remove_selected(self)

    # -- saving (the flow is in application_editor_save.py) ------------------------------

    def action_save(self) -> None:
        self.saver.start()

    @property
    def saving(self) -> bool:
        return self.saver.running

    def note(self, text: str) -> None:
        self.status_note = text
        self.show_status()

    # -- leaving, reloading, copying -------------------------------------------------------

    def forget_unsaved(self) -> None:
        """The user chose to discard these edits (quit, switch account): not offered again."""
        self.journaled.forget()

    @property
    def unsaved_summary(self) -> str | None:
        """What leaving would lose, for the app's quit and account-switch questions."""
        if self.state is None or not self.state.dirty or self.readonly:
            return None
        count = len(self.state.changes()) + len(self.state.rejected)
        return f"{count} unsaved edit{'s' if count != 1 else ''} to {self.crumb} will be lost."

    def _ask_discard(self, then: Any, question: str) -> None:
        message = self.unsaved_summary
        if message is None:
            then()
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.journaled.forget()
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
        await self.app.action_quit()  # asks about these edits, and refuses while a key is unsaved

    def action_reload(self) -> None:
        self._ask_discard(self.load, "Reload and discard your changes?")

    def action_rotate_key(self) -> None:
        editor_actions.rotate_key(self)

    def action_export(self) -> None:
        editor_actions.export(self)

    def action_copy_id(self) -> None:
        self.app.copy_to_clipboard(self.app_id)
        self.notify(f"Copied {self.app_id}", markup=False)
