"""Deleting an application: typed confirmation, the API call, the stored key removed."""

from __future__ import annotations


from textual.widgets import Button, Input

from tests.tui_harness import SMALL, make_app, seeded_store, wait_until
from vonage_tui.api import ServerError
from vonage_tui.credentials import BackendError
from vonage_tui.tui.screens.delete_application import DeleteApplicationModal
from vonage_tui.credentials.key_vault import MemoryKeyVault


class UndeletableVault(MemoryKeyVault):
    """Fails as a real vault does: the store's failure wrapped in the credentials layer's error."""

    async def delete(self, app_id: str) -> None:
        raise BackendError("keyring backend gone")



async def open_modal(pilot, app_id: str, name: str | None, results: list) -> DeleteApplicationModal:
    modal = DeleteApplicationModal(app_id, name)
    await pilot.app.push_screen(modal, results.append)
    await wait_until(pilot, lambda: pilot.app.screen is modal)
    return modal


def first_app(store) -> tuple[str, str]:
    app_id, document = next(iter(store.applications.items()))
    return app_id, document["name"]


async def test_wrong_name_keeps_delete_disabled_and_deletes_nothing():
    store = seeded_store(apps=2)
    app = make_app(store)
    app_id, name = first_app(store)
    async with app.run_test(size=SMALL) as pilot:
        modal = await open_modal(pilot, app_id, name, [])
        modal.query_one("#delete-typed", Input).value = name[:-1]
        await pilot.press("x")  # typed, one character off
        assert modal.query_one("#delete-confirm", Button).disabled
        await pilot.press("enter")
        await pilot.pause()
        assert "does not match" in str(modal.query_one("#delete-error").render())
        assert app.screen is modal
    assert app_id in store.applications


async def test_exact_name_deletes_the_application_and_its_stored_key():
    store = seeded_store(apps=2)
    app = make_app(store)
    app_id, name = first_app(store)
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        await app.session.key_vault.put(app_id, "PEM")
        await app.session.key_vault.put("other", "PEM")
        modal = await open_modal(pilot, app_id, name, results)
        modal.query_one("#delete-typed", Input).value = name
        await pilot.pause()
        assert not modal.query_one("#delete-confirm", Button).disabled
        modal.query_one("#delete-confirm").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: results)
        assert results == [True]
        assert await app.session.key_vault.stored_ids() == {"other"}
    assert app_id not in store.applications


async def test_cancel_dismisses_false():
    store = seeded_store(apps=1)
    app = make_app(store)
    app_id, name = first_app(store)
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        await open_modal(pilot, app_id, name, results)
        await pilot.press("escape")
        await wait_until(pilot, lambda: results)
    assert results == [False] and app_id in store.applications


async def test_api_failure_keeps_the_modal_open_with_the_reason(monkeypatch):
    store = seeded_store(apps=1)
    app = make_app(store)
    app_id, name = first_app(store)
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        async def refuse(application_id):
            raise ServerError("Internal error", "try later", status=500)

        monkeypatch.setattr(app.client, "delete_application", refuse)
        modal = await open_modal(pilot, app_id, name, results)
        modal.query_one("#delete-typed", Input).value = name
        await pilot.press("enter")
        await wait_until(pilot, lambda: modal.query_one("#delete-error").display)
        assert "Not deleted: Internal error" in str(modal.query_one("#delete-error").render())
        assert app.screen is modal and not results
        assert not modal.query_one("#delete-confirm", Button).disabled  # may retry


async def test_key_removal_failure_is_reported_but_the_delete_stands():
    store = seeded_store(apps=1)
    app = make_app(store, vault=UndeletableVault())
    app_id, name = first_app(store)
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        modal = await open_modal(pilot, app_id, name, results)
        modal.query_one("#delete-typed", Input).value = name
        await pilot.press("enter")
        await wait_until(pilot, lambda: results)
        messages = [n.message for n in app._notifications]
    assert results == [True] and app_id not in store.applications
    assert any("could not be removed: keyring backend gone" in m for m in messages)


async def test_already_deleted_counts_as_deleted():
    store = seeded_store(apps=1)
    app = make_app(store)
    app_id, name = first_app(store)
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        modal = await open_modal(pilot, app_id, name, results)
        store.delete_application(app_id)
        modal.query_one("#delete-typed", Input).value = name
        await pilot.press("enter")
        await wait_until(pilot, lambda: results)
    assert results == [True]


async def test_readonly_session_deletes_nothing():
    store = seeded_store(apps=1)
    app = make_app(store, readonly=True)
    app_id, name = first_app(store)
    async with app.run_test(size=SMALL) as pilot:
        modal = await open_modal(pilot, app_id, name, [])
        modal.query_one("#delete-typed", Input).value = name
        await pilot.press("enter")
        await pilot.pause()
        assert "read-only" in str(modal.query_one("#delete-error").render())
    assert app_id in store.applications
