"""App-level keys for the credentials screens: profiles (``P``) and private keys (``K``).

Wired into ``VonageApp`` by inheriting ``CredentialsActions`` and adding
``*CREDENTIALS_BINDINGS`` to its ``BINDINGS`` (Textual only merges bindings of DOM classes).
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

CREDENTIALS_BINDINGS = [
    Binding("P", "profiles", "Profiles", id="profiles", show=False,
            tooltip="Switch, add or delete profiles (accounts); see where credentials came from"),
    Binding("K", "private_keys", "Keys", id="private_keys", show=False,
            tooltip="Applications' private keys in the key store: import, paste, new pair, remove"),
]


class CredentialsActions:
    """Mixed into the app. ``credentials_startup`` is set by ``launch.real_app``."""

    credentials_startup: Any = None
    """The ``Startup`` of a real account (None in the demo: it has no profiles)."""

    def action_profiles(self: Any) -> None:
        from .screens.profiles import ProfilesScreen

        if self.credentials_startup is None:
            self.notify("The demo has no profiles: run vonage-tui without --demo.", markup=False)
            return
        if not isinstance(self.screen, ProfilesScreen):
            self.push_screen(ProfilesScreen(self.credentials_startup))

    def action_private_keys(self: Any) -> None:
        from .screens.private_keys import PrivateKeysScreen

        if self.session is None:
            return
        if not isinstance(self.screen, PrivateKeysScreen):
            self.push_screen(PrivateKeysScreen())
