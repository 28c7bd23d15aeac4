"""When a failed request is tried again, and how long to wait first.

Pure decisions, so they can be tested without a network:

- Idempotent methods (GET, PUT, PATCH, DELETE) are retried on 429, 502, 503, 504 and on
  transport failures (connect errors, timeouts, dropped connections): sending them twice leaves
  the server as sending them once. (A Users API PATCH sets fields to given values, so applying
  it twice is harmless.)
- Reads (GET, HEAD, OPTIONS) are retried on 500 too: most 500s are passing hiccups that a
  bounded retry absorbs (at a 20% fault rate they were nearly all the errors users saw). A 500
  on a write is left to the user, whose edits the editor keeps: it more often means the server
  chokes on this document, which sending it again will not change.
- A POST creates something. It is retried only when the request provably never left: the
  connection could not be opened, or no pooled connection became free. After a read timeout or a
  5xx the application may exist already, and a second POST would make a duplicate. A 429 is not
  retried either — the brief is "never reached the server" — the caller gets ``retry_after``.
- Waits grow exponentially with jitter, bounded by ``max_delay``. A ``Retry-After`` on a 429 or
  503 is honoured when it is at most ``max_retry_after``; a longer one is handed to the caller
  rather than freezing the UI for minutes.
- A TLS certificate failure is never retried: it will fail the same way every time.
"""

from __future__ import annotations

import random
import ssl
from email.utils import parsedate_to_datetime

import httpx

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
RETRY_STATUSES = frozenset({429, 502, 503, 504})
READ_RETRY_STATUSES = RETRY_STATUSES | {500}


class RetryPolicy:
    """How many times, and how patiently, a request is tried again."""

    # A plain class, not a frozen dataclass: every start imports it, and a dataclass's
    # generated methods are compiled at import (~0.9 ms); nothing compares or changes a policy.

    def __init__(self, max_retries: int = 3, base_delay: float = 0.25, max_delay: float = 8.0,
                 max_retry_after: float = 30.0) -> None:
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        if base_delay < 0 or max_delay < 0 or max_retry_after < 0:
            raise ValueError("retry delays must not be negative")
        self.max_retries = max_retries
        """Retries after the first attempt; 0 disables retrying."""
        self.base_delay = base_delay
        """Seconds before the first retry (before jitter); doubles each time."""
        self.max_delay = max_delay
        """No backoff wait is longer than this."""
        self.max_retry_after = max_retry_after
        """The longest ``Retry-After`` the client waits out by itself."""

    def backoff(self, retry_number: int, rng: random.Random) -> float:
        """The wait before retry ``retry_number`` (0 for the first): "equal jitter".

        Half the exponential step is fixed and half random, so concurrent clients spread out
        but no wait collapses to nothing.
        """
        ceiling = min(self.max_delay, self.base_delay * (2**retry_number))
        return ceiling / 2 + rng.uniform(0, ceiling / 2)

    def delay_after_status(
        self, retry_number: int, status: int, retry_after: float | None, rng: random.Random
    ) -> float | None:
        """Seconds to wait before retrying a retryable status, or None to give up now."""
        if retry_number >= self.max_retries:
            return None
        if status in (429, 503) and retry_after is not None:
            if retry_after > self.max_retry_after:
                return None
            return max(retry_after, 0.0)
        return self.backoff(retry_number, rng)

    def delay_after_exception(self, retry_number: int, rng: random.Random) -> float | None:
        if retry_number >= self.max_retries:
            return None
        return self.backoff(retry_number, rng)


def never_sent(error: httpx.TransportError) -> bool:
    """Whether the request provably never reached the server."""
    return isinstance(error, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def is_certificate_failure(error: BaseException) -> bool:
    """Whether a transport error was caused by TLS certificate verification."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLCertVerificationError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def should_retry_status(method: str, status: int) -> bool:
    method = method.upper()
    if method in SAFE_METHODS:
        return status in READ_RETRY_STATUSES
    return status in RETRY_STATUSES and method in IDEMPOTENT_METHODS


def should_retry_exception(method: str, error: httpx.TransportError) -> bool:
    if is_certificate_failure(error):
        return False
    if never_sent(error):
        return True
    return method.upper() in IDEMPOTENT_METHODS


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date."""
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None or when.tzinfo is None:
            return None
        seconds = when.timestamp() - now
    if seconds != seconds or seconds in (float("inf"), float("-inf")):  # NaN / inf
        return None
    return max(seconds, 0.0)
