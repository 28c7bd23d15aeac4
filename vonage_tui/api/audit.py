"""A local record of every write sent to the API: JSON lines, one per call, owner-only.

When a change turns out wrong, "what did this tool do, when, with which account" must have an
answer. Each line has the time, the profile, the method, the path, the final status (or the
kind of error when there was no status), the attempts made and the request id support can look
up. Never a body, a header, a secret or a key: only what is listed here is written.

Writing must never hurt the call it records: lines are appended on one background thread (in
order), the caller waits at most ``WAIT_SECONDS`` for one, and a failure is logged, never
raised.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

AUDIT_FILE_NAME = "audit.jsonl"
WAIT_SECONDS = 0.5
"""How long a call waits for its line to be written; a slow disk never stalls a save longer."""
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class AuditLog:
    """Appends write records to ``path`` (created 0600, its directory 0700)."""

    def __init__(self, path: Path, *, profile: str) -> None:
        self.path = Path(path)
        self.profile = profile
        self._lock = threading.Lock()
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="vonage-audit"
        )

    def __repr__(self) -> str:
        return f"AuditLog(path={str(self.path)!r}, profile={self.profile!r})"

    def entry(
        self,
        method: str,
        path: str,
        *,
        status: int | None,
        outcome: str,
        request_id: str | None,
        attempts: int,
    ) -> dict[str, Any]:
        """The line for one call; the keys are the whole vocabulary of the log."""
        return {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "profile": self.profile,
            "method": method,
            "path": path,
            "status": status,
            "outcome": outcome,
            "request_id": request_id,
            "attempts": attempts,
        }

    def submit(self, entry: dict[str, Any]) -> concurrent.futures.Future[None] | None:
        """Queue ``entry`` for writing; never raises (None when it could not even be queued)."""
        try:
            line = json.dumps(entry, ensure_ascii=True) + "\n"
            return self._executor.submit(self._append, line)
        except Exception:  # noqa: BLE001 - e.g. after close(): the log must not fail a call
            log.warning("audit log: could not queue a record", exc_info=True)
            return None

    async def record(self, entry: dict[str, Any]) -> None:
        """Queue ``entry`` and wait (briefly, see ``WAIT_SECONDS``) until it is written."""
        future = self.submit(entry)
        if future is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), WAIT_SECONDS)
        except TimeoutError:
            log.warning("audit log: %s is slow; the record is written in the background",
                        self.path)

    def close(self) -> None:
        """Stop taking lines; those already queued are still written (without waiting here)."""
        self._executor.shutdown(wait=False)

    def _append(self, line: str) -> None:
        try:
            with self._lock:
                _ensure_private_dir(self.path.parent)
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                try:
                    if os.fstat(fd).st_mode & 0o077:
                        os.fchmod(fd, 0o600)  # a file made by something else: ours now
                    os.write(fd, line.encode("ascii"))
                finally:
                    os.close(fd)
        except Exception:  # noqa: BLE001 - reported, never raised into the user's save
            log.warning("audit log: could not write to %s", self.path, exc_info=True)


def _ensure_private_dir(directory: Path) -> None:
    if not directory.is_dir():
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(directory, 0o700)  # mkdir's mode is masked by the umask
