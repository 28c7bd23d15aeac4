"""Turning what a user typed into a document value, strictly, and back into text."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from ...models import FieldRule
from ...safe_text import visible

UNSET: Any = type("Unset", (), {"__repr__": lambda self: "UNSET"})()
"""The value that removes a field from the document (the server's default then applies)."""

_INTEGER = re.compile(r"-?[0-9]+")
_MAX_DIGITS = 18
"""More digits than any limit has: out of range without asking ``int()`` (which refuses
numbers of more than 4,300 digits with an exception)."""
_KEPT_CONTROLS = frozenset("\t\n\r")
"""Layout characters a text (a PEM key) may hold; every other control character is refused."""


def parse_text(rule: FieldRule, text: str) -> tuple[Any, str | None]:
    """``(value, None)`` when ``text`` is acceptable for ``rule``, else ``(None, reason)``.

    Integers are whole ASCII numbers only: ``int()`` would also take ``" 1_000 "`` or ``"١"``.
    An empty optional field of any kind means "not set" (``UNSET``): an empty string would be a
    value, and for an address an invalid one, so clearing would leave no way to unset it.
    """
    if not text.strip():
        return (None, "is required") if rule.required else (UNSET, None)
    if rule.kind == "json":
        return parse_json_object(text)
    if rule.kind == "integer":
        if not _INTEGER.fullmatch(text):
            return None, "must be a whole number"
        digits = text.lstrip("-").lstrip("0")
        if len(digits) > _MAX_DIGITS:
            huge = 10 ** (_MAX_DIGITS + 1)
            return None, rule.check(-huge if text.startswith("-") else huge) or "is too large"
        value: Any = int(text)
    else:
        if (reason := control_character_reason(text)) is not None:
            return None, reason
        value = text
    reason = rule.check(value)
    return (None, reason) if reason else (value, None)


def parse_json_object(text: str) -> tuple[Any, str | None]:
    """A JSON object typed into a text area (a user's ``custom_data``, websocket ``headers``)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        return None, f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
    if not isinstance(value, dict):
        return None, "must be a JSON object ({…})"
    return value, None


def control_character_reason(text: str, *, single_line: bool = False) -> str | None:
    """Why ``text`` can't be taken when it holds a control character (ESC, NUL, DEL, C1, a
    line separator): they are invisible in a field and act on terminals that show the value.
    A ``single_line`` value (a name, a URL) takes no tab or line break either."""
    for char in text:
        if char in _KEPT_CONTROLS and not single_line:
            continue
        if unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            return f"must not contain control characters (U+{ord(char):04X})"
    return None


def public_key_reason(text: str) -> str | None:
    """None when ``text`` is exactly one PEM RSA public key, else why not.

    The PEM parser skips text around the block, but the field is sent as typed: a stray
    character before ``-----BEGIN`` would reach Vonage as part of the key.
    """
    from ...keys import InvalidKeyError, load_public_key

    try:
        load_public_key(text)
    except InvalidKeyError as error:
        return f"is {error}"
    stripped = text.strip()
    if not stripped.startswith("-----BEGIN ") or not stripped.endswith("-----") \
            or stripped.count("-----BEGIN ") != 1:
        return "must be one PEM block, from -----BEGIN to -----END, with nothing around it"
    return None


def display_text(value: Any) -> str:
    """What an input shows for a document value."""
    if value is None or value is UNSET:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def pretty_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def short_value(value: Any, width: int = 500) -> str:
    """A value on one line for a tree label, controls shown, never obeyed. The tree shortens it
    to the row's width when it draws it; ``width`` only bounds what a huge value costs to lay
    out (still with ``…``)."""
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    text = visible(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "…"
