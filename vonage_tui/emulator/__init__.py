"""A local Vonage API: the Application API v2 and Users API v1, faithful enough to develop,
test and demo against, with seed data, latency and fault injection.

Imports only ``vonage_tui.models`` and ``vonage_tui.keys`` from the project, never the client
it exists to test.
"""

from .app import DEMO_API_KEY, DEMO_API_SECRET, create_app
from .faults import FAULT_HEADER, FAULT_KINDS, FaultPlan, fault_schedule
from .hostile import HOSTILE_KINDS
from .problems import Problem
from .seed import KEY_POOL_SIZE, key_pool
from .server import DemoServer
from .store import EmulatorStore

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
