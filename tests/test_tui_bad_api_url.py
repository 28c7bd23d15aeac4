"""A bad API URL at start-up is a clear message, not a crash (issue 7, defect 7)."""

from __future__ import annotations

import argparse

from tests.startup_harness import make_real_app
from tests.tui_harness import API_KEY, API_SECRET, SMALL, on, wait_until
from vonage_tui.cli import build_parser
from vonage_tui.tui.startup.launch import startup_from_options
from vonage_tui.tui.screens.confirm import ConfirmModal


async def test_an_out_of_range_port_in_the_environment_says_so_and_the_app_lives():
    environ = {"VONAGE_API_KEY": API_KEY, "VONAGE_API_SECRET": API_SECRET,
               "VONAGE_API_URL": "http://127.0.0.1:99999"}
    app = make_real_app(environ=environ)
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, on(ConfirmModal)(pilot))
        modal = pilot.app.screen
        assert modal.title_text == "Cannot use this API URL"
        assert "port must be between 1 and 65535, not 99999" in str(modal.message)
        assert "from env VONAGE_API_URL" in str(modal.message)
        assert pilot.app.is_running and pilot.app.client is None
        await pilot.press("escape")  # "Quit"
        await wait_until(pilot, lambda: not pilot.app.is_running)
    assert app.return_value == 1  # the start-up flow quits with 1


def test_the_call_timeout_comes_from_the_flag_or_the_environment(monkeypatch):
    assert build_parser().parse_args([]).timeout is None
    assert build_parser().parse_args(["--timeout", "12.5"]).timeout == 12.5
    monkeypatch.setenv("VONAGE_TUI_TIMEOUT", "7")
    assert build_parser().parse_args([]).timeout == 7.0
    monkeypatch.setenv("VONAGE_TUI_TIMEOUT", "soon")
    try:
        build_parser().parse_args([])
    except SystemExit as exit_:
        assert exit_.code == 2
    else:
        raise AssertionError("a bad VONAGE_TUI_TIMEOUT must be reported")
    options = argparse.Namespace(profile=None, api_key=None, api_url=None, readonly=False,
                                 timeout=12.5)
    startup = startup_from_options(options, client_overrides={"transport": None})
    assert startup.config.client_overrides == {"deadline": 12.5, "transport": None}


async def test_the_credentials_form_puts_an_impossible_port_at_the_url_field():
    from vonage_tui.secret import SecretStr

    from vonage_tui.tui.startup.config import StartupConfig
    from vonage_tui.tui.startup.flow import Startup
    from vonage_tui.tui.startup.steps import CredentialsForm, FormProblem

    flow = Startup(StartupConfig(environ={}))
    form = CredentialsForm("work", API_KEY, SecretStr(API_SECRET), "http://127.0.0.1:99999")
    step = await flow.check_and_save(form)
    assert isinstance(step, FormProblem) and step.fields == ("api_url",)
    assert "port must be between 1 and 65535" in step.message
