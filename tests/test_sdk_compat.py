"""Another client of the Vonage API uses the emulator unchanged: the official Python SDK.

The SDK only speaks HTTPS (``vonage_http_client`` builds ``https://{api_host}{path}``), so the
emulator is served over TLS with a throwaway CA made here, and ``requests`` is pointed at that
CA through ``REQUESTS_CA_BUNDLE``. Nothing in the emulator bends to the SDK.
"""

from __future__ import annotations

import datetime
import ipaddress
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from vonage import Auth, HttpClientOptions, Vonage
from vonage_application import (
    ApplicationConfig,
    ApplicationUrl,
    Capabilities,
    ListApplicationsFilter,
    Messages,
    MessagesWebhooks,
    Voice,
    VoiceUrl,
    VoiceWebhooks,
)
from vonage_http_client.errors import AuthenticationError, NotFoundError
from vonage_users import Channels, ListUsersFilter, PstnChannel, SmsChannel, User

from vonage_tui.emulator import DemoServer, EmulatorStore, create_app
from vonage_tui.keys import keys_match

API_KEY = "sdk-key"
API_SECRET = "sdk-secret"


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_tls_files(directory: Path) -> tuple[Path, Path, Path]:
    """A one-off CA and a server certificate for 127.0.0.1 signed by it (EC keys: instant)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    valid = dict(not_valid_before=now - datetime.timedelta(minutes=5),
                 not_valid_after=now + datetime.timedelta(hours=1))  # fmt: skip
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder(subject_name=_name("emulator test CA"), issuer_name=_name("emulator test CA"),
                                public_key=ca_key.public_key(), serial_number=x509.random_serial_number(),
                                **valid)  # fmt: skip
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                          content_commitment=False, key_encipherment=False, data_encipherment=False,
                          key_agreement=False, encipher_only=False, decipher_only=False),
            critical=True,
        )  # fmt: skip
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = (
        x509.CertificateBuilder(subject_name=_name("127.0.0.1"), issuer_name=ca.subject,
                                public_key=server_key.public_key(),
                                serial_number=x509.random_serial_number(), **valid)  # fmt: skip
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = directory / "ca.pem", directory / "cert.pem", directory / "key.pem"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(server.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    return ca_path, cert_path, key_path


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A seeded emulator over HTTPS on loopback, shared by this module's tests."""
    ca, cert, key = make_tls_files(tmp_path_factory.mktemp("tls"))
    store = EmulatorStore.seeded(apps=3, users_per_app=3, seed=21)
    app = create_app(store, api_key=API_KEY, api_secret=API_SECRET)
    with DemoServer(app, ssl_certfile=str(cert), ssl_keyfile=str(key)) as server:
        assert server.url == f"https://127.0.0.1:{server.port}"
        yield store, server, ca


@pytest.fixture
def sdk_options(served, monkeypatch) -> HttpClientOptions:
    store, server, ca = served
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    return HttpClientOptions(api_host=f"127.0.0.1:{server.port}", timeout=10, max_retries=0)


def test_the_sdk_manages_applications(served, sdk_options):
    store, _, _ = served
    vonage = Vonage(Auth(api_key=API_KEY, api_secret=API_SECRET), sdk_options)
    apps = vonage.application

    first, next_page = apps.list_applications(ListApplicationsFilter(page_size=2, page=1))
    assert [a.id for a in first] == list(store.applications)[:2] and next_page == 2
    rest, none = apps.list_applications(ListApplicationsFilter(page_size=2, page=2))
    assert [a.id for a in rest] == list(store.applications)[2:3] and none is None

    config = ApplicationConfig(
        name="Made by the SDK",
        capabilities=Capabilities(
            voice=Voice(
                webhooks=VoiceWebhooks(
                    answer_url=VoiceUrl(address="https://example.com/answer", http_method="GET",
                                        connect_timeout=500, socket_timeout=3000),
                    event_url=VoiceUrl(address="https://example.com/event", http_method="POST"),
                ),
                region="eu-west",
            ),
        ),
    )  # fmt: skip
    created = apps.create_application(config)
    assert created.link == f"/v2/applications/{created.id}"
    private_key = created.keys.model_extra["private_key"]
    assert keys_match(private_key, created.keys.public_key)
    assert store.applications[created.id]["name"] == "Made by the SDK"

    fetched = apps.get_application(created.id)
    assert fetched.capabilities.voice.region == "eu-west"
    assert "private_key" not in (fetched.keys.model_extra or {})

    messages_only = ApplicationConfig(
        name="Renamed by the SDK",
        capabilities=Capabilities(
            messages=Messages(
                webhooks=MessagesWebhooks(
                    inbound_url=ApplicationUrl(address="https://example.com/in", http_method="POST"),
                    status_url=ApplicationUrl(address="https://example.com/st", http_method="POST"),
                )
            )
        ),
    )  # fmt: skip
    updated = apps.update_application(created.id, messages_only)
    assert updated.name == "Renamed by the SDK"
    assert updated.capabilities.voice is None and updated.capabilities.messages.version == "v1"
    assert updated.keys.public_key == created.keys.public_key

    apps.delete_application(created.id)
    with pytest.raises(NotFoundError):
        apps.get_application(created.id)

    wrong = Vonage(Auth(api_key=API_KEY, api_secret="nope"), sdk_options)
    with pytest.raises(AuthenticationError):
        wrong.application.list_applications()


def test_the_sdk_manages_users_with_its_own_jwts(served, sdk_options):
    store, _, _ = served
    app_id = list(store.applications)[1]  # the busy one
    auth = Auth(application_id=app_id, private_key=store.private_key_for(app_id))
    users = Vonage(auth, sdk_options).users

    seen, cursor = [], None
    for _ in range(40):
        page, cursor = users.list_users(ListUsersFilter(page_size=25, cursor=cursor))
        seen += [u.id for u in page]
        if cursor is None:
            break
    assert seen == list(store.users[app_id])

    created = users.create_user(
        User(name="sdk.user", display_name="SDK User",
             channels=Channels(pstn=[PstnChannel(number=447700900123)],
                               sms=[SmsChannel(number="447700900123")]))
    )  # fmt: skip
    assert created.id.startswith("USR-")
    assert created.link == f"{served[1].url}/v1/users/{created.id}"
    assert users.get_user("sdk.user").id == created.id

    updated = users.update_user(created.id, User(display_name="Renamed"))
    assert updated.display_name == "Renamed"
    assert updated.name == "sdk.user" and updated.channels.pstn[0].number == 447700900123

    by_name, _ = users.list_users(ListUsersFilter(name="sdk.user"))
    assert [u.id for u in by_name] == [created.id]

    users.delete_user(created.id)
    with pytest.raises(NotFoundError):
        users.get_user(created.id)
    assert created.id not in store.users[app_id]


def test_the_sdk_really_verifies_the_emulators_certificate(served, sdk_options, monkeypatch):
    import requests

    monkeypatch.delenv("REQUESTS_CA_BUNDLE")
    vonage = Vonage(Auth(api_key=API_KEY, api_secret=API_SECRET), sdk_options)
    with pytest.raises(requests.exceptions.SSLError):
        vonage.application.list_applications()
