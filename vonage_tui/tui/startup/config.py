"""What one run of the start-up flow is given: flags, environment, stores, and test seams."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...credentials import DEFAULT_TIMEOUT, CredentialFlags, ProfileStore

if TYPE_CHECKING:  # the modules behind these load keyring and keyrings.cryptfile
    from ...credentials import KdfParams, KnownBackend


@dataclass
class StartupConfig:
    flags: CredentialFlags = field(default_factory=CredentialFlags)
    readonly: bool = False
    environ: Mapping[str, str] | None = None
    """None: the process environment."""
    profiles: ProfileStore = field(default_factory=ProfileStore)
    kdf: KdfParams | None = None
    """Argon2 cost of the encrypted file (tests pass cheap parameters); None: its default."""
    timeout: float = DEFAULT_TIMEOUT
    """Seconds any keyring call may take."""
    client_overrides: dict[str, Any] = field(default_factory=dict)
    """Extra ``VonageClient`` arguments for every client made (tests: the emulator transport)."""
    backend_candidates: tuple[KnownBackend, ...] | None = None
    """The OS keyrings to try, in order; None: ``OS_BACKENDS``."""

    @property
    def env(self) -> Mapping[str, str]:
        return os.environ if self.environ is None else self.environ
