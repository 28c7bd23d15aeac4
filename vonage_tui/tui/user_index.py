"""The users list's pure parts: a row's channel summary, and the all-users index behind `/`.

The screen fills the index from ``iter_users`` in a worker (following every ``next`` cursor).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import User
from ..models.user import CHANNEL_KINDS, Channels

CHANNEL_SHORT = {"websocket": "ws", "whatsapp": "wa", "messenger": "fb"}
"""Short names where the kind is long: the column must fit 80 columns."""


def channel_kinds(user: User) -> list[str]:
    """The channel kinds the user has at least one of, in the API's order; kinds a newer API
    sends that this one does not know are listed after them."""
    channels = user.channels
    if not isinstance(channels, Channels):
        return []
    document = channels.to_document()
    known = [kind for kind in CHANNEL_KINDS if document.get(kind)]
    others = [str(kind) for kind, value in document.items()
              if kind not in CHANNEL_KINDS and value]
    return known + others


def channels_summary(user: User) -> str:
    """``pstn sip ws``."""
    return " ".join(CHANNEL_SHORT.get(kind, kind) for kind in channel_kinds(user))


def usable_user_id(user: User) -> str | None:
    """The id to act on the user by, if the server sent a usable one."""
    return user.id if isinstance(user.id, str) and user.id else None


@dataclass(frozen=True)
class UserEntry:
    user: User
    haystack: str
    """Lower-cased name, display name, id and channel kinds, for substring matching."""

    @classmethod
    def of(cls, user: User) -> UserEntry:
        kinds = channel_kinds(user)
        words = [str(user.name or ""), str(user.display_name or ""), str(user.id or "")]
        words += kinds + [CHANNEL_SHORT.get(kind, kind) for kind in kinds]
        return cls(user, "\n".join(words).casefold())


@dataclass
class UserIndex:
    entries: list[UserEntry] = field(default_factory=list)
    """In the order read: a list, so a user without an id still shows in the filter."""
    complete: bool = False
    """True once the last cursor has been followed."""

    def add(self, users: Iterable[User]) -> None:
        self.entries.extend(UserEntry.of(user) for user in users)

    def discard(self, user_id: str) -> None:
        self.entries = [entry for entry in self.entries if usable_user_id(entry.user) != user_id]

    def put(self, user: User) -> None:
        """After a write: ``user`` replaces every entry with its id, or is added."""
        user_id = usable_user_id(user)
        entry = UserEntry.of(user)
        found = False
        for position, existing in enumerate(self.entries):
            if user_id is not None and usable_user_id(existing.user) == user_id:
                self.entries[position] = entry
                found = True
        if not found:
            self.entries.append(entry)

    def refine(self, users: Iterable[User]) -> None:
        """Fuller copies of users already indexed (their channels): each replaces its user,
        none is added. Many at once: one pass over the index, not one per user."""
        by_id = {user_id: user for user in users if (user_id := usable_user_id(user))}
        if not by_id:
            return
        for position, existing in enumerate(self.entries):
            fuller = by_id.get(usable_user_id(existing.user) or "")
            if fuller is not None:
                self.entries[position] = UserEntry.of(fuller)

    def __len__(self) -> int:
        return len(self.entries)

    def search(self, query: str) -> list[User]:
        """Users matching every word of ``query``, sorted by name; all when empty."""
        terms = query.casefold().split()
        found = [entry.user for entry in self.entries
                 if all(term in entry.haystack for term in terms)]
        return sorted(found, key=lambda user: (str(user.name or "").casefold(), str(user.id or "")))


def with_exact(found: list[User], exact: User | None) -> list[User]:
    """The filter's matches with the API's exact-name answer first (once)."""
    if exact is None:
        return found
    exact_id = usable_user_id(exact)
    rest = [user for user in found
            if exact_id is None or usable_user_id(user) != exact_id]
    return [exact, *rest]
