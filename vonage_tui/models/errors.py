"""The RFC 7807 problem body both APIs answer errors with."""

from __future__ import annotations

from .base import Loose, LooseStr, LosslessModel


class InvalidParameter(LosslessModel):
    name: LooseStr = None
    reason: LooseStr = None


class ErrorBody(LosslessModel):
    type: LooseStr = None
    title: LooseStr = None
    detail: LooseStr = None
    instance: LooseStr = None
    # Users API errors carry a code such as ``user:error:not-found``.
    code: LooseStr = None
    invalid_parameters: Loose[list[InvalidParameter]] = None
