"""Builds the TUI against the emulator in-process, for Pilot and snapshot tests.

The app gets a real VonageClient whose transport is the emulator's ASGI app: real HTTP
semantics, no socket, deterministic seed data.
"""

from __future__ import annotations

import asyncio
from functools import lru_cache
from typing import Any

import httpx
import pytest
from keyring.errors import KeyringLocked
from rich.color import ColorSystem
from rich.console import COLOR_SYSTEMS
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.filter import LineFilter
from textual.keys import _character_to_key, key_to_character
from textual.widgets import Input

from vonage_tui.emulator import EmulatorStore, create_app
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.screens.file_prompt import FilePromptModal
from vonage_tui.credentials.key_vault import MemoryKeyVault
from vonage_tui.tui.session import Session

API_KEY = "test0key"
API_SECRET = "test-secret-not-real"
LARGE = (140, 45)
SMALL = (80, 24)
MEDIUM = (120, 40)
HUGE = (200, 50)


def size_id(size: tuple[int, int]) -> str:
    """The id a snapshot's file name carries for its terminal size: ``80x24``, ``140x45``."""
    return f"{size[0]}x{size[1]}"


def at_sizes(*sizes: tuple[int, int]) -> pytest.MarkDecorator:
    """Parametrize a snapshot test's ``size`` over these terminal sizes, ids from size_id."""
    return pytest.mark.parametrize("size", sizes, ids=size_id)


SIZES = at_sizes(SMALL, LARGE)  # every screen at 80×24 and at a large terminal
LAYOUT_SIZES = at_sizes(SMALL, MEDIUM, HUGE)
"""The lists and the editor, which fit their columns and page to the terminal (issue 10)."""


def screen_lines(app: Any) -> list[str]:
    """The screen as the terminal shows it, one string a line (trailing blanks removed)."""
    return ["".join(segment.text for segment in strip).rstrip()
            for strip in app.screen._compositor.render_strips()]


def seeded_store(apps: int = 30, users_per_app: int = 3, seed: int = 11) -> EmulatorStore:
    return EmulatorStore.seeded(apps=apps, users_per_app=users_per_app, seed=seed)


def crowded_store() -> EmulatorStore:
    """Six applications: the second has 250 users, the fifth 120."""
    return seeded_store(apps=6)


def with_keys(store: EmulatorStore) -> MemoryKeyVault:
    """A key vault holding every application's private key (the users lists need them)."""
    return MemoryKeyVault({app_id: store.private_key_for(app_id) for app_id in store.applications})


async def open_users(pilot: Any, row: int = 1) -> Any:
    """The users of the application on list row ``row`` (0-based), every worker done."""
    from vonage_tui.tui.screens.users import UsersScreen

    await settle(pilot)
    for _ in range(row):
        await pilot.press("down")
    await pilot.press("u")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, UsersScreen))
    await settle(pilot)
    return pilot.app.screen


def make_session(store: EmulatorStore | None = None, *, readonly: bool = False,
                 vault: Any = None, **emulator_options: Any) -> Session:
    store = store if store is not None else seeded_store()
    emulator = create_app(store, api_key=API_KEY, api_secret=API_SECRET, **emulator_options)
    return Session(
        client_options={
            "api_key": API_KEY,
            "api_secret": API_SECRET,
            "base_url": "http://127.0.0.1",
            "transport": httpx.ASGITransport(app=emulator),
        },
        key_vault=vault if vault is not None else MemoryKeyVault(),
        profile_name="test",
        demo=False,
        readonly=readonly,
    )


def make_app(store: EmulatorStore | None = None, **kwargs: Any) -> VonageApp:
    return VonageApp(make_session(store, **kwargs))


async def settle(pilot: Any) -> None:
    """Wait until every worker is done and the screen has caught up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_until(pilot: Any, predicate: Any, what: str = "the condition", *,
                     timeout: float = 10.0) -> None:
    """Wait for a condition that a flow holding a modal reaches (settle() would never return)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}; screen is {pilot.app.screen!r}")
        await pilot.pause(0.02)


def on(cls: type) -> Any:
    """A condition for wait_until: the screen on top is a mounted ``cls``.

    Curried on the pilot: ``wait_until(pilot, on(SomeScreen)(pilot))``."""
    return lambda pilot: lambda: isinstance(pilot.app.screen, cls) and pilot.app.screen.is_mounted


def shown_bindings(screen: Any) -> dict[str, str]:
    """The keys the screen offers in its footer now (shown and enabled), and their labels."""
    return {key: binding.description for key, (_, binding, enabled, _) in
            screen.active_bindings.items() if binding.show and enabled}


TYPED = {"enter": "\r", "slash": "/"}
"""What a terminal sends for the keys ``textual.keys.key_to_character`` has no character for."""


def burst(app: Any, keys: list[str]) -> None:
    """Every key in the app's queue at once, as a fast typist, a paste over SSH or a password
    manager's auto-type delivers them (``pilot.press`` waits for the app to go idle between
    keys, which hides the races of a focus moved a message later). ``keys``: characters
    (``[*"Stark"]``) or Textual key names (``"enter"``, ``"tab"``)."""
    for key in keys:
        if len(key) == 1:
            key, character = _character_to_key(key), key
        else:
            character = TYPED.get(key) or key_to_character(key)
        event = events.Key(key, character)
        event.set_sender(app)
        app._driver.send_message(event)


async def wait_for_screen(pilot: Any, kind: type) -> Any:
    """Wait until a ``kind`` screen is on top; returns it."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind), kind.__name__)
    await pilot.pause()
    return pilot.app.screen


async def answer_path(pilot: Any, path: Any) -> None:
    """Answer the file prompt with ``path`` once it is open."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, FilePromptModal))
    pilot.app.screen.query_one("#file-path", Input).value = str(path)
    await pilot.press("enter")


def notifications(app: VonageApp) -> list[str]:
    """Title and message of every notification on show."""
    return [f"{n.title} {n.message}" for n in app._notifications]


class LockedVault(MemoryKeyVault):
    """A key store that refuses every write, as a locked keyring does."""

    async def put(self, app_id: str, private_pem: str) -> None:
        raise KeyringLocked("the collection is locked")


@lru_cache(maxsize=4096)
def _downgraded(style: Style, system: ColorSystem) -> Style:
    color = style.color.downgrade(system) if style.color else None
    bgcolor = style.bgcolor.downgrade(system) if style.bgcolor else None
    return style + Style.from_color(color, bgcolor)


class TerminalColours(LineFilter):
    """Every colour downgraded to ``system``, as Textual does when it writes to the terminal
    (``Strip.render`` → ``Color.downgrade`` to the console's colour system)."""

    def __init__(self, system: ColorSystem) -> None:
        super().__init__()
        self.system = system

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [Segment(text, None if style is None else _downgraded(style, self.system), control)
                for text, style, control in segments]


class AsTheTerminalShowsIt(VonageApp):
    """The app, drawn in the colours its terminal gets.

    Textual picks the colour system from TEXTUAL_COLOR_SYSTEM, by default "auto": its console
    then reads TERM and COLORTERM (TERM=xterm → 16 colours) and downgrades every colour only when
    writing to the terminal. Screenshots (``App.export_screenshot``, used by ``snap_compare``)
    always draw truecolor, so this app applies the same downgrade before they are taken."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._terminal_colours = TerminalColours(COLOR_SYSTEMS[self.console.color_system])

    def get_line_filters(self) -> list[LineFilter]:
        return [*super().get_line_filters(), self._terminal_colours]


async def open_then_escape(pilot: Any, keys_to_open: tuple[str, ...], kind: type,
                           back_to: Any = None) -> Any:
    """Press ``keys_to_open``, expect a ``kind`` on top, leave it with esc: the app is still
    running and the screen below (or ``back_to``) is on top again."""
    app = pilot.app
    before = back_to or app.screen
    await pilot.press(*keys_to_open)
    await wait_until(pilot, lambda: isinstance(app.screen, kind) and app.screen.is_mounted)
    opened = app.screen
    await pilot.pause()
    await pilot.press("escape")
    await wait_until(pilot, lambda: app.screen is before or not app.is_running)
    assert app.is_running, f"leaving {kind.__name__} ended the app"
    assert app.return_code is None
    await pilot.pause()
    return opened
