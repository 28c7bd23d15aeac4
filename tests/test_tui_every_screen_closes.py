"""Every screen and modal reachable from the applications list and the application editor opens
and closes with esc in a running app, which stays up and returns to the screen it came from.

A worker named ``remove`` once made leaving the private keys screen crash the app: closing is
where Textual calls into our screens, so every one of them is closed here.
"""

from __future__ import annotations

from textual.command import CommandPalette

from tests.startup_harness import connected, make_real_app
from tests.tui_harness import (
    SMALL,
    make_app,
    on,
    open_then_escape,
    seeded_store,
    settle,
    wait_until,
)
from vonage_tui import keys
from vonage_tui.credentials import Profile, ProfileStore
from vonage_tui.tui.screens.application_editor import ApplicationEditorScreen
from vonage_tui.tui.screens.application_editor_modals import CapabilityPicker, ConflictModal
from vonage_tui.tui.screens.applications import ApplicationsScreen
from vonage_tui.tui.screens.confirm import ConfirmModal
from vonage_tui.tui.screens.credentials import CredentialsScreen
from vonage_tui.tui.screens.create_application import CreateApplicationScreen
from vonage_tui.tui.screens.delete_application import DeleteApplicationModal
from vonage_tui.tui.screens.diff_preview import DiffPreview
from vonage_tui.tui.screens.file_prompt import FilePromptModal
from vonage_tui.tui.screens.help import HelpScreen
from vonage_tui.tui.screens.key_input import KeyInputModal
from vonage_tui.tui.screens.private_keys import PrivateKeysScreen
from vonage_tui.tui.screens.profiles import ProfilesScreen
from vonage_tui.credentials.key_vault import MemoryKeyVault


async def test_every_screen_and_modal_of_the_list_closes_with_escape():
    store = seeded_store(apps=3)
    vault = MemoryKeyVault()
    app = make_app(store, vault=vault)
    first_id = None
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, ApplicationsScreen)
        first_id = home.selected_id()
        await vault.put(first_id, keys.generate_key_pair().private_pem)

        await open_then_escape(pilot, ("question_mark",), HelpScreen)
        await open_then_escape(pilot, ("ctrl+p",), CommandPalette)
        await open_then_escape(pilot, ("c",), CreateApplicationScreen)
        await open_then_escape(pilot, ("d",), DeleteApplicationModal)
        await open_then_escape(pilot, ("ctrl+r",), ConfirmModal)  # rotate key
        await open_then_escape(pilot, ("e",), FilePromptModal)  # export
        await open_then_escape(pilot, ("a",), FilePromptModal)  # apply a file
        await open_then_escape(pilot, ("C",), FilePromptModal)  # clone a file
        await settle(pilot)

        # The private keys screen, each of its dialogs, then the screen itself.
        await pilot.press("K")
        await wait_until(pilot, lambda: isinstance(app.screen, PrivateKeysScreen))
        await settle(pilot)
        for key in ("i", "v", "N"):
            await open_then_escape(pilot, (key,), KeyInputModal)
        await open_then_escape(pilot, ("d",), ConfirmModal)  # remove the stored key
        await open_then_escape(pilot, ("question_mark",), HelpScreen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is home or not app.is_running)
        assert app.is_running and app.screen is home
        assert await vault.get(first_id) is not None  # esc removed nothing

        await open_then_escape(pilot, ("enter",), ApplicationEditorScreen)
        assert app.is_running and app.screen is home
    assert app.return_code in (None, 0)


async def test_every_modal_of_the_editor_closes_with_escape():
    store = seeded_store(apps=3)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        home = app.screen
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ApplicationEditorScreen))
        await settle(pilot)
        editor = app.screen
        assert editor.state is not None
        app_id = editor.app_id

        await open_then_escape(pilot, ("question_mark",), HelpScreen)
        await open_then_escape(pilot, ("ctrl+p",), CommandPalette)
        await open_then_escape(pilot, ("ctrl+r",), ConfirmModal)  # rotate key
        await open_then_escape(pilot, ("e",), FilePromptModal)  # export
        await settle(pilot)

        # A capability to add: remove one first (its confirmation is closed once with esc).
        editor.doc_tree.move_to(("capabilities", "voice"))
        await pilot.pause()
        await open_then_escape(pilot, ("x",), ConfirmModal)
        editor.state.remove(("capabilities", "voice"))
        await editor.render_state()
        editor.doc_tree.move_to(())
        await pilot.pause()
        await open_then_escape(pilot, ("a",), CapabilityPicker)

        # With an edit: the save's preview, the conflict question, the question on leaving.
        await open_then_escape(pilot, ("ctrl+s",), DiffPreview)
        await wait_until(pilot, lambda: not editor.saving)
        store.applications[app_id]["name"] = "Renamed behind the editor's back"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, DiffPreview))
        await pilot.pause()
        await open_then_escape(pilot, ("ctrl+s",), ConflictModal, back_to=editor)
        await wait_until(pilot, lambda: not editor.saving)
        await open_then_escape(pilot, ("escape",), ConfirmModal)  # discard your changes?
        assert app.screen is editor and editor.state.dirty

        # Esc with no edits leaves the editor for the list.
        editor.state.discard(editor.state.base)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is home or not app.is_running)
        assert app.is_running and app.screen is home


async def test_profiles_screen_and_its_dialogs_close_with_escape(memory_keyring):
    ProfileStore().upsert(Profile("work", api_key="test0key", api_url="http://127.0.0.1"),
                          make_default=True)
    ProfileStore().upsert(Profile("staging", api_key="test0key", api_url="http://localhost"))
    for name in ("work", "staging"):
        memory_keyring.entries[("vonage-tui", f"profile:{name}:api_secret")] = "test-secret-not-real"
    app = make_real_app()
    async with app.run_test(size=SMALL) as pilot:
        await connected(pilot)
        home = app.screen
        await pilot.press("P")
        await wait_until(pilot, on(ProfilesScreen)(pilot))
        await pilot.app.workers.wait_for_complete()
        profiles = app.screen
        await open_then_escape(pilot, ("question_mark",), HelpScreen)
        await open_then_escape(pilot, ("c",), CredentialsScreen)  # add a profile
        await open_then_escape(pilot, ("e",), CredentialsScreen)  # a new secret for this one
        await open_then_escape(pilot, ("down", "d"), ConfirmModal)  # delete the other profile?
        assert app.screen is profiles
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is home or not app.is_running)
        assert app.is_running and app.screen is home
