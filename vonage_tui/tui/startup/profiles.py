"""The saved profiles as the profiles screen lists them and deletes one; nothing here raises."""

from __future__ import annotations

from collections.abc import Callable

from ...credentials import (
    AsyncSecretStore,
    CredentialStoreError,
    Profile,
    ProfileError,
    ProfileStore,
)
from .texts import backend_label, store_message


class SavedProfiles:
    """The profiles file, read afresh on each call (another run may have changed it)."""

    def __init__(self, store: ProfileStore,
                 open_secrets: Callable[[], AsyncSecretStore | None]) -> None:
        self.store = store
        self.open_secrets = open_secrets
        """The secret store this run has open now, if any (a profile's secret is deleted there)."""

    def all(self) -> list[Profile]:
        try:
            return list(self.store.load().profiles)
        except ProfileError:
            return []

    def default_name(self) -> str | None:
        try:
            return self.store.load().default
        except ProfileError:
            return None

    def names(self) -> set[str]:
        return {profile.name for profile in self.all()}

    async def delete(self, name: str) -> str | None:
        """Remove a profile and its stored secret; a message when something failed."""
        try:
            profile = self.store.get(name)
        except ProfileError as error:
            return str(error)
        secrets = self.open_secrets()
        if secrets is None or secrets.kind != profile.backend:
            return (f"The secret of {name!r} is in the {backend_label(profile.backend)}, which is "
                    "not open now: switch to a profile that uses it first.")
        try:
            await secrets.delete_api_secret(name)
        except CredentialStoreError as error:
            return store_message(error)
        try:
            self.store.delete(name)
        except ProfileError as error:
            return str(error)
        return None
