"""Profiles: named sets of non-secret settings, kept side by side in one TOML file.

A profile names an API key, the API host, where its secrets live (``os`` keyring or an encrypted
``cryptfile``) and optionally a default application. The API secret and private keys are never
in this file: they are in the secret store, under the profile's name and the application's id.

File: ``$XDG_CONFIG_HOME/vonage-tui/profiles.toml``::

    default = "work"

    [profiles."work"]
    "api_key" = "abcd1234"
    "api_url" = "https://api-eu-3.vonage.com"
    "backend" = "os"
    "application_id" = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"

Keys this version does not know are kept when the file is rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from .errors import InvalidProfile, ProfileFileError, ProfileNotFound
from .paths import config_dir, write_private_file

PROFILES_FILE_NAME = "profiles.toml"
DEFAULT_API_URL = "https://api.nexmo.com"

SecretBackendName = Literal["os", "cryptfile"]
SECRET_BACKENDS: tuple[SecretBackendName, ...] = ("os", "cryptfile")

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


class ApiHost:
    """A Vonage API host a profile can point at, with the region label the UI shows."""

    # A plain class, not a frozen dataclass: every start imports this module, and the
    # dataclass's generated methods cost ~0.6 ms to compile at import.
    __slots__ = ("url", "label")

    def __init__(self, url: str, label: str) -> None:
        self.url = url
        self.label = label


API_HOSTS: tuple[ApiHost, ...] = (
    ApiHost(DEFAULT_API_URL, "global (default)"),
    ApiHost("https://api-us-3.vonage.com", "na-east"),
    ApiHost("https://api-us-4.vonage.com", "na-west"),
    ApiHost("https://api-eu-4.vonage.com", "eu-east"),
    ApiHost("https://api-eu-3.vonage.com", "eu-west"),
    ApiHost("https://api-ap-3.vonage.com", "apac-sng"),
    ApiHost("https://api-ap-4.vonage.com", "apac-australia"),
)


def api_host_label(url: str) -> str | None:
    """The region label of a known host (``"eu-west"``), None for any other URL."""
    normal = url.rstrip("/")
    return next((host.label for host in API_HOSTS if host.url == normal), None)


@dataclass(frozen=True)
class Profile:
    name: str
    api_key: str | None = None
    api_url: str = DEFAULT_API_URL
    backend: SecretBackendName = "os"
    application_id: str | None = None  # the application whose users open by default
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        validate_profile_name(self.name)
        if self.backend not in SECRET_BACKENDS:
            raise InvalidProfile(
                f"secret backend must be one of {', '.join(SECRET_BACKENDS)}, not {self.backend!r}"
            )
        object.__setattr__(self, "api_url", normalise_api_url(self.api_url))
        object.__setattr__(self, "api_key", _blank_to_none(self.api_key))
        object.__setattr__(self, "application_id", _blank_to_none(self.application_id))

    def with_changes(self, **changes: Any) -> Profile:
        """A copy with some fields changed, validated again."""
        return replace(self, **changes)


@dataclass(frozen=True)
class ProfileBook:
    """Every profile in the file, in file order, and the one to open by default."""

    profiles: tuple[Profile, ...] = ()
    default: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def names(self) -> list[str]:
        return [profile.name for profile in self.profiles]

    def get(self, name: str) -> Profile:
        for profile in self.profiles:
            if profile.name == name:
                return profile
        raise ProfileNotFound(f"There is no profile named {name!r}.")

    def default_profile(self) -> Profile | None:
        """The default profile; the first one when no valid default is recorded."""
        if self.default is not None:
            for profile in self.profiles:
                if profile.name == self.default:
                    return profile
        return self.profiles[0] if self.profiles else None

    def with_profile(self, profile: Profile) -> ProfileBook:
        """Add ``profile`` or replace the one of the same name (keeping its position)."""
        if profile.name in self.names:
            profiles = tuple(profile if p.name == profile.name else p for p in self.profiles)
        else:
            profiles = (*self.profiles, profile)
        return replace(self, profiles=profiles)

    def without_profile(self, name: str) -> ProfileBook:
        self.get(name)
        default = None if self.default == name else self.default
        profiles = tuple(p for p in self.profiles if p.name != name)
        return replace(self, profiles=profiles, default=default)

    def with_default(self, name: str | None) -> ProfileBook:
        if name is not None:
            self.get(name)
        return replace(self, default=name)


def validate_profile_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME.match(name):
        raise InvalidProfile(
            "A profile name is 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit."
        )
    return name


def normalise_api_url(url: str) -> str:
    """``url`` without a trailing slash, if it is https (or http to this machine, for the emulator)."""
    text = (url or "").strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise InvalidProfile(f"The API URL must look like {DEFAULT_API_URL}.")
    if parts.scheme == "http" and parts.hostname not in _LOOPBACK_HOSTS:
        # Basic auth and JWTs over plain HTTP would expose the credentials on the network.
        raise InvalidProfile("The API URL must use https (http only for 127.0.0.1 / localhost).")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise InvalidProfile("The API URL must not carry a query, fragment or user information.")
    return text


def parse_profiles(text: str) -> ProfileBook:
    """A ``ProfileBook`` from the TOML text of the profiles file."""
    import tomllib  # here: a start with no profiles file (the environment's) skips it

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProfileFileError(f"The profiles file is not valid TOML: {error}") from error
    tables = document.pop("profiles", {})
    default = document.pop("default", None)
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        raise ProfileFileError("In the profiles file, [profiles.<name>] entries must be tables.")
    if default is not None and not isinstance(default, str):
        raise ProfileFileError("In the profiles file, 'default' must be a profile name.")
    profiles = []
    for name, table in tables.items():
        table = dict(table)
        known = {key: table.pop(key) for key in _PROFILE_KEYS if key in table}
        if not all(isinstance(value, str) for value in known.values()):
            raise ProfileFileError(f"Profile {name!r}: its settings must be strings.")
        try:
            profiles.append(Profile(name=name, **known, extra=table))
        except InvalidProfile as error:
            raise ProfileFileError(f"Profile {name!r}: {error}") from error
    return ProfileBook(profiles=tuple(profiles), default=default, extra=document)


def render_profiles(book: ProfileBook) -> str:
    """The TOML text of ``book``, readable by ``parse_profiles``."""
    document: dict[str, Any] = {}
    if book.default is not None:
        document["default"] = book.default
    document.update(book.extra)
    tables: dict[str, Any] = {}
    for profile in book.profiles:
        table: dict[str, Any] = {"api_url": profile.api_url, "backend": profile.backend}
        if profile.api_key is not None:
            table["api_key"] = profile.api_key
        if profile.application_id is not None:
            table["application_id"] = profile.application_id
        table.update(profile.extra)
        tables[profile.name] = table
    document["profiles"] = tables
    from . import toml_writer  # only to write the file: a start only reads it (if any)

    return toml_writer.dumps(document)


_PROFILE_KEYS = ("api_key", "api_url", "backend", "application_id")


class ProfileStore:
    """The profiles file: read it, change it, write it back atomically (mode 0600, dir 0700)."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path

    @property
    def path(self) -> Path:
        # Resolved on use, not at construction, so a changed XDG_CONFIG_HOME is honoured.
        return self._path or config_dir() / PROFILES_FILE_NAME

    def load(self) -> ProfileBook:
        """Every profile; an empty book when the file does not exist yet."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ProfileBook()
        except (OSError, UnicodeDecodeError) as error:
            raise ProfileFileError(f"Cannot read {self.path}: {error}") from error
        return parse_profiles(text)

    def save(self, book: ProfileBook) -> None:
        try:
            write_private_file(self.path, render_profiles(book))
        except OSError as error:
            raise ProfileFileError(f"Cannot write {self.path}: {error}") from error

    # Conveniences for a UI: each is one load-change-save.

    def profiles(self) -> tuple[Profile, ...]:
        return self.load().profiles

    def get(self, name: str) -> Profile:
        return self.load().get(name)

    def default_profile(self) -> Profile | None:
        return self.load().default_profile()

    def upsert(self, profile: Profile, *, make_default: bool = False) -> None:
        """Add or replace a profile; the first profile saved becomes the default."""
        book = self.load().with_profile(profile)
        if make_default or book.default is None:
            book = book.with_default(profile.name)
        self.save(book)

    def delete(self, name: str) -> None:
        """Remove a profile (its keyring secret is the caller's to delete)."""
        self.save(self.load().without_profile(name))

    def set_default(self, name: str) -> None:
        """Record ``name`` as the profile to open next time (the last one used)."""
        self.save(self.load().with_default(name))

    def rename(self, old: str, new: str) -> Profile:
        """Rename a profile; the caller moves its keyring secret (its entry name changes)."""
        book = self.load()
        profile = book.get(old)
        if new != old and new in book.names:
            raise InvalidProfile(f"A profile named {new!r} already exists.")
        renamed = replace(profile, name=new)
        profiles = tuple(renamed if p.name == old else p for p in book.profiles)
        default = new if book.default == old else book.default
        self.save(replace(book, profiles=profiles, default=default))
        return renamed


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None
