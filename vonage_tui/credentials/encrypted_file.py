"""The encrypted-file secret store for boxes with no OS keyring: keyrings.cryptfile, never prompting.

``CryptFileKeyring`` asks for its passphrase with ``getpass`` whenever its ``keyring_key`` is
unset: when the file is first created (``_get_new_password``), when an existing file is first
read (``_unlock``), and again after a wrong passphrase (``_lock`` clears the key). Under a TUI
that prompt would be invisible and hang the app. The subclass below replaces both prompts with
errors, and the passphrase is always set up front, from a TUI modal or
``VONAGE_TUI_KEYRING_PASSPHRASE``.

Verification: setting ``keyring_key`` on an existing file decrypts the entry
``[keyring-setting] password reference``; AES-GCM's tag check fails with ``ValueError`` ("MAC
check failed") for a wrong passphrase — cryptfile's own ``_unlock`` only catches
``AssertionError`` and would leave the wrong key set, so ``_unlock`` is replaced too.

The Argon2 cost is not recorded in the file, only the scheme name: a file can only be opened
with the parameters it was written with. Production always uses cryptfile's defaults; tests
pass cheap ones.
"""

from __future__ import annotations

import configparser
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from jaraco.classes import properties
from keyrings.cryptfile.cryptfile import (
    DEFAULT_MEMORY_COST,
    DEFAULT_PARALLELISM,
    DEFAULT_TIME_COST,
    CryptFileKeyring,
)
from keyrings.cryptfile.escape import escape as escape_for_ini

from ..secret import SecretStr
from .errors import BackendError, PassphraseRequired, WrongPassphrase, scrub
from .paths import data_dir, ensure_private_dir, write_private_file

PASSPHRASE_ENV = "VONAGE_TUI_KEYRING_PASSPHRASE"
ENCRYPTED_FILE_NAME = "secrets.cfg"

_REFERENCE = ("keyring-setting", "password reference")
_REFERENCE_VALUE = "password reference value"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost of deriving the file key from the passphrase (time, KiB of memory, lanes)."""

    time_cost: int = DEFAULT_TIME_COST
    memory_cost: int = DEFAULT_MEMORY_COST
    parallelism: int = DEFAULT_PARALLELISM


DEFAULT_KDF = KdfParams()


def encrypted_file_path() -> Path:
    """``$XDG_DATA_HOME/vonage-tui/secrets.cfg``."""
    return data_dir() / ENCRYPTED_FILE_NAME


def encrypted_file_exists(path: Path | None = None) -> bool:
    """Whether the file has been created (then ask for its passphrase; else ask for a new one twice)."""
    path = path or encrypted_file_path()
    config = configparser.RawConfigParser()
    try:
        config.read(path, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        return True  # something is there; opening it will say what is wrong
    return config.has_option(escape_for_ini(_REFERENCE[0]), escape_for_ini(_REFERENCE[1]))


def passphrase_from_environment(environ: Mapping[str, str] | None = None) -> SecretStr | None:
    value = (os.environ if environ is None else environ).get(PASSPHRASE_ENV, "")
    return SecretStr(value) if value.strip() else None


class PassphraseCryptFileKeyring(CryptFileKeyring):
    """A ``CryptFileKeyring`` at a given path that raises instead of prompting for a passphrase."""

    never_prompts = True  # read by backends.refusal_reason

    @properties.classproperty
    def priority(cls) -> float:
        # Raising makes keyring's own detection skip this class: it is only opened explicitly.
        raise RuntimeError("opened explicitly by vonage-tui, never chosen automatically")

    def __str__(self) -> str:  # KeyringBackend.__str__ reads the priority
        return repr(self)

    def __init__(self, path: Path, kdf: KdfParams = DEFAULT_KDF,
                 check_with: tuple[str, str] | None = None) -> None:
        """``check_with``: the entry (service, username) the caller reads next, if it knows.
        The passphrase is then checked by decrypting that entry rather than the reference:
        each entry has its own salt, so each costs an Argon2 run (~0.35 s with cryptfile's
        cost), and a start that checked the reference and then read the API secret paid two.
        Its value is kept for that one read."""
        super().__init__()
        self.file_path = str(path)
        self.time_cost = kdf.time_cost
        self.memory_cost = kdf.memory_cost
        self.parallelism = kdf.parallelism
        self._check_with = check_with
        self._read_while_checking: dict[tuple[str, str], str] = {}

    def _get_new_password(self) -> str:
        raise PassphraseRequired("Choose a passphrase for the new encrypted secrets file.")

    def _unlock(self) -> None:
        if self._keyring_key is None:
            raise PassphraseRequired("Enter the passphrase of the encrypted secrets file.")
        # Either entry proves the passphrase: AES-GCM's tag only matches under the key it was
        # written with. The reference is known to decrypt to its value; any other entry must
        # at least decrypt.
        entry = self._check_with if self._check_with and self._has(*self._check_with) \
            else _REFERENCE
        try:
            value = super().get_password(*entry)
        except ValueError:  # AES-GCM tag mismatch: another key
            value = None
        if value is None or (entry == _REFERENCE and value != _REFERENCE_VALUE):
            self._keyring_key = None
            raise WrongPassphrase("That passphrase does not open the encrypted secrets file.")
        if entry != _REFERENCE:
            self._read_while_checking[entry] = value

    def get_password(self, service: str, username: str) -> str | None:
        kept = self._read_while_checking.pop((service, username), None)
        return kept if kept is not None else super().get_password(service, username)

    def _has(self, service: str, username: str) -> bool:
        return self._read_config().has_option(escape_for_ini(service), escape_for_ini(username))

    # cryptfile rewrites its whole file in place with open("w"): a crash mid-write would lose
    # every secret in it. Write a complete new file and rename it over the old one instead.

    def _write_config_value(self, service: str, key: str, value: str) -> None:
        self._read_while_checking.pop((service, key), None)  # no longer the value
        config = self._read_config()
        section = escape_for_ini(service)
        if not config.has_section(section):
            config.add_section(section)
        config.set(section, escape_for_ini(key), value)
        self._write_config(config)

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        self._read_while_checking.pop((service, username), None)
        config = self._read_config()
        try:
            removed = config.remove_option(escape_for_ini(service), escape_for_ini(username))
        except configparser.NoSectionError:
            removed = False
        if not removed:
            raise PasswordDeleteError("Password not found")
        self._write_config(config)

    def _read_config(self) -> configparser.RawConfigParser:
        config = configparser.RawConfigParser()
        config.read(self.file_path, encoding="utf-8")
        return config

    def _write_config(self, config: configparser.RawConfigParser) -> None:
        buffer = io.StringIO()
        config.write(buffer)
        write_private_file(Path(self.file_path), buffer.getvalue())


def open_encrypted_file(
    passphrase: SecretStr | str | None = None,
    *,
    path: Path | None = None,
    kdf: KdfParams = DEFAULT_KDF,
    environ: Mapping[str, str] | None = None,
    check_with: tuple[str, str] | None = None,
) -> PassphraseCryptFileKeyring:
    """The encrypted file, unlocked (or created) with ``passphrase`` or the environment's;
    ``check_with``: the entry to be read first, which then checks the passphrase (one Argon2
    run for both, see ``PassphraseCryptFileKeyring``).

    Raises ``PassphraseRequired`` with no passphrase, ``WrongPassphrase`` when it does not open
    an existing file. Slow on purpose (Argon2): call it off the UI thread.
    """
    if passphrase is None:
        passphrase = passphrase_from_environment(environ)
    text = passphrase.get_secret_value() if isinstance(passphrase, SecretStr) else passphrase
    if not text or not text.strip():
        raise PassphraseRequired("The encrypted secrets file needs a passphrase.")
    path = path or encrypted_file_path()
    ensure_private_dir(path.parent)
    ring = PassphraseCryptFileKeyring(path, kdf, check_with)
    try:
        ring.keyring_key = text  # the setter creates the file or verifies the passphrase
    except (PassphraseRequired, WrongPassphrase):
        raise
    except (ValueError, OSError, configparser.Error) as error:
        # e.g. "Encryption scheme mismatch": a file written by another cryptfile scheme.
        message = scrub(str(error), [text])
        raise BackendError(f"Cannot open the encrypted secrets file {path}: {message}") from None
    return ring
