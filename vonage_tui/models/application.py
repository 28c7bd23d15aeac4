"""An Application API v2 application: every capability the spec documents.

Types are the response schema's; the request limits (ranges, enums) live in ``limits.py`` and
only judge user edits. Meetings webhooks appear under two sets of names (responses say
``recording_changed``, the PUT section says ``recording_url``): both are modelled, and whichever
the server sent is what goes back.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import Links, Loose, LooseBool, LooseInt, LooseStr, LosslessModel
from .names import CAPABILITY_NAMES


class Webhook(LosslessModel):
    """A webhook with an address and an HTTP method (rtc, messages, meetings, verify)."""

    address: LooseStr = None
    http_method: LooseStr = None


class VoiceWebhook(Webhook):
    """A voice webhook, which also carries timeouts in milliseconds."""

    connect_timeout: LooseInt = None
    socket_timeout: LooseInt = None


class VideoWebhook(LosslessModel):
    """A video webhook: an address that can be switched on and off."""

    address: LooseStr = None
    active: LooseBool = None


class VoiceWebhooks(LosslessModel):
    answer_url: Loose[VoiceWebhook] = None
    fallback_answer_url: Loose[VoiceWebhook] = None
    event_url: Loose[VoiceWebhook] = None


class VoiceCapability(LosslessModel):
    webhooks: Loose[VoiceWebhooks] = None
    signed_callbacks: LooseBool = None
    conversations_ttl: LooseInt = None
    leg_persistence_time: LooseInt = None
    region: LooseStr = None


class RtcWebhooks(LosslessModel):
    event_url: Loose[Webhook] = None


class RtcCapability(LosslessModel):
    webhooks: Loose[RtcWebhooks] = None
    signed_callbacks: LooseBool = None


class MessagesWebhooks(LosslessModel):
    inbound_url: Loose[Webhook] = None
    status_url: Loose[Webhook] = None


class MessagesCapability(LosslessModel):
    version: LooseStr = None
    webhooks: Loose[MessagesWebhooks] = None


class VbcCapability(LosslessModel):
    """Always ``{}`` in the spec; anything else the server adds is kept."""


class NetworkApisCapability(LosslessModel):
    network_application_id: LooseStr = None
    redirect_uri: LooseStr = None


class MeetingsWebhooks(LosslessModel):
    recording_changed: Loose[Webhook] = None
    room_changed: Loose[Webhook] = None
    session_changed: Loose[Webhook] = None
    # The PUT section of the reference names them differently; keep whichever was sent.
    recording_url: Loose[Webhook] = None
    rooms_url: Loose[Webhook] = None
    sessions_url: Loose[Webhook] = None


class MeetingsCapability(LosslessModel):
    webhooks: Loose[MeetingsWebhooks] = None


class VerifyWebhooks(LosslessModel):
    status_url: Loose[Webhook] = None


class VerifyCapability(LosslessModel):
    version: LooseStr = None
    webhooks: Loose[VerifyWebhooks] = None


class VideoWebhooks(LosslessModel):
    archive_status: Loose[VideoWebhook] = None
    connection_created: Loose[VideoWebhook] = None
    connection_destroyed: Loose[VideoWebhook] = None
    session_created: Loose[VideoWebhook] = None
    session_destroyed: Loose[VideoWebhook] = None
    session_notification: Loose[VideoWebhook] = None
    stream_created: Loose[VideoWebhook] = None
    stream_destroyed: Loose[VideoWebhook] = None
    render_status: Loose[VideoWebhook] = None
    captions_status: Loose[VideoWebhook] = None
    broadcast_status: Loose[VideoWebhook] = None
    sip_call_created: Loose[VideoWebhook] = None
    sip_call_updated: Loose[VideoWebhook] = None
    sip_call_destroyed: Loose[VideoWebhook] = None
    sip_call_mute_forced: Loose[VideoWebhook] = None


class VideoStorage(LosslessModel):
    server_side_encryption: LooseBool = None
    end_to_end_encryption: LooseBool = None
    cloud_storage: LooseBool = None


class VideoCapability(LosslessModel):
    webhooks: Loose[VideoWebhooks] = None
    storage: Loose[VideoStorage] = None


class Capabilities(LosslessModel):
    voice: Loose[VoiceCapability] = None
    messages: Loose[MessagesCapability] = None
    rtc: Loose[RtcCapability] = None
    vbc: Loose[VbcCapability] = None
    network_apis: Loose[NetworkApisCapability] = None
    meetings: Loose[MeetingsCapability] = None
    verify: Loose[VerifyCapability] = None
    video: Loose[VideoCapability] = None

    def present(self) -> list[str]:
        """The capabilities this application has, in the spec's order, then unknown ones."""
        sent = self.to_document()
        known = [name for name in CAPABILITY_NAMES if name in sent]
        return known + [name for name in sent if name not in CAPABILITY_NAMES]


class Privacy(LosslessModel):
    improve_ai: LooseBool = None


class Keys(LosslessModel):
    public_key: LooseStr = None
    # Only in the response to a create without a public key, and only once. Never in a repr.
    private_key: Annotated[LooseStr, Field(repr=False)] = None


class Application(LosslessModel):
    id: LooseStr = None
    name: LooseStr = None
    capabilities: Loose[Capabilities] = None
    privacy: Loose[Privacy] = None
    keys: Loose[Keys] = None
    links: Annotated[Loose[Links], Field(alias="_links")] = None

    def capability_names(self) -> list[str]:
        if isinstance(self.capabilities, Capabilities):
            return self.capabilities.present()
        return []
