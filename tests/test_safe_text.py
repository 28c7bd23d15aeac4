"""The one sanitiser every server or file string passes before it reaches the terminal."""

from __future__ import annotations

import unicodedata

from hypothesis import given, strategies as st

from vonage_tui.safe_text import (
    ELLIPSIS, NOTIFICATION_LIMIT, is_unsafe, shorten, visible, visible_message, visible_title,
)

HOSTILE = {
    "evil\x1b[2J\x1b[H": "evil␛[2J␛[H",
    "\x1b]2;pwned\x1b\\": "␛]2;pwned␛\\",
    "\x1b]52;c;aGk=\x07": "␛]52;c;aGk=␇",
    "\x9b31m": "\\x9b31m",
    "\x9d0;t\x9c": "\\x9d0;t\\x9c",
    "a\x00b\x01c\x7f": "a␀b␁c␡",
    "line\nbreak\ttab\rcr": "line␊break␉tab␍cr",
    "admin\u202egnp.exe": "admin\\u202egnp.exe",
    "ad\u200bmin\ufeff": "ad\\u200bmin\\ufeff",
    "x\ud800y": "x\\ud800y",
    "para\u2029graph": "para\\u2029graph",
    "tag\U000e0041": "tag\\U000e0041",
}


def test_hostile_names_become_visible_stand_ins() -> None:
    for raw, shown in HOSTILE.items():
        assert visible(raw) == shown


def test_other_unicode_is_kept() -> None:
    for text in ["Support line", "مرحبا بالعالم", "日本語のアプリ", "emoji 🎉👍🏽",
                 "family 👨\u200d👩\u200d👧", "می\u200cخواهم", "Zalgo z\u0301\u0302",
                 "Scotland \U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",
                 "Arabic number sign \u0600١٢", "[b]markup[/b] \\x1b literal", "nbsp\u00a0x"]:
        assert visible(text) == text


def test_multiline_keeps_lines_and_tabs_only() -> None:
    assert visible("a\nb\tc", multiline=True) == "a\nb\tc"
    assert visible("-----BEGIN\r\nkey\r\n", multiline=True) == "-----BEGIN\nkey\n"
    assert visible("a\rb\x1b[Hc\n", multiline=True) == "a␍b␛[Hc\n"
    assert visible("a\nb") == "a␊b"


def test_none_and_non_strings() -> None:
    assert visible(None) == ""
    assert visible(42) == "42"


def test_shorten_says_it_shortened() -> None:
    assert shorten("abc", 3) == "abc"
    assert shorten("abcd", 3) == "ab" + ELLIPSIS
    long = visible_message("\x1b" * 1000)
    assert len(long) == NOTIFICATION_LIMIT and long.endswith(ELLIPSIS)
    assert set(long[:-1]) == {"␛"}
    assert visible_title("t\x1b]0;x\x07\n" * 40).endswith(ELLIPSIS)
    assert "\n" not in visible_title("a\nb")


def _terminal_dangerous(char: str, multiline: bool) -> bool:
    category = unicodedata.category(char)
    if char in "\n\t" and multiline:
        return False
    return category in ("Cc", "Cs", "Zl", "Zp") or (
        category == "Cf" and char not in "\u200c\u200d" and not "\u0600" <= char <= "\u0605")


@given(st.text(), st.booleans())
def test_output_has_no_control_character_and_is_idempotent(text: str, multiline: bool) -> None:
    shown = visible(text, multiline=multiline)
    assert not any(_terminal_dangerous(char, multiline) for char in shown
                   if not "\U000e0020" <= char <= "\U000e007f")
    assert visible(shown, multiline=multiline) == shown


@given(st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))))
def test_printable_text_is_unchanged(text: str) -> None:
    assert visible(text) == text
    assert visible(text, multiline=True) == text


@given(st.text(alphabet=st.sampled_from(["\x1b", "\x9b", "\x00", "\u202e", "a", "\n", "é"])))
def test_every_unsafe_character_gets_a_stand_in(text: str) -> None:
    shown = visible(text)
    assert not any(is_unsafe(char) for char in shown)
    # One stand-in per character: nothing is dropped silently.
    assert shown.count("a") == text.count("a") and shown.count("é") == text.count("é")
    assert shown.count("␛") == text.count("\x1b") and shown.count("␊") == text.count("\n")
