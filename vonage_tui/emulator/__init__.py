"""A local Vonage API: the Application API v2 and Users API v1, faithful enough to develop,
test and demo against, with seed data, latency and fault injection.

Imports only ``vonage_tui.models`` and ``vonage_tui.keys`` from the project, never the client
it exists to test.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import DEMO_API_KEY, DEMO_API_SECRET, create_app
    from .faults import FAULT_HEADER, FAULT_KINDS, FaultPlan, fault_schedule
    from .hostile import HOSTILE_KINDS
    from .problems import Problem
    from .seed import KEY_POOL_SIZE, key_pool
    from .server import DemoServer
    from .store import EmulatorStore

# Loaded on first use (PEP 562): importing one part (the store, the seed) does not pull in
# Starlette and uvicorn, which only the served app needs.
_HOMES = {
    "DEMO_API_KEY": "app",
    "DEMO_API_SECRET": "app",
    "create_app": "app",
    "FAULT_HEADER": "faults",
    "FAULT_KINDS": "faults",
    "FaultPlan": "faults",
    "fault_schedule": "faults",
    "HOSTILE_KINDS": "hostile",
    "Problem": "problems",
    "KEY_POOL_SIZE": "seed",
    "key_pool": "seed",
    "DemoServer": "server",
    "EmulatorStore": "store",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "DEMO_API_KEY",
    "DEMO_API_SECRET",
    "FAULT_HEADER",
    "FAULT_KINDS",
    "HOSTILE_KINDS",
    "KEY_POOL_SIZE",
    "DemoServer",
    "EmulatorStore",
    "FaultPlan",
    "Problem",
    "create_app",
    "fault_schedule",
    "key_pool",
]
