"""The application editor: the document as a tree on the left, the selected object's fields on
the right, and a save that shows its diff, detects remote changes and never loses an edit.
"""

from __future__ import annotations

import copy
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Static, Tree

from ...models import Path
from ...models.documents import diff_documents, get_path
from ...models.limits import path_name
from ..editing.outline import OutlineNode, build_outline, container_of, is_removable, panel_fields
from ..editing.state import EditorState, problem_paths
from ..widgets.app_header import AppHeader
from ..widgets.document_tree import DocumentTree
from ..widgets.field_panel import FieldContext, FieldEdited, FieldPanel, FieldRejected
from .application_editor_modals import CapabilityPicker, ConflictModal
from .base import VonageScreen
from .confirm import ConfirmModal
from .diff_preview import DiffPreview

MUTATING_ACTIONS = frozenset({"save", "add", "remove"})


class ApplicationEditorScreen(VonageScreen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="editor.back",
                tooltip="Back to the tree, or leave the editor (asks first if edits are unsaved)"),
        Binding("ctrl+s", "save", "Save", id="editor.save",
                tooltip="Review the changes and save them to Vonage"),
        Binding("a", "add", "Add", id="editor.add",
                tooltip="Add the selected item that is not set, or a capability"),
        Binding("x,delete", "remove", "Remove", id="editor.remove",
                tooltip="Remove the selected capability, webhook or video storage"),
        Binding("r", "reload", "Reload", id="editor.reload",
                tooltip="Load the application again from Vonage (asks first if edits are unsaved)"),
        Binding("y", "copy_id", "Copy id", show=False, id="editor.copy_id",
                tooltip="Copy the application's id (OSC 52, works over SSH)"),
        Binding("q", "quit_editor", "Quit", show=False, id="editor.quit",
                tooltip="Leave vonage-tui (asks first if edits are unsaved)"),
    ]

    def __init__(self, app_id: str) -> None:
        super().__init__()
        self.app_id = app_id
        self.crumb = "Application"
        self.state: EditorState | None = None
        """None until the application is loaded."""
        self.saving = False
        self.status_note = ""
        """A passing word for the status line (saving…, a failure); cleared by the next edit."""

    @property
    def readonly(self) -> bool:
        return bool(getattr(self.app.session, "readonly", False))

    def compose(self) -> ComposeResult:
        yield AppHeader(id="header")
        with Horizontal(id="editor-body"):
            yield DocumentTree(id="editor-tree")
            yield FieldPanel(id="editor-fields")
        yield Static("", id="editor-status")
        yield Footer()

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
            application = await self.app.client.get_application(self.app_id)
        except ApiError as error:
            self.status_note = f"Could not load: {error} · press r to retry"
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

    def set_crumb(self) -> None:
        name = get_path(self.state.working, ("name",)) if self.state else None
        self.crumb = name if isinstance(name, str) and name else self.app_id
        for header in self.query(AppHeader):
            header.refresh_header()

    # -- drawing -------------------------------------------------------------------------------

    def field_context(self) -> FieldContext:
        assert self.state is not None
        return FieldContext(
            working=self.state.working,
            changed=self.state.changed_paths(),
            problems=problem_paths(self.state.problems(), self.state.working),
            rejected=dict(self.state.rejected),
            readonly=self.readonly,
        )

    async def render_state(self, *, cursor: Path | None = None, force_panel: bool = False) -> None:
        """Redraw the tree, the panel and the status line from the state."""
        if self.state is None:
            return
        context = self.field_context()
        outline = build_outline(self.state.working)
        self.doc_tree.show(outline, self.state.working, context.changed, set(context.problems),
                       cursor=cursor)
        await self.show_panel(context, force=force_panel)
        self.show_status()

    async def show_panel(self, context: FieldContext | None = None, *, force: bool = False) -> None:
        if self.state is None:
            return
        context = context or self.field_context()
        entry = self.doc_tree.cursor_entry or OutlineNode((), "object")
        if entry.kind == "absent":
            message = "Not set." if self.readonly else "Not set. Press a or enter to add it."
            await self.fields.show_message(entry.path, message)
            return
        working = self.state.working
        container = container_of(working, entry.path)
        highlight = None if container == entry.path else entry.path
        fields = panel_fields(working, container)
        note = ""
        if not fields and entry.kind == "object" and entry.children:
            note = "Its parts are in the tree: press enter or → to open it."
        await self.fields.show_object(container, fields, context, note=note,
                                      highlight=highlight, force=force)

    def show_status(self) -> None:
        line = Text(no_wrap=True, overflow="ellipsis")
        if self.state is not None:
            changes = len(self.state.changes())
            invalid = len(self.state.invalid())
            if changes:
                line.append(f"{changes} unsaved change{'s' if changes != 1 else ''}", style="bold")
            else:
                line.append("No unsaved changes")
            if invalid:
                line.append(f" · {invalid} invalid", style="bold")
            if self.state.server_errors:
                count = len(self.state.server_errors)
                line.append(f" · {count} rejected by the server", style="bold")
            if self.readonly:
                line.append(" · read-only")
        if self.status_note:
            line.append(" · " if line.plain else "")
            line.append(self.status_note)
        self.query_one("#editor-status", Static).update(line)

    # -- tree and panel events -------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#editor-tree")
    async def node_highlighted(self) -> None:
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

    # -- adding and removing ---------------------------------------------------------------

    async def add(self, path: Path) -> None:
        assert self.state is not None
        self.state.add(path)
        await self.render_state(cursor=path)
        self.doc_tree.move_to(path)
        node = self.doc_tree.cursor_node
        if node is not None:
            node.expand()

    async def action_add(self) -> None:
        if self.state is None or self.readonly:
            return
        entry = self.doc_tree.cursor_entry
        if entry is not None and entry.kind == "absent":
            await self.add(entry.path)
            return
        missing = self.state.missing_capabilities()
        if not missing:
            self.notify("This application has every capability already.", markup=False)
            return

        async def picked(name: str | None) -> None:
            if name:
                await self.add(("capabilities", name))
                self.notify(f"Added {name}: fill in its addresses, then save.", markup=False)

        self.app.push_screen(CapabilityPicker(missing), picked)

    def action_remove(self) -> None:
        if self.state is None or self.readonly:
            return
        entry = self.doc_tree.cursor_entry
        if entry is None or not is_removable(self.state.working, entry.path):
            self.notify("Select a capability, a webhook or video storage to remove it.",
                        severity="warning", markup=False)
            return
        path = entry.path
        name = path_name(path)

        async def answered(confirmed: bool | None) -> None:
            if confirmed and self.state is not None:
                self.state.remove(path)
                await self.render_state(cursor=path[:-1])

        self.app.push_screen(
            ConfirmModal(f"Remove {name}?", "It is removed from the application when you save.",
                         confirm_label="Remove", danger=True),
            answered,
        )

    # -- saving ----------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.state is None or self.readonly or self.saving:
            return
        invalid = self.state.invalid()
        if invalid:
            self.notify(f"Not saved. Fix first: {self.state.invalid_summary()}",
                        title="Invalid fields", severity="error", markup=False)
            self.doc_tree.move_to(next(iter(problem_paths(invalid, self.state.working))))
            return
        if not self.state.changes():
            self.notify("Nothing to save.", markup=False)
            return
        self.saving = True
        self.save()

    @work(exclusive=True, exit_on_error=False, group="editor-save")
    async def save(self) -> None:
        try:
            await self._save()
        finally:
            self.saving = False
            self.show_status()

    async def _save(self) -> None:
        from ...api import ApiError, ValidationError

        state = self.state
        assert state is not None
        if not await self.app.push_screen_wait(DiffPreview(f"Save {self.crumb}", state.changes())):
            return
        self.note("Checking for changes on the server…")
        try:
            remote = (await self.app.client.get_application(self.app_id)).to_document()
        except ApiError as error:
            self.save_failed(f"could not check for remote changes: {error}")
            return
        remote_changes = diff_documents(state.base, remote)
        if remote_changes:
            choice = await self.app.push_screen_wait(ConflictModal(remote_changes))
            if choice == "reload":
                state.discard(remote)
                self.set_crumb()
                self.status_note = "Reloaded from the server; your edits were discarded"
                await self.render_state(force_panel=True)
                return
            if choice != "overwrite":
                self.note("Not saved")
                return
        sent = copy.deepcopy(state.working)
        self.note("Saving…")
        try:
            saved = await self.app.client.update_application(sent, application_id=self.app_id)
        except ValidationError as error:
            state.record_server_errors([
                (str(param.name), str(param.reason or "was rejected"))
                for param in error.invalid_parameters
            ])
            self.status_note = "Rejected by the server; your edits are kept"
            await self.render_state()
            if state.server_errors:
                self.doc_tree.move_to(next(iter(problem_paths(state.server_errors, state.working))))
            self.notify(str(error), title="Not saved: the server rejected it", severity="error",
                        markup=False)
            return
        except ApiError as error:
            self.save_failed(str(error))
            return
        state.saved(sent, saved.to_document())
        self.set_crumb()
        self.status_note = "Saved"
        await self.render_state(force_panel=True)
        self.notify("Saved", markup=False)

    def note(self, text: str) -> None:
        self.status_note = text
        self.show_status()

    def save_failed(self, reason: str) -> None:
        self.note("Not saved; your edits are kept")
        self.notify(f"{reason}. Your edits are kept.", title="Not saved", severity="error",
                    markup=False)

    # -- leaving, reloading, copying -------------------------------------------------------

    def _ask_discard(self, then: Any, question: str) -> None:
        if self.state is None or not self.state.dirty or self.readonly:
            then()
            return
        count = len(self.state.changes()) + len(self.state.rejected)
        message = f"{count} unsaved edit{'s' if count != 1 else ''} to {self.crumb} will be lost."

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                then()

        self.app.push_screen(ConfirmModal(question, message, confirm_label="Discard",
                                          danger=True), answered)

    def action_back(self) -> None:
        focused = self.focused
        if focused is not None and self.fields in focused.ancestors_with_self:
            self.doc_tree.focus()
            return
        self._ask_discard(self.app.pop_screen, "Discard your changes?")

    def action_quit_editor(self) -> None:
        self._ask_discard(self.app.exit, "Quit and discard your changes?")

    def action_reload(self) -> None:
        self._ask_discard(self.load, "Reload and discard your changes?")

    def action_copy_id(self) -> None:
        self.app.copy_to_clipboard(self.app_id)
        self.notify(f"Copied {self.app_id}", markup=False)
