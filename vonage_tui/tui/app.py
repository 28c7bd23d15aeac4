"""The Textual application: owns the session's API client and the screen stack."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from functools import partial
from contextlib import AsyncExitStack, contextmanager
from typing import TYPE_CHECKING, Any

from rich.segment import Segment, Segments
from rich.text import Text
from textual.app import App, SystemCommand
from textual.markup import escape as escape_markup
from textual.screen import Screen
from textual.worker import Worker

from ..safe_text import NOTIFICATION_LIMIT, visible, visible_message, visible_title
from .early_keys import EarlyKeys
from .key_routing import RoutesKeys
from .exit_signals import exit_on_hangup_and_terminate
from .keymap import KeymapError, check_keymap, keymap_path, load_keymap
from .screens.applications import ApplicationsScreen
from .services import Services
from .session import Session
from .toasts_under_dialogs import mark_toast_racks
from .styles import first_paint_stylesheets, later_stylesheets
from .worker_errors import report_worker_error
from .verbs import bind

if TYPE_CHECKING:
    from ..api import VonageClient
    from .commands import OpenApplication, RunCommand
    from .startup.flow import Startup


def users_target(screen: Screen[Any]) -> tuple[str, str | None] | None:
    """The application whose users `u` opens on ``screen`` (id, name), if it has one."""
    target = getattr(screen, "users_target", None)
    return target() if callable(target) else None


KEYMAP_NOTICE_LIMIT = 1500
"""The keymap check lists up to eight problems of the user's own file, each on its line."""


class VonageApp(RoutesKeys, App[int]):
    TITLE = "vonage-tui"
    CSS_PATH = first_paint_stylesheets()  # the others: see _load_screen_css

    BINDINGS = [
        bind("quit", "quit"),
        bind("help", "help"),
        bind("profiles", "profiles"),
        bind("private_keys", "private_keys"),
        bind("command_line", "command_line"),
    ]

    def __init__(self, session: Session | None = None, *, startup: Startup | None = None,
                 **kwargs: Any) -> None:
        """Start on the applications of ``session`` (the demo, tests); or, for a real account,
        on the credentials flow of ``startup``, which calls ``connect`` when it has a session.
        ``startup`` stays for the profiles screen (switch, add, delete)."""
        super().__init__(**kwargs)
        self.session: Session | None = session
        self.startup = startup
        self.client: VonageClient | None = None
        self.services: Services | None = None
        """What flows work with; set with the client when an account is connected."""
        self.keys_in_flight = 0
        """Private keys made and sent but not yet stored (see holding_unsaved_key)."""
        self._resources = AsyncExitStack()
        self.early_keys = EarlyKeys()
        """Keys typed while a screen opens, held for the widget it focuses."""
        self.later_styles_read = False
        """Whether ``later_stylesheets`` are in the stylesheet (see _load_screen_css)."""

    @property
    def readonly(self) -> bool:
        """``--readonly`` (or `:readonly`): nothing may change anything on Vonage."""
        if self.services is not None:
            return self.services.readonly
        return bool(self.startup is not None and self.startup.config.readonly)

    def make_readonly(self) -> None:
        """`:readonly`: read-only for the rest of the run. Never the reverse: a session someone
        started read-only stays so."""
        if self.services is not None:
            self.services = self.services.read_only()
        if self.session is not None:
            self.session.readonly = True
        if self.startup is not None:
            self.startup.config.readonly = True
        from .widgets.app_header import AppHeader

        for screen in self.screen_stack:
            screen.refresh_bindings()  # the footers drop the mutating keys
            for header in screen.query(AppHeader):
                header.refresh_header()  # READ-ONLY

    def notify(self, message: str | Text, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = True,
               limit: int = NOTIFICATION_LIMIT) -> None:
        """Every notification passes here (Screen.notify and Widget.notify call App.notify), and
        many carry server text: an error title, a name. So none is markup, none can reach the
        terminal as control characters (an OSC 52 in a 429's title would write the clipboard),
        and a long one (an HTML error page) is cut with an ellipsis at ``limit`` characters: only
        a notice made of our own lines (the keymap check's list) asks for more. ``markup`` is
        ignored."""
        text = message.plain if isinstance(message, Text) else message
        super().notify(visible_message(text, limit), title=visible_title(title), severity=severity,
                       timeout=timeout, markup=False)

    def validate_title(self, title: str) -> str:
        """A title is one line of plain text, whoever sets it."""
        return visible(title)

    def validate_sub_title(self, sub_title: str) -> str:
        return visible(sub_title)

    async def on_load(self) -> None:
        if self.session is not None:
            await self._open_client(self.session)

    async def _open_client(self, session: Session) -> None:
        # One client, one connection pool, per connected account. Built before the old one is
        # closed: a client that cannot be built (a bad API URL) leaves the current one working.
        client = session.new_client()
        await self._resources.aclose()
        self._resources = AsyncExitStack()
        self.client = await self._resources.enter_async_context(client)
        self.session = session
        self.services = Services(client=client, key_vault=session.key_vault,
                                 readonly=session.readonly, notifier=self,
                                 profile_name=session.profile_name, demo=session.demo,
                                 ui=self)

    def _load_screen_css(self, screen: Screen[Any]) -> None:
        """Textual's hook as a screen is installed, pushed or switched to: it reads that
        screen's own stylesheets. Here, the first time a screen other than the applications
        list (or Textual's empty default screen) opens, it also reads the stylesheets that
        ``CSS_PATH`` left out: parsing them costs the first paint ~10 ms, and the list uses
        none of their rules. They come after app.tcss, as they would in ``CSS_PATH``."""
        if not self.later_styles_read and not isinstance(screen, ApplicationsScreen) \
                and screen.id != "_default":
            self.later_styles_read = True
            paths = later_stylesheets()
            if self.css_monitor is not None:  # `textual run --dev` reloads them on a change
                self.css_monitor.add_paths(paths)
            for path in paths:
                self.stylesheet.read(path)
            # parse, not reparse: reparse parses every source again in a fresh stylesheet (the
            # app's, each widget's DEFAULT_CSS) and leaves this one's parse cache cold for the
            # editor's widgets that register next; parse reuses the cache for all but the new.
            self.stylesheet.parse()
            self.stylesheet.update(self)
        super()._load_screen_css(screen)

    def on_mount(self) -> None:
        # A full garbage collection walks every object the collector tracks and stops the event
        # loop meanwhile (~0.1 s per 200,000 objects here). What start-up made (modules,
        # classes, the stylesheet) lives until exit: moved out of the collector's reach, it
        # costs no full collection anything. (``vonage-tui`` starts with the collector off,
        # see ``__main__.start_lean``: from here on it runs.)
        gc.freeze()
        gc.enable()
        if not self.is_headless:  # tests run headless, inside pytest's own process
            exit_on_hangup_and_terminate(self)
        self.apply_user_keymap()
        # The screen under a dialog hides its toasts (see toasts_under_dialogs).
        self.screen_change_signal.subscribe(
            self, lambda _screen: mark_toast_racks(self.screen_stack), immediate=True)
        if self.session is None and self.startup is not None:
            from .startup.driver import StartupScreen

            self.push_screen(StartupScreen(self.startup))
        else:
            self.push_screen(ApplicationsScreen())

    def apply_user_keymap(self) -> None:
        """keymap.toml's entries that are sound; the others are named in a notification."""
        try:
            keymap = load_keymap()
        except KeymapError as error:
            self.notify(str(error), title="Keymap ignored", severity="warning", markup=False)
            return
        if not keymap:
            return
        from .keymap_scopes import binding_scopes

        checked = check_keymap(keymap, binding_scopes(type(self)))
        if checked.problems:
            self.notify(checked.notice(keymap_path()), title="Keymap: entries not applied",
                        severity="warning", timeout=20, markup=False, limit=KEYMAP_NOTICE_LIMIT)
        if checked.applied:
            self.set_keymap(checked.applied)

    async def connect(self, session: Session) -> bool:
        """Switch to another account (or the first one): new client, home screen afresh.

        Called from a worker. Unsaved edits are discarded only if the user says so; an unsaved
        private key stops the switch. Returns whether it switched."""
        if self.keys_in_flight or self._blocking_screens():
            self.notify("A private key is not saved yet: finish that first.",
                        title="Not switched", severity="warning", markup=False)
            return False
        if unsaved := self.unsaved_work():
            from .screens.confirm import ConfirmModal  # a dialog: not at start-up

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
        gc.unfreeze()  # another app in this process (tests) starts from a collector as it was

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

            from .screens.confirm import ConfirmModal  # a dialog: not at start-up

            self.push_screen(ConfirmModal("Quit and discard your changes?", "\n".join(unsaved),
                                          confirm_label="Quit", danger=True), answered)
            return
        await super().action_quit()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette offers every keyed action of the screen, so nothing needs remembering;
        each once. Textual's own commands come after ours, less the ones ours already are
        ("Quit" is our quit; its "Keys" panel is our `?` help, and our "Keys" the key store)."""
        ours = list(self.screen_commands(screen))
        titles = {command.title for command in ours}
        yield from ours
        for command in super().get_system_commands(screen):
            if command.title not in titles:
                titles.add(command.title)
                yield command

    def screen_commands(self, screen: Screen[Any]) -> Iterator[SystemCommand]:
        from .screens.help import keys_of

        for row in keys_of(screen):
            if row.binding_id == "users" and (target := users_target(screen)) is not None:
                # "Users of Acme Support": the palette reads titles as markup, so escaped.
                app_id, name = target
                yield SystemCommand(
                    escape_markup(f"Users of {visible(name or app_id)}"),
                    f"{row.detail or row.description} ({row.keys})",
                    partial(self.open_users, app_id, name),
                )
            elif row.binding_id:
                yield SystemCommand(
                    row.description,
                    f"{row.detail or row.description} ({row.keys})",
                    partial(self.run_action, row.action, row.node),
                )

    def open_users(self, app_id: str, name: str | None = None) -> None:
        """The users of an application: the one way in, for `u`, the palette and a command
        line. Opening them again from their own screen does nothing."""
        from .screens.users import UsersScreen

        if self.services is None:
            return
        if isinstance(self.screen, UsersScreen) and self.screen.app_id == app_id:
            return
        self.push_screen(UsersScreen(app_id, name))

    def action_command_line(self) -> None:
        from .screens.command_line import CommandLineModal

        home = self.home_screen()
        self.push_screen(CommandLineModal(None if home is None else home.index,
                                          users_of=users_target(self.screen)),
                         self.run_command)

    def home_screen(self) -> ApplicationsScreen | None:
        return next((screen for screen in self.screen_stack
                     if isinstance(screen, ApplicationsScreen)), None)

    async def run_command(self, outcome: RunCommand | OpenApplication | None) -> None:
        """What the command line was dismissed with, run on the screen it was opened over."""
        from .commands import OpenApplication

        if outcome is None:
            return
        if isinstance(outcome, OpenApplication):
            self.open_application(outcome.app_id)
            return
        command = outcome.command
        if command == "apps":
            self.go_home()
        elif command == "users" and (target := users_target(self.screen)) is not None:
            self.open_users(*target)
        elif command == "keys":
            self.action_private_keys()
        elif command == "profiles":
            self.action_profiles()
        elif command == "help":
            self.action_help()
        elif command == "readonly":
            already = self.readonly
            self.make_readonly()
            self.notify("This session is read-only." if already else
                        "This session is read-only now, until vonage-tui quits.",
                        title="Read-only")
        elif command == "q":
            await self.action_quit()

    def open_application(self, app_id: str) -> None:
        from .screens.application_editor import ApplicationEditorScreen

        if getattr(self.screen, "app_id", None) == app_id and isinstance(
                self.screen, ApplicationEditorScreen):
            return
        self.push_screen(ApplicationEditorScreen(app_id))

    def go_home(self) -> None:
        """`:apps`: back to the list, closing the screens above it (asking first for edits)."""
        home = self.home_screen()
        if home is None or self.screen is home:
            return
        above = self.screen_stack[self.screen_stack.index(home) + 1:]
        if self.keys_in_flight or any(getattr(s, "blocks_quit", False) for s in above):
            self.notify("A private key is not saved yet: finish that first.",
                        title="Not yet", severity="warning")
            return

        def close(confirmed: bool | None = True) -> None:
            if not confirmed:
                return
            for screen in above:
                if (forget := getattr(screen, "forget_unsaved", None)) is not None:
                    forget()
            while self.screen is not home and len(self.screen_stack) > 1:
                self.pop_screen()

        unsaved = [summary for screen in above
                   if (summary := getattr(screen, "unsaved_summary", None))]
        if unsaved:
            from .screens.confirm import ConfirmModal  # a dialog: not at start-up

            self.push_screen(ConfirmModal("Go to the applications and discard your changes?",
                                          "\n".join(unsaved), confirm_label="Discard",
                                          danger=True), close)
        else:
            close()

    def action_profiles(self) -> None:
        from .screens.profiles import ProfilesScreen

        if self.startup is None:
            self.notify("The demo has no profiles: run vonage-tui without --demo.", markup=False)
            return
        if not isinstance(self.screen, ProfilesScreen):
            self.push_screen(ProfilesScreen(self.startup))

    def action_private_keys(self) -> None:
        from .screens.private_keys import PrivateKeysScreen

        if self.session is None:
            return
        if not isinstance(self.screen, PrivateKeysScreen):
            self.push_screen(PrivateKeysScreen())

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def _fatal_error(self) -> None:
        """Textual's crash report prints local variables, which can hold secrets: print none."""
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[])
        # The exception's message may quote a server: printed, never obeyed by the terminal.
        self._exit_renderables.append(Segments(
            Segment(visible(segment.text, multiline=True), segment.style, segment.control)
            if segment.control is None else segment
            for segment in self.console.render(traceback, self.console.options)
        ))
        self._close_messages_no_wait()
