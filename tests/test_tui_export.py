"""Export an application to JSON, apply a JSON file to one, clone one from a file."""

from __future__ import annotations

import json

import pytest

from tests.tui_harness import SMALL, answer_path, make_app, seeded_store, wait_until
from vonage_tui.keys import keys_match
from vonage_tui.operations.export import (
    DocumentFileError,
    apply_plan,
    clone_document,
    export_document,
    parse_document,
    read_document_file,
    write_export,
)
from vonage_tui.tui.flows.apply import run_apply
from vonage_tui.tui.flows.clone import run_clone
from vonage_tui.tui.flows.common import launch
from vonage_tui.tui.flows.outcomes import Applied, Cancelled, Exported
from vonage_tui.tui.flows.export import run_export
from vonage_tui.tui.screens.confirm import ConfirmModal
from vonage_tui.tui.screens.diff_preview import DiffPreview
from vonage_tui.tui.screens.file_prompt import FilePromptModal



def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


SERVER_DOC = {
    "id": "a1",
    "name": "Shop",
    "keys": {"public_key": "PUB", "private_key": "SECRET"},
    "capabilities": {"vbc": {}, "voice": {"payments": {"gateways": []}}},
    "_links": {"self": {"href": "/v2/applications/a1"}},
}


# -- pure parts -------------------------------------------------------------------------------

def test_export_drops_private_key_and_links_and_keeps_unknown_fields():
    exported = export_document(SERVER_DOC)
    assert exported == {"id": "a1", "name": "Shop", "keys": {"public_key": "PUB"},
                        "capabilities": {"vbc": {}, "voice": {"payments": {"gateways": []}}}}
    assert SERVER_DOC["keys"]["private_key"] == "SECRET"


def test_write_export_refuses_to_overwrite_unless_asked(tmp_path):
    target = tmp_path / "a.json"
    write_export(target, "one")
    with pytest.raises(FileExistsError):
        write_export(target, "two")
    write_export(target, "three", overwrite=True)
    assert target.read_text() == "three"


@pytest.mark.parametrize("text, message", [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "must hold one JSON object"),
    ('{"capabilities": {}}', "name is required"),
    ('{"name": "x", "capabilities": {"voice": {"conversations_ttl": 0}}}',
     "capabilities.voice.conversations_ttl must be between 1 and 9000"),
])
def test_bad_documents_say_why(text, message):
    with pytest.raises(DocumentFileError, match=message):
        parse_document(text)


def test_unreadable_file_says_why(tmp_path):
    with pytest.raises(DocumentFileError, match="cannot read"):
        read_document_file(tmp_path / "missing.json")


def test_apply_plan_keeps_the_id_and_replaces_everything_else():
    file_document = {"id": "other", "name": "Renamed", "capabilities": {"vbc": {}},
                     "_links": {"self": {"href": "x"}}}
    plan = apply_plan(SERVER_DOC, file_document)
    # The unknown voice.payments is gone: the file does not have it, and a PUT replaces.
    assert plan.replacement == {"id": "a1", "name": "Renamed", "keys": {"public_key": "PUB"},
                                "capabilities": {"vbc": {}}}
    assert not plan.changes_key
    assert apply_plan(SERVER_DOC, {"name": "k", "keys": {"public_key": "NEW"}}).changes_key


def test_clone_document_drops_identity_and_takes_the_new_key():
    cloned = clone_document(SERVER_DOC | {"extra": 1}, "NEWPUB")
    assert cloned == {"name": "Shop", "keys": {"public_key": "NEWPUB"},
                      "capabilities": {"vbc": {}, "voice": {"payments": {"gateways": []}}},
                      "extra": 1}


# -- the flows in the TUI ------------------------------------------------------------------------

async def test_export_apply_round_trip_changes_only_what_the_file_changed(tmp_path):
    store = seeded_store(apps=2)
    app = make_app(store)
    app_id = next(iter(store.applications))
    target = tmp_path / "app.json"
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        launch(app, run_export(app.services, app_id), results.append)
        await answer_path(pilot, target)
        await wait_until(pilot, lambda: results)
        assert results == [Exported(str(target.resolve()))]
        exported = json.loads(target.read_text())
        assert exported["id"] == app_id and "_links" not in exported
        assert "private_key" not in exported.get("keys", {})

        # Export again to the same path: asked before replacing; "no" keeps the file.
        target.write_text("previous")
        launch(app, run_export(app.services, app_id), results.append)
        await answer_path(pilot, target)
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(results) == 2)
        assert results[1] == Cancelled() and target.read_text() == "previous"

        exported["name"] = "Renamed from file"
        target.write_text(json.dumps(exported))
        before = store.applications[app_id]
        launch(app, run_apply(app.services, app_id), results.append)
        await answer_path(pilot, target)
        await wait_until(pilot, lambda: isinstance(app.screen, DiffPreview))
        assert [c.name for c in app.screen.changes] == ["name"]
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: len(results) == 3)
        assert results[2] == Applied(app_id)
    after = store.applications[app_id]
    assert after["name"] == "Renamed from file"
    assert {k: v for k, v in after.items() if k != "name"} == {
        k: v for k, v in before.items() if k != "name"}


async def test_apply_bad_json_sends_nothing_and_says_why(tmp_path):
    store = seeded_store(apps=1)
    app = make_app(store)
    app_id = next(iter(store.applications))
    before = dict(store.applications[app_id])
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x",')
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        launch(app, run_apply(app.services, app_id), results.append)
        await answer_path(pilot, bad)
        await wait_until(pilot, lambda: results)
        assert results == [Cancelled()]
        assert any("not valid JSON" in m for m in notifications(app))
    assert store.applications[app_id] == before


async def test_file_prompt_rejects_a_missing_file(tmp_path):
    app = make_app(seeded_store(apps=1))
    app_id = "whatever"
    async with app.run_test(size=SMALL) as pilot:
        launch(app, run_apply(app.services, app_id))
        await answer_path(pilot, tmp_path / "nope.json")
        await pilot.pause()
        assert isinstance(app.screen, FilePromptModal)
        assert "does not exist" in str(app.screen.query_one("#file-path-error").render())
        await pilot.press("escape")


async def test_clone_creates_a_new_application_with_a_new_stored_key(tmp_path):
    store = seeded_store(apps=1)
    app = make_app(store)
    original_id = next(iter(store.applications))
    source = tmp_path / "source.json"
    source.write_text(json.dumps(store.get_application(original_id)))
    results: list = []
    async with app.run_test(size=SMALL) as pilot:
        launch(app, run_clone(app.services), results.append)
        await answer_path(pilot, source)
        await wait_until(pilot, lambda: isinstance(app.screen, DiffPreview))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: results)
        new_id = results[0].app_id
        private = await app.session.key_vault.get(new_id)
    assert new_id and new_id != original_id
    original, clone = store.applications[original_id], store.applications[new_id]
    assert keys_match(private, clone["keys"]["public_key"])
    assert clone["keys"]["public_key"] != original["keys"]["public_key"]
    assert clone["capabilities"] == original["capabilities"]
    assert clone["name"] == original["name"]
