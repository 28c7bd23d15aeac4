"""The credentials form: first run, a new profile, or a profile whose secret is missing/changed.

Profile name, API key, API secret (masked; ``ctrl+t`` shows it) and API host (a region, or a
custom URL). ``ctrl+s`` checks the pair against the API with a one-item application list and
only then saves; a failure is said at the field to fix. The check and save are ``submit``'s
(``Startup.check_and_save``): this screen only renders and reports. Dismisses with the
``Connect`` step on success, None when cancelled.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from ...secret import SecretStr
from ...credentials import API_HOSTS, DEFAULT_API_URL, Profile, api_host_label
from ...safe_text import visible
from ..format import safe_text
from ..startup.steps import CredentialsForm, FormProblem
from ..widgets.app_header import AppHeader
from ..widgets.steady_footer import SteadyFooter
from ..worker_errors import ReportsWorkerErrors
from ..verbs import bind

CUSTOM = "custom"
FIELDS = ("profile_name", "api_key", "api_secret", "api_url")

Submit = Callable[[CredentialsForm], Awaitable[Any]]


def host_options() -> list[tuple[str, str]]:
    options = [(f"{host.label} · {host.url}", host.url) for host in API_HOSTS]
    return [*options, ("custom URL…", CUSTOM)]


class CredentialsScreen(ReportsWorkerErrors, Screen[Any]):
    crumb = "Credentials"
    AUTO_FOCUS = "#field-api_key"

    BINDINGS = [
        bind("save", "save", "Check & save",
             tooltip="Check the key and secret against the API, then save them"),
        bind("show_secret", "toggle_secret", tooltip="Show or hide the API secret as you type it"),
        bind("back", "cancel", "Cancel", tooltip="Leave without saving"),
    ]

    def __init__(self, submit: Submit, *, profile: Profile | None = None,
                 profile_name: str = "default", store_label: str = "the keyring",
                 reason: str | None = None, sources: str | None = None,
                 editing: bool = False) -> None:
        """``submit(form)`` returns a ``FormProblem`` to show, or the result to dismiss with."""
        super().__init__()
        self.submit_form = submit
        self.profile = profile
        self.profile_name = profile.name if profile else profile_name
        self.store_label = store_label
        self.reason = reason
        self.sources = sources
        self.editing = editing

    def compose(self) -> ComposeResult:
        url = self.profile.api_url if self.profile else DEFAULT_API_URL
        known = api_host_label(url) is not None
        yield AppHeader(id="header")
        with VerticalScroll(id="credentials-body"):
            yield Static(self.intro(), id="credentials-intro")
            with Horizontal(classes="form-row"):
                yield Label("Profile", classes="form-label")
                # Inputs draw their value raw: names and keys from the profiles file are shown
                # made visible (a fixed name is read from self.profile_name, see form()).
                yield Input(visible(self.profile_name), id="field-profile_name", compact=True,
                            disabled=self.name_fixed)
            yield Static("", id="error-profile_name", classes="field-error")
            with Horizontal(classes="form-row"):
                yield Label("API key", classes="form-label")
                yield Input(visible(self.profile.api_key) if self.profile else "",
                            placeholder="e.g. abcd1234", id="field-api_key", compact=True)
            yield Static("", id="error-api_key", classes="field-error")
            with Horizontal(classes="form-row"):
                yield Label("API secret", classes="form-label")
                yield Input(password=True, id="field-api_secret", compact=True,
                            placeholder="unchanged if left blank" if self.editing else "")
                yield Button("Show", id="toggle-secret", compact=True)
            yield Static("", id="error-api_secret", classes="field-error")
            with Horizontal(classes="form-row"):
                yield Label("API host", classes="form-label")
                yield Select(host_options(), value=url if known else CUSTOM, allow_blank=False,
                             id="field-api_host", compact=True)
            with Horizontal(classes="form-row", id="custom-url-row"):
                yield Label("Custom URL", classes="form-label")
                yield Input("" if known else visible(url), placeholder="https://…",
                            id="field-api_url", compact=True)
            yield Static("", id="error-api_url", classes="field-error")
            yield Static("", id="form-error", classes="field-error")
            yield Static("", id="credentials-status")
            with Horizontal(classes="form-buttons"):
                yield Button("Check & save", id="credentials-save", variant="primary",
                             compact=True)
                yield Button("Cancel", id="credentials-cancel", compact=True)
        yield SteadyFooter()

    def intro(self) -> Text:
        text = Text(no_wrap=False)
        if self.reason:
            text.append(visible(self.reason, multiline=True) + " ")  # may quote the server
        elif self.profile is None and not self.editing:
            text.append("Welcome. ", style="bold")
        text.append("The key and secret are checked against the API before anything is saved. "
                    "The secret goes to ")
        label = self.store_label
        text.append(f"the {label}" if label == "encrypted file" else label, style="bold")
        text.append(", never to the profiles file.")
        if self.sources:
            text.append("\nNow in use: ")
            text.append(visible(self.sources, multiline=True))
        return text

    def on_mount(self) -> None:
        for name in (*FIELDS, "form"):
            self.query_one(f"#error-{name}" if name != "form" else "#form-error").display = False
        self.query_one("#credentials-status").display = False
        self.sync_custom_row()

    @on(Select.Changed, "#field-api_host")
    def sync_custom_row(self) -> None:
        custom = self.query_one("#field-api_host", Select).value == CUSTOM
        self.query_one("#custom-url-row").display = custom

    @on(Button.Pressed, "#toggle-secret")
    def action_toggle_secret(self) -> None:
        secret = self.query_one("#field-api_secret", Input)
        secret.password = not secret.password
        self.query_one("#toggle-secret", Button).label = "Hide" if not secret.password else "Show"

    def api_url(self) -> str:
        choice = self.query_one("#field-api_host", Select).value
        if choice == CUSTOM:
            return self.query_one("#field-api_url", Input).value.strip()
        return str(choice)

    @property
    def name_fixed(self) -> bool:
        """An existing profile keeps its name: the field only shows it."""
        return self.editing or self.profile is not None

    def form(self) -> CredentialsForm:
        return CredentialsForm(
            profile_name=self.profile_name if self.name_fixed
            else self.query_one("#field-profile_name", Input).value,
            api_key=self.query_one("#field-api_key", Input).value,
            api_secret=SecretStr(self.query_one("#field-api_secret", Input).value),
            api_url=self.api_url(),
        )

    def show_problem(self, problem: FormProblem | None) -> None:
        fields = problem.fields if problem else ()
        for name in FIELDS:
            error = self.query_one(f"#error-{name}", Static)
            error.display = name in fields
            error.update(safe_text(problem.message if problem and name == fields[0]
                                   else "↑ this one too") if name in fields else "")
            self.query_one(f"#field-{name}").set_class(name in fields, "-invalid")
        general = self.query_one("#form-error", Static)
        general.display = problem is not None and not fields
        general.update(safe_text(problem.message) if problem and not fields else "")
        if fields:
            focus = problem.focus if problem and problem.focus else fields[0]
            target = self.query_one(f"#field-{focus}")
            if focus == "api_url" and self.query_one("#field-api_host", Select).value != CUSTOM:
                target = self.query_one("#field-api_host")
            target.focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#credentials-save")
    def action_save(self) -> None:
        self.show_problem(None)
        self.check_and_save(self.form())

    @work(exclusive=True, exit_on_error=False, group="credentials-check")
    async def check_and_save(self, form: CredentialsForm) -> None:
        status = self.query_one("#credentials-status", Static)
        status.update(safe_text(f"Checking the key and secret with {form.api_url or '…'} "
                                "(a one-item application list)…"))
        status.display = True
        button = self.query_one("#credentials-save", Button)
        button.disabled = True
        try:
            outcome = await self.submit_form(form)
        except Exception as error:  # noqa: BLE001
            # Kept wide on purpose: the flow turns every failure it knows into a FormProblem;
            # anything else is unforeseen, and its text may hold the secret just typed (the
            # worker error report would print it), so only its kind is shown.
            outcome = FormProblem(f"Could not save: {type(error).__name__}.")
        finally:
            status.display = False
            button.disabled = False
        if isinstance(outcome, FormProblem):
            self.show_problem(outcome)
            return
        self.dismiss(outcome)

    @on(Button.Pressed, "#credentials-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
