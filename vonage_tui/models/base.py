"""The lossless base every API model shares.

Vonage adds fields faster than any client models them, and both the CLI and the SDK drop what
they don't know on save. Here every model keeps unknown fields (``extra="allow"``), dumps only
what the server actually sent (``exclude_unset``), and keeps the server's key order, so a
get → edit → put round trip changes nothing but the edited field.
"""

from __future__ import annotations

from typing import Annotated, Any, Self, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    JsonValue,
    PrivateAttr,
    StrictBool,
    StrictInt,
    StrictStr,
    model_serializer,
    model_validator,
)
from pydantic import Field

# Scalars are typed by the spec but never coerced and never rejected: a smart union tries the
# strict type first and falls back to keeping the raw JSON value. A server that sends "500" for
# an integer gets "500" back, not 500, and parsing a response never fails on it.
_T = TypeVar("_T")
Loose = Annotated[_T | JsonValue, Field(union_mode="left_to_right")]
"""A spec-typed value, or whatever JSON the server sent instead (kept as is)."""

LooseStr = Loose[StrictStr]
LooseInt = Loose[StrictInt]
LooseBool = Loose[StrictBool]

__all__ = [
    "Field",
    "Link",
    "Links",
    "Loose",
    "LooseBool",
    "LooseInt",
    "LooseStr",
    "LosslessModel",
]


class LosslessModel(BaseModel):
    """A model that round-trips any JSON object it is given."""

    model_config = ConfigDict(
        extra="allow",
        # Aliases only: an unknown key spelled like a Python field name ("links") must stay an
        # unknown key, not be moved into the aliased field ("_links").
        validate_by_name=False,
        validate_by_alias=True,
        serialize_by_alias=True,
        # Edits made with attribute assignment are validated like parsed values.
        validate_assignment=True,
    )

    _key_order: tuple[str, ...] = PrivateAttr(default=())
    _assigned: set[str] = PrivateAttr(default_factory=set)

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        if name in type(self).model_fields:
            self._assigned.add(name)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_key_order(cls, data: Any, handler: Any) -> Any:
        instance = handler(data)
        if isinstance(data, dict) and isinstance(instance, LosslessModel):
            instance._key_order = tuple(data)
        return instance

    @model_serializer(mode="wrap")
    def _dump_in_server_order(self, handler: Any) -> dict[str, Any]:
        dumped = handler(self)
        if not isinstance(dumped, dict):
            return dumped
        self._drop_phantom_aliases(dumped)
        if not self._key_order:
            return dumped
        ordered = {key: dumped[key] for key in self._key_order if key in dumped}
        ordered.update((key, value) for key, value in dumped.items() if key not in ordered)
        return ordered

    def _drop_phantom_aliases(self, dumped: dict[str, Any]) -> None:
        """Pydantic counts an unknown key spelled like a field's Python name ("links") as that
        field being set, so ``exclude_unset`` would emit ``"_links": null``. Drop such an alias
        unless the server sent it or the code assigned the field."""
        extras = self.__pydantic_extra__ or {}
        for name, info in type(self).model_fields.items():
            alias = info.alias
            if (
                alias
                and alias != name
                and name in extras
                and alias in dumped
                and alias not in self._key_order
                and name not in self._assigned
            ):
                del dumped[alias]

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> Self:
        """Parse a JSON document as the server sent it."""
        return cls.model_validate(document)

    def to_document(self) -> dict[str, Any]:
        """The JSON document: what was parsed or set, unknown fields included, in server order."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


class Link(LosslessModel):
    href: LooseStr = None


class Links(LosslessModel):
    """HAL ``_links``. Application hrefs may be relative, user hrefs absolute."""

    self_: Annotated[Loose[Link], Field(alias="self")] = None
    first: Loose[Link] = None
    last: Loose[Link] = None
    next: Loose[Link] = None
    prev: Loose[Link] = None

    def href(self, rel: str) -> str | None:
        link = getattr(self, "self_" if rel == "self" else rel, None)
        if isinstance(link, Link) and isinstance(link.href, str):
            return link.href
        return None
