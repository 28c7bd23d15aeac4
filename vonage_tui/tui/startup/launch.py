"""Turn command-line options into the app (the demo, or a real account's start-up) and run it."""

from __future__ import annotations

from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

from ...credentials import CredentialFlags
from .config import StartupConfig
from .flow import Startup
from .steps import Connect

if TYPE_CHECKING:
    import argparse
    from types import SimpleNamespace

    from ..app import VonageApp
    from ..session import Session


def run_tui(options: argparse.Namespace | SimpleNamespace) -> int:
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


def real_app(options: argparse.Namespace | SimpleNamespace, **config: Any) -> VonageApp:
    """The app for a real account: it starts on the credentials flow (``driver``), or, when
    flags and environment already have the key and secret, straight on the applications (no
    start screen, no worker: the first page is asked for as soon as the app has mounted).

    ``config`` goes to ``StartupConfig`` (tests: profiles store, KDF cost, API transport).
    """
    from ..app import VonageApp

    startup = startup_from_options(options, **config)
    try:
        step = startup.without_store()
    except Exception:  # noqa: BLE001
        # Not here, before the app runs (a crash report could show a secret): the flow meets
        # the same error in the app, where ``driver._safely`` turns it into trouble to retry.
        step = None
    if isinstance(step, Connect) and _usable_base_url(step.session):
        return VonageApp(step.session, startup=startup)
    return VonageApp(startup=startup)


def _usable_base_url(session: Session) -> bool:
    """Whether a client can be made for the session's URL; if not, the credentials flow
    says why (e.g. VONAGE_API_URL=http://127.0.0.1:99999), where a retry is offered."""
    from ...api import ApiError
    from ...api.origin import DEFAULT_BASE_URL, checked_base_url

    try:
        checked_base_url(session.client_options.get("base_url", DEFAULT_BASE_URL))
    except ApiError:
        return False
    return True


def startup_from_options(options: argparse.Namespace | SimpleNamespace, **config: Any) -> Startup:
    """The flow for ``vonage-tui`` with these command-line options (``config``: test seams)."""
    flags = CredentialFlags(profile=getattr(options, "profile", None),
                            api_key=getattr(options, "api_key", None),
                            api_url=getattr(options, "api_url", None))
    if deadline := getattr(options, "timeout", None):
        config["client_overrides"] = {"deadline": deadline, **config.get("client_overrides", {})}
    return Startup(StartupConfig(flags=flags, readonly=bool(getattr(options, "readonly", False)),
                                 **config))
