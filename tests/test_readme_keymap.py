"""The README's keymap names every verb id that `keymap.toml` takes (issue 10: `n` in dialogs and
`ctrl+u` in fields were missing), and the keys it says dialogs and fields use are the verbs'."""

from __future__ import annotations

import re
from pathlib import Path

from vonage_tui.tui.verbs import VERBS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_verb_id_is_listed():
    # In the list of ids itself: `help` or `users` named elsewhere in the README must not count.
    ids = README[README.index("The ids: "):README.index("They are defined once")]
    listed = set(re.findall(r"`([a-z_.0-9]+)`", ids))
    if "`tab.1`–`tab.3`" in ids:
        listed |= {"tab.2"}
    assert sorted(set(VERBS) - listed) == []


def test_the_keys_said_for_dialogs_and_fields_are_the_defaults():
    assert f"`{VERBS['decline'].keys}` or `esc` no" in README
    assert f"`{VERBS['clear_field'].keys}` clears the field" in README
    assert f"`{VERBS['rotate_key'].keys}` | rotate the key pair" in README
