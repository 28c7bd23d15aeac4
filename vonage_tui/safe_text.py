"""Makes text from a server or a file safe to put on a terminal, and still readable.

A terminal obeys control characters wherever they come from: an application named
``"x\\x1b[2J"`` would clear the screen, ``"\\x1b]52;c;…\\x07"`` would write the clipboard.
So every string that came from outside goes through :func:`visible` before it is drawn. It
replaces what a terminal would act on, or what would be invisible, with a visible stand-in, and
keeps every other character (Arabic, Japanese, emoji, combining marks) as it is:

- C0 controls (U+0000–U+001F) and DEL become their Unicode *control pictures*, one cell each:
  ESC is ``␛``, NUL ``␀``, BEL ``␇``, DEL ``␡``. Cells stay narrow at 80 columns and an ops
  engineer recognises them at a glance.
- Newline and tab: text shown on one line (a table cell, a tree label, a title) must not break
  the line, so they become ``␊`` and ``␉`` too. Text that is made of lines (a diff, JSON, a PEM
  key, a notification body) asks for ``multiline=True`` and keeps ``\\n`` and ``\\t``; a
  Windows line end ``\\r\\n`` there is a plain line end, a lone ``\\r`` is shown as ``␍``.
- Everything else that has no picture is written as a Python escape: C1 controls
  (U+0080–U+009F, e.g. the 8-bit CSI ``\\x9b``), lone surrogates (which would also stop the
  UTF-8 output), line and paragraph separators, and the invisible *format* characters — bidi
  overrides and isolates (``\\u202e``, the "Trojan Source" trick), zero-width spaces, byte
  order marks, tag characters — so two names that look alike but differ show the difference.
  Kept among format characters: ZWJ and ZWNJ (emoji sequences and Persian/Indic words need
  them), the Arabic-style number signs that draw a visible glyph, and the tag characters of
  a subdivision flag (🏴 + tags + cancel tag, e.g. Scotland's flag).

The result holds no character that :func:`is_unsafe` flags (but a flag's own tags), so
``visible`` is idempotent. A literal backslash in the input stays a backslash: ``\\x1b`` typed as four
characters looks like an escaped ESC, but it is harmless either way.
"""

from __future__ import annotations

import re
import unicodedata

ELLIPSIS = "…"
NOTIFICATION_LIMIT = 300
"""Characters of a notification body: an error page from a proxy needs only its start."""
TITLE_LIMIT = 80
"""Characters of a one-line title (a notification's, a dialog's)."""

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
"""C0 and DEL → control pictures (U+2400–U+241F, U+2421)."""

_KEPT_FORMAT = frozenset(
    {
        0x200C,  # ZERO WIDTH NON-JOINER: Persian and Indic words need it
        0x200D,  # ZERO WIDTH JOINER: emoji sequences (👨‍👩‍👧) need it
        # Prepended concatenation marks: they draw a glyph of their own (Arabic number signs).
        *range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD,
    }
)

# A subdivision flag: black flag, tag letters, cancel tag. Its tags are kept, no others.
_FLAG_SEQUENCE = re.compile("\U0001F3F4[\U000E0020-\U000E007E]+\U000E007F")
_TAGS = range(0xE0000, 0xE0080)
_SEPARATORS = frozenset({"Zl", "Zp"})  # U+2028, U+2029: str.splitlines() breaks on them


def is_unsafe(char: str, *, multiline: bool = False) -> bool:
    """Whether ``char`` must not reach a terminal as it is (flags sequences aside)."""
    code = ord(char)
    if code < 0x20 or code == 0x7F:
        return not (multiline and char in "\n\t")
    if code < 0x80:
        return False
    if code <= 0x9F:
        return True
    category = unicodedata.category(char)
    if category == "Cf":
        return code not in _KEPT_FORMAT
    return category == "Cs" or category in _SEPARATORS


def _stand_in(char: str) -> str:
    code = ord(char)
    if code in _PICTURES:
        return _PICTURES[code]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _escape_run(text: str, multiline: bool) -> str:
    return "".join(_stand_in(char) if is_unsafe(char, multiline=multiline) else char
                   for char in text)


def visible(text: object, *, multiline: bool = False) -> str:
    """``text`` with every character a terminal would act on, or hide, made visible.

    ``None`` is the empty string; other non-strings are shown by ``str()``.
    """
    if text is None:
        return ""
    text = text if isinstance(text, str) else str(text)
    if text.isprintable():
        # The common case, at C speed: no control, format or separator character at all
        # (isprintable() is False for those and for more, which the pass below keeps).
        return text
    if multiline:
        text = text.replace("\r\n", "\n")
    out: list[str] = []
    start = 0
    for flag in _FLAG_SEQUENCE.finditer(text):
        out.append(_escape_run(text[start:flag.start()], multiline))
        out.append(flag.group())
        start = flag.end()
    out.append(_escape_run(text[start:], multiline))
    return "".join(out)


def shorten(text: str, limit: int) -> str:
    """``text`` whole if it fits in ``limit`` characters, else its start and ``…``."""
    if limit < 1:
        return ""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def visible_message(text: object, limit: int = NOTIFICATION_LIMIT) -> str:
    """A notification body: lines kept, controls made visible, capped with ``…``."""
    return shorten(visible(text, multiline=True), limit)


def visible_title(text: object, limit: int = TITLE_LIMIT) -> str:
    """A one-line title: controls and line breaks made visible, capped with ``…``."""
    return shorten(visible(text), limit)
