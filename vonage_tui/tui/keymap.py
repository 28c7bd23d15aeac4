"""User key remapping: ``keymap.toml`` in the config dir maps binding ids to keys.

    [keymap]
    "page.next" = "j,right_square_bracket"
    "quit" = "ctrl+q"

Every Binding in the app carries an id for this; `?` shows the keys in force.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from ..credentials.paths import config_dir

KEYMAP_FILE = "keymap.toml"


class KeymapError(ValueError):
    """The keymap file exists but can't be used; the defaults stay in force."""


def keymap_path() -> Path:
    return config_dir() / KEYMAP_FILE


def load_keymap(path: Path | None = None) -> dict[str, str]:
    """Binding id → keys from the file; empty when there is no file."""
    path = path or keymap_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise KeymapError(f"{path}: {error}") from error
    table = data.get("keymap", {})
    if not isinstance(table, dict) or not all(
        isinstance(key, str) and isinstance(value, str) and value.strip()
        for key, value in table.items()
    ):
        raise KeymapError(f'{path}: [keymap] must map binding ids to key strings, e.g. "quit" = "ctrl+q"')
    return dict(table)
