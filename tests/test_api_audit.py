"""The audit log: every write, failed ones included, and never a body, secret or key."""

from __future__ import annotations

import asyncio
import json
import stat
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.scripted_api import SECRET, Script, make_client, problem
from vonage_tui.api import AuditLog, NotFoundError, VonageClient
from vonage_tui.api.audit import AUDIT_FILE_NAME
from vonage_tui.emulator import EmulatorStore, create_app
from vonage_tui.keys import generate_key_pair
from vonage_tui.credentials import MemoryKeyVault
from vonage_tui.tui.session import Session

KEY, EMU_SECRET = "audit-key", "audit-secret-value-123"
FIELDS = {"time", "profile", "method", "path", "status", "outcome", "request_id", "attempts"}


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


async def test_every_write_is_recorded_with_its_status_and_request_id(tmp_path):
    store = EmulatorStore.seeded(apps=2, users_per_app=1, seed=4)
    app_id = next(iter(store.applications))
    pair = generate_key_pair()
    path = tmp_path / "state" / AUDIT_FILE_NAME
    client = VonageClient(KEY, EMU_SECRET, base_url="http://127.0.0.1",
                          transport=httpx.ASGITransport(create_app(
                              store, api_key=KEY, api_secret=EMU_SECRET)),
                          audit_log=AuditLog(path, profile="work"))
    async with client:
        await client.list_applications()  # a read: not recorded
        created = await client.create_application(
            {"name": "secret-project-name", "keys": {"public_key": pair.public_pem}})
        document = (await client.get_application(app_id)).to_document()
        document["name"] = "renamed-body-value"
        await client.update_application(document)
        with pytest.raises(NotFoundError) as missing:
            await client.update_application({"id": "no-such-app", "name": "n"})
        await client.delete_application(created.id)
    records = lines(path)
    assert [(r["method"], r["status"], r["outcome"]) for r in records] == [
        ("POST", 201, "ok"), ("PUT", 200, "ok"), ("PUT", 404, "NotFoundError"),
        ("DELETE", 204, "ok")]
    assert all(set(r) == FIELDS and r["profile"] == "work" for r in records)
    assert records[1]["path"] == f"/v2/applications/{app_id}"
    assert all(isinstance(r["request_id"], str) and len(r["request_id"]) == 32 for r in records)
    assert records[2]["request_id"] == missing.value.instance  # the problem's trace id
    text = path.read_text()
    for leak in (EMU_SECRET, KEY, "secret-project-name", "renamed-body-value", "PRIVATE KEY",
                 pair.public_pem.splitlines()[1], "Basic ", "Bearer "):
        assert leak not in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


async def test_a_failing_audit_write_never_fails_the_save(tmp_path, caplog):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    script = Script(lambda r: httpx.Response(200, json={"id": "a", "name": "n"}))
    client, _ = make_client(script, audit_log=AuditLog(blocker / AUDIT_FILE_NAME, profile="p"))
    async with client:
        saved = await client.update_application({"id": "a", "name": "n"})
    assert saved.id == "a"
    assert "audit log: could not write" in caplog.text


async def test_a_write_that_got_no_answer_is_recorded_by_its_error_kind(tmp_path):
    path = tmp_path / AUDIT_FILE_NAME
    script = Script(lambda r: httpx.ReadTimeout("no answer", request=r))
    client, _ = make_client(script, audit_log=AuditLog(path, profile="p"))
    async with client:
        with pytest.raises(Exception):
            await client.create_application({"name": "x"})
    (record,) = lines(path)
    assert (record["method"], record["status"], record["outcome"]) == (
        "POST", None, "TransportError")


async def test_a_cancelled_write_is_recorded_as_cancelled(tmp_path):
    path = tmp_path / AUDIT_FILE_NAME
    arrived = asyncio.Event()

    async def silent(request: httpx.Request) -> httpx.Response:
        arrived.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    audit = AuditLog(path, profile="p")
    client, _ = make_client(Script(silent), audit_log=audit)
    async with client:
        task = asyncio.ensure_future(client.delete_application("a"))
        await arrived.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    audit._executor.shutdown(wait=True)  # noqa: SLF001 - wait for the queued line
    (record,) = lines(path)
    assert (record["method"], record["outcome"]) == ("DELETE", "cancelled")


async def test_the_retries_of_a_write_are_counted(tmp_path):
    path = tmp_path / AUDIT_FILE_NAME
    answers = iter([problem(503, "Unavailable", headers={"X-Request-Id": "first"}),
                    httpx.Response(200, json={"id": "a"}, headers={"X-Request-Id": "second"})])
    client, _ = make_client(Script(lambda r: next(answers)),
                            audit_log=AuditLog(path, profile="p"))
    async with client:
        await client.update_application({"id": "a", "name": "n"})
    (record,) = lines(path)
    assert (record["attempts"], record["status"], record["request_id"]) == (2, 200, "second")


def test_a_session_client_audits_under_its_profile_in_the_state_dir(tmp_path):
    session = Session(client_options={"api_key": "k", "api_secret": SECRET},
                      key_vault=MemoryKeyVault(), profile_name="ops")
    client = session.new_client()
    audit = client._audit_log  # noqa: SLF001
    assert audit is not None and audit.profile == "ops"
    assert audit.path.is_relative_to(Path(__import__("os").environ["XDG_STATE_HOME"]))
    demo = Session(client_options={"api_key": "k", "api_secret": SECRET},
                   key_vault=MemoryKeyVault(), profile_name="demo", demo=True)
    assert demo.new_client()._audit_log is None  # noqa: SLF001 - the demo leaves files alone
