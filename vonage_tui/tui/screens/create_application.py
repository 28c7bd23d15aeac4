"""The form that creates an application: name, capabilities, webhook base URL, key pair.

Nothing is sent until the form is valid and the user has seen the document to be POSTed.
A private key made here or by Vonage is stored under the new id before the screen closes;
if the key store fails, the key capture screen makes sure it reaches a file instead.
Dismisses with the new application's id (None when cancelled).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from ...keys import InvalidKeyError
from ...models import CAPABILITY_NAMES, application_violations, path_name
from ...operations.create import (
    KEY_SOURCE_LABELS,
    KEY_SOURCE_NOTES,
    KeySource,
    base_url_problem,
    empty_addresses,
    key_problem,
    new_application_document,
    read_public_key_file,
)
from ..editing.values import control_character_reason
from ..flows.common import launch
from ..flows.create import run_create
from ..flows.outcomes import Created, CreateResult, Failed, Uncertain
from ..format import safe_text
from ..services import services_of
from ..verbs import bind
from ..widgets.app_header import AppHeader
from ..widgets.field_input import FieldInput
from ..widgets.steady_footer import SteadyFooter
from .base import VonageScreen

CAPABILITY_LABELS = {
    "voice": "voice — calls (Voice API)",
    "messages": "messages — SMS, WhatsApp… (Messages API)",
    "rtc": "rtc — Client SDK events",
    "vbc": "vbc — Vonage Business Communications",
    "network_apis": "network_apis — Network APIs",
    "meetings": "meetings — Meetings API",
    "verify": "verify — Verify v2",
    "video": "video — Video API",
}

KEY_SOURCE_IDS = {KeySource.LOCAL: "key-local", KeySource.VONAGE: "key-vonage",
                  KeySource.FILE: "key-file"}


def capability_prompt(name: str, chosen: bool) -> Text:
    """The box's colour alone would not say "chosen" with NO_COLOR: a tick does."""
    return Text.assemble(("✓ " if chosen else "  ", "bold"), CAPABILITY_LABELS.get(name, name))


def key_source_label(source: KeySource, chosen: bool) -> Text:
    return Text.assemble(("✓ " if chosen else "  ", "bold"), KEY_SOURCE_LABELS[source])


class CreateApplicationScreen(VonageScreen):
    crumb = "New application"
    # Nothing until on_mount focuses the name: focusing the form first would scroll it and take
    # the first keys typed; the app holds those keys for the name meanwhile (early_keys.py).
    AUTO_FOCUS = ""

    BINDINGS = [
        bind("save", "create", "Create",
             tooltip="Check the form, preview the document, then create the application"),
        bind("back", "cancel", tooltip="Leave without creating"),
        # A priority binding runs as the key arrives: the field's own enter (Input.Submitted)
        # moved on a message later, after the keys typed next had gone into the same field.
        bind("select", "next_field", "Next", show=False, priority=True,
             tooltip="The next field"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.busy = False
        """True from the preview to the end of the flow: one create at a time."""
        self.finished = False
        """The create is done (said by the flow); escape leaves with its id."""
        self.created_id: str | None = None
        """The new application's id, once created."""

    def compose(self) -> ComposeResult:
        yield AppHeader(id="header")
        with VerticalScroll(id="create-form"):
            yield Label("Name", classes="field-label")
            yield FieldInput(placeholder="e.g. Support line", id="create-name")
            yield Static("", id="create-name-error", classes="field-error")
            yield Label("Capabilities (space toggles)", classes="field-label")
            yield SelectionList[str](
                *(Selection(capability_prompt(name, False), name, id=f"capability-{name}")
                  for name in CAPABILITY_NAMES),
                id="create-capabilities",
            )
            yield Label("Webhook base URL", classes="field-label")
            yield FieldInput(placeholder="https://example.com", id="create-base-url")
            yield Static("", id="create-base-url-hint", classes="field-hint")
            yield Static("", id="create-base-url-error", classes="field-error")
            yield Label("Key pair", classes="field-label")
            with RadioSet(id="create-key-source"):
                for source in KeySource:
                    chosen = source is KeySource.LOCAL
                    yield RadioButton(key_source_label(source, chosen), value=chosen,
                                      id=KEY_SOURCE_IDS[source])
            yield FieldInput(placeholder="path/to/public.pem", id="create-key-file")
            yield Static("", id="create-key-file-error", classes="field-error")
            yield Static("", id="create-key-note", classes="field-hint")
            yield Static("", id="create-error", classes="field-error")
            with Horizontal(id="create-buttons"):
                yield Button("Create…", id="create-submit", variant="primary")
                yield Button("Cancel", id="create-cancel")
        yield SteadyFooter()

    def on_mount(self) -> None:
        for error in self.query(".field-error"):
            error.display = False
        self.query_one("#create-key-file").display = False
        self.show_key_source(KeySource.LOCAL)
        self.show_needed_addresses()
        self.query_one("#create-name", Input).focus()

    # -- the form ----------------------------------------------------------------------------

    def key_source(self) -> KeySource:
        pressed = self.query_one("#create-key-source", RadioSet).pressed_button
        for source, widget_id in KEY_SOURCE_IDS.items():
            if pressed is not None and pressed.id == widget_id:
                return source
        return KeySource.LOCAL

    def chosen_capabilities(self) -> list[str]:
        selected = set(self.query_one("#create-capabilities", SelectionList).selected)
        return [name for name in CAPABILITY_NAMES if name in selected]

    @on(RadioSet.Changed, "#create-key-source")
    def key_source_changed(self) -> None:
        self.show_key_source(self.key_source())

    def show_key_source(self, source: KeySource) -> None:
        for option, widget_id in KEY_SOURCE_IDS.items():
            self.query_one(f"#{widget_id}", RadioButton).label = key_source_label(
                option, option is source)
        self.query_one("#create-key-file").display = source is KeySource.FILE
        if source is not KeySource.FILE:
            self.show_error("create-key-file", None)
        self.query_one("#create-key-note", Static).update(Text(KEY_SOURCE_NOTES[source]))

    @on(SelectionList.SelectedChanged, "#create-capabilities")
    def capabilities_changed(self) -> None:
        selection = self.query_one("#create-capabilities", SelectionList)
        chosen = set(selection.selected)
        for name in CAPABILITY_NAMES:
            selection.replace_option_prompt(f"capability-{name}",
                                            capability_prompt(name, name in chosen))
        self.show_needed_addresses()

    def show_needed_addresses(self) -> None:
        needed = empty_addresses(new_application_document("", self.chosen_capabilities()))
        hint = self.query_one("#create-base-url-hint", Static)
        if not needed:
            hint.update(Text("The chosen capabilities need no webhook addresses."))
            return
        by_capability: dict[str, list[str]] = {}
        for path in needed:
            by_capability.setdefault(str(path[1]), []).append(
                str(path[3]).removesuffix("_url") if path[2] == "webhooks" else str(path[-1]))
        listed = "; ".join(f"{name}: {', '.join(hooks)}" for name, hooks in by_capability.items())
        hint.update(Text(f"Needed for {listed}. Each becomes <base>/webhooks/…; "
                         "change any of them later in the editor."))

    def action_next_field(self) -> None:
        """Enter in a text field moves to the next one now; elsewhere (a list, the radio set, a
        button) it is that widget's own enter."""
        if not isinstance(self.focused, Input):
            raise SkipAction()
        self.focus_next()

    @on(Input.Submitted, "#create-name, #create-base-url, #create-key-file")
    def next_field(self) -> None:
        self.focus_next()  # enter remapped in keymap.toml still submits the field

    def show_error(self, field: str, reason: str | None) -> None:
        error = self.query_one(f"#{field}-error", Static)
        error.update(safe_text(reason or ""))  # may quote the server or a file
        error.display = reason is not None

    def clear_errors(self) -> None:
        for field in ("create-name", "create-base-url", "create-key-file", "create"):
            self.show_error(field, None)

    # -- creating ----------------------------------------------------------------------------

    @on(Button.Pressed, "#create-submit")
    def action_create(self) -> None:
        if self.busy or self.finished:
            self.app.bell()
            return
        if services_of(self.app).readonly:
            self.show_error("create", "This session is read-only: nothing can be created.")
            return
        document, _ = self.check_form()
        if document is None:
            return
        self.busy = True
        # An app worker: closing this screen must never cancel a create holding a private key.
        launch(self.app, self.run_creation(document, self.key_source()),
               name="create-application")

    def check_form(self) -> tuple[dict[str, Any] | None, str | None]:
        """The document to POST (key not yet made for a local pair), or None after showing
        every problem at its field."""
        self.clear_errors()
        problems: dict[str, str] = {}
        # Checked as typed, before trimming: a pasted tab or ESC at either end is said, not
        # silently dropped.
        typed_name = self.query_one("#create-name", Input).value
        name = typed_name.strip()
        if not name:
            problems["create-name"] = "A name is required."
        elif (reason := control_character_reason(typed_name, single_line=True)) is not None:
            problems["create-name"] = f"The name {reason}."
        typed_base_url = self.query_one("#create-base-url", Input).value
        base_url = typed_base_url.strip()
        if base_url and (reason := control_character_reason(typed_base_url, single_line=True)):
            problems["create-base-url"] = (f"Base URL {reason}: it must be an absolute http:// "
                                           "or https:// URL.")
        elif base_url and (reason := base_url_problem(base_url)):
            problems["create-base-url"] = f"Base URL {reason}."
        public_key: str | None = None
        if self.key_source() is KeySource.FILE:
            path = self.query_one("#create-key-file", Input).value.strip()
            if not path:
                problems["create-key-file"] = "Enter the path of a PEM public key file."
            else:
                try:
                    public_key = read_public_key_file(path)
                except (OSError, InvalidKeyError) as error:
                    problems["create-key-file"] = f"{path}: {key_problem(error)}"
        document = new_application_document(name or "-", self.chosen_capabilities(),
                                            "" if "create-base-url" in problems else base_url,
                                            public_key)
        for path, reason in application_violations(document):
            if path == ("name",):
                continue
            if path[-1] in ("address", "redirect_uri"):
                problems.setdefault("create-base-url", (
                    "The chosen capabilities need webhook addresses: enter a base URL."
                    if not base_url else f"{path_name(path)} {reason}."))
            else:
                problems.setdefault("create", f"{path_name(path)} {reason}.")
        for field, reason in problems.items():
            self.show_error(field, reason)
        if problems:
            first = next(iter(problems))
            if first != "create":
                self.query_one(f"#{first}").focus()
            # The message sits under its field and may be below the fold at 80x24.
            error = self.query_one(f"#{first}-error")
            self.call_after_refresh(error.scroll_visible, animate=False)
            return None, None
        document["name"] = name
        return document, public_key

    async def run_creation(self, document: dict[str, Any], source: KeySource) -> None:
        path = self.query_one("#create-key-file", Input).value
        key_note = "" if source is KeySource.VONAGE else f"(public key from {path})"
        try:
            result = await run_create(
                services_of(self.app), document, make_key=source is KeySource.LOCAL,
                title="Create application", note=KEY_SOURCE_NOTES[source], key_note=key_note,
                sending=self.show_sending)
        finally:
            self.busy = False
        self.apply_result(result)

    def show_sending(self, sending: bool) -> None:
        # A query, not query_one: the screen may have been closed while the request ran.
        for button in self.query("#create-submit"):
            button.loading = sending

    def apply_result(self, result: CreateResult) -> None:
        """The flow has said what happened; the form only closes or shows why not."""
        if not self.is_attached:
            return
        if isinstance(result, Failed):
            self.show_error("create", f"Not created: {result.reason}")
        elif isinstance(result, (Created, Uncertain)):
            self.created_id = result.app_id if isinstance(result, Created) else None
            self.finished = True
            if self.app.screen is self:
                self.dismiss(self.created_id)

    @on(Button.Pressed, "#create-cancel")
    def action_cancel(self) -> None:
        if self.busy:
            self.app.bell()
            self.notify("Creating… wait for it to finish.", markup=False)
            return
        # As the editor asks before dropping edits: a stray esc must not lose a typed form.
        self.ask_discard(lambda: self.dismiss(self.created_id), "Discard the new application?")

    @property
    def unsaved_summary(self) -> str | None:
        """What leaving loses, in a line (the app's quit asks with it too); None when the
        form is as it opened, or the application was created."""
        entered = [] if self.finished else self.entered()
        return "New application, not created: " + "; ".join(entered) if entered else None

    def entered(self) -> list[str]:
        """What the user put in the form, said briefly: nothing when it is as it opened."""
        said = []
        name = self.query_one("#create-name", Input).value
        if name.strip():
            said.append(f"name {name.strip()!r}")
        if capabilities := self.chosen_capabilities():
            said.append("capabilities " + ", ".join(capabilities))
        if base_url := self.query_one("#create-base-url", Input).value.strip():
            said.append(f"base URL {base_url}")
        source = self.key_source()
        key_file = self.query_one("#create-key-file", Input).value.strip()
        if source is KeySource.FILE and key_file:
            said.append(f"public key file {key_file}")
        elif source is not KeySource.LOCAL:
            said.append(f"key pair: {KEY_SOURCE_LABELS[source]}")
        return said
