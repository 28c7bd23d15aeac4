"""Keeping a new private key: in the vault first, in a file when the vault fails.

Vonage keeps only the public half of an application's key pair, so a private key dropped
between the API call and the store is lost for good. Every flow that makes one goes through
``store_private_key`` and, when it fails, ``write_private_key_file``.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..credentials import CredentialsError

if TYPE_CHECKING:
    from ..credentials.key_vault import KeyVault

VAULT_TIMEOUT = 15.0
"""Seconds a keyring call may take: a locked store can sit on an unlock prompt forever."""


async def store_private_key(vault: KeyVault, app_id: str, private_pem: str,
                            *, timeout: float | None = None) -> BaseException | None:
    """Store the key; None when stored, else the error (any error: keyring backends vary)."""
    timeout = VAULT_TIMEOUT if timeout is None else timeout
    try:
        await asyncio.wait_for(vault.put(app_id, private_pem), timeout)
    except (TimeoutError, asyncio.TimeoutError):
        return TimeoutError(f"the key store did not answer within {timeout:g} s")
    except Exception as error:  # noqa: BLE001
        # Kept wide on purpose: the key exists nowhere else yet, so whatever a vault raises
        # (even a bug outside its CredentialsError contract) must come back to the caller,
        # who then offers to save the key to a file, rather than unwind and lose it.
        return error
    return None


async def forget_private_key(vault: KeyVault, app_id: str,
                             *, timeout: float | None = None) -> BaseException | None:
    """Remove a stored key, best effort; None when done (or nothing was stored)."""
    timeout = VAULT_TIMEOUT if timeout is None else timeout
    try:
        await asyncio.wait_for(vault.delete(app_id), timeout)
    except (TimeoutError, asyncio.TimeoutError):
        return TimeoutError(f"the key store did not answer within {timeout:g} s")
    except CredentialsError as error:
        return error
    return None


def describe_error(error: BaseException) -> str:
    """One line for a person: the message, or the error's kind when it has none."""
    text = " ".join(str(error).split())
    return text or type(error).__name__


def expand_path(text: str) -> Path:
    return Path(os.path.expandvars(os.path.expanduser(text.strip())))


def write_private_key_file(path: str | Path, private_pem: str) -> Path:
    """Write the key to a new file readable by its owner only; never replace a file.

    ``O_EXCL`` makes the "does it exist" check and the create one step, so a file that
    appears meanwhile (or a symlink planted there) is never written through.
    """
    target = expand_path(str(path))
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)  # the umask can only narrow the mode; be explicit anyway
        data = private_pem.encode()
        written = 0
        while written < len(data):
            written += os.write(fd, data[written:])
        os.fsync(fd)
    finally:
        os.close(fd)
    return target.resolve()


def file_error_message(error: OSError, path: str | Path) -> str:
    if isinstance(error, FileExistsError):
        return f"{path} already exists; choose another name (existing files are never replaced)"
    if isinstance(error, FileNotFoundError):
        return f"{path}: no such directory"
    if isinstance(error, IsADirectoryError):
        return f"{path} is a directory"
    if isinstance(error, PermissionError):
        return f"{path}: permission denied"
    return f"{path}: {error.strerror or describe_error(error)}"
