"""The users of an application: reached with `u`, paged by cursor both ways (read ahead, pages
seen kept), size and order, `/` over all users with an exact-name lookup, no key and key import,
delete, read-only."""

from __future__ import annotations


import httpx
from textual.command import CommandPalette

from tests.tui_harness import (SMALL, crowded_store, make_app, make_session, open_users, settle,
                               wait_until, with_keys)
from vonage_tui.credentials.key_vault import MemoryKeyVault
from vonage_tui.emulator import key_pool
from vonage_tui.secret import SecretStr
from vonage_tui.tui.app import VonageApp
from vonage_tui.tui.screens.applications import ApplicationsScreen
from vonage_tui.tui.screens.delete_user import DeleteUserModal
from vonage_tui.tui.screens.key_input import KeyInputModal
from vonage_tui.tui.screens.user_editor import UserEditorScreen
from vonage_tui.tui.screens.users import UsersScreen
from vonage_tui.tui.user_index import UserIndex


class CountingUsers(httpx.AsyncBaseTransport):
    """The emulator, counting the users list requests it answers."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.lists: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/users":
            self.lists.append(str(request.url.params.get("cursor", "")))
        return await self.inner.handle_async_request(request)


def shown_names(screen: UsersScreen) -> list[str]:
    return [str(user.name) for user in screen.rows.values()]


async def test_u_opens_the_users_of_the_selected_application_with_their_channels():
    store = crowded_store()
    app_id = list(store.applications)[1]
    app = make_app(store, vault=with_keys(store))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_users(pilot)
        assert screen.app_id == app_id
        expected = [u["name"] for u in list(store.users[app_id].values())[:20]]
        assert shown_names(screen) == expected
        status = str(screen.query_one("#users-status").render())
        assert "page 1 · 20 per page" in status and "key: the key store" in status
        assert "250 users" in status  # the index walked every cursor
        # The list sends only names; each shown user's channels are read and shown.
        first = next(iter(screen.rows.values()))
        kinds = " ".join(store.users[app_id][first.id].get("channels", {}))
        assert screen.details[first.id] is not None
        cell = screen.query_one("#users-table").get_cell("row-0", "channels")
        assert cell.plain == kinds.replace("websocket", "ws").replace("whatsapp", "wa") \
            .replace("messenger", "fb")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ApplicationsScreen))


async def test_paging_forward_is_read_ahead_and_back_uses_the_pages_seen():
    store = crowded_store()
    app_id = list(store.applications)[1]
    session = make_session(store, vault=with_keys(store))
    counting = CountingUsers(session.client_options["transport"])
    session.client_options["transport"] = counting
    app = VonageApp(session)
    everyone = [u["name"] for u in store.users[app_id].values()]
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_users(pilot)
        screen.workers.cancel_group(screen, "users-index")  # count only the pages' requests
        await settle(pilot)
        assert screen.pages.next_cursor in screen.pages.seen  # page 2 read ahead
        before = len(counting.lists)
        await pilot.press("n")
        assert shown_names(screen) == everyone[20:40]  # at once: no request was needed
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert shown_names(screen) == everyone[40:60]
        assert "page 3" in str(screen.query_one("#users-status").render())
        asked = len(counting.lists) - before
        await pilot.press("p")
        await settle(pilot)
        assert shown_names(screen) == everyone[20:40]
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert shown_names(screen) == everyone[:20]
        assert len(counting.lists) - before == asked  # back and first: from the pages seen
        await pilot.press("p")  # nothing before the first page
        await settle(pilot)
        assert screen.pages.page_number == 1


async def test_the_last_page_and_order_and_size():
    store = crowded_store()
    app_id = list(store.applications)[4]  # 120 users
    app = make_app(store, vault=with_keys(store))
    everyone = [u["name"] for u in store.users[app_id].values()]
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_users(pilot, row=4)
        await pilot.press("s")  # 20 → 50
        await settle(pilot)
        assert shown_names(screen) == everyone[:50]
        await pilot.press("n", "n")
        await settle(pilot)
        assert shown_names(screen) == everyone[100:]
        assert "last page" in str(screen.query_one("#users-status").render())
        await pilot.press("n")  # the end: stays
        await settle(pilot)
        assert screen.pages.page_number == 3
        await pilot.press("o")  # descending, from the first page
        await settle(pilot)
        assert screen.pages.page_number == 1
        assert shown_names(screen) == everyone[::-1][:50]
        assert "· desc" in str(screen.query_one("#users-status").render())


async def test_filter_searches_every_user_and_esc_clears_it():
    store = crowded_store()
    app = make_app(store, vault=with_keys(store))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_users(pilot)
        await pilot.press("slash", *"alarm")
        await settle(pilot)
        assert shown_names(screen) == ["[red]alarm[/red]"]  # on page 4, found from page 1
        assert "1 match among all 250 users" in str(screen.query_one("#users-status").render())
        await pilot.press("escape")
        await settle(pilot)
        assert screen.filter_text is None and len(screen.rows) == 20
        assert isinstance(app.screen, UsersScreen)


async def test_an_exact_name_is_asked_of_vonage_before_the_index_is_complete():
    store = crowded_store()
    app = make_app(store, vault=with_keys(store))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_users(pilot)
        screen.index = UserIndex()  # as if the walk had not got there yet
        await pilot.press("slash", *"every.channel.kind")
        await settle(pilot)
        assert shown_names(screen) == ["every.channel.kind"]
        assert "exact name found" in str(screen.query_one("#users-status").render())


async def test_enter_opens_the_user_editor_with_the_name_sanitised():
    store = crowded_store()
    app = make_app(store, vault=with_keys(store))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_users(pilot)
        await pilot.press("slash", *"control")
        await settle(pilot)
        await pilot.press("enter", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, UserEditorScreen))
        await settle(pilot)
        editor = app.screen
        root = editor.doc_tree.root.label.plain
        # The ESC is shown as a symbol; nothing reaches the terminal as control.
        assert root.startswith("control␛[31m.chars") and "\x1b" not in root
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)


async def test_delete_needs_the_name_or_id_typed_and_the_list_follows():
    store = crowded_store()
    app_id = list(store.applications)[1]
    app = make_app(store, vault=with_keys(store))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_users(pilot)
        await pilot.press("down", "down")
        victim = list(screen.rows.values())[2]
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DeleteUserModal))
        await pilot.press(*"wrong", "enter")
        await pilot.pause()
        assert victim.id in store.users[app_id]  # nothing deleted
        field = app.screen.query_one("#delete-typed")
        field.value = str(victim.name)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is screen)
        await settle(pilot)
        assert victim.id not in store.users[app_id]
        assert victim.name not in shown_names(screen)
        assert shown_names(screen)[-1] == list(store.users[app_id].values())[19]["name"]
        assert len(screen.index) == 249
        assert screen.query_one("#users-table").cursor_row == 2  # where it was: the next user


async def test_a_user_whose_name_cannot_be_typed_is_deleted_by_its_id():
    # The shared typed-delete dialog: the placeholder shows what can be typed (the id), and the
    # escaped name, which no one could type, is not accepted.
    store = crowded_store()
    app_id = list(store.applications)[1]
    app = make_app(store, vault=with_keys(store))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_users(pilot)
        victim = list(screen.rows.values())[0]
        results: list = []
        modal = DeleteUserModal(screen.client, app_id, str(victim.id), "evil\x1b[2J")
        await app.push_screen(modal, results.append)
        await wait_until(pilot, lambda: app.screen is modal)
        field = modal.query_one("#delete-typed")
        assert field.placeholder == victim.id
        field.value = "evil␛[2J"
        await pilot.press("enter")
        await pilot.pause()
        assert "does not match" in str(modal.query_one("#delete-error").render())
        assert victim.id in store.users[app_id]
        field.value = str(victim.id)
        await pilot.press("enter")
        await wait_until(pilot, lambda: results == [True])
        assert victim.id not in store.users[app_id]


async def test_read_only_offers_no_delete_and_no_key_import():
    store = crowded_store()
    app = make_app(store, readonly=True, vault=MemoryKeyVault())
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_users(pilot)
        assert screen.key_missing
        assert "read-only" in str(screen.query_one("#users-empty").render())
        for key in ("i", "v", "k", "d"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen
        active = {b.binding.id for b in screen.active_bindings.values() if b.enabled}
        assert not active & {"delete", "import", "paste", "rotate_key"}

    app = make_app(store, readonly=True, vault=with_keys(store))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_users(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert app.screen is screen and len(screen.rows) == 20


async def test_no_key_says_so_and_importing_a_matching_key_shows_the_users(tmp_path):
    store = crowded_store()
    app_id = list(store.applications)[1]
    key_file = tmp_path / "app.key"
    key_file.write_text(store.private_key_for(app_id))
    vault = MemoryKeyVault()
    app = make_app(store, vault=vault)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_users(pilot)
        assert screen.key_missing and not screen.rows
        said = str(screen.query_one("#users-empty").render())
        assert "No private key is stored for this application" in said
        assert "401" not in said
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, KeyInputModal))
        assert app.screen.query_one("#key-app-id").value == app_id
        app.screen.query_one("#key-path").value = str(key_file)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is screen)
        await settle(pilot)
        assert await vault.get(app_id) is not None
        assert not screen.key_missing and len(screen.rows) == 20


async def test_a_mismatched_key_says_which_and_offers_the_key_actions():
    store = crowded_store()
    app_id = list(store.applications)[1]
    wrong = next(p.private_pem for p in key_pool() if p.private_pem != store.private_key_for(app_id))
    app = make_app(store, vault=MemoryKeyVault({app_id: wrong}))
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_users(pilot)
        assert screen.refused
        said = str(screen.query_one("#users-empty").render())
        assert "does not match the application's public key" in said
        active = {b.binding.id for b in screen.active_bindings.values() if b.enabled}
        assert {"import", "paste", "rotate_key"} <= active


async def test_the_environment_key_applies_to_its_application_and_says_so():
    store = crowded_store()
    app_id = list(store.applications)[1]
    session = make_session(store, vault=MemoryKeyVault())
    session.client_options.update(application_id=app_id,
                                  private_key=SecretStr(store.private_key_for(app_id)))
    session.sources["private_key"] = "env VONAGE_PRIVATE_KEY_PATH"
    app = VonageApp(session)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_users(pilot)
        assert len(screen.rows) == 20
        assert "key: env VONAGE_PRIVATE_KEY_PATH" in str(screen.query_one("#users-status").render())
        await pilot.press("escape")
        other = await open_users(pilot, row=1)  # the next application: not the env's
        assert other.app_id != app_id and other.key_missing
        assert f"belongs to application {app_id}" in str(other.query_one("#users-empty").render())


async def test_the_palette_offers_users_of_the_selected_application():
    store = crowded_store()
    app = make_app(store, vault=with_keys(store))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("down")
        name = store.applications[list(store.applications)[1]]["name"]
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert any(title.startswith("Users of ") and name in title.replace("\\", "")
                   for title in titles)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"Users of")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, UsersScreen))
        assert app.screen.app_id == list(store.applications)[1]


async def test_u_in_the_application_editor_opens_its_users():
    from vonage_tui.tui.screens.application_editor import ApplicationEditorScreen

    store = crowded_store()
    app = make_app(store, vault=with_keys(store))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ApplicationEditorScreen))
        await settle(pilot)
        await pilot.press("u")
        await wait_until(pilot, lambda: isinstance(app.screen, UsersScreen))
        await settle(pilot)
        assert app.screen.app_id == list(store.applications)[1] and len(app.screen.rows) == 20


async def test_every_screen_and_modal_of_the_users_list_closes_with_escape():
    from tests.tui_harness import open_then_escape
    from vonage_tui.tui.screens.confirm import ConfirmModal
    from vonage_tui.tui.screens.help import HelpScreen

    store = crowded_store()
    app = make_app(store, vault=with_keys(store))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        home = app.screen
        await pilot.press("down")
        screen = await open_then_escape(pilot, ("u",), UsersScreen)
        assert app.screen is home
        await pilot.press("u")
        await wait_until(pilot, lambda: isinstance(app.screen, UsersScreen))
        await settle(pilot)
        screen = app.screen
        await open_then_escape(pilot, ("question_mark",), HelpScreen)
        await open_then_escape(pilot, ("ctrl+p",), CommandPalette)
        await open_then_escape(pilot, ("d",), DeleteUserModal)
        await open_then_escape(pilot, ("enter",), UserEditorScreen)
        await open_then_escape(pilot, ("c",), UserEditorScreen)
        from vonage_tui.tui.screens.file_prompt import FilePromptModal
        await open_then_escape(pilot, ("e",), FilePromptModal)
        await open_then_escape(pilot, ("a",), FilePromptModal)
        assert app.screen is screen
        screen.refused = True  # the key actions, as offered after a 401
        screen.refresh_bindings()
        await pilot.pause()
        await open_then_escape(pilot, ("i",), KeyInputModal)
        await open_then_escape(pilot, ("v",), KeyInputModal)
        await open_then_escape(pilot, ("ctrl+r",), ConfirmModal)  # rotate
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is home or not app.is_running)
        assert app.is_running and app.screen is home
