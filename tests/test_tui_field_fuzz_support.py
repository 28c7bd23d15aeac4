"""Counts the write requests (anything but GET/HEAD) an emulator receives."""

from __future__ import annotations

from typing import Any


class WriteCounter:
    def __init__(self) -> None:
        self.count = 0

    def wrap(self, inner: Any) -> Any:
        async def counted(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope.get("type") == "http" and scope.get("method") not in ("GET", "HEAD"):
                self.count += 1
            await inner(scope, receive, send)

        return counted
