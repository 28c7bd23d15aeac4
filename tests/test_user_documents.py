"""The user editor's documents without a terminal: the PATCH that carries exactly an edit (as
the emulator's merge applies it), create bodies, export/apply plans, and the editor's state and
outline (channel entries added and removed, limits, JSON objects)."""

from __future__ import annotations

import copy
import json

import pytest

from vonage_tui.emulator.documents import merge_patch
from vonage_tui.operations.export import DocumentFileError
from vonage_tui.operations.user_documents import (
    create_body,
    parse_user_document,
    patch_body,
    user_apply_plan,
)
from vonage_tui.tui.editing.user_outline import (
    addable_at,
    build_user_outline,
    is_removable,
    panel_fields,
)
from vonage_tui.tui.editing.user_state import UserEditorState
from vonage_tui.tui.editing.values import UNSET, parse_text
from vonage_tui.models import USER_RULES

USER = {
    "id": "USR-1",
    "name": "ada",
    "display_name": "Ada",
    "properties": {"custom_data": {"team": "ops", "level": 3}, "ttl": 60},
    "channels": {
        "sip": [{"uri": "sip:a@example.com", "username": "a"}],
        "pstn": [{"number": 447700900001}, {"number": 447700900002}],
        "whatsapp": [{"number": "447700900001"}],
    },
    "future_field": {"kept": True},
    "_links": {"self": {"href": "https://api.example/v1/users/USR-1"}},
}


def server_side(base: dict, body: dict) -> dict:
    """What the emulator stores after the PATCH (RFC 7396 merge, server fields as they were)."""
    return merge_patch(base, body)


def test_one_sip_entry_changed_sends_only_channels_whole_as_edited() -> None:
    edited = copy.deepcopy(USER)
    edited["channels"]["sip"][0]["uri"] = "sips:b@example.com"
    body = patch_body(USER, edited)
    assert body == {"channels": edited["channels"]}
    assert server_side(USER, body) == edited


def test_nothing_changed_is_an_empty_patch_and_key_order_is_no_change() -> None:
    reordered = dict(reversed(list(USER.items())))
    assert patch_body(USER, copy.deepcopy(USER)) == {}
    assert patch_body(USER, reordered) == {}


def test_removals_are_null_at_the_top_and_inside_objects() -> None:
    edited = copy.deepcopy(USER)
    del edited["display_name"]
    del edited["channels"]["whatsapp"]
    del edited["properties"]["custom_data"]["level"]
    body = patch_body(USER, edited)
    assert body["display_name"] is None
    assert body["channels"]["whatsapp"] is None
    assert body["properties"] == {"custom_data": {"team": "ops", "level": None}, "ttl": 60}
    assert set(body) == {"display_name", "channels", "properties"}
    assert server_side(USER, body) == edited


def test_a_removed_list_entry_replaces_the_list() -> None:
    edited = copy.deepcopy(USER)
    del edited["channels"]["pstn"][0]
    body = patch_body(USER, edited)
    assert body["channels"]["pstn"] == [{"number": 447700900002}]
    assert server_side(USER, body) == edited


def test_type_changes_count_and_server_fields_never_go() -> None:
    edited = copy.deepcopy(USER)
    edited["properties"]["ttl"] = True  # 1 == True in Python, not in JSON
    edited["id"] = "USR-other"
    edited["_links"] = {}
    assert patch_body({**USER, "properties": {**USER["properties"], "ttl": 1}}, edited) == {
        "properties": edited["properties"]}


def test_create_body_leaves_an_empty_name_to_the_api() -> None:
    assert create_body({"name": "", "channels": {"sms": [{"number": "1"}]}}) == {
        "channels": {"sms": [{"number": "1"}]}}
    assert create_body({"id": "x", "name": "bob"}) == {"name": "bob"}


def test_apply_plan_sets_the_files_top_level_fields_and_keeps_the_rest() -> None:
    plan = user_apply_plan(USER, {"id": "USR-file", "display_name": "Ada L.",
                                  "channels": {"sms": [{"number": "1"}]}})
    assert plan.body == {"display_name": "Ada L.",
                         "channels": {"sms": [{"number": "1"}], "sip": None, "pstn": None,
                                      "whatsapp": None}}
    assert plan.result["id"] == "USR-1" and plan.result["future_field"] == {"kept": True}
    assert server_side(USER, plan.body) == {**plan.result,
                                             "_links": USER["_links"]}


def test_a_file_that_breaks_the_limits_is_refused_with_its_reasons() -> None:
    bad = json.dumps({"channels": {"sip": [{"uri": "http://nope"}]}})
    with pytest.raises(DocumentFileError, match=r"channels\.sip\[0\]\.uri must match"):
        parse_user_document(bad)
    with pytest.raises(DocumentFileError, match="not valid JSON"):
        parse_user_document("{")


# -- the editor's state and outline ----------------------------------------------------------


def test_outline_lists_channel_entries_unknown_fields_and_kinds_to_add() -> None:
    outline = build_user_outline(USER)
    by_path = {node.path: node for node in outline.walk()}
    assert by_path[("channels", "sip", 0)].kind == "object"
    assert by_path[("channels", "sip", 0)].key == "[0]"
    assert by_path[("channels", "sip", 0, "uri")].kind == "field"
    assert by_path[("properties", "custom_data")].kind == "field"  # a JSON object, one field
    assert by_path[("future_field",)].kind == "unknown"
    assert by_path[("channels", "websocket")].kind == "absent"
    assert ("id",) not in by_path and ("_links",) not in by_path
    names = [spec.path[-1] for spec in panel_fields(USER, ("channels", "sip", 0))]
    assert names == ["uri", "username", "password"]  # password: known, not set


def test_entries_are_added_from_templates_and_removed() -> None:
    state = UserEditorState.loaded(USER)
    added = state.add(("channels", "websocket"))  # an absent kind: a list with one entry
    assert added == ("channels", "websocket", 0)
    assert state.working["channels"]["websocket"] == [
        {"uri": "", "content-type": "audio/l16;rate=16000"}]
    assert ("channels", "websocket", 0, "uri") in state.invalid()  # required, left empty
    second = state.add(("channels", "pstn", 1, "number"))  # from a field of an entry
    assert second == ("channels", "pstn", 2)
    assert addable_at(state.working, ("name",)) is None
    assert is_removable(state.working, ("channels", "pstn", 0))
    assert not is_removable(state.working, ("name",))
    state.remove(("channels", "pstn", 0))
    assert len(state.working["channels"]["pstn"]) == 2


def test_limits_of_every_channel_kind_judge_only_what_changed() -> None:
    state = UserEditorState.loaded(USER)
    state.set_value(("channels", "sip", 0, "uri"), "http://not-sip")
    state.set_value(("properties", "ttl"), 2147483649)
    invalid = state.invalid()
    assert invalid[("channels", "sip", 0, "uri")].startswith("must match")
    assert invalid[("properties", "ttl")] == "must be between 0 and 2147483648 s"
    state.set_value(("name",), UNSET)
    assert "cannot be removed" in state.invalid()[("name",)]
    assert "name" not in UserEditorState.new_user().invalid()  # the API makes one


@pytest.mark.parametrize(("path", "text", "reason"), [
    (("channels", "websocket", 0, "uri"), "https://x", "must match"),
    (("channels", "websocket", 0, "uri"), "wss://media.example.com/socket", None),
    (("channels", "sip", 0, "uri"), "sips:+4412@example.com;transport=tls", None),
    (("channels", "pstn", 0, "number"), "44 77", "must be a whole number"),
    (("properties", "custom_data"), '{"a": 1', "is not valid JSON"),
    (("properties", "custom_data"), "[1]", "must be a JSON object"),
    (("properties", "custom_data"), '{"a": [1, {"b": null}]}', None),
    (("channels", "websocket", 0, "headers"), '{"customer_id": "ABC123"}', None),
])
def test_fields_parse_as_the_spec_says(path: tuple, text: str, reason: str | None) -> None:
    from vonage_tui.models import rule_for

    rule = rule_for(USER_RULES, path)
    assert rule is not None
    value, got = parse_text(rule, text)
    if reason is None:
        assert got is None, got
    else:
        assert got is not None and got.startswith(reason), got
    if path[-1] in ("custom_data", "headers") and got is None:
        assert value == json.loads(text)
