"""An in-memory keyring backend: the real ``keyring`` API, storage in a dict. Tests only."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise PasswordDeleteError(f"no entry for {username!r}") from None


def unregistered(cls: type[KeyringBackend]) -> type[KeyringBackend]:
    """Keep a test backend out of keyring's registry of classes, so that keyring's own
    detection (``keyring.get_keyring()``, run by the autouse fixture) never picks or builds it."""
    KeyringBackend._classes.discard(cls)  # type: ignore[attr-defined]
    return cls


@unregistered
class LimitedKeyring(MemoryKeyring):
    """Refuses values longer than ``limit`` characters, like Windows Credential Manager (1,280)."""

    def __init__(self, limit: int = 1280) -> None:
        super().__init__()
        self.limit = limit
        self.writes: list[tuple[str, int]] = []  # (username, length) of every accepted write

    def set_password(self, service: str, username: str, password: str) -> None:
        if len(password) > self.limit:
            from keyring.errors import PasswordSetError

            raise PasswordSetError(f"value of {len(password)} characters exceeds {self.limit}")
        self.writes.append((username, len(password)))
        super().set_password(service, username, password)
