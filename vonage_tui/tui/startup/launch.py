"""Turn command-line options into the app (the demo, or a real account's start-up) and run it."""

from __future__ import annotations

import argparse
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

from ...credentials import CredentialFlags
from .config import StartupConfig
from .flow import Startup

if TYPE_CHECKING:
    from ..app import VonageApp


def run_tui(options: argparse.Namespace) -> int:
    from ..app import VonageApp

    with ExitStack() as stack:
        if options.demo:
            from .demo import start_demo  # the emulator: only now, never for a normal start

            app = VonageApp(start_demo(stack, readonly=options.readonly,
                                       deadline=getattr(options, "timeout", None)))
        else:
            app = real_app(options)
        app.run()
        return app.return_code or 0


def real_app(options: argparse.Namespace, **config: Any) -> VonageApp:
    """The app for a real account: it starts on the credentials flow (``driver``).

    ``config`` goes to ``StartupConfig`` (tests: profiles store, KDF cost, API transport).
    """
    from ..app import VonageApp

    return VonageApp(startup=startup_from_options(options, **config))


def startup_from_options(options: argparse.Namespace, **config: Any) -> Startup:
    """The flow for ``vonage-tui`` with these command-line options (``config``: test seams)."""
    flags = CredentialFlags(profile=getattr(options, "profile", None),
                            api_key=getattr(options, "api_key", None),
                            api_url=getattr(options, "api_url", None))
    if deadline := getattr(options, "timeout", None):
        config["client_overrides"] = {"deadline": deadline, **config.get("client_overrides", {})}
    return Startup(StartupConfig(flags=flags, readonly=bool(getattr(options, "readonly", False)),
                                 **config))
