"""Values longer than a keyring entry can hold, split over several entries.

Windows Credential Manager stores at most 2,560 bytes per credential (1,280 UTF-16 characters);
a PKCS#8 RSA-2048 key is about 1,700 characters. A long value is stored as numbered parts plus
a header in the entry itself::

    app:<id>:private_key      = "vonage-tui-chunked:v1:a:2:<16 hex of sha256>"
    app:<id>:private_key#a1   = first 1,200 characters
    app:<id>:private_key#a2   = the rest

The header is written last, so it is the commit point. Parts alternate between two slots, ``a``
and ``b``: a rewrite fills the slot the current header does not use, so a write that fails half
way leaves the previous value whole, and its leftovers sit in a slot the next write or delete
clears. A part missing or not matching the header's digest is reported as ``CorruptSecret``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from .errors import CorruptSecret, SecretTooLarge

CHUNK_SIZE = 1200  # characters per entry, under Windows' 1,280
MAX_CHUNKS = 64
HEADER_PREFIX = "vonage-tui-chunked:v1:"
SLOTS = ("a", "b")


@dataclass(frozen=True)
class ChunkHeader:
    slot: str
    count: int
    digest: str

    def render(self) -> str:
        return f"{HEADER_PREFIX}{self.slot}:{self.count}:{self.digest}"


def parse_header(raw: str | None) -> ChunkHeader | None:
    """The header in ``raw``, or None if ``raw`` is a plain value (or absent)."""
    if raw is None or not raw.startswith(HEADER_PREFIX):
        return None
    try:
        slot, count, digest = raw[len(HEADER_PREFIX) :].split(":")
        header = ChunkHeader(slot, int(count), digest)
    except ValueError:
        raise CorruptSecret("A split secret has an unreadable header.") from None
    if header.slot not in SLOTS or not 1 <= header.count <= MAX_CHUNKS:
        raise CorruptSecret("A split secret has an unreadable header.")
    return header


def part_name(key: str, slot: str, index: int) -> str:
    return f"{key}#{slot}{index}"


def split(value: str, size: int) -> list[str]:
    return [value[start : start + size] for start in range(0, len(value), size)]


def digest(value: str) -> str:
    # Only detects parts that do not belong together; 64 bits are plenty for that.
    return hashlib.sha256(value.encode()).hexdigest()[:16]


class ChunkedEntries:
    """Read, write and delete logical values of any length in one keyring service.

    Backend exceptions propagate untouched; the caller translates them.
    """

    def __init__(self, backend: KeyringBackend, service: str, chunk_size: int | None = CHUNK_SIZE):
        self.backend = backend
        self.service = service
        self.chunk_size = chunk_size  # None: the backend takes values of any length

    def read(self, key: str) -> str | None:
        raw = self.backend.get_password(self.service, key)
        header = parse_header(raw)
        if header is None:
            return raw
        parts = []
        for index in range(1, header.count + 1):
            part = self.backend.get_password(self.service, part_name(key, header.slot, index))
            if part is None:
                raise CorruptSecret(
                    f"Entry {key!r} is incomplete: part {index} of {header.count} is missing "
                    "(an interrupted write?). Store it again or delete it."
                )
            parts.append(part)
        value = "".join(parts)
        if digest(value) != header.digest:
            raise CorruptSecret(
                f"Entry {key!r} is damaged: its parts do not match. Store it again or delete it."
            )
        return value

    def write(self, key: str, value: str) -> None:
        if value.startswith(HEADER_PREFIX):
            raise ValueError("refusing a value that looks like a split-secret header")
        old = self._header_of(key)
        if self.chunk_size is None or len(value) <= self.chunk_size:
            self.backend.set_password(self.service, key, value)
            if old is not None:
                self._clear_slot(key, old.slot)
            return
        parts = split(value, self.chunk_size)
        if len(parts) > MAX_CHUNKS:
            raise SecretTooLarge(f"A value of {len(value)} characters is too large to store.")
        slot = SLOTS[1] if old is not None and old.slot == SLOTS[0] else SLOTS[0]
        self._clear_slot(key, slot)  # leftovers of a write that was interrupted
        written = 0
        try:
            for index, part in enumerate(parts, start=1):
                self.backend.set_password(self.service, part_name(key, slot, index), part)
                written = index
            header = ChunkHeader(slot, len(parts), digest(value))
            self.backend.set_password(self.service, key, header.render())
        except BaseException:
            self._delete_parts_quietly(key, slot, written)
            raise
        if old is not None:
            self._clear_slot(key, old.slot)

    def delete(self, key: str) -> bool:
        """Delete the value and all its parts; False if there was nothing to delete."""
        try:
            self.backend.delete_password(self.service, key)
            existed = True
        except PasswordDeleteError:
            existed = False
        removed = [self._clear_slot(key, slot) for slot in SLOTS]
        return existed or any(removed)

    def _header_of(self, key: str) -> ChunkHeader | None:
        try:
            return parse_header(self.backend.get_password(self.service, key))
        except CorruptSecret:
            return None  # an unreadable header is about to be overwritten

    def _clear_slot(self, key: str, slot: str) -> int:
        """Delete parts 1, 2, … of a slot until one is missing; how many were deleted."""
        for index in range(1, MAX_CHUNKS + 1):
            try:
                self.backend.delete_password(self.service, part_name(key, slot, index))
            except PasswordDeleteError:
                return index - 1
        return MAX_CHUNKS

    def _delete_parts_quietly(self, key: str, slot: str, count: int) -> None:
        for index in range(1, count + 1):
            try:
                self.backend.delete_password(self.service, part_name(key, slot, index))
            except Exception:  # noqa: BLE001 - best effort while another error propagates
                pass
