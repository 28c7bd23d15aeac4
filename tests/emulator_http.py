"""Raw HTTP to the emulator, for its tests: clients, credentials, real JWTs, and a counter of the
write requests it receives.

The tests speak raw HTTP on purpose: the emulator must stand on its own against the spec,
not against our own client.
"""

from __future__ import annotations

import base64
import functools
import time
import uuid
from typing import Any

import httpx
import jwt

from vonage_tui.emulator import EmulatorStore, create_app
from vonage_tui.keys import load_private_key

API_KEY = "test-key"
API_SECRET = "test-secret"
BASE_URL = "http://testserver"


def basic(key: str = API_KEY, secret: str = API_SECRET) -> dict[str, str]:
    token = base64.b64encode(f"{key}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def mint_jwt(private_pem: str, app_id: str, *, lifetime: int = 900, **claims: Any) -> str:
    """An RS256 token as a Vonage client makes one: application_id, iat, jti, exp."""
    now = int(time.time())
    payload = {"application_id": app_id, "iat": now, "jti": str(uuid.uuid4()), "exp": now + lifetime}
    payload.update(claims)
    return jwt.encode(payload, _signing_key(private_pem), algorithm="RS256")


@functools.cache
def _signing_key(private_pem: str):
    # Parsing an RSA private key checks it thoroughly (tens of ms): do it once per key.
    return load_private_key(private_pem)


def bearer(store: EmulatorStore, app_id: str, **claims: Any) -> dict[str, str]:
    pem = store.private_key_for(app_id)
    assert pem is not None, "the store should know the private key of a seeded application"
    return {"Authorization": f"Bearer {mint_jwt(pem, app_id, **claims)}"}


def asgi_client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL)


def emulator(store: EmulatorStore | None = None, **options: Any) -> Any:
    return create_app(store, api_key=API_KEY, api_secret=API_SECRET, **options)


def assert_problem(response: httpx.Response, status: int, *, code: str | None = None) -> dict:
    """A Vonage-shaped RFC 7807 body; returns it for further checks."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    for field in ("type", "title", "detail", "instance"):
        assert isinstance(body[field], str) and body[field], field
    assert len(body["instance"]) == 32  # a trace id
    if code is not None:
        assert body["code"] == code
        assert body["type"].endswith(f"#{code}")
    else:
        assert "code" not in body
    return body


class WriteCounter:
    """Counts the write requests (anything but GET/HEAD) that reach the wrapped ASGI app."""

    def __init__(self) -> None:
        self.count = 0

    def wrap(self, inner: Any) -> Any:
        async def counted(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope.get("type") == "http" and scope.get("method") not in ("GET", "HEAD"):
                self.count += 1
            await inner(scope, receive, send)

        return counted
