"""``vonage-tui --demo``: the emulator served on loopback, and a session signed in to it.

The only start-up module that imports the emulator (Starlette, uvicorn): ``launch`` imports
this one only for ``--demo``, so a normal start never loads them.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any

# The demo signs in with the emulator's own demo credentials.
from ...emulator import DEMO_API_KEY, DEMO_API_SECRET
from ...credentials.key_vault import MemoryKeyVault
from ..session import Session

DEMO_APPS = 60
DEMO_USERS_PER_APP = 12
DEMO_SEED = 7


def start_demo(stack: ExitStack, *, readonly: bool = False,
               deadline: float | None = None) -> Session:
    """Serve the emulator on a free loopback port for as long as ``stack`` is open."""
    from ...emulator import DemoServer, EmulatorStore, create_app

    store = EmulatorStore.seeded(apps=DEMO_APPS, users_per_app=DEMO_USERS_PER_APP, seed=DEMO_SEED)
    server = DemoServer(create_app(store, api_key=DEMO_API_KEY, api_secret=DEMO_API_SECRET))
    url = server.start()
    stack.callback(server.stop)
    # The demo never touches the user's keyring: its keys live in memory for this run.
    keys = {app_id: pem for app_id in store.applications if (pem := store.private_key_for(app_id))}
    options: dict[str, Any] = {"api_key": DEMO_API_KEY, "api_secret": DEMO_API_SECRET,
                               "base_url": url}
    if deadline:
        options["deadline"] = deadline
    return Session(
        client_options=options,
        key_vault=MemoryKeyVault(keys),
        profile_name="demo",
        demo=True,
        readonly=readonly,
        sources={"api_key": "demo", "api_secret": "demo", "api_url": "demo"},
    )
