"""The Textual application: owns the session's API client and the screen stack."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from contextlib import AsyncExitStack, contextmanager
from typing import Any

from rich.segment import Segments
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker

from .credentials_actions import CREDENTIALS_BINDINGS, CredentialsActions
from .exit_signals import exit_on_hangup_and_terminate
from .keymap import KeymapError, load_keymap
from .screens.applications import ApplicationsScreen
from .screens.confirm import ConfirmModal
from .session import Session
from .styles import stylesheets
from .worker_errors import report_worker_error


class VonageApp(CredentialsActions, App[int]):
    TITLE = "vonage-tui"
    CSS_PATH = stylesheets()

    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Leave vonage-tui"),
        Binding("question_mark", "help", "Help", id="help", tooltip="Show the keys of this screen"),
        *CREDENTIALS_BINDINGS,
    ]

    def __init__(self, session: Session | None = None, *,
                 first_screen: Callable[[], Screen[Any]] | None = None, **kwargs: Any) -> None:
        """Start on the applications of ``session``; without one, ``first_screen`` (the
        credentials flow) runs first and calls ``connect`` when it has a session."""
        super().__init__(**kwargs)
        self.session: Session | None = session
        self.client: Any = None
        self._first_screen = first_screen
        self.keys_in_flight = 0
        """Private keys made and sent but not yet stored (see holding_unsaved_key)."""
        self._resources = AsyncExitStack()

    async def on_load(self) -> None:
        if self.session is not None:
            await self._open_client(self.session)

    async def _open_client(self, session: Session) -> None:
        # One client, one connection pool, per connected account.
        await self._resources.aclose()
        self._resources = AsyncExitStack()
        self.client = await self._resources.enter_async_context(session.new_client())
        self.session = session

    def on_mount(self) -> None:
        if not self.is_headless:  # tests run headless, inside pytest's own process
            exit_on_hangup_and_terminate(self)
        self.apply_user_keymap()
        if self.session is None and self._first_screen is not None:
            self.push_screen(self._first_screen())
        else:
            self.push_screen(ApplicationsScreen())

    def apply_user_keymap(self) -> None:
        try:
            keymap = load_keymap()
        except KeymapError as error:
            self.notify(str(error), title="Keymap ignored", severity="warning", markup=False)
            return
        if keymap:
            self.set_keymap(keymap)

    async def connect(self, session: Session) -> bool:
        """Switch to another account (or the first one): new client, home screen afresh.

        Called from a worker. Unsaved edits are discarded only if the user says so; an unsaved
        private key stops the switch. Returns whether it switched."""
        if self.keys_in_flight or self._blocking_screens():
            self.notify("A private key is not saved yet: finish that first.",
                        title="Not switched", severity="warning", markup=False)
            return False
        if unsaved := self.unsaved_work():
            question = ConfirmModal("Switch account and discard your changes?",
                                    "\n".join(unsaved), confirm_label="Discard", danger=True)
            if not await self.push_screen_wait(question):
                return False
            self.forget_unsaved()
        await self._open_client(session)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        await self.push_screen(ApplicationsScreen())
        return True

    @contextmanager
    def holding_unsaved_key(self) -> Iterator[None]:
        """Marks the time a private key exists only in memory (made and sent, not yet stored):
        quitting and switching accounts are refused meanwhile."""
        self.keys_in_flight += 1
        try:
            yield
        finally:
            self.keys_in_flight -= 1

    def _blocking_screens(self) -> bool:
        return any(getattr(screen, "blocks_quit", False) for screen in self.screen_stack)

    def unsaved_work(self) -> list[str]:
        """What leaving now would lose, one line per screen with unsaved edits."""
        return [summary for screen in self.screen_stack
                if (summary := getattr(screen, "unsaved_summary", None))]

    def forget_unsaved(self) -> None:
        """The user said to discard unsaved edits: editors drop their journals too."""
        for screen in self.screen_stack:
            if (forget := getattr(screen, "forget_unsaved", None)) is not None:
                forget()

    async def on_unmount(self) -> None:
        await self._resources.aclose()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_worker_error(self, event)

    async def action_quit(self) -> None:
        """Quitting (q, ctrl+q, the palette) is refused while a private key exists nowhere but
        here, and asks first when edits are unsaved."""
        if self.keys_in_flight or self._blocking_screens():
            self.notify("Save the private key first: it exists nowhere else.",
                        title="Not yet", severity="warning", markup=False)
            self.bell()
            return
        if unsaved := self.unsaved_work():
            def answered(confirmed: bool | None) -> None:
                if confirmed:
                    self.forget_unsaved()
                    self.exit()

            self.push_screen(ConfirmModal("Quit and discard your changes?", "\n".join(unsaved),
                                          confirm_label="Quit", danger=True), answered)
            return
        await super().action_quit()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette offers every keyed action of the screen, so nothing needs remembering."""
        from .screens.help import keys_of

        yield from super().get_system_commands(screen)
        for row in keys_of(screen):
            if row.binding_id and row.binding_id != "help":
                yield SystemCommand(
                    row.description,
                    f"{row.detail or row.description} ({row.keys})",
                    partial(self.run_action, row.action, row.node),
                )

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def _fatal_error(self) -> None:
        """Textual's crash report prints local variables, which can hold secrets: print none."""
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[])
        self._exit_renderables.append(
            Segments(self.console.render(traceback, self.console.options))
        )
        self._close_messages_no_wait()
