"""The shape of an application document as the editor shows it.

The tree shows what the document holds, in the server's key order, plus what the spec knows of
but the document lacks (an optional webhook, video's storage), offered for adding. Every node is
bound to a JSON path; the document itself stays a plain dict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ...models import APPLICATION_RULES, CAPABILITY_NAMES, VIDEO_WEBHOOK_NAMES, FieldRule, Path
from ...models.documents import get_path, has_path
from ...models.limits import pattern_matches, rule_for
from ...safe_text import visible

NodeKind = Literal["object", "field", "unknown", "absent"]
"""object: a known container; field: a value with a rule; unknown: kept read-only; absent:
a known container the document lacks, which can be added."""

KNOWN_WEBHOOKS: dict[str, tuple[str, ...]] = {
    "voice": ("answer_url", "fallback_answer_url", "event_url"),
    "rtc": ("event_url",),
    "messages": ("inbound_url", "status_url"),
    "meetings": ("recording_changed", "room_changed", "session_changed"),
    "verify": ("status_url",),
    "video": VIDEO_WEBHOOK_NAMES,
}
# The PUT section of the reference names meetings webhooks differently; offer the set in use.
MEETINGS_PUT_NAMES = ("recording_url", "rooms_url", "sessions_url")

HIDDEN_KEYS = frozenset({"id", "_links"})
"""Server-set top-level keys: not edited, not in the tree (the root panel shows the id)."""


def shown_key(part: str | int) -> str:
    """One step of a path as a label shows it: a key made visible, a list index as ``[0]``
    (as Vonage names it in ``invalid_parameters``: ``channels.sip[0].uri``)."""
    return f"[{part}]" if isinstance(part, int) else visible(part)


@dataclass(frozen=True)
class OutlineNode:
    path: Path
    kind: NodeKind
    children: tuple[OutlineNode, ...] = ()

    @property
    def key(self) -> str:
        """The key as shown: a server's unknown key may hold control characters."""
        return shown_key(self.path[-1]) if self.path else ""

    def walk(self) -> list[OutlineNode]:
        """This node and all below it, in display order."""
        nodes = [self]
        for child in self.children:
            nodes.extend(child.walk())
        return nodes


def known_webhooks(capability: str, webhooks: Any) -> tuple[str, ...]:
    names = KNOWN_WEBHOOKS.get(capability, ())
    if capability == "meetings" and isinstance(webhooks, dict):
        if any(name in webhooks for name in MEETINGS_PUT_NAMES):
            return MEETINGS_PUT_NAMES
    return names


def is_container(path: Path) -> bool:
    """Whether the spec describes ``path`` as an object the editor opens as a tree branch."""
    if path in ((), ("privacy",), ("keys",), ("capabilities",)):
        return True
    if len(path) < 2 or path[0] != "capabilities" or path[1] not in CAPABILITY_NAMES:
        return False
    capability = path[1]
    if len(path) == 2:
        return True
    if path == ("capabilities", "video", "storage"):
        return True
    if path[2] != "webhooks" or capability not in KNOWN_WEBHOOKS:
        return False
    return len(path) in (3, 4)


def absent_containers(document: dict[str, Any], path: Path) -> list[Path]:
    """Known objects under ``path`` that the document lacks: what can be added there."""
    node = get_path(document, path)
    if not isinstance(node, dict):
        return []
    wanted: list[Path] = []
    if path == ():
        wanted.append(("privacy",))
    elif len(path) == 2 and path[0] == "capabilities":
        capability = str(path[1])
        if capability in KNOWN_WEBHOOKS:
            wanted.append((*path, "webhooks"))
        if capability == "video":
            wanted.append((*path, "storage"))
    elif len(path) == 3 and path[2] == "webhooks":
        wanted.extend((*path, name) for name in known_webhooks(str(path[1]), node))
    return [candidate for candidate in wanted if candidate[-1] not in node]


def build_outline(document: dict[str, Any], path: Path = ()) -> OutlineNode:
    """The tree of ``document`` from ``path`` down."""
    value = get_path(document, path)
    if is_container(path) and isinstance(value, dict):
        children = [
            build_outline(document, (*path, key))
            for key in value
            if not (path == () and key in HIDDEN_KEYS)
        ]
        children.extend(OutlineNode(absent, "absent") for absent in absent_containers(document, path))
        return OutlineNode(path, "object", tuple(children))
    rule = rule_for(APPLICATION_RULES, path)
    if rule is not None and not isinstance(value, (dict, list)):
        return OutlineNode(path, "field")
    return OutlineNode(path, "unknown")


@dataclass(frozen=True)
class FieldSpec:
    """One row of the field panel."""

    path: Path
    rule: FieldRule | None
    """None for a field the editor does not know: shown read-only, kept as it is."""

    @property
    def key(self) -> str:
        """The key as shown (see OutlineNode.key)."""
        return shown_key(self.path[-1])

    @property
    def editable(self) -> bool:
        return self.rule is not None


def known_fields(path: Path) -> list[str]:
    """The scalar fields the rules name directly under ``path``, in the rules' order."""
    names: list[str] = []
    for pattern in APPLICATION_RULES:
        if len(pattern) == len(path) + 1 and pattern_matches(pattern[:-1], path):
            name = pattern[-1]
            if name != "*" and name not in names:
                names.append(str(name))
    return names


def panel_fields(document: dict[str, Any], path: Path) -> list[FieldSpec]:
    """The fields the panel shows for the object at ``path``: its values that are not tree
    branches (in document order), then the known fields it lacks, which can be set."""
    node = get_path(document, path)
    if not isinstance(node, dict):
        return []
    specs: list[FieldSpec] = []
    for key, value in node.items():
        child = (*path, key)
        if path == () and key == "_links":
            continue
        if is_container(child) and isinstance(value, dict):
            continue
        rule = rule_for(APPLICATION_RULES, child)
        editable = rule is not None and not isinstance(value, (dict, list))
        specs.append(FieldSpec(child, rule if editable else None))
    for name in known_fields(path):
        if name not in node:
            specs.append(FieldSpec((*path, name), rule_for(APPLICATION_RULES, (*path, name))))
    return specs


def container_of(document: dict[str, Any], path: Path) -> Path:
    """The object whose panel shows ``path``: itself when it is a container, else its parent."""
    if is_container(path) and isinstance(get_path(document, path), dict):
        return path
    return path[:-1]


def webhook_template(capability: str, name: str) -> dict[str, Any]:
    """A new webhook with the spec's defaults; the address is left for the user to fill."""
    if capability == "video":
        return {"address": "", "active": True}
    if capability == "voice":
        method = "POST" if name == "event_url" else "GET"
        socket_timeout = 10000 if name == "event_url" else 5000
        return {"address": "", "http_method": method, "connect_timeout": 1000,
                "socket_timeout": socket_timeout}
    if capability == "rtc":
        return {"address": "", "http_method": "POST"}
    return {"address": "", "http_method": "POST"}


def container_template(path: Path) -> dict[str, Any]:
    """What an absent known container starts as when the user adds it."""
    if path == ("privacy",):
        return {"improve_ai": True}
    if len(path) == 3 and path[2] == "webhooks":
        return {}
    if path == ("capabilities", "video", "storage"):
        return {"server_side_encryption": False, "end_to_end_encryption": False,
                "cloud_storage": False}
    if len(path) == 4 and path[2] == "webhooks":
        return webhook_template(str(path[1]), str(path[3]))
    raise ValueError(f"nothing to add at {path!r}")


def is_removable(document: dict[str, Any], path: Path) -> bool:
    """Capabilities, webhooks and video storage can be removed (the spec requires none)."""
    if not has_path(document, path) or len(path) < 2 or path[0] != "capabilities":
        return False
    return (
        len(path) == 2
        or path == ("capabilities", "video", "storage")
        or (len(path) == 4 and path[2] == "webhooks")
    )


@dataclass(frozen=True)
class PanelView:
    """What the field panel shows for the node under the tree's cursor."""

    path: Path
    """The object whose fields are shown, or the absent node."""
    fields: tuple[FieldSpec, ...] = ()
    message: str = ""
    """Instead of fields: the node is not set yet."""
    note: str = ""
    """Said when the object has no fields of its own."""
    highlight: Path | None = None
    """The field row the cursor is on, when it is on a field rather than an object."""


def panel_view(document: dict[str, Any], entry: OutlineNode, *, readonly: bool) -> PanelView:
    if entry.kind == "absent":
        message = "Not set." if readonly else "Not set. Press a or enter to add it."
        return PanelView(entry.path, message=message)
    container = container_of(document, entry.path)
    fields = tuple(panel_fields(document, container))
    note = ""
    if not fields and entry.kind == "object" and entry.children:
        note = "Its parts are in the tree: press enter or → to open it."
    highlight = None if container == entry.path else entry.path
    return PanelView(container, fields, note=note, highlight=highlight)

