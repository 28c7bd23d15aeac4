"""The client's TLS verification: httpx's verifying context for https; for a loopback http
API (the emulator, --demo) a context that trusts no CA, so nothing reads the CA bundle at
start and any TLS attempt would fail rather than pass unverified."""

from __future__ import annotations

import ssl

from vonage_tui.api.origin import checked_base_url, tls_verification


def test_an_https_api_is_verified_against_the_ca_bundle():
    assert tls_verification(checked_base_url("https://api.nexmo.com")) is True
    assert tls_verification(checked_base_url("https://127.0.0.1:8443")) is True


def test_a_loopback_http_api_gets_a_context_that_trusts_nothing():
    context = tls_verification(checked_base_url("http://127.0.0.1:8000"))
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert context.cert_store_stats()["x509_ca"] == 0
