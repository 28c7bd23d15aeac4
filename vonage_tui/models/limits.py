"""The request limits of both APIs, keyed by JSON path.

Responses are parsed without these (the server is the truth); they judge what a user types in
an editor and what the emulator accepts, so both give the same message for the same mistake.
A path is a tuple of keys and list indices; rules match with ``*`` standing for any one key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

Path = tuple[str | int, ...]
Kind = Literal["string", "integer", "boolean", "url", "choice", "json"]
"""``json``: a JSON object, edited as JSON text (a user's ``custom_data``, websocket ``headers``)."""

REGIONS: tuple[str, ...] = (
    "na-east",
    "na-west",
    "eu-east",
    "eu-west",
    "apac-sng",
    "apac-australia",
)
SIP_URI_PATTERN = r"^(sip|sips):\+?([\w|:.\-@;,=%&]+)"
# The reference prints `...)(][]*$`, which only compiles in JavaScript (where `[]` is an empty
# class); the intent is a class that also admits `]` and `[`.
WEBSOCKET_URI_PATTERN = r"^(ws|wss)://[a-zA-Z0-9~#%@&-_?\/.,:;)(\]\[]*$"
WEBSOCKET_CONTENT_TYPES: tuple[str, ...] = ("audio/l16;rate=8000", "audio/l16;rate=16000")
MAX_USER_TTL = 2147483648


@dataclass(frozen=True)
class FieldRule:
    """What one field accepts, and how to say so."""

    kind: Kind
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    default: Any = None
    unit: str = ""
    required: bool = False
    help: str = ""
    _compiled: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    def describe(self) -> str:
        """A short hint for the editor, e.g. ``300–1000 ms · default 1000``."""
        parts: list[str] = []
        if self.choices:
            parts.append(" | ".join(self.choices))
        if self.minimum is not None and self.maximum is not None:
            parts.append(f"{self.minimum}–{self.maximum}{' ' + self.unit if self.unit else ''}")
        elif self.maximum is not None:
            parts.append(f"≤ {self.maximum}{' ' + self.unit if self.unit else ''}")
        if self.kind == "url":
            parts.append("http(s) URL")
        if self.kind == "json":
            parts.append("JSON object")
        if self.default is not None:
            default = str(self.default).lower() if isinstance(self.default, bool) else self.default
            parts.append(f"default {default}")
        if self.required:
            parts.append("required")
        return " · ".join(parts)

    def check(self, value: Any) -> str | None:
        """None when ``value`` is acceptable, else the reason it is not."""
        if value is None:
            return "is required" if self.required else None
        if self.kind == "boolean":
            return None if isinstance(value, bool) else "must be true or false"
        if self.kind == "json":
            return None if isinstance(value, dict) else "must be a JSON object"
        if self.kind == "integer":
            if isinstance(value, bool) or not isinstance(value, int):
                return "must be a whole number"
            if self.minimum is not None and value < self.minimum:
                return self._range_reason()
            if self.maximum is not None and value > self.maximum:
                return self._range_reason()
            return None
        if not isinstance(value, str):
            return "must be text"
        if self.required and not value.strip():
            return "is required"
        if self.kind == "choice" and value not in self.choices:
            return "must be one of " + ", ".join(self.choices)
        if self.kind == "url" and not is_http_url(value):
            return "must be an absolute http:// or https:// URL"
        if self.pattern and not re.match(self.pattern, value):
            return f"must match {self.pattern}"
        return None

    def _range_reason(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        if self.minimum is None:
            return f"must be at most {self.maximum}{unit}"
        return f"must be between {self.minimum} and {self.maximum}{unit}"


def is_http_url(value: str) -> bool:
    """An absolute http(s) URL with a host, a valid port, and no space or invisible character.

    ``urlsplit`` silently drops tabs and newlines and keeps control characters: a URL holding
    them would reach Vonage (and the logs that show it) as something else than it looks.
    """
    if any(unicodedata.category(char)[0] in "CZ" for char in value):  # controls, spaces
        return False
    try:
        parts = urlsplit(value)  # raises ValueError on a bracket that opens no IPv6 address
        parts.port  # noqa: B018 - raises ValueError when out of 0-65535 or not a number
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


_URL = FieldRule("url", required=True, help="Where Vonage sends this webhook")
_VOICE_METHOD = FieldRule("choice", choices=("GET", "POST"))
_POST_ONLY = FieldRule("choice", choices=("POST",), default="POST")
_CONNECT_TIMEOUT = FieldRule("integer", minimum=300, maximum=1000, default=1000, unit="ms")
_SIGNED = FieldRule("boolean", default=True, help="Sign webhooks so you can verify Vonage sent them")

APPLICATION_RULES: dict[Path, FieldRule] = {
    ("name",): FieldRule("string", required=True, help="Friendly name; not unique"),
    ("keys", "public_key"): FieldRule("string", help="PEM public key"),
    ("privacy", "improve_ai"): FieldRule(
        "boolean", default=True, help="Let Vonage use content to improve its AI services"
    ),
    # voice
    ("capabilities", "voice", "webhooks", "*", "address"): _URL,
    ("capabilities", "voice", "webhooks", "*", "http_method"): _VOICE_METHOD,
    ("capabilities", "voice", "webhooks", "*", "connect_timeout"): _CONNECT_TIMEOUT,
    ("capabilities", "voice", "webhooks", "answer_url", "socket_timeout"): FieldRule(
        "integer", minimum=1000, maximum=5000, default=5000, unit="ms"
    ),
    ("capabilities", "voice", "webhooks", "fallback_answer_url", "socket_timeout"): FieldRule(
        "integer", minimum=1000, maximum=5000, default=5000, unit="ms"
    ),
    ("capabilities", "voice", "webhooks", "event_url", "socket_timeout"): FieldRule(
        "integer", minimum=1000, maximum=10000, default=10000, unit="ms"
    ),
    ("capabilities", "voice", "signed_callbacks"): _SIGNED,
    ("capabilities", "voice", "conversations_ttl"): FieldRule(
        "integer", minimum=1, maximum=9000, default=48, unit="h"
    ),
    ("capabilities", "voice", "leg_persistence_time"): FieldRule(
        "integer", minimum=1, maximum=31, default=2, unit="days"
    ),
    ("capabilities", "voice", "region"): FieldRule("choice", choices=REGIONS),
    # rtc
    ("capabilities", "rtc", "webhooks", "*", "address"): _URL,
    ("capabilities", "rtc", "webhooks", "*", "http_method"): _VOICE_METHOD,
    ("capabilities", "rtc", "signed_callbacks"): _SIGNED,
    # messages
    ("capabilities", "messages", "version"): FieldRule(
        "string", help="Messages API webhook format; the server sets v1 when empty"
    ),
    ("capabilities", "messages", "webhooks", "*", "address"): _URL,
    ("capabilities", "messages", "webhooks", "*", "http_method"): _POST_ONLY,
    # network_apis
    ("capabilities", "network_apis", "network_application_id"): FieldRule("string"),
    ("capabilities", "network_apis", "redirect_uri"): FieldRule("url"),
    # meetings
    ("capabilities", "meetings", "webhooks", "*", "address"): _URL,
    ("capabilities", "meetings", "webhooks", "*", "http_method"): _POST_ONLY,
    # verify
    ("capabilities", "verify", "version"): FieldRule("choice", choices=("v2",), default="v2"),
    ("capabilities", "verify", "webhooks", "*", "address"): _URL,
    ("capabilities", "verify", "webhooks", "*", "http_method"): _POST_ONLY,
    # video
    ("capabilities", "video", "webhooks", "*", "address"): _URL,
    ("capabilities", "video", "webhooks", "*", "active"): FieldRule("boolean"),
    ("capabilities", "video", "storage", "server_side_encryption"): FieldRule("boolean"),
    ("capabilities", "video", "storage", "end_to_end_encryption"): FieldRule("boolean"),
    ("capabilities", "video", "storage", "cloud_storage"): FieldRule("boolean"),
}

USER_RULES: dict[Path, FieldRule] = {
    ("name",): FieldRule("string", help="Unique name"),
    ("display_name",): FieldRule("string", help="Shown to people; not unique"),
    ("image_url",): FieldRule("url"),
    ("properties", "custom_data"): FieldRule("json", help="Your own key/value pairs"),
    ("properties", "ttl"): FieldRule("integer", minimum=0, maximum=MAX_USER_TTL, unit="s"),
    ("channels", "pstn", "*", "number"): FieldRule("integer", required=True),
    ("channels", "sip", "*", "uri"): FieldRule("string", pattern=SIP_URI_PATTERN, required=True),
    ("channels", "sip", "*", "username"): FieldRule("string"),
    ("channels", "sip", "*", "password"): FieldRule("string"),
    ("channels", "vbc", "*", "extension"): FieldRule("string", required=True),
    ("channels", "websocket", "*", "uri"): FieldRule(
        "string", pattern=WEBSOCKET_URI_PATTERN, required=True
    ),
    ("channels", "websocket", "*", "content-type"): FieldRule(
        "choice", choices=WEBSOCKET_CONTENT_TYPES
    ),
    ("channels", "websocket", "*", "headers"): FieldRule(
        "json", help="Headers sent when connecting, e.g. {\"customer_id\": \"ABC123\"}"
    ),
    ("channels", "sms", "*", "number"): FieldRule("string", required=True),
    ("channels", "mms", "*", "number"): FieldRule("string", required=True),
    ("channels", "whatsapp", "*", "number"): FieldRule("string", required=True),
    ("channels", "viber", "*", "number"): FieldRule("string", required=True),
    ("channels", "messenger", "*", "id"): FieldRule("string", required=True),
}


def pattern_matches(pattern: Path, path: Path) -> bool:
    """Whether ``path`` is one the rule key ``pattern`` names (``*`` matches any one step)."""
    return len(pattern) == len(path) and all(
        want == "*" or want == got for want, got in zip(pattern, path, strict=True)
    )


def rule_for(rules: dict[Path, FieldRule], path: Path) -> FieldRule | None:
    """The rule for a concrete path; exact keys win over ``*``."""
    exact = rules.get(path)
    if exact is not None:
        return exact
    for pattern, rule in rules.items():
        if pattern_matches(pattern, path):
            return rule
    return None


def path_name(path: Path) -> str:
    """The dotted name Vonage uses in ``invalid_parameters``: ``channels.sip[0].uri``."""
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _leaves(document: Any, prefix: Path = ()) -> Iterator[tuple[Path, Any]]:
    if isinstance(document, dict):
        for key, value in document.items():
            yield from _leaves(value, (*prefix, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from _leaves(value, (*prefix, index))
    else:
        yield prefix, document


def _violations(rules: dict[Path, FieldRule], document: Any) -> list[tuple[Path, str]]:
    problems = []
    for path, value in _leaves(document):
        rule = rule_for(rules, path)
        if rule is not None and (reason := rule.check(value)) is not None:
            problems.append((path, reason))
    # A required leaf that is absent has no leaf to visit: check the parents that exist.
    for pattern, rule in rules.items():
        if rule.required and "*" not in pattern and len(pattern) == 1:
            if isinstance(document, dict) and pattern[0] not in document:
                problems.append((pattern, "is required"))
    return problems


def application_violations(document: dict[str, Any]) -> list[tuple[Path, str]]:
    """Every limit an application document breaks (empty when it is acceptable)."""
    problems = _violations(APPLICATION_RULES, document)
    capabilities = document.get("capabilities")
    if isinstance(capabilities, dict):
        vbc = capabilities.get("vbc")
        if vbc is not None and vbc != {}:
            problems.append((("capabilities", "vbc"), "must be an empty object"))
        for name, value in capabilities.items():
            if value is not None and not isinstance(value, dict):
                problems.append((("capabilities", name), "must be an object"))
    return problems


def user_violations(document: dict[str, Any]) -> list[tuple[Path, str]]:
    """Every limit a user document (create or patch body) breaks."""
    return [
        (path, reason)
        for path, reason in _violations(USER_RULES, document)
        if path != ("name",)  # a user's name is optional on create: the server makes one
    ]


def _webhook(method: str, *, voice_socket_timeout: int | None = None) -> dict[str, Any]:
    hook: dict[str, Any] = {"address": "", "http_method": method}
    if voice_socket_timeout is not None:
        hook["connect_timeout"] = 1000
        hook["socket_timeout"] = voice_socket_timeout
    return hook


def capability_template(name: str) -> dict[str, Any]:
    """A new capability with the spec's defaults; addresses are left for the user to fill."""
    if name == "voice":
        return {
            "webhooks": {
                "answer_url": _webhook("GET", voice_socket_timeout=5000),
                "event_url": _webhook("POST", voice_socket_timeout=10000),
            },
            "signed_callbacks": True,
            "conversations_ttl": 48,
            "leg_persistence_time": 2,
        }
    if name == "rtc":
        return {"webhooks": {"event_url": _webhook("POST")}, "signed_callbacks": True}
    if name == "messages":
        return {
            "version": "v1",
            "webhooks": {"inbound_url": _webhook("POST"), "status_url": _webhook("POST")},
        }
    if name == "vbc":
        return {}
    if name == "network_apis":
        return {"network_application_id": "", "redirect_uri": ""}
    if name == "meetings":
        return {
            "webhooks": {
                "recording_changed": _webhook("POST"),
                "room_changed": _webhook("POST"),
                "session_changed": _webhook("POST"),
            }
        }
    if name == "verify":
        return {"version": "v2", "webhooks": {"status_url": _webhook("POST")}}
    if name == "video":
        return {
            "webhooks": {},
            "storage": {
                "server_side_encryption": False,
                "end_to_end_encryption": False,
                "cloud_storage": False,
            },
        }
    raise ValueError(f"unknown capability {name!r}")
