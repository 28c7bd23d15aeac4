"""User key remapping: ``keymap.toml`` in the config dir maps verb ids to keys.

    [keymap]
    "page.next" = "j,right_square_bracket"
    "quit" = "ctrl+q"

Ids are the verbs of ``verbs.py``, one per verb, so an entry moves that verb on every screen;
`?` shows the keys in force. At start-up the file is checked against the screens: an unknown id,
or a verb put on a key that another verb (or Textual) holds on a screen where both are live, is
reported and that entry alone is not applied; the other entries are.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING

from ..credentials.paths import config_dir
from .verbs import VERBS

if TYPE_CHECKING:
    from .keymap_scopes import Scope

KEYMAP_FILE = "keymap.toml"


class KeymapError(ValueError):
    """The keymap file exists but can't be used; the defaults stay in force."""


def keymap_path() -> Path:
    return config_dir() / KEYMAP_FILE


def load_keymap(path: Path | None = None) -> dict[str, str]:
    """Binding id → keys from the file; empty when there is no file."""
    path = path or keymap_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise KeymapError(f"{path}: {error}") from error
    import tomllib  # only for a file: most starts have none, and skip the import (~2 ms)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise KeymapError(f"{path}: {error}") from error
    table = data.get("keymap", {})
    if not isinstance(table, dict) or not all(
        isinstance(key, str) and isinstance(value, str) and value.strip()
        for key, value in table.items()
    ):
        raise KeymapError(f'{path}: [keymap] must map binding ids to key strings, e.g. "quit" = "ctrl+q"')
    return dict(table)


RENAMED_IDS = {
    "filter.clear": "back", "editor.back": "back", "modal.cancel": "back",
    "passphrase.cancel": "back", "credentials.cancel": "back", "key_capture.leave": "back",
    "help.close": "back", "application.create": "create", "application.delete": "delete",
    "application.rotate_key": "rotate_key", "editor.rotate_key": "rotate_key",
    "application.export": "export", "editor.export": "export", "application.apply": "apply",
    "application.clone": "clone", "editor.copy_id": "copy_id", "editor.save": "save",
    "credentials.save": "save", "key_capture.save": "save", "create.submit": "save",
    "modal.confirm": "save", "modal.ok": "save", "modal.yes": "confirm", "editor.add": "add",
    "editor.remove": "remove", "editor.reload": "refresh", "no_keyring.retry": "refresh",
    "editor.quit": "quit", "key_capture.quit": "quit", "no_keyring.quit": "quit",
    "profiles.switch": "select", "profiles.add": "create", "profiles.edit": "edit",
    "profiles.delete": "delete", "keys.import": "import", "keys.paste": "paste",
    "keys.generate": "generate", "keys.remove": "delete", "keys.reveal": "reveal",
    "credentials.reveal": "show_secret", "no_keyring.use_file": "use_file",
    "no_keyring.file": "tab.1", "no_keyring.ssh": "tab.2", "no_keyring.env": "tab.3",
    "no_keyring.copy": "copy", "tree.open": "expand", "tree.close": "collapse",
}
"""Ids of vonage-tui before one id per verb, to point an old keymap at the new name."""

MAX_PROBLEMS_SHOWN = 8


@dataclass(frozen=True)
class KeymapCheck:
    """What a keymap file comes to: the entries to apply, and one line per entry refused."""

    applied: dict[str, str]
    problems: list[str]

    def notice(self, path: Path) -> str:
        """The start-up notification: plain text (shown with markup off)."""
        lines = self.problems[:MAX_PROBLEMS_SHOWN]
        if len(self.problems) > MAX_PROBLEMS_SHOWN:
            lines.append(f"… and {len(self.problems) - MAX_PROBLEMS_SHOWN} more")
        kept = "The other entries are in force." if self.applied else "No entry is in force."
        return "\n".join([*lines, f"{kept} ({shown(str(path), 60)})"])


def check_keymap(entries: dict[str, str], scopes: list[Scope]) -> KeymapCheck:
    """Keep the entries that name a known verb and put it on keys no other verb (or Textual)
    holds where both are live; refuse the rest, each with the reason.

    Refusing an entry leaves its verb on its default key, which can collide with another
    entry that took that key: so check again until nothing collides."""
    # Only a start with a keymap file gets here: the others never load keymap_scopes and the
    # pkgutil and importlib.util it finds the screens with (~2 ms).
    from .keymap_scopes import normalize_keys

    problems: list[str] = []
    accepted: dict[str, list[str]] = {}
    for verb_id, keys in entries.items():
        if verb_id in VERBS:
            accepted[verb_id] = normalize_keys(keys)
        else:
            problems.append(unknown_id(verb_id))
    while collisions := find_collisions(accepted, scopes):
        for (verb_id, key, others), where in collisions.items():
            places = (", ".join(where) if len(where) <= 3
                      else "every screen" if len(where) == len(scopes)
                      else f"{where[0]} and {len(where) - 1} more screens")
            problems.append(f"{shown(verb_id)} = {shown(key)}: that key is already "
                            f"{' and '.join(sorted(others))} on {places} — not applied")
            accepted.pop(verb_id, None)
    return KeymapCheck({verb_id: ",".join(keys) for verb_id, keys in accepted.items()}, problems)


def find_collisions(accepted: dict[str, list[str]],
                    scopes: list[Scope]) -> dict[tuple[str, str, frozenset[str]], list[str]]:
    """(remapped verb, key, what else holds that key) → the screens where they meet."""
    found: dict[tuple[str, str, frozenset[str]], list[str]] = {}
    for scope in scopes:
        holders: dict[str, set[str]] = {}
        for verb_id, defaults in scope.verbs.items():
            for key in accepted.get(verb_id, defaults):
                holders.setdefault(key, set()).add(verb_id)
        for key, holder in scope.fixed.items():
            holders.setdefault(key, set()).add(holder)
        for key, verbs in holders.items():
            for verb_id in sorted(verbs & accepted.keys()):
                others = frozenset(verbs - {verb_id})
                if others:
                    where = found.setdefault((verb_id, key, others), [])
                    if scope.name not in where:
                        where.append(scope.name)
    return found


def unknown_id(verb_id: str) -> str:
    hint = RENAMED_IDS.get(verb_id) or next(iter(get_close_matches(verb_id, VERBS, n=1)), "")
    suggestion = f" (did you mean {shown(hint)}?)" if hint else ""
    return f"{shown(verb_id)}: no such binding id{suggestion} — not applied"


def shown(text: str, limit: int = 40) -> str:
    """A string from the user's file, quoted, with control characters escaped (repr) and
    visibly shortened: it goes into a notification and must not act on the terminal."""
    return repr(text if len(text) <= limit else text[:limit] + "…")
