"""Test keyring backends for the credentials UI tests."""

from __future__ import annotations

from jaraco.classes import properties
from keyring.backend import KeyringBackend

from tests.memory_keyring import unregistered


@unregistered
class NoBusKeyring(KeyringBackend):
    """Never usable: stands in for Secret Service on a box without a session bus."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("no session bus here")

    def get_password(self, service, username):  # pragma: no cover - never chosen
        raise AssertionError

    def set_password(self, service, username, password):  # pragma: no cover
        raise AssertionError

    def delete_password(self, service, username):  # pragma: no cover
        raise AssertionError
