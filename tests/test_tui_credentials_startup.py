"""The start-up flow's logic without the UI: locked and slow keyrings, check failures, sources."""

from __future__ import annotations

import ssl
import time

import httpx
from keyring.errors import KeyringLocked

from tests.memory_keyring import MemoryKeyring, unregistered
from vonage_tui.api import AuthenticationError, TransportError
from vonage_tui.credentials import CredentialFlags, Profile, ProfileStore
from vonage_tui.tui.startup.config import StartupConfig
from vonage_tui.tui.startup.flow import Startup
from vonage_tui.tui.startup.steps import AskCredentials, Connect, StoreTrouble
from vonage_tui.tui.startup.texts import check_problem, sources_line


@unregistered
class LockedKeyring(MemoryKeyring):
    locked = True

    def get_password(self, service, username):
        if LockedKeyring.locked:
            raise KeyringLocked("the collection is locked")
        return super().get_password(service, username)


@unregistered
class SlowKeyring(MemoryKeyring):
    def get_password(self, service, username):
        time.sleep(0.5)
        return None


def startup(**config) -> Startup:
    return Startup(StartupConfig(environ={}, **config))


async def test_locked_keyring_says_unlock_then_retry_gets_in():
    import keyring

    backend = LockedKeyring()
    backend.entries[("vonage-tui", "profile:work:api_secret")] = "s3cret-value"
    keyring.set_keyring(backend)
    ProfileStore().upsert(Profile("work", api_key="abcd1234"))
    flow = startup()
    step = await flow.begin()
    assert isinstance(step, StoreTrouble)
    assert step.title == "Keyring locked"
    assert "Unlock your keyring" in step.message
    assert "s3cret-value" not in step.message
    LockedKeyring.locked = False
    try:
        step = await flow.retry()
    finally:
        LockedKeyring.locked = True
    assert isinstance(step, Connect)
    assert step.session.sources["api_secret"].startswith("keyring")


async def test_a_keyring_that_does_not_answer_is_trouble_not_a_hang():
    import keyring

    keyring.set_keyring(SlowKeyring())
    ProfileStore().upsert(Profile("work", api_key="abcd1234"))
    step = await startup(timeout=0.1).begin()
    assert isinstance(step, StoreTrouble)
    assert "did not answer" in step.message


async def test_unknown_profile_flag_opens_the_form_for_that_name():
    step = await startup(flags=CredentialFlags(profile="ops")).begin()
    assert isinstance(step, AskCredentials)
    assert step.profile is None and step.profile_name == "ops"


def test_check_failures_land_on_the_field_to_fix():
    assert check_problem(AuthenticationError("Unauthorized", status=401), "u").fields == (
        "api_key", "api_secret")
    request = httpx.Request("GET", "https://api.example.com/v2/applications")
    tls = httpx.ConnectError("handshake failed", request=request)
    tls.__cause__ = ssl.SSLCertVerificationError("certificate verify failed")
    from vonage_tui.api.responses import transport_error

    problem = check_problem(transport_error(tls, "GET", "/v2/applications"), "u")
    assert problem.fields == ("api_url",) and problem.message.startswith("TLS failure")
    refused = check_problem(TransportError("Cannot connect to api.example.com"), "u")
    assert refused.fields == ("api_url",) and refused.message.startswith("Host unreachable")


def test_sources_line_names_each_credential_source():
    line = sources_line({"api_key": "env VONAGE_API_KEY", "api_secret": "keyring (Secret Service)",
                         "api_url": "default"})
    assert line == ("API key: env VONAGE_API_KEY · API secret: keyring (Secret Service) · "
                    "URL: default")


async def test_new_secret_for_a_profile_keeps_its_other_settings():
    """Editing a profile rewrites it from the old one: unknown settings and the default
    application survive, and the secret goes to the profile's own store."""
    from vonage_tui.secret import SecretStr

    from tests.tui_harness import API_KEY, API_SECRET
    from vonage_tui.emulator import EmulatorStore, create_app
    from vonage_tui.tui.startup.steps import CredentialsForm

    store = ProfileStore()
    store.upsert(Profile("work", api_key=API_KEY, api_url="http://127.0.0.1",
                         application_id="app-1", extra={"theme": "dark"}))
    transport = httpx.ASGITransport(app=create_app(EmulatorStore(), api_key=API_KEY,
                                                   api_secret=API_SECRET))
    flow = startup(client_overrides={"transport": transport})
    editing = store.get("work")
    form = CredentialsForm("work", API_KEY, SecretStr(API_SECRET), "http://127.0.0.1")
    step = await flow.check_and_save(form, editing=editing)
    assert isinstance(step, Connect)
    saved = ProfileStore().get("work")
    assert saved.application_id == "app-1"
    assert dict(saved.extra).get("theme") == "dark"
