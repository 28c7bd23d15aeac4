"""The async client for the Application API v2 and the Users API v1.

One ``VonageClient`` owns one ``httpx.AsyncClient`` (one connection pool) for its lifetime;
use it as an async context manager. Every method either returns a model or raises an
``ApiError`` (see ``errors.py``): callers never see an ``httpx`` exception.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal, Self
from urllib.parse import quote

import httpx
from pydantic import SecretStr

from vonage_tui import __version__
from vonage_tui.models import Application, ApplicationPage, User, UserPage

from .auth import JwtMinter, basic_authorization
from .bodies import create_application_body, put_body, user_body
from .errors import InvalidResponseError, MissingCredentialsError, error_from_response
from .origin import DEFAULT_BASE_URL, checked_base_url, same_origin
from .responses import decoded_body, parse_model, transport_error
from .retry import (
    IDEMPOTENT_METHODS,
    RetryPolicy,
    never_sent,
    parse_retry_after,
    should_retry_exception,
    should_retry_status,
)

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=20.0, write=20.0, pool=10.0)
DEFAULT_APPLICATION_PAGE_SIZE = 100
DEFAULT_USER_PAGE_SIZE = 10  # the Users API's own default
MAX_USER_PAGE_SIZE = 100
ITER_CONCURRENCY = 4
"""Pages ``iter_applications`` fetches at once after the first: fast, but polite to the API."""

Auth = Literal["basic", "jwt"]
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class _Retry:
    """An attempt failed in a way worth trying again after ``delay`` seconds."""

    delay: float
    reason: str
    reached_server: bool


class VonageClient:
    """Applications (Basic auth) and users (JWT) of one account, over one connection pool."""

    def __init__(
        self,
        api_key: str | None = None,
        api_secret: str | SecretStr | None = None,
        application_id: str | None = None,
        private_key: str | bytes | SecretStr | None = None,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 3,
        retry_policy: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
        iter_concurrency: int = ITER_CONCURRENCY,
    ) -> None:
        """
        ``transport`` replaces the network (tests pass ``httpx.ASGITransport`` or
        ``httpx.MockTransport``); ``sleep``, ``clock`` and ``rng`` make retry waits and token
        expiry testable without waiting. ``retry_policy`` overrides ``max_retries``.
        """
        self._base = checked_base_url(base_url)
        self.api_key = api_key or None
        self._api_secret = _secret(api_secret)
        self.application_id = application_id or None
        key_text = _secret(private_key)
        self._minter = (
            JwtMinter(self.application_id, key_text, clock=clock)
            if self.application_id and key_text is not None
            else None
        )
        self._missing_for_users = [
            name
            for name, value in (("application_id", self.application_id), ("private_key", key_text))
            if not value
        ]
        self._policy = retry_policy or RetryPolicy(max_retries=max_retries)
        self._sleep = sleep
        self._clock = clock
        self._rng = rng or random.Random()
        if iter_concurrency < 1:
            raise ValueError("iter_concurrency must be at least 1")
        self._iter_concurrency = iter_concurrency
        self._http = httpx.AsyncClient(
            base_url=self._base,
            timeout=_checked_timeout(timeout),
            transport=transport,
            # Never follow a redirect: a Location header must not carry credentials elsewhere.
            follow_redirects=False,
            # TLS verification stays on; there is deliberately no way to turn it off.
            verify=True,
            headers={"Accept": "application/json", "User-Agent": f"vonage-tui/{__version__}"},
        )

    @property
    def base_url(self) -> str:
        return str(self._base)

    def __repr__(self) -> str:
        return (
            f"VonageClient(base_url={self.base_url!r}, api_key={self.api_key!r}, "
            f"application_id={self.application_id!r})"
        )

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- applications (Basic auth) -------------------------------------------------------

    async def list_applications(
        self, page: int = 1, page_size: int = DEFAULT_APPLICATION_PAGE_SIZE
    ) -> ApplicationPage:
        """One page of applications; pages start at 1."""
        if page < 1 or page_size < 1:
            raise ValueError("page and page_size start at 1")
        data = await self._call(
            "GET", "/v2/applications", "basic", params={"page": page, "page_size": page_size}
        )
        return parse_model(ApplicationPage, data)

    async def iter_applications(
        self, page_size: int = DEFAULT_APPLICATION_PAGE_SIZE
    ) -> AsyncIterator[Application]:
        """Every application: page 1, then the other pages concurrently, yielded in order.

        An application seen on an earlier page is not yielded twice (pages shift when
        applications are created or deleted while the pages load). To stop early, close the
        iterator (``contextlib.aclosing``) so the pages still loading are cancelled at once.
        """
        first = await self.list_applications(1, page_size)
        seen: set[str] = set()
        for application in _unseen(first.applications, seen):
            yield application
        remaining = range(2, first.page_count + 1)
        if not remaining:
            return
        gate = asyncio.Semaphore(self._iter_concurrency)

        async def fetch(page: int) -> ApplicationPage:
            async with gate:
                return await self.list_applications(page, page_size)

        tasks = [asyncio.ensure_future(fetch(page)) for page in remaining]
        try:
            for task in tasks:
                for application in _unseen((await task).applications, seen):
                    yield application
        finally:
            # The caller stopped early or a page failed: nothing keeps running behind its back.
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def get_application(self, application_id: str) -> Application:
        data = await self._call("GET", _application_path(application_id), "basic")
        return parse_model(Application, data)

    async def create_application(
        self, application: Application | Mapping[str, Any]
    ) -> Application:
        """Create an application. The response's ``keys.private_key`` (present when the
        request had no public key) is returned only this once: store it."""
        body = create_application_body(application)
        data = await self._call("POST", "/v2/applications", "basic", json=body)
        return parse_model(Application, data)

    async def update_application(
        self, application: Application | Mapping[str, Any], *, application_id: str | None = None
    ) -> Application:
        """Replace an application with this full document (PUT), unknown fields included.

        The id comes from the document unless ``application_id`` is given.
        """
        document = (
            application.to_document() if isinstance(application, Application) else dict(application)
        )
        target = application_id or document.get("id")
        if not isinstance(target, str) or not target:
            raise ValueError("update_application needs the application's id")
        path = _application_path(target)
        data = await self._call("PUT", path, "basic", json=put_body(document))
        return parse_model(Application, data)

    async def delete_application(self, application_id: str) -> None:
        await self._call("DELETE", _application_path(application_id), "basic", expect_body=False)

    # --- users (JWT) ---------------------------------------------------------------------

    async def list_users(
        self,
        page_size: int = DEFAULT_USER_PAGE_SIZE,
        order: str = "asc",
        cursor: str | None = None,
        name: str | None = None,
    ) -> UserPage:
        """One page of the application's users. Pass ``page.next_cursor`` (or
        ``prev_cursor``) as ``cursor`` for the adjacent page, with the same ``page_size``
        and ``order``."""
        if not 1 <= page_size <= MAX_USER_PAGE_SIZE:
            raise ValueError(f"page_size must be between 1 and {MAX_USER_PAGE_SIZE}")
        if order.lower() not in ("asc", "desc"):
            raise ValueError("order must be 'asc' or 'desc'")
        params: dict[str, Any] = {"page_size": page_size, "order": order}
        if cursor:
            params["cursor"] = cursor
        if name is not None:
            params["name"] = name
        data = await self._call("GET", "/v1/users", "jwt", params=params)
        return parse_model(UserPage, data)

    async def iter_users(
        self, page_size: int = MAX_USER_PAGE_SIZE, order: str = "asc", name: str | None = None
    ) -> AsyncIterator[User]:
        """Every user, following ``next`` cursors (only the cursor is taken from a link)."""
        cursor: str | None = None
        used: set[str] = set()
        while True:
            page = await self.list_users(page_size, order, cursor, name)
            for user in page.users:
                yield user
            cursor = page.next_cursor
            # A server that hands back a cursor it already gave would loop forever.
            if not cursor or cursor in used or not page.users:
                return
            used.add(cursor)

    async def get_user(self, user_id_or_name: str) -> User:
        data = await self._call("GET", _user_path(user_id_or_name), "jwt")
        return parse_model(User, data)

    async def create_user(
        self, user: User | Mapping[str, Any] | None = None, **fields: Any
    ) -> User:
        """Create a user from a model, a dict, or keyword fields (``name=``,
        ``display_name=``, ``channels=``…); keywords win over the same key in ``user``."""
        body = user_body(user) if user is not None else {}
        body.update(fields)
        data = await self._call("POST", "/v1/users", "jwt", json=body)
        return parse_model(User, data)

    async def update_user(self, user_id: str, changes: User | Mapping[str, Any]) -> User:
        """Change some fields of a user (PATCH: fields left out keep their values)."""
        data = await self._call("PATCH", _user_path(user_id), "jwt", json=user_body(changes))
        return parse_model(User, data)

    async def delete_user(self, user_id: str) -> None:
        await self._call("DELETE", _user_path(user_id), "jwt", expect_body=False)

    # --- one request, with auth, retries and error mapping --------------------------------

    async def _call(
        self,
        method: str,
        path: str,
        auth: Auth,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        expect_body: bool = True,
    ) -> Any:
        retry_number = 0
        # Set once an attempt may have reached the server without our learning the outcome.
        outcome_unknown = False
        while True:
            result = await self._attempt(
                method, path, auth, retry_number, outcome_unknown,
                params=params, json=json, expect_body=expect_body,
            )
            if not isinstance(result, _Retry):
                return result
            outcome_unknown = outcome_unknown or result.reached_server
            retry_number += 1
            log.info("%s %s: %s; retry %d in %.2fs", method, path, result.reason, retry_number,
                     result.delay)
            await self._sleep(result.delay)

    async def _attempt(
        self,
        method: str,
        path: str,
        auth: Auth,
        retry_number: int,
        outcome_unknown: bool,
        *,
        params: Mapping[str, Any] | None,
        json: Any,
        expect_body: bool,
    ) -> Any:
        """One request: its decoded body, a ``_Retry``, or a raised ``ApiError``."""
        # Built afresh each attempt: a JWT may have been renewed while we waited.
        request = self._http.build_request(
            method, path, params=params, json=json, headers=self._auth_header(auth)
        )
        if not same_origin(request.url, self._base):  # pragma: no cover - a bug guard
            raise RuntimeError("refusing to send credentials to another origin")
        policy, rng = self._policy, self._rng
        try:
            response = await self._http.send(request)
        except httpx.TransportError as error:
            delay = (
                policy.delay_after_exception(retry_number, rng)
                if should_retry_exception(method, error)
                else None
            )
            if delay is None:
                raise transport_error(error, method, path) from None
            return _Retry(delay, type(error).__name__, reached_server=not never_sent(error))

        status = response.status_code
        log.debug("%s %s -> %d", method, request.url.path, status)
        if response.is_success:
            try:
                return decoded_body(response, expect_body)
            except InvalidResponseError:
                delay = (
                    policy.delay_after_exception(retry_number, rng)
                    if method in IDEMPOTENT_METHODS
                    else None
                )
                if delay is None:
                    raise
                return _Retry(delay, "unreadable body", reached_server=True)
        if method == "DELETE" and status == 404 and outcome_unknown:
            # An earlier attempt got through but its answer was lost: it is deleted.
            return None
        retry_after = parse_retry_after(response.headers.get("Retry-After"), self._clock())
        delay = (
            policy.delay_after_status(retry_number, status, retry_after, rng)
            if should_retry_status(method, status)
            else None
        )
        if delay is None:
            raise error_from_response(response, retry_after=retry_after)
        # A 429 is refused before any work; a 5xx from a gateway may have been forwarded.
        return _Retry(delay, f"HTTP {status}", reached_server=status != 429)

    def _auth_header(self, auth: Auth) -> dict[str, str]:
        if auth == "basic":
            if not self.api_key or self._api_secret is None:
                missing = [
                    name
                    for name, value in (("api_key", self.api_key), ("api_secret", self._api_secret))
                    if not value
                ]
                raise MissingCredentialsError(
                    "Application API calls need an API key and secret",
                    f"missing: {', '.join(missing)}",
                )
            return {"Authorization": basic_authorization(self.api_key, self._api_secret)}
        if self._minter is None:
            raise MissingCredentialsError(
                "Users API calls need an application ID and its private key",
                f"missing: {', '.join(self._missing_for_users)}",
            )
        return {"Authorization": self._minter.authorization()}


def _secret(value: str | bytes | SecretStr | None) -> SecretStr | None:
    if value is None or isinstance(value, SecretStr):
        return value if value is None or value.get_secret_value() else None
    text = value.decode() if isinstance(value, bytes) else value
    return SecretStr(text) if text else None


def _checked_timeout(timeout: float | httpx.Timeout) -> httpx.Timeout:
    result = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
    if None in (result.connect, result.read, result.write, result.pool):
        # A request with no timeout can hang a worker (and the UI waiting on it) forever.
        raise ValueError("every timeout (connect, read, write, pool) must be set")
    return result


def _application_path(application_id: str) -> str:
    return "/v2/applications/" + _segment(application_id, "application id")


def _user_path(user_id_or_name: str) -> str:
    return "/v1/users/" + _segment(user_id_or_name, "user id or name")


def _segment(value: str, what: str) -> str:
    """One path segment: "/", "?", "#" and ".." in a user name cannot change the path."""
    if not isinstance(value, str) or not value:
        raise ValueError(f"a {what} is required")
    if value in (".", ".."):
        raise ValueError(f"{value!r} is not a valid {what}")
    return quote(value, safe="")


def _unseen(applications: list[Application], seen: set[str]) -> list[Application]:
    """This page's applications but those an earlier page had. Two with the same id on one
    page are both kept: that is the server's data (a bug there), not a page shift."""
    fresh = []
    for application in applications:
        key = application.id if isinstance(application.id, str) else None
        if key is None or key not in seen:
            fresh.append(application)
    seen.update(application.id for application in fresh if isinstance(application.id, str))
    return fresh

