"""Automatic backend choice: OS stores only, and a reason for every one refused."""

from __future__ import annotations

import sys

import pytest
from keyring.backends import chainer, fail, null
from keyring.compat import properties
from keyrings.cryptfile.cryptfile import CryptFileKeyring
from keyrings.cryptfile.file import PlaintextKeyring

from tests.memory_keyring import MemoryKeyring, unregistered
from vonage_tui.credentials import (
    OS_BACKENDS,
    KeyringUnavailable,
    KnownBackend,
    choose_backend,
    refusal_reason,
)


@unregistered
class NoBusKeyring(MemoryKeyring):
    @properties.classproperty
    def priority(cls):
        raise RuntimeError("Environment variable DBUS_SESSION_BUS_ADDRESS is unset")


@unregistered
class NoWalletKeyring(MemoryKeyring):
    @properties.classproperty
    def priority(cls):
        raise RuntimeError("The KWallet daemon is neither running nor activatable through D-Bus")


@unregistered
class LowKeyring(MemoryKeyring):
    priority = 2  # type: ignore[assignment]


@unregistered
class HighKeyring(MemoryKeyring):
    priority = 5  # type: ignore[assignment]


@unregistered
class ZeroKeyring(MemoryKeyring):
    priority = 0  # type: ignore[assignment]


@unregistered
class BrokenStartKeyring(MemoryKeyring):
    priority = 9  # type: ignore[assignment]

    def __init__(self):
        raise OSError("cannot connect")


def known(cls) -> KnownBackend:
    return KnownBackend(cls.__name__, __name__, cls.__name__)


MISSING = KnownBackend("Imaginary store", "vonage_tui_no_such_module", "Keyring")


def test_no_usable_backend_gives_each_ones_reason_even_with_fail_keyring_installed():
    with pytest.raises(KeyringUnavailable) as caught:
        choose_backend(
            candidates=[known(NoBusKeyring), known(NoWalletKeyring), MISSING, known(ZeroKeyring)],
            installed=fail.Keyring(),
            environ={},
        )
    reasons = {report.name: report.reason for report in caught.value.reports}
    assert reasons["NoBusKeyring"] == "Environment variable DBUS_SESSION_BUS_ADDRESS is unset"
    assert "KWallet daemon is neither running" in reasons["NoWalletKeyring"]
    assert reasons["Imaginary store"].startswith("cannot be loaded: No module named")
    assert "priority 0" in reasons["ZeroKeyring"]
    message = str(caught.value)
    assert "DBUS_SESSION_BUS_ADDRESS is unset" in message
    assert "placeholder when no backend works" in message  # why fail.Keyring was not taken


def test_the_highest_priority_usable_os_store_wins():
    choice = choose_backend(
        candidates=[known(NoBusKeyring), known(LowKeyring), known(HighKeyring), known(BrokenStartKeyring)],
        installed=None,
        environ={},
    )
    assert type(choice.backend) is HighKeyring
    assert choice.source == "automatic"
    reports = {report.name: report for report in choice.reports}
    assert reports["LowKeyring"].usable and reports["LowKeyring"].priority == 2
    assert not reports["NoBusKeyring"].usable
    assert "failed to start: cannot connect" in reports["BrokenStartKeyring"].reason


def test_an_installed_backend_is_used_when_acceptable(memory_keyring):
    choice = choose_backend(candidates=[], environ={})
    assert choice.backend is memory_keyring and choice.source == "installed"


@pytest.mark.parametrize(
    ("backend_class", "reason"),
    [
        (PlaintextKeyring, "plain text"),
        (null.Keyring, "stores nothing"),
        (fail.Keyring, "placeholder"),
        (chainer.ChainerBackend, "plain-text ones included"),
        (CryptFileKeyring, "ask for its passphrase on the terminal"),
    ],
)
def test_plaintext_null_fail_chainer_and_prompting_backends_are_refused(backend_class, reason):
    assert reason in refusal_reason(backend_class)
    with pytest.raises(KeyringUnavailable, match=reason):
        choose_backend(
            candidates=[known(NoBusKeyring)],
            installed=None,
            environ={"PYTHON_KEYRING_BACKEND": f"{backend_class.__module__}.{backend_class.__name__}"},
        )


def test_python_keyring_backend_is_respected_when_acceptable():
    choice = choose_backend(
        candidates=[known(HighKeyring)],
        installed=None,
        environ={"PYTHON_KEYRING_BACKEND": f"{__name__}.LowKeyring"},
    )
    assert type(choice.backend) is LowKeyring and choice.source == "environment"


def test_an_unusable_python_keyring_backend_falls_back_to_the_os_stores_with_a_note():
    choice = choose_backend(
        candidates=[known(HighKeyring)],
        installed=None,
        environ={"PYTHON_KEYRING_BACKEND": f"{__name__}.NoBusKeyring"},
    )
    assert type(choice.backend) is HighKeyring
    assert "DBUS_SESSION_BUS_ADDRESS is unset" in choice.notes[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux reasons")
def test_real_os_backends_explain_themselves_on_a_headless_linux(monkeypatch):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    with pytest.raises(KeyringUnavailable) as caught:
        choose_backend(installed=None, environ={})
    reports = {report.qualified_name: report for report in caught.value.reports}
    assert set(reports) == {known.qualified_name for known in OS_BACKENDS}
    assert all(report.reason for report in reports.values())
    secret_service = reports["keyring.backends.SecretService.Keyring"]
    assert "DBUS_SESSION_BUS_ADDRESS" in secret_service.reason or "SecretStorage" in secret_service.reason
    assert "macOS" in reports["keyring.backends.macOS.Keyring"].reason
