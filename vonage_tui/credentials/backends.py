"""Choosing a keyring backend: operating-system stores only, and a reason for each one refused.

``keyring`` on its own picks the highest-priority *viable* backend, which on a headless box is
``fail.Keyring`` (every call raises) or, with file backends installed, one that asks for a
passphrase with ``getpass`` on the terminal underneath the TUI, or one that writes plain text.
So vonage-tui makes its own choice among the OS stores below and, when none is usable, says why
for each one (their own ``priority`` error messages), so the UI can offer the alternatives.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from keyring.backend import KeyringBackend

from .errors import BackendReport, KeyringUnavailable

ENV_BACKEND = "PYTHON_KEYRING_BACKEND"


@dataclass(frozen=True)
class KnownBackend:
    """An OS credential store ``keyring`` ships a backend for."""

    name: str
    module: str
    class_name: str

    @property
    def qualified_name(self) -> str:
        return f"{self.module}.{self.class_name}"


OS_BACKENDS: tuple[KnownBackend, ...] = (
    KnownBackend("Secret Service (GNOME Keyring, KeePassXC)", "keyring.backends.SecretService", "Keyring"),
    KnownBackend("libsecret", "keyring.backends.libsecret", "Keyring"),
    KnownBackend("KWallet", "keyring.backends.kwallet", "DBusKeyring"),
    KnownBackend("KWallet 4", "keyring.backends.kwallet", "DBusKeyringKWallet4"),
    KnownBackend("macOS Keychain", "keyring.backends.macOS", "Keyring"),
    KnownBackend("Windows Credential Manager", "keyring.backends.Windows", "WinVaultKeyring"),
)

ChoiceSource = Literal["installed", "environment", "automatic"]


@dataclass(frozen=True)
class BackendChoice:
    """The backend to use, how it was chosen, and every candidate's report for a details view."""

    backend: KeyringBackend
    name: str
    source: ChoiceSource
    reports: tuple[BackendReport, ...] = ()
    notes: tuple[str, ...] = ()  # e.g. why PYTHON_KEYRING_BACKEND was ignored


_UNSET: object = object()


def choose_backend(
    *,
    candidates: Iterable[KnownBackend] = OS_BACKENDS,
    environ: Mapping[str, str] | None = None,
    installed: KeyringBackend | None | object = _UNSET,
) -> BackendChoice:
    """The keyring backend for the ``os`` secret store, or ``KeyringUnavailable`` saying why not.

    In order: a backend installed with ``keyring.set_keyring`` (an embedding program's or a
    test's choice), ``PYTHON_KEYRING_BACKEND``, then the usable OS store of highest priority.
    The first two are honoured only if they are neither plain text, nor null/fail, nor a
    backend that would prompt on the terminal. This may block (D-Bus): call it off the UI thread.
    """
    environ = os.environ if environ is None else environ
    notes: list[str] = []

    current = _installed_backend() if installed is _UNSET else installed
    if isinstance(current, KeyringBackend):
        reason = refusal_reason(type(current))
        if reason is None:
            return BackendChoice(current, _display_name(type(current)), "installed")
        notes.append(f"The backend set for this program ({_qualified(type(current))}) {reason}.")

    wanted = environ.get(ENV_BACKEND, "").strip()
    if wanted:
        backend, report = _load_named(wanted)
        if backend is not None:
            return BackendChoice(backend, report.name, "environment", (report,))
        notes.append(f"{ENV_BACKEND}={wanted} ignored: it {report.reason}.")

    probed = diagnose(candidates)
    reports = [report for report, _ in probed]
    usable = sorted(
        ((index, cls) for index, (report, cls) in enumerate(probed) if cls is not None),
        key=lambda pair: -(reports[pair[0]].priority or 0),
    )
    for index, cls in usable:
        try:
            backend = cls()
        except Exception as error:  # noqa: BLE001 - a backend that cannot start is unusable
            reports[index] = _rejected(reports[index], f"failed to start: {_describe(error)}")
            continue
        return BackendChoice(backend, reports[index].name, "automatic", tuple(reports), tuple(notes))
    raise KeyringUnavailable(reports, summary=_summary(notes))


def diagnose(
    candidates: Iterable[KnownBackend] = OS_BACKENDS,
) -> list[tuple[BackendReport, type[KeyringBackend] | None]]:
    """Each candidate with its priority, or the reason it cannot be used here."""
    results = []
    for known in candidates:
        try:
            module = importlib.import_module(known.module)
            cls = getattr(module, known.class_name)
        except Exception as error:  # noqa: BLE001 - ImportError, or a module failing on import
            reason = f"cannot be loaded: {_describe(error)}"
            results.append((BackendReport(known.name, known.qualified_name, None, reason), None))
            continue
        report = _probe(cls, known.name)
        results.append((report, cls if report.usable else None))
    return results


def refusal_reason(cls: type[KeyringBackend]) -> str | None:
    """Why vonage-tui never uses this backend class for secrets, or None if it may."""
    from keyring.backends import chainer, fail, null

    names = {klass.__name__ for klass in cls.__mro__}
    if getattr(cls, "never_prompts", False):
        return None  # our own encrypted-file backend, unlocked programmatically
    if "PlaintextKeyring" in names or "plaintext" in _qualified(cls).lower():
        return "stores secrets in plain text"
    if issubclass(cls, null.Keyring):
        return "stores nothing (it disables the keyring)"
    if issubclass(cls, fail.Keyring):
        return "is keyring's placeholder when no backend works"
    if issubclass(cls, chainer.ChainerBackend):
        return "chains every installed backend, plain-text ones included"
    if "EncryptedKeyring" in names or hasattr(cls, "_get_new_password"):
        return "would ask for its passphrase on the terminal; choose the encrypted-file option instead"
    return None


def _probe(cls: type[KeyringBackend], name: str) -> BackendReport:
    qualified = _qualified(cls)
    try:
        # A backend's priority raises (usually RuntimeError) with the reason it is unsuitable.
        priority = float(cls.priority)
    except Exception as error:  # noqa: BLE001 - whatever it raises is its reason
        return BackendReport(name, qualified, None, _describe(error))
    if priority <= 0:
        return BackendReport(name, qualified, None, f"reports priority {priority:g}: not suitable here")
    return BackendReport(name, qualified, priority, None)


def _load_named(qualified: str) -> tuple[KeyringBackend | None, BackendReport]:
    module_name, _, class_name = qualified.rpartition(".")
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
        if not (isinstance(cls, type) and issubclass(cls, KeyringBackend)):
            raise TypeError("not a keyring backend class")
    except Exception as error:  # noqa: BLE001
        return None, BackendReport(qualified, qualified, None, f"cannot be loaded ({_describe(error)})")
    refusal = refusal_reason(cls)
    if refusal is not None:
        return None, BackendReport(_display_name(cls), qualified, None, refusal)
    report = _probe(cls, _display_name(cls))
    if not report.usable:
        return None, _rejected(report, f"is not usable here ({report.reason})")
    try:
        return cls(), report
    except Exception as error:  # noqa: BLE001
        return None, _rejected(report, f"failed to start ({_describe(error)})")


def _installed_backend() -> KeyringBackend | None:
    # keyring keeps the backend chosen by set_keyring (or by its own detection, if something
    # already called get_keyring) here; reading it does not trigger detection.
    import keyring.core

    return getattr(keyring.core, "_keyring_backend", None)


def _rejected(report: BackendReport, reason: str) -> BackendReport:
    return BackendReport(report.name, report.qualified_name, None, reason)


def _summary(notes: list[str]) -> str:
    return " ".join(["No usable operating-system keyring was found.", *notes])


def _display_name(cls: type[KeyringBackend]) -> str:
    qualified = _qualified(cls)
    for known in OS_BACKENDS:
        if known.qualified_name == qualified:
            return known.name
    return qualified


def _qualified(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _describe(error: BaseException) -> str:
    text = str(error).strip()
    return text if text else type(error).__name__
