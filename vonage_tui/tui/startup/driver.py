"""A real account in the app: turns the ``Startup`` steps into screens, then ``app.connect``.

``StartupScreen`` is the app's first screen when there is no session yet; it starts the flow in
an *app* worker (``connect`` pops this screen, which must not cancel the flow doing it). The
same driver switches profiles later from the profiles screen.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker

from ...api import ApiError
from ...credentials import Profile
from ..screens.base import VonageScreen
from ..session import Session
from ..widgets.app_header import AppHeader
from ..widgets.steady_footer import SteadyFooter
from .flow import Startup
from .steps import (
    AskCredentials,
    AskPassphrase,
    ChooseStore,
    Connect,
    CredentialsForm,
    FormProblem,
    Step,
    StoreTrouble,
)
from .texts import sources_line

if TYPE_CHECKING:
    from ..screens.credentials import CredentialsScreen

ResultT = TypeVar("ResultT")


class StartupHost(Protocol):
    """What the start-up drives: the app (``VonageApp``), seen from below it."""

    @property
    def session(self) -> Session | None:
        """The connected account's session, if any yet."""
        ...

    async def connect(self, session: Session) -> bool: ...

    async def push_screen_wait(self, screen: Screen[ResultT]) -> ResultT: ...

    def run_worker(self, work: Awaitable[bool], *, name: str, group: str, exclusive: bool,
                   exit_on_error: bool) -> Worker[bool]: ...

    def exit(self, result: int | None = None) -> None: ...


class StartupScreen(VonageScreen):
    """Shown while credentials are looked up; the flow's screens open over it."""

    crumb = "Starting"

    def __init__(self, startup: Startup) -> None:
        super().__init__()
        self.startup = startup

    def compose(self) -> ComposeResult:
        yield AppHeader(id="header")
        yield Static(Text("Looking for your credentials…"), id="startup-status")
        yield SteadyFooter()

    def on_mount(self) -> None:
        run_flow(cast(StartupHost, self.app), self.startup, at_start=True)


def run_flow(app: StartupHost, startup: Startup, *, profile_name: str | None = None,
             at_start: bool = False) -> Worker[bool]:
    """Drive the start-up (or a profile switch) in an app worker."""
    return app.run_worker(drive(app, startup, profile_name=profile_name, at_start=at_start),
                          name="credentials-flow", group="credentials-flow", exclusive=True,
                          exit_on_error=False)


async def drive(app: StartupHost, startup: Startup, *, profile_name: str | None = None,
                at_start: bool = False) -> bool:
    """Follow the steps until connected (True) or the user gives up (False; quits at start)."""
    # Each screen's module is imported where it is shown: a start that connects straight away
    # loads none of them (the keyring screen's recipes load keyrings.cryptfile).
    step: Step | None = await _safely(startup.begin(profile_name))
    while step is not None:
        if isinstance(step, Connect):
            try:
                return await app.connect(step.session)
            except ApiError as error:  # e.g. VONAGE_API_URL=http://127.0.0.1:99999
                source = step.session.sources.get("api_url")
                step = StoreTrouble("Cannot use this API URL",
                                    f"{error} (the URL is from {source})" if source else str(error))
                continue
        if isinstance(step, ChooseStore):
            from ..screens.no_keyring import NoKeyringScreen

            choice = await app.push_screen_wait(NoKeyringScreen(step.error))
            if choice == "encrypted-file":
                step = await _safely(startup.use_encrypted_file())
            elif choice == "retry":
                step = await _safely(startup.begin(profile_name))
            else:
                step = None
        elif isinstance(step, AskPassphrase):
            from ..screens.passphrase import PassphraseModal

            step = await app.push_screen_wait(PassphraseModal(
                startup.unlock, creating=step.creating, problem=step.problem))
            if step is None and startup.unavailable is not None:
                step = ChooseStore(startup.unavailable)  # back to the choices
        elif isinstance(step, AskCredentials):
            step = await app.push_screen_wait(credentials_screen(app, startup, step))
        elif isinstance(step, StoreTrouble):
            from ..screens.confirm import ConfirmModal

            message = Text(step.message, no_wrap=False)
            retry = await app.push_screen_wait(ConfirmModal(
                step.title, message, confirm_label="Retry",
                cancel_label="Quit" if at_start else "Cancel"))
            step = await _safely(startup.retry()) if retry else None
    if at_start:
        app.exit(1)
    return False


def credentials_screen(app: StartupHost, startup: Startup, step: AskCredentials,
                       ) -> CredentialsScreen:
    from ..screens.credentials import CredentialsScreen

    editing = step.profile

    async def submit(form: CredentialsForm) -> Connect | FormProblem:
        return await startup.check_and_save(form, editing=editing)

    session = app.session
    return CredentialsScreen(submit, profile=step.profile, profile_name=step.profile_name,
                             store_label=startup.store_label, reason=step.reason,
                             sources=sources_line(session.sources) if session else None,
                             editing=editing is not None)


def new_profile_screen(app: StartupHost, startup: Startup, profile: Profile | None = None,
                       ) -> CredentialsScreen:
    """The form for another profile (or to replace the secret of ``profile``)."""
    step = AskCredentials(profile, profile.name if profile else "", None)
    return credentials_screen(app, startup, step)


async def _safely(flow: Awaitable[Step]) -> Step:
    """A step, whatever happens: an unexpected error becomes trouble to retry, not a crash."""
    try:
        return await flow
    except Exception as error:  # noqa: BLE001
        # The last line of defence of start-up: the flow turns every keyring and API failure
        # into a step, so this is a bug or a backend's stray exception. Without it the worker's
        # error report would show the text of an error that may hold a secret, over a start
        # screen that never moves on; here the text is shown only for our scrubbed errors.
        return StoreTrouble("Could not open the credentials",
                            f"{type(error).__name__}: {error}" if _safe_text(error) else
                            type(error).__name__)


def _safe_text(error: BaseException) -> bool:
    from ...credentials import CredentialsError

    return isinstance(error, CredentialsError)  # ours are scrubbed of secrets; others may not be
