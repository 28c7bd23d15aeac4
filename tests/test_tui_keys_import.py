"""Importing or pasting a private key on the private keys screen never silently replaces a
stored key, and a key that does not belong to the application is refused unless insisted on."""

from __future__ import annotations

from textual.widgets import Input

from tests.tui_harness import SMALL, make_app, seeded_store, settle, wait_until
from vonage_tui.keys import generate_key_pair
from vonage_tui.operations.key_import import ImportCheck, check_import, import_question
from vonage_tui.tui.screens.confirm import ConfirmModal
from vonage_tui.tui.screens.key_input import KeyInputModal
from vonage_tui.tui.screens.private_keys import PrivateKeysScreen
from vonage_tui.credentials.key_vault import MemoryKeyVault


def app_with_key_pair(store):
    """The first application gets a public key whose private half the test holds."""
    app_id = next(iter(store.applications))
    pair = generate_key_pair()
    store.applications[app_id]["keys"] = {"public_key": pair.public_pem}
    return app_id, pair


# -- what would be asked ------------------------------------------------------------------------

def test_questions():
    assert import_question(ImportCheck("a", matches=True)) is None
    assert import_question(ImportCheck("a", matches=None, match_note="offline")) is None
    mismatch = import_question(ImportCheck("a", matches=False))
    assert mismatch.confirm_label == "Store anyway" and "does not belong" in mismatch.message
    assert "replaced" not in mismatch.message
    both = import_question(ImportCheck("a", matches=False, replaces=True))
    assert both.confirm_label == "Store anyway" and "replaced" in both.message
    replace = import_question(ImportCheck("a", matches=True, replaces=True))
    assert replace.confirm_label == "Replace" and "matches" in replace.message
    unchecked = import_question(ImportCheck("a", replaces=True, match_note="offline"))
    assert "not checked" in unchecked.message and "offline" in unchecked.message
    unknown_store = import_question(ImportCheck("a", matches=True, replaces=None,
                                                store_note="locked"))
    assert unknown_store is not None and "locked" in unknown_store.message


async def test_check_compares_keys_not_text_and_notes_a_failed_lookup():
    store = seeded_store(apps=1)
    app_id, pair = app_with_key_pair(store)
    app = make_app(store)
    vault = MemoryKeyVault()
    async with app.run_test(size=SMALL):
        vault.keys[app_id] = pair.private_pem.replace("\n", "\r\n")
        same = await check_import(app.client, vault, app_id, pair.private_pem)
        assert same.already_stored and same.matches
        other = await check_import(app.client, vault, app_id, generate_key_pair().private_pem)
        assert other.replaces and other.matches is False
        missing = await check_import(app.client, vault, "no-such-app", pair.private_pem)
        assert missing.matches is None and "no application" in missing.match_note
        assert missing.replaces is False


# -- the screen ---------------------------------------------------------------------------------

async def open_keys(pilot) -> PrivateKeysScreen:
    await settle(pilot)
    screen = PrivateKeysScreen()
    await pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


async def paste(pilot, app_id: str, pem: str) -> None:
    await pilot.press("v")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, KeyInputModal))
    modal = pilot.app.screen
    modal.query_one("#key-app-id", Input).value = app_id
    modal.query_one("#key-pem").load_text(pem)
    await pilot.press("ctrl+s")


def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_replacing_a_stored_key_is_asked_first():
    store = seeded_store(apps=1)
    app_id, pair = app_with_key_pair(store)
    old = pair.private_pem
    app = make_app(store)
    vault = app.session.key_vault
    vault.keys[app_id] = old
    newer = generate_key_pair()
    store.applications[app_id]["keys"] = {"public_key": newer.public_pem}  # rotated elsewhere
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_keys(pilot)
        await paste(pilot, app_id, newer.private_pem)
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert "different private key is stored" in str(app.screen.message)
        await pilot.press("enter")  # the focus is on Cancel: a stray enter keeps the old key
        await wait_until(pilot, lambda: app.screen is screen)
        await settle(pilot)
        assert vault.keys[app_id] == old
        await paste(pilot, app_id, newer.private_pem)
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: vault.keys[app_id] != old)
    assert vault.keys[app_id] == newer.private_pem


async def test_a_key_that_does_not_match_is_refused_unless_stored_anyway():
    store = seeded_store(apps=1)
    app_id, pair = app_with_key_pair(store)
    stranger = generate_key_pair().private_pem
    app = make_app(store)
    vault = app.session.key_vault
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_keys(pilot)
        await paste(pilot, app_id, stranger)
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        question = app.screen
        assert "does not belong" in str(question.message)
        assert question.confirm_label == "Store anyway"
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        await settle(pilot)
        assert app_id not in vault.keys
        await paste(pilot, app_id, stranger)
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: app_id in vault.keys)
    assert vault.keys[app_id] == stranger


async def test_a_matching_key_is_stored_without_questions_and_says_it_matches():
    store = seeded_store(apps=1)
    app_id, pair = app_with_key_pair(store)
    app = make_app(store)
    vault = app.session.key_vault
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_keys(pilot)
        await paste(pilot, app_id, pair.private_pem)
        await wait_until(pilot, lambda: app_id in vault.keys)
        await settle(pilot)
        assert app.screen is screen
        assert any("matches the application's public key" in m for m in notifications(app))
        # The same key again: nothing to replace, nothing asked.
        await paste(pilot, app_id, pair.private_pem)
        await wait_until(pilot, lambda: any("already stored" in m for m in notifications(app)))
        assert app.screen is screen


async def test_an_application_that_cannot_be_read_is_noted_and_the_key_stored():
    app = make_app(seeded_store(apps=1))
    vault = app.session.key_vault
    pem = generate_key_pair().private_pem
    async with app.run_test(size=SMALL) as pilot:
        await open_keys(pilot)
        await paste(pilot, "not-an-application", pem)
        await wait_until(pilot, lambda: "not-an-application" in vault.keys)
        await settle(pilot)
        assert any("not checked" in m and "no application" in m for m in notifications(app))
