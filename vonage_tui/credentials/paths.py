"""Where vonage-tui keeps its files: XDG base directories, with the usual fallbacks."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

APP_DIR_NAME = "vonage-tui"


def config_dir() -> Path:
    """``$XDG_CONFIG_HOME/vonage-tui`` (``~/.config/vonage-tui`` when unset): non-secret files."""
    return _xdg("XDG_CONFIG_HOME", Path.home() / ".config") / APP_DIR_NAME


def data_dir() -> Path:
    """``$XDG_DATA_HOME/vonage-tui`` (``~/.local/share/vonage-tui``): the encrypted secrets file."""
    return _xdg("XDG_DATA_HOME", Path.home() / ".local" / "share") / APP_DIR_NAME


def state_dir() -> Path:
    """``$XDG_STATE_HOME/vonage-tui`` (``~/.local/state/vonage-tui``): what outlives a session
    but is no configuration (the audit log, the journal of unsaved edits)."""
    return _xdg("XDG_STATE_HOME", Path.home() / ".local" / "state") / APP_DIR_NAME


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it ``0700``: it holds our credentials files."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)  # mkdir's mode is masked by umask and ignored for an existing dir
    return path


def _xdg(variable: str, fallback: Path) -> Path:
    value = os.environ.get(variable, "")
    # The XDG spec says a relative path in these variables is invalid and must be ignored.
    return Path(value) if value and os.path.isabs(value) else fallback


def write_private_file(path: Path, text: str) -> None:
    """Replace ``path`` atomically with ``text``: a 0600 temp file in a 0700 dir, then a rename.

    A crash leaves either the old file or the new one, never half of one.
    """
    directory = ensure_private_dir(path.parent)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        os.fchmod(descriptor, 0o600)  # mkstemp's mode already; explicit because it matters
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_dir(directory)


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable; not every platform lets a directory be opened.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
