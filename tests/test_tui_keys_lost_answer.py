"""A rotation whose PUT answer is lost: the new private key is never silently dropped.

The PUT may have reached Vonage even though no answer came back (timeout, 5xx from a gateway,
truncated body). Then the application is read again: if it has the new public key the rotation
happened and the key is stored; if that read fails too nobody knows, and the key goes to a file.
"""

from __future__ import annotations

import os
import stat

import httpx
import pytest
from textual.widgets import Input

from tests.tui_harness import SMALL, make_app, seeded_store, wait_until
from vonage_tui.api import (
    ConflictError,
    InvalidResponseError,
    ServerError,
    TransportError,
    ValidationError,
    VonageClient,
)
from vonage_tui.emulator import EmulatorStore, create_app
from vonage_tui.keys import generate_key_pair, keys_match
from vonage_tui.tui.flows.common import launch
from vonage_tui.tui.flows.outcomes import Rotated, Uncertain
from vonage_tui.tui.flows.rotate import run_rotate_key
from vonage_tui.operations.lost_answers import carries_public_key, outcome_unknown
from vonage_tui.operations.rotate import rotate_key
from vonage_tui.tui.screens.confirm import ConfirmModal
from vonage_tui.tui.screens.key_capture import KeyCaptureScreen
from vonage_tui.credentials.key_vault import MemoryKeyVault


class LosePutAnswers(httpx.AsyncBaseTransport):
    """Delivers every PUT to the emulator, then loses its answer in one of three ways.

    ``then_fail_gets`` makes every later GET fail as well (the network went away)."""

    def __init__(self, inner: httpx.AsyncBaseTransport, how: str = "timeout",
                 then_fail_gets: bool = False, deliver: bool = True) -> None:
        self.inner = inner
        self.how = how
        self.then_fail_gets = then_fail_gets
        self.deliver = deliver
        self.put_seen = False
        self.gets_after_put = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET" and self.put_seen:
            self.gets_after_put += 1
            if self.then_fail_gets:
                raise httpx.ConnectError("network unreachable", request=request)
        if request.method != "PUT":
            return await self.inner.handle_async_request(request)
        self.put_seen = True
        if self.deliver:
            response = await self.inner.handle_async_request(request)
            body = await response.aread()
        else:
            body = b"{}"
        if self.how == "timeout":
            raise httpx.ReadTimeout("timed out waiting for the answer", request=request)
        if self.how == "502":
            return httpx.Response(502, json={"title": "Bad gateway"}, request=request)
        if self.how == "truncated":
            return httpx.Response(200, content=body[: len(body) // 2],
                                  headers={"content-type": "application/json"}, request=request)
        if self.how == "409":
            return httpx.Response(409, json={"title": "Conflict"}, request=request)
        raise AssertionError(self.how)


async def no_wait(_seconds: float) -> None:
    return None


def client_for(store: EmulatorStore, transport: LosePutAnswers) -> VonageClient:
    # Retries on, waits off: a PUT "lost after retries" is sent four times, instantly.
    return VonageClient("k", "s", base_url="http://127.0.0.1", transport=transport,
                        sleep=no_wait)


def wrapped(store: EmulatorStore, **options) -> LosePutAnswers:
    return LosePutAnswers(httpx.ASGITransport(app=create_app(store, api_key="k", api_secret="s")),
                          **options)


async def app_with_old_key(store: EmulatorStore, vault: MemoryKeyVault) -> tuple[str, str]:
    pair = generate_key_pair()
    async with client_for(store, wrapped(store)) as client:
        created = await client.create_application(
            {"name": "Rotating", "keys": {"public_key": pair.public_pem}})
    await vault.put(created.id, pair.private_pem)
    return created.id, pair.private_pem


# -- deciding what a failure means --------------------------------------------------------------

def test_only_answers_that_may_hide_a_done_change_are_unknown():
    assert outcome_unknown(TransportError("Read timeout"))
    assert outcome_unknown(ServerError("Bad gateway", status=502))
    assert outcome_unknown(InvalidResponseError("Truncated body", status=200))
    for definite in (ValidationError("Bad", status=400), ConflictError("Taken", status=409)):
        assert not outcome_unknown(definite)
    assert not outcome_unknown(ValueError("no id"))


def test_public_keys_compare_by_key_not_by_text():
    pair = generate_key_pair()
    reformatted = pair.public_pem.replace("\n", "\r\n") + "\n\n"
    assert carries_public_key({"keys": {"public_key": reformatted}}, pair.public_pem)
    assert not carries_public_key({"keys": {"public_key": generate_key_pair().public_pem}},
                                  pair.public_pem)
    assert not carries_public_key({"name": "no key"}, pair.public_pem)


# -- the pure rotation --------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["timeout", "502", "truncated"])
async def test_put_that_arrived_but_lost_its_answer_still_stores_the_new_key(how):
    store = EmulatorStore.seeded(apps=1, users_per_app=0, seed=5)
    vault = MemoryKeyVault()
    app_id, old_private = await app_with_old_key(store, vault)
    async with client_for(store, wrapped(store, how=how)) as client:
        outcome = await rotate_key(client, vault, app_id)
    on_vonage = store.applications[app_id]["keys"]["public_key"]
    assert not keys_match(old_private, on_vonage)  # the PUT did happen
    assert outcome.rotated and outcome.lost_answer is not None
    assert not outcome.key_unsaved
    assert keys_match(await vault.get(app_id), on_vonage)


async def test_put_that_never_arrived_leaves_the_old_key_and_says_so():
    store = EmulatorStore.seeded(apps=1, users_per_app=0, seed=5)
    vault = MemoryKeyVault()
    app_id, old_private = await app_with_old_key(store, vault)
    async with client_for(store, wrapped(store, how="502", deliver=False)) as client:
        with pytest.raises(ServerError):
            await rotate_key(client, vault, app_id)
    assert await vault.get(app_id) == old_private
    assert keys_match(old_private, store.applications[app_id]["keys"]["public_key"])


async def test_a_definite_refusal_is_believed_without_asking_again():
    store = EmulatorStore.seeded(apps=1, users_per_app=0, seed=5)
    vault = MemoryKeyVault()
    app_id, old_private = await app_with_old_key(store, vault)
    transport = wrapped(store, how="409", deliver=False)
    async with client_for(store, transport) as client:
        with pytest.raises(ConflictError):
            await rotate_key(client, vault, app_id)
    assert transport.gets_after_put == 0
    assert await vault.get(app_id) == old_private


async def test_lost_answer_and_failed_check_keep_both_keys():
    store = EmulatorStore.seeded(apps=1, users_per_app=0, seed=5)
    vault = MemoryKeyVault()
    app_id, old_private = await app_with_old_key(store, vault)
    async with client_for(store, wrapped(store, then_fail_gets=True)) as client:
        outcome = await rotate_key(client, vault, app_id)
    assert outcome.unknown and not outcome.rotated and outcome.key_unsaved
    assert isinstance(outcome.lost_answer, TransportError)
    assert outcome.check_error is not None
    # The old key may still be the valid one: it stays in the vault. The new one is returned.
    assert await vault.get(app_id) == old_private
    assert keys_match(outcome.private_pem, store.applications[app_id]["keys"]["public_key"])


def test_outcomes_never_print_the_private_key():
    from vonage_tui.models import Application
    from vonage_tui.operations.create import CreateOutcome
    from vonage_tui.operations.rotate import RotateOutcome

    pair = generate_key_pair()
    body = pair.private_pem.splitlines()[1]
    application = Application.from_document({"id": "abc", "name": "n"})
    for outcome in (CreateOutcome(application, pair.private_pem),
                    RotateOutcome("abc", pair.private_pem, application)):
        shown = repr(outcome)
        assert "PRIVATE KEY" not in shown and body not in shown
        assert "abc" in shown  # still useful when debugging


# -- the TUI flow -------------------------------------------------------------------------------

def app_losing_put_answers(store: EmulatorStore, **options):
    app = make_app(store)
    transport = LosePutAnswers(app.session.client_options["transport"], **options)
    app.session.client_options.update(transport=transport, sleep=no_wait)
    return app


async def confirm_rotation(pilot, app, app_id: str, results: list) -> None:
    launch(app, run_rotate_key(app.services, app_id, "Rotating"), results.append)
    await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
    await pilot.press("y")


async def test_flow_with_a_lost_answer_confirms_the_rotation_and_stores_the_key():
    store = seeded_store(apps=1)
    app = app_losing_put_answers(store)
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        app_id, old_private = await app_with_old_key(store, app.session.key_vault)
        await confirm_rotation(pilot, app, app_id, results)
        await wait_until(pilot, lambda: results)
        stored = await app.session.key_vault.get(app_id)
        messages = [n.message for n in app._notifications]
    assert results == [Rotated(app_id, key_stored=True)]
    assert keys_match(stored, store.applications[app_id]["keys"]["public_key"])
    assert not any("not changed" in m for m in messages)
    assert any("answer" in m and "lost" in m for m in messages)


async def test_flow_with_an_unknown_outcome_makes_the_user_save_the_new_key(tmp_path):
    store = seeded_store(apps=1)
    app = app_losing_put_answers(store, then_fail_gets=True)
    results: list = []
    target = tmp_path / "maybe-new.key"
    async with app.run_test(size=SMALL) as pilot:
        app_id, old_private = await app_with_old_key(store, app.session.key_vault)
        await confirm_rotation(pilot, app, app_id, results)
        await wait_until(pilot, lambda: isinstance(app.screen, KeyCaptureScreen))
        capture = app.screen
        message = str(capture.query_one("#key-capture-message").render())
        assert "may or may not" in message
        await pilot.press("escape")  # cannot leave without saving
        assert app.screen is capture and not results
        capture.query_one("#key-capture-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await wait_until(pilot, lambda: results)
        in_vault = await app.session.key_vault.get(app_id)
    # Not known to be replaced: the new key is in the file.
    assert isinstance(results[0], Uncertain) and results[0].key_file == str(target.resolve())
    assert in_vault == old_private
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert keys_match(target.read_text(), store.applications[app_id]["keys"]["public_key"])
