"""Lossless pydantic models of the Application API v2 and Users API v1 documents, and the light
summaries the lists read.

Importing the package loads none of its modules: each name loads its own on first use (PEP 562).
The applications list needs only ``summary`` (and ``names``), plain dataclasses: pydantic and
the lossless models (~0.1 s to import and build) wait until a document is opened or an error
body is read, so the first page shows without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vonage_tui.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from .application import (
        Application,
        Capabilities,
        Keys,
        MeetingsCapability,
        MeetingsWebhooks,
        MessagesCapability,
        MessagesWebhooks,
        NetworkApisCapability,
        Privacy,
        RtcCapability,
        RtcWebhooks,
        VbcCapability,
        VerifyCapability,
        VerifyWebhooks,
        VideoCapability,
        VideoStorage,
        VideoWebhook,
        VideoWebhooks,
        VoiceCapability,
        VoiceWebhook,
        VoiceWebhooks,
        Webhook,
    )
    from .base import Link, Links, LosslessModel
    from .errors import ErrorBody, InvalidParameter
    from .limits import (
        APPLICATION_RULES,
        FieldRule,
        Path,
        REGIONS,
        USER_RULES,
        application_violations,
        capability_template,
        path_name,
        rule_for,
        user_violations,
    )
    from .names import CAPABILITY_NAMES, VIDEO_WEBHOOK_NAMES
    from .pages import UserPage, cursor_from_href
    from .summary import ApplicationPage, ApplicationSummary
    from .user import (
        CHANNEL_KINDS,
        Channels,
        MessengerChannel,
        NumberChannel,
        PstnChannel,
        SipChannel,
        User,
        UserProperties,
        VbcChannel,
        WebsocketChannel,
    )

_EXPORTS = {
    "application": (
        "Application", "Capabilities", "Keys", "MeetingsCapability", "MeetingsWebhooks",
        "MessagesCapability", "MessagesWebhooks", "NetworkApisCapability", "Privacy",
        "RtcCapability", "RtcWebhooks", "VbcCapability", "VerifyCapability", "VerifyWebhooks",
        "VideoCapability", "VideoStorage", "VideoWebhook", "VideoWebhooks", "VoiceCapability",
        "VoiceWebhook", "VoiceWebhooks", "Webhook",
    ),
    "base": ("Link", "Links", "LosslessModel"),
    "errors": ("ErrorBody", "InvalidParameter"),
    "limits": (
        "APPLICATION_RULES", "REGIONS", "USER_RULES", "FieldRule", "Path",
        "application_violations", "capability_template", "path_name", "rule_for",
        "user_violations",
    ),
    "names": ("CAPABILITY_NAMES", "VIDEO_WEBHOOK_NAMES"),
    "pages": ("UserPage", "cursor_from_href"),
    "summary": ("ApplicationPage", "ApplicationSummary"),
    "user": (
        "CHANNEL_KINDS", "Channels", "MessengerChannel", "NumberChannel", "PstnChannel",
        "SipChannel", "User", "UserProperties", "VbcChannel", "WebsocketChannel",
    ),
}
"""Submodule → the names this package exports from it."""
__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)


__all__ = [
    "APPLICATION_RULES",
    "CAPABILITY_NAMES",
    "CHANNEL_KINDS",
    "REGIONS",
    "USER_RULES",
    "VIDEO_WEBHOOK_NAMES",
    "Application",
    "ApplicationPage",
    "ApplicationSummary",
    "Capabilities",
    "Channels",
    "ErrorBody",
    "FieldRule",
    "InvalidParameter",
    "Keys",
    "Link",
    "Links",
    "LosslessModel",
    "MeetingsCapability",
    "MeetingsWebhooks",
    "MessagesCapability",
    "MessagesWebhooks",
    "MessengerChannel",
    "NetworkApisCapability",
    "NumberChannel",
    "Path",
    "Privacy",
    "PstnChannel",
    "RtcCapability",
    "RtcWebhooks",
    "SipChannel",
    "User",
    "UserPage",
    "UserProperties",
    "VbcCapability",
    "VbcChannel",
    "VerifyCapability",
    "VerifyWebhooks",
    "VideoCapability",
    "VideoStorage",
    "VideoWebhook",
    "VideoWebhooks",
    "VoiceCapability",
    "VoiceWebhook",
    "VoiceWebhooks",
    "Webhook",
    "WebsocketChannel",
    "application_violations",
    "capability_template",
    "cursor_from_href",
    "path_name",
    "rule_for",
    "user_violations",
]
