"""What one run of the start-up flow is given: flags, environment, stores, and test seams."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ...credentials import DEFAULT_TIMEOUT, CredentialFlags, ProfileStore

if TYPE_CHECKING:  # the modules behind these load keyring and keyrings.cryptfile
    from ...credentials import KdfParams, KnownBackend


class StartupConfig:
    # A plain class, not a dataclass: every start builds one, and a dataclass's generated
    # methods are compiled at import (~0.5 ms); nothing compares or copies a config.

    def __init__(self, flags: CredentialFlags | None = None, readonly: bool = False,
                 environ: Mapping[str, str] | None = None, profiles: ProfileStore | None = None,
                 kdf: KdfParams | None = None, timeout: float = DEFAULT_TIMEOUT,
                 client_overrides: dict[str, Any] | None = None,
                 backend_candidates: tuple[KnownBackend, ...] | None = None) -> None:
        self.flags = CredentialFlags() if flags is None else flags
        self.readonly = readonly
        self.environ = environ
        """None: the process environment."""
        self.profiles = ProfileStore() if profiles is None else profiles
        self.kdf = kdf
        """Argon2 cost of the encrypted file (tests pass cheap parameters); None: its default."""
        self.timeout = timeout
        """Seconds any keyring call may take."""
        self.client_overrides: dict[str, Any] = ({} if client_overrides is None
                                                 else client_overrides)
        """Extra ``VonageClient`` arguments for every client made (tests: the emulator
        transport)."""
        self.backend_candidates = backend_candidates
        """The OS keyrings to try, in order; None: ``OS_BACKENDS``."""

    @property
    def env(self) -> Mapping[str, str]:
        return os.environ if self.environ is None else self.environ
