"""The one host the client talks to, and the checks that keep credentials on it.

Users API links are absolute and may name other hosts (``api-us-3.vonage.com``); a link is
data from the network, so the client takes only the cursor out of it and always builds the
request against the configured base URL. TLS is required except on loopback, where the demo
emulator serves plain HTTP.
"""

from __future__ import annotations

import ipaddress

import httpx

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
    """``base_url`` as an ``httpx.URL``, or a ValueError saying what is wrong with it."""
    try:
        url = httpx.URL(base_url)
    except (httpx.InvalidURL, TypeError):
        raise ValueError("base_url is not a URL") from None
    if url.userinfo:
        # Not echoed: the URL itself holds a secret.
        raise ValueError("base_url must not carry credentials (user:password@host)")
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"base_url must be an https:// URL with a host, not {base_url!r}")
    if url.scheme == "http" and not is_loopback_host(url.host):
        raise ValueError(
            f"base_url {base_url!r} uses plain http: credentials would travel unencrypted. "
            "Use https://, or http:// only for a loopback host (127.0.0.1, ::1, localhost)."
        )
    if url.query or url.fragment:
        raise ValueError(f"base_url must not carry a query or a fragment: {base_url!r}")
    # No trailing slash, so "/v2/applications" joins onto any path prefix the same way.
    return url.copy_with(path=url.path.rstrip("/") or "/")


def same_origin(url: httpx.URL, base: httpx.URL) -> bool:
    """Whether a request URL goes to exactly the base URL's scheme, host and port."""
    return (url.scheme, url.host, url.port) == (base.scheme, base.host, base.port)
