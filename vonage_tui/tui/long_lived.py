"""Objects that will live long, kept out of the garbage collector's full walks.

A full (generation 2) collection walks every object the collector tracks, with the event loop
stopped: after 10,000 applications are indexed that is a stall of 30-60 ms here, at whatever
moment the collector picks (paging, a keystroke). The app freezes what start-up made
(``VonageApp.on_mount``); a filled index is frozen the same way. Frozen objects are still freed
by reference counting when the index is dropped (its entries hold no cycles); the app unfreezes
everything on exit.
"""

from __future__ import annotations

import gc


def long_lived_from_now() -> None:
    """Everything alive now (a just-completed index above all) leaves the full walks."""
    gc.freeze()
