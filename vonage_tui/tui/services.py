"""What a flow works with, typed: the account's client, where private keys live, whether
changes are allowed, and where to say things.

The app builds one per connected account (``VonageApp.services``) and a flow takes it instead of
the app, so a flow can be run and tested with nothing but these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from textual.notifications import SeverityLevel

from .session import KeyVault

if TYPE_CHECKING:
    from ..api import VonageClient


class Notifier(Protocol):
    """Says something to the person at the terminal (the app's ``notify``)."""

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None: ...


@dataclass(frozen=True)
class Services:
    client: VonageClient
    """The connected account's client (one connection pool, closed when the account changes)."""
    key_vault: KeyVault
    """Applications' private keys: the keyring, or memory in the demo."""
    readonly: bool
    """``--readonly``: nothing may change anything."""
    notifier: Notifier
    profile_name: str
    """The account's name as the header shows it (``demo``, ``env``, a profile)."""
    demo: bool
    """Connected to the local emulator of ``--demo``."""
