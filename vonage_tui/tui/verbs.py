"""Every key-driven verb of vonage-tui, once: its id, default keys, label and tooltip.

A verb is what the user means ("go back", "copy the id"), not what a screen does about it. The
id is the name in ``keymap.toml`` and in `?`; because every screen builds its bindings from
here with ``bind``, one id is one verb everywhere, and remapping it moves it on every screen.
To change a default key, change it here: nothing else names keys.

Two verbs may share a default key only if no screen offers both (``a`` is apply on the list and
add in the editor); ``tests/test_tui_verbs.py`` checks that for every screen.
"""

from __future__ import annotations

from textual.binding import Binding


class Verb:
    # A plain class, not a frozen dataclass: every start builds the registry, and the
    # dataclass's generated methods cost ~0.9 ms to compile at import.

    __slots__ = ("id", "keys", "description", "tooltip", "show", "mutating")

    def __init__(self, id: str, keys: str, description: str, tooltip: str = "",  # noqa: A002
                 show: bool = True, mutating: bool = False) -> None:
        self.id = id
        """The keymap name; also shown in `?` and the palette."""
        self.keys = keys
        """Default keys, comma-separated, in Textual's names (``question_mark``, ``ctrl+s``)."""
        self.description = description
        """The footer and help label when a screen does not say it better."""
        self.tooltip = tooltip
        self.show = show
        """Whether the footer shows it; screens may differ (help and the key capture screen hide
        quit)."""
        self.mutating = mutating
        """Changes something on Vonage or in the key store: refused, with a word, in
        --readonly."""

    def __repr__(self) -> str:
        return f"Verb({self.id!r}, {self.keys!r})"


def _registry(*verbs: Verb) -> dict[str, Verb]:
    registry: dict[str, Verb] = {}
    for verb in verbs:
        if verb.id in registry:
            raise ValueError(f"verb id {verb.id!r} is defined twice")
        registry[verb.id] = verb
    return registry


VERBS: dict[str, Verb] = _registry(
    # Everywhere (the app's own bindings).
    Verb("quit", "q", "Quit", "Leave vonage-tui"),
    Verb("help", "question_mark", "Help", "Show the keys of this screen"),
    Verb("profiles", "P", "Profiles",
         "Switch, add or delete profiles (accounts); see where credentials came from", show=False),
    Verb("private_keys", "K", "Keys",
         "Applications' private keys in the key store: import, paste, new pair, remove",
         show=False),
    # Moving around.
    Verb("back", "escape", "Back", "Back to the previous screen"),
    Verb("select", "enter", "Select", "Use the selected row"),
    Verb("expand", "right,l", "Open", "Expand this node, or go to its first child", show=False),
    Verb("collapse", "left,h", "Close", "Collapse this node, or go to its parent", show=False),
    Verb("cursor.down", "j", "Down", "Move the cursor down (the arrows work too)", show=False),
    Verb("cursor.up", "k", "Up", "Move the cursor up (the arrows work too)", show=False),
    Verb("cursor.top", "g", "Top", "Go to the first row", show=False),
    Verb("cursor.bottom", "G", "Bottom", "Go to the last row", show=False),
    Verb("page.down", "ctrl+f", "Page down", "Move the cursor down a screenful", show=False),
    Verb("page.up", "ctrl+b", "Page up", "Move the cursor up a screenful", show=False),
    Verb("command_line", "colon", "Command",
         "Command line: apps, users, keys, profiles, help, readonly, q, or an application's "
         "name or id", show=False),
    Verb("tab.1", "1", "Tab 1", "Show the first tab"),
    Verb("tab.2", "2", "Tab 2", "Show the second tab"),
    Verb("tab.3", "3", "Tab 3", "Show the third tab"),
    # Lists.
    Verb("page.next", "n,right_square_bracket", "Next page", "Show the next page"),
    Verb("page.previous", "p,left_square_bracket", "Prev page", "Show the previous page"),
    Verb("page.first", "less_than_sign", "First", "Show the first page", show=False),
    Verb("page.last", "greater_than_sign", "Last", "Show the last page", show=False),
    Verb("page.size", "s", "Page size", "Cycle the page size", show=False),
    Verb("filter", "slash", "Filter", "Filter the list"),
    Verb("refresh", "r", "Refresh", "Load again from Vonage"),
    Verb("copy_id", "y", "Copy id", "Copy the id (OSC 52, works over SSH)", show=False),
    Verb("copy", "y", "Copy", "Copy the text shown (OSC 52, works over SSH)"),
    Verb("order", "o", "Order", "Switch between ascending and descending order", show=False),
    # Applications.
    Verb("create", "c", "Create", "Create a new application", mutating=True),
    Verb("delete", "d", "Delete", "Delete the selected item", mutating=True),
    Verb("rotate_key", "ctrl+r", "Rotate key",
         "Make a new key pair, upload the public key, keep the private one", show=False,
         mutating=True),
    Verb("export", "e", "Export", "Write the application to a JSON file (no private key)",
         show=False),
    Verb("apply", "a", "Apply file", "Replace the application with a JSON file, after a diff",
         show=False, mutating=True),
    Verb("clone", "C", "Clone file", "Create a new application from a JSON file", show=False,
         mutating=True),
    Verb("users", "u", "Users", "Open the users of the selected application", show=False),
    # Editing and forms.
    Verb("save", "ctrl+s", "Save", "Save the changes", mutating=True),
    Verb("add", "a", "Add", "Add an item", mutating=True),
    Verb("remove", "x,delete", "Remove", "Remove the selected item", mutating=True),
    Verb("edit", "e", "Edit", "Edit the selected item", mutating=True),
    Verb("confirm", "y", "Yes", "Answer yes"),
    Verb("decline", "n", "No", "Answer no"),
    Verb("complete", "tab", "Complete", "Complete the command or name typed", show=False),
    Verb("clear_field", "ctrl+u", "Clear", "Clear the field, to type a new value"),
    Verb("show_secret", "ctrl+t", "Show secret", "Show or hide the secret as you type it"),
    # Private keys and the keyring.
    Verb("reveal", "s", "Show/hide", "Show the selected private key (hidden by default)"),
    Verb("import", "i", "Import file", "Store a private key from a PEM file", mutating=True),
    Verb("paste", "v", "Paste", "Store a private key pasted as PEM text", mutating=True),
    Verb("generate", "N", "New pair", "Make a new key pair", mutating=True),
    Verb("use_file", "e", "Use encrypted file",
         "Keep secrets in a passphrase-encrypted file (asks for the passphrase)"),
)


CURSOR_VERBS = frozenset({"cursor.down", "cursor.up", "cursor.top", "cursor.bottom",
                          "page.down", "page.up"})
"""The k9s movement keys every list and tree has: `?` lists them after the screen's own verbs."""


def bind(verb_id: str, action: str, description: str | None = None, *, tooltip: str | None = None,
         show: bool | None = None, priority: bool = False) -> Binding:
    """The Binding of ``verb_id`` on a screen: the verb's id and keys, the screen's action,
    and the verb's label, tooltip and visibility unless the screen says them better.

    An unknown ``verb_id`` raises at import time, so a typo can't ship."""
    verb = VERBS[verb_id]
    return Binding(
        verb.keys,
        action,
        verb.description if description is None else description,
        show=verb.show if show is None else show,
        priority=priority,
        tooltip=verb.tooltip if tooltip is None else tooltip,
        id=verb.id,
    )
