"""``SecretStr``: a secret that never shows itself in a repr, a str, a log line or a traceback.

It behaves as pydantic's ``SecretStr`` does (the same repr, str, equality, hash and length),
without pydantic: importing pydantic costs every start ~50 ms, and nothing on the way to the
first page of applications needs it (credentials from the environment are wrapped in one).

A pydantic ``SecretStr`` (a script of the library's users may pass one) counts as one of these
in ``isinstance``: anything whose class has ``get_secret_value`` is treated as a secret, never
turned into text with ``str`` (that would give the asterisks, not the secret).
"""

from __future__ import annotations

from typing import Any


class _SecretKind(type):
    def __instancecheck__(cls, value: Any) -> bool:
        return callable(getattr(type(value), "get_secret_value", None))


class SecretStr(metaclass=_SecretKind):
    __slots__ = ("_secret_value",)

    def __init__(self, secret_value: str) -> None:
        self._secret_value = secret_value

    def get_secret_value(self) -> str:
        return self._secret_value

    def _display(self) -> str:
        return "**********" if self._secret_value else ""

    def __repr__(self) -> str:
        return f"SecretStr({self._display()!r})"

    def __str__(self) -> str:
        return self._display()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SecretStr) and self._secret_value == other.get_secret_value()

    def __hash__(self) -> int:
        return hash(self._secret_value)

    def __len__(self) -> int:
        return len(self._secret_value)
