"""What a flow works with, typed: the account's client, where private keys live, whether
changes are allowed, and where to say things.

The app builds one per connected account (``VonageApp.services``) and a flow takes it instead of
the app, so a flow can be run and tested with nothing but these.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from textual.app import App
from textual.notifications import SeverityLevel
from textual.screen import Screen

if TYPE_CHECKING:
    from ..api import VonageClient
    from ..credentials.key_vault import KeyVault


class Notifier(Protocol):
    """Says something to the person at the terminal (the app's ``notify``)."""

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None: ...


ResultT = TypeVar("ResultT")


class FlowUI(Protocol):
    """What a flow asks of the app besides the account (the app itself provides it)."""

    @property
    def screen_stack(self) -> list[Screen[Any]]:
        """Every open screen: writes are announced to each (``announcements.py``)."""
        ...

    async def push_screen_wait(self, screen: Screen[ResultT]) -> ResultT:
        """Show a modal and wait for its answer (only from a worker)."""
        ...

    def holding_unsaved_key(self) -> AbstractContextManager[None]:
        """Refuse quitting and switching accounts while a new private key exists only here."""
        ...


class Services:
    """One connected account's, never changed: a flow keeps the one it started with (going
    read-only makes a new one, ``read_only``)."""

    # A plain class, not a frozen dataclass: every start imports it, and the dataclass's
    # generated methods cost ~0.75 ms to compile at import.
    __slots__ = ("client", "key_vault", "readonly", "notifier", "profile_name", "demo", "ui")

    def __init__(self, *, client: VonageClient, key_vault: KeyVault, readonly: bool,
                 notifier: Notifier, profile_name: str, demo: bool, ui: FlowUI) -> None:
        self.client = client
        """The connected account's client (one connection pool, closed when the account
        changes)."""
        self.key_vault = key_vault
        """Applications' private keys: the keyring, or memory in the demo."""
        self.readonly = readonly
        """``--readonly``: nothing may change anything."""
        self.notifier = notifier
        self.profile_name = profile_name
        """The account's name as the header shows it (``demo``, ``env``, a profile)."""
        self.demo = demo
        """Connected to the local emulator of ``--demo``."""
        self.ui = ui
        """Modals, announcements and the unsaved-key guard: the app."""

    def read_only(self) -> Services:
        """The same account's services with nothing allowed to change anything."""
        return Services(client=self.client, key_vault=self.key_vault, readonly=True,
                        notifier=self.notifier, profile_name=self.profile_name, demo=self.demo,
                        ui=self.ui)


def services_of(app: App[Any]) -> Services:
    """The connected account's services. Screens that start flows exist only once an account
    is connected, so a missing one is a bug, not a state to handle."""
    services: Services | None = getattr(app, "services", None)
    if services is None:
        raise RuntimeError("no account is connected")
    return services
