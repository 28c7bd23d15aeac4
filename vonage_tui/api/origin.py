"""The one host the client talks to, and the checks that keep credentials on it.

Users API links are absolute and may name other hosts (``api-us-3.vonage.com``); a link is
data from the network, so the client takes only the cursor out of it and always builds the
request against the configured base URL. TLS is required except on loopback, where the demo
emulator serves plain HTTP.
"""

from __future__ import annotations

import ipaddress
import ssl

import httpx

from .errors import InvalidBaseUrlError

DEFAULT_BASE_URL = "https://api.nexmo.com"


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 and ``localhost`` (nothing that could resolve elsewhere)."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def checked_base_url(base_url: str) -> httpx.URL:
    """``base_url`` as an ``httpx.URL``, or an ``InvalidBaseUrlError`` (a ValueError too)
    saying what is wrong with it.

    Checked whole here, because what slips through fails later in odd ways: a port of 99999
    made the socket layer raise a bare ``ExceptionGroup`` at the first request.
    """
    try:
        url = httpx.URL(base_url)
    except (httpx.InvalidURL, TypeError):
        raise _bad("The API URL is not a URL") from None
    if url.userinfo:
        # Not echoed: the URL itself holds a secret.
        raise _bad("The API URL must not carry credentials (user:password@host)")
    if url.scheme not in ("http", "https") or not url.host:
        raise _bad(f"The API URL must be an https:// URL with a host, not {base_url!r}")
    if url.port is not None and not 1 <= url.port <= 65535:
        raise _bad(f"The API URL's port must be between 1 and 65535, not {url.port}")
    if any(ord(char) <= 32 or ord(char) == 127 for char in url.host):
        raise _bad(f"The API URL's host {url.host!r} is not a host name")
    if url.scheme == "http" and not is_loopback_host(url.host):
        raise _bad(
            f"The API URL {base_url!r} uses plain http: credentials would travel unencrypted. "
            "Use https://, or http:// only for a loopback host (127.0.0.1, ::1, localhost)."
        )
    if url.query or url.fragment:
        raise _bad(f"The API URL must not carry a query or a fragment: {base_url!r}")
    # No trailing slash, so "/v2/applications" joins onto any path prefix the same way.
    return url.copy_with(path=url.path.rstrip("/") or "/")


def tls_verification(base: httpx.URL) -> ssl.SSLContext | bool:
    """What the client's ``verify`` is for a checked base URL.

    https: ``True``, httpx's verifying context with the CA bundle. Plain http (loopback only:
    the emulator, ``--demo``): no TLS is ever spoken, since every request goes to the base URL
    and redirects are not followed; reading the CA bundle would cost ~20 ms of every start for
    nothing. The context given instead still requires a verified certificate and the host
    name, but trusts no CA at all: if TLS were ever attempted, it would fail, never pass
    unverified.
    """
    if base.scheme == "https":
        return True
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # CERT_REQUIRED, check_hostname; no CA


def same_origin(url: httpx.URL, base: httpx.URL) -> bool:
    """Whether a request URL goes to exactly the base URL's scheme, host and port."""
    return (url.scheme, url.host, url.port) == (base.scheme, base.host, base.port)


def _bad(message: str) -> InvalidBaseUrlError:
    return InvalidBaseUrlError(message)
