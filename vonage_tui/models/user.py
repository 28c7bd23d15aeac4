"""A Users API v1 user, its properties and the nine channel kinds."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, JsonValue

from .base import Links, Loose, LooseInt, LooseStr, LosslessModel


class PstnChannel(LosslessModel):
    number: LooseInt = None


class SipChannel(LosslessModel):
    uri: LooseStr = None
    username: LooseStr = None
    password: LooseStr = None


class VbcChannel(LosslessModel):
    extension: LooseStr = None


class WebsocketChannel(LosslessModel):
    uri: LooseStr = None
    content_type: Annotated[LooseStr, Field(alias="content-type")] = None
    headers: JsonValue = None


class NumberChannel(LosslessModel):
    """sms, mms, whatsapp and viber: a number as a string."""

    number: LooseStr = None


class MessengerChannel(LosslessModel):
    id: LooseStr = None


CHANNEL_KINDS: tuple[str, ...] = (
    "pstn",
    "sip",
    "vbc",
    "websocket",
    "sms",
    "mms",
    "whatsapp",
    "viber",
    "messenger",
)


class Channels(LosslessModel):
    pstn: Loose[list[PstnChannel]] = None
    sip: Loose[list[SipChannel]] = None
    vbc: Loose[list[VbcChannel]] = None
    websocket: Loose[list[WebsocketChannel]] = None
    sms: Loose[list[NumberChannel]] = None
    mms: Loose[list[NumberChannel]] = None
    whatsapp: Loose[list[NumberChannel]] = None
    viber: Loose[list[NumberChannel]] = None
    messenger: Loose[list[MessengerChannel]] = None


class UserProperties(LosslessModel):
    custom_data: JsonValue = None
    ttl: LooseInt = None


class User(LosslessModel):
    id: LooseStr = None
    name: LooseStr = None
    display_name: LooseStr = None
    image_url: LooseStr = None
    properties: Loose[UserProperties] = None
    channels: Loose[Channels] = None
    links: Annotated[Loose[Links], Field(alias="_links")] = None
