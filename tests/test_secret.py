"""``vonage_tui.secret.SecretStr``: pydantic's ``SecretStr`` without pydantic (start-up time),
as safe in a repr, a str or a log line, and interchangeable with pydantic's where a secret is
taken in."""

from __future__ import annotations

import copy
import subprocess
import sys

import pydantic

from vonage_tui.api import VonageClient
from vonage_tui.api.auth import basic_authorization
from vonage_tui.credentials.resolve import CredentialFlags, resolve_credentials
from vonage_tui.secret import SecretStr


def test_the_secret_never_shows_in_a_repr_str_or_format():
    secret = SecretStr("s3cr3t-value")
    for shown in (repr(secret), str(secret), f"{secret}", f"{secret!r}", repr([secret])):
        assert "s3cr3t" not in shown
    assert repr(secret) == repr(pydantic.SecretStr("s3cr3t-value")) == "SecretStr('**********')"
    assert str(secret) == str(pydantic.SecretStr("s3cr3t-value")) == "**********"
    assert repr(SecretStr("")) == "SecretStr('')" and str(SecretStr("")) == ""
    assert secret.get_secret_value() == "s3cr3t-value"


def test_equality_hash_length_and_copies_follow_the_value():
    assert SecretStr("a") == SecretStr("a") and SecretStr("a") != SecretStr("b")
    assert SecretStr("a") != "a"  # a secret is not its text
    assert hash(SecretStr("a")) == hash(SecretStr("a")) and len(SecretStr("abc")) == 3
    assert copy.deepcopy(SecretStr("a")) == SecretStr("a")
    assert {SecretStr("a"), SecretStr("a")} == {SecretStr("a")}


def test_a_pydantic_secret_counts_as_one_and_is_never_turned_into_asterisks():
    theirs = pydantic.SecretStr("their-secret")
    assert isinstance(theirs, SecretStr)
    assert not isinstance("plain text", SecretStr)
    assert SecretStr("their-secret") == theirs
    client = VonageClient("key", theirs)
    assert client._api_secret.get_secret_value() == "their-secret"
    ours = SecretStr("their-secret")
    assert basic_authorization("key", theirs) == basic_authorization("key", ours)
    resolved = resolve_credentials(CredentialFlags(api_key="k", api_secret=theirs), environ={})
    assert resolved.api_secret.value.get_secret_value() == "their-secret"


def test_importing_it_loads_no_pydantic():
    code = "import sys, vonage_tui.secret; print('pydantic' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
