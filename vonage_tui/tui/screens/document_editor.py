"""Every document editor's screen: the document as a tree on the left, the selected object's
fields on the right, a status line; edits validated as typed and journaled; a save that shows
its diff, detects remote changes and never loses an edit.

A subclass says what it edits: how to fetch the document, its outline, its save flow, what
``a`` adds where nothing is selected. This screen is the only writer of its state, tree, crumb
and status: the save flow (``flows/saving.py``; an application's PUT, a user's PATCH or POST)
returns an outcome (``Saved``, ``Rejected``, ``Reloaded``, ``Failed``, ``Cancelled``) that
``apply_save`` applies, the same way for every kind of document.
"""

from __future__ import annotations

import copy
from functools import cached_property
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static, Tree

from ...api import ApiError
from ...models import Path
from ...models.documents import Change, get_path
from ...models.limits import path_name
from ..editing.outline import OutlineNode, PanelView
from ..editing.state import EditorState, Overview, problem_paths
from ..editing.status import CREATED, SAVED, status_line
from ..flows.outcomes import Cancelled, Failed, Rejected, Reloaded, Saved, SaveResult
from ..flows.saving import SaveProgress, SaveRequest
from ..request_watch import RequestWatch
from ..services import Services, services_of
from ..widgets.app_header import AppHeader
from ..widgets.document_tree import DocumentTree
from ..widgets.field_panel import FieldContext, FieldEdited, FieldPanel, FieldRejected
from ..widgets.steady_footer import SteadyFooter
from .base import VonageScreen
from .confirm import ConfirmModal
from .editor_journal import JournaledEdits


class DocumentEditorScreen(VonageScreen):
    MUTATING_ACTIONS: ClassVar[frozenset[str]] = frozenset({"save", "add", "remove"})
    """Hidden in read-only mode; disabled until the document is loaded."""
    what: ClassVar[str] = "document"
    """What is edited, in a sentence ("the application")."""
    journal_kind: ClassVar[str] = "document"
    """The journal's name for this kind of object."""
    remove_hint: ClassVar[str] = "Select an item that can be removed to remove it."
    state_class: ClassVar[type[EditorState]] = EditorState
    """The state this editor keeps (a subclass's own rules of adding, validating)."""
    tree_options: ClassVar[dict[str, Any]] = {}
    """The tree's root label and opened nodes, when not an application's."""
    panel_options: ClassVar[dict[str, Any]] = {}
    """The panel's root title, when not an application's."""
    load_errors: ClassVar[tuple[type[Exception], ...]] = (ApiError,)
    """What a failed fetch raises, said in the status line rather than crashing."""

    def __init__(self, object_id: str | None) -> None:
        super().__init__()
        self.object_id = object_id
        """None until the object exists (a subclass that creates: see ``new_state``)."""
        self.crumb = self.what.capitalize()
        self.state: EditorState | None = None
        """None until the document is loaded."""
        self.saving = False
        """True from the save's preview to its outcome: a second save is refused meanwhile."""
        self._cursor_verbs: tuple[bool | None, bool | None] | None = None
        """Whether "remove" and "add" applied at the cursor when the footer was last drawn."""
        self.status_note = ""
        """A passing word for the status line (saving…, a failure); cleared by the next edit."""
        self.waiting = RequestWatch(self, self.show_status)
        """Says when the load or the save waits long on Vonage; esc cancels it."""

    # -- what a subclass says ------------------------------------------------------------------

    async def fetch_document(self, services: Services) -> dict[str, Any]:
        """The document as the server has it now (raises ``ApiError``)."""
        raise NotImplementedError

    def outline(self, document: dict[str, Any]) -> OutlineNode:
        raise NotImplementedError

    def panel(self, document: dict[str, Any], entry: OutlineNode, *,
              readonly: bool) -> PanelView:
        raise NotImplementedError

    def removable(self, document: dict[str, Any], path: Path) -> bool:
        return False

    async def run_save(self, services: Services, request: SaveRequest,
                       progress: SaveProgress) -> SaveResult:
        """The save flow (``flows/saving.py``)."""
        raise NotImplementedError

    def shown_changes(self, changes: list[Change]) -> list[Change]:
        """Changes as the dialogs show them (a subclass may summarise a value)."""
        return changes

    def save_refused(self) -> bool:
        """True (having said why) when a save must not start now."""
        return False

    async def add_elsewhere(self) -> None:
        """``a`` with no unset item under the cursor."""

    def new_state(self) -> tuple[EditorState, str]:
        """The state of an object not created yet (no object id), and the status to show."""
        raise NotImplementedError

    def take_created(self, document: dict[str, Any]) -> None:
        """The save created the object (``document``, as the server answered): from now on
        this screen edits it. Only an editor whose ``new_state`` creates needs it."""
        raise NotImplementedError

    def load_failure(self, error: Exception) -> tuple[str, str]:
        """The status line and the notification for a failed fetch."""
        advice = self.app.session.refusal_advice(error)
        return advice or f"Could not load: {error} · press r to retry", str(error)

    def place_problems(self, problems: dict[Path, str],
                       document: dict[str, Any]) -> dict[Path, str]:
        """Problems keyed by the nearest node the document has."""
        return problem_paths(problems, document)

    def untitled(self) -> str:
        """The crumb while the document has no name."""
        return self.object_id or self.what.capitalize()

    # -- the screen ----------------------------------------------------------------------------

    @property
    def services(self) -> Services:
        return services_of(self.app)

    @property
    def readonly(self) -> bool:
        return self.services.readonly

    @cached_property
    def journaled(self) -> JournaledEdits | None:
        """Unsaved edits on disk as they are made: a dropped SSH link loses nothing. None while
        the object has no id to key them by (not created yet)."""
        if self.object_id is None:
            return None
        return JournaledEdits(self.services, self.journal_kind, self.object_id)

    def compose(self) -> ComposeResult:
        yield AppHeader(id="header")
        with Horizontal(id="editor-body"):
            yield DocumentTree(id="editor-tree", **self.tree_options)
            yield FieldPanel(id="editor-fields", **self.panel_options)
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
        if action in self.MUTATING_ACTIONS:
            if self.readonly:
                return False  # read-only mode hides every mutating key, not just greys it out
            if self.state is None:
                return None
            if action == "remove":
                entry = self.doc_tree.cursor_entry
                removable = entry is not None and self.removable(self.state.working, entry.path)
                return True if removable else None
        return True

    # -- loading -------------------------------------------------------------------------------

    @work(exclusive=True, exit_on_error=False, group="editor-load")
    async def load(self) -> None:
        if self.object_id is None:
            self.state, self.status_note = self.new_state()
            await self.render_state(force_panel=True)
            self.refresh_bindings()
            self.doc_tree.focus()
            return
        body = self.query_one("#editor-body")
        body.loading = True
        self.note("Loading…")
        try:
            with self.waiting.watching():
                document = await self.fetch_document(self.services)
        except self.load_errors as error:
            status, message = self.load_failure(error)
            self.note(status)
            self.notify(message, title=f"Could not load the {self.what}", severity="error",
                        markup=False)
            return
        finally:
            body.loading = False
        self.state = self.state_class.loaded(document)
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
        assert self.state is not None and self.journaled is not None
        entry = await self.journaled.offer(self.state.base, self.crumb, self.shown_changes)
        if entry is not None:
            self.state = self.state_class.resumed(entry.base, entry.working, entry.typed)
            self.status_note = "Unsaved edits restored"
            self.set_crumb()
        await self.render_state(force_panel=entry is not None)

    def set_crumb(self) -> None:
        name = get_path(self.state.working, ("name",)) if self.state else None
        self.crumb = name if isinstance(name, str) and name else self.untitled()
        for header in self.query(AppHeader):
            header.refresh_header()

    # -- drawing -------------------------------------------------------------------------------

    def field_context(self, overview: Overview | None = None) -> FieldContext:
        assert self.state is not None
        overview = overview or self.state.overview()
        return FieldContext(
            working=self.state.working,
            changed=overview.changed_paths,
            problems=self.place_problems(overview.problems, self.state.working),
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
        # A forced redraw (after a save, a reload) replaces the rows: the field being typed in
        # gets the focus back, or Textual moved it to the tree and the next esc left the editor.
        typing_in = self.fields.focused_path() if force_panel else None
        self.doc_tree.show(self.outline(self.state.working), self.state.shown(),
                           context.changed, set(context.problems), cursor=cursor)
        await self.show_panel(context, force=force_panel)
        if typing_in is not None:
            self.fields.focus_field(typing_in)
        self.show_status(overview)
        if self.journaled is not None:
            self.journaled.record(self.state)

    async def show_panel(self, context: FieldContext | None = None, *, force: bool = False) -> None:
        if self.state is None:
            return
        entry = self.doc_tree.cursor_entry or OutlineNode((), "object")
        view = self.panel(self.state.working, entry, readonly=self.readonly)
        if view.message:
            await self.fields.show_message(view.path, view.message)
            return
        await self.fields.show_object(view.path, list(view.fields), context or self.field_context(),
                                      note=view.note, highlight=view.highlight, force=force)

    def show_status(self, overview: Overview | None = None) -> None:
        if not self.is_attached:
            return  # closed while a save or a rotation ran on: nothing to draw
        note = self.waiting.message() or self.status_note
        line = status_line(overview or self.state, readonly=self.readonly, note=note)
        self.query_one("#editor-status", Static).update(line, layout=False)  # one line, always

    def note(self, text: str) -> None:
        self.status_note = text
        self.show_status()

    # -- tree and panel events -------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#editor-tree")
    async def node_highlighted(self) -> None:
        # Only "remove" and "add" depend on the cursor; refreshing the bindings re-lays the
        # footer out, which is the costliest part of moving through the tree.
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
        """Add the known object at ``path`` and put the cursor on it, opened."""
        if self.state is None:
            return
        added = self.state.add(path)
        await self.render_state(cursor=added)
        self.doc_tree.move_to(added)
        node = self.doc_tree.cursor_node
        if node is not None:
            node.expand()

    async def action_add(self) -> None:
        """Add the node under the cursor when it is not set; else what the subclass offers."""
        if self.state is None or self.readonly:
            return
        entry = self.doc_tree.cursor_entry
        if entry is not None and entry.kind == "absent":
            await self.add(entry.path)
        else:
            await self.add_elsewhere()

    def action_remove(self) -> None:
        if self.state is None or self.readonly:
            return
        entry = self.doc_tree.cursor_entry
        if entry is None or not self.removable(self.state.working, entry.path):
            self.notify(self.remove_hint, severity="warning", markup=False)
            return
        path = entry.path

        async def answered(confirmed: bool | None) -> None:
            if confirmed and self.state is not None:
                self.state.remove(path)
                await self.render_state(cursor=path[:-1])

        self.app.push_screen(
            ConfirmModal(f"Remove {path_name(path)}?",
                         f"It is removed from the {self.what} when you save.",
                         confirm_label="Remove", danger=True),
            answered,
        )

    # -- saving --------------------------------------------------------------------------------

    def action_save(self) -> None:
        """Check there is something valid to save, then run the save flow."""
        state = self.state
        if state is None or self.readonly or self.saving or self.save_refused():
            return
        invalid = state.invalid()
        if invalid:
            self.notify(f"Not saved. Fix first: {state.invalid_summary()}",
                        title="Invalid fields", severity="error", markup=False)
            self.doc_tree.move_to(next(iter(self.place_problems(invalid, state.working))))
            return
        creating = self.object_id is None
        if not state.changes() and not creating:  # a bare new object may still be created
            self.notify("Nothing to save.", markup=False)
            return
        self.saving = True
        verb = "Create" if creating else "Save"
        request = SaveRequest(self.object_id, f"{verb} {self.crumb}", copy.deepcopy(state.base),
                              copy.deepcopy(state.working))
        # An app worker: leaving the editor cannot cancel a PUT or PATCH half way and leave it
        # unreported; esc while Vonage is slow cancels it on purpose (the status says so).
        self.app.run_worker(self._save(request), name="editor-save", group="editor-save",
                            exit_on_error=False)

    async def _save(self, request: SaveRequest) -> None:
        progress = SaveProgress(say=self.note, watching=self.waiting.watching)
        try:
            outcome = await self.run_save(self.services, request, progress)
        finally:
            self.saving = False
            self.show_status()
        if self.is_attached:  # else the editor was left meanwhile: the flow has said the rest
            await self.apply_save(request, outcome)

    async def apply_save(self, request: SaveRequest, outcome: SaveResult) -> None:
        state = self.state
        if state is None:
            return
        if isinstance(outcome, Saved):
            for path, value in outcome.adopted:
                state.adopt(path, value)
            if outcome.created:
                self.take_created(outcome.document)
            else:
                state.saved(outcome.sent, outcome.document)
            self.set_crumb()
            self.status_note = CREATED if outcome.created else SAVED
            await self.render_state(force_panel=True)
            if outcome.created:
                self.refresh_bindings()  # the keys that need an id (copy, export, reload)
        elif isinstance(outcome, Rejected):
            # A 400: each reason goes on its field; the edits stay for the user to fix.
            state.record_server_errors(list(outcome.reasons))
            self.status_note = "Rejected by the server; your edits are kept"
            await self.render_state()
            if state.server_errors:
                self.doc_tree.move_to(next(iter(self.place_problems(state.server_errors,
                                                                    state.working))))
        elif isinstance(outcome, Reloaded):
            state.discard(outcome.document)
            self.set_crumb()
            self.status_note = "Reloaded from the server; your edits were discarded"
            await self.render_state(force_panel=True)
        elif isinstance(outcome, Failed):
            self.note("Not saved; your edits are kept")
        elif isinstance(outcome, Cancelled) and outcome.status:
            self.note(outcome.status)

    # -- leaving, reloading ----------------------------------------------------------------

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

    def action_back(self) -> None:
        if cancelled := self.waiting.cancel():
            self.note(cancelled)
            return
        focused = self.focused
        if focused is not None and self.fields in focused.ancestors_with_self:
            self.doc_tree.focus()
            return
        self.ask_discard(self.app.pop_screen, "Discard your changes?")

    async def action_quit_editor(self) -> None:
        await self.app.action_quit()  # asks about these edits, and refuses while a key is unsaved

    def action_reload(self) -> None:
        self.ask_discard(self.load, "Reload and discard your changes?")
