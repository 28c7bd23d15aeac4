"""The spec's names of an application's capabilities and video webhooks, in the spec's order.

Apart from the models (which re-export them) so that what only needs the names, such as the
list's summaries, does not load pydantic: the first page of applications is shown without it.
"""

from __future__ import annotations

CAPABILITY_NAMES: tuple[str, ...] = (
    "voice",
    "messages",
    "rtc",
    "vbc",
    "network_apis",
    "meetings",
    "verify",
    "video",
)

VIDEO_WEBHOOK_NAMES: tuple[str, ...] = (
    "archive_status",
    "connection_created",
    "connection_destroyed",
    "session_created",
    "session_destroyed",
    "session_notification",
    "stream_created",
    "stream_destroyed",
    "render_status",
    "captions_status",
    "broadcast_status",
    "sip_call_created",
    "sip_call_updated",
    "sip_call_destroyed",
    "sip_call_mute_forced",
)
