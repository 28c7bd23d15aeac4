"""The async client for the Application API v2 and the Users API v1.

One ``VonageClient`` owns one ``httpx.AsyncClient`` (one connection pool) for its lifetime;
use it as an async context manager. Every method either returns a model or raises an
``ApiError`` (see ``errors.py``): callers never see an ``httpx`` exception.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import random
import ssl
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar, overload
from urllib.parse import quote

import httpx

from vonage_tui import __version__
# Only the list's summaries here: the lossless models (and pydantic under them) load when a
# document is first read, so the first page of applications is shown without them.
from vonage_tui.models.summary import ApplicationPage, ApplicationSummary
from vonage_tui.secret import SecretStr

from .auth import JwtMinter, basic_authorization
from .bodies import create_application_body, put_body, user_body
from .audit import WRITE_METHODS, AuditLog
from .errors import (
    ApiError,
    DeadlineExceededError,
    InvalidResponseError,
    MissingCredentialsError,
    RateLimitedError,
    ServerError,
    TransportError,
    error_from_response,
    request_id_of,
)
from .origin import DEFAULT_BASE_URL, checked_base_url, same_origin, tls_verification
from .responses import (
    MAX_ERROR_BODY_BYTES,
    MAX_RESPONSE_BYTES,
    FromDocument,
    ParseTurns,
    decoded_body,
    decoding_failed,
    read_capped,
    too_large,
    transport_error,
    unexpected_failure,
)
from .transport import Http11Transport, uses_env_proxy
from .retry import (
    IDEMPOTENT_METHODS,
    RetryPolicy,
    never_sent,
    parse_retry_after,
    should_retry_exception,
    should_retry_status,
)

if TYPE_CHECKING:
    from vonage_tui.models import Application, User, UserPage

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=20.0, write=20.0, pool=10.0)
DEFAULT_DEADLINE = 30.0
"""Seconds one call may take in all: attempts, retry waits and reading the body. The read
timeout alone is per read: a body trickling a byte a second would never trip it."""
DEFAULT_APPLICATION_PAGE_SIZE = 100
DEFAULT_USER_PAGE_SIZE = 10  # the Users API's own default
MAX_USER_PAGE_SIZE = 100
ITER_CONCURRENCY = 32
"""Pages ``iter_applications`` fetches at once after the first: 3,300 applications in one round
trip after page 1. At 4, a 2,000-application account took 3.5x as long as the network needs
(``benchmarks/iter_applications.py``)."""
ITER_BURST = 32
"""Page requests ``iter_applications`` may start at once, before the sustained rate applies."""
ITER_PAGES_PER_SECOND = 100
"""The most page requests ``iter_applications`` starts per second once the burst is spent,
however fast the answers: a 100,000-application account is read at a polite pace."""
LATE_PAGE_ROUNDS = 2
"""How many more times ``iter_applications`` asks for a page that failed, after the others."""
LATE_PAGE_WAIT = 1.0
"""Seconds before each of those rounds: a failure that outlasted the call's own retries."""
MAX_USER_PAGES_WALKED = 10_000
"""``iter_users`` gives up (with an error) after this many pages: 1,000,000 users at 100 a page."""

Auth = Literal["basic", "jwt"]
_PageRead = tuple[list[ApplicationSummary], int]
"""A page as ``iter_applications`` keeps it: its applications and its believable page count."""
M = TypeVar("M", bound=FromDocument)
Sleep = Callable[[float], Awaitable[None]]


# _Retry and _CallRecord are plain classes, not dataclasses: every start imports this module,
# and a dataclass's generated methods are compiled at import (~0.7 ms for the two).


class _Retry:
    """An attempt failed in a way worth trying again after ``delay`` seconds."""

    __slots__ = ("delay", "reason", "reached_server", "error")

    def __init__(self, delay: float, reason: str, reached_server: bool,
                 error: ApiError | None = None) -> None:
        self.delay = delay
        self.reason = reason
        self.reached_server = reached_server
        self.error = error
        """What to raise if there is no time left to try again."""


class _CallRecord:
    """What one call did so far: for the deadline message and the audit log."""

    __slots__ = ("attempts", "retries", "status", "request_id")

    def __init__(self) -> None:
        self.attempts = 0
        self.retries = 0
        self.status: int | None = None
        self.request_id: str | None = None


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
        deadline: float = DEFAULT_DEADLINE,
        max_body: int = MAX_RESPONSE_BYTES,
        audit_log: AuditLog | None = None,
        pace_clock: Callable[[], float] | None = None,
    ) -> None:
        """
        ``transport`` replaces the network (tests pass ``httpx.ASGITransport`` or
        ``httpx.MockTransport``). Without one, requests go through ``Http11Transport``
        (``transport.py``: h11 on asyncio, sparing every start httpcore and anyio), unless a
        proxy from the environment (HTTPS_PROXY, …) applies to the base URL: then through
        httpx's own transport, which honours it.
        ``sleep``, ``clock`` and ``rng`` make retry waits and token expiry testable without
        waiting, and ``pace_clock`` (seconds, the event loop's clock
        by default) is what ``iter_applications`` paces its pages by: a test whose ``sleep``
        waits for nothing moves it on by the time slept. ``retry_policy`` overrides
        ``max_retries``.
        ``deadline`` bounds each call as a whole (``DeadlineExceededError``); ``max_body`` is
        the largest successful body accepted; ``audit_log`` records every write (the client
        closes it with itself).

        A base URL that cannot work raises ``InvalidBaseUrlError`` here, before any request.
        """
        self._base = checked_base_url(base_url)
        if not deadline > 0 or deadline == float("inf"):
            raise ValueError("deadline must be a positive number of seconds")
        self._deadline = float(deadline)
        if max_body < 1:
            raise ValueError("max_body must be at least 1 byte")
        self._max_body = max_body
        self._audit_log = audit_log
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
        self._pace_clock = pace_clock
        self._rng = rng or random.Random()
        if iter_concurrency < 1:
            raise ValueError("iter_concurrency must be at least 1")
        self._iter_concurrency = iter_concurrency
        self._parse_turns = ParseTurns()
        self._owns_pool = True
        """False for a view made by ``for_application``: the pool is its parent's to close."""
        # httpx reads ``verify`` only for a transport it builds itself: with a proxy from the
        # environment. Ours verifies https with the CA bundle, read at its first https
        # connection; the client only ever connects to the base URL's origin.
        verify: ssl.SSLContext | bool = True
        if transport is None:
            if uses_env_proxy(self._base):
                verify = tls_verification(self._base)
            else:
                # Not httpx's default (httpcore on anyio): ~45 ms of every start (transport.py).
                transport = Http11Transport()
        self._http = httpx.AsyncClient(
            base_url=self._base,
            timeout=_checked_timeout(timeout),
            transport=transport,
            # Never follow a redirect: a Location header must not carry credentials elsewhere.
            follow_redirects=False,
            # TLS verification stays on; there is deliberately no way to turn it off.
            verify=verify,
            headers={"Accept": "application/json", "User-Agent": f"vonage-tui/{__version__}"},
        )

    @property
    def base_url(self) -> str:
        return str(self._base)

    @property
    def deadline(self) -> float:
        """Seconds each call may take in all."""
        return self._deadline

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

    def for_application(
        self, application_id: str, private_key: str | bytes | SecretStr
    ) -> VonageClient:
        """This client, for the users of one application: its own ``JwtMinter`` (a token is
        minted once and reused until shortly before it expires) over the same connection pool,
        base URL, retries, deadline and audit log.

        A screen per application costs no new pool. Closing the view closes nothing: the pool
        is this client's. Only the JWT changes, so credentials still go only to the base URL.
        """
        if not application_id:
            raise ValueError("an application id is required")
        view = copy.copy(self)
        view._owns_pool = False
        view.application_id = application_id
        key_text = _secret(private_key)
        view._minter = (
            JwtMinter(application_id, key_text, clock=self._clock) if key_text is not None else None
        )
        view._missing_for_users = [] if key_text is not None else ["private_key"]
        return view

    async def ready_for_users(self) -> None:
        """Mint the first Users API token in a worker thread: it imports the JWT library and
        reads the key (~50-90 ms), a frozen screen when done on the event loop by the first
        request. A key that cannot sign is left for that request to report."""
        if self._minter is None:
            return
        try:
            await asyncio.to_thread(self._minter.token)
        except MissingCredentialsError:
            pass

    async def aclose(self) -> None:
        if not self._owns_pool:
            return
        await self._http.aclose()
        if self._audit_log is not None:
            self._audit_log.close()  # lines already queued are still written

    # --- applications (Basic auth) -------------------------------------------------------

    async def list_applications(
        self, page: int = 1, page_size: int = DEFAULT_APPLICATION_PAGE_SIZE
    ) -> ApplicationPage:
        """One page of applications; pages start at 1."""
        if page < 1 or page_size < 1:
            raise ValueError("page and page_size start at 1")
        return await self._call(
            "GET", "/v2/applications", "basic", ApplicationPage,
            params={"page": page, "page_size": page_size},
        )

    async def iter_applications(
        self, page_size: int = DEFAULT_APPLICATION_PAGE_SIZE
    ) -> AsyncIterator[ApplicationSummary]:
        """Every application, as a summary: page 1, then the next pages many at a time,
        yielded in order. (``get_application`` reads the full, lossless one.)

        The page count is a claim from the network, so it is bounded three ways: no page past
        what ``total_items`` fills (``ApplicationPage.page_count``), a stop at the first page
        with nothing new (empty, or only applications already yielded), and at most
        ``iter_concurrency`` pages in flight, started ``ITER_BURST`` at once and then at most
        ``ITER_PAGES_PER_SECOND``.

        An application seen on an earlier page is not yielded twice (pages shift when
        applications are created or deleted while the pages load). A page that fails in a way
        a later try may not (no answer, a 5xx, a 429, a garbled body: after the call's own
        retries) is set aside while the others load, and asked again at the end, up to
        ``LATE_PAGE_ROUNDS`` times; if it still fails, its error is raised after everything
        else was yielded. Any other failure is raised at once. To stop early, close the
        iterator (``contextlib.aclosing``) so the pages still loading are cancelled at once.
        """
        first = await self.list_applications(1, page_size)
        seen: set[str] = set()
        fresh = _unseen(first.applications, seen)
        for application in fresh:
            yield application
        last_page = first.page_count
        if not fresh:
            return
        gate = asyncio.Semaphore(self._iter_concurrency)
        pace = _TokenBucket(self._sleep, self._pace_clock or asyncio.get_running_loop().time,
                            ITER_PAGES_PER_SECOND, ITER_BURST)

        async def fetch(number: int) -> _PageRead | ApiError:
            async with gate:
                await pace()
                try:
                    page = await self.list_applications(number, page_size)
                except ApiError as error:
                    if not _worth_another_round(error):
                        raise
                    return error
                # Only what the walk needs waits for its turn: a page's whole document kept
                # in a future is thousands of objects for the garbage collector to go over.
                return page.applications, page.page_count

        # Pages are started ahead of the one being yielded, but never more than this many: a
        # slow page holds back new starts, never the pages already running.
        window = 2 * self._iter_concurrency
        pending: deque[tuple[int, asyncio.Future[_PageRead | ApiError]]] = deque()
        failed: dict[int, ApiError] = {}
        next_page = 2
        try:
            while next_page <= last_page or pending:
                while next_page <= last_page and len(pending) < window:
                    pending.append((next_page, asyncio.ensure_future(fetch(next_page))))
                    next_page += 1
                number, future = pending.popleft()
                read = await future
                if isinstance(read, ApiError):
                    failed[number] = read
                    continue
                applications, page_count = read
                fresh = _unseen(applications, seen)
                if not fresh:
                    last_page = min(last_page, number - 1)
                    break  # the end, whatever the counts said
                # A short page is the last: no more pages are asked for after it.
                last_page = min(last_page, max(page_count, 1))
                for application in fresh:
                    yield application
            await _cancelled(pending)  # pages started past the end
            for _ in range(LATE_PAGE_ROUNDS):
                # Pages past the end that came to light meanwhile were never needed.
                failed = {number: error for number, error in failed.items()
                          if number <= last_page}
                if not failed:
                    return
                await self._sleep(LATE_PAGE_WAIT)
                for number in list(failed):
                    try:
                        page = await self.list_applications(number, page_size)
                    except ApiError as error:
                        if not _worth_another_round(error):
                            raise
                        failed[number] = error
                        continue
                    del failed[number]
                    for application in _unseen(page.applications, seen):
                        yield application
            if failed:
                raise failed[min(failed)]
        finally:
            # The caller stopped early, a page failed, or the end came before the count said:
            # nothing keeps running behind anyone's back.
            await _cancelled(pending)

    async def get_application(self, application_id: str) -> Application:
        from vonage_tui.models import Application

        return await self._call("GET", _application_path(application_id), "basic", Application)

    async def create_application(
        self, application: Application | Mapping[str, Any]
    ) -> Application:
        """Create an application. The response's ``keys.private_key`` (present when the
        request had no public key) is returned only this once: store it."""
        from vonage_tui.models import Application

        body = create_application_body(application)
        return await self._call("POST", "/v2/applications", "basic", Application, json=body)

    async def update_application(
        self, application: Application | Mapping[str, Any], *, application_id: str | None = None
    ) -> Application:
        """Replace an application with this full document (PUT), unknown fields included.

        The id comes from the document unless ``application_id`` is given.
        """
        from vonage_tui.models import Application

        document = (
            application.to_document() if isinstance(application, Application) else dict(application)
        )
        target = application_id or document.get("id")
        if not isinstance(target, str) or not target:
            raise ValueError("update_application needs the application's id")
        path = _application_path(target)
        return await self._call("PUT", path, "basic", Application, json=put_body(document))

    async def delete_application(self, application_id: str) -> None:
        await self._call("DELETE", _application_path(application_id), "basic", None)

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
        from vonage_tui.models import UserPage

        return await self._call("GET", "/v1/users", "jwt", UserPage, params=params)

    async def iter_users(
        self, page_size: int = MAX_USER_PAGE_SIZE, order: str = "asc", name: str | None = None
    ) -> AsyncIterator[User]:
        """Every user, following ``next`` cursors (only the cursor is taken from a link)."""
        cursor: str | None = None
        used: set[str] = set()
        seen: set[str] = set()
        for _ in range(MAX_USER_PAGES_WALKED):
            page = await self.list_users(page_size, order, cursor, name)
            fresh = _unseen_users(page.users, seen)
            for user in fresh:
                yield user
            cursor = page.next_cursor
            # A server that hands back a cursor it already gave, or pages of users already
            # seen, would keep the walk going forever.
            if not cursor or cursor in used or not fresh:
                return
            used.add(cursor)
        raise InvalidResponseError(
            "The Users API kept handing out pages",
            f"stopped after {MAX_USER_PAGES_WALKED} pages; the list shown may be incomplete",
        )

    async def get_user(self, user_id_or_name: str) -> User:
        from vonage_tui.models import User

        return await self._call("GET", _user_path(user_id_or_name), "jwt", User)

    async def create_user(
        self, user: User | Mapping[str, Any] | None = None, **fields: Any
    ) -> User:
        """Create a user from a model, a dict, or keyword fields (``name=``,
        ``display_name=``, ``channels=``…); keywords win over the same key in ``user``."""
        from vonage_tui.models import User

        body = user_body(user) if user is not None else {}
        body.update(fields)
        return await self._call("POST", "/v1/users", "jwt", User, json=body)

    async def update_user(self, user_id: str, changes: User | Mapping[str, Any]) -> User:
        """Change some fields of a user (PATCH: fields left out keep their values)."""
        from vonage_tui.models import User

        return await self._call("PATCH", _user_path(user_id), "jwt", User, json=user_body(changes))

    async def delete_user(self, user_id: str) -> None:
        await self._call("DELETE", _user_path(user_id), "jwt", None)

    # --- one request, with auth, retries, deadline, error mapping and audit ---------------

    @overload
    async def _call(
        self, method: str, path: str, auth: Auth, model: type[M], *,
        params: Mapping[str, Any] | None = None, json: Any = None,
    ) -> M: ...

    @overload
    async def _call(
        self, method: str, path: str, auth: Auth, model: None, *,
        params: Mapping[str, Any] | None = None, json: Any = None,
    ) -> None: ...

    async def _call(
        self,
        method: str,
        path: str,
        auth: Auth,
        model: type[M] | None,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
    ) -> M | None:
        """The model the answer stands for (None when ``model`` is None: no body expected).

        Every attempt, every wait between them and every body read happen within one deadline.
        """
        call = _CallRecord()
        try:
            try:
                async with asyncio.timeout(self._deadline) as window:
                    result = await self._attempts(
                        method, path, auth, model, call, params=params, json=json
                    )
            except TimeoutError as error:
                if not window.expired():  # not ours: still never a bare exception
                    raise unexpected_failure(error, method, path, self._base.host) from None
                raise self._deadline_error(method, path, call) from None
            except ApiError:
                raise
            except Exception as error:  # noqa: BLE001 - the contract: only ApiErrors leave
                raise unexpected_failure(error, method, path, self._base.host) from None
        except ApiError as error:
            await self._audit(method, path, call, error=error)
            raise
        except asyncio.CancelledError:
            # The caller gave up (esc, a closed screen): the outcome of a write is unknown.
            if method in WRITE_METHODS and self._audit_log is not None:
                self._audit_log.submit(self._audit_entry(method, path, call, "cancelled"))
            raise
        await self._audit(method, path, call)
        return result

    async def _attempts(
        self,
        method: str,
        path: str,
        auth: Auth,
        model: type[M] | None,
        call: _CallRecord,
        *,
        params: Mapping[str, Any] | None,
        json: Any,
    ) -> M | None:
        retry_number = 0
        # Set once an attempt may have reached the server without our learning the outcome.
        outcome_unknown = False
        loop = asyncio.get_running_loop()
        give_up_at = loop.time() + self._deadline
        while True:
            call.attempts += 1
            result = await self._attempt(
                method, path, auth, model, call, retry_number, outcome_unknown,
                params=params, json=json,
            )
            if not isinstance(result, _Retry):
                return result
            if loop.time() + result.delay >= give_up_at:
                # Waiting would run past the deadline: say what actually went wrong instead.
                if result.error is not None:
                    raise result.error
                raise self._deadline_error(method, path, call)
            outcome_unknown = outcome_unknown or result.reached_server
            retry_number += 1
            call.retries = retry_number
            log.info("%s %s: %s; retry %d in %.2fs", method, path, result.reason, retry_number,
                     result.delay)
            await self._sleep(result.delay)

    async def _attempt(
        self,
        method: str,
        path: str,
        auth: Auth,
        model: type[M] | None,
        call: _CallRecord,
        retry_number: int,
        outcome_unknown: bool,
        *,
        params: Mapping[str, Any] | None,
        json: Any,
    ) -> Any:
        """One request: its model (or None), a ``_Retry``, or a raised ``ApiError``."""
        # Built afresh each attempt: a JWT may have been renewed while we waited.
        request = self._http.build_request(
            method, path, params=params, json=json, headers=self._auth_header(auth)
        )
        if not same_origin(request.url, self._base):  # pragma: no cover - a bug guard
            raise RuntimeError("refusing to send credentials to another origin")
        policy, rng = self._policy, self._rng
        response: httpx.Response | None = None
        try:
            response = await self._http.send(request, stream=True)
            call.status = response.status_code
            call.request_id = request_id_of(response)
            if response.is_success:
                content, complete = (
                    await read_capped(response, self._max_body, prefix_wanted=False)
                    if model is not None
                    else (b"", True)
                )
            else:
                content, complete = await read_capped(response, MAX_ERROR_BODY_BYTES)
        except httpx.TransportError as error:
            delay = (
                policy.delay_after_exception(retry_number, rng)
                if should_retry_exception(method, error)
                else None
            )
            failure = transport_error(error, method, path)
            if delay is None:
                raise failure from None
            reached = response is not None or not never_sent(error)
            return _Retry(delay, type(error).__name__, reached_server=reached, error=failure)
        except httpx.DecodingError:
            # A Content-Encoding that lies: the same again on a retry.
            raise decoding_failed(method, path, call.status) from None
        finally:
            if response is not None:
                # Frees the connection (or drops it, when the body was left unread) even when
                # this task is being cancelled.
                await response.aclose()

        status = response.status_code
        log.debug("%s %s -> %d", method, request.url.path, status)
        if response.is_success:
            if model is None:
                return None
            if not complete:
                raise too_large(response, self._max_body)  # the same again on a retry
            try:
                return await decoded_body(response, content, model, self._parse_turns)
            except InvalidResponseError as error:
                delay = (
                    policy.delay_after_exception(retry_number, rng)
                    if method in IDEMPOTENT_METHODS
                    else None
                )
                if delay is None:
                    raise
                return _Retry(delay, "unreadable body", reached_server=True, error=error)
        if method == "DELETE" and status == 404 and outcome_unknown:
            # An earlier attempt got through but its answer was lost: it is deleted.
            return None
        retry_after = parse_retry_after(response.headers.get("Retry-After"), self._clock())
        error = error_from_response(
            response, retry_after=retry_after, content=content, complete=complete
        )
        call.request_id = error.request_id
        delay = (
            policy.delay_after_status(retry_number, status, retry_after, rng)
            if should_retry_status(method, status)
            else None
        )
        if delay is None:
            raise error
        # A 429 is refused before any work; a 5xx from a gateway may have been forwarded.
        return _Retry(delay, f"HTTP {status}", reached_server=status != 429, error=error)

    def _deadline_error(self, method: str, path: str, call: _CallRecord) -> DeadlineExceededError:
        tries = f"{call.attempts} attempt{'s' if call.attempts != 1 else ''}"
        return DeadlineExceededError(
            f"No complete answer from {self._base.host} within {self._deadline:g} s",
            f"{method} {path} gave up after {tries}",
            method=method,
            path=path,
            waited=self._deadline,
        )

    async def _audit(
        self, method: str, path: str, call: _CallRecord, *, error: ApiError | None = None
    ) -> None:
        if method not in WRITE_METHODS or self._audit_log is None:
            return
        if error is not None:
            call.status = error.status
            call.request_id = error.request_id or call.request_id
        outcome = "ok" if error is None else type(error).__name__
        await self._audit_log.record(self._audit_entry(method, path, call, outcome))

    def _audit_entry(
        self, method: str, path: str, call: _CallRecord, outcome: str
    ) -> dict[str, Any]:
        assert self._audit_log is not None
        return self._audit_log.entry(
            method, path, status=call.status, outcome=outcome, request_id=call.request_id,
            attempts=call.attempts,
        )

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


def _unseen_users(users: list[User], seen: set[str]) -> list[User]:
    fresh = []
    for user in users:
        key = user.id if isinstance(user.id, str) else None
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        fresh.append(user)
    return fresh


class _TokenBucket:
    """Lets ``burst`` calls go at once, then one per ``1 / rate`` seconds (a token bucket,
    kept as the time the next token is due, so it needs no timer). Each call reserves its
    slot before it waits: calls waiting together are spaced out, not released together."""

    def __init__(self, sleep: Sleep, now: Callable[[], float], rate: float, burst: int) -> None:
        self._sleep = sleep
        self._now = now
        self._interval = 1 / rate
        self._slack = (burst - 1) * self._interval
        self._due = float("-inf")

    async def __call__(self) -> None:
        now = self._now()
        due = max(self._due, now)
        self._due = due + self._interval
        if (wait := due - self._slack - now) > 0:
            await self._sleep(wait)


async def _cancelled(pending: deque[tuple[int, asyncio.Future[Any]]]) -> None:
    """Cancel the page requests still running, and wait until they have stopped."""
    tasks = [task for _, task in pending]
    pending.clear()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def _worth_another_round(error: ApiError) -> bool:
    """A page failure a later try may not repeat: no answer, a 5xx, a 429, a garbled body."""
    return isinstance(error, (TransportError, ServerError, RateLimitedError, InvalidResponseError))


def _unseen(
    applications: list[ApplicationSummary], seen: set[str]
) -> list[ApplicationSummary]:
    """This page's applications but those an earlier page had. Two with the same id on one
    page are both kept: that is the server's data (a bug there), not a page shift."""
    fresh = []
    for application in applications:
        key = application.id if isinstance(application.id, str) else None
        if key is None or key not in seen:
            fresh.append(application)
    seen.update(application.id for application in fresh if isinstance(application.id, str))
    return fresh

