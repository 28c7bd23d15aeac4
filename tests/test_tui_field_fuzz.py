"""Fuzzed text typed into the real screens: a message at the field, no request, no crash.

Few examples (each starts the app), drawn from the kinds of input that went wrong before:
numbers out of range or of thousands of digits, URLs with control characters, bad schemes or
ports, names with ESC or NUL, huge and odd unicode.
"""

from __future__ import annotations

import asyncio
import shutil
from typing import Any

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from tests.create_harness import fill, open_form
from tests.editor_harness import ANSWER, VOICE, app_on, focus_field, open_editor, retype, row
from tests.emulator_http import WriteCounter
from tests.tui_harness import SMALL, seeded_store, settle
from vonage_tui.credentials.paths import state_dir
from vonage_tui.models import APPLICATION_RULES
from vonage_tui.models.limits import rule_for
from vonage_tui.tui.editing.values import parse_text
from vonage_tui.tui.screens.create_application import CreateApplicationScreen
from vonage_tui.tui.screens.diff_preview import DiffPreview

CONTROL = st.sampled_from([chr(code) for code in [*range(0, 32), 127, *range(0x80, 0xA0)]])
ODD = st.sampled_from(["\u202e", "\u200b", "\u2028", "\u00a0", "𒐫", "٣", "[", "]", "/"])
JUNK = st.one_of(st.text(alphabet=st.one_of(st.characters(), CONTROL, ODD), max_size=40),
                 st.sampled_from(["[b]x[/b]", "[/payments]", "\x1b[2J", "x" * 3000]))

FIELDS = {
    "connect_timeout": (*ANSWER, "connect_timeout"),
    "conversations_ttl": (*VOICE, "conversations_ttl"),
    "address": (*ANSWER, "address"),
    "name": ("name",),
}
BAD_TEXT = {
    "connect_timeout": st.one_of(
        st.integers().filter(lambda n: not 300 <= n <= 1000).map(str),
        st.text(alphabet="0123456789", min_size=20, max_size=5000), JUNK),
    "conversations_ttl": st.one_of(
        st.integers().filter(lambda n: not 1 <= n <= 9000).map(str), JUNK),
    "address": st.one_of(
        st.builds(lambda scheme, rest: f"{scheme}://{rest}",
                  st.sampled_from(["ftp", "https", "http", "javascript"]), JUNK),
        st.builds(lambda junk, control: f"https://example.com/{junk}{control}", JUNK, CONTROL),
        st.sampled_from(["https://example.com:99999/", "https://[", "http://", "ftp://bad"])),
    "name": st.one_of(
        st.builds(lambda a, c, b: a + c + b, JUNK, CONTROL, JUNK), st.just("   ")),
}
FUZZ = settings(max_examples=15, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@st.composite
def bad_field_input(draw: Any) -> tuple[str, str]:
    field = draw(st.sampled_from(sorted(FIELDS)))
    return field, draw(BAD_TEXT[field])


@given(case=bad_field_input())
@FUZZ
@example(case=("address", "https://example.com/\x1b[2J"))  # urlsplit kept the ESC
@example(case=("connect_timeout", "9" * 5000))  # int() raised on 4,301 digits and more
@example(case=("name", "ops\x1b]0;owned\x07"))
def test_bad_text_in_an_editor_field_is_said_at_the_field_and_never_sent(
        case: tuple[str, str]) -> None:
    field, text = case
    path = FIELDS[field]
    _value, reason = parse_text(rule_for(APPLICATION_RULES, path), text)
    assume(reason is not None)  # the strategy aims at bad input; the rare good one is skipped
    asyncio.run(type_into_editor_and_save(path, text))


async def type_into_editor_and_save(path: tuple, text: str) -> None:
    # Examples share the test's XDG tree: the last one's journaled edits would be offered.
    shutil.rmtree(state_dir(), ignore_errors=True)
    store = seeded_store(apps=1, users_per_app=0)
    app_id = next(iter(store.applications))
    writes = WriteCounter()
    app = app_on(store, wrap=writes.wrap)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_editor(pilot, app_id)
        await focus_field(pilot, screen, path)
        await retype(pilot, text)
        await pilot.press("ctrl+s")
        await pilot.pause(0.1)  # not settle(): a wrongly opened preview would hold its worker
        await pilot.pause()
        error = row(screen, path).query_one(".field-error")
        assert error.display and str(error.render()).startswith("✗ "), repr(text)
        assert not isinstance(app.screen, DiffPreview)
        assert screen.state.invalid()
        assert writes.count == 0
        assert app.is_running
    assert app.return_code in (None, 0)


@given(name=st.one_of(st.builds(lambda a, c, b: a + c + b, JUNK, CONTROL, JUNK)),
       base_url=st.one_of(st.just(""), st.builds(lambda junk, c: f"https://x.example/{junk}{c}",
                                                  JUNK, CONTROL)))
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# A tab inside a name, and one at the end of a URL (trimming must not hide it): found by this test.
@example(name="ab\tc", base_url="https://x.example/\t")
def test_bad_text_in_the_create_form_is_said_at_the_field_and_never_sent(
        name: str, base_url: str) -> None:
    assume(name.strip())
    asyncio.run(fill_create_form_and_submit(name, base_url))


async def fill_create_form_and_submit(name: str, base_url: str) -> None:
    store = seeded_store(apps=1, users_per_app=0)
    writes = WriteCounter()
    app = app_on(store, wrap=writes.wrap)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = await open_form(pilot, [])
        fill(screen, name=name, capabilities=["voice"] if base_url else [], base_url=base_url)
        await pilot.press("ctrl+s")
        await pilot.pause(0.1)  # not settle(): a wrongly opened preview would hold its worker
        await pilot.pause()
        assert isinstance(app.screen, CreateApplicationScreen)
        name_error = screen.query_one("#create-name-error")
        assert name_error.display and "control characters" in str(name_error.render())
        if base_url:
            url_error = screen.query_one("#create-base-url-error")
            assert url_error.display and "http" in str(url_error.render())
        assert writes.count == 0
        assert app.is_running
