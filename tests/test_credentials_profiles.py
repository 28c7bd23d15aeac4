"""Profiles: the TOML file round trip, quoting, validation, atomic private writes."""

from __future__ import annotations

import os
import stat
import tomllib

import pytest

from vonage_tui.credentials import (
    API_HOSTS,
    DEFAULT_API_URL,
    InvalidProfile,
    Profile,
    ProfileBook,
    ProfileFileError,
    ProfileNotFound,
    ProfileStore,
    api_host_label,
    config_dir,
    parse_profiles,
    render_profiles,
)
from vonage_tui.credentials import toml_writer


def test_profiles_file_lives_in_xdg_config_home(tmp_path):
    assert ProfileStore().path == tmp_path / "xdg" / "config" / "vonage-tui" / "profiles.toml"


def test_config_dir_falls_back_to_dot_config(monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert config_dir() == tmp_path / "home" / ".config" / "vonage-tui"


def test_round_trip_keeps_every_profile_their_order_and_the_default():
    store = ProfileStore()
    work = Profile("work", api_key="abcd1234", api_url="https://api-eu-3.vonage.com/", backend="os",
                   application_id="aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
    lab = Profile("lab.test_2", api_key="ffff0000", backend="cryptfile")
    store.upsert(work)
    store.upsert(lab, make_default=True)

    book = ProfileStore().load()
    assert book.names == ["work", "lab.test_2"]
    assert book.get("work") == work
    assert book.get("work").api_url == "https://api-eu-3.vonage.com"  # trailing slash dropped
    assert book.get("lab.test_2") == lab
    assert book.get("lab.test_2").api_url == DEFAULT_API_URL
    assert book.default == "lab.test_2"
    assert store.default_profile() == lab


def test_first_saved_profile_becomes_the_default_and_set_default_records_the_last_used():
    store = ProfileStore()
    store.upsert(Profile("one"))
    store.upsert(Profile("two"))
    assert store.load().default == "one"
    store.set_default("two")
    assert store.default_profile().name == "two"
    with pytest.raises(ProfileNotFound):
        store.set_default("three")


def test_delete_and_rename():
    store = ProfileStore()
    store.upsert(Profile("one", api_key="k1"))
    store.upsert(Profile("two", api_key="k2"))
    renamed = store.rename("one", "uno")
    assert renamed.api_key == "k1"
    assert store.load().names == ["uno", "two"]
    assert store.load().default == "uno"
    with pytest.raises(InvalidProfile):
        store.rename("uno", "two")
    store.delete("uno")
    book = store.load()
    assert book.names == ["two"]
    assert book.default is None and book.default_profile().name == "two"
    with pytest.raises(ProfileNotFound):
        store.delete("uno")


def test_missing_file_is_an_empty_book():
    assert ProfileStore().load() == ProfileBook()
    assert ProfileStore().default_profile() is None


def test_writer_quotes_any_string_so_tomllib_reads_it_back():
    nasty = 'quote " back\\slash \t tab \n newline \x00 nul \x7f del é ü 😀 [table] = "x"'
    document = {
        "plain": nasty,
        "numbers": [1, 2.5, -3],
        "flag": True,
        "nested": {'key with "quotes"': {"deep": nasty, "off": False}},
    }
    assert tomllib.loads(toml_writer.dumps(document)) == document


def test_unknown_keys_survive_a_rewrite():
    text = """
default = "work"
theme = "dark"

[profiles.work]
api_key = "abcd1234"
future_setting = 3
[profiles.work.keymap]
quit = "ctrl+q"
"""
    book = parse_profiles(text)
    again = tomllib.loads(render_profiles(book))
    assert again["theme"] == "dark"
    assert again["profiles"]["work"]["future_setting"] == 3
    assert again["profiles"]["work"]["keymap"] == {"quit": "ctrl+q"}
    assert parse_profiles(render_profiles(book)) == book


@pytest.mark.parametrize(
    "changes",
    [
        {"name": ""},
        {"name": "has space"},
        {"name": "colon:name"},  # would break the keyring entry name
        {"api_url": "ftp://api.nexmo.com"},
        {"api_url": "http://api.nexmo.com"},  # plain HTTP to a remote host
        {"api_url": "https://"},
        {"backend": "plaintext"},
    ],
)
def test_invalid_profiles_are_refused(changes):
    with pytest.raises(InvalidProfile):
        Profile(**{"name": "ok", **changes})


def test_http_is_allowed_to_the_local_emulator():
    assert Profile("demo", api_url="http://127.0.0.1:8765/").api_url == "http://127.0.0.1:8765"


def test_bad_files_raise_profile_file_errors():
    with pytest.raises(ProfileFileError):
        parse_profiles("profiles = [")
    with pytest.raises(ProfileFileError):
        parse_profiles('[profiles.work]\napi_url = "gopher://x"\n')
    with pytest.raises(ProfileFileError):
        parse_profiles("[profiles.work]\napi_key = 12\n")


def test_file_is_0600_in_a_0700_dir_and_written_atomically(monkeypatch):
    store = ProfileStore()
    store.upsert(Profile("work", api_key="abcd1234"))
    path = store.path
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert os.listdir(path.parent) == ["profiles.toml"]  # no temp file left behind

    # A write that fails half way leaves the previous file whole and no temp file.
    before = path.read_text()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ProfileFileError, match="No space left"):
        store.upsert(Profile("other"))
    assert path.read_text() == before
    assert os.listdir(path.parent) == ["profiles.toml"]


def test_an_existing_loose_config_dir_is_tightened(tmp_path):
    directory = tmp_path / "xdg" / "config" / "vonage-tui"
    directory.mkdir(mode=0o755)
    os.chmod(directory, 0o755)
    ProfileStore().upsert(Profile("work"))
    assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700


def test_regional_hosts_have_their_labels():
    labels = {host.url: host.label for host in API_HOSTS}
    assert labels == {
        "https://api.nexmo.com": "global (default)",
        "https://api-us-3.vonage.com": "na-east",
        "https://api-us-4.vonage.com": "na-west",
        "https://api-eu-4.vonage.com": "eu-east",
        "https://api-eu-3.vonage.com": "eu-west",
        "https://api-ap-3.vonage.com": "apac-sng",
        "https://api-ap-4.vonage.com": "apac-australia",
    }
    assert api_host_label("https://api-ap-4.vonage.com/") == "apac-australia"
    assert api_host_label("https://example.com") is None
