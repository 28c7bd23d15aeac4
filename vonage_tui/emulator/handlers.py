"""The ten endpoints: each parses the request, authenticates it, and calls the store."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from . import problems
from .auth import check_basic, require_admin, verified_claims
from .paging import parse_cursor_query, parse_page_query
from .store import EmulatorStore


def _store(request: Request) -> EmulatorStore:
    return request.app.state.store


async def _json_body(request: Request, *, users: bool) -> Any:
    raw = await request.body()
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise problems.malformed_json(users=users) from None


def _base_url(request: Request) -> str:
    """Scheme and host the client used, so links lead back to this server."""
    return f"{request.url.scheme}://{request.url.netloc}"


# --- Application API v2: Basic auth ---------------------------------------------------


def _authenticate_basic(request: Request) -> None:
    state = request.app.state
    check_basic(request.headers, state.api_key, state.api_secret)


async def applications(request: Request) -> Response:
    """GET lists a page; POST creates (201, with ``keys.private_key`` if one was generated)."""
    _authenticate_basic(request)
    store = _store(request)
    if request.method == "POST":
        body = await _json_body(request, users=False)
        if not isinstance(body, dict):
            raise problems.malformed_json(users=False)
        return JSONResponse(store.add_application(body), status_code=201)
    query, violations = parse_page_query(request.query_params)
    if violations:
        raise problems.application_list_invalid(violations)
    return JSONResponse(store.application_page(query))


async def application(request: Request) -> Response:
    """GET one, PUT to replace it whole, DELETE it (and its users)."""
    _authenticate_basic(request)
    store = _store(request)
    app_id = request.path_params["app_id"]
    if request.method in ("GET", "HEAD"):
        return JSONResponse(store.get_application(app_id))
    if request.method == "DELETE":
        store.delete_application(app_id)
        return Response(status_code=204)
    store.get_application(app_id)  # 404 before judging the body, as the real API does
    body = await _json_body(request, users=False)
    if not isinstance(body, dict):
        raise problems.malformed_json(users=False)
    return JSONResponse(store.replace_application(app_id, body))


# --- Users API v1: bearer JWT, scoped to the token's application ---------------------


async def users(request: Request) -> Response:
    """GET lists with cursors; POST creates (201; duplicate name is 409)."""
    store = _store(request)
    claims = verified_claims(request.headers, store)
    app_id = claims["application_id"]
    if request.method == "POST":
        require_admin(claims)
        body = await _json_body(request, users=True)
        if body is not None and not isinstance(body, dict):
            raise problems.malformed_json(users=True)
        stored = store.add_user(app_id, body)
        return JSONResponse(store.user_response(stored, _base_url(request)), status_code=201)
    query, violations = parse_cursor_query(request.query_params)
    if violations:
        raise problems.user_invalid(violations)
    return JSONResponse(store.user_page(app_id, query, _base_url(request)))


async def user(request: Request) -> Response:
    """GET by id or name, PATCH as a merge patch, DELETE."""
    store = _store(request)
    claims = verified_claims(request.headers, store)
    app_id = claims["application_id"]
    ref = request.path_params["user_ref"]
    if request.method in ("GET", "HEAD"):
        return JSONResponse(store.user_response(store.find_user(app_id, ref), _base_url(request)))
    if request.method == "DELETE":
        store.delete_user(app_id, ref)
        return Response(status_code=204)
    store.find_user(app_id, ref)  # 404 before judging the body
    patch = await _json_body(request, users=True)
    stored = store.update_user(app_id, ref, patch if patch is not None else {})
    return JSONResponse(store.user_response(stored, _base_url(request)))
